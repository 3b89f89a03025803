"""A read-only Open311 GeoReport v2 facade over the requests, for other civic tools.

- Services are the catalogue's topics (``service_code`` = topic code).
- Status: ``open`` while received, dispatched, following or reopened; ``closed`` once
  answered, resolved or closed. ``status_notes`` says our status in Chinese and English.
- ``expected_datetime``: the running close deadline (5 working days from dispatch), or in
  follow-to-the-end the next feedback date's; ``x_interim_due`` / ``x_close_due`` give
  both clocks of the current dispatch. ``agency_responsible`` is the handling unit.
- Extensions (``x_`` fields): number, type, channel, unit id, supervision, our status,
  town. Never the enterprise's contact person or phone.
- Access: without a token, only non-personal fields (no description, no enterprise) and
  no reports (举报, to protect whoever reported); with an access token, the caller's
  scope, with the description. ``open311_public = false`` requires a token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from sqlalchemy import Connection, and_, or_, select

from core.deadlines import Schedule
from core.ticket_state import ClockKind, fold
from core.tickets import OPEN_STATUSES, STATUS_ZH, Event, EventType, Role, Status
from server.errors import ApiError
from server.models import change_feed, tickets
from server.reference import catalogue_topics, catalogue_units
from server.scope import Scope
from sync.protocol import ErrorCode

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_RANGE_DAYS = 90
REPORT = "report"
TYPE_ZH = {"consultation": "咨询", "help": "求助", "complaint": "投诉", "report": "举报",
           "suggestion": "建议", "praise": "表扬"}


def _bad(field: str, message: str, zh: str) -> ApiError:
    return ApiError(400, ErrorCode.INVALID, message, zh, field=field)


def services(conn: Connection) -> list[dict[str, Any]]:
    return [{"service_code": t["code"], "service_name": t.get("zh", t["code"]),
             "description": t.get("en", ""), "metadata": False, "type": "realtime",
             "keywords": ",".join(TYPE_ZH.values()), "group": "企业诉求"}
            for t in catalogue_topics(conn)]


def _w3c(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(SHANGHAI).isoformat(timespec="seconds") if moment else None


def _parse_when(raw: str | None, field: str) -> str | None:
    if raw is None or raw == "":
        return None
    try:
        moment = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise _bad(field, f"{field}: expected a W3C date-time such as 2026-11-24T09:00:00+08:00",
                   f"{field} 应为带时区的时间") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def to_open311(doc: dict[str, Any], changed_at: str, schedule: Schedule,
               topics: dict[str, str], units: dict[str, str], personal: bool
               ) -> dict[str, Any]:
    header = doc["header"]
    events = [Event(e["id"], EventType(e["type"]), dt.datetime.fromisoformat(e["at"]),
                    e["actor"], Role(e["role"]), e["station"], e["data"])
              for e in doc["events"]]
    state = fold(events, schedule)
    status = state.status or Status.RECEIVED
    follow, close = state.latest(ClockKind.FOLLOW), state.latest(ClockKind.CLOSE)
    interim = state.latest(ClockKind.INTERIM)
    expected = None
    if status in OPEN_STATUSES:
        running = [c for c in (follow, close) if c is not None and c.running]
        expected = running[0].due_at if running else None
    supervision = state.latest(ClockKind.SUPERVISION)
    unit_name = state.unit_name or units.get(state.unit_id or "")
    notes = f"{STATUS_ZH[status]}（{status.value}）"
    if unit_name and status in OPEN_STATUSES and state.unit_id:
        notes += f"：{unit_name}"
    out = {
        "service_request_id": doc["id"],
        "status": "open" if status in OPEN_STATUSES else "closed",
        "status_notes": notes,
        "service_name": topics.get(header["topic"], header["topic"]),
        "service_code": header["topic"],
        "description": header.get("description") if personal else None,
        "agency_responsible": unit_name,
        "service_notice": None,
        "requested_datetime": _w3c(dt.datetime.fromisoformat(header["created_at"])),
        "updated_datetime": _w3c(dt.datetime.fromisoformat(changed_at)),
        "expected_datetime": _w3c(expected),
        "address": None, "address_id": None, "zipcode": None, "lat": None, "long": None,
        "media_url": None,
        "x_number": doc.get("number"),
        "x_type": header["type"],
        "x_type_zh": TYPE_ZH.get(header["type"]),
        "x_channel": header["channel"],
        "x_status": status.value,
        "x_town": header["town"],
        "x_unit_id": state.unit_id,
        "x_interim_due": _w3c(interim.due_at) if interim and interim.running else None,
        "x_close_due": _w3c(close.due_at) if close and close.running else None,
        "x_supervised": state.supervised,
        "x_supervision_due": _w3c(supervision.due_at)
        if supervision and supervision.running else None,
    }
    if personal:
        out["x_enterprise_name"] = header.get("enterprise_name")
    return out


def _base_query(scope: Scope | None) -> Any:
    query = (select(tickets.c.id, change_feed.c.doc, change_feed.c.changed_at)
             .join(change_feed, and_(change_feed.c.entity == "ticket",
                                     change_feed.c.id == tickets.c.id))
             .where(tickets.c.deleted.is_(False)))
    if scope is None:
        query = query.where(tickets.c.type != REPORT)
    else:
        query = query.where(scope.ticket_filter(tickets.c.town, tickets.c.station_id))
    return query


def requests(conn: Connection, schedule: Schedule, scope: Scope | None,
             params: dict[str, str | None]) -> list[dict[str, Any]]:
    query = _base_query(scope)
    if params.get("service_request_id"):
        ids = [x.strip() for x in params["service_request_id"].split(",") if x.strip()][:100]
        query = query.where(or_(tickets.c.id.in_(ids), tickets.c.number.in_(ids)))
    if params.get("service_code"):
        codes = [x.strip() for x in params["service_code"].split(",") if x.strip()]
        query = query.where(tickets.c.topic.in_(codes))
    status = params.get("status")
    if status:
        wanted = {s.strip() for s in status.split(",")}
        if not wanted <= {"open", "closed"}:
            raise _bad("status", "status: expected open, closed or both", "status 应为 open 或 closed")
        opens = sorted(s.value for s in OPEN_STATUSES)
        if wanted == {"open"}:
            query = query.where(tickets.c.status.in_(opens))
        elif wanted == {"closed"}:
            query = query.where(tickets.c.status.not_in(opens))
    start = _parse_when(params.get("start_date"), "start_date")
    end = _parse_when(params.get("end_date"), "end_date")
    if start and end:
        if end < start:
            raise _bad("end_date", "end_date is before start_date", "结束时间早于开始时间")
        span = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
        if span > dt.timedelta(days=MAX_RANGE_DAYS):
            raise _bad("end_date", f"a range may span at most {MAX_RANGE_DAYS} days",
                       f"查询时间范围不能超过 {MAX_RANGE_DAYS} 天")
    if start:
        query = query.where(tickets.c.created_at >= start)
    if end:
        query = query.where(tickets.c.created_at <= end)
    page = _int(params.get("page"), "page", 1, 1, 1_000_000)
    size = _int(params.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    query = (query.order_by(tickets.c.created_at.desc(), tickets.c.id)
             .limit(size).offset((page - 1) * size))
    return _map(conn, schedule, conn.execute(query).all(), scope is not None)


def one(conn: Connection, schedule: Schedule, scope: Scope | None, request_id: str
        ) -> list[dict[str, Any]]:
    query = _base_query(scope).where(
        or_(tickets.c.id == request_id, tickets.c.number == request_id))
    rows = conn.execute(query).all()
    if not rows:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no request {request_id}",
                       f"未找到诉求 {request_id}")
    return _map(conn, schedule, rows, scope is not None)


def _map(conn: Connection, schedule: Schedule, rows: list[Any], personal: bool
         ) -> list[dict[str, Any]]:
    if not rows:
        return []
    topics = {t["code"]: t.get("zh", t["code"]) for t in catalogue_topics(conn)}
    units = catalogue_units(conn)
    return [to_open311(orjson.loads(r.doc), r.changed_at, schedule, topics, units, personal)
            for r in rows]


def _int(raw: str | None, field: str, default: int, lo: int, hi: int) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not lo <= int(raw) <= hi:
        raise _bad(field, f"{field}: expected a whole number {lo}..{hi}",
                   f"{field} 应为 {lo} 至 {hi} 的整数")
    return int(raw)
