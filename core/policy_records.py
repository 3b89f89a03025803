"""What a navigator records about an enterprise besides its cases, and their checks
(shared by the desk and the server, so both refuse the same things with the same words):

- a **profile edit** (企业画像): some fields, each a fact with its provenance (or null
  to clear it); edits merge per field when synced, like a request's header fields;
- a **material mark**: a material received (or taken back) for the enterprise's
  reusable checklist (see ``core.cases``);
- a **manual targeting** (人工定向): an item pushed to an enterprise, with a reason;
- a **consultation** (政策咨询与评价): the enterprise's question about a policy, the
  answer given, and its rating (1-5) and comment.

The profile's own rules (field types, provenance) are ``core.enterprise``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core import validation as v
from core.enterprise import ENTERPRISE_FIELDS, EnterpriseProfile, Fact, ProfileError
from core.tickets import Role
from core.validation import ValidationError

try:  # the labels arrived with core.enterprise's later revisions
    from core.enterprise import FIELD_LABELS as _LABELS
except ImportError:  # pragma: no cover
    _LABELS = {}

PROFILE_ROLES = frozenset({Role.CLERK, Role.NAVIGATOR, Role.SUPERVISOR})
MATERIAL_ROLES = frozenset({Role.NAVIGATOR, Role.SUPERVISOR})
TARGETING_ROLES = frozenset({Role.NAVIGATOR, Role.SUPERVISOR})
CONSULTATION_ROLES = frozenset({Role.CLERK, Role.NAVIGATOR, Role.SUPERVISOR})
ROLE_ZH = {Role.CLERK: "受理员", Role.NAVIGATOR: "导办员", Role.SUPERVISOR: "督办",
           Role.ADMIN: "管理员"}
WHAT_ZH = {"profile": "修改企业画像", "material": "登记材料", "targeting": "人工定向推送",
           "consultation": "登记政策咨询"}
REASON_MAX = 500
QUESTION_MAX = 2000
ANSWER_MAX = 4000


def field_label(name: str) -> str:
    label = _LABELS.get(name)
    return label[0] if label else name


def check_role(role: Role, allowed: frozenset[Role], what: str) -> None:
    """Raise ``ValidationError`` (field ``role``) unless ``role`` may do ``what``."""
    if role not in allowed:
        raise ValidationError("role", f"a {role.value} may not {what}",
                              message_zh=f"{ROLE_ZH[role]}无权{WHAT_ZH.get(what, what)}")


# -- profile edits ---------------------------------------------------------------------------

def fact_json(name: str, fact: Any) -> dict[str, Any] | None:
    """One field's fact as the profile JSON holds it, checked (None clears the field).
    ``fact`` is a ``core.enterprise.Fact`` or its JSON form."""
    if fact is None:
        return None
    try:
        if isinstance(fact, Fact):
            return EnterpriseProfile(**{name: fact}).to_json()[name]
        if not isinstance(fact, Mapping):
            raise ProfileError(f"{name}: expected an object with value, source, as_of")
        return EnterpriseProfile.from_json({name: dict(fact)}).to_json()[name]
    except (ProfileError, TypeError) as exc:
        raise ValidationError(name, str(exc),
                              message_zh=f"“{field_label(name)}”填写有误：{exc}") from None


def validate_profile_edit(fields: Any) -> dict[str, dict[str, Any] | None]:
    """``{field: fact JSON | None}``, every field checked; names the first bad one."""
    if not isinstance(fields, Mapping) or not fields:
        raise ValidationError("fields", "nothing to change", message_zh="没有需要修改的画像字段")
    out: dict[str, dict[str, Any] | None] = {}
    for name, fact in fields.items():
        if name not in ENTERPRISE_FIELDS:
            raise ValidationError(str(name), "not a profile field; expected one of "
                                  + ", ".join(ENTERPRISE_FIELDS),
                                  message_zh=f"“{name}”不是企业画像字段")
        out[name] = fact_json(name, fact)
    return out


def overlay(profile: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """``profile`` with edited ``fields`` on top (None removes a field)."""
    out = dict(profile)
    for name, fact in fields.items():
        if fact is None:
            out.pop(name, None)
        else:
            out[name] = fact
    return out


# -- material marks, targeting, consultations ------------------------------------------------

def validate_material_mark(data: Mapping[str, Any]) -> dict[str, Any]:
    """``{material_id, received_on (None: taken back), case_id, note}``."""
    v.no_unknown(data, ("material_id", "received_on", "case_id", "note"), "material mark")
    day = v.date(data, "received_on", required=False, label_zh="收件日期")
    note = v.text(data, "note", max_len=REASON_MAX, required=False, label_zh="说明")
    if day is None and not note:
        raise ValidationError("note", "required when a material is taken back",
                              message_zh="撤下材料时请说明原因")
    return {"material_id": v.text(data, "material_id", max_len=64, label_zh="材料"),
            "received_on": day.isoformat() if day else None,
            "case_id": v.text(data, "case_id", max_len=36, required=False, label_zh="帮办案件"),
            "note": note}


def validate_targeting(data: Mapping[str, Any]) -> dict[str, Any]:
    """``{item_id, reason}``: the reason is required (人工定向须说明理由)."""
    v.no_unknown(data, ("item_id", "reason"), "targeting")
    return {"item_id": v.text(data, "item_id", max_len=64, label_zh="兑现事项"),
            "reason": v.text(data, "reason", max_len=REASON_MAX, min_len=2,
                             label_zh="定向推送理由")}


def validate_consultation(data: Mapping[str, Any]) -> dict[str, Any]:
    """``{item_id (None: a general question), question, answer, rating 1-5 | None,
    comment}``; a comment needs a rating."""
    v.no_unknown(data, ("item_id", "question", "answer", "rating", "comment"), "consultation")
    rating = v.integer(data, "rating", lo=1, hi=5, required=False, label_zh="评价星级")
    comment = v.text(data, "comment", max_len=REASON_MAX, required=False, label_zh="评价意见")
    if comment and rating is None:
        raise ValidationError("rating", "required with a comment",
                              message_zh="填写评价意见时请同时选择评价星级")
    return {"item_id": v.text(data, "item_id", max_len=64, required=False, label_zh="兑现事项"),
            "question": v.text(data, "question", max_len=QUESTION_MAX, label_zh="咨询内容"),
            "answer": v.text(data, "answer", max_len=ANSWER_MAX, required=False,
                             label_zh="答复内容"),
            "rating": rating, "comment": comment}
