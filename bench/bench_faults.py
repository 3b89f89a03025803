"""The fault-injection tally: 1,000 randomized schedules (``docs/fault-injection.md``).

Each schedule runs three real desks against a fresh central server (the real app under
uvicorn, SQLite) with faults interleaved — desks killed mid-push and mid-pull, answers
dropped after the server committed, the server restarted, the network cut, offline
storms, deletions and purges — then settles and runs the checker. The figure is the
time per schedule; the baseline is one fault-free sync cycle of one desk against the same
kind of server (what a step costs when nothing goes wrong). What matters is the tally it
prints: schedules, steps, faults injected by kind, ops acknowledged and rejected,
conflicts recorded, and violations, which must be 0 (the target says so).

    python -m bench faults              # 1,000 schedules (about 20 minutes on 2 cores)
    python -m bench faults --quick      # 5 schedules
    HALLDESK_FAULT_FIRST_SEED=5001 python -m bench faults    # other seeds
"""

from __future__ import annotations

import logging
import os

from bench.harness import Figure, Run, Stopwatch, benchmark

SCHEDULES = 1_000
FIRST_SEED = 100_001          # not the seeds ``make test`` runs: new ground every time


@benchmark("fault schedules", target="violations ≤ 0",
           meaning="one randomized fault schedule (3 desks, 20-60 steps, faults interleaved) "
                   "run and checked against a fresh central server; the tally follows")
def fault_schedules(run: Run) -> Figure:
    quiet = logging.getLogger("sync")       # the engine warns of every failed cycle
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return _schedules(run)
    finally:
        quiet.setLevel(level)


def _schedules(run: Run) -> Figure:
    from tests.faults.central import CentralPool
    from tests.faults.harness import Tally, run_schedule

    n = run.size(SCHEDULES, quick=5)
    first = int(os.environ.get("HALLDESK_FAULT_FIRST_SEED", FIRST_SEED))
    pool = CentralPool(run.workdir / "faults")
    run.defer(pool.close)
    baseline = _one_desk_cycles(pool, run, 30 if not run.quick else 5)
    run.setup_done()
    tally = Tally()
    watch = Stopwatch()
    for seed in range(first, first + n):
        with watch:
            outcome = run_schedule(seed, pool)
        tally.add(outcome)
        if outcome.violations:
            # the whole report goes to a file (it outlives the run's scratch space); the
            # log shows its head and the replay command
            report = outcome.report()
            saved = run.out / "faults" / f"seed-{seed}.txt"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(report, encoding="utf-8")
            run.log(f"{report[:1500]}\n   ... the whole report: {saved}")
        if (seed - first + 1) % 100 == 0:
            run.log(f"{seed - first + 1} schedules, {tally.violations} violation(s)")
    notes = [f"seeds {first}..{first + n - 1}", *tally.lines()]
    return Figure(watch.timings(), baseline, notes=notes, metric="p50",
                  extras={"violations": float(tally.violations),
                          "schedules": float(tally.schedules)},
                  baseline_label="one fault-free sync cycle of one desk")


def _one_desk_cycles(pool, run: Run, n: int):
    """The baseline: sync cycles of one desk with one new request each, nothing failing."""
    from tests.faults.schedule import DeskConfig, Schedule
    from tests.faults.world import World

    watch = Stopwatch()
    with pool.fresh() as server:
        schedule = Schedule(0, tuple(DeskConfig(500, 200) for _ in range(3)))
        files = [pool.new_desk_file(server, run.workdir / f"baseline-{i}.sqlite3")
                 for i in range(3)]
        world = World(schedule, server, files)
        try:
            world.start()
            node = world.nodes[0]
            world.sync(node)
            for _ in range(n):
                world.intake(node)
                with watch:
                    world.sync(node)
        finally:
            world.close()
    return watch.timings()
