"""The real central API in a background thread, for end-to-end tests.

``start_server()`` migrates the database, seeds the demo data (sample catalogue, a
station per counter, the demo accounts with password ``demo-2026``), and serves the real
app under uvicorn on 127.0.0.1 with a free port, over real HTTP::

    server = start_server()                  # a temporary SQLite file
    server = start_server("postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dt1")
    server.url                               # http://127.0.0.1:PORT
    server.restart()                         # same port, same database
    server.stop()

``ApiClient`` is a thin ``requests`` client that speaks the protocol (headers, login,
push, pull), for tests that want the server without a desk.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
import requests
import uvicorn

from server import admin
from server.app import create_app
from server.config import Settings
from server.db import Database
from server.migrate import upgrade
from server.transport import http_protocol
from sync.protocol import API_PREFIX, PROTOCOL_VERSION, Headers

TEST_SETTINGS = {"argon2_profile": "fast", "sqlite_synchronous": "NORMAL"}
STARTUP_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server(uvicorn.Server):
    """uvicorn's server, checking for a stop every 10 ms instead of 100 (tests stop a lot)."""

    async def main_loop(self) -> None:
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            await asyncio.sleep(0.01)
            should_exit = await self.on_tick(counter)


class RunningServer:
    """The central API serving one database on a loopback port."""

    def __init__(self, settings: Settings, port: int, tmpdir: str | None = None):
        self.settings = settings
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.database_url = settings.database_url
        self._tmpdir = tmpdir
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app: Any = None

    def _start(self) -> None:
        self.app = create_app(self.settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                access_log=False, lifespan="on", timeout_graceful_shutdown=2,
                                timeout_keep_alive=30, http=http_protocol())
        server = _Server(config)
        thread = threading.Thread(target=server.run, name=f"central:{self.port}", daemon=True)
        thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the central API did not start on port {self.port}")
            time.sleep(0.01)
        self._server, self._thread = server, thread

    def stop(self) -> None:
        """Stop serving (the database is kept; a temporary SQLite directory is removed)."""
        self._halt()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def _halt(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
            self._server = self._thread = None
        if self.app is not None:
            self.app.state.db.dispose()

    def restart(self) -> None:
        """Stop and start again on the same port and database (connections drop)."""
        self._halt()
        for attempt in range(50):
            try:
                self._start()
                return
            except (OSError, RuntimeError):
                if attempt == 49:
                    raise
                time.sleep(0.1)

    @property
    def running(self) -> bool:
        return self._server is not None

    def db(self) -> Database:
        """The server's database (for checks a test makes directly)."""
        return self.app.state.db

    def client(self, device_id: str | None = None) -> ApiClient:
        return ApiClient(self.url, device_id or str(uuid.uuid4()))

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def prepare_database(url: str, *, seed_demo: bool = True, profile: str = "fast") -> None:
    upgrade(url)
    if seed_demo:
        db = Database(url)
        try:
            with db.write() as conn:
                admin.seed_demo(conn, profile=profile)
        finally:
            db.dispose()


def start_server(database_url: str | None = None, *, seed_demo: bool = True,
                 settings: dict[str, Any] | None = None) -> RunningServer:
    """Migrate (and seed) the database, then serve it on a free loopback port."""
    tmpdir = None
    if database_url is None:
        tmpdir = tempfile.mkdtemp(prefix="halldesk-central-")
        database_url = f"sqlite:///{tmpdir}/central.sqlite3"
    values = {**TEST_SETTINGS, **(settings or {}), "database_url": database_url}
    config = Settings(**values)
    prepare_database(database_url, seed_demo=seed_demo, profile=config.argon2_profile)
    server = RunningServer(config, free_port(), tmpdir)
    server.restart()
    return server


# -- a protocol-speaking client for tests ------------------------------------------------------

@dataclass
class ApiClient:
    url: str
    device_id: str
    schema: str = "0001"
    protocol: int = PROTOCOL_VERSION
    session: requests.Session = field(default_factory=requests.Session)
    access_token: str | None = None
    refresh_token: str | None = None
    tokens: dict[str, Any] | None = None
    seq: int = 0

    def headers(self, **extra: str) -> dict[str, str]:
        out = {Headers.PROTOCOL: str(self.protocol), Headers.SCHEMA: self.schema,
               Headers.DEVICE: self.device_id, Headers.CLIENT: "halldesk-tests/0"}
        if self.access_token:
            out["Authorization"] = f"Bearer {self.access_token}"
        out.update(extra)
        return out

    def request(self, method: str, path: str, *, json: Any = None, data: bytes | None = None,
                gzip_body: bool = False, headers: dict[str, str] | None = None,
                **kw: Any) -> requests.Response:
        hdrs = self.headers(**(headers or {}))
        body = data
        if json is not None:
            body = orjson.dumps(json)
            hdrs.setdefault("Content-Type", "application/json")
        if gzip_body and body is not None:
            body = gzip.compress(body)
            hdrs["Content-Encoding"] = "gzip"
        if path.startswith("http"):
            full = path
        elif path.startswith(("/api/", "/open311/", "/healthz", "/openapi", "/docs")):
            full = self.url + path
        else:
            full = self.url + API_PREFIX + path
        return self.session.request(method, full, data=body, headers=hdrs, timeout=30, **kw)

    def login(self, username: str = "demo.clerk", password: str = "demo-2026",
              station: str = "SQ01") -> dict[str, Any]:
        r = self.request("POST", "/auth/login", json={
            "username": username, "password": password, "station_id": station,
            "device_id": self.device_id})
        r.raise_for_status()
        self.tokens = r.json()
        self.access_token = self.tokens["access_token"]
        self.refresh_token = self.tokens["refresh_token"]
        return self.tokens

    def op(self, kind: str, entity_id: str, payload: dict[str, Any],
           base_version: int = 0) -> dict[str, Any]:
        """A new op with this client's next seq."""
        self.seq += 1
        return {"op_id": str(uuid.uuid4()), "seq": self.seq, "kind": kind,
                "entity_id": entity_id, "base_version": base_version, "payload": payload,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat()}

    def push(self, ops: list[dict[str, Any]], **kw: Any) -> requests.Response:
        return self.request("POST", "/sync/push", json={"device_id": self.device_id,
                                                        "ops": ops}, **kw)

    def pull(self, since: str | int = 0, limit: int | None = None) -> requests.Response:
        params: dict[str, Any] = {"since": str(since)}
        if limit is not None:
            params["limit"] = limit
        return self.request("GET", "/sync/pull", params=params)

    def pull_all(self, since: str | int = 0, limit: int | None = None
                 ) -> Iterator[dict[str, Any]]:
        """Every page from ``since`` until drained."""
        cursor = str(since)
        while True:
            r = self.pull(cursor, limit)
            r.raise_for_status()
            page = r.json()
            yield page
            cursor = page["cursor"]
            if not page["has_more"]:
                return
