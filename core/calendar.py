"""Working days on China's official calendar.

Three sources, in order of authority:

1. calendars the central server publishes (one JSON file per year, see
   ``PublishedCalendar``): they override everything else for their year;
2. the ``chinesecalendar`` package, for the years it knows (2004 to its last year);
3. for any other year, a fallback: weekends plus the statutory holidays' own dates
   (from the ``holidays`` package's China rules, observed days left out), with no
   adjusted working days. Every date of such a year is *provisional*.

Dates from 25 December of the last published year on are provisional too: the next
year's notice has moved late-December days before (e.g. a Sunday in late December made
a working day for New Year's Day).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Holiday keys with their Chinese and English labels.
HOLIDAYS: dict[str, tuple[str, str]] = {
    "new_year": ("元旦", "New Year's Day"),
    "spring_festival": ("春节", "Spring Festival"),
    "tomb_sweeping": ("清明节", "Tomb-sweeping Day"),
    "labour_day": ("劳动节", "Labour Day"),
    "dragon_boat": ("端午节", "Dragon Boat Festival"),
    "mid_autumn": ("中秋节", "Mid-autumn Festival"),
    "national_day": ("国庆节", "National Day"),
    "anti_fascist_70th": ("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
                          "Anti-Fascist 70th Day"),
}

# chinesecalendar's Holiday enum names -> our keys.
_CC_KEYS = {
    "new_years_day": "new_year",
    "spring_festival": "spring_festival",
    "tomb_sweeping_day": "tomb_sweeping",
    "labour_day": "labour_day",
    "dragon_boat_festival": "dragon_boat",
    "national_day": "national_day",
    "mid_autumn_festival": "mid_autumn",
    "anti_fascist_70th_day": "anti_fascist_70th",
}

# The `holidays` package's English names -> our keys (observed days are left out).
_FALLBACK_KEYS = {
    "New Year's Day": "new_year",
    "Chinese New Year's Eve": "spring_festival",
    "Chinese New Year (Spring Festival)": "spring_festival",
    "Tomb-Sweeping Day": "tomb_sweeping",
    "Labor Day": "labour_day",
    "Dragon Boat Festival": "dragon_boat",
    "Mid-Autumn Festival": "mid_autumn",
    "National Day": "national_day",
}

PROVISIONAL_FROM_MONTH_DAY = (12, 25)


def holiday_label(key: str | None, lang: str = "zh") -> str:
    """The display name of a holiday key; an unknown key is shown as given."""
    if not key:
        return ""
    labels = HOLIDAYS.get(key)
    if labels is None:
        return key
    return labels[0] if lang == "zh" else labels[1]


class DayKind(StrEnum):
    WORKDAY = "workday"            # an ordinary Monday-Friday working day
    WEEKEND = "weekend"            # Saturday or Sunday, not worked
    HOLIDAY = "holiday"            # a day off for a holiday (any weekday or weekend)
    ADJUSTED_WORKDAY = "adjusted"  # a weekend day that is worked (调休)


class Source(StrEnum):
    PUBLISHED = "published"
    BUILTIN = "chinesecalendar"
    FALLBACK = "fallback"


@dataclass(frozen=True, slots=True)
class DayInfo:
    date: dt.date
    kind: DayKind
    holiday: str | None      # the holiday key behind a day off or an adjusted working day
    provisional: bool
    source: Source

    @property
    def working(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY)


class CalendarFileError(ValueError):
    """A published calendar file that does not hold; the message names the field."""


def _parse_date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise CalendarFileError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CalendarFileError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}") from None


@dataclass(frozen=True)
class PublishedCalendar:
    """One year's calendar as the central server publishes it.

    JSON form::

        {"year": 2027,
         "source": "国务院办公厅关于2027年部分节假日安排的通知",
         "holidays": [{"name": "spring_festival", "from": "2027-02-05", "to": "2027-02-12"},
                      {"name": "new_year", "date": "2027-01-01"}],
         "workdays": [{"name": "spring_festival", "date": "2027-02-20"}]}

    ``holidays`` are days off (a single ``date`` or a ``from``/``to`` range, inclusive);
    ``workdays`` are the weekend days worked instead (调休). ``name`` is a holiday key
    (``new_year``, ``spring_festival``, ``tomb_sweeping``, ``labour_day``,
    ``dragon_boat``, ``mid_autumn``, ``national_day``) or any other label.
    """

    year: int
    source: str
    holidays: Mapping[dt.date, str]
    workdays: Mapping[dt.date, str]

    @classmethod
    def from_json(cls, data: Any) -> PublishedCalendar:
        if isinstance(data, (str, bytes)):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise CalendarFileError(f"calendar file: not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise CalendarFileError("calendar file: expected a JSON object")
        unknown = set(data) - {"year", "source", "holidays", "workdays"}
        if unknown:
            raise CalendarFileError(f"calendar file: unknown field(s) {sorted(unknown)}")
        year = data.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
            raise CalendarFileError(f"year: expected a year such as 2027, got {year!r}")
        source = data.get("source", "")
        if not isinstance(source, str) or not source.strip():
            raise CalendarFileError("source: expected the notice this calendar comes from")
        holidays = cls._entries(data.get("holidays", []), "holidays", year, ranges=True)
        workdays = cls._entries(data.get("workdays", []), "workdays", year, ranges=False)
        both = set(holidays) & set(workdays)
        if both:
            raise CalendarFileError(
                f"workdays: {min(both).isoformat()} is listed as a holiday as well")
        for day in workdays:
            if day.weekday() < 5:
                raise CalendarFileError(
                    f"workdays: {day.isoformat()} is a weekday; only weekend days are adjusted")
        return cls(year=year, source=source.strip(), holidays=holidays, workdays=workdays)

    @staticmethod
    def _entries(items: Any, name: str, year: int, *, ranges: bool) -> dict[dt.date, str]:
        if not isinstance(items, list):
            raise CalendarFileError(f"{name}: expected a list")
        out: dict[dt.date, str] = {}
        for i, item in enumerate(items):
            where = f"{name}[{i}]"
            if not isinstance(item, dict):
                raise CalendarFileError(f"{where}: expected an object with name and date")
            label = item.get("name")
            if not isinstance(label, str) or not label.strip():
                raise CalendarFileError(f"{where}.name: expected a holiday name")
            if "date" in item:
                first = last = _parse_date(item["date"], f"{where}.date")
            elif ranges and "from" in item and "to" in item:
                first = _parse_date(item["from"], f"{where}.from")
                last = _parse_date(item["to"], f"{where}.to")
                if last < first:
                    raise CalendarFileError(f"{where}.to: {last} is before from {first}")
                if (last - first).days > 14:
                    raise CalendarFileError(f"{where}: a holiday longer than 15 days")
            else:
                what = "date, or from and to" if ranges else "date"
                raise CalendarFileError(f"{where}: expected {what}")
            day = first
            while day <= last:
                if day.year != year:
                    raise CalendarFileError(f"{where}: {day.isoformat()} is not in {year}")
                out[day] = label.strip()
                day += dt.timedelta(days=1)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [{"name": n, "date": d.isoformat()} for d, n in sorted(self.holidays.items())],
            "workdays": [{"name": n, "date": d.isoformat()} for d, n in sorted(self.workdays.items())],
        }


_BUILTIN_NAMES: dict[str, str] = {}


def _builtin_key(name: str | None) -> str | None:
    """Our key for a holiday name as chinesecalendar gives it ("National Day")."""
    if not name:
        return None
    if not _BUILTIN_NAMES:
        from chinese_calendar.constants import Holiday

        _BUILTIN_NAMES.update({h.value: _CC_KEYS.get(h.name, h.name) for h in Holiday})
    return _BUILTIN_NAMES.get(name, name)


def _builtin_years() -> tuple[int, int]:
    import chinese_calendar

    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


@dataclass
class WorkCalendar:
    """Answers, for any date, whether it is a working day, why, and how sure we are."""

    published: Mapping[int, PublishedCalendar] = field(default_factory=dict)
    use_builtin: bool = True

    def __post_init__(self) -> None:
        self.published = dict(self.published)
        self._cache: dict[dt.date, DayInfo] = {}
        self._fallback_years: dict[int, dict[dt.date, str]] = {}
        if self.use_builtin:
            self._builtin_first, self._builtin_last = _builtin_years()
        else:
            self._builtin_first, self._builtin_last = 0, -1

    @classmethod
    def with_published(cls, calendars: Iterable[PublishedCalendar]) -> WorkCalendar:
        return cls(published={c.year: c for c in calendars})

    # -- what is known -------------------------------------------------------------

    @property
    def last_published_year(self) -> int:
        """The last year for which an official calendar is known, with no gap before it."""
        year = self._builtin_last
        while (year + 1) in self.published:
            year += 1
        if year < 0 and self.published:
            year = max(self.published)
        return year

    def is_published(self, year: int) -> bool:
        return year in self.published or self._builtin_first <= year <= self._builtin_last

    def is_provisional(self, day: dt.date) -> bool:
        last = self.last_published_year
        if not self.is_published(day.year) or day.year > last:
            return True
        return day.year == last and (day.month, day.day) >= PROVISIONAL_FROM_MONTH_DAY

    def fingerprint(self) -> str:
        """Changes whenever any answer of this calendar may change (for recomputing)."""
        h = hashlib.sha256(f"builtin:{self._builtin_first}-{self._builtin_last}".encode())
        for year in sorted(self.published):
            h.update(json.dumps(self.published[year].to_json(), sort_keys=True).encode())
        return h.hexdigest()[:16]

    # -- days ----------------------------------------------------------------------

    def day(self, day: dt.date) -> DayInfo:
        info = self._cache.get(day)
        if info is None:
            info = self._cache[day] = self._compute(day)
        return info

    def is_working(self, day: dt.date) -> bool:
        return self.day(day).working

    def _compute(self, day: dt.date) -> DayInfo:
        provisional = self.is_provisional(day)
        weekend = day.weekday() >= 5
        cal = self.published.get(day.year)
        if cal is not None:
            if day in cal.holidays:
                return DayInfo(day, DayKind.HOLIDAY, cal.holidays[day], provisional, Source.PUBLISHED)
            if day in cal.workdays:
                return DayInfo(day, DayKind.ADJUSTED_WORKDAY, cal.workdays[day], provisional,
                               Source.PUBLISHED)
            kind = DayKind.WEEKEND if weekend else DayKind.WORKDAY
            return DayInfo(day, kind, None, provisional, Source.PUBLISHED)
        if self._builtin_first <= day.year <= self._builtin_last:
            import chinese_calendar

            is_holiday, name = chinese_calendar.get_holiday_detail(day)
            key = _builtin_key(name)
            if is_holiday and key:
                return DayInfo(day, DayKind.HOLIDAY, key, provisional, Source.BUILTIN)
            if weekend and not is_holiday:
                return DayInfo(day, DayKind.ADJUSTED_WORKDAY, key, provisional, Source.BUILTIN)
            if weekend:
                return DayInfo(day, DayKind.WEEKEND, None, provisional, Source.BUILTIN)
            return DayInfo(day, DayKind.WORKDAY, None, provisional, Source.BUILTIN)
        holidays = self._fallback_holidays(day.year)
        if day in holidays:
            return DayInfo(day, DayKind.HOLIDAY, holidays[day], True, Source.FALLBACK)
        kind = DayKind.WEEKEND if weekend else DayKind.WORKDAY
        return DayInfo(day, kind, None, True, Source.FALLBACK)

    def _fallback_holidays(self, year: int) -> dict[dt.date, str]:
        found = self._fallback_years.get(year)
        if found is None:
            import holidays as holidays_lib

            found = {}
            for day, name in holidays_lib.China(years=year, observed=False).items():
                for part in str(name).split(";"):
                    key = _FALLBACK_KEYS.get(part.strip())
                    if key is not None:
                        found[day] = key
                        break
            self._fallback_years[year] = found
        return found

    # -- counting ------------------------------------------------------------------

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day after ``day`` (``day`` itself is day 0, whatever it is)."""
        if n < 0:
            raise ValueError("n: expected 0 or more working days")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def days_between(self, first: dt.date, last: dt.date) -> list[DayInfo]:
        """Every day from ``first`` to ``last`` inclusive."""
        out = []
        day = first
        while day <= last:
            out.append(self.day(day))
            day += dt.timedelta(days=1)
        return out
