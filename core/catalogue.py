"""The catalogue the central server publishes: towns, topics, handling units and their
on-duty contacts, application materials, the knowledge base and the benefit policies.

The published form is a directory (on the wire: a dict) of JSON files named by
``manifest.json``; ``docs/catalogue.md`` describes every field. ``load_catalogue()``
reads the packaged sample in ``resources/catalogue``; ``Catalogue.from_json()`` takes
the files' contents and ``to_json()`` gives them back unchanged; ``etag`` is the sha256
of their canonical JSON. Every error names the file, the record id, the field and what
was expected. Unknown fields are errors: a new field means a new ``format`` number.

Eligibility rules are kept as their JSON tree (``Condition``) and checked for structure
only; evaluating them against an enterprise is ``core.eligibility``'s job. The format's
vocabulary and checks are in ``core.catalogue_schema`` (re-exported here), the parser in
``core.catalogue_parse``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from core.catalogue_schema import (  # re-exported: the vocabulary is part of this API
    CLOSING_SOON_DAYS, CREDIT_CHARS, CatalogueError, DUTY_DAYS, FIELDS, FORMAT,
    INDUSTRY_CODE, ITEM_KINDS, KINDS, OPS, OPS_BY_TYPE, PREDICATES, PROFILE_FIELDS,
    QUALIFICATIONS, SCALES, STACKING, TAX_CREDIT_LEVELS, TOWN_KINDS, UNIT_KINDS,
    validate_rule, catalogue_error,)


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


ITEM_COPIES = ("document_id", "valid_from", "valid_to")


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
        from core.catalogue_parse import Parser  # (imports this module)

        return Parser(files).catalogue()

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
        skip = ITEM_COPIES if isinstance(v, PolicyItem) else ()
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v) if f.name not in skip}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


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
            raise catalogue_error("manifest.json: files", "plain file names", name)
        try:
            files[name] = json.loads((directory / name).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogueError(f"{name}: cannot read {directory / name} ({exc})") from None
    return files


def load_catalogue(path_or_dir: str | Path | None = None) -> Catalogue:
    """Load and validate a catalogue directory (default: the packaged sample)."""
    return Catalogue.from_json(read_catalogue_files(path_or_dir))


__all__ = ["Batch", "BatchContact", "BatchStatus", "CLOSING_SOON_DAYS", "CREDIT_CHARS",
           "Catalogue", "CatalogueError", "Condition", "DUTY_DAYS", "DutyContact",
           "FIELDS", "FORMAT", "INDUSTRY_CODE", "ITEM_KINDS", "ItemTags", "KINDS",
           "KbArticle", "Manifest", "Material", "OPS", "OPS_BY_TYPE", "PREDICATES",
           "PROFILE_FIELDS", "PolicyDocument", "PolicyItem", "QUALIFICATIONS", "SCALES",
           "STACKING", "TAX_CREDIT_LEVELS", "TOWN_KINDS", "Topic", "Town", "UNIT_KINDS",
           "Unit", "canonical_json", "default_catalogue_dir", "load_catalogue",
           "read_catalogue_files", "validate_rule"]
