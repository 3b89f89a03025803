"""Scope on every read, pull and push."""

from __future__ import annotations

from tests.server.helpers import (create_ticket, edit_op, event_op, feed_state, push_ok,
                                  signed_in)


def test_a_town_station_sees_its_town_and_what_it_created(central):
    shiqi = signed_in(central)                                   # SQ01, shiqi
    city = signed_in(central, "demo.navigator")                  # ZS01, city hall
    xiaolan = signed_in(central, "demo.town.supervisor")         # XL01, xiaolan
    own, _ = create_ticket(shiqi)                                # shiqi's, made at SQ01
    filed_for_xiaolan, _ = create_ticket(shiqi, town="xiaolan")  # made at SQ01, for xiaolan
    city_for_shiqi, _ = create_ticket(city, town="shiqi")        # city hall, for shiqi
    city_for_xiaolan, _ = create_ticket(city, town="xiaolan")    # city hall, for xiaolan
    other_town, _ = create_ticket(xiaolan)                       # xiaolan's own
    assert set(feed_state(shiqi)) >= {own, filed_for_xiaolan, city_for_shiqi}
    assert not set(feed_state(shiqi)) & {city_for_xiaolan, other_town}
    assert {own, filed_for_xiaolan, city_for_shiqi, city_for_xiaolan,
            other_town} <= set(feed_state(city))
    assert set(feed_state(xiaolan)) >= {filed_for_xiaolan, city_for_xiaolan, other_town}
    assert not set(feed_state(xiaolan)) & {own, city_for_shiqi}
    # another station of the same town sees the town, not SQ01's filing for xiaolan
    sq2 = signed_in(central, "demo.clerk", "SQ02")
    assert own in feed_state(sq2) and filed_for_xiaolan not in feed_state(sq2)


def test_reading_another_towns_request_is_forbidden(central):
    shiqi = signed_in(central)
    xiaolan = signed_in(central, "demo.town.supervisor")
    theirs, _ = create_ticket(xiaolan)
    r = shiqi.request("GET", f"/requests/{theirs}")
    assert r.status_code == 403 and r.json()["error"] == "out_of_scope"
    assert xiaolan.request("GET", f"/requests/{theirs}").status_code == 200
    assert shiqi.request("GET", "/requests/nope").status_code == 404


def test_pushing_to_another_towns_request_is_rejected_without_leaking(central):
    shiqi = signed_in(central)
    xiaolan = signed_in(central, "demo.town.supervisor")
    theirs, created = create_ticket(xiaolan)
    r = push_ok(shiqi, [event_op(shiqi, theirs, "note", {"text": "越权"}),
                        edit_op(shiqi, theirs, {"contact_name": "越权"}, created["version"])])
    assert [x["reason"]["code"] for x in r] == ["out_of_scope", "out_of_scope"]
    assert [x["version"] for x in r] == [None, None] and r[0]["number"] is None
    doc = xiaolan.request("GET", f"/requests/{theirs}").json()
    assert doc["version"] == 1 and len(doc["events"]) == 1


def test_supervisors_see_their_jurisdiction(central):
    shiqi = signed_in(central)
    tid, _ = create_ticket(shiqi)
    city_sup = signed_in(central, "demo.supervisor")
    assert tid in feed_state(city_sup)
    push_ok(city_sup, [event_op(city_sup, tid, "supervised",
                                {"reply_due": "2099-12-31", "note": "请加快办理"})])
    town_sup = signed_in(central, "demo.town.supervisor")
    assert tid not in feed_state(town_sup)
    assert shiqi.request("GET", f"/requests/{tid}").json()["events"][-1]["type"] == "supervised"
