"""Connecting a desk to its central server: the session, the engine on its own thread,
the bridge to Qt, and the status bar's sync corner with its sign-in and offline switch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop.screens.login import LoginDialog
from desktop.screens.outbox import OutboxDialog
from desktop.sync_bridge import SyncBridge
from desktop.widgets.sync_status import SyncStatusWidget

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


class SyncController(QObject):
    """Owns the session and the engine of one window's desk."""

    def __init__(self, window: MainWindow, server_url: str | None = None,
                 start_offline: bool = False):
        super().__init__(window)
        from sync.session import Session

        self.window, self.ctx = window, window.ctx
        self.session = Session(self.ctx.desk, server_url)
        self.engine: Any = None
        self.bridge: SyncBridge | None = None
        self.widget = SyncStatusWidget(window)
        window.attach_sync_widget(self.widget)
        self.widget.work_offline_toggled.connect(self._set_offline)
        self.widget.attention_clicked.connect(self.show_outbox)
        self.widget.sign_in_clicked.connect(self.ask_login)
        self._start_offline = start_offline or self.ctx.settings.work_offline
        if self.session.server_url and not self.session.needs_login:
            self.start_engine()
        else:
            self.widget.sign_in.show()
            self.widget.state.setText(self.tr("Not signed in: working on this desk only"))

    @property
    def server_url(self) -> str | None:
        return self.session.server_url

    def start_engine(self) -> None:
        from sync.engine import SyncEngine

        if self.engine is not None:
            self.engine.wake()
            return
        self.engine = SyncEngine(self.ctx.desk, self.session.client, clock=self.ctx.desk.clock)
        self.bridge = SyncBridge(self.engine, self.ctx.bus, self)
        self.bridge.status.connect(self._show)
        self.ctx.bus.changed.connect(self.bridge.on_local_changes)
        if self._start_offline:
            self.engine.set_offline(True)
        self.engine.start()
        self._show(self.engine.status)

    def _show(self, status: Any) -> None:
        desk = self.ctx.desk
        self.widget.show_status(status, desk.clock(), desk.schedule.hours.tz)

    def _set_offline(self, offline: bool) -> None:
        self.ctx.settings.work_offline = offline
        if self.engine is not None:
            self.engine.set_offline(offline)

    def ask_login(self, *, server_url: str | None = None) -> LoginDialog:
        desk = self.ctx.desk
        dialog = LoginDialog(self.ctx.tasks, self.session,
                             server_url=server_url or self.session.server_url
                             or self.ctx.settings.server_url,
                             station=desk.station.id if desk.station else "",
                             username=desk.actor.user if desk.actor else "",
                             parent=self.window)
        dialog.signed_in.connect(self.on_signed_in)
        dialog.open()
        return dialog

    def on_signed_in(self, _result: Any) -> None:
        self.ctx.settings.server_url = self.session.server_url or ""
        self.window.signed_in()
        self.widget.sign_in.hide()
        self.start_engine()

    def show_outbox(self) -> OutboxDialog:
        dialog = OutboxDialog(self.ctx, self.window)
        dialog.open()
        return dialog

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
        if self.bridge is not None:
            self.bridge.close()
