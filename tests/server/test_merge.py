"""Header edits merge per field in arrival order; a stale same-field edit is a conflict."""

from __future__ import annotations

from tests.server.helpers import create_ticket, edit_op, event_op, push_ok, signed_in


def test_edits_of_different_fields_merge_without_conflict(central):
    a = signed_in(central)
    b = signed_in(central, "demo.clerk", "SQ02")
    tid, created = create_ticket(a)
    ra = push_ok(a, [edit_op(a, tid, {"contact_name": "王芳"}, created["version"])])
    rb = push_ok(b, [edit_op(b, tid, {"contact_phone": "0760-88123456"}, created["version"])])
    assert ra[0]["conflicts"] == rb[0]["conflicts"] == []
    doc = a.request("GET", f"/requests/{tid}").json()
    assert doc["header"]["contact_name"] == "王芳"
    assert doc["header"]["contact_phone"] == "0760-88123456"
    assert doc["version"] == 3


def test_same_field_on_a_stale_base_is_applied_and_recorded(central):
    a = signed_in(central)
    b = signed_in(central, "demo.clerk", "SQ02")
    tid, created = create_ticket(a)
    base = created["version"]
    push_ok(a, [edit_op(a, tid, {"description": "甲窗口的描述"}, base)])
    rb = push_ok(b, [edit_op(b, tid, {"description": "乙窗口的描述", "topic": "tax"}, base)])
    assert rb[0]["status"] == "applied"
    assert rb[0]["conflicts"] == [{"field": "description", "base_version": base,
                                   "server_version": 2, "kept": "乙窗口的描述",
                                   "overwritten": "甲窗口的描述"}]
    doc = a.request("GET", f"/requests/{tid}").json()
    assert doc["header"]["description"] == "乙窗口的描述"       # arrival order
    assert doc["header"]["topic"] == "tax"
    supervisor = signed_in(central, "demo.supervisor")
    listed = supervisor.request("GET", "/conflicts").json()
    assert listed["next_after"] is None
    [conflict] = listed["conflicts"]
    assert conflict["ticket_id"] == tid and conflict["field"] == "description"
    assert conflict["overwritten"] == "甲窗口的描述" and conflict["kept"] == "乙窗口的描述"
    assert conflict["overwritten_by"] == a.device_id and conflict["device_id"] == b.device_id
    assert conflict["number"] == created["number"]


def test_a_desks_own_successive_edits_are_no_conflict(central):
    a = signed_in(central)
    tid, created = create_ticket(a)
    r = push_ok(a, [edit_op(a, tid, {"contact_name": "一"}, created["version"]),
                    edit_op(a, tid, {"contact_name": "二"}, created["version"])])
    assert [x["conflicts"] for x in r] == [[], []]
    # an edit that changes nothing changes no version
    same = push_ok(a, [edit_op(a, tid, {"contact_name": "二"}, 1)])
    assert same[0]["version"] == r[1]["version"]


def test_edit_rules(central):
    a = signed_in(central)
    tid, created = create_ticket(a)
    r = push_ok(a, [
        edit_op(a, tid, {"credit_code": "91442000MA4W7K2L3X"}, 1),
        edit_op(a, tid, {}, 1),
        edit_op(a, tid, {"contact_phone": "123"}, 1),
        edit_op(a, tid, {"contact_name": "x"}, 99),
        event_op(a, tid, "answered", {"answer": "已答复", "source": "clerk"}),
        event_op(a, tid, "evaluated", {"satisfaction": "satisfied"}),
        edit_op(a, tid, {"contact_name": "结案后"}, 3),
    ])
    reasons = [x["reason"] and (x["reason"]["code"], x["reason"]["field"]) for x in r]
    assert reasons == [("invalid", "payload.fields.credit_code"), ("invalid", "payload.fields"),
                       ("invalid", "payload.fields.contact_phone"),
                       ("bad_base_version", "base_version"), None, None, ("closed", "status")]


def test_conflicts_are_for_supervisors_in_their_jurisdiction(central):
    a = signed_in(central)
    b = signed_in(central, "demo.clerk", "SQ02")
    tid, created = create_ticket(a)
    push_ok(a, [edit_op(a, tid, {"contact_name": "甲"}, 1)])
    push_ok(b, [edit_op(b, tid, {"contact_name": "乙"}, 1)])
    assert a.request("GET", "/conflicts").status_code == 403
    assert a.request("GET", "/conflicts").json()["error"] == "forbidden"
    town = signed_in(central, "demo.town.supervisor")       # xiaolan: not shiqi's
    assert town.request("GET", "/conflicts").json()["conflicts"] == []
    city = signed_in(central, "demo.supervisor")
    assert len(city.request("GET", "/conflicts").json()["conflicts"]) == 1
    page = city.request("GET", "/conflicts", params={"limit": 1}).json()
    assert page["next_after"] == page["conflicts"][0]["id"]
    rest = city.request("GET", "/conflicts", params={"after": page["next_after"]}).json()
    assert rest["conflicts"] == []
