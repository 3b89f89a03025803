"""The request list's value types: its filter, views and sorts, a row as the list shows
it, and one request's detail. No SQLAlchemy here: the window imports these at start-up
and its first page is read with plain ``sqlite3`` (``sync.startup``); the queries live in
``sync.ticket_queries``, which re-exports these names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from core.ticket_state import TicketState
from core.tickets import Event, EventType


class View(StrEnum):
    ALL = "all"
    OPEN = "open"
    MINE = "mine"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    SUPERVISED = "supervised"
    FOLLOWING = "following"
    CLOSED = "closed"


class Sort(StrEnum):
    DEADLINE = "deadline"     # nearest running deadline first, then the newest
    NEWEST = "newest"
    OLDEST = "oldest"


# The list's order per sort, as SQL over ``tickets`` (one definition for the SQLAlchemy
# queries and the start-up read; the deadline order is the covering index's).
ORDER_SQL = {
    Sort.DEADLINE: "tickets.next_due IS NULL, tickets.next_due, tickets.pk DESC",
    Sort.NEWEST: "tickets.created_at DESC, tickets.pk DESC",
    Sort.OLDEST: "tickets.created_at, tickets.pk",
}


@dataclass(frozen=True)
class RequestFilter:
    view: View = View.ALL
    text: str = ""
    town: str | None = None
    unit_id: str | None = None
    type: str | None = None
    status: str | None = None
    channel: str | None = None
    created_from: dt.date | None = None
    created_to: dt.date | None = None     # inclusive
    sort: Sort = Sort.DEADLINE


@dataclass(frozen=True)
class RequestRow:
    """What the list shows of a request (no description, no full phone): the columns of
    ``tickets`` named by its fields, in their order (``LIST_FIELDS``)."""

    pk: int
    id: str
    number: str | None
    local_number: str
    created_at: str
    channel: str
    type: str
    topic: str
    enterprise_name: str
    contact_name: str
    contact_phone: str
    town: str
    status: str
    unit_name: str | None
    contact_due: str | None
    interim_due: str | None
    close_due: str | None
    follow_due: str | None
    supervision_due: str | None
    next_due: str | None
    clocks: str              # JSON: [[kind, started_at, due_at, provisional], ...] running
    provisional: int
    supervised: int
    pending: int

    @property
    def display_number(self) -> str:
        return self.number or self.local_number


LIST_FIELDS = tuple(f.name for f in fields(RequestRow))


@dataclass
class RequestDetail:
    header: dict[str, Any]
    events: list[tuple[Event, bool]]          # (event, pending)
    state: TicketState
    allowed: list[EventType] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.header["id"]

    @property
    def display_number(self) -> str:
        return self.header["number"] or self.header["local_number"]
