"""Typed access to the desk file's small settings (the ``meta`` table)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from sync.codec import dumps, loads
from sync.schema import Meta

# keys
DEVICE_ID = "device_id"            # this desk file's replica id (uuid), never reused
STATION = "station"                # {"id": "SQ01", "town": "shiqi", "name": ...}
USER = "user"                      # {"name": ..., "display": ..., "role": ...}
LOCAL_COUNTER = "local_counter"    # last provisional number handed out on this station
EVENT_COUNTER = "event_counter"    # local order of recorded events
SCHEDULE = "schedule"              # {"hours": {...}, "calendars": [...]} as published
SCHEDULE_FINGERPRINT = "schedule_fingerprint"  # what the projections were computed on
SERVER = "server"                  # {"url": ...}
CURSOR = "cursor"                  # the change-feed position pulled so far
LAST_SYNCED_AT = "last_synced_at"
CLOCK_SKEW = "clock_skew_seconds"


def get(conn: Connection, key: str, default: Any = None) -> Any:
    value = conn.execute(select(Meta.value).where(Meta.key == key)).scalar()
    return default if value is None else loads(value)


def put(conn: Connection, key: str, value: Any) -> None:
    stmt = insert(Meta).values(key=key, value=dumps(value))
    conn.execute(stmt.on_conflict_do_update(index_elements=[Meta.key],
                                            set_={"value": stmt.excluded.value}))


def next_counter(conn: Connection, key: str) -> int:
    value = int(get(conn, key, 0)) + 1
    put(conn, key, value)
    return value
