"""Pytest fixtures that start the real central API (``pytest_plugins``).

- ``central``: a fresh server per test, seeded with the demo data. On PostgreSQL when
  ``HALLDESK_TEST_DATABASE_URL`` is set (each test gets its own schema, dropped after),
  otherwise on a temporary SQLite file.
- ``central_factory``: call it to start more servers, or one with other settings
  (``central_factory(settings={"access_ttl_seconds": 2})``); all are stopped after the test.
- ``central_database_url``: a fresh, empty database URL of the same kind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from server.testing import RunningServer, start_server

ENV = "HALLDESK_TEST_DATABASE_URL"


def postgres_url() -> str | None:
    return os.environ.get(ENV) or None


def with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


def _admin(url: str) -> Any:
    import psycopg
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                           autocommit=True)


def make_schema(url: str) -> tuple[str, Callable[[], None]]:
    schema = f"hd_{uuid.uuid4().hex[:12]}"
    with _admin(url) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with _admin(url) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    return with_schema(url, schema), drop


@pytest.fixture
def central_database_url(tmp_path: Path) -> Iterator[str]:
    base = postgres_url()
    if base is None:
        yield f"sqlite:///{tmp_path / f'central-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    url, drop = make_schema(base)
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def central_factory(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    started: list[RunningServer] = []
    cleanups: list[Callable[[], None]] = []

    def factory(*, seed_demo: bool = True, settings: dict[str, Any] | None = None,
                database_url: str | None = None) -> RunningServer:
        if database_url is None:
            base = postgres_url()
            if base is None:
                database_url = f"sqlite:///{tmp_path / f'central-{uuid.uuid4().hex[:8]}.sqlite3'}"
            else:
                database_url, drop = make_schema(base)
                cleanups.append(drop)
        server = start_server(database_url, seed_demo=seed_demo, settings=settings)
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()
    for cleanup in cleanups:
        cleanup()


@pytest.fixture
def central(central_factory: Callable[..., RunningServer]) -> RunningServer:
    """The real central API, fresh for this test, seeded with the demo data."""
    return central_factory()
