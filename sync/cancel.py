"""Cancelling a lookup that a newer one superseded (no SQLAlchemy: the window imports it
at start-up)."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """A lookup stopped because a newer one superseded it."""


class CancelToken:
    """Set from the GUI thread; a scan running on the desk worker stops at its next check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
