"""Desk API for the policy-redemption window's outreach: the outreach list (主动服务清单)
of one item's open batch, the batches a list or a new case can be for, and the facets
the case list filters by. Read-only: nothing here writes.

Mixed into ``sync.desk.Desk`` after ``PolicyDesk`` and ``MatchingDesk``: the item, its
batches and the compiled rule come from ``MatchingDesk.policy_catalogue()`` and
``core.eligibility.matcher_for`` (one catalogue parsed per ETag, one matcher per
catalogue), so the outreach list and one enterprise's matching judge an item the same
way. The enterprises are read in their stored JSON form, cut down to the facts the
item's rule reads (``core.outreach.rule_fields``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from core.cases import OPEN_STATES
from core.catalogue import Batch, BatchStatus, Catalogue, PolicyItem
from core.eligibility import matcher_for, pick_batch
from core.outreach import OutreachList, batch_fields, rule_fields, scan, sort_rows
from core.validation import ValidationError
from sync.codec import dumps, loads
from sync.ticket_writes import NotFound

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from sync.identity import Station
    from sync.store import Store

__all__ = ["CaseFacets", "OutreachDesk"]

_OPEN = (BatchStatus.OPEN, BatchStatus.CLOSING_SOON)
_OPEN_CASES = tuple(s.value for s in OPEN_STATES)


class _Profile(NamedTuple):
    """An enterprise as ``core.outreach.scan`` reads it, with only the facts one rule
    reads (``ProfileSource``)."""

    id: str
    credit_code: str | None
    name: str
    town: str | None
    profile: dict[str, Any]


def _rule_profiles(conn: Connection, town: str | None, fields: Sequence[str],
                   batch: int = 2000) -> Iterator[_Profile]:
    """Every cached enterprise (of ``town`` when given), in pk order, with only the profile
    facts in ``fields``: SQLite picks them out of the stored JSON, so Python parses a
    fifth of it (a rule reads a few of the profile's twenty-odd fields; the traces and
    hints of that rule read no others)."""
    picks = ", ".join("?, json_extract(profile, ?)" for _ in fields)
    args: list[Any] = [x for name in fields for x in (name, f"$.{name}")]
    sql = f"SELECT id, credit_code, name, town, json_object({picks}) FROM enterprises"
    if town:
        sql += " WHERE town = ?"
        args.append(town)
    cursor = conn.exec_driver_sql(sql + " ORDER BY pk", tuple(args))
    while rows := cursor.fetchmany(batch):
        for r in rows:
            yield _Profile(r[0], r[1], r[2], r[3], loads(r[4]))


@dataclass(frozen=True)
class CaseFacets:
    """What the case list can be filtered by: (id, title or name, number of cases)."""

    items: list[tuple[str, str, int]]
    enterprises: list[tuple[str, str, int]]


class OutreachDesk:
    """Mixed into ``sync.desk.Desk``; uses ``PolicyDesk.today`` and ``MatchingDesk``'s
    catalogue."""

    store: Store
    station: Station | None

    if TYPE_CHECKING:
        def today(self) -> dt.date: ...
        def _policy_record(self, item_id: str) -> tuple[Catalogue, PolicyItem]: ...

    def _scope_town(self, town: str | None) -> str | None:
        if town is None and self.station is not None and self.station.town != "city":
            return self.station.town
        return town

    # -- the outreach list -----------------------------------------------------------------

    def outreach(self, item_id: str, batch_id: str | None = None, *,
                 on: dt.date | None = None, town: str | None = None,
                 lang: str = "zh") -> OutreachList:
        """The enterprises in this desk's scope (its town's; every town's at the city hall,
        or ``town``) that are eligible or likely for ``item_id`` judged by its open batch
        (``batch_id``, default the open one closing first) and have no case for it yet:
        none for that batch, and no open one for another batch of the item. Sorted
        eligible first, then fewest missing. ``ValidationError`` when the item has no
        batch open for application; ``NotFound`` for an unknown item (or no catalogue)."""
        started = time.perf_counter()
        on = on or self.today()
        town = self._scope_town(town)
        catalogue, item = self._policy_record(item_id)
        batch = self._outreach_batch(item, batch_id, on)
        matcher = matcher_for(catalogue)
        with self.store.read() as conn:
            exclude = {r[0] for r in conn.exec_driver_sql(
                "SELECT DISTINCT enterprise_id FROM cases WHERE item_id = ? AND (batch_id = ? "
                "OR state IN (SELECT value FROM json_each(?)))",
                (item_id, batch.id, dumps(list(_OPEN_CASES))))}
            profiles = _rule_profiles(conn, town, rule_fields(item.rule.tree))
            rows, counts = scan(matcher, item_id, profiles, on, batch.id, exclude, lang=lang)
        return OutreachList(item.id, item.title, batch_fields(batch, on), on, town,
                            tuple(sort_rows(rows)), counts["scanned"], counts["with_case"],
                            counts["not_eligible"], time.perf_counter() - started,
                            matcher.names.get("towns", {}))

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
        upcoming ones: what an outreach list or a new case can be for. None for an item
        the installed catalogue does not have (any more)."""
        on = on or self.today()
        try:
            _, item = self._policy_record(item_id)
        except NotFound:
            return []
        out = [batch_fields(b, on) for b in item.batches
               if b.status_on(on) is not BatchStatus.CLOSED]
        return sorted(out, key=lambda b: (b["status"] == "upcoming", b["closes"]))

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
