"""Push: idempotency, sequence gaps, every op kind, the state machine, numbers, audit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from core.ids import new_id
from server import cli
from server.models import audit_log, devices, op_results, ticket_events
from sync.ticket_writes import enterprise_id_for
from tests.server.helpers import (CODE, DISPATCH, counts, create_op, create_ticket,
                                  event_op, now, push_ok, signed_in)


def test_create_then_events_in_one_push(central):
    client = signed_in(central)
    create = create_op(client)
    tid = create["entity_id"]
    results = push_ok(client, [
        create,
        event_op(client, tid, "dispatched", DISPATCH),
        event_op(client, tid, "contacted", {"office": "登记注册科", "person": "陈科长"}),
        event_op(client, tid, "interim_reply", {"text": "已核实，正在协调数据修正。"}),
        event_op(client, tid, "resolved", {"text": "已修正上年数据，企业已提交年报。"}),
        event_op(client, tid, "evaluated", {"satisfaction": "satisfied", "solved": "solved"}),
    ])
    assert [r["status"] for r in results] == ["applied"] * 6
    assert [r["version"] for r in results] == [1, 2, 3, 4, 5, 6]
    number = results[0]["number"]
    assert number.startswith(f"{dt.date.today().year}-SQ-")
    assert all(r["number"] == number for r in results)
    doc = client.request("GET", f"/requests/{tid}").json()
    assert doc["version"] == 6 and doc["number"] == number
    assert [e["ord"] for e in doc["events"]] == [1, 2, 3, 4, 5, 6]
    assert [e["type"] for e in doc["events"]] == ["created", "dispatched", "contacted",
                                                  "interim_reply", "resolved", "evaluated"]
    assert doc["header"]["station_id"] == "SQ01" and doc["header"]["town"] == "shiqi"


def test_replay_returns_the_stored_results(central):
    client = signed_in(central)
    ops = [create_op(client)]
    ops.append(event_op(client, ops[0]["entity_id"], "evaluated", {"satisfaction": "satisfied"}))
    first = push_ok(client, ops)
    before = counts(central)
    again = push_ok(client, ops)
    assert counts(central) == before
    assert [r["replayed"] for r in again] == [True, True]
    strip = [{k: v for k, v in r.items() if k != "replayed"} for r in again]
    assert strip == [{k: v for k, v in r.items() if k != "replayed"} for r in first]
    assert again[1]["status"] == "rejected"          # a rejection replays as a rejection
    # replays and new ops in one push
    new = event_op(client, ops[0]["entity_id"], "note", {"text": "补充说明"})
    mixed = push_ok(client, ops + [new])
    assert [r["replayed"] for r in mixed] == [True, True, False]
    assert mixed[2]["status"] == "applied"


def test_replay_with_a_different_payload_is_refused_whole(central):
    client = signed_in(central)
    op = create_op(client)
    push_ok(client, [op])
    changed = {**op, "payload": {**op["payload"], "header": {**op["payload"]["header"],
                                                              "contact_name": "别人"}}}
    follow = event_op(client, op["entity_id"], "note", {"text": "不应写入"})
    before = counts(central)
    r = client.push([changed, follow])
    assert r.status_code == 422
    assert r.json()["error"] == "op_mismatch" and r.json()["field"] == "ops[0]"
    assert counts(central) == before


def test_a_gap_is_refused_with_the_expected_seq(central):
    client = signed_in(central)
    push_ok(client, [create_op(client)])
    client.seq += 2
    late = create_op(client)
    before = counts(central)
    r = client.push([late])
    assert r.status_code == 409
    assert r.json()["error"] == "seq_gap" and r.json()["expected_seq"] == 2
    assert counts(central) == before
    # out of order inside one push
    client.seq = 1
    a, b = create_op(client), create_op(client)
    r = client.push([b, a])
    assert r.status_code == 409 and r.json()["expected_seq"] == 2
    assert counts(central) == before
    assert push_ok(client, [a, b])[1]["seq"] == 3


def test_state_machine_rejections_consume_their_seq_with_reasons(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    results = push_ok(clerk, [
        event_op(clerk, tid, "resolved", {"text": "未转办就办结"}),          # invalid transition
        event_op(clerk, tid, "supervised", {"reply_due": "2099-01-01", "note": "x"}),  # role
        event_op(clerk, tid, "answered", {"answer": "见知识库", "source": "kb"}),  # data
        event_op(clerk, tid, "note", {"text": "ok"}),
    ])
    reasons = [r["reason"] and r["reason"]["code"] for r in results]
    assert reasons == ["invalid_transition", "role_not_allowed", "invalid", None]
    assert results[0]["reason"]["message_zh"].startswith("诉求当前状态为“已受理”")
    assert results[2]["reason"]["field"] == "payload.event.data.source_ref"
    assert [r["seq"] for r in results] == [2, 3, 4, 5]
    assert results[3]["version"] == 2


def test_the_state_is_the_servers_fold_not_the_desks(central):
    """Two desks answer the same request offline; the second answer arrives after the
    first closed it: the server's state machine refuses it."""
    first = signed_in(central)
    second = signed_in(central, "demo.clerk", "SQ02")
    tid, _ = create_ticket(first)
    ok = push_ok(first, [event_op(first, tid, "answered",
                                  {"answer": "可线上办理", "source": "clerk"})])
    late = push_ok(second, [event_op(second, tid, "dispatched", DISPATCH)])
    assert ok[0]["status"] == "applied"
    assert late[0]["reason"]["code"] == "invalid_transition"


def test_actor_role_comes_from_the_server(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    # the clerk's desk claims a supervisor role for its own user: the server's role wins
    r = push_ok(clerk, [event_op(clerk, tid, "supervised",
                                 {"reply_due": "2099-01-01", "note": "加快办理"},
                                 role="supervisor")])
    assert r[0]["reason"]["code"] == "role_not_allowed"
    # an actor that is no account
    r = push_ok(clerk, [event_op(clerk, tid, "note", {"text": "x"}, actor="ghost")])
    assert r[0]["reason"]["code"] == "unknown_actor"
    assert r[0]["reason"]["field"] == "payload.event.actor"
    # another user of the same desk is fine (signed in earlier, offline)
    r = push_ok(clerk, [event_op(clerk, tid, "note", {"text": "x"}, actor="demo.navigator")])
    assert r[0]["status"] == "applied"
    doc = clerk.request("GET", f"/requests/{tid}").json()
    assert doc["events"][-1]["role"] == "navigator"


def test_events_carry_the_pushing_station(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    r = push_ok(clerk, [event_op(clerk, tid, "note", {"text": "x"}, station="SQ02")])
    assert r[0]["reason"]["code"] == "wrong_station"
    op = create_op(clerk, station_id="SQ02")
    op["payload"]["event"]["station"] = "SQ02"
    r = push_ok(clerk, [op])
    assert r[0]["reason"]["code"] == "wrong_station"
    assert r[0]["reason"]["field"] == "payload.header.station_id"


def test_unknown_request_duplicate_ids_and_bad_payloads(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    ops = [event_op(clerk, new_id(), "note", {"text": "x"}), create_op(clerk, tid)]
    ev = event_op(clerk, tid, "note", {"text": "一次"})
    ops += [
        ev,
        clerk.op("ticket.event", tid, {"event": ev["payload"]["event"]}),   # same event id
        clerk.op("ticket.event", tid, {"event": {}, "extra": 1}),
        clerk.op("ticket.event", tid, {"event": {**ev["payload"]["event"], "id": "x"}}),
        create_op(clerk, "not-a-uuid"),
        create_op(clerk, contact_phone="12"),
        create_op(clerk, town="atlantis"),
        create_op(clerk, enterprise_id=new_id()),
    ]
    results = push_ok(clerk, ops)
    got = [(r["status"], r["reason"] and (r["reason"]["code"], r["reason"]["field"]))
           for r in results]
    assert got == [
        ("rejected", ("unknown_request", "entity_id")),
        ("rejected", ("exists", "entity_id")),
        ("applied", None),
        ("rejected", ("invalid", "payload.event.id")),
        ("rejected", ("invalid", "payload.extra")),
        ("rejected", ("invalid", "payload.event.id")),
        ("rejected", ("invalid", "entity_id")),
        ("rejected", ("invalid", "payload.header.contact_phone")),
        ("rejected", ("invalid", "payload.header.town")),
        ("rejected", ("invalid", "payload.header.enterprise_id")),
    ]
    assert all(r["reason"]["message_zh"] for r in results if r["reason"])


def test_numbers_per_hall_and_year(central):
    sq = signed_in(central)
    zs = signed_in(central, "demo.navigator")
    numbers = [create_ticket(sq)[1]["number"] for _ in range(3)]
    year = now().year
    assert numbers == [f"{year}-SQ-{i:06d}" for i in (1, 2, 3)]
    assert create_ticket(zs)[1]["number"] == f"{year}-ZS-000001"
    # a request taken on 31 December, pushed later, keeps that year's number when the
    # desk's clock is near the server's; a wild clock does not pick the year
    wild = (now() - dt.timedelta(days=400)).isoformat()
    assert create_ticket(sq, created_at=wild)[1]["number"] == f"{year}-SQ-000004"


def test_enterprise_upsert_fills_missing_fields_and_keeps_present_ones(central):
    clerk = signed_in(central)
    eid = enterprise_id_for(CODE)
    r = push_ok(clerk, [
        clerk.op("enterprise.upsert", eid, {"credit_code": CODE, "name": "示例精密机械"}),
        clerk.op("enterprise.upsert", eid, {"credit_code": CODE, "name": "另一个名字",
                                            "town": "shiqi", "profile": {"scale": "small"}}),
        clerk.op("enterprise.upsert", eid, {"credit_code": CODE}),
        clerk.op("enterprise.upsert", new_id(), {"credit_code": CODE, "name": "错"}),
        clerk.op("enterprise.upsert", new_id(), {"town": "shiqi"}),
        clerk.op("enterprise.upsert", new_id(), {"credit_code": "123", "name": "x"}),
    ])
    assert [x["status"] for x in r] == ["applied"] * 3 + ["rejected"] * 3
    assert [x["version"] for x in r[:3]] == [1, 2, 2]
    assert r[3]["reason"]["field"] == "entity_id"
    assert r[4]["reason"]["field"] == "payload.name"
    assert r[5]["reason"]["field"] == "payload.credit_code"
    docs = {c["id"]: c["doc"] for p in clerk.pull_all() for c in p["changes"]}
    assert docs[eid]["name"] == "示例精密机械" and docs[eid]["town"] == "shiqi"
    assert docs[eid]["profile"] == {"scale": "small"} and docs[eid]["region_code"] == "442000"


def test_push_must_come_from_the_signed_in_device(central):
    clerk = signed_in(central)
    r = clerk.request("POST", "/sync/push", json={"device_id": "someone-else", "ops": []})
    assert r.status_code == 403 and r.json()["error"] == "device_mismatch"


def test_every_write_is_audited(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    push_ok(clerk, [event_op(clerk, tid, "dispatched", DISPATCH),
                    event_op(clerk, tid, "resolved", {"text": ""})])
    with central.db().read() as conn:
        rows = conn.execute(select(audit_log).where(audit_log.c.entity_id == tid)
                            .order_by(audit_log.c.id)).all()
        events = conn.execute(select(ticket_events.c.ord, ticket_events.c.device_id)
                              .where(ticket_events.c.ticket_id == tid)).all()
    assert [(r.action, r.outcome) for r in rows] == [
        ("ticket.create", "applied"), ("ticket.event:dispatched", "applied"),
        ("ticket.event:resolved", "rejected")]
    assert {r.username for r in rows} == {"demo.clerk"}
    assert {r.station_id for r in rows} == {"SQ01"}
    assert {r.device_id for r in rows} == {clerk.device_id}
    assert all(r.at for r in rows)
    assert sorted(e.ord for e in events) == [1, 2]
    admin = signed_in(central, "admin")
    entries = admin.request("GET", "/audit", params={"entity_id": tid}).json()["entries"]
    assert len(entries) == 3 and entries[0]["detail"]["seq"] == 1
    assert clerk.request("GET", "/audit").status_code == 403


def test_after_a_restore_an_admin_lets_a_device_continue_above_the_gap(central):
    clerk = signed_in(central)
    push_ok(clerk, [create_op(clerk) for _ in range(3)])
    with central.db().write() as conn:         # a restore that lost seqs 2 and 3
        conn.execute(update(devices).values(last_seq=1))
        conn.execute(delete(op_results).where(op_results.c.seq > 1))
    late = create_op(clerk)
    r = clerk.push([late])
    assert r.status_code == 409 and r.json()["expected_seq"] == 2
    url = ["--database-url", central.database_url]
    assert cli.main(["accept-gap", "--device", "nope", *url]) == 1
    assert cli.main(["accept-gap", "--device", clerk.device_id, *url]) == 0
    assert push_ok(clerk, [late])[0]["status"] == "applied"
    clerk.seq += 1
    r = clerk.push([create_op(clerk)])
    assert r.status_code == 409                   # once only
    with central.db().read() as conn:
        gap = conn.execute(select(audit_log.c.detail).where(
            audit_log.c.action == "accept-gap", audit_log.c.outcome == "applied")).scalar_one()
    assert '"missing_from":2' in gap and '"missing_to":3' in gap
