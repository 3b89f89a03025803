"""One enterprise matched against every item (``Desk.match_enterprise``, the window's and
the CLI's API) on a real desk file with the sample catalogue and the demo's profiles: the
same answer by id or credit code, one item alone, and the outreach list judging an item
exactly as matching does."""

from __future__ import annotations

import datetime as dt

import pytest

from core.catalogue import load_catalogue
from core.tickets import Role
from sync.demo_policy import credit_code, seed_profiles
from sync.desk import Actor, Desk, NotFound, Station

DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def nav(tmp_path_factory):
    desk = Desk.open(tmp_path_factory.mktemp("matching") / "desk.sqlite3",
                     station=Station("ZS01", "city", "市政务服务中心 1 号窗口"),
                     actor=Actor("nav01", Role.NAVIGATOR, "导办员"))
    desk.install_catalogue(load_catalogue().to_json())
    ids = seed_profiles(desk)
    yield desk, ids
    desk.close()


def test_by_id_or_credit_code_every_item_ranked(nav):
    desk, ids = nav
    by_code = desk.match_enterprise(credit_code("lamp"), DAY)
    by_id = desk.match_enterprise(ids["lamp"], DAY)
    assert [ln.verdict[:7] for ln in by_code.lines] == [ln.verdict[:7] for ln in by_id.lines]
    assert len(by_code.lines) == len(load_catalogue().items)
    assert sum(by_code.counts.values()) == len(by_code.lines)
    assert by_code.counts["eligible"] and by_code.counts["likely"]
    order = ["eligible", "likely", "not_eligible"]
    assert [ln.outcome for ln in by_code.lines] == sorted(
        (ln.outcome for ln in by_code.lines), key=order.index)
    assert by_code.enterprise.id == ids["lamp"] and by_code.on == DAY


def test_traces_are_written_when_read_in_the_language_asked(nav):
    desk, ids = nav
    zh = desk.match_enterprise(ids["hardware"], DAY)
    en = desk.match_enterprise(ids["hardware"], DAY, lang="en")
    likely = next(ln for ln in zh.lines if ln.outcome == "likely")
    assert likely.traces == likely.verdict.traces("zh") and likely.hints
    assert likely.hints[0] in [t.hint for t in likely.traces]
    en_line = en.line(likely.item_id)
    assert en_line is not None and en_line.traces == likely.verdict.traces("en")
    assert en_line.hints != likely.hints
    targeted = zh.line("pi-0082")
    assert targeted is not None and targeted.targeted and zh.targeting


def test_one_item_alone_agrees_with_the_whole_match(nav):
    desk, ids = nav
    whole = desk.match_enterprise(ids["software"], DAY)
    for line in whole.lines[::25]:
        alone = desk.match_item(ids["software"], line.item_id, on=DAY)
        assert alone.verdict[:7] == line.verdict[:7] and alone.traces == line.traces


def test_outreach_judges_an_item_as_matching_does(nav):
    desk, _ = nav
    item = next(i for i in load_catalogue().items
                if any(b.status_on(DAY).value in ("open", "closing_soon") for b in i.batches)
                and len(desk.outreach(i.id, on=DAY).rows) >= 2)
    listing = desk.outreach(item.id, on=DAY)
    for row in listing.rows:
        line = desk.match_enterprise(row.enterprise_id, DAY).line(item.id)
        assert line is not None
        assert (line.outcome, line.verdict.unmet, line.verdict.missing) == (
            row.outcome, row.unmet, row.missing)
        assert line.verdict.batch_id == listing.batch["id"]


def test_unknown_enterprise_item_or_no_catalogue(nav, tmp_path):
    desk, ids = nav
    with pytest.raises(NotFound):
        desk.match_enterprise("91442000MA4W7K2L3L", DAY)
    with pytest.raises(NotFound):
        desk.match_item(ids["lamp"], "pi-nope", on=DAY)
    with Desk.open(tmp_path / "bare.sqlite3") as bare:
        assert bare.policy_catalogue() is None and bare.prepare_matching() == 0
        with pytest.raises(NotFound):
            bare.match_enterprise(credit_code("lamp"), DAY)


def test_a_stored_catalogue_this_build_refuses_waits_for_the_servers(tmp_path):
    """A desk upgraded from an earlier build keeps a catalogue the parser now refuses:
    the policy window says there is no catalogue yet (no error on every call), the
    requests work, and the next catalogue from the central server fills the policies."""
    import orjson

    from sync import catalogue_store

    path = tmp_path / "old.sqlite3"
    files = load_catalogue().to_json()
    desk = Desk.open(path, station=Station("ZS01", "city", "市政务服务中心 1 号窗口"),
                     actor=Actor("nav01", Role.NAVIGATOR, "导办员"))
    desk.install_catalogue(files)
    old = orjson.loads(orjson.dumps(files))
    old["policies.json"][0]["items"][0]["stacking"] = "no_duplicate"   # (no group)
    with desk.store.write() as conn:
        conn.exec_driver_sql("UPDATE catalogue SET body = ?, etag = 'earlier' WHERE name = ?",
                             (orjson.dumps(old).decode(), catalogue_store.BLOB))
        for table in ("policy_batch_materials", "policy_batches", "policy_item_tags",
                      "policy_items", "policy_documents"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    desk.close()

    desk = Desk.open(path)
    try:
        assert desk.policy_catalogue() is None
        assert desk.search_policies("融资") == []
        with pytest.raises(NotFound):
            desk.match_enterprise(credit_code("lamp"), DAY)
        assert desk.count_requests() == 0                 # the counter side is untouched
        desk.install_catalogue(files)                     # what the next sync brings
        assert desk.policy_catalogue() is not None and desk.search_policies("融资")
    finally:
        desk.close()


def test_cases_take_their_batchs_deadline_when_the_catalogue_is_installed(tmp_path):
    """Cases pulled before the policy tables were filled (a desk upgraded offline) get
    their batch's closing day once the catalogue is installed."""
    from sync.case_queries import CaseFilter
    from sync.demo_cases import seed_cases

    desk = Desk.open(tmp_path / "desk.sqlite3",
                     station=Station("ZS01", "city", "市政务服务中心 1 号窗口"),
                     actor=Actor("nav01", Role.NAVIGATOR, "导办员"))
    try:
        files = load_catalogue().to_json()
        desk.install_catalogue(files)
        seed_cases(desk)
        before = {c.id: c.deadline for c in desk.cases(CaseFilter(limit=50))}
        assert before and all(before.values())
        with desk.store.write() as conn:
            conn.exec_driver_sql("UPDATE cases SET deadline = NULL")
        with desk.store.write() as conn:
            from sync import policy_store

            policy_store.install(conn, load_catalogue())
        assert {c.id: c.deadline for c in desk.cases(CaseFilter(limit=50))} == before
    finally:
        desk.close()
