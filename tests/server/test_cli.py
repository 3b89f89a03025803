"""``halldesk-central``'s admin commands, run in-process against a real database."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, update

from core.catalogue import load_catalogue
from server import cli
from server.models import feed_totals, stations, users
from server.testing import ApiClient, free_port, prepare_database
from tests.server.helpers import create_ticket, signed_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url(central_database_url, monkeypatch):
    monkeypatch.setenv("HALLDESK_ARGON2_PROFILE", "fast")
    return ["--database-url", central_database_url]


def run(*args: str) -> int:
    return cli.main(list(args))


def test_seed_demo_is_idempotent_and_says_demo_only(url, capsys):
    assert run("seed-demo", *url) == 0
    out = capsys.readouterr().out
    assert "demo-2026" in out and "DEMO ONLY" in out and "admin" in out
    assert run("seed-demo", *url) == 0
    assert "none (already there)" in capsys.readouterr().out


def test_add_user_checks(url, monkeypatch, capsys):
    assert run("import-catalogue", *url) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("long-enough-pw\n"))
    assert run("add-user", "li.ming", "--role", "navigator", "--town", "xiaolan",
               "--display", "李明", "--password-stdin", *url) == 0
    for args, stdin, message in [
        (("li.ming", "--role", "clerk", "--town", "shiqi"), "long-enough-pw\n", "already exists"),
        (("Bad Name", "--role", "clerk", "--town", "shiqi"), "long-enough-pw\n", "username"),
        (("x.y", "--role", "clerk", "--town", "atlantis"), "long-enough-pw\n", "town"),
        (("x.y", "--role", "clerk", "--town", "shiqi"), "short\n", "8 characters"),
        (("x.y", "--role", "clerk", "--town", "shiqi", "--display", "  "), "long-enough-pw\n",
         "the person's name"),
        (("x.y", "--role", "clerk", "--town", "shiqi", "--display", "名" * 65),
         "long-enough-pw\n", "1-64 characters"),
    ]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        assert run("add-user", *args, "--password-stdin", *url) == 1
        assert message in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("add-user", "x.y", "--role", "boss", "--town", "shiqi", *url)
    monkeypatch.setattr("sys.stdin", io.StringIO("another-password\n"))
    assert run("set-password", "li.ming", "--password-stdin", *url) == 0
    assert run("unlock-user", "li.ming", *url) == 0
    assert run("unlock-user", "nobody", *url) == 1


def test_stations_and_catalogue_errors(url, tmp_path, capsys):
    assert run("add-station", "XL09", "--town", "xiaolan", "--name", "小榄 9 号窗口", *url) == 0
    assert run("add-station", "XL09", "--town", "xiaolan", "--name", "again", *url) == 1
    assert run("add-station", "xl1", "--town", "xiaolan", "--name", "x", *url) == 1
    bad = tmp_path / "cat"
    bad.mkdir()
    (bad / "manifest.json").write_text("{", "utf-8")
    assert run("import-catalogue", str(bad), *url) == 1
    assert "manifest.json" in capsys.readouterr().err
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps({"year": 2027, "source": "x", "holidays": [{"name": "a"}]}))
    assert run("publish-calendar", str(cal), *url) == 1
    assert "holidays[0]" in capsys.readouterr().err
    assert run("set-hours", str(cal), *url) == 1
    assert run("publish-calendar", str(tmp_path / "missing.json"), *url) == 1


def test_delete_request_and_purge(central):
    clerk = signed_in(central)
    tid, _ = create_ticket(clerk)
    url = ["--database-url", central.database_url]
    assert run("delete-request", tid, "--reason", "测试", *url) == 0
    assert run("delete-request", tid, *url) == 1
    page = clerk.pull(0).json()
    assert page["changes"][0]["deleted"] is True
    assert run("purge-tombstones", "--older-than", "90", *url) == 0   # too young: kept
    assert clerk.pull(0).json()["changes"][0]["deleted"] is True


def test_backup_of_sqlite(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    prepare_database(db)
    target = tmp_path / "backup.sqlite3"
    assert run("backup", str(target), "--database-url", db) == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 5
    assert run("backup", str(target), "--database-url",
               "postgresql://nobody@127.0.0.1:1/x") == 1
    assert "pg_dump" in capsys.readouterr().err


def test_upgrade_is_idempotent(url):
    assert run("upgrade", *url) == 0
    assert run("upgrade", *url) == 0


def test_openapi_document_is_current(tmp_path):
    target = tmp_path / "openapi.json"
    assert run("openapi", str(target)) == 0
    written = json.loads(target.read_text("utf-8"))
    paths = written["paths"]
    for path in ("/api/v1/auth/login", "/api/v1/sync/push", "/api/v1/sync/pull",
                 "/api/v1/catalogue", "/open311/v2/requests.json"):
        assert path in paths
    push = paths["/api/v1/sync/push"]["post"]
    assert any(p["name"] == "X-HallDesk-Protocol" for p in push["parameters"])
    assert "PushRequest" in written["components"]["schemas"]
    committed = ROOT / "docs" / "openapi.json"
    assert json.loads(committed.read_text("utf-8")) == written, \
        "docs/openapi.json is stale: run `halldesk-central openapi docs/openapi.json`"


def test_seeded_stations_and_accounts(central):
    with central.db().read() as conn:
        ids = set(conn.execute(select(stations.c.id)).scalars())
        accounts = {r.username: (r.role, r.town) for r in conn.execute(select(users))}
    assert {"SQ01", "ZS01", "XL04", "SG03"} <= ids
    assert len(ids) == sum(len(t.stations) for t in load_catalogue().towns)
    assert accounts == {"demo.clerk": ("clerk", "shiqi"), "demo.navigator": ("navigator", "city"),
                        "demo.supervisor": ("supervisor", "city"),
                        "demo.town.supervisor": ("supervisor", "xiaolan"),
                        "admin": ("admin", "city")}


def test_check_feed_finds_and_repairs_drift(central):
    clerk = signed_in(central)
    create_ticket(clerk)
    url = ["--database-url", central.database_url]
    assert run("check-feed", *url) == 0
    with central.db().write() as conn:
        conn.execute(update(feed_totals).values(count=feed_totals.c.count + 1))
    assert run("check-feed", *url) == 1
    assert run("check-feed", "--repair", *url) == 0
    assert run("check-feed", *url) == 0
    assert clerk.pull(0).json()["checksum"]["tickets"]["count"] == 1


def test_serve_with_two_workers(tmp_path, central_database_url):
    prepare_database(central_database_url)
    port = free_port()
    env = {**os.environ, "HALLDESK_ARGON2_PROFILE": "fast"}
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "serve", "--workers", "2",
                             "--port", str(port), "--database-url", central_database_url,
                             "--log-level", "warning"], env=env, stderr=subprocess.PIPE,
                            text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:      # the sockets listen before the workers start: a request may wait
                if requests.get(base + "/healthz", timeout=10).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        clients = [ApiClient(base, f"device-{i}") for i in range(4)]
        for client in clients:
            client.login()
            assert create_ticket(client)[1]["number"]
        numbers = {c.request("GET", "/sync/pull").json()["checksum"]["tickets"]["count"]
                   for c in clients}
        assert numbers == {4}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "demo accounts exist" in err
