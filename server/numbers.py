"""Human request numbers: ``2026-SQ-000123`` = the year the request was taken, the
hall prefix (the first two letters of the creating station's id) and a counter per
year and hall, assigned by the server when it first sees the request.

The year is the intake's own (Asia/Shanghai), so a request taken offline on
31 December keeps that year's number; a desk clock more than 30 days off the server's
is not trusted for it and the server's year is used instead.

The counters are taken inside the push's own transaction (``assign``), after every
check, so only an applied request gets a number; a push that fails and is retried rolls
its numbers back and takes them again, leaving no gap. A hall's counter row stays
locked until the push commits (which, the feed being written and committed in one round
trip, follows within a few statements).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from server import statements as sql

SHANGHAI = ZoneInfo("Asia/Shanghai")
TRUST_DAYS = 30


def number_year(created_at: dt.datetime, now: dt.datetime) -> int:
    moment = created_at if abs(created_at - now) <= dt.timedelta(days=TRUST_DAYS) else now
    return moment.astimezone(SHANGHAI).year


def counter_name(year: int, station_id: str) -> str:
    return f"number:{year}:{station_id[:2].upper()}"


def format_number(year: int, station_id: str, value: int) -> str:
    return f"{year}-{station_id[:2].upper()}-{value:06d}"


def assign(conn: Connection, new: Sequence[tuple[str, str]], now: dt.datetime) -> list[str]:
    """Numbers for new requests given as (station id, created_at ISO), in order. Each
    counter row is locked until commit; rows are taken in sorted order (no deadlock)."""
    keys = [(number_year(dt.datetime.fromisoformat(at), now), station) for station, at in new]
    wanted: dict[str, int] = defaultdict(int)
    for year, station in keys:
        wanted[counter_name(year, station)] += 1
    upsert = sql.counter_upsert[conn.dialect.name]
    firsts: dict[str, int] = {}
    for name in sorted(wanted):
        last = conn.execute(upsert, {"name": name, "n": wanted[name]}).scalar_one()
        firsts[name] = int(last) - wanted[name] + 1
    out = []
    for year, station in keys:
        name = counter_name(year, station)
        out.append(format_number(year, station, firsts[name]))
        firsts[name] += 1
    return out
