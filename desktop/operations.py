"""Op builders (as Anki's CollectionOp / QueryOp): a screen says what to do with the desk,
the work runs on the desk's serial worker, and the callbacks run on the GUI thread.

A ``DeskOp`` is a write: its ``Changes`` are broadcast on the change bus so every view
redraws what changed. A ``DeskQuery`` only reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from desktop.errors import show_error
from sync.changes import Changes

if TYPE_CHECKING:
    from desktop.context import AppContext
    from sync.desk import Desk

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Op(Generic[T]):
    def __init__(self, ctx: AppContext, parent: QWidget | None, work: Callable[[Desk], T]):
        self._ctx = ctx
        self._parent = parent
        self._work = work
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None

    def success(self, fn: Callable[[T], Any]) -> _Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any]) -> _Op[T]:
        self._failure = fn
        return self

    def _fail(self, exc: Exception) -> None:
        if self._failure is not None:
            self._failure(exc)
        else:
            show_error(self._parent, exc)

    _read = False        # a read still queued when the window closes may be dropped

    def run(self) -> Future[T]:
        # the desk is looked up on the worker: at start-up it opens there (OpeningDesk)
        return self._ctx.tasks.run_db(lambda: self._work(self._ctx.desk), self._done,
                                      read=self._read)

    def _done(self, future: Future[T]) -> None:
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - every failure reaches the clerk
            if not getattr(exc, "message_zh", None):
                log.exception("desk operation failed")
            self._fail(exc)
            return
        self._finish(result)

    def _finish(self, result: T) -> None:
        if self._success is not None:
            self._success(result)


class DeskOp(_Op[T]):
    """A write. The work returns ``Changes`` or ``(value, Changes)``."""

    def _finish(self, result: T) -> None:
        changes = result[1] if isinstance(result, tuple) else result
        if isinstance(changes, Changes) and changes:
            self._ctx.bus.changed.emit(changes, self._parent)
        super()._finish(result)


class DeskQuery(_Op[T]):
    """A read."""

    _read = True
