"""The request list as issue 4 item 5 drives it, at 100,000 requests: the search box's
two stages, the filter bar's filters and the views' counts.

* ``filter text/initials/number first screen``: what the list shows at once for a
  search (``Desk.request_ids_quick`` + the first 50 rows): enterprises matched through
  ``enterprises_fts`` and joined on ``ix_tickets_credit_code``; numbers and phones by a
  narrow scan. Baseline: the old one-stage search of the same text (``request_ids``,
  LIKE over every row), so the ratio is the speed-up.
* ``filter description scan``: the second stage (``Desk.request_ids_full``), which runs
  after the first screen is shown and is cancelled by a newer filter; target: it never
  holds the desk's worker long. Baseline: the raw ``sqlite3`` replay of its SELECT.
* ``filter bar …``: type, channel, status, unit, a date range, supervised and
  combinations, each ``request_ids_quick`` + 50 rows (type, channel and supervised from
  ``sync.list_search.ListColumns``); baseline: the one-stage ``request_ids`` they replace.
* ``view counts``: the eight views' counts the left list shows (``Desk.view_counts``).

The desk's clock stands at ``datagen.NOW``; each desk is a private copy of the cached
generated file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.bench_store import PAGE, SIZE, ListBench, _list
from bench.harness import Figure, Run, benchmark, time_calls
from sync.lookups import CancelToken
from sync.ticket_queries import RequestFilter, View


def _number(lb: ListBench) -> str:
    """A real request number of the data (one from the middle), as a clerk types it."""
    return str(lb.raw.execute("SELECT number FROM tickets WHERE pk >= "
                              "(SELECT max(pk) / 2 FROM tickets) ORDER BY pk LIMIT 1")
               .fetchone()[0])


def _quick_figure(run: Run, f: RequestFilter, what: str) -> Figure:
    """The list's first screen for ``f`` as the window shows it now, against the
    one-stage ``request_ids`` it replaces (LIKE scans, unindexed filters on the table)."""
    lb = _list(run)
    columns = lb.desk.list_columns
    built = time_calls(lambda i: (columns.close(), columns.warm()), 1)   # first use
    run.setup_done()

    def first_screen(_: int) -> Any:
        ids = lb.desk.request_ids_quick(f)
        return lb.desk.request_rows(ids[:PAGE])

    quick = lb.desk.request_ids_quick(f)
    with run.profiled(f"the first screen ({what})"):
        ours = time_calls(first_screen, lb.repeats, warmup=2)
    baseline = time_calls(lambda i: lb.first_screen(f), lb.repeats, warmup=2)
    notes = [f"{what}: {len(quick):,} requests on the first screen; {lb.repeats} "
             f"repetitions after 2 warm-ups",
             f"the in-memory columns (type, channel, supervised, numbers, phones) were "
             f"built once in {built.describe()} (after the first list, in the background)"]
    if f.text.strip():
        full = lb.desk.request_ids_full(f)
        scan = time_calls(lambda i: lb.desk.request_ids_full(f), max(5, lb.repeats // 5),
                          warmup=1)
        notes.append(f"the description scan then brings it to {len(full):,} (it took "
                     f"{scan.describe()}, on the worker, after the first screen)")
    else:
        assert quick == lb.desk.request_ids(f), "the quick path must give the same keys"
    return Figure(ours, baseline, baseline_label=(
        "the one-stage path it replaces: request_ids(filter) + 50 rows (LIKE scans; "
        "unindexed columns read from the table)"), notes=notes)


@benchmark(f"filter text first screen {SIZE}", target="p99 ≤ 100 ms",
           meaning="search '五金': the rows the list shows at once (request_ids_quick + 50 "
                   "rows), enterprises found by name through enterprises_fts")
def filter_text_quick(run: Run) -> Figure:
    return _quick_figure(run, RequestFilter(text="五金"), "text search '五金'")


@benchmark(f"filter initials first screen {SIZE}", target="p99 ≤ 100 ms",
           meaning="search 'xlwj' (pinyin initials of 小榄五金): the rows shown at once")
def filter_initials_quick(run: Run) -> Figure:
    return _quick_figure(run, RequestFilter(text="xlwj"), "pinyin initials 'xlwj'")


@benchmark(f"filter number first screen {SIZE}", target="p99 ≤ 100 ms",
           meaning="search a request's server number: the rows shown at once (a scan of "
                   "the number, local number and phone columns)")
def filter_number_quick(run: Run) -> Figure:
    lb = _list(run)
    return _quick_figure(run, RequestFilter(text=_number(lb)), "a request number")


@benchmark(f"filter phone first screen {SIZE}", target="p99 ≤ 100 ms",
           meaning="search the last 8 digits of a contact's phone: the rows shown at once")
def filter_phone_quick(run: Run) -> Figure:
    lb = _list(run)
    phone = str(lb.raw.execute("SELECT contact_phone FROM tickets WHERE pk >= "
                               "(SELECT max(pk) / 3 FROM tickets) ORDER BY pk LIMIT 1")
                .fetchone()[0])
    return _quick_figure(run, RequestFilter(text=phone[-8:]), "the last 8 digits of a phone")


@benchmark(f"filter description scan {SIZE}", target="p99 ≤ 400 ms",
           meaning="the search's second stage for '五金' (request_ids_full: LIKE over names, "
                   "descriptions, topics, numbers, phones), run on the worker after the "
                   "first screen and cancelled by a newer filter")
def filter_description_scan(run: Run) -> Figure:
    lb = _list(run)
    run.setup_done()
    f = RequestFilter(text="五金")
    ours = time_calls(lambda i: lb.desk.request_ids_full(f), lb.repeats, warmup=2)
    sql = lb.screen_sql(f)[0]
    baseline = time_calls(lb.raw_run([sql]), lb.repeats, warmup=2)
    cancelled = time_calls(lambda i: _cancelled(lb, f), 20, warmup=1)
    return Figure(ours, baseline, baseline_label="sqlite3 (stdlib) replaying the same ids query",
                  notes=[f"a cancelled scan returns in {cancelled.describe()}",
                         f"plan: {lb.plan(*sql)}"])


def _cancelled(lb: ListBench, f: RequestFilter) -> None:
    import threading

    from sync.lookups import Cancelled

    token = CancelToken()
    threading.Timer(0.005, token.cancel).start()
    try:
        lb.desk.request_ids_full(f, token)
    except Cancelled:
        pass


BAR = {
    "type": (RequestFilter(type="complaint"), "type=complaint"),
    "channel": (RequestFilter(channel="hotline"), "channel=hotline"),
    "status": (RequestFilter(status="dispatched"), "status=dispatched"),
    "unit": (RequestFilter(unit_id="u-scjg"), "unit=市场监管局"),
    "dates": (RequestFilter(created_from=dt.date(2026, 10, 1), created_to=dt.date(2026, 11, 24)),
              "taken 2026-10-01..11-24"),
    "combined": (RequestFilter(view=View.OPEN, town="xiaolan", type="help",
                               created_from=dt.date(2026, 1, 1)),
                 "open, xiaolan, help, taken since 2026-01-01"),
    "supervised": (RequestFilter(view=View.SUPERVISED), "view=supervised"),
    "closed+type": (RequestFilter(view=View.CLOSED, type="consultation"),
                    "view=closed, type=consultation (the largest combination)"),
}


def _bar_bench(key: str) -> None:
    f, what = BAR[key]

    @benchmark(f"filter bar {key} {SIZE}", target="p99 ≤ 100 ms",
               meaning=f"the filter bar's {what}: request_ids_quick + 50 rows, the path the "
                       f"list uses (issue 4)")
    def bench(run: Run) -> Figure:
        return _quick_figure(run, f, what)

    bench.__qualname__ = bench.__name__ = f"filter_bar_{key.replace('+', '_')}"


for _key in BAR:
    _bar_bench(_key)


@benchmark(f"view counts {SIZE}", target="p99 ≤ 300 ms",
           meaning="the eight views' counts of the left list (Desk.view_counts), counted on "
                   "the worker after the list loads")
def view_counts(run: Run) -> Figure:
    lb = _list(run)
    run.setup_done()
    ours = time_calls(lambda i: lb.desk.view_counts(), lb.repeats, warmup=2)
    baseline = time_calls(lambda i: lb.raw.execute("SELECT count(*) FROM tickets").fetchone(),
                          lb.repeats, warmup=2)
    counts = lb.desk.view_counts()
    return Figure(ours, baseline, baseline_label="sqlite3 (stdlib): SELECT count(*) FROM tickets",
                  notes=[", ".join(f"{v.value} {n:,}" for v, n in counts.items())])
