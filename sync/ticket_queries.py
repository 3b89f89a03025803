"""Reading requests: the filtered, deadline-sorted list and one request's detail.

The list works on integer keys: a view asks for the ordered keys of its filter (cheap,
served by indexes), then fetches the rows it shows, a screenful at a time. The value
types (``RequestFilter``, ``View``, ``RequestRow`` ...) live in ``sync.list_types``,
importable without SQLAlchemy; they are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select
from sqlalchemy import text as sql_text

from core.deadlines import Schedule
from core.textsearch import PINYIN_MARKER
from core.ticket_state import fold
from core.tickets import OPEN_STATUSES, Role, allowed_events
from sync.codec import db_time
from sync.list_types import (LIST_FIELDS, ORDER_SQL, RequestDetail, RequestFilter, RequestRow,
                             Sort, View)
from sync.projection import load_events
from sync.schema import Ticket

DUE_SOON = dt.timedelta(hours=24)


# What the list shows of a row; no description, no full phone.
LIST_COLUMNS = tuple(getattr(Ticket, name) for name in LIST_FIELDS)


def _conditions(f: RequestFilter, now: dt.datetime, user: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    open_statuses = [s.value for s in OPEN_STATUSES]
    now_text = db_time(now)
    if f.view is View.OPEN:
        conds.append(Ticket.status.in_(open_statuses))
    elif f.view is View.MINE:
        conds.append(Ticket.created_by == user)
    elif f.view is View.DUE_SOON:
        conds.append(and_(Ticket.next_due >= now_text,
                          Ticket.next_due < db_time(now + DUE_SOON)))
    elif f.view is View.OVERDUE:
        conds.append(Ticket.next_due < now_text)
    elif f.view is View.SUPERVISED:
        conds.append(Ticket.supervised == 1)
    elif f.view is View.FOLLOWING:
        conds.append(Ticket.status == "following")
    elif f.view is View.CLOSED:
        conds.append(Ticket.status.not_in(open_statuses))
    for column, value in ((Ticket.town, f.town), (Ticket.unit_id, f.unit_id),
                          (Ticket.type, f.type), (Ticket.status, f.status),
                          (Ticket.channel, f.channel)):
        if value:
            conds.append(column == value)
    if f.created_from:
        conds.append(Ticket.created_at >= _day_start(f.created_from))
    if f.created_to:
        conds.append(Ticket.created_at < _day_start(f.created_to + dt.timedelta(days=1)))
    text = f.text.strip()
    if text:
        conds.append(_text_condition(text))
    return conds


def _day_start(day: dt.date) -> str:
    # the halls' day, in China Standard Time
    return db_time(dt.datetime.combine(day, dt.time(0), dt.timezone(dt.timedelta(hours=8))))


def _text_condition(text: str) -> ColumnElement[bool]:
    like = f"%{text.replace('%', '').replace('_', '')}%"
    conds = [Ticket.enterprise_name.like(like), Ticket.description.like(like),
             Ticket.topic.like(like)]
    upper = text.upper().replace(" ", "")
    if upper.replace("-", "").isalnum() and upper.isascii():
        conds += [Ticket.local_number.like(f"%{upper}%"), Ticket.number.like(f"%{upper}%"),
                  Ticket.credit_code.like(f"{upper}%"), Ticket.contact_phone.like(f"%{upper}%")]
    if text.isascii() and text.isalpha():
        # pinyin initials of the enterprise's name
        conds.append(Ticket.search.like(f"%{PINYIN_MARKER}{text.lower()}%"))
    return or_(*conds)


def _order(sort: Sort) -> list[Any]:
    return [sql_text(ORDER_SQL[sort])]


def ids_statement(conn: Connection, f: RequestFilter, now: dt.datetime,
                  user: str) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters that ``ids`` runs (benchmarks replay it raw)."""
    stmt = select(Ticket.pk).where(*_conditions(f, now, user)).order_by(*_order(f.sort))
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    names = compiled.positiontup or []
    return str(compiled), tuple(compiled.params[name] for name in names)


def ids(conn: Connection, f: RequestFilter, now: dt.datetime, user: str) -> list[int]:
    """The keys of every request the filter admits, in display order.

    Up to 100,000 keys: read off the DB-API cursor directly, which is several times
    faster than building a SQLAlchemy row per key.
    """
    sql, params = ids_statement(conn, f, now, user)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor]
    finally:
        cursor.close()


def count(conn: Connection, f: RequestFilter, now: dt.datetime, user: str) -> int:
    stmt = select(func.count()).select_from(Ticket).where(*_conditions(f, now, user))
    return int(conn.execute(stmt).scalar() or 0)


def rows(conn: Connection, pks: list[int]) -> dict[int, RequestRow]:
    """The list rows for the given keys (any order; look them up by key)."""
    out: dict[int, RequestRow] = {}
    for start in range(0, len(pks), 500):
        chunk = pks[start:start + 500]
        for r in conn.execute(select(*LIST_COLUMNS).where(Ticket.pk.in_(chunk))):
            out[r.pk] = RequestRow(*r)
    return out


def page(conn: Connection, f: RequestFilter, now: dt.datetime, user: str, offset: int = 0,
         limit: int = 50) -> list[RequestRow]:
    stmt = (select(*LIST_COLUMNS).where(*_conditions(f, now, user)).order_by(*_order(f.sort))
            .offset(offset).limit(limit))
    return [RequestRow(*r) for r in conn.execute(stmt)]


def running_clocks_due_by(conn: Connection, moment: dt.datetime) -> list[tuple[str, str, str, str]]:
    """(ticket id, display number, enterprise, clocks JSON) of every request with a running
    clock due by ``moment``: the candidates for a reminder."""
    stmt = (select(Ticket.id, func.coalesce(Ticket.number, Ticket.local_number),
                   Ticket.enterprise_name, Ticket.clocks)
            .where(Ticket.next_due.is_not(None), Ticket.next_due <= db_time(moment))
            .order_by(Ticket.next_due))
    return [tuple(r) for r in conn.execute(stmt)]  # type: ignore[misc]


def detail(conn: Connection, ticket_id: str, schedule: Schedule, role: Role) -> RequestDetail | None:
    row = conn.execute(select(Ticket).where(Ticket.id == ticket_id)).first()
    if row is None:
        return None
    header = dict(row._mapping)
    events = load_events(conn, header["pk"])
    state = fold((e for e, _ in events), schedule)
    return RequestDetail(header, events, state, allowed_events(state.status, role))


__all__ = ["DUE_SOON", "LIST_COLUMNS", "RequestDetail", "RequestFilter", "RequestRow", "Sort",
           "View", "count", "detail", "ids", "ids_statement", "page", "rows",
           "running_clocks_due_by"]
