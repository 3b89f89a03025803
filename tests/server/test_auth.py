"""Sign-in: tokens, rotation, lockout, expired and forged tokens, where one may sign in."""

from __future__ import annotations

import time

from sqlalchemy import select

from server.auth import sign_access_token, token_secret
from server.models import audit_log, refresh_tokens
from tests.server.helpers import signed_in


def login_body(client, username="demo.clerk", password="demo-2026", station="SQ01"):
    return {"username": username, "password": password, "station_id": station,
            "device_id": client.device_id}


def test_login_gives_tokens_user_and_station(central):
    client = central.client()
    tokens = client.login()
    assert tokens["expires_in"] == 900
    assert tokens["user"] == {"username": "demo.clerk", "display": "林晓敏",
                              "role": "clerk", "town": "shiqi"}
    assert tokens["station"]["id"] == "SQ01" and tokens["station"]["town"] == "shiqi"
    assert client.request("GET", "/sync/pull").status_code == 200
    with central.db().read() as conn:
        stored = conn.execute(select(refresh_tokens.c.token_hash)).scalars().all()
    assert tokens["refresh_token"] not in stored      # only its hash is kept


def test_wrong_password_and_unknown_user_look_alike(central):
    client = central.client()
    wrong = client.request("POST", "/auth/login", json=login_body(client, password="nope-nope"))
    nobody = client.request("POST", "/auth/login", json=login_body(client, username="nobody"))
    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json()["error"] == nobody.json()["error"] == "bad_credentials"
    assert "message_zh" in wrong.json()


def test_five_failures_lock_the_account_even_for_the_right_password(central):
    client = central.client()
    codes = [client.request("POST", "/auth/login",
                            json=login_body(client, password=f"wrong-{i}")).status_code
             for i in range(5)]
    assert codes == [401, 401, 401, 401, 403]
    right = client.request("POST", "/auth/login", json=login_body(client))
    assert right.status_code == 403
    assert right.json()["error"] == "locked" and "锁定" in right.json()["message_zh"]
    with central.db().read() as conn:
        actions = conn.execute(select(audit_log.c.action, audit_log.c.outcome)).all()
    assert ("lockout", "ok") in [tuple(a) for a in actions]


def test_lockout_ends(central_factory):
    server = central_factory(settings={"lockout_seconds": 1, "lockout_attempts": 2})
    client = server.client()
    for _ in range(2):
        client.request("POST", "/auth/login", json=login_body(client, password="wrong-pass"))
    assert client.request("POST", "/auth/login", json=login_body(client)).status_code == 403
    time.sleep(1.1)
    assert client.request("POST", "/auth/login", json=login_body(client)).status_code == 200


def test_refresh_rotates_and_a_reused_token_ends_the_family(central):
    client = central.client()
    first = client.login()
    r = client.request("POST", "/auth/refresh", json={"refresh_token": first["refresh_token"],
                                                      "device_id": client.device_id})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    # the spent token again: refused, and the family (including the new token) revoked
    again = client.request("POST", "/auth/refresh", json={
        "refresh_token": first["refresh_token"], "device_id": client.device_id})
    assert again.status_code == 401 and again.json()["error"] == "bad_token"
    newer = client.request("POST", "/auth/refresh", json={
        "refresh_token": second["refresh_token"], "device_id": client.device_id})
    assert newer.status_code == 401


def test_refresh_is_bound_to_the_device(central):
    client = central.client()
    tokens = client.login()
    r = client.request("POST", "/auth/refresh", json={"refresh_token": tokens["refresh_token"],
                                                      "device_id": "another-device"})
    assert r.status_code == 401 and r.json()["error"] == "bad_token"


def test_expired_refresh_token(central_factory):
    server = central_factory(settings={"refresh_ttl_seconds": 1})
    client = server.client()
    tokens = client.login()
    time.sleep(1.1)
    r = client.request("POST", "/auth/refresh", json={"refresh_token": tokens["refresh_token"],
                                                      "device_id": client.device_id})
    assert r.status_code == 401 and r.json()["error"] == "token_expired"


def test_logout_revokes(central):
    client = central.client()
    tokens = client.login()
    body = {"refresh_token": tokens["refresh_token"], "device_id": client.device_id}
    assert client.request("POST", "/auth/logout", json=body).status_code == 204
    assert client.request("POST", "/auth/refresh", json=body).status_code == 401


def test_expired_and_forged_access_tokens(central):
    client = signed_in(central)
    secret = token_secret(central.db(), central.settings)
    now = int(time.time())
    claims = {"sub": "demo.clerk", "rol": "clerk", "twn": "shiqi", "stn": "SQ01",
              "stt": "shiqi", "dev": client.device_id, "iat": now - 2000, "exp": now - 1000}
    client.access_token = sign_access_token(secret, claims)
    r = client.request("GET", "/sync/pull")
    assert r.status_code == 401 and r.json()["error"] == "token_expired"
    # the same claims, made a supervisor's, signed with another key
    forged = {**claims, "rol": "supervisor", "twn": "city", "exp": now + 1000}
    client.access_token = sign_access_token(b"not-the-server-key", forged)
    r = client.request("GET", "/sync/pull")
    assert r.status_code == 401 and r.json()["error"] == "bad_token"
    # a real token with its claims edited
    good = sign_access_token(secret, {**claims, "exp": now + 1000})
    head, body, sig = good.split(".")
    bad_body = sign_access_token(secret, forged).split(".")[1]
    client.access_token = f"{head}.{bad_body}.{sig}"
    assert client.request("GET", "/sync/pull").status_code == 401
    for junk in ("", "hd1", "hd1.x.y", "Bearer", "a.b.c.d"):
        client.access_token = junk
        assert client.request("GET", "/sync/pull").status_code == 401
    client.access_token = None
    r = client.request("GET", "/sync/pull")
    assert r.status_code == 401 and r.json()["error"] == "bad_token"


def test_where_one_may_sign_in(central):
    client = central.client()
    # a shiqi clerk at a xiaolan counter
    r = client.request("POST", "/auth/login", json=login_body(client, station="XL01"))
    assert r.status_code == 403 and r.json()["error"] == "out_of_scope"
    r = client.request("POST", "/auth/login", json=login_body(client, station="ZZ99"))
    assert r.status_code == 422 and r.json()["field"] == "station_id"
    # city accounts sign in anywhere
    client.login("demo.navigator", station="XL02")
