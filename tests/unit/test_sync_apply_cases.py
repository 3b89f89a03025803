"""Pull pages and push results of the policy-redemption entities on a real desk file
(sync/apply_cases.py through Desk.apply_pull_page / apply_push_results): the server's
rows with this desk's pending ops on top, tombstones, re-snapshots, rejections undone."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from core.cases import CaseEventType as E
from core.cases import material_row_id
from core.enterprise import Fact
from core.tickets import Role
from sync.desk import Actor, Desk, Station
from tests.conftest import CODE
from tests.policy_picks import picks

P = picks()
ITEM, BATCH = P.a.item, P.a.batch


def rows(desk, sql, *args):
    conn = sqlite3.connect(desk.store.path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def nav(desk_path, clock, catalogue_files):
    desk = Desk.open(desk_path, station=Station("ZS01", "city"),
                     actor=Actor("nav01", Role.NAVIGATOR), clock=clock)
    desk.install_catalogue(catalogue_files)
    yield desk
    desk.close()


@pytest.fixture
def ent(nav):
    return nav.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")[0]


def acknowledge_all(desk):
    """The server applied every pending op (versions as a server would give them)."""
    ops = desk.outbox_batch(limit=1000)
    desk.apply_push_results(ops, [{"seq": o.seq, "op_id": o.op_id, "status": "applied",
                                   "version": 1} for o in ops])


def case_change(desk, case_id, *, extra=(), version=None, deleted=False):
    """The change a server would send for a case as this desk holds it, plus ``extra``
    events (another desk's)."""
    detail = desk.case(case_id)
    r = detail.row
    events = [e.to_json() for e, _ in detail.events] + list(extra)
    doc = {"id": case_id, "version": version or len(events), "updated_at": r.updated_at,
           "header": {"enterprise_id": r.enterprise_id, "item_id": r.item_id,
                      "batch_id": r.batch_id, "town": "shiqi", "station_id": r.station_id,
                      "created_by": r.created_by, "created_at": r.created_at},
           "events": [{**e, "ord": i} for i, e in enumerate(events, start=1)]}
    return {"seq": 1, "entity": "case", "id": case_id, "deleted": deleted,
            "version": doc["version"], "doc": None if deleted else doc}


def page(*changes, cursor="10"):
    return {"changes": list(changes), "cursor": cursor, "has_more": False}


EVENT_IDS = iter(range(1, 1000))


def other_event(kind, data, at="2026-11-24T03:00:00+00:00"):
    return {"id": "01a2a000-0000-7000-8000-%012d" % next(EVENT_IDS), "type": kind, "at": at,
            "actor": "sup01", "role": "supervisor", "station": "ZS02", "data": data}


def test_pending_case_events_fold_after_the_servers(nav, ent):
    case_id, _ = nav.open_case(ent, ITEM, BATCH)
    acknowledge_all(nav)
    nav.record_case_event(case_id, E.NOTE, {"text": "本窗口备注"})           # pending
    change = case_change(nav, case_id)
    change["doc"]["events"] = change["doc"]["events"][:1]              # the server's: created
    change["doc"]["events"].append({**other_event("preparation_started", {}), "ord": 2})
    changes, done = nav.apply_pull_page(page(change))
    assert changes.cases == {case_id} and changes.policies == {ITEM}
    detail = nav.case(case_id)
    assert [(e.type, pending) for e, pending in detail.events] == [
        (E.CREATED, False), (E.PREPARATION_STARTED, False), (E.NOTE, True)]
    assert detail.row.state == "preparing" and detail.row.pending == 1
    assert detail.row.version == 2


def test_a_page_creates_cases_records_and_lines_this_desk_never_had(nav, ent):
    other_case = "0b0b0b0b-0000-5000-8000-000000000001"
    created = {**other_event("created", {}), "ord": 1}
    received = {**other_event("material_received", {"material_id": P.only_a,
                                                    "received_on": "2026-11-20"}), "ord": 2}
    header = {"enterprise_id": ent, "item_id": ITEM, "batch_id": BATCH, "town": "shiqi",
              "station_id": "ZS02", "created_by": "sup01",
              "created_at": "2026-11-24T03:00:00+00:00"}
    line = material_row_id(ent, P.only_a)
    stamp = {"actor": "sup01", "role": "supervisor", "station": "ZS02",
             "at": "2026-11-24T03:00:00+00:00", "updated_at": "2026-11-24T03:00:01+00:00"}
    nav.apply_pull_page(page(
        {"entity": "case", "id": other_case, "deleted": False, "version": 2,
         "doc": {"id": other_case, "version": 2, "header": header,
                 "events": [created, received]}},
        {"entity": "material", "id": line, "deleted": False, "version": 1,
         "doc": {"id": line, "version": 1, "enterprise_id": ent, "material_id": P.only_a,
                 "received_on": "2026-11-20", "case_id": other_case, "note": None, **stamp}},
        {"entity": "targeting", "id": "t-1", "deleted": False, "version": 1,
         "doc": {"id": "t-1", "version": 1, "enterprise_id": ent, "item_id": ITEM,
                 "reason": "主动推送", **stamp}},
        {"entity": "consultation", "id": "c-1", "deleted": False, "version": 1,
         "doc": {"id": "c-1", "version": 1, "enterprise_id": ent, "item_id": None,
                 "question": "怎么申报？", "answer": "线上", "rating": 5, "comment": None,
                 **stamp}}))
    detail = nav.case(other_case)
    assert detail.row.state == "preparing" and detail.row.deadline == P.a.closes.isoformat()
    assert {ln.material_id: ln.status.value for ln in detail.checklist}[P.only_a] == "received"
    (t,) = nav.targeting_of(ent)
    (c,) = nav.consultations_of(ent)
    assert (t.reason, t.role, t.version, c.rating, c.item_id) == ("主动推送", "supervisor", 1, 5,
                                                                   None)


def test_a_pending_mark_stays_on_top_by_the_freshest_copy_rule(nav, ent):
    nav.mark_material(ent, P.short, "2026-11-22")                        # pending
    line = material_row_id(ent, P.short)
    doc = {"id": line, "version": 3, "enterprise_id": ent, "material_id": P.short,
           "received_on": "2026-11-01", "case_id": None, "note": None, "actor": "sup01",
           "station": "ZS02", "at": "2026-11-01T03:00:00+00:00",
           "updated_at": "2026-11-01T03:00:00+00:00"}
    nav.apply_pull_page(page({"entity": "material", "id": line, "deleted": False,
                              "version": 3, "doc": doc}))
    (ln,) = nav.materials_of(ent)
    ends = dt.date(2026, 11, 22) + dt.timedelta(days=P.short_days)
    assert (ln.received_on, ln.expires_on, ln.pending) == ("2026-11-22", ends.isoformat(), 1)


def test_tombstones_and_resnapshots_keep_what_is_pending(nav, ent):
    case_id, _ = nav.open_case(ent, ITEM, BATCH)
    acknowledge_all(nav)
    nav.apply_pull_page(page(case_change(nav, case_id)))
    nav.record_case_event(case_id, E.NOTE, {"text": "pending"})
    nav.apply_pull_page(page(case_change(nav, case_id, deleted=True)))
    assert nav.case(case_id).row.attention["code"] == "deleted_on_server"
    acknowledge_all(nav)
    nav.apply_pull_page(page(case_change(nav, case_id, deleted=True)))
    assert nav.cases() == []
    # a re-snapshot drops a synced case the server no longer sends
    other, _ = nav.open_case(ent, P.b.item, P.b.batch)
    acknowledge_all(nav)
    nav.apply_pull_page(page(case_change(nav, other)))
    nav.begin_resnapshot("test")
    nav.apply_pull_page(page(), snapshot=True)
    changes, done = nav.finish_resnapshot()
    assert nav.cases() == [] and other in changes.cases and done.deleted == 1


def test_rejections_are_undone_and_marked(nav, ent):
    nav.edit_profile(ent, {"employees": Fact(100, "told", dt.date(2026, 11, 1))})
    acknowledge_all(nav)
    nav.apply_pull_page(page({"entity": "enterprise", "id": ent, "deleted": False, "version": 2,
                              "doc": {"id": ent, "version": 2, "credit_code": CODE,
                                      "name": "中山市示例精密机械有限公司", "town": "shiqi",
                                      "region_code": "442000", "entity_type": "91",
                                      "profile": {"employees": {"value": 100, "source": "told",
                                                                "as_of": "2026-11-01"}}}}))
    case_id, _ = nav.open_case(ent, ITEM, BATCH)
    nav.record_case_event(case_id, E.PREPARATION_STARTED, {})
    nav.edit_profile(ent, {"employees": Fact(120, "told", dt.date(2026, 11, 24)),
                           "revenue": Fact(800, "told", dt.date(2025, 12, 31))})
    nav.edit_profile(ent, {"invention_patents": Fact(2, "told", dt.date(2026, 11, 24))})
    tid, _ = nav.target_item(ent, ITEM, "企业符合条件")
    ops = nav.outbox_batch(limit=100)
    assert [o.kind for o in ops] == ["case.create", "case.event", "enterprise.edit",
                                     "enterprise.edit", "targeting.create"]
    reason = {"code": "invalid", "message": "no", "message_zh": "不行"}
    results = [{"seq": o.seq, "op_id": o.op_id, "status": "rejected" if i in (1, 2, 4)
                else "applied", "version": 1, "reason": reason if i in (1, 2, 4) else None}
               for i, o in enumerate(ops)]
    changes, done = nav.apply_push_results(ops, results)
    assert done.rejected == 3 and changes.cases == {case_id}
    # the rejected event left the timeline; the case is consulting again
    assert [e.type for e, _ in nav.case(case_id).events] == [E.CREATED]
    assert nav.case(case_id).row.state == "consulting"
    # the rejected edit is undone; the later one (still pending) stays on top
    profile = nav.enterprise_profile(ent)
    assert profile.employees.value == 100 and profile.revenue is None
    assert profile.invention_patents.value == 2
    # the rejected targeting is marked; every op stays visible in needs-attention
    (t,) = nav.targeting_of(ent)
    assert t.attention["code"] == "create_rejected" and t.attention["reason"] == reason
    assert [i.kind for i in nav.needs_attention()] == ["case.event", "enterprise.edit",
                                                      "targeting.create"]
    assert [i.what_zh for i in nav.needs_attention()] == [
        "开始准备材料", "修改企业画像：从业人数、上年度营业收入", f"人工定向推送：{ITEM}"]
    assert json.loads(rows(nav, "SELECT payload FROM outbox WHERE kind = 'targeting.create'")
                      [0][0])["reason"] == "企业符合条件"


def test_a_case_merged_on_the_server_is_not_reset_by_this_desks_pending_create(nav, ent):
    # another desk opened the same case first; ours is still queued when we pull its copy
    case_id, _ = nav.open_case(ent, ITEM, BATCH)
    change = case_change(nav, case_id)
    change["doc"]["events"] = [{**other_event("created", {}), "ord": 1},
                               {**other_event("preparation_started", {}), "ord": 2}]
    nav.apply_pull_page(page(change))
    detail = nav.case(case_id)
    assert [(e.type, pending) for e, pending in detail.events] == [
        (E.CREATED, False), (E.PREPARATION_STARTED, False)]
    assert detail.row.state == "preparing" and detail.row.pending == 1
    # the create op itself still goes up (the server answers it as a merge)
    assert "case.create" in [o.kind for o in nav.outbox_batch(limit=10)]


def reject(desk, kinds):
    ops = desk.outbox_batch(limit=100)
    reason = {"code": "invalid", "message": "no", "message_zh": "收件日期不能晚于登记当天"}
    desk.apply_push_results(ops, [
        {"seq": o.seq, "op_id": o.op_id, "status": "rejected", "version": None,
         "reason": reason} for o in ops if o.kind in kinds])


def test_a_rejected_mark_leaves_the_checklist(nav, ent):
    nav.mark_material(ent, P.short, "2026-11-22")
    reject(nav, {"material.mark"})
    assert nav.materials_of(ent) == []           # not counted as received any more
    assert [i.kind for i in nav.needs_attention()] == ["material.mark"]


def test_a_rejected_take_back_gives_way_to_the_lines_marks_still_pending(nav, ent):
    nav.mark_material(ent, P.short, "2026-11-22")
    nav.mark_material(ent, P.short, None, note="企业取回原件")
    take_back = [o for o in nav.outbox_batch(limit=10) if o.kind == "material.mark"][-1]
    reason = {"code": "role_not_allowed", "message": "no", "message_zh": "不行"}
    nav.apply_push_results([take_back], [{"seq": take_back.seq, "op_id": take_back.op_id,
                                          "status": "rejected", "version": None,
                                          "reason": reason}])
    # the copy handed in on the 22nd (still queued) is on the checklist again
    (ln,) = nav.materials_of(ent)
    ends = dt.date(2026, 11, 22) + dt.timedelta(days=P.short_days)
    assert (ln.received_on, ln.expires_on, ln.valid, ln.note, ln.pending) == (
        "2026-11-22", ends.isoformat(), True, None, 1)
    line = material_row_id(ent, P.short)
    (note,) = rows(nav, "SELECT attention FROM enterprise_materials WHERE id = ?", line)
    assert json.loads(note[0])["code"] == "mark_rejected"
