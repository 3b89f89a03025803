"""Response shapes the OpenAPI document describes where the endpoint writes its JSON
itself (pull pages are concatenated from stored documents; nothing validates them per
row). The wire contract proper is ``sync/protocol.py``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class Change(BaseModel):
    seq: int
    entity: Literal["ticket", "enterprise"]
    id: str
    deleted: bool
    version: int
    doc: dict[str, Any] | None   # TicketDoc or EnterpriseDoc (sync/protocol.py); null if deleted


class ChecksumPart(BaseModel):
    count: int
    sum: int


class Checksum(BaseModel):
    tickets: ChecksumPart
    enterprises: ChecksumPart


class PullPage(BaseModel):
    changes: list[Change]
    cursor: str
    has_more: bool
    server_time: str
    checksum: Checksum | None = None


class ServerTime(BaseModel):
    server_time: str
    protocol: int
    min_protocol: int


class ConflictItem(BaseModel):
    id: int
    ticket_id: str
    number: str | None
    field: str
    base_version: int
    server_version: int
    kept: Any
    overwritten: Any
    overwritten_by: str | None   # the device whose value was overwritten
    op_id: str
    device_id: str
    username: str
    station_id: str
    at: str


class ConflictList(BaseModel):
    conflicts: list[ConflictItem]
    next_after: int | None       # pass as ``after`` for the next page; null when done


class AuditItem(BaseModel):
    id: int
    at: str
    username: str | None
    station_id: str | None
    device_id: str | None
    action: str
    entity: str | None
    entity_id: str | None
    outcome: str
    detail: dict[str, Any]


class AuditList(BaseModel):
    entries: list[AuditItem]
    next_after: int | None


class TicketDoc(BaseModel):
    id: str
    version: int
    number: str | None
    updated_at: str              # the server's time of the last change (an addition)
    header: dict[str, Any]
    events: list[dict[str, Any]]


class Tombstone(BaseModel):
    id: str
    version: int
    deleted: bool


class Open311Service(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class Open311Request(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str | None
    service_notice: str | None
    requested_datetime: str | None
    updated_datetime: str | None
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    x_number: str | None
    x_type: str
    x_type_zh: str | None
    x_channel: str
    x_status: str
    x_town: str
    x_unit_id: str | None
    x_interim_due: str | None
    x_close_due: str | None
    x_supervised: bool
    x_supervision_due: str | None
    x_enterprise_name: str | None = None
