"""Writing the change feed: each changed entity's document, moved to a new sequence
number taken as the last step before commit.

Why the counter row and not a database sequence: ``UPDATE counters ... RETURNING``
locks the row until the transaction ends, so the writer holding numbers *a..b* commits
before the next writer can take *b+1*. Sequence order is commit order: a reader that
has seen number *c* can never later find a number below *c* appear. (A sequence would
hand out numbers at once and let a later number commit first; a puller would step over
the earlier one for good.) The lock is held only for the last statements of a write.

The feed's running checksum totals (``feed_totals``) change in the same transaction,
just before the counter, in sorted key order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, func, select

from server import statements as sql
from server.models import CHANGE_SEQ, change_feed, counters, feed_totals
from sync.codec import db_time
from sync.protocol import id_hash


@dataclass
class FeedRow:
    entity: str
    id: str
    version: int
    deleted: bool
    scope_town: str
    station_id: str | None
    doc: str | None
    old_version: int | None = None     # the live version it replaces (None: new or deleted)


def take_seqs(conn: Connection, n: int) -> int:
    """Reserve ``n`` numbers of the change sequence; returns the first. Holds the
    counter row's lock until commit (the ordering guarantee)."""
    last = conn.execute(sql.take_change_seqs, {"n": n}).scalar_one()
    return int(last) - n + 1


def _term(entity_id: str, version: int | None) -> int:
    return id_hash(entity_id) * version if version and version >= 1 else 0


def add_totals(conn: Connection, rows: list[FeedRow]) -> None:
    deltas: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        key = (r.entity, r.scope_town, r.station_id or "")
        new = 0 if r.deleted else _term(r.id, r.version)
        old = _term(r.id, r.old_version)
        deltas[key][0] += (1 if new else 0) - (1 if old else 0)
        deltas[key][1] += new - old
    values = [{"entity": k[0], "scope_town": k[1], "station_id": k[2], "count": c, "sum": s}
              for k, (c, s) in sorted(deltas.items()) if c or s]
    if not values:
        return
    stmt = sql.totals_upsert[conn.dialect.name]
    for value in values:          # one by one, in key order: concurrent writers never deadlock
        conn.execute(stmt, value)


def publish(conn: Connection, rows: list[FeedRow], now: dt.datetime) -> int | None:
    """Move ``rows`` to fresh sequence numbers (in list order). Call last before commit.
    Returns the last number taken, or None when there was nothing to publish."""
    if not rows:
        return None
    add_totals(conn, rows)
    first = take_seqs(conn, len(rows))
    changed_at = db_time(now)
    values = [{"entity": r.entity, "id": r.id, "seq": first + i, "version": r.version,
               "deleted": r.deleted, "scope_town": r.scope_town, "station_id": r.station_id,
               "id_hash": id_hash(r.id), "doc": r.doc, "changed_at": changed_at}
              for i, r in enumerate(rows)]
    conn.execute(sql.feed_upsert[conn.dialect.name], values)
    return first + len(rows) - 1


def current_seq(conn: Connection) -> int:
    return int(conn.execute(select(counters.c.value)
                            .where(counters.c.name == CHANGE_SEQ)).scalar_one())


def doc_text(doc: dict[str, Any]) -> str:
    return orjson.dumps(doc).decode()


def rebuild_totals(conn: Connection) -> int:
    """Recompute ``feed_totals`` from the feed (repair, or check with ``totals_drift``)."""
    conn.execute(feed_totals.delete())
    rows = computed_totals(conn)
    if rows:
        conn.execute(feed_totals.insert(), rows)
    return len(rows)


def computed_totals(conn: Connection) -> list[dict[str, Any]]:
    c = change_feed.c
    station = func.coalesce(c.station_id, "")
    query = (select(c.entity, c.scope_town, station.label("station_id"), func.count(),
                    func.sum(c.version * c.id_hash))
             .where(c.deleted.is_(False), c.version >= 1)
             .group_by(c.entity, c.scope_town, station))
    return [{"entity": e, "scope_town": t, "station_id": s, "count": int(n), "sum": int(total)}
            for e, t, s, n, total in conn.execute(query)]


def totals_drift(conn: Connection) -> list[str]:
    """Where the running totals differ from the feed (empty: they agree)."""
    stored = {(r.entity, r.scope_town, r.station_id): (int(r.count), int(r.sum))
              for r in conn.execute(select(feed_totals)) if r.count or r.sum}
    fresh = {(r["entity"], r["scope_town"], r["station_id"]): (r["count"], r["sum"])
             for r in computed_totals(conn)}
    return [f"{k}: stored {stored.get(k)} computed {fresh.get(k)}"
            for k in sorted(set(stored) | set(fresh)) if stored.get(k) != fresh.get(k)]
