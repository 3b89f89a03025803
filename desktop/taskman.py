"""Background work for the GUI (as Anki's taskman): one serial worker for the desk file,
one for the network; results come back on the GUI thread through a queued signal, so
the GUI thread never waits on SQL or HTTP.

Closing the window drops the reads still queued (counts, prefetches: nobody will see
them) but runs every queued write, so a clerk who saves and closes at once loses nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

Done = Callable[[Future[Any]], None]


class TaskManager(QObject):
    _finished = Signal(object, object)   # (on_done, future), delivered on the GUI thread
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-net")
        self._running = 0
        self._closed = False
        self._lock = threading.Lock()
        self._queued_reads: set[Future[Any]] = set()
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run_db(self, fn: Callable[[], Any], on_done: Done | None = None, *,
               read: bool = False) -> Future[Any]:
        """Run ``fn`` on the desk file's serial worker; ``on_done(future)`` on the GUI thread.
        A ``read`` still queued when the window closes is dropped (its future cancelled)."""
        future = self._submit(self._db, fn, on_done)
        if read:
            with self._lock:
                self._queued_reads.add(future)
            future.add_done_callback(self._forget_read)
        return future

    def _forget_read(self, future: Future[Any]) -> None:
        with self._lock:
            self._queued_reads.discard(future)

    def run_net(self, fn: Callable[[], Any], on_done: Done | None = None) -> Future[Any]:
        return self._submit(self._net, fn, on_done)

    def _submit(self, pool: ThreadPoolExecutor, fn: Callable[[], Any],
                on_done: Done | None) -> Future[Any]:
        if self._closed:
            # the window is closing: late work (a selection change, a tick) is dropped
            future: Future[Any] = Future()
            future.cancel()
            return future
        with self._lock:
            self._running += 1
            if self._running == 1:
                self.busy_changed.emit(True)
        future = pool.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit(on_done, f))
        return future

    @Slot(object, object)
    def _deliver(self, on_done: Done | None, future: Future[Any]) -> None:
        with self._lock:
            self._running -= 1
            idle = self._running == 0
        try:
            if on_done is not None and not future.cancelled():   # a read dropped at closing
                on_done(future)
        finally:
            if idle:
                self.busy_changed.emit(False)

    @property
    def idle(self) -> bool:
        return self._running == 0

    def shutdown(self) -> None:
        self._closed = True
        self._net.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            reads = list(self._queued_reads)
        for future in reads:
            future.cancel()          # only those not started yet: a running read finishes
        self._db.shutdown(wait=True)
