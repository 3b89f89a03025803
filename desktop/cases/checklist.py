"""The case's materials checklist: the batch's materials in its order, each received (with
its day), expired (flagged: ask for a fresh copy) or missing; a copy received for
another case of the same enterprise counts here too and says for which; one expiring
within ``EXPIRING_DAYS`` is flagged before it lapses."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from core.cases import ChecklistLine, MaterialStatus
from desktop.cases.common import (BAD, EXPIRING_DAYS, MATERIAL_COLOURS, MUTED, WARN,
                                  material_status_name)
from desktop.cases.snapshot import CaseSnapshot

MaterialIdRole = Qt.ItemDataRole.UserRole
COLUMNS = ("material", "status", "received", "expires", "remark")


class ChecklistTable(QTableWidget):
    """Enter (or a double click) on a line asks to mark it received."""

    activated_material = Signal(str)       # material id

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("caseChecklist")
        self.setHorizontalHeaderLabels([self.tr("Material"), self.tr("Status"),
                                        self.tr("Received"), self.tr("Expires"),
                                        self.tr("Remark")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(lambda item: self.activated_material.emit(
            self.item(item.row(), 0).data(MaterialIdRole)))

    def show_lines(self, snap: CaseSnapshot) -> None:
        lines = snap.detail.checklist
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            remark, colour = self.remark(snap, line)
            cells = [line.name or line.material_id, material_status_name(line.status.value),
                     line.received_on.isoformat() if line.received_on else "",
                     line.expires_on.isoformat() if line.expires_on else
                     (self.tr("no expiry") if line.received_on else ""), remark]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(MaterialIdRole, line.material_id)
                if col == 1:
                    fg, bg = MATERIAL_COLOURS[line.status.value]
                    item.setForeground(QColor(fg))
                    item.setBackground(QColor(bg))
                if col == 4 and colour:
                    item.setForeground(QColor(colour))
                self.setItem(row, col, item)
        self.resizeRowsToContents()

    def remark(self, snap: CaseSnapshot, line: ChecklistLine) -> tuple[str, str | None]:
        """What to tell about a line, and its colour."""
        parts: list[str] = []
        colour = None
        if line.status is MaterialStatus.EXPIRED:
            parts.append(self.tr("expired: ask for a fresh copy"))
            colour = BAD
        elif line.status is MaterialStatus.RECEIVED and line.expires_on is not None:
            left = (line.expires_on - snap.today).days
            if left <= EXPIRING_DAYS:
                parts.append(self.tr("expires in %1 days").replace("%1", str(left)))
                colour = WARN
        elsewhere = snap.received_elsewhere(line)
        if elsewhere is not None and line.status is not MaterialStatus.MISSING:
            parts.append(self.tr("received for another case: %1").replace("%1", elsewhere))
            colour = colour or MUTED
        if line.material_id in snap.detail.state.requested:
            parts.append(self.tr("asked for again"))
            colour = BAD
        return " · ".join(parts), colour

    def current_material(self) -> str | None:
        row = self.currentRow()
        item = self.item(row, 0) if row >= 0 else None
        return item.data(MaterialIdRole) if item is not None else None

    def line_texts(self) -> dict[str, list[str]]:
        """material name -> the row's texts (what the navigator reads)."""
        return {self.item(r, 0).text(): [self.item(r, c).text() for c in range(len(COLUMNS))]
                for r in range(self.rowCount())}


__all__ = ["ChecklistTable"]
