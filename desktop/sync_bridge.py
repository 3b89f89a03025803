"""The one thread-safe adapter from the Qt-free sync engine to Qt (as Electrum's): the
engine calls its listeners on its own thread; this re-emits each status as a signal,
delivered on the GUI thread, and broadcasts what the sync changed on the change bus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop.context import ChangeBus
from sync.status import SyncStatus


class SyncBridge(QObject):
    status = Signal(object)          # SyncStatus, on the GUI thread
    _from_engine = Signal(object)

    def __init__(self, engine: Any, bus: ChangeBus, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.bus = bus
        self.last: SyncStatus | None = engine.status
        self._from_engine.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._remove = engine.add_listener(self._from_engine.emit)

    @Slot(object)
    def _deliver(self, status: SyncStatus) -> None:
        self.last = status
        if status.changes:
            self.bus.emit_changes(status.changes, self)
        self.status.emit(status)

    def on_local_changes(self, changes: Any, initiator: object) -> None:
        """A write on this desk: push it soon (the engine does not wait for its timer)."""
        if initiator is not self and getattr(changes, "outbox", False):
            # the counts first (they move even while offline), then a push soon
            self.engine.refresh_counts()
            self.engine.wake()

    def close(self) -> None:
        self._remove()
