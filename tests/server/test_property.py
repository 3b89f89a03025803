"""Property-based tests over push and pull bodies (hypothesis, real server over HTTP).

- Whatever ops a desk sends (valid, mangled, out of sequence, replayed, garbage), the
  server never answers 5xx, and an answer other than 200 writes nothing.
- Whatever mix of pushes and pulls (any page size), a puller that follows its cursor
  sees strictly increasing sequence numbers and ends with every entity's current
  version; a full pull carries each entity exactly once.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from core.ids import new_id
from server import feed
from server.models import change_feed, devices
from tests.server.helpers import (DISPATCH, counts, create_op, edit_op, event_op, signed_in)

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(-2**40, 2**40)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)

EVENT_DATA = [("note", {"text": "备注"}), ("dispatched", DISPATCH),
              ("answered", {"answer": "已答复", "source": "clerk"}),
              ("contacted", {"office": "科室"}), ("interim_reply", {"text": "阶段答复"}),
              ("resolved", {"text": "已办结"}), ("evaluated", {"satisfaction": "satisfied"}),
              ("reopened", {"reason": "企业不满意"}),
              ("supervised", {"reply_due": "2099-01-01", "note": "督办"})]

op_plans = st.lists(st.tuples(
    st.sampled_from(["create", "event", "edit", "enterprise", "garbage"]),
    st.integers(0, 10_000),                       # which known request, which event
    st.sampled_from(["keep", "keep", "keep", "mangle", "drop_key", "retype", "retarget"]),
    values), min_size=1, max_size=8)
seq_plans = st.sampled_from(["next", "next", "next", "next", "gap", "replay", "replay_changed",
                             "swap", "wrong_device"])


def _mangle(op: dict[str, Any], how: str, junk: Any, pick: int) -> dict[str, Any]:
    op = copy.deepcopy(op)
    if how == "keep":
        return op
    if how == "retarget":       # any text as the entity id, NUL and all
        op["entity_id"] = (junk if isinstance(junk, str) and 0 < len(junk) <= 64
                           else f"x{pick}\x00")
        return op
    target = op["payload"]
    for key in ("event", "header", "fields"):
        if isinstance(target.get(key), dict):
            target = target[key]
            break
    keys = sorted(target) or ["x"]
    key = keys[pick % len(keys)]
    if how == "drop_key":
        target.pop(key, None)
    elif how == "retype":
        target[key] = junk
    else:
        target[f"k{pick % 7}"] = junk
    return op


def _build(client, known: list[str], plan) -> list[dict[str, Any]]:
    ops = []
    for kind, pick, how, junk in plan:
        tid = known[pick % len(known)] if known else new_id()
        if kind == "create":
            op = create_op(client)
            known.append(op["entity_id"])
        elif kind == "event":
            name, data = EVENT_DATA[pick % len(EVENT_DATA)]
            op = event_op(client, tid, name, data)
        elif kind == "edit":
            op = edit_op(client, tid, {"contact_name": f"联系人{pick}"}, pick % 4)
        elif kind == "enterprise":
            op = client.op("enterprise.upsert", str(uuid.uuid4()), {"name": f"企业{pick}"})
        else:
            op = client.op("ticket.event", tid, {"event": junk} if pick % 2 else junk
                           if isinstance(junk, dict) else {"x": junk})
        ops.append(_mangle(op, how, junk, pick))
    return ops


def _last_seq(server, device_id: str) -> int:
    with server.db().read() as conn:
        return conn.execute(select(devices.c.last_seq)
                            .where(devices.c.device_id == device_id)).scalar() or 0


@pytest.fixture
def world(central):
    clerk = signed_in(central)
    return central, clerk, [], []          # server, client, known ids, pushed ops


@SETTINGS
@given(plan=op_plans, seq_plan=seq_plans)
def test_random_pushes_never_crash_and_refusals_write_nothing(world, plan, seq_plan):
    server, client, known, history = world
    last = _last_seq(server, client.device_id)
    client.seq = last
    ops = _build(client, known, plan)
    body_device = client.device_id
    if seq_plan == "gap":
        for op in ops:
            op["seq"] += 2
    elif seq_plan == "replay" and history:
        ops = history[-3:] + ops
    elif seq_plan == "replay_changed" and history:
        old = copy.deepcopy(history[-1])
        old["payload"] = {"changed": True}
        ops = [old] + ops
    elif seq_plan == "swap" and len(ops) > 1:
        ops[0], ops[1] = ops[1], ops[0]
    elif seq_plan == "wrong_device":
        body_device = "not-this-device"
    before = counts(server)
    r = client.request("POST", "/sync/push", json={"device_id": body_device, "ops": ops})
    assert r.status_code < 500, r.text
    event(f"status {r.status_code}")
    if r.status_code != 200:
        assert r.status_code in (403, 409, 422), r.text
        assert r.json()["message_zh"]
        assert counts(server) == before
        assert _last_seq(server, client.device_id) == last
        return
    body = r.json()
    assert len(body["results"]) == len(ops)
    fresh = [op for op in ops if op["seq"] > last]
    assert body["last_seq"] == (fresh[-1]["seq"] if fresh else last)
    for op, result in zip(ops, body["results"]):
        assert result["seq"] == op["seq"] and result["status"] in ("applied", "rejected")
        assert result["replayed"] == (op["seq"] <= last)
        event(f"op {result['status']}")
        if result["status"] == "rejected":
            assert result["reason"]["code"] and result["reason"]["message_zh"]
    history.extend(fresh)


raw_bodies = st.one_of(
    st.binary(max_size=200),
    values.map(orjson.dumps),
    st.dictionaries(st.sampled_from(["device_id", "ops", "x"]), values, max_size=3)
    .map(orjson.dumps))


@SETTINGS
@given(body=raw_bodies, path=st.sampled_from(["/sync/push", "/auth/login", "/auth/refresh",
                                              "/auth/logout"]))
def test_garbage_bodies_are_4xx(world, body, path):
    server, client, _, _ = world
    before = counts(server)
    r = client.request("POST", path, data=body, headers={"Content-Type": "application/json"})
    assert 400 <= r.status_code < 500 or (path == "/sync/push" and r.status_code == 200), r.text
    assert r.json()
    if path == "/sync/push":
        assert counts(server) == before or r.status_code == 200


@SETTINGS
@given(since=st.one_of(st.integers(-5, 10**20).map(str), st.text(max_size=10)),
       limit=st.one_of(st.none(), st.integers(-5, 10_000)))
def test_random_pull_parameters_are_never_5xx(world, since, limit):
    _, client, _, _ = world
    r = client.pull(since, limit)
    assert r.status_code in (200, 400, 410, 422), r.text


@settings(SETTINGS, max_examples=20)
@given(steps=st.lists(st.one_of(
    st.tuples(st.just("push"), op_plans),
    st.tuples(st.just("pull"), st.integers(1, 7))), min_size=1, max_size=6))
def test_a_puller_sees_every_change_once_in_order(world, steps):
    server, client, known, _ = world
    cursor, seen, last_seq_seen = "0", {}, 0
    puller = server.client()
    puller.login("demo.supervisor", station="ZS02")

    def follow(limit: int) -> None:
        nonlocal cursor, last_seq_seen
        while True:
            page = puller.pull(cursor, limit).json()
            for change in page["changes"]:
                assert change["seq"] > last_seq_seen
                last_seq_seen = change["seq"]
                seen[change["id"]] = change["version"]
            assert int(page["cursor"]) >= last_seq_seen
            cursor = page["cursor"]
            if not page["has_more"]:
                return
    for kind, arg in steps:
        if kind == "push":
            client.seq = _last_seq(server, client.device_id)
            r = client.push(_build(client, known, arg))
            assert r.status_code in (200, 422), r.text    # 422: an op id with NUL, say
        else:
            follow(arg)
    follow(3)
    with server.db().read() as conn:
        truth = dict(conn.execute(select(change_feed.c.id, change_feed.c.version)).all())
        assert feed.totals_drift(conn) == []           # the checksum's running totals
    assert seen == truth
    full = [c["id"] for p in puller.pull_all(0, limit=4) for c in p["changes"]]
    assert sorted(full) == sorted(set(full)) == sorted(truth)
