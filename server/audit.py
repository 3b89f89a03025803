"""The audit log: every write the server makes, with who, station, device, when, what.

Rows are written in the same transaction as the write they describe, so the log never
claims a write that was rolled back, and never misses one that committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, select

from server.models import audit_log
from sync.codec import db_time

CLI_USER = "cli"   # admin commands run on the server host


def entry(now: dt.datetime, action: str, outcome: str, *, username: str | None = None,
          station_id: str | None = None, device_id: str | None = None,
          entity: str | None = None, entity_id: str | None = None,
          detail: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"at": db_time(now), "username": username, "station_id": station_id,
            "device_id": device_id, "action": action[:48], "entity": entity,
            "entity_id": entity_id, "outcome": outcome,
            "detail": orjson.dumps(detail or {}).decode()}


def record(conn: Connection, now: dt.datetime, action: str, outcome: str,
           **kw: Any) -> None:
    conn.execute(audit_log.insert().values(**entry(now, action, outcome, **kw)))


def record_many(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(audit_log.insert(), list(rows))


def read(conn: Connection, *, after: int = 0, limit: int = 200,
         entity_id: str | None = None) -> list[dict[str, Any]]:
    query = select(audit_log).where(audit_log.c.id > after).order_by(audit_log.c.id).limit(limit)
    if entity_id:
        query = query.where(audit_log.c.entity_id == entity_id)
    return [{**{str(k): v for k, v in row._mapping.items()}, "detail": orjson.loads(row.detail)}
            for row in conn.execute(query)]
