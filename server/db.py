"""The central database: one engine per URL, SQLite (WAL, busy timeout, one writer at a
time) or PostgreSQL (psycopg 3), and the two kinds of transaction the API runs.

- ``write()``: a read-write transaction. On SQLite it begins ``IMMEDIATE`` so writers
  queue on the file lock instead of failing on a lock upgrade; on PostgreSQL it runs at
  READ COMMITTED and takes row locks (``SELECT ... FOR UPDATE``) where it needs them.
- ``read()``: a read-only snapshot. On PostgreSQL REPEATABLE READ, so a pull's page,
  cursor and checksum all come from one snapshot; on SQLite a deferred transaction,
  which in WAL mode is a snapshot too.

``retrying()`` reruns a whole write transaction on the transient failures of
concurrent writers (deadlock, serialization failure, a racing insert of the same key,
SQLite busy beyond its timeout).
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool, QueuePool

from server.config import Settings

T = TypeVar("T")
BUSY_TIMEOUT_MS = 10_000
RETRIES = 6


def normalize_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here; a bare path means a SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def is_sqlite(url: str) -> bool:
    return normalize_url(url).startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(normalize_url(url))
    if not parsed.drivername.startswith("sqlite") or not parsed.database \
            or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_engine(url: str, settings: Settings, *, writer: bool) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, poolclass=QueuePool, pool_size=4 if writer else 8, max_overflow=8,
                           connect_args={"check_same_thread": False,
                                         "timeout": BUSY_TIMEOUT_MS / 1000})
    synchronous = settings.sqlite_synchronous.upper()

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None      # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute(f"PRAGMA synchronous = {synchronous}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA cache_size = -64000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


class Database:
    """The engines of one database URL."""

    def __init__(self, url: str, settings: Settings | None = None):
        settings = settings or Settings(database_url=url)
        self.url = normalize_url(url)
        self._write_gate = threading.BoundedSemaphore(settings.write_concurrency)
        self.sqlite = self.url.startswith("sqlite")
        if self.sqlite:
            self.writer = _sqlite_engine(self.url, settings, writer=True)
            self.reader = _sqlite_engine(self.url, settings, writer=False)
        else:
            # no pre-ping (a round trip per request): a connection the database dropped
            # fails once and the write is retried (``transient``) or the desk retries
            self.writer = create_engine(self.url, pool_size=settings.db_pool_size,
                                        max_overflow=settings.db_max_overflow,
                                        pool_recycle=3600)
            self.reader = self.writer.execution_options(isolation_level="REPEATABLE READ",
                                                        postgresql_readonly=True)

    @property
    def dialect(self) -> str:
        return self.writer.dialect.name

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        with self.writer.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self.reader.connect() as conn, conn.begin():
            yield conn

    def retrying(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in a write transaction; rerun it on transient conflicts.

        At most ``write_concurrency`` such transactions run at once in this process: a
        writer holding the change-sequence row lock must not wait for the interpreter
        behind dozens of other threads (the lock would be held for their turns too)."""
        for attempt in range(RETRIES):
            try:
                with self._write_gate, self.write() as conn:
                    return work(conn)
            except (OperationalError, IntegrityError) as exc:
                if attempt == RETRIES - 1 or not transient(exc):
                    raise
                time.sleep(random.uniform(0, 0.005 * 2 ** attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer and isinstance(self.reader, Engine):
            self.reader.dispose()


def transient(exc: DBAPIError) -> bool:
    """Deadlock, serialization failure, a unique key raced by another writer, busy."""
    if exc.connection_invalidated:
        return True
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40P01", "40001", "23505", "55P03"):
        return True
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def admin_engine(url: str) -> Engine:
    """A throwaway engine for admin commands (no pool left behind)."""
    return create_engine(normalize_url(url), poolclass=NullPool)
