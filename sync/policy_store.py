"""The policy catalogue as the desk keeps it (0003): documents → items → batches in
tables, with their tags and materials, and ``policy_fts`` to search them in Chinese.

``install`` replaces it whole inside ``install_catalogue``'s transaction. ``search``
follows ``core.textsearch``: tokens of the item's and its document's titles (with pinyin
initials) in the ``title`` column, weighted 10:1 above the ``body`` (summary, issuer,
document number, amount, themes, tag names, batches and receiving units); then an exact
title first, and the whole input as a substring of the title, the document title, the
body, before bm25. Filters (issuer, theme, tag, status on a day) are indexed lookups.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert

from core.catalogue import CLOSING_SOON_DAYS, QUALIFICATIONS, BatchStatus, Catalogue
from core.textsearch import index_terms, match_query
from sync.codec import dumps, loads
from sync.schema import (CatMaterial, PolicyBatch, PolicyBatchMaterial, PolicyDocument, PolicyItem,
                         PolicyItemTag)

STATUSES = ("valid", "open_now", "closing_soon")
SCALE_ZH = {"micro": "微型企业", "small": "小型企业", "medium": "中型企业", "large": "大型企业"}
TAG_KINDS = ("industry", "scale", "town", "qualification")


# -- installing -----------------------------------------------------------------------------

def install(conn: Connection, catalogue: Catalogue) -> None:
    """Replace the policy tables and their index with ``catalogue``'s (caller's transaction)."""
    for table in (PolicyBatchMaterial, PolicyBatch, PolicyItemTag, PolicyItem, PolicyDocument,
                  CatMaterial):
        conn.execute(delete(table))
    conn.exec_driver_sql("INSERT INTO policy_fts(policy_fts) VALUES ('delete-all')")
    if catalogue.materials:
        conn.execute(insert(CatMaterial), [
            {"id": m.id, "name": m.name, "note": m.note, "validity_days": m.validity_days,
             "proves": dumps(list(m.proves))} for m in catalogue.materials])
    units = {u.id: u for u in catalogue.units}
    towns = {t.code: t.name for t in catalogue.towns}
    docs, items, tags, batches, mats, fts = [], [], [], [], [], []
    pk = 0
    for doc in catalogue.policies:
        docs.append({"id": doc.id, "title": doc.title, "doc_number": doc.doc_number,
                     "issuer_id": doc.issuer_id, "issued": doc.issued.isoformat(),
                     "valid_from": doc.valid_from.isoformat(),
                     "valid_to": doc.valid_to.isoformat() if doc.valid_to else None,
                     "summary": doc.summary})
        issuer = units[doc.issuer_id].name if doc.issuer_id in units else doc.issuer_id
        for item in doc.items:
            pk += 1
            words = [doc.summary, issuer, doc.doc_number, item.amount_text, *item.themes,
                     *(QUALIFICATIONS.get(q, q) for q in item.tags.qualification),
                     *(SCALE_ZH.get(s, s) for s in item.tags.scale),
                     *(towns.get(t, t) for t in item.tags.town), *item.tags.industry]
            for kind in TAG_KINDS:
                tags.extend({"item_id": item.id, "kind": kind, "value": value}
                            for value in dict.fromkeys(getattr(item.tags, kind)))
            tags.extend({"item_id": item.id, "kind": "theme", "value": t}
                        for t in dict.fromkeys(item.themes))
            for ord_, b in enumerate(item.batches):
                unit = units.get(b.receiving_unit_id)
                words += [b.name, b.channel, unit.name if unit else ""]
                batches.append({
                    "id": b.id, "item_id": item.id, "ord": ord_, "name": b.name,
                    "opens": b.opens.isoformat(), "closes": b.closes.isoformat(),
                    "reference_date": b.reference_date.isoformat(),
                    "receiving_unit_id": b.receiving_unit_id, "contact_name": b.contact.name,
                    "contact_phone": b.contact.phone, "channel": b.channel, "notes": b.notes})
                mats.extend({"batch_id": b.id, "material_id": m, "ord": i}
                            for i, m in enumerate(dict.fromkeys(b.materials)))
            body = " ".join(w for w in words if w)
            items.append({
                "pk": pk, "id": item.id, "document_id": doc.id, "title": item.title,
                "kind": item.kind, "amount_text": item.amount_text,
                "amount_max": item.amount_max, "themes": dumps(list(item.themes)),
                "rule": dumps(item.rule.tree), "exclusive_group": item.exclusive_group,
                "stacking": item.stacking, "issuer_id": doc.issuer_id,
                "valid_from": doc.valid_from.isoformat(),
                "valid_to": doc.valid_to.isoformat() if doc.valid_to else None,
                "doc_title": doc.title, "body_text": body})
            fts.append((pk, title_terms(item.title, doc.title), index_terms(body)))
    for table, rows in ((PolicyDocument, docs), (PolicyItem, items), (PolicyItemTag, tags),
                        (PolicyBatch, batches), (PolicyBatchMaterial, mats)):
        if rows:
            conn.execute(insert(table), rows)
    conn.connection.driver_connection.executemany(
        "INSERT INTO policy_fts (rowid, title, body) VALUES (?, ?, ?)", fts)
    # a material's validity may have changed: re-date the enterprises' checklists
    conn.exec_driver_sql(
        "UPDATE enterprise_materials SET expires_on = (SELECT CASE WHEN m.validity_days IS "
        "NULL OR enterprise_materials.received_on IS NULL THEN NULL ELSE "
        "date(enterprise_materials.received_on, '+' || m.validity_days || ' days') END "
        "FROM cat_materials m WHERE m.id = enterprise_materials.material_id) "
        "WHERE material_id IN (SELECT id FROM cat_materials)")
    # a batch's window may have moved, or the cases arrived before the catalogue (a desk
    # upgraded offline): every case's deadline is its batch's closing day
    conn.exec_driver_sql(
        "UPDATE cases SET deadline = (SELECT b.closes FROM policy_batches b "
        "WHERE b.id = cases.batch_id) WHERE batch_id IN (SELECT id FROM policy_batches)")


def title_terms(item_title: str, doc_title: str) -> str:
    return (f"{index_terms(item_title, initials_of=item_title)} "
            f"{index_terms(doc_title, initials_of=doc_title)}")


def is_installed(conn: Connection) -> bool:
    return bool(conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM policy_items)").scalar())


# -- rows -----------------------------------------------------------------------------------

def batch_status(opens: str, closes: str, day: dt.date) -> BatchStatus:
    """``core.catalogue.Batch.status_on`` over the stored dates."""
    o, c = dt.date.fromisoformat(opens), dt.date.fromisoformat(closes)
    if day < o:
        return BatchStatus.UPCOMING
    if day > c:
        return BatchStatus.CLOSED
    return BatchStatus.CLOSING_SOON if (c - day).days <= CLOSING_SOON_DAYS else BatchStatus.OPEN




@dataclass(frozen=True)
class PolicyHit:
    """One item in a search or browse list."""

    item_id: str
    title: str
    kind: str
    amount_text: str
    amount_max: int | None
    themes: tuple[str, ...]
    document_id: str
    document_title: str
    issuer_id: str
    issuer_name: str
    valid: bool                     # the document is in force on the day asked
    status: str                     # of the batch that matters most: open/closing_soon,
    batch_id: str | None            # else the next upcoming, else the last closed;
    opens: str | None               # "none" when the item has no batch
    closes: str | None
    how: str = "browse"             # title (the whole input in it) | initials | text | browse


@dataclass(frozen=True)
class MaterialRow:
    id: str
    name: str
    note: str
    validity_days: int | None


@dataclass(frozen=True)
class BatchDetail:
    id: str
    name: str
    opens: str
    closes: str
    reference_date: str
    status: str
    receiving_unit: dict[str, Any]      # id, name, address, office_hours, duty
    contact: dict[str, str]             # name, phone
    channel: str
    notes: str
    materials: tuple[MaterialRow, ...]


@dataclass(frozen=True)
class PolicyItemDetail:
    document: dict[str, Any]            # id, title, doc_number, issuer_id, issuer_name,
    item: dict[str, Any]                # issued, valid_from, valid_to, summary
    tags: dict[str, tuple[str, ...]]    # industry, scale, town, qualification, theme
    batches: tuple[BatchDetail, ...]
    valid: bool
    rule: dict[str, Any] = field(default_factory=dict)


def _batch_key(opens: str, closes: str, status: BatchStatus) -> tuple[int, int]:
    """Which batch matters most: the open one closing soonest, else the next to open,
    else the last to have closed."""
    if status is BatchStatus.UPCOMING:
        return 1, dt.date.fromisoformat(opens).toordinal()
    ordinal = dt.date.fromisoformat(closes).toordinal()
    return (2, -ordinal) if status is BatchStatus.CLOSED else (0, ordinal)


def _best_batches(conn: Connection, item_ids: list[str], day: dt.date
                  ) -> dict[str, tuple[str, str, str, BatchStatus]]:
    found: dict[str, tuple[tuple[int, int], tuple[str, str, str, BatchStatus]]] = {}
    if not item_ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT item_id, id, opens, closes FROM policy_batches WHERE item_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY item_id, ord", (dumps(item_ids),))
    for item_id, bid, opens, closes in rows:
        status = batch_status(opens, closes, day)
        key = _batch_key(opens, closes, status)
        if item_id not in found or key < found[item_id][0]:
            found[item_id] = (key, (bid, opens, closes, status))
    return {k: v[1] for k, v in found.items()}


_HIT_SQL = ("SELECT i.pk, i.id, i.title, i.kind, i.amount_text, i.amount_max, i.themes, "
            "i.document_id, i.doc_title, i.issuer_id, coalesce(u.name, i.issuer_id), "
            "i.valid_from, i.valid_to{extra} FROM {source} "
            "LEFT JOIN cat_units u ON u.id = i.issuer_id WHERE {where} ORDER BY {order} "
            "LIMIT ?")


def _filters(issuer: str | None, theme: str | None, tag: str | None, status: str | None,
             day: dt.date) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if issuer:
        where.append("i.issuer_id = ?")
        params.append(issuer)
    if theme:
        where.append("EXISTS (SELECT 1 FROM policy_item_tags t WHERE t.item_id = i.id AND "
                     "t.kind = 'theme' AND t.value = ?)")
        params.append(theme)
    if tag:
        kind, _, value = tag.partition(":") if ":" in tag else ("", "", tag)
        where.append("EXISTS (SELECT 1 FROM policy_item_tags t WHERE t.item_id = i.id AND "
                     "t.value = ?" + (" AND t.kind = ?)" if kind else ")"))
        params.extend([value, kind] if kind else [value])
    today = day.isoformat()
    if status == "valid":
        where.append("i.valid_from <= ? AND (i.valid_to IS NULL OR i.valid_to >= ?)")
        params.extend([today, today])
    elif status in ("open_now", "closing_soon"):
        soon = " AND b.closes <= ?" if status == "closing_soon" else ""
        where.append("EXISTS (SELECT 1 FROM policy_batches b WHERE b.item_id = i.id AND "
                     f"b.opens <= ? AND b.closes >= ?{soon})")
        params.extend([today, today])
        if soon:
            params.append((day + dt.timedelta(days=CLOSING_SOON_DAYS)).isoformat())
    elif status is not None:
        raise ValueError(f"status: expected one of {', '.join(STATUSES)}, got {status!r}")
    return where, params


def search(conn: Connection, text: str = "", *, issuer: str | None = None,
           theme: str | None = None, tag: str | None = None, status: str | None = None,
           on: dt.date, limit: int = 50) -> list[PolicyHit]:
    """Items for what the navigator typed (and the filters), best first; with no text,
    every item the filters admit, those open for application first (closing soonest)."""
    where, params = _filters(issuer, theme, tag, status, on)
    raw = "".join((text or "").split())
    if raw:
        query = match_query(text)
        if query is None:
            return []
        sql = _HIT_SQL.format(
            extra=", (instr(i.title, ?) > 0)",
            source="policy_fts f JOIN policy_items i ON i.pk = f.rowid",
            where=" AND ".join(["policy_fts MATCH ?", *where]),
            # (a body hit needs no test of its own: every match that is not in a title
            # is in the body, and bm25 orders those; testing it cost a third of the time
            # of a 1-character query matching thousands of items)
            # (then, among title hits and among the rest: the items of a document in force
            # before those of an expired one: a navigator looks for what still applies)
            order="(i.title = ?) DESC, (instr(i.title, ?) > 0) DESC, (i.valid_from <= ? AND "
                  "(i.valid_to IS NULL OR i.valid_to >= ?)) DESC, "
                  "(instr(i.doc_title, ?) > 0) DESC, bm25(policy_fts, 10.0, 1.0), i.pk")
        day = on.isoformat()
        args: list[Any] = [raw, query, *params, raw, raw, day, day, raw, limit]
    else:
        today = on.isoformat()
        sql = _HIT_SQL.format(
            extra=", 0", source="policy_items i", where=" AND ".join(where) or "1",
            order="(SELECT min(b.closes) FROM policy_batches b WHERE b.item_id = i.id AND "
                  "b.opens <= ? AND b.closes >= ?) IS NULL, (SELECT min(b.closes) FROM "
                  "policy_batches b WHERE b.item_id = i.id AND b.opens <= ? AND "
                  "b.closes >= ?), i.pk")
        args = [*params, today, today, today, today, limit]
    rows = conn.exec_driver_sql(sql, tuple(args)).fetchall()
    best = _best_batches(conn, [r[1] for r in rows], on)
    today = on.isoformat()
    letters = raw.isascii() and raw.isalpha() and len(raw) >= 2
    out = []
    for r in rows:
        b = best.get(r[1])
        out.append(PolicyHit(
            r[1], r[2], r[3], r[4], r[5], tuple(loads(r[6])), r[7], r[8], r[9], r[10],
            r[11] <= today and (r[12] is None or today <= r[12]),
            b[3].value if b else "none", b[0] if b else None, b[1] if b else None,
            b[2] if b else None,
            ("title" if r[13] else "initials" if letters else "text") if raw else "browse"))
    return out


def search_like(conn: Connection, text: str, limit: int = 50) -> list[str]:
    """The naive baseline a benchmark sets beside ``search``: a LIKE scan of the texts."""
    needle = f"%{text.strip()}%"
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM policy_items WHERE title LIKE ? OR doc_title LIKE ? OR body_text "
        "LIKE ? ORDER BY (title LIKE ?) DESC, pk LIMIT ?", (needle, needle, needle, needle,
                                                            limit))]


# -- one item -------------------------------------------------------------------------------

def _unit(conn: Connection, unit_id: str) -> dict[str, Any]:
    row = conn.exec_driver_sql("SELECT name, data FROM cat_units WHERE id = ?",
                               (unit_id,)).first()
    if row is None:
        return {"id": unit_id, "name": unit_id}
    data = loads(row[1])
    return {"id": unit_id, "name": row[0], "address": data.get("address"),
            "office_hours": data.get("office_hours"), "duty": data.get("duty", [])}


def item_detail(conn: Connection, item_id: str, on: dt.date) -> PolicyItemDetail | None:
    it = conn.exec_driver_sql(
        "SELECT i.id, i.title, i.kind, i.amount_text, i.amount_max, i.themes, i.rule, "
        "i.exclusive_group, i.stacking, d.id, d.title, d.doc_number, d.issuer_id, d.issued, "
        "d.valid_from, d.valid_to, d.summary FROM policy_items i JOIN policy_documents d "
        "ON d.id = i.document_id WHERE i.id = ?", (item_id,)).first()
    if it is None:
        return None
    issuer = _unit(conn, it[12])
    document = {"id": it[9], "title": it[10], "doc_number": it[11], "issuer_id": it[12],
                "issuer_name": issuer["name"], "issued": it[13], "valid_from": it[14],
                "valid_to": it[15], "summary": it[16]}
    item = {"id": it[0], "title": it[1], "kind": it[2], "amount_text": it[3],
            "amount_max": it[4], "themes": tuple(loads(it[5])), "exclusive_group": it[7],
            "stacking": it[8]}
    tags: dict[str, list[str]] = defaultdict(list)
    for kind, value in conn.exec_driver_sql(
            "SELECT kind, value FROM policy_item_tags WHERE item_id = ? ORDER BY kind, rowid",
            (item_id,)):
        tags[kind].append(value)
    batches = []
    for b in conn.exec_driver_sql(
            "SELECT id, name, opens, closes, reference_date, receiving_unit_id, contact_name, "
            "contact_phone, channel, notes FROM policy_batches WHERE item_id = ? ORDER BY ord",
            (item_id,)).fetchall():
        mats = tuple(MaterialRow(*m) for m in conn.exec_driver_sql(
            "SELECT m.id, m.name, m.note, m.validity_days FROM policy_batch_materials bm "
            "JOIN cat_materials m ON m.id = bm.material_id WHERE bm.batch_id = ? "
            "ORDER BY bm.ord", (b[0],)))
        batches.append(BatchDetail(b[0], b[1], b[2], b[3], b[4],
                                   batch_status(b[2], b[3], on).value, _unit(conn, b[5]),
                                   {"name": b[6], "phone": b[7]}, b[8], b[9], mats))
    today = on.isoformat()
    valid = document["valid_from"] <= today and (document["valid_to"] is None
                                                 or today <= document["valid_to"])
    return PolicyItemDetail(document, item, {k: tuple(v) for k, v in tags.items()},
                            tuple(batches), valid, loads(it[6]))


def batch_of(conn: Connection, batch_id: str) -> Any:
    """(item_id, opens, closes) of a batch, or None."""
    return conn.exec_driver_sql("SELECT item_id, opens, closes FROM policy_batches WHERE "
                                "id = ?", (batch_id,)).first()


def batch_materials(conn: Connection, batch_id: str) -> list[str]:
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT material_id FROM policy_batch_materials WHERE batch_id = ? ORDER BY ord",
        (batch_id,))]


def materials(conn: Connection, ids: Iterable[str] | None = None) -> dict[str, MaterialRow]:
    sql = "SELECT id, name, note, validity_days FROM cat_materials"
    rows = (conn.exec_driver_sql(sql + " WHERE id IN (SELECT value FROM json_each(?))",
                                 (dumps(list(ids)),)) if ids is not None
            else conn.exec_driver_sql(sql))
    return {r[0]: MaterialRow(*r) for r in rows}


def validity(conn: Connection) -> Mapping[str, int | None]:
    return {r[0]: r[1] for r in conn.exec_driver_sql("SELECT id, validity_days FROM cat_materials")}


def issuers(conn: Connection) -> list[tuple[str, str, int]]:
    """(unit id, name, number of items), most items first."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT i.issuer_id, coalesce(u.name, i.issuer_id), count(*) AS n FROM policy_items i "
        "LEFT JOIN cat_units u ON u.id = i.issuer_id GROUP BY i.issuer_id "
        "ORDER BY n DESC, i.issuer_id")]


def themes(conn: Connection) -> list[tuple[str, int]]:
    """(theme, number of items), most items first."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT value, count(*) AS n FROM policy_item_tags WHERE kind = 'theme' "
        "GROUP BY value ORDER BY n DESC, value")]
