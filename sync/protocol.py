"""The wire contract between desks and the central API (protocol version 1).

Both sides import this module; docs/protocol.md explains it in prose. Requests and
responses are JSON, gzip-compressed when large. Every request carries the headers in
``Headers``; a desk whose protocol is too old is answered 426 and parks its outbox.

Push bodies are validated with these pydantic models (extra fields are refused). Pull
pages are large, so they are produced and read as plain JSON (orjson) in the shapes
documented here, without per-row model validation.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1        # the server answers 426 below this
API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 8 * 1024 * 1024   # after decompression
MAX_OPS_PER_PUSH = 1000
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 2000
CLOCK_SKEW_WARNING_SECONDS = 300
TOMBSTONE_DAYS = 90


class Headers:
    PROTOCOL = "X-HallDesk-Protocol"
    SCHEMA = "X-HallDesk-Schema"          # the desk file's schema revision
    DEVICE = "X-HallDesk-Device"          # the desk file's replica id
    CLIENT = "X-HallDesk-Client"          # e.g. halldesk/0.1.0
    SERVER_TIME = "X-HallDesk-Server-Time"


class OpKind(StrEnum):
    TICKET_CREATE = "ticket.create"      # payload: {"header": {...}, "event": {...created}}
    TICKET_EVENT = "ticket.event"        # payload: {"event": {...}}
    TICKET_EDIT = "ticket.edit"          # payload: {"fields": {...}}; base_version matters
    ENTERPRISE_UPSERT = "enterprise.upsert"  # payload: enterprise fields
    # the policy-redemption window (desk schema 0003; docs/protocol.md, "Cases ...")
    ENTERPRISE_EDIT = "enterprise.edit"  # payload: {"fields": {field: fact | null}, "actor",
                                         #   "station", "at"}; base_version matters
    CASE_CREATE = "case.create"          # payload: {"header": {...}, "event": {...created}}
    CASE_EVENT = "case.event"            # payload: {"event": {...}}
    MATERIAL_MARK = "material.mark"      # payload: {"enterprise_id", "material_id",
                                         #   "received_on" | null, "case_id", "note", stamp}
    TARGETING_CREATE = "targeting.create"        # payload: {"enterprise_id", "item_id",
                                                 #   "reason", "actor", "station", "at"}
    CONSULTATION_CREATE = "consultation.create"  # payload: {"enterprise_id", "item_id",
                                                 #   "question", "answer", "rating",
                                                 #   "comment", "actor", "station", "at"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Op(_Strict):
    op_id: str = Field(min_length=36, max_length=36)
    seq: int = Field(ge=1)
    kind: OpKind
    entity_id: str = Field(min_length=1, max_length=64)
    base_version: int = Field(default=0, ge=0)
    payload: dict[str, Any]
    created_at: dt.datetime


class PushRequest(_Strict):
    device_id: str = Field(min_length=1, max_length=64)
    ops: list[Op] = Field(max_length=MAX_OPS_PER_PUSH)


class Reason(_Strict):
    code: str
    message: str
    message_zh: str
    field: str | None = None


class OpStatus(StrEnum):
    APPLIED = "applied"
    REJECTED = "rejected"       # for good: the desk moves it to needs-attention


class Conflict(_Strict):
    field: str
    base_version: int
    server_version: int
    kept: Any                    # the value now in force (arrival order: this op's)
    overwritten: Any             # the value this op replaced


class OpResult(_Strict):
    seq: int
    op_id: str
    status: OpStatus
    entity_id: str
    version: int | None = None         # the entity's version after the op
    number: str | None = None          # a ticket's number, once the server assigned it
    reason: Reason | None = None
    conflicts: list[Conflict] = Field(default_factory=list)
    replayed: bool = False             # this result was stored earlier (idempotent replay)


class PushResponse(_Strict):
    results: list[OpResult]
    last_seq: int                       # the server's acknowledged seq for this device
    server_time: dt.datetime


class ErrorBody(_Strict):
    """Every 4xx/5xx answer's body."""

    error: str                  # stable code: seq_gap, op_mismatch, upgrade_required, ...
    message: str
    message_zh: str
    field: str | None = None
    expected_seq: int | None = None      # with 409 seq_gap
    min_protocol: int | None = None      # with 426


class LoginRequest(_Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    station_id: str = Field(min_length=1, max_length=16)
    device_id: str = Field(min_length=1, max_length=64)


class RefreshRequest(_Strict):
    refresh_token: str = Field(min_length=16, max_length=512)
    device_id: str = Field(min_length=1, max_length=64)


class UserInfo(_Strict):
    username: str
    display: str
    role: Literal["clerk", "navigator", "supervisor", "admin"]
    town: str                   # the user's jurisdiction: a town code, or "city"


class StationInfo(_Strict):
    id: str
    town: str
    name: str


class Tokens(_Strict):
    access_token: str
    refresh_token: str
    expires_in: int             # seconds the access token lives
    user: UserInfo
    station: StationInfo
    server_time: dt.datetime


# -- pull (documented shapes; plain JSON) ------------------------------------------------
#
# GET {API_PREFIX}/sync/pull?since=<cursor>&limit=<n>
#   200 {"changes": [Change, ...], "cursor": "<opaque>", "has_more": bool,
#        "server_time": iso, "checksum": Checksum | null (only when has_more is false)}
#   410 {"error": "cursor_expired", ...}: re-snapshot from since=0, keeping the outbox.
#
# Change = {"seq": int, "entity": "ticket" | "enterprise" | "case" | "material" |
#           "targeting" | "consultation", "id": str, "deleted": bool, "version": int,
#           "doc": TicketDoc | EnterpriseDoc | CaseDoc | ... | null}
# TicketDoc = {"id", "version", "number", "header": {intake fields, local_number,
#              station_id, created_by, created_at, enterprise_id},
#              "events": [{"id", "type", "at", "actor", "role", "station", "data",
#                          "ord": int (server arrival order)}]}
# CaseDoc = {"id", "version", "updated_at", "header": {"enterprise_id", "item_id",
#            "batch_id", "town", "station_id", "created_by", "created_at"},
#            "events": [{"id", "type", "at", "actor", "role", "station", "data", "ord"}]}
# MaterialDoc = {"id", "version", "updated_at", "enterprise_id", "material_id",
#                "received_on" | null, "case_id", "note", "actor", "station", "at"}
# TargetingDoc / ConsultationDoc = the create payload's fields + "id", "version",
#                "role" (the server's role of the actor), "updated_at"
# A desk sends its schema; entities newer than it (case, material, targeting,
# consultation: schema 0003) are left out of its pages (POLICY_ENTITIES_SCHEMA).
# Checksum = {"tickets": {"count": int, "sum": int}, "enterprises": {...}}: over the
#            desk's scope, rows with version >= 1; "sum" adds version * id_hash(id).


def id_hash(entity_id: str) -> int:
    """A stable 24-bit hash of an id (its last six hex digits), for checksums that both
    sides compute alike; small enough that a sum over a city's rows never overflows."""
    return int(entity_id.replace("-", "")[-6:], 16)


def checksum_term(entity_id: str, version: int) -> int:
    return id_hash(entity_id) * version


# -- stable codes (added with the reference central API) -----------------------------

MIN_DESK_SCHEMA = "0001"   # X-HallDesk-Schema below this: 426, like an old protocol
POLICY_ENTITIES_SCHEMA = "0003"   # desks below this are not sent the entities below
POLICY_ENTITIES = ("case", "material", "targeting", "consultation")


class ErrorCode(StrEnum):
    """``ErrorBody.error`` values."""

    BAD_REQUEST = "bad_request"            # 400: a required header missing or malformed
    BAD_JSON = "bad_json"                  # 400: the body is not JSON
    BAD_ENCODING = "bad_encoding"          # 400: Content-Encoding other than gzip, bad gzip
    BAD_CREDENTIALS = "bad_credentials"    # 401: wrong user name or password
    TOKEN_EXPIRED = "token_expired"        # 401: refresh, once
    BAD_TOKEN = "bad_token"                # 401: forged, revoked, reused or missing token
    OUT_OF_SCOPE = "out_of_scope"          # 403: another town's request; a station the
                                           #      user may not sign in at
    LOCKED = "locked"                      # 403: too many failed logins; try later
    FORBIDDEN = "forbidden"                # 403: the role may not do this (conflicts, admin)
    DEVICE_MISMATCH = "device_mismatch"    # 403: body device_id is not the token's device
    NOT_FOUND = "not_found"                # 404
    SEQ_GAP = "seq_gap"                    # 409 (+ expected_seq)
    CURSOR_EXPIRED = "cursor_expired"      # 410
    TOO_LARGE = "too_large"                # 413
    INVALID = "invalid"                    # 422: body shape; ``field`` names the place
    OP_MISMATCH = "op_mismatch"            # 422: a replayed seq with a different op
    UPGRADE_REQUIRED = "upgrade_required"  # 426 (+ min_protocol)
    INTERNAL = "internal"                  # 500


class RejectCode(StrEnum):
    """``OpResult.reason.code`` of a rejected op (it consumed its seq; needs attention)."""

    INVALID = "invalid"                        # the payload's data; ``field`` says where
    UNKNOWN_REQUEST = "unknown_request"        # no such request (or it was deleted)
    OUT_OF_SCOPE = "out_of_scope"              # the request is not in the pusher's scope
    EXISTS = "exists"                          # ticket.create with an id already used
    UNKNOWN_ACTOR = "unknown_actor"            # the event's actor is no account
    WRONG_STATION = "wrong_station"            # the event's station is not the pusher's
    ROLE_NOT_ALLOWED = "role_not_allowed"      # core.tickets.check_transition
    INVALID_TRANSITION = "invalid_transition"  # core.tickets.check_transition
    CLOSED = "closed"                          # an edit of a closed request
    BAD_BASE_VERSION = "bad_base_version"      # base_version above the server's version
    UNKNOWN_ENTERPRISE = "unknown_enterprise"  # no such enterprise on the server
    UNKNOWN_CASE = "unknown_case"              # core.cases.check_transition: no such case
