"""What every screen needs: the desk, the background workers, the change bus, settings
and the reference data a form offers (towns, topics, units), cached once per catalogue.

At start-up ``AppContext.desk`` may be an ``OpeningDesk``: the window paints its first
page from a plain-sqlite snapshot while the real ``Desk`` (SQLAlchemy) opens on the
desk's worker; ``desktop.app`` swaps the real one in once it is open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.settings import Settings
from desktop.taskman import TaskManager
from sync.changes import Changes

if TYPE_CHECKING:
    import datetime as dt

    from core.deadlines import Schedule
    from sync.catalogue_store import TopicRow, TownRow, UnitRow
    from sync.desk import Desk
    from sync.identity import Actor, Station
    from sync.list_types import RequestFilter, RequestRow
    from sync.startup import Snapshot


class ChangeBus(QObject):
    """Every write's ``Changes`` (and who made it), for the views to redraw only that."""

    changed = Signal(object, object)   # Changes, initiator (a widget or None)

    def emit_changes(self, changes: Changes, initiator: object = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)


@dataclass
class Reference:
    towns: list[TownRow] = field(default_factory=list)
    topics: list[TopicRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    # topic names from the start-up snapshot, until the catalogue's rows are loaded
    topic_names: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, desk: Desk) -> Reference:
        return cls(desk.towns(), desk.topics(), desk.units())

    def town_name(self, code: str | None) -> str:
        return next((t.short or t.name for t in self.towns if t.code == code), code or "")

    def topic_name(self, code: str | None, language: str = "zh_CN") -> str:
        for t in self.topics:
            if t.code == code:
                return t.zh if language == "zh_CN" else t.en
        if code in self.topic_names:
            zh, en = self.topic_names[code]
            return zh if language == "zh_CN" else en
        return code or ""

    def unit(self, unit_id: str | None) -> UnitRow | None:
        return next((u for u in self.units if u.id == unit_id), None)


class OpeningDesk:
    """The desk while it opens: station, user, schedule and clock from the start-up
    snapshot; anything else is the real desk's, waited for.

    ``open_on_worker`` is the desk worker's first task: it waits for ``release`` (the
    window calls it once its first page is painted, so the import of SQLAlchemy does
    not compete with the paint for the GIL), opens the desk, and every op queued behind
    it finds the desk open. Asked on the GUI thread for something the snapshot lacks, it
    releases the open at once and waits for it: slower, never wrong.
    """

    def __init__(self, snapshot: Snapshot, open_desk: Callable[[], Desk],
                 clock: Callable[[], dt.datetime] | None = None):
        from sync.startup import system_clock

        self.snapshot = snapshot
        self._open = open_desk
        self._clock = clock or system_clock
        self._go = threading.Event()
        self._done = threading.Event()
        self._desk: Desk | None = None
        self._error: BaseException | None = None

    # -- opening ---------------------------------------------------------------------

    def open_on_worker(self) -> Desk:
        self._go.wait()
        try:
            self._desk = self._open()
        except BaseException as exc:
            self._error = exc
            raise
        finally:
            self._done.set()
        return self._desk

    def release(self) -> None:
        self._go.set()

    @property
    def released(self) -> bool:
        return self._go.is_set()

    @property
    def opened(self) -> Desk | None:
        return self._desk

    def wait(self) -> Desk:
        """The real desk; opened now if it was not released yet."""
        self.release()
        self._done.wait()
        if self._desk is None:
            raise RuntimeError("the desk file could not be opened") from self._error
        return self._desk

    # -- what the first paint reads ------------------------------------------------------

    @property
    def station(self) -> Station | None:
        return self._desk.station if self._desk else self.snapshot.station

    @property
    def actor(self) -> Actor | None:
        return self._desk.actor if self._desk else self.snapshot.actor

    @property
    def user(self) -> str:
        actor = self.actor
        return actor.user if actor else ""

    @property
    def schedule(self) -> Schedule:
        return self._desk.schedule if self._desk else self.snapshot.schedule

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        return self._desk.clock if self._desk else self._clock

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.wait(), name)


@dataclass
class AppContext:
    desk: Desk
    tasks: TaskManager
    bus: ChangeBus
    settings: Settings
    reference: Reference = field(default_factory=Reference)
    demo: bool = False
    # the start-up snapshot's first page, taken by the list on its first load
    first_page: tuple[RequestFilter, list[int], dict[int, RequestRow]] | None = None
