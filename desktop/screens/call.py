"""Three-way call notes (三方通话): the enterprise, the counter and the responsible unit's
on-duty contact on one line.

The clerk picks the unit (its on-duty contact and phone shown, to dial), starts the call
timer when the line is up and stops it when it ends (Ctrl+T; the duration is recorded),
notes who took part and what was said, and the outcome:

- answered: the call also closes the request as answered at once, the call its source;
- needs dispatch: recorded, then the dispatch dialog is offered with the unit picked;
- call back at a time: a date-time that must lie ahead.

Saved with ``Desk.log_call`` as one event on the request (two with the answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDateTimeEdit, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QWidget)

from core.tickets import LONG, SHORT, AnswerSource, CallOutcome, EventType, validate_event_data
from core.validation import ValidationError
from desktop.context import AppContext
from desktop.labels import choices
from desktop.screens.actions import HINT_STYLE, ActionDialog, shortcut_text
from desktop.screens.actions_followup import Choice
from desktop.screens.dispatch import make_picker
from sync.changes import Changes
from sync.desk import Desk
from sync.ticket_queries import RequestDetail
from desktop.widgets.unit_picker import UnitPicker

TIMER_KEY = "Ctrl+T"
MAX_CALL_SECONDS = 4 * 3600
Clock = Callable[[], dt.datetime]


def format_duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class CallTimer(QWidget):
    """Start/stop with the elapsed time shown; several spans add up (a dropped line)."""

    def __init__(self, clock: Clock, tz: dt.tzinfo | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("callTimer")
        self._clock = clock
        self._tz = tz
        self.started_at: dt.datetime | None = None     # when the call first started
        self._span_start: dt.datetime | None = None
        self._elapsed = 0.0
        self.display = QLabel(format_duration(0), objectName="callElapsed")
        self.display.setStyleSheet("font-size: 18pt; font-weight: bold; "
                                   "font-family: monospace;")
        self.button = QPushButton(objectName="callTimerButton")
        self.button.setAutoDefault(False)
        self.button.setToolTip(self.tr("Start the timer when the line is up; stop it when the "
                                       "call ends (%1)").replace("%1", shortcut_text(TIMER_KEY)))
        self.since = QLabel(objectName="callSince")
        self.since.setStyleSheet(HINT_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.display)
        row.addWidget(self.button)
        row.addWidget(self.since, 1)
        self.setFocusProxy(self.button)
        self.button.clicked.connect(self.toggle)
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.refresh)
        self.refresh()

    @property
    def running(self) -> bool:
        return self._span_start is not None

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.running:
            return
        now = self._clock()
        self._span_start = now
        self.started_at = self.started_at or now
        self._ticker.start()
        self.refresh()

    def stop(self) -> None:
        if not self.running:
            return
        assert self._span_start is not None
        self._elapsed += max(0.0, (self._clock() - self._span_start).total_seconds())
        self._span_start = None
        self._ticker.stop()
        self.refresh()

    def seconds(self) -> int:
        running = (self._clock() - self._span_start).total_seconds() if self._span_start else 0
        return int(round(self._elapsed + max(0.0, running)))

    def refresh(self) -> None:
        self.display.setText(format_duration(self.seconds()))
        self.button.setText(self.tr("Stop") if self.running
                            else self.tr("Start") if self.started_at is None
                            else self.tr("Resume"))
        if self.started_at is not None:
            local = self.started_at.astimezone(self._tz).strftime("%H:%M:%S")
            self.since.setText(self.tr("started %1").replace("%1", local))
        else:
            self.since.setText(self.tr("not started"))


class CallDialog(ActionDialog):
    kind = EventType.CALL_LOGGED

    def __init__(self, ctx: AppContext, detail: RequestDetail, parent: QWidget | None = None,
                 *, clock: Clock | None = None):
        self._clock: Clock = clock or ctx.desk.clock
        self._unit_party_auto = ""
        super().__init__(ctx, detail, parent)
        self.outcome_saved: str | None = None
        self.unit_saved: str | None = None
        self.notes_saved: str | None = None

    def title(self) -> str:
        return self.tr("Three-way call")

    def submit_text(self) -> str:
        return self.tr("Save call")

    # -- building ----------------------------------------------------------------------

    def build(self) -> None:
        self.picker: UnitPicker = make_picker(self.ctx, self.detail)
        self.picker.table.setMinimumHeight(140)
        self.add_field("unit_id", self.tr("Unit on the line"), self.picker, stretch=True)
        self.picker.select(self.detail.state.unit_id)

        self.timer = CallTimer(self._clock, self.ctx.desk.schedule.hours.tz)
        self.add_field("duration_seconds", self.tr("Call time"), self.timer)
        QShortcut(QKeySequence(TIMER_KEY), self, activated=self.timer.toggle)

        h = self.detail.header
        actor = self.ctx.desk.actor
        clerk = (actor.display or actor.user) if actor else ""
        self.party_enterprise = self.line(SHORT)
        if h.get("contact_name"):
            self.party_enterprise.setText(self.tr("%1 (enterprise)").replace("%1",
                                                                             h["contact_name"]))
        self.party_unit = self.line(SHORT)
        self.party_clerk = self.line(SHORT)
        if clerk:
            self.party_clerk.setText(self.tr("%1 (counter)").replace("%1", clerk))
        self.party_other = self.line(SHORT, self.tr("anyone else on the line (optional)"))
        parties = QWidget(objectName="participants")
        grid = QGridLayout(parties)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (caption, edit) in enumerate((
                (self.tr("Enterprise"), self.party_enterprise),
                (self.tr("Unit"), self.party_unit),
                (self.tr("Counter"), self.party_clerk),
                (self.tr("Other"), self.party_other))):
            grid.addWidget(QLabel(caption), row, 0)
            grid.addWidget(edit, row, 1)
        self.add_field("participants", self.tr("Participants"), parties)
        self._party_edits = [self.party_enterprise, self.party_unit, self.party_clerk,
                             self.party_other]

        self.notes, counter = self.text_box(LONG, self.tr("What was asked and what the unit "
                                                          "said"), lines=4, grow=False)
        self.add_field("notes", self.tr("Call notes"), self.notes, counter)

        self.outcome = Choice(choices("outcome"), "outcome")
        self.add_field("outcome", self.tr("Outcome"), self.outcome)
        if EventType.ANSWERED not in self.detail.allowed:
            button = self.outcome.buttons[CallOutcome.ANSWERED.value]
            button.setEnabled(False)
            button.setToolTip(self.tr("This request can no longer be answered at once: it is "
                                      "already dispatched or closed."))
            self.outcome.setFocusProxy(self.outcome.buttons[CallOutcome.NEEDS_DISPATCH.value])

        self.answer, answer_counter = self.text_box(
            LONG, self.tr("The answer as given during the call; it closes the request"), lines=3,
            grow=False)
        self.add_field("answer", self.tr("Answer"), self.answer, answer_counter)
        self.call_back = QDateTimeEdit(objectName="call_back_at")
        self.call_back.setCalendarPopup(True)
        self.call_back.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.call_back.setDateTime(self._to_qt(self._default_call_back()))
        self.add_field("call_back_at", self.tr("Call back at"), self.call_back,
                       self.tr("Must lie ahead"))

        self.picker.current_changed.connect(lambda _: self._unit_changed())
        self.outcome.group.buttonToggled.connect(lambda *_: self._outcome_changed())
        self._unit_changed()
        self._outcome_changed()
        self.resize(880, 760)

    def _default_call_back(self) -> dt.datetime:
        """An hour from now, on the next ten minutes, in business hours when possible."""
        schedule = self.ctx.desk.schedule
        moment = schedule.within_business_minutes(self._clock(), 60).due_at
        moment = moment.astimezone(schedule.hours.tz)
        extra = (10 - moment.minute % 10) % 10
        return (moment + dt.timedelta(minutes=extra)).replace(second=0, microsecond=0)

    def _to_qt(self, moment: dt.datetime) -> QDateTime:
        """The edit shows the halls' wall-clock time, whatever the PC's zone."""
        local = moment.astimezone(self.ctx.desk.schedule.hours.tz)
        return QDateTime(QDate(local.year, local.month, local.day),
                         QTime(local.hour, local.minute))

    def _call_back_at(self) -> dt.datetime:
        tz = self.ctx.desk.schedule.hours.tz
        q = self.call_back.dateTime()
        d, t = q.date(), q.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)

    # -- behaviour ---------------------------------------------------------------------

    def _unit_changed(self) -> None:
        unit, duty = self.picker.unit(), self.picker.duty()
        text = ""
        if unit is not None and duty is not None:
            text = self.tr("%1 (%2, %3)").replace("%1", duty.name) \
                .replace("%2", unit.short or unit.name).replace("%3", duty.role)
        # follow the picked unit unless the clerk typed someone else
        if self.party_unit.text() in ("", self._unit_party_auto):
            self.party_unit.setText(text)
        self._unit_party_auto = text

    def _outcome_changed(self) -> None:
        outcome = self.outcome.value()
        self.set_field_visible("answer", outcome == CallOutcome.ANSWERED.value)
        self.set_field_visible("call_back_at", outcome == CallOutcome.CALL_BACK.value)
        if outcome == CallOutcome.ANSWERED.value:
            self.submit_button.setText(self.tr("Save call and close as answered"))
        elif outcome == CallOutcome.NEEDS_DISPATCH.value:
            self.submit_button.setText(self.tr("Save call, then dispatch"))
        else:
            self.submit_button.setText(self.submit_text())

    # -- recording ---------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        unit, duty = self.picker.unit(), self.picker.duty()
        outcome = self.outcome.value()
        self._party_fields = [e for e in self._party_edits if e.text().strip()]
        call: dict[str, Any] = {
            "unit_id": unit.id if unit else None,
            "unit_name": unit.name if unit else None,
            "duty_contact": duty.name if duty else None,
            "duty_phone": duty.phones if duty else None,
            "participants": [e.text().strip() for e in self._party_fields],
            "started_at": self.timer.started_at.isoformat() if self.timer.started_at else None,
            "duration_seconds": self.timer.seconds(),
            "notes": self.text_of(self.notes),
            "outcome": outcome,
            "call_back_at": (self._call_back_at().isoformat()
                             if outcome == CallOutcome.CALL_BACK.value else None),
        }
        answer = self.text_of(self.answer) if outcome == CallOutcome.ANSWERED.value else None
        return {"call": call, "answer": answer}

    def check(self, data: Mapping[str, Any]) -> None:
        call = data["call"]
        clean = validate_event_data(EventType.CALL_LOGGED, call)
        if clean["outcome"] == CallOutcome.ANSWERED.value:
            if EventType.ANSWERED not in self.detail.allowed:
                raise ValidationError("outcome", "this request can no longer be answered at once",
                                      message_zh="该诉求已转办或已办结，不能再即时答复")
            validate_event_data(EventType.ANSWERED, {
                "answer": data["answer"], "source": AnswerSource.THREE_WAY_CALL.value,
                "source_ref": call["unit_id"], "source_title": call["unit_name"]})
        if clean["outcome"] == CallOutcome.CALL_BACK.value:
            when = dt.datetime.fromisoformat(clean["call_back_at"])
            if when <= self.ctx.desk.clock():
                raise ValidationError("call_back_at", "must lie ahead",
                                      message_zh="回拨时间应晚于当前时间")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter walks through the participants before leaving them
        if event.type() == QEvent.Type.KeyPress and watched in self._party_edits[:-1] \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._party_edits[self._party_edits.index(watched) + 1].setFocus()
            return True
        return super().eventFilter(watched, event)

    def field_for(self, error_field: str) -> str:
        if error_field.startswith("participants["):
            return "participants"
        if error_field == "started_at":
            return "duration_seconds"
        return super().field_for(error_field)

    def show_error(self, exc: BaseException) -> None:
        super().show_error(exc)
        raw = getattr(exc, "field", "") or ""
        if raw.startswith("participants[") and raw.endswith("]"):
            try:
                edit = self._party_fields[int(raw[len("participants["):-1])]
            except (ValueError, IndexError):
                return
            edit.setStyleSheet("border: 1px solid #b3261e;")
            edit.setFocus()

    def clear_errors(self) -> None:
        super().clear_errors()
        for edit in self._party_edits:
            edit.setStyleSheet("")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.log_call(self.ticket_id, data["call"], answer=data["answer"])

    def _succeeded(self, changes: Changes) -> None:
        self.timer.stop()              # a running call ends when its notes are saved
        self.outcome_saved = self.outcome.value()
        self.unit_saved = self.picker.unit_id()
        self.notes_saved = self.text_of(self.notes)
        super()._succeeded(changes)


__all__ = ["CallDialog", "CallTimer", "format_duration"]
