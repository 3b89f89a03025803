"""Manual targeting (人工定向): a navigator pushes an item to an enterprise beyond what the
matching found (or to make sure it is seen), and must say why. Recorded through
``Desk.target_item`` (one transaction with its ``targeting.create`` outbox op; the server
audits it), and shown in the matching view as "已定向推送（原因…）".

Keyboard: type the reason; Ctrl+Enter records; Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from core.policy_records import REASON_MAX
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.operations import DeskOp
from desktop.policy.common import esc, local_time

MIN_REASON = 2


class TargetingDialog(QDialog):
    """Push ``item_id`` to ``enterprise_id`` with a required reason."""

    def __init__(self, ctx: AppContext, enterprise_id: str, item_id: str, *,
                 enterprise_name: str = "", item_title: str = "", earlier: list | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("targetingDialog")
        self.setWindowTitle(self.tr("Target an item to the enterprise"))
        self.ctx, self.enterprise_id, self.item_id = ctx, enterprise_id, item_id
        self.targeting_id: str | None = None
        what = QLabel(objectName="targetWhat")
        what.setTextFormat(Qt.TextFormat.RichText)
        what.setWordWrap(True)
        what.setText(f"<b>{esc(item_title or item_id)}</b> <span style='color:#5f6b63'>"
                     f"{esc(item_id)}</span><br>→ <b>{esc(enterprise_name)}</b>")
        self.reason = QPlainTextEdit(objectName="targetReason")
        self.reason.setPlaceholderText(self.tr("Why this item is pushed to this enterprise (required), e.g. 走访时企业表示今年计划申报高企，资质材料正在准备"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(110)
        self.count = QLabel(objectName="targetCount")
        self.count.setStyleSheet("color: #5f6b63;")
        self.error = QLabel(objectName="targetError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Record targeting"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("recordTargeting")
        self.ok.setToolTip("Ctrl+Enter")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.ok.clicked.connect(self.submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        if earlier:
            tz = ctx.desk.schedule.hours.tz
            before = QLabel(objectName="targetEarlier")
            before.setWordWrap(True)
            before.setStyleSheet("color: #8a5a00;")
            before.setText(self.tr("Already targeted: %1").replace(
                "%1", "；".join(f"{t.reason}（{ctx.desk.display_name(t.actor)} "
                                  f"{local_time(t.at, tz, with_time=False)}）"
                        for t in earlier)))
            layout.addWidget(before)
        layout.addWidget(QLabel(self.tr("&Reason (required):"), buddy=self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(self.count)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._changed)
        self._changed()
        self.resize(520, 0)
        self.reason.setFocus()

    def _changed(self) -> None:
        text = self.reason.toPlainText().strip()
        self.count.setText(f"{len(text)}/{REASON_MAX}")
        ok = MIN_REASON <= len(text) <= REASON_MAX
        self.ok.setEnabled(ok)
        if ok:
            self.error.setText("")

    def submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        if len(reason) < MIN_REASON:
            self.error.setText(self.tr("A reason is required: say why this item is pushed to this enterprise."))
            self.reason.setFocus()
            return
        if len(reason) > REASON_MAX:
            self.error.setText(self.tr("At most %1 characters.").replace("%1", str(REASON_MAX)))
            return
        self.ok.setEnabled(False)
        eid, iid = self.enterprise_id, self.item_id
        DeskOp(self.ctx, self, lambda desk: desk.target_item(eid, iid, reason)) \
            .success(self._done).failure(self._failed).run()

    def _done(self, result: tuple) -> None:
        self.targeting_id = result[0]
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.error.setText(user_message(exc))
        self.ok.setEnabled(True)
