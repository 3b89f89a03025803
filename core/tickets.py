"""Requests (诉求/工单): their vocabularies, events and the state machine.

A request is event-sourced: its timeline is an append-only list of events and its
current state is a fold over them (``core.ticket_state``). This module says which event
may follow which state, for which role, and what each event must carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core import validation as v
from core.validation import ValidationError


class RequestType(StrEnum):
    CONSULTATION = "consultation"  # 咨询
    HELP = "help"                  # 求助
    COMPLAINT = "complaint"        # 投诉
    REPORT = "report"              # 举报
    SUGGESTION = "suggestion"      # 建议
    PRAISE = "praise"              # 表扬


class Channel(StrEnum):
    COUNTER = "counter"            # 窗口
    HOTLINE = "hotline"            # 12345热线企业专席
    YUESHENGSHI = "yss"            # 粤省事 city area
    YUESHANGTONG = "yst"           # 粤商通 / 中易办
    WECHAT = "wechat"              # 12345 WeChat
    LEADER_LINE = "leader_line"    # 书记市长直通车
    VISIT = "visit"                # 走访代提 (filed on behalf after a visit)


class Role(StrEnum):
    CLERK = "clerk"
    NAVIGATOR = "navigator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Status(StrEnum):
    RECEIVED = "received"      # 已受理
    ANSWERED = "answered"      # 即时答复办结
    DISPATCHED = "dispatched"  # 已转办
    FOLLOWING = "following"    # 一跟到底
    RESOLVED = "resolved"      # 已办结，待回访
    CLOSED = "closed"          # 已回访结案
    REOPENED = "reopened"      # 已重新打开


OPEN_STATUSES = frozenset({Status.RECEIVED, Status.DISPATCHED, Status.FOLLOWING, Status.REOPENED})


class EventType(StrEnum):
    CREATED = "created"
    ANSWERED = "answered"
    CALL_LOGGED = "call_logged"
    DISPATCHED = "dispatched"
    CONTACTED = "contacted"
    INTERIM_REPLY = "interim_reply"
    NEXT_FEEDBACK_SET = "next_feedback_set"
    RESOLVED = "resolved"
    EVALUATED = "evaluated"
    REOPENED = "reopened"
    SUPERVISED = "supervised"
    TRANSFERRED = "transferred"
    NOTE = "note"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"              # 满意
    BASICALLY_SATISFIED = "basically"    # 基本满意
    UNSATISFIED = "unsatisfied"          # 不满意
    NOT_EVALUATED = "not_evaluated"      # 未评价


class Solved(StrEnum):
    SOLVED = "solved"        # 解决
    PARTLY = "partly"        # 部分解决
    UNSOLVED = "unsolved"    # 未解决


class CallOutcome(StrEnum):
    ANSWERED = "answered"              # answered during the call
    NEEDS_DISPATCH = "needs_dispatch"
    CALL_BACK = "call_back"            # call back at a time


class AnswerSource(StrEnum):
    KNOWLEDGE_BASE = "kb"
    THREE_WAY_CALL = "call"
    CLERK = "clerk"                    # the clerk's own knowledge, with a reference


_E = EventType
_S = Status

# Which events each state admits. Header edits (contact, phone, description, category)
# are not events: they merge per field and are allowed while the request is not closed.
TRANSITIONS: Mapping[Status | None, frozenset[EventType]] = {
    None: frozenset({_E.CREATED}),
    _S.RECEIVED: frozenset({_E.ANSWERED, _E.CALL_LOGGED, _E.DISPATCHED, _E.SUPERVISED, _E.NOTE}),
    _S.ANSWERED: frozenset({_E.EVALUATED, _E.REOPENED, _E.NOTE}),
    _S.DISPATCHED: frozenset({_E.CALL_LOGGED, _E.CONTACTED, _E.INTERIM_REPLY,
                              _E.NEXT_FEEDBACK_SET, _E.RESOLVED, _E.SUPERVISED,
                              _E.TRANSFERRED, _E.NOTE}),
    _S.FOLLOWING: frozenset({_E.CALL_LOGGED, _E.CONTACTED, _E.INTERIM_REPLY,
                             _E.NEXT_FEEDBACK_SET, _E.RESOLVED, _E.SUPERVISED,
                             _E.TRANSFERRED, _E.NOTE}),
    _S.RESOLVED: frozenset({_E.EVALUATED, _E.REOPENED, _E.NOTE}),
    _S.CLOSED: frozenset({_E.REOPENED, _E.NOTE}),
    _S.REOPENED: frozenset({_E.ANSWERED, _E.CALL_LOGGED, _E.DISPATCHED, _E.SUPERVISED, _E.NOTE}),
}

_ALL = frozenset(EventType)
ROLE_EVENTS: Mapping[Role, frozenset[EventType]] = {
    Role.CLERK: _ALL - {_E.SUPERVISED},
    Role.NAVIGATOR: frozenset({_E.CREATED, _E.ANSWERED, _E.CALL_LOGGED, _E.DISPATCHED,
                               _E.EVALUATED, _E.NOTE}),
    Role.SUPERVISOR: _ALL,
    Role.ADMIN: frozenset({_E.NOTE}),
}

STATUS_ZH = {
    _S.RECEIVED: "已受理", _S.ANSWERED: "即时办结", _S.DISPATCHED: "已转办",
    _S.FOLLOWING: "一跟到底", _S.RESOLVED: "已办结", _S.CLOSED: "已回访", _S.REOPENED: "重新办理",
}
EVENT_ZH = {
    _E.CREATED: "受理", _E.ANSWERED: "即时答复", _E.CALL_LOGGED: "三方通话",
    _E.DISPATCHED: "转办", _E.CONTACTED: "已联系企业", _E.INTERIM_REPLY: "阶段性答复",
    _E.NEXT_FEEDBACK_SET: "设定下次反馈", _E.RESOLVED: "办结", _E.EVALUATED: "回访评价",
    _E.REOPENED: "重新打开", _E.SUPERVISED: "督办", _E.TRANSFERRED: "改派", _E.NOTE: "备注",
}
ROLE_ZH = {Role.CLERK: "受理员", Role.NAVIGATOR: "导办员", Role.SUPERVISOR: "督办",
           Role.ADMIN: "管理员"}


class TransitionError(ValueError):
    """An event the state machine refuses; ``code`` is stable, the messages readable."""

    def __init__(self, code: str, message: str, message_zh: str):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_zh = message_zh

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "message_zh": self.message_zh}


def check_transition(status: Status | None, event: EventType, role: Role) -> None:
    """Raise ``TransitionError`` unless ``role`` may record ``event`` in ``status``."""
    if event not in ROLE_EVENTS[role]:
        raise TransitionError(
            "role_not_allowed",
            f"a {role.value} may not record '{event.value}'",
            f"{ROLE_ZH[role]}无权执行“{EVENT_ZH[event]}”")
    if event not in TRANSITIONS[status]:
        if status is None:
            raise TransitionError("unknown_request", f"'{event.value}' on a request that does "
                                  "not exist yet", f"诉求尚未创建，不能执行“{EVENT_ZH[event]}”")
        raise TransitionError(
            "invalid_transition",
            f"'{event.value}' is not allowed while the request is {status.value}",
            f"诉求当前状态为“{STATUS_ZH[status]}”，不能执行“{EVENT_ZH[event]}”")


def allowed_events(status: Status | None, role: Role) -> list[EventType]:
    """The events this role may record now, in the order a screen lists its actions."""
    allowed = TRANSITIONS[status] & ROLE_EVENTS[role]
    return [e for e in EventType if e in allowed]


@dataclass(frozen=True)
class Event:
    """One entry of a request's timeline."""

    id: str
    type: EventType
    at: dt.datetime          # when the actor recorded it (their clock; never used to order)
    actor: str               # user name
    role: Role
    station: str             # station id
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type.value, "at": self.at.isoformat(),
                "actor": self.actor, "role": self.role.value, "station": self.station,
                "data": dict(self.data)}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Event:
        at = v.moment(obj, "at")
        assert at is not None
        return cls(id=str(obj["id"]), type=EventType(obj["type"]), at=at,
                   actor=str(obj.get("actor", "")), role=Role(obj.get("role", "clerk")),
                   station=str(obj.get("station", "")), data=dict(obj.get("data") or {}))


# -- what each event carries ----------------------------------------------------------

LONG = 4000   # reply and resolution texts
MEDIUM = 500  # notes about a call, reasons
SHORT = 100   # names, offices


def _unit(data: Mapping[str, Any], out: dict[str, Any], field_name: str = "unit_id") -> None:
    out[field_name] = v.text(data, field_name, max_len=64, label_zh="承办单位")
    out["unit_name"] = v.text(data, "unit_name", max_len=SHORT, required=False, label_zh="单位名称")


def validate_event_data(event: EventType, data: Mapping[str, Any]) -> dict[str, Any]:
    """The event's data, checked and normalised; ``ValidationError`` names the bad field."""
    if not isinstance(data, Mapping):
        raise ValidationError("data", "expected an object", message_zh="事件数据应为对象")
    out: dict[str, Any] = {}
    keys: set[str]
    if event is _E.CREATED:
        keys = set()
    elif event is _E.ANSWERED:
        keys = {"answer", "source", "source_ref", "source_title"}
        out["answer"] = v.text(data, "answer", max_len=LONG, label_zh="答复内容")
        out["source"] = v.choice(data, "source", AnswerSource, label_zh="答复来源").value
        out["source_ref"] = v.text(data, "source_ref", max_len=64, required=False)
        out["source_title"] = v.text(data, "source_title", max_len=200, required=False)
        if out["source"] != AnswerSource.CLERK and not out["source_ref"]:
            raise ValidationError("source_ref", "required for a knowledge-base or call answer",
                                  message_zh="请注明答复依据（知识库条目或通话记录）")
    elif event is _E.CALL_LOGGED:
        keys = {"unit_id", "unit_name", "duty_contact", "duty_phone", "participants",
                "started_at", "duration_seconds", "notes", "outcome", "call_back_at"}
        _unit(data, out)
        out["duty_contact"] = v.text(data, "duty_contact", max_len=SHORT, required=False)
        out["duty_phone"] = v.text(data, "duty_phone", max_len=40, required=False)
        out["participants"] = v.text_list(data, "participants", max_items=10, max_len=SHORT,
                                          label_zh="参与人")
        # a call logged afterwards may give only its duration: it started when recorded
        started = v.moment(data, "started_at", required=False, label_zh="通话开始时间")
        out["started_at"] = started.isoformat() if started else None
        out["duration_seconds"] = v.integer(data, "duration_seconds", lo=0, hi=4 * 3600,
                                            label_zh="通话时长")
        out["notes"] = v.text(data, "notes", max_len=LONG, label_zh="通话记录")
        outcome = v.choice(data, "outcome", CallOutcome, label_zh="通话结果")
        assert outcome is not None
        out["outcome"] = outcome.value
        call_back = v.moment(data, "call_back_at", required=outcome is CallOutcome.CALL_BACK,
                             label_zh="回拨时间")
        out["call_back_at"] = call_back.isoformat() if call_back else None
    elif event in (_E.DISPATCHED, _E.TRANSFERRED):
        keys = {"unit_id", "unit_name", "note"}
        _unit(data, out)
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=event is _E.TRANSFERRED,
                             label_zh="改派原因" if event is _E.TRANSFERRED else "转办说明")
    elif event is _E.CONTACTED:
        keys = {"office", "person", "phone", "note"}
        out["office"] = v.text(data, "office", max_len=SHORT, label_zh="承办科室")
        out["person"] = v.text(data, "person", max_len=SHORT, required=False, label_zh="联系人")
        out["phone"] = v.text(data, "phone", max_len=40, required=False, label_zh="联系电话")
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False)
    elif event is _E.INTERIM_REPLY:
        keys = {"text"}
        out["text"] = v.text(data, "text", max_len=LONG, label_zh="阶段性答复")
    elif event is _E.NEXT_FEEDBACK_SET:
        keys = {"next_date", "text"}
        day = v.date(data, "next_date", label_zh="下次反馈日期")
        out["next_date"] = day.isoformat() if day else None
        out["text"] = v.text(data, "text", max_len=LONG, label_zh="滚动答复")
    elif event is _E.RESOLVED:
        keys = {"text"}
        out["text"] = v.text(data, "text", max_len=LONG, label_zh="办结情况")
    elif event is _E.EVALUATED:
        keys = {"satisfaction", "solved", "note", "via"}
        out["satisfaction"] = v.choice(data, "satisfaction", Satisfaction, label_zh="满意度").value
        solved = v.choice(data, "solved", Solved, required=False, label_zh="解决情况")
        out["solved"] = solved.value if solved else None
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False)
        out["via"] = v.text(data, "via", max_len=40, required=False, label_zh="回访方式")
    elif event is _E.REOPENED:
        keys = {"reason"}
        out["reason"] = v.text(data, "reason", max_len=MEDIUM, label_zh="重新打开原因")
    elif event is _E.SUPERVISED:
        keys = {"reply_due", "note", "level"}
        due = v.date(data, "reply_due", label_zh="督办回复期限")
        out["reply_due"] = due.isoformat() if due else None
        out["note"] = v.text(data, "note", max_len=MEDIUM, label_zh="督办意见")
        out["level"] = v.text(data, "level", max_len=40, required=False) or "supervisor"
    elif event is _E.NOTE:
        keys = {"text"}
        out["text"] = v.text(data, "text", max_len=LONG, label_zh="备注")
    else:  # pragma: no cover - EventType is closed
        raise ValidationError("type", f"unknown event type {event!r}")
    v.no_unknown(data, keys, f"'{event.value}' data")
    return out


def check_event_time(event: EventType, data: Mapping[str, Any], at: dt.datetime) -> None:
    """Dates an event sets must lie after the event itself."""
    if event is _E.NEXT_FEEDBACK_SET and data.get("next_date"):
        if dt.date.fromisoformat(data["next_date"]) <= at.date():
            raise ValidationError("next_date", "must be after the day it is set",
                                  message_zh="下次反馈日期应晚于今天")
    if event is _E.CALL_LOGGED and data.get("call_back_at"):
        if dt.datetime.fromisoformat(data["call_back_at"]) <= at:
            raise ValidationError("call_back_at", "must lie ahead of the call",
                                  message_zh="回拨时间应晚于当前时间")
    if event is _E.SUPERVISED and data.get("reply_due"):
        if dt.date.fromisoformat(data["reply_due"]) < at.date():
            raise ValidationError("reply_due", "must not be in the past",
                                  message_zh="督办回复期限不能早于今天")


def reopens(event: EventType, data: Mapping[str, Any]) -> bool:
    """An unsatisfied or unsolved return visit reopens the request."""
    return event is _E.EVALUATED and (
        data.get("satisfaction") == Satisfaction.UNSATISFIED
        or data.get("solved") == Solved.UNSOLVED)
