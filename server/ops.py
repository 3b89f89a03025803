"""Reading op payloads: each kind's shape checked with the rules of ``core`` (intake,
events, edits, credit codes), every failure naming its place in the op
(``payload.event.data.answer``). Nothing here touches the database."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

import orjson
from core import validation as v
from core.identifiers import check_credit_code
from core.ids import is_uuid
from core.intake import HEADER_FIELDS, Intake, validate_edit, validate_intake
from core.tickets import EventType, validate_event_data
from core.validation import ValidationError
from sync.ticket_writes import ENTERPRISE_NS

EVENT_KEYS = ("id", "type", "at", "actor", "role", "station", "data")
HEADER_EXTRA = ("local_number", "station_id", "created_by", "created_at", "enterprise_id")
ENTERPRISE_FIELDS = ("credit_code", "name", "town", "region_code", "entity_type", "profile")
MAX_PROFILE_BYTES = 16 * 1024


def _prefixed(where: str, exc: ValidationError) -> ValidationError:
    if exc.field.startswith(where):
        field = exc.field
    elif where.rsplit(".", 1)[-1] == exc.field:      # the check named the object itself
        field = where
    else:
        field = f"{where}.{exc.field}"
    return ValidationError(field, exc.message, message_zh=exc.message_zh)


def _object(value: Any, where: str, keys: tuple[str, ...], required: tuple[str, ...] = ()
            ) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(where, "expected an object", message_zh=f"{where} 应为对象")
    for key in value:
        if key not in keys:
            raise ValidationError(f"{where}.{key}", "unknown field; expected only "
                                  + ", ".join(keys), message_zh=f"{where} 含未知字段 {key}")
    for key in required:
        if key not in value:
            raise ValidationError(f"{where}.{key}", "required", message_zh=f"缺少 {where}.{key}")
    return value


@dataclass(frozen=True)
class ParsedEvent:
    """An event of a request (``EventType``) or of a redemption case (``CaseEventType``)."""

    id: str
    type: StrEnum
    at: dt.datetime
    actor: str
    station: str
    data: dict[str, Any]

    def doc(self, role: str, ord_: int) -> dict[str, Any]:
        return {"id": self.id, "type": self.type.value, "at": self.at.isoformat(),
                "actor": self.actor, "role": role, "station": self.station,
                "data": self.data, "ord": ord_}


def parse_event(value: Any, where: str = "payload.event", kinds: type[StrEnum] = EventType,
                validate: Callable[[Any, Mapping[str, Any]], dict[str, Any]]
                = validate_event_data) -> ParsedEvent:
    """An event object: its id, type (one of ``kinds``), stamp, and data checked by
    ``validate`` (the rules of ``core.tickets`` or ``core.cases``)."""
    obj = _object(value, where, EVENT_KEYS, ("id", "type", "at", "actor", "station"))
    if not is_uuid(obj["id"]):
        raise ValidationError(f"{where}.id", "expected a UUID", message_zh="事件编号应为 UUID")
    try:
        kind = v.choice(obj, "type", kinds, label_zh="事件类型")
        at = v.moment(obj, "at", label_zh="事件时间")
        actor = v.text(obj, "actor", max_len=64, label_zh="经办人")
        station = v.text(obj, "station", max_len=16, label_zh="窗口")
    except ValidationError as exc:
        raise _prefixed(where, exc) from None
    assert kind is not None and at is not None and actor and station
    raw = obj.get("data") or {}
    try:
        data = validate(kind, raw)
    except ValidationError as exc:
        raise _prefixed(f"{where}.data", exc) from None
    return ParsedEvent(str(obj["id"]).lower(), kind, at, actor, station, data)


@dataclass(frozen=True)
class ParsedCreate:
    intake: Intake
    header: dict[str, Any]          # as stored and sent in docs
    created_at: dt.datetime
    event: ParsedEvent


def parse_create(payload: Any) -> ParsedCreate:
    obj = _object(payload, "payload", ("header", "event"), ("header", "event"))
    where = "payload.header"
    raw = _object(obj["header"], where, HEADER_FIELDS + HEADER_EXTRA,
                  ("local_number", "station_id", "created_by", "created_at"))
    try:
        intake = validate_intake({k: raw[k] for k in HEADER_FIELDS if k in raw})
        local_number = v.text(raw, "local_number", max_len=32, label_zh="临时编号")
        station_id = v.text(raw, "station_id", max_len=16, label_zh="窗口")
        created_by = v.text(raw, "created_by", max_len=64, label_zh="受理人")
        created_at = v.moment(raw, "created_at", label_zh="受理时间")
    except ValidationError as exc:
        raise _prefixed(where, exc) from None
    assert created_at is not None
    enterprise_id = raw.get("enterprise_id")
    if enterprise_id is not None:
        if not is_uuid(enterprise_id):
            raise ValidationError(f"{where}.enterprise_id", "expected a UUID or null",
                                  message_zh="企业编号应为 UUID")
        if intake.credit_code and enterprise_id != enterprise_id_for(intake.credit_code):
            raise ValidationError(f"{where}.enterprise_id",
                                  "does not match the credit code (uuid5 of the code)",
                                  message_zh="企业编号与统一社会信用代码不符")
    event = parse_event(obj["event"])
    if event.type is not EventType.CREATED:
        raise ValidationError("payload.event.type", "expected 'created' for ticket.create",
                              message_zh="新建诉求的事件类型应为“受理”")
    if event.actor != created_by:
        raise ValidationError("payload.event.actor", "must be the header's created_by",
                              message_zh="受理事件的经办人应与受理人一致")
    if event.station != station_id:
        raise ValidationError("payload.event.station", "must be the header's station_id",
                              message_zh="受理事件的窗口应与诉求窗口一致")
    # Intake's fields, as Intake.to_json() gives them (without its deep copy)
    header = {f.name: getattr(intake, f.name) for f in fields(intake)
              if f.name not in ("region_code", "entity_type")}
    header.update(local_number=local_number, station_id=station_id, created_by=created_by,
                  created_at=created_at.isoformat(), enterprise_id=enterprise_id)
    return ParsedCreate(intake, header, created_at, event)


def parse_edit(payload: Any) -> dict[str, Any]:
    obj = _object(payload, "payload", ("fields",), ("fields",))
    if not isinstance(obj["fields"], Mapping):
        raise ValidationError("payload.fields", "expected an object", message_zh="修改内容应为对象")
    try:
        return validate_edit(obj["fields"])
    except ValidationError as exc:
        raise _prefixed("payload.fields", exc) from None


def enterprise_id_for(credit_code: str) -> str:
    return str(uuid.uuid5(ENTERPRISE_NS, credit_code))


def parse_enterprise(entity_id: str, payload: Any) -> dict[str, Any]:
    """The fields an enterprise.upsert carries (absent ones are not in the result)."""
    obj = _object(payload, "payload", ENTERPRISE_FIELDS)
    out: dict[str, Any] = {}
    try:
        if obj.get("credit_code") not in (None, ""):
            code = obj["credit_code"]
            if not isinstance(code, str):
                raise ValidationError("credit_code", "expected text of 18 characters",
                                      message_zh="统一社会信用代码应为18位文本")
            result = check_credit_code(code)
            fatal = [p for p in result.problems if p.rule != "check_character"]
            if fatal:   # a bad check character is kept, as the intake allows it with a note
                raise ValidationError("credit_code", fatal[0].message_en,
                                      message_zh=fatal[0].message_zh)
            out["credit_code"] = result.code
            out["region_code"], out["entity_type"] = result.region_code, result.entity_type
        for key, limit, zh in (("name", 100, "企业名称"), ("town", 40, "所属镇街")):
            if obj.get(key) is not None:
                out[key] = v.text(obj, key, max_len=limit, label_zh=zh)
        if obj.get("region_code") is not None and "region_code" not in out:
            out["region_code"] = _pattern(obj, "region_code", r"\d{6}", "六位行政区划代码")
        if obj.get("entity_type") is not None and "entity_type" not in out:
            out["entity_type"] = _pattern(obj, "entity_type", r"[0-9A-Z]{2}", "两位主体类型")
        if obj.get("profile") is not None:
            profile = obj["profile"]
            if not isinstance(profile, Mapping):
                raise ValidationError("profile", "expected an object", message_zh="企业画像应为对象")
            if len(orjson.dumps(profile)) > MAX_PROFILE_BYTES:
                raise ValidationError("profile", f"larger than {MAX_PROFILE_BYTES} bytes",
                                      message_zh="企业画像过大")
            out["profile"] = dict(profile)
    except ValidationError as exc:
        raise _prefixed("payload", exc) from None
    if "credit_code" in out:
        if entity_id != enterprise_id_for(out["credit_code"]):
            raise ValidationError("entity_id", "an enterprise with a credit code has the id "
                                  "uuid5(ENTERPRISE_NS, code)",
                                  message_zh="企业编号与统一社会信用代码不符")
    elif not is_uuid(entity_id):
        raise ValidationError("entity_id", "expected a UUID", message_zh="企业编号应为 UUID")
    return out


def _pattern(obj: Mapping[str, Any], key: str, pattern: str, zh: str) -> str:
    value = obj[key]
    if not isinstance(value, str) or not re.fullmatch(pattern, value):
        raise ValidationError(key, f"expected {pattern}", message_zh=f"{key} 应为{zh}")
    return value
