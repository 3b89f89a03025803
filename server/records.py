"""What a push holds in memory while it applies ops: the requests and enterprises it
touches (as loaded under their row locks, then changed), and a rejection's reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.tickets import Status


class Reject(Exception):
    def __init__(self, code: str, message: str, message_zh: str, field: str | None = None):
        super().__init__(message)
        self.reason = {"code": code, "message": message, "message_zh": message_zh,
                       "field": field}


@dataclass
class TicketRec:
    id: str
    number: str | None
    town: str
    station_id: str
    status: Status | None
    unit_id: str | None
    version: int
    field_meta: dict[str, list[Any]]
    deleted: bool
    header: dict[str, Any]
    events: list[dict[str, Any]]
    is_new: bool = False
    changed: bool = False
    loaded_version: int | None = None     # the live version before this push


@dataclass
class EnterpriseRec:
    id: str
    values: dict[str, Any]
    version: int
    is_new: bool = False
    changed: bool = False
    loaded_version: int | None = None
