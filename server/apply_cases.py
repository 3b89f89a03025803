"""Applying the policy-redemption ops of one push (``server.apply.Applier`` hands them
here): checked against the server's state with the rules of ``core``, held in memory,
then written in a few batched statements, in the push's one transaction.

- ``case.create``: the id is ``core.cases.case_id_for(enterprise, item, batch)``; the
  enterprise exists; the item and batch are the catalogue's and belong together; the
  actor's server-side role may create; the pushing station. A case that already exists
  (another desk opened the same one offline) is **merged**: applied, no second
  ``created`` event. Its town (scope) is the enterprise's, else the station's.
- ``case.event``: the case exists and is in scope; the data (``core.cases``); the
  transition from the server's current state for the role the server holds for the
  actor; a submission inside the batch's window; ``ord`` = next.
- ``material.mark``: the freshest copy wins (a later or equal received date replaces
  the one held; an older one is applied without a change); taking back clears it. A
  refused mark re-publishes the line's unchanged document, so its desk pulls it back.
- ``targeting.create`` / ``consultation.create``: new ids; the enterprise exists; the
  item is the catalogue's; the role may (``core.policy_records``).
- ``enterprise.edit``: per-field merge in arrival order; a field changed by another
  device since ``base_version`` is overwritten AND recorded (``profile_conflicts``).

Lock order (after the Applier's requests and enterprises): cases, then checklist lines,
each sorted by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import bindparam, select

from core.cases import (CaseEvent, CaseEventType, CaseFold, CaseState, check_event_time,
                        check_submission_window, check_transition, hall_day)
from core.cases import apply as fold_one
from core.policy_records import (CONSULTATION_ROLES, MATERIAL_ROLES, ROLE_ZH, TARGETING_ROLES,
                                 WHAT_ZH)
from core.tickets import Role
from core.validation import ValidationError
from server import feed
from server import statements as sql
from server.apply_profiles import edit_profile
from server.case_records import (MATERIAL_VALUES, CaseRec, MaterialRec, case_docs,
                                 enterprise_facts, lock_cases, lock_materials, update_cases,
                                 update_materials, update_profile_meta, used_case_events)
from server.models import (ALL_TOWNS, ENTITY_CASE, ENTITY_CONSULTATION, ENTITY_ENTERPRISE,
                           ENTITY_MATERIAL, ENTITY_TARGETING, case_events, cases, change_feed,
                           consultations,
                           enterprise_materials, profile_conflicts, targeting)
from server.ops_cases import (Stamp, only_event, parse_case_create, parse_consultation,
                              parse_material_mark, parse_targeting)
from server.policy_index import PolicyIndex, policy_index
from server.records import Reject
from sync.codec import db_time
from sync.protocol import Op, OpKind, RejectCode

if TYPE_CHECKING:
    from server.apply import Applier

K = OpKind
CASE_KINDS = frozenset({K.CASE_CREATE, K.CASE_EVENT})
POLICY_KINDS = frozenset({K.ENTERPRISE_EDIT, K.CASE_CREATE, K.CASE_EVENT, K.MATERIAL_MARK,
                          K.TARGETING_CREATE, K.CONSULTATION_CREATE})
ENTITY_OF = {K.ENTERPRISE_EDIT: ENTITY_ENTERPRISE, K.CASE_CREATE: ENTITY_CASE,
             K.CASE_EVENT: ENTITY_CASE, K.MATERIAL_MARK: ENTITY_MATERIAL,
             K.TARGETING_CREATE: ENTITY_TARGETING, K.CONSULTATION_CREATE: ENTITY_CONSULTATION}
RECORD_TABLES = {K.TARGETING_CREATE: targeting, K.CONSULTATION_CREATE: consultations}


@dataclass
class PolicyOps:
    app: Applier
    index: PolicyIndex | None = None
    cases: dict[str, CaseRec] = field(default_factory=dict)
    materials: dict[str, MaterialRec] = field(default_factory=dict)
    ent_info: dict[str, Any] = field(default_factory=dict)        # id -> (town, deleted, meta)
    profile_meta: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    meta_changed: set[str] = field(default_factory=set)
    used_events: set[str] = field(default_factory=set)
    existing_records: set[str] = field(default_factory=set)
    records: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)
    record_feed: list[feed.FeedRow] = field(default_factory=list)
    event_rows: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    republish: set[str] = field(default_factory=set)       # lines whose mark was refused

    # -- loading ------------------------------------------------------------------------

    def preload(self, ops: list[Op]) -> None:
        ops = [op for op in ops if op.kind in POLICY_KINDS]
        conn = self.app.conn
        case_ids = sorted({op.entity_id for op in ops if op.kind in CASE_KINDS})
        material_ids = sorted({op.entity_id for op in ops if op.kind is K.MATERIAL_MARK})
        record_ids = sorted({op.entity_id for op in ops if op.kind in RECORD_TABLES})
        ent_ids, actors, event_ids = set(), set(), set()
        for op in ops:
            p = op.payload
            header = p.get("header")
            for where in (p, header if isinstance(header, dict) else {}):
                if isinstance(where.get("enterprise_id"), str):
                    ent_ids.add(where["enterprise_id"])
            if op.kind is K.ENTERPRISE_EDIT:
                ent_ids.add(op.entity_id)
            if isinstance(p.get("actor"), str):
                actors.add(p["actor"])
            event = p.get("event")
            if isinstance(event, dict) and isinstance(event.get("id"), str):
                event_ids.add(event["id"].lower())
        if case_ids:
            rows = conn.execute(lock_cases, {"ids": case_ids}).all()
            docs = dict(conn.execute(case_docs, {"ids": [r.id for r in rows]}).all()) \
                if rows else {}
            for r in rows:
                doc = orjson.loads(docs[r.id]) if docs.get(r.id) else {"header": {}, "events": []}
                self.cases[r.id] = CaseRec(r.id, r.town, r.station_id, CaseState(r.state),
                                           r.version, bool(r.deleted), doc["header"],
                                           doc["events"], loaded_version=None if r.deleted
                                           else r.version)
        if material_ids:
            for r in conn.execute(lock_materials, {"ids": material_ids}):
                values = {k: getattr(r, k) for k in ("enterprise_id", "material_id",
                                                     *MATERIAL_VALUES)}
                self.materials[r.id] = MaterialRec(r.id, values, r.version,
                                                   loaded_version=r.version)
        if ent_ids:
            for r in conn.execute(enterprise_facts, {"ids": sorted(ent_ids)}):
                self.ent_info[r.id] = (r.town, bool(r.deleted), r.profile_meta)
        missing = sorted(actors - set(self.app.actors))
        if missing:
            self.app.actors.update({r.username: r for r in conn.execute(sql.actors,
                                                                        {"ids": missing})})
        if event_ids:
            self.used_events = set(conn.execute(used_case_events,
                                                {"ids": sorted(event_ids)}).scalars())
        for kind, table in RECORD_TABLES.items():
            ids = [i for i in record_ids if any(o.entity_id == i and o.kind is kind for o in ops)]
            if ids:
                self.existing_records |= set(conn.execute(
                    select(table.c.id).where(table.c.id.in_(bindparam("ids", expanding=True))),
                    {"ids": ids}).scalars())
        if any(op.kind is not K.ENTERPRISE_EDIT for op in ops):
            self.index = policy_index(conn)

    # -- checks -----------------------------------------------------------------------------

    def _role(self, stamp_actor: str, allowed: frozenset[Role] | None, what: str) -> Role:
        role = self.app._actor_role(stamp_actor)
        if allowed is not None and role not in allowed:
            raise Reject(RejectCode.ROLE_NOT_ALLOWED, f"a {role.value} may not {what}",
                         f"{ROLE_ZH[role]}无权{WHAT_ZH.get(what, what)}", "payload.actor")
        return role

    def _stamped(self, stamp: Stamp, allowed: frozenset[Role], what: str) -> Role:
        role = self._role(stamp.actor, allowed, what)
        self.app._own_station(stamp.station, "payload.station")
        return role

    def _town_of(self, enterprise_id: str, where: str = "payload.enterprise_id") -> str:
        """The enterprise's town (else the pushing station's): the scope of its records."""
        rec = self.app.enterprises.get(enterprise_id)
        if rec is not None:
            town = rec.values.get("town")
        else:
            info = self.ent_info.get(enterprise_id)
            if info is None or info[1]:
                raise Reject(RejectCode.UNKNOWN_ENTERPRISE, "no such enterprise on the server",
                             "服务器上没有该企业", where)
            town = info[0]
        return town or self.app.principal.station_town

    def _item(self, item_id: str, where: str) -> None:
        if self.index is not None and item_id not in self.index.items:
            raise ValidationError(where, f"unknown item {item_id!r}",
                                  message_zh="兑现事项不在政策目录中")

    def _material(self, material_id: str, where: str) -> None:
        if self.index is not None and material_id not in self.index.materials:
            raise ValidationError(where, f"unknown material {material_id!r}",
                                  message_zh="材料不在目录中")

    def _new_event(self, event_id: str) -> None:
        if event_id in self.used_events:
            raise ValidationError("payload.event.id", "this event id is already recorded",
                                  message_zh="该事件已记录过（事件编号重复）")
        self.used_events.add(event_id)

    # -- applying ---------------------------------------------------------------------------

    def apply(self, op: Op) -> list[dict[str, Any]]:
        """Apply one op (raising ``Reject``, ``TransitionError`` or ``ValidationError``
        for the Applier to turn into a rejection); returns its conflicts."""
        if op.kind is K.ENTERPRISE_EDIT:
            return edit_profile(self, op)
        if op.kind is K.CASE_CREATE:
            self._create(op)
        elif op.kind is K.CASE_EVENT:
            self._event(op)
        elif op.kind is K.MATERIAL_MARK:
            self._mark(op)
        else:
            self._record(op)
        return []

    def version_of(self, op: Op) -> int | None:
        if op.kind in CASE_KINDS:
            rec = self.cases.get(op.entity_id)
            return rec.version if rec else None
        if op.kind is K.MATERIAL_MARK:
            rec_m = self.materials.get(op.entity_id)
            return rec_m.version if rec_m else None
        if op.kind is K.ENTERPRISE_EDIT:
            ent = self.app.enterprises.get(op.entity_id)
            return ent.version if ent else None
        return 1 if op.entity_id in self.existing_records else None

    def _create(self, op: Op) -> None:
        parsed = parse_case_create(op.entity_id, op.payload)
        h = parsed.header
        self.app._own_station(h["station_id"], "payload.header.station_id")
        role = self._role(parsed.event.actor, None, "case")
        check_transition(None, CaseEventType.CREATED, role)
        self._item(h["item_id"], "payload.header.item_id")
        if self.index is not None:
            batch = self.index.batches.get(h["batch_id"])
            if batch is None or batch[0] != h["item_id"]:
                raise ValidationError("payload.header.batch_id", "no such batch of the item",
                                      message_zh="申报批次不属于该兑现事项")
        town = self._town_of(h["enterprise_id"], "payload.header.enterprise_id")
        rec = self.cases.get(op.entity_id)
        if rec is not None:
            if rec.deleted or not self.app.scope.sees(rec.town, rec.station_id):
                raise Reject(RejectCode.EXISTS, "this case exists and is handled elsewhere",
                             "该企业在此批次的帮办案件已由其他窗口办理", "entity_id")
            return                       # the same case opened on two desks: merged
        self._new_event(parsed.event.id)
        rec = CaseRec(op.entity_id, town, h["station_id"], None, 0, False,
                      {**h, "town": town}, [], is_new=True)
        self.cases[rec.id] = rec
        self._append(rec, parsed.event, role)

    def _event(self, op: Op) -> None:
        rec = self.cases.get(op.entity_id)
        if rec is None or rec.deleted:
            raise Reject(RejectCode.UNKNOWN_CASE, "no such case on the server",
                         "服务器上没有该帮办案件", "entity_id")
        if not self.app.scope.sees(rec.town, rec.station_id):
            raise Reject(RejectCode.OUT_OF_SCOPE, "the case is outside this station's scope",
                         "该帮办案件不在本窗口的办理范围内", "entity_id")
        parsed = only_event(op.payload)
        role = self._role(parsed.actor, None, "case")
        self.app._own_station(parsed.station, "payload.event.station")
        data, kind = parsed.data, parsed.type
        try:
            check_event_time(kind, data, parsed.at)
            if kind is CaseEventType.SUBMITTED and self.index is not None:
                batch = self.index.batches.get(rec.header.get("batch_id", ""))
                if batch is not None:
                    check_submission_window(data["submitted_on"], batch[1], batch[2])
        except ValidationError as exc:
            raise ValidationError(f"payload.event.data.{exc.field}", exc.message,
                                  message_zh=exc.message_zh) from None
        check_transition(rec.state, kind, role)
        if kind in (CaseEventType.MATERIAL_RECEIVED, CaseEventType.MATERIAL_REMOVED):
            self._material(data["material_id"], "payload.event.data.material_id")
        for i, mid in enumerate(data.get("materials") or ()):
            self._material(mid, f"payload.event.data.materials[{i}]")
        self._new_event(parsed.id)
        self._append(rec, parsed, role)

    def _append(self, rec: CaseRec, parsed: Any, role: Role) -> None:
        state = fold_one(CaseFold(state=rec.state), CaseEvent(
            parsed.id, parsed.type, parsed.at, parsed.actor, role, parsed.station, parsed.data))
        rec.state = state.state
        rec.version += 1
        rec.changed = True
        ord_ = len(rec.events) + 1
        rec.events.append(parsed.doc(role.value, ord_))
        self.event_rows.append({
            "id": parsed.id, "case_id": rec.id, "ord": ord_, "type": parsed.type.value,
            "at": db_time(parsed.at), "actor": parsed.actor, "role": role.value,
            "station": parsed.station, "data": orjson.dumps(parsed.data).decode(),
            "device_id": self.app.principal.device_id, "received_at": db_time(self.app.now)})

    def _mark(self, op: Op) -> None:
        try:
            self._apply_mark(op)
        except (Reject, ValidationError):
            # the desk already shows the refused mark and keeps no copy of the server's
            # line: re-publish it unchanged (same version, a new seq) so its pull puts it back
            rec = self.materials.get(op.entity_id)
            if rec is not None and not rec.is_new:
                self.republish.add(rec.id)
            raise

    def _apply_mark(self, op: Op) -> None:
        enterprise_id, mark, stamp = parse_material_mark(op.entity_id, op.payload)
        self._stamped(stamp, MATERIAL_ROLES, "material")
        self._town_of(enterprise_id)
        self._material(mark["material_id"], "payload.material_id")
        day = mark["received_on"]
        if day and dt.date.fromisoformat(day) > hall_day(stamp.at):
            raise ValidationError("payload.received_on", "must not be after the day it is "
                                  "recorded", message_zh="收件日期不能晚于登记当天")
        values = {"enterprise_id": enterprise_id, **mark, "actor": stamp.actor,
                  "station": stamp.station, "at": db_time(stamp.at)}
        rec = self.materials.get(op.entity_id)
        if rec is None:
            self.materials[op.entity_id] = MaterialRec(op.entity_id, values, 1, True, True)
            return
        held = rec.values.get("received_on")
        if day is not None and held and day < held:
            return                        # an older copy than the one held: kept as is
        rec.values = values
        rec.version += 1
        rec.changed = True

    def _record(self, op: Op) -> None:
        if op.entity_id in self.existing_records:
            raise Reject(RejectCode.EXISTS, "a record with this id already exists",
                         "该记录已存在（编号重复）", "entity_id")
        if op.kind is K.TARGETING_CREATE:
            enterprise_id, data, stamp = parse_targeting(op.entity_id, op.payload)
            role = self._stamped(stamp, TARGETING_ROLES, "targeting")
        else:
            enterprise_id, data, stamp = parse_consultation(op.entity_id, op.payload)
            role = self._stamped(stamp, CONSULTATION_ROLES, "consultation")
        if data.get("item_id"):
            self._item(data["item_id"], "payload.item_id")
        town = self._town_of(enterprise_id)
        self.existing_records.add(op.entity_id)
        row = {"id": op.entity_id, "enterprise_id": enterprise_id, **data,
               "actor": stamp.actor, "role": role.value, "station": stamp.station,
               "at": db_time(stamp.at), "town": town, "device_id": self.app.principal.device_id,
               "received_at": db_time(self.app.now)}
        self.records.setdefault(op.kind, []).append(row)
        doc = {k: row[k] for k in row if k not in ("town", "device_id", "received_at")}
        doc.update(version=1, at=stamp.at.isoformat(), updated_at=self.app.now.isoformat())
        self.record_feed.append(feed.FeedRow(ENTITY_OF[op.kind], op.entity_id, 1, False, town,
                                             stamp.station, feed.doc_text(doc)))

    # -- writing ----------------------------------------------------------------------------

    def flush(self, now_text: str) -> list[feed.FeedRow]:
        """Write everything (after the Applier wrote enterprises); returns the feed rows."""
        conn = self.app.conn
        new = [r for r in self.cases.values() if r.is_new]
        if new:
            conn.execute(cases.insert(), [{
                "id": r.id, "enterprise_id": r.header["enterprise_id"],
                "item_id": r.header["item_id"], "batch_id": r.header["batch_id"],
                "town": r.town, "station_id": r.station_id, "created_by": r.header["created_by"],
                "created_at": db_time(dt.datetime.fromisoformat(r.header["created_at"])),
                "state": r.state.value if r.state else CaseState.CONSULTING.value,
                "version": r.version, "deleted": False, "updated_at": now_text} for r in new])
        old = [r for r in self.cases.values() if r.changed and not r.is_new]
        if old:
            conn.execute(update_cases, [{"_id": r.id, "_state": r.state.value if r.state else
                                         CaseState.CONSULTING.value, "_version": r.version,
                                         "_now": now_text} for r in old])
        if self.event_rows:
            conn.execute(case_events.insert(), self.event_rows)
        fresh = [r for r in self.materials.values() if r.is_new]
        if fresh:
            conn.execute(enterprise_materials.insert(), [
                {"id": r.id, **r.values, "version": r.version, "updated_at": now_text}
                for r in fresh])
        moved = [r for r in self.materials.values() if r.changed and not r.is_new]
        if moved:
            conn.execute(update_materials, [
                {"_id": r.id, "_version": r.version, "_now": now_text,
                 **{f"_{k}": r.values[k] for k in MATERIAL_VALUES}} for r in moved])
        for kind, rows in self.records.items():
            conn.execute(RECORD_TABLES[kind].insert(), rows)
        if self.meta_changed:
            conn.execute(update_profile_meta, [
                {"_id": eid, "_meta": orjson.dumps(self.profile_meta[eid]).decode()}
                for eid in sorted(self.meta_changed)])
        if self.conflict_rows:
            conn.execute(profile_conflicts.insert(), self.conflict_rows)
        return self._feed_rows()

    def _feed_rows(self) -> list[feed.FeedRow]:
        now = self.app.now.isoformat()
        rows = []
        for r in self.cases.values():
            if r.changed:
                doc = {"id": r.id, "version": r.version, "updated_at": now, "header": r.header,
                       "events": r.events}
                rows.append(feed.FeedRow(ENTITY_CASE, r.id, r.version, False, r.town,
                                         r.station_id, feed.doc_text(doc), r.loaded_version))
        for m in self.materials.values():
            if m.changed:
                doc = {"id": m.id, "version": m.version, "updated_at": now, **m.values,
                       "at": m.values["at"]}
                rows.append(feed.FeedRow(ENTITY_MATERIAL, m.id, m.version, False, ALL_TOWNS,
                                         None, feed.doc_text(doc), m.loaded_version))
        again = sorted(i for i in self.republish if not self.materials[i].changed)
        if again:            # the stored document, as it is: same version, a new seq
            docs = dict(self.app.conn.execute(select(change_feed.c.id, change_feed.c.doc).where(
                change_feed.c.entity == ENTITY_MATERIAL,
                change_feed.c.id.in_(bindparam("ids", expanding=True))), {"ids": again}).all())
            for m in (self.materials[i] for i in again if docs.get(i)):
                rows.append(feed.FeedRow(ENTITY_MATERIAL, m.id, m.version, False, ALL_TOWNS,
                                         None, docs[m.id], m.loaded_version))
        return rows + self.record_feed
