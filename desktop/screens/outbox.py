"""What has not reached the central server yet, and what it refused (needs attention)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from core.tickets import Role
from desktop.context import AppContext
from desktop.operations import DeskOp, DeskQuery


class OutboxDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outboxDialog")
        self.setWindowTitle(self.tr("Not yet synced, and needs attention"))
        self.ctx = ctx
        self.items: list[Any] = []
        self.summary = QLabel(objectName="outboxSummary")
        self.table = QTableWidget(0, 5, objectName="outboxTable")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Request"),
                                              self.tr("What"), self.tr("State"),
                                              self.tr("Why")])
        header = self.table.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        buttons = QDialogButtonBox()
        self.dismiss = buttons.addButton(self.tr("Dismiss after reading"),
                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.dismiss.setToolTip(self.tr("Supervisors only: remove a refused action from the "
                                        "list once it has been dealt with"))
        actor = ctx.desk.actor
        self.dismiss.setVisible(bool(actor and actor.role in (Role.SUPERVISOR, Role.ADMIN)))
        self.dismiss.clicked.connect(self._dismiss)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.reload()

    def reload(self) -> None:
        DeskQuery(self.ctx, self, lambda desk: desk.outbox_items()).success(self._show).run()

    def _show(self, items: list[Any]) -> None:
        self.items = items
        refused = sum(1 for i in items if i.state == "rejected")
        self.summary.setText(self.tr("%1 waiting to be sent, %2 refused by the server")
                             .replace("%1", str(len(items) - refused)).replace("%2", str(refused)))
        self.table.setRowCount(len(items))
        states = {"pending": self.tr("waiting"), "parked": self.tr("held: update Hall Desk"),
                  "rejected": self.tr("refused")}
        for row, item in enumerate(items):
            cells = [str(item.seq), item.request or "", item.what_zh,
                     states.get(item.state, item.state),
                     item.reason_zh or (item.last_error or "")]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.state == "rejected":
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, cell)

    def _dismiss(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        seqs = [self.items[r].seq for r in rows if self.items[r].state == "rejected"]
        for seq in seqs:
            DeskOp(self.ctx, self, lambda desk, s=seq: desk.dismiss_rejected(s)) \
                .success(lambda _c: self.reload()).run()
