"""The policy-redemption window at the sizes of issue 5: 5,000 redeemable items and
50,000 enterprise profiles in a city-hall desk (``bench.policygen``), the clock at
``policygen.NOW``; each desk a private copy of the cached generated file.

* ``policy search``: ``Desk.search_policies`` (``policy_fts`` + ranking + each hit's
  batch) over realistic queries: 1- and 2-character terms, full titles, pinyin
  initials. Baseline: ``policy_store.search_like``, a ``LIKE '%q%'`` scan of the same
  rows' title, document title and body (it finds nothing for initials, and still reads
  every row).
* ``match one enterprise``: ``Desk.match_enterprise`` as the window and the CLI call it
  (profile read, every item judged at its batch's reference date, ranked, overlaps,
  targeting, lines), over 50 different enterprises. Baseline: the engine alone on the
  same enterprises' profiles already parsed (``Matcher.match`` + ``rank``), the floor the
  desk cannot go under; the naive loop (``core.eligibility.evaluate`` per item) is noted.
* ``outreach one item``: ``Desk.outreach`` for ``policygen.OUTREACH_ITEM`` over every
  enterprise (judged, cases left out, hints, sorted). Baseline: a raw ``SELECT`` of the
  50,000 stored profiles (stdlib ``sqlite3``), the reading no list can skip.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

from bench import datagen, policygen
from bench.harness import Figure, Run, Timings, benchmark, format_ns, once, time_calls
from core.eligibility import evaluate, matcher_for, pick_batch, rank
from sync import case_queries, policy_store
from sync.codec import loads

SIZE = "@5k items, 50k enterprises"
ITEMS, ENTERPRISES = (policygen.ITEMS, 350), (policygen.ENTERPRISES, 1_000)
SEARCH_ROUNDS, MATCHED, OUTREACH_RUNS = (20, 3), (50, 10), (5, 2)
TERMS_1 = ("税", "奖", "贷")
TERMS_2 = ("融资", "专利", "人才", "贴息", "出口", "稳岗")
INITIALS = ("gxjs", "zxwqy", "fmzl", "zjtx")       # 高新技术, 中小微企业, 发明专利, 专精特新


class PolicyBench:
    """The generated desk (a private copy), opened as the city hall's navigator, and a
    stdlib connection to the same file."""

    def __init__(self, run: Run):
        n_items, n_ents = run.size(*ITEMS), run.size(*ENTERPRISES)
        src = policygen.desk_file(n_items, n_ents, run.out, log=run.log)
        self.path = datagen.copy_desk(src, run.workdir / "policies-desk.sqlite3")
        self.desk = policygen.open_desk(self.path)
        self.raw = sqlite3.connect(self.path)
        self.items, self.enterprises = n_items, n_ents
        self.prepare, _ = once(lambda: self.desk.prepare_matching(policygen.TODAY))
        run.defer(self.close)

    def close(self) -> None:
        self.desk.close()
        self.raw.close()

    def credit_codes(self, n: int) -> list[str]:
        """``n`` enterprises spread over the table."""
        step = max(1, self.enterprises // n)
        return [r[0] for r in self.raw.execute(
            "SELECT credit_code FROM enterprises WHERE pk % ? = 0 ORDER BY pk LIMIT ?",
            (step, n))]

    def titles(self) -> list[str]:
        """Full titles as a navigator pastes them: a city item and a town's version."""
        rows = self.raw.execute("SELECT title FROM policy_items ORDER BY pk").fetchall()
        return [rows[70][0], rows[len(rows) // 2][0], rows[-1][0]]


def _timed(fn: Callable[[int], Any], n: int, warmup: int = 0) -> tuple[Timings, Timings]:
    """``time_calls``, and the CPU time of the same calls (``process_time``): on a busy
    machine the wall time counts waiting for a core, the CPU time barely moves."""
    cpu: list[int] = []

    def call(i: int) -> Any:
        start = time.process_time_ns()
        out = fn(i)
        if i >= 0:
            cpu.append(time.process_time_ns() - start)
        return out
    wall = time_calls(call, n, warmup=warmup)
    return wall, Timings(cpu)


def _cpu_note(cpu: Timings, base: Timings) -> str:
    return (f"CPU time (process_time), ours: {cpu.describe(('p50', 'p95'))}; baseline: "
            f"{base.describe(('p50', 'p95'))}")


def _bench(run: Run) -> PolicyBench:
    return run.shared("policy_bench", lambda: PolicyBench(run))


def _size(pb: PolicyBench) -> str:
    return f"{pb.items:,} items, {pb.enterprises:,} enterprises"


# ---------------------------------------------------------------- search

@benchmark(f"policy search {SIZE}", target="p95 ≤ 10 ms",
           meaning="Desk.search_policies over 1- and 2-character terms, full titles and "
                   "pinyin initials (policy_fts), beside a LIKE '%q%' scan of the same rows")
def policy_search(run: Run) -> Figure:
    pb = _bench(run)
    run.setup_done()
    queries = {"1 character": TERMS_1, "2 characters": TERMS_2, "full title": pb.titles(),
               "pinyin initials": INITIALS}
    flat = [q for qs in queries.values() for q in qs]
    rounds = run.size(*SEARCH_ROUNDS)
    day = policygen.TODAY

    def ours(i: int) -> Any:
        return pb.desk.search_policies(flat[i % len(flat)], on=day, limit=50)

    def like(i: int) -> Any:
        with pb.desk.store.read() as conn:
            return policy_store.search_like(conn, flat[i % len(flat)], limit=50)

    n = rounds * len(flat)
    with run.profiled("policy search"):
        mine, mine_cpu = _timed(ours, n, warmup=len(flat))
    baseline, base_cpu = _timed(like, n, warmup=len(flat))
    notes = [f"{_size(pb)}; {len(flat)} queries × {rounds} rounds after one warm-up round",
             _cpu_note(mine_cpu, base_cpu)]
    for kind, qs in queries.items():
        per = Timings([s for i, s in enumerate(mine_cpu.samples) if flat[i % len(flat)] in qs])
        hits = {q: len(pb.desk.search_policies(q, on=day, limit=50)) for q in qs}
        notes.append(f"{kind}: CPU p95 {format_ns(per.p95)}; hits (of 50 shown) "
                     + ", ".join(f"{q[:12]} {h}" for q, h in hits.items()))
    title = queries["full title"][0]
    first = pb.desk.search_policies(title, on=day, limit=5)[0]
    found = len(pb.desk.search_policies(INITIALS[0], on=day, limit=50))
    like_found = len(like(flat.index(INITIALS[0])))
    notes.append(f"the full title {title!r} ranks {first.item_id} first ({first.how}); "
                 f"'{INITIALS[0]}' finds {found} items, LIKE {like_found}")
    return Figure(mine, baseline, metric="p95", show=("p50", "p95"), notes=notes,
                  baseline_label="policy_store.search_like: LIKE '%q%' over title, document "
                                 "title and body, same limit")


# ---------------------------------------------------------------- matching

@benchmark(f"match one enterprise {SIZE}", target="p95 ≤ 50 ms",
           meaning="Desk.match_enterprise: one enterprise against every item, ranked, with "
                   "overlaps and targeting (the window's and the CLI's call)")
def match_one_enterprise(run: Run) -> Figure:
    pb = _bench(run)
    run.setup_done()
    day = policygen.TODAY
    codes = pb.credit_codes(run.size(*MATCHED))
    matcher = matcher_for(pb.desk.policy_catalogue())
    profiles = [case_queries.parse_profile(pb.desk.enterprise(c).profile) for c in codes]

    with run.profiled("match_enterprise"):
        ours, ours_cpu = _timed(lambda i: pb.desk.match_enterprise(codes[i], day), len(codes),
                                warmup=3)
    floor, floor_cpu = _timed(lambda i: rank(matcher.match(profiles[i], day)), len(codes),
                              warmup=3)
    naive = time_calls(lambda i: _naive(matcher, profiles[i], day), max(3, len(codes) // 10),
                       warmup=1)
    result = pb.desk.match_enterprise(codes[0], day)
    traced, _ = once(lambda: [ln.traces for ln in result.lines])
    return Figure(ours, floor, metric="p95", show=("p50", "p95"),
                  baseline_label="the engine alone: Matcher.match + rank on the profile "
                                 "already parsed (no desk, no lines)",
                  notes=[f"{_size(pb)}; {len(codes)} enterprises after 3 warm-ups; one has "
                         f"{result.counts}", _cpu_note(ours_cpu, floor_cpu),
                         f"first use after opening the desk (parse the catalogue, compile "
                         f"{pb.items:,} rules, plan the batches): {pb.prepare.describe(('p50',))}",
                         f"the naive loop (core.eligibility.evaluate per item, a fresh view "
                         f"each): {naive.describe(('p50', 'p95'))}",
                         f"every line's traces, when all are read (the window reads those it "
                         f"shows): {traced.describe(('p50',))}"])


def _naive(matcher: Any, profile: Any, day: Any) -> list[Any]:
    out = []
    for item in matcher.items.values():
        batch, _ = pick_batch(item, day)
        out.append(evaluate(item.rule, profile, batch.reference_date if batch else day))
    return out


# ---------------------------------------------------------------- outreach

@benchmark(f"outreach one item {SIZE}", target="p95 ≤ 2 s",
           meaning=f"Desk.outreach({policygen.OUTREACH_ITEM}): every enterprise judged for the "
                   "item's open batch, cases left out, hints written, sorted")
def outreach_one_item(run: Run) -> Figure:
    pb = _bench(run)
    item = policygen.OUTREACH_ITEM
    pb.desk.outreach(item)                              # the catalogue parsed, rules compiled
    run.setup_done()
    runs = run.size(*OUTREACH_RUNS)
    with run.profiled("outreach"):
        ours, ours_cpu = _timed(lambda i: pb.desk.outreach(item), runs)
    raw = "SELECT id, credit_code, name, town, profile FROM enterprises ORDER BY pk"
    baseline, base_cpu = _timed(lambda i: pb.raw.execute(raw).fetchall(), runs)
    parsed = time_calls(lambda i: _parse_each(pb.raw.execute(raw)), runs)
    listing = pb.desk.outreach(item)
    xlsx, _ = once(lambda: _export(listing, run, "xlsx"))
    csv, _ = once(lambda: _export(listing, run, "csv"))
    return Figure(ours, baseline, metric="p95", show=("p50", "p95"),
                  baseline_label="sqlite3 (stdlib): SELECT of every stored profile, fetched",
                  notes=[f"{_size(pb)}; {runs} runs; {listing.scanned:,} judged: "
                         f"{listing.eligible:,} eligible, {listing.likely:,} likely, "
                         f"{listing.with_case:,} left out (a case), {listing.not_eligible:,} "
                         f"not eligible", _cpu_note(ours_cpu, base_cpu),
                         f"the same SELECT with every profile parsed (orjson): "
                         f"{parsed.describe(('p50',))}",
                         f"exporting the list: xlsx {xlsx.describe(('p50',))}, csv "
                         f"{csv.describe(('p50',))}"])


def _parse_each(rows: Any) -> None:
    for r in rows:
        loads(r[4])


def _export(listing: Any, run: Run, fmt: str) -> None:
    from core.outreach import export

    export(listing, run.workdir / f"outreach.{fmt}")
