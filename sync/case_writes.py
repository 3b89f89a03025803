"""Local writes of the policy-redemption window: cases and their events, the enterprise's
materials checklist, profile edits, manual targeting, consultations, and registering an
enterprise met for the first time. Each runs inside the caller's single transaction: the
domain rows and the matching outbox ops commit together or not at all.

Ops (``docs/protocol.md``): ``case.create`` ``{header, event}``, ``case.event``
``{event}``, ``material.mark``, ``targeting.create``, ``consultation.create`` (each with
``actor``, ``station``, ``at``), ``enterprise.edit`` ``{fields, actor, station, at}``
with the enterprise's ``base_version``, and ``enterprise.upsert``.

A material received (or taken back) as a case event also marks the enterprise's
checklist: two ops, ``case.event`` then ``material.mark``, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select, update

from core.cases import (CaseEvent, CaseEventType, CaseFold, CaseState, MaterialMark, case_id_for,
                        check_event_time, check_submission_window, check_transition, checklist,
                        expiry, fold, hall_day, material_row_id, missing_materials,
                        validate_event_data)
from core.identifiers import check_credit_code
from core.ids import new_id
from core.policy_records import (CONSULTATION_ROLES, MATERIAL_ROLES, PROFILE_ROLES,
                                 TARGETING_ROLES, check_role, overlay, validate_consultation,
                                 validate_material_mark, validate_profile_edit, validate_targeting)
from core.textsearch import index_terms
from core.tickets import Role
from core.validation import ValidationError
from sync import apply_cases, meta, outbox, policy_store
from sync.codec import db_time, dumps, from_db_time, loads
from sync.schema import Case, Consultation, Enterprise, EnterpriseMaterial, Targeting, Town
from sync.schema import CaseEvent as CaseEventRow
from sync.ticket_writes import NotFound, WriteContext, enterprise_id_for



class CaseExists(ValidationError):
    """The enterprise already has a case for this item's batch (open it instead)."""

    def __init__(self, case_id: str):
        super().__init__("batch_id", "this enterprise already has a case for the batch",
                         message_zh="该企业在此申报批次已有帮办案件，请打开原案件")
        self.case_id = case_id


def _stamp(ctx: WriteContext) -> dict[str, str]:
    return {"actor": ctx.actor.user, "station": ctx.station.id, "at": ctx.now.isoformat()}


# -- enterprises -----------------------------------------------------------------------------

def enterprise_row(conn: Connection, enterprise_id: str) -> Any:
    row = conn.execute(select(Enterprise.pk, Enterprise.id, Enterprise.town, Enterprise.version,
                              Enterprise.profile).where(Enterprise.id == enterprise_id)).first()
    if row is None:
        raise NotFound("enterprise", enterprise_id)
    return row


def register_enterprise(conn: Connection, credit_code: str, name: str, town: str | None,
                        ctx: WriteContext) -> tuple[str, bool]:
    """The enterprise with this credit code: found, or recorded and queued
    (``enterprise.upsert``). Returns (id, created)."""
    result = check_credit_code(credit_code or "")
    if not result.ok:
        problem = result.problems[0]
        raise ValidationError("credit_code", problem.message_en, message_zh=problem.message_zh)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError("name", "required, at most 100 characters",
                              message_zh="企业名称为必填项（不超过100字）")
    found = conn.execute(select(Enterprise.id).where(Enterprise.credit_code == result.code)
                         ).scalar()
    if found:
        return found, False
    if town is not None and conn.execute(select(Town.code).limit(1)).first() is not None \
            and conn.execute(select(Town.code).where(Town.code == town)).first() is None:
        raise ValidationError("town", f"unknown town {town!r}",
                              message_zh="所属镇街不在目录中，请从列表中选择")
    ent_id = enterprise_id_for(result.code)
    values = {"credit_code": result.code, "name": name, "town": town,
              "region_code": result.region_code, "entity_type": result.entity_type}
    pk = conn.execute(insert(Enterprise).values(id=ent_id, profile="{}", updated_at=db_time(
        ctx.now), version=0, **values)).inserted_primary_key[0]
    conn.exec_driver_sql("INSERT INTO enterprises_fts(rowid, terms) VALUES (?, ?)",
                         (pk, index_terms(f"{name} {result.code}", initials_of=name)))
    outbox.append(conn, "enterprise.upsert", ent_id, values, ctx.now)
    return ent_id, True


def edit_profile(conn: Connection, enterprise_id: str, fields: Mapping[str, Any],
                 ctx: WriteContext) -> dict[str, Any]:
    """Set (or clear) profile fields, each a fact with its provenance; queued as
    ``enterprise.edit`` with the version this desk last saw (per-field merge)."""
    check_role(ctx.actor.role, PROFILE_ROLES, "profile")
    clean = validate_profile_edit(fields)
    row = enterprise_row(conn, enterprise_id)
    profile = overlay(loads(row.profile or "{}"), clean)
    conn.execute(update(Enterprise).where(Enterprise.pk == row.pk).values(
        profile=dumps(profile), updated_at=db_time(ctx.now)))
    outbox.append(conn, "enterprise.edit", enterprise_id, {"fields": clean, **_stamp(ctx)},
                  ctx.now, base_version=row.version)
    return profile


# -- the materials checklist -----------------------------------------------------------------

def _known_material(conn: Connection, material_id: str, field: str = "material_id") -> None:
    if policy_store.is_installed(conn) and not conn.exec_driver_sql(
            "SELECT 1 FROM cat_materials WHERE id = ?", (material_id,)).first():
        raise ValidationError(field, f"unknown material {material_id!r}",
                              message_zh="材料不在目录中，请从材料清单中选择")


def set_mark(conn: Connection, enterprise_id: str, mark: Mapping[str, Any],
             now: dt.datetime) -> bool:
    """Write a mark into ``enterprise_materials`` by the server's rule: a later (or
    equal) received date replaces the one held; taking back clears it. True if changed."""
    mid = mark["material_id"]
    held = conn.execute(select(EnterpriseMaterial.received_on).where(
        EnterpriseMaterial.enterprise_id == enterprise_id,
        EnterpriseMaterial.material_id == mid)).first()
    day = mark["received_on"]
    if held is not None and day is not None and held.received_on and day < held.received_on:
        return False
    days = policy_store.validity(conn).get(mid) if day else None
    ends = expiry(dt.date.fromisoformat(day), days) if day else None
    values = {"received_on": day, "expires_on": ends.isoformat() if ends else None,
              "case_id": mark.get("case_id"), "note": mark.get("note"),
              "updated_at": db_time(now)}
    if held is None:
        conn.execute(insert(EnterpriseMaterial).values(
            enterprise_id=enterprise_id, material_id=mid,
            id=material_row_id(enterprise_id, mid), version=0, pending=0, **values))
    else:
        conn.execute(update(EnterpriseMaterial).where(
            EnterpriseMaterial.enterprise_id == enterprise_id,
            EnterpriseMaterial.material_id == mid).values(**values))
    return True


def mark_material(conn: Connection, enterprise_id: str, data: Mapping[str, Any],
                  ctx: WriteContext) -> None:
    """A material received (``received_on``) or taken back (None, with a note)."""
    check_role(ctx.actor.role, MATERIAL_ROLES, "material")
    clean = validate_material_mark(data)
    enterprise_row(conn, enterprise_id)
    _known_material(conn, clean["material_id"])
    if clean["received_on"] and dt.date.fromisoformat(clean["received_on"]) > hall_day(ctx.now):
        raise ValidationError("received_on", "must not be after today",
                              message_zh="收件日期不能晚于今天")
    set_mark(conn, enterprise_id, clean, ctx.now)
    row_id = material_row_id(enterprise_id, clean["material_id"])
    outbox.append(conn, "material.mark", row_id, {"enterprise_id": enterprise_id, **clean,
                                                  **_stamp(ctx)}, ctx.now)
    recount(conn, "enterprise_materials", [row_id])


def marks(conn: Connection, enterprise_id: str) -> dict[str, MaterialMark]:
    """The enterprise's checklist lines, as ``core.cases.checklist`` reads them."""
    out = {}
    for r in conn.execute(select(EnterpriseMaterial).where(
            EnterpriseMaterial.enterprise_id == enterprise_id)):
        out[r.material_id] = MaterialMark(
            r.material_id, dt.date.fromisoformat(r.received_on) if r.received_on else None,
            dt.date.fromisoformat(r.expires_on) if r.expires_on else None, r.case_id, r.note)
    return out


# -- cases -----------------------------------------------------------------------------------

def case_row(conn: Connection, case_id: str) -> Any:
    """(pk, state, enterprise_id, item_id, batch_id) of a case; ``NotFound`` if none."""
    row = conn.execute(select(Case.pk, Case.state, Case.enterprise_id, Case.item_id,
                              Case.batch_id).where(Case.id == case_id)).first()
    if row is None:
        raise NotFound("case", case_id)
    return row


def _event(ctx: WriteContext, kind: CaseEventType, data: Mapping[str, Any]) -> CaseEvent:
    return CaseEvent(new_id(), kind, ctx.now, ctx.actor.user, ctx.actor.role, ctx.station.id,
                     dict(data))


def _insert_event(conn: Connection, case_pk: int, event: CaseEvent) -> None:
    conn.execute(insert(CaseEventRow).values(
        id=event.id, case_pk=case_pk, ord=None,
        local_ord=meta.next_counter(conn, meta.EVENT_COUNTER), type=event.type.value,
        at=db_time(event.at), actor=event.actor, role=event.role.value,
        station=event.station, data=dumps(dict(event.data))))


def load_events(conn: Connection, case_pk: int) -> list[tuple[CaseEvent, bool]]:
    """The timeline in fold order (the server's, then this desk's pending), each with
    True when it is still pending."""
    rows = conn.execute(select(CaseEventRow).where(CaseEventRow.case_pk == case_pk).order_by(
        CaseEventRow.ord.is_(None), CaseEventRow.ord, CaseEventRow.local_ord))
    out = []
    for r in rows:
        at = from_db_time(r.at)
        assert at is not None
        out.append((CaseEvent(r.id, CaseEventType(r.type), at, r.actor, Role(r.role), r.station,
                              loads(r.data)), r.ord is None))
    return out


def projection(state: CaseFold) -> dict[str, Any]:
    assert state.state is not None
    return {"state": state.state.value,
            "submitted_on": state.submitted_on.isoformat() if state.submitted_on else None,
            "redeemed_on": state.redeemed_on.isoformat() if state.redeemed_on else None,
            "amount_redeemed": state.amount_redeemed,
            "last_event_at": db_time(state.last_event_at) if state.last_event_at else None}


def refresh_case(conn: Connection, case_pk: int, extra: dict[str, Any] | None = None
                 ) -> CaseFold:
    """Refold one case and write its projection (plus any ``extra`` columns)."""
    case_id = conn.execute(select(Case.id).where(Case.pk == case_pk)).scalar()
    state = fold((e for e, _ in load_events(conn, case_pk)), policy_store.validity(conn),
                 case_id)
    conn.execute(update(Case).where(Case.pk == case_pk).values(**projection(state),
                                                               **(extra or {})))
    return state


def open_case(conn: Connection, enterprise_id: str, item_id: str, batch_id: str,
              ctx: WriteContext, note: str | None = None) -> str:
    """Open the enterprise's case for an item's batch (consulting)."""
    check_transition(None, CaseEventType.CREATED, ctx.actor.role)
    ent = enterprise_row(conn, enterprise_id)
    batch = policy_store.batch_of(conn, batch_id)
    if batch is None or batch.item_id != item_id:
        raise ValidationError("batch_id", f"no batch {batch_id!r} of item {item_id!r}",
                              message_zh="申报批次不属于该兑现事项，请重新选择")
    if hall_day(ctx.now).isoformat() > batch.closes:
        raise ValidationError("batch_id", f"the batch closed on {batch.closes}",
                              message_zh=f"该批次已于 {batch.closes} 截止申报")
    case_id = case_id_for(enterprise_id, item_id, batch_id)
    if conn.execute(select(Case.pk).where(Case.id == case_id)).first() is not None:
        raise CaseExists(case_id)
    data = validate_event_data(CaseEventType.CREATED, {"note": note} if note else {})
    created = _event(ctx, CaseEventType.CREATED, data)
    header = {"enterprise_id": enterprise_id, "item_id": item_id, "batch_id": batch_id,
              "station_id": ctx.station.id, "created_by": ctx.actor.user,
              "created_at": ctx.now.isoformat()}
    pk = conn.execute(insert(Case).values(
        id=case_id, **{**header, "created_at": db_time(ctx.now)}, town=ent.town,
        state=CaseState.CONSULTING.value, deadline=batch.closes, updated_at=db_time(ctx.now),
        version=0, pending=0)).inserted_primary_key[0]
    _insert_event(conn, pk, created)
    outbox.append(conn, "case.create", case_id, {"header": header, "event": created.to_json()},
                  ctx.now)
    refresh_case(conn, pk)
    recount(conn, "cases", [case_id])
    return case_id


def append_event(conn: Connection, case_id: str, kind: CaseEventType, data: Mapping[str, Any],
                 ctx: WriteContext) -> CaseFold:
    """One event on a case's timeline, checked by the state machine; a material received
    or removed also marks the enterprise's checklist."""
    if kind is CaseEventType.CREATED:
        raise ValidationError("type", "a case is created by open_case, not an event",
                              message_zh="请通过“建立帮办”创建案件")
    row = case_row(conn, case_id)
    clean = validate_event_data(kind, data)
    check_event_time(kind, clean, ctx.now)
    check_transition(CaseState(row.state), kind, ctx.actor.role)
    if kind in (CaseEventType.MATERIAL_RECEIVED, CaseEventType.MATERIAL_REMOVED):
        _known_material(conn, clean["material_id"])
    elif kind is CaseEventType.SUPPLEMENT_REQUESTED:
        for i, mid in enumerate(clean["materials"]):
            _known_material(conn, mid, f"materials[{i}]")
    elif kind is CaseEventType.SUBMITTED:
        _check_submission(conn, row, clean)
    event = _event(ctx, kind, clean)
    _insert_event(conn, row.pk, event)
    outbox.append(conn, "case.event", case_id, {"event": event.to_json()}, ctx.now)
    if kind is CaseEventType.MATERIAL_RECEIVED:
        mark_material(conn, row.enterprise_id, {
            "material_id": clean["material_id"], "received_on": clean["received_on"],
            "case_id": case_id, "note": clean.get("note")}, ctx)
    elif kind is CaseEventType.MATERIAL_REMOVED:
        mark_material(conn, row.enterprise_id, {
            "material_id": clean["material_id"], "received_on": None, "case_id": case_id,
            "note": clean["reason"]}, ctx)
    state = refresh_case(conn, row.pk, {"updated_at": db_time(ctx.now)})
    recount(conn, "cases", [case_id])
    return state


def _check_submission(conn: Connection, row: Any, data: Mapping[str, Any]) -> None:
    batch = policy_store.batch_of(conn, row.batch_id)
    if batch is not None:
        check_submission_window(data["submitted_on"], dt.date.fromisoformat(batch.opens),
                                dt.date.fromisoformat(batch.closes))
    required = policy_store.batch_materials(conn, row.batch_id)
    lines = checklist(required, marks(conn, row.enterprise_id),
                      dt.date.fromisoformat(data["submitted_on"]))
    missing = missing_materials(lines)
    if missing and not data.get("missing_note"):
        names = policy_store.materials(conn, missing)
        listed = "、".join(names[m].name if m in names else m for m in missing)
        raise ValidationError("missing_note", f"materials missing or expired: "
                              f"{', '.join(missing)}; say why it is submitted anyway",
                              message_zh=f"以下材料未收齐或已过期：{listed}；如确需先行申报，"
                                         "请填写缺件说明")


# -- targeting and consultations -------------------------------------------------------------

def _known_item(conn: Connection, item_id: str) -> None:
    if policy_store.is_installed(conn) and not conn.exec_driver_sql(
            "SELECT 1 FROM policy_items WHERE id = ?", (item_id,)).first():
        raise ValidationError("item_id", f"unknown item {item_id!r}",
                              message_zh="兑现事项不在政策目录中")


def target_item(conn: Connection, enterprise_id: str, item_id: str, reason: str,
                ctx: WriteContext) -> str:
    """Manual targeting (人工定向): push an item to an enterprise, with a reason."""
    check_role(ctx.actor.role, TARGETING_ROLES, "targeting")
    clean = validate_targeting({"item_id": item_id, "reason": reason})
    enterprise_row(conn, enterprise_id)
    _known_item(conn, clean["item_id"])
    rid = new_id()
    stamp = _stamp(ctx)
    conn.execute(insert(Targeting).values(
        id=rid, enterprise_id=enterprise_id, **clean, actor=ctx.actor.user,
        role=ctx.actor.role.value, station=ctx.station.id, at=db_time(ctx.now), version=0,
        pending=1))
    outbox.append(conn, "targeting.create", rid, {"enterprise_id": enterprise_id, **clean,
                                                  **stamp}, ctx.now)
    return rid


def record_consultation(conn: Connection, enterprise_id: str, data: Mapping[str, Any],
                        ctx: WriteContext) -> str:
    """An enterprise's question about a policy, the answer, its rating and comment."""
    check_role(ctx.actor.role, CONSULTATION_ROLES, "consultation")
    clean = validate_consultation(data)
    enterprise_row(conn, enterprise_id)
    if clean["item_id"]:
        _known_item(conn, clean["item_id"])
    rid = new_id()
    conn.execute(insert(Consultation).values(
        id=rid, enterprise_id=enterprise_id, **clean, actor=ctx.actor.user,
        role=ctx.actor.role.value, station=ctx.station.id, at=db_time(ctx.now), version=0,
        pending=1))
    outbox.append(conn, "consultation.create", rid, {"enterprise_id": enterprise_id, **clean,
                                                     **_stamp(ctx)}, ctx.now)
    return rid


def recount(conn: Connection, table: str, ids: list[str] | None = None) -> None:
    """``pending`` of rows of ``table`` = their unacknowledged ops (pending or parked)."""
    apply_cases.recount_table(conn.connection.driver_connection, table, ids)
