"""Reference data with ETags, and the server's clock."""

from __future__ import annotations

import datetime as dt
import io
import json

from core.catalogue import Catalogue, load_catalogue
from server import cli
from sync.protocol import Headers
from tests.server.helpers import create_op, push_ok, signed_in

CALENDAR_2027 = {
    "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（示例）",
    "holidays": [{"name": "new_year", "date": "2027-01-01"},
                 {"name": "spring_festival", "from": "2027-02-05", "to": "2027-02-11"}],
    "workdays": [{"name": "spring_festival", "date": "2027-02-20"}]}


def test_catalogue_with_etag_and_304(central):
    clerk = signed_in(central)
    r = clerk.request("GET", "/catalogue")
    assert r.status_code == 200
    sample = load_catalogue()
    assert r.headers["ETag"] == f'"{sample.etag}"'
    assert Catalogue.from_json(r.json()).etag == sample.etag     # the files, unchanged
    same = clerk.request("GET", "/catalogue", headers={"If-None-Match": r.headers["ETag"]})
    assert same.status_code == 304 and same.content == b""
    assert same.headers["ETag"] == r.headers["ETag"]
    weak = clerk.request("GET", "/catalogue",
                         headers={"If-None-Match": f'"x", W/{r.headers["ETag"]}'})
    assert weak.status_code == 304
    assert clerk.request("GET", "/catalogue", headers={"If-None-Match": '"old"'}).status_code == 200


def test_no_catalogue_yet(central_factory, monkeypatch):
    server = central_factory(seed_demo=False)
    url = ["--database-url", server.database_url]
    assert cli.main(["add-station", "SQ01", "--town", "shiqi", "--name", "石岐 1", *url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert cli.main(["add-user", "clerk.a", "--role", "clerk", "--town", "shiqi",
                     "--password-stdin", *url]) == 0
    client = server.client()
    client.login("clerk.a", "a-long-password", "SQ01")
    r = client.request("GET", "/catalogue")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert cli.main(["import-catalogue", *url]) == 0
    assert client.request("GET", "/catalogue").status_code == 200


def test_schedule_with_etag_and_a_newly_published_calendar(central, tmp_path):
    clerk = signed_in(central)
    r = clerk.request("GET", "/schedule")
    assert r.status_code == 200
    body = r.json()
    assert body == {"hours": {"timezone": "Asia/Shanghai",
                              "periods": [["08:30", "12:00"], ["14:00", "17:30"]]},
                    "calendars": []}
    tag = r.headers["ETag"]
    assert clerk.request("GET", "/schedule", headers={"If-None-Match": tag}).status_code == 304
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(CALENDAR_2027, ensure_ascii=False), "utf-8")
    assert cli.main(["publish-calendar", str(path), "--database-url", central.database_url]) == 0
    hours = tmp_path / "hours.json"
    hours.write_text('{"timezone": "Asia/Shanghai", "periods": [["09:00", "12:00"], '
                     '["13:30", "17:00"]]}', "utf-8")
    assert cli.main(["set-hours", str(hours), "--database-url", central.database_url]) == 0
    r = clerk.request("GET", "/schedule", headers={"If-None-Match": tag})
    assert r.status_code == 200 and r.headers["ETag"] != tag
    assert [c["year"] for c in r.json()["calendars"]] == [2027]
    assert r.json()["hours"]["periods"][0] == ["09:00", "12:00"]
    assert r.json()["calendars"][0]["workdays"] == [{"name": "spring_festival",
                                                     "date": "2027-02-20"}]


def test_time_and_the_server_time_header(central):
    anonymous = central.client()
    r = anonymous.request("GET", "/time")
    assert r.status_code == 200 and r.json()["protocol"] == 1
    server_time = dt.datetime.fromisoformat(r.json()["server_time"])
    assert abs(server_time - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(seconds=5)
    header = dt.datetime.fromisoformat(r.headers[Headers.SERVER_TIME])
    assert abs(header - server_time) < dt.timedelta(seconds=5)
    for path in ("/healthz", "/open311/v2/services.json", "/api/v1/nope"):
        assert Headers.SERVER_TIME in anonymous.request("GET", path).headers


def test_directory_names_the_accounts_and_nothing_else(central):
    clerk = signed_in(central)
    r = clerk.request("GET", "/directory")
    assert r.status_code == 200
    users = {u["username"]: u for u in r.json()["users"]}
    assert users["demo.clerk"] == {"username": "demo.clerk", "display": "林晓敏",
                                   "role": "clerk", "town": "shiqi", "active": True}
    assert users["demo.navigator"]["display"] == "周文静"
    assert "admin" not in users                              # administrators left out
    assert all(set(u) == {"username", "display", "role", "town", "active"}
               for u in users.values())                  # no hashes, lockouts or dates
    assert "password" not in r.text and "argon2" not in r.text
    tag = r.headers["ETag"]
    assert clerk.request("GET", "/directory", headers={"If-None-Match": tag}).status_code == 304


def test_directory_changes_with_a_new_or_disabled_account(central, monkeypatch):
    clerk = signed_in(central)
    tag = clerk.request("GET", "/directory").headers["ETag"]
    url = ["--database-url", central.database_url]
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert cli.main(["add-user", "clerk.b", "--role", "clerk", "--town", "shiqi",
                     "--display", "黄嘉怡", "--password-stdin", *url]) == 0
    r = clerk.request("GET", "/directory", headers={"If-None-Match": tag})
    assert r.status_code == 200 and r.headers["ETag"] != tag
    assert {"username": "clerk.b", "display": "黄嘉怡", "role": "clerk", "town": "shiqi",
            "active": True} in r.json()["users"]
    other = central.client()
    other.login("clerk.b", "a-long-password", "SQ01")
    recorded_before = create_op(other)        # recorded, not yet synced, when disabled
    assert cli.main(["disable-user", "clerk.b", *url]) == 0
    assert push_ok(other, [recorded_before])[0]["status"] == "applied"   # not thrown away
    after = clerk.request("GET", "/directory", headers={"If-None-Match": r.headers["ETag"]})
    assert after.status_code == 200              # kept (old timelines name it), inactive
    assert [u["active"] for u in after.json()["users"] if u["username"] == "clerk.b"] == [False]
    refused = central.client().request("POST", "/auth/login", json={
        "username": "clerk.b", "password": "a-long-password", "station_id": "SQ01",
        "device_id": "0f9d5c1e-1111-4c4c-8888-000000000001"})
    assert refused.status_code == 401                       # can no longer sign in
    again = other.request("POST", "/auth/refresh", json={
        "refresh_token": other.refresh_token, "device_id": other.device_id})
    assert again.status_code == 401                         # nor keep a session going
    assert cli.main(["enable-user", "clerk.b", *url]) == 0
    other.login("clerk.b", "a-long-password", "SQ01")
    assert cli.main(["disable-user", "nobody.here", *url]) != 0


def test_directory_needs_a_signed_in_desk(central):
    r = central.client().request("GET", "/directory")
    assert r.status_code == 401
