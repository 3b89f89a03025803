"""Field checks shared by the desk and the server: every failure names its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

E = TypeVar("E", bound=Enum)


class ValidationError(ValueError):
    """Bad input. ``field`` names what is wrong; the message says what is expected."""

    def __init__(self, field: str, message: str, *, message_zh: str | None = None):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.message_zh = message_zh or message

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "message_zh": self.message_zh}


def text(data: Mapping[str, Any], field: str, *, max_len: int, required: bool = True,
         label_zh: str | None = None, min_len: int = 1) -> str | None:
    """A trimmed string of at most ``max_len`` characters (None when optional and absent)."""
    value = data.get(field)
    label = label_zh or field
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "required; expected non-empty text",
                                  message_zh=f"{label}为必填项")
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"expected text, got {type(value).__name__}",
                              message_zh=f"{label}应为文本")
    value = value.strip()
    if len(value) > max_len:
        raise ValidationError(field, f"too long: {len(value)} characters, at most {max_len}",
                              message_zh=f"{label}过长：{len(value)}字，最多{max_len}字")
    if len(value) < min_len:
        raise ValidationError(field, f"too short: at least {min_len} characters",
                              message_zh=f"{label}过短：至少{min_len}字")
    if "\x00" in value:
        raise ValidationError(field, "contains a NUL character", message_zh=f"{label}含非法字符")
    return value


def choice(data: Mapping[str, Any], field: str, enum: type[E], *, required: bool = True,
           label_zh: str | None = None) -> E | None:
    value = data.get(field)
    label = label_zh or field
    if value is None or value == "":
        if required:
            allowed = ", ".join(m.value for m in enum)
            raise ValidationError(field, f"required; expected one of {allowed}",
                                  message_zh=f"{label}为必填项")
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(field, f"unknown value {value!r}; expected one of {allowed}",
                              message_zh=f"{label}取值无效：{value!r}") from None


def date(data: Mapping[str, Any], field: str, *, required: bool = True,
         label_zh: str | None = None) -> dt.date | None:
    value = data.get(field)
    label = label_zh or field
    if value is None or value == "":
        if required:
            raise ValidationError(field, "required; expected a date YYYY-MM-DD",
                                  message_zh=f"{label}为必填项（YYYY-MM-DD）")
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(field, f"expected a date YYYY-MM-DD, got {value!r}",
                          message_zh=f"{label}应为日期（YYYY-MM-DD），实际为 {value!r}")


def moment(data: Mapping[str, Any], field: str, *, required: bool = True,
           label_zh: str | None = None) -> dt.datetime | None:
    value = data.get(field)
    label = label_zh or field
    if value is None or value == "":
        if required:
            raise ValidationError(field, "required; expected an ISO 8601 date-time with offset",
                                  message_zh=f"{label}为必填项")
        return None
    parsed: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ValidationError(
            field, f"expected an ISO 8601 date-time with offset, got {value!r}",
            message_zh=f"{label}应为带时区的时间（如 2026-10-10T17:30:00+08:00）")
    return parsed


def integer(data: Mapping[str, Any], field: str, *, lo: int, hi: int, required: bool = True,
            label_zh: str | None = None) -> int | None:
    value = data.get(field)
    label = label_zh or field
    if value is None:
        if required:
            raise ValidationError(field, f"required; expected a whole number {lo}..{hi}",
                                  message_zh=f"{label}为必填项")
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise ValidationError(field, f"expected a whole number {lo}..{hi}, got {value!r}",
                              message_zh=f"{label}应为 {lo} 至 {hi} 的整数")
    return value


def text_list(data: Mapping[str, Any], field: str, *, max_items: int, max_len: int,
              label_zh: str | None = None) -> list[str]:
    value = data.get(field) or []
    label = label_zh or field
    if not isinstance(value, list) or len(value) > max_items:
        raise ValidationError(field, f"expected a list of at most {max_items} texts",
                              message_zh=f"{label}应为不超过{max_items}项的列表")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"{field}[{i}]", "expected non-empty text",
                                  message_zh=f"{label}第{i + 1}项应为非空文本")
        out.append(text({f"{field}[{i}]": item}, f"{field}[{i}]", max_len=max_len,
                        label_zh=label))
    return out


def no_unknown(data: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(unknown[0], f"unknown field in {where}; expected only "
                                          f"{', '.join(sorted(allowed))}",
                              message_zh=f"{where} 含未知字段 {unknown[0]}")
