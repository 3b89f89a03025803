"""The Open311 GeoReport v2 endpoints (read-only, JSON). Mapping: ``server.open311``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

import orjson
from server import open311
from server.auth import Principal, optional_principal
from server.errors import ApiError
from server.reference import current_schedule
from server.schemas import Open311Request, Open311Service
from server.scope import Scope, scope_of
from sync.protocol import ErrorCode

router = APIRouter(prefix="/open311/v2", tags=["open311"])


def _scope(request: Request, principal: Principal | None) -> Scope | None:
    if principal is None and not request.app.state.settings.open311_public:
        raise ApiError(401, ErrorCode.BAD_TOKEN, "this server's Open311 needs an access token",
                       "需要登录凭证", headers={"WWW-Authenticate": "Bearer"})
    return scope_of(principal) if principal is not None else None


def _json(data: object) -> Response:
    return Response(orjson.dumps(data), media_type="application/json")


@router.get("/services.json", response_model=list[Open311Service],
            summary="Request topics as Open311 services")
def services(request: Request, jurisdiction_id: str | None = Query(None, max_length=64),
             principal: Principal | None = Depends(optional_principal)) -> Response:
    _scope(request, principal)
    with request.app.state.db.read() as conn:
        return _json(open311.services(conn))


@router.get("/requests.json", response_model=list[Open311Request],
            summary="Requests, newest first (filters: service_code, status, dates, page)")
def requests_(request: Request,
              service_request_id: str | None = Query(None, max_length=4000),
              service_code: str | None = Query(None, max_length=500),
              status: str | None = Query(None, max_length=20),
              start_date: str | None = Query(None, max_length=40),
              end_date: str | None = Query(None, max_length=40),
              page: str | None = Query(None, max_length=8),
              page_size: str | None = Query(None, max_length=4),
              jurisdiction_id: str | None = Query(None, max_length=64),
              principal: Principal | None = Depends(optional_principal)) -> Response:
    scope = _scope(request, principal)
    params = {"service_request_id": service_request_id, "service_code": service_code,
              "status": status, "start_date": start_date, "end_date": end_date,
              "page": page, "page_size": page_size}
    with request.app.state.db.read() as conn:
        return _json(open311.requests(conn, current_schedule(conn), scope, params))


@router.get("/requests/{request_id}.json", response_model=list[Open311Request],
            summary="One request (by id or by its number)")
def one_request(request_id: str, request: Request,
                jurisdiction_id: str | None = Query(None, max_length=64),
                principal: Principal | None = Depends(optional_principal)) -> Response:
    scope = _scope(request, principal)
    with request.app.state.db.read() as conn:
        return _json(open311.one(conn, current_schedule(conn), scope, request_id))
