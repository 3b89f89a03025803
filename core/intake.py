"""What a counter clerk records when taking a request, and its checks.

A credit code that fails its check is a warning, never a silent accept: the clerk may
keep it only with a note saying why (real registries hold a few bad codes). A phone
number must be a real mobile or landline number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from core import validation as v
from core.identifiers import check_credit_code, check_phone
from core.tickets import Channel, RequestType
from core.validation import ValidationError

HEADER_FIELDS = ("channel", "type", "topic", "credit_code", "enterprise_name",
                 "contact_name", "contact_phone", "description", "filed_by", "town",
                 "credit_override_note")
# Header fields a desk may edit after intake; they merge per field when synced.
EDITABLE_FIELDS = ("contact_name", "contact_phone", "description", "type", "topic")

MAX_DESCRIPTION = 2000


@dataclass(frozen=True)
class Intake:
    channel: str
    type: str
    topic: str
    enterprise_name: str
    contact_name: str
    contact_phone: str
    description: str
    town: str
    credit_code: str | None = None
    filed_by: str | None = None
    credit_override_note: str | None = None
    region_code: str | None = None
    entity_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def validate_intake(data: Mapping[str, Any]) -> Intake:
    """Check a filled intake form; ``ValidationError`` names the first bad field."""
    v.no_unknown(data, HEADER_FIELDS, "intake")
    channel = v.choice(data, "channel", Channel, label_zh="受理渠道")
    kind = v.choice(data, "type", RequestType, label_zh="诉求类型")
    topic = v.text(data, "topic", max_len=50, label_zh="诉求主题")
    name = v.text(data, "enterprise_name", max_len=100, label_zh="企业名称")
    contact = v.text(data, "contact_name", max_len=50, label_zh="联系人")
    phone = validate_phone(data.get("contact_phone"))
    description = v.text(data, "description", max_len=MAX_DESCRIPTION, label_zh="诉求内容")
    town = v.text(data, "town", max_len=40, label_zh="所属镇街")
    filed_by = v.text(data, "filed_by", max_len=50, required=channel is Channel.VISIT,
                      label_zh="走访代提人")
    note = v.text(data, "credit_override_note", max_len=200, required=False,
                  label_zh="校验码例外说明")
    code, region, entity = None, None, None
    raw_code = data.get("credit_code")
    if raw_code not in (None, ""):
        if not isinstance(raw_code, str):
            raise ValidationError("credit_code", "expected text of 18 characters",
                                  message_zh="统一社会信用代码应为18位文本")
        result = check_credit_code(raw_code)
        code = result.code
        if not result.ok:
            fatal = [p for p in result.problems if p.rule != "check_character"]
            if fatal or not note:
                problem = (fatal or result.problems)[0]
                hint = "" if fatal else "; or keep it with credit_override_note saying why"
                hint_zh = "" if fatal else "；如确认无误，请填写例外说明"
                raise ValidationError("credit_code", problem.message_en + hint,
                                      message_zh=problem.message_zh + hint_zh)
        region, entity = result.region_code, result.entity_type
    elif note:
        raise ValidationError("credit_override_note", "only allowed with a credit code",
                              message_zh="未填写统一社会信用代码时无需例外说明")
    assert channel and kind and topic and name and contact and description and town
    return Intake(channel=channel.value, type=kind.value, topic=topic, enterprise_name=name,
                  contact_name=contact, contact_phone=phone, description=description,
                  town=town, credit_code=code, filed_by=filed_by,
                  credit_override_note=note if code else None, region_code=region,
                  entity_type=entity)


def validate_phone(raw: Any, field: str = "contact_phone") -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError(field, "required; expected a mobile or landline number",
                              message_zh="联系电话为必填项")
    if not isinstance(raw, str):
        raise ValidationError(field, "expected a phone number as text",
                              message_zh="联系电话应为文本")
    result = check_phone(raw)
    if not result.ok:
        problem = result.problems[0]
        raise ValidationError(field, problem.message_en, message_zh=problem.message_zh)
    return result.normalized


def validate_edit(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Header fields edited after intake, checked like at intake."""
    if not fields:
        raise ValidationError("fields", "nothing to change", message_zh="没有需要修改的字段")
    for name in fields:
        if name not in EDITABLE_FIELDS:
            raise ValidationError(name, f"cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}",
                                  message_zh=f"字段 {name} 不可修改")
    out: dict[str, Any] = {}
    if "contact_name" in fields:
        out["contact_name"] = v.text(fields, "contact_name", max_len=50, label_zh="联系人")
    if "contact_phone" in fields:
        out["contact_phone"] = validate_phone(fields["contact_phone"])
    if "description" in fields:
        out["description"] = v.text(fields, "description", max_len=MAX_DESCRIPTION,
                                     label_zh="诉求内容")
    if "type" in fields:
        out["type"] = v.choice(fields, "type", RequestType, label_zh="诉求类型").value
    if "topic" in fields:
        out["topic"] = v.text(fields, "topic", max_len=50, label_zh="诉求主题")
    return out
