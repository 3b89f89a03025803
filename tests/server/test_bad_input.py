"""Bad input on every endpoint: a clear 4xx naming the field, and no partial write."""

from __future__ import annotations

import gzip

import pytest

from sync.protocol import Headers
from tests.server.helpers import counts, create_op, create_ticket, push_ok, signed_in

JSON = {"Content-Type": "application/json"}
POSTS = ["/auth/login", "/auth/refresh", "/auth/logout", "/sync/push"]
GETS = ["/time", "/sync/pull", "/conflicts", "/audit", "/catalogue", "/schedule",
        "/directory", "/requests/x"]


def error(r, status, code, field=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == code, body
    assert body["message"] and body["message_zh"]
    if field is not None:
        assert body.get("field") == field, body
    assert Headers.SERVER_TIME in r.headers
    return body


@pytest.fixture
def admin(central):
    return signed_in(central, "admin")


def test_malformed_json_on_every_post(central, admin):
    before = counts(central)
    for path in POSTS:
        for body in (b'{"username": ', b"\xff\xfe{", b'{"a": 1} tail', b"[" * 5000 + b"]" * 5000):
            error(admin.request("POST", path, data=body, headers=JSON), 400, "bad_json")
        error(admin.request("POST", path, data=b"{}", headers={"Content-Type": "text/plain"}),
              400, "bad_request", "Content-Type")
    assert counts(central) == before


def test_wrong_types_and_unknown_fields_name_the_field(central, admin):
    cases = [
        ("/auth/login", {"username": 1, "password": "x", "station_id": "SQ01",
                         "device_id": "d"}, "username"),
        ("/auth/login", {"username": "a", "password": "x", "station_id": "SQ01",
                         "device_id": "d", "remember": True}, "remember"),
        ("/auth/login", {"username": "a", "station_id": "SQ01", "device_id": "d"}, "password"),
        ("/auth/refresh", {"refresh_token": "short", "device_id": "d"}, "refresh_token"),
        ("/auth/logout", {"refresh_token": ["x" * 20], "device_id": "d"}, "refresh_token"),
        ("/sync/push", {"device_id": admin.device_id, "ops": {}}, "ops"),
        ("/sync/push", {"device_id": admin.device_id, "ops": [], "more": 1}, "more"),
    ]
    op = create_op(admin)
    for key, value, field in [("seq", "abc", "seq"), ("seq", 0, "seq"), ("kind", "x", "kind"),
                              ("payload", [], "payload"), ("op_id", "short", "op_id"),
                              ("created_at", "yesterday", "created_at"),
                              ("base_version", -1, "base_version"), ("extra", 1, "extra")]:
        cases.append(("/sync/push", {"device_id": admin.device_id,
                                     "ops": [create_op(admin), {**op, key: value}]},
                      f"ops[1].{field}"))
    before = counts(central)
    for path, body, field in cases:
        error(admin.request("POST", path, json=body), 422, "invalid", field)
    assert counts(central) == before


def test_query_parameters_are_checked(central, admin):
    for path in GETS:
        error(admin.request("GET", path, params={"bogus": "1"}), 422, "invalid", "bogus")
    error(admin.request("GET", "/conflicts", params={"after": "x"}), 422, "invalid", "after")
    error(admin.request("GET", "/audit", params={"limit": "5000"}), 422, "invalid", "limit")


def test_bodies_over_the_limit_and_gzip_bombs_are_refused(central, admin):
    create_ticket(signed_in(central))
    before = counts(central)
    big = b'{"device_id":"x","ops":[' + b" " * (9 * 1024 * 1024) + b"]}"
    for path in POSTS:
        error(admin.request("POST", path, data=big, headers=JSON), 413, "too_large")
        bomb = gzip.compress(b" " * (64 * 1024 * 1024))
        assert len(bomb) < 100_000
        error(admin.request("POST", path, data=bomb, headers={**JSON, "Content-Encoding": "gzip"}),
              413, "too_large")
        error(admin.request("POST", path, data=b"not gzip",
                            headers={**JSON, "Content-Encoding": "gzip"}), 400, "bad_encoding")
        error(admin.request("POST", path, data=b"{}",
                            headers={**JSON, "Content-Encoding": "br"}), 400, "bad_encoding")
    assert counts(central) == before


def test_gzip_bodies_are_accepted(central):
    clerk = signed_in(central)
    ops = [create_op(clerk) for _ in range(30)]
    r = clerk.push(ops, gzip_body=True)
    assert r.status_code == 200 and len(r.json()["results"]) == 30
    assert r.headers.get("Content-Encoding") == "gzip"      # the answer is over 1 KiB


def test_versions_on_every_endpoint(central, admin):
    before = counts(central)
    for method, path in [("POST", p) for p in POSTS] + [("GET", p) for p in GETS]:
        body = error(admin.request(method, path, json={} if method == "POST" else None,
                                   headers={Headers.PROTOCOL: "0"}), 426, "upgrade_required")
        assert body["min_protocol"] == 1
        error(admin.request(method, path, headers={Headers.SCHEMA: "0000"}), 426,
              "upgrade_required")
        error(admin.request(method, path, headers={Headers.PROTOCOL: "2"}), 400, "bad_request",
              Headers.PROTOCOL)
        error(admin.request(method, path, headers={Headers.PROTOCOL: "one"}), 400,
              "bad_request", Headers.PROTOCOL)
        error(admin.request(method, path, headers={Headers.SCHEMA: "v1"}), 400, "bad_request",
              Headers.SCHEMA)
    assert counts(central) == before


def test_no_token_on_every_protected_endpoint(central):
    anonymous = central.client()
    for path in GETS[1:]:
        error(anonymous.request("GET", path), 401, "bad_token")
    error(anonymous.push([]), 401, "bad_token")


def test_unknown_routes_and_methods(central, admin):
    error(admin.request("GET", "/nope"), 404, "not_found")
    error(admin.request("DELETE", "/time"), 405, "method_not_allowed")


def test_a_push_with_one_bad_op_shape_writes_nothing(central):
    clerk = signed_in(central)
    good = [create_op(clerk) for _ in range(3)]
    bad = {**create_op(clerk), "seq": "four"}
    before = counts(central)
    error(clerk.push(good + [bad]), 422, "invalid", "ops[3].seq")
    assert counts(central) == before
    clerk.seq = 0
    assert len(push_ok(clerk, [create_op(clerk) for _ in range(4)])) == 4


def test_too_many_ops(central):
    clerk = signed_in(central)
    ops = [create_op(clerk) for _ in range(1001)]
    error(clerk.push(ops, gzip_body=True), 422, "invalid", "ops")


def test_nul_characters_never_reach_the_database(central):
    clerk = signed_in(central)
    before = counts(central)
    op = create_op(clerk)
    error(clerk.push([{**op, "entity_id": "a\x00b"}]), 422, "invalid", "ops[0].entity_id")
    error(clerk.push([{**op, "op_id": "\x00" * 36}]), 422, "invalid", "ops[0].op_id")
    error(clerk.request("POST", "/auth/login", json={
        "username": "demo.clerk\x00", "password": "x", "station_id": "SQ01",
        "device_id": "d"}), 422, "invalid", "username")
    error(clerk.request("POST", "/auth/refresh", json={
        "refresh_token": "x" * 20 + "\x00", "device_id": "d"}), 422, "invalid", "refresh_token")
    error(clerk.request("GET", "/requests/a%00b"), 400, "bad_request")
    r = clerk.request("GET", "/open311/v2/requests.json", params={"service_code": "a\x00"})
    assert r.status_code == 400
    assert counts(central) == before
    op["payload"]["header"]["contact_name"] = "李\x00"
    [result] = push_ok(clerk, [op])
    assert result["reason"]["field"] == "payload.header.contact_name"
