"""Redemption cases (帮办代办): one per enterprise × redeemable item × application batch.

A navigator helps an enterprise from its first question to the money: consulting
(咨询中) → preparing materials (准备材料) → submitted (已申报) → under review (审核中) →
redeemed (已兑现) / rejected (未通过) / withdrawn (已撤回). Like a request, a case is
event-sourced: its timeline is an append-only list of events and its state is a fold
over them (``fold``). This module says which event may follow which state, for which
role, what each event must carry, and how the materials checklist reads.

The materials checklist belongs to the **enterprise**, not to the case: a material
received for one case counts for every other case of the same enterprise until it
expires (received date + the material's ``validity_days``; it no longer counts on the
expiry day itself; a material without ``validity_days`` never expires).

Pure Python, standard library only (``core`` imports nothing outside ``core``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core import validation as v
from core.deadlines import BusinessHours
from core.tickets import Role, TransitionError
from core.validation import ValidationError

# Deterministic ids: two desks that open the same case (or mark the same material)
# offline agree on its id, so the server merges instead of duplicating.
CASE_NS = uuid.UUID("0b7a3d52-8f4e-4c1b-9d2e-6a5c3f1e7b90")
MATERIAL_NS = uuid.UUID("5e2c9a17-3b6d-4f80-a1c4-8d9e0f2b3a65")


def case_id_for(enterprise_id: str, item_id: str, batch_id: str) -> str:
    """The id of the one case of an enterprise for an item's batch."""
    return str(uuid.uuid5(CASE_NS, f"{enterprise_id}|{item_id}|{batch_id}"))


def material_row_id(enterprise_id: str, material_id: str) -> str:
    """The id of an enterprise's checklist line for one material."""
    return str(uuid.uuid5(MATERIAL_NS, f"{enterprise_id}|{material_id}"))


class CaseState(StrEnum):
    CONSULTING = "consulting"        # 咨询中
    PREPARING = "preparing"          # 准备材料
    SUBMITTED = "submitted"          # 已申报
    UNDER_REVIEW = "under_review"    # 审核中
    REDEEMED = "redeemed"            # 已兑现
    REJECTED = "rejected"            # 未通过
    WITHDRAWN = "withdrawn"          # 已撤回


OPEN_STATES = frozenset({CaseState.CONSULTING, CaseState.PREPARING, CaseState.SUBMITTED,
                         CaseState.UNDER_REVIEW})


class CaseEventType(StrEnum):
    CREATED = "created"
    PREPARATION_STARTED = "preparation_started"    # the enterprise decides to apply
    MATERIAL_RECEIVED = "material_received"
    MATERIAL_REMOVED = "material_removed"
    NOTE = "note"
    SUBMITTED = "submitted"
    REVIEW_STARTED = "review_started"
    SUPPLEMENT_REQUESTED = "supplement_requested"  # back to preparing
    REDEEMED = "redeemed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    REOPENED = "reopened"


_E = CaseEventType
_S = CaseState

TRANSITIONS: Mapping[CaseState | None, frozenset[CaseEventType]] = {
    None: frozenset({_E.CREATED}),
    _S.CONSULTING: frozenset({_E.PREPARATION_STARTED, _E.MATERIAL_RECEIVED,
                              _E.MATERIAL_REMOVED, _E.NOTE, _E.WITHDRAWN}),
    _S.PREPARING: frozenset({_E.MATERIAL_RECEIVED, _E.MATERIAL_REMOVED, _E.NOTE,
                             _E.SUBMITTED, _E.WITHDRAWN}),
    _S.SUBMITTED: frozenset({_E.REVIEW_STARTED, _E.SUPPLEMENT_REQUESTED, _E.REJECTED,
                             _E.MATERIAL_RECEIVED, _E.NOTE, _E.WITHDRAWN}),
    _S.UNDER_REVIEW: frozenset({_E.SUPPLEMENT_REQUESTED, _E.REDEEMED, _E.REJECTED,
                                _E.MATERIAL_RECEIVED, _E.NOTE, _E.WITHDRAWN}),
    _S.REDEEMED: frozenset({_E.NOTE}),
    _S.REJECTED: frozenset({_E.REOPENED, _E.NOTE}),
    _S.WITHDRAWN: frozenset({_E.REOPENED, _E.NOTE}),
}

_ALL = frozenset(CaseEventType)
ROLE_EVENTS: Mapping[Role, frozenset[CaseEventType]] = {
    Role.CLERK: frozenset({_E.CREATED, _E.NOTE}),      # a counter clerk opens and consults
    Role.NAVIGATOR: _ALL,
    Role.SUPERVISOR: _ALL,
    Role.ADMIN: frozenset({_E.NOTE}),
}
# Narrower still in some states: reopening a rejected application (复核) is a
# supervisor's decision (协调督办); a withdrawn one the navigator may reopen.
STATE_ROLES: Mapping[tuple[CaseState, CaseEventType], frozenset[Role]] = {
    (_S.REJECTED, _E.REOPENED): frozenset({Role.SUPERVISOR}),
}

STATE_ZH = {_S.CONSULTING: "咨询中", _S.PREPARING: "准备材料", _S.SUBMITTED: "已申报",
            _S.UNDER_REVIEW: "审核中", _S.REDEEMED: "已兑现", _S.REJECTED: "未通过",
            _S.WITHDRAWN: "已撤回"}
EVENT_ZH = {_E.CREATED: "建立帮办", _E.PREPARATION_STARTED: "开始准备材料",
            _E.MATERIAL_RECEIVED: "收到材料", _E.MATERIAL_REMOVED: "撤下材料", _E.NOTE: "备注",
            _E.SUBMITTED: "已申报", _E.REVIEW_STARTED: "进入审核", _E.SUPPLEMENT_REQUESTED: "要求补正",
            _E.REDEEMED: "已兑现", _E.REJECTED: "未通过", _E.WITHDRAWN: "撤回申报",
            _E.REOPENED: "重新办理"}
ROLE_ZH = {Role.CLERK: "受理员", Role.NAVIGATOR: "导办员", Role.SUPERVISOR: "督办",
           Role.ADMIN: "管理员"}


def check_transition(state: CaseState | None, event: CaseEventType, role: Role) -> None:
    """Raise ``TransitionError`` unless ``role`` may record ``event`` in ``state``."""
    if event not in ROLE_EVENTS[role]:
        raise TransitionError("role_not_allowed", f"a {role.value} may not record "
                              f"'{event.value}' on a case",
                              f"{ROLE_ZH[role]}无权执行“{EVENT_ZH[event]}”")
    if event not in TRANSITIONS[state]:
        if state is None:
            raise TransitionError("unknown_case", f"'{event.value}' on a case that does not "
                                  "exist yet", f"帮办案件尚未建立，不能执行“{EVENT_ZH[event]}”")
        raise TransitionError("invalid_transition", f"'{event.value}' is not allowed while "
                              f"the case is {state.value}",
                              f"帮办案件当前状态为“{STATE_ZH[state]}”，不能执行“{EVENT_ZH[event]}”")
    only = STATE_ROLES.get((state, event)) if state is not None else None
    if only is not None and role not in only:
        names = "、".join(ROLE_ZH[r] for r in sorted(only))
        raise TransitionError("role_not_allowed", f"only {', '.join(sorted(only))} may record "
                              f"'{event.value}' while the case is {state.value}",
                              f"案件“{STATE_ZH[state]}”时，“{EVENT_ZH[event]}”须由{names}执行")


def allowed_events(state: CaseState | None, role: Role) -> list[CaseEventType]:
    """The events this role may record now, in the order a screen lists its actions."""
    out = []
    for event in CaseEventType:
        try:
            check_transition(state, event, role)
        except TransitionError:
            continue
        out.append(event)
    return out


@dataclass(frozen=True)
class CaseEvent:
    """One entry of a case's timeline."""

    id: str
    type: CaseEventType
    at: dt.datetime          # the actor's clock; never used to order
    actor: str
    role: Role
    station: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type.value, "at": self.at.isoformat(),
                "actor": self.actor, "role": self.role.value, "station": self.station,
                "data": dict(self.data)}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> CaseEvent:
        at = v.moment(obj, "at")
        assert at is not None
        return cls(id=str(obj["id"]), type=CaseEventType(obj["type"]), at=at,
                   actor=str(obj.get("actor", "")), role=Role(obj.get("role", "navigator")),
                   station=str(obj.get("station", "")), data=dict(obj.get("data") or {}))


# -- what each event carries ----------------------------------------------------------

LONG, MEDIUM, SHORT = 4000, 500, 100
MAX_AMOUNT = 10_000_000_000          # yuan
MATERIAL_ID = 64


def _day(data: Mapping[str, Any], name: str, label: str, required: bool = True) -> str | None:
    day = v.date(data, name, required=required, label_zh=label)
    return day.isoformat() if day else None


def validate_event_data(event: CaseEventType, data: Mapping[str, Any]) -> dict[str, Any]:
    """The event's data, checked and normalised; ``ValidationError`` names the bad field."""
    if not isinstance(data, Mapping):
        raise ValidationError("data", "expected an object", message_zh="事件数据应为对象")
    out: dict[str, Any] = {}
    keys: set[str]
    if event is _E.CREATED:
        keys = {"note"}
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
    elif event is _E.PREPARATION_STARTED:
        keys = {"note"}
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
    elif event is _E.MATERIAL_RECEIVED:
        keys = {"material_id", "received_on", "note"}
        out["material_id"] = v.text(data, "material_id", max_len=MATERIAL_ID, label_zh="材料")
        out["received_on"] = _day(data, "received_on", "收件日期")
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
    elif event is _E.MATERIAL_REMOVED:
        keys = {"material_id", "reason"}
        out["material_id"] = v.text(data, "material_id", max_len=MATERIAL_ID, label_zh="材料")
        out["reason"] = v.text(data, "reason", max_len=MEDIUM, label_zh="撤下原因")
    elif event is _E.NOTE:
        keys = {"text"}
        out["text"] = v.text(data, "text", max_len=LONG, label_zh="备注")
    elif event is _E.SUBMITTED:
        keys = {"submitted_on", "channel", "reference", "note", "missing_note"}
        out["submitted_on"] = _day(data, "submitted_on", "申报日期")
        out["channel"] = v.text(data, "channel", max_len=SHORT, required=False,
                                label_zh="申报渠道")
        out["reference"] = v.text(data, "reference", max_len=64, required=False,
                                  label_zh="申报受理编号")
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
        out["missing_note"] = v.text(data, "missing_note", max_len=MEDIUM, required=False,
                                     label_zh="缺件说明")
    elif event is _E.REVIEW_STARTED:
        keys = {"note"}
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
    elif event is _E.SUPPLEMENT_REQUESTED:
        keys = {"materials", "note"}
        out["materials"] = v.text_list(data, "materials", max_items=60, max_len=MATERIAL_ID,
                                       label_zh="需补正材料")
        out["note"] = v.text(data, "note", max_len=LONG, label_zh="补正要求")
    elif event is _E.REDEEMED:
        keys = {"amount", "redeemed_on", "note"}
        out["amount"] = v.integer(data, "amount", lo=0, hi=MAX_AMOUNT, required=False,
                                  label_zh="兑现金额（元）")
        out["redeemed_on"] = _day(data, "redeemed_on", "兑现日期")
        out["note"] = v.text(data, "note", max_len=MEDIUM, required=False, label_zh="说明")
    elif event in (_E.REJECTED, _E.WITHDRAWN, _E.REOPENED):
        keys = {"reason"}
        label = {_E.REJECTED: "未通过原因", _E.WITHDRAWN: "撤回原因",
                 _E.REOPENED: "重新办理原因"}[event]
        out["reason"] = v.text(data, "reason", max_len=MEDIUM, label_zh=label)
    else:  # pragma: no cover - CaseEventType is closed
        raise ValidationError("type", f"unknown event type {event!r}")
    v.no_unknown(data, keys, f"'{event.value}' data")
    return out


_DATED = {_E.MATERIAL_RECEIVED: ("received_on", "收件日期"),
          _E.SUBMITTED: ("submitted_on", "申报日期"),
          _E.REDEEMED: ("redeemed_on", "兑现日期")}


HALL_TZ = BusinessHours().tz       # the halls' time zone (that of their business hours)


def hall_day(moment: dt.datetime) -> dt.date:
    """The day a moment falls on in the halls: desks send UTC stamps, and 00:00-08:00 in
    Shanghai is still the previous day in UTC."""
    return moment.astimezone(HALL_TZ).date()


def check_event_time(event: CaseEventType, data: Mapping[str, Any], at: dt.datetime) -> None:
    """A day an event reports (received, submitted, redeemed) cannot lie after the hall's
    day the event is recorded on."""
    dated = _DATED.get(event)
    if dated and data.get(dated[0]):
        if dt.date.fromisoformat(data[dated[0]]) > hall_day(at):
            raise ValidationError(dated[0], "must not be after the day it is recorded",
                                  message_zh=f"{dated[1]}不能晚于登记当天")


def check_submission_window(submitted_on: dt.date | str, opens: dt.date, closes: dt.date) -> None:
    """An application is submitted within its batch's window (both days included)."""
    day = dt.date.fromisoformat(submitted_on) if isinstance(submitted_on, str) else submitted_on
    if not opens <= day <= closes:
        raise ValidationError("submitted_on", f"outside the batch's window {opens}..{closes}",
                              message_zh=f"申报日期不在本批次申报时间内（{opens} 至 {closes}）")


# -- the materials checklist ------------------------------------------------------------

class MaterialStatus(StrEnum):
    RECEIVED = "received"    # 已收，在有效期内
    EXPIRED = "expired"      # 已收，已过期（需重新提供）
    MISSING = "missing"      # 未收


MATERIAL_STATUS_ZH = {MaterialStatus.RECEIVED: "已收", MaterialStatus.EXPIRED: "已过期",
                      MaterialStatus.MISSING: "未收"}


def expiry(received_on: dt.date, validity_days: int | None) -> dt.date | None:
    """The day a copy received on ``received_on`` stops counting (None: never)."""
    return None if validity_days is None else received_on + dt.timedelta(days=validity_days)


@dataclass(frozen=True)
class MaterialMark:
    """An enterprise's mark for one material: received when, until when, for which case."""

    material_id: str
    received_on: dt.date | None          # None: not received (or removed)
    expires_on: dt.date | None = None    # None with a received_on: never expires
    case_id: str | None = None
    note: str | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.received_on is not None and self.received_on <= day and (
            self.expires_on is None or day < self.expires_on)


@dataclass(frozen=True)
class ChecklistLine:
    material_id: str
    status: MaterialStatus
    received_on: dt.date | None = None
    expires_on: dt.date | None = None
    case_id: str | None = None           # the case it was received for
    name: str = ""

    @property
    def status_zh(self) -> str:
        return MATERIAL_STATUS_ZH[self.status]


def checklist(required: Sequence[str], marks: Mapping[str, MaterialMark], on: dt.date,
              names: Mapping[str, str] | None = None) -> list[ChecklistLine]:
    """The batch's materials (in the batch's order), each received / expired / missing
    on ``on``, from the enterprise's marks (whichever case they were received for)."""
    out = []
    for mid in required:
        mark = marks.get(mid)
        name = (names or {}).get(mid, "")
        if mark is None or mark.received_on is None or mark.received_on > on:
            out.append(ChecklistLine(mid, MaterialStatus.MISSING, name=name))
            continue
        status = MaterialStatus.RECEIVED if mark.valid_on(on) else MaterialStatus.EXPIRED
        out.append(ChecklistLine(mid, status, mark.received_on, mark.expires_on, mark.case_id,
                                 name))
    return out


def missing_materials(lines: Iterable[ChecklistLine]) -> list[str]:
    """Material ids not (validly) in hand."""
    return [ln.material_id for ln in lines if ln.status is not MaterialStatus.RECEIVED]


# -- the fold ------------------------------------------------------------------------------

@dataclass
class CaseFold:
    state: CaseState | None = None
    created_at: dt.datetime | None = None
    submitted_on: dt.date | None = None
    redeemed_on: dt.date | None = None
    amount_redeemed: int | None = None
    reason: str | None = None                 # of the rejection or withdrawal in force
    materials: dict[str, MaterialMark] = field(default_factory=dict)   # received in this case
    requested: tuple[str, ...] = ()           # materials the reviewer asked for again
    reopen_count: int = 0
    supplement_count: int = 0
    event_count: int = 0
    last_event_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def fold(events: Iterable[CaseEvent], validity: Mapping[str, int | None] | None = None,
         case_id: str | None = None) -> CaseFold:
    state = CaseFold()
    for event in events:
        apply(state, event, validity, case_id)
    return state


def apply(state: CaseFold, event: CaseEvent, validity: Mapping[str, int | None] | None = None,
          case_id: str | None = None) -> CaseFold:
    """Fold one event into ``state`` (in place). Never raises on an event out of place,
    so an old log always replays; ``validity`` (material id -> validity_days) dates the
    expiry of materials received."""
    kind, data = event.type, event.data
    state.event_count += 1
    state.last_event_at = event.at
    if kind is _E.CREATED:
        state.state = _S.CONSULTING
        state.created_at = event.at
    elif kind is _E.PREPARATION_STARTED:
        state.state = _S.PREPARING
    elif kind is _E.MATERIAL_RECEIVED:
        if state.state is _S.CONSULTING:
            state.state = _S.PREPARING
        mid, day = data["material_id"], dt.date.fromisoformat(data["received_on"])
        state.materials[mid] = MaterialMark(mid, day, expiry(day, (validity or {}).get(mid)),
                                            case_id, data.get("note"))
        state.requested = tuple(m for m in state.requested if m != mid)
    elif kind is _E.MATERIAL_REMOVED:
        state.materials.pop(data["material_id"], None)
    elif kind is _E.SUBMITTED:
        state.state = _S.SUBMITTED
        state.submitted_on = dt.date.fromisoformat(data["submitted_on"])
    elif kind is _E.REVIEW_STARTED:
        state.state = _S.UNDER_REVIEW
    elif kind is _E.SUPPLEMENT_REQUESTED:
        state.state = _S.PREPARING
        state.supplement_count += 1
        state.requested = tuple(data.get("materials") or ())
    elif kind is _E.REDEEMED:
        state.state = _S.REDEEMED
        state.redeemed_on = dt.date.fromisoformat(data["redeemed_on"])
        state.amount_redeemed = data.get("amount")
    elif kind in (_E.REJECTED, _E.WITHDRAWN):
        state.state = _S.REJECTED if kind is _E.REJECTED else _S.WITHDRAWN
        state.reason = data.get("reason")
    elif kind is _E.REOPENED:
        state.state = _S.PREPARING
        state.reopen_count += 1
        state.reason = None
    return state


__all__ = [
    "CASE_NS",
    "EVENT_ZH",
    "MATERIAL_NS",
    "OPEN_STATES",
    "ROLE_EVENTS",
    "STATE_ZH",
    "TRANSITIONS",
    "CaseEvent",
    "CaseEventType",
    "CaseFold",
    "CaseState",
    "ChecklistLine",
    "MaterialMark",
    "MaterialStatus",
    "allowed_events",
    "apply",
    "case_id_for",
    "check_event_time",
    "check_submission_window",
    "check_transition",
    "checklist",
    "expiry",
    "fold",
    "material_row_id",
    "missing_materials",
    "validate_event_data",
]
