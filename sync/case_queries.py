"""Reading the policy-redemption side of the desk file: cases (list and detail), an
enterprise (by id or credit code) and its profile, its materials checklist, targeting
and consultations, and the profiles in the desk's scope (for outreach)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from core.cases import (STATE_ZH, CaseEvent, CaseEventType, CaseFold, CaseState, ChecklistLine,
                        MaterialMark, allowed_events, checklist, fold)
from core.enterprise import ENTERPRISE_FIELDS, EnterpriseProfile, ProfileError
from core.identifiers import normalize_credit_code
from core.tickets import Role
from sync import policy_store
from sync.case_writes import load_events, marks
from sync.codec import loads


@dataclass(frozen=True)
class CaseFilter:
    enterprise_id: str | None = None
    item_id: str | None = None
    states: tuple[str, ...] = ()          # empty: any
    open_only: bool = False
    station_id: str | None = None         # the creating station
    deadline_by: dt.date | None = None    # batches closing on or before
    limit: int = 500
    offset: int = 0


@dataclass(frozen=True)
class CaseRow:
    pk: int
    id: str
    enterprise_id: str
    enterprise_name: str
    credit_code: str | None
    item_id: str
    item_title: str
    batch_id: str
    batch_name: str
    state: str
    deadline: str | None
    submitted_on: str | None
    redeemed_on: str | None
    amount_redeemed: int | None
    station_id: str
    created_by: str
    created_at: str
    updated_at: str
    last_event_at: str | None
    version: int
    pending: int
    attention: dict[str, Any] | None

    @property
    def state_zh(self) -> str:
        return STATE_ZH[CaseState(self.state)]


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    events: list[tuple[CaseEvent, bool]]      # (event, still pending), in fold order
    state: CaseFold
    checklist: list[ChecklistLine]            # the batch's materials on the day asked
    allowed: list[CaseEventType]              # what this desk's role may record now


_CASE_SQL = (
    "SELECT c.pk, c.id, c.enterprise_id, coalesce(e.name, ''), e.credit_code, c.item_id, "
    "coalesce(i.title, c.item_id), c.batch_id, coalesce(b.name, c.batch_id), c.state, "
    "c.deadline, c.submitted_on, c.redeemed_on, c.amount_redeemed, c.station_id, "
    "c.created_by, c.created_at, c.updated_at, c.last_event_at, c.version, c.pending, "
    "c.attention FROM cases c LEFT JOIN enterprises e ON e.id = c.enterprise_id "
    "LEFT JOIN policy_items i ON i.id = c.item_id LEFT JOIN policy_batches b ON "
    "b.id = c.batch_id")
_OPEN = tuple(s.value for s in (CaseState.CONSULTING, CaseState.PREPARING, CaseState.SUBMITTED,
                                CaseState.UNDER_REVIEW))


def _case_row(r: Any) -> CaseRow:
    return CaseRow(*r[:21], loads(r[21]) if r[21] else None)


def cases(conn: Connection, f: CaseFilter) -> list[CaseRow]:
    """Cases under the filter: open ones first, nearest batch deadline first, newest next."""
    where, params = [], []
    for column, value in (("c.enterprise_id", f.enterprise_id), ("c.item_id", f.item_id),
                          ("c.station_id", f.station_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    states = list(f.states) or (list(_OPEN) if f.open_only else [])
    if f.open_only and f.states:
        states = [s for s in states if s in _OPEN]
    if states or f.open_only:
        where.append("c.state IN (SELECT value FROM json_each(?))")
        params.append(_json(states))
    if f.deadline_by:
        where.append("c.deadline <= ?")
        params.append(f.deadline_by.isoformat())
    sql = (_CASE_SQL + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY c.state NOT IN ('consulting', 'preparing', 'submitted', 'under_review'),"
             " c.deadline IS NULL, c.deadline, c.pk DESC LIMIT ? OFFSET ?")
    return [_case_row(r) for r in conn.exec_driver_sql(sql, (*params, f.limit, f.offset))]


def _json(values: list[str]) -> str:
    from sync.codec import dumps
    return dumps(values)


def case(conn: Connection, case_id: str, role: Role, on: dt.date) -> CaseDetail | None:
    r = conn.exec_driver_sql(_CASE_SQL + " WHERE c.id = ?", (case_id,)).first()
    if r is None:
        return None
    row = _case_row(r)
    events = load_events(conn, row.pk)
    state = fold((e for e, _ in events), policy_store.validity(conn), case_id)
    required = policy_store.batch_materials(conn, row.batch_id)
    names = {m.id: m.name for m in policy_store.materials(conn, required).values()}
    lines = checklist(required, marks(conn, row.enterprise_id), on, names)
    return CaseDetail(row, events, state, lines, allowed_events(state.state, role))


# -- the enterprise ---------------------------------------------------------------------------

@dataclass(frozen=True)
class EnterpriseRow:
    pk: int
    id: str
    credit_code: str | None
    name: str
    town: str | None
    region_code: str | None
    entity_type: str | None
    version: int
    profile: dict[str, Any]         # the profile JSON (server's + this desk's pending edits)


def enterprise(conn: Connection, key: str) -> EnterpriseRow | None:
    """By id, or by credit code (any case, spaces ignored)."""
    sql = ("SELECT pk, id, credit_code, name, town, region_code, entity_type, version, profile "
           "FROM enterprises WHERE ")
    r = conn.exec_driver_sql(sql + "id = ?", (key,)).first()
    if r is None:
        r = conn.exec_driver_sql(sql + "credit_code = ?", (normalize_credit_code(key),)).first()
    return EnterpriseRow(*r[:8], loads(r[8] or "{}")) if r else None


def parse_profile(data: dict[str, Any]) -> EnterpriseProfile:
    """The profile, keeping every field that parses (a field written by another build
    that this one cannot read is left out rather than losing the rest)."""
    try:
        return EnterpriseProfile.from_json(data)
    except ProfileError:
        good = {}
        for name, fact in data.items():
            if name in ENTERPRISE_FIELDS:
                try:
                    EnterpriseProfile.from_json({name: fact})
                except ProfileError:
                    continue
                good[name] = fact
        return EnterpriseProfile.from_json(good)


@dataclass(frozen=True)
class ProfileRow:
    id: str
    credit_code: str | None
    name: str
    town: str | None
    profile: dict[str, Any]

    def parsed(self) -> EnterpriseProfile:
        return parse_profile(self.profile)


def profiles(conn: Connection, town: str | None, batch: int = 2000) -> Iterator[ProfileRow]:
    """Every cached enterprise (of ``town`` when given), in pk order, read in batches."""
    sql = "SELECT id, credit_code, name, town, profile FROM enterprises"
    cursor = conn.exec_driver_sql(sql + (" WHERE town = ? ORDER BY pk" if town else
                                         " ORDER BY pk"), (town,) if town else ())
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        for r in rows:
            yield ProfileRow(r[0], r[1], r[2], r[3], loads(r[4] or "{}"))


@dataclass(frozen=True)
class MaterialLine:
    material_id: str
    name: str
    received_on: str | None
    expires_on: str | None
    valid: bool                     # counts on the day asked
    case_id: str | None
    note: str | None
    pending: int


def materials_of(conn: Connection, enterprise_id: str, on: dt.date) -> list[MaterialLine]:
    """The enterprise's reusable checklist: every material it handed in (taken-back ones
    included, with ``received_on`` None), soonest expiry first."""
    out = []
    for r in conn.exec_driver_sql(
            "SELECT m.material_id, coalesce(c.name, m.material_id), m.received_on, "
            "m.expires_on, m.case_id, m.note, m.pending FROM enterprise_materials m LEFT JOIN "
            "cat_materials c ON c.id = m.material_id WHERE m.enterprise_id = ? ORDER BY "
            "m.received_on IS NULL, m.expires_on IS NULL, m.expires_on, m.material_id",
            (enterprise_id,)):
        mark = MaterialMark(r[0], dt.date.fromisoformat(r[2]) if r[2] else None,
                            dt.date.fromisoformat(r[3]) if r[3] else None)
        out.append(MaterialLine(r[0], r[1], r[2], r[3], mark.valid_on(on), r[4], r[5], r[6]))
    return out


@dataclass(frozen=True)
class TargetingRow:
    id: str
    enterprise_id: str
    item_id: str
    item_title: str
    reason: str
    actor: str
    role: str
    station: str
    at: str
    version: int
    pending: int
    attention: dict[str, Any] | None


def targeting_of(conn: Connection, enterprise_id: str | None = None,
                 item_id: str | None = None) -> list[TargetingRow]:
    where, params = _by(enterprise_id, item_id)
    return [TargetingRow(*r[:11], loads(r[11]) if r[11] else None) for r in conn.exec_driver_sql(
        "SELECT t.id, t.enterprise_id, t.item_id, coalesce(i.title, t.item_id), t.reason, "
        "t.actor, t.role, t.station, t.at, t.version, t.pending, t.attention FROM targeting t "
        f"LEFT JOIN policy_items i ON i.id = t.item_id {where} ORDER BY t.at DESC, t.pk DESC",
        params)]


@dataclass(frozen=True)
class ConsultationRow:
    id: str
    enterprise_id: str
    item_id: str | None
    item_title: str | None
    question: str
    answer: str | None
    rating: int | None
    comment: str | None
    actor: str
    role: str
    station: str
    at: str
    version: int
    pending: int
    attention: dict[str, Any] | None


def consultations_of(conn: Connection, enterprise_id: str | None = None,
                     item_id: str | None = None) -> list[ConsultationRow]:
    where, params = _by(enterprise_id, item_id)
    return [ConsultationRow(*r[:14], loads(r[14]) if r[14] else None)
            for r in conn.exec_driver_sql(
                "SELECT t.id, t.enterprise_id, t.item_id, i.title, t.question, t.answer, "
                "t.rating, t.comment, t.actor, t.role, t.station, t.at, t.version, t.pending, "
                f"t.attention FROM consultations t LEFT JOIN policy_items i ON i.id = t.item_id "
                f"{where} ORDER BY t.at DESC, t.pk DESC", params)]


def _by(enterprise_id: str | None, item_id: str | None) -> tuple[str, tuple[str, ...]]:
    where, params = [], []
    if enterprise_id:
        where.append("t.enterprise_id = ?")
        params.append(enterprise_id)
    if item_id:
        where.append("t.item_id = ?")
        params.append(item_id)
    return ("WHERE " + " AND ".join(where) if where else ""), tuple(params)
