import datetime as dt

import pytest

from core.deadlines import Light, Schedule
from core.ids import new_id
from core.ticket_state import ClockKind, StopReason, fold
from core.tickets import (Event, EventType as E, Role, Status, TransitionError,
                          ValidationError, allowed_events, check_event_time, check_transition,
                          validate_event_data)

CST = dt.timezone(dt.timedelta(hours=8))
S = Schedule()


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


def ev(kind, when, role=Role.CLERK, **data):
    return Event(new_id(), kind, at(when), "clerk01", role, "SQ01", data)


def test_every_state_admits_only_its_events():
    check_transition(None, E.CREATED, Role.CLERK)
    check_transition(Status.RECEIVED, E.DISPATCHED, Role.CLERK)
    with pytest.raises(TransitionError) as err:
        check_transition(Status.RESOLVED, E.DISPATCHED, Role.CLERK)
    assert err.value.code == "invalid_transition"
    assert "已办结" in err.value.message_zh and "转办" in err.value.message_zh
    with pytest.raises(TransitionError, match="does not exist"):
        check_transition(None, E.NOTE, Role.CLERK)
    with pytest.raises(TransitionError) as err:
        check_transition(Status.CLOSED, E.RESOLVED, Role.SUPERVISOR)
    assert err.value.code == "invalid_transition"


def test_roles():
    with pytest.raises(TransitionError) as err:
        check_transition(Status.DISPATCHED, E.SUPERVISED, Role.CLERK)
    assert err.value.code == "role_not_allowed"
    check_transition(Status.DISPATCHED, E.SUPERVISED, Role.SUPERVISOR)
    with pytest.raises(TransitionError):
        check_transition(Status.DISPATCHED, E.RESOLVED, Role.NAVIGATOR)
    assert allowed_events(Status.RECEIVED, Role.CLERK) == [E.ANSWERED, E.CALL_LOGGED,
                                                           E.DISPATCHED, E.NOTE]
    assert E.SUPERVISED in allowed_events(Status.RECEIVED, Role.SUPERVISOR)
    assert allowed_events(Status.CLOSED, Role.ADMIN) == [E.NOTE]


def test_answered_immediately():
    state = fold([ev(E.CREATED, "2026-11-24T09:00"),
                  ev(E.ANSWERED, "2026-11-24T09:05", answer="...", source="kb",
                     source_ref="kb-0001")], S)
    assert state.status is Status.ANSWERED and not state.clocks


def test_dispatch_starts_three_clocks_and_evidence_stops_them():
    events = [ev(E.CREATED, "2026-09-30T15:50"),
              ev(E.DISPATCHED, "2026-09-30T16:00", unit_id="u-scjg")]
    state = fold(events, S)
    assert state.status is Status.DISPATCHED and state.unit_id == "u-scjg"
    assert [(c.kind, c.due_at) for c in state.running()] == [
        (ClockKind.CONTACT, at("2026-09-30T17:00")),
        (ClockKind.INTERIM, at("2026-10-10T17:30")),
        (ClockKind.CLOSE, at("2026-10-13T17:30"))]
    assert state.next_due().kind is ClockKind.CONTACT
    events.append(ev(E.CONTACTED, "2026-09-30T16:40", office="登记注册科"))
    events.append(ev(E.INTERIM_REPLY, "2026-10-12T10:00", text="正在核查"))
    state = fold(events, S)
    contact, interim, close = (state.latest(k) for k in (ClockKind.CONTACT, ClockKind.INTERIM,
                                                          ClockKind.CLOSE))
    assert contact.met is True
    assert interim.met is False                         # replied after 10 Oct 17:30
    assert close.running
    events.append(ev(E.RESOLVED, "2026-10-13T11:00", text="已办结"))
    state = fold(events, S)
    assert state.status is Status.RESOLVED and not state.running()
    assert state.latest(ClockKind.CLOSE).met is True


def test_follow_to_the_end():
    events = [ev(E.CREATED, "2026-11-02T09:00"),
              ev(E.DISPATCHED, "2026-11-02T09:10", unit_id="u-zrzy"),
              ev(E.CONTACTED, "2026-11-02T09:40", office="用地科"),
              ev(E.NEXT_FEEDBACK_SET, "2026-11-06T16:00", next_date="2026-11-20",
                 text="需省厅批复，11月20日前反馈进展")]
    state = fold(events, S)
    assert state.status is Status.FOLLOWING and state.next_feedback_date == dt.date(2026, 11, 20)
    close = state.latest(ClockKind.CLOSE)
    assert close.stop_reason is StopReason.FOLLOW_TO_END and close.met is True
    follow = state.latest(ClockKind.FOLLOW)
    assert follow.running and follow.due_at == at("2026-11-20T17:30")
    events.append(ev(E.NEXT_FEEDBACK_SET, "2026-11-20T15:00", next_date="2026-12-04",
                     text="批复已受理"))
    state = fold(events, S)
    follows = [c for c in state.clocks if c.kind is ClockKind.FOLLOW]
    assert follows[0].met is True and follows[1].running
    assert follows[1].due_at == at("2026-12-04T17:30")


def test_supervision_clock_and_banner_state():
    events = [ev(E.CREATED, "2026-11-23T09:00"),
              ev(E.DISPATCHED, "2026-11-23T09:10", unit_id="u-hrss"),
              ev(E.SUPERVISED, "2026-11-24T10:00", role=Role.SUPERVISOR, reply_due="2026-11-26",
                 note="请加快办理")]
    state = fold(events, S)
    assert state.supervised and state.supervision_due == dt.date(2026, 11, 26)
    clock = state.latest(ClockKind.SUPERVISION)
    assert clock.due_at == at("2026-11-26T17:30")
    events.append(ev(E.INTERIM_REPLY, "2026-11-25T10:00", text="已协调"))
    state = fold(events, S)
    assert not state.supervised and state.latest(ClockKind.SUPERVISION).met is True


def test_transfer_restarts_only_the_contact_clock():
    events = [ev(E.CREATED, "2026-11-23T09:00"),
              ev(E.DISPATCHED, "2026-11-23T09:10", unit_id="u-a"),
              ev(E.TRANSFERRED, "2026-11-23T09:30", unit_id="u-b", note="职能不符")]
    state = fold(events, S)
    contacts = [c for c in state.clocks if c.kind is ClockKind.CONTACT]
    assert contacts[0].stop_reason is StopReason.TRANSFERRED and contacts[0].met is None
    assert contacts[1].due_at == at("2026-11-23T10:30")
    assert state.latest(ClockKind.INTERIM).started_at == at("2026-11-23T09:10")
    assert state.unit_id == "u-b"


def test_unsatisfied_evaluation_reopens():
    events = [ev(E.CREATED, "2026-11-23T09:00"),
              ev(E.DISPATCHED, "2026-11-23T09:10", unit_id="u-a"),
              ev(E.RESOLVED, "2026-11-24T09:00", text="done"),
              ev(E.EVALUATED, "2026-11-24T15:00", satisfaction="unsatisfied", solved="unsolved")]
    state = fold(events, S)
    assert state.status is Status.REOPENED and state.reopen_count == 1
    assert E.DISPATCHED in allowed_events(state.status, Role.CLERK)
    events[-1] = ev(E.EVALUATED, "2026-11-24T15:00", satisfaction="basically", solved="partly")
    assert fold(events, S).status is Status.CLOSED


def test_clock_lights_at_a_given_moment():
    state = fold([ev(E.CREATED, "2026-11-23T09:00"),
                  ev(E.DISPATCHED, "2026-11-23T09:10", unit_id="u-a")], S)
    contact = state.latest(ClockKind.CONTACT)
    assert contact.light(S, at("2026-11-23T09:20"))[0] is Light.GREEN
    assert contact.light(S, at("2026-11-23T10:00"))[0] is Light.AMBER
    assert contact.light(S, at("2026-11-23T10:30"))[0] is Light.RED


@pytest.mark.parametrize("kind,data,field", [
    (E.ANSWERED, {"source": "kb", "source_ref": "kb-1"}, "answer"),
    (E.ANSWERED, {"answer": "x", "source": "kb"}, "source_ref"),
    (E.ANSWERED, {"answer": "x", "source": "oracle"}, "source"),
    (E.DISPATCHED, {}, "unit_id"),
    (E.TRANSFERRED, {"unit_id": "u"}, "note"),
    (E.NEXT_FEEDBACK_SET, {"next_date": "2026-13-01", "text": "x"}, "next_date"),
    (E.EVALUATED, {"satisfaction": "happy"}, "satisfaction"),
    (E.NOTE, {"text": "x" * 4001}, "text"),
    (E.NOTE, {"text": "x", "colour": "red"}, "colour"),
    (E.CALL_LOGGED, {"unit_id": "u", "started_at": "2026-11-24T10:00:00+08:00",
                     "duration_seconds": 60, "notes": "n", "outcome": "call_back"},
     "call_back_at"),
    (E.CALL_LOGGED, {"unit_id": "u", "started_at": "2026-11-24T10:00:00",
                     "duration_seconds": 60, "notes": "n", "outcome": "answered"}, "started_at"),
    (E.CALL_LOGGED, {"unit_id": "u", "notes": "n", "outcome": "answered"}, "duration_seconds"),
    (E.SUPERVISED, {"note": "x"}, "reply_due"),
])
def test_bad_event_data_names_the_field(kind, data, field):
    with pytest.raises(ValidationError) as err:
        validate_event_data(kind, data)
    assert err.value.field == field


def test_dates_an_event_sets_lie_ahead():
    with pytest.raises(ValidationError, match="next_date"):
        check_event_time(E.NEXT_FEEDBACK_SET, {"next_date": "2026-11-24"}, at("2026-11-24T10:00"))
    check_event_time(E.NEXT_FEEDBACK_SET, {"next_date": "2026-11-25"}, at("2026-11-24T10:00"))
    with pytest.raises(ValidationError, match="call_back_at"):
        check_event_time(E.CALL_LOGGED, {"call_back_at": "2026-11-24T09:00:00+08:00"},
                         at("2026-11-24T10:00"))
