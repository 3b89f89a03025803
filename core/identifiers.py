"""Identifiers a clerk types at the counter: the unified social credit code and phones.

Unified social credit code (统一社会信用代码, GB 32100-2015)
------------------------------------------------------------
18 characters over the 31-symbol charset ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O,
S, V, Z):

====== ================================================================
pos    meaning
====== ================================================================
1      registering authority (登记管理部门代码): 9 = 工商 / 市场监管 …
2      entity type under that authority (机构类别代码): 91 = 企业 …
3-8    administrative region (行政区划码, GB/T 2260): 442000 = 中山市
9-17   organisation code body (主体标识码, GB 11714 organisation code)
18     check character
====== ================================================================

``check_credit_code`` normalises what was typed or pasted, decodes it and lists every
rule it breaks with a bilingual message. A failed check is a *warning*: the clerk may
override it with a note (real registries hold a few bad codes); the caller decides.
Problem rules: ``empty``, ``length``, ``charset``, ``check_character``, ``authority``,
``entity_type`` and ``region`` (a letter among the six region digits).
``partial_credit_code`` is for as-you-type checking: it only reports what is already
certain for a prefix, so a half-typed code is never nagged about its length.

Phone numbers
-------------
``check_phone`` recognises mainland mobiles (11 digits, 13-19), landlines (area code +
7-8 digit number, optional extension; a bare 8-digit number is taken as Zhongshan's
0760) and service numbers (12345, 95xxx, 400/800 …), and gives a normalised form for
storage; ``mask_phone`` gives the form shown in lists. Phone problem rules: ``empty``,
``charset``, ``several`` (two numbers in one field), ``country_code`` (not +86),
``length``, ``mobile_prefix``, ``area_code``, ``local_number``, ``extension``.

Everything here is pure Python; results are frozen dataclasses with ``to_json()``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from core.problem import Problem  # re-exported: callers import it from here

__all__ = [
    "AUTHORITIES",
    "CHARSET",
    "WEIGHTS",
    "ZHONGSHAN_AREA_CODE",
    "ZHONGSHAN_REGION",
    "CreditCodeCheck",
    "PartialCreditCodeCheck",
    "PhoneCheck",
    "Problem",
    "check_credit_code",
    "check_phone",
    "credit_check_character",
    "make_credit_code",
    "mask_phone",
    "normalize_credit_code",
    "partial_credit_code",
    "region_label",
]



# ------------------------------------------------------------ credit code: the tables

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}
_FIELD = "credit_code"
ZHONGSHAN_REGION = "442000"

# Letters the standard leaves out, and the digit a clerk most likely meant.
_EXCLUDED_HINT = {"O": "0", "I": "1", "Z": "2", "S": "5", "V": None}


@dataclass(frozen=True, slots=True)
class Authority:
    code: str
    label_zh: str
    label_en: str
    types: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (zh, en)


def _types(*items: tuple[str, str, str]) -> dict[str, tuple[str, str]]:
    return {code: (zh, en) for code, zh, en in items}


_OTHER = ("9", "其他", "Other")
# GB 32100-2015 appendix A (登记管理部门代码) and B (机构类别代码). Authority 9 is
# "工商" in the standard's text; that function is now the market regulator's (市场监管).
AUTHORITIES: dict[str, Authority] = {a.code: a for a in (
    Authority("1", "机构编制", "Institutional staffing", _types(
        ("1", "机关", "Government organ"),
        ("2", "事业单位", "Public institution"),
        ("3", "中央编办直接管理机构编制的群众团体",
         "Mass organisation staffed directly by the central staffing office"),
        _OTHER)),
    Authority("2", "外交", "Foreign affairs", _types(
        ("1", "外国常驻新闻机构", "Resident foreign news agency"),
        _OTHER)),
    Authority("3", "司法行政", "Judicial administration", _types(
        ("1", "律师执业机构", "Law firm"),
        ("2", "公证处", "Notary office"),
        ("3", "基层法律服务所", "Grassroots legal service office"),
        ("4", "司法鉴定机构", "Forensic appraisal institution"),
        ("5", "仲裁委员会", "Arbitration commission"),
        _OTHER)),
    Authority("4", "文化", "Culture", _types(
        ("1", "外国在华文化中心", "Foreign cultural centre in China"),
        _OTHER)),
    Authority("5", "民政", "Civil affairs", _types(
        ("1", "社会团体", "Social organisation"),
        ("2", "民办非企业单位", "Private non-enterprise unit"),
        ("3", "基金会", "Foundation"),
        _OTHER)),
    Authority("6", "旅游", "Tourism", _types(
        ("1", "外国旅游部门常驻代表机构", "Resident office of a foreign tourism authority"),
        ("2", "港澳台地区旅游部门常驻内地（大陆）代表机构",
         "Resident mainland office of a Hong Kong, Macao or Taiwan tourism authority"),
        _OTHER)),
    Authority("7", "宗教", "Religious affairs", _types(
        ("1", "宗教活动场所", "Place of religious activity"),
        ("2", "宗教院校", "Religious school"),
        _OTHER)),
    Authority("8", "工会", "Trade unions", _types(
        ("1", "基层工会", "Grassroots trade union"),
        _OTHER)),
    Authority("9", "工商/市场监管", "Market regulation (industry and commerce)", _types(
        ("1", "企业", "Enterprise"),
        ("2", "个体工商户", "Individual business"),
        ("3", "农民专业合作社", "Farmers' specialised cooperative"))),
    Authority("A", "中央军委改革和编制办公室", "CMC Reform and Staffing Office", _types(
        ("1", "军队事业单位", "Military public institution"),
        _OTHER)),
    Authority("N", "农业", "Agriculture", _types(
        ("1", "组级集体经济组织", "Group-level collective economic organisation"),
        ("2", "村级集体经济组织", "Village-level collective economic organisation"),
        ("3", "乡镇级集体经济组织", "Township-level collective economic organisation"),
        _OTHER)),
    Authority("Y", "其他", "Other", _types(("1", "其他", "Other"))),
)}
_AUTHORITY_LIST = "、".join(AUTHORITIES)

# GB/T 2260 province-level codes (first two digits).
_PROVINCES: dict[str, tuple[str, str]] = {
    "11": ("北京市", "Beijing"), "12": ("天津市", "Tianjin"), "13": ("河北省", "Hebei"),
    "14": ("山西省", "Shanxi"), "15": ("内蒙古自治区", "Inner Mongolia"),
    "21": ("辽宁省", "Liaoning"), "22": ("吉林省", "Jilin"),
    "23": ("黑龙江省", "Heilongjiang"), "31": ("上海市", "Shanghai"),
    "32": ("江苏省", "Jiangsu"), "33": ("浙江省", "Zhejiang"), "34": ("安徽省", "Anhui"),
    "35": ("福建省", "Fujian"), "36": ("江西省", "Jiangxi"), "37": ("山东省", "Shandong"),
    "41": ("河南省", "Henan"), "42": ("湖北省", "Hubei"), "43": ("湖南省", "Hunan"),
    "44": ("广东省", "Guangdong"), "45": ("广西壮族自治区", "Guangxi"),
    "46": ("海南省", "Hainan"), "50": ("重庆市", "Chongqing"), "51": ("四川省", "Sichuan"),
    "52": ("贵州省", "Guizhou"), "53": ("云南省", "Yunnan"),
    "54": ("西藏自治区", "Tibet"), "61": ("陕西省", "Shaanxi"), "62": ("甘肃省", "Gansu"),
    "63": ("青海省", "Qinghai"), "64": ("宁夏回族自治区", "Ningxia"),
    "65": ("新疆维吾尔自治区", "Xinjiang"), "71": ("台湾省", "Taiwan"),
    "81": ("香港特别行政区", "Hong Kong"), "82": ("澳门特别行政区", "Macao"),
}
# Guangdong's prefecture-level cities (GB/T 2260).
_GUANGDONG: dict[str, tuple[str, str]] = {
    "440100": ("广州市", "Guangzhou"), "440200": ("韶关市", "Shaoguan"),
    "440300": ("深圳市", "Shenzhen"), "440400": ("珠海市", "Zhuhai"),
    "440500": ("汕头市", "Shantou"), "440600": ("佛山市", "Foshan"),
    "440700": ("江门市", "Jiangmen"), "440800": ("湛江市", "Zhanjiang"),
    "440900": ("茂名市", "Maoming"), "441200": ("肇庆市", "Zhaoqing"),
    "441300": ("惠州市", "Huizhou"), "441400": ("梅州市", "Meizhou"),
    "441500": ("汕尾市", "Shanwei"), "441600": ("河源市", "Heyuan"),
    "441700": ("阳江市", "Yangjiang"), "441800": ("清远市", "Qingyuan"),
    "441900": ("东莞市", "Dongguan"), "442000": ("中山市", "Zhongshan"),
    "445100": ("潮州市", "Chaozhou"), "445200": ("揭阳市", "Jieyang"),
    "445300": ("云浮市", "Yunfu"),
}


def region_label(region_code: str, lang: str = "zh") -> str | None:
    """The place a 6-digit GB/T 2260 code names, as precisely as the tables know it.

    Guangdong's prefecture-level cities are named (a district code falls back to its
    city); elsewhere the province; ``100000`` is a national-level registration.
    """
    if len(region_code) != 6 or not region_code.isascii() or not region_code.isdigit():
        return None
    zh = lang.startswith("zh")
    if region_code == "100000":
        return "国家级（全国）" if zh else "National"
    province = _PROVINCES.get(region_code[:2])
    if province is None:
        return None
    city = _GUANGDONG.get(region_code[:4] + "00")
    if city is None:
        return province[0] if zh else province[1]
    return province[0] + city[0] if zh else f"{city[1]}, {province[1]}"


# ---------------------------------------------------------- credit code: the checking

# Space-like and dash-like characters a pasted code may carry. Full-width forms are
# folded by NFKC first.
_STRIP_CHARS = str.maketrans("", "", " \t\r\n\u00a0\u3000\u200b\ufeff-\u2010\u2011\u2012"
                                     "\u2013\u2014\u2015\u2212\ufe63\uff0d")


def normalize_credit_code(text: str) -> str:
    """Strip, drop spaces and hyphens, fold full-width to half-width, upper-case."""
    return unicodedata.normalize("NFKC", text or "").translate(_STRIP_CHARS).upper()


def credit_check_character(first17: str) -> str:
    """The check character for the first 17 characters (which must be in CHARSET)."""
    if len(first17) != 17:
        raise ValueError(f"need 17 characters, got {len(first17)}")
    try:
        total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS))
    except KeyError as exc:
        raise ValueError(f"illegal character {exc.args[0]!r} in {first17!r}") from None
    return CHARSET[(31 - total % 31) % 31]


def make_credit_code(body17: str) -> str:
    """``body17`` (normalised) with the right check character appended."""
    body = normalize_credit_code(body17)
    return body + credit_check_character(body)


@dataclass(frozen=True, slots=True)
class CreditCodeCheck:
    code: str                       # normalised input
    ok: bool
    problems: tuple[Problem, ...]   # rules: see the module docstring
    authority: str | None           # position 1, when present
    authority_label: str | None     # Chinese label, None when unknown
    entity_type: str | None         # position 2, when present
    entity_type_label: str | None
    region_code: str | None         # positions 3-8, when all six are there
    region_label: str | None
    expected_check: str | None      # the right 18th character, when computable
    org_code: str | None = None     # positions 9-17, when all nine are there
    authority_label_en: str | None = None
    entity_type_label_en: str | None = None
    region_label_en: str | None = None

    @property
    def is_enterprise(self) -> bool:
        """Registered by the market regulator (9x: 企业, 个体工商户, 农民专业合作社)."""
        return self.authority == "9"

    def rules(self) -> list[str]:
        return [p.rule for p in self.problems]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
            "authority": self.authority, "authority_label": self.authority_label,
            "authority_label_en": self.authority_label_en,
            "entity_type": self.entity_type, "entity_type_label": self.entity_type_label,
            "entity_type_label_en": self.entity_type_label_en,
            "region_code": self.region_code, "region_label": self.region_label,
            "region_label_en": self.region_label_en,
            "org_code": self.org_code, "expected_check": self.expected_check,
            "is_enterprise": self.is_enterprise,
        }


@dataclass(frozen=True, slots=True)
class PartialCreditCodeCheck:
    """What is already certain about a code still being typed.

    ``problems`` holds only problems no further typing can fix (an illegal character,
    too many characters, an unknown authority or entity type), and, once all 18
    characters are there (``complete``), every problem of the full check.
    """

    code: str
    complete: bool
    problems: tuple[Problem, ...]
    authority: str | None
    authority_label: str | None
    entity_type: str | None
    entity_type_label: str | None
    region_code: str | None
    region_label: str | None
    expected_check: str | None

    @property
    def ok(self) -> bool:
        """Complete and valid."""
        return self.complete and not self.problems

    @property
    def plausible(self) -> bool:
        """Nothing wrong yet: the code can still become valid."""
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "complete": self.complete, "ok": self.ok,
            "plausible": self.plausible,
            "problems": [p.to_json() for p in self.problems],
            "authority": self.authority, "authority_label": self.authority_label,
            "entity_type": self.entity_type, "entity_type_label": self.entity_type_label,
            "region_code": self.region_code, "region_label": self.region_label,
            "expected_check": self.expected_check,
        }


_MAX_CHARSET_PROBLEMS = 5


def _charset_problems(code: str) -> list[Problem]:
    bad = [(i, ch) for i, ch in enumerate(code, 1) if ch not in _VALUE]
    out: list[Problem] = []
    for pos, ch in bad[:_MAX_CHARSET_PROBLEMS]:
        if ch in _EXCLUDED_HINT:
            hint = _EXCLUDED_HINT[ch]
            zh = f"第{pos}位含非法字符 '{ch}'（统一社会信用代码不使用 I、O、S、V、Z）"
            en = (f"position {pos}: illegal character '{ch}' "
                  "(the code never uses I, O, S, V or Z)")
            if hint:
                zh += f"，是否应为数字 {hint}？"
                en += f"; did you mean the digit {hint}?"
        else:
            zh = (f"第{pos}位含非法字符 '{ch}'"
                  "（只能是数字 0-9 和除 I、O、S、V、Z 外的大写字母）")
            en = (f"position {pos}: illegal character '{ch}' "
                  "(only digits 0-9 and capital letters other than I, O, S, V, Z)")
        out.append(Problem("charset", _FIELD, zh, en))
    if len(bad) > _MAX_CHARSET_PROBLEMS:
        more = len(bad) - _MAX_CHARSET_PROBLEMS
        out.append(Problem("charset", _FIELD, f"另有 {more} 处非法字符",
                           f"{more} more illegal character(s)"))
    return out


def _length_problem(n: int) -> Problem:
    return Problem("length", _FIELD, f"长度应为18位，实际为{n}位",
                   f"length: expected 18 characters, got {n}")


def _decode(code: str, problems: list[Problem]) -> dict[str, Any]:
    """Decode positions 1-8 (as far as present), appending authority/type problems."""
    out: dict[str, Any] = dict.fromkeys(
        ("authority", "authority_label", "authority_label_en", "entity_type",
         "entity_type_label", "entity_type_label_en", "region_code", "region_label",
         "region_label_en"))
    if not code:
        return out
    auth_code = code[0]
    out["authority"] = auth_code
    auth = AUTHORITIES.get(auth_code)
    if auth is None:
        if auth_code in _VALUE:  # an illegal character was already reported
            problems.append(Problem(
                "authority", _FIELD,
                f"第1位登记管理部门代码 '{auth_code}' 无效（应为 {_AUTHORITY_LIST} 之一）",
                f"position 1: '{auth_code}' is not a registering authority "
                f"(expected one of {', '.join(AUTHORITIES)})"))
    else:
        out["authority_label"] = auth.label_zh
        out["authority_label_en"] = auth.label_en
    if len(code) >= 2:
        type_code = code[1]
        out["entity_type"] = type_code
        if auth is not None:
            label = auth.types.get(type_code)
            if label is None:
                if type_code in _VALUE:
                    allowed = "、".join(auth.types)
                    problems.append(Problem(
                        "entity_type", _FIELD,
                        f"第2位机构类别代码 '{type_code}' 对登记管理部门 {auth_code}"
                        f"（{auth.label_zh}）无效（应为 {allowed} 之一）",
                        f"position 2: '{type_code}' is not an entity type under "
                        f"authority {auth_code} ({auth.label_en}); expected one of "
                        f"{', '.join(auth.types)}"))
            else:
                out["entity_type_label"], out["entity_type_label_en"] = label
    letters = [(i, ch) for i, ch in enumerate(code[2:8], 3)
               if ch in _VALUE and not ch.isdigit()]
    if letters:
        pos, ch = letters[0]
        problems.append(Problem(
            "region", _FIELD,
            f"第3-8位是行政区划码，只能是数字，第{pos}位却是 '{ch}'",
            f"positions 3-8 are the region code and must be digits; position {pos} "
            f"is '{ch}'"))
    if len(code) >= 8:
        region = code[2:8]
        out["region_code"] = region
        out["region_label"] = region_label(region, "zh")
        out["region_label_en"] = region_label(region, "en")
    return out


def check_credit_code(text: str) -> CreditCodeCheck:
    """Normalise and check a unified social credit code; decode what can be decoded."""
    code = normalize_credit_code(text)
    problems: list[Problem] = []
    if not code:
        problems.append(Problem("empty", _FIELD, "未填写统一社会信用代码",
                                "the unified social credit code is empty"))
        return CreditCodeCheck(code, False, tuple(problems), None, None, None, None,
                               None, None, None)
    if len(code) != 18:
        problems.append(_length_problem(len(code)))
    problems.extend(_charset_problems(code))
    decoded = _decode(code, problems)
    expected = None
    if len(code) >= 17 and all(ch in _VALUE for ch in code[:17]):
        expected = credit_check_character(code[:17])
        if len(code) == 18 and code[17] != expected:
            problems.append(Problem(
                "check_character", _FIELD,
                f"第18位校验码应为 {expected}，实际为 {code[17]}",
                f"check character: expected {expected}, got {code[17]}"))
    org = code[8:17] if len(code) >= 17 else None
    return CreditCodeCheck(code=code, ok=not problems, problems=tuple(problems),
                           expected_check=expected, org_code=org, **decoded)


def partial_credit_code(text: str) -> PartialCreditCodeCheck:
    """As-you-type check: only problems already certain for this prefix."""
    code = normalize_credit_code(text)
    if len(code) == 18:
        full = check_credit_code(code)
        return PartialCreditCodeCheck(
            full.code, True, full.problems, full.authority, full.authority_label,
            full.entity_type, full.entity_type_label, full.region_code,
            full.region_label, full.expected_check)
    problems: list[Problem] = []
    if len(code) > 18:
        problems.append(_length_problem(len(code)))
    problems.extend(_charset_problems(code))
    decoded = _decode(code, problems)
    expected = None
    if len(code) >= 17 and all(ch in _VALUE for ch in code[:17]):
        expected = credit_check_character(code[:17])
    return PartialCreditCodeCheck(
        code, False, tuple(problems), decoded["authority"], decoded["authority_label"],
        decoded["entity_type"], decoded["entity_type_label"], decoded["region_code"],
        decoded["region_label"], expected)


# Phone numbers live in core/phones.py; importable from here too, as before.
from core.phones import (ZHONGSHAN_AREA_CODE, PhoneCheck,  # noqa: E402
                         check_phone, mask_phone)
