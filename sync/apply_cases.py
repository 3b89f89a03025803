"""Pull pages and push results for the policy-redemption entities (``case``,
``material``, ``targeting``, ``consultation``) and profile edits, on the raw DB-API
connection inside the store's write transaction (``sync.apply``, ``sync.acks`` call in).

The same rule as requests: the server's rows, then this desk's pending ops on top.

* a **case**: the server's header and events (with ``ord``) replace ours; pending events
  (``case.create`` / ``case.event`` ops not yet acknowledged) are kept and folded after
  the server's (one the server already has is not doubled, nor a pending ``created``
  when the server has the case: it merges the create); the projection is refolded;
* a **checklist line** (``material``): the server's mark, then pending ``material.mark``
  ops by the same rule as the server (the freshest copy wins; taking back clears);
* **targeting** and **consultations**: immutable records, written as the server sent them;
* an **enterprise's profile**: ``profile_server`` is the server's, ``profile`` that with
  pending ``enterprise.edit`` fields on top.

A tombstone deletes a row, unless ops for it are still pending: then it is kept and
marked (``attention``). Rejected ops (push results) remove a rejected event from its
case's timeline, undo a rejected profile edit or checklist mark, and mark the row for the
navigator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from core.cases import CaseEvent, CaseEventType, expiry, fold
from core.policy_records import overlay
from core.tickets import Role
from sync.codec import db_time

ENTITIES = ("case", "material", "targeting", "consultation")
TABLES = {"case": "cases", "material": "enterprise_materials", "targeting": "targeting",
          "consultation": "consultations"}
KIND_TABLE = {"case.create": "cases", "case.event": "cases", "material.mark":
              "enterprise_materials", "targeting.create": "targeting",
              "consultation.create": "consultations"}
KINDS = frozenset(KIND_TABLE) | {"enterprise.edit"}
_IDS = "(SELECT value FROM json_each(?))"
DELETED = {"code": "deleted_on_server", "message_zh": "该记录已在中心服务器删除，但本工作台仍有未上传的操作，请核对"}
NOT_ON_SERVER = {"code": "not_on_server",
                 "message_zh": "中心服务器已不再向本工作台提供该记录，但仍有未上传的操作，请核对"}
REJECTED_ZH = {"case.create": "该帮办案件未被中心服务器接受（见“需处理”列表）",
               "material.mark": "该材料登记未被中心服务器接受（见“需处理”列表）",
               "targeting.create": "该定向推送未被中心服务器接受（见“需处理”列表）",
               "consultation.create": "该咨询记录未被中心服务器接受（见“需处理”列表）"}


def _j(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def _validity(raw: Any) -> dict[str, int | None]:
    return dict(raw.execute("SELECT id, validity_days FROM cat_materials").fetchall())


def _time(text: str) -> str:
    return db_time(dt.datetime.fromisoformat(text))


# -- pull -----------------------------------------------------------------------------------

def apply_changes(raw: Any, changes: Mapping[str, Mapping[str, Mapping[str, Any]]],
                  pending: Mapping[str, list[tuple[int, str, dict]]], out: Any) -> None:
    """``changes``: entity -> id -> change. ``out``: the page's ``PageOutcome``."""
    validity = _validity(raw) if changes.get("case") or changes.get("material") else {}
    for cid, change in changes.get("case", {}).items():
        _case(raw, cid, change, pending.get(cid, ()), validity, out)
    for mid, change in changes.get("material", {}).items():
        _material(raw, mid, change, pending.get(mid, ()), validity, out)
    for entity in ("targeting", "consultation"):
        for rid, change in changes.get(entity, {}).items():
            _record(raw, entity, rid, change, pending.get(rid, ()), out)


def _gone(raw: Any, table: str, rid: str, ops: Iterable[Any], out: Any) -> bool:
    """A tombstone: delete the row, or keep and mark it while ops are pending."""
    if list(ops):
        raw.execute(f"UPDATE {table} SET attention = ? WHERE id = ?", (_j(DELETED), rid))
        out.kept.append(rid)
    elif raw.execute(f"DELETE FROM {table} WHERE id = ?", (rid,)).rowcount:
        out.deleted += 1
    return True


def _case(raw: Any, cid: str, change: Mapping[str, Any], ops: Iterable[tuple[int, str, dict]],
          validity: Mapping[str, int | None], out: Any) -> None:
    out.cases.add(cid)
    doc = change.get("doc")
    if change.get("deleted") or doc is None:
        _gone(raw, "cases", cid, ops, out)
        return
    h = doc["header"]
    out.items.add(h["item_id"])
    out.profiles.add(h["enterprise_id"])
    ops = list(ops)
    found = raw.execute("SELECT pk FROM cases WHERE id = ?", (cid,)).fetchone()
    local = {}
    ids = [p["event"]["id"] for _, kind, p in ops if kind in ("case.create", "case.event")]
    if found and ids:
        local = {r[0]: r for r in raw.execute(
            "SELECT id, local_ord, type, at, actor, role, station, data FROM case_events "
            f"WHERE id IN {_IDS}", (_j(ids),))}
    deadline = raw.execute("SELECT closes FROM policy_batches WHERE id = ?",
                           (h["batch_id"],)).fetchone()
    values = (h["enterprise_id"], h["item_id"], h["batch_id"], h["station_id"], h["created_by"],
              _time(h["created_at"]), h.get("town"), deadline[0] if deadline else None,
              _time(doc.get("updated_at") or h["created_at"]), int(doc.get("version") or 0),
              len(ops))
    if found:
        pk = found[0]
        raw.execute("UPDATE cases SET enterprise_id = ?, item_id = ?, batch_id = ?, "
                    "station_id = ?, created_by = ?, created_at = ?, town = ?, deadline = ?, "
                    "updated_at = ?, version = ?, pending = ?, attention = NULL WHERE pk = ?",
                    (*values, pk))
        raw.execute("DELETE FROM case_events WHERE case_pk = ?", (pk,))
    else:
        pk = raw.execute(
            "INSERT INTO cases (id, enterprise_id, item_id, batch_id, station_id, created_by, "
            "created_at, town, deadline, updated_at, version, pending, state) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'consulting')", (cid, *values)).lastrowid
    events, rows, seen = [], [], set()
    for ev in sorted(doc.get("events") or (), key=lambda e: e["ord"]):
        seen.add(ev["id"])
        events.append(_ev(ev))
        rows.append((ev["id"], pk, ev["ord"], 0, ev["type"], _time(ev["at"]), ev.get("actor", ""),
                     ev.get("role", "navigator"), ev.get("station", ""),
                     _j(ev.get("data") or {})))
    merged = bool(doc.get("events"))
    for _, kind, p in ops:
        ev = p.get("event") if kind in ("case.create", "case.event") else None
        if ev is None or ev["id"] in seen:
            continue
        if kind == "case.create" and merged:
            # the server merges a second opening of the same case (no second "created"):
            # folding ours again would reset the case to consulting. The op stays queued.
            continue
        seen.add(ev["id"])
        mine = local.get(ev["id"])
        events.append(_ev(ev))
        rows.append((ev["id"], pk, None, mine[1] if mine else 1 << 40, ev["type"],
                     _time(ev["at"]), ev.get("actor", ""), ev.get("role", "navigator"),
                     ev.get("station", ""), _j(ev.get("data") or {})))
    raw.executemany("INSERT INTO case_events (id, case_pk, ord, local_ord, type, at, actor, "
                    "role, station, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    _project(raw, pk, fold(events, validity, cid))


def _ev(ev: Mapping[str, Any]) -> CaseEvent:
    try:
        kind = CaseEventType(ev["type"])
    except ValueError:
        from sync.apply import ApplyError
        raise ApplyError(f"unknown case event type {ev['type']!r}",
                         f"同步数据中有本版本不认识的案件事件类型 {ev['type']!r}，请升级工作台") from None
    role = ev.get("role", "navigator")
    return CaseEvent(ev["id"], kind, dt.datetime.fromisoformat(ev["at"]), ev.get("actor", ""),
                     Role(role) if role in Role._value2member_map_ else Role.NAVIGATOR,
                     ev.get("station", ""), ev.get("data") or {})


def _project(raw: Any, pk: int, state: Any) -> None:
    if state.state is None:
        return
    raw.execute("UPDATE cases SET state = ?, submitted_on = ?, redeemed_on = ?, "
                "amount_redeemed = ?, last_event_at = ? WHERE pk = ?", (
                    state.state.value,
                    state.submitted_on.isoformat() if state.submitted_on else None,
                    state.redeemed_on.isoformat() if state.redeemed_on else None,
                    state.amount_redeemed,
                    db_time(state.last_event_at) if state.last_event_at else None, pk))


def refold_case(raw: Any, case_id: str) -> None:
    """Refold one case from its stored events (after a rejected event left it)."""
    found = raw.execute("SELECT pk FROM cases WHERE id = ?", (case_id,)).fetchone()
    if not found:
        return
    events = [CaseEvent(eid, CaseEventType(t), dt.datetime.fromisoformat(at), actor, Role(role),
                        station, orjson.loads(data))
              for eid, t, at, actor, role, station, data in raw.execute(
                  "SELECT id, type, at, actor, role, station, data FROM case_events WHERE "
                  "case_pk = ? ORDER BY ord IS NULL, ord, local_ord", (found[0],))]
    _project(raw, found[0], fold(events, _validity(raw), case_id))


def _mark(values: dict[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
    """The server's rule for one more mark on a line (``server.apply_cases``)."""
    day, held = payload.get("received_on"), values.get("received_on")
    if day is not None and held and day < held:
        return values
    return {"received_on": day, "case_id": payload.get("case_id"), "note": payload.get("note")}


def _material(raw: Any, mid: str, change: Mapping[str, Any], ops: Iterable[tuple[int, str, dict]],
              validity: Mapping[str, int | None], out: Any) -> None:
    doc = change.get("doc")
    if change.get("deleted") or doc is None:
        _gone(raw, "enterprise_materials", mid, ops, out)
        return
    out.profiles.add(doc["enterprise_id"])
    ops = list(ops)
    values = {k: doc.get(k) for k in ("received_on", "case_id", "note")}
    for _, kind, payload in ops:
        if kind == "material.mark":
            values = _mark(values, payload)
    day = values["received_on"]
    ends = expiry(dt.date.fromisoformat(day), validity.get(doc["material_id"])) if day else None
    raw.execute(
        "INSERT INTO enterprise_materials (enterprise_id, material_id, id, received_on, "
        "expires_on, case_id, note, updated_at, version, pending, attention) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (enterprise_id, material_id) DO UPDATE "
        "SET received_on = excluded.received_on, expires_on = excluded.expires_on, "
        "case_id = excluded.case_id, note = excluded.note, updated_at = excluded.updated_at, "
        "version = excluded.version, pending = excluded.pending, attention = NULL",
        (doc["enterprise_id"], doc["material_id"], mid, day, ends.isoformat() if ends else None,
         values["case_id"], values["note"], _time(doc.get("updated_at") or doc["at"]),
         int(doc.get("version") or 0), len(ops)))


def _record(raw: Any, entity: str, rid: str, change: Mapping[str, Any],
            ops: Iterable[tuple[int, str, dict]], out: Any) -> None:
    table = TABLES[entity]
    doc = change.get("doc")
    if change.get("deleted") or doc is None:
        _gone(raw, table, rid, ops, out)
        return
    out.profiles.add(doc["enterprise_id"])
    if doc.get("item_id"):
        out.items.add(doc["item_id"])
    common = {"id": rid, "enterprise_id": doc["enterprise_id"], "item_id": doc.get("item_id"),
              "actor": doc.get("actor", ""), "role": doc.get("role", "navigator"),
              "station": doc.get("station", ""), "at": _time(doc["at"]),
              "version": int(doc.get("version") or 1), "pending": len(list(ops))}
    if entity == "targeting":
        common["reason"] = doc.get("reason") or ""
    else:
        common.update({k: doc.get(k) for k in ("question", "answer", "rating", "comment")})
        common["question"] = common["question"] or ""
    cols = list(common)
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    raw.execute(f"INSERT INTO {table} ({', '.join(cols)}, attention) VALUES "
                f"({', '.join('?' * len(cols))}, NULL) ON CONFLICT (id) DO UPDATE SET {sets}, "
                "attention = NULL", tuple(common.values()))


def profile_with_pending(server_profile: Any, ops: Iterable[tuple[int, str, dict]]) -> Any:
    """The server's profile with this desk's pending ``enterprise.edit`` fields on top."""
    profile = server_profile if isinstance(server_profile, dict) else orjson.loads(
        server_profile or "{}")
    for _, kind, payload in ops:
        if kind == "enterprise.edit":
            profile = overlay(profile, payload.get("fields") or {})
    return profile


# -- re-snapshot -----------------------------------------------------------------------------

def seen_rows(changes: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(entity, rid) for entity in ENTITIES for rid in changes.get(entity, {})]


def sweep(raw: Any, out: Any) -> None:
    """The re-snapshot's feed is drained: drop synced rows (``version >= 1``) the server did
    not send, keeping (and marking) those with pending ops."""
    for entity, table in TABLES.items():
        gone = raw.execute(
            f"SELECT t.id, EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = t.id AND "
            f"o.state IN ('pending', 'parked')) FROM {table} t WHERE t.version >= 1 AND NOT "
            f"EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = ? AND s.id = t.id)",
            (entity,)).fetchall()
        drop = [rid for rid, busy in gone if not busy]
        keep = [rid for rid, busy in gone if busy]
        if drop:
            raw.execute(f"DELETE FROM {table} WHERE id IN {_IDS}", (_j(drop),))
        if keep:
            raw.execute(f"UPDATE {table} SET attention = ? WHERE id IN {_IDS}",
                        (_j(NOT_ON_SERVER), _j(keep)))
        if entity == "case":
            out.cases |= {rid for rid, _ in gone}
        out.kept.extend(keep)
        out.deleted += len(drop)


# -- push results ------------------------------------------------------------------------------

def acknowledged(raw: Any, kind: str, entity_id: str, result: Mapping[str, Any]) -> None:
    """An applied op: a record created is now the server's (version 1)."""
    if kind in ("targeting.create", "consultation.create") and result.get("version"):
        table = KIND_TABLE[kind]
        raw.execute(f"UPDATE {table} SET version = max(version, ?), attention = NULL "
                    "WHERE id = ?", (int(result["version"]), entity_id))


def rejected(raw: Any, kind: str, seq: int, entity_id: str, payload: Mapping[str, Any],
             reason: Mapping[str, Any]) -> None:
    """A rejected op (it stays in needs-attention with its payload): undo it locally."""
    if kind == "case.event":
        raw.execute("DELETE FROM case_events WHERE id = ?", (payload["event"]["id"],))
        refold_case(raw, entity_id)
    elif kind == "material.mark":
        _undo_mark(raw, entity_id)
    elif kind == "enterprise.edit":
        # the edit's fields go back to the server's values with the edits still pending on
        # top; other fields (an edit applied meanwhile, not pulled yet) are left as they are
        row = raw.execute("SELECT profile, profile_server FROM enterprises WHERE id = ?",
                          (entity_id,)).fetchone()
        if row is not None:
            rest = [(s, k, orjson.loads(p)) for s, k, p in raw.execute(
                "SELECT seq, kind, payload FROM outbox WHERE entity_id = ? AND state IN "
                "('pending', 'parked') AND kind = 'enterprise.edit' ORDER BY seq", (entity_id,))]
            truth = profile_with_pending(row[1], rest)
            profile = orjson.loads(row[0] or "{}")
            for name in payload.get("fields") or {}:
                if name in truth:
                    profile[name] = truth[name]
                else:
                    profile.pop(name, None)
            raw.execute("UPDATE enterprises SET profile = ? WHERE id = ?",
                        (_j(profile), entity_id))
    if kind in REJECTED_ZH:
        note = {"code": f"{kind.split('.')[1]}_rejected", "seq": seq, "reason": dict(reason),
                "message_zh": REJECTED_ZH[kind]}
        raw.execute(f"UPDATE {KIND_TABLE[kind]} SET attention = ? WHERE id = ?",
                    (_j(note), entity_id))


def _undo_mark(raw: Any, line_id: str) -> None:
    """Take a refused mark off the checklist (else the missing-materials check counts it).
    A line only this desk has (version 0) is rebuilt from its marks still pending, or
    deleted; a synced line is left for the server's copy, which the server re-publishes
    when it refuses a mark (this desk keeps no copy of its own)."""
    row = raw.execute("SELECT material_id, version FROM enterprise_materials WHERE id = ?",
                      (line_id,)).fetchone()
    if row is None or row[1]:
        return
    rest = [orjson.loads(p) for (p,) in raw.execute(
        "SELECT payload FROM outbox WHERE entity_id = ? AND state IN ('pending', 'parked') "
        "AND kind = 'material.mark' ORDER BY seq", (line_id,))]
    if not rest:
        raw.execute("DELETE FROM enterprise_materials WHERE id = ?", (line_id,))
        return
    values: dict[str, Any] = {"received_on": None, "case_id": None, "note": None}
    for payload in rest:
        values = _mark(values, payload)
    day = values["received_on"]
    ends = expiry(dt.date.fromisoformat(day), _validity(raw).get(row[0])) if day else None
    raw.execute("UPDATE enterprise_materials SET received_on = ?, expires_on = ?, case_id = ?, "
                "note = ? WHERE id = ?", (day, ends.isoformat() if ends else None,
                                          values["case_id"], values["note"], line_id))


def recount_table(raw: Any, table: str, ids: Iterable[str] | None = None) -> None:
    """``pending`` of rows of ``table`` (all when ``ids`` is None) = their unacknowledged
    ops (pending or parked)."""
    sql = (f"UPDATE {table} SET pending = (SELECT count(*) FROM outbox o WHERE "
           f"o.entity_id = {table}.id AND o.state IN ('pending', 'parked'))")
    if ids is None:
        raw.execute(sql)
    elif ids := list(ids):
        raw.execute(sql + f" WHERE id IN {_IDS}", (_j(ids),))


def recount(raw: Any, entity_ids: Iterable[str]) -> None:
    ids = list(entity_ids)
    for table in TABLES.values():
        recount_table(raw, table, ids)
