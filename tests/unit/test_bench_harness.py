"""The benchmark harness works (never how fast anything is: no timed tests here).

``python -m bench --quick`` runs every registered benchmark at small sizes, in a few
seconds; each must print its uniform result line. The data generator's rows must be
the ones the desk itself would write.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import datagen
from bench.harness import Figure, Result, Target, Timings, discover
from sync.desk import Desk, RequestFilter

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<name>.+?): ours=(?P<ours>.+) baseline=(?P<baseline>.+) "
                  r"ratio=(?P<ratio>[0-9.]+|inf)× target=(?P<target>.+) "
                  r"\[(?P<status>ok|MISSED|info)\]$")


def test_quick_run_prints_a_result_line_for_every_benchmark(tmp_path):
    names = [b.name for b in discover()]
    assert names, "no benchmarks registered"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path),
                           "--json", str(tmp_path / "results.json")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    printed = {m["name"]: m for m in map(LINE.match, proc.stdout.splitlines()) if m}
    assert set(names) <= set(printed), (set(names) - set(printed), proc.stdout[-3000:])
    for name in names:
        m = printed[name]
        assert m["ours"] and m["baseline"] and m["ratio"], m.group(0)
    assert "summary (" in proc.stdout
    assert (tmp_path / "results.json").exists()
    assert not list(tmp_path.glob("work-*")), "the run left its scratch copies behind"


def test_listing_and_selecting_by_name_glob_or_module(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bench", "--list", "filter*"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120).stdout
    listed = [line.split("  [")[0] for line in out.splitlines()]
    assert listed and all(name.startswith("filter") for name in listed)
    everything = [b for b in discover()]
    assert all(b.matches("store") for b in everything if b.module == "bench_store")


def test_targets_read_as_written():
    t = Target.parse("p99 ≤ 20 ms")
    assert t.headline == "p99" and t.clauses[0].value == 20e6
    both = Target.parse("ratio <= 3×; peak_rss ≤ 200 MB")
    assert [c.metric for c in both.clauses] == ["ratio", "peak_rss"]
    with pytest.raises(ValueError):
        Target.parse("fast enough")


def test_result_line_and_target_check():
    from bench.harness import Benchmark

    bench = Benchmark("demo", lambda run: None, Target.parse("p99 ≤ 20 ms"), "", "bench_x")
    fig = Figure(Timings([1e6] * 98 + [30e6, 40e6]), Timings([5e5] * 100))
    result = Result(bench, fig, 0.1, None)
    assert result.status == "MISSED"              # p99 of 100 samples is the 99th: 30 ms
    assert LINE.match(result.line())
    fig = Figure(Timings([1e6] * 100), Timings([5e5] * 100))
    assert Result(bench, fig, 0.1, None).status == "ok"
    assert Timings([3, 1, 2]).percentile(50) == 2


def test_generated_desk_holds_what_the_desk_would_write(tmp_path):
    path = tmp_path / "gen.sqlite3"
    stats = datagen.generate(path, 400, workers=1)
    assert stats.tickets == 400 and stats.events > 800 and stats.running > 0
    assert datagen.verify(path) == 400   # state machine, projection and search columns
    with Desk.open(path, clock=lambda: datagen.NOW) as desk:
        assert len(desk.request_ids(RequestFilter())) == 400
        assert desk.outbox_counts()["pending"] == 0
        assert desk.station is not None and desk.station.id == "XL01"
        forms = list(datagen.iter_intake_forms(5))
        for form in forms:                  # the forms the benchmark records are valid
            desk.record_intake(form)
        assert len(desk.request_ids(RequestFilter())) == 405


def test_generation_is_deterministic_and_cached(tmp_path):
    first = datagen.desk_file(300, tmp_path)
    mtime = first.stat().st_mtime_ns
    assert datagen.desk_file(300, tmp_path) == first and first.stat().st_mtime_ns == mtime
    assert first.name.startswith("desk-300-g")
