"""Desk API of smart recommendation (智能推荐): one enterprise's profile matched against
every redeemable item of the installed catalogue, ranked eligible / likely / not
eligible, with each item's per-condition traces, the overlaps among its matches
(不重复享受 / 就高不就低) and the items a navigator pushed to it by hand (人工定向).

Mixed into ``sync.desk.Desk`` beside ``PolicyDesk`` (whose ``enterprise``,
``targeting_of`` and ``materials_of`` it reads). Matching itself
is ``core.eligibility`` over the catalogue as installed (parsed once per ETag and kept);
conditions are evaluated at each item's batch's reference date, never at today. Reads
only: nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from core.catalogue import Batch, Catalogue, PolicyItem
from core.eligibility import Trace, Verdict, matcher_for, rank
from core.enterprise import EnterpriseProfile
from core.overlaps import Overlap, find_overlaps
from sync import case_queries, catalogue_store
from sync.case_queries import EnterpriseRow, MaterialLine, TargetingRow
from sync.ticket_writes import NotFound

if TYPE_CHECKING:
    from sync.store import Store

__all__ = ["EnterpriseMatch", "MatchLine", "MatchingDesk"]

T = TypeVar("T")
FREEZE_FROM_ITEMS = 1_000                # see _out_of_the_collectors_sight


@dataclass(eq=False)       # (not frozen: a frozen init costs ~2 ms over 5,000 lines)
class MatchLine:
    """One item as matched for one enterprise: the verdict at its batch's reference date,
    the item and that batch (None for an item without batches), the overlap groups it
    sits in, the manual targetings of it for this enterprise, and every leaf's trace in
    ``lang``."""

    verdict: Verdict
    item: PolicyItem
    batch: Batch | None
    overlaps: tuple[Overlap, ...] = ()
    targeted: tuple[TargetingRow, ...] = ()
    lang: str = "zh"

    @cached_property
    def traces(self) -> tuple[Trace, ...]:
        """Every leaf's trace, written on first use: the texts of 5,000 items cost ten
        times their matching, and a screen shows a few dozen lines at a time."""
        return self.verdict.traces(self.lang)

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
    """Mixed into ``sync.desk.Desk``; uses its ``store`` and ``PolicyDesk``'s reads. Holds
    the one parsed catalogue of the desk (``OutreachDesk`` judges items with it too)."""

    store: Store
    clock: Callable[[], dt.datetime]

    if TYPE_CHECKING:
        def today(self) -> dt.date: ...
        def enterprise(self, key: str) -> EnterpriseRow | None: ...
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
        self.__dict__["_policy_catalogue"] = (etag, catalogue)   # (None: refused, once)
        if catalogue is None:
            return None
        matcher_for(catalogue)                  # every rule compiled, once
        if len(catalogue.items) >= FREEZE_FROM_ITEMS:
            _out_of_the_collectors_sight()
        return catalogue

    def _catalogue_or_fail(self) -> Catalogue:
        catalogue = self.policy_catalogue()
        if catalogue is None:
            raise NotFound("catalogue", "policies")
        return catalogue

    def _policy_record(self, item_id: str) -> tuple[Catalogue, PolicyItem]:
        """The catalogue and one of its items; ``NotFound`` for an unknown item."""
        catalogue = self._catalogue_or_fail()
        try:
            return catalogue, catalogue.item(item_id)
        except KeyError:
            raise NotFound("policy item", item_id) from None

    def _enterprise_and_profile(self, key: str) -> tuple[EnterpriseRow, EnterpriseProfile]:
        row = self.enterprise(key)
        if row is None:
            raise NotFound("enterprise", key)
        return row, case_queries.parse_profile(row.profile)

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
        """Every item of the catalogue for one enterprise (by id or credit code), ranked
        eligible first, each judged by the batch that matters on ``on`` (default today:
        the open one closing first, else the next to open, else the last closed) at that
        batch's reference date, with the overlaps, the manual targetings and the traces
        in ``lang`` (written when a line's are first read)."""
        catalogue = self._catalogue_or_fail()
        row, profile = self._enterprise_and_profile(enterprise_id)
        day = on or self.today()
        started = time.perf_counter()
        verdicts = rank(matcher_for(catalogue).match(profile, day))
        took = (time.perf_counter() - started) * 1000
        overlaps = tuple(find_overlaps(verdicts, catalogue))
        targeting = tuple(self.targeting_of(row.id))
        targeted = _grouped((t.item_id, t) for t in targeting)
        in_group = _grouped((iid, o) for o in overlaps for iid in o.items)
        item, batch, none = catalogue.item, catalogue.batch, ()
        lines = tuple(MatchLine(v, item(v.item_id), batch(v.batch_id) if v.batch_id else None,
                                in_group.get(v.item_id, none), targeted.get(v.item_id, none),
                                lang) for v in verdicts)
        counts = dict.fromkeys(("eligible", "likely", "not_eligible"), 0)
        for v in verdicts:
            counts[v.outcome] += 1
        return EnterpriseMatch(row, profile, day, lines, overlaps, targeting,
                               catalogue.version, took, counts)

    def match_item(self, enterprise_id: str, item_id: str, batch_id: str | None = None,
                   on: dt.date | None = None, lang: str = "zh") -> MatchLine:
        """One item for one enterprise, judged by ``batch_id`` (default: the batch that
        matters on ``on``) at that batch's reference date."""
        catalogue, item = self._policy_record(item_id)
        row, profile = self._enterprise_and_profile(enterprise_id)
        if batch_id is not None and all(b.id != batch_id for b in item.batches):
            raise NotFound("batch", batch_id)
        verdict = matcher_for(catalogue).verdict(profile, item_id, on or self.today(),
                                                 batch_id)
        batch = catalogue.batch(verdict.batch_id) if verdict.batch_id else None
        targeted = tuple(self.targeting_of(row.id, item_id))
        return MatchLine(verdict, item, batch, (), targeted, lang)


def _out_of_the_collectors_sight() -> None:
    """A large parsed catalogue and its compiled rules live as long as the desk (5,000
    items are some 800,000 objects). Left to the cycle collector, every full collection
    walks them all, and a 20 ms match stalls for 100 ms or more now and then; frozen
    (with whatever else lives now), they are skipped. Objects freed by reference counting
    are still freed; the sample's 350 items (20,000 objects, a 4 ms walk) are not worth
    the process-wide step."""
    gc.collect()
    gc.freeze()


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    """{key: (values in order)} of (key, value) pairs."""
    out: dict[str, list[T]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return {k: tuple(v) for k, v in out.items()}
