"""Each fault on its own, deterministically: when one of these fails, its name says which
fault broke. Each ends by settling the desks and running the whole checker
(``tests/faults/checker.py``) besides its own assertions.

The world: a fresh central server (PostgreSQL when ``HALLDESK_TEST_DATABASE_URL`` is set)
and three desks, each signed in and synced once: ``a`` (clerk, SQ01), ``b`` (clerk,
SQ02) and ``c`` (city supervisor, ZS01).
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from core.tickets import EventType
from server.models import op_results, ticket_events
from sync.engine import State
from sync.status import Backoff
from tests.faults.checker import check
from tests.faults.harness import run_schedule, settled_and_checked
from tests.faults.schedule import Step, make_schedule
from tests.faults.world import PASSWORD, ArmedFault, World

pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parents[2]


def server_results(w: World, node) -> dict[int, str]:
    """seq -> status of the ops the server holds for this desk."""
    import orjson
    with w.server.db().read() as conn:
        return {int(r.seq): orjson.loads(r.result)["status"] for r in conn.execute(
            select(op_results).where(op_results.c.device_id == node.device_id))}


def server_events(w: World, ticket_id: str) -> list[str]:
    with w.server.db().read() as conn:
        return list(conn.execute(select(ticket_events.c.type).where(
            ticket_events.c.ticket_id == ticket_id).order_by(ticket_events.c.ord)).scalars())


def pending(node) -> int:
    return node.desk.outbox_counts()["pending"]


# -- the network -----------------------------------------------------------------------------

def test_network_cut_for_a_day_the_desks_keep_working_then_converge(world):
    w = world()
    a, b, c = w.nodes
    shared = w.intake(a)
    for node in w.nodes:
        w.sync(node)
    for node in w.nodes:
        node.net_up = False
    mine = {node.index: [] for node in w.nodes}
    for round_ in range(4):                          # a day of work at three desks
        for node in w.nodes:
            tid = w.intake(node, contact_name=("王芳", "赵磊", "陈晓明", "李建华")[round_])
            mine[node.index].append(tid)
            w.event(node, tid, EventType.NOTE, {"text": f"第 {round_} 轮"})
            report = w.sync(node)
            assert report.state is State.OFFLINE and report.error == "offline"
    w.edit(b, shared, {"description": "企业补充说明了情况。"})
    w.event(c, shared, EventType.SUPERVISED, {"reply_due": "2099-01-01", "note": "请加快"})
    assert [pending(n) for n in w.nodes] == [8, 9, 9]
    for node in (c, a, b):
        node.net_up = True
    settled_and_checked(w)
    assert {r.id for r in a.desk.request_page(limit=100)} >= {shared, *mine[0], *mine[1]}


def test_a_dropped_push_answer_is_replayed_and_nothing_is_doubled(world):
    w = world()
    a = w.nodes[0]
    tid = w.intake(a)
    w.event(a, tid, EventType.DISPATCHED, {"unit_id": "u-scjg", "note": "请联系企业"})
    report = w.sync(a, "drop_push_response")
    assert report.state is State.OFFLINE
    assert sorted(server_results(w, a).values()) == ["applied"] * 3   # the server committed
    assert pending(a) == 3                                             # the desk does not know
    report = w.sync(a)
    assert report.replayed == 3 and report.applied == 3 and pending(a) == 0
    assert server_events(w, tid) == ["created", "dispatched"]
    assert w.outcome.faults["drop_push_response"] == 1
    settled_and_checked(w)


def test_a_dropped_pull_answer_leaves_the_cursor_and_the_next_pull_catches_up(world):
    w = world()
    a, b, _ = w.nodes
    tid = w.intake(b)
    w.sync(b)
    cursor = a.desk.sync_cursor()
    report = w.sync(a, "drop_pull_response")
    assert report.state is State.OFFLINE
    assert a.desk.sync_cursor() == cursor and not a.knows(tid)
    w.sync(a)
    assert a.knows(tid) and a.desk.sync_cursor() != cursor
    settled_and_checked(w)


def test_the_network_cut_mid_cycle_between_push_and_pull(world):
    """The push lands; the network goes before the pull: the desk keeps what it learned."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    theirs = [w.intake(b, contact_name=n) for n in ("王芳", "赵磊")]
    w.sync(b)
    tid = w.intake(a)
    report = w.sync(a, "drop_pull_response", nth=2)      # page 1 applied, page 2 lost
    assert report.state is State.OFFLINE and pending(a) == 0
    assert a.desk.request(tid).header["number"]          # acknowledged, numbered
    assert sum(a.knows(t) for t in theirs) == 1
    settled_and_checked(w)


# -- killing a desk mid-push -------------------------------------------------------------------

def test_a_desk_killed_as_it_sends_its_push_loses_nothing(world):
    w = world()
    a = w.nodes[0]
    tid = w.intake(a)
    assert w.sync(a, "kill_push_before_send") is None     # died; reopened from its file
    assert a.lives == 2 and server_results(w, a) == {}
    assert pending(a) == 2 and a.desk.request(tid).header["number"] is None
    report = w.sync(a)
    assert report.applied == 2 and report.replayed == 0
    settled_and_checked(w)


def test_a_desk_killed_after_the_server_committed_its_push_replays_on_restart(world):
    w = world(batch=2)
    a = w.nodes[0]
    tid = w.intake(a)
    for kind in (EventType.DISPATCHED, EventType.CONTACTED, EventType.INTERIM_REPLY):
        w.event(a, tid, kind)
    assert pending(a) == 5
    assert w.sync(a, "kill_push_after_commit", nth=2) is None   # batch 1 acked, 2 not
    assert len(server_results(w, a)) == 4 and pending(a) == 3
    report = w.sync(a)
    assert report.replayed == 2 and report.applied == 3 and pending(a) == 0
    assert server_events(w, tid) == ["created", "dispatched", "contacted", "interim_reply"]
    settled_and_checked(w)


@pytest.mark.parametrize("statements", [1, 2, 3, 4, 6, 9])
def test_a_desk_killed_while_applying_push_answers_replays_them(world, statements):
    w = world()
    a, b, _ = w.nodes
    tid = w.intake(a)
    w.sync(a)
    w.sync(b)
    w.edit(a, tid, {"contact_name": "王芳"})
    w.edit(b, tid, {"contact_name": "赵磊"})             # a's edit will conflict with it
    w.sync(b)
    w.event(a, tid, EventType.NOTE)
    assert w.sync(a, "kill_push_mid_ack", statements=statements) is None
    assert w.outcome.faults["kill_push_mid_ack"] == 1
    report = w.sync(a)
    assert report.ok
    settled_and_checked(w)
    assert len(a.desk.conflicts(tid)) == 1 and a.desk.request(tid).header["contact_name"] == "王芳"


# -- killing a desk mid-pull -------------------------------------------------------------------

def test_a_desk_killed_with_a_pull_page_in_flight(world):
    w = world(page_limit=2)
    a, b, _ = w.nodes
    theirs = [w.intake(b, contact_name=n) for n in ("王芳", "赵磊", "陈晓明", "李建华", "陈小敏")]
    w.sync(b)
    assert w.sync(a, "kill_pull_in_flight", nth=2) is None
    assert sum(a.knows(t) for t in theirs) == 2           # page 1 only, and its cursor
    report = w.sync(a)
    assert report.ok and all(a.knows(t) for t in theirs)
    settled_and_checked(w)


@pytest.mark.parametrize("statements", [1, 2, 3, 5, 8, 13, 21])
def test_a_desk_killed_mid_pull_apply_loses_only_the_page_in_flight(world, statements):
    """Killed ``statements`` SQLite statements into applying the second page of a pull,
    while it holds work the clerk recorded after the first page: that work survives and
    is re-applied on top of the server's rows."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    shared = w.intake(a)
    w.sync(a)
    w.sync(b)
    theirs = [w.intake(b, contact_name=n) for n in ("王芳", "赵磊", "陈晓明")]
    w.edit(b, shared, {"description": "B 补充的诉求内容。"})
    w.sync(b)
    a.engine.prefetch = False                 # page by page: the kill point is exact

    def meanwhile(status):
        if status.changes and status.progress.phase == "pull" and not pending(a):
            w.edit(a, shared, {"contact_phone": "13912345678"})
            w.event(a, shared, EventType.NOTE, {"text": "A 的备注"})

    remove = a.engine.add_listener(meanwhile)
    assert w.sync(a, "kill_pull_mid_apply", nth=2, statements=statements) is None
    remove()
    detail = a.desk.request(shared)
    assert pending(a) == 2 and detail.header["contact_phone"] == "13912345678"
    assert [e.type for e, p in detail.events if p] == [EventType.NOTE]
    assert detail.header["description"] == "B 补充的诉求内容。"     # page 1: the server's
    assert sum(a.knows(t) for t in theirs) < len(theirs)
    settled_and_checked(w)
    header = a.desk.request(shared).header
    assert (header["description"], header["contact_phone"]) == ("B 补充的诉求内容。", "13912345678")


def test_a_real_sigkill_mid_pull_apply_recovers_like_the_simulated_kill(world):
    """A real process, really killed (SIGKILL from inside its own SQLite statement, in the
    middle of a page's transaction): the file reopens with that transaction lost and the
    desk syncs on to the same state."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    mine = w.intake(a)
    w.sync(a)
    theirs = [w.intake(b, contact_name=n) for n in ("王芳", "赵磊", "陈晓明", "李建华")]
    w.sync(b)
    a.abandon()                      # the desk file now belongs to the child process
    child = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from sync.desk import Desk
        from sync.session import Session
        from sync.engine import SyncEngine
        desk = Desk.open({str(a.path)!r})
        session = Session(desk, {w.url!r})
        session.login({a.spec.user!r}, {PASSWORD!r}, {a.spec.station!r})
        engine = SyncEngine(desk, session.client, page_limit=1, prefetch=False)
        with desk.store.write() as conn:
            raw = conn.connection.driver_connection
        seen = [0]
        def trace(sql):
            if sql.startswith("INSERT INTO ticket_events"):
                seen[0] += 1
                if seen[0] == 3:                 # inside the third page's transaction
                    os.kill(os.getpid(), signal.SIGKILL)
        raw.set_trace_callback(trace)
        engine.sync_once()
        print("not killed")
    """)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "sync.credentials.MemoryKeyring"}
    proc = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == -9, proc.stdout + proc.stderr
    with sqlite3.connect(a.path) as conn:                # the WAL is recovered on open
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    a.start(login=True)                                  # a new process signs in again
    assert a.desk.request(mine).header["number"]
    assert sum(a.knows(t) for t in theirs) == 2          # pages 1 and 2 committed
    settled_and_checked(w)


# -- the server ----------------------------------------------------------------------------------

def test_the_server_restarts_between_and_around_syncs(world):
    w = world()
    a = w.nodes[0]
    tid = w.intake(a)
    w.sync(a)
    w.server.restart()                                    # keep-alive connections drop
    w.event(a, tid, EventType.DISPATCHED)
    report = w.sync(a, "drop_push_response")              # committed, answer lost ...
    w.server.restart()                                    # ... and the server restarts
    for node in w.nodes:
        w.sync(node)
    assert server_events(w, tid) == ["created", "dispatched"]
    assert report.state is State.OFFLINE
    settled_and_checked(w)


# -- deletions and purged tombstones --------------------------------------------------------------

def test_a_resnapshot_after_a_tombstone_purge_pages_past_the_horizon(world):
    """A desk whose cursor is older than a purged tombstone gets 410 and pulls everything
    again from 0, one small page at a time: the cursors of those pages lie below the
    horizon and must not be refused in turn (or the desk re-snapshots for ever)."""
    w = world(page_limit=2)
    a, b, _ = w.nodes
    kept = [w.intake(a, contact_name=n) for n in ("王芳", "赵磊", "陈晓明", "李建华")]
    gone = w.intake(a, contact_name="陈小敏")
    for node in w.nodes:
        w.sync(node)
    w.event(b, kept[0], EventType.NOTE, {"text": "删除期间记录的备注"})   # pending meanwhile
    b.net_up = False
    w.sync(b)
    w.delete(gone)
    w.sync(a)
    w.purge()                                     # b's cursor is now below the horizon
    b.net_up = True
    report = w.sync(b)
    assert report.ok, report
    assert report.resnapshot == "cursor_expired" and report.checksum_ok
    assert all(b.knows(t) for t in kept) and not b.knows(gone)
    settled_and_checked(w)


def test_a_resnapshot_interrupted_across_a_deletion_and_a_purge_still_drops_the_request(world):
    """A re-snapshot sees request X, then the desk dies; while it is down, X is deleted
    and its tombstone purged. Resuming from its old cursor would never learn of it: the
    resumed snapshot must be refused (410) and start again, and X leave the desk."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    x = w.intake(a, contact_name="王芳")
    others = [w.intake(a, contact_name=n) for n in ("赵磊", "陈晓明", "李建华")]
    first = w.intake(a, contact_name="陈小敏")
    for node in w.nodes:
        w.sync(node)
    b.net_up = False
    w.delete(first)
    w.purge()                                     # b's cursor is below the horizon now
    b.net_up = True
    b.engine.prefetch = False
    assert w.sync(b, "kill_pull_mid_apply", nth=3, statements=1) is None
    assert b.desk.resnapshot_pending() and b.knows(x)
    w.delete(x)
    w.purge()                                     # X's tombstone is gone before b is back
    report = w.sync(b)
    assert report.ok and report.checksum_ok, report
    assert not b.knows(x) and all(b.knows(t) for t in others)
    settled_and_checked(w)


def test_a_request_kept_as_deleted_on_the_server_stays_marked_when_its_edit_is_rejected(world):
    """The desk pulls the tombstone of a request it still has an edit for: it keeps the
    request, marked "deleted on the server" (left out of its checksum). The edit is then
    pushed and rejected: the request must stay marked so, or the desk counts a request
    the server does not have and its checksum disagrees on every sync."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    x = w.intake(a)
    for node in w.nodes:
        w.sync(node)
    w.intake(a, contact_name="王芳")                # the first page of b's next pull
    w.sync(a)
    w.delete(x)                                     # the second: x's tombstone

    def meanwhile(status):
        if status.changes and status.progress.phase == "pull" and not pending(b):
            w.edit(b, x, {"contact_name": "赵磊"})

    remove = b.engine.add_listener(meanwhile)
    w.sync(b)
    remove()
    assert [(m["id"], m["code"]) for m in b.desk.attention()] == [(x, "deleted_on_server")]
    report = w.sync(b)
    assert report.rejected == 1 and report.rejected_reasons[0]["code"] == "unknown_request"
    assert report.checksum_ok, report
    assert [(m["id"], m["code"]) for m in b.desk.attention()] == [(x, "deleted_on_server")]
    settled_and_checked(w)


def test_a_late_op_on_a_deleted_request_needs_attention_and_the_request_leaves(world):
    w = world()
    a, b, _ = w.nodes
    tid = w.intake(a)
    for node in w.nodes:
        w.sync(node)
    b.net_up = False
    w.event(b, tid, EventType.NOTE, {"text": "企业来电补充"})
    w.delete(tid)
    b.net_up = True
    report = w.sync(b)
    assert report.rejected == 1 and report.rejected_reasons[0]["code"] == "unknown_request"
    assert not b.knows(tid)
    settled_and_checked(w)


# -- three desks offline, reconnecting in every order ---------------------------------------------

@pytest.mark.parametrize("order", list(itertools.permutations(range(3))),
                         ids=lambda o: "".join("abc"[i] for i in o))
def test_three_desks_edit_the_same_field_offline_conflicts_recorded_in_arrival_order(
        world, order):
    w = world()
    a, _, c = w.nodes
    tid = w.intake(a)
    for node in w.nodes:
        w.sync(node)
    for node in w.nodes:
        node.net_up = False
    names = {0: "赵磊", 1: "陈小敏", 2: "王芳"}          # none is the intake's value
    for node in w.nodes:
        w.edit(node, tid, {"contact_name": names[node.index]})
    w.edit(c, tid, {"description": "督办补充的诉求内容。"})       # another field: merges
    for i in order:
        w.nodes[i].net_up = True
        w.sync(w.nodes[i])
    settled_and_checked(w)
    last = order[-1]
    for node in w.nodes:                                  # arrival order: the last one wins
        header = node.desk.request(tid).header
        assert header["contact_name"] == names[last]
        assert header["description"] == "督办补充的诉求内容。"
    supervisor = w.server.client()
    supervisor.login("demo.supervisor", PASSWORD, "ZS01")
    listed = supervisor.request("GET", "/conflicts").json()["conflicts"]
    assert [(x["field"], x["kept"], x["overwritten"]) for x in listed] == [
        ("contact_name", names[order[1]], names[order[0]]),
        ("contact_name", names[order[2]], names[order[1]])]
    assert [len(w.nodes[i].desk.conflicts(tid)) for i in order] == [0, 1, 1]


def test_three_desks_edit_different_fields_offline_and_everything_merges(world):
    w = world()
    a, b, c = w.nodes
    tid = w.intake(a)
    for node in w.nodes:
        w.sync(node)
        node.net_up = False
    w.edit(a, tid, {"contact_name": "王芳"})
    w.edit(b, tid, {"contact_phone": "0760-88886666"})
    w.edit(c, tid, {"description": "督办补充的诉求内容。", "type": "complaint"})
    for node in (b, c, a):
        node.net_up = True
        w.sync(node)
    settled_and_checked(w)
    assert w.outcome.counts["conflicts"] == 0
    for node in w.nodes:
        h = node.desk.request(tid).header
        assert (h["contact_name"], h["contact_phone"], h["description"], h["type"]) == (
            "王芳", "0760-88886666", "督办补充的诉求内容。", "complaint")


def test_three_desks_act_on_one_request_offline_invalid_transitions_are_rejected(world):
    w = world()
    a, b, c = w.nodes
    tid = w.intake(a)
    for node in w.nodes:
        w.sync(node)
        node.net_up = False
    w.event(a, tid, EventType.ANSWERED, {"answer": "已答复企业", "source": "clerk"})
    w.event(b, tid, EventType.DISPATCHED, {"unit_id": "u-scjg", "note": "请联系企业"})
    w.event(b, tid, EventType.NOTE, {"text": "B 的备注"})          # valid in every state
    w.event(c, tid, EventType.SUPERVISED, {"reply_due": "2099-01-01", "note": "请加快"})
    for node in (a, b, c):
        node.net_up = True
        w.sync(node)
    settled_and_checked(w)
    for node, what in ((b, "转办"), (c, "督办")):
        (item,) = node.desk.needs_attention()
        assert item.kind == "ticket.event" and item.what_zh.startswith(what)
        assert item.reason["code"] == "invalid_transition" and item.reason["message_zh"]
    assert server_events(w, tid) == ["created", "answered", "note"]
    for node in w.nodes:
        assert [e.type.value for e, _ in node.desk.request(tid).events] == [
            "created", "answered", "note"]


def test_an_edit_rejected_after_its_desk_pulled_the_close_returns_to_the_servers_values(world):
    """A clerk edits a request while her desk is pulling; a later page of that pull says
    another desk closed it. Her edit is rejected on push (closed); her desk must show the
    server's values again, as every other desk does, not her refused edit."""
    w = world(page_limit=1)
    a, b, _ = w.nodes
    tid = w.intake(a, contact_name="李建华")
    w.sync(a)
    w.sync(b)
    w.intake(b)                                     # the first page of a's next pull
    w.sync(b)
    w.event(b, tid, EventType.ANSWERED, {"answer": "已答复企业", "source": "clerk"})
    w.event(b, tid, EventType.EVALUATED, {"satisfaction": "satisfied", "solved": "solved"})
    w.sync(b)                                       # closed: the second page

    def meanwhile(status):
        if status.changes and status.progress.phase == "pull" and not a.desk.outbox_counts()[
                "pending"] and a.desk.request(tid).header["status"] != "closed":
            w.edit(a, tid, {"contact_name": "王芳"})

    remove = a.engine.add_listener(meanwhile)
    w.sync(a)
    remove()
    assert a.desk.request(tid).header["status"] == "closed"
    report = w.sync(a)
    assert report.rejected == 1 and report.rejected_reasons[0]["code"] == "closed"
    assert a.desk.request(tid).header["contact_name"] == "李建华"
    settled_and_checked(w)


# -- the background engine ------------------------------------------------------------------------

def test_background_syncs_with_concurrent_writes_and_faults_converge(world):
    """The engines run on their own threads, as in the window, while the clerks write
    and the network and the server misbehave; then the checker."""
    w = world(batch=3, page_limit=3)
    rng = random.Random(7)
    for node in w.nodes:
        node.engine.interval = 0.02
        node.engine.backoff = Backoff(base=0.01, cap=0.1, rng=random.Random(node.index))
        node.engine.start()
    try:
        for i in range(90):
            node = w.nodes[rng.randrange(3)]
            roll = rng.random()
            if roll < 0.08:
                node.net_up = not node.net_up
            elif roll < 0.14:                         # the next push or pull: answer lost
                push = roll < 0.11
                node.fault = ArmedFault("drop_push_response" if push else "drop_pull_response",
                                        "push" if push else "pull", "drop", 1, 1)
            elif roll < 0.16:
                w.server.restart()
            else:
                kind = ("intake", "event", "edit")[rng.randrange(3)]
                w.work(node, Step(kind, node.index, pick=rng.randrange(1 << 30),
                                  arg=rng.randrange(1 << 30)))
                node.engine.wake()
            time.sleep(0.01)
    finally:
        for node in w.nodes:
            # a cycle caught by the server's restart waits out the client's 30 s read
            # timeout; settling starts once every background cycle has ended
            node.engine.stop(timeout=60)
            node.fault = None
    assert w.outcome.counts["ops_recorded"] > 40
    settled_and_checked(w)


# -- the session -----------------------------------------------------------------------------------

def test_a_lost_refresh_answer_signs_the_desk_out_and_its_outbox_waits(world):
    """Refresh tokens rotate and a reused one ends the session: a refresh whose answer is
    lost costs the clerk a sign-in, never an op."""
    w = world()
    a = w.nodes[0]
    tid = w.intake(a)
    w.event(a, tid, EventType.NOTE)
    a.reopen()                                      # a new process: it must refresh first
    report = w.sync(a, "drop_refresh_response")
    assert report.state is State.OFFLINE and w.outcome.faults["drop_refresh_response"] == 1
    report = w.sync(a)                              # the rotated token is refused now
    assert report.state is State.SIGNED_OUT and w.outcome.counts["relogins"] == 1
    assert pending(a) == 3
    report = w.sync(a)
    assert report.ok and report.applied == 3
    settled_and_checked(w)


# -- the schedules and the checker themselves ----------------------------------------------

def test_a_seed_replays_the_same_schedule_and_the_same_outcome(sqlite_pool):
    assert make_schedule(1234) == make_schedule(1234)
    assert make_schedule(1234).describe() == make_schedule(1234).describe()
    assert make_schedule(1234) != make_schedule(1235)
    first, again = run_schedule(1234, sqlite_pool), run_schedule(1234, sqlite_pool)
    assert not first.violations and not again.violations, first.report()
    drop = {"seconds_x1000"}
    assert first.faults == again.faults
    assert {k: v for k, v in first.counts.items() if k not in drop} == \
        {k: v for k, v in again.counts.items() if k not in drop}


def test_schedules_interleave_every_fault_kind():
    from collections import Counter

    from tests.faults.schedule import SYNC_FAULTS
    seen: Counter = Counter()
    for seed in range(1, 201):
        s = make_schedule(seed)
        assert 20 <= len(s.steps) <= 80
        seen.update(step.fault or step.kind for step in s.steps)
    for kind in (*SYNC_FAULTS, "cut", "restore", "restart", "reboot", "storm", "intake",
                 "event", "edit"):
        assert seen[kind] >= 20, (kind, seen)


def test_the_checker_catches_a_lost_op_and_a_doubled_event(world):
    """The checker is not vacuous: a desk that loses an op, a server that doubles or drops
    an event, and a desk that diverges are each reported."""
    w = world()
    a, b, _ = w.nodes
    tid = w.intake(a)
    w.sync(a)
    w.event(a, tid, EventType.NOTE, {"text": "会丢失的备注"})
    with sqlite3.connect(a.path) as conn:        # the desk loses its newest op
        conn.execute("DELETE FROM outbox WHERE seq = (SELECT max(seq) FROM outbox)")
    conn.close()
    w.settle()
    with w.server.db().write() as conn:          # the server forgets an event ...
        conn.execute(ticket_events.delete().where(ticket_events.c.type == "created"))
    with sqlite3.connect(b.path) as conn:        # ... and a desk's field drifts
        conn.execute("UPDATE tickets SET contact_name = '某某' WHERE id = ?", (tid,))
    conn.close()
    check(w)
    found = "\n".join(w.outcome.violations)
    assert "LOST" in found
    assert "held 0 times" in found
    assert "contact_name='某某'" in found
