"""Pull: the change feed after a cursor, in sequence order, filtered by scope in SQL.

Each row holds its entity's current document already serialised, so a page is built by
concatenating stored text: no per-row parsing, no per-row queries. One read snapshot
(REPEATABLE READ on PostgreSQL) gives the page, the cursor and the checksum together.

- ``cursor``: the last row's seq while ``has_more``; once drained, the counter's value
  in the snapshot (every number up to it has committed: see ``server.feed``), so the
  next pull does not re-scan rows outside the desk's scope.
- ``checksum`` (drained pages only): per entity kind, the count and the sum of
  ``version * id_hash(id)`` over live rows in scope with ``version >= 1``, read from the
  running totals kept per (kind, town, station) in the same transactions as the feed.
- Tombstones are rows with ``deleted`` and no document, kept at least 90 days; a cursor
  below the purge horizon (or beyond the newest number: a cursor from another database)
  gets 410 ``cursor_expired``. Not so within a re-snapshot: a desk pulling everything
  again from 0 sends the cursors this pull's pages gave it with a leading "0" (``07``):
  they may lie below the horizon, and it needs no tombstones (what it does not see is
  dropped at the end). A re-snapshot resumed later sends its stored cursor plain (a
  tombstone of a row it saw may have been purged meanwhile); on 410 it starts again.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection

from server import statements as sql
from server.config import utcnow
from server.db import Database
from server.errors import ApiError
from server.models import ALL_TOWNS, ENTITY_ENTERPRISE, ENTITY_TICKET
from server.scope import Scope
from sync.protocol import ErrorCode

HORIZON_KEY = sql.HORIZON_KEY
MAX_CURSOR_DIGITS = 18
NEAR = 4          # a scoped pull this close to the top reads the feed's range directly


class Cursor(int):
    """A parsed ``since``; ``snapshot`` when it came with a leading "0" (a re-snapshot)."""

    snapshot = False


def parse_cursor(since: str) -> int:
    if not since.isascii() or not since.isdigit() or len(since) > MAX_CURSOR_DIGITS:
        raise ApiError(422, ErrorCode.INVALID, "since: expected a cursor from an earlier pull "
                       "(digits), or 0", "同步游标无效", field="since")
    cursor = Cursor(since)
    cursor.snapshot = since.startswith("0")
    return cursor


def expired(since: int, why: str) -> ApiError:
    return ApiError(410, ErrorCode.CURSOR_EXPIRED,
                    f"cursor {since} {why}; pull again from since=0 and keep the outbox",
                    "同步游标已过期，请重新完整同步（未上传的操作会保留）")


def checksum(conn: Connection, scope: Scope) -> dict[str, dict[str, int]]:
    """From the running totals (server/feed.py), summed per entity kind by the database:
    a few rows whatever the feed's size or the scope's."""
    out = {"tickets": {"count": 0, "sum": 0}, "enterprises": {"count": 0, "sum": 0}}
    rows = conn.execute(sql.totals_all) if scope.everything else conn.execute(
        sql.totals_in_scope, {"towns": _towns(scope), "station": scope.station_id})
    names = {ENTITY_TICKET: "tickets", ENTITY_ENTERPRISE: "enterprises"}
    for entity, count, total in rows:
        if entity in names:
            part = out[names[entity]]
            part["count"] += int(count)
            part["sum"] += int(total)
    return out


def _towns(scope: Scope) -> list[str]:
    return sorted(scope.towns | {ALL_TOWNS})


def _page_rows(conn: Connection, scope: Scope, since: int, top: int, limit: int) -> list[Any]:
    """Up to ``limit`` rows after ``since`` in the scope, in seq order. A scoped page far
    from the top is found by walking each part of the scope down its own (key, seq) index
    and merging, so the plan never depends on how many rows the filter would match."""
    if scope.everything:
        return conn.execute(sql.page_all, {"since": since, "limit": limit}).all()
    if top - since <= NEAR * limit:   # an incremental pull: one short range of the feed
        return conn.execute(sql.page_near, {"since": since, "top": top, "limit": limit,
                                            "towns": _towns(scope),
                                            "station": scope.station_id}).all()
    seqs: set[int] = set()
    for town in _towns(scope):
        seqs.update(conn.execute(sql.keys_of_town, {"town": town, "since": since,
                                                    "limit": limit}).scalars())
    seqs.update(conn.execute(sql.keys_of_station, {"station": scope.station_id,
                                                   "since": since, "limit": limit}).scalars())
    wanted = sorted(seqs)[:limit]
    if not wanted:
        return []
    return conn.execute(sql.page_of_keys[conn.dialect.name], {"seqs": wanted}).all()


def pull(db: Database, scope: Scope, since: int, limit: int,
         skip: frozenset[str] = frozenset()) -> bytes:
    """One page. ``skip``: entities the desk cannot read (an older desk schema): left out
    of the page, the cursor still moves past them."""
    with db.read() as conn:
        top, low = conn.execute(sql.feed_meta).one()
        top = int(top)
        if since and since < int(low or 0) and not getattr(since, "snapshot", False):
            raise expired(since, "is older than the tombstone horizon")
        if since > top:
            raise expired(since, "is beyond the newest change on this server")
        rows = _page_rows(conn, scope, since, top, limit + 1)
        has_more = len(rows) > limit
        rows = rows[:limit]
        cursor = rows[-1].seq if has_more else top
        check = checksum(conn, scope) if not has_more else None
    if skip:
        rows = [r for r in rows if r.entity not in skip]
    parts = [b'{"changes":[']
    first = True
    for seq, entity, id_, deleted, version, doc in rows:
        if not first:
            parts.append(b",")
        first = False
        parts.append(b'{"seq":%d,"entity":%s,"id":%s,"deleted":%s,"version":%d,"doc":%s}' % (
            seq, orjson.dumps(entity), orjson.dumps(id_), b"true" if deleted else b"false", version,
            doc.encode() if doc is not None else b"null"))
    tail = {"cursor": str(cursor), "has_more": has_more, "server_time": utcnow().isoformat(),
            "checksum": check}
    parts.append(b"]," + orjson.dumps(tail)[1:])
    return b"".join(parts)
