"""Local writes to requests. Each runs inside the caller's single transaction: the domain
rows and the matching outbox ops commit together or not at all."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from core.deadlines import Schedule
from core.ids import new_id
from core.intake import Intake, validate_edit
from core.textsearch import index_terms
from core.ticket_state import TicketState
from core.tickets import (Event, EventType, check_event_time, check_transition,
                          validate_event_data)
from core.tickets import Status
from core.validation import ValidationError
from sync import meta, outbox, projection
from sync.codec import db_time, dumps
from sync.identity import Actor, Station
from sync.schema import Enterprise, Ticket, TicketEvent

# The enterprise's id is derived from its credit code, so two desks that meet the same
# enterprise offline give it the same id.
ENTERPRISE_NS = uuid.UUID("6f1d7c1e-5b2a-4d55-9a59-2f1b4c0e8a11")


def enterprise_id_for(credit_code: str | None) -> str:
    return str(uuid.uuid5(ENTERPRISE_NS, credit_code)) if credit_code else new_id()


@dataclass(frozen=True)
class WriteContext:
    actor: Actor
    station: Station
    schedule: Schedule
    now: dt.datetime


class NotFound(LookupError):
    def __init__(self, what: str, key: str):
        super().__init__(f"{what} {key} not found")
        self.what, self.key = what, key


def _event(ctx: WriteContext, kind: EventType, data: Mapping[str, Any]) -> Event:
    return Event(new_id(), kind, ctx.now, ctx.actor.user, ctx.actor.role, ctx.station.id,
                 dict(data))


def _insert_event(conn: Connection, ticket_pk: int, event: Event) -> None:
    conn.execute(insert(TicketEvent).values(
        id=event.id, ticket_pk=ticket_pk, ord=None,
        local_ord=meta.next_counter(conn, meta.EVENT_COUNTER), type=event.type.value,
        at=db_time(event.at), actor=event.actor, role=event.role.value,
        station=event.station, data=dumps(dict(event.data))))


def ticket_search_terms(number: str | None, local_number: str, intake: Mapping[str, Any]) -> str:
    """What the request list's search box looks in (names, numbers, codes, phones)."""
    plain = " ".join(filter(None, [number, local_number, intake.get("credit_code"),
                                   intake.get("contact_phone")]))
    names = " ".join(filter(None, [intake.get("enterprise_name"), intake.get("contact_name")]))
    return f"{plain} {index_terms(names, initials_of=intake.get('enterprise_name'))}".strip()


def upsert_enterprise(conn: Connection, intake: Intake, ctx: WriteContext) -> str | None:
    """The enterprise an intake names, recorded (and queued) if it is new to this desk."""
    if not intake.credit_code:
        return None
    found = conn.execute(select(Enterprise.id, Enterprise.name)
                         .where(Enterprise.credit_code == intake.credit_code)).first()
    if found is not None:
        return found.id
    ent_id = enterprise_id_for(intake.credit_code)
    values = {"credit_code": intake.credit_code, "name": intake.enterprise_name,
              "town": intake.town, "region_code": intake.region_code,
              "entity_type": intake.entity_type}
    result = conn.execute(insert(Enterprise).values(
        id=ent_id, profile="{}", updated_at=db_time(ctx.now), version=0, **values))
    conn.exec_driver_sql("INSERT INTO enterprises_fts(rowid, terms) VALUES (?, ?)",
                         (result.inserted_primary_key[0],
                          index_terms(f"{intake.enterprise_name} {intake.credit_code}",
                                      initials_of=intake.enterprise_name)))
    outbox.append(conn, "enterprise.upsert", ent_id, values, ctx.now)
    return ent_id


def record_intake(conn: Connection, intake: Intake, ctx: WriteContext,
                  then: Sequence[tuple[EventType, Mapping[str, Any]]] = ()) -> tuple[str, int]:
    """Create a request, and optionally act on it at once (answer, dispatch ...)."""
    check_transition(None, EventType.CREATED, ctx.actor.role)
    ticket_id = new_id()
    enterprise_id = upsert_enterprise(conn, intake, ctx)
    counter = meta.next_counter(conn, meta.LOCAL_COUNTER)
    local_number = f"{ctx.station.id}-{counter:05d}"
    header = {k: v for k, v in intake.to_json().items()
              if k not in ("region_code", "entity_type")}
    created = _event(ctx, EventType.CREATED, {})
    result = conn.execute(insert(Ticket).values(
        id=ticket_id, number=None, local_number=local_number, station_id=ctx.station.id,
        created_by=ctx.actor.user, created_at=db_time(ctx.now), enterprise_id=enterprise_id,
        status=Status.RECEIVED.value, updated_at=db_time(ctx.now), version=0, pending=1,
        search=ticket_search_terms(None, local_number, header), **header))
    pk = int(result.inserted_primary_key[0])
    _insert_event(conn, pk, created)
    outbox.append(conn, "ticket.create", ticket_id, {
        "header": {**header, "local_number": local_number, "station_id": ctx.station.id,
                   "created_by": ctx.actor.user, "created_at": ctx.now.isoformat(),
                   "enterprise_id": enterprise_id},
        "event": created.to_json()}, ctx.now)
    state = projection.refresh(conn, pk, ctx.schedule)
    for kind, data in then:
        state = _append(conn, pk, ticket_id, state, kind, data, ctx)
    return ticket_id, pk


def _ticket(conn: Connection, ticket_id: str) -> Any:
    row = conn.execute(select(Ticket.pk, Ticket.status, Ticket.version, Ticket.pending)
                       .where(Ticket.id == ticket_id)).first()
    if row is None:
        raise NotFound("request", ticket_id)
    return row


def append_event(conn: Connection, ticket_id: str, kind: EventType, data: Mapping[str, Any],
                 ctx: WriteContext) -> TicketState:
    row = _ticket(conn, ticket_id)
    state = TicketState(status=Status(row.status))
    return _append(conn, row.pk, ticket_id, state, kind, data, ctx)


def _append(conn: Connection, pk: int, ticket_id: str, state: TicketState, kind: EventType,
            data: Mapping[str, Any], ctx: WriteContext) -> TicketState:
    if kind is EventType.CREATED:
        raise ValidationError("type", "a request is created by an intake, not an event")
    clean = validate_event_data(kind, data)
    check_event_time(kind, clean, ctx.now)
    check_transition(state.status, kind, ctx.actor.role)
    event = _event(ctx, kind, clean)
    _insert_event(conn, pk, event)
    outbox.append(conn, "ticket.event", ticket_id, {"event": event.to_json()}, ctx.now)
    return projection.refresh(conn, pk, ctx.schedule, {
        "updated_at": db_time(ctx.now), "pending": Ticket.pending + 1})


def edit_header(conn: Connection, ticket_id: str, fields: Mapping[str, Any],
                ctx: WriteContext) -> None:
    """Change header fields; they merge per field with other desks' edits when synced."""
    clean = validate_edit(fields)
    row = _ticket(conn, ticket_id)
    if row.status == Status.CLOSED.value:
        raise ValidationError("status", "a closed request cannot be edited; reopen it first",
                              message_zh="已结案的诉求不能修改，请先重新打开")
    current = conn.execute(select(Ticket).where(Ticket.pk == row.pk)).one()
    merged = {k: getattr(current, k) for k in ("enterprise_name", "contact_name",
                                               "contact_phone", "credit_code")}
    merged.update(clean)
    conn.execute(update(Ticket).where(Ticket.pk == row.pk).values(
        updated_at=db_time(ctx.now), pending=Ticket.pending + 1,
        search=ticket_search_terms(current.number, current.local_number, merged), **clean))
    outbox.append(conn, "ticket.edit", ticket_id, {"fields": clean}, ctx.now,
                  base_version=row.version)
