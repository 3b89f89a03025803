"""Real desks against the real central API over loopback HTTP (on PostgreSQL when
HALLDESK_TEST_DATABASE_URL is set, SQLite otherwise): convergence, conflicts, rejected
ops, parking on 426, re-snapshots, tombstones, and the ``halldesk`` sync commands."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from core.tickets import EventType
from desktop.cli import main as cli
from server import admin
from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from sync.credentials import MemoryKeyring
from sync.desk import Desk
from sync.engine import State, SyncEngine
from sync.session import Session
from tests.conftest import intake_form

pytestmark = pytest.mark.e2e
PASSWORD = "demo-2026"


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@pytest.fixture
def hall(central, tmp_path):
    """``hall("a", "SQ01")`` -> a desk file signed in at that station, and its engine."""
    opened = []

    def make(name, station, user="demo.clerk"):
        desk = Desk.open(tmp_path / f"{name}.sqlite3")
        session = Session(desk, central.url)
        session.login(user, PASSWORD, station)
        engine = SyncEngine(desk, session.client)
        opened.append((desk, engine))
        return desk, engine

    yield make
    for desk, engine in opened:
        engine.stop()
        desk.close()


def synced(engine):
    report = engine.sync_once()
    assert report is not None and report.ok, report
    return report


def timeline(desk, tid):
    return [(e.type.value, e.station) for e, _ in desk.request(tid).events]


def test_two_desks_work_offline_then_converge_with_server_numbers(hall):
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    for engine in (engine_a, engine_b):
        engine.set_offline(True)                    # the hall's network is down
    a1, _ = a.record_intake(intake_form())
    a.dispatch(a1, "u-scjg", "请联系企业")
    a.record_contact(a1, "登记注册科", "王科长")
    a2, _ = a.record_intake(intake_form(type="consultation", topic="tax"), then=[
        (EventType.ANSWERED, {"answer": "可在电子税务局办理", "source": "clerk"})])
    b1, _ = b.record_intake(intake_form(credit_code=None, enterprise_name="中山市石岐某某餐饮店",
                                        contact_phone="0760-88886666", topic="financing"))
    b.add_note(b1, "企业将补充材料")
    assert engine_a.sync_once().error == "work_offline"
    assert a.request_page()[0].number is None              # local numbers until synced
    for engine in (engine_a, engine_b):
        engine.set_offline(False)
    first = synced(engine_a)
    assert first.applied == first.pushed == 6 and first.rejected == 0   # 5 + its enterprise
    synced(engine_b)
    last = synced(engine_a)
    assert last.checksum_ok and last.pulled_rows >= 1
    for desk in (a, b):
        rows = {r.id: r for r in desk.request_page()}
        assert set(rows) == {a1, a2, b1}
        assert all(r.number and r.number != r.local_number and r.pending == 0
                   for r in rows.values())
    for tid in (a1, a2, b1):
        assert timeline(a, tid) == timeline(b, tid)
        ra, rb = a.request(tid).header, b.request(tid).header
        for col in ("number", "status", "version", "next_due", "contact_due", "local_number"):
            assert ra[col] == rb[col], col
    assert timeline(b, a1) == [("created", "SQ01"), ("dispatched", "SQ01"),
                               ("contacted", "SQ01")]
    assert b.request(b1).header["local_number"] == "SQ02-00001"
    assert a.checksums() == b.checksums()
    assert a.outbox_counts() == b.outbox_counts() == {"pending": 0, "parked": 0, "rejected": 0}


def test_same_field_edits_from_two_desks_are_merged_and_the_conflict_recorded(hall, central):
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    tid, _ = a.record_intake(intake_form())
    synced(engine_a)
    synced(engine_b)
    a.edit_request(tid, {"contact_name": "陈晓明", "description": "A 更新的诉求内容"})
    b.edit_request(tid, {"contact_name": "陈小敏"})
    b.edit_request(tid, {"contact_phone": "0760-88886666"})    # another field: merges
    synced(engine_a)
    report = synced(engine_b)
    assert report.conflicts == 1
    (conflict,) = b.conflicts(tid)
    assert conflict["field"] == "contact_name" and conflict["kept"] == "陈小敏"
    assert conflict["overwritten"] == "陈晓明"
    synced(engine_a)
    for desk in (a, b):                          # arrival order: B's name, A's description
        header = desk.request(tid).header
        assert header["contact_name"] == "陈小敏"
        assert header["description"] == "A 更新的诉求内容"
        assert header["contact_phone"] == "0760-88886666"
    supervisor = central.client()
    supervisor.login("demo.supervisor", PASSWORD, "ZS01")
    listed = supervisor.request("GET", "/conflicts").json()["conflicts"]
    assert [(c["ticket_id"], c["field"], c["kept"], c["overwritten"]) for c in listed] == [
        (tid, "contact_name", "陈小敏", "陈晓明")]


def test_an_invalid_transition_needs_attention_and_later_ops_go_through(hall, capsys):
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    tid, _ = a.record_intake(intake_form())
    synced(engine_a)
    synced(engine_b)
    b.answer_immediately(tid, "已答复企业", source="clerk")
    synced(engine_b)
    a.dispatch(tid, "u-scjg")                     # stale: the server has it answered
    other, _ = a.record_intake(intake_form(topic="tax"))
    a.add_note(tid, "已与企业沟通")
    report = engine_a.sync_once()
    assert report.state is State.NEEDS_ATTENTION and report.rejected == 1
    assert report.applied == 2
    assert a.request(other).header["number"]
    assert timeline(a, tid) == [("created", "SQ01"), ("answered", "SQ02"), ("note", "SQ01")]
    assert cli(["outbox", "--desk", str(a.store.path)]) == 0
    out = capsys.readouterr().out
    assert "需处理 1" in out and "转办" in out and "不能执行" in out and "invalid_transition" in out
    assert cli(["outbox", "--desk", str(a.store.path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [o["reason"]["code"] for o in listed["ops"]] == ["invalid_transition"]


def test_an_upgrade_required_server_parks_the_outbox(hall, monkeypatch, capsys):
    import server.middleware
    a, engine_a = hall("a", "SQ01")
    a.record_intake(intake_form())
    monkeypatch.setattr(server.middleware, "MIN_PROTOCOL_VERSION", 2)
    assert cli(["sync", "--once", "--desk", str(a.store.path)]) == 1
    out = capsys.readouterr()
    assert "upgrade_required" in out.out and "升级" in out.err
    assert a.outbox_counts() == {"pending": 0, "parked": 2, "rejected": 0}
    assert cli(["outbox", "--desk", str(a.store.path)]) == 0
    assert "暂存 2" in capsys.readouterr().out
    assert engine_a.sync_once().state is State.UPGRADE_REQUIRED


def test_a_resnapshot_after_410_keeps_the_outbox(hall, central):
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    keep, _ = a.record_intake(intake_form())
    gone, _ = a.record_intake(intake_form(topic="tax"))
    synced(engine_a)
    synced(engine_b)
    with central.db().write() as conn:           # an administrator deletes a request, and
        admin.delete_request(conn, gone, who="admin")   # months later the tombstones go
        admin.purge_tombstones(conn, 0, now=dt.datetime.now(dt.timezone.utc)
                               + dt.timedelta(days=1))
    b.add_note(keep, "重新下载期间记录的备注")       # pending through the re-snapshot ...
    during = []

    def work_meanwhile(status):                   # ... and the clerk keeps working during it
        if status.progress.phase == "snapshot" and not during:
            during.append(b.record_intake(intake_form(topic="financing"))[0])

    engine_b.add_listener(work_meanwhile)
    report = engine_b.sync_once()
    assert report.resnapshot == "cursor_expired" and report.ok and report.checksum_ok
    assert report.applied == 1 and report.deleted >= 1
    assert {r.id for r in b.request_page()} == {keep, during[0]}
    assert timeline(b, keep)[-1] == ("note", "SQ02")
    # what the clerk recorded meanwhile is kept (not swept), on its local number
    assert [(o.kind, o.entity_id) for o in b.outbox_entries()] == [("ticket.create", during[0])]
    assert b.request(during[0]).header["number"] is None
    synced(engine_b)
    assert b.outbox_counts()["pending"] == 0 and b.request(during[0]).header["number"]
    synced(engine_a)
    assert {r.id for r in a.request_page()} == {keep, during[0]}   # the tombstone, pulled


def test_a_deleted_request_leaves_every_desk_and_a_late_op_needs_attention(hall, central):
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    one, _ = a.record_intake(intake_form())
    two, _ = a.record_intake(intake_form(topic="tax"))
    synced(engine_a)
    synced(engine_b)
    with central.db().write() as conn:
        admin.delete_request(conn, one, who="admin", reason="重复登记")
        admin.delete_request(conn, two, who="admin", reason="重复登记")
    engine_b.set_offline(True)
    b.add_note(two, "企业来电补充")               # B still has an op for the second one
    engine_b.set_offline(False)
    report = synced(engine_a)
    assert report.deleted == 2 and a.request_page() == []
    report = engine_b.sync_once()                 # the note is rejected: no such request
    assert report.state is State.NEEDS_ATTENTION and report.rejected == 1
    assert [r.id for r in b.request_page()] == []
    (item,) = b.needs_attention()
    assert item.kind == "ticket.event" and item.reason["code"] == "unknown_request"
    assert a.checksums() == b.checksums()


def test_a_push_over_the_servers_body_limit_is_split(central_factory, tmp_path):
    server = central_factory(settings={"max_body_bytes": 8000})
    desk = Desk.open(tmp_path / "desk.sqlite3")
    session = Session(desk, server.url)
    session.login("demo.clerk", PASSWORD, "SQ01")
    engine = SyncEngine(desk, session.client)
    for i in range(6):
        desk.record_intake(intake_form(credit_code=None, enterprise_name=f"中山市第{i}号企业",
                                       description="企业反映的情况较为复杂。" * 60))
    report = engine.sync_once()
    assert report.ok and report.applied == 6 and report.pushed == 6
    assert desk.outbox_counts()["pending"] == 0
    engine.stop()
    desk.close()


def test_a_server_missing_acknowledged_ops_blocks_the_push_not_the_pull(hall, tmp_path):
    """The server's database was restored from an older backup: it expects seqs this
    desk no longer holds. Nothing is dropped; the push waits (needs attention) while
    other desks' requests still come in."""
    import sqlite3
    a, engine_a = hall("a", "SQ01")
    b, engine_b = hall("b", "SQ02")
    theirs, _ = b.record_intake(intake_form())
    synced(engine_b)
    a.record_intake(intake_form(topic="tax"))
    conn = sqlite3.connect(a.store.path)
    with conn:
        conn.execute("DELETE FROM outbox WHERE seq = 1")     # as if acknowledged earlier
    conn.close()
    report = engine_a.sync_once()
    assert report.state is State.NEEDS_ATTENTION and report.error == "seq_gap"
    assert "联系管理员" in report.message_zh and report.pushed == 0
    assert [r.id for r in a.request_page() if r.number] == [theirs]     # pulled anyway
    assert a.outbox_counts() == {"pending": 1, "parked": 0, "rejected": 0}


def test_the_sync_commands(central, tmp_path, monkeypatch, capsys):
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert cli(["login", "--server", central.url, "--user", "demo.clerk", "--station", "SQ01",
                "--password-stdin", "--desk", str(path)]) == 1
    assert "bad_credentials" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli(["login", "--server", central.url, "--user", "demo.clerk", "--station", "SQ01",
                "--password-stdin", "--desk", str(path)]) == 0
    assert "已登录" in capsys.readouterr().out
    with Desk.open(path) as desk:
        desk.record_intake(intake_form())
    assert cli(["sync", "--once", "--desk", str(path)]) == 0
    out = capsys.readouterr().out
    assert "推送 2 项：接受 2，拒绝 0" in out and "校验 一致" in out and "目录已更新" in out
    assert cli(["sync", "--once", "--desk", str(path), "--json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pushed"] == 0 and report["checksum_ok"] is True and report["state"] == "online"
    assert cli(["sync", "--desk", str(path)]) == 2


def test_timelines_name_people_from_the_central_directory(central, tmp_path):
    """The desk learns who the user names are at its sync, keeps them offline, and picks
    up an account added later at the next reference check."""
    desk = Desk.open(tmp_path / "names.sqlite3")
    session = Session(desk, central.url)
    session.login("demo.clerk", PASSWORD, "SQ01")
    engine = SyncEngine(desk, session.client, reference_every=0)
    try:
        assert desk.display_name("demo.navigator") == "demo.navigator"   # not yet known
        synced(engine)
        assert desk.display_name("demo.navigator") == "周文静"
        assert desk.display_name("demo.clerk") == "林晓敏"
        with central.db().write() as conn:
            admin.add_user(conn, "clerk.c", "clerk", "shiqi", "a-long-password",
                           display="黄嘉怡", profile="fast")
        synced(engine)
        assert desk.display_name("clerk.c") == "黄嘉怡"
    finally:
        engine.stop()
        desk.close()
    again = Desk.open(tmp_path / "names.sqlite3")        # offline, reopened: still named
    try:
        assert again.display_name("clerk.c") == "黄嘉怡"
        assert again.display_name("someone.new") == "someone.new"
    finally:
        again.close()
