"""Dispatch (转办) to a handling unit, and transfer (改派) to another one.

The unit is picked from the directory (``UnitPicker``: the topic's usual units first,
then the request's town, with each unit's on-duty contact and phone). Dispatching starts
the three clocks (contact within 1 business hour, interim reply within 3 working days,
close within 5); the dialog shows when each will fall before the clerk commits, and the
list and the detail show them the moment the desk has recorded it (its ``Changes`` are
broadcast).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from core.tickets import MEDIUM, EventType
from desktop.context import AppContext
from desktop.labels import label
from desktop.screens.actions import HINT_STYLE, ActionDialog
from desktop.widgets.unit_picker import UnitPicker
from sync.changes import Changes
from sync.desk import Desk
from sync.ticket_queries import RequestDetail


def make_picker(ctx: AppContext, detail: RequestDetail, exclude: tuple[str, ...] = ()
                ) -> UnitPicker:
    """The directory ranked for this request: its topic's usual units, then its town."""
    header = detail.header
    topic = header.get("topic")
    usual = next((t.units for t in ctx.reference.topics if t.code == topic), ())
    desk = ctx.desk
    today = desk.clock().astimezone(desk.schedule.hours.tz).date()
    return UnitPicker(ctx.reference.units, topic=topic, topic_units=usual,
                      town=header.get("town"), exclude=exclude, day=today,
                      calendar=desk.schedule.calendar)


class UnitDialog(ActionDialog):
    """A unit from the directory and a note."""

    def __init__(self, ctx: AppContext, detail: RequestDetail, parent: QWidget | None = None,
                 *, unit_id: str | None = None, note: str | None = None):
        self._preselect, self._prefill = unit_id, note
        super().__init__(ctx, detail, parent)

    def exclude(self) -> tuple[str, ...]:
        return ()

    def note_label(self) -> str:
        raise NotImplementedError

    def note_placeholder(self) -> str:
        return ""

    def build(self) -> None:
        self.picker = make_picker(self.ctx, self.detail, self.exclude())
        self.add_field("unit_id", self.tr("Handling unit"), self.picker, stretch=True)
        if self._preselect:
            self.picker.select(self._preselect)
        self.note, counter = self.text_box(MEDIUM, self.note_placeholder(), lines=3, grow=False)
        if self._prefill:
            self.note.setPlainText(self._prefill[:MEDIUM])
        self.add_field("note", self.note_label(), self.note, counter)
        self.resize(880, 640)

    def collect(self) -> dict[str, Any]:
        return {"unit_id": self.picker.unit_id(), "note": self.text_of(self.note)}


class DispatchDialog(UnitDialog):
    kind = EventType.DISPATCHED

    def title(self) -> str:
        return self.tr("Dispatch")

    def submit_text(self) -> str:
        return self.tr("Dispatch")

    def note_label(self) -> str:
        return self.tr("Dispatch note")

    def note_placeholder(self) -> str:
        return self.tr("What the unit should know (optional)")

    def build(self) -> None:
        super().build()
        self.clocks = QLabel(objectName="clockPreview")
        self.clocks.setWordWrap(True)
        self.clocks.setTextFormat(Qt.TextFormat.RichText)
        self.clocks.setStyleSheet(HINT_STYLE)
        self.form.addRow(self.clocks)
        self._preview()

    def _preview(self) -> None:
        """When the three clocks will fall if it is dispatched now (pure computation)."""
        desk = self.ctx.desk
        schedule, now = desk.schedule, desk.clock()
        tz = schedule.hours.tz
        parts = []
        for kind, deadline in (("contact", schedule.contact_due(now)),
                               ("interim", schedule.interim_due(now)),
                               ("close", schedule.close_due(now))):
            due = deadline.due_at.astimezone(tz).strftime("%m-%d %H:%M")
            star = "*" if deadline.provisional else ""
            parts.append(f"{html.escape(label('clock', kind))} <b>{due}{star}</b>")
        self.clocks.setText(self.tr("Dispatching now starts the clocks: %1")
                            .replace("%1", " · ".join(parts)))

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.dispatch(self.ticket_id, data["unit_id"], data["note"])


class TransferDialog(UnitDialog):
    """改派: the request goes to another unit; its contact clock starts again."""

    kind = EventType.TRANSFERRED

    def title(self) -> str:
        return self.tr("Transfer to another unit")

    def submit_text(self) -> str:
        return self.tr("Transfer")

    def exclude(self) -> tuple[str, ...]:
        unit = self.detail.state.unit_id
        return (unit,) if unit else ()

    def note_label(self) -> str:
        return self.tr("Reason")

    def note_placeholder(self) -> str:
        return self.tr("Why the current unit is not the right one")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.transfer(self.ticket_id, data["unit_id"], data["note"])
