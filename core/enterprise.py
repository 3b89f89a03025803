"""The enterprise profile (企业画像): every field the eligibility rules read, each with
where its value came from and when.

A field's value is a ``Fact(value, source, as_of, note, material)``:

* ``source`` — ``told`` (企业自述: the enterprise said so at the counter), ``document``
  (查验材料: a clerk saw a material; ``material`` names its id in materials.json) or
  ``register`` (中央登记库: the central register).
* ``as_of`` — the day the value holds at. For an **annual figure** (revenue, assets,
  export_value, rd_ratio, revenue_growth, …; see ``ANNUAL``) it is the last day of the period
  the figure covers: FY2025 revenue is ``as_of 2025-12-31`` (``Fact.for_year``). For a
  state (employees, tax-credit level, town…) it is the day the value was seen to hold.

``qualifications`` is one Fact whose value is a tuple of ``Qualification`` records
(code, validity dates and their own provenance); the Fact's own source and date say how
complete the list is (a list from the register as of a day: a code absent from it is
not held).

Profiles are immutable; ``with_fact`` gives an edited copy. The JSON form is a flat
object keyed by field, so desks edit and the server merges it per field, like a
request's header fields. ``town_from`` derives the town from the address.
Pure Python, standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from core.catalogue import FIELDS, QUALIFICATIONS, TAX_CREDIT_LEVELS
from core.identifiers import AUTHORITIES, CHARSET, ZHONGSHAN_REGION
from core.scale import SECTIONS, normalize_industry

__all__ = ["ANNUAL", "DATE_FIELDS", "ENTERPRISE_FIELDS", "FIELD_LABELS", "FIELD_TYPES", "IDENTITY",
           "QUALIFICATIONS_EN", "SOURCES", "EnterpriseProfile", "Fact", "ProfileError",
           "Qualification", "format_value", "provenance_text", "town_from"]

SOURCES = {"told": ("企业自述", "told by the enterprise"),
           "document": ("查验材料", "document seen"),
           "register": ("中央登记库", "central register")}
SOURCE_RANK = {"told": 0, "document": 1, "register": 2}
# Identity facts: they do not change with time, so when they were seen does not matter.
IDENTITY = frozenset({"name", "credit_code", "industry", "town", "entity_type", "founded",
                      "town_since"})
# Figures for a period (上年度…): as_of is the period's last day.
ANNUAL = frozenset({"revenue", "assets", "export_value", "rd_ratio", "revenue_growth",
                    "layoff_rate", "import_export_value", "new_equipment_investment",
                    "invention_patents_granted"})
FIELD_TYPES: dict[str, str] = {"name": "str", "credit_code": "credit_code", **FIELDS,
                               "qualifications": "qualifications"}
_CREDIT = re.compile(f"[{CHARSET}]{{18}}")
_ENTITY = re.compile(f"[{CHARSET}]{{2}}")
NUMBER_RANGES = {"rd_ratio": (0, 100), "revenue_growth": (-100, math.inf),
                 "layoff_rate": (0, 100)}
DATE_FIELDS = frozenset(n for n, t in FIELDS.items() if t == "date")       # founded, town_since
# field -> (zh, en, unit zh, unit en)
FIELD_LABELS: dict[str, tuple[str, str, str, str]] = {
    "name": ("企业名称", "name", "", ""), "credit_code": ("统一社会信用代码", "credit code", "", ""),
    "industry": ("行业", "industry", "", ""), "town": ("所在镇街", "town", "", ""),
    "entity_type": ("主体类型", "entity type", "", ""), "founded": ("成立日期", "founded", "", ""),
    "town_since": ("在所在镇街登记（设立或迁入）日期", "registered in its town since", "", ""),
    "employees": ("从业人数", "employees", "人", ""),
    "insured_employees": ("参保职工人数", "insured employees", "人", ""),
    "graduates_hired": ("招用高校毕业生人数", "graduates hired", "人", ""),
    "revenue": ("上年度营业收入", "previous year's revenue", "万元", " (10k yuan)"),
    "assets": ("资产总额", "total assets", "万元", " (10k yuan)"),
    "revenue_growth": ("营业收入增长率", "revenue growth", "%", "%"),
    "rd_ratio": ("研发费用占营业收入比例", "R&D spending / revenue", "%", "%"),
    "export_value": ("上年度出口额", "previous year's exports", "万元", " (10k yuan)"),
    "import_export_value": ("上年度进出口额", "previous year's imports and exports", "万元",
                            " (10k yuan)"),
    "new_equipment_investment": ("上年度新购进设备投资额", "previous year's equipment bought",
                                 "万元", " (10k yuan)"),
    "layoff_rate": ("上年度裁员率", "previous year's layoff rate", "%", "%"),
    "invention_patents": ("有效发明专利数", "invention patents", "件", ""),
    "invention_patents_granted": ("上年度授权发明专利数", "previous year's patents granted",
                                  "件", ""),
    "tax_credit_level": ("纳税信用等级", "tax-credit level", "", ""),
    "serious_violation": ("列入严重违法失信名单", "on the serious-violation list", "", ""),
    "qualifications": ("资质", "qualifications", "", "")}
QUALIFICATIONS_EN = {
    "high_tech": "high-tech enterprise", "tech_sme": "tech-based SME",
    "specialized_new": "specialised and innovative SME",
    "little_giant": "“little giant” enterprise",
    "above_scale": "above-designated-size enterprise", "innovative_sme": "innovative SME",
    "foreign_trade": "foreign-trade operator filing"}


class ProfileError(ValueError):
    """A profile that does not hold; the message names the field and what was expected."""


def _date(v: Any, where: str, null_ok: bool = False) -> dt.date | None:
    if v is None and null_ok:
        return None
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v
    try:
        if isinstance(v, str) and len(v) == 10:
            return dt.date.fromisoformat(v)
    except ValueError:
        pass
    raise ProfileError(f"{where}: expected a date YYYY-MM-DD{' or null' if null_ok else ''}, "
                       f"got {v!r}")


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _check_provenance(where: str, source: Any, as_of: Any, material: Any, note: Any) -> None:
    if source not in SOURCES:
        raise ProfileError(f"{where}.source: expected one of told, document, register, "
                           f"got {source!r}")
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise ProfileError(f"{where}.as_of: expected a date, got {as_of!r}")
    if source == "document" and not (isinstance(material, str) and material):
        raise ProfileError(f"{where}.material: a document fact names the material seen "
                           f"(e.g. mat-audit), got {material!r}")
    if material is not None and not (isinstance(material, str) and material):
        raise ProfileError(f"{where}.material: expected a material id or null, got {material!r}")
    if not isinstance(note, str):
        raise ProfileError(f"{where}.note: expected a string, got {note!r}")


def provenance_text(source: str, as_of: dt.date, material: str | None, lang: str = "zh",
                    material_names: Mapping[str, str] | None = None) -> str:
    """"查验材料：上年度财务报表，截至2025-12-31" / "document seen: …, as of 2025-12-31"."""
    zh, en = SOURCES[source]
    what = zh if lang == "zh" else en
    if material:
        name = (material_names or {}).get(material, material)
        what += f"：{name}" if lang == "zh" else f": {name}"
    return f"{what}，截至{as_of.isoformat()}" if lang == "zh" else f"{what}, as of {as_of}"


@dataclass(frozen=True, slots=True)
class Fact:
    """One field's value with its provenance."""

    value: Any
    source: str
    as_of: dt.date
    note: str = ""
    material: str | None = None       # the material id, for source "document"

    def __post_init__(self) -> None:
        _check_provenance("fact", self.source, self.as_of, self.material, self.note)

    @classmethod
    def for_year(cls, value: Any, year: int, source: str, material: str | None = None,
                 note: str = "") -> Fact:
        """An annual figure for fiscal ``year``: as_of is 31 December of that year."""
        return cls(value, source, dt.date(year, 12, 31), note, material)

    def provenance(self, lang: str = "zh",
                   material_names: Mapping[str, str] | None = None) -> str:
        return provenance_text(self.source, self.as_of, self.material, lang, material_names)


@dataclass(frozen=True, slots=True)
class Qualification:
    """A qualification held (高新技术企业…): valid from ``valid_from`` to ``valid_to``
    inclusive (None: no expiry, e.g. the foreign-trade filing), with its provenance."""

    code: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    as_of: dt.date
    material: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.code not in QUALIFICATIONS:
            raise ProfileError(f"qualification.code: expected one of {', '.join(QUALIFICATIONS)}, "
                               f"got {self.code!r}")
        _date(self.valid_from, f"qualification {self.code}.valid_from")
        _date(self.valid_to, f"qualification {self.code}.valid_to", null_ok=True)
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ProfileError(f"qualification {self.code}.valid_to: expected a date on or after "
                               f"valid_from ({self.valid_from}), got {self.valid_to}")
        _check_provenance(f"qualification {self.code}", self.source, self.as_of, self.material,
                          self.note)

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def provenance(self, lang: str = "zh",
                   material_names: Mapping[str, str] | None = None) -> str:
        return provenance_text(self.source, self.as_of, self.material, lang, material_names)

    def to_json(self) -> dict[str, Any]:
        out = {"code": self.code, "valid_from": _iso(self.valid_from),
               "valid_to": _iso(self.valid_to), "source": self.source,
               "as_of": _iso(self.as_of)}
        if self.material is not None:
            out["material"] = self.material
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_json(cls, data: Any, where: str = "qualification") -> Qualification:
        if not isinstance(data, dict):
            raise ProfileError(f"{where}: expected an object, got {data!r}")
        extra = set(data) - {"code", "valid_from", "valid_to", "source", "as_of", "material",
                             "note"}
        if extra:
            raise ProfileError(f"{where}.{min(extra)}: unknown field")
        for key in ("code", "valid_from", "source", "as_of"):
            if key not in data:
                raise ProfileError(f"{where}.{key}: missing (a required field)")
        return cls(data["code"], _date(data["valid_from"], f"{where}.valid_from"),
                   _date(data.get("valid_to"), f"{where}.valid_to", null_ok=True),
                   data["source"], _date(data["as_of"], f"{where}.as_of"),
                   data.get("material"), data.get("note", ""))


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


# field type -> (test, what is expected)
_VALID: dict[str, tuple[Any, str]] = {
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
            "an integer >= 0"),
    "str": (lambda v: isinstance(v, str) and bool(v.strip()), "a non-empty string"),
    "credit_code": (lambda v: isinstance(v, str) and bool(_CREDIT.fullmatch(v)),
                    "an 18-character unified social credit code"),
    "industry": (lambda v: isinstance(v, str) and normalize_industry(v) == v,
                 "a GB/T 4754-2017 code such as C3911 (section letter + 0-4 digits)"),
    "town": (lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z]+", v)),
             "a town code from towns.json such as xiaolan"),
    "date": (lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime), "a date"),
    "level": (lambda v: v in TAX_CREDIT_LEVELS, "one of A, B, M, C, D"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "entity_type": (lambda v: isinstance(v, str) and bool(_ENTITY.fullmatch(v)),
                    "the credit code's 2 leading characters such as 91"),
    "qualifications": (lambda v: isinstance(v, tuple)
                       and all(isinstance(q, Qualification) for q in v),
                       "a tuple of Qualification records")}


def _check_value(name: str, v: Any) -> Any:
    """Raise ProfileError naming ``name`` unless ``v`` is a valid value for the field."""
    kind = FIELD_TYPES[name]
    if kind == "number":
        lo, hi = NUMBER_RANGES.get(name, (0, math.inf))
        ok, bad = _is_number(v) and lo <= v <= hi, (
            f"a number between {lo} and {hi}" if hi != math.inf else f"a number >= {lo}")
    else:
        test, bad = _VALID[kind]
        ok = test(v)
    if not ok:
        raise ProfileError(f"{name}.value: expected {bad}, got {v!r}")
    return v


@dataclass(frozen=True)
class EnterpriseProfile:
    """企业画像. Every field is a ``Fact`` or None (not known)."""

    name: Fact | None = None
    credit_code: Fact | None = None
    industry: Fact | None = None              # GB/T 4754-2017 code, C3911
    town: Fact | None = None                  # town code, xiaolan
    entity_type: Fact | None = None           # the credit code's 2 leading characters
    founded: Fact | None = None               # date
    town_since: Fact | None = None            # date: registered in (founded or moved to) its town
    employees: Fact | None = None             # 从业人员, 人
    insured_employees: Fact | None = None     # 参保职工, 人
    graduates_hired: Fact | None = None       # 招用高校毕业生, 人
    revenue: Fact | None = None               # 上年度营业收入, 万元 (annual)
    assets: Fact | None = None                # 资产总额, 万元 (annual, year end)
    revenue_growth: Fact | None = None        # 营业收入增长率, % (annual)
    rd_ratio: Fact | None = None              # 研发费用占营业收入比例, % (annual)
    export_value: Fact | None = None          # 出口额, 万元 (annual)
    import_export_value: Fact | None = None   # 进出口额, 万元 (annual)
    new_equipment_investment: Fact | None = None  # 新购进设备投资额, 万元 (annual)
    layoff_rate: Fact | None = None           # 裁员率, % (annual)
    invention_patents: Fact | None = None     # 有效发明专利, 件
    invention_patents_granted: Fact | None = None  # 授权发明专利, 件 (annual)
    tax_credit_level: Fact | None = None      # A B M C D
    serious_violation: Fact | None = None     # 列入严重违法失信名单
    qualifications: Fact | None = None        # tuple[Qualification, ...]

    def __post_init__(self) -> None:
        for name in ENTERPRISE_FIELDS:
            fact = getattr(self, name)
            if fact is not None:
                if not isinstance(fact, Fact):
                    raise ProfileError(f"{name}: expected a Fact or None, got {fact!r}")
                _check_value(name, fact.value)

    def fact(self, name: str) -> Fact | None:
        if name not in FIELD_TYPES:
            raise ProfileError(f"{name}: not a profile field; expected one of "
                               + ", ".join(ENTERPRISE_FIELDS))
        return getattr(self, name)

    def value(self, name: str) -> Any:
        fact = self.fact(name)
        return None if fact is None else fact.value

    def with_fact(self, name: str, fact: Fact | None) -> EnterpriseProfile:
        """A copy with ``name`` set to ``fact`` (None clears it)."""
        self.fact(name)
        return dataclasses.replace(self, **{name: fact})

    def merged(self, other: EnterpriseProfile) -> EnterpriseProfile:
        """Per field, the newer fact (later ``as_of``; on a tie the stronger source:
        register > document > told; on a full tie, this profile's)."""
        changes = {}
        for name in ENTERPRISE_FIELDS:
            a, b = getattr(self, name), getattr(other, name)
            if b is not None and (a is None or (b.as_of, SOURCE_RANK[b.source])
                                  > (a.as_of, SOURCE_RANK[a.source])):
                changes[name] = b
        return dataclasses.replace(self, **changes) if changes else self

    def qualification_records(self, code: str) -> tuple[Qualification, ...]:
        q = self.qualifications
        return () if q is None else tuple(r for r in q.value if r.code == code)

    # ---------------------------------------------------------------- JSON
    def to_json(self) -> dict[str, Any]:
        """``{field: {value, source, as_of[, material][, note]}}``, known fields only."""
        out: dict[str, Any] = {}
        for name in ENTERPRISE_FIELDS:
            fact = getattr(self, name)
            if fact is None:
                continue
            v = fact.value
            if name in DATE_FIELDS:
                v = v.isoformat()
            elif name == "qualifications":
                v = [q.to_json() for q in v]
            d = {"value": v, "source": fact.source, "as_of": fact.as_of.isoformat()}
            if fact.material is not None:
                d["material"] = fact.material
            if fact.note:
                d["note"] = fact.note
            out[name] = d
        return out

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: Any) -> EnterpriseProfile:
        """The inverse of ``to_json``; JSON text is accepted too. A field given as null
        is unknown. Errors name the field: ``revenue.as_of: expected a date …``."""
        if isinstance(data, (str, bytes)):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise ProfileError(f"profile: not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ProfileError(f"profile: expected an object keyed by field, got {data!r}")
        kwargs: dict[str, Fact] = {}
        for name, d in data.items():
            if name not in FIELD_TYPES:
                raise ProfileError(f"{name}: unknown profile field; expected one of "
                                   + ", ".join(ENTERPRISE_FIELDS))
            if d is None:
                continue
            if not isinstance(d, dict):
                raise ProfileError(f"{name}: expected an object with value, source, as_of, "
                                   f"got {d!r}")
            for key in d:
                if key not in ("value", "source", "as_of", "material", "note"):
                    raise ProfileError(f"{name}.{key}: unknown field; expected value, source, "
                                       "as_of, material, note")
            for key in ("value", "source", "as_of"):
                if key not in d:
                    raise ProfileError(f"{name}.{key}: missing (a required field)")
            v = d["value"]
            if name in DATE_FIELDS:
                v = _date(v, f"{name}.value")
            elif name == "qualifications":
                if not isinstance(v, list):
                    raise ProfileError(f"{name}.value: expected a list of qualifications, "
                                       f"got {v!r}")
                v = tuple(Qualification.from_json(q, f"{name}.value[{i}]")
                          for i, q in enumerate(v))
            as_of = _date(d["as_of"], f"{name}.as_of")
            try:
                kwargs[name] = Fact(v, d["source"], as_of, d.get("note", ""), d.get("material"))
            except ProfileError as exc:          # "fact.source: …" → "revenue.source: …"
                raise ProfileError(name + str(exc).removeprefix("fact")) from None
        return cls(**kwargs)


ENTERPRISE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EnterpriseProfile))
assert set(FIELDS) <= set(ENTERPRISE_FIELDS) and set(ENTERPRISE_FIELDS) == set(FIELD_TYPES)


# ---------------------------------------------------------------- readable values
def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def format_value(name: str, v: Any, lang: str = "zh",
                 towns: Mapping[str, str] | None = None) -> str:
    """A field's value as a navigator reads it: "M 级", "1200 万元", "小榄镇", "企业（91）"."""
    zh = lang == "zh"
    kind = FIELD_TYPES.get(name)
    if v is None:
        return "未知" if zh else "unknown"
    if kind == "level":
        return f"{v} 级" if zh else str(v)
    if kind == "bool":
        return ("是" if v else "否") if zh else ("yes" if v else "no")
    if kind == "town":
        return (towns or {}).get(v, v)
    if kind == "industry":
        if len(v) == 1 and v in SECTIONS:
            return f"{v}（{SECTIONS[v][0]}）" if zh else f"{v} ({SECTIONS[v][1]})"
        return v
    if kind == "entity_type":
        auth = AUTHORITIES.get(v[:1])
        label = auth.types.get(v[1:2]) if auth and len(v) == 2 else None
        return v if label is None else (f"{label[0]}（{v}）" if zh else f"{label[1]} ({v})")
    if kind == "date":
        return v.isoformat()
    if kind == "qualifications":
        return ("、" if zh else ", ").join(
            QUALIFICATIONS[q.code] if zh else QUALIFICATIONS_EN[q.code] for q in v) or (
            "无" if zh else "none")
    if kind in ("int", "number"):
        unit = FIELD_LABELS[name][2 if zh else 3]
        return f"{_num(v)} {unit}" if zh and unit and unit != "%" else f"{_num(v)}{unit}"
    return str(v)


# ---------------------------------------------------------------- town from the address
_NOT_A_TOWN = re.compile(r"(路|大道|大街|街(?!道)|巷|道(?!办)|公路|村|社区|花园|广场|大厦|中心)")


def town_from(credit_code_region: str | None, address: str | None,
              catalogue_towns: Iterable[Any]) -> str | None:
    """The town code an enterprise's address names, or None.

    Every town of Zhongshan shares the region code 442000 (GB/T 2260 has no counties
    below this prefecture-level city), so the credit code's region only says whether the
    enterprise is registered in Zhongshan at all (a code elsewhere gives None); the
    address decides which town. ``catalogue_towns`` are the catalogue's ``Town`` records
    (anything with code, name, short, aliases and kind). Full names and aliases
    (小榄镇, 火炬开发区 → zhongshangang) count anywhere; a bare short name (小榄) only where
    a town name stands: after 中山市/中山 or at the start, and not as part of a road name
    (沙溪路). The earliest such mention wins; the city hall itself is never the answer.
    """
    if credit_code_region and not str(credit_code_region).startswith(ZHONGSHAN_REGION[:4]):
        return None
    text = re.sub(r"\s+", "", address or "")
    if not text:
        return None
    best: tuple[int, int, str] | None = None
    for town in catalogue_towns:
        if getattr(town, "kind", "") == "city":
            continue
        strong = (town.name, *town.aliases)
        for name in (*strong, town.short):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if name in strong and name != town.short or _short_ok(text, start, end):
                    key = (start, -len(name), town.code)
                    if best is None or key < best:
                        best = key
                    break
                start = text.find(name, start + 1)
    return best[2] if best else None


def _short_ok(text: str, start: int, end: int) -> bool:
    before = text[:start]
    if before and not re.search(r"(中山市?|广东省|广东)$", before):
        return False
    return not _NOT_A_TOWN.match(text, end)
