"""What the window's first paint needs from the desk file, read with plain ``sqlite3``.

Importing SQLAlchemy, the schema and the desk facade costs more than building and
showing the whole window, so the desk starts in two steps: this module reads, without
them, the station and user, the schedule, and the first page of the default view in the
list's order; the window paints that, and the real ``Desk`` opens on the desk's worker
right after (``desktop.context.OpeningDesk``).

``read`` answers only for a file that needs nothing done to it: its schema is this
build's (the guard of ``sync.store``), it has its device id, and its deadlines were
computed on this build's schedule. Anything else (a new file, a migration and its
backup, a file from a newer build, a recompute) returns None, and the caller opens the
desk as before, so those paths and their messages are unchanged.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.calendar import PublishedCalendar, WorkCalendar
from core.deadlines import BusinessHours, Schedule
from sync.codec import UTC, loads
from sync.identity import Actor, Station
from sync.list_types import LIST_FIELDS, ORDER_SQL, RequestFilter, RequestRow
from sync.store import SCHEMA_HEAD, StoreError, inspect_revision

FIRST_VIEW = RequestFilter()        # the window's list when it opens


def system_clock() -> dt.datetime:
    return dt.datetime.now(UTC)


def load_schedule(stored: Mapping[str, Any] | None) -> Schedule:
    """The schedule kept in the desk file's meta (``meta.SCHEDULE``), or the default."""
    if not stored:
        return Schedule()
    calendars = [PublishedCalendar.from_json(c) for c in stored.get("calendars", [])]
    hours = stored.get("hours")
    return Schedule(WorkCalendar.with_published(calendars),
                    BusinessHours.from_json(hours) if hours else BusinessHours())


@dataclass(frozen=True)
class Snapshot:
    """The desk file as the first paint shows it."""

    path: Path
    station: Station | None
    actor: Actor | None
    schedule: Schedule
    filter: RequestFilter                                   # the filter ``ids`` answer
    ids: list[int]                                          # its keys, in the list's order
    rows: dict[int, RequestRow]                             # the first of them, by key
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)   # code: (zh, en)


def read(path: str | Path, first: int = 100) -> Snapshot | None:
    """The snapshot of a desk file ready to open as it is, with its first ``first``
    rows; None when opening it needs more (see the module docstring)."""
    path = Path(path)
    try:
        if not path.is_file() or inspect_revision(path) != SCHEMA_HEAD:
            return None
    except StoreError:
        return None          # the real open refuses it, with its message
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")                # one read snapshot for everything below
        return _read(conn, path, first)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, path: Path, first: int) -> Snapshot | None:
    meta = {key: loads(value) for key, value in conn.execute(
        "SELECT key, value FROM meta WHERE key IN "
        "('device_id', 'station', 'user', 'schedule', 'schedule_fingerprint')")}
    schedule = load_schedule(meta.get("schedule"))
    if meta.get("device_id") is None or \
            meta.get("schedule_fingerprint") != schedule.fingerprint():
        return None          # the open writes the id, or recomputes the deadlines
    # the first view has no condition: its keys are the whole table in the list's order
    ids = [pk for (pk,) in conn.execute(
        f"SELECT tickets.pk FROM tickets ORDER BY {ORDER_SQL[FIRST_VIEW.sort]}")]
    page = ids[:first]
    rows: dict[int, RequestRow] = {}
    if page:
        columns = ", ".join(LIST_FIELDS)
        marks = ", ".join("?" * len(page))
        for values in conn.execute(
                f"SELECT {columns} FROM tickets WHERE pk IN ({marks})", page):
            row = RequestRow(*values)
            rows[row.pk] = row
    topics = {code: (zh, en) for code, zh, en in conn.execute(
        "SELECT code, zh, en FROM cat_topics")}
    station, user = meta.get("station"), meta.get("user")
    return Snapshot(path, Station.from_json(station) if station else None,
                    Actor.from_json(user) if user else None, schedule, FIRST_VIEW, ids, rows,
                    topics)
