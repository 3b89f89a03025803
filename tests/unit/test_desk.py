"""The desk API over a real SQLite file: writes, their outbox ops, queries, bad input."""

import datetime as dt
import sqlite3

import pytest

from core.tickets import EventType, Role, TransitionError
from core.validation import ValidationError
from sync import outbox, ticket_writes
from sync.desk import Actor, Desk, NotFound, RequestFilter
from sync.ticket_queries import Sort, View
from tests.conftest import CODE, CST, intake_form


def table_counts(path):
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("tickets", "ticket_events", "outbox", "enterprises")}
    finally:
        conn.close()


def test_intake_records_the_request_its_event_and_outbox_ops(desk):
    ticket_id, changes = desk.record_intake(intake_form())
    assert changes.tickets == {ticket_id} and changes.outbox
    row = desk.request_page()[0]
    assert row.display_number == "SQ01-00001" and row.status == "received"
    assert row.next_due is None
    ops = desk.outbox_entries()
    assert [(o.seq, o.kind) for o in ops] == [(1, "enterprise.upsert"), (2, "ticket.create")]
    create = ops[1].payload
    assert create["header"]["credit_code"] == CODE
    assert create["header"]["local_number"] == "SQ01-00001"
    assert create["event"]["type"] == "created"
    # a second request from the same enterprise reuses it
    desk.record_intake(intake_form(topic="tax"))
    assert [o.kind for o in desk.outbox_entries()][-1] == "ticket.create"
    assert table_counts(desk.store.path)["enterprises"] == 1


def test_a_whole_dispatched_life(desk, clock):
    clock.set("2026-09-30T15:50")
    tid, _ = desk.record_intake(intake_form())
    clock.set("2026-09-30T16:00")
    desk.dispatch(tid, "u-scjg", "请联系企业核实年报数据")
    row = desk.request_page()[0]
    assert row.status == "dispatched"
    assert row.contact_due.startswith("2026-09-30T09:00")        # 17:00 CST
    assert row.interim_due.startswith("2026-10-10T09:30")        # Saturday, adjusted
    assert row.close_due.startswith("2026-10-13T09:30")
    clock.set("2026-09-30T16:30")
    desk.record_contact(tid, "登记注册科", "王科长", "0760-88888888")
    clock.set("2026-10-09T10:00")
    desk.record_interim_reply(tid, "已核实，正在更正系统数据")
    clock.set("2026-10-12T10:00")
    desk.resolve(tid, "已协助企业完成更正并提交年报")
    clock.set("2026-10-13T10:00")
    desk.evaluate(tid, "satisfied", "solved", via="电话回访")
    detail = desk.request(tid)
    assert detail.state.status.value == "closed"
    assert [e.type.value for e, _ in detail.events] == [
        "created", "dispatched", "contacted", "interim_reply", "resolved", "evaluated"]
    assert all(pending for _, pending in detail.events)
    assert detail.allowed == [EventType.REOPENED, EventType.NOTE]
    assert [o.seq for o in desk.outbox_entries()] == list(range(1, 8))


def test_answer_at_once_in_the_same_transaction_as_the_intake(desk):
    tid, _ = desk.record_intake(intake_form(type="consultation"), then=[
        (EventType.ANSWERED, {"answer": "年报可在国家企业信用信息公示系统填报。", "source": "kb",
                              "source_ref": "kb-0001", "source_title": "年报在哪里填"})])
    assert desk.request(tid).state.status.value == "answered"


def test_three_way_call_that_answers(desk, clock):
    tid, _ = desk.record_intake(intake_form(type="consultation"))
    desk.log_call(tid, {"unit_id": "u-scjg", "unit_name": "中山市市场监督管理局",
                        "started_at": clock.now.isoformat(), "duration_seconds": 240,
                        "participants": ["企业 李建华", "市场监管局 值班员"],
                        "notes": "确认可补报", "outcome": "answered"}, answer="可在6月30日前补报")
    detail = desk.request(tid)
    assert [e.type.value for e, _ in detail.events] == ["created", "call_logged", "answered"]
    assert detail.state.status.value == "answered"


def test_state_machine_refusals_write_nothing(desk):
    tid, _ = desk.record_intake(intake_form())
    before = table_counts(desk.store.path)
    with pytest.raises(TransitionError) as err:
        desk.resolve(tid, "done")
    assert "已受理" in err.value.message_zh
    with pytest.raises(TransitionError, match="supervisor|clerk"):
        desk.supervise(tid, "2026-11-30", "请尽快")       # a clerk may not supervise
    with pytest.raises(NotFound):
        desk.add_note("00000000-0000-0000-0000-000000000000", "x")
    assert table_counts(desk.store.path) == before


def test_a_write_that_fails_midway_leaves_nothing(desk, monkeypatch):
    desk.record_intake(intake_form())
    before = table_counts(desk.store.path)
    calls = {"n": 0}
    real = outbox.append

    def failing(conn, kind, *a, **kw):
        calls["n"] += 1
        if kind == "ticket.create":   # the ticket and its event are in; the op fails
            raise OSError("disk full")
        return real(conn, kind, *a, **kw)

    monkeypatch.setattr(outbox, "append", failing)
    with pytest.raises(OSError):
        desk.record_intake(intake_form(credit_code=None, enterprise_name="另一家公司"))
    assert calls["n"] == 1
    assert table_counts(desk.store.path) == before
    monkeypatch.setattr(outbox, "append", real)
    # the local counter was rolled back with the rest: numbers have no holes
    desk.record_intake(intake_form(credit_code=None, enterprise_name="另一家公司"))
    assert sorted(r.display_number for r in desk.request_page()) == ["SQ01-00001", "SQ01-00002"]
    assert [o.seq for o in desk.outbox_entries()] == [1, 2, 3]


def test_a_failing_event_in_a_batch_rolls_back_the_batch(desk, clock):
    tid, _ = desk.record_intake(intake_form())
    before = table_counts(desk.store.path)
    with pytest.raises(ValidationError):
        desk.record_events(tid, [(EventType.DISPATCHED, {"unit_id": "u-scjg"}),
                                 (EventType.CONTACTED, {})])    # office missing
    assert table_counts(desk.store.path) == before
    assert desk.request(tid).state.status.value == "received"


@pytest.mark.parametrize("override,field,zh", [
    ({"credit_code": "91442000MA4W7K2L"}, "credit_code", "18"),
    ({"credit_code": CODE[:10] + "O" + CODE[11:]}, "credit_code", "O"),
    ({"credit_code": CODE[:-1] + ("0" if CODE[-1] != "0" else "1")}, "credit_code", "校验码"),
    ({"contact_phone": "1380013800"}, "contact_phone", ""),
    ({"contact_phone": "abc"}, "contact_phone", ""),
    ({"contact_phone": None}, "contact_phone", "必填"),
    ({"enterprise_name": "   "}, "enterprise_name", "必填"),
    ({"description": "x" * 2001}, "description", "过长"),
    ({"channel": "fax"}, "channel", "渠道"),
    ({"type": "rumour"}, "type", "类型"),
    ({"channel": "visit"}, "filed_by", "走访代提人"),
    ({"priority": "high"}, "priority", "未知字段"),
])
def test_bad_intake_names_the_field_and_stores_nothing(desk, override, field, zh):
    before = table_counts(desk.store.path)
    with pytest.raises(ValidationError) as err:
        desk.record_intake(intake_form(**override))
    assert err.value.field == field
    assert zh in err.value.message_zh
    assert table_counts(desk.store.path) == before


def test_bad_check_character_can_be_kept_with_a_note(desk):
    bad = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")
    tid, _ = desk.record_intake(intake_form(credit_code=bad,
                                            credit_override_note="营业执照原件如此，已核对"))
    assert desk.request(tid).header["credit_code"] == bad
    with pytest.raises(ValidationError):   # a note cannot excuse a wrong length
        desk.record_intake(intake_form(credit_code="91442000", credit_override_note="x"))


def test_bad_event_data_names_the_field(desk):
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    with pytest.raises(ValidationError) as err:
        desk.set_next_feedback(tid, "2026-11-20", "会在下周反馈")   # before today
    assert err.value.field == "next_date"
    with pytest.raises(ValidationError) as err:
        desk.evaluate(tid, "great")
    assert err.value.field == "satisfaction"


def test_header_edits_queue_with_their_base_version(desk):
    tid, _ = desk.record_intake(intake_form())
    desk.edit_request(tid, {"contact_phone": "0760 8888 6666"})
    op = desk.outbox_entries()[-1]
    assert op.kind == "ticket.edit" and op.base_version == 0
    assert op.payload == {"fields": {"contact_phone": "0760-88886666"}}
    with pytest.raises(ValidationError) as err:
        desk.edit_request(tid, {"credit_code": "x"})
    assert err.value.field == "credit_code"


def make_requests(desk, clock):
    """Five requests in different states, with deadlines at different distances."""
    ids = {}
    clock.set("2026-11-23T09:00")
    ids["answered"], _ = desk.record_intake(intake_form(type="consultation"), then=[
        (EventType.ANSWERED, {"answer": "a", "source": "clerk"})])
    ids["received"], _ = desk.record_intake(intake_form(town="dongqu", channel="hotline"))
    ids["old"], _ = desk.record_intake(intake_form())
    desk.dispatch(ids["old"], "u-scjg")                 # contact due 10:00 on the 23rd
    clock.set("2026-11-24T09:00")
    ids["new"], _ = desk.record_intake(intake_form(type="complaint"))
    desk.dispatch(ids["new"], "u-rsj")                  # contact due 10:00 on the 24th
    desk.record_contact(ids["new"], "劳动监察科")
    return ids


def test_views_and_sorting_by_nearest_deadline(desk, clock):
    ids = make_requests(desk, clock)
    pk = {name: desk.pk_of(i) for name, i in ids.items()}
    clock.set("2026-11-24T09:30")
    order = desk.request_ids()
    assert order[:2] == [pk["old"], pk["new"]]          # overdue contact first, then nearest
    assert set(order[2:]) == {pk["answered"], pk["received"]}
    assert desk.request_ids(RequestFilter(view=View.OVERDUE)) == [pk["old"]]
    assert desk.request_ids(RequestFilter(view=View.DUE_SOON)) == []
    clock.set("2026-11-26T18:00")   # the new one's interim reply is due 27th 17:30
    assert desk.request_ids(RequestFilter(view=View.DUE_SOON)) == [pk["new"]]
    assert set(desk.request_ids(RequestFilter(view=View.OPEN))) == {pk["old"], pk["new"],
                                                                     pk["received"]}
    assert desk.request_ids(RequestFilter(view=View.CLOSED)) == [pk["answered"]]
    assert desk.request_ids(RequestFilter(town="dongqu")) == [pk["received"]]
    assert desk.request_ids(RequestFilter(channel="hotline")) == [pk["received"]]
    assert desk.request_ids(RequestFilter(type="complaint")) == [pk["new"]]
    assert desk.request_ids(RequestFilter(status="answered")) == [pk["answered"]]
    assert desk.request_ids(RequestFilter(created_from=dt.date(2026, 11, 24))) == [pk["new"]]
    assert len(desk.request_ids(RequestFilter(created_to=dt.date(2026, 11, 23)))) == 3
    assert desk.request_ids(RequestFilter(sort=Sort.NEWEST))[0] == pk["new"]
    assert desk.count_requests(RequestFilter(view=View.MINE)) == 4


def test_search_by_name_number_code_and_initials(desk, clock):
    make_requests(desk, clock)
    desk.record_intake(intake_form(credit_code=None, enterprise_name="中山市火炬区小榄五金厂"))
    assert desk.count_requests(RequestFilter(text="精密")) == 4
    assert desk.count_requests(RequestFilter(text="五金")) == 1
    assert desk.count_requests(RequestFilter(text="SQ01-00005")) == 1
    assert desk.count_requests(RequestFilter(text=CODE[:10])) == 4
    assert desk.count_requests(RequestFilter(text="xlwj")) == 1      # 小榄五金
    assert desk.count_requests(RequestFilter(text="资产总额")) == 5   # in the description


def test_paging(desk, clock):
    for i in range(12):
        desk.record_intake(intake_form(enterprise_name=f"示例企业{i:02d}", credit_code=None))
    first = desk.request_page(RequestFilter(sort=Sort.OLDEST), offset=0, limit=5)
    second = desk.request_page(RequestFilter(sort=Sort.OLDEST), offset=5, limit=5)
    assert [r.enterprise_name for r in first + second] == [f"示例企业{i:02d}" for i in range(10)]
    rows = desk.request_rows([second[0].pk, first[0].pk])
    assert rows[first[0].pk].enterprise_name == "示例企业00"


def test_deadlines_are_recomputed_when_a_calendar_is_published(desk, clock):
    clock.set("2026-12-29T10:00")
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    row = desk.request_page()[0]
    assert row.provisional == 1 and row.close_due.startswith("2027-01-06T09:30")
    changes = desk.set_schedule(calendars=[{
        "year": 2027, "source": "测试通知",
        "holidays": [{"name": "new_year", "from": "2027-01-01", "to": "2027-01-03"},
                     {"name": "spring_festival", "from": "2027-02-05", "to": "2027-02-11"}],
        "workdays": []}])
    assert changes.all_tickets
    row = desk.request_page()[0]
    assert row.provisional == 0 and row.close_due.startswith("2027-01-06T09:30")
    # business hours too are configuration; the deadlines follow them
    desk.set_schedule(hours={"timezone": "Asia/Shanghai",
                             "periods": [["09:00", "12:00"], ["13:00", "18:00"]]})
    assert desk.request_page()[0].close_due.startswith("2027-01-06T10:00")


def test_reopening_the_file_keeps_identity_and_schedule(desk_path, clock):
    from sync.desk import Station
    d = Desk.open(desk_path, station=Station("SQ01", "shiqi"),
                  actor=Actor("clerk01", Role.CLERK), clock=clock)
    device = d.device_id
    d.set_schedule(hours={"timezone": "Asia/Shanghai", "periods": [["09:00", "17:00"]]})
    d.close()
    d = Desk.open(desk_path, clock=clock)
    assert d.device_id == device and d.station.id == "SQ01"
    assert d.schedule.hours.periods[0][0] == dt.time(9, 0)
    d.close()


def test_a_signed_out_desk_cannot_write(desk_path, clock):
    d = Desk.open(desk_path, clock=clock)
    with pytest.raises(ValidationError) as err:
        d.record_intake(intake_form())
    assert "登录" in err.value.message_zh
    d.close()


def test_enterprise_ids_agree_across_desks():
    assert ticket_writes.enterprise_id_for(CODE) == ticket_writes.enterprise_id_for(CODE)
    assert ticket_writes.enterprise_id_for(None) != ticket_writes.enterprise_id_for(None)


def test_supervisor_supervises(desk, clock):
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    desk.sign_in(Actor("sup01", Role.SUPERVISOR, "陈督办"))
    desk.supervise(tid, "2026-11-26", "请于26日前回复")
    row = desk.request_page()[0]
    assert row.supervised == 1 and row.supervision_due.startswith("2026-11-26T09:30")
    assert desk.count_requests(RequestFilter(view=View.SUPERVISED)) == 1
    _ = CST
