"""Deadline rules for dispatched requests.

- "Within 1 hour" is counted in business hours on working days only: a dispatch at
  lunch time starts counting at 14:00, one on Friday 17:00 runs out on Monday 09:00.
- "Within N working days": the day of dispatch is day 0; the deadline is the end of
  business hours on the Nth working day after it, whatever time the dispatch happened.
- "By date D" (a next-feedback date, a supervision's reply date): the end of business
  hours on D.

Every deadline carries an ``Explanation``: the days it skipped (weekend, holiday name),
the weekend days that counted as adjusted working days (调休), and whether any day it
relied on is provisional (a year whose calendar is not yet published). Deadlines are
always recomputed from their start; they are never the only stored truth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from core.calendar import DayInfo, DayKind, WorkCalendar, holiday_label

CONTACT_MINUTES = 60
INTERIM_WORKING_DAYS = 3
CLOSE_WORKING_DAYS = 5
AMBER_FRACTION = 0.25

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class HoursError(ValueError):
    """Business-hours configuration that does not hold; the message names the field."""


def _parse_hhmm(value: Any, where: str) -> dt.time:
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        try:
            return dt.time(int(value[:2]), int(value[3:]))
        except ValueError:
            pass
    raise HoursError(f"{where}: expected a time as HH:MM, got {value!r}")


@dataclass(frozen=True)
class BusinessHours:
    """The halls' opening periods on a working day, in one time zone."""

    periods: tuple[tuple[dt.time, dt.time], ...] = (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(14, 0), dt.time(17, 30)),
    )
    timezone: str = "Asia/Shanghai"

    def __post_init__(self) -> None:
        if not self.periods:
            raise HoursError("periods: expected at least one opening period")
        previous_end: dt.time | None = None
        for i, (start, end) in enumerate(self.periods):
            if end <= start:
                raise HoursError(f"periods[{i}]: ends at {end:%H:%M}, not after it starts")
            if previous_end is not None and start < previous_end:
                raise HoursError(f"periods[{i}]: starts before the previous period ends")
            previous_end = end
        try:
            ZoneInfo(self.timezone)
        except Exception:
            raise HoursError(f"timezone: unknown time zone {self.timezone!r}") from None

    @classmethod
    def from_json(cls, data: Any) -> BusinessHours:
        if not isinstance(data, dict):
            raise HoursError("business hours: expected an object with timezone and periods")
        unknown = set(data) - {"timezone", "periods"}
        if unknown:
            raise HoursError(f"business hours: unknown field(s) {sorted(unknown)}")
        periods = data.get("periods")
        if not isinstance(periods, list) or not periods:
            raise HoursError("periods: expected a list such as [[\"08:30\", \"12:00\"]]")
        parsed = []
        for i, p in enumerate(periods):
            if not isinstance(p, list) or len(p) != 2:
                raise HoursError(f"periods[{i}]: expected [start, end] as HH:MM")
            parsed.append((_parse_hhmm(p[0], f"periods[{i}][0]"),
                           _parse_hhmm(p[1], f"periods[{i}][1]")))
        tz = data.get("timezone", "Asia/Shanghai")
        if not isinstance(tz, str):
            raise HoursError(f"timezone: expected a name such as Asia/Shanghai, got {tz!r}")
        return cls(periods=tuple(parsed), timezone=tz)

    def to_json(self) -> dict[str, Any]:
        return {"timezone": self.timezone,
                "periods": [[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in self.periods]}

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def seconds_per_day(self) -> float:
        return float(sum(_secs(b) - _secs(a) for a, b in self.periods))

    @property
    def closing(self) -> dt.time:
        return self.periods[-1][1]

    def intervals(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        return [(dt.datetime.combine(day, a, self.tz), dt.datetime.combine(day, b, self.tz))
                for a, b in self.periods]

    def end_of(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.closing, self.tz)

    def is_open(self, moment: dt.datetime, calendar: WorkCalendar) -> bool:
        local = moment.astimezone(self.tz)
        if not calendar.is_working(local.date()):
            return False
        t = local.time()
        return any(a <= t < b for a, b in self.periods)


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


class Rule(StrEnum):
    BUSINESS_HOURS = "business_hours"
    WORKING_DAYS = "working_days"
    ON_DATE = "on_date"


@dataclass(frozen=True)
class Explanation:
    """Why a deadline falls where it does."""

    rule: Rule
    amount: int                       # minutes (business hours), days (working days), 0 (date)
    start: dt.datetime
    due_at: dt.datetime
    skipped: tuple[DayInfo, ...]      # days not counted: weekends and holidays
    adjusted: tuple[DayInfo, ...]     # weekend days that counted (调休)
    provisional_days: tuple[dt.date, ...]
    last_published_year: int

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_days)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.value,
            "amount": self.amount,
            "start": self.start.isoformat(),
            "due_at": self.due_at.isoformat(),
            "skipped": [{"date": d.date.isoformat(), "kind": d.kind.value, "holiday": d.holiday}
                        for d in self.skipped],
            "adjusted": [{"date": d.date.isoformat(), "holiday": d.holiday} for d in self.adjusted],
            "provisional_days": [d.isoformat() for d in self.provisional_days],
            "text_zh": self.text("zh"),
            "text_en": self.text("en"),
        }

    def text(self, lang: str = "zh") -> str:
        return "\n".join(self.lines(lang))

    def lines(self, lang: str = "zh") -> list[str]:
        zh = lang == "zh"
        start, due = self.start, self.due_at
        out: list[str] = []
        if self.rule is Rule.BUSINESS_HOURS:
            out.append(
                f"自 {_fmt(start, zh)} 起计 {self.amount} 分钟工作时间（仅计工作日的办公时段），"
                f"至 {_fmt(due, zh)}。" if zh else
                f"{self.amount} business minutes from {_fmt(start, zh)} (working days, opening "
                f"hours only), ending {_fmt(due, zh)}.")
        elif self.rule is Rule.WORKING_DAYS:
            out.append(
                f"{_day(start.date(), zh)}为第0日，顺延 {self.amount} 个工作日，"
                f"至 {_fmt(due, zh)}（当日下班时间）。" if zh else
                f"{_day(start.date(), zh)} is day 0; {self.amount} working days later is "
                f"{_fmt(due, zh)} (end of business hours).")
        else:
            out.append(f"截止日期 {_day(due.date(), zh)}，以当日下班时间 {due:%H:%M} 为限。" if zh
                       else f"Due on {_day(due.date(), zh)}, at the end of business hours "
                            f"({due:%H:%M}).")
        for group in _group(self.skipped):
            first, last, info = group[0].date, group[-1].date, group[0]
            span = _day(first, zh) if first == last else (
                f"{_day(first, zh)}至{_day(last, zh)}，共{len(group)}天" if zh else
                f"{_day(first, zh)} to {_day(last, zh)} ({len(group)} days)")
            if info.kind is DayKind.HOLIDAY:
                why = f"{holiday_label(info.holiday, lang)}假期" if zh else \
                    f"{holiday_label(info.holiday, lang)} holiday"
            else:
                why = "周末" if zh else "weekend"
            out.append(f"跳过 {span}：{why}。" if zh else f"Skipped {span}: {why}.")
        for info in self.adjusted:
            name = holiday_label(info.holiday, lang)
            out.append(f"计入 {_day(info.date, zh)}：{name}调休上班日。" if zh else
                       f"Counted {_day(info.date, zh)}: a weekend working day ({name} adjustment).")
        if self.provisional_days:
            latest = self.provisional_days[-1]
            if latest.year > self.last_published_year:
                out.append(
                    f"暂定：{latest.year}年节假日安排尚未发布，按周末及法定节日本日推算，"
                    f"发布后自动重算。" if zh else
                    f"Provisional: the {latest.year} holiday calendar is not yet published; "
                    f"counted on weekends and statutory holidays only, and recomputed once it is.")
            else:
                out.append(
                    f"暂定：{self.last_published_year}年12月25日以后的日期可能因次年放假安排调整，"
                    f"发布后自动重算。" if zh else
                    f"Provisional: days from 25 December {self.last_published_year} on may move "
                    f"with next year's calendar; recomputed once it is published.")
        return out


def _fmt(moment: dt.datetime, zh: bool) -> str:
    return f"{_day(moment.date(), zh)}{'' if zh else ' '}{moment:%H:%M}"


def _day(day: dt.date, zh: bool) -> str:
    return (f"{day.isoformat()}（周{_WEEKDAYS_ZH[day.weekday()]}）" if zh
            else f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}")


def _group(days: Iterable[DayInfo]) -> list[list[DayInfo]]:
    """Consecutive days off with the same reason, grouped for one line each."""
    groups: list[list[DayInfo]] = []
    for info in days:
        if groups:
            last = groups[-1][-1]
            if (info.date - last.date).days == 1 and info.kind is last.kind \
                    and info.holiday == last.holiday:
                groups[-1].append(info)
                continue
        groups.append([info])
    return groups


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    explanation: Explanation

    @property
    def provisional(self) -> bool:
        return self.explanation.provisional


@dataclass(frozen=True)
class Schedule:
    """The calendar and business hours every deadline is computed on."""

    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    hours: BusinessHours = field(default_factory=BusinessHours)

    def fingerprint(self) -> str:
        return f"{self.calendar.fingerprint()}:{self.hours.to_json()}"

    # -- rules ---------------------------------------------------------------------

    def within_business_minutes(self, start: dt.datetime, minutes: int) -> Deadline:
        if minutes <= 0:
            raise ValueError("minutes: expected a positive number of business minutes")
        _aware(start)
        local = start.astimezone(self.hours.tz)
        remaining = float(minutes * 60)
        day, cursor = local.date(), local
        skipped: list[DayInfo] = []
        adjusted: list[DayInfo] = []
        touched: list[DayInfo] = []
        for _ in range(3660):  # ten years of days: a calendar with no working day is broken
            info = self.calendar.day(day)
            touched.append(info)
            if info.working:
                if info.kind is DayKind.ADJUSTED_WORKDAY:
                    adjusted.append(info)
                for a, b in self.hours.intervals(day):
                    s = max(a, cursor)
                    if s >= b:
                        continue
                    available = (b - s).total_seconds()
                    if available >= remaining:
                        due = s + dt.timedelta(seconds=remaining)
                        return self._deadline(Rule.BUSINESS_HOURS, minutes, local, due,
                                              skipped, adjusted, touched)
                    remaining -= available
            else:
                skipped.append(info)
            day += dt.timedelta(days=1)
            cursor = dt.datetime.combine(day, dt.time(0), self.hours.tz)
        raise ValueError("calendar: no working day found within ten years")

    def within_working_days(self, start: dt.datetime, days: int) -> Deadline:
        if days <= 0:
            raise ValueError("days: expected a positive number of working days")
        _aware(start)
        local = start.astimezone(self.hours.tz)
        day = local.date()
        skipped: list[DayInfo] = []
        adjusted: list[DayInfo] = []
        touched: list[DayInfo] = []
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            info = self.calendar.day(day)
            touched.append(info)
            if info.working:
                counted += 1
                if info.kind is DayKind.ADJUSTED_WORKDAY:
                    adjusted.append(info)
            else:
                skipped.append(info)
        return self._deadline(Rule.WORKING_DAYS, days, local, self.hours.end_of(day),
                              skipped, adjusted, touched)

    def on_date(self, day: dt.date, *, since: dt.datetime | None = None) -> Deadline:
        due = self.hours.end_of(day)
        info = self.calendar.day(day)
        start = (since or due).astimezone(self.hours.tz)
        return self._deadline(Rule.ON_DATE, 0, start, due, [], [], [info])

    def _deadline(self, rule: Rule, amount: int, start: dt.datetime, due: dt.datetime,
                  skipped: list[DayInfo], adjusted: list[DayInfo],
                  touched: list[DayInfo]) -> Deadline:
        provisional = tuple(d.date for d in touched if d.provisional)
        return Deadline(due, Explanation(rule, amount, start, due, tuple(skipped),
                                         tuple(adjusted), provisional,
                                         self.calendar.last_published_year))

    # -- the three clocks of a dispatch --------------------------------------------

    def contact_due(self, dispatched_at: dt.datetime) -> Deadline:
        return self.within_business_minutes(dispatched_at, CONTACT_MINUTES)

    def interim_due(self, dispatched_at: dt.datetime) -> Deadline:
        return self.within_working_days(dispatched_at, INTERIM_WORKING_DAYS)

    def close_due(self, dispatched_at: dt.datetime) -> Deadline:
        return self.within_working_days(dispatched_at, CLOSE_WORKING_DAYS)

    # -- measuring -----------------------------------------------------------------

    def business_seconds(self, start: dt.datetime, end: dt.datetime) -> float:
        """Business time between two moments (negative when end is before start)."""
        if end < start:
            return -self.business_seconds(end, start)
        a, b = start.astimezone(self.hours.tz), end.astimezone(self.hours.tz)
        total = 0.0
        day = a.date()
        while day <= b.date():
            if self.calendar.is_working(day):
                for s, e in self.hours.intervals(day):
                    lo, hi = max(s, a), min(e, b)
                    if hi > lo:
                        total += (hi - lo).total_seconds()
            day += dt.timedelta(days=1)
        return total

    def before(self, end: dt.datetime, seconds: float) -> dt.datetime:
        """The moment that leaves ``seconds`` of business time before ``end``."""
        local = end.astimezone(self.hours.tz)
        remaining = seconds
        day, cursor = local.date(), local
        for _ in range(3660):
            if self.calendar.is_working(day):
                for a, b in reversed(self.hours.intervals(day)):
                    e = min(b, cursor)
                    if e <= a:
                        continue
                    available = (e - a).total_seconds()
                    if available >= remaining:
                        return e - dt.timedelta(seconds=remaining)
                    remaining -= available
            day -= dt.timedelta(days=1)
            cursor = dt.datetime.combine(day, dt.time(23, 59, 59, 999999), self.hours.tz)
        raise ValueError("calendar: no working day found within ten years")

    def amber_at(self, started_at: dt.datetime, due_at: dt.datetime) -> dt.datetime:
        """When a clock turns amber: a quarter of its business time left."""
        total = self.business_seconds(started_at, due_at)
        return self.before(due_at, total * AMBER_FRACTION) if total > 0 else started_at

    def working_days_elapsed(self, start: dt.datetime, end: dt.datetime) -> float:
        """Business time between two moments, in working days (7 business hours = 1)."""
        return self.business_seconds(start, end) / self.hours.seconds_per_day


def _aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("start: expected a date-time with a time zone offset")


class Light(StrEnum):
    """How a running clock looks: green, amber under 25% left, red once overdue."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    MET = "met"            # stopped on time
    LATE = "late"          # stopped after its deadline


def light(schedule: Schedule, started_at: dt.datetime, due_at: dt.datetime,
          stopped_at: dt.datetime | None, now: dt.datetime) -> tuple[Light, float]:
    """The clock's colour and the business seconds left (negative once overdue)."""
    if stopped_at is not None:
        return (Light.MET if stopped_at <= due_at else Light.LATE,
                schedule.business_seconds(stopped_at, due_at))
    left = schedule.business_seconds(now, due_at)
    if now > due_at:
        return Light.RED, left
    total = schedule.business_seconds(started_at, due_at)
    if total <= 0 or left / total < AMBER_FRACTION:
        return Light.AMBER, left
    return Light.GREEN, left
