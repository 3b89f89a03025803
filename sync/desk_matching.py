"""Desk API of smart recommendation (智能推荐): one enterprise's profile matched against
every redeemable item of the installed catalogue, ranked eligible / likely / not
eligible, with each item's per-condition traces, the overlaps among its matches
(不重复享受 / 就高不就低) and the items a navigator pushed to it by hand (人工定向).

Mixed into ``sync.desk.Desk`` beside ``PolicyDesk`` (whose ``enterprise``,
``enterprise_profile``, ``targeting_of`` and ``materials_of`` it reads). Matching itself
is ``core.eligibility`` over the catalogue as installed (parsed once per ETag and kept);
conditions are evaluated at each item's batch's reference date, never at today. Reads
only: nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.catalogue import Batch, Catalogue, PolicyItem
from core.eligibility import Trace, Verdict, matcher_for, rank
from core.enterprise import EnterpriseProfile
from core.overlaps import Overlap, find_overlaps
from sync import catalogue_store
from sync.case_queries import EnterpriseRow, MaterialLine, TargetingRow
from sync.ticket_writes import NotFound

if TYPE_CHECKING:
    from sync.store import Store

__all__ = ["EnterpriseMatch", "MatchLine", "MatchingDesk"]


@dataclass(frozen=True)
class MatchLine:
    """One item as matched for one enterprise: the verdict at its batch's reference date,
    the item and that batch (None for an item without batches), every leaf's trace, the
    overlap groups it sits in and the manual targetings of it for this enterprise."""

    verdict: Verdict
    item: PolicyItem
    batch: Batch | None
    traces: tuple[Trace, ...]
    overlaps: tuple[Overlap, ...] = ()
    targeted: tuple[TargetingRow, ...] = ()

    @property
    def item_id(self) -> str:
        return self.item.id

    @property
    def outcome(self) -> str:
        return self.verdict.outcome

    @property
    def status(self) -> str:
        """The batch's status on the day matched (open, closing_soon, upcoming, closed,
        or none when the item has no batch)."""
        return self.verdict.batch_status or "none"

    @property
    def hints(self) -> tuple[str, ...]:
        """What would make it eligible: one hint per unmet or missing condition that
        matters (an alternative beside a met one is moot)."""
        return tuple(t.hint for t in self.traces if t.hint and not t.moot)


@dataclass(frozen=True)
class EnterpriseMatch:
    """``match_enterprise``'s answer: every item, ranked (``core.eligibility.rank``)."""

    enterprise: EnterpriseRow
    profile: EnterpriseProfile
    on: dt.date
    lines: tuple[MatchLine, ...]
    overlaps: tuple[Overlap, ...]
    targeting: tuple[TargetingRow, ...]
    catalogue_version: str
    match_ms: float = 0.0           # core matching + ranking, without the texts
    counts: dict[str, int] = field(default_factory=dict)

    def line(self, item_id: str) -> MatchLine | None:
        return next((ln for ln in self.lines if ln.item.id == item_id), None)


class MatchingDesk:
    """Mixed into ``sync.desk.Desk``; uses its ``store`` and ``PolicyDesk``'s reads."""

    store: Store
    clock: Callable[[], dt.datetime]

    if TYPE_CHECKING:
        def today(self) -> dt.date: ...
        def enterprise(self, key: str) -> EnterpriseRow | None: ...
        def enterprise_profile(self, enterprise_id: str) -> EnterpriseProfile: ...
        def targeting_of(self, enterprise_id: str | None = None,
                         item_id: str | None = None) -> list[TargetingRow]: ...
        def materials_of(self, enterprise_id: str,
                         on: dt.date | None = None) -> list[MaterialLine]: ...

    def policy_catalogue(self) -> Catalogue | None:
        """The installed catalogue as ``core.catalogue`` records (parsed once per ETag and
        kept; records are frozen, so screens may read them on any thread). None before
        a catalogue is installed."""
        with self.store.read() as conn:
            etag = catalogue_store.etag(conn)
            if etag is None:
                return None
            held = self.__dict__.get("_policy_catalogue")
            if held is not None and held[0] == etag:
                return held[1]
            catalogue = catalogue_store.load(conn)
        self.__dict__["_policy_catalogue"] = (etag, catalogue)
        return catalogue

    def _catalogue_or_fail(self) -> Catalogue:
        catalogue = self.policy_catalogue()
        if catalogue is None:
            raise NotFound("catalogue", "policies")
        return catalogue

    def prepare_matching(self, on: dt.date | None = None) -> int:
        """Parse the catalogue, compile its rules and plan each item's batch for ``on``
        (default today), so the first enterprise matched is as quick as the next.
        Returns the number of items."""
        catalogue = self.policy_catalogue()
        if catalogue is None:
            return 0
        return len(matcher_for(catalogue).plan(on or self.today()))

    def match_enterprise(self, enterprise_id: str, on: dt.date | None = None,
                         lang: str = "zh") -> EnterpriseMatch:
        """Every item of the catalogue for one enterprise, ranked eligible first, each
        judged by the batch that matters on ``on`` (default today: the open one closing
        first, else the next to open, else the last closed) at that batch's reference
        date, with the traces in ``lang``, the overlaps and the manual targetings."""
        catalogue = self._catalogue_or_fail()
        row = self.enterprise(enterprise_id)
        if row is None:
            raise NotFound("enterprise", enterprise_id)
        profile = self.enterprise_profile(row.id)
        day = on or self.today()
        matcher = matcher_for(catalogue)
        started = time.perf_counter()
        verdicts = rank(matcher.match(profile, day))
        took = (time.perf_counter() - started) * 1000
        overlaps = tuple(find_overlaps(verdicts, catalogue))
        targeting = tuple(self.targeting_of(row.id))
        by_item: dict[str, list[TargetingRow]] = {}
        for t in targeting:
            by_item.setdefault(t.item_id, []).append(t)
        in_group: dict[str, list[Overlap]] = {}
        for o in overlaps:
            for iid in o.items:
                in_group.setdefault(iid, []).append(o)
        lines, counts = [], {"eligible": 0, "likely": 0, "not_eligible": 0}
        for v in verdicts:
            item = catalogue.item(v.item_id)
            batch = catalogue.batch(v.batch_id) if v.batch_id else None
            lines.append(MatchLine(v, item, batch, v.traces(lang),
                                   tuple(in_group.get(item.id, ())),
                                   tuple(by_item.get(item.id, ()))))
            counts[v.outcome] += 1
        return EnterpriseMatch(row, profile, day, tuple(lines), overlaps, targeting,
                               catalogue.version, took, counts)

    def match_item(self, enterprise_id: str, item_id: str, batch_id: str | None = None,
                   on: dt.date | None = None, lang: str = "zh") -> MatchLine:
        """One item for one enterprise, judged by ``batch_id`` (default: the batch that
        matters on ``on``) at that batch's reference date."""
        catalogue = self._catalogue_or_fail()
        row = self.enterprise(enterprise_id)
        if row is None:
            raise NotFound("enterprise", enterprise_id)
        try:
            item = catalogue.item(item_id)
        except KeyError:
            raise NotFound("policy item", item_id) from None
        if batch_id is not None and all(b.id != batch_id for b in item.batches):
            raise NotFound("batch", batch_id)
        verdict = matcher_for(catalogue).verdict(self.enterprise_profile(row.id), item_id,
                                                 on or self.today(), batch_id)
        batch = catalogue.batch(verdict.batch_id) if verdict.batch_id else None
        targeted = tuple(self.targeting_of(row.id, item_id))
        return MatchLine(verdict, item, batch, verdict.traces(lang), (), targeted)
