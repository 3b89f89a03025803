"""The central-authored reference data as the desk keeps it: towns, topics, handling
units with their on-duty contacts, the knowledge base (searchable) and the policy
catalogue. Replaced whole, in one transaction, when a new version is published."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, exists, insert, select

from core.catalogue import Catalogue, CatalogueError
from core.intake import Intake
from core.textsearch import PINYIN_MARKER, index_terms, match_query
from core.validation import ValidationError
from sync.codec import dumps, loads
from sync.schema import CatalogueBlob, KbArticle, Topic, Town, Unit

log = logging.getLogger(__name__)

BLOB = "catalogue"


def parse(files: Mapping[str, Any]) -> Catalogue:
    try:
        return Catalogue.from_json(files)
    except CatalogueError as exc:
        raise ValidationError("catalogue", str(exc), message_zh=f"目录数据有误：{exc}") from None


def install(conn: Connection, catalogue: Catalogue) -> None:
    for table in (Town, Topic, Unit, KbArticle, CatalogueBlob):
        conn.execute(delete(table))
    conn.exec_driver_sql("INSERT INTO kb_fts(kb_fts) VALUES ('delete-all')")
    if catalogue.towns:
        conn.execute(insert(Town), [
            {"code": t.code, "name": t.name, "short": t.short, "kind": t.kind,
             "data": dumps({"aliases": list(t.aliases), "hall": t.hall, "address": t.address,
                            "stations": list(t.stations)})} for t in catalogue.towns])
    if catalogue.topics:
        conn.execute(insert(Topic), [
            {"code": t.code, "zh": t.zh, "en": t.en, "data": dumps({"units": list(t.units)})}
            for t in catalogue.topics])
    if catalogue.units:
        conn.execute(insert(Unit), [
            {"id": u.id, "name": u.name, "short": u.short, "kind": u.kind, "town": u.town,
             "data": dumps(_unit_data(u)),
             "search": f"{u.id} {index_terms(f'{u.name} {u.short}', initials_of=u.name)}"}
            for u in catalogue.units])
    for pk, article in enumerate(catalogue.kb, start=1):
        conn.execute(insert(KbArticle).values(
            pk=pk, id=article.id, topic=article.topic, title=article.title,
            answer=article.answer,
            data=dumps({"keywords": list(article.keywords), "basis": article.basis,
                        "unit_id": article.unit_id, "updated": article.updated.isoformat()})))
        conn.exec_driver_sql(
            "INSERT INTO kb_fts(rowid, title_terms, body_terms) VALUES (?, ?, ?)",
            (pk, index_terms(f"{article.title} {' '.join(article.keywords)}",
                             initials_of=article.title),
             index_terms(article.answer)))
    conn.execute(insert(CatalogueBlob).values(name=BLOB, etag=catalogue.etag,
                                              body=dumps(catalogue.to_json())))


def _unit_data(unit: Any) -> dict[str, Any]:
    return {"topics": list(unit.topics), "address": unit.address,
            "office_hours": unit.office_hours, "issuer": unit.issuer,
            "duty": [{"name": d.name, "role": d.role, "phone": d.phone, "mobile": d.mobile,
                      "days": d.days} for d in unit.duty]}


def etag(conn: Connection) -> str | None:
    return conn.execute(select(CatalogueBlob.etag).where(CatalogueBlob.name == BLOB)).scalar()


def load(conn: Connection) -> Catalogue | None:
    """The stored catalogue, or None when there is none, or when it was stored by an
    earlier build and this build's parser refuses it (the next sync brings the server's
    current one: its ETag differs)."""
    body = conn.execute(select(CatalogueBlob.body).where(CatalogueBlob.name == BLOB)).scalar()
    if not body:
        return None
    try:
        return Catalogue.from_json(loads(body))
    except CatalogueError as exc:
        log.warning("the stored catalogue is refused by this build (%s); waiting for the "
                    "central server's", exc)
        return None


# -- lookups ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TownRow:
    code: str
    name: str
    short: str
    kind: str


@dataclass(frozen=True)
class TopicRow:
    code: str
    zh: str
    en: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class UnitRow:
    id: str
    name: str
    short: str
    kind: str
    town: str | None
    data: dict[str, Any]

    @property
    def duty(self) -> list[dict[str, Any]]:
        return self.data.get("duty", [])


@dataclass(frozen=True)
class KbHit:
    id: str
    topic: str
    title: str
    answer: str
    data: dict[str, Any]


def has_units(conn: Connection) -> bool:
    return bool(conn.execute(select(exists().where(Unit.id.is_not(None)))).scalar())


def unit_name(conn: Connection, unit_id: str) -> str | None:
    return conn.execute(select(Unit.name).where(Unit.id == unit_id)).scalar()


def _unit_row(r: Any) -> UnitRow:
    return UnitRow(r.id, r.name, r.short, r.kind, r.town, loads(r.data))


def unit(conn: Connection, unit_id: str) -> UnitRow | None:
    r = conn.execute(select(Unit).where(Unit.id == unit_id)).first()
    return _unit_row(r) if r else None


def units(conn: Connection, text: str = "", town: str | None = None) -> list[UnitRow]:
    """The unit directory, optionally narrowed by name, short name or pinyin initials."""
    stmt = select(Unit).order_by(Unit.kind, Unit.name)
    if town:
        stmt = stmt.where((Unit.town == town) | Unit.town.is_(None))
    found = [_unit_row(r) for r in conn.execute(stmt)]
    needle = text.strip()
    if not needle:
        return found
    lower = needle.lower()
    search = {r.id: r.search for r in conn.execute(select(Unit.id, Unit.search))}
    return [u for u in found
            if needle in u.name or needle in u.short or f"{PINYIN_MARKER}{lower}" in search.get(u.id, "")]


def topics(conn: Connection) -> list[TopicRow]:
    return [TopicRow(r.code, r.zh, r.en, tuple(loads(r.data).get("units", [])))
            for r in conn.execute(select(Topic).order_by(Topic.code))]


def towns(conn: Connection) -> list[TownRow]:
    return [TownRow(r.code, r.name, r.short, r.kind)
            for r in conn.execute(select(Town).order_by(Town.kind, Town.code))]


def check_intake_refs(conn: Connection, intake: Intake) -> None:
    """An intake's topic and town must be the catalogue's (once a catalogue is installed)."""
    if conn.execute(select(exists().where(Topic.code.is_not(None)))).scalar():
        if conn.execute(select(Topic.code).where(Topic.code == intake.topic)).scalar() is None:
            raise ValidationError("topic", f"unknown topic {intake.topic!r}",
                                  message_zh="诉求主题不在目录中，请从列表中选择")
    if conn.execute(select(exists().where(Town.code.is_not(None)))).scalar():
        if conn.execute(select(Town.code).where(Town.code == intake.town)).scalar() is None:
            raise ValidationError("town", f"unknown town {intake.town!r}",
                                  message_zh="所属镇街不在目录中，请从列表中选择")


def _kb_hit(r: Any) -> KbHit:
    return KbHit(r.id, r.topic, r.title, r.answer, loads(r.data))


def search_kb(conn: Connection, text: str, topic: str | None = None,
              limit: int = 20) -> list[KbHit]:
    """Knowledge-base answers for what the clerk typed, best first (title hits weigh 4x)."""
    query = match_query(text)
    if query is None:
        stmt = select(KbArticle)
        if topic:
            stmt = stmt.where(KbArticle.topic == topic)
        return [_kb_hit(r) for r in conn.execute(stmt.order_by(KbArticle.pk).limit(limit))]
    sql = ("SELECT k.id, k.topic, k.title, k.answer, k.data FROM kb_fts "
           "JOIN kb_articles k ON k.pk = kb_fts.rowid WHERE kb_fts MATCH ? "
           + ("AND k.topic = ? " if topic else "")
           + "ORDER BY bm25(kb_fts, 4.0, 1.0) LIMIT ?")
    params: tuple[Any, ...] = (query, topic, limit) if topic else (query, limit)
    return [_kb_hit(r) for r in conn.exec_driver_sql(sql, params)]


def kb_article(conn: Connection, article_id: str) -> KbHit | None:
    r = conn.execute(select(KbArticle).where(KbArticle.id == article_id)).first()
    return _kb_hit(r) if r else None
