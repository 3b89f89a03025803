"""Eight concurrent writers and one puller on PostgreSQL: the puller sees every change.

The writers push continuously from threads, with batches of varied size and a random
delay before each commit (``debug_commit_delay_ms``), so transactions commit in every
order. The puller follows its cursor meanwhile. At the end it must hold every entity at
its final version, having seen each sequence number once and in increasing order.

This is the test that fails if the change sequence comes from a plain database sequence
(numbers handed out early, committed late): the puller steps over a number that commits
after a higher one. The counter row taken last (server/feed.py) makes it pass.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import select

from server.models import change_feed
from server.pytest_fixtures import postgres_url
from tests.server.helpers import create_op, edit_op, event_op, signed_in

WRITERS = [("demo.clerk", "SQ01"), ("demo.clerk", "SQ02"), ("demo.clerk", "SQ03"),
           ("demo.navigator", "ZS01"), ("demo.navigator", "ZS03"), ("demo.navigator", "ZS04"),
           ("demo.navigator", "ZS05"), ("demo.navigator", "ZS06")]
PUSHES_PER_WRITER = 30

pytestmark = pytest.mark.skipif(postgres_url() is None,
                                reason="needs HALLDESK_TEST_DATABASE_URL (PostgreSQL)")


def test_eight_writers_one_puller_no_change_is_missed(central_factory):
    # every writer inside its transaction at once (the defaults let only 2 per worker)
    server = central_factory(settings={"debug_commit_delay_ms": 12, "db_pool_size": 12,
                                       "threads": 16, "write_concurrency": 8})
    errors: list[BaseException] = []
    done = threading.Event()
    start = threading.Barrier(len(WRITERS) + 1)

    def writer(username: str, station: str, seed: int) -> None:
        rnd = random.Random(seed)
        client = signed_in(server, username, station)
        mine: list[str] = []
        try:
            start.wait()
            for _ in range(PUSHES_PER_WRITER):
                ops = []
                for _ in range(rnd.choice([1, 1, 2, 3, 5, 8])):
                    if not mine or rnd.random() < 0.45:
                        op = create_op(client, town="shiqi")
                        mine.append(op["entity_id"])
                    elif rnd.random() < 0.7:
                        op = event_op(client, rnd.choice(mine), "note", {"text": "跟进"})
                    else:
                        op = edit_op(client, rnd.choice(mine),
                                     {"contact_name": f"联系人{rnd.randint(1, 99)}"}, 1)
                    ops.append(op)
                r = client.push(ops)
                assert r.status_code == 200, r.text
                assert all(x["status"] == "applied" for x in r.json()["results"]), r.text
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    seen: dict[str, int] = {}
    seqs: list[int] = []

    def puller() -> None:
        client = signed_in(server, "demo.supervisor")
        cursor = "0"
        start.wait()
        try:
            while True:
                finished = done.is_set()           # read before the pull: then drain fully
                page = client.pull(cursor, 25).json()
                for change in page["changes"]:
                    assert not seqs or change["seq"] > seqs[-1], "sequence went backwards"
                    seqs.append(change["seq"])
                    seen[change["id"]] = change["version"]
                cursor = page["cursor"]
                if finished and not page["has_more"]:
                    return
                if not page["has_more"]:
                    time.sleep(0.002)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(u, s, i)) for i, (u, s) in
               enumerate(WRITERS)]
    pull_thread = threading.Thread(target=puller)
    for t in threads + [pull_thread]:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    pull_thread.join(120)
    assert not errors, errors
    with server.db().read() as conn:
        truth = dict(conn.execute(select(change_feed.c.id, change_feed.c.version)).all())
    assert len(truth) > 200
    missed = {k: v for k, v in truth.items() if seen.get(k) != v}
    assert not missed, f"the puller missed {len(missed)} change(s)"
    assert len(seqs) == len(set(seqs))
