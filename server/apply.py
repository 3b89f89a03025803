"""Applying the new ops of one push: checked against the server's state with the rules
of ``core``, held in memory, then written in a handful of batched statements.

- ``ticket.create``: the intake rules (``core.intake.validate_intake``), a new id, the
  pushing station, a known actor whose server-side role may create; the human number is
  assigned at flush (year, hall prefix = the station id's first two letters, a counter
  per year and hall: ``2026-SQ-000123``).
- ``ticket.event``: the request exists and is in scope; the data
  (``validate_event_data``, ``check_event_time``); the transition from the server's
  current state (the fold of its events, kept in ``tickets.status``) for the role the
  server holds for the actor; the event's station is the pusher's. ``ord`` = next.
- ``ticket.edit``: ``validate_edit``; per-field merge in arrival order; a field changed
  by another device since ``base_version`` is overwritten AND recorded as a conflict.
  A rejected edit re-publishes the request's unchanged document (same version, a new
  seq), so the desk that made it pulls the server's values back.
- ``enterprise.upsert``: id = uuid5(ENTERPRISE_NS, credit code); missing fields filled,
  present ones kept.

A rejected op still consumes its seq and stores its result with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection

from core.cases import CaseEventType
from core.deadlines import Schedule
from core.ids import is_uuid
from core.intake import EDITABLE_FIELDS
from core.ticket_state import TicketState, apply as fold_one
from core.tickets import (Event, EventType, Role, Status, TransitionError, check_event_time,
                          check_transition)
from core.validation import ValidationError
from server import audit, feed, numbers
from server import statements as sql
from server.apply_cases import ENTITY_OF as POLICY_ENTITY_OF, POLICY_KINDS, PolicyOps
from server.auth import Principal
from server.models import (ALL_TOWNS, ENTITY_ENTERPRISE, ENTITY_TICKET, audit_log, conflicts,
                           devices, op_results, ticket_events, tickets as ticket_table)
from server.ops import parse_create, parse_edit, parse_enterprise, parse_event
from server.records import EnterpriseRec, Reject, TicketRec
from server.scope import Scope
from sync.codec import db_time
from sync.protocol import Op, OpKind, RejectCode

TICKET_KINDS = (OpKind.TICKET_CREATE, OpKind.TICKET_EVENT, OpKind.TICKET_EDIT)


class Account(NamedTuple):
    """An actor named by an op, as the server holds it."""

    username: str
    role: str
    disabled: bool
EVENT_TYPES = frozenset(e.value for e in EventType)
CASE_EVENT_TYPES = frozenset(e.value for e in CaseEventType)
ENTERPRISE_KEYS = sql.ENTERPRISE_KEYS


@dataclass
class Applier:
    conn: Connection
    principal: Principal
    scope: Scope
    schedule: Schedule
    towns: frozenset[str] | None
    now: dt.datetime
    tickets: dict[str, TicketRec] = field(default_factory=dict)
    enterprises: dict[str, EnterpriseRec] = field(default_factory=dict)
    actors: dict[str, Any] = field(default_factory=dict)
    used_events: set[str] = field(default_factory=set)
    results: list[dict[str, Any]] = field(default_factory=list)
    result_hashes: list[str] = field(default_factory=list)
    event_rows: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    audit_rows: list[dict[str, Any]] = field(default_factory=list)
    # requests with a rejected edit: their unchanged document goes out again, so the desk
    # that made the edit (showing it, perhaps over a pull that said why it must fail) gets
    # the server's values back on its next pull
    republish: set[str] = field(default_factory=set)
    policy: PolicyOps | None = None       # the policy-redemption ops (server.apply_cases)
    feed_rows: list[feed.FeedRow] = field(default_factory=list)   # written by flush()
    inserts: list[tuple[Any, list[dict[str, Any]]]] = field(default_factory=list)  # ditto
    updates: list[feed.Update] = field(default_factory=list)                       # ditto

    # -- loading ------------------------------------------------------------------------

    def preload(self, ops: Iterable[Op]) -> None:
        ops = list(ops)
        ticket_ids = sorted({op.entity_id for op in ops if op.kind in TICKET_KINDS})
        ent_ids = sorted({op.entity_id for op in ops
                          if op.kind in (OpKind.ENTERPRISE_UPSERT, OpKind.ENTERPRISE_EDIT)})
        actors, event_ids = set(), set()
        for op in ops:
            event = op.payload.get("event")
            if isinstance(event, dict):
                if isinstance(event.get("actor"), str):
                    actors.add(event["actor"])
                if isinstance(event.get("id"), str):
                    event_ids.add(event["id"].lower())
        conn = self.conn
        if ticket_ids:
            rows = conn.execute(sql.lock_tickets, {"ids": ticket_ids}).all()
            # docs read after the locks are held (READ COMMITTED: a fresh snapshot)
            docs = dict(conn.execute(sql.ticket_docs, {"ids": [r.id for r in rows]}).all()
                        ) if rows else {}
            for r in rows:
                doc = orjson.loads(docs[r.id]) if docs.get(r.id) else {"header": {}, "events": []}
                self.tickets[r.id] = TicketRec(
                    r.id, r.number, r.town, r.station_id, Status(r.status), r.unit_id, r.version,
                    orjson.loads(r.field_meta), bool(r.deleted), doc["header"], doc["events"],
                    loaded_version=None if r.deleted else r.version)
        if ent_ids:
            for r in conn.execute(sql.lock_enterprises, {"ids": ent_ids}):
                values = {k: getattr(r, k) for k in ENTERPRISE_KEYS}
                values["profile"] = orjson.loads(r.profile)
                self.enterprises[r.id] = EnterpriseRec(r.id, values, r.version,
                                                       loaded_version=r.version)
        if actors or event_ids:          # one round trip for both
            for r in conn.execute(sql.actors_and_used_events, {"names": sorted(actors),
                                                               "events": sorted(event_ids)}):
                if r.kind == "actor":
                    self.actors[r.key] = Account(r.key, r.role, bool(r.disabled))
                else:
                    self.used_events.add(r.key)
        if any(op.kind in POLICY_KINDS for op in ops):      # after the enterprises' locks
            self.policy = PolicyOps(self)
            self.policy.preload(ops)

    # -- applying -----------------------------------------------------------------------

    def apply(self, op: Op, digest: str) -> None:
        rec_version, number = None, None
        entity = ENTITY_ENTERPRISE if op.kind is OpKind.ENTERPRISE_UPSERT else ENTITY_TICKET
        if op.kind in POLICY_KINDS:
            entity = POLICY_ENTITY_OF[op.kind]
        conflicts_out: list[dict[str, Any]] = []
        try:
            if op.kind is OpKind.TICKET_CREATE:
                self._create(op)
            elif op.kind is OpKind.TICKET_EVENT:
                self._event(op)
            elif op.kind is OpKind.TICKET_EDIT:
                conflicts_out = self._edit(op)
            elif op.kind in POLICY_KINDS:
                assert self.policy is not None
                conflicts_out = self.policy.apply(op)
            else:
                self._enterprise(op)
            reason = None
        except Reject as exc:
            reason = exc.reason
        except TransitionError as exc:
            reason = {**exc.to_json(), "field": "payload.event.type"}
        except ValidationError as exc:
            reason = {"code": RejectCode.INVALID.value, "message": exc.message,
                      "message_zh": exc.message_zh, "field": exc.field}
        hidden = reason is not None and reason["code"] in (RejectCode.OUT_OF_SCOPE,
                                                            RejectCode.EXISTS)
        if hidden:
            pass   # say nothing about a request outside the pusher's scope
        elif entity == ENTITY_TICKET and op.entity_id in self.tickets:
            rec = self.tickets[op.entity_id]
            rec_version, number = rec.version, rec.number
            if reason is not None and op.kind is OpKind.TICKET_EDIT and not rec.deleted:
                self.republish.add(rec.id)
        elif entity == ENTITY_ENTERPRISE and op.entity_id in self.enterprises:
            rec_version = self.enterprises[op.entity_id].version
        elif op.kind in POLICY_KINDS and self.policy is not None:
            rec_version = self.policy.version_of(op)
        status = "rejected" if reason else "applied"
        self.results.append({"seq": op.seq, "op_id": op.op_id, "status": status,
                             "entity_id": op.entity_id, "version": rec_version,
                             "number": number, "reason": reason, "conflicts": conflicts_out,
                             "replayed": False})
        self.result_hashes.append(digest)
        what: dict[str, Any] = {"seq": op.seq, "op_id": op.op_id, "version": rec_version}
        action = op.kind.value
        event = op.payload.get("event")
        if op.kind in (OpKind.TICKET_EVENT, OpKind.CASE_EVENT) and isinstance(event, dict):
            kind = event.get("type")
            known = EVENT_TYPES if op.kind is OpKind.TICKET_EVENT else CASE_EVENT_TYPES
            action += f":{kind}" if kind in known else ":?"
            what["actor"] = event.get("actor")
        if op.kind in (OpKind.TICKET_EDIT, OpKind.ENTERPRISE_EDIT) \
                and isinstance(op.payload.get("fields"), dict):
            what["fields"] = sorted(op.payload["fields"])[:10]
        if reason:
            what["reason"] = reason["code"]
        if conflicts_out:
            what["conflicts"] = [c["field"] for c in conflicts_out]
        self.audit_rows.append(audit.entry(
            self.now, action, status, username=self.principal.username,
            station_id=self.principal.station_id, device_id=self.principal.device_id,
            entity=entity, entity_id=op.entity_id[:64], detail=what))

    def _actor_role(self, name: str) -> Role:
        # A disabled account is still a known actor: work its holder recorded before
        # (offline, perhaps on their last day) must not be refused when it syncs. Being
        # disabled stops signing in and token refresh (server.auth), not the record.
        row = self.actors.get(name)
        if row is None:
            raise Reject(RejectCode.UNKNOWN_ACTOR, f"unknown actor {name!r}: not an account "
                         "on the server", f"经办人 {name} 不是服务器上的账号",
                         "payload.event.actor")
        return Role(row.role)

    def _own_station(self, station: str, where: str) -> None:
        if station != self.principal.station_id:
            raise Reject(RejectCode.WRONG_STATION, f"station {station!r} is not the pushing "
                         f"station {self.principal.station_id}",
                         f"窗口 {station} 与推送窗口 {self.principal.station_id} 不符", where)

    def _new_event_id(self, event_id: str) -> None:
        if event_id in self.used_events:
            raise ValidationError("payload.event.id", "this event id is already recorded",
                                  message_zh="该事件已记录过（事件编号重复）")
        self.used_events.add(event_id)

    def _create(self, op: Op) -> None:
        parsed = parse_create(op.payload)
        if not is_uuid(op.entity_id):
            raise ValidationError("entity_id", "expected a UUID", message_zh="诉求编号应为 UUID")
        if op.entity_id in self.tickets:
            raise Reject(RejectCode.EXISTS, "a request with this id already exists",
                         "该诉求已存在（编号重复）", "entity_id")
        self._own_station(parsed.header["station_id"], "payload.header.station_id")
        if self.towns is not None and parsed.intake.town not in self.towns:
            raise ValidationError("payload.header.town", f"unknown town {parsed.intake.town!r}",
                                  message_zh=f"镇街 {parsed.intake.town} 不在目录中")
        role = self._actor_role(parsed.event.actor)
        check_transition(None, EventType.CREATED, role)
        self._new_event_id(parsed.event.id)
        device = self.principal.device_id
        rec = TicketRec(op.entity_id, None, parsed.intake.town, parsed.header["station_id"],
                        None, None, 0, {f: [1, device] for f in EDITABLE_FIELDS}, False,
                        parsed.header, [], is_new=True)
        self.tickets[rec.id] = rec
        self._append(rec, parsed.event, role)

    def _ticket(self, op: Op) -> TicketRec:
        rec = self.tickets.get(op.entity_id)
        if rec is None or rec.deleted:
            raise Reject(RejectCode.UNKNOWN_REQUEST, "no such request on the server",
                         "服务器上没有该诉求", "entity_id")
        if not self.scope.sees(rec.town, rec.station_id):
            raise Reject(RejectCode.OUT_OF_SCOPE, "the request is outside this station's scope",
                         "该诉求不在本窗口的办理范围内", "entity_id")
        return rec

    def _event(self, op: Op) -> None:
        rec = self._ticket(op)
        payload = op.payload
        if set(payload) != {"event"}:
            extra = sorted(set(payload) - {"event"})
            raise ValidationError(f"payload.{extra[0]}" if extra else "payload.event",
                                  "expected exactly {\"event\": {...}}",
                                  message_zh="事件操作的内容应只包含 event")
        parsed = parse_event(payload["event"])
        role = self._actor_role(parsed.actor)
        self._own_station(parsed.station, "payload.event.station")
        try:
            check_event_time(parsed.type, parsed.data, parsed.at)
        except ValidationError as exc:
            raise ValidationError(f"payload.event.data.{exc.field}", exc.message,
                                  message_zh=exc.message_zh) from None
        check_transition(rec.status, parsed.type, role)
        self._new_event_id(parsed.id)
        self._append(rec, parsed, role)

    def _append(self, rec: TicketRec, parsed: Any, role: Role) -> None:
        state = fold_one(TicketState(status=rec.status, unit_id=rec.unit_id),
                         Event(parsed.id, parsed.type, parsed.at, parsed.actor, role,
                               parsed.station, parsed.data), self.schedule)
        rec.status, rec.unit_id = state.status, state.unit_id
        rec.version += 1
        rec.changed = True
        ord_ = len(rec.events) + 1
        rec.events.append(parsed.doc(role.value, ord_))
        self.event_rows.append({
            "id": parsed.id, "ticket_id": rec.id, "ord": ord_, "type": parsed.type.value,
            "at": db_time(parsed.at), "actor": parsed.actor, "role": role.value,
            "station": parsed.station, "data": orjson.dumps(parsed.data).decode(),
            "device_id": self.principal.device_id, "received_at": db_time(self.now)})

    def _edit(self, op: Op) -> list[dict[str, Any]]:
        rec = self._ticket(op)
        fields = parse_edit(op.payload)
        if rec.status is Status.CLOSED:
            raise Reject(RejectCode.CLOSED, "a closed request cannot be edited; reopen it first",
                         "已结案的诉求不能修改，请先重新打开", "status")
        if op.base_version > rec.version:
            raise Reject(RejectCode.BAD_BASE_VERSION, f"base_version {op.base_version} is newer "
                         f"than the server's version {rec.version}",
                         "修改所依据的版本比服务器上的还新", "base_version")
        device = self.principal.device_id
        found, changed = [], {}
        for name, new in fields.items():
            old = rec.header.get(name)
            if old == new:
                continue
            version, by = (rec.field_meta.get(name) or [1, None])[:2]
            if version > op.base_version and by != device:
                found.append({"field": name, "base_version": op.base_version,
                              "server_version": version, "kept": new, "overwritten": old})
                self.conflict_rows.append({
                    "ticket_id": rec.id, "field": name, "base_version": op.base_version,
                    "server_version": version, "kept": orjson.dumps(new).decode(),
                    "overwritten": orjson.dumps(old).decode(), "overwritten_by": by,
                    "op_id": op.op_id, "device_id": device, "username": self.principal.username,
                    "station_id": self.principal.station_id, "town": rec.town,
                    "ticket_station": rec.station_id, "at": db_time(self.now)})
            changed[name] = new
        if changed:
            rec.version += 1
            rec.changed = True
            for name, new in changed.items():
                rec.header[name] = new
                rec.field_meta[name] = [rec.version, device]
        return found

    def _enterprise(self, op: Op) -> None:
        values = parse_enterprise(op.entity_id, op.payload)
        rec = self.enterprises.get(op.entity_id)
        if rec is None:
            if not values.get("name"):
                raise ValidationError("payload.name", "required for a new enterprise",
                                      message_zh="新企业须填写企业名称")
            full = {k: values.get(k) for k in ENTERPRISE_KEYS}
            full["profile"] = values.get("profile") or {}
            self.enterprises[op.entity_id] = EnterpriseRec(op.entity_id, full, 1, True, True)
            return
        filled = False
        for key, value in values.items():
            if key == "profile":
                missing = {k: x for k, x in value.items() if k not in rec.values["profile"]}
                if missing:
                    rec.values["profile"] = {**rec.values["profile"], **missing}
                    filled = True
            elif rec.values.get(key) in (None, "") and value not in (None, ""):
                rec.values[key] = value
                filled = True
        if filled:
            rec.version += 1
            rec.changed = True

    # -- writing ------------------------------------------------------------------------

    def flush(self, last_seq: int) -> list[dict[str, Any]]:
        """Write what the ops changed; ``last_seq``: the device's sequence after them."""
        now_text = db_time(self.now)
        self._write_enterprises(now_text)
        old = [r for r in self.tickets.values() if r.changed and not r.is_new]
        new = [r for r in self.tickets.values() if r.is_new]
        if new:
            assigned = self._numbers(new)
            for rec, number in zip(new, assigned):
                rec.number = number
            for result in self.results:
                rec = self.tickets.get(result["entity_id"])
                if rec is not None and rec.is_new and result["version"] is not None:
                    result["number"] = rec.number
        policy_feed = self.policy.flush(now_text) if self.policy is not None else []
        # rows nothing reads back in this push (requests are locked, or new): written with
        # the feed's commit, the requests before their events
        self.updates = [
            (devices, "device_id", [{"device_id": self.principal.device_id,
                                     "last_seq": last_seq, "last_seen": now_text,
                                     "accept_gap": False}]),
            (ticket_table, "id", [{"id": r.id, "version": r.version, "status": r.status.value,
                                   "unit_id": r.unit_id, "type": r.header.get("type"),
                                   "topic": r.header.get("topic"),
                                   "field_meta": orjson.dumps(r.field_meta).decode(),
                                   "updated_at": now_text} for r in old])]
        self.inserts = [(ticket_table, [self._ticket_row(r, now_text) for r in new]),
                        (ticket_events, self.event_rows), (conflicts, self.conflict_rows),
                        (audit_log, self.audit_rows), (op_results, [
            {"device_id": self.principal.device_id, "seq": r["seq"], "op_id": r["op_id"],
             "op_hash": h, "result": orjson.dumps(r).decode(), "applied_at": now_text}
            for r, h in zip(self.results, self.result_hashes)])]
        self.feed_rows = self._feed_rows() + policy_feed
        return self.results

    def publish_and_commit(self) -> None:
        """The change feed (the counter row: last) and the commit; see ``server.feed``."""
        feed.publish_and_commit(self.conn, self.feed_rows, self.now, self.inserts,
                                self.updates)

    def _numbers(self, new: list[TicketRec]) -> list[str]:
        # inside the push: no transaction (and WAL flush) of their own; a retried push
        # rolls back and takes them again, so none is lost
        return numbers.assign(self.conn, [(r.header["station_id"], r.header["created_at"])
                                          for r in new], self.now)

    def _ticket_row(self, r: TicketRec, now_text: str) -> dict[str, Any]:
        h = r.header
        return {"id": r.id, "number": r.number, "town": r.town, "station_id": r.station_id,
                "created_by": h["created_by"], "created_at": db_time(
                    dt.datetime.fromisoformat(h["created_at"])),
                "enterprise_id": h.get("enterprise_id"), "channel": h["channel"],
                "type": h["type"], "topic": h["topic"], "status": r.status.value,
                "unit_id": r.unit_id, "version": r.version,
                "field_meta": orjson.dumps(r.field_meta).decode(), "deleted": False,
                "updated_at": now_text}

    def _write_enterprises(self, now_text: str) -> None:
        new = [r for r in self.enterprises.values() if r.is_new]
        old = [r for r in self.enterprises.values() if r.changed and not r.is_new]
        rows = [{**r.values, "profile": orjson.dumps(r.values["profile"]).decode(),
                 "id": r.id, "version": r.version, "deleted": False, "updated_at": now_text}
                for r in new]
        if rows:
            self.conn.execute(sql.insert_enterprises, rows)
        if old:
            self.conn.execute(
                sql.update_enterprises,
                [{"_id": r.id, "_version": r.version, "_now": now_text,
                  **{f"_{k}": r.values[k] for k in ENTERPRISE_KEYS if k != "profile"},
                  "_profile": orjson.dumps(r.values["profile"]).decode()} for r in old])

    def _feed_rows(self) -> list[feed.FeedRow]:
        rows = []
        for r in self.tickets.values():
            if r.changed:
                doc = {"id": r.id, "version": r.version, "number": r.number,
                       "updated_at": self.now.isoformat(), "header": r.header,
                       "events": r.events}
                rows.append(feed.FeedRow(ENTITY_TICKET, r.id, r.version, False, r.town,
                                         r.station_id, feed.doc_text(doc), r.loaded_version))
        again = sorted(self.republish - {r.id for r in self.tickets.values() if r.changed})
        if again:            # the stored document, as it is: same version, a new seq
            docs = dict(self.conn.execute(sql.ticket_docs, {"ids": again}).all())
            for r in (self.tickets[i] for i in again if docs.get(i)):
                rows.append(feed.FeedRow(ENTITY_TICKET, r.id, r.version, False, r.town,
                                         r.station_id, docs[r.id], r.loaded_version))
        for e in self.enterprises.values():
            if e.changed:
                doc = {"id": e.id, "version": e.version, **e.values,
                       "updated_at": self.now.isoformat()}
                rows.append(feed.FeedRow(ENTITY_ENTERPRISE, e.id, e.version, False, ALL_TOWNS,
                                         None, feed.doc_text(doc), e.loaded_version))
        return rows
