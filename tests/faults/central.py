"""A fresh central server for every schedule, cheaply.

On SQLite the demo database (migrated and seeded once per process, by
``server.testing.prepare_database``) is copied for each schedule and served by the real
app under uvicorn (``server.testing.RunningServer``), exactly as ``start_server`` serves
it, minus the migration and seeding it would redo. On PostgreSQL each schedule gets its
own schema (``server.pytest_fixtures.make_schema``), migrated and seeded by
``start_server``, dropped afterwards.

Desks start from a template desk file: a new desk file that fetched the published
catalogue and schedule from the server (with their ETags), as a desk's first sync would;
each schedule copies it, so a desk's first real sync gets 304s instead of installing the
catalogue again. ``Desk.open`` gives every copy its own device id.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from server.config import Settings
from server.pytest_fixtures import make_schema
from server.testing import (
    TEST_SETTINGS,
    RunningServer,
    free_port,
    prepare_database,
    start_server,
)
from sync.cycle import CATALOGUE_ETAG, DIRECTORY_ETAG, SCHEDULE_ETAG
from sync.desk import Desk


def copy_sqlite(src: Path, dst: Path) -> None:
    """A consistent copy of a closed or open SQLite file (the backup API)."""
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


class CentralPool:
    """Hands out a fresh server per schedule (``fresh()``) and the desk template."""

    def __init__(self, workdir: Path | None = None, postgres_url: str | None = None):
        self.own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="halldesk-faults-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.postgres_url = postgres_url
        self._template_db: Path | None = None
        self._template_desk: Path | None = None

    @property
    def kind(self) -> str:
        return "postgresql" if self.postgres_url else "sqlite"

    def _sqlite_template(self) -> Path:
        if self._template_db is None:
            path = self.workdir / "central-template.sqlite3"
            prepare_database(f"sqlite:///{path}", profile=TEST_SETTINGS["argon2_profile"])
            self._template_db = path
        return self._template_db

    @contextlib.contextmanager
    def fresh(self) -> Iterator[RunningServer]:
        """A running server on a database of its own, seeded with the demo data."""
        if self.postgres_url:
            url, drop = make_schema(self.postgres_url)
            server = start_server(url)
            try:
                yield server
            finally:
                server.stop()
                drop()
            return
        path = self.workdir / f"central-{uuid.uuid4().hex[:10]}.sqlite3"
        copy_sqlite(self._sqlite_template(), path)
        settings = Settings(**{**TEST_SETTINGS, "database_url": f"sqlite:///{path}"})
        server = RunningServer(settings, free_port())
        server.restart()
        try:
            yield server
        finally:
            server.stop()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

    def desk_template(self, server: RunningServer) -> Path:
        """A new desk file holding the server's catalogue, schedule and directory and their
        ETags."""
        if self._template_desk is None:
            path = self.workdir / "desk-template.sqlite3"
            api = server.client()
            api.login("demo.clerk", "demo-2026", "SQ01")
            desk = Desk.open(path)
            try:
                r = api.request("GET", "/catalogue")
                r.raise_for_status()
                desk.install_catalogue(r.json())
                desk.set_sync_meta(CATALOGUE_ETAG, r.headers["ETag"].strip('"'))
                r = api.request("GET", "/schedule")
                r.raise_for_status()
                body = r.json()
                desk.set_schedule(body.get("calendars") or (), body.get("hours"))
                desk.set_sync_meta(SCHEDULE_ETAG, r.headers["ETag"].strip('"'))
                r = api.request("GET", "/directory")
                r.raise_for_status()
                desk.set_directory(r.json()["users"])
                desk.set_sync_meta(DIRECTORY_ETAG, r.headers["ETag"].strip('"'))
                with desk.store.write() as conn:      # every copy gets its own device id
                    conn.exec_driver_sql("DELETE FROM meta WHERE key = 'device_id'")
            finally:
                desk.close()
                api.session.close()
            self._template_desk = path
        return self._template_desk

    def new_desk_file(self, server: RunningServer, dst: Path) -> Path:
        copy_sqlite(self.desk_template(server), dst)
        return dst

    def close(self) -> None:
        if self.own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)
