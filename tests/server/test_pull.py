"""Pull: pages, cursors, has_more, tombstones, the horizon (410), checksums."""

from __future__ import annotations

from server import cli
from sync.protocol import MAX_PULL_LIMIT, checksum_term
from tests.server.helpers import create_op, create_ticket, event_op, push_ok, signed_in


def expected_checksum(docs: dict[str, dict]) -> dict:
    out = {"tickets": {"count": 0, "sum": 0}, "enterprises": {"count": 0, "sum": 0}}
    for change in docs.values():
        if change["deleted"] or change["version"] < 1:
            continue
        part = out["tickets" if change["entity"] == "ticket" else "enterprises"]
        part["count"] += 1
        part["sum"] += checksum_term(change["id"], change["version"])
    return out


def test_pages_carry_each_change_once_in_order(central):
    clerk = signed_in(central)
    ids = [create_ticket(clerk)[0] for _ in range(7)]
    push_ok(clerk, [event_op(clerk, ids[0], "note", {"text": "moves it to the end"})])
    pages = list(clerk.pull_all(0, limit=3))
    assert [p["has_more"] for p in pages] == [True, True, False]
    assert [p["checksum"] is None for p in pages] == [True, True, False]
    seqs = [c["seq"] for p in pages for c in p["changes"]]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)) == 7
    order = [c["id"] for p in pages for c in p["changes"]]
    assert order == ids[1:] + ids[:1]                     # one row per entity, moved on change
    assert pages[0]["cursor"] == str(pages[0]["changes"][-1]["seq"])
    last = pages[-1]
    docs = {c["id"]: c for p in pages for c in p["changes"]}
    assert last["checksum"] == expected_checksum(docs)
    # nothing new: an empty, drained page at the same cursor
    again = clerk.pull(last["cursor"]).json()
    assert again["changes"] == [] and again["cursor"] == last["cursor"]
    assert again["checksum"] == last["checksum"]
    # a change after the cursor: only it
    push_ok(clerk, [event_op(clerk, ids[3], "note", {"text": "later"})])
    newer = clerk.pull(last["cursor"]).json()
    assert [c["id"] for c in newer["changes"]] == [ids[3]]
    assert newer["changes"][0]["version"] == 2


def test_the_drained_cursor_skips_what_is_out_of_scope(central):
    xiaolan = signed_in(central, "demo.town.supervisor")
    for _ in range(3):
        create_ticket(xiaolan)
    shiqi = signed_in(central)
    page = shiqi.pull(0).json()
    assert page["changes"] == [] and not page["has_more"]
    assert int(page["cursor"]) == 3       # it jumped over the xiaolan rows it cannot see


def test_tombstones_and_the_horizon(central):
    clerk = signed_in(central)
    keep, _ = create_ticket(clerk)
    gone, _ = create_ticket(clerk)
    cursor = clerk.pull(0).json()["cursor"]
    admin = signed_in(central, "admin")
    assert clerk.request("DELETE", f"/requests/{gone}").status_code == 403
    r = admin.request("DELETE", f"/requests/{gone}", params={"reason": "重复录入"})
    assert r.status_code == 200 and r.json() == {"id": gone, "version": 2, "deleted": True}
    assert admin.request("DELETE", f"/requests/{gone}").status_code == 404
    page = clerk.pull(cursor).json()
    assert page["changes"] == [{"seq": page["changes"][0]["seq"], "entity": "ticket",
                                "id": gone, "deleted": True, "version": 2, "doc": None}]
    assert page["checksum"]["tickets"]["count"] == 1
    assert clerk.request("GET", f"/requests/{gone}").status_code == 404
    r = push_ok(clerk, [event_op(clerk, gone, "note", {"text": "x"})])
    assert r[0]["reason"]["code"] == "unknown_request"
    # young tombstones are kept unless forced
    url = ["--database-url", central.database_url]
    assert cli.main(["purge-tombstones", "--older-than", "0", *url]) == 1
    assert cli.main(["purge-tombstones", "--older-than", "0", "--force", *url]) == 0
    r = clerk.pull(cursor)
    assert r.status_code == 410 and r.json()["error"] == "cursor_expired"
    fresh = [c["id"] for p in clerk.pull_all(0) for c in p["changes"]]
    assert fresh == [keep]
    newest = clerk.pull(0).json()["cursor"]
    assert clerk.pull(newest).status_code == 200


def test_bad_cursors_and_limits(central):
    clerk = signed_in(central)
    create_ticket(clerk)
    assert clerk.pull(999).status_code == 410                   # beyond the newest change
    for bad in ("-1", "abc", "1.5", "9" * 30, " 1"):
        r = clerk.pull(bad)
        assert r.status_code == 422 and r.json()["field"] == "since", bad
    for bad in (0, -3, MAX_PULL_LIMIT + 1):
        r = clerk.pull(0, bad)
        assert r.status_code == 422 and r.json()["field"] == "limit"
    r = clerk.request("GET", "/sync/pull", params={"since": "0", "cursor": "1"})
    assert r.status_code == 422 and r.json()["field"] == "cursor"


def test_large_pages_are_gzipped(central):
    clerk = signed_in(central)
    push_ok(clerk, [create_op(clerk) for _ in range(20)])
    r = clerk.pull(0)
    assert r.headers["Content-Encoding"] == "gzip"
    assert len(r.json()["changes"]) == 20
    plain = clerk.request("GET", "/sync/pull", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.json() == r.json() | {
        "server_time": plain.json()["server_time"]}
