"""Demo mode's local central server: `halldesk-central` on SQLite in the desk's data
directory, seeded with the sample catalogue and the demo accounts, run as a child
process for as long as the desk is open.

The demo desk and the demo server are created together and kept together: if either
file is missing, both start afresh (a desk that synced with a server that no longer
exists would only show refusals).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from sync.protocol import API_PREFIX, PROTOCOL_VERSION, Headers

DEMO_PORT = 8750
DEMO_USER, DEMO_PASSWORD, DEMO_STATION = "demo.clerk", "demo-2026", "SQ01"


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DemoCentral:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.database = data_dir / "demo-central.sqlite3"
        self.desk_file = data_dir / "demo.sqlite3"
        self.url = ""
        self.process: subprocess.Popen[bytes] | None = None

    def _cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "server.cli", "--database-url",
                f"sqlite:///{self.database}", *args]

    def prepare(self) -> bool:
        """Create the demo server's database if needed; True when both start afresh."""
        if self.database.exists() and self.desk_file.exists():
            return False
        for path in self.data_dir.glob("demo*.sqlite3*"):
            path.unlink()
        subprocess.run(self._cli("seed-demo"), check=True, capture_output=True)
        return True

    def start(self, timeout: float = 30.0) -> str:
        port = DEMO_PORT if _free(DEMO_PORT) else _free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = open(self.data_dir / "demo-central.log", "ab")  # noqa: SIM115 - lives with it
        self.process = subprocess.Popen(
            self._cli("serve", "--host", "127.0.0.1", "--port", str(port)),
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the demo central server stopped; see {log.name}")
            try:
                requests.get(f"{self.url}{API_PREFIX}/time", timeout=1,
                             headers={Headers.PROTOCOL: str(PROTOCOL_VERSION)})
                return self.url
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the demo central server did not start in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
