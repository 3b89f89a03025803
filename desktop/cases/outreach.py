"""The outreach list (主动服务清单): pick an item with an open batch, and see the
enterprises in the desk's scope that are eligible or likely for it and have no case yet,
with what is missing; export it to Excel or CSV (``core.outreach.export``), or open a
case for the enterprise on the selected line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from core.outreach import OutreachList, OutreachRow, export, summary_line
from desktop.cases.common import MUTED, zh
from desktop.cases.items import BatchCombo, ItemChooser
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.operations import DeskQuery
from desktop.policy.common import OUTCOME_COLOURS, outcome_name
from sync.changes import Changes

EXPORT_DIR_KEY = "cases/export_dir"     # where the last list was saved
COLUMNS = ("name", "credit_code", "town", "outcome", "hint")
Index = QModelIndex | QPersistentModelIndex


class OutreachModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.listing: OutreachList | None = None

    def set_listing(self, listing: OutreachList | None) -> None:
        self.beginResetModel()
        self.listing = listing
        self.endResetModel()

    def row_at(self, row: int) -> OutreachRow | None:
        rows = self.listing.rows if self.listing else ()
        return rows[row] if 0 <= row < len(rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.listing is None else len(self.listing.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(COLUMNS):
            return None
        return {"name": self.tr("Enterprise"), "credit_code": self.tr("Credit code"),
                "town": self.tr("Town"), "outcome": self.tr("Outcome"),
                "hint": self.tr("What is missing")}[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or self.listing is None:
            return None
        column = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {"name": row.name, "credit_code": row.credit_code or "",
                    "town": self.listing.town_name(row.town),
                    "outcome": outcome_name(row.outcome),
                    "hint": row.hint or self.tr("every condition is met")}[column]
        if column == "outcome" and role in (Qt.ItemDataRole.ForegroundRole,
                                            Qt.ItemDataRole.BackgroundRole):
            fg, bg = OUTCOME_COLOURS[row.outcome]
            return QColor(fg if role == Qt.ItemDataRole.ForegroundRole else bg)
        if column == "hint" and role == Qt.ItemDataRole.ForegroundRole and not row.hint:
            return QColor(MUTED)
        return None


class OutreachView(QWidget):
    """``open_case_requested(enterprise_id, name, code, item_id, title, batch_id)``."""

    open_case_requested = Signal(str, str, str, str, str, str)
    listed = Signal(int)               # a list is in (how many lines)
    status_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outreachView")
        self.ctx = ctx
        self._generation = 0
        self.last_export: Path | None = None
        self.items = ItemChooser(ctx, open_only=True, rows=12)
        self.batch = BatchCombo(ctx)
        self.town = QComboBox(objectName="outreachTown")
        self.town.addItem(self.tr("This desk's scope"), None)
        for t in ctx.reference.towns:
            self.town.addItem(t.short or t.name, t.code)
        self.summary = QLabel(objectName="outreachSummary")
        self.summary.setWordWrap(True)
        self.model = OutreachModel(self)
        self.table = QTableView(objectName="outreachTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.open_case())
        self.export_button = QPushButton(self.tr("Export…"), objectName="outreachExport")
        self.export_button.setToolTip(self.tr("Save the list as Excel (.xlsx) or CSV (Ctrl+E)"))
        self.export_button.setShortcut("Ctrl+E")
        self.export_button.clicked.connect(self.choose_export)
        self.case_button = QPushButton(self.tr("Open case…"), objectName="outreachOpenCase")
        self.case_button.setToolTip(self.tr("A redemption case for the selected enterprise "
                                            "(Enter on its line)"))
        self.case_button.clicked.connect(self.open_case)

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("Items open for application")))
        box.addWidget(self.items, 1)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Batch")))
        top.addWidget(self.batch, 1)
        top.addWidget(QLabel(self.tr("Town")))
        top.addWidget(self.town)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.case_button)
        buttons.addWidget(self.export_button)
        box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([360, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.items.results.setMaximumHeight(16777215)
        self.items.picked.connect(lambda item_id: self.batch.load(item_id))
        self.batch.batches_loaded.connect(lambda _: self.run())
        self.batch.activated.connect(lambda _: self.run())
        self.town.currentIndexChanged.connect(lambda _: self.run())
        self.table.installEventFilter(self)
        self._update_buttons()
        self.setFocusProxy(self.items)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_case()
            return True
        return super().eventFilter(watched, event)

    def load(self) -> None:
        self.items.lookup()

    # -- the list --------------------------------------------------------------------------

    def run(self) -> None:
        """The list of the chosen item's batch, in the chosen scope."""
        item_id, batch_id, town = self.items.item_id, self.batch.currentData(), self.town.currentData()
        self._generation += 1
        generation = self._generation
        if not item_id or not batch_id:
            self._show(generation, None)
            return
        lang = "zh" if zh() else "en"
        DeskQuery(self.ctx, self, lambda desk: desk.outreach(item_id, batch_id, town=town,
                                                             lang=lang)) \
            .success(lambda listing: self._show(generation, listing)) \
            .failure(lambda exc: self._failed(generation, exc)).run()

    def _show(self, generation: int, listing: OutreachList | None) -> None:
        if generation != self._generation:
            return
        self.model.set_listing(listing)
        self.summary.setText(summary_line(listing, "zh" if zh() else "en") if listing else "")
        self.summary.setStyleSheet("")
        if listing is not None and listing.rows:
            self.table.selectRow(0)
        self._update_buttons()
        self.listed.emit(len(listing.rows) if listing else 0)

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.model.set_listing(None)
            self.summary.setText(user_message(exc))
            self.summary.setStyleSheet("color: #b3261e;")
            self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.model.rowCount() > 0
        self.export_button.setEnabled(has)
        self.case_button.setEnabled(has)

    def apply_changes(self, changes: Changes) -> None:
        """A case opened for the item (or profiles changed): the list moves."""
        item_id = self.items.item_id
        if item_id and (item_id in changes.policies or changes.profiles or changes.catalogue):
            self.run()

    def selected(self) -> OutreachRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- export and cases ------------------------------------------------------------------

    def default_name(self) -> str:
        listing = self.model.listing
        if listing is None:
            return "outreach.xlsx"
        title = "".join(ch for ch in listing.item_title if ch not in '\\/:*?"<>|')[:40]
        return f"{self.tr('Outreach')}-{title}-{listing.on.isoformat()}.xlsx"

    def choose_export(self) -> None:
        if self.model.listing is None:
            return
        folder = self.ctx.settings.qsettings.value(EXPORT_DIR_KEY) or str(Path.home())
        start = str(Path(str(folder)) / self.default_name())
        xlsx, csv = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the outreach list"),
                                                   start, f"{xlsx};;{csv}")
        if not path:
            return
        fmt = "csv" if chosen == csv or path.lower().endswith(".csv") else "xlsx"
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str | None = None) -> None:
        """Write the list shown to ``path`` (on the desk's worker: the GUI stays live)."""
        listing = self.model.listing
        if listing is None:
            return
        lang = "zh" if zh() else "en"
        DeskQuery(self.ctx, self, lambda _desk: export(listing, path, fmt, lang)) \
            .success(self._exported).run()

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.ctx.settings.qsettings.setValue(EXPORT_DIR_KEY, str(path.parent))
        self.status_message.emit(self.tr("Exported to %1").replace("%1", str(path)))

    def open_case(self) -> None:
        row, listing = self.selected(), self.model.listing
        if row is None or listing is None:
            return
        self.open_case_requested.emit(row.enterprise_id, row.name, row.credit_code or "",
                                      listing.item_id, listing.item_title,
                                      str(listing.batch.get("id", "")))


__all__ = ["OutreachModel", "OutreachView"]
