"""Items and batches of the packaged sample catalogue that the policy-redemption tests
work on, picked by what they need (open on the test day, materials shared between two
batches, a short-lived material ...) rather than by id, so a regenerated sample does not
break them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from core.catalogue import Batch, Catalogue, PolicyItem, load_catalogue

DAY = dt.date(2026, 11, 24)          # the tests' "today"


@dataclass(frozen=True)
class Pick:
    item: str
    batch: str
    materials: tuple[str, ...]
    opens: dt.date
    closes: dt.date


@dataclass(frozen=True)
class Picks:
    simple: Pick             # one material, which never expires
    a: Pick                  # a and b share `shared` (one of them `short`-lived) and
    b: Pick                  # `a` asks for `only_a` that b does not
    shared: tuple[str, ...]
    short: str               # the shortest-lived shared material
    short_days: int
    only_a: str
    closed: Pick             # closed before DAY
    names: dict[str, str]
    validity: dict[str, int | None]


def _pick(item: PolicyItem, batch: Batch) -> Pick:
    return Pick(item.id, batch.id, tuple(dict.fromkeys(batch.materials)), batch.opens,
                batch.closes)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return load_catalogue()


@lru_cache(maxsize=1)
def picks() -> Picks:
    cat = catalogue()
    validity = {m.id: m.validity_days for m in cat.materials}
    names = {m.id: m.name for m in cat.materials}
    open_ = [_pick(i, b) for i in cat.items for b in i.batches
             if b.opens <= DAY and (b.closes - DAY).days >= 30]
    simple = next(p for p in open_ if len(p.materials) == 1 and validity[p.materials[0]] is None)
    best = None
    for a in open_:
        for b in open_:
            if a.item == b.item or len(a.materials) < 4:
                continue
            shared = tuple(m for m in b.materials if m in a.materials)
            short = [m for m in shared if validity[m] is not None and validity[m] <= 60]
            only_a = [m for m in a.materials if m not in b.materials]
            if len(shared) >= 2 and short and only_a and a.item != simple.item != b.item:
                best = (a, b, shared, min(short, key=lambda m: validity[m]), only_a[0])
                break
        if best:
            break
    assert best, "the sample has no two open batches sharing a short-lived material"
    a, b, shared, short, only_a = best
    closed = next(_pick(i, bt) for i in cat.items for bt in i.batches if bt.closes < DAY)
    return Picks(simple, a, b, shared, short, int(validity[short] or 0), only_a, closed, names,
                 validity)
