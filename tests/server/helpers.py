"""Building ops the way a desk does (sync/ticket_writes.py shapes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from core.identifiers import make_credit_code
from core.ids import new_id
from server.models import audit_log, change_feed, op_results, ticket_events, tickets
from server.testing import ApiClient, RunningServer
from sync.ticket_writes import enterprise_id_for

CST = dt.timezone(dt.timedelta(hours=8))
CODE = make_credit_code("91442000MA4W7K2L3")
STATION_OF = {"demo.clerk": "SQ01", "demo.navigator": "ZS01", "demo.supervisor": "ZS02",
              "demo.town.supervisor": "XL01", "admin": "ZS03"}


def now() -> dt.datetime:
    return dt.datetime.now(CST)


def signed_in(server: RunningServer, username: str = "demo.clerk",
              station: str | None = None) -> ApiClient:
    client = server.client()
    client.login(username, station=station or STATION_OF[username])
    return client


def header(client: ApiClient, **overrides: Any) -> dict[str, Any]:
    station = client.tokens["station"]["id"]
    user = client.tokens["user"]["username"]
    h = {"channel": "counter", "type": "help", "topic": "annual_report",
         "credit_code": CODE, "enterprise_name": "中山市示例精密机械有限公司",
         "contact_name": "李建华", "contact_phone": "13800138000",
         "description": "年报填报时系统提示资产总额与上年数据差异过大，无法提交。",
         "town": client.tokens["station"]["town"] if client.tokens["station"]["town"] != "city"
         else "shiqi",
         "local_number": f"{station}-{new_id()[-5:]}", "station_id": station,
         "created_by": user, "created_at": now().isoformat(),
         "enterprise_id": enterprise_id_for(CODE)}
    h.update(overrides)
    return {k: v for k, v in h.items() if v is not None or k in ("enterprise_id",)}


def event(client: ApiClient, kind: str, data: dict[str, Any] | None = None,
          **overrides: Any) -> dict[str, Any]:
    e = {"id": new_id(), "type": kind, "at": now().isoformat(),
         "actor": client.tokens["user"]["username"], "role": client.tokens["user"]["role"],
         "station": client.tokens["station"]["id"], "data": data or {}}
    e.update(overrides)
    return e


def create_op(client: ApiClient, ticket_id: str | None = None, **header_overrides: Any
              ) -> dict[str, Any]:
    return client.op("ticket.create", ticket_id or new_id(),
                     {"header": header(client, **header_overrides),
                      "event": event(client, "created")})


def event_op(client: ApiClient, ticket_id: str, kind: str, data: dict[str, Any] | None = None,
             **overrides: Any) -> dict[str, Any]:
    return client.op("ticket.event", ticket_id,
                     {"event": event(client, kind, data, **overrides)})


def edit_op(client: ApiClient, ticket_id: str, fields: dict[str, Any], base_version: int
            ) -> dict[str, Any]:
    return client.op("ticket.edit", ticket_id, {"fields": fields}, base_version=base_version)


DISPATCH = {"unit_id": "u-scjg", "unit_name": "中山市市场监督管理局"}


def create_ticket(client: ApiClient, **header_overrides: Any) -> tuple[str, dict[str, Any]]:
    op = create_op(client, **header_overrides)
    r = client.push([op])
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert result["status"] == "applied", result
    return op["entity_id"], result


def push_ok(client: ApiClient, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r = client.push(ops)
    assert r.status_code == 200, r.text
    return r.json()["results"]


def counts(server: RunningServer) -> dict[str, int]:
    """Row counts of everything a push writes: a refused push must change none."""
    with server.db().read() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (tickets, ticket_events, change_feed, op_results, audit_log)}


def feed_state(client: ApiClient) -> dict[str, int]:
    """id -> version of everything the client's scope pulls, from since=0."""
    out: dict[str, int] = {}
    for page in client.pull_all(0):
        for change in page["changes"]:
            out[change["id"]] = change["version"]
    return out
