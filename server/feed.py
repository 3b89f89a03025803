"""Writing the change feed: each changed entity's document, moved to a new sequence
number taken as the last step before commit.

Why the counter row and not a database sequence: ``UPDATE counters ... RETURNING``
locks the row until the transaction ends, so the writer holding numbers *a..b* commits
before the next writer can take *b+1*. Sequence order is commit order: a reader that
has seen number *c* can never later find a number below *c* appear. (A sequence would
hand out numbers at once and let a later number commit first; a puller would step over
the earlier one for good.)

Every push serialises on that row, so the time it is held bounds the push rate. On
PostgreSQL ``publish_and_commit`` therefore sends the totals, the counter, the feed rows
and ``COMMIT`` as one simple-query string: one round trip, the lock taken and released
within the server's own execution and the commit's WAL flush, never waiting for this
process's next turn at the interpreter.

The feed's running checksum totals (``feed_totals``) change in the same transaction,
just before the counter, in sorted key order (concurrent writers never deadlock).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Table, bindparam, func, select
from sqlalchemy.exc import DBAPIError

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


def _total_values(rows: list[FeedRow]) -> list[dict[str, Any]]:
    deltas: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        key = (r.entity, r.scope_town, r.station_id or "")
        new = 0 if r.deleted else _term(r.id, r.version)
        old = _term(r.id, r.old_version)
        deltas[key][0] += (1 if new else 0) - (1 if old else 0)
        deltas[key][1] += new - old
    return [{"entity": k[0], "scope_town": k[1], "station_id": k[2], "count": c, "sum": s}
            for k, (c, s) in sorted(deltas.items()) if c or s]


def add_totals(conn: Connection, rows: list[FeedRow]) -> None:
    values = _total_values(rows)
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


def _unique(rows: list[FeedRow]) -> list[FeedRow]:
    """One row per entity (its last state): a multi-row upsert may touch a key once."""
    last = {(r.entity, r.id): i for i, r in enumerate(rows)}
    return rows if len(last) == len(rows) else [r for i, r in enumerate(rows)
                                                 if last[(r.entity, r.id)] == i]


_TOTALS_SQL = (
    "INSERT INTO feed_totals (entity, scope_town, station_id, count, sum) VALUES {values} "
    "ON CONFLICT (entity, scope_town, station_id) DO UPDATE SET "
    "count = feed_totals.count + excluded.count, sum = feed_totals.sum + excluded.sum;\n")
_FEED_SQL = (
    "WITH s AS (UPDATE counters SET value = value + %(n)s WHERE name = %(counter)s "
    "RETURNING value) "
    "INSERT INTO change_feed (entity, id, seq, version, deleted, scope_town, station_id, "
    "id_hash, doc, changed_at) "
    "SELECT v.entity, v.id, s.value - %(n)s + v.ord, v.version, v.deleted, v.scope_town, "
    "v.station_id, v.id_hash, v.doc, %(changed_at)s FROM s CROSS JOIN (VALUES {values}) "
    "AS v(ord, entity, id, version, deleted, scope_town, station_id, id_hash, doc) "
    "ON CONFLICT (entity, id) DO UPDATE SET seq = excluded.seq, version = excluded.version, "
    "deleted = excluded.deleted, scope_town = excluded.scope_town, "
    "station_id = excluded.station_id, doc = excluded.doc, changed_at = excluded.changed_at;\n"
    "COMMIT")


def _insert_sql(table: Table, rows: list[dict[str, Any]], tag: str,
                params: dict[str, Any]) -> str:
    keys = list(rows[0])
    names = ", ".join(f'"{k}"' for k in keys)
    values = ", ".join("(" + ", ".join(f"%({tag}{i}_{j})s" for j in range(len(keys))) + ")"
                       for i in range(len(rows)))
    for i, row in enumerate(rows):
        params.update({f"{tag}{i}_{j}": row[k] for j, k in enumerate(keys)})
    return f'INSERT INTO "{table.name}" ({names}) VALUES {values};\n'


Update = tuple[Table, str, list[dict[str, Any]]]      # table, key column, rows (key included)


def _update_sql(table: Table, key: str, rows: list[dict[str, Any]], tag: str,
                params: dict[str, Any]) -> str:
    out = []
    for i, row in enumerate(rows):
        names = [k for k in row if k != key]
        sets = ", ".join(f'"{k}" = %({tag}{i}_{j})s' for j, k in enumerate(names))
        out.append(f'UPDATE "{table.name}" SET {sets} WHERE "{key}" = %({tag}{i}_k)s;\n')
        params.update({f"{tag}{i}_{j}": row[k] for j, k in enumerate(names)})
        params[f"{tag}{i}_k"] = row[key]
    return "".join(out)


def _execute_update(conn: Connection, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    names = [k for k in rows[0] if k != key]
    stmt = table.update().where(table.c[key] == bindparam("k_" + key)).values(
        {k: bindparam("v_" + k) for k in names})
    conn.execute(stmt, [{("k_" if k == key else "v_") + k: v for k, v in r.items()}
                        for r in rows])


def publish_and_commit(conn: Connection, rows: list[FeedRow], now: dt.datetime,
                       inserts: Sequence[tuple[Table, list[dict[str, Any]]]] = (),
                       updates: Sequence[Update] = ()) -> None:
    """``publish`` and commit the transaction, on PostgreSQL in one round trip (module
    docstring), after ``updates`` (rows changed by key) and then ``inserts``: plain rows
    (all of a table's with the same keys, no Python-side defaults) that need no answer,
    so they ride along instead of costing a round trip each. Call last: the transaction
    is over when this returns."""
    inserts = [(table, batch) for table, batch in inserts if batch]
    updates = [(table, key, batch) for table, key, batch in updates if batch]
    if conn.dialect.name != "postgresql" or not rows or any(
            set(r) != set(batch[0]) for _, batch in inserts for r in batch) or any(
            set(r) != set(batch[0]) for _, _, batch in updates for r in batch):
        for table, key, batch in updates:
            _execute_update(conn, table, key, batch)
        for table, batch in inserts:
            conn.execute(table.insert(), batch)
        publish(conn, rows, now)        # and the caller's context commits
        return
    import psycopg

    rows = _unique(rows)
    params: dict[str, Any] = {"n": len(rows), "counter": CHANGE_SEQ,
                              "changed_at": db_time(now)}
    head = "".join(_update_sql(table, key, batch, f"u{k}_", params)
                   for k, (table, key, batch) in enumerate(updates))
    head += "".join(_insert_sql(table, batch, f"i{k}_", params)
                    for k, (table, batch) in enumerate(inserts))
    totals = []
    for i, t in enumerate(_total_values(rows)):
        totals.append(f"(%(te{i})s::varchar, %(tt{i})s::varchar, %(ts{i})s::varchar, "
                      f"%(tc{i})s::bigint, %(tm{i})s::bigint)")
        params.update({f"te{i}": t["entity"], f"tt{i}": t["scope_town"],
                       f"ts{i}": t["station_id"], f"tc{i}": t["count"], f"tm{i}": t["sum"]})
    feed_values = []
    for i, r in enumerate(rows):
        feed_values.append(f"({i + 1}::bigint, %(fe{i})s::varchar, %(fi{i})s::varchar, "
                           f"%(fv{i})s::int, %(fd{i})s::boolean, %(ft{i})s::varchar, "
                           f"%(fs{i})s::varchar, %(fh{i})s::int, %(fx{i})s::text)")
        params.update({f"fe{i}": r.entity, f"fi{i}": r.id, f"fv{i}": r.version,
                       f"fd{i}": r.deleted, f"ft{i}": r.scope_town, f"fs{i}": r.station_id,
                       f"fh{i}": id_hash(r.id), f"fx{i}": r.doc})
    text = head + (_TOTALS_SQL.format(values=", ".join(totals)) if totals else "") \
        + _FEED_SQL.format(values=", ".join(feed_values))
    raw = conn.connection.dbapi_connection
    try:
        # client-side binding: the simple-query protocol, which alone takes several
        # statements (and the COMMIT) in one message
        with psycopg.ClientCursor(raw) as cur:
            cur.execute(text, params)
    except psycopg.Error as exc:    # as SQLAlchemy would raise it, for db.retrying()
        raise DBAPIError.instance(text, params, exc, psycopg.Error) from exc


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
