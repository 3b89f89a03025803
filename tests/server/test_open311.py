"""The Open311 GeoReport v2 facade: services, mapping, filters, privacy."""

from __future__ import annotations

import datetime as dt

from tests.server.helpers import DISPATCH, create_ticket, event_op, now, push_ok, signed_in

BASE = "/open311/v2"
PERSONAL = ("contact_name", "contact_phone", "李建华", "13800138000")


def test_services_are_the_catalogue_topics(central):
    r = central.client().request("GET", f"{BASE}/services.json")
    assert r.status_code == 200
    codes = {s["service_code"] for s in r.json()}
    assert {"annual_report", "tax"} <= codes
    one = next(s for s in r.json() if s["service_code"] == "annual_report")
    assert one["service_name"] and one["metadata"] is False and one["type"] == "realtime"


def test_mapping_of_statuses_deadlines_and_extensions(central):
    clerk = signed_in(central)
    tid, created = create_ticket(clerk)
    answered, _ = create_ticket(clerk, type="consultation")
    push_ok(clerk, [event_op(clerk, tid, "dispatched", DISPATCH),
                    event_op(clerk, answered, "answered",
                             {"answer": "可在线办理", "source": "clerk"})])
    anonymous = central.client()
    r = anonymous.request("GET", f"{BASE}/requests/{tid}.json")
    assert r.status_code == 200
    [req] = r.json()
    assert req["service_request_id"] == tid and req["x_number"] == created["number"]
    assert req["status"] == "open" and req["x_status"] == "dispatched"
    assert req["status_notes"].startswith("已转办（dispatched）")
    assert req["agency_responsible"] == DISPATCH["unit_name"] and req["x_unit_id"] == "u-scjg"
    assert req["service_code"] == "annual_report" and req["service_name"] == "企业年报"
    assert req["x_type"] == "help" and req["x_channel"] == "counter"
    assert req["x_supervised"] is False and req["x_supervision_due"] is None
    close = dt.datetime.fromisoformat(req["expected_datetime"])
    assert req["x_close_due"] == req["expected_datetime"]
    interim = dt.datetime.fromisoformat(req["x_interim_due"])
    assert now() < interim < close
    assert close.utcoffset() == dt.timedelta(hours=8) and close.strftime("%H:%M") == "17:30"
    assert req["description"] is None and "x_enterprise_name" not in req
    text = r.text
    assert not any(p in text for p in PERSONAL)
    # by number as well
    assert anonymous.request("GET", f"{BASE}/requests/{created['number']}.json").json() == [req]
    [closed] = anonymous.request("GET", f"{BASE}/requests/{answered}.json").json()
    assert closed["status"] == "closed" and closed["expected_datetime"] is None


def test_filters_and_pages(central):
    clerk = signed_in(central)
    ids = [create_ticket(clerk)[0] for _ in range(3)]
    tax, _ = create_ticket(clerk, topic="tax")
    push_ok(clerk, [event_op(clerk, ids[0], "answered", {"answer": "已答复", "source": "clerk"})])
    anonymous = central.client()

    def ids_of(**params):
        r = anonymous.request("GET", f"{BASE}/requests.json", params=params)
        assert r.status_code == 200, r.text
        return [x["service_request_id"] for x in r.json()]
    assert ids_of() == [tax, ids[2], ids[1], ids[0]]                 # newest first
    assert ids_of(service_code="tax") == [tax]
    assert ids_of(service_code="tax,annual_report") == [tax, ids[2], ids[1], ids[0]]
    assert ids_of(status="closed") == [ids[0]]
    assert set(ids_of(status="open")) == {tax, ids[1], ids[2]}
    assert ids_of(page_size="2") == [tax, ids[2]]
    assert ids_of(page_size="2", page="2") == [ids[1], ids[0]]
    assert ids_of(page="9") == []
    later = (now() + dt.timedelta(days=1)).isoformat()
    earlier = (now() - dt.timedelta(days=1)).isoformat()
    assert len(ids_of(start_date=earlier, end_date=later)) == 4
    assert ids_of(start_date=later) == []
    assert ids_of(service_request_id=f"{tax},{ids[1]}") == [tax, ids[1]]
    for params in ({"status": "pending"}, {"start_date": "soon"}, {"page": "0"},
                   {"page_size": "1000"},
                   {"start_date": "2026-01-01T00:00:00+08:00",
                    "end_date": "2026-12-31T00:00:00+08:00"}):
        r = anonymous.request("GET", f"{BASE}/requests.json", params=params)
        assert r.status_code == 400, params
        assert r.json()[0]["code"] == 400 and r.json()[0]["description"]
    r = anonymous.request("GET", f"{BASE}/requests/nope.json")
    assert r.status_code == 404 and r.json()[0]["error"] == "not_found"


def test_reports_are_hidden_from_the_public_and_tokens_see_their_scope(central):
    clerk = signed_in(central)
    report, _ = create_ticket(clerk, type="report")
    xiaolan = signed_in(central, "demo.town.supervisor")
    theirs, _ = create_ticket(xiaolan)
    anonymous = central.client()
    public = [x["service_request_id"] for x in
              anonymous.request("GET", f"{BASE}/requests.json").json()]
    assert report not in public and theirs in public
    assert anonymous.request("GET", f"{BASE}/requests/{report}.json").status_code == 404
    mine = clerk.request("GET", f"{BASE}/requests.json").json()
    assert [x["service_request_id"] for x in mine] == [report]
    assert mine[0]["description"] and mine[0]["x_enterprise_name"]
    assert not any(p in str(mine) for p in PERSONAL)


def test_open311_can_require_a_token(central_factory):
    server = central_factory(settings={"open311_public": False})
    r = server.client().request("GET", f"{BASE}/requests.json")
    assert r.status_code == 401 and r.json()[0]["error"] == "bad_token"
    assert signed_in(server).request("GET", f"{BASE}/requests.json").status_code == 200
