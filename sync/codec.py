"""How the store writes times and JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

UTC = dt.timezone.utc


def db_time(moment: dt.datetime) -> str:
    """UTC ISO text that sorts as time: 2026-10-10T09:30:00.000000+00:00."""
    if moment.tzinfo is None:
        raise ValueError("expected a date-time with a time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)
