"""The actions that carry a date or a verdict: the next feedback date (一跟到底), the return
visit (回访) and supervision (督办)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QHBoxLayout, QLabel, QRadioButton,
                               QWidget)

from core.tickets import LONG, MEDIUM, EventType, reopens
from desktop.labels import choices
from desktop.screens.actions import HINT_STYLE, WARN_STYLE, ActionDialog
from sync.changes import Changes
from sync.desk import Desk

DEFAULT_FEEDBACK_DAYS = 5      # the next feedback date offered: five working days on
DEFAULT_SUPERVISION_DAYS = 3   # the reply date a supervisor is offered


class DayHint(QLabel):
    """What kind of day a picked date is: the Nth working day, a day off, provisional."""

    def __init__(self, dialog: ActionDialog):
        super().__init__()
        self.setObjectName("dayHint")
        self.setWordWrap(True)
        self._dialog = dialog

    def show_day(self, day: dt.date) -> None:
        calendar = self._dialog.ctx.desk.schedule.calendar
        today = self._dialog.today()
        if day <= today:
            self.setText(self.tr("Pick a day after today."))
            self.setStyleSheet(WARN_STYLE)
            return
        info = calendar.day(day)
        working = sum(1 for d in calendar.days_between(today + dt.timedelta(days=1), day)
                      if d.working)
        if info.working:
            text = self.tr("Working day %1 from today; due by the end of business hours "
                           "that day").replace("%1", str(working))
            style = HINT_STYLE
        else:
            from core.calendar import holiday_label
            from desktop.i18n import current_language

            why = holiday_label(info.holiday, "zh" if current_language() == "zh_CN" else "en") \
                if info.holiday else self.tr("weekend")
            text = self.tr("A day off (%1): the enterprise may not be reachable")\
                .replace("%1", why)
            style = WARN_STYLE
        if calendar.is_provisional(day):
            text += " · " + self.tr("provisional: that year's holidays are not published yet")
        self.setText(text)
        self.setStyleSheet(style)


class NextFeedbackDialog(ActionDialog):
    """Follow to the end: the rolling reply, and the date of the next one."""

    kind = EventType.NEXT_FEEDBACK_SET

    def title(self) -> str:
        return self.tr("Next feedback date")

    def build(self) -> None:
        calendar = self.ctx.desk.schedule.calendar
        default = calendar.add_working_days(self.today(), DEFAULT_FEEDBACK_DAYS)
        self.next_date = self.date_edit(default)
        self.day_hint = DayHint(self)
        self.add_field("next_date", self.tr("Next feedback on"), self.next_date, self.day_hint)
        self.next_date.dateChanged.connect(lambda _: self.day_hint.show_day(
            self.day_of(self.next_date)))
        self.day_hint.show_day(default)
        self.text, counter = self.text_box(
            LONG, self.tr("Where it stands now, and why it cannot close yet"))
        self.add_field("text", self.tr("Rolling reply"), self.text, counter)
        note = QLabel(self.tr("The request follows to the end (一跟到底): each rolling reply "
                              "sets the next date, until it is resolved."))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        self.form.addRow(note)

    def collect(self) -> dict[str, Any]:
        return {"next_date": self.day_of(self.next_date).isoformat(),
                "text": self.text_of(self.text)}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.set_next_feedback(self.ticket_id, data["next_date"], data["text"])


class Choice(QWidget):
    """A row of radio buttons for a vocabulary; none picked until the clerk picks."""

    def __init__(self, items: list[tuple[str, str]], name: str):
        super().__init__()
        self.setObjectName(name)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for code, text in items:
            button = QRadioButton(text, objectName=f"{name}_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        first = next(iter(self.buttons.values()))
        self.setFocusProxy(first)

    def value(self) -> str | None:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return None

    def set_value(self, code: str) -> None:
        self.buttons[code].setChecked(True)


class ReturnVisitDialog(ActionDialog):
    """The return visit: satisfaction and whether it was solved. An unsatisfied or
    unsolved verdict reopens the request, and the dialog says so before it is recorded."""

    kind = EventType.EVALUATED

    def title(self) -> str:
        return self.tr("Return visit")

    def build(self) -> None:
        self.satisfaction = Choice(choices("satisfaction"), "satisfaction")
        self.add_field("satisfaction", self.tr("Satisfaction"), self.satisfaction)
        self.solved = Choice(choices("solved"), "solved")
        self.add_field("solved", self.tr("Solved?"), self.solved)
        self.warning = QLabel(objectName="reopenWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(HINT_STYLE)
        self.form.addRow(self.warning)
        self.via = QComboBox()
        self.via.setEditable(True)
        self.via.addItems([self.tr("Phone call"), self.tr("Text message"),
                           self.tr("Visit in person"), self.tr("At the counter"),
                           self.tr("Online evaluation (Yueshangtong)")])
        self.via.setMaxCount(20)
        self.via.lineEdit().setMaxLength(40)
        self.add_field("via", self.tr("Visited by"), self.via)
        self.note, counter = self.text_box(MEDIUM, self.tr("What the enterprise said"), lines=3,
                                           grow=False)
        self.add_field("note", self.tr("Note"), self.note, counter)
        self.satisfaction.group.buttonToggled.connect(lambda *_: self._verdict())
        self.solved.group.buttonToggled.connect(lambda *_: self._verdict())
        self._verdict()

    @property
    def will_reopen(self) -> bool:
        return reopens(self.kind, {"satisfaction": self.satisfaction.value(),
                                   "solved": self.solved.value()})

    def _verdict(self) -> None:
        if self.will_reopen:
            self.warning.setText(self.tr("Unsatisfied or unsolved: recording this REOPENS the "
                                         "request, and it must be handled again."))
            self.warning.setStyleSheet(WARN_STYLE + " font-weight: bold;")
            self.submit_button.setText(self.tr("Record and reopen"))
        else:
            self.warning.setText(self.tr("Note: 'Unsatisfied' or 'Unsolved' reopens the "
                                         "request; otherwise it is closed."))
            self.warning.setStyleSheet(HINT_STYLE)
            self.submit_button.setText(self.tr("Record and close"))

    def collect(self) -> dict[str, Any]:
        return {"satisfaction": self.satisfaction.value(), "solved": self.solved.value(),
                "via": self.text_of(self.via), "note": self.text_of(self.note)}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.evaluate(self.ticket_id, data["satisfaction"], data["solved"],
                             note=data["note"], via=data["via"])


class SuperviseDialog(ActionDialog):
    """督办: a supervisor flags the request with the date the unit must reply by."""

    kind = EventType.SUPERVISED

    def title(self) -> str:
        return self.tr("Supervise")

    def submit_text(self) -> str:
        return self.tr("Supervise")

    def build(self) -> None:
        calendar = self.ctx.desk.schedule.calendar
        default = calendar.add_working_days(self.today(), DEFAULT_SUPERVISION_DAYS)
        self.reply_due = self.date_edit(default)
        self.day_hint = DayHint(self)
        self.add_field("reply_due", self.tr("Reply due by"), self.reply_due, self.day_hint)
        self.reply_due.dateChanged.connect(lambda _: self.day_hint.show_day(
            self.day_of(self.reply_due)))
        self.day_hint.show_day(default)
        self.level = QComboBox()
        for code, text in supervision_levels():
            self.level.addItem(text, code)
        self.add_field("level", self.tr("Level"), self.level)
        self.note, counter = self.text_box(MEDIUM, self.tr("What the unit must do, and by when"),
                                           lines=3, grow=False)
        self.add_field("note", self.tr("Instructions"), self.note, counter)

    def collect(self) -> dict[str, Any]:
        return {"reply_due": self.day_of(self.reply_due).isoformat(),
                "note": self.text_of(self.note), "level": self.level.currentData()}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.supervise(self.ticket_id, data["reply_due"], data["note"],
                              level=data["level"])


def supervision_levels() -> list[tuple[str, str]]:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    return [("supervisor", translate("Supervision", "Supervisor")),
            ("leader", translate("Supervision", "Leaders' direct line"))]


def supervision_level(code: str | None) -> str:
    return dict(supervision_levels()).get(code or "", code or "")


__all__ = ["NextFeedbackDialog", "ReturnVisitDialog", "SuperviseDialog", "supervision_level",
           "supervision_levels"]
