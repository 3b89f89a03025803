"""A case's timeline: one entry per event, oldest first, each with what it carried (the
material and its day, the acceptance number, the amount, the reason), the events not
yet synced marked as such."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from core.cases import CaseEvent, CaseEventType
from desktop.cases.common import BAD, GOOD, MUTED, amount_text, event_name

translate = QCoreApplication.translate
_E = CaseEventType
EventIdRole = Qt.ItemDataRole.UserRole


def summary(kind: CaseEventType, data: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """What a case event carried, in a line or two (``names``: material id -> name)."""
    def material(mid: Any) -> str:
        return names.get(str(mid), str(mid))

    lines: list[str] = []
    if kind is _E.MATERIAL_RECEIVED:
        lines.append(translate("CaseTimeline", "%1, received %2")
                     .replace("%1", material(data.get("material_id")))
                     .replace("%2", str(data.get("received_on", ""))))
    elif kind is _E.MATERIAL_REMOVED:
        lines.append(material(data.get("material_id")))
    elif kind is _E.SUBMITTED:
        head = [translate("CaseTimeline", "on %1").replace("%1", str(data.get("submitted_on", ""))),
                data.get("channel") or "",
                translate("CaseTimeline", "no. %1").replace("%1", data["reference"])
                if data.get("reference") else ""]
        lines.append(" · ".join(h for h in head if h))
        if data.get("missing_note"):
            lines.append(translate("CaseTimeline", "Missing materials: %1")
                         .replace("%1", data["missing_note"]))
    elif kind is _E.SUPPLEMENT_REQUESTED:
        if data.get("materials"):
            lines.append("、".join(material(m) for m in data["materials"]))
    elif kind is _E.REDEEMED:
        head = [translate("CaseTimeline", "on %1").replace("%1", str(data.get("redeemed_on", ""))),
                amount_text(data.get("amount"))]
        lines.append(" · ".join(h for h in head if h))
    for key in ("reason", "text", "note"):
        if data.get(key):
            lines.append(str(data[key]))
    return "\n".join(lines)


class CaseTimeline(QListWidget):
    """The events as a list the navigator can scroll, select and copy from."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseTimeline")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def show_events(self, events: Iterable[tuple[CaseEvent, bool]], tz: dt.tzinfo,
                    names: Mapping[str, str], who: Callable[[str], str] = str) -> None:
        """``who`` names the actor (``Desk.display_name``)."""
        self.clear()
        for event, pending in events:
            when = event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            head = f"{when}  {event_name(event.type)}  · {who(event.actor)}"
            if pending:
                head += "  " + translate("CaseTimeline", "(not yet synced)")
            body = summary(event.type, event.data, names)
            item = QListWidgetItem(head + (f"\n{body}" if body else ""))
            item.setData(EventIdRole, event.id)
            if event.type in (_E.REJECTED, _E.WITHDRAWN, _E.SUPPLEMENT_REQUESTED,
                              _E.MATERIAL_REMOVED):
                item.setForeground(QColor(BAD))
            elif event.type is _E.REDEEMED:
                item.setForeground(QColor(GOOD))
            elif pending:
                item.setForeground(QColor(MUTED))
            self.addItem(item)
        self.scrollToBottom()

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


__all__ = ["CaseTimeline", "summary"]
