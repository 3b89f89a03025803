"""Chinese telephone numbers: mobiles, landlines with area codes (Zhongshan is 0760),
and service numbers; checked with a message that says what is expected, and masked for
lists."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from core.problem import Problem


ZHONGSHAN_AREA_CODE = "0760"
_PHONE = "phone"

# Characters that may separate groups of digits; they carry no meaning.
_PHONE_SEPARATORS = str.maketrans("", "", " \t\r\n\u00a0\u3000\u200b\ufeff-()（）.·"
                                          "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63")
# Extension markers: 转, 分机, ext, ext., x, #.
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)(.*)$", re.IGNORECASE)
# Two numbers in one field: "0760-88888888 / 13800138000".
_SEVERAL = re.compile(r"\d\s*[,，;；/、|]\s*\+?\d")
# "0760-88888888-801": a third hyphen group after a full landline is an extension.
_DASH_EXTENSION = re.compile(r"^(0\d{2,3})[-\s]+(\d{7,8})[-\s]+(\d{1,6})$")

# Short numbers with no area code, and their Chinese names where they are well known.
_SERVICE_SHORT = {
    "110": "报警", "119": "火警", "120": "急救", "122": "交通事故",
    "12345": "政务服务便民热线", "12315": "市场监管投诉举报", "12366": "纳税服务",
    "12333": "人力资源和社会保障", "12348": "公共法律服务", "12319": "城建服务",
    "12369": "环保举报", "12358": "价格举报", "12331": "食品药品投诉",
}


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    text: str                  # the input as typed
    ok: bool
    kind: str | None           # "mobile" | "landline" | "service" | None
    normalized: str | None     # storage form, None when not ok
    problems: tuple[Problem, ...]
    area_code: str | None = None
    number: str | None = None  # the subscriber number (landline) or the whole number
    extension: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "ok": self.ok, "kind": self.kind,
                "normalized": self.normalized,
                "problems": [p.to_json() for p in self.problems],
                "area_code": self.area_code, "number": self.number,
                "extension": self.extension}


def _pp(rule: str, zh: str, en: str) -> Problem:
    return Problem(rule, _PHONE, zh, en)


def _fail(text: str, kind: str | None, *problems: Problem) -> PhoneCheck:
    return PhoneCheck(text, False, kind, None, tuple(problems))


def _service(text: str, digits: str) -> PhoneCheck | None:
    n = len(digits)
    if digits in _SERVICE_SHORT:
        return PhoneCheck(text, True, "service", digits, (), number=digits)
    if n == 5 and digits.startswith("1") and digits[1] in "0126":
        # 10xxx / 11xxx / 12xxx / 16xxx carrier and public service numbers
        return PhoneCheck(text, True, "service", digits, (), number=digits)
    if digits[:2] in ("95", "96") and 5 <= n <= 8:
        return PhoneCheck(text, True, "service", digits, (), number=digits)
    if digits[:3] in ("400", "800"):
        if n != 10:
            return _fail(text, "service", _pp(
                "length", f"{digits[:3]} 号码应为10位，实际为{n}位",
                f"{digits[:3]} numbers have 10 digits, got {n}"))
        norm = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        return PhoneCheck(text, True, "service", norm, (), number=digits)
    return None


def _split_area(digits: str) -> tuple[str, str] | None:
    """Split '0' + area code + number; None when the area code is impossible."""
    if digits.startswith("010") or (digits.startswith("02") and len(digits) >= 3):
        return digits[:3], digits[3:]
    if len(digits) >= 4 and digits[1] in "3456789":
        return digits[:4], digits[4:]
    return None


def check_phone(text: str) -> PhoneCheck:
    """Check a phone number typed at the counter and give its storage form."""
    raw = text or ""
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        return _fail(raw, None, _pp("empty", "未填写联系电话", "the phone number is empty"))

    if _SEVERAL.search(s):
        return _fail(raw, None, _pp(
            "several", "请只填写一个电话号码", "enter one phone number only"))
    extension: str | None = None
    m = _EXTENSION.search(s)
    if m:
        extension = m.group(1).translate(_PHONE_SEPARATORS)
        s = s[:m.start()]
        if not (extension.isascii() and extension.isdigit() and 1 <= len(extension) <= 6):
            return _fail(raw, None, _pp(
                "extension", f"分机号应为1-6位数字，实际为 '{extension}'",
                f"the extension must be 1-6 digits, got '{extension}'"))
    else:
        dm = _DASH_EXTENSION.match(s)
        if dm:
            s, extension = dm.group(1) + dm.group(2), dm.group(3)
    digits = s.translate(_PHONE_SEPARATORS)
    had_plus = digits.startswith("+")
    if had_plus:
        digits = digits[1:]
    if not digits:
        return _fail(raw, None, _pp("empty", "未填写联系电话", "the phone number is empty"))
    if not (digits.isascii() and digits.isdigit()):
        bad = next(ch for ch in digits if not (ch.isascii() and ch.isdigit()))
        return _fail(raw, None, _pp(
            "charset", f"电话号码含非法字符 '{bad}'（只能是数字，可带区号、分机号）",
            f"illegal character '{bad}' in the phone number (digits only, "
            "with an optional area code and extension)"))

    # Country code: +86 / 0086 before a mobile or an area code (whose 0 is then
    # usually dropped: +86 760 8888 8888); a bare 86 only before a mobile.
    international = False
    if had_plus or digits.startswith("00"):
        body = digits if had_plus else digits[2:]
        if not body.startswith("86"):
            return _fail(raw, None, _pp(
                "country_code", "只接受中国大陆号码（国家代码 +86）",
                "only mainland China numbers (country code +86) are accepted"))
        digits, international = body[2:], True
    elif (len(digits) == 13 and digits.startswith("861")
          or 12 <= len(digits) <= 14 and digits.startswith("860")):
        digits, international = digits[2:], True   # 86 138…, 86 0760 …
    if international and digits[:1] not in ("0", "1", ""):
        digits = "0" + digits

    if digits.startswith("1"):
        if extension is None:
            service = _service(raw, digits)
            if service is not None:
                return service
        if len(digits) != 11:
            return _fail(raw, "mobile", _pp(
                "length", f"手机号应为11位，实际为{len(digits)}位",
                f"a mobile number has 11 digits, got {len(digits)}"))
        if digits[1] not in "3456789":
            return _fail(raw, "mobile", _pp(
                "mobile_prefix", f"手机号应以 13-19 开头，实际为 {digits[:2]}",
                f"a mobile number starts with 13-19, got {digits[:2]}"))
        if extension is not None:
            return _fail(raw, "mobile", _pp(
                "extension", "手机号不能带分机号", "a mobile number has no extension"))
        return PhoneCheck(raw, True, "mobile", digits, (), number=digits)

    if not digits.startswith("0"):
        if extension is None:
            service = _service(raw, digits)
            if service is not None:
                return service
        if len(digits) == 8:  # a bare local number: Zhongshan's
            digits = ZHONGSHAN_AREA_CODE + digits
        else:
            return _fail(raw, "landline", _pp(
                "length",
                f"未带区号的本地固话应为8位（中山 0760），实际为{len(digits)}位；"
                "外地号码请加区号",
                f"a local number without area code has 8 digits (Zhongshan 0760), got "
                f"{len(digits)}; add the area code for other cities"))

    split = _split_area(digits)
    if split is None:
        return _fail(raw, "landline", _pp(
            "area_code",
            f"区号 '{digits[:4]}' 无效（应为 010、020-029 或 0 加三位数字，如 0760）",
            f"area code '{digits[:4]}' is invalid (expected 010, 020-029 or 0 followed "
            "by three digits, e.g. 0760)"))
    area, local = split
    if extension is None and (local in _SERVICE_SHORT
                              or (len(local) == 5 and local.startswith("12"))):
        return PhoneCheck(raw, True, "service", f"{area}-{local}", (), area_code=area,
                          number=local)
    if not 7 <= len(local) <= 8:
        return _fail(raw, "landline", _pp(
            "local_number", f"区号 {area} 后的号码应为7-8位，实际为{len(local)}位",
            f"the number after area code {area} has 7-8 digits, got {len(local)}"))
    if local[0] in "01":
        return _fail(raw, "landline", _pp(
            "local_number", f"区号 {area} 后的号码不能以 {local[0]} 开头",
            f"the number after area code {area} cannot start with {local[0]}"))
    if area == ZHONGSHAN_AREA_CODE and len(local) != 8:
        return _fail(raw, "landline", _pp(
            "local_number", f"中山（0760）的固话号码应为8位，实际为{len(local)}位",
            f"Zhongshan (0760) numbers have 8 digits, got {len(local)}"))
    norm = f"{area}-{local}" + (f"转{extension}" if extension else "")
    return PhoneCheck(raw, True, "landline", norm, (), area_code=area, number=local,
                      extension=extension)


def mask_phone(normalized: str) -> str:
    """The form shown in lists: ``138****5678``, ``0760-8***5678``.

    Service numbers are public and shown as they are; an extension is kept.
    Unrecognised input is masked in its middle so nothing leaks in full.
    """
    if not normalized:
        return ""
    check = check_phone(normalized)
    if not check.ok:
        digits = [i for i, ch in enumerate(normalized) if ch.isdigit()]
        if len(digits) <= 4:
            return normalized
        hide = set(digits[min(3, len(digits) - 4):-4])
        return "".join("*" if i in hide else ch for i, ch in enumerate(normalized))
    if check.kind == "service":
        return check.normalized or normalized
    number = check.number or ""
    if check.kind == "mobile":
        return number[:3] + "****" + number[-4:]
    masked = number[0] + "*" * (len(number) - 5) + number[-4:]
    out = f"{check.area_code}-{masked}"
    if check.extension:
        out += f"转{check.extension}"
    return out
