"""Fixtures of the fault suite: one pool of central servers per worker and backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.pytest_fixtures import postgres_url
from tests.faults.central import CentralPool
from tests.faults.schedule import DeskConfig, Schedule
from tests.faults.world import World


@pytest.fixture(scope="session")
def sqlite_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralPool]:
    pool = CentralPool(tmp_path_factory.mktemp("faults-sqlite"))
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def postgres_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralPool | None]:
    url = postgres_url()
    if url is None:
        yield None
        return
    pool = CentralPool(tmp_path_factory.mktemp("faults-pg"), postgres_url=url)
    yield pool
    pool.close()


@pytest.fixture
def pool(sqlite_pool: CentralPool) -> CentralPool:
    """The servers of the targeted tests: SQLite (fast; the schedules and the end-to-end
    tests cover PostgreSQL)."""
    return sqlite_pool


@pytest.fixture
def world(pool: CentralPool, tmp_path: Path) -> Iterator[Callable[..., World]]:
    """``world(batch=..., page_limit=...)``: a fresh server and three signed-in desks (two
    Shiqi clerks at SQ01 and SQ02, a city supervisor at ZS01), each synced once."""
    made: list[tuple[World, object]] = []

    def make(batch: int = 500, page_limit: int = 200, seed: int = 0) -> World:
        ctx = pool.fresh()
        server = ctx.__enter__()
        schedule = Schedule(seed, tuple(DeskConfig(batch, page_limit) for _ in range(3)))
        files = [pool.new_desk_file(server, tmp_path / f"w{len(made)}-desk{i}.sqlite3")
                 for i in range(3)]
        w = World(schedule, server, files, backend=pool.kind)
        made.append((w, ctx))
        w.start()
        for node in w.nodes:
            w.sync(node)
        return w

    yield make
    for w, ctx in made:
        w.close()
        ctx.__exit__(None, None, None)
