"""Randomized fault schedules (``docs/fault-injection.md``): 200 on SQLite in every
``make test``, 20 more on PostgreSQL when ``HALLDESK_TEST_DATABASE_URL`` is set (CI).

Each schedule is a seed: three desks record intakes, events and edits, sync, and are cut
off, killed mid-push and mid-pull, lose answers and see the server restart; then the
network comes back, they sync until quiet, and the checker proves nothing was lost or
doubled, everything converged and every conflict and rejection is on record.

Replay a failing seed (its report prints the command)::

    HALLDESK_FAULT_SEED=1234 .venv/bin/python -m pytest tests/faults/test_schedules.py
    .venv/bin/python -m pytest tests/faults -k seed_1234

``HALLDESK_FAULT_SCHEDULES`` / ``HALLDESK_FAULT_PG_SCHEDULES`` change how many run,
``HALLDESK_FAULT_FIRST_SEED`` where the seeds start (explore new ones).
"""

from __future__ import annotations

import os

import pytest

from server.pytest_fixtures import postgres_url
from tests.faults.harness import replay_seeds, run_schedule

pytestmark = pytest.mark.faults

FIRST = int(os.environ.get("HALLDESK_FAULT_FIRST_SEED", "1"))
SQLITE_SEEDS = replay_seeds() or list(range(
    FIRST, FIRST + int(os.environ.get("HALLDESK_FAULT_SCHEDULES", "200"))))
PG_SEEDS = (replay_seeds() or list(range(
    FIRST, FIRST + int(os.environ.get("HALLDESK_FAULT_PG_SCHEDULES", "20"))))
    ) if postgres_url() else []


def _ids(seed: int) -> str:
    return f"seed_{seed}"


@pytest.mark.parametrize("seed", SQLITE_SEEDS, ids=_ids)
def test_schedule_on_sqlite(seed, sqlite_pool):
    outcome = run_schedule(seed, sqlite_pool)
    assert not outcome.violations, outcome.report()


@pytest.mark.skipif(not PG_SEEDS, reason="HALLDESK_TEST_DATABASE_URL is not set")
@pytest.mark.parametrize("seed", PG_SEEDS or [0], ids=_ids)
def test_schedule_on_postgresql(seed, postgres_pool):
    outcome = run_schedule(seed, postgres_pool)
    assert not outcome.violations, outcome.report()
