"""Opening a desk file: SQLite set-up, the schema guard, backups and migrations.

A desk file is one SQLite database in WAL mode with foreign keys on. Writes go through
a single writer connection that begins with ``BEGIN IMMEDIATE`` (so two writers never
deadlock on a lock upgrade); reads use their own pooled connections and never block it.

Opening checks the file before touching it: a damaged file, a file that is not a desk
file, or one made by a newer build is refused with a clear message and left untouched
(it is read through a read-only URI). A file on an older schema is backed up next to
itself, then migrated forward by Alembic.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCHEMA_HEAD = "0003"          # the newest schema this build writes
SCHEMA_MIN = "0001"           # the oldest schema this build can migrate from
APPLICATION_ID = 0x48444B31   # "HDK1" in the SQLite header: this is a desk file
BUSY_TIMEOUT_MS = 5000
WAL_KEEP_BYTES = 32 * 1024 * 1024   # a WAL file larger than this is cut back when reset


class StoreError(Exception):
    """A desk file that cannot be opened; ``message_zh`` is for the clerk."""

    def __init__(self, message: str, message_zh: str):
        super().__init__(message)
        self.message_zh = message_zh


class CorruptStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


class OlderStoreError(StoreError):
    pass


def _sqlite_setup(dbapi_conn: sqlite3.Connection, *, readonly: bool = False) -> None:
    dbapi_conn.isolation_level = None   # we issue BEGIN ourselves (see _begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
    cur.execute("PRAGMA cache_size = -32000")
    cur.close()


def _make_engine(path: Path, *, writer: bool) -> Engine:
    # SQLAlchemy is imported here, not above: the schema guard (``inspect_revision``) is
    # plain sqlite3 and runs before the first paint (``sync.startup``)
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool, StaticPool

    url = f"sqlite+pysqlite:///{path}"
    if writer:
        engine = create_engine(url, poolclass=StaticPool,
                               connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url, poolclass=QueuePool, pool_size=4, max_overflow=4,
                               connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        _sqlite_setup(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


class Store:
    """The engines over one desk file. ``write()`` is the only way to change it."""

    def __init__(self, path: Path):
        self.path = path
        self._writer = _make_engine(path, writer=True)
        self._reader = _make_engine(path, writer=False)
        self._write_lock = threading.RLock()
        self._closed = False

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT), serialised across threads."""
        with self._write_lock, self._writer.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def deferred_checkpoints(self) -> Iterator[None]:
        """Many write transactions in a row (a pull of many pages): the WAL is copied
        into the file once at the end, not after every commit. (SQLite checkpoints each
        commit that leaves more than 1,000 pages in the WAL: at 2,000 requests a page
        that is a copy and an fsync per page, 3 s of an initial sync's 13.) Readers are
        never waited for, and the desk's own writes go on meanwhile (the checkpoint runs on
        a connection of its own); a WAL file grown past ``WAL_KEEP_BYTES`` is cut back to
        that size when SQLite next starts it over."""
        before = self._writer_pragma("PRAGMA wal_autocheckpoint")[0][0]
        self._writer_pragma("PRAGMA wal_autocheckpoint = 0")
        try:
            yield
        finally:
            if not self._closed:             # (a desk closed mid-pull: nothing to restore)
                self._writer_pragma(f"PRAGMA wal_autocheckpoint = {int(before)}")
                with contextlib.closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS
                                                        / 1000)) as own:
                    own.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _writer_pragma(self, statement: str) -> list[tuple]:
        with self._write_lock, self._writer.connect() as conn:
            return conn.connection.driver_connection.execute(statement).fetchall()

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent read snapshot."""
        with self._reader.begin() as conn:
            yield conn

    def close(self) -> None:
        self._closed = True
        self._writer.dispose()
        self._reader.dispose()


def inspect_revision(path: Path) -> str | None:
    """The schema revision of an existing file, read without changing a byte of it."""
    # With no WAL beside it the file is opened immutable: not even -wal/-shm files appear.
    wal = path.with_name(path.name + "-wal")
    uri = f"file:{path}?mode=ro" + ("" if wal.exists() else "&immutable=1")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _corrupt(path, exc) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if app_id != APPLICATION_ID or "alembic_version" not in tables:
            raise StoreError(
                f"{path} is not a Hall Desk file (it holds other tables)",
                f"{path} 不是工作台数据文件（其中有其他数据表），未作任何修改")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise _corrupt(path, exc) from None
    finally:
        conn.close()


def _corrupt(path: Path, exc: Exception) -> CorruptStoreError:
    return CorruptStoreError(
        f"{path} is damaged or not a database ({exc}); it was left untouched. "
        f"Restore it from a backup (*.bak-*) or start a new desk file.",
        f"数据文件 {path} 已损坏或不是数据库（{exc}），未作任何修改。"
        f"请从备份（*.bak-*）恢复，或新建数据文件。")


def backup(path: Path, revision: str | None) -> Path:
    """A consistent copy beside the file, named after its revision and the time."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision or 'empty'}-{stamp}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def open_store(path: str | Path) -> Store:
    """Open (creating or migrating as needed) the desk file at ``path``."""
    path = Path(path)
    revision = inspect_revision(path) if path.exists() and path.stat().st_size else None
    if revision != SCHEMA_HEAD:
        from sync import migrate   # Alembic is imported only when there is work to do

        known = migrate.revisions()
        if revision is not None and revision not in known:
            raise NewerStoreError(
                f"{path} was written by a newer Hall Desk (schema {revision}); this build "
                f"reads schemas up to {SCHEMA_HEAD}. Update Hall Desk; the file is untouched.",
                f"数据文件由更新版本的工作台写入（结构版本 {revision}），本版本最高支持 "
                f"{SCHEMA_HEAD}。请升级工作台；文件未作任何修改。")
        if revision is not None and known.index(revision) < known.index(SCHEMA_MIN):
            raise OlderStoreError(
                f"{path} uses schema {revision}, older than this build can upgrade "
                f"({SCHEMA_MIN}); open it with an intermediate release first.",
                f"数据文件结构版本 {revision} 过旧，本版本无法直接升级，请先用中间版本打开。")
        path.parent.mkdir(parents=True, exist_ok=True)
        if revision is not None:
            backup(path, revision)
        migrate.upgrade(path)
    return Store(path)
