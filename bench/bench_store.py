"""The offline store's figures (the foundation issue), at 100,000 requests:

* recording an intake (p50, p99 per write), against raw ``sqlite3`` inserting the same
  rows in one transaction with the same pragmas;
* the request list's first page, as the list view fetches it (``request_ids`` sorted by
  nearest deadline, then ``request_rows`` of the first 50) and as ``request_page``,
  against raw ``sqlite3`` running the same ``SELECT ... ORDER BY ... LIMIT 50``;
* a filter change (issue 4's target: 100 ms): the overdue view, one town, a Chinese
  text search, a pinyin-initials search, the closed view (the largest).

The list view (``desktop/models/requests.py``) does exactly this on opening and on each
filter change, on the desk's worker thread (it fetches 100 rows, not 50: the difference
is under a millisecond). Every desk here is a private copy of the cached generated file
(``bench.datagen``); the desk's clock stands at ``datagen.NOW``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bench import datagen
from bench.harness import Figure, Run, benchmark, time_calls
from core.textsearch import index_terms
from sync.desk import Actor, Desk, RequestFilter, Station
from sync.ticket_queries import View

FULL = 100_000
QUICK = 1_000
LIST_REPEATS = (50, 5)        # full, quick
PAGE = 50                     # rows on the list's first screen
SIZE = f"@{FULL // 1000}k"


class StepClock:
    """The desk's clock: starts at the generated data's present, steps on each reading
    (a clerk records an intake every half minute or so)."""

    def __init__(self, start: dt.datetime, step: dt.timedelta = dt.timedelta(0)):
        self.now, self.step = start, step

    def __call__(self) -> dt.datetime:
        now = self.now
        self.now += self.step
        return now


def _desk_file(run: Run) -> Path:
    n = run.size(FULL, QUICK)
    return run.shared(f"desk_file:{n}", lambda: datagen.desk_file(n, run.out, log=run.log))


def _open(path: Path, clock: Callable[[], dt.datetime]) -> Desk:
    return Desk.open(path, station=Station.from_json(datagen.BENCH_STATION),
                     actor=Actor.from_json(datagen.BENCH_USER), clock=clock)


def _raw(path: Path) -> sqlite3.Connection:
    """A standard-library connection with the desk's own pragmas (sync.store)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -32000")
    return conn


@contextmanager
def captured_sql() -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and parameters) SQLAlchemy sends to the driver in the block."""
    seen: list[tuple[str, Any]] = []

    def listener(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                 executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", listener)


# ---------------------------------------------------------------------------- intake

@benchmark(f"intake write {SIZE}", target="p99 ≤ 20 ms",
           meaning="one Desk.record_intake (validate the form, check its town and topic, "
                   "one write transaction: ticket, created event, outbox op, projection) "
                   "in a desk holding 100,000 requests; per write")
def intake_write(run: Run) -> Figure:
    src = _desk_file(run)
    writes, warmup = run.size(1_000, 30), run.size(20, 3)
    ours_path = datagen.copy_desk(src, run.workdir / "intake-desk.sqlite3")
    raw_path = datagen.copy_desk(src, run.workdir / "intake-raw.sqlite3")
    with sqlite3.connect(f"file:{src}?mode=ro&immutable=1", uri=True) as conn:
        known = [r[0] for r in conn.execute(
            "SELECT credit_code FROM enterprises ORDER BY pk LIMIT 5000")]
        before = {t: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
                  for t in ("tickets", "enterprises")}
    conn.close()
    forms = list(datagen.iter_intake_forms(warmup + writes, known_codes=known))
    clock = StepClock(datagen.NOW, dt.timedelta(seconds=37))
    desk = _open(ours_path, clock)
    run.setup_done()
    try:
        with run.profiled("Desk.record_intake"):
            ours = time_calls(lambda i: desk.record_intake(forms[warmup + i]), writes,
                              warmup=warmup)
    finally:
        desk.close()

    # The baseline inserts exactly the rows the desk wrote, one intake per transaction.
    groups = _written_rows(ours_path, before)
    assert len(groups) == warmup + writes, (len(groups), warmup + writes)
    conn = _raw(raw_path)
    try:
        baseline = time_calls(lambda i: _raw_intake(conn, groups[warmup + i]), writes,
                              warmup=warmup)
    finally:
        conn.close()
    new_enterprises = sum(1 for g in groups[warmup:] if g["enterprise"])
    return Figure(ours, baseline, baseline_label=(
        "sqlite3 (stdlib) inserting the same rows in one transaction per intake: ticket, "
        "event, outbox op (+ enterprise, its FTS row and op when new); WAL, "
        "synchronous=NORMAL, foreign keys"),
        notes=[f"{writes:,} writes after {warmup} warm-up writes; {new_enterprises} of them "
               f"named an enterprise new to the desk; {_count(src):,} requests before"])


def _count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as conn:
        n = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    conn.close()
    return int(n)


def _written_rows(path: Path, before: dict[str, int]) -> list[dict[str, Any]]:
    """What each intake wrote, in order: its ticket row, events, outbox ops, enterprise."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tickets = {r["id"]: dict(r) for r in conn.execute(
            "SELECT * FROM tickets WHERE pk > ? ORDER BY pk", (before["tickets"],))}
        events: dict[int, list[dict[str, Any]]] = {}
        for r in conn.execute("SELECT * FROM ticket_events WHERE ticket_pk > ? ORDER BY "
                              "local_ord", (before["tickets"],)):
            events.setdefault(r["ticket_pk"], []).append(dict(r))
        enterprises = {r["id"]: dict(r) for r in conn.execute(
            "SELECT * FROM enterprises WHERE pk > ?", (before["enterprises"],))}
        groups: list[dict[str, Any]] = []
        pending: list[dict[str, Any]] = []
        for op in conn.execute("SELECT * FROM outbox ORDER BY seq"):
            pending.append(dict(op))
            if op["kind"] == "ticket.create":
                ticket = tickets[op["entity_id"]]
                ent_ops = [o for o in pending if o["kind"] == "enterprise.upsert"]
                ent = enterprises[ent_ops[0]["entity_id"]] if ent_ops else None
                groups.append({
                    "ticket": {k: v for k, v in ticket.items() if k != "pk"},
                    "events": [{k: v for k, v in e.items() if k != "ticket_pk"}
                               for e in events[ticket["pk"]]],
                    "ops": [{k: v for k, v in o.items() if k != "seq"} for o in pending],
                    "enterprise": ent and {k: v for k, v in ent.items() if k != "pk"},
                    "enterprise_terms": ent and index_terms(
                        f"{ent['name']} {ent['credit_code']}", initials_of=ent["name"]),
                })
                pending = []
        return groups
    finally:
        conn.close()


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    cur = conn.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                       f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    return int(cur.lastrowid or 0)


def _raw_intake(conn: sqlite3.Connection, group: dict[str, Any]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if group["enterprise"]:
            epk = _insert(conn, "enterprises", group["enterprise"])
            conn.execute("INSERT INTO enterprises_fts (rowid, terms) VALUES (?, ?)",
                         (epk, group["enterprise_terms"]))
        pk = _insert(conn, "tickets", group["ticket"])
        for ev in group["events"]:
            _insert(conn, "ticket_events", {**ev, "ticket_pk": pk})
        for op in group["ops"]:
            _insert(conn, "outbox", op)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# ---------------------------------------------------------------------------- the list

class ListBench:
    """One desk copy and one raw connection, shared by the list benchmarks."""

    def __init__(self, run: Run):
        src = _desk_file(run)
        self.path = datagen.copy_desk(src, run.workdir / "list-desk.sqlite3")
        self.desk = _open(self.path, StepClock(datagen.NOW))
        self.raw = _raw(self.path)
        self.repeats = run.size(*LIST_REPEATS)
        self.total = _count(src)
        run.defer(self.close)

    def close(self) -> None:
        self.desk.close()
        self.raw.close()

    def first_screen(self, f: RequestFilter) -> tuple[list[int], dict[int, Any]]:
        """What the list view does on opening or on a filter change."""
        ids = self.desk.request_ids(f)
        return ids, self.desk.request_rows(ids[:PAGE])

    def page_sql(self, f: RequestFilter) -> tuple[str, Any]:
        """The SQL ``request_page(f, limit=50)`` runs, as the driver receives it."""
        with captured_sql() as seen:
            self.desk.request_page(f, limit=PAGE)
        return seen[-1]

    def screen_sql(self, f: RequestFilter) -> list[tuple[str, Any]]:
        # the keys query runs on the raw DB-API cursor, out of SQLAlchemy's sight
        from sync.ticket_queries import ids_statement

        with self.desk.store.read() as conn:
            keys = ids_statement(conn, f, self.desk.clock(), self.desk.user)
        with captured_sql() as seen:
            self.first_screen(f)
        return [keys] + [s for s in seen if s[0] != keys[0]]

    def raw_run(self, statements: list[tuple[str, Any]]) -> Callable[[int], Any]:
        def call(_: int) -> Any:
            return [self.raw.execute(sql, params).fetchall() for sql, params in statements]
        return call

    def plan(self, sql: str, params: Any) -> str:
        rows = self.raw.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        return "; ".join(r[-1] for r in rows)


def _list(run: Run) -> ListBench:
    return run.shared("list_bench", lambda: ListBench(run))


def _screen_figure(run: Run, f: RequestFilter, what: str) -> Figure:
    lb = _list(run)
    run.setup_done()
    ids, rows = lb.first_screen(f)
    with run.profiled(f"the first screen ({what})"):
        ours = time_calls(lambda i: lb.first_screen(f), lb.repeats, warmup=2)
    page_sql = lb.page_sql(f)
    baseline = time_calls(lb.raw_run([page_sql]), lb.repeats, warmup=2)
    same = time_calls(lb.raw_run(lb.screen_sql(f)), lb.repeats, warmup=2)
    ids_sql = lb.screen_sql(f)[0]
    return Figure(ours, baseline, baseline_label=(
        "sqlite3 (stdlib) running request_page's SELECT ... ORDER BY ... LIMIT 50 on the "
        "same file"), notes=[
        f"{what}: {len(ids):,} of {lb.total:,} requests match; {len(rows)} rows fetched; "
        f"{lb.repeats} repetitions after 2 warm-ups (p99 of fewer than 100 is their max)",
        f"raw sqlite3 replaying the same two statements (all ids, then 50 rows): "
        f"{same.describe()}",
        f"plan of the ids query: {lb.plan(*ids_sql)}"])


@benchmark(f"list first page {SIZE}", target="p99 ≤ 50 ms",
           meaning="opening the request list: Desk.request_ids(RequestFilter()) (every id, "
                   "nearest deadline first) + Desk.request_rows(first 50 ids), at 100,000 "
                   "requests")
def list_first_page(run: Run) -> Figure:
    return _screen_figure(run, RequestFilter(), "all requests, nearest deadline first")


@benchmark(f"request_page(limit=50) {SIZE}", target="p99 ≤ 50 ms",
           meaning="Desk.request_page(RequestFilter(), limit=50): the first 50 rows, nearest "
                   "deadline first, in one query, at 100,000 requests")
def request_page(run: Run) -> Figure:
    lb = _list(run)
    run.setup_done()
    f = RequestFilter()
    with run.profiled("request_page"):
        ours = time_calls(lambda i: lb.desk.request_page(f, limit=PAGE), lb.repeats, warmup=2)
    sql, params = lb.page_sql(f)
    baseline = time_calls(lb.raw_run([(sql, params)]), lb.repeats, warmup=2)
    return Figure(ours, baseline, baseline_label="sqlite3 (stdlib) running the same SELECT",
                  notes=[f"plan: {lb.plan(sql, params)}"])


FILTERS = {
    "overdue": (RequestFilter(view=View.OVERDUE), "view=overdue (a running clock past due)"),
    "town": (RequestFilter(town="xiaolan"), "town=xiaolan"),
    # text searches are measured as the list runs them, in two stages: bench_list_search
    "closed": (RequestFilter(view=View.CLOSED), "view=closed (the largest view)"),
}


def _filter_bench(key: str) -> None:
    f, what = FILTERS[key]

    @benchmark(f"filter {key} {SIZE}", target="p99 ≤ 100 ms",
               meaning=f"a filter change in the request list ({what}): request_ids + "
                       f"request_rows(first 50), at 100,000 requests (issue 4)")
    def bench(run: Run) -> Figure:
        return _screen_figure(run, f, what)

    bench.__qualname__ = bench.__name__ = f"filter_{key}"


for _key in FILTERS:
    _filter_bench(_key)

