"""A tiny benchmark framework: a registry, timers, memory peaks, uniform result lines.

A benchmark is a function in a ``bench/bench_*.py`` module (found automatically),
decorated with its name and the target its issue names::

    @benchmark("intake write @100k", target="p99 ≤ 20 ms",
               meaning="one Desk.record_intake in a desk holding 100,000 requests")
    def intake_write(run: Run) -> Figure:
        n = run.size(100_000, quick=1_000)          # --quick runs it small
        ours = time_calls(lambda i: desk.record_intake(forms[i]), 1_000)
        baseline = time_calls(lambda i: raw_insert(rows[i]), 1_000)
        return Figure(ours, baseline)

Every benchmark measures a baseline **in the same run** (machines are noisy: compare
within a run, never across runs) and prints one line::

    intake write @100k: ours=p50 3.1 ms, p99 8.2 ms baseline=p50 0.41 ms, p99 1.2 ms ratio=6.8× target=p99 ≤ 20 ms [ok]

The ratio is ours / baseline on the target's metric (p50 when the target names none).
A target is a small sentence the harness checks: ``<metric> <op> <number> <unit>``,
clauses joined by ``;`` or ``and``; metrics are the timing statistics (p50, p95, p99,
max, mean, min, total), ``ratio``, or any name the figure reports in ``extras`` (such as
``peak_rss``); units ns, µs/us, ms, s, MB, ×. Examples: ``"p99 ≤ 20 ms"``,
``"ratio ≤ 3×; peak_rss ≤ 200 MB"`` (an initial sync within 3× its raw-insert baseline).

Benchmarks share expensive set-up through ``run.shared(key, factory)`` and get scratch
space in ``run.workdir``. ``python -m bench --help`` lists the options.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import ctypes
import datetime as dt
import fnmatch
import gc
import importlib
import io
import json
import math
import os
import platform
import pkgutil
import pstats
import re
import resource
import shutil
import sqlite3
import sys
import time
import tracemalloc
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = PACKAGE_DIR / "out"

# ---------------------------------------------------------------------------- timings

_TIME_UNITS = {"ns": 1, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def format_ns(ns: float) -> str:
    """A duration with three significant digits in a fitting unit."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if abs(ns) >= scale:
            return f"{_sig3(ns / scale)} {unit}"
    return f"{_sig3(ns)} ns"


def _sig3(x: float) -> str:
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    digits = max(0, 2 - int(math.floor(math.log10(abs(x)))))
    return f"{x:.{digits}f}"


class Timings:
    """Durations of repeated operations, in nanoseconds (``perf_counter_ns``)."""

    METRICS = ("p50", "p95", "p99", "max", "min", "mean", "total")

    def __init__(self, samples_ns: Iterable[int | float], label: str = ""):
        self.samples = sorted(samples_ns)
        self.label = label
        if not self.samples:
            raise ValueError("no samples")

    def __len__(self) -> int:
        return len(self.samples)

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile (q in 0..100): a value that was really measured."""
        rank = max(1, math.ceil(q / 100 * len(self.samples)))
        return self.samples[rank - 1]

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def max(self) -> float:
        return self.samples[-1]

    @property
    def min(self) -> float:
        return self.samples[0]

    @property
    def mean(self) -> float:
        return sum(self.samples) / len(self.samples)

    @property
    def total(self) -> float:
        return sum(self.samples)

    def metric(self, name: str) -> float:
        if name not in self.METRICS:
            raise KeyError(name)
        return float(getattr(self, name))

    def describe(self, metrics: Sequence[str] = ("p50", "p99")) -> str:
        if len(self.samples) == 1:
            return format_ns(self.samples[0])
        return ", ".join(f"{m} {format_ns(self.metric(m))}" for m in metrics)

    def full(self) -> str:
        return (f"n={len(self)} p50 {format_ns(self.p50)}, p95 {format_ns(self.p95)}, "
                f"p99 {format_ns(self.p99)}, max {format_ns(self.max)}")

    def to_json(self) -> dict[str, Any]:
        return {"n": len(self), **{m: self.metric(m) / 1e6 for m in self.METRICS}}


def time_calls(fn: Callable[[int], Any], n: int, *, warmup: int = 0,
               between: Callable[[int], Any] | None = None) -> Timings:
    """Call ``fn(i)`` for i in 0..n-1, timing each call alone; ``warmup`` calls first
    (with negative i, untimed); ``between(i)`` runs untimed after each call."""
    for i in range(-warmup, 0):
        fn(i)
    clock = time.perf_counter_ns
    samples = []
    for i in range(n):
        start = clock()
        fn(i)
        samples.append(clock() - start)
        if between is not None:
            between(i)
    return Timings(samples)


class Stopwatch:
    """Collects samples from ``with watch: ...`` blocks, for loops that need set-up."""

    def __init__(self) -> None:
        self.samples: list[int] = []
        self._start = 0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter_ns()
        return self

    def __exit__(self, *exc: object) -> None:
        self.samples.append(time.perf_counter_ns() - self._start)

    def timings(self) -> Timings:
        return Timings(self.samples)


def once(fn: Callable[[], Any]) -> tuple[Timings, Any]:
    """Time one call; returns its timing and its result."""
    start = time.perf_counter_ns()
    result = fn()
    return Timings([time.perf_counter_ns() - start]), result


# ---------------------------------------------------------------------------- memory

def _status_kb(field_name: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_mb() -> float | None:
    """This process's resident set size now (Linux), in MB."""
    kb = _status_kb("VmRSS")
    return kb / 1024 if kb is not None else None


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MB: since the last ``reset_peak_rss``
    where that works (Linux), else since the process started."""
    kb = _status_kb("VmHWM")
    if kb is not None:
        return kb / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _trim() -> None:
    """Collect garbage and hand freed heap back to the OS (glibc), so that a peak
    measured from now on is not inflated by what earlier work left behind."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def reset_peak_rss() -> bool:
    """Restart the peak RSS from the current RSS (Linux ``clear_refs``); False if not."""
    _trim()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


@dataclass
class MemoryPeak:
    """``with MemoryPeak() as m: ...`` then ``m.peak_rss_mb`` (the process's peak RSS
    during the block, Linux) and, with ``python=True``, ``m.python_peak_mb`` (the peak of
    Python allocations, from tracemalloc: exact, but slows the block down several times)."""

    python: bool = False
    peak_rss_mb: float | None = None
    python_peak_mb: float | None = None
    exact: bool = False

    def __enter__(self) -> MemoryPeak:
        self.exact = reset_peak_rss()
        if self.python:
            tracemalloc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.python:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.python_peak_mb = peak / (1024 * 1024)
        self.peak_rss_mb = peak_rss_mb()


# ---------------------------------------------------------------------------- targets

_CLAUSE = re.compile(r"^\s*(?P<metric>[A-Za-z_][\w]*)\s*(?P<op>≤|<=|<|≥|>=|>)\s*"
                     r"(?P<value>[0-9]*\.?[0-9]+)\s*(?P<unit>ns|µs|us|ms|s|MB|×|x)?\s*$")
_OPS: dict[str, Callable[[float, float], bool]] = {
    "≤": lambda a, b: a <= b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
    "≥": lambda a, b: a >= b, ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}


@dataclass(frozen=True)
class Clause:
    metric: str
    op: str
    value: float          # in ns for times, as written otherwise
    unit: str

    def check(self, figure: Figure) -> bool:
        return _OPS[self.op](figure.value(self.metric), self.value)


@dataclass(frozen=True)
class Target:
    text: str
    clauses: tuple[Clause, ...]

    @classmethod
    def parse(cls, text: str) -> Target:
        clauses = []
        for part in re.split(r";|\band\b", text):
            if not part.strip():
                continue
            m = _CLAUSE.match(part)
            if m is None:
                raise ValueError(f"target {text!r}: cannot read {part.strip()!r}; expected "
                                 "'<metric> ≤ <number> <unit>', e.g. 'p99 ≤ 20 ms'")
            value, unit = float(m["value"]), m["unit"] or ""
            if unit in _TIME_UNITS:
                value *= _TIME_UNITS[unit]
            clauses.append(Clause(m["metric"], m["op"], value, unit))
        if not clauses:
            raise ValueError(f"target {text!r}: empty")
        return cls(text, tuple(clauses))

    @property
    def headline(self) -> str:
        """The timing metric the ratio is taken on: the first one the target names."""
        for c in self.clauses:
            if c.metric in Timings.METRICS:
                return c.metric
        return "p50"


# ---------------------------------------------------------------------------- figures

@dataclass
class Figure:
    """What a benchmark measured: ours, the baseline measured in the same run, notes."""

    ours: Timings
    baseline: Timings
    notes: list[str] = field(default_factory=list)
    extras: dict[str, float] = field(default_factory=dict)   # e.g. {"peak_rss": 180.0}
    metric: str | None = None        # the ratio's metric; default: the target's
    show: Sequence[str] = ("p50", "p99")
    baseline_label: str = ""         # what the baseline is, in a few words

    def ratio(self, metric: str) -> float:
        base = self.baseline.metric(metric)
        return self.ours.metric(metric) / base if base else math.inf

    def value(self, metric: str) -> float:
        if metric in Timings.METRICS:
            return self.ours.metric(metric)
        if metric == "ratio":
            return self.ratio(self.metric or "p50")
        if metric in self.extras:
            return self.extras[metric]
        raise KeyError(f"the figure reports no {metric!r}; it has "
                       f"{', '.join([*Timings.METRICS, 'ratio', *self.extras])}")


@dataclass
class Benchmark:
    name: str
    fn: Callable[[Run], Figure]
    target: Target | None
    meaning: str
    module: str

    def matches(self, pattern: str) -> bool:
        pat = pattern.lower()
        names = (self.name.lower(), self.module.lower(),
                 self.module.lower().removeprefix("bench_"))
        if any(ch in pat for ch in "*?["):
            return any(fnmatch.fnmatchcase(n, pat) for n in names)
        return pat in self.name.lower() or pat in names[1:]


REGISTRY: dict[str, Benchmark] = {}


def benchmark(name: str, *, target: str | None = None, meaning: str = ""
              ) -> Callable[[Callable[[Run], Figure]], Callable[[Run], Figure]]:
    """Register a benchmark. ``target`` is the issue's figure (see ``Target``);
    ``meaning`` says in one line what the figure measures (printed with it)."""
    parsed = Target.parse(target) if target else None

    def register(fn: Callable[[Run], Figure]) -> Callable[[Run], Figure]:
        module = fn.__module__.rsplit(".", 1)[-1]
        existing = REGISTRY.get(name)
        if existing is not None and (existing.module, existing.fn.__qualname__) != (
                module, fn.__qualname__):
            raise ValueError(f"benchmark {name!r} is registered twice "
                             f"({existing.module} and {module})")
        REGISTRY[name] = Benchmark(name, fn, parsed, meaning or (fn.__doc__ or "").strip(),
                                   module)
        return fn

    return register


def discover(package_dir: Path = PACKAGE_DIR, package: str = "bench") -> list[Benchmark]:
    """Import every ``bench_*.py`` module of the package; the registered benchmarks."""
    for info in sorted(pkgutil.iter_modules([str(package_dir)]), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            importlib.import_module(f"{package}.{info.name}")
    return list(REGISTRY.values())


# ---------------------------------------------------------------------------- a run

class Run:
    """What a benchmark gets: sizes, scratch space, shared set-up, logging, profiling."""

    def __init__(self, *, quick: bool = False, out: Path = DEFAULT_OUT,
                 profile: bool = False, stream: Any = None):
        self.quick = quick
        self.out = Path(out)
        self.profile = profile
        self.stream = stream or sys.stdout
        self._shared: dict[str, Any] = {}
        self._cleanups: list[Callable[[], Any]] = []
        self._workdir: Path | None = None
        self._started = time.perf_counter()
        self.setup_seconds = 0.0

    def size(self, full: int, quick: int) -> int:
        """The size the issue names, or a small one under ``--quick``."""
        return quick if self.quick else full

    @property
    def workdir(self) -> Path:
        """Scratch space for this run (copies of desk files ...), removed at the end."""
        if self._workdir is None:
            self._workdir = self.out / f"work-{os.getpid()}"
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir.mkdir(parents=True)
        return self._workdir

    def shared(self, key: str, factory: Callable[[], Any]) -> Any:
        """Set-up made once per run and shared by the benchmarks that ask for it."""
        if key not in self._shared:
            self._shared[key] = factory()
        return self._shared[key]

    def setup_done(self) -> None:
        """Call when set-up (generating data, copying files) is over: the peak RSS shown
        for the benchmark then counts only what follows."""
        reset_peak_rss()
        self.setup_seconds = time.perf_counter() - self._started

    def start(self) -> None:
        self._started = time.perf_counter()
        self.setup_seconds = 0.0

    def defer(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` when the run ends (closing shared desks, say)."""
        self._cleanups.append(fn)

    def log(self, message: str) -> None:
        print(f"   {message}", file=self.stream, flush=True)

    @contextlib.contextmanager
    def profiled(self, label: str, top: int = 25) -> Iterator[None]:
        """Under ``--profile``, profile the block and print where the time went."""
        if not self.profile:
            yield
            return
        prof = cProfile.Profile()
        prof.enable()
        try:
            yield
        finally:
            prof.disable()
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
            self.log(f"profile of {label}:")
            for line in buf.getvalue().splitlines():
                if line.strip():
                    print(f"      {line}", file=self.stream)

    def close(self) -> None:
        while self._cleanups:
            try:
                self._cleanups.pop()()
            except Exception:  # noqa: BLE001 - cleaning up must not hide the results
                traceback.print_exc()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None


# ---------------------------------------------------------------------------- results

def _ratio_text(r: float) -> str:
    if not math.isfinite(r):
        return "inf×"
    return f"{r:.2f}×" if r < 10 else f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


@dataclass
class Result:
    bench: Benchmark
    figure: Figure | None
    seconds: float
    peak_rss_mb: float | None
    error: str | None = None

    @property
    def metric(self) -> str:
        assert self.figure is not None
        if self.figure.metric:
            return self.figure.metric
        return self.bench.target.headline if self.bench.target else "p50"

    @property
    def ok(self) -> bool | None:
        if self.figure is None or self.bench.target is None:
            return None
        return all(c.check(self.figure) for c in self.bench.target.clauses)

    @property
    def status(self) -> str:
        if self.error is not None:
            return "ERROR"
        return {True: "ok", False: "MISSED", None: "info"}[self.ok]

    def ratio_text(self) -> str:
        assert self.figure is not None
        return _ratio_text(self.figure.ratio(self.metric))

    def line(self) -> str:
        """The uniform result line."""
        if self.figure is None:
            return f"{self.bench.name}: ERROR {self.error}"
        f = self.figure
        show = list(f.show) + ([self.metric] if self.metric not in f.show else [])
        target = self.bench.target.text if self.bench.target else "none"
        return (f"{self.bench.name}: ours={f.ours.describe(show)} "
                f"baseline={f.baseline.describe(show)} ratio={self.ratio_text()} "
                f"target={target} [{self.status}]")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.bench.name, "module": self.bench.module,
                               "status": self.status, "seconds": round(self.seconds, 3),
                               "peak_rss_mb": self.peak_rss_mb,
                               "target": self.bench.target.text if self.bench.target else None}
        if self.figure is not None:
            out.update(ours_ms=self.figure.ours.to_json(),
                       baseline_ms=self.figure.baseline.to_json(),
                       ratio_metric=self.metric, ratio=self.figure.ratio(self.metric),
                       extras=self.figure.extras, notes=self.figure.notes)
        else:
            out["error"] = self.error
        return out


def run_one(bench: Benchmark, run: Run) -> Result:
    stream = run.stream
    print(f"\n== {bench.name}  ({bench.module})", file=stream)
    if bench.meaning:
        print(f"   what: {bench.meaning}", file=stream)
    exact = reset_peak_rss()
    started = time.perf_counter()
    run.start()
    try:
        figure = bench.fn(run)
        if not isinstance(figure, Figure):
            raise TypeError(f"{bench.name} returned {type(figure).__name__}, not a Figure")
        error = None
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not stop the rest
        traceback.print_exc(file=sys.stderr)
        figure, error = None, f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    result = Result(bench, figure, seconds, peak_rss_mb() if exact else None, error)
    if figure is not None:
        if figure.baseline_label:
            print(f"   baseline: {figure.baseline_label}", file=stream)
        print(f"   ours:     {figure.ours.full()}", file=stream)
        print(f"   baseline: {figure.baseline.full()}", file=stream)
        if len(figure.ours) > 1 and len(figure.baseline) > 1:
            ratios = ", ".join(f"{m} {_ratio_text(figure.ratio(m))}"
                               for m in ("p50", "p95", "p99", "max"))
            print(f"   ratios:   {ratios}", file=stream)
        if run.setup_seconds >= 0.1:
            print(f"   set-up took {run.setup_seconds:.1f} s (not measured; peak RSS counts "
                  "what followed)", file=stream)
        for key, value in figure.extras.items():
            print(f"   {key}: {value:.4g}", file=stream)
        for note in figure.notes:
            print(f"   {note}", file=stream)
    print(result.line(), file=stream, flush=True)
    return result


def machine() -> str:
    return (f"{dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
            f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")


def summary(results: Sequence[Result], quick: bool) -> str:
    rows = [("benchmark", "ours", "baseline", "ratio", "target", "status", "peak RSS", "took")]
    for r in results:
        if r.figure is None:
            rows.append((r.bench.name, "-", "-", "-",
                         r.bench.target.text if r.bench.target else "-", r.status, "-",
                         f"{r.seconds:.1f} s"))
            continue
        m = r.metric
        rows.append((r.bench.name, f"{m} {format_ns(r.figure.ours.metric(m))}",
                     f"{m} {format_ns(r.figure.baseline.metric(m))}", r.ratio_text(),
                     r.bench.target.text if r.bench.target else "-", r.status,
                     f"{r.peak_rss_mb:.0f} MB" if r.peak_rss_mb is not None else "-",
                     f"{r.seconds:.1f} s"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [f"summary ({machine()}{', --quick sizes' if quick else ''})"]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- the CLI

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run the benchmarks: each prints its figure, a baseline measured in "
                    "the same run, the ratio and the issue's target.")
    parser.add_argument("patterns", nargs="*", metavar="NAME",
                        help="benchmarks to run: part of a name, a glob ('filter*'), or a "
                             "module ('store'); default: all")
    parser.add_argument("--quick", action="store_true",
                        help="small sizes: checks that the benchmarks work, in seconds "
                             "(the figures mean nothing)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where generated data is cached (default: bench/out)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--profile", action="store_true",
                        help="profile the measured loops (cProfile) and print the top")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)

    benches = discover()
    if args.patterns:
        benches = [b for b in benches if any(b.matches(p) for p in args.patterns)]
        if not benches:
            parser.error(f"no benchmark matches {' '.join(args.patterns)} "
                         "(python -m bench --list)")
    if args.list:
        for b in benches:
            print(f"{b.name}  [{b.module}]  target: {b.target.text if b.target else '-'}")
        return 0

    run = Run(quick=args.quick, out=args.out, profile=args.profile)
    print(f"bench: {len(benches)} benchmark(s); {machine()}"
          f"{'; --quick sizes' if args.quick else ''}", flush=True)
    results: list[Result] = []
    try:
        for b in benches:
            results.append(run_one(b, run))
    finally:
        run.close()
    print("\n" + summary(results, args.quick))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "quick": args.quick,
                                         "results": [r.to_json() for r in results]},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    if any(r.error for r in results):
        return 2
    if args.strict and any(r.ok is False for r in results):
        return 1
    return 0
