"""The redemption cases (帮办案件): the navigator's list of cases and the selected one in
full, the outreach list (主动服务清单) and consultations (咨询与评价), as three tabs.

The case list filters by state (open ones by default), item and enterprise; it is sorted
as the desk sorts it: open cases first, the nearest batch deadline first. Everything
reads and writes through the desk on its worker; every write's ``Changes`` come back on
the change bus and redraw what changed.

Shortcuts (while the workspace shows): Alt+1 / Alt+2 / Alt+3 the cases / outreach /
consultations; Ctrl+Shift+N a new case; Ctrl+Shift+K a consultation; Ctrl+Shift+E the
enterprise filter; F5 read everything again; the case's actions have their own
(``desktop.cases.detail.ACTION_KEYS``).
"""

from __future__ import annotations


from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from core.cases import CaseState
from desktop.cases.common import state_name
from desktop.cases.consultation import ConsultationDialog, ConsultationsView
from desktop.cases.detail import CaseDetailPane
from desktop.cases.model import CaseIdRole, CaseTableModel
from desktop.cases.new_case import EnterpriseField, NewCaseDialog
from desktop.cases.outreach import OutreachView
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.screens.actions import shortcut_text
from sync.case_queries import CaseFilter
from sync.changes import Changes

CASES, OUTREACH, CONSULTATIONS = range(3)
NEW_CASE_KEY, CONSULTATION_KEY, ENTERPRISE_KEY = "Ctrl+Shift+N", "Ctrl+Shift+K", "Ctrl+Shift+E"
OPEN, ALL = "open", "all"


class CasesWorkspace(QWidget):
    ready = Signal()                 # the first list is in
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("casesWorkspace")
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self._ready = False
        self._select_after_load: str | None = None

        self.new_button = QPushButton(self.tr("New case…"), objectName="newCase")
        self.new_button.setToolTip(shortcut_text(NEW_CASE_KEY))
        self.new_button.clicked.connect(lambda: self.new_case())
        self.consult_button = QPushButton(self.tr("Record consultation…"),
                                          objectName="newConsultation")
        self.consult_button.setToolTip(shortcut_text(CONSULTATION_KEY))
        self.consult_button.clicked.connect(lambda: self.record_consultation())
        for b in (self.new_button, self.consult_button):
            b.setAutoDefault(False)

        self.tabs = QTabWidget(objectName="casesTabs")
        self.tabs.addTab(self._build_cases(), self.tr("Cases"))
        self.outreach = OutreachView(ctx, self)
        self.tabs.addTab(self.outreach, self.tr("Outreach list"))
        self.consultations = ConsultationsView(ctx, self)
        self.tabs.addTab(self.consultations, self.tr("Consultations"))
        for i in range(3):
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")
        self.tabs.setCornerWidget(self._corner(), Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)

        for keys, fn in ((NEW_CASE_KEY, self.new_case), (CONSULTATION_KEY,
                                                          self.record_consultation),
                         (ENTERPRISE_KEY, self.focus_enterprise), ("F5", self.refresh),
                         ("Alt+1", lambda: self.show_tab(CASES)),
                         ("Alt+2", lambda: self.show_tab(OUTREACH)),
                         ("Alt+3", lambda: self.show_tab(CONSULTATIONS))):
            QShortcut(QKeySequence(keys), self, activated=fn)
        self.outreach.open_case_requested.connect(self._case_from_outreach)
        self.outreach.status_message.connect(self.status_message)
        self.consultations.record_requested.connect(self._consult_from_list)
        self.model.loaded.connect(self._loaded)
        ctx.bus.changed.connect(self.apply_changes)
        self.load_facets()
        self.model.reload()
        self.outreach.load()
        self.setFocusProxy(self.table)

    def _corner(self) -> QWidget:
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 0, 2)
        row.addWidget(self.new_button)
        row.addWidget(self.consult_button)
        return corner

    def _build_cases(self) -> QWidget:
        self.state_filter = QComboBox(objectName="caseStateFilter")
        self.state_filter.addItem(self.tr("Open cases"), OPEN)
        self.state_filter.addItem(self.tr("All cases"), ALL)
        for state in CaseState:
            self.state_filter.addItem(state_name(state), state.value)
        self.item_filter = QComboBox(objectName="caseItemFilter")
        self.item_filter.setMinimumWidth(260)
        self.item_filter.addItem(self.tr("All items"), None)
        self.enterprise_filter = EnterpriseField(self.ctx)
        self.enterprise_filter.edit.setPlaceholderText(
            self.tr("Enterprise: credit code, name or pinyin initials (%1)")
            .replace("%1", shortcut_text(ENTERPRISE_KEY)))
        self.count = QLabel(objectName="caseCount")
        filters = QHBoxLayout()
        filters.addWidget(self.state_filter)
        filters.addWidget(self.item_filter)
        filters.addWidget(self.enterprise_filter, 1)
        filters.addWidget(self.count)
        self.state_filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.item_filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.enterprise_filter.chosen.connect(lambda _: self.apply_filter())

        self.model = CaseTableModel(self.ctx, self)
        self.table = QTableView(objectName="caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((200, 200, 96, 150, 120)):
            header.resizeSection(col, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = CaseDetailPane(self.ctx, self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 680])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        return page

    # -- the list ----------------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        state = self.state_filter.currentData()
        return CaseFilter(enterprise_id=self.enterprise_filter.enterprise_id,
                          item_id=self.item_filter.currentData(), open_only=state == OPEN,
                          states=() if state in (OPEN, ALL) else (state,))

    def apply_filter(self) -> None:
        keep = self.detail.case_id
        if keep:
            self._select_after_load = keep
        self.model.set_filter(self.current_filter())

    def load_facets(self) -> None:
        DeskQuery(self.ctx, self, lambda desk: desk.case_facets()) \
            .success(self._show_facets).run()

    def _show_facets(self, facets: object) -> None:
        keep = self.item_filter.currentData()
        self.item_filter.blockSignals(True)
        while self.item_filter.count() > 1:
            self.item_filter.removeItem(1)
        for item_id, title, n in facets.items:  # type: ignore[attr-defined]
            self.item_filter.addItem(f"{title} ({n})", item_id)
        index = self.item_filter.findData(keep)
        self.item_filter.setCurrentIndex(max(index, 0))
        self.item_filter.blockSignals(False)

    def _loaded(self, n: int) -> None:
        self.count.setText(self.tr("%1 cases").replace("%1", str(n)))
        wanted = self._select_after_load or self.detail.case_id
        self._select_after_load = None
        row = self.model.row_of_case(wanted) if wanted else None
        if row is None and wanted is None and n:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        if not self._ready:
            self._ready = True
            self.ready.emit()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            case_id = indexes[0].data(CaseIdRole)
            if case_id != self.detail.case_id or self.detail.snap is None:
                self.detail.show_case(case_id)

    def select_case(self, case_id: str) -> None:
        """Show a case: in the list if the filters let it in, in the detail anyway."""
        self.tabs.setCurrentIndex(CASES)
        row = self.model.row_of_case(case_id)
        if row is not None:
            self.table.selectRow(row)
        else:
            self._select_after_load = case_id
        if self.detail.case_id != case_id:
            self.detail.show_case(case_id)

    def focus_enterprise(self) -> None:
        self.tabs.setCurrentIndex(CASES)
        self.enterprise_filter.edit.setFocus()
        self.enterprise_filter.edit.selectAll()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    def refresh(self) -> None:
        self.load_facets()
        self.model.reload()
        self.detail.show_case(self.detail.case_id)
        self.outreach.run()
        self.consultations.load()

    # -- dialogs -----------------------------------------------------------------------------

    def _enterprise_at_hand(self) -> tuple[str, str, str] | None:
        """The selected case's enterprise (id, name, code), to start a form with."""
        snap = self.detail.snap
        if snap is None or not self.detail.isVisible():
            return None
        row = snap.detail.row
        return row.enterprise_id, row.enterprise_name, row.credit_code or ""

    def new_case(self, enterprise: tuple[str, str, str] | None = None,
                 item: tuple[str, str] | None = None, batch_id: str | None = None
                 ) -> NewCaseDialog:
        dialog = NewCaseDialog(self.ctx, self)
        dialog.preset(enterprise, item, batch_id)
        dialog.submitted.connect(lambda _: self._case_opened(dialog))
        dialog.existing.connect(self.select_case)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _case_opened(self, dialog: NewCaseDialog) -> None:
        if dialog.case_id:
            self.status_message.emit(self.tr("Case opened: %1 (queued for sync)")
                                     .replace("%1", dialog.enterprise.name))
            self.select_case(dialog.case_id)

    def _case_from_outreach(self, enterprise_id: str, name: str, code: str, item_id: str,
                            title: str, batch_id: str) -> None:
        self.new_case((enterprise_id, name, code), (item_id, title), batch_id or None)

    def record_consultation(self, enterprise: tuple[str, str, str] | None = None
                            ) -> ConsultationDialog:
        dialog = ConsultationDialog(self.ctx, self)
        dialog.preset(enterprise or self._enterprise_at_hand())
        dialog.submitted.connect(lambda _: self._consulted(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _consult_from_list(self) -> None:
        field = self.consultations.enterprise
        self.record_consultation((field.enterprise_id, field.name, field.card.text())
                                 if field.enterprise_id else None)

    def _consulted(self, dialog: ConsultationDialog) -> None:
        field = dialog.enterprise
        self.status_message.emit(self.tr("Consultation recorded: %1 (queued for sync)")
                                 .replace("%1", field.name))
        if field.enterprise_id and field.enterprise_id != self.consultations.enterprise.enterprise_id:
            self.consultations.enterprise.set_enterprise(field.enterprise_id, field.name,
                                                         field.card.text())

    # -- changes -----------------------------------------------------------------------------

    def apply_changes(self, changes: Changes, _initiator: object = None) -> None:
        if changes.cases or changes.catalogue:
            self.load_facets()
        if changes.cases or changes.catalogue or changes.enterprises:
            self._select_after_load = self.detail.case_id
        self.model.apply_changes(changes)
        self.detail.apply_changes(changes)
        self.outreach.apply_changes(changes)
        self.consultations.apply_changes(changes)


__all__ = ["CASES", "CONSULTATIONS", "OUTREACH", "CasesWorkspace"]
