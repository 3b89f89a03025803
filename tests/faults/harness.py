"""The fault-injection harness: run a seeded schedule against a fresh central server and
three real desks, then check everything (``docs/fault-injection.md``).

    pool = CentralPool()                      # SQLite; CentralPool(postgres_url=...) for PG
    outcome = run_schedule(1234, pool)
    assert not outcome.violations, outcome.report()

``Tally`` adds outcomes up (``bench/bench_faults.py`` prints it for 1,000 schedules).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.central import CentralPool
from tests.faults.checker import check
from tests.faults.schedule import FAULT_KINDS, Schedule, make_schedule
from tests.faults.world import Outcome, World

SEED_ENV = "HALLDESK_FAULT_SEED"


def replay_seeds() -> list[int]:
    """Seeds named in ``HALLDESK_FAULT_SEED`` (comma-separated), for replaying failures."""
    raw = os.environ.get(SEED_ENV, "").strip()
    return [int(s) for s in raw.replace(" ", ",").split(",") if s.strip()]


def run_schedule(seed: int | Schedule, pool: CentralPool, workdir: Path | None = None
                 ) -> Outcome:
    """Run one schedule from the start (a fresh server and three fresh desks) and check it."""
    schedule = seed if isinstance(seed, Schedule) else make_schedule(seed)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix=f"faults-{schedule.seed}-", dir=pool.workdir)
        workdir = Path(tmp.name)
    started = time.perf_counter()
    try:
        with pool.fresh() as server:
            files = [pool.new_desk_file(server, workdir / f"desk{i}.sqlite3")
                     for i in range(len(schedule.desks))]
            world = World(schedule, server, files, backend=pool.kind)
            try:
                world.start()
                world.run()
                world.settle()
                check(world)
            except Exception as exc:  # noqa: BLE001 - report a harness failure, never hide it
                import traceback
                world.violation(f"harness error {type(exc).__name__}: {exc}\n"
                                + traceback.format_exc(limit=12))
            finally:
                world.close()
    finally:
        if tmp is not None:
            tmp.cleanup()
    outcome = world.outcome
    outcome.counts["seconds_x1000"] = int((time.perf_counter() - started) * 1000)
    return outcome


@dataclass
class Tally:
    """The sum of many outcomes."""

    schedules: int = 0
    steps: int = 0
    faults: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    failed: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.schedules += 1
        self.steps += outcome.steps
        self.faults.update(outcome.faults)
        self.counts.update(outcome.counts)
        self.seconds += outcome.counts.get("seconds_x1000", 0) / 1000
        if outcome.violations:
            self.failed.append(outcome)

    @property
    def violations(self) -> int:
        return sum(len(o.violations) for o in self.failed)

    def lines(self) -> list[str]:
        c = self.counts
        out = [f"schedules            {self.schedules}",
               f"steps                {self.steps}",
               f"faults injected      {sum(self.faults[k] for k in FAULT_KINDS)}"]
        out += [f"  {k:<24} {self.faults[k]}" for k in FAULT_KINDS]
        out += [f"ops recorded         {c['ops_recorded']}",
                f"ops acknowledged     {c['ops_acknowledged']}",
                f"ops rejected         {c['ops_rejected']}"]
        out += [f"  {k.split(':', 1)[1]:<24} {n}" for k, n in sorted(c.items())
                if k.startswith("rejected:")]
        out += [f"replayed answers     {c['replayed']}",
                f"conflicts recorded   {c['conflicts']}",
                f"desk processes killed {c['desk_deaths'] + self.faults['desk_reboot']}",
                f"syncs                {c['syncs']}",
                f"violations           {self.violations}"
                + (f" (seeds {', '.join(str(o.seed) for o in self.failed[:20])})"
                   if self.failed else "")]
        if self.schedules:
            out.append(f"time per schedule    {self.seconds / self.schedules:.2f} s")
        return out


def settled_and_checked(world: World) -> World:
    """Bring the network back, sync until quiet, run the checker; fail on a violation."""
    world.settle()
    check(world)
    assert not world.outcome.violations, world.outcome.report()
    return world
