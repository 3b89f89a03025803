"""Central-authored reference data: the catalogue (towns, topics, units, materials, the
knowledge base, policies), the schedule (business hours and published calendars) and the
directory of accounts (who the user names in timelines are), each served with a strong
ETag so a desk fetches it only when it changed.

Both are validated with ``core`` before they are stored (``core.catalogue``,
``core.calendar.PublishedCalendar``, ``core.deadlines.BusinessHours``).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, select

from core.calendar import PublishedCalendar, WorkCalendar
from core.catalogue import Catalogue, canonical_json, read_catalogue_files
from core.deadlines import BusinessHours, HoursError, Schedule
from server import audit
from server.config import utcnow
from server.models import calendars, reference, users
from sync.codec import db_time

CATALOGUE = "catalogue"
HOURS = "hours"
SCHEDULE_TTL_SECONDS = 10.0

_lock = threading.Lock()
_index: dict[str, "CatalogueIndex"] = {}
_index_checked: dict[str, float] = {}
_schedules: dict[str, tuple[float, str, Schedule]] = {}


def quoted(etag: str) -> str:
    return f'"{etag}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of If-None-Match against our strong ETag."""
    if not if_none_match:
        return False
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == quoted(etag):
            return True
    return False


# -- catalogue --------------------------------------------------------------------------

def catalogue_blob(conn: Connection) -> tuple[str, str] | None:
    row = conn.execute(select(reference.c.etag, reference.c.body)
                       .where(reference.c.name == CATALOGUE)).first()
    return (row.etag, row.body) if row else None


def import_catalogue(conn: Connection, directory: str | Path | None = None,
                     who: str = audit.CLI_USER) -> Catalogue:
    """Validate and publish a catalogue directory (default: the packaged sample)."""
    if directory is None:
        catalogue, body = _packaged()
    else:
        catalogue = Catalogue.from_json(read_catalogue_files(directory))
        body = orjson.dumps(catalogue.to_json()).decode()
    _put(conn, CATALOGUE, catalogue.etag, body)
    audit.record(conn, utcnow(), "import-catalogue", "ok", username=who,
                 detail={"version": catalogue.version, "etag": catalogue.etag})
    return catalogue


@dataclass(frozen=True)
class CatalogueIndex:
    """What the server itself reads from the catalogue, parsed once per ETag."""

    etag: str
    towns: frozenset[str]
    topics: tuple[dict[str, Any], ...]
    units: dict[str, str]          # unit id -> name


def catalogue_index(conn: Connection, fresh: bool = False) -> CatalogueIndex | None:
    """Re-checked against the stored ETag at most every 10 seconds (``fresh``: now)."""
    key = str(conn.engine.url)
    cached = _index.get(key)
    checked = _index_checked.get(key, 0.0)
    if cached is not None and not fresh and time.monotonic() - checked < SCHEDULE_TTL_SECONDS:
        return cached
    row = conn.execute(select(reference.c.etag).where(reference.c.name == CATALOGUE)).first()
    _index_checked[key] = time.monotonic()
    if row is None:
        _index.pop(key, None)
        return None
    if cached is not None and cached.etag == row.etag:
        return cached
    blob = catalogue_blob(conn)
    assert blob is not None
    files = orjson.loads(blob[1])
    names = files.get("manifest.json", {}).get("files", {})

    def records(kind: str) -> list[dict[str, Any]]:
        return [r for r in files.get(names.get(kind, f"{kind}.json"), []) if isinstance(r, dict)]
    index = CatalogueIndex(blob[0], frozenset(t["code"] for t in records("towns")),
                           tuple(records("topics")),
                           {u["id"]: u["name"] for u in records("units")})
    with _lock:
        _index[key] = index
    return index


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[Catalogue, str]:
    """The packaged sample, validated once per process (demo seeding, tests)."""
    catalogue = Catalogue.from_json(read_catalogue_files(None))
    return catalogue, orjson.dumps(catalogue.to_json()).decode()


def known_towns(conn: Connection, fresh: bool = False) -> frozenset[str] | None:
    """The catalogue's town codes (None when no catalogue is published yet)."""
    index = catalogue_index(conn, fresh)
    return index.towns if index else None


def catalogue_units(conn: Connection) -> dict[str, str]:
    """unit id -> name, for Open311's agency_responsible."""
    index = catalogue_index(conn)
    return index.units if index else {}


def catalogue_topics(conn: Connection) -> list[dict[str, Any]]:
    index = catalogue_index(conn)
    return list(index.topics) if index else []


# -- schedule ---------------------------------------------------------------------------

def schedule_json(conn: Connection) -> dict[str, Any]:
    row = conn.execute(select(reference.c.body).where(reference.c.name == HOURS)).first()
    hours = orjson.loads(row.body) if row else BusinessHours().to_json()
    cals = [orjson.loads(r.body) for r in conn.execute(
        select(calendars.c.body).order_by(calendars.c.year))]
    return {"hours": hours, "calendars": cals}


def schedule_blob(conn: Connection) -> tuple[str, bytes]:
    data = schedule_json(conn)
    return hashlib.sha256(canonical_json(data)).hexdigest(), orjson.dumps(data)


def build_schedule(data: dict[str, Any]) -> Schedule:
    cals = [PublishedCalendar.from_json(c) for c in data["calendars"]]
    return Schedule(WorkCalendar.with_published(cals), BusinessHours.from_json(data["hours"]))


def current_schedule(conn: Connection) -> Schedule:
    """The schedule deadlines are computed on; re-read at most every 10 seconds."""
    key = str(conn.engine.url)
    cached = _schedules.get(key)
    now = time.monotonic()
    if cached is not None and now - cached[0] < SCHEDULE_TTL_SECONDS:
        return cached[2]
    etag, _ = schedule_blob(conn)
    if cached is not None and cached[1] == etag:
        schedule = cached[2]
    else:
        schedule = build_schedule(schedule_json(conn))
    with _lock:
        _schedules[key] = (now, etag, schedule)
    return schedule


def publish_calendar(conn: Connection, text: str, who: str = audit.CLI_USER) -> PublishedCalendar:
    cal = PublishedCalendar.from_json(text)
    body = orjson.dumps(cal.to_json()).decode()
    now = db_time(utcnow())
    if conn.execute(select(calendars.c.year).where(calendars.c.year == cal.year)).first():
        conn.execute(calendars.update().where(calendars.c.year == cal.year)
                     .values(body=body, published_at=now))
    else:
        conn.execute(calendars.insert().values(year=cal.year, body=body, published_at=now))
    audit.record(conn, utcnow(), "publish-calendar", "ok", username=who,
                 entity="calendar", entity_id=str(cal.year), detail={"source": cal.source})
    _schedules.clear()
    return cal


def set_hours(conn: Connection, text: str, who: str = audit.CLI_USER) -> BusinessHours:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise HoursError(f"business hours file: not valid JSON ({exc})") from None
    hours = BusinessHours.from_json(data)
    body = orjson.dumps(hours.to_json()).decode()
    _put(conn, HOURS, hashlib.sha256(body.encode()).hexdigest(), body)
    audit.record(conn, utcnow(), "set-hours", "ok", username=who, detail=hours.to_json())
    _schedules.clear()
    return hours


def _put(conn: Connection, name: str, etag: str, body: str) -> None:
    now = db_time(utcnow())
    if conn.execute(select(reference.c.name).where(reference.c.name == name)).first():
        conn.execute(reference.update().where(reference.c.name == name)
                     .values(etag=etag, body=body, updated_at=now))
    else:
        conn.execute(reference.insert().values(name=name, etag=etag, body=body, updated_at=now))


# -- directory ------------------------------------------------------------------------------

def directory_blob(conn: Connection) -> tuple[str, bytes]:
    """The accounts as timelines name them: user name, display name, role, jurisdiction.
    Disabled accounts stay listed (old timelines still name them), marked inactive.
    Administrators are left out (they record no casework, and their sign-in names are
    not every clerk's business); nothing else about an account leaves the server."""
    rows = conn.execute(select(users.c.username, users.c.display, users.c.role, users.c.town,
                               users.c.disabled).where(users.c.role != "admin")
                        .order_by(users.c.username)).all()
    data = {"users": [{"username": r.username, "display": r.display, "role": r.role,
                       "town": r.town, "active": not r.disabled} for r in rows]}
    return hashlib.sha256(canonical_json(data)).hexdigest(), orjson.dumps(data)
