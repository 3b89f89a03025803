"""Reading the payloads of the policy-redemption ops (``docs/protocol.md``, "Cases"):
each shape checked with the rules of ``core.cases`` and ``core.policy_records``, every
failure naming its place in the op (``payload.event.data.received_on``). Nothing here
touches the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core import validation as v
from core.cases import CaseEventType, case_id_for, material_row_id, validate_event_data
from core.ids import is_uuid
from core.policy_records import (validate_consultation, validate_material_mark,
                                 validate_profile_edit, validate_targeting)
from core.validation import ValidationError
from server.ops import ParsedEvent, _object, _prefixed, parse_event

STAMP = ("actor", "station", "at")
CASE_HEADER = ("enterprise_id", "item_id", "batch_id", "station_id", "created_by",
               "created_at")


@dataclass(frozen=True)
class Stamp:
    actor: str
    station: str
    at: dt.datetime


def parse_stamp(obj: Mapping[str, Any], where: str = "payload") -> Stamp:
    try:
        actor = v.text(obj, "actor", max_len=64, label_zh="经办人")
        station = v.text(obj, "station", max_len=16, label_zh="窗口")
        at = v.moment(obj, "at", label_zh="登记时间")
    except ValidationError as exc:
        raise _prefixed(where, exc) from None
    assert actor and station and at
    return Stamp(actor, station, at)


def parse_case_event(value: Any, where: str = "payload.event") -> ParsedEvent:
    return parse_event(value, where, CaseEventType, validate_event_data)


def only_event(payload: Any) -> ParsedEvent:
    if not isinstance(payload, Mapping) or set(payload) != {"event"}:
        extra = sorted(set(payload) - {"event"}) if isinstance(payload, Mapping) else []
        raise ValidationError(f"payload.{extra[0]}" if extra else "payload.event",
                              "expected exactly {\"event\": {...}}",
                              message_zh="事件操作的内容应只包含 event")
    return parse_case_event(payload["event"])


@dataclass(frozen=True)
class ParsedCaseCreate:
    header: dict[str, Any]
    event: ParsedEvent


def parse_case_create(entity_id: str, payload: Any) -> ParsedCaseCreate:
    obj = _object(payload, "payload", ("header", "event"), ("header", "event"))
    where = "payload.header"
    raw = _object(obj["header"], where, CASE_HEADER, CASE_HEADER)
    try:
        header = {k: v.text(raw, k, max_len=64 if k != "station_id" else 16)
                  for k in ("enterprise_id", "item_id", "batch_id", "station_id", "created_by")}
        created_at = v.moment(raw, "created_at", label_zh="建立时间")
    except ValidationError as exc:
        raise _prefixed(where, exc) from None
    assert created_at is not None
    if not is_uuid(header["enterprise_id"]):
        raise ValidationError(f"{where}.enterprise_id", "expected a UUID",
                              message_zh="企业编号应为 UUID")
    if entity_id != case_id_for(header["enterprise_id"], header["item_id"], header["batch_id"]):
        raise ValidationError("entity_id", "a case's id is uuid5(CASE_NS, enterprise|item|batch)",
                              message_zh="帮办案件编号与企业、事项、批次不符")
    event = parse_case_event(obj["event"])
    if event.type is not CaseEventType.CREATED:
        raise ValidationError("payload.event.type", "expected 'created' for case.create",
                              message_zh="建立帮办案件的事件类型应为“建立帮办”")
    if event.actor != header["created_by"]:
        raise ValidationError("payload.event.actor", "must be the header's created_by",
                              message_zh="建立事件的经办人应与建立人一致")
    if event.station != header["station_id"]:
        raise ValidationError("payload.event.station", "must be the header's station_id",
                              message_zh="建立事件的窗口应与案件窗口一致")
    header["created_at"] = created_at.isoformat()
    return ParsedCaseCreate(header, event)


def _checked(where: str, check: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    try:
        return check(data)
    except ValidationError as exc:
        raise _prefixed(where, exc) from None


def _enterprise_id(obj: Mapping[str, Any]) -> str:
    value = obj.get("enterprise_id")
    if not is_uuid(value):
        raise ValidationError("payload.enterprise_id", "expected a UUID",
                              message_zh="企业编号应为 UUID")
    return str(value)


def parse_profile_edit(payload: Any) -> tuple[dict[str, Any], Stamp]:
    obj = _object(payload, "payload", ("fields", *STAMP), ("fields", *STAMP))
    return _checked("payload.fields", validate_profile_edit, obj["fields"]), parse_stamp(obj)


def parse_material_mark(entity_id: str, payload: Any) -> tuple[str, dict[str, Any], Stamp]:
    keys = ("enterprise_id", "material_id", "received_on", "case_id", "note", *STAMP)
    obj = _object(payload, "payload", keys, ("enterprise_id", "material_id", *STAMP))
    enterprise_id = _enterprise_id(obj)
    mark = _checked("payload", validate_material_mark,
                    {k: obj.get(k) for k in ("material_id", "received_on", "case_id", "note")})
    if mark["case_id"] is not None and not is_uuid(mark["case_id"]):
        raise ValidationError("payload.case_id", "expected a UUID or null",
                              message_zh="帮办案件编号应为 UUID")
    if entity_id != material_row_id(enterprise_id, mark["material_id"]):
        raise ValidationError("entity_id", "a checklist line's id is uuid5(MATERIAL_NS, "
                              "enterprise|material)", message_zh="材料记录编号与企业、材料不符")
    return enterprise_id, mark, parse_stamp(obj)


def parse_targeting(entity_id: str, payload: Any) -> tuple[str, dict[str, Any], Stamp]:
    obj = _object(payload, "payload", ("enterprise_id", "item_id", "reason", *STAMP),
                  ("enterprise_id", "item_id", "reason", *STAMP))
    if not is_uuid(entity_id):
        raise ValidationError("entity_id", "expected a UUID", message_zh="定向推送编号应为 UUID")
    return (_enterprise_id(obj), _checked("payload", validate_targeting,
                                          {"item_id": obj["item_id"], "reason": obj["reason"]}),
            parse_stamp(obj))


def parse_consultation(entity_id: str, payload: Any) -> tuple[str, dict[str, Any], Stamp]:
    fields = ("item_id", "question", "answer", "rating", "comment")
    obj = _object(payload, "payload", ("enterprise_id", *fields, *STAMP),
                  ("enterprise_id", "question", *STAMP))
    if not is_uuid(entity_id):
        raise ValidationError("entity_id", "expected a UUID", message_zh="咨询记录编号应为 UUID")
    return (_enterprise_id(obj), _checked("payload", validate_consultation,
                                          {k: obj.get(k) for k in fields}), parse_stamp(obj))
