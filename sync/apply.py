"""Applying a pull page to the desk file: the server's rows, this desk's pending ops on top.

This is the hot path of the initial sync (100,000 requests with their events), so it
works on the raw DB-API connection inside the store's write transaction: a handful of
``executemany`` per page, no SQLAlchemy statement per row, each request folded exactly
once. The caller (``Desk.apply_pull_page``) holds the write transaction: the page and
its cursor commit together or not at all.

For each request in the page (``docs/protocol.md``, "Pull"):

* the server's header, number, version and events (with their ``ord``) replace ours;
* this desk's **pending** events (their outbox op not yet acknowledged; ``ord`` NULL)
  are kept and folded after the server's; one the server already has (same event id:
  the push landed but its answer was lost) is not doubled;
* pending header edits (``ticket.edit`` ops, in seq order) overwrite the server's fields;
* the projection (``sync.projection.columns(fold(...))``), the search column and
  ``pending`` (this request's unacknowledged ops) are recomputed;
* a tombstone deletes the request, unless ops for it are still pending: then it is kept
  and marked (``ticket_attention``: ``deleted_on_server``) for the clerk.

Enterprises likewise; a pending ``enterprise.upsert`` only fills fields the server's row
lacks (the server keeps fields already present).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import orjson

from core.deadlines import Schedule
from core.textsearch import index_terms
from core.ticket_state import fold
from core.tickets import Event, EventType, Role
from sync import apply_cases, meta
from sync.codec import db_time
from sync.projection import columns

ACTIVE = ("pending", "parked")           # outbox states that count as unacknowledged
HEADER = ("channel", "type", "topic", "credit_code", "enterprise_name", "contact_name",
          "contact_phone", "description", "filed_by", "town", "credit_override_note")
TICKET_COLUMNS = (
    "pk", "id", "number", "local_number", "station_id", "created_by", "created_at",
    "enterprise_id", *HEADER, "status", "unit_id", "unit_name", "contact_due",
    "interim_due", "close_due", "follow_due", "supervision_due", "next_due", "clocks",
    "provisional", "supervised", "updated_at", "version", "pending", "search")
_PROJECTION = TICKET_COLUMNS[TICKET_COLUMNS.index("status"):TICKET_COLUMNS.index("updated_at")]
EVENT_COLUMNS = ("id", "ticket_pk", "ord", "local_ord", "type", "at", "actor", "role",
                 "station", "data")
ENTERPRISE_COLUMNS = ("pk", "id", "credit_code", "name", "town", "region_code",
                      "entity_type", "profile", "updated_at", "version")


def _upsert_sql(table: str, cols: tuple[str, ...]) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in ("pk", "id"))
    return (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(pk) DO UPDATE SET {sets}")


UPSERT_TICKET = _upsert_sql("tickets", TICKET_COLUMNS)
UPSERT_ENTERPRISE = _upsert_sql("enterprises", ENTERPRISE_COLUMNS)
INSERT_EVENT = (f"INSERT INTO ticket_events ({', '.join(EVENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})")
_REQUIRED = ("channel", "type", "topic", "enterprise_name", "contact_name", "contact_phone",
             "description", "town")               # NOT NULL columns
_IDS = "(SELECT value FROM json_each(?))"
_ETYPE = {e.value: e for e in EventType}
_ROLE = {r.value: r for r in Role}

DELETED_ON_SERVER = {"code": "deleted_on_server",
                     "message": "the server deleted this request while this desk still "
                                "has changes for it",
                     "message_zh": "该诉求已在中心服务器删除，但本工作台仍有未上传的操作，请核对"}
NOT_ON_SERVER = {"code": "not_on_server",
                 "message": "the server no longer sends this request to this desk, which "
                            "still has changes for it",
                 "message_zh": "中心服务器已不再向本工作台提供该诉求，但仍有未上传的操作，请核对"}


class ApplyError(Exception):
    """A page this build cannot apply (the cursor stays where it was)."""

    def __init__(self, message: str, message_zh: str):
        super().__init__(message)
        self.message_zh = message_zh


@dataclass
class PageOutcome:
    tickets: set[str] = field(default_factory=set)        # ids written or deleted
    enterprises: set[str] = field(default_factory=set)
    deleted: int = 0
    kept: list[str] = field(default_factory=list)          # tombstoned but pending: kept
    rows: int = 0                                          # changes in the page
    # the policy-redemption entities (sync.apply_cases)
    cases: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)           # policy items touched
    profiles: set[str] = field(default_factory=set)        # enterprises whose records moved


# -- small, cached pieces ----------------------------------------------------------------

def _time(text: str) -> tuple[str, dt.datetime]:
    """A server time as the store writes it, and as a datetime."""
    moment = dt.datetime.fromisoformat(text)
    if len(text) == 32 and text.endswith("+00:00") and text[19] == ".":
        return text, moment                      # already the store's form
    return db_time(moment), moment


@lru_cache(maxsize=65536)
def _name_terms(name: str) -> tuple[str, str]:
    """(tokens of a name, its pinyin-initials tokens): ``index_terms`` split in two."""
    return index_terms(name), index_terms("", initials_of=name)


@lru_cache(maxsize=65536)
def _plain_terms(text: str) -> str:
    return index_terms(text)


def search_terms(number: str | None, local_number: str, h: Mapping[str, Any]) -> str:
    """Exactly ``sync.ticket_writes.ticket_search_terms``, with the costly parts cached
    (enterprise and contact names repeat across requests)."""
    plain = " ".join(filter(None, [number, local_number, h.get("credit_code"),
                                   h.get("contact_phone")]))
    name, contact = h.get("enterprise_name") or "", h.get("contact_name") or ""
    words, initials = _name_terms(name) if name else ("", "")
    names = " ".join(filter(None, [words, _plain_terms(contact) if contact else "", initials]))
    return f"{plain} {names}".strip()


def enterprise_terms(name: str, credit_code: str | None) -> str:
    """What ``enterprises_fts`` holds for an enterprise (as ``ticket_writes`` writes it)."""
    words, initials = _name_terms(name) if name else ("", "")
    code = index_terms(credit_code) if credit_code else ""
    return " ".join(filter(None, [words, code, initials]))


def mark(raw: Any, pks: Iterable[int], note: Mapping[str, Any]) -> None:
    """Mark requests for the clerk's attention (``ticket_attention``)."""
    now = db_time(dt.datetime.now(dt.timezone.utc))
    raw.executemany("INSERT OR REPLACE INTO ticket_attention (ticket_pk, code, note, at) "
                    "VALUES (?, ?, ?, ?)",
                    [(pk, note["code"], orjson.dumps(note).decode(), now) for pk in pks])


def _ids_json(ids: Iterable[str]) -> str:
    return orjson.dumps(list(ids)).decode()


# -- the page ------------------------------------------------------------------------------

def apply_page(raw: Any, page: Mapping[str, Any], schedule: Schedule, *,
               snapshot: bool = False) -> PageOutcome:
    """Apply one pull page and its cursor on ``raw`` (a sqlite3 connection inside the
    store's write transaction)."""
    out = PageOutcome()
    tickets: dict[str, Mapping[str, Any]] = {}
    enterprises: dict[str, Mapping[str, Any]] = {}
    policy: dict[str, dict[str, Mapping[str, Any]]] = {}
    for change in page["changes"]:
        kind = change.get("entity")
        if kind == "ticket":
            tickets[change["id"]] = change
        elif kind == "enterprise":
            enterprises[change["id"]] = change
        elif kind in apply_cases.ENTITIES:
            policy.setdefault(kind, {})[change["id"]] = change
        else:
            raise ApplyError(f"unknown entity {kind!r} in the change feed",
                             f"同步数据中有本版本不认识的类型 {kind!r}，请升级工作台")
    out.rows = len(page["changes"])
    pending = _pending_ops(raw, [*tickets, *enterprises, *(i for c in policy.values() for i in c)])
    if enterprises:
        _apply_enterprises(raw, enterprises, pending, out)
    if tickets:
        _apply_tickets(raw, tickets, pending, schedule, out)
    if policy:
        apply_cases.apply_changes(raw, policy, pending, out)
    if snapshot:
        raw.executemany("INSERT OR IGNORE INTO sync_seen (entity, id) VALUES (?, ?)",
                        [("ticket", i) for i in tickets] + [("enterprise", i) for i in enterprises]
                        + apply_cases.seen_rows(policy))
    cursor = orjson.dumps(str(page["cursor"])).decode()
    raw.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                "SET value = excluded.value", (meta.CURSOR, cursor))
    return out


def _pending_ops(raw: Any, ids: list[str]) -> dict[str, list[tuple[int, str, dict]]]:
    """The unacknowledged ops of these entities, in seq order: id -> [(seq, kind, payload)]."""
    found: dict[str, list[tuple[int, str, dict]]] = defaultdict(list)
    if not ids or raw.execute("SELECT NOT EXISTS (SELECT 1 FROM outbox WHERE state IN "
                              "('pending', 'parked'))").fetchone()[0]:
        return found
    for seq, kind, entity_id, payload in raw.execute(
            "SELECT seq, kind, entity_id, payload FROM outbox WHERE state IN ('pending', "
            f"'parked') AND entity_id IN {_IDS} ORDER BY seq", (_ids_json(ids),)):
        found[entity_id].append((seq, kind, orjson.loads(payload)))
    return found


def _existing(raw: Any, table: str, ids: Iterable[str], extra: str = "") -> dict[str, tuple]:
    return {r[0]: r[1:] for r in raw.execute(
        f"SELECT id, pk{extra} FROM {table} WHERE id IN {_IDS}", (_ids_json(ids),))}


def _next_pk(raw: Any, table: str) -> int:
    return int(raw.execute(f"SELECT coalesce(max(pk), 0) FROM {table}").fetchone()[0]) + 1


def _apply_tickets(raw: Any, changes: dict[str, Mapping[str, Any]],
                   pending: dict[str, list[tuple[int, str, dict]]], schedule: Schedule,
                   out: PageOutcome) -> None:
    has_rows = raw.execute("SELECT EXISTS (SELECT 1 FROM tickets)").fetchone()[0]
    existing = _existing(raw, "tickets", changes) if has_rows else {}
    local_events = _pending_event_rows(raw, changes, pending) if pending else {}
    next_pk = _next_pk(raw, "tickets")
    rows: list[tuple] = []
    events: list[tuple] = []
    drop: list[int] = []
    rewrite: list[int] = []                 # existing rows whose events are replaced
    for tid, change in changes.items():
        found = existing.get(tid)
        ops = pending.get(tid, ())
        if change.get("deleted") or change.get("doc") is None:
            if found is None:
                continue
            if ops:
                mark(raw, [found[0]], DELETED_ON_SERVER)
                out.kept.append(tid)
            else:
                drop.append(found[0])
                out.deleted += 1
            out.tickets.add(tid)
            continue
        if found is not None:
            pk = found[0]
            rewrite.append(pk)
        else:
            pk, next_pk = next_pk, next_pk + 1
        rows.append(_ticket_row(pk, change["doc"], ops, local_events, events, schedule))
        out.tickets.add(tid)
    if drop:
        raw.execute(f"DELETE FROM tickets WHERE pk IN {_IDS}", (orjson.dumps(drop).decode(),))
    if rewrite:
        rewritten = orjson.dumps(rewrite).decode()
        raw.execute(f"DELETE FROM ticket_events WHERE ticket_pk IN {_IDS}", (rewritten,))
        raw.execute(f"DELETE FROM ticket_attention WHERE ticket_pk IN {_IDS} AND code IN "
                    "('deleted_on_server', 'not_on_server')", (rewritten,))
    raw.executemany(UPSERT_TICKET, rows)
    raw.executemany(INSERT_EVENT, events)


def _pending_event_rows(raw: Any, changes: Mapping[str, Any],
                        pending: dict[str, list[tuple[int, str, dict]]]) -> dict[str, tuple]:
    """This desk's rows of the pending events of these requests: event id -> row."""
    ids = [p["event"]["id"] for tid in changes for _, kind, p in pending.get(tid, ())
           if kind in ("ticket.create", "ticket.event") and "event" in p]
    if not ids:
        return {}
    return {r[0]: r for r in raw.execute(
        "SELECT id, local_ord, type, at, actor, role, station, data FROM ticket_events "
        f"WHERE id IN {_IDS}", (_ids_json(ids),))}


def _event(ev: Mapping[str, Any], at: dt.datetime) -> Event:
    try:
        kind = _ETYPE[ev["type"]]
    except KeyError:
        raise ApplyError(f"unknown event type {ev['type']!r}",
                         f"同步数据中有本版本不认识的事件类型 {ev['type']!r}，请升级工作台") from None
    return Event(ev["id"], kind, at, ev.get("actor", ""), _ROLE.get(ev.get("role"), Role.CLERK),
                 ev.get("station", ""), ev.get("data") or {})


def _ticket_row(pk: int, doc: Mapping[str, Any], ops: Iterable[tuple[int, str, dict]],
                local_events: dict[str, tuple], events_out: list[tuple],
                schedule: Schedule) -> tuple:
    header = doc["header"]
    server_events = doc.get("events") or ()
    if any(server_events[i]["ord"] > server_events[i + 1]["ord"]
           for i in range(len(server_events) - 1)):
        server_events = sorted(server_events, key=lambda e: e["ord"])
    fold_events: list[Event] = []
    seen: set[str] = set()
    last_at = None
    for ev in server_events:
        at_text, at = _time(ev["at"])
        fold_events.append(_event(ev, at))
        seen.add(ev["id"])
        last_at = at_text
        events_out.append((ev["id"], pk, ev["ord"], 0, ev["type"], at_text, ev.get("actor", ""),
                           ev.get("role", "clerk"), ev.get("station", ""),
                           orjson.dumps(ev.get("data") or {}).decode()))
    fields = {k: header.get(k) for k in HEADER}
    for k in _REQUIRED:
        fields[k] = fields[k] or ""
    n_ops = 0
    for _seq, kind, payload in ops:
        n_ops += 1
        if kind == "ticket.edit":
            fields.update(payload.get("fields") or {})
        elif "event" in payload and payload["event"]["id"] not in seen:
            eid = payload["event"]["id"]
            row = local_events.get(eid)
            if row is None:          # not on this desk any more: rebuild it from the op
                ev = payload["event"]
                at_text, _ = _time(ev["at"])
                row = (eid, 1 << 40, ev["type"], at_text, ev.get("actor", ""),
                       ev.get("role", "clerk"), ev.get("station", ""),
                       orjson.dumps(ev.get("data") or {}).decode())
            _, local_ord, kind_, at_text, actor, role, station, data = row
            fold_events.append(Event(eid, _ETYPE[kind_], dt.datetime.fromisoformat(at_text),
                                     actor, _ROLE[role], station, orjson.loads(data)))
            events_out.append((eid, pk, None, local_ord, kind_, at_text, actor, role,
                               station, data))
            seen.add(eid)
    projection = columns(fold(fold_events, schedule))
    number = doc.get("number")
    created_at, _ = _time(header.get("created_at") or server_events[0]["at"])
    updated = doc.get("updated_at")
    updated_at = _time(updated)[0] if updated else (last_at or created_at)
    local_number = header.get("local_number") or number or ""
    return (pk, doc["id"], number, local_number, header.get("station_id", ""),
            header.get("created_by", ""), created_at, header.get("enterprise_id"),
            *(fields[k] for k in HEADER), *(projection[c] for c in _PROJECTION),
            updated_at, int(doc.get("version") or 0), n_ops,
            search_terms(number, local_number, fields))


def _apply_enterprises(raw: Any, changes: dict[str, Mapping[str, Any]],
                       pending: dict[str, list[tuple[int, str, dict]]], out: PageOutcome) -> None:
    existing = _existing(raw, "enterprises", changes, ", name, credit_code")
    next_pk = _next_pk(raw, "enterprises")
    rows, fts_delete, fts_insert, drop = [], [], [], []
    server_profiles: list[tuple[str, str]] = []
    for eid, change in changes.items():
        found = existing.get(eid)
        doc = change.get("doc")
        out.enterprises.add(eid)
        if change.get("deleted") or doc is None:
            if found is not None and not pending.get(eid):
                drop.append(found[0])
                fts_delete.append((found[0], enterprise_terms(found[1], found[2])))
            continue
        values = {k: doc.get(k) for k in ("credit_code", "name", "town", "region_code",
                                          "entity_type")}
        for _seq, _kind, payload in pending.get(eid, ()):
            values.update({k: v for k, v in payload.items()
                           if k in values and values[k] in (None, "")})
        pk = found[0] if found else next_pk
        if found is None:
            next_pk += 1
        terms = enterprise_terms(values["name"] or "", values["credit_code"])
        if found is not None:
            old = enterprise_terms(found[1], found[2])
            if old != terms:
                fts_delete.append((pk, old))
                fts_insert.append((pk, terms))
        else:
            fts_insert.append((pk, terms))
        updated = doc.get("updated_at")
        profile = doc.get("profile")
        profile = orjson.dumps(profile).decode() if isinstance(profile, dict) else profile
        edits = [op for op in pending.get(eid, ()) if op[1] == "enterprise.edit"]
        if profile not in (None, "{}") or edits or found is not None:   # the server's, ours on top
            server_profiles.append((profile or "{}", eid))
            if edits:
                profile = orjson.dumps(apply_cases.profile_with_pending(profile, edits)).decode()
        rows.append((pk, eid, values["credit_code"], values["name"] or "", values["town"],
                     values["region_code"], values["entity_type"],
                     profile or "{}",
                     _time(updated)[0] if updated else db_time(dt.datetime.now(dt.timezone.utc)),
                     int(doc.get("version") or 0)))
    raw.executemany("INSERT INTO enterprises_fts (enterprises_fts, rowid, terms) "
                    "VALUES ('delete', ?, ?)", fts_delete)
    if drop:
        raw.execute(f"DELETE FROM enterprises WHERE pk IN {_IDS}", (orjson.dumps(drop).decode(),))
        out.deleted += len(drop)
    raw.executemany(UPSERT_ENTERPRISE, rows)
    raw.executemany("INSERT INTO enterprises_fts (rowid, terms) VALUES (?, ?)", fts_insert)
    if server_profiles:
        raw.executemany("UPDATE enterprises SET profile_server = ? WHERE id = ?", server_profiles)


# -- re-snapshot ----------------------------------------------------------------------------

def begin_snapshot(raw: Any) -> None:
    """Pull from the start again: forget what an earlier re-snapshot had seen."""
    raw.execute("DELETE FROM sync_seen")


def finish_snapshot(raw: Any) -> PageOutcome:
    """The feed is drained: drop synced rows the server did not send (kept, and marked,
    when this desk still has ops for them). Rows never synced (version 0) stay."""
    out = PageOutcome()
    gone = raw.execute(
        "SELECT t.pk, t.id, EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = t.id AND "
        "o.state IN ('pending', 'parked')) FROM tickets t WHERE t.version >= 1 AND NOT "
        "EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = 'ticket' AND s.id = t.id)").fetchall()
    drop = [pk for pk, _, busy in gone if not busy]
    keep = [pk for pk, _, busy in gone if busy]
    if drop:
        raw.execute(f"DELETE FROM tickets WHERE pk IN {_IDS}", (orjson.dumps(drop).decode(),))
    mark(raw, keep, NOT_ON_SERVER)
    out.tickets = {tid for _, tid, _ in gone}
    out.kept = [tid for _, tid, busy in gone if busy]
    ents = raw.execute(
        "SELECT e.pk, e.id, e.name, e.credit_code FROM enterprises e WHERE e.version >= 1 "
        "AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.entity = 'enterprise' AND "
        "s.id = e.id) AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = e.id AND "
        "o.state IN ('pending', 'parked'))").fetchall()
    raw.executemany("INSERT INTO enterprises_fts (enterprises_fts, rowid, terms) VALUES "
                    "('delete', ?, ?)", [(pk, enterprise_terms(n, c)) for pk, _, n, c in ents])
    raw.executemany("DELETE FROM enterprises WHERE pk = ?", [(pk,) for pk, *_ in ents])
    out.enterprises = {eid for _, eid, *_ in ents}
    out.deleted = len(drop) + len(ents)
    apply_cases.sweep(raw, out)
    raw.execute("DELETE FROM sync_seen")
    return out
