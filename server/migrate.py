"""Forward-only migrations of the central database (Alembic, driven from code).

``upgrade(url)`` brings a database to the newest schema in one transaction; on
PostgreSQL an advisory lock makes hosts that start together take turns. It also seeds
what every database needs: the change-sequence counter and the token key.
"""

from __future__ import annotations

import functools
import secrets
from pathlib import Path
from typing import Any

from alembic import context
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event, select, text

from server import db as dbmod
from server.models import CHANGE_SEQ, counters, metadata, server_settings

MIGRATIONS = Path(__file__).with_name("migrations")
ADVISORY_LOCK = 0x48444331          # "HDC1"
TOKEN_SECRET_KEY = "token_secret"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@functools.lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    """The migration scripts, loaded once per process."""
    return ScriptDirectory.from_config(_config())


def head() -> str:
    return _script().get_current_head() or ""


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _engine(url: str) -> Engine:
    engine = dbmod.admin_engine(url)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):  # noqa: ANN001
            dbapi_conn.isolation_level = None      # DDL inside our own transaction
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
            dbapi_conn.execute(f"PRAGMA busy_timeout = {dbmod.BUSY_TIMEOUT_MS}")

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    return engine


def upgrade(url: str, target: str = "head") -> None:
    path = dbmod.sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK})
            if current(conn) != head():
                _run_migrations(conn, target)
            seed(conn)
    finally:
        engine.dispose()


def _run_migrations(conn: Connection, target: str) -> None:
    """``alembic upgrade`` on our connection, with the scripts loaded once per process
    (``migrations/env.py`` does the same for the ``alembic`` command line)."""
    script = _script()
    cfg = _config()

    def steps(rev: Any, _context: Any) -> Any:
        return script._upgrade_revs(target, rev)

    with EnvironmentContext(cfg, script, fn=steps, destination_rev=target):
        context.configure(connection=conn, target_metadata=metadata,
                          render_as_batch=conn.dialect.name == "sqlite",
                          transaction_per_migration=False)
        context.run_migrations()


def seed(conn: Connection) -> None:
    """Rows every database needs; idempotent."""
    if conn.execute(select(counters.c.value).where(counters.c.name == CHANGE_SEQ)).first() is None:
        conn.execute(counters.insert().values(name=CHANGE_SEQ, value=0))
    found = conn.execute(select(server_settings.c.value)
                         .where(server_settings.c.key == TOKEN_SECRET_KEY)).first()
    if found is None:
        conn.execute(server_settings.insert().values(key=TOKEN_SECRET_KEY,
                                                     value=secrets.token_urlsafe(48)))


def check_current(url: str) -> str | None:
    """The database's revision, or None when it has none (never migrated)."""
    engine = dbmod.admin_engine(url)
    try:
        with engine.connect() as conn:
            return current(conn)
    finally:
        engine.dispose()
