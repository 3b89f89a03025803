"""Applying pull pages and push results to a real desk file (sync/apply.py, sync/acks.py)."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from core.tickets import EventType, Role
from sync import apply, ticket_writes
from sync.desk import Actor, Desk, Station
from sync.protocol import checksum_term
from tests.conftest import CODE, intake_form

NUMBERS = iter(range(1, 10_000))


def rows(path, sql, *args):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def ticket_row(desk, ticket_id):
    conn = sqlite3.connect(desk.store.path)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone())
    finally:
        conn.close()


def attention(desk, ticket_id):
    (note,) = rows(desk.store.path, "SELECT a.note FROM ticket_attention a JOIN tickets t "
                   "ON t.pk = a.ticket_pk WHERE t.id = ?", ticket_id)
    return json.loads(note[0])


def server_change(desk, ticket_id, *, version=None, number=None, extra_events=(), edits=None,
                  deleted=False):
    """The change-feed entry a server would send for a request as this desk holds it now
    (its header and timeline, each event given an ``ord``), plus ``extra_events`` (another
    desk's) and header ``edits``."""
    detail = desk.request(ticket_id)
    header = {k: detail.header[k] for k in (*apply.HEADER, "local_number", "station_id",
                                            "created_by", "created_at", "enterprise_id")}
    header.update(edits or {})
    events = [e.to_json() for e, _ in detail.events] + list(extra_events)
    doc = {"id": ticket_id, "version": version or len(events),
           "number": number or f"2026-SQ-{next(NUMBERS):06d}", "header": header,
           "events": [{**e, "ord": i} for i, e in enumerate(events, start=1)]}
    return {"seq": 1, "entity": "ticket", "id": ticket_id, "deleted": deleted,
            "version": doc["version"], "doc": None if deleted else doc}


def page(changes, cursor="100", has_more=False):
    return {"changes": changes, "cursor": cursor, "has_more": has_more,
            "server_time": "2026-11-24T01:00:00+00:00", "checksum": None}


def ack_all(desk, **numbers):
    sent = desk.outbox_batch()
    results = [{"seq": o.seq, "op_id": o.op_id, "status": "applied", "entity_id": o.entity_id,
                "version": 1, "number": numbers.get(o.entity_id)} for o in sent]
    return desk.apply_push_results(sent, results)


@pytest.fixture
def other(tmp_path, clock):
    """A second desk (another station of the same town), empty."""
    d = Desk.open(tmp_path / "other.sqlite3", station=Station("SQ02", "shiqi"),
                  actor=Actor("clerk02", Role.CLERK, "王芳"), clock=clock)
    yield d
    d.close()


def note_event(text, ev_id="0193f000-0000-7000-8000-00000000aa01"):
    return {"id": ev_id, "type": "note", "at": "2026-11-24T10:00:00+08:00",
            "actor": "clerk02", "role": "clerk", "station": "SQ02", "data": {"text": text}}


# -- pages into an empty desk ---------------------------------------------------------------

def test_a_page_lands_exactly_as_the_recording_desk_holds_it(desk, other, clock):
    clock.set("2026-11-23T10:00")
    a, _ = desk.record_intake(intake_form())
    desk.dispatch(a, "u-scjg", "请核实")
    desk.record_contact(a, "登记注册科", "王科长")
    b, _ = desk.record_intake(intake_form(type="consultation", credit_code=None,
                                          enterprise_name="中山市火炬区小榄五金厂"), then=[
        (EventType.ANSWERED, {"answer": "可网上办理", "source": "clerk"})])
    changes = [server_change(desk, a, number="2026-SQ-000001"),
               server_change(desk, b, number="2026-SQ-000002")]
    got, done = other.apply_pull_page(page(changes, cursor="42"))
    assert done.rows == 2 and got.tickets == {a, b} and other.sync_cursor() == "42"
    for tid, number in ((a, "2026-SQ-000001"), (b, "2026-SQ-000002")):
        mine, theirs = ticket_row(desk, tid), ticket_row(other, tid)
        for col in ("status", "next_due", "contact_due", "interim_due", "close_due",
                    "clocks", "unit_name", "enterprise_name", "contact_phone", "local_number",
                    "created_at", "station_id", "description"):
            assert theirs[col] == mine[col], col
        assert theirs["number"] == number and theirs["pending"] == 0
        assert theirs["version"] >= 1
        assert theirs["search"] == ticket_writes.ticket_search_terms(number, mine["local_number"],
                                                                     mine)
    detail = other.request(a)
    assert [e.type.value for e, pending in detail.events] == ["created", "dispatched", "contacted"]
    assert not any(pending for _, pending in detail.events)
    assert rows(other.store.path, "SELECT ord FROM ticket_events ORDER BY ord") == \
        [(1,), (1,), (2,), (2,), (3,)]


def test_search_terms_are_exactly_the_desks():
    rng = random.Random(7)
    pieces = ["中山", "市", "小榄", "长江", "银行", "重庆", "ABC", "五金厂", "有限公司", "李", "行"]
    for _ in range(300):
        h = {"enterprise_name": "".join(rng.choices(pieces, k=rng.randint(0, 4))),
             "contact_name": "".join(rng.choices(pieces, k=rng.randint(0, 2))),
             "credit_code": rng.choice([None, CODE]), "contact_phone": "13800138000"}
        number = rng.choice([None, "2026-SQ-000009"])
        assert apply.search_terms(number, "SQ01-00001", h) == \
            ticket_writes.ticket_search_terms(number, "SQ01-00001", h)


# -- pending ops re-applied on top ----------------------------------------------------------

def test_pending_events_fold_after_the_servers(desk, clock):
    tid, _ = desk.record_intake(intake_form())
    ack_all(desk, **{tid: "2026-SQ-000010"})
    # the server has the create and another desk's note; not our dispatch (pending)
    change = server_change(desk, tid, version=2, extra_events=[note_event("另一窗口的备注")])
    desk.dispatch(tid, "u-scjg")
    desk.apply_pull_page(page([change]))
    detail = desk.request(tid)
    assert [(e.type.value, p) for e, p in detail.events] == [
        ("created", False), ("note", False), ("dispatched", True)]
    row = ticket_row(desk, tid)
    assert row["status"] == "dispatched" and row["pending"] == 1 and row["version"] == 2
    assert row["contact_due"] is not None


def test_pending_header_edits_win_over_the_servers_fields(desk):
    tid, _ = desk.record_intake(intake_form())
    ack_all(desk)
    desk.edit_request(tid, {"contact_name": "陈晓"})
    desk.edit_request(tid, {"contact_name": "陈晓明", "description": "更新后的诉求内容"})
    change = server_change(desk, tid, version=3,
                           edits={"contact_name": "服务器的名字", "contact_phone": "0760-88886666"})
    desk.apply_pull_page(page([change]))
    row = ticket_row(desk, tid)
    assert row["contact_name"] == "陈晓明"                 # ours, the later edit
    assert row["description"] == "更新后的诉求内容"
    assert row["contact_phone"] == "0760-88886666"         # theirs: we did not touch it
    assert row["pending"] == 2 and row["version"] == 3
    assert "陈晓 晓明" in row["search"]


def test_an_event_the_server_already_has_is_not_doubled(desk):
    """The push landed but its answer was lost: the op is still pending."""
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    desk.apply_pull_page(page([server_change(desk, tid)]))
    detail = desk.request(tid)
    assert [(e.type.value, p) for e, p in detail.events] == [
        ("created", False), ("dispatched", False)]
    assert ticket_row(desk, tid)["pending"] == 2          # until the push is acknowledged
    ack_all(desk)
    assert ticket_row(desk, tid)["pending"] == 0


def test_a_page_and_its_cursor_are_one_transaction(desk, other, monkeypatch):
    a, _ = desk.record_intake(intake_form())
    b, _ = desk.record_intake(intake_form(topic="tax"))
    other.apply_pull_page(page([server_change(desk, a)], cursor="10"))
    before = {t: rows(other.store.path, f"SELECT * FROM {t} ORDER BY 1")
              for t in ("tickets", "ticket_events", "enterprises", "meta", "sync_seen")}
    real = apply._apply_tickets

    def half_then_fail(raw, *args, **kw):
        real(raw, *args, **kw)            # the rows are written ...
        raise OSError("disk full")       # ... and then the page fails

    monkeypatch.setattr(apply, "_apply_tickets", half_then_fail)
    ent = {"seq": 3, "entity": "enterprise", "id": ticket_writes.enterprise_id_for(CODE),
           "deleted": False, "version": 1,
           "doc": {"id": ticket_writes.enterprise_id_for(CODE), "version": 1,
                   "credit_code": CODE, "name": "中山市示例精密机械有限公司", "town": "shiqi"}}
    with pytest.raises(OSError):
        other.apply_pull_page(page([ent, server_change(desk, a, version=5),
                                    server_change(desk, b)], cursor="20"), snapshot=True)
    after = {t: rows(other.store.path, f"SELECT * FROM {t} ORDER BY 1") for t in before}
    assert after == before and other.sync_cursor() == "10"


# -- tombstones -----------------------------------------------------------------------------

def test_tombstones_delete_unless_ops_are_pending(desk, other):
    a, _ = desk.record_intake(intake_form())
    b, _ = desk.record_intake(intake_form(topic="tax"))
    other.apply_pull_page(page([server_change(desk, a), server_change(desk, b)]))
    other.add_note(b, "本窗口补充说明")                  # pending on the other desk
    got, done = other.apply_pull_page(page([server_change(desk, a, deleted=True),
                                            server_change(desk, b, deleted=True)]))
    assert done.deleted == 1 and done.kept == [b] and got.outbox
    assert rows(other.store.path, "SELECT id FROM tickets") == [(b,)]
    row = ticket_row(other, b)
    assert attention(other, b)["code"] == "deleted_on_server" and row["pending"] == 1
    assert len(other.request(b).events) == 2            # created, and the pending note
    assert rows(other.store.path, "SELECT count(*) FROM ticket_events e JOIN tickets t "
                "ON t.pk = e.ticket_pk WHERE t.id = ?", a) == [(0,)]


# -- enterprises ----------------------------------------------------------------------------

def test_enterprises_are_stored_searchable_and_pending_fields_fill_gaps(desk, other):
    eid = ticket_writes.enterprise_id_for(CODE)
    doc = {"id": eid, "version": 2, "credit_code": CODE, "name": "中山市示例精密机械有限公司",
           "town": None, "region_code": "442000", "entity_type": "91", "profile": {"staff": 40}}
    change = {"seq": 1, "entity": "enterprise", "id": eid, "deleted": False, "version": 2,
              "doc": doc}
    other.apply_pull_page(page([change]))
    assert rows(other.store.path, "SELECT rowid FROM enterprises_fts WHERE enterprises_fts "
                "MATCH '精密'") == [(1,)]
    # this desk records an intake for it (queued upsert with a town), then the server renames
    desk.record_intake(intake_form())
    doc2 = dict(doc, name="中山市示例精工机械有限公司", version=3)
    desk.apply_pull_page(page([dict(change, version=3, doc=doc2)]))
    ent = rows(desk.store.path, "SELECT name, town, version, profile FROM enterprises")
    assert ent == [("中山市示例精工机械有限公司", "shiqi", 3, '{"staff":40}')]
    assert rows(desk.store.path, "SELECT rowid FROM enterprises_fts WHERE enterprises_fts "
                "MATCH '精工'") == [(1,)]
    assert rows(desk.store.path, "SELECT rowid FROM enterprises_fts WHERE enterprises_fts "
                "MATCH '精密'") == []


# -- push results ---------------------------------------------------------------------------

def test_applied_create_gets_its_number_and_leaves_the_outbox(desk):
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    sent = desk.outbox_batch()
    results = [{"seq": o.seq, "op_id": o.op_id, "status": "applied", "entity_id": o.entity_id,
                "version": i, "number": "2026-SQ-000123" if o.kind == "ticket.create" else None}
               for i, o in enumerate(sent, start=1)]
    changes, done = desk.apply_push_results(sent, results)
    assert done.applied == 3 and changes.outbox and tid in changes.tickets
    row = ticket_row(desk, tid)
    assert row["number"] == "2026-SQ-000123" and row["version"] == 2 and row["pending"] == 0
    assert "2026-SQ-000123" in row["search"]
    assert desk.outbox_entries() == []


def test_rejected_event_leaves_the_timeline_and_needs_attention(desk):
    tid, _ = desk.record_intake(intake_form())
    ack_all(desk)
    desk.dispatch(tid, "u-scjg")
    desk.add_note(tid, "后续备注")
    sent = desk.outbox_batch()
    reason = {"code": "invalid_transition", "message": "not while answered",
              "message_zh": "诉求当前状态为“即时办结”，不能执行“转办”", "field": None}
    results = [{"seq": sent[0].seq, "op_id": sent[0].op_id, "status": "rejected",
                "entity_id": tid, "reason": reason},
               {"seq": sent[1].seq, "op_id": sent[1].op_id, "status": "applied",
                "entity_id": tid, "version": 2}]
    _, done = desk.apply_push_results(sent, results)
    assert done.rejected == 1 and done.applied == 1
    detail = desk.request(tid)
    assert [e.type.value for e, _ in detail.events] == ["created", "note"]
    assert detail.state.status.value == "received"
    row = ticket_row(desk, tid)
    assert row["status"] == "received" and row["contact_due"] is None and row["pending"] == 0
    (item,) = desk.needs_attention()
    assert item.seq == sent[0].seq and item.reason == reason and item.what_zh.startswith("转办")
    assert "不能执行" in item.reason_zh and item.state == "rejected"
    assert desk.outbox_counts() == {"pending": 0, "parked": 0, "rejected": 1}


def test_rejected_create_keeps_the_request_marked(desk):
    tid, _ = desk.record_intake(intake_form())
    sent = desk.outbox_batch()
    results = [{"seq": o.seq, "op_id": o.op_id, "entity_id": o.entity_id,
                "status": "rejected" if o.kind == "ticket.create" else "applied",
                "reason": {"code": "out_of_scope", "message": "x", "message_zh": "不在辖区"}}
               for o in sent]
    desk.apply_push_results(sent, results)
    row = ticket_row(desk, tid)
    note = attention(desk, tid)
    assert note["code"] == "create_rejected" and note["reason"]["message_zh"] == "不在辖区"
    assert row["version"] == 0 and row["pending"] == 0
    assert [i.kind for i in desk.needs_attention()] == ["ticket.create"]


def test_conflicts_reported_with_a_result_are_kept(desk):
    tid, _ = desk.record_intake(intake_form())
    ack_all(desk)
    desk.edit_request(tid, {"contact_name": "陈晓"})
    (op,) = desk.outbox_batch()
    desk.apply_push_results([op], [{
        "seq": op.seq, "op_id": op.op_id, "status": "applied", "entity_id": tid, "version": 3,
        "conflicts": [{"field": "contact_name", "base_version": 1, "server_version": 2,
                       "kept": "陈晓", "overwritten": "王五"}]}])
    assert desk.conflicts(tid) == [{
        "seq": op.seq, "entity_id": tid, "field": "contact_name", "base_version": 1,
        "server_version": 2, "kept": "陈晓", "overwritten": "王五",
        "seen_at": desk.conflicts()[0]["seen_at"]}]


def test_results_for_ops_not_sent_are_ignored(desk):
    desk.record_intake(intake_form())
    sent = desk.outbox_batch()
    _, done = desk.apply_push_results(sent[:1], [
        {"seq": sent[1].seq, "op_id": sent[1].op_id, "status": "applied", "entity_id": "x"},
        {"seq": sent[0].seq, "op_id": "not-the-same-op-id", "status": "applied"}])
    assert done.applied == 0 and len(desk.outbox_entries()) == 2


# -- re-snapshot and checksums --------------------------------------------------------------

def test_resnapshot_drops_what_the_server_no_longer_has(desk, other):
    a, _ = desk.record_intake(intake_form())
    b, _ = desk.record_intake(intake_form(topic="tax"))
    c, _ = desk.record_intake(intake_form(topic="finance"))
    other.apply_pull_page(page([server_change(desk, t) for t in (a, b, c)]))
    local, _ = other.record_intake(intake_form(topic="energy"))     # never synced
    other.add_note(c, "本窗口备注")                                   # pending on c
    other.begin_resnapshot("checksum_mismatch")
    assert other.sync_cursor() == "0" and other.resnapshot_pending()["reason"] == \
        "checksum_mismatch"
    other.apply_pull_page(page([server_change(desk, a)], cursor="5"), snapshot=True)
    changes, done = other.finish_resnapshot()
    assert changes.all_tickets and done.deleted == 1 and done.kept == [c]
    assert {r[0] for r in rows(other.store.path, "SELECT id FROM tickets")} == {a, c, local}
    assert attention(other, c)["code"] == "not_on_server"
    assert other.resnapshot_pending() is None
    assert rows(other.store.path, "SELECT count(*) FROM sync_seen") == [(0,)]


def test_checksums_cover_synced_rows_only(desk, other):
    a, _ = desk.record_intake(intake_form())
    b, _ = desk.record_intake(intake_form(topic="tax"))
    other.apply_pull_page(page([server_change(desk, a, version=3),
                                server_change(desk, b, version=1)]))
    other.record_intake(intake_form(topic="energy"))     # version 0: not counted
    sums = other.checksums()
    assert sums["tickets"] == {"count": 2, "sum": checksum_term(a, 3) + checksum_term(b, 1)}
    assert sums["enterprises"] == {"count": 0, "sum": 0}
