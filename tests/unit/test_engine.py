"""The sync engine's state machine, against the real central API (only the clock and the
keyring are ours): back-off, one cycle at a time, parking on 426, needs-attention on a
rejected op, the clock-skew warning, signing out and back in, working offline."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest

from core.tickets import EventType
from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from server.testing import free_port
from sync import engine as engine_mod
from sync.client import CentralClient
from sync.credentials import MemoryKeyring
from sync.desk import Desk
from sync.engine import Backoff, State, SyncEngine
from sync.session import Session
from sync.store import SCHEMA_HEAD
from tests.conftest import intake_form

PASSWORD = "demo-2026"


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


class Desks:
    """Desks signed in to one server, closed after the test."""

    def __init__(self, server, tmp_path):
        self.server, self.tmp_path, self.open = server, tmp_path, []

    def __call__(self, name="a", station="SQ01", user="demo.clerk", **engine_kw):
        desk = Desk.open(self.tmp_path / f"{name}.sqlite3")
        session = Session(desk, self.server.url)
        session.login(user, PASSWORD, station)
        engine = SyncEngine(desk, session.client, **engine_kw)
        self.open.append((desk, engine))
        return desk, engine

    def close(self):
        for desk, engine in self.open:
            engine.stop()
            desk.close()


@pytest.fixture
def desks(central, tmp_path):
    made = Desks(central, tmp_path)
    yield made
    made.close()


# -- back-off ----------------------------------------------------------------------------

def test_backoff_is_exponential_with_full_jitter_capped_at_60_seconds():
    rng = random.Random(3)
    backoff = Backoff(rng=rng)
    ceilings, delays = [], []
    for _ in range(12):
        ceilings.append(backoff.ceiling())
        delays.append(backoff.next())
    assert ceilings == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings))
    assert len(set(delays)) == len(delays)                  # jittered, not fixed steps
    many = [Backoff(rng=random.Random(i)) for i in range(200)]
    sixth = [b.next() for b in many for _ in range(7)][6::7]
    assert max(sixth) <= 60 and min(sixth) < 10             # full jitter: anywhere below the cap
    backoff.reset()
    assert backoff.ceiling() == 1


def test_offline_retries_back_off_on_the_engines_own_timer(tmp_path, clock):
    """No server on the port: every cycle fails, and the loop retries by itself (no new
    write wakes it) after delays within [0, min(60, 2**n)]."""
    desk = Desk.open(tmp_path / "desk.sqlite3")
    client = CentralClient(f"http://127.0.0.1:{free_port()}", desk.device_id, SCHEMA_HEAD,
                           timeout=(0.5, 1))
    client._access, client._access_until = "x" * 20, float("inf")     # as if signed in
    slept, statuses = [], []
    engine = SyncEngine(desk, client, rng=random.Random(1), sleep=slept.append, clock=clock)
    engine.add_listener(statuses.append)
    engine.run(max_rounds=9)
    assert len(slept) == 9
    for n, delay in enumerate(slept):
        assert 0 <= delay <= min(60, 2 ** n)
    assert engine.status.state is State.OFFLINE and engine.status.error == "offline"
    assert any(s.retry_in is not None for s in statuses)
    assert "离线" in engine.status.message_zh
    desk.close()


def test_after_a_success_the_loop_waits_the_interval_and_resets_the_backoff(desks):
    desk, engine = desks(interval=45.0)
    slept = []
    engine._sleep = slept.append
    engine.backoff.attempt = 5
    desk.record_intake(intake_form())
    engine.run(max_rounds=2)
    assert slept == [45.0, 45.0] and engine.backoff.attempt == 0
    assert engine.status.state is State.ONLINE and engine.status.pending == 0


# -- one cycle at a time -----------------------------------------------------------------

def test_a_second_request_while_a_cycle_runs_only_marks_run_again(desks):
    desk, engine = desks()
    desk.record_intake(intake_form())
    phases, answers = [], []

    def listener(status):
        phases.append(status.progress.phase)
        if status.progress.phase == "push" and len(answers) == 0:
            # another thread (a new write, the clerk's button) asks for a sync now
            t = threading.Thread(target=lambda: answers.append(engine.sync_once()))
            t.start()
            t.join()
            answers.append(engine.sync_once())      # and this very thread, too

    engine.add_listener(listener)
    report = engine.sync_once()
    assert answers == [None, None]                 # neither ran a cycle of its own
    assert report.ok and report.applied == 0       # the cycle ran again: the last one's report
    assert phases.count("push") >= 2 and phases[-1] == ""
    assert engine.status.state is State.ONLINE and desk.outbox_counts()["pending"] == 0


# -- 426: park the outbox ----------------------------------------------------------------

def test_upgrade_required_parks_the_outbox_until_the_desk_is_updated(desks, monkeypatch):
    import server.middleware
    desk, engine = desks()
    tid, _ = desk.record_intake(intake_form())
    desk.dispatch(tid, "u-scjg")
    monkeypatch.setattr(server.middleware, "MIN_PROTOCOL_VERSION", 2)
    report = engine.sync_once()
    assert report.state is State.UPGRADE_REQUIRED and report.error == "upgrade_required"
    assert desk.outbox_counts() == {"pending": 0, "parked": 3, "rejected": 0}
    assert engine.status.pending == 3 and engine.status.parked == 3
    assert "升级" in engine.status.message_zh
    # the server is fine again, but this build stays parked: no retry until updated
    monkeypatch.setattr(server.middleware, "MIN_PROTOCOL_VERSION", 1)
    assert engine.sync_once().state is State.UPGRADE_REQUIRED
    slept = []
    engine._sleep = slept.append
    engine.run(max_rounds=2)
    assert slept == [None, None]                   # idle: waits to be woken, no timer
    again = SyncEngine(desk, engine.client)         # the desk restarted, same build
    assert again.status.state is State.UPGRADE_REQUIRED
    # updated: a new build pushes every parked op, none lost
    monkeypatch.setattr(engine_mod, "build", lambda: "halldesk/9.9 protocol 2 schema 0003")
    report = again.sync_once()
    assert report.state is State.ONLINE and report.applied == 3
    assert desk.outbox_counts() == {"pending": 0, "parked": 0, "rejected": 0}
    assert desk.request(tid).header["number"]


# -- needs attention ---------------------------------------------------------------------

def test_a_rejected_op_needs_attention_and_the_ops_behind_it_go_through(desks):
    a, engine_a = desks("a", "SQ01")
    b, engine_b = desks("b", "SQ02")
    tid, _ = a.record_intake(intake_form())
    assert engine_a.sync_once().ok
    assert engine_b.sync_once().ok
    b.answer_immediately(tid, "可在网上办理", source="clerk")      # B closes it as answered
    assert engine_b.sync_once().ok
    a.dispatch(tid, "u-scjg")                                     # A, not knowing, dispatches
    a.add_note(tid, "已电话告知企业")                                # and notes it
    report = engine_a.sync_once()
    assert report.state is State.NEEDS_ATTENTION and report.rejected == 1
    assert report.applied == 1 and report.error is None
    (item,) = a.needs_attention()
    assert item.reason["code"] == "invalid_transition" and "不能执行" in item.reason_zh
    assert engine_a.status.needs_attention == 1 and engine_a.status.pending == 0
    detail = a.request(tid)
    assert [e.type for e, _ in detail.events] == [EventType.CREATED, EventType.ANSWERED,
                                                  EventType.NOTE]
    # the list stays visible until a supervisor dismisses it; syncing goes on meanwhile
    assert engine_a.sync_once().state is State.NEEDS_ATTENTION
    a.dismiss_rejected(item.seq)
    assert engine_a.sync_once().state is State.ONLINE


# -- clock skew, sign-out, work offline --------------------------------------------------

def test_a_desk_clock_ten_minutes_slow_is_warned_about(central, tmp_path):
    desk = Desk.open(tmp_path / "desk.sqlite3")

    def slow():
        return dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)

    session = Session(desk, central.url, clock=slow)
    session.login("demo.clerk", PASSWORD, "SQ01")
    engine = SyncEngine(desk, session.client)
    report = engine.sync_once()
    assert report.ok and 590 < report.clock_skew < 610
    assert engine.status.clock_skew_warning
    right = Session(desk, central.url)            # a desk whose clock is right: no warning
    engine = SyncEngine(desk, right.client)
    assert engine.sync_once().ok and abs(engine.status.clock_skew_seconds) < 5
    assert not engine.status.clock_skew_warning
    desk.close()


def test_a_refused_session_signs_out_keeps_the_outbox_and_resumes_after_sign_in(central,
                                                                               tmp_path):
    desk = Desk.open(tmp_path / "desk.sqlite3")
    session = Session(desk, central.url)
    session.login("demo.clerk", PASSWORD, "SQ01")
    slept = []
    engine = SyncEngine(desk, session.client, sleep=slept.append)
    tid, _ = desk.record_intake(intake_form())
    MemoryKeyring.clear()                       # the refresh token is gone (revoked, expired)
    session.client._access = None
    report = engine.sync_once()
    assert report.state is State.SIGNED_OUT and desk.outbox_counts()["pending"] == 2
    assert engine.status.message_zh == "登录已过期，请重新登录"
    engine.run(max_rounds=1)
    assert slept == [None]                      # waits for the clerk, not on a timer
    assert session.known_station and not session.has_token   # opens offline, no dialog
    session.login("demo.clerk", PASSWORD, "SQ01")      # the login dialog, same session
    engine.wake()
    engine.run(max_rounds=2)
    assert engine.status.state is State.ONLINE and desk.outbox_counts()["pending"] == 0
    assert desk.request(tid).header["number"]
    desk.close()


def test_work_offline_switch(desks):
    desk, engine = desks()
    seen = []
    engine.add_listener(seen.append)
    engine.set_offline(True)
    desk.record_intake(intake_form())
    report = engine.sync_once()
    assert report.state is State.OFFLINE and report.error == "work_offline"
    assert desk.outbox_counts()["pending"] == 2 and seen[-1].work_offline
    engine.set_offline(False)
    assert engine.sync_once().state is State.ONLINE
    assert desk.outbox_counts()["pending"] == 0
