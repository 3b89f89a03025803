"""The demo desk: ~200 sample requests in every state, recorded through the real desk API."""

from __future__ import annotations

import collections
import datetime as dt
import time

import pytest

from core.catalogue import load_catalogue
from core.deadlines import Light
from core.identifiers import check_credit_code, check_phone
from core.ticket_state import ClockKind
from core.tickets import Channel, RequestType, Role, Status
from sync.demo import (DEMO_CLERK, DEMO_STATION, DEMO_SUPERVISOR, DemoClock, create_demo_desk,
                       demo_info, seed_demo_desk)
from sync.desk import Desk, RequestFilter, system_clock

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 24, 15, 20, tzinfo=CST)            # a Tuesday afternoon
HOLIDAY_NIGHT = dt.datetime(2026, 10, 4, 21, 5, tzinfo=CST)     # National Day, a Sunday


def snapshot(desk: Desk) -> list[dict]:
    """Every request with its timeline, in the order it was taken (ids left out)."""
    rows = sorted(desk.request_page(RequestFilter(), limit=10_000), key=lambda r: r.pk)
    out = []
    for row in rows:
        detail = desk.request(row.id)
        header = {k: detail.header[k] for k in (
            "local_number", "channel", "type", "topic", "credit_code", "enterprise_name",
            "contact_name", "contact_phone", "description", "filed_by", "town", "status",
            "unit_id")}
        header["events"] = [(e.type.value, e.at.isoformat(), e.actor, e.role.value,
                             dict(e.data)) for e, _ in detail.events]
        header["state"] = detail.state
        header["id"] = row.id
        out.append(header)
    return out


def lights(requests: list[dict], schedule, now: dt.datetime) -> collections.Counter:
    found: collections.Counter = collections.Counter()
    for r in requests:
        for clock in r["state"].running():
            found[(clock.kind, clock.light(schedule, now)[0])] += 1
    return found


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    started = time.perf_counter()
    desk = create_demo_desk(path, now=NOW)
    elapsed = time.perf_counter() - started
    print(f"\ncreate_demo_desk with 200 requests: {elapsed:.2f} s")
    yield desk, snapshot(desk), elapsed
    desk.close()


def test_about_200_requests_seeded(seeded):
    desk, requests, elapsed = seeded
    assert 190 <= len(requests) <= 215
    assert desk.count_requests() == len(requests)
    print(f"seeding took {elapsed:.2f} s")   # a figure, not a timed test


def test_every_status_channel_and_type_is_present(seeded):
    _, requests, _ = seeded
    assert {r["status"] for r in requests} == {s.value for s in Status}
    assert {r["channel"] for r in requests} == {c.value for c in Channel}
    assert {r["type"] for r in requests} == {t.value for t in RequestType}
    assert len({r["town"] for r in requests}) >= 8


def test_proportions_follow_the_citys_figures(seeded):
    _, requests, _ = seeded
    statuses = collections.Counter(r["status"] for r in requests)
    dispatched = sum(1 for r in requests if any(e[0] == "dispatched" for e in r["events"]))
    answered = statuses["answered"]
    assert 0.10 <= dispatched / len(requests) <= 0.15
    # immediate-reply rate (the city: 88.85%)
    assert 0.83 <= answered / (answered + dispatched) <= 0.92
    assert 2 <= statuses["received"] <= 6
    kinds = collections.Counter(r["type"] for r in requests if r["status"] == "answered")
    assert kinds.most_common(1)[0][0] == "consultation"


def test_all_three_clock_colours_at_now(seeded):
    desk, requests, _ = seeded
    found = lights(requests, desk.schedule, NOW)
    colours = {light for _, light in found}
    assert {Light.GREEN, Light.AMBER, Light.RED} <= colours
    contact = {light for kind, light in found if kind is ClockKind.CONTACT}
    assert {Light.GREEN, Light.AMBER, Light.RED} <= contact
    assert (ClockKind.FOLLOW, Light.RED) in found          # one next-feedback date overdue
    assert (ClockKind.SUPERVISION, Light.GREEN) in found


def test_showcase_requests(seeded):
    _, requests, _ = seeded

    def having(event: str) -> list[dict]:
        return [r for r in requests if any(e[0] == event for e in r["events"])]

    supervised = having("supervised")
    assert len(supervised) >= 2
    for r in supervised:
        event = next(e for e in r["events"] if e[0] == "supervised")
        assert (event[2], event[3]) == (DEMO_SUPERVISOR.user, Role.SUPERVISOR.value)
        assert r["state"].supervised
    assert any(r["channel"] == "leader_line" for r in supervised)
    # every other event was recorded by the clerk
    assert {e[2] for r in requests for e in r["events"] if e[0] != "supervised"} \
        == {DEMO_CLERK.user}

    following = [r for r in requests if r["status"] == Status.FOLLOWING]
    assert len(following) >= 3
    assert all(r["state"].next_feedback_date for r in following)
    overdue = [r for r in following if r["state"].next_feedback_date < NOW.date()]
    assert len(overdue) == 1
    assert any(sum(e[0] == "next_feedback_set" for e in r["events"]) >= 2 for r in following)

    transferred = having("transferred")
    assert len(transferred) >= 2
    for r in transferred:
        first = next(e for e in r["events"] if e[0] == "dispatched")[4]["unit_id"]
        assert r["unit_id"] != first

    visits = [r for r in requests if r["channel"] == Channel.VISIT]
    assert visits and all(r["filed_by"] and " " in r["filed_by"] for r in visits)
    assert any(r["status"] == Status.CLOSED for r in visits)

    reopened = [r for r in requests if r["status"] == Status.REOPENED]
    for r in reopened:
        assert r["events"][-1][0] == "evaluated"
        assert r["events"][-1][4]["satisfaction"] == "unsatisfied"
    closed = [r for r in requests if r["status"] == Status.CLOSED]
    assert {r["state"].satisfaction for r in closed} <= {"satisfied", "basically"}
    assert any(sum(e[0] == "dispatched" for e in r["events"]) == 2 for r in requests)
    assert having("call_logged") and having("note") and having("interim_reply")


def test_answers_cite_the_catalogue(seeded):
    _, requests, _ = seeded
    cat = load_catalogue()
    units = {u.id: u for u in cat.units}
    sources = collections.Counter()
    for r in requests:
        for kind, _, _, _, data in r["events"]:
            if kind == "answered":
                sources[data["source"]] += 1
                if data["source"] == "kb":
                    article = cat.article(data["source_ref"])
                    assert article.title == data["source_title"]
                    assert article.topic == r["topic"]
                    assert data["answer"] == article.answer
                elif data["source"] == "call":
                    assert data["source_ref"] in units
            elif kind == "call_logged":
                unit = units[data["unit_id"]]
                assert data["duty_contact"] in {d.name for d in unit.duty}
                assert data["duty_phone"] in {d.phone for d in unit.duty}
            elif kind in ("dispatched", "transferred"):
                unit = units[data["unit_id"]]
                topic = cat.topic(r["topic"])
                assert unit.id in topic.units or (unit.town == r["town"]
                                                  and r["topic"] in unit.topics)
                assert data["unit_name"] == unit.name
    assert sources["kb"] > 5 * sources["call"] > 0


def test_headers_are_valid_and_plausible(seeded):
    _, requests, _ = seeded
    cat = load_catalogue()
    for r in requests:
        assert check_credit_code(r["credit_code"]).ok
        assert r["credit_code"].startswith("91442000")
        assert check_phone(r["contact_phone"]).ok
        assert 20 <= len(r["description"]) <= 150, r["description"]
        assert "示例" not in r["enterprise_name"]
        assert cat.topic(r["topic"]) and cat.town(r["town"])
        assert (r["filed_by"] is not None) == (r["channel"] == "visit")
    names = collections.Counter(r["enterprise_name"] for r in requests)
    assert len(names) >= 30
    # each town's enterprises follow its trade
    trades = {"古镇": ("灯饰", "照明", "光电", "灯都"), "小榄": ("五金", "锁"),
              "大涌": ("家具",), "沙溪": ("服", "衣"), "神湾": ("艇",), "东凤": ("电器",),
              "南头": ("电器", "空调")}
    seen = set()
    for short, words in trades.items():
        code = cat.find_town(short).code
        for r in requests:
            if r["town"] == code:
                seen.add(short)
                assert any(w in r["enterprise_name"] for w in words), r["enterprise_name"]
    assert len(seen) >= 5


def test_timelines_lie_before_now_in_order(seeded):
    _, requests, _ = seeded
    earliest = NOW - dt.timedelta(days=31)
    for r in requests:
        times = [dt.datetime.fromisoformat(e[1]) for e in r["events"]]
        assert times == sorted(times)
        assert earliest <= times[0] and times[-1] < NOW


def test_outbox_holds_every_op_in_sequence(seeded):
    desk, requests, _ = seeded
    ops = desk.outbox_entries()
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    kinds = collections.Counter(op.kind for op in ops)
    assert kinds["ticket.create"] == len(requests)
    assert kinds["ticket.event"] == sum(len(r["events"]) - 1 for r in requests)
    # the requests' enterprises, then the policy window's sample enterprises
    assert kinds["enterprise.upsert"] >= len({r["credit_code"] for r in requests})
    assert set(kinds) == {"ticket.create", "ticket.event", "enterprise.upsert",
                          "enterprise.edit", "material.mark", "targeting.create",
                          "case.create", "case.event", "consultation.create"}
    created = [op.created_at for op in ops]
    assert created == sorted(created)          # recorded in time order, as a day's work
    assert desk.outbox_counts()["pending"] == len(ops)


def test_desk_is_marked_as_sample_and_back_on_the_system_clock(seeded):
    desk, _, _ = seeded
    info = demo_info(desk)
    assert info["sample"] is True and info["notice"] == "示例数据"
    assert dt.datetime.fromisoformat(info["seeded_at"]) == NOW
    assert desk.clock is system_clock
    assert desk.station == DEMO_STATION and desk.actor == DEMO_CLERK
    assert desk.catalogue_etag() == load_catalogue().etag


def test_opening_again_does_not_seed_twice(seeded, tmp_path_factory):
    desk, requests, _ = seeded
    again = create_demo_desk(desk.store.path, now=NOW + dt.timedelta(days=3))
    try:
        assert again.count_requests() == len(requests)
        assert demo_info(again)["seeded_at"] == NOW.isoformat()
    finally:
        again.close()


def test_seeding_is_deterministic(seeded, tmp_path):
    _, requests, _ = seeded
    with Desk.open(tmp_path / "again.sqlite3", station=DEMO_STATION, actor=DEMO_CLERK) as desk:
        seed_demo_desk(desk, now=NOW)
        again = snapshot(desk)

    def strip(rs: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k not in ("id", "state")} for r in rs]
    assert strip(again) == strip(requests)


def test_a_holiday_night_still_shows_every_state_and_colour(tmp_path):
    """Opened on a Sunday night in the National Day holiday: clocks are counted in
    business time, so every colour and state is still there."""
    with Desk.open(tmp_path / "holiday.sqlite3", station=DEMO_STATION,
                   actor=DEMO_CLERK) as desk:
        seed_demo_desk(desk, now=HOLIDAY_NIGHT, seed=11)
        requests = snapshot(desk)
        assert {r["status"] for r in requests} == {s.value for s in Status}
        found = {light for _, light in lights(requests, desk.schedule, HOLIDAY_NIGHT)}
        assert {Light.GREEN, Light.AMBER, Light.RED} <= found
        for r in requests:
            assert dt.datetime.fromisoformat(r["events"][-1][1]) < HOLIDAY_NIGHT


def test_seeding_keeps_the_desks_clock_and_user(tmp_path):
    clock = DemoClock(NOW)
    other = DEMO_CLERK.__class__("clerk07", Role.CLERK, "张敏")
    with Desk.open(tmp_path / "mine.sqlite3", station=DEMO_STATION, actor=other,
                   clock=clock) as desk:
        seed_demo_desk(desk, now=NOW, count=60)
        assert desk.clock is clock and desk.actor == other
        assert 55 <= desk.count_requests() <= 65
    with Desk.open(tmp_path / "mine.sqlite3") as desk:
        assert desk.actor == other


def test_bad_input(tmp_path):
    with Desk.open(tmp_path / "x.sqlite3", station=DEMO_STATION, actor=DEMO_CLERK) as desk:
        with pytest.raises(ValueError, match="now"):
            seed_demo_desk(desk, now=dt.datetime(2026, 11, 24, 15, 20))
    with Desk.open(tmp_path / "y.sqlite3") as desk:
        with pytest.raises(ValueError, match="station"):
            seed_demo_desk(desk, now=NOW)
