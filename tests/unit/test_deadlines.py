import datetime as dt

import pytest

from core.calendar import PublishedCalendar, WorkCalendar
from core.deadlines import BusinessHours, HoursError, Light, Rule, Schedule, light

CST = dt.timezone(dt.timedelta(hours=8))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


@pytest.fixture(scope="module")
def s():
    return Schedule()


def dues(s, start):
    return [d.due_at for d in (s.contact_due(start), s.interim_due(start), s.close_due(start))]


def test_national_day_2026(s):
    start = at("2026-09-30T16:00")
    assert dues(s, start) == [at("2026-09-30T17:00"), at("2026-10-10T17:30"),
                              at("2026-10-13T17:30")]
    interim = s.interim_due(start)
    assert not interim.provisional
    skipped = [d.date.isoformat() for d in interim.explanation.skipped]
    assert skipped == [f"2026-10-0{i}" for i in range(1, 8)]
    assert [d.date.isoformat() for d in interim.explanation.adjusted] == ["2026-10-10"]
    text = interim.explanation.text("zh")
    assert "国庆节" in text and "2026-10-10（周六）" in text and "调休" in text


def test_national_day_adjusted_sunday_before_it_counts(s):
    # dispatched Friday 18 September: Sunday 20 September is a working day
    interim = s.interim_due(at("2026-09-18T10:00"))
    assert interim.due_at == at("2026-09-22T17:30")
    assert [d.date.isoformat() for d in interim.explanation.adjusted] == ["2026-09-20"]


def test_spring_festival_2026(s):
    start = at("2026-02-13T16:00")   # Friday before the festival
    assert dues(s, start) == [at("2026-02-13T17:00"), at("2026-02-25T17:30"),
                              at("2026-02-27T17:30")]
    # 14 February (Saturday) is worked, then nine days off
    close = s.close_due(start).explanation
    assert [d.date.isoformat() for d in close.adjusted] == ["2026-02-14"]
    assert len(close.skipped) == 9
    # and 28 February (Saturday) is worked
    assert s.interim_due(at("2026-02-25T09:00")).due_at == at("2026-02-28T17:30")


def test_friday_1700_dispatch(s):
    start = at("2026-11-20T17:00")
    assert dues(s, start) == [at("2026-11-23T09:00"), at("2026-11-25T17:30"),
                              at("2026-11-27T17:30")]
    contact = s.contact_due(start).explanation
    assert contact.rule is Rule.BUSINESS_HOURS
    assert [d.date.isoformat() for d in contact.skipped] == ["2026-11-21", "2026-11-22"]
    assert "周末" in contact.text("zh")


def test_lunch_time_dispatch_waits_for_the_afternoon(s):
    assert s.contact_due(at("2026-11-24T12:30")).due_at == at("2026-11-24T15:00")
    assert s.contact_due(at("2026-11-24T11:30")).due_at == at("2026-11-24T14:30")
    assert s.contact_due(at("2026-11-24T07:00")).due_at == at("2026-11-24T09:30")
    assert s.contact_due(at("2026-11-24T19:00")).due_at == at("2026-11-25T09:30")


def test_dispatch_on_a_holiday(s):
    start = at("2026-10-03T10:00")
    assert dues(s, start) == [at("2026-10-08T09:30"), at("2026-10-10T17:30"),
                              at("2026-10-13T17:30")]
    skipped = s.contact_due(start).explanation.skipped
    assert skipped[0].date.isoformat() == "2026-10-03" and skipped[0].holiday == "national_day"


def test_running_into_2027_is_provisional(s):
    start = at("2026-12-29T10:00")
    close = s.close_due(start)
    assert close.due_at == at("2027-01-06T17:30")   # 1 January skipped (statutory date)
    assert close.provisional
    assert "2027年节假日安排尚未发布" in close.explanation.text("zh")
    assert "not yet published" in close.explanation.text("en")
    # once 2027 is published, the same dispatch is recomputed and no longer provisional
    published = PublishedCalendar.from_json({
        "year": 2027, "source": "test notice",
        "holidays": [{"name": "new_year", "from": "2027-01-01", "to": "2027-01-03"}],
        "workdays": []})
    s2 = Schedule(WorkCalendar.with_published([published]))
    assert not s2.close_due(start).provisional
    assert s2.close_due(start).due_at == at("2027-01-06T17:30")


def test_late_december_is_provisional_even_within_2026(s):
    assert not s.interim_due(at("2026-12-21T10:00")).provisional    # 22..24 Dec
    assert s.close_due(at("2026-12-21T10:00")).provisional          # 22..28 Dec
    assert not s.interim_due(at("2026-12-14T10:00")).provisional


def test_on_date_and_explanation_json(s):
    d = s.on_date(dt.date(2026, 12, 4), since=at("2026-11-25T10:00"))
    assert d.due_at == at("2026-12-04T17:30")
    j = d.explanation.to_json()
    assert j["rule"] == "on_date" and j["due_at"] == "2026-12-04T17:30:00+08:00"


def test_business_seconds_and_lights(s):
    start = at("2026-11-24T09:00")
    deadline = s.interim_due(start).due_at   # Friday 27th 17:30
    assert s.business_seconds(at("2026-11-24T11:00"), at("2026-11-24T15:00")) == 2 * 3600
    assert light(s, start, deadline, None, at("2026-11-24T10:00"))[0] is Light.GREEN
    assert light(s, start, deadline, None, at("2026-11-27T14:00"))[0] is Light.AMBER
    colour, left = light(s, start, deadline, None, at("2026-11-30T10:00"))
    assert colour is Light.RED and left < 0
    assert light(s, start, deadline, at("2026-11-26T10:00"), at("2026-12-30T10:00"))[0] is Light.MET
    assert light(s, start, deadline, at("2026-11-30T10:00"), at("2026-12-30T10:00"))[0] is Light.LATE


def test_business_hours_are_configuration():
    hours = BusinessHours.from_json({"timezone": "Asia/Shanghai",
                                     "periods": [["09:00", "12:00"], ["13:30", "18:00"]]})
    s = Schedule(hours=hours)
    assert s.contact_due(at("2026-11-24T17:30")).due_at == at("2026-11-25T09:30")
    assert s.interim_due(at("2026-11-24T10:00")).due_at == at("2026-11-27T18:00")
    assert BusinessHours.from_json(hours.to_json()) == hours


@pytest.mark.parametrize("data,field", [
    ({"periods": []}, "periods"),
    ({"periods": [["8:30", "12:00"]]}, "periods[0][0]"),
    ({"periods": [["12:00", "08:30"]]}, "periods[0]"),
    ({"periods": [["08:30", "12:00"], ["11:00", "17:00"]]}, "periods[1]"),
    ({"periods": [["08:30", "12:00"]], "timezone": "Mars/Base"}, "timezone"),
    ({"periods": [["08:30", "12:00"]], "lunch": True}, "unknown field"),
])
def test_bad_business_hours_name_the_field(data, field):
    with pytest.raises(HoursError) as err:
        BusinessHours.from_json(data)
    assert field in str(err.value)


def test_naive_start_is_refused(s):
    with pytest.raises(ValueError, match="time zone"):
        s.interim_due(dt.datetime(2026, 11, 24, 10))


def test_amber_moment_matches_the_lights(s):
    start = at("2026-11-24T09:00")
    due = s.interim_due(start).due_at                 # Friday 27th 17:30
    amber = s.amber_at(start, due)
    # 27.5 business hours in all (6.5 on Tuesday, then 7 a day): amber with 6 h 52.5 min
    # left, which reaches back from Friday 17:30 across lunch to 08:37:30
    assert amber == at("2026-11-27T08:37:30")
    assert light(s, start, due, None, amber - dt.timedelta(seconds=1))[0] is Light.GREEN
    assert light(s, start, due, None, amber + dt.timedelta(seconds=1))[0] is Light.AMBER
    contact = s.contact_due(at("2026-11-20T17:00")).due_at   # Monday 09:00
    assert s.amber_at(at("2026-11-20T17:00"), contact) == at("2026-11-23T08:45")
