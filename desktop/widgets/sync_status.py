"""The status bar's sync corner: online / offline / syncing, what is not yet synced,
when it last synced, what needs attention, and the "work offline" switch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QWidget

from sync.status import State, SyncStatus

translate = QCoreApplication.translate

_COLOURS = {
    State.ONLINE: "#1e7b34", State.SYNCING: "#1565c0", State.OFFLINE: "#5f6b63",
    State.NEEDS_ATTENTION: "#8a5a00", State.UPGRADE_REQUIRED: "#b3261e",
    State.SIGNED_OUT: "#b3261e",
}


class SyncStatusWidget(QWidget):
    work_offline_toggled = Signal(bool)
    attention_clicked = Signal()
    sign_in_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.state = QLabel(objectName="syncState")
        self.pending = QLabel(objectName="syncPending")
        self.last = QLabel(objectName="syncLast")
        self.skew = QLabel(objectName="syncSkew")
        self.skew.setStyleSheet("color: #b3261e;")
        self.attention = QToolButton(objectName="syncAttention")
        self.attention.setAutoRaise(True)
        self.attention.clicked.connect(self.attention_clicked)
        self.sign_in = QToolButton(objectName="syncSignIn")
        self.sign_in.setText(self.tr("Sign in…"))
        self.sign_in.setAutoRaise(True)
        self.sign_in.clicked.connect(self.sign_in_clicked)
        self.offline = QCheckBox(self.tr("Work offline"), objectName="workOffline")
        self.offline.setToolTip(self.tr("Keep working on this desk only; nothing is sent or "
                                        "fetched until you switch it off"))
        self.offline.toggled.connect(self.work_offline_toggled)
        for w in (self.state, self.pending, self.last, self.skew, self.attention, self.sign_in,
                  self.offline):
            layout.addWidget(w)
        self.attention.hide()
        self.sign_in.hide()
        self.skew.hide()

    def state_text(self, status: SyncStatus) -> str:
        if status.state is State.SYNCING and status.progress.phase:
            phase = {"push": self.tr("sending"), "pull": self.tr("receiving"),
                     "snapshot": self.tr("receiving everything"),
                     "reference": self.tr("catalogue")}.get(status.progress.phase, "")
            rows = status.progress.rows
            return self.tr("Syncing: %1").replace("%1", phase) + (f" {rows}" if rows else "")
        return {
            State.ONLINE: self.tr("Online"), State.OFFLINE: self.tr("Offline"),
            State.SYNCING: self.tr("Syncing"), State.NEEDS_ATTENTION: self.tr("Online"),
            State.UPGRADE_REQUIRED: self.tr("Update Hall Desk: sending is paused"),
            State.SIGNED_OUT: self.tr("Signed out: sign in to send"),
        }[status.state]

    def show_status(self, status: SyncStatus, now: dt.datetime, tz: dt.tzinfo) -> None:
        text = self.state_text(status)
        if status.work_offline:
            text = self.tr("Working offline")
        colour = _COLOURS[status.state]
        self.state.setText(f"● {text}")
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.state.setToolTip(status.message_zh or "")
        self.pending.setText(self.tr("Not yet synced: %1").replace("%1", str(status.pending)))
        if status.last_synced_at is not None:
            self.last.setText(self.tr("Last synced %1").replace(
                "%1", _ago(status.last_synced_at, now, tz)))
        else:
            self.last.setText(self.tr("Never synced"))
        if status.needs_attention:
            self.attention.setText(self.tr("Needs attention: %1")
                                   .replace("%1", str(status.needs_attention)))
            self.attention.setStyleSheet("color: #8a5a00; font-weight: bold;")
            self.attention.show()
        else:
            self.attention.hide()
        self.sign_in.setVisible(status.state is State.SIGNED_OUT)
        if status.clock_skew_warning and status.clock_skew_seconds is not None:
            minutes = round(status.clock_skew_seconds / 60)
            self.skew.setText(self.tr("This computer's clock is %1 min off the server's")
                              .replace("%1", f"{abs(minutes)}"))
            self.skew.show()
        else:
            self.skew.hide()
        if self.offline.isChecked() != status.work_offline:
            self.offline.blockSignals(True)
            self.offline.setChecked(status.work_offline)
            self.offline.blockSignals(False)


def _ago(moment: dt.datetime, now: dt.datetime, tz: dt.tzinfo) -> str:
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return translate("SyncStatusWidget", "just now")
    if seconds < 3600:
        return translate("SyncStatusWidget", "%1 min ago").replace("%1", str(int(seconds // 60)))
    local = moment.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == now.astimezone(tz).date() \
        else local.strftime("%m-%d %H:%M")
