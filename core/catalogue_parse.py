"""Parsing the published catalogue files into ``core.catalogue`` records, in dependency
order, each error naming the file, the record id, the field and what was expected."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from core.catalogue import (
    ITEM_COPIES,
    Batch,
    BatchContact,
    Catalogue,
    Condition,
    DutyContact,
    ItemTags,
    KbArticle,
    Manifest,
    Material,
    PolicyDocument,
    PolicyItem,
    Topic,
    Town,
    Unit,
)
from core.catalogue_schema import (
    DUTY_DAYS,
    FORMAT,
    INDUSTRY_CODE,
    ITEM_KINDS,
    KINDS,
    PROFILE_FIELDS,
    QUALIFICATIONS,
    SCALES,
    STACKING,
    TOWN_KINDS,
    UNIT_KINDS,
    CatalogueError,
    catalogue_error,
    check_bool,
    check_choice,
    check_date,
    check_int,
    check_obj,
    check_opt_str,
    check_ref,
    check_str,
    check_strs,
)


def _in(choices: Any, what: str = "") -> Callable:
    return lambda v, w: check_choice(v, w, choices) if not what else check_ref(v, w, choices, what)


def _each(choices: Any = None, what: str = "", **kw: Any) -> Callable:
    return lambda v, w: check_strs(v, w, choices, what, **kw)


_BY_TYPE: dict[str, Callable] = {
    "str": check_str, "str | None": check_opt_str, "dt.date": check_date, "bool": check_bool,
    "int | None": lambda v, w: check_int(v, w, null_ok=True), "tuple[str, ...]": _each()}


def _fields(cls: type, d: Any, w: str, **checks: Callable) -> dict:
    """Check ``d`` has exactly ``cls``'s published fields; check each (by ``checks``, else
    by its annotation) and return them as keyword arguments."""
    skip = ITEM_COPIES if cls is PolicyItem else ()
    names = {f.name: f.type for f in fields(cls) if f.name not in skip}
    check_obj(d, w, tuple(names))
    return {k: checks.get(k, _BY_TYPE.get(t, lambda v, x: v))(d[k], f"{w}.{k}")
            for k, t in names.items()}


class Parser:
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
            if check_str(rid, f"{where}.{key}") in ids:
                raise CatalogueError(f"{where}.{key}: duplicate id {rid!r}")
            ids.add(rid)
            out.append(parse(rec, where))
        return tuple(out)

    def catalogue(self) -> Catalogue:
        w = "manifest.json"
        m = check_obj(self.content(w), w, tuple(f.name for f in fields(Manifest)))
        if m["format"] != FORMAT:
            raise catalogue_error(f"{w}: format", f"{FORMAT} (the format this code reads)", m["format"])
        try:
            published = dt.datetime.fromisoformat(m["published_at"])
        except (TypeError, ValueError):
            published = None
        if published is None or published.tzinfo is None:
            raise catalogue_error(f"{w}: published_at", "a date-time with offset such as "
                        "2026-11-20T09:00:00+08:00", m["published_at"])
        files = check_obj(m["files"], f"{w}: files", KINDS)
        self.names = {k: check_str(files[k], f"{w}: files.{k}") for k in KINDS}
        manifest = Manifest(FORMAT, check_str(m["version"], f"{w}: version"),
                            check_bool(m["sample"], f"{w}: sample"), check_str(m["notice"], f"{w}: notice"),
                            published, self.names)
        towns = self.records("towns", "code", self.town)
        self.towns = {t.code for t in towns}
        materials = self.records("materials", "id", lambda d, w: Material(**_fields(
            Material, d, w, note=lambda v, x: v if v == "" else check_str(v, x),
            proves=_each(PROFILE_FIELDS))))
        self.materials = {m.id for m in materials}
        self.topics = {t.get("code") for t in self.content(self.names["topics"], "topics")
                       if isinstance(t, dict)}
        self.units = {u.id: u for u in self.records("units", "id", self.unit)}
        unit_ref = _in(self.units, "a unit id from units.json")
        topics = self.records("topics", "code", lambda d, w: Topic(**_fields(
            Topic, d, w, code=lambda v, x: check_str(v, x, r"[a-z_]+"),
            units=_each(self.units, "a unit id from units.json"))))
        kb = self.records("kb", "id", lambda d, w: KbArticle(**_fields(
            KbArticle, d, w, topic=_in(self.topics, "a topic code from topics.json"),
            keywords=_each(empty_ok=False), unit_id=unit_ref)))
        policies = self.records("policies", "id", self.document)
        return Catalogue(manifest, towns, topics, tuple(self.units.values()), materials, kb,
                         policies)

    def town(self, d: Any, w: str) -> Town:
        def stations(v: Any, x: str) -> tuple:
            codes = check_strs(v, x, pattern=r"[A-Z]{2}\d{2}", empty_ok=False)
            return tuple(self.unique(s, f"{x}[{i}]: station") for i, s in enumerate(codes))
        town = Town(**_fields(Town, d, w, code=lambda v, x: check_str(v, x, r"[a-z]+"),
                              kind=_in(TOWN_KINDS), stations=stations))
        for name in {town.code, *town.names()}:      # find_town() must not be ambiguous
            self.unique(name, f"{w}.aliases: name")
        return town

    def unit(self, d: Any, w: str) -> Unit:
        def duty(v: Any, x: str) -> tuple:
            if not isinstance(v, list) or not v:
                raise catalogue_error(x, "a non-empty list of on-duty contacts", v)
            return tuple(DutyContact(**_fields(
                DutyContact, c, f"{x}[{i}]", days=_in(DUTY_DAYS),
                phone=lambda p, y: check_str(p, y, r"0\d{2,3}-\d{7,8}"),
                mobile=lambda p, y: check_str(p, y, r"1[3-9]\d{9}"))) for i, c in enumerate(v))
        kw = _fields(Unit, d, w, kind=_in(UNIT_KINDS), town=lambda v, x: v, duty=duty,
                     topics=_each(self.topics, "a topic code from topics.json"))
        if kw["town"] is not None or kw["kind"] == "town_office":
            check_ref(kw["town"], f"{w}.town", self.towns, "a town code from towns.json" + (
                " (a town_office needs one)" if kw["kind"] == "town_office" else " or null"))
        return Unit(**kw)

    def document(self, d: Any, w: str) -> PolicyDocument:
        issuers = {u for u, unit in self.units.items() if unit.issuer}
        kw = _fields(PolicyDocument, d, w, valid_to=lambda v, x: v,
                     issuer_id=_in(issuers, "the id of a unit with issuer true"))
        kw["valid_to"] = check_date(d["valid_to"], f"{w}.valid_to", kw["valid_from"], "valid_from",
                               null_ok=True)
        if not isinstance(d["items"], list) or not d["items"]:
            raise catalogue_error(f"{w}.items", "a non-empty list of redeemable items", d["items"])
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
                raise catalogue_error(x, "a list of batches", v)
            return tuple(self.batch(b, f"{x}[{i}]") for i, b in enumerate(v))
        kw = _fields(
            PolicyItem, d, w, id=lambda v, x: self.unique(check_str(v, x, r"[a-z]+-[0-9a-z-]+"), x),
            kind=_in(ITEM_KINDS), themes=_each(empty_ok=False), tags=tags,
            stacking=lambda v, x: v if v is None else check_choice(v, x, STACKING),
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
                raise catalogue_error(f"{w}.stacking", "null for an item without an exclusive_group "
                            "(a stacking rule applies only within a group)", rule)
            return
        if rule is None:
            raise catalogue_error(f"{w}.stacking", "one of " + ", ".join(STACKING) + " for an item in "
                        f"exclusive_group {group!r}", rule)
        first = self.groups.setdefault(group, (kw["id"], rule))
        if first[1] != rule:
            raise catalogue_error(f"{w}.stacking", f"{first[1]!r} like {first[0]}, the first item of "
                        f"exclusive_group {group!r} (a group's items share one stacking rule)",
                        rule)

    def batch(self, d: Any, w: str) -> Batch:
        kw = _fields(
            Batch, d, w, id=lambda v, x: self.unique(check_str(v, x), x),
            closes=lambda v, x: v, contact=lambda v, x: BatchContact(
                **_fields(BatchContact, v, x, phone=lambda p, y: check_str(p, y, r"0\d{2,3}-\d{7,8}"))),
            materials=_each(self.materials, "a material id from materials.json"),
            receiving_unit_id=_in(self.units, "a unit id from units.json"))
        kw["closes"] = check_date(d["closes"], f"{w}.closes", kw["opens"], "opens")
        return Batch(**kw)
