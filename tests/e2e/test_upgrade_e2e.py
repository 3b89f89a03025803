"""A desk on the previous schema (0001) with pending ops is upgraded by this build
(backup taken, migrated) and syncs with the real central API: every op lands exactly
once, even when the pre-upgrade backup is restored and synced again."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter

import pytest

from core.textsearch import index_terms
from core.tickets import Role
from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from sync import migrate
from sync.credentials import MemoryKeyring
from sync.desk import Actor, Desk, Station
from sync.engine import SyncEngine
from sync.session import Session
from sync.store import SCHEMA_HEAD, inspect_revision
from tests.conftest import intake_form

pytestmark = pytest.mark.e2e
TABLES = ("meta", "enterprises", "tickets", "ticket_events", "outbox")


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


def columns(conn, table):
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def old_desk(tmp_path, clock):
    """A desk file at revision 0001 holding a day's offline work, written as the 0001
    desk wrote it: the rows a desk records, restricted to the 0001 tables and columns."""
    path = tmp_path / "desk.sqlite3"
    migrate.upgrade(path, "0001")
    scratch = Desk.open(tmp_path / "scratch.sqlite3", station=Station("SQ01", "shiqi"),
                        actor=Actor("demo.clerk", Role.CLERK, "林晓敏"), clock=clock)
    clock.set("2026-11-24T09:00")
    a, _ = scratch.record_intake(intake_form())
    clock.set("2026-11-24T09:20")
    scratch.dispatch(a, "u-scjg", "请联系企业核实")
    clock.set("2026-11-24T09:40")
    scratch.edit_request(a, {"contact_phone": "0760-88886666"})
    b, _ = scratch.record_intake(intake_form(type="consultation", topic="tax", credit_code=None,
                                             enterprise_name="中山市石岐某某餐饮店"))
    scratch.answer_immediately(b, "可在电子税务局办理", source="clerk")
    clock.set("2026-11-24T10:00")
    scratch.record_contact(a, "登记注册科", "王科长")
    scratch.close()
    src = sqlite3.connect(tmp_path / "scratch.sqlite3")
    dst = sqlite3.connect(path)
    for table in TABLES:
        cols = [c for c in columns(src, table) if c in columns(dst, table)]
        rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        dst.executemany(f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})", rows)
    for pk, name, code in dst.execute("SELECT pk, name, credit_code FROM enterprises").fetchall():
        dst.execute("INSERT INTO enterprises_fts (rowid, terms) VALUES (?, ?)",
                    (pk, index_terms(f"{name} {code}", initials_of=name)))
    dst.execute("UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM outbox) "
                "WHERE name = 'outbox'")
    dst.commit()
    ops = dst.execute("SELECT seq, kind FROM outbox ORDER BY seq").fetchall()
    src.close()
    dst.close()
    assert inspect_revision(path) == "0001"
    return path, ops


def server_docs(central):
    supervisor = central.client()
    supervisor.login("demo.supervisor", "demo-2026", "ZS01")
    return {c["id"]: c["doc"] for page in supervisor.pull_all()
            for c in page["changes"] if c["entity"] == "ticket"}


def sync_desk(central, path):
    desk = Desk.open(path)
    session = Session(desk, central.url)
    session.login("demo.clerk", "demo-2026", "SQ01")
    engine = SyncEngine(desk, session.client)
    try:
        report = engine.sync_once()
        return desk, report
    finally:
        engine.stop()


def test_a_0001_desk_with_pending_ops_upgrades_and_syncs_with_none_lost(central, tmp_path, clock):
    path, ops = old_desk(tmp_path, clock)
    assert [k for _, k in ops] == ["enterprise.upsert", "ticket.create", "ticket.event",
                                   "ticket.edit", "ticket.create", "ticket.event",
                                   "ticket.event"]
    old = sqlite3.connect(path)
    before = {t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    old.close()

    desk, report = sync_desk(central, path)
    try:
        assert inspect_revision(path) == SCHEMA_HEAD
        (backup,) = tmp_path.glob("desk.sqlite3.bak-0001-*")
        assert inspect_revision(backup) == "0001"
        assert report.ok and report.checksum_ok
        assert report.pushed == report.applied == len(ops) and report.rejected == 0
        assert report.conflicts == 0          # its own edit of its own new request
        assert desk.outbox_counts() == {"pending": 0, "parked": 0, "rejected": 0}
        rows = {r.local_number: r for r in desk.request_page()}
        assert set(rows) == {"SQ01-00001", "SQ01-00002"}
        assert all(r.number and r.pending == 0 for r in rows.values())
        assert rows["SQ01-00001"].status == "dispatched"
        assert rows["SQ01-00001"].contact_phone == "0760-88886666"
    finally:
        desk.close()
    docs = server_docs(central)
    events = Counter(e["id"] for d in docs.values() for e in d["events"])
    assert len(docs) == 2 and set(events.values()) == {1}       # every event exactly once
    assert sum(events.values()) == before["ticket_events"] == 5

    # The clerk restores the pre-upgrade backup and syncs it again: the same device and
    # seqs, so every op is a replay; nothing lands twice.
    restored = tmp_path / "restored.sqlite3"
    shutil.copy(backup, restored)
    again, report = sync_desk(central, restored)
    try:
        assert report.ok and report.replayed == report.applied == len(ops)
        assert again.outbox_counts()["pending"] == 0
    finally:
        again.close()
    docs_after = server_docs(central)
    assert docs_after.keys() == docs.keys()
    assert Counter(e["id"] for d in docs_after.values() for e in d["events"]) == events
    assert {d["version"] for d in docs_after.values()} == {d["version"] for d in docs.values()}
