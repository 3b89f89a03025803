"""Request detail: who and what, the clocks with "why this date", and the timeline."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from core.deadlines import Light
from core.identifiers import mask_phone
from core.ticket_state import Clock, ClockKind
from desktop.context import AppContext
from desktop.i18n import current_language
from desktop.labels import label
from desktop.operations import DeskQuery
from desktop.widgets.countdown import COLOURS, format_left
from sync.changes import Changes
from sync.ticket_queries import RequestDetail

_SHOWN_CLOCKS = (ClockKind.CONTACT, ClockKind.INTERIM, ClockKind.CLOSE, ClockKind.FOLLOW,
                 ClockKind.SUPERVISION)


class ClockView(QFrame):
    """One clock: its name, colour, time left and, on hover, why its deadline falls there."""

    def __init__(self, kind: ClockKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"clock_{kind.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.title = QLabel(label("clock", kind.value))
        self.value = QLabel(objectName="value")
        self.due = QLabel(objectName="due")
        for w in (self.title, self.value, self.due):
            layout.addWidget(w)
        self.explanation = ""

    def show_clock(self, clock: Clock, ctx: AppContext, now: dt.datetime) -> None:
        schedule = ctx.desk.schedule
        colour, left = clock.light(schedule, now)
        fg, bg = COLOURS[colour]
        self.setStyleSheet(f"#{self.objectName()} {{ background: {bg}; border-radius: 6px; }}"
                           f"QLabel {{ color: {fg}; }}")
        if colour is Light.MET:
            text = self.tr("Done on time")
        elif colour is Light.LATE:
            text = self.tr("Done late")
        elif colour is Light.RED:
            text = self.tr("Overdue %1").replace("%1", format_left(-left,
                                                                   schedule.hours.seconds_per_day))
        else:
            text = self.tr("%1 left").replace("%1", format_left(left,
                                                                schedule.hours.seconds_per_day))
        self.value.setText(f"<b>{html.escape(text)}</b>")
        due = clock.due_at.astimezone(schedule.hours.tz)
        provisional = " " + self.tr("(provisional)") if clock.deadline.provisional else ""
        self.due.setText(self.tr("Due %1").replace("%1", due.strftime("%m-%d %H:%M")) + provisional)
        lang = "zh" if current_language() == "zh_CN" else "en"
        self.explanation = clock.deadline.explanation.text(lang)
        self.setToolTip(self.tr("Why this date:") + "\n" + self.explanation)


class RequestDetailPane(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPane")
        self.ticket_id: str | None = None
        self.detail: RequestDetail | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.banner = QLabel(objectName="supervisionBanner")
        self.banner.setStyleSheet("background: #fde2e0; color: #b3261e; padding: 6px;"
                                  "border-radius: 4px; font-weight: bold;")
        self.banner.hide()
        self.facts = QLabel(objectName="facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clocks_row = QGridLayout()
        self.clock_views = {k: ClockView(k, self) for k in _SHOWN_CLOCKS}
        for i, view in enumerate(self.clock_views.values()):
            self.clocks_row.addWidget(view, 0, i)
            view.hide()
        self.timeline = QListWidget(objectName="timeline")
        self.timeline.setWordWrap(True)
        self.placeholder = QLabel(self.tr("Select a request to see its clocks and timeline."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.placeholder, self.heading, self.banner, self.facts):
            layout.addWidget(w)
        layout.addLayout(self.clocks_row)
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addWidget(self.timeline, 1)
        self._set_empty(True)

    def _set_empty(self, empty: bool) -> None:
        self.placeholder.setVisible(empty)
        for w in (self.heading, self.facts, self.timeline):
            w.setVisible(not empty)
        if empty:
            self.banner.hide()
            for view in self.clock_views.values():
                view.hide()

    def show_request(self, ticket_id: str | None) -> None:
        self.ticket_id = ticket_id
        if ticket_id is None:
            self._set_empty(True)
            return
        DeskQuery(self.ctx, self, lambda desk: desk.request(ticket_id)) \
            .success(lambda d: self._render(d) if d.id == self.ticket_id else None).run()

    def apply_changes(self, changes: Changes) -> None:
        if self.ticket_id and changes.touches_ticket(self.ticket_id):
            self.show_request(self.ticket_id)

    def tick(self) -> None:
        if self.detail is not None:
            self._render_clocks(self.detail)

    def _render(self, detail: RequestDetail) -> None:
        self.detail = detail
        self._set_empty(False)
        h, state = detail.header, detail.state
        lang = current_language()
        ref = self.ctx.reference
        self.heading.setText(
            f"<span style='font-size:15pt'><b>{html.escape(detail.display_number)}</b></span> "
            f"&nbsp; {html.escape(h['enterprise_name'])} &nbsp; "
            f"<span style='color:#455a64'>[{html.escape(label('status', state.status.value))}]"
            f"</span>")
        facts = [
            (self.tr("Type"), label("type", h["type"])),
            (self.tr("Topic"), ref.topic_name(h["topic"], lang)),
            (self.tr("Channel"), label("channel", h["channel"])),
            (self.tr("Town"), ref.town_name(h["town"])),
            (self.tr("Credit code"), h["credit_code"] or "—"),
            (self.tr("Contact person"), f"{h['contact_name']} {mask_phone(h['contact_phone'])}"),
            (self.tr("Handling unit"), state.unit_name or "—"),
        ]
        if h.get("filed_by"):
            facts.append((self.tr("Filed on behalf by"), h["filed_by"]))
        rows = "".join(f"<tr><td style='color:#5f6b63;padding-right:8px'>{html.escape(k)}</td>"
                       f"<td>{html.escape(str(v))}</td></tr>" for k, v in facts)
        self.facts.setText(f"<table>{rows}</table><p>{html.escape(h['description'])}</p>")
        if state.supervised and state.supervision_due:
            self.banner.setText(self.tr("Supervised: reply due by %1")
                                .replace("%1", state.supervision_due.isoformat()))
            self.banner.show()
        else:
            self.banner.hide()
        self._render_clocks(detail)
        self._render_timeline(detail)

    def _render_clocks(self, detail: RequestDetail) -> None:
        now = self.ctx.desk.clock()
        for kind, view in self.clock_views.items():
            clock = detail.state.latest(kind)
            if clock is None:
                view.hide()
                continue
            view.show_clock(clock, self.ctx, now)
            view.show()

    def _render_timeline(self, detail: RequestDetail) -> None:
        self.timeline.clear()
        tz = self.ctx.desk.schedule.hours.tz
        for event, pending in detail.events:
            when = event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            text = f"{when}  {label('event', event.type.value)}  · {event.actor}"
            summary = _summary(event.data)
            if summary:
                text += f"\n{summary}"
            if pending:
                text += "  " + self.tr("(not yet synced)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            self.timeline.addItem(item)


def _summary(data: dict[str, Any]) -> str:
    for key in ("answer", "text", "notes", "note", "reason", "office"):
        if data.get(key):
            value = str(data[key])
            extra = ""
            if key == "answer" and data.get("source_title"):
                extra = f"（{data['source_title']}）"
            if data.get("unit_name"):
                extra += f" → {data['unit_name']}"
            return (value[:140] + "…" if len(value) > 140 else value) + extra
    if data.get("unit_name"):
        return f"→ {data['unit_name']}"
    if data.get("satisfaction"):
        return " / ".join(filter(None, [label("satisfaction", data["satisfaction"]),
                                        label("solved", data.get("solved"))]))
    if data.get("next_date"):
        return str(data["next_date"])
    return ""
