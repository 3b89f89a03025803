"""Desk API for the policy-redemption window's outreach and matching: the outreach list
(主动服务清单) of one item's open batch, one enterprise matched against every item, and
the facets the case list filters by. Read-only: nothing here writes.

Mixed into ``sync.desk.Desk`` beside ``PolicyDesk`` (whose ``store``, ``clock``,
``station``, ``today()``, ``enterprise()``, ``enterprise_profile()`` and
``_ensure_policies()`` it uses). The eligibility rules are evaluated by
``core.eligibility`` over ``PolicyItem`` records rebuilt from the desk's policy tables
(``policy_items.rule``, ``policy_batches``): parsing and validating the whole published
catalogue is not needed to judge one item, and the matcher over every item is kept per
catalogue ETag.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.cases import OPEN_STATES
from core.catalogue import Batch, BatchContact, BatchStatus, Condition, ItemTags, PolicyItem
from core.eligibility import Matcher, Verdict, pick_batch, rank
from core.outreach import OutreachList, batch_fields, scan, sort_rows
from core.validation import ValidationError
from sync.codec import dumps, loads
from sync.ticket_writes import NotFound

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from sync.case_queries import EnterpriseRow
    from sync.identity import Station
    from sync.store import Store

__all__ = ["CaseFacets", "EnterpriseMatch", "OutreachDesk"]

_OPEN = (BatchStatus.OPEN, BatchStatus.CLOSING_SOON)
_OPEN_CASES = tuple(s.value for s in OPEN_STATES)


@dataclass(frozen=True)
class EnterpriseMatch:
    """One enterprise against every item: ranked verdicts (see ``core.eligibility.rank``),
    with the items' titles and amounts for showing them."""

    enterprise: EnterpriseRow
    on: dt.date
    verdicts: list[Verdict]
    titles: dict[str, str]
    amounts: dict[str, str]

    def counts(self) -> dict[str, int]:
        out = {"eligible": 0, "likely": 0, "not_eligible": 0}
        for v in self.verdicts:
            out[v.outcome] += 1
        return out


@dataclass(frozen=True)
class CaseFacets:
    """What the case list can be filtered by: (id, title or name, number of cases)."""

    items: list[tuple[str, str, int]]
    enterprises: list[tuple[str, str, int]]


def _batches(conn: Connection, item_ids: list[str] | None) -> dict[str, list[Batch]]:
    sql = ("SELECT b.item_id, b.id, b.name, b.opens, b.closes, b.reference_date, "
           "b.receiving_unit_id, b.contact_name, b.contact_phone, b.channel, b.notes, "
           "(SELECT json_group_array(material_id) FROM (SELECT material_id FROM "
           "policy_batch_materials m WHERE m.batch_id = b.id ORDER BY m.ord)) "
           "FROM policy_batches b")
    rows = (conn.exec_driver_sql(sql + " WHERE b.item_id IN (SELECT value FROM json_each(?)) "
                                 "ORDER BY b.item_id, b.ord", (dumps(item_ids),))
            if item_ids is not None else
            conn.exec_driver_sql(sql + " ORDER BY b.item_id, b.ord"))
    date = dt.date.fromisoformat
    out: dict[str, list[Batch]] = {}
    for r in rows:
        out.setdefault(r[0], []).append(Batch(
            r[1], r[2], date(r[3]), date(r[4]), date(r[5]), tuple(loads(r[11])), r[6],
            BatchContact(r[7] or "", r[8] or ""), r[9] or "", r[10] or ""))
    return out


_NO_TAGS = ItemTags((), (), (), ())


def items_from_tables(conn: Connection, item_ids: list[str] | None = None) -> list[PolicyItem]:
    """``PolicyItem`` records (rule, batches, amount; no tags) from the policy tables."""
    sql = ("SELECT id, title, kind, amount_text, amount_max, themes, rule, exclusive_group, "
           "stacking, document_id, valid_from, valid_to FROM policy_items")
    rows = (conn.exec_driver_sql(sql + " WHERE id IN (SELECT value FROM json_each(?)) "
                                 "ORDER BY pk", (dumps(item_ids),))
            if item_ids is not None else conn.exec_driver_sql(sql + " ORDER BY pk")).fetchall()
    batches = _batches(conn, item_ids)
    date = dt.date.fromisoformat
    return [PolicyItem(r[0], r[1], r[2], r[3], r[4], tuple(loads(r[5])), _NO_TAGS,
                       Condition(loads(r[6])), r[7], r[8], tuple(batches.get(r[0], ())), r[9],
                       date(r[10]), date(r[11]) if r[11] else None) for r in rows]


def rule_names(conn: Connection) -> dict[str, dict[str, str]]:
    """The names traces print: towns and materials."""
    return {"towns": dict(conn.exec_driver_sql("SELECT code, name FROM cat_towns").fetchall()),
            "materials": dict(conn.exec_driver_sql("SELECT id, name FROM cat_materials")
                              .fetchall())}


class OutreachDesk:
    """Mixed into ``sync.desk.Desk``."""

    store: Store
    station: Station | None

    if TYPE_CHECKING:
        def today(self) -> dt.date: ...
        def _ensure_policies(self) -> None: ...
        def enterprise(self, key: str) -> EnterpriseRow | None: ...
        def enterprise_profile(self, enterprise_id: str) -> Any: ...

    def _scope_town(self, town: str | None) -> str | None:
        if town is None and self.station is not None and self.station.town != "city":
            return self.station.town
        return town

    def _full_matcher(self, conn: Connection) -> Matcher:
        """The matcher over every item, kept while the catalogue's ETag stays."""
        from sync import catalogue_store

        etag = catalogue_store.etag(conn)
        held = self.__dict__.get("_outreach_matcher")
        if held is not None and held[0] == etag:
            return held[1]
        matcher = Matcher(items_from_tables(conn), rule_names(conn))
        self.__dict__["_outreach_matcher"] = (etag, matcher)
        return matcher

    # -- the outreach list -----------------------------------------------------------------

    def outreach(self, item_id: str, batch_id: str | None = None, *,
                 on: dt.date | None = None, town: str | None = None,
                 lang: str = "zh") -> OutreachList:
        """The enterprises in this desk's scope (its town's; every town's at the city hall,
        or ``town``) that are eligible or likely for ``item_id`` judged by its open batch
        (``batch_id``, default the open one closing first) and have no case for it yet:
        none for that batch, and no open one for another batch of the item. Sorted
        eligible first, then fewest missing. ``ValidationError`` when the item has no
        batch open for application; ``NotFound`` for an unknown item."""
        started = time.perf_counter()
        self._ensure_policies()
        on = on or self.today()
        town = self._scope_town(town)
        from sync import case_queries

        with self.store.read() as conn:
            items = items_from_tables(conn, [item_id])
            if not items:
                raise NotFound("policy item", item_id)
            item = items[0]
            batch = self._outreach_batch(item, batch_id, on)
            matcher = Matcher(items, rule_names(conn))
            exclude = {r[0] for r in conn.exec_driver_sql(
                "SELECT DISTINCT enterprise_id FROM cases WHERE item_id = ? AND (batch_id = ? "
                "OR state IN (SELECT value FROM json_each(?)))",
                (item_id, batch.id, dumps(list(_OPEN_CASES))))}
            towns = dict(conn.exec_driver_sql("SELECT code, name FROM cat_towns").fetchall())
            rows, counts = scan(matcher, item_id, case_queries.profiles(conn, town), on,
                                batch.id, exclude, lang=lang)
        return OutreachList(item.id, item.title, batch_fields(batch, on), on, town,
                            tuple(sort_rows(rows)), counts["scanned"], counts["with_case"],
                            counts["not_eligible"], time.perf_counter() - started, towns)

    @staticmethod
    def _outreach_batch(item: PolicyItem, batch_id: str | None, on: dt.date) -> Batch:
        if batch_id is not None:
            batch = next((b for b in item.batches if b.id == batch_id), None)
            if batch is None:
                raise ValidationError("batch_id", f"no batch {batch_id!r} of item {item.id!r}",
                                      message_zh="申报批次不属于该兑现事项，请重新选择")
            if batch.status_on(on) is BatchStatus.CLOSED:
                raise ValidationError("batch_id", f"the batch closed on {batch.closes}",
                                      message_zh=f"该批次已于 {batch.closes} 截止申报")
            return batch
        batch, status = pick_batch(item, on)
        if batch is None or status not in _OPEN:
            raise ValidationError("item_id", f"item {item.id} has no batch open for "
                                  f"application on {on}",
                                  message_zh=f"“{item.title}”当前没有开放申报的批次")
        return batch

    def open_batches(self, item_id: str, on: dt.date | None = None) -> list[dict[str, Any]]:
        """The item's batches open for application on ``on`` (closing first), then the
        upcoming ones: what an outreach list or a new case can be for."""
        self._ensure_policies()
        on = on or self.today()
        with self.store.read() as conn:
            batches = _batches(conn, [item_id]).get(item_id, [])
        out = [batch_fields(b, on) for b in batches if b.status_on(on) is not BatchStatus.CLOSED]
        return sorted(out, key=lambda b: (b["status"] == "upcoming", b["closes"]))

    # -- matching one enterprise -------------------------------------------------------------

    def match_enterprise(self, key: str, on: dt.date | None = None) -> EnterpriseMatch:
        """An enterprise (by id or credit code) against every item of the catalogue, each
        judged by its batch on ``on`` (default today), ranked."""
        self._ensure_policies()
        found = self.enterprise(key)
        if found is None:
            raise NotFound("enterprise", key)
        profile = self.enterprise_profile(found.id)
        on = on or self.today()
        with self.store.read() as conn:
            matcher = self._full_matcher(conn)
        verdicts = rank(matcher.match(profile, on))
        titles = {i: it.title for i, it in matcher.items.items()}
        amounts = {i: it.amount_text for i, it in matcher.items.items()}
        return EnterpriseMatch(found, on, verdicts, titles, amounts)

    # -- the case list's facets ------------------------------------------------------------

    def case_facets(self) -> CaseFacets:
        """The items and enterprises that have cases, most cases first."""
        with self.store.read() as conn:
            items = [tuple(r) for r in conn.exec_driver_sql(
                "SELECT c.item_id, coalesce(i.title, c.item_id), count(*) AS n FROM cases c "
                "LEFT JOIN policy_items i ON i.id = c.item_id GROUP BY c.item_id "
                "ORDER BY n DESC, c.item_id")]
            ents = [tuple(r) for r in conn.exec_driver_sql(
                "SELECT c.enterprise_id, coalesce(e.name, c.enterprise_id), count(*) AS n "
                "FROM cases c LEFT JOIN enterprises e ON e.id = c.enterprise_id "
                "GROUP BY c.enterprise_id ORDER BY n DESC, 2")]
        return CaseFacets(items, ents)  # type: ignore[arg-type]


def has_catalogue(desk: Any) -> bool:
    """Whether the desk file holds a policy catalogue (it does once synced)."""
    with desk.store.read() as conn:
        return bool(conn.exec_driver_sql(
            "SELECT EXISTS (SELECT 1 FROM policy_items)").scalar())


def iter_ids(rows: Iterable[Any]) -> list[str]:
    return [r.id for r in rows]
