"""Push and pull of the policy-redemption ops against the real server: cases checked by
core.cases' state machine on the server's state, the checklist's freshest-copy rule,
targeting and consultations, roles, scope, desks too old for the new entities, and the
central schema built exactly by its migrations."""

from __future__ import annotations

import datetime as dt

import pytest

from core.cases import case_id_for, material_row_id
from core.ids import new_id
from sync.ticket_writes import enterprise_id_for
from tests.policy_picks import picks
from tests.server.helpers import CODE, CST, push_ok, signed_in

ENT = enterprise_id_for(CODE)
P = picks()                                 # batches of the sample, picked by what they need
ITEM, BATCH = P.a.item, P.a.batch           # open on 2026-11-24 for 30 days and more
MATERIAL = P.a.materials[0]
AT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=CST)


def stamp(client, at=AT):
    return {"actor": client.tokens["user"]["username"],
            "station": client.tokens["station"]["id"], "at": at.isoformat()}


def event(client, kind, data=None, at=AT):
    s = stamp(client, at)
    return {"id": new_id(), "type": kind, "at": s["at"], "actor": s["actor"],
            "role": client.tokens["user"]["role"], "station": s["station"], "data": data or {}}


def enterprise_op(client, town="shiqi"):
    return client.op("enterprise.upsert", ENT, {"credit_code": CODE,
                                                "name": "中山市示例精密机械有限公司", "town": town})


def create_op(client, item=ITEM, batch=BATCH, case_id=None):
    s = stamp(client)
    header = {"enterprise_id": ENT, "item_id": item, "batch_id": batch,
              "station_id": s["station"], "created_by": s["actor"], "created_at": s["at"]}
    return client.op("case.create", case_id or case_id_for(ENT, item, batch),
                     {"header": header, "event": event(client, "created")})


def case_event_op(client, kind, data=None, case_id=None):
    return client.op("case.event", case_id or case_id_for(ENT, ITEM, BATCH),
                     {"event": event(client, kind, data)})


def mark_op(client, material, received_on, note=None):
    return client.op("material.mark", material_row_id(ENT, material), {
        "enterprise_id": ENT, "material_id": material, "received_on": received_on,
        "case_id": None, "note": note, **stamp(client)})


def reason(result):
    assert result["status"] == "rejected", result
    return result["reason"]


@pytest.fixture
def nav(central):
    client = signed_in(central, "demo.navigator", "ZS01")
    client.schema = "0003"
    return client


def test_a_case_is_created_and_worked_and_pulled(central, nav):
    ops = [enterprise_op(nav), create_op(nav),
           case_event_op(nav, "material_received", {"material_id": MATERIAL,
                                                    "received_on": "2026-11-20"}),
           mark_op(nav, MATERIAL, "2026-11-20"),
           case_event_op(nav, "submitted", {"submitted_on": "2026-11-24"}),
           case_event_op(nav, "review_started")]
    results = push_ok(nav, ops)
    assert [r["status"] for r in results] == ["applied"] * 6
    assert [r["version"] for r in results[1:]] == [1, 2, 1, 3, 4]
    changes = {(c["entity"], c["id"]): c for p in nav.pull_all(0) for c in p["changes"]}
    doc = changes[("case", case_id_for(ENT, ITEM, BATCH))]["doc"]
    assert doc["header"]["town"] == "shiqi" and doc["header"]["station_id"] == "ZS01"
    assert [(e["type"], e["ord"], e["role"]) for e in doc["events"]] == [
        ("created", 1, "navigator"), ("material_received", 2, "navigator"),
        ("submitted", 3, "navigator"), ("review_started", 4, "navigator")]
    line = changes[("material", material_row_id(ENT, MATERIAL))]["doc"]
    assert (line["received_on"], line["version"]) == ("2026-11-20", 1)
    # a desk older than the cases (schema 0002) is not sent them; its cursor moves on
    old = signed_in(central, "demo.navigator", "ZS01")
    old.schema = "0002"
    pages = list(old.pull_all(0))
    assert {c["entity"] for p in pages for c in p["changes"]} == {"enterprise"}
    assert pages[-1]["cursor"] == list(nav.pull_all(0))[-1]["cursor"]
    # the same ops again are replays; nothing lands twice
    again = push_ok(nav, ops)
    assert all(r["replayed"] for r in again)
    assert [e["ord"] for e in nav.request("GET", f"/cases/{case_id_for(ENT, ITEM, BATCH)}")
            .json()["events"]] == [1, 2, 3, 4]


def test_rejections_name_their_reason(central, nav):
    push_ok(nav, [enterprise_op(nav), create_op(nav)])
    other = new_id()
    results = push_ok(nav, [
        create_op(nav, case_id=new_id()),                                 # id not derived
        create_op(nav, item=ITEM, batch=P.b.batch,
                  case_id=case_id_for(ENT, ITEM, P.b.batch)),              # batch of another item
        case_event_op(nav, "redeemed", {"amount": 1, "redeemed_on": "2026-11-24"}),
        case_event_op(nav, "note", {"text": "x"}, case_id=other),         # no such case
        case_event_op(nav, "submitted", {"submitted_on": "2026-11-24"}),   # consulting: no
        case_event_op(nav, "preparation_started"),
        case_event_op(nav, "submitted", {"submitted_on": str(P.a.opens - dt.timedelta(days=1))}),
        mark_op(nav, "mat-nonsense", "2026-11-20"),
        nav.op("targeting.create", new_id(), {"enterprise_id": new_id(), "item_id": ITEM,
                                              "reason": "推送", **stamp(nav)}),
        nav.op("targeting.create", new_id(), {"enterprise_id": ENT, "item_id": ITEM,
                                              "reason": " ", **stamp(nav)}),
    ])
    codes = [(r["status"], (r["reason"] or {}).get("code"), (r["reason"] or {}).get("field"))
             for r in results]
    assert codes == [
        ("rejected", "invalid", "entity_id"),
        ("rejected", "invalid", "payload.header.batch_id"),
        ("rejected", "invalid_transition", "payload.event.type"),
        ("rejected", "unknown_case", "entity_id"),
        ("rejected", "invalid_transition", "payload.event.type"),
        ("applied", None, None),
        ("rejected", "invalid", "payload.event.data.submitted_on"),
        ("rejected", "invalid", "payload.material_id"),
        ("rejected", "unknown_enterprise", "payload.enterprise_id"),
        ("rejected", "invalid", "payload.reason")]
    assert "咨询中" in results[2]["reason"]["message_zh"]
    assert "不在本批次申报时间内" in results[6]["reason"]["message_zh"]


def test_roles_stations_and_scope(central, nav):
    push_ok(nav, [enterprise_op(nav), create_op(nav)])
    clerk = signed_in(central, "demo.clerk", "SQ01")       # the enterprise's town: sees it
    results = push_ok(clerk, [
        case_event_op(clerk, "note", {"text": "企业来电询问进度"}),
        case_event_op(clerk, "preparation_started"),
        mark_op(clerk, MATERIAL, "2026-11-20"),
        clerk.op("targeting.create", new_id(), {"enterprise_id": ENT, "item_id": ITEM,
                                                "reason": "企业符合条件", **stamp(clerk)}),
        clerk.op("consultation.create", new_id(), {
            "enterprise_id": ENT, "item_id": ITEM, "question": "怎么申报？", "answer": None,
            "rating": 4, "comment": "清楚", **stamp(clerk)}),
    ])
    assert [(r["status"], (r["reason"] or {}).get("code")) for r in results] == [
        ("applied", None), ("rejected", "role_not_allowed"), ("rejected", "role_not_allowed"),
        ("rejected", "role_not_allowed"), ("applied", None)]
    assert "受理员无权" in results[2]["reason"]["message_zh"]
    away = signed_in(central, "demo.navigator", "XL01")    # another town's window
    results = push_ok(away, [
        case_event_op(away, "note", {"text": "x"}),
        case_event_op(away, "note", {"text": "x"}) | {"payload": {"event": event(
            away, "note", {"text": "x"}) | {"station": "ZS01"}}},
        create_op(away)])                                   # opened elsewhere: not merged
    assert [reason(r)["code"] for r in results] == ["out_of_scope", "out_of_scope", "exists"]
    assert all(r["version"] is None for r in results)       # says nothing about it
    same = push_ok(nav, [case_event_op(nav, "note", {"text": "x"}) | {"payload": {
        "event": event(nav, "note", {"text": "x"}) | {"station": "ZS02"}}}])
    assert reason(same[0])["code"] == "wrong_station"


def test_the_checklist_keeps_the_freshest_copy(central, nav):
    push_ok(nav, [enterprise_op(nav)])
    line = material_row_id(ENT, P.short)
    results = push_ok(nav, [mark_op(nav, P.short, "2026-11-20"),
                            mark_op(nav, P.short, "2026-11-10"),   # older: kept
                            mark_op(nav, P.short, "2026-11-22"),
                            mark_op(nav, P.short, "2026-11-25")])  # ahead of it
    assert [(r["status"], r["version"]) for r in results[:3]] == [
        ("applied", 1), ("applied", 1), ("applied", 2)]
    assert reason(results[3])["field"] == "payload.received_on"
    results = push_ok(nav, [mark_op(nav, P.short, None, note="企业取回原件")])
    assert results[0]["version"] == 3
    docs = {c["id"]: c["doc"] for p in nav.pull_all(0) for c in p["changes"]}
    assert (docs[line]["received_on"], docs[line]["note"]) == (None, "企业取回原件")
    # any station sees an enterprise's checklist
    town = signed_in(central, "demo.navigator", "XL01")
    town.schema = "0003"
    assert line in {c["id"] for p in town.pull_all(0) for c in p["changes"]}


def test_records_are_created_once(central, nav):
    push_ok(nav, [enterprise_op(nav)])
    rid = new_id()
    op = {"enterprise_id": ENT, "item_id": ITEM, "reason": "企业获评专精特新", **stamp(nav)}
    first = push_ok(nav, [nav.op("targeting.create", rid, op)])
    assert first[0]["status"] == "applied" and first[0]["version"] == 1
    again = push_ok(nav, [nav.op("targeting.create", rid, op)])
    assert reason(again[0])["code"] == "exists"
    (change,) = [c for p in nav.pull_all(0) for c in p["changes"] if c["id"] == rid]
    assert change["entity"] == "targeting" and change["doc"]["reason"] == "企业获评专精特新"
    assert change["doc"]["role"] == "navigator" and change["doc"]["at"] == AT.isoformat()


def test_profile_edits_merge_per_field(central, nav):
    push_ok(nav, [enterprise_op(nav)])
    other = signed_in(central, "demo.supervisor", "ZS02")
    fact = {"value": 100, "source": "told", "as_of": "2026-11-01"}
    edit = lambda client, fields, base: client.op(
        "enterprise.edit", ENT, {"fields": fields, **stamp(client)}, base_version=base)
    assert push_ok(nav, [edit(nav, {"employees": fact}, 1)])[0]["version"] == 2
    results = push_ok(other, [edit(other, {"employees": {**fact, "value": 90}}, 1),
                              edit(other, {"invention_patents": {**fact, "value": 2}}, 1)])
    assert results[0]["conflicts"] == [{"field": "employees", "base_version": 1,
                                        "server_version": 2, "kept": {**fact, "value": 90},
                                        "overwritten": fact}]
    assert results[1]["conflicts"] == [] and results[1]["version"] == 4
    bad = push_ok(nav, [edit(nav, {"employees": {**fact, "source": "rumour"}}, 4),
                        edit(nav, {"employees": fact}, 9)])
    assert [reason(r)["code"] for r in bad] == ["invalid", "bad_base_version"]
    assert bad[0]["reason"]["field"] == "payload.fields.employees"
    listed = other.request("GET", "/profile-conflicts").json()["conflicts"]
    assert [(c["field"], c["kept"]["value"]) for c in listed] == [("employees", 90)]


def test_central_migrations_build_exactly_the_models(central_database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from server.db import normalize_url
    from server.migrate import upgrade
    from server.models import metadata

    upgrade(central_database_url)
    engine = create_engine(normalize_url(central_database_url))
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        engine.dispose()


def test_a_received_date_is_checked_against_the_halls_day(central, nav):
    # 07:30 on the 25th in Zhongshan, stamped by the desk's clock in UTC (23:30 on the 24th)
    early = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)
    push_ok(nav, [enterprise_op(nav), create_op(nav)])
    mark = mark_op(nav, MATERIAL, "2026-11-25")
    mark["payload"] |= stamp(nav, early)
    received = case_event_op(nav, "material_received", {"material_id": MATERIAL,
                                                         "received_on": "2026-11-25"})
    received["payload"]["event"] |= {"at": early.isoformat()}
    ahead = mark_op(nav, P.short, "2026-11-26")
    ahead["payload"] |= stamp(nav, early)
    results = push_ok(nav, [mark, received, ahead])
    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert reason(results[2])["message_zh"] == "收件日期不能晚于登记当天"


def test_a_refused_mark_republishes_the_line_for_its_desk(central, nav):
    push_ok(nav, [enterprise_op(nav), mark_op(nav, P.short, "2026-11-20")])
    cursor = list(nav.pull_all(0))[-1]["cursor"]
    refused = push_ok(nav, [mark_op(nav, P.short, "2026-11-25")])          # ahead of its day
    assert reason(refused[0])["field"] == "payload.received_on"
    # the next pull brings the server's line back, unchanged
    (change,) = [c for p in nav.pull_all(cursor) for c in p["changes"]]
    assert change["id"] == material_row_id(ENT, P.short)
    assert (change["doc"]["received_on"], change["doc"]["version"]) == ("2026-11-20", 1)
