"""The endpoints under ``/api/v1`` (docs/protocol.md is the prose of their contract)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Query, Request
from sqlalchemy import select
from starlette.responses import Response

from server import audit, auth, pull as pull_mod, reference
from server.admin import AdminError, delete_request
from server.auth import Principal, current_principal
from server.config import Settings, utcnow
from server.db import Database
from server.errors import ApiError, forbidden, invalid, no_nul, not_found
from server.models import ENTITY_TICKET, conflicts, tickets
from server.push import handle_push
from server.schemas import AuditList, ConflictList, PullPage, ServerTime, TicketDoc, Tombstone
from server.scope import scope_of, scoped_document
from sync.protocol import (DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, MIN_PROTOCOL_VERSION,
                           POLICY_ENTITIES, POLICY_ENTITIES_SCHEMA, PROTOCOL_VERSION, ErrorBody,
                           ErrorCode, LoginRequest, PushRequest, PushResponse, RefreshRequest,
                           Tokens)
from sync.protocol import Headers as H

JSON = "application/json"
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 410, 413, 422, 426)}

router = APIRouter(prefix="/api/v1", responses=ERRORS)


def state(request: Request) -> tuple[Database, Settings]:
    return request.app.state.db, request.app.state.settings


def only_query(*allowed: str) -> Callable[[Request], Awaitable[None]]:
    """Unknown query parameters are refused, like unknown body fields. (A coroutine: a
    plain function dependency would cost a trip to the thread pool on every call.)"""
    async def check(request: Request) -> None:
        for name in request.query_params:
            if name not in allowed:
                raise invalid(name, f"unknown query parameter {name!r}; expected only "
                              + (", ".join(allowed) or "none"), f"不支持的查询参数 {name}")
    return check


def raw(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type=JSON, headers=headers)


@router.get("/time", tags=["reference"],
            response_model=ServerTime, dependencies=[Depends(only_query())],
            summary="The server's clock (the desk warns when it is 5 minutes off)")
def server_time() -> Response:
    return raw(orjson.dumps({"server_time": utcnow().isoformat(), "protocol": PROTOCOL_VERSION,
                             "min_protocol": MIN_PROTOCOL_VERSION}))


# -- auth ---------------------------------------------------------------------------------

@router.post("/auth/login", tags=["auth"],
             response_model=Tokens, dependencies=[Depends(only_query())],
             summary="Sign in at a station: an access token and a device-bound refresh token")
def login(req: LoginRequest, request: Request,
          client: Annotated[str | None, Header(alias=H.CLIENT)] = None) -> Response:
    db, settings = state(request)
    no_nul(username=req.username, password=req.password, station_id=req.station_id,
           device_id=req.device_id)
    return raw(orjson.dumps(auth.login(db, settings, req, client)))


@router.post("/auth/refresh", tags=["auth"],
             response_model=Tokens, dependencies=[Depends(only_query())],
             summary="Rotate the refresh token: a new pair; the old refresh token is spent")
def refresh(req: RefreshRequest, request: Request) -> Response:
    db, settings = state(request)
    no_nul(refresh_token=req.refresh_token, device_id=req.device_id)
    return raw(orjson.dumps(auth.refresh(db, settings, req)))


@router.post("/auth/logout", tags=["auth"],
             status_code=204, dependencies=[Depends(only_query())],
             summary="Revoke the refresh token and every token rotated from the same login")
def logout(req: RefreshRequest, request: Request) -> Response:
    db, _ = state(request)
    no_nul(refresh_token=req.refresh_token, device_id=req.device_id)
    auth.logout(db, req)
    return Response(status_code=204)


# -- sync -----------------------------------------------------------------------------------

@router.post("/sync/push", tags=["sync"],
             response_model=PushResponse, dependencies=[Depends(only_query())],
             summary="Apply the desk's ops in its per-device sequence, idempotently")
def push(body: PushRequest, request: Request,
         principal: Principal = Depends(current_principal)) -> Response:
    db, settings = state(request)
    return raw(handle_push(db, settings, principal, body))


@router.get("/sync/pull", tags=["sync"],
            response_model=PullPage,
            dependencies=[Depends(only_query("since", "limit"))],
            summary="The change feed after a cursor, in the caller's scope")
def pull(request: Request, since: str = Query("0", max_length=20),
         limit: int = Query(DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT),
         principal: Principal = Depends(current_principal)) -> Response:
    db, _ = state(request)
    # a desk older than the policy-redemption entities is not sent them (docs/protocol.md)
    old = (request.headers.get(H.SCHEMA) or "").strip() < POLICY_ENTITIES_SCHEMA
    return raw(pull_mod.pull(db, scope_of(principal), pull_mod.parse_cursor(since), limit,
                             skip=frozenset(POLICY_ENTITIES) if old else frozenset()))


# -- requests, conflicts, audit ---------------------------------------------------------------

@router.get("/requests/{request_id}", tags=["requests"],
            response_model=TicketDoc,
            dependencies=[Depends(only_query())], summary="One request's current document")
def get_request(request_id: str, request: Request,
                principal: Principal = Depends(current_principal)) -> Response:
    db, _ = state(request)
    return raw(scoped_document(db, tickets, ENTITY_TICKET, request_id, principal, "request",
                               "该诉求"))


@router.delete("/requests/{request_id}", tags=["requests"],
               response_model=Tombstone,
               dependencies=[Depends(only_query("reason"))],
               summary="Admin: delete a request (a tombstone in the change feed)")
def remove_request(request_id: str, request: Request, reason: str = Query("", max_length=200),
                   principal: Principal = Depends(current_principal)) -> Response:
    if principal.role.value != "admin":
        raise forbidden("only an admin may delete a request", "只有管理员可以删除诉求")
    db, _ = state(request)
    try:
        version = db.retrying(lambda conn: delete_request(
            conn, request_id, who=principal.username, station_id=principal.station_id,
            device_id=principal.device_id, reason=reason))
    except AdminError:
        raise not_found("request", "该诉求") from None
    return raw(orjson.dumps({"id": request_id, "version": version, "deleted": True}))


def _page(rows: list[Any], limit: int) -> int | None:
    return rows[-1]["id"] if len(rows) == limit else None


@router.get("/conflicts", tags=["requests"],
            response_model=ConflictList,
            dependencies=[Depends(only_query("after", "limit"))],
            summary="Supervisors: same-field edits resolved by arrival order")
def list_conflicts(request: Request, after: int = Query(0, ge=0),
                   limit: int = Query(200, ge=1, le=1000),
                   principal: Principal = Depends(current_principal)) -> Response:
    if not principal.is_supervisor:
        raise forbidden("only supervisors and admins may list conflicts",
                        "只有督办人员和管理员可以查看修改冲突")
    db, _ = state(request)
    scope = scope_of(principal)
    with db.read() as conn:
        rows = conn.execute(
            select(conflicts, tickets.c.number)
            .join(tickets, tickets.c.id == conflicts.c.ticket_id)
            .where(conflicts.c.id > after,
                   scope.ticket_filter(conflicts.c.town, conflicts.c.ticket_station))
            .order_by(conflicts.c.id).limit(limit)).all()
    out = [{"id": r.id, "ticket_id": r.ticket_id, "number": r.number, "field": r.field,
            "base_version": r.base_version, "server_version": r.server_version,
            "kept": orjson.loads(r.kept), "overwritten": orjson.loads(r.overwritten),
            "overwritten_by": r.overwritten_by, "op_id": r.op_id, "device_id": r.device_id,
            "username": r.username, "station_id": r.station_id, "at": r.at} for r in rows]
    return raw(orjson.dumps({"conflicts": out, "next_after": _page(out, limit)}))


@router.get("/audit", tags=["admin"],
            response_model=AuditList,
            dependencies=[Depends(only_query("after", "limit", "entity_id"))],
            summary="Admin: the audit log (who, station, device, when, what)")
def list_audit(request: Request, after: int = Query(0, ge=0),
               limit: int = Query(200, ge=1, le=1000),
               entity_id: str | None = Query(None, max_length=64),
               principal: Principal = Depends(current_principal)) -> Response:
    if principal.role.value != "admin":
        raise forbidden("only an admin may read the audit log", "只有管理员可以查看审计日志")
    db, _ = state(request)
    with db.read() as conn:
        rows = audit.read(conn, after=after, limit=limit, entity_id=entity_id)
    return raw(orjson.dumps({"entries": rows, "next_after": _page(rows, limit)}))


# -- reference data ---------------------------------------------------------------------------

def _tagged(request: Request, if_none_match: str | None,
            read: Callable[[Any], tuple[str, str | bytes] | None]) -> Response:
    """A reference document with its strong ETag: 304 when the desk's copy is current."""
    db, _ = state(request)
    with db.read() as conn:
        blob = read(conn)
    if blob is None:
        raise ApiError(404, ErrorCode.NOT_FOUND, "no catalogue is published yet",
                       "服务器尚未发布目录数据")
    etag, body = blob
    tag = {"ETag": reference.quoted(etag), "Cache-Control": "no-cache"}
    if reference.matches(if_none_match, etag):
        return Response(status_code=304, headers=tag)
    return raw(body.encode() if isinstance(body, str) else body, headers=tag)


@router.get("/catalogue", tags=["reference"],
            dependencies=[Depends(only_query())],
            responses={200: {"description": "the catalogue files keyed by file name"},
                       304: {"description": "unchanged (If-None-Match matched)"}},
            summary="The published catalogue (ETag; 304 when unchanged)")
def catalogue(request: Request, principal: Principal = Depends(current_principal),
              if_none_match: Annotated[str | None, Header()] = None) -> Response:
    return _tagged(request, if_none_match, reference.catalogue_blob)


@router.get("/schedule", tags=["reference"],
            dependencies=[Depends(only_query())],
            responses={200: {"description": "{hours, calendars}"},
                       304: {"description": "unchanged (If-None-Match matched)"}},
            summary="Business hours and published calendars (ETag; 304 when unchanged)")
def schedule(request: Request, principal: Principal = Depends(current_principal),
             if_none_match: Annotated[str | None, Header()] = None) -> Response:
    return _tagged(request, if_none_match, reference.schedule_blob)


@router.get("/directory", tags=["reference"],
            dependencies=[Depends(only_query())],
            responses={200: {"description": "{users: [{username, display, role, town, "
                                            "active}]}"},
                       304: {"description": "unchanged (If-None-Match matched)"}},
            summary="Who the accounts are: the names timelines show (ETag; 304 when unchanged)")
def directory(request: Request, principal: Principal = Depends(current_principal),
              if_none_match: Annotated[str | None, Header()] = None) -> Response:
    return _tagged(request, if_none_match, reference.directory_blob)
