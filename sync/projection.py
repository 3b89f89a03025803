"""A ticket row's projection: its events folded, written into filterable columns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from core.deadlines import Schedule
from core.ticket_state import ClockKind, TicketState, fold
from core.tickets import Event, EventType, Role
from sync.codec import db_time, dumps, from_db_time, loads
from sync.schema import Ticket, TicketEvent

_DUE_COLUMNS = {
    ClockKind.CONTACT: "contact_due",
    ClockKind.INTERIM: "interim_due",
    ClockKind.CLOSE: "close_due",
    ClockKind.FOLLOW: "follow_due",
    ClockKind.SUPERVISION: "supervision_due",
}


def event_from_row(row: Any) -> Event:
    at = from_db_time(row.at)
    assert at is not None
    return Event(row.id, EventType(row.type), at, row.actor, Role(row.role), row.station,
                 loads(row.data))


def load_events(conn: Connection, ticket_pk: int) -> list[tuple[Event, bool]]:
    """The timeline in fold order: the server's order, then this desk's pending events.

    Each event comes with ``True`` when it is still pending (not acknowledged).
    """
    rows = conn.execute(
        select(TicketEvent).where(TicketEvent.ticket_pk == ticket_pk)
        .order_by(TicketEvent.ord.is_(None), TicketEvent.ord, TicketEvent.local_ord))
    return [(event_from_row(r), r.ord is None) for r in rows]


def columns(state: TicketState) -> dict[str, Any]:
    values: dict[str, Any] = {col: None for col in _DUE_COLUMNS.values()}
    for clock in state.running():
        column = _DUE_COLUMNS[clock.kind]
        due = db_time(clock.due_at)
        if values[column] is None or due < values[column]:
            values[column] = due
    nearest = state.next_due()
    assert state.status is not None
    values.update(
        clocks=dumps([[c.kind.value, db_time(c.started_at), db_time(c.due_at),
                       int(c.deadline.provisional)] for c in state.running()]),
        status=state.status.value,
        unit_id=state.unit_id,
        unit_name=state.unit_name,
        next_due=db_time(nearest.due_at) if nearest else None,
        provisional=int(state.provisional),
        supervised=int(state.supervised),
    )
    return values


def refresh(conn: Connection, ticket_pk: int, schedule: Schedule,
            extra: dict[str, Any] | None = None) -> TicketState:
    """Refold one ticket and write its projection (plus any ``extra`` columns)."""
    state = fold((e for e, _ in load_events(conn, ticket_pk)), schedule)
    values = columns(state)
    if extra:
        values.update(extra)
    conn.execute(update(Ticket).where(Ticket.pk == ticket_pk).values(**values))
    return state
