"""The catalogue the central server publishes: towns, topics, handling units and their
on-duty contacts, application materials, the knowledge base and the benefit policies.

The published form is a directory (on the wire: a dict) of JSON files named by
``manifest.json``; ``docs/catalogue.md`` describes every field. ``load_catalogue()``
reads the packaged sample in ``resources/catalogue``; ``Catalogue.from_json()`` takes
the files' contents and ``to_json()`` gives them back unchanged; ``etag`` is the sha256
of their canonical JSON. Every error names the file, the record id, the field and what
was expected. Unknown fields are errors: a new field means a new ``format`` number.

Eligibility rules are kept as their JSON tree (``Condition``) and checked here for
structure only; evaluating them against an enterprise is ``core.eligibility``'s job.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

FORMAT = 1
KINDS = ("towns", "topics", "units", "materials", "kb", "policies")
TOWN_KINDS = ("city", "street", "town")
UNIT_KINDS = ("city_department", "town_office", "public_utility", "central_vertical")
DUTY_DAYS = ("weekdays", "all")
ITEM_KINDS = ("subsidy", "award", "reduction", "interest_subsidy", "guarantee", "talent")
STACKING = ("no_duplicate", "highest_only")
SCALES = ("micro", "small", "medium", "large")          # ordered, smallest first
TAX_CREDIT_LEVELS = ("D", "C", "M", "B", "A")          # ordered, worst first
QUALIFICATIONS = {
    "high_tech": "高新技术企业", "tech_sme": "科技型中小企业",
    "specialized_new": "专精特新中小企业", "little_giant": "专精特新“小巨人”企业",
    "above_scale": "规模以上企业", "innovative_sme": "创新型中小企业",
    "foreign_trade": "对外贸易经营者备案"}
FIELDS = {  # rule fields and their value types
    "industry": "industry", "town": "town", "employees": "int", "revenue": "number",
    "assets": "number", "tax_credit_level": "level", "founded": "date", "rd_ratio": "number",
    "export_value": "number", "invention_patents": "int", "insured_employees": "int",
    "graduates_hired": "int", "revenue_growth": "number", "serious_violation": "bool",
    "entity_type": "entity_type", "town_since": "date", "layoff_rate": "number",
    "import_export_value": "number", "new_equipment_investment": "number",
    "invention_patents_granted": "int"}
OPS = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between", "prefix",
       "at_least", "at_most")
_CMP = ("eq", "ne", "gt", "gte", "lt", "lte", "between")
OPS_BY_TYPE = {
    "industry": ("eq", "ne", "in", "not_in", "prefix"), "town": ("eq", "ne", "in", "not_in"),
    "int": _CMP + ("in", "not_in"), "number": _CMP, "date": _CMP, "bool": ("eq", "ne"),
    "level": ("eq", "ne", "in", "not_in", "at_least", "at_most"),
    "entity_type": ("eq", "ne", "in", "not_in", "prefix")}
PREDICATES = ("scale", "age_years", "years_in_town", "qualification", "first_recognition")
PROFILE_FIELDS = tuple(FIELDS) + (  # what a material can prove
    "name", "credit_code", "qualifications", "legal_rep", "address", "bank_account")
INDUSTRY_CODE = re.compile(r"[A-T](\d{2}|\d{3}|\d{4})?")
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CLOSING_SOON_DAYS = 14


class CatalogueError(ValueError):
    """A catalogue that does not hold; the message names file, record, field and fix."""


def _fail(where: str, expected: str, got: Any = ...) -> CatalogueError:
    tail = "" if got is ... else f", got {got!r}"
    return CatalogueError(f"{where}: expected {expected}{tail}")


def _obj(data: Any, where: str, required: tuple, optional: tuple = ()) -> dict:
    if not isinstance(data, dict):
        raise _fail(where, "an object", data)
    for key in required:
        if key not in data:
            raise CatalogueError(f"{where}.{key}: missing (a required field)")
    for key in sorted(set(data) - set(required) - set(optional)):
        raise CatalogueError(f"{where}.{key}: unknown field; expected only "
                             + ", ".join(required + optional))
    return data


def _str(v: Any, where: str, pattern: str | None = None) -> str:
    if not isinstance(v, str) or not v.strip():
        raise _fail(where, "a non-empty string", v)
    if pattern and not re.fullmatch(pattern, v):
        raise _fail(where, f"a string matching {pattern}", v)
    return v


def _opt_str(v: Any, where: str) -> str | None:
    return None if v is None else _str(v, where)


def _int(v: Any, where: str, null_ok: bool = False) -> int | None:
    if v is None and null_ok:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise _fail(where, "an integer >= 0" + (" or null" if null_ok else ""), v)
    return v


def _bool(v: Any, where: str) -> bool:
    if not isinstance(v, bool):
        raise _fail(where, "true or false", v)
    return v


def _date(v: Any, where: str, after: dt.date | None = None, after_name: str = "",
          null_ok: bool = False) -> dt.date | None:
    if v is None and null_ok:
        return None
    expected = "a date YYYY-MM-DD" + (f" on or after {after_name} ({after})" if after else "")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError
        day = dt.date.fromisoformat(v)
    except (TypeError, ValueError):
        raise _fail(where, expected + (" or null" if null_ok else ""), v) from None
    if after and day < after:
        raise _fail(where, expected, v)
    return day


def _choice(v: Any, where: str, choices: Any) -> str:
    if not isinstance(v, str) or v not in choices:
        raise _fail(where, "one of " + ", ".join(choices), v)
    return v


def _strs(v: Any, where: str, choices: Any = None, what: str = "", empty_ok: bool = True,
          pattern: str | None = None) -> tuple[str, ...]:
    if not isinstance(v, list) or (not v and not empty_ok):
        raise _fail(where, "a " + ("" if empty_ok else "non-empty ") + "list of strings", v)
    for i, s in enumerate(v):
        _str(s, f"{where}[{i}]", pattern)
        if choices is not None and s not in choices:
            raise _fail(f"{where}[{i}]", what or "one of " + ", ".join(choices), s)
    return tuple(v)


def _ref(v: Any, where: str, known: Any, what: str) -> str:
    if not isinstance(v, str) or v not in known:
        raise _fail(where, what, v)
    return v


# ---------------------------------------------------------------- rules
@dataclass(frozen=True)
class Condition:
    """One node of an eligibility rule, kept as its JSON tree (treat it as read-only):
    ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": node}``, a field leaf
    ``{field, op, value, label, clause, material}`` or a predicate leaf
    ``{predicate, args, label, clause, material}``."""

    tree: dict = field(hash=False)

    @classmethod
    def parse(cls, tree: Any, where: str = "rule", *, towns: Any = None,
              materials: Any = None) -> Condition:
        validate_rule(tree, where, towns=towns, materials=materials)
        return cls(copy.deepcopy(tree))

    @property
    def kind(self) -> str:
        """``all``, ``any``, ``not``, ``field`` or ``predicate``."""
        return next(k for k in ("all", "any", "not", "field", "predicate") if k in self.tree)

    @property
    def children(self) -> tuple[Condition, ...]:
        kind = self.kind
        if kind in ("all", "any"):
            return tuple(Condition(t) for t in self.tree[kind])
        return (Condition(self.tree["not"]),) if kind == "not" else ()

    def nodes(self) -> Iterator[Condition]:
        yield self
        for child in self.children:
            yield from child.nodes()

    def leaves(self) -> Iterator[dict]:
        """Every field and predicate leaf, depth first."""
        return (n.tree for n in self.nodes() if n.kind in ("field", "predicate"))

    def to_json(self) -> dict:
        return copy.deepcopy(self.tree)


def validate_rule(tree: Any, where: str = "rule", *, towns: Any = None,
                  materials: Any = None) -> None:
    """Raise ``CatalogueError`` naming the node's path unless ``tree`` is a valid rule.
    ``towns`` / ``materials``, when given, are the known town codes / material ids."""
    sub = dict(towns=towns, materials=materials)
    if not isinstance(tree, dict):
        raise _fail(where, "a condition object (all, any, not, field or predicate)", tree)
    for key in ("all", "any"):
        if key in tree:
            _obj(tree, where, (key,))
            if not isinstance(tree[key], list) or not tree[key]:
                raise _fail(f"{where}.{key}", "a non-empty list of conditions", tree[key])
            for i, node in enumerate(tree[key]):
                validate_rule(node, f"{where}.{key}[{i}]", **sub)
            return
    if "not" in tree:
        _obj(tree, where, ("not",))
        return validate_rule(tree["not"], f"{where}.not", **sub)
    common = ("label", "clause", "material")
    if "predicate" in tree:
        _obj(tree, where, ("predicate", "args") + common)
        _check_args(_choice(tree["predicate"], f"{where}.predicate", PREDICATES),
                    tree["args"], f"{where}.args")
    elif "field" in tree:
        _obj(tree, where, ("field", "op", "value") + common)
        name = _choice(tree["field"], f"{where}.field", FIELDS)
        ops = OPS_BY_TYPE[FIELDS[name]]
        op = _choice(tree["op"], f"{where}.op", OPS)
        if op not in ops:
            raise _fail(f"{where}.op", f"one of {', '.join(ops)} for field {name}", op)
        _check_value(FIELDS[name], op, tree["value"], f"{where}.value", towns)
    else:
        raise _fail(where, "a condition with all, any, not, field or predicate", sorted(tree))
    _str(tree["label"], f"{where}.label")
    _str(tree["clause"], f"{where}.clause")
    if tree["material"] is not None:
        known = materials if materials is not None else (
            {tree["material"]} if isinstance(tree["material"], str) else ())
        _ref(tree["material"], f"{where}.material", known,
             "a material id from materials.json or null")


def _check_value(ftype: str, op: str, value: Any, where: str, towns: Any) -> None:
    if op in ("in", "not_in", "prefix"):
        if not isinstance(value, list) or not value:
            raise _fail(where, f"a non-empty list for op {op}", value)
        for i, v in enumerate(value):
            _scalar(ftype, v, f"{where}[{i}]", towns, op == "prefix")
    elif op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise _fail(where, "[lo, hi] for op between", value)
        lo, hi = (_scalar(ftype, v, f"{where}[{i}]", towns) for i, v in enumerate(value))
        if lo > hi:
            raise _fail(where, "[lo, hi] with lo <= hi", value)
    else:
        _scalar(ftype, value, where, towns)


def _scalar(ftype: str, v: Any, where: str, towns: Any, prefix: bool = False) -> Any:
    if ftype == "number":
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise _fail(where, "a number", v)
        return v
    if ftype == "industry" and not (isinstance(v, str) and INDUSTRY_CODE.fullmatch(v)):
        raise _fail(where, "a GB/T 4754-2017 code such as C, C39 or C3911", v)
    if ftype == "entity_type" and not (
            isinstance(v, str) and 0 < len(v) <= 2 and (prefix or len(v) == 2)
            and all(c in CREDIT_CHARS for c in v)):
        raise _fail(where, "the credit code's 2 leading characters such as 91", v)
    if ftype == "town":
        known = towns if towns is not None else ({v} if isinstance(v, str) else ())
        return _ref(v, where, known, "a town code from towns.json")
    checks: dict[str, Callable] = {
        "int": _int, "date": _date, "bool": _bool,
        "level": lambda x, w: _choice(x, w, TAX_CREDIT_LEVELS)}
    return checks[ftype](v, where) if ftype in checks else v


def _check_args(name: str, args: Any, where: str) -> None:
    if name == "scale":
        _obj(args, where, (), ("at_most", "at_least", "in"))
        if len(args) != 1:
            raise _fail(where, "exactly one of at_most, at_least, in", args)
        key, value = next(iter(args.items()))
        if key == "in":
            _strs(value, f"{where}.in", choices=SCALES, empty_ok=False)
        else:
            _choice(value, f"{where}.{key}", SCALES)
    elif name in ("age_years", "years_in_town"):
        _obj(args, where, (), ("at_least", "at_most"))
        if not args:
            raise _fail(where, "at_least and/or at_most (years)", args)
        for key, value in args.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise _fail(f"{where}.{key}", "a number of years >= 0", value)
        if len(args) == 2 and args["at_least"] > args["at_most"]:
            raise _fail(where, "at_least <= at_most", args)
    else:
        _obj(args, where, ("code",))
        _choice(args["code"], f"{where}.code", QUALIFICATIONS)


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class Town:
    code: str
    name: str
    short: str
    kind: str
    aliases: tuple[str, ...]
    hall: str
    address: str
    stations: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Every name a clerk may type: name, short form, aliases."""
        return (self.name, self.short) + self.aliases


@dataclass(frozen=True)
class Topic:
    code: str
    zh: str
    en: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class DutyContact:
    name: str
    role: str
    phone: str
    mobile: str
    days: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    kind: str
    town: str | None
    topics: tuple[str, ...]
    address: str
    office_hours: str
    duty: tuple[DutyContact, ...]
    issuer: bool


@dataclass(frozen=True)
class Material:
    id: str
    name: str
    note: str
    validity_days: int | None
    proves: tuple[str, ...]


@dataclass(frozen=True)
class KbArticle:
    id: str
    topic: str
    title: str
    answer: str
    keywords: tuple[str, ...]
    basis: str | None
    unit_id: str
    updated: dt.date


class BatchStatus(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSING_SOON = "closing_soon"   # open, 14 days or fewer left
    CLOSED = "closed"


@dataclass(frozen=True)
class BatchContact:
    name: str
    phone: str


@dataclass(frozen=True)
class Batch:
    id: str
    name: str
    opens: dt.date
    closes: dt.date                 # the last day applications are taken
    reference_date: dt.date         # the day conditions are evaluated at
    materials: tuple[str, ...]
    receiving_unit_id: str
    contact: BatchContact
    channel: str
    notes: str

    def status_on(self, day: dt.date) -> BatchStatus:
        if day < self.opens:
            return BatchStatus.UPCOMING
        if day > self.closes:
            return BatchStatus.CLOSED
        if (self.closes - day).days <= CLOSING_SOON_DAYS:
            return BatchStatus.CLOSING_SOON
        return BatchStatus.OPEN


@dataclass(frozen=True)
class ItemTags:
    industry: tuple[str, ...]
    scale: tuple[str, ...]
    town: tuple[str, ...]           # empty: citywide
    qualification: tuple[str, ...]


@dataclass(frozen=True)
class PolicyItem:
    id: str
    title: str
    kind: str
    amount_text: str
    amount_max: int | None
    themes: tuple[str, ...]
    tags: ItemTags
    rule: Condition
    exclusive_group: str | None
    stacking: str | None
    batches: tuple[Batch, ...]
    document_id: str                # this and below: copied from the document
    valid_from: dt.date
    valid_to: dt.date | None

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the item's document is in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def open_batches(self, day: dt.date) -> tuple[Batch, ...]:
        return tuple(b for b in self.batches
                     if b.status_on(day) in (BatchStatus.OPEN, BatchStatus.CLOSING_SOON))


_ITEM_COPIES = ("document_id", "valid_from", "valid_to")


@dataclass(frozen=True)
class PolicyDocument:
    id: str
    title: str
    doc_number: str
    issuer_id: str
    issued: dt.date
    valid_from: dt.date
    valid_to: dt.date | None        # null: until repealed
    summary: str
    items: tuple[PolicyItem, ...]


@dataclass(frozen=True)
class Manifest:
    format: int
    version: str
    sample: bool
    notice: str
    published_at: dt.datetime
    files: Mapping[str, str] = field(hash=False)


# ---------------------------------------------------------------- the catalogue
@dataclass(frozen=True)
class Catalogue:
    manifest: Manifest
    towns: tuple[Town, ...]
    topics: tuple[Topic, ...]
    units: tuple[Unit, ...]
    materials: tuple[Material, ...]
    kb: tuple[KbArticle, ...]
    policies: tuple[PolicyDocument, ...]

    @classmethod
    def from_json(cls, files: Mapping[str, Any]) -> Catalogue:
        """Build from ``{"manifest.json": ..., "towns.json": ..., ...}``; a value is the
        parsed JSON or its text."""
        return _Parser(files).catalogue()

    def to_json(self) -> dict[str, Any]:
        """The files' contents, keyed by file name, as published."""
        out = {"manifest.json": _plain(self.manifest)}
        for kind in KINDS:
            out[self.manifest.files[kind]] = _plain(getattr(self, kind))
        return out

    @property
    def version(self) -> str:
        return self.manifest.version

    @cached_property
    def etag(self) -> str:
        """sha256 (hex) of the canonical JSON of every file."""
        return hashlib.sha256(canonical_json(self.to_json())).hexdigest()

    @cached_property
    def _index(self) -> dict[str, dict[str, Any]]:
        items = [i for d in self.policies for i in d.items]
        return {"town": {t.code: t for t in self.towns}, "topic": {t.code: t for t in self.topics},
                "unit": {u.id: u for u in self.units},
                "material": {m.id: m for m in self.materials},
                "kb": {a.id: a for a in self.kb}, "document": {d.id: d for d in self.policies},
                "item": {i.id: i for i in items},
                "batch": {b.id: b for i in items for b in i.batches},
                "town_name": {n: t for t in self.towns for n in (t.code,) + t.names()}}

    def town(self, code: str) -> Town:
        return self._index["town"][code]

    def find_town(self, text: str) -> Town | None:
        """The town whose code, name, short form or alias is ``text`` (e.g. 火炬开发区)."""
        return self._index["town_name"].get(text.strip())

    def topic(self, code: str) -> Topic:
        return self._index["topic"][code]

    def unit(self, unit_id: str) -> Unit:
        return self._index["unit"][unit_id]

    def material(self, material_id: str) -> Material:
        return self._index["material"][material_id]

    def article(self, article_id: str) -> KbArticle:
        return self._index["kb"][article_id]

    def document(self, document_id: str) -> PolicyDocument:
        return self._index["document"][document_id]

    def item(self, item_id: str) -> PolicyItem:
        return self._index["item"][item_id]

    def batch(self, batch_id: str) -> Batch:
        return self._index["batch"][batch_id]

    @property
    def items(self) -> tuple[PolicyItem, ...]:
        return tuple(self._index["item"].values())

    def units_for_topic(self, topic: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if topic in u.topics)


def _plain(v: Any) -> Any:
    if isinstance(v, Condition):
        return v.to_json()
    if is_dataclass(v):
        skip = _ITEM_COPIES if isinstance(v, PolicyItem) else ()
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v) if f.name not in skip}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def _in(choices: Any, what: str = "") -> Callable:
    return lambda v, w: _choice(v, w, choices) if not what else _ref(v, w, choices, what)


def _each(choices: Any = None, what: str = "", **kw: Any) -> Callable:
    return lambda v, w: _strs(v, w, choices, what, **kw)


_BY_TYPE: dict[str, Callable] = {
    "str": _str, "str | None": _opt_str, "dt.date": _date, "bool": _bool,
    "int | None": lambda v, w: _int(v, w, null_ok=True), "tuple[str, ...]": _each()}


def _fields(cls: type, d: Any, w: str, **checks: Callable) -> dict:
    """Check ``d`` has exactly ``cls``'s published fields; check each (by ``checks``, else
    by its annotation) and return them as keyword arguments."""
    skip = _ITEM_COPIES if cls is PolicyItem else ()
    names = {f.name: f.type for f in fields(cls) if f.name not in skip}
    _obj(d, w, tuple(names))
    return {k: checks.get(k, _BY_TYPE.get(t, lambda v, x: v))(d[k], f"{w}.{k}")
            for k, t in names.items()}


class _Parser:
    """Parses the files in dependency order; ``where`` strings are "file: id.field"."""

    def __init__(self, files: Mapping[str, Any]) -> None:
        self.files = files
        self.seen: set[str] = set()        # item and batch ids, station codes
        self.groups: dict[str, tuple[str, str]] = {}   # exclusive group -> (first item, rule)

    def content(self, name: str, kind: str | None = None) -> Any:
        if name not in self.files:
            raise CatalogueError(f"{name}: missing from the catalogue")
        data = self.files[name]
        if isinstance(data, (str, bytes)):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise CatalogueError(f"{name}: not valid JSON ({exc})") from None
        if kind and not isinstance(data, list):
            raise CatalogueError(f"{name}: expected a JSON array of {kind} records")
        return data

    def unique(self, v: Any, where: str) -> Any:
        if v in self.seen:
            raise CatalogueError(f"{where}: duplicate {v!r}")
        self.seen.add(v)
        return v

    def records(self, kind: str, key: str, parse: Callable) -> tuple:
        fname, ids, out = self.names[kind], set(), []
        for i, rec in enumerate(self.content(fname, kind)):
            rid = rec.get(key) if isinstance(rec, dict) else None
            where = f"{fname}: {rid}" if isinstance(rid, str) and rid else f"{fname}: [{i}]"
            if _str(rid, f"{where}.{key}") in ids:
                raise CatalogueError(f"{where}.{key}: duplicate id {rid!r}")
            ids.add(rid)
            out.append(parse(rec, where))
        return tuple(out)

    def catalogue(self) -> Catalogue:
        w = "manifest.json"
        m = _obj(self.content(w), w, tuple(f.name for f in fields(Manifest)))
        if m["format"] != FORMAT:
            raise _fail(f"{w}: format", f"{FORMAT} (the format this code reads)", m["format"])
        try:
            published = dt.datetime.fromisoformat(m["published_at"])
        except (TypeError, ValueError):
            published = None
        if published is None or published.tzinfo is None:
            raise _fail(f"{w}: published_at", "a date-time with offset such as "
                        "2026-11-20T09:00:00+08:00", m["published_at"])
        files = _obj(m["files"], f"{w}: files", KINDS)
        self.names = {k: _str(files[k], f"{w}: files.{k}") for k in KINDS}
        manifest = Manifest(FORMAT, _str(m["version"], f"{w}: version"),
                            _bool(m["sample"], f"{w}: sample"), _str(m["notice"], f"{w}: notice"),
                            published, self.names)
        towns = self.records("towns", "code", self.town)
        self.towns = {t.code for t in towns}
        materials = self.records("materials", "id", lambda d, w: Material(**_fields(
            Material, d, w, note=lambda v, x: v if v == "" else _str(v, x),
            proves=_each(PROFILE_FIELDS))))
        self.materials = {m.id for m in materials}
        self.topics = {t.get("code") for t in self.content(self.names["topics"], "topics")
                       if isinstance(t, dict)}
        self.units = {u.id: u for u in self.records("units", "id", self.unit)}
        unit_ref = _in(self.units, "a unit id from units.json")
        topics = self.records("topics", "code", lambda d, w: Topic(**_fields(
            Topic, d, w, code=lambda v, x: _str(v, x, r"[a-z_]+"),
            units=_each(self.units, "a unit id from units.json"))))
        kb = self.records("kb", "id", lambda d, w: KbArticle(**_fields(
            KbArticle, d, w, topic=_in(self.topics, "a topic code from topics.json"),
            keywords=_each(empty_ok=False), unit_id=unit_ref)))
        policies = self.records("policies", "id", self.document)
        return Catalogue(manifest, towns, topics, tuple(self.units.values()), materials, kb,
                         policies)

    def town(self, d: Any, w: str) -> Town:
        def stations(v: Any, x: str) -> tuple:
            codes = _strs(v, x, pattern=r"[A-Z]{2}\d{2}", empty_ok=False)
            return tuple(self.unique(s, f"{x}[{i}]: station") for i, s in enumerate(codes))
        town = Town(**_fields(Town, d, w, code=lambda v, x: _str(v, x, r"[a-z]+"),
                              kind=_in(TOWN_KINDS), stations=stations))
        for name in {town.code, *town.names()}:      # find_town() must not be ambiguous
            self.unique(name, f"{w}.aliases: name")
        return town

    def unit(self, d: Any, w: str) -> Unit:
        def duty(v: Any, x: str) -> tuple:
            if not isinstance(v, list) or not v:
                raise _fail(x, "a non-empty list of on-duty contacts", v)
            return tuple(DutyContact(**_fields(
                DutyContact, c, f"{x}[{i}]", days=_in(DUTY_DAYS),
                phone=lambda p, y: _str(p, y, r"0\d{2,3}-\d{7,8}"),
                mobile=lambda p, y: _str(p, y, r"1[3-9]\d{9}"))) for i, c in enumerate(v))
        kw = _fields(Unit, d, w, kind=_in(UNIT_KINDS), town=lambda v, x: v, duty=duty,
                     topics=_each(self.topics, "a topic code from topics.json"))
        if kw["town"] is not None or kw["kind"] == "town_office":
            _ref(kw["town"], f"{w}.town", self.towns, "a town code from towns.json" + (
                " (a town_office needs one)" if kw["kind"] == "town_office" else " or null"))
        return Unit(**kw)

    def document(self, d: Any, w: str) -> PolicyDocument:
        issuers = {u for u, unit in self.units.items() if unit.issuer}
        kw = _fields(PolicyDocument, d, w, valid_to=lambda v, x: v,
                     issuer_id=_in(issuers, "the id of a unit with issuer true"))
        kw["valid_to"] = _date(d["valid_to"], f"{w}.valid_to", kw["valid_from"], "valid_from",
                               null_ok=True)
        if not isinstance(d["items"], list) or not d["items"]:
            raise _fail(f"{w}.items", "a non-empty list of redeemable items", d["items"])
        doc = (d["id"], kw["valid_from"], kw["valid_to"])
        kw["items"] = tuple(self.item(x, f"{self.names['policies']}: {x['id']}" if isinstance(
            x, dict) and isinstance(x.get("id"), str) and x["id"] else f"{w}.items[{i}]", doc)
            for i, x in enumerate(d["items"]))
        return PolicyDocument(**kw)

    def item(self, d: Any, w: str, doc: tuple) -> PolicyItem:
        def tags(v: Any, x: str) -> ItemTags:
            return ItemTags(**_fields(
                ItemTags, v, x, industry=_each(pattern=INDUSTRY_CODE.pattern),
                scale=_each(SCALES), qualification=_each(QUALIFICATIONS),
                town=_each(self.towns, "a town code from towns.json")))

        def batches(v: Any, x: str) -> tuple:
            if not isinstance(v, list):
                raise _fail(x, "a list of batches", v)
            return tuple(self.batch(b, f"{x}[{i}]") for i, b in enumerate(v))
        kw = _fields(
            PolicyItem, d, w, id=lambda v, x: self.unique(_str(v, x, r"[a-z]+-[0-9a-z-]+"), x),
            kind=_in(ITEM_KINDS), themes=_each(empty_ok=False), tags=tags,
            stacking=lambda v, x: v if v is None else _choice(v, x, STACKING),
            rule=lambda v, x: Condition.parse(v, x, towns=self.towns, materials=self.materials),
            batches=batches)
        self.stacking(kw, w)
        return PolicyItem(**kw, document_id=doc[0], valid_from=doc[1], valid_to=doc[2])

    def stacking(self, kw: dict, w: str) -> None:
        """A stacking rule applies only within an exclusive group, and a group's items
        share one rule (the first item of the group sets it)."""
        group, rule = kw["exclusive_group"], kw["stacking"]
        if group is None:
            if rule is not None:
                raise _fail(f"{w}.stacking", "null for an item without an exclusive_group "
                            "(a stacking rule applies only within a group)", rule)
            return
        if rule is None:
            raise _fail(f"{w}.stacking", "one of " + ", ".join(STACKING) + " for an item in "
                        f"exclusive_group {group!r}", rule)
        first = self.groups.setdefault(group, (kw["id"], rule))
        if first[1] != rule:
            raise _fail(f"{w}.stacking", f"{first[1]!r} like {first[0]}, the first item of "
                        f"exclusive_group {group!r} (a group's items share one stacking rule)",
                        rule)

    def batch(self, d: Any, w: str) -> Batch:
        kw = _fields(
            Batch, d, w, id=lambda v, x: self.unique(_str(v, x), x),
            closes=lambda v, x: v, contact=lambda v, x: BatchContact(
                **_fields(BatchContact, v, x, phone=lambda p, y: _str(p, y, r"0\d{2,3}-\d{7,8}"))),
            materials=_each(self.materials, "a material id from materials.json"),
            receiving_unit_id=_in(self.units, "a unit id from units.json"))
        kw["closes"] = _date(d["closes"], f"{w}.closes", kw["opens"], "opens")
        return Batch(**kw)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the bytes the ETag is taken over."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def default_catalogue_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / "catalogue"


def read_catalogue_files(path_or_dir: str | Path | None = None) -> dict[str, Any]:
    """``manifest.json`` and every file it lists, parsed, keyed by file name."""
    path = Path(path_or_dir) if path_or_dir is not None else default_catalogue_dir()
    directory = path.parent if path.is_file() else path
    try:
        files = {"manifest.json": json.loads((directory / "manifest.json").read_text("utf-8"))}
        names = list(files["manifest.json"]["files"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(f"manifest.json: cannot read it in {directory} ({exc})") from None
    for name in names:
        if not isinstance(name, str) or Path(name).name != name:
            raise _fail("manifest.json: files", "plain file names", name)
        try:
            files[name] = json.loads((directory / name).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"{name}: cannot read {directory / name} ({exc})") from None
    return files


def load_catalogue(path_or_dir: str | Path | None = None) -> Catalogue:
    """Load and validate a catalogue directory (default: the packaged sample)."""
    return Catalogue.from_json(read_catalogue_files(path_or_dir))
