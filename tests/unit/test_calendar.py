import datetime as dt

import pytest

from core.calendar import CalendarFileError, DayKind, PublishedCalendar, Source, WorkCalendar

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cal():
    return WorkCalendar()


@pytest.mark.parametrize("day,kind,holiday", [
    ("2026-09-20", DayKind.ADJUSTED_WORKDAY, "national_day"),   # Sunday worked
    ("2026-09-25", DayKind.HOLIDAY, "mid_autumn"),
    ("2026-10-01", DayKind.HOLIDAY, "national_day"),
    ("2026-10-04", DayKind.HOLIDAY, "national_day"),             # a Sunday inside the holiday
    ("2026-10-07", DayKind.HOLIDAY, "national_day"),
    ("2026-10-08", DayKind.WORKDAY, None),
    ("2026-10-10", DayKind.ADJUSTED_WORKDAY, "national_day"),   # Saturday worked
    ("2026-10-11", DayKind.WEEKEND, None),
    ("2026-02-14", DayKind.ADJUSTED_WORKDAY, "spring_festival"),
    ("2026-02-15", DayKind.HOLIDAY, "spring_festival"),
    ("2026-02-23", DayKind.HOLIDAY, "spring_festival"),
    ("2026-02-24", DayKind.WORKDAY, None),
    ("2026-02-28", DayKind.ADJUSTED_WORKDAY, "spring_festival"),
])
def test_2026_official_calendar(cal, day, kind, holiday):
    info = cal.day(D(day))
    assert (info.kind, info.holiday) == (kind, holiday)
    assert info.source is Source.BUILTIN
    assert not info.provisional


def test_unpublished_year_falls_back_to_statutory_dates_and_is_provisional(cal):
    spring = cal.day(D("2027-02-06"))       # 正月初一 2027
    assert spring.kind is DayKind.HOLIDAY and spring.holiday == "spring_festival"
    assert spring.provisional and spring.source is Source.FALLBACK
    # no adjusted days and no bridging days are invented
    assert cal.day(D("2027-02-09")).kind is DayKind.WORKDAY
    assert cal.day(D("2027-10-04")).kind is DayKind.WORKDAY
    assert cal.day(D("2027-10-03")).kind is DayKind.HOLIDAY
    assert cal.day(D("2027-01-04")).provisional


def test_late_december_of_last_published_year_is_provisional(cal):
    assert cal.last_published_year == 2026
    assert not cal.day(D("2026-12-24")).provisional
    assert cal.day(D("2026-12-25")).provisional
    assert cal.day(D("2026-12-31")).provisional


CAL_2027 = {
    "year": 2027,
    "source": "示例：2027年部分节假日安排（测试用）",
    "holidays": [
        {"name": "new_year", "date": "2027-01-01"},
        {"name": "spring_festival", "from": "2027-02-05", "to": "2027-02-12"},
        {"name": "national_day", "from": "2027-10-01", "to": "2027-10-07"},
    ],
    "workdays": [{"name": "spring_festival", "date": "2027-02-20"},
                 {"name": "national_day", "date": "2027-10-09"}],
}


def test_published_calendar_overrides_and_ends_provisional_status():
    cal = WorkCalendar.with_published([PublishedCalendar.from_json(CAL_2027)])
    assert cal.last_published_year == 2027
    assert not cal.day(D("2026-12-28")).provisional      # 2027 is now known
    assert not cal.day(D("2027-02-09")).provisional
    assert cal.day(D("2027-02-09")).kind is DayKind.HOLIDAY
    assert cal.day(D("2027-02-20")).kind is DayKind.ADJUSTED_WORKDAY
    assert cal.day(D("2027-12-27")).provisional
    assert cal.fingerprint() != WorkCalendar().fingerprint()


def test_published_calendar_round_trips():
    cal = PublishedCalendar.from_json(CAL_2027)
    assert PublishedCalendar.from_json(cal.to_json()) == cal


@pytest.mark.parametrize("patch,field", [
    ({"year": "2027"}, "year"),
    ({"source": ""}, "source"),
    ({"holidays": [{"name": "x", "date": "2027-02-30"}]}, "holidays[0].date"),
    ({"holidays": [{"name": "x", "date": "2028-01-01"}]}, "holidays[0]"),
    ({"holidays": [{"date": "2027-01-01"}]}, "holidays[0].name"),
    ({"holidays": [{"name": "x", "from": "2027-02-10", "to": "2027-02-01"}]}, "holidays[0].to"),
    ({"workdays": [{"name": "x", "date": "2027-02-22"}]}, "workdays"),   # a Monday
    ({"workdays": [{"name": "x", "date": "2027-01-01"}]}, "workdays"),   # also a holiday
    ({"extra": 1}, "unknown field"),
])
def test_bad_calendar_file_names_the_field(patch, field):
    with pytest.raises(CalendarFileError) as err:
        PublishedCalendar.from_json({**CAL_2027, **patch})
    assert field in str(err.value)


def test_calendar_file_that_is_not_json():
    with pytest.raises(CalendarFileError, match="not valid JSON"):
        PublishedCalendar.from_json("{year: 2027")


def test_counting_working_days(cal):
    assert cal.add_working_days(D("2026-09-30"), 3) == D("2026-10-10")
    assert cal.next_working_day(D("2026-10-09")) == D("2026-10-10")
    with pytest.raises(ValueError, match="n:"):
        cal.add_working_days(D("2026-09-30"), -1)
