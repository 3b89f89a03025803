"""The endpoints of the policy-redemption window under ``/api/v1``: one case's current
document, and the same-field profile edits resolved by arrival order (supervisors)."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import or_, select
from starlette.responses import Response

from server.api import ERRORS, only_query, raw, state
from server.auth import Principal, current_principal
from server.errors import forbidden
from server.models import ALL_TOWNS, ENTITY_CASE, cases, profile_conflicts
from server.scope import scope_of, scoped_document

router = APIRouter(prefix="/api/v1", responses=ERRORS)


@router.get("/cases/{case_id}", tags=["cases"], dependencies=[Depends(only_query())],
            summary="One redemption case's current document (header and timeline)")
def get_case(case_id: str, request: Request,
             principal: Principal = Depends(current_principal)) -> Response:
    db, _ = state(request)
    return raw(scoped_document(db, cases, ENTITY_CASE, case_id, principal, "case", "该帮办案件"))


@router.get("/profile-conflicts", tags=["cases"],
            dependencies=[Depends(only_query("after", "limit"))],
            summary="Supervisors: same-field profile edits resolved by arrival order")
def list_profile_conflicts(request: Request, after: int = Query(0, ge=0),
                           limit: int = Query(200, ge=1, le=1000),
                           principal: Principal = Depends(current_principal)) -> Response:
    if not principal.is_supervisor:
        raise forbidden("only supervisors and admins may list conflicts",
                        "只有督办人员和管理员可以查看修改冲突")
    db, _ = state(request)
    scope = scope_of(principal)
    c = profile_conflicts.c
    query = select(profile_conflicts).where(c.id > after).order_by(c.id).limit(limit)
    if not scope.everything:
        query = query.where(or_(c.town.in_(sorted(scope.towns | {ALL_TOWNS})),
                                c.station_id == scope.station_id))
    with db.read() as conn:
        rows = conn.execute(query).all()
    out = [{"id": r.id, "enterprise_id": r.enterprise_id, "field": r.field,
            "base_version": r.base_version, "server_version": r.server_version,
            "kept": orjson.loads(r.kept), "overwritten": orjson.loads(r.overwritten),
            "overwritten_by": r.overwritten_by, "op_id": r.op_id, "device_id": r.device_id,
            "username": r.username, "station_id": r.station_id, "at": r.at} for r in rows]
    return raw(orjson.dumps({"conflicts": out,
                             "next_after": out[-1]["id"] if len(out) == limit else None}))
