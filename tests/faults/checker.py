"""What must hold after every schedule, once the network is back and the desks are quiet.

1. **Nothing lost, nothing doubled.** Every op a desk recorded is accounted for: the
   server applied it (and the desk let it go), or rejected it (and it waits in the desk's
   needs-attention list with the server's reason); none is still pending, none vanished.
   Every op the server took exists exactly once centrally (each request once, each event
   id once, on the right request, with the data the desk recorded); the server holds no
   op, request or event that no desk recorded; a replay answers exactly as the first time.
2. **Convergence.** The central state equals the oracle's replay of the wire (requests,
   versions, statuses, per-field header values, event order, enterprises), the change
   feed's running totals agree with the feed (``check-feed``), and every desk holds
   exactly its scope of it: checksums (``Desk.checksums()`` against the pull's) and a
   field-by-field comparison of requests, timelines and enterprises.
3. **Conflicts recorded.** Every same-field race the oracle finds in the arrival order is
   in the server's conflict table, in ``GET /api/v1/conflicts`` for a supervisor, in the
   op's result, and once in the pushing desk's conflict list; no other conflict is.
4. **Rejections explained.** Every rejected op carries a code, an English and a Chinese
   message; the oracle agrees it had to be rejected (an invalid transition in arrival
   order, an edit of a closed request ...), and the server applied every op it could.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

import orjson
from sqlalchemy import select

from core.intake import EDITABLE_FIELDS
from server import feed
from server.models import conflicts, enterprises, op_results, ticket_events, tickets
from server.testing import ApiClient
from tests.faults.oracle import ENTERPRISE_FIELDS, Oracle
from tests.faults.world import PASSWORD, DeskNode, World

HEADER_COMPARED = (*EDITABLE_FIELDS, "town", "channel", "enterprise_name", "credit_code",
                   "station_id", "created_by", "local_number")


def _stable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "replayed"}


def _conflict_key(c: dict[str, Any]) -> tuple:
    return (c["ticket_id"], c["field"], int(c["base_version"]), int(c["server_version"]),
            orjson.dumps(c["kept"]), orjson.dumps(c["overwritten"]), c.get("op_id"))


def check(world: World) -> Oracle:
    """Run every check; violations go to ``world.outcome.violations``."""
    oracle = Oracle()
    first = _replay_wire(world, oracle)
    central = _central(world)
    _ledger(world, first, central)
    _central_matches_oracle(world, oracle, central)
    _conflicts_listed(world, oracle)
    for node in world.nodes:
        _desk_matches_server(world, node, oracle, central)
    return oracle


# -- 1. the wire, replayed -----------------------------------------------------------------------

def _replay_wire(world: World, oracle: Oracle) -> dict[tuple[str, int], dict[str, Any]]:
    """The first answer the server gave to each op, checked against the oracle."""
    bad = world.violation
    counts = world.outcome.counts
    first: dict[tuple[str, int], dict[str, Any]] = {}
    for tap in world.wire:
        if tap.kind == "delete":
            tid = tap.ops[0]["entity_id"]
            live = tid in oracle.tickets and not oracle.tickets[tid].deleted
            if (tap.status == 200) != live:
                bad(f"deleting request {tid[-6:]} answered {tap.status}; the oracle has it "
                    f"{'live' if live else 'gone'}")
            if tap.status == 200:
                oracle.delete(tid)
                if tap.body.get("version") != oracle.tickets[tid].version:
                    bad(f"the tombstone of {tid[-6:]} has version {tap.body.get('version')}, "
                        f"the oracle {oracle.tickets[tid].version}")
            continue
        if tap.status != 200:
            code = tap.body.get("error")
            if tap.status == 409 or code == "op_mismatch":
                bad(f"d{tap.desk}: push answered {tap.status} {code}: {tap.body.get('message')}")
            continue
        sent = {int(op["seq"]): op for op in tap.ops}
        for r in tap.body.get("results") or ():
            key = (tap.device, int(r["seq"]))
            op = sent.get(int(r["seq"]))
            if op is None or op["op_id"] != r.get("op_id"):
                bad(f"d{tap.desk}: a result for seq {r['seq']} that was not sent as such")
                continue
            if r.get("replayed"):
                earlier = first.get(key)
                if earlier is None:
                    bad(f"d{tap.desk} seq {r['seq']}: a replayed answer for an op the server "
                        "never answered first")
                elif _stable(earlier) != _stable(r):
                    bad(f"d{tap.desk} seq {r['seq']}: the replay answered {_stable(r)} but the "
                        f"first answer was {_stable(earlier)}")
                continue
            if key in first:
                bad(f"d{tap.desk} seq {r['seq']} ({op['kind']}) applied twice")
                continue
            first[key] = r
            want = oracle.apply(op, tap.device)
            what = f"d{tap.desk} seq {r['seq']} {op['kind']} on {op['entity_id'][-6:]}"
            if want.status == "unknown":
                continue
            if r["status"] != want.status:
                bad(f"{what}: the server answered {r['status']} "
                    f"({(r.get('reason') or {}).get('code')}); the oracle expects {want.status}"
                    f" ({want.code})")
                continue
            if r["status"] == "rejected":
                counts["ops_rejected"] += 1
                reason = r.get("reason") or {}
                if not (reason.get("code") and reason.get("message") and reason.get("message_zh")):
                    bad(f"{what}: rejected without a full reason: {reason}")
                if want.code and reason.get("code") != want.code:
                    bad(f"{what}: rejected as {reason.get('code')}, the oracle says {want.code}")
                counts[f"rejected:{reason.get('code')}"] += 1
            else:
                counts["ops_applied"] += 1
            got = sorted((c["field"], int(c["base_version"]), int(c["server_version"]),
                          orjson.dumps(c["kept"]), orjson.dumps(c["overwritten"]))
                         for c in r.get("conflicts") or ())
            expected = sorted((f, b, s, orjson.dumps(k), orjson.dumps(o))
                              for f, b, s, k, o in want.conflicts)
            if got != expected:
                bad(f"{what}: conflicts in the answer {got}, the oracle expects {expected}")
            counts["conflicts"] += len(got)
    return first


def _central(world: World) -> dict[str, Any]:
    devices = [n.device_id for n in world.nodes]
    with world.server.db().read() as conn:
        return {
            "results": {(r.device_id, int(r.seq)): (r.op_id, orjson.loads(r.result))
                        for r in conn.execute(select(op_results).where(
                            op_results.c.device_id.in_(devices)))},
            "tickets": {r.id: r for r in conn.execute(select(tickets))},
            "events": conn.execute(select(ticket_events).order_by(
                ticket_events.c.ticket_id, ticket_events.c.ord)).all(),
            "conflicts": [dict(r._mapping) for r in conn.execute(
                select(conflicts).order_by(conflicts.c.id))],
            "enterprises": {r.id: r for r in conn.execute(select(enterprises))},
            "drift": feed.totals_drift(conn),
        }


def _ledger(world: World, first: dict, central: dict[str, Any]) -> None:
    """Every op recorded is accounted for; every op the server holds was recorded."""
    bad = world.violation
    results = central["results"]
    for key, (op_id, _result) in results.items():
        op = world.ledger.get(key)
        if op is None:
            bad(f"the server holds op {key} that no desk recorded")
        elif op.op_id != op_id:
            bad(f"the server holds {op_id} under {key}, the desk recorded {op.op_id}")
        if key not in first:
            bad(f"the server holds op {key} that it was never seen taking")
    outboxes = {n.device_id: {e.seq: e for e in n.desk.outbox_entries()}
                for n in world.nodes if n.desk is not None}
    events_by_id = Counter(e.id for e in central["events"])
    event_rows = {e.id: e for e in central["events"]}
    for key, op in world.ledger.items():
        held = results.get(key)
        entry = outboxes.get(op.device, {}).get(op.seq)
        what = f"d{op.desk} seq {op.seq} {op.kind} on {op.entity_id[-6:]} (step {op.step})"
        status = held[1]["status"] if held else None
        if entry is not None and entry.state in ("pending", "parked"):
            bad(f"{what}: still {entry.state} after the desks settled")
            continue
        if entry is not None:                         # needs attention
            reason = _reason(world, op)
            if not (reason.get("code") and reason.get("message_zh")):
                bad(f"{what}: in needs-attention without a reason: {reason}")
            if status != "rejected":
                bad(f"{what}: in needs-attention ({reason.get('code')}) but the server "
                    f"{'applied it' if status else 'never took it'}")
            continue
        if status is None:
            bad(f"{what}: LOST: gone from the desk's outbox, never taken by the server")
            continue
        if status != "applied":
            bad(f"{what}: the server rejected it but it is gone from needs-attention")
            continue
        world.outcome.counts["ops_acknowledged"] += 1
        _exists_once(world, op, what, central, events_by_id, event_rows)


def _reason(world: World, op: Any) -> dict[str, Any]:
    node = world.nodes[op.desk]
    assert node.desk is not None
    for item in node.desk.needs_attention():
        if item.seq == op.seq:
            return item.reason or {}
    return {}


def _exists_once(world: World, op: Any, what: str, central: dict[str, Any],
                 events_by_id: Counter, event_rows: dict[str, Any]) -> None:
    bad = world.violation
    if op.kind in ("ticket.create", "ticket.event"):
        ev = op.payload["event"]
        if op.kind == "ticket.create" and op.entity_id not in central["tickets"]:
            bad(f"{what}: acknowledged, but no such request on the server")
        if events_by_id[ev["id"]] != 1:
            bad(f"{what}: event {ev['id'][-6:]} is held {events_by_id[ev['id']]} times")
            return
        row = event_rows[ev["id"]]
        data = orjson.loads(row.data)
        if (row.ticket_id, row.type, row.actor, row.station, data) != (
                op.entity_id, ev["type"], ev["actor"], ev["station"], ev.get("data") or {}):
            bad(f"{what}: the server's event differs from the desk's: "
                f"{(row.ticket_id[-6:], row.type, row.actor, row.station, data)}")
    elif op.kind == "ticket.edit" and op.entity_id not in central["tickets"]:
        bad(f"{what}: acknowledged, but no such request on the server")
    elif op.kind == "enterprise.upsert" and op.entity_id not in central["enterprises"]:
        bad(f"{what}: acknowledged, but no such enterprise on the server")


# -- 2. the central state ------------------------------------------------------------------------

def _central_matches_oracle(world: World, oracle: Oracle, central: dict[str, Any]) -> None:
    bad = world.violation
    if central["drift"]:
        bad(f"the change feed's totals drifted: {central['drift'][:3]}")
    rows = central["tickets"]
    if set(rows) != set(oracle.tickets):
        bad(f"requests on the server {sorted(t[-6:] for t in rows)} != the oracle's "
            f"{sorted(t[-6:] for t in oracle.tickets)}")
    numbers = [r.number for r in rows.values()]
    if None in numbers or len(set(numbers)) != len(numbers):
        bad(f"request numbers missing or repeated: {numbers}")
    events: dict[str, list[Any]] = {}
    for e in central["events"]:
        events.setdefault(e.ticket_id, []).append(e)
    docs = _feed_docs(world)
    for tid, model in oracle.tickets.items():
        row = rows.get(tid)
        if row is None:
            continue
        got = (row.version, row.status, row.town, row.station_id, bool(row.deleted))
        want = (model.version, model.status.value if model.status else None, model.town,
                model.station_id, model.deleted)
        if got != want:
            bad(f"request {tid[-6:]}: server (version, status, town, station, deleted) {got} "
                f"!= oracle {want}")
        ids = [e.id for e in events.get(tid, [])]
        ords = [e.ord for e in events.get(tid, [])]
        if ids != model.events or ords != list(range(1, len(ids) + 1)):
            bad(f"request {tid[-6:]}: server events {[i[-6:] for i in ids]} (ord {ords}) != "
                f"oracle {[i[-6:] for i in model.events]}")
        if model.deleted:
            continue
        header = (docs.get(tid) or {}).get("header") or {}
        for name in EDITABLE_FIELDS:
            if header.get(name) != model.header.get(name):
                bad(f"request {tid[-6:]}: server {name}={header.get(name)!r}, oracle "
                    f"{model.header.get(name)!r}")
    stray = set(events) - set(oracle.tickets)
    if stray:
        bad(f"events on requests the oracle does not know: {sorted(stray)}")
    ents = central["enterprises"]
    if set(ents) != set(oracle.enterprises):
        bad(f"enterprises on the server {len(ents)} != oracle {len(oracle.enterprises)}")
    for eid, model in oracle.enterprises.items():
        row = ents.get(eid)
        if row is None:
            continue
        got = {k: getattr(row, k) for k in ENTERPRISE_FIELDS}
        if got != model.values or row.version != model.version:
            bad(f"enterprise {eid[-6:]}: server {got} v{row.version} != oracle "
                f"{model.values} v{model.version}")
    want = Counter(_conflict_key(c) for c in oracle.conflicts)
    got = Counter(_conflict_key({**c, "kept": orjson.loads(c["kept"]),
                                 "overwritten": orjson.loads(c["overwritten"])})
                  for c in central["conflicts"])
    if want != got:
        bad(f"conflict table: missing {list((want - got).elements())[:3]}, "
            f"unexpected {list((got - want).elements())[:3]}")
    by = {(c["op_id"], c["field"]): c for c in oracle.conflicts}
    for c in central["conflicts"]:
        model = by.get((c["op_id"], c["field"]))
        if model and (c["device_id"], c["overwritten_by"]) != (model["device_id"],
                                                               model["overwritten_by"]):
            bad(f"conflict {c['id']}: device/overwritten_by {c['device_id'][-6:]}/"
                f"{(c['overwritten_by'] or '')[-6:]} != oracle")


def _feed_docs(world: World) -> dict[str, dict[str, Any]]:
    from server.models import change_feed
    with world.server.db().read() as conn:
        return {r.id: orjson.loads(r.doc) for r in conn.execute(
            select(change_feed.c.id, change_feed.c.doc).where(change_feed.c.entity == "ticket"))
            if r.doc}


def _conflicts_listed(world: World, oracle: Oracle) -> None:
    """``GET /api/v1/conflicts`` as a city supervisor lists every conflict."""
    api = ApiClient(world.url, f"checker-{world.schedule.seed}")
    try:
        api.login("demo.supervisor", PASSWORD, "ZS01")
        listed, after = [], 0
        while True:
            r = api.request("GET", "/conflicts", params={"after": after, "limit": 1000})
            r.raise_for_status()
            body = r.json()
            listed += body["conflicts"]
            if not body.get("next_after"):
                break
            after = body["next_after"]
    finally:
        api.session.close()
    want = Counter(_conflict_key(c) for c in oracle.conflicts)
    got = Counter(_conflict_key(c) for c in listed)
    if want != got:
        world.violation(f"GET /conflicts: missing {list((want - got).elements())[:3]}, "
                        f"unexpected {list((got - want).elements())[:3]}")


# -- 2. every desk against the server ------------------------------------------------------------

def _sees(node: DeskNode, town: str, station: str) -> bool:
    """The scope rules of ``server/scope.py``, restated: a city hall station or a city
    supervisor sees everything; a town hall station its town and what it created."""
    spec = node.spec
    everything = spec.station_town == "city" or spec.user == "demo.supervisor"
    return everything or town == spec.station_town or station == spec.station


def _desk_matches_server(world: World, node: DeskNode, oracle: Oracle,
                         central: dict[str, Any]) -> None:
    bad = world.violation
    desk = node.desk
    assert desk is not None and node.session is not None
    name = f"d{node.index}"
    docs: dict[str, dict[str, Any]] = {}
    ents: dict[str, dict[str, Any]] = {}
    cursor, checksum = "0", None
    while True:
        page = node.session.client.pull(cursor, 1000)
        for ch in page["changes"]:
            if ch["entity"] == "ticket":
                docs[ch["id"]] = ch
            elif ch["entity"] == "enterprise":
                ents[ch["id"]] = ch
        cursor = page["cursor"]
        if not page["has_more"]:
            checksum = page.get("checksum")
            break
    docs = {k: v["doc"] for k, v in docs.items() if not v["deleted"]}
    ents = {k: v["doc"] for k, v in ents.items() if not v["deleted"]}
    visible = {t for t, m in oracle.tickets.items()
               if not m.deleted and _sees(node, m.town, m.station_id)}
    if set(docs) != visible:
        bad(f"{name}: the server's pull shows {len(docs)} requests, its scope holds "
            f"{len(visible)}")
    ours = desk.checksums()
    want = {k: {"count": int(v["count"]), "sum": int(v["sum"])}
            for k, v in (checksum or {}).items() if isinstance(v, dict)}
    if not want or {k: ours.get(k) for k in want} != want:
        bad(f"{name}: checksums {ours} != the server's {want}")
    counts = desk.outbox_counts()
    if counts["pending"] or counts["parked"]:
        bad(f"{name}: outbox not empty after settling: {counts}")
    rows = desk.request_page(limit=100_000)
    local = {}
    for row in rows:
        detail = desk.request(row.id)
        local[row.id] = detail
    kept = {m["id"]: m["code"] for m in desk.attention()
            if m["code"] in ("deleted_on_server", "not_on_server")}
    for tid, code in kept.items():           # kept for the clerk: the server deleted it
        model = oracle.tickets.get(tid)
        if model is None or not model.deleted:
            bad(f"{name}: keeps {tid[-6:]} marked {code}, but the server still has it")
    synced = {t for t, d in local.items() if d.header["version"] >= 1 and t not in kept}
    if synced != set(docs):
        bad(f"{name}: holds {sorted(t[-6:] for t in synced)}; the server sends "
            f"{sorted(t[-6:] for t in docs)}")
    rejected_creates = {item.entity_id for item in desk.needs_attention()
                        if item.kind == "ticket.create"}
    for tid, detail in local.items():
        if detail.header["version"] < 1 and tid not in rejected_creates:
            bad(f"{name}: request {tid[-6:]} never synced (version 0) and not in needs-attention")
    for tid, doc in docs.items():
        detail = local.get(tid)
        if detail is None:
            continue
        h = detail.header
        if h["number"] != doc["number"] or h["version"] != doc["version"]:
            bad(f"{name} {tid[-6:]}: number/version {h['number']}/{h['version']} != server "
                f"{doc['number']}/{doc['version']}")
        for f in HEADER_COMPARED:
            if h.get(f) != doc["header"].get(f):
                bad(f"{name} {tid[-6:]}: {f}={h.get(f)!r} != server {doc['header'].get(f)!r}")
        server_row = central["tickets"].get(tid)
        if server_row is not None and h["status"] != server_row.status:
            bad(f"{name} {tid[-6:]}: status {h['status']} != server {server_row.status}")
        if h["pending"]:
            bad(f"{name} {tid[-6:]}: {h['pending']} pending ops counted after settling")
        mine = [(e.id, e.type.value, e.actor, e.station, dict(e.data), pending)
                for e, pending in detail.events]
        theirs = [(e["id"], e["type"], e["actor"], e["station"], e.get("data") or {}, False)
                  for e in sorted(doc["events"], key=lambda e: e["ord"])]
        if mine != theirs:
            bad(f"{name} {tid[-6:]}: timeline {[(m[0][-6:], m[1], m[5]) for m in mine]} != "
                f"server {[(t[0][-6:], t[1]) for t in theirs]}")
    _desk_enterprises(world, node, ents)
    _desk_conflicts(world, node, central)
    for item in desk.needs_attention():
        if not (item.reason and item.reason.get("code") and item.reason.get("message_zh")):
            bad(f"{name}: needs-attention item {item.seq} without a reason: {item.reason}")


def _desk_enterprises(world: World, node: DeskNode, ents: dict[str, dict[str, Any]]) -> None:
    conn = sqlite3.connect(f"file:{node.path}?mode=ro", uri=True)
    try:
        rows = {r[0]: r for r in conn.execute(
            "SELECT id, credit_code, name, town, region_code, entity_type, version "
            "FROM enterprises")}
    finally:
        conn.close()
    synced = {k for k, r in rows.items() if r[6] >= 1}
    if synced != set(ents):
        world.violation(f"d{node.index}: holds enterprises {len(synced)}, the server "
                        f"sends {len(ents)}")
    for eid, doc in ents.items():
        r = rows.get(eid)
        if r is None:
            continue
        mine = dict(zip(("credit_code", "name", "town", "region_code", "entity_type",
                         "version"), r[1:]))
        theirs = {k: doc.get(k) for k in (*ENTERPRISE_FIELDS, "version")}
        if mine != theirs:
            world.violation(f"d{node.index}: enterprise {eid[-6:]} {mine} != server {theirs}")


def _desk_conflicts(world: World, node: DeskNode, central: dict[str, Any]) -> None:
    assert node.desk is not None
    mine = Counter((c["entity_id"], c["field"], c["base_version"], c["server_version"],
                    orjson.dumps(c["kept"]), orjson.dumps(c["overwritten"]))
                   for c in node.desk.conflicts())
    theirs = Counter((c["ticket_id"], c["field"], c["base_version"], c["server_version"],
                      orjson.dumps(orjson.loads(c["kept"])),
                      orjson.dumps(orjson.loads(c["overwritten"])))
                     for c in central["conflicts"] if c["device_id"] == node.device_id)
    if mine != theirs:
        world.violation(f"d{node.index}: its conflict list {sorted(mine.elements())[:2]} != "
                        f"the server's for its edits {sorted(theirs.elements())[:2]}")
