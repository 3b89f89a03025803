"""The outreach list (``Desk.outreach``) over a generated desk (``bench.policygen``: the
sample catalogue, 400 varied profiles, cases for one item): for every item open on the
day, the list is exactly what judging each enterprise's whole stored profile one by one
gives — the same enterprises, outcomes, counts and main hints — although the desk reads
only the facts the rule needs and writes each distinct hint once."""

from __future__ import annotations

import pytest

from bench import policygen
from core.eligibility import matcher_for
from core.outreach import OutreachRow, main_hint, sort_rows
from sync import case_queries
from sync.desk import NotFound

N_ENTERPRISES = 400


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    path = tmp_path_factory.mktemp("outreach") / "desk.sqlite3"
    stats = policygen.generate(path, 350, N_ENTERPRISES)
    assert stats.enterprises == N_ENTERPRISES and stats.cases == N_ENTERPRISES // 100
    d = policygen.open_desk(path)
    yield d
    d.close()


def one_by_one(desk, item_id: str, batch_id: str) -> tuple[list[OutreachRow], dict[str, int]]:
    """The list the slow way: every stored profile parsed whole, judged, its hint written."""
    matcher = matcher_for(desk.policy_catalogue())
    with desk.store.read() as conn:
        profiles = list(case_queries.profiles(conn, None))
        with_case = {r[0] for r in conn.exec_driver_sql(
            "SELECT enterprise_id FROM cases WHERE item_id = ?", (item_id,))}
    rows, counts = [], {"scanned": 0, "with_case": 0, "not_eligible": 0}
    for p in profiles:
        v = matcher.verdict(p.parsed(), item_id, policygen.TODAY, batch_id)
        counts["scanned"] += 1
        if v.outcome == "not_eligible":
            counts["not_eligible"] += 1
        elif p.id in with_case:
            counts["with_case"] += 1
        else:
            rows.append(OutreachRow(p.id, p.name, p.credit_code, p.town, v.outcome, v.unmet,
                                    v.missing, main_hint(v)))
    return sort_rows(rows), counts


def test_every_open_item_lists_what_judging_each_whole_profile_gives(desk):
    checked = likely = 0
    for item in desk.policy_catalogue().items:
        open_now = [b for b in desk.open_batches(item.id) if b["status"] != "upcoming"]
        if not open_now:
            continue
        listing = desk.outreach(item.id)
        assert listing.batch["id"] == open_now[0]["id"]
        rows, counts = one_by_one(desk, item.id, listing.batch["id"])
        assert list(listing.rows) == rows, item.id
        assert (listing.scanned, listing.with_case, listing.not_eligible) == (
            counts["scanned"], counts["with_case"], counts["not_eligible"]), item.id
        checked += 1
        likely += listing.likely
    assert checked >= 30 and likely > 0


def test_enterprises_with_a_case_are_left_out(desk):
    listing = desk.outreach(policygen.OUTREACH_ITEM)
    assert listing.with_case > 0
    with desk.store.read() as conn:
        with_case = {r[0] for r in conn.exec_driver_sql(
            "SELECT enterprise_id FROM cases WHERE item_id = ?", (policygen.OUTREACH_ITEM,))}
    assert not with_case & {r.enterprise_id for r in listing.rows}
    assert listing.eligible + listing.likely == len(listing.rows)
    assert all(r.hint for r in listing.rows if r.outcome == "likely")
    assert all(not r.hint for r in listing.rows if r.outcome == "eligible")


def test_a_town_desk_lists_only_its_town(desk):
    whole = desk.outreach(policygen.OUTREACH_ITEM)
    town = whole.rows[0].town
    mine = desk.outreach(policygen.OUTREACH_ITEM, town=town)
    assert mine.rows and {r.town for r in mine.rows} == {town}
    assert [r for r in whole.rows if r.town == town] == list(mine.rows)


def test_open_batches_and_unknown_items(desk):
    batches = desk.open_batches(policygen.OUTREACH_ITEM)
    assert batches and batches[0]["status"] in ("open", "closing_soon")
    assert desk.open_batches("pi-nope") == []
    with pytest.raises(NotFound):
        desk.outreach("pi-nope")


def test_case_facets_count_the_generated_cases(desk):
    facets = desk.case_facets()
    assert facets.items[0][0] == policygen.OUTREACH_ITEM
    assert facets.items[0][2] == N_ENTERPRISES // 100 == len(facets.enterprises)
