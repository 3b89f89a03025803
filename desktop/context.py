"""What every screen needs: the desk, the background workers, the change bus, settings
and the reference data a form offers (towns, topics, units), cached once per catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop.settings import Settings
from desktop.taskman import TaskManager
from sync.catalogue_store import TopicRow, TownRow, UnitRow
from sync.changes import Changes
from sync.desk import Desk


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

    @classmethod
    def load(cls, desk: Desk) -> Reference:
        return cls(desk.towns(), desk.topics(), desk.units())

    def town_name(self, code: str | None) -> str:
        return next((t.short or t.name for t in self.towns if t.code == code), code or "")

    def topic_name(self, code: str | None, language: str = "zh_CN") -> str:
        for t in self.topics:
            if t.code == code:
                return t.zh if language == "zh_CN" else t.en
        return code or ""

    def unit(self, unit_id: str | None) -> UnitRow | None:
        return next((u for u in self.units if u.id == unit_id), None)


@dataclass
class AppContext:
    desk: Desk
    tasks: TaskManager
    bus: ChangeBus
    settings: Settings
    reference: Reference = field(default_factory=Reference)
    demo: bool = False
