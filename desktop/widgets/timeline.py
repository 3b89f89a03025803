"""A request's timeline: one entry per event, newest last, each with what it carried
(the call's duration and outcome, the office that made contact, the verdict of a return
visit …), and the events not yet synced marked as such."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from core.tickets import Event, EventType
from desktop.labels import label

translate = QCoreApplication.translate
EventIdRole = Qt.ItemDataRole.UserRole
_LIMIT = 280

_E = EventType


def _clip(text: Any, limit: int = _LIMIT) -> str:
    value = str(text).strip()
    return value[:limit] + "…" if len(value) > limit else value


def _source(code: str | None) -> str:
    return {"kb": translate("Timeline", "Knowledge base"),
            "call": translate("Timeline", "Three-way call"),
            "clerk": translate("Timeline", "Clerk's answer")}.get(code or "", code or "")


def _minutes(seconds: Any) -> str:
    s = int(seconds or 0)
    return f"{s // 60}:{s % 60:02d}"


def summary(kind: EventType, data: Mapping[str, Any], tz: dt.tzinfo | None = None) -> str:
    """What an event carried, in a line or three."""
    def when(text: str | None) -> str:
        if not text:
            return ""
        moment = dt.datetime.fromisoformat(text)
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    lines: list[str] = []
    if kind is _E.ANSWERED:
        lines.append(_clip(data.get("answer", "")))
        source = _source(data.get("source"))
        if data.get("source_title"):
            source += f"：{data['source_title']}"
        lines.append(translate("Timeline", "Source: %1").replace("%1", source))
    elif kind is _E.CALL_LOGGED:
        head = [data.get("unit_name") or data.get("unit_id") or "",
                label("outcome", data.get("outcome")),
                translate("Timeline", "Call time %1").replace(
                    "%1", _minutes(data.get("duration_seconds")))]
        lines.append(" · ".join(h for h in head if h))
        if data.get("participants"):
            lines.append(translate("Timeline", "On the line: %1")
                         .replace("%1", "、".join(data["participants"])))
        if data.get("notes"):
            lines.append(_clip(data["notes"]))
        if data.get("call_back_at"):
            lines.append(translate("Timeline", "Call back at %1")
                         .replace("%1", when(data["call_back_at"])))
    elif kind in (_E.DISPATCHED, _E.TRANSFERRED):
        lines.append(f"→ {data.get('unit_name') or data.get('unit_id') or ''}")
        if data.get("note"):
            lines.append(_clip(data["note"]))
    elif kind is _E.CONTACTED:
        lines.append(" · ".join(str(data[k]) for k in ("office", "person", "phone") if data.get(k)))
        if data.get("note"):
            lines.append(_clip(data["note"]))
    elif kind is _E.NEXT_FEEDBACK_SET:
        lines.append(translate("Timeline", "Next feedback by %1").replace(
            "%1", str(data.get("next_date", ""))))
        if data.get("text"):
            lines.append(_clip(data["text"]))
    elif kind is _E.EVALUATED:
        verdict = [label("satisfaction", data.get("satisfaction")),
                   label("solved", data.get("solved")), data.get("via") or ""]
        lines.append(" · ".join(v for v in verdict if v))
        if data.get("note"):
            lines.append(_clip(data["note"]))
    elif kind is _E.REOPENED:
        lines.append(_clip(data.get("reason", "")))
    elif kind is _E.SUPERVISED:
        from desktop.screens.actions_followup import supervision_level

        lines.append(translate("Timeline", "Reply due by %1 · %2")
                     .replace("%1", str(data.get("reply_due", "")))
                     .replace("%2", supervision_level(data.get("level"))))
        if data.get("note"):
            lines.append(_clip(data["note"]))
    elif data.get("text"):
        lines.append(_clip(data["text"]))
    return "\n".join(line for line in lines if line)


class TimelineView(QListWidget):
    """The events as a list the clerk can scroll and select (and copy from)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def show_events(self, events: Iterable[tuple[Event, bool]], tz: dt.tzinfo,
                    who: Callable[[str], str] = str) -> None:
        """``who`` names the actor (``Desk.display_name``: 林晓敏 for demo.clerk)."""
        self.clear()
        for event, pending in events:
            when = event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            head = f"{when}  {label('event', event.type.value)}  · {who(event.actor)}"
            if pending:
                head += "  " + translate("Timeline", "(not yet synced)")
            body = summary(event.type, event.data, tz)
            item = QListWidgetItem(head + (f"\n{body}" if body else ""))
            item.setData(EventIdRole, event.id)
            if event.type in (_E.REOPENED, _E.SUPERVISED) or (
                    event.type is _E.EVALUATED and data_reopens(event.data)):
                item.setForeground(QColor("#b3261e"))
            elif pending:
                item.setForeground(QColor("#5f6b63"))
            self.addItem(item)
        self.scrollToBottom()


def data_reopens(data: Mapping[str, Any]) -> bool:
    from core.tickets import reopens

    return reopens(_E.EVALUATED, data)


__all__ = ["EventIdRole", "TimelineView", "summary"]
