"""The main window: views on the left, the request list, the selected request's detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMainWindow, QSplitter, QTableView, QToolBar,
                               QVBoxLayout, QWidget)

from desktop.context import AppContext, Reference
from desktop.models.requests import CLOCK_COLUMNS, ClockRole
from desktop.menus import build_menus
from desktop.operations import DeskQuery
from desktop.reminders import ReminderWatcher
from desktop.screens.detail import RequestDetailPane
from desktop.widgets.countdown import CountdownDelegate
from desktop.widgets.list_filters import FilterBar, SearchingRequestModel, ViewCounts, view_text
from desktop.workspaces import REQUESTS, Workspaces
from sync.changes import Changes
from sync.list_types import RequestFilter, View

if TYPE_CHECKING:
    from desktop.screens.intake_dialog import IntakeDialog

TICK_MS = 30_000


class MainWindow(QMainWindow):
    ready = Signal()          # the first list has loaded

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self._title()
        self.model = SearchingRequestModel(ctx, self)     # two-stage search (list_filters)
        self.filters = FilterBar(ctx, self)
        self.view_counts = ViewCounts(ctx, self)
        self._intake: IntakeDialog | None = None

        self.views = QListWidget(objectName="views")
        for view, text in self._view_names():
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, view.value)
            self.views.addItem(item)
        self.views.setCurrentRow(0)
        self.views.setMaximumWidth(180)

        self.table = QTableView(objectName="requestTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((100, 220, 80, 78, 78, 96, 56, 110, 170, 90)):
            self.table.setColumnWidth(column, width)
        self.countdowns = CountdownDelegate(ClockRole, self.table)
        for column in CLOCK_COLUMNS.values():
            self.table.setItemDelegateForColumn(column, self.countdowns)

        self.detail = RequestDetailPane(ctx, self)
        list_pane = QWidget(objectName="listPane")
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(2)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.views)
        splitter.addWidget(list_pane)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([140, 900, 420])
        self.workspaces = Workspaces(ctx, splitter, self)
        self.workspaces.built.connect(self._workspace_built)
        self.workspaces.currentChanged.connect(self._workspace_shown)
        self.setCentralWidget(self.workspaces)

        self._toolbar()
        build_menus(self)
        self.count_label = QLabel(objectName="countLabel")
        self.clock_label = QLabel(objectName="clockLabel")
        self.overdue_label = QLabel(objectName="overdueLabel")
        self.outbox_label = QLabel(objectName="outboxLabel")
        self.station_label = QLabel(objectName="stationLabel")
        for w in (self.count_label, self.clock_label, self.overdue_label, self.outbox_label):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.station_label)
        self._station_text()

        self.views.currentRowChanged.connect(lambda _: self._refilter())
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.loaded.connect(self._list_loaded)
        self.filters.changed.connect(self._filters_changed)
        self.model.scan_finished.connect(self._scan_finished)
        self.view_counts.counted.connect(self._show_view_counts)
        ctx.bus.changed.connect(self._on_changes)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._refilter)
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.reminders = ReminderWatcher(ctx, self)
        self.reminders.counts.connect(self._show_clock_counts)
        self.reminders.alerts.connect(self._show_alerts)
        self.ready.connect(self.reminders.check)
        self._selected_id: str | None = None
        self._first_load = True
        self.resize(1440, 860)
        self._refilter()
        self._refresh_counts()

    # -- building ----------------------------------------------------------------------

    def _title(self) -> None:
        title = self.tr("Hall Desk — enterprise service window")
        if self.ctx.demo:
            title += " · " + self.tr("DEMO (sample data)")
        self.setWindowTitle(title)

    def _view_names(self) -> list[tuple[View, str]]:
        return [(View.ALL, self.tr("All requests")), (View.OPEN, self.tr("Open")),
                (View.MINE, self.tr("Taken by me")), (View.DUE_SOON, self.tr("Due within 24 h")),
                (View.OVERDUE, self.tr("Overdue")), (View.SUPERVISED, self.tr("Supervised")),
                (View.FOLLOWING, self.tr("Follow to the end")), (View.CLOSED, self.tr("Done"))]

    def _toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), objectName="mainToolbar")
        bar.setMovable(False)
        self.new_action = QAction(self.tr("New request"), self, objectName="newRequest")
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.open_intake)
        bar.addAction(self.new_action)
        self.receipt_action = QAction(self.tr("Print receipt"), self, objectName="printReceipt")
        self.receipt_action.setShortcut(QKeySequence("Ctrl+P"))
        self.receipt_action.setToolTip(self.tr("Counter receipt of the selected request (Ctrl+P)"))
        self.receipt_action.triggered.connect(self.open_receipt)
        bar.addAction(self.receipt_action)
        bar.addSeparator()
        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(
            self.tr("Search: enterprise, number, credit code, phone, pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(420)
        self._search_action = bar.addWidget(self.search)
        focus = QAction(self, shortcut=QKeySequence("Ctrl+F"))
        focus.triggered.connect(lambda: self.search.setFocus())
        self.addAction(focus)
        self.addToolBar(bar)

    def _workspace_built(self, _index: int, workspace: QWidget) -> None:
        message = getattr(workspace, "status_message", None)
        if message is not None:
            message.connect(lambda text: self.statusBar().showMessage(text, 15_000))

    def _workspace_shown(self, index: int) -> None:
        # the toolbar's search and receipt belong to the request list
        self._search_action.setVisible(index == REQUESTS)
        self.receipt_action.setEnabled(index == REQUESTS)

    def _station_text(self) -> None:
        desk = self.ctx.desk
        station = desk.station.name or desk.station.id if desk.station else "—"
        who = desk.actor.display or desk.actor.user if desk.actor else "—"
        self.station_label.setText(f"{station} · {who}")

    # -- behaviour ---------------------------------------------------------------------

    def current_filter(self) -> RequestFilter:
        item = self.views.currentItem()
        view = View(item.data(Qt.ItemDataRole.UserRole)) if item else View.ALL
        return self.filters.apply(RequestFilter(view=view, text=self.search.text().strip()))

    def _refilter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _filters_changed(self) -> None:
        self._refilter()
        self.view_counts.refresh(self.current_filter())

    def _show_view_counts(self, counts: dict[View, int]) -> None:
        for row, (view, name) in enumerate(self._view_names()):
            item = self.views.item(row)
            if item is not None:
                item.setText(view_text(name, counts.get(view)))

    def _scan_finished(self, count: int, added: int) -> None:
        self.count_label.setText(self.tr("%1 requests").replace("%1", str(count)))

    def _list_loaded(self, count: int) -> None:
        text = self.tr("%1 requests").replace("%1", str(count))
        if self.model.scanning:
            text += " · " + self.tr("searching descriptions…")
        self.count_label.setText(text)
        row = self.model.row_of_ticket(self._selected_id) if self._selected_id else None
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        if self._first_load:
            self._first_load = False
            self.ready.emit()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        self._selected_id = row.id if row else None
        self.detail.show_request(self._selected_id)

    def select_ticket(self, ticket_id: str) -> None:
        self._selected_id = ticket_id
        row = self.model.row_of_ticket(ticket_id)
        if row is not None:
            self.table.selectRow(row)
        self.detail.show_request(ticket_id)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.catalogue:
            # a new catalogue (from the central server): forms offer its towns, topics
            # and units from now on, and the list shows its names
            DeskQuery(self.ctx, self, Reference.load).success(self._reference_loaded).run()
        self.model.apply_changes(changes)
        self.detail.apply_changes(changes)
        if changes.tickets or changes.all_tickets or changes.outbox:
            self._refresh_counts()

    def desk_opened(self) -> None:
        """The real desk is open (start-up painted from a snapshot): the catalogue's
        towns, topics and units replace the snapshot's topic names."""
        DeskQuery(self.ctx, self, Reference.load).success(self._reference_loaded).run()

    def _reference_loaded(self, reference: Reference) -> None:
        self.ctx.reference = reference
        self.filters.set_reference(reference)
        self.model.refresh_names()          # (the start-up page stays: only names change)

    def _refresh_counts(self) -> None:
        def work(desk):  # noqa: ANN001
            return desk.open_overdue_count(), desk.outbox_counts()

        DeskQuery(self.ctx, self, work).success(self._show_counts).run()
        self.view_counts.refresh(self.current_filter())

    def _show_counts(self, result: tuple[int, dict[str, int]]) -> None:
        overdue, outbox = result
        self.overdue_label.setText(self.tr("Overdue: %1").replace("%1", str(overdue)))
        self.overdue_label.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")
        pending = outbox.get("pending", 0) + outbox.get("parked", 0)
        self.outbox_label.setText(self.tr("Not yet synced: %1").replace("%1", str(pending)))

    def _show_clock_counts(self, amber: int, red: int) -> None:
        self.clock_label.setText(self.tr("Clocks: %1 due soon, %2 overdue")
                                 .replace("%1", str(amber)).replace("%2", str(red)))
        self.clock_label.setStyleSheet("color: #b3261e; font-weight: bold;" if red else
                                       "color: #8a5a00;" if amber else "")
        title = self.windowTitle().split(" ⏰")[0]
        self.setWindowTitle(f"{title} ⏰{red + amber}" if red + amber else title)

    def _show_alerts(self, alerts: list) -> None:  # noqa: ANN001
        first = alerts[0]
        self.statusBar().showMessage(
            self.tr("%1 clocks changed colour, e.g. %2 %3")
            .replace("%1", str(len(alerts))).replace("%2", first.number)
            .replace("%3", first.enterprise), 60_000)

    def _tick(self) -> None:
        self.model.tick(self.ctx.desk.clock())
        self.detail.tick()
        self._refresh_counts()

    def attach_sync_widget(self, widget: QWidget) -> None:
        """The sync corner replaces the plain "not yet synced" count."""
        self.outbox_label.hide()
        self.statusBar().removeWidget(self.station_label)
        self.statusBar().addPermanentWidget(widget)
        self.statusBar().addPermanentWidget(self.station_label)
        self.station_label.show()

    def signed_in(self) -> None:
        self._station_text()

    def open_receipt(self) -> None:
        if not self._selected_id:
            self.statusBar().showMessage(self.tr("Select a request first."), 5000)
            return
        from desktop.screens.receipt_dialog import ReceiptDialog

        ReceiptDialog(self.ctx, self._selected_id, self).open()

    def open_intake(self) -> IntakeDialog:
        """The intake, beside the window (not modal: a clerk may look at the list while
        taking a request); one at a time."""
        if self._intake is not None and self._intake.isVisible():
            self._intake.raise_()
            self._intake.activateWindow()
            return self._intake
        if self._intake is not None:
            self._intake.deleteLater()
        from desktop.screens.intake_dialog import IntakeDialog  # on first use: start-up

        dialog = self._intake = IntakeDialog(self.ctx, self)
        dialog.accepted.connect(lambda: dialog.ticket_id and self.select_ticket(dialog.ticket_id))
        dialog.open_request.connect(self.select_ticket)
        dialog.show()
        return dialog

    def closeEvent(self, event) -> None:  # noqa: ANN001
        self.ctx.settings.window_geometry = self.saveGeometry()
        self.ctx.settings.list_header = self.table.horizontalHeader().saveState()
        super().closeEvent(event)

    def restore_layout(self) -> None:
        geometry = self.ctx.settings.window_geometry
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        header = self.ctx.settings.list_header
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
