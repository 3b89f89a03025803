"""Redemption cases (core/cases.py): every transition, role refusals, event data, the fold,
and the enterprise's materials checklist reused across cases until a copy expires."""

from __future__ import annotations

import datetime as dt

import pytest

from core.cases import (OPEN_STATES, STATE_ZH, TRANSITIONS, CaseEvent, CaseFold, MaterialMark,
                        MaterialStatus, allowed_events, apply, case_id_for, check_event_time,
                        check_submission_window, check_transition, checklist, expiry, fold,
                        material_row_id, missing_materials, validate_event_data)
from core.cases import CaseEventType as E
from core.cases import CaseState as S
from core.policy_records import (validate_consultation, validate_material_mark,
                                 validate_profile_edit, validate_targeting)
from core.tickets import Role, TransitionError
from core.validation import ValidationError

CST = dt.timezone(dt.timedelta(hours=8))
AT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=CST)

# A valid data payload for every event type.
DATA = {
    E.CREATED: {},
    E.PREPARATION_STARTED: {"note": "企业决定申报"},
    E.MATERIAL_RECEIVED: {"material_id": "mat-license", "received_on": "2026-11-20"},
    E.MATERIAL_REMOVED: {"material_id": "mat-license", "reason": "复印件不清晰"},
    E.NOTE: {"text": "已电话提醒企业"},
    E.SUBMITTED: {"submitted_on": "2026-11-24", "channel": "中山市惠企政策平台"},
    E.REVIEW_STARTED: {},
    E.SUPPLEMENT_REQUESTED: {"materials": ["mat-audit"], "note": "请补充审计报告"},
    E.REDEEMED: {"amount": 200000, "redeemed_on": "2026-11-24"},
    E.REJECTED: {"reason": "研发费用占比未达要求"},
    E.WITHDRAWN: {"reason": "企业决定下一批次再申报"},
    E.REOPENED: {"reason": "企业申请复核"},
}

# What each event does to the state, from every state it is allowed in.
EXPECTED = {
    (None, E.CREATED): S.CONSULTING,
    (S.CONSULTING, E.PREPARATION_STARTED): S.PREPARING,
    (S.CONSULTING, E.MATERIAL_RECEIVED): S.PREPARING,
    (S.CONSULTING, E.MATERIAL_REMOVED): S.CONSULTING,
    (S.CONSULTING, E.NOTE): S.CONSULTING,
    (S.CONSULTING, E.WITHDRAWN): S.WITHDRAWN,
    (S.PREPARING, E.MATERIAL_RECEIVED): S.PREPARING,
    (S.PREPARING, E.MATERIAL_REMOVED): S.PREPARING,
    (S.PREPARING, E.NOTE): S.PREPARING,
    (S.PREPARING, E.SUBMITTED): S.SUBMITTED,
    (S.PREPARING, E.WITHDRAWN): S.WITHDRAWN,
    (S.SUBMITTED, E.REVIEW_STARTED): S.UNDER_REVIEW,
    (S.SUBMITTED, E.SUPPLEMENT_REQUESTED): S.PREPARING,
    (S.SUBMITTED, E.REJECTED): S.REJECTED,
    (S.SUBMITTED, E.MATERIAL_RECEIVED): S.SUBMITTED,
    (S.SUBMITTED, E.NOTE): S.SUBMITTED,
    (S.SUBMITTED, E.WITHDRAWN): S.WITHDRAWN,
    (S.UNDER_REVIEW, E.SUPPLEMENT_REQUESTED): S.PREPARING,
    (S.UNDER_REVIEW, E.REDEEMED): S.REDEEMED,
    (S.UNDER_REVIEW, E.REJECTED): S.REJECTED,
    (S.UNDER_REVIEW, E.MATERIAL_RECEIVED): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, E.NOTE): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, E.WITHDRAWN): S.WITHDRAWN,
    (S.REDEEMED, E.NOTE): S.REDEEMED,
    (S.REJECTED, E.REOPENED): S.PREPARING,
    (S.REJECTED, E.NOTE): S.REJECTED,
    (S.WITHDRAWN, E.REOPENED): S.PREPARING,
    (S.WITHDRAWN, E.NOTE): S.WITHDRAWN,
}


def ev(kind: E, data=None, role=Role.NAVIGATOR, at=AT) -> CaseEvent:
    return CaseEvent(f"e-{kind.value}", kind, at, "nav01", role, "ZS01",
                     validate_event_data(kind, DATA[kind] if data is None else data))


def test_the_table_of_transitions_is_exactly_the_expected_one():
    table = {(state, event) for state, events in TRANSITIONS.items() for event in events}
    assert table == set(EXPECTED)


@pytest.mark.parametrize(("state", "event"), sorted(EXPECTED, key=str))
def test_every_allowed_transition_folds_to_its_state(state, event):
    role = Role.SUPERVISOR                      # may record every event everywhere
    check_transition(state, event, role)
    folded = apply(CaseFold(state=state), ev(event, role=role))
    assert folded.state is EXPECTED[(state, event)]


@pytest.mark.parametrize("state", [None, *S])
def test_every_refused_transition_says_why_in_chinese(state):
    for event in E:
        if event in TRANSITIONS[state]:
            continue
        with pytest.raises(TransitionError) as err:
            check_transition(state, event, Role.SUPERVISOR)
        if state is None:
            assert err.value.code == "unknown_case" and "尚未建立" in err.value.message_zh
        else:
            assert err.value.code == "invalid_transition"
            assert STATE_ZH[state] in err.value.message_zh and "不能执行" in err.value.message_zh


def test_roles():
    # a clerk opens a case and adds notes; nothing else
    assert allowed_events(None, Role.CLERK) == [E.CREATED]
    assert allowed_events(S.CONSULTING, Role.CLERK) == [E.NOTE]
    for event in (E.MATERIAL_RECEIVED, E.PREPARATION_STARTED, E.WITHDRAWN):
        with pytest.raises(TransitionError) as err:
            check_transition(S.CONSULTING, event, Role.CLERK)
        assert err.value.code == "role_not_allowed" and "受理员无权" in err.value.message_zh
    # an admin only adds notes
    assert allowed_events(S.PREPARING, Role.ADMIN) == [E.NOTE]
    with pytest.raises(TransitionError):
        check_transition(None, E.CREATED, Role.ADMIN)
    # a navigator works the whole case, but reopening a rejected one is a supervisor's call
    assert E.SUBMITTED in allowed_events(S.PREPARING, Role.NAVIGATOR)
    check_transition(S.WITHDRAWN, E.REOPENED, Role.NAVIGATOR)
    with pytest.raises(TransitionError) as err:
        check_transition(S.REJECTED, E.REOPENED, Role.NAVIGATOR)
    assert err.value.code == "role_not_allowed" and "督办" in err.value.message_zh
    check_transition(S.REJECTED, E.REOPENED, Role.SUPERVISOR)
    assert allowed_events(S.REJECTED, Role.NAVIGATOR) == [E.NOTE]
    assert allowed_events(S.REJECTED, Role.SUPERVISOR) == [E.NOTE, E.REOPENED]


def test_a_whole_life_and_what_the_fold_keeps():
    validity = {"mat-license": None, "mat-audit": 365}
    events = [ev(E.CREATED), ev(E.MATERIAL_RECEIVED),
              ev(E.MATERIAL_RECEIVED, {"material_id": "mat-audit", "received_on": "2026-11-21"}),
              ev(E.SUBMITTED), ev(E.REVIEW_STARTED), ev(E.SUPPLEMENT_REQUESTED),
              ev(E.MATERIAL_RECEIVED, {"material_id": "mat-audit", "received_on": "2026-11-24"}),
              ev(E.SUBMITTED), ev(E.REVIEW_STARTED), ev(E.REDEEMED)]
    state = fold(events, validity, "case-1")
    assert state.state is S.REDEEMED and not state.is_open
    assert state.amount_redeemed == 200000 and state.redeemed_on == dt.date(2026, 11, 24)
    assert state.submitted_on == dt.date(2026, 11, 24) and state.supplement_count == 1
    assert state.requested == ()                          # the requested material came in
    assert state.materials["mat-license"].expires_on is None
    assert state.materials["mat-audit"] == MaterialMark(
        "mat-audit", dt.date(2026, 11, 24), dt.date(2027, 11, 24), "case-1", None)
    assert state.event_count == 10 and state.last_event_at == AT
    removed = fold(events[:2] + [ev(E.MATERIAL_REMOVED)])
    assert "mat-license" not in removed.materials and removed.state is S.PREPARING
    assert fold([ev(E.CREATED), ev(E.WITHDRAWN)]).reason == "企业决定下一批次再申报"
    reopened = fold([ev(E.CREATED), ev(E.WITHDRAWN), ev(E.REOPENED)])
    assert reopened.state is S.PREPARING and reopened.reason is None and reopened.reopen_count == 1
    assert {S.CONSULTING, S.PREPARING, S.SUBMITTED, S.UNDER_REVIEW} == OPEN_STATES


@pytest.mark.parametrize(("event", "data", "field", "zh"), [
    (E.MATERIAL_RECEIVED, {"material_id": "mat-license"}, "received_on", "收件日期"),
    (E.MATERIAL_RECEIVED, {"received_on": "2026-11-20"}, "material_id", "材料"),
    (E.MATERIAL_REMOVED, {"material_id": "mat-license"}, "reason", "撤下原因"),
    (E.SUBMITTED, {"submitted_on": "2026-13-01"}, "submitted_on", "申报日期"),
    (E.SUPPLEMENT_REQUESTED, {"materials": ["mat-audit"]}, "note", "补正要求"),
    (E.REDEEMED, {"amount": -1, "redeemed_on": "2026-11-24"}, "amount", "兑现金额"),
    (E.REDEEMED, {"amount": 10}, "redeemed_on", "兑现日期"),
    (E.REJECTED, {}, "reason", "未通过原因"),
    (E.WITHDRAWN, {"reason": " "}, "reason", "撤回原因"),
    (E.REOPENED, {}, "reason", "重新办理原因"),
    (E.NOTE, {"text": "x", "extra": 1}, "extra", "未知字段"),
])
def test_bad_event_data_names_the_field(event, data, field, zh):
    with pytest.raises(ValidationError) as err:
        validate_event_data(event, data)
    assert err.value.field == field and zh in err.value.message_zh


def test_dates_an_event_reports_cannot_be_ahead_of_it():
    check_event_time(E.MATERIAL_RECEIVED, {"received_on": "2026-11-24"}, AT)
    for event, name in ((E.MATERIAL_RECEIVED, "received_on"), (E.SUBMITTED, "submitted_on"),
                        (E.REDEEMED, "redeemed_on")):
        with pytest.raises(ValidationError) as err:
            check_event_time(event, {name: "2026-11-25"}, AT)
        assert err.value.field == name and "不能晚于登记当天" in err.value.message_zh
    # the hall's day, not the UTC one: 07:30 on the 25th in Zhongshan is 23:30Z on the 24th
    early = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)
    check_event_time(E.MATERIAL_RECEIVED, {"received_on": "2026-11-25"}, early)
    with pytest.raises(ValidationError):
        check_event_time(E.MATERIAL_RECEIVED, {"received_on": "2026-11-26"}, early)
    opens, closes = dt.date(2026, 10, 1), dt.date(2026, 11, 30)
    check_submission_window("2026-11-30", opens, closes)
    with pytest.raises(ValidationError) as err:
        check_submission_window(dt.date(2026, 12, 1), opens, closes)
    assert "不在本批次申报时间内" in err.value.message_zh


def test_ids_are_derived_so_two_desks_agree():
    assert case_id_for("e", "pi-1", "pb-1") == case_id_for("e", "pi-1", "pb-1")
    assert case_id_for("e", "pi-1", "pb-1") != case_id_for("e", "pi-1", "pb-2")
    assert material_row_id("e", "mat-license") != material_row_id("e", "mat-audit")


def test_materials_are_reused_across_cases_until_they_expire():
    """A copy received for case A counts for case B of the same enterprise while valid."""
    validity = {"mat-license": None, "mat-credit-report": 30, "mat-audit": 365}
    received = dt.date(2026, 11, 1)
    marks = {m: MaterialMark(m, received, expiry(received, validity[m]), "case-A")
             for m in validity}
    batch_b = ["mat-license", "mat-credit-report", "mat-audit", "mat-hightech"]
    on_day = checklist(batch_b, marks, dt.date(2026, 11, 24), {"mat-license": "营业执照"})
    assert [(ln.material_id, ln.status) for ln in on_day] == [
        ("mat-license", MaterialStatus.RECEIVED), ("mat-credit-report", MaterialStatus.RECEIVED),
        ("mat-audit", MaterialStatus.RECEIVED), ("mat-hightech", MaterialStatus.MISSING)]
    assert on_day[0].case_id == "case-A" and on_day[0].name == "营业执照"
    assert on_day[1].expires_on == dt.date(2026, 12, 1) and on_day[1].status_zh == "已收"
    assert missing_materials(on_day) == ["mat-hightech"]
    # the 30-day copy stops counting on its expiry day; the others still count
    last = checklist(batch_b, marks, dt.date(2026, 11, 30))
    assert last[1].status is MaterialStatus.RECEIVED
    expired = checklist(batch_b, marks, dt.date(2026, 12, 1))
    assert [ln.status for ln in expired] == [MaterialStatus.RECEIVED, MaterialStatus.EXPIRED,
                                             MaterialStatus.RECEIVED, MaterialStatus.MISSING]
    assert missing_materials(expired) == ["mat-credit-report", "mat-hightech"]
    # a material without a validity never expires; one received later than the day asked
    # does not count yet; one taken back is missing
    assert checklist(["mat-license"], marks, dt.date(2036, 1, 1))[0].status is \
        MaterialStatus.RECEIVED
    assert checklist(["mat-audit"], marks, dt.date(2026, 10, 31))[0].status is \
        MaterialStatus.MISSING
    taken_back = {"mat-audit": MaterialMark("mat-audit", None)}
    assert checklist(["mat-audit"], taken_back, dt.date(2026, 11, 24))[0].status is \
        MaterialStatus.MISSING


def test_policy_records_name_their_fields():
    assert validate_targeting({"item_id": "pi-0001", "reason": "企业刚获高企认定"})["reason"]
    with pytest.raises(ValidationError) as err:
        validate_targeting({"item_id": "pi-0001", "reason": " "})
    assert err.value.field == "reason" and "定向推送理由" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        validate_consultation({"question": "怎么申报？", "rating": 6})
    assert err.value.field == "rating" and "1 至 5" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        validate_consultation({"question": "怎么申报？", "comment": "很好"})
    assert err.value.field == "rating" and "评价星级" in err.value.message_zh
    assert validate_consultation({"question": "怎么申报？"})["rating"] is None
    with pytest.raises(ValidationError) as err:
        validate_material_mark({"material_id": "mat-license", "received_on": None})
    assert err.value.field == "note" and "撤下材料" in err.value.message_zh
    fact = {"value": 120, "source": "told", "as_of": "2026-11-24"}
    assert validate_profile_edit({"employees": fact, "revenue": None}) == {
        "employees": fact, "revenue": None}
    with pytest.raises(ValidationError) as err:
        validate_profile_edit({"employees": {**fact, "source": "rumour"}})
    assert err.value.field == "employees" and "从业人数" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        validate_profile_edit({"shoe_size": fact})
    assert err.value.field == "shoe_size" and "不是企业画像字段" in err.value.message_zh
    with pytest.raises(ValidationError):
        validate_profile_edit({})
