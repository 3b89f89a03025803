"""The desk API of the policy-redemption window over a real SQLite file: profile edits,
cases and their timelines, the reusable materials checklist, targeting, consultations;
every write one transaction with its outbox ops, and a failure midway leaves nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from core.cases import CaseEventType as E
from core.cases import MaterialStatus, case_id_for
from core.enterprise import Fact
from core.tickets import Role, TransitionError
from core.validation import ValidationError
from sync import outbox
from sync.case_queries import CaseFilter
from sync.case_writes import CaseExists
from sync.desk import Actor, Desk, NotFound, Station
from tests.conftest import CODE
from tests.policy_picks import catalogue, picks

P = picks()                       # batches of the sample catalogue, picked by what they need
A_ITEM, A_BATCH = P.a.item, P.a.batch               # A and B share materials, one short-lived
B_ITEM, B_BATCH = P.b.item, P.b.batch
SIMPLE_ITEM, SIMPLE_BATCH = P.simple.item, P.simple.batch    # one material, never expires
LICENCE = P.simple.materials[0]
CLOSED_ITEM, CLOSED_BATCH = P.closed.item, P.closed.batch    # closed before 2026-11-24
TABLES = ("cases", "case_events", "enterprise_materials", "targeting", "consultations",
          "outbox", "enterprises")


def counts(desk):
    conn = sqlite3.connect(desk.store.path)
    try:
        out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        out["profiles"] = conn.execute("SELECT group_concat(profile) FROM enterprises").fetchone()
        return out
    finally:
        conn.close()


def open_desk(path, clock, role=Role.NAVIGATOR, user="nav01"):
    return Desk.open(path, station=Station("ZS01", "city", "市政务服务中心 1 号窗口"),
                     actor=Actor(user, role, "导办员"), clock=clock)


@pytest.fixture
def nav(desk_path, clock, catalogue_files):
    desk = open_desk(desk_path, clock)
    desk.install_catalogue(catalogue_files)
    yield desk
    desk.close()


@pytest.fixture
def ent(nav):
    ent_id, _ = nav.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    return ent_id


def as_role(desk, role, user="someone"):
    desk.actor = Actor(user, role)
    return desk


def test_register_and_edit_a_profile_with_provenance(nav):
    ent_id, changes = nav.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    assert changes.profiles == {ent_id} and changes.outbox
    assert nav.register_enterprise(CODE, "另一个名字")[0] == ent_id          # found by code
    assert nav.enterprise(CODE.lower()).id == ent_id
    changes = nav.edit_profile(ent_id, {
        "employees": Fact(120, "told", dt.date(2026, 11, 24)),
        "revenue": {"value": 8000, "source": "document", "as_of": "2025-12-31",
                    "material": "mat-audit"}})
    assert changes.profiles == {ent_id} and changes.enterprises == {ent_id}
    profile = nav.enterprise_profile(ent_id)
    assert profile.employees.value == 120 and profile.employees.source == "told"
    assert profile.revenue.material == "mat-audit"
    nav.edit_profile(ent_id, {"revenue": None})                             # cleared
    assert nav.enterprise_profile(ent_id).revenue is None
    ops = [(o.kind, o.base_version, o.payload.get("fields")) for o in nav.outbox_entries()]
    assert [k for k, *_ in ops] == ["enterprise.upsert", "enterprise.edit", "enterprise.edit"]
    assert ops[1][2]["employees"] == {"value": 120, "source": "told", "as_of": "2026-11-24"}
    assert ops[2][2] == {"revenue": None}
    edit = nav.outbox_entries()[1].payload
    assert edit["actor"] == "nav01" and edit["station"] == "ZS01" and edit["at"]
    before = counts(nav)
    with pytest.raises(ValidationError) as err:
        nav.edit_profile(ent_id, {"tax_credit_level": {"value": "Z", "source": "told",
                                                        "as_of": "2026-11-24"}})
    assert err.value.field == "tax_credit_level" and "纳税信用等级" in err.value.message_zh
    with pytest.raises(NotFound):
        nav.edit_profile("00000000-0000-0000-0000-000000000000",
                         {"employees": Fact(1, "told", dt.date(2026, 11, 24))})
    assert counts(nav) == before


def test_open_a_case_and_work_it_to_the_money(nav, ent, clock):
    case_id, changes = nav.open_case(ent, SIMPLE_ITEM, SIMPLE_BATCH, note="企业来窗口咨询")
    assert case_id == case_id_for(ent, SIMPLE_ITEM, SIMPLE_BATCH)
    assert changes.cases == {case_id} and changes.policies == {SIMPLE_ITEM}
    detail = nav.case(case_id)
    assert detail.row.state == "consulting" and detail.row.state_zh == "咨询中"
    assert detail.row.deadline == P.simple.closes.isoformat() and detail.row.pending == 1
    assert detail.row.item_title and detail.row.enterprise_name == "中山市示例精密机械有限公司"
    assert [ln.status for ln in detail.checklist] == [MaterialStatus.MISSING]
    assert E.MATERIAL_RECEIVED in detail.allowed and E.SUBMITTED not in detail.allowed
    with pytest.raises(CaseExists) as err:
        nav.open_case(ent, SIMPLE_ITEM, SIMPLE_BATCH)
    assert err.value.case_id == case_id and "已有帮办案件" in err.value.message_zh
    # submitting without the licence is refused unless the navigator says why
    nav.record_case_event(case_id, E.PREPARATION_STARTED, {})
    with pytest.raises(ValidationError) as err:
        nav.record_case_event(case_id, E.SUBMITTED, {"submitted_on": "2026-11-24"})
    assert err.value.field == "missing_note" and P.names[LICENCE] in err.value.message_zh
    nav.mark_material(ent, LICENCE, "2026-11-24", case_id=case_id)
    nav.record_case_event(case_id, "submitted", {"submitted_on": "2026-11-24",
                                                 "reference": "SB-2026-001"})
    nav.record_case_event(case_id, E.REVIEW_STARTED, {})
    clock.advance(days=5)
    nav.record_case_event(case_id, E.REDEEMED, {"amount": 30000, "redeemed_on": "2026-11-29"})
    detail = nav.case(case_id)
    assert detail.row.state == "redeemed" and detail.row.amount_redeemed == 30000
    assert detail.row.submitted_on == "2026-11-24" and detail.row.redeemed_on == "2026-11-29"
    assert [e.type for e, _ in detail.events] == [
        E.CREATED, E.PREPARATION_STARTED, E.MATERIAL_RECEIVED, E.SUBMITTED, E.REVIEW_STARTED,
        E.REDEEMED]
    assert all(pending for _, pending in detail.events)
    assert detail.allowed == [E.NOTE]
    kinds = [o.kind for o in nav.outbox_entries()]
    assert kinds == ["enterprise.upsert", "case.create", "case.event", "case.event",
                     "material.mark", "case.event", "case.event", "case.event"]
    assert nav.cases(CaseFilter(open_only=True)) == []
    assert [r.id for r in nav.cases(CaseFilter(enterprise_id=ent))] == [case_id]


def test_refusals_write_nothing(nav, ent):
    case_id, _ = nav.open_case(ent, SIMPLE_ITEM, SIMPLE_BATCH)
    before = counts(nav)
    with pytest.raises(TransitionError) as err:
        nav.record_case_event(case_id, E.REDEEMED, {"amount": 1, "redeemed_on": "2026-11-24"})
    assert err.value.code == "invalid_transition" and "咨询中" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        nav.open_case(ent, CLOSED_ITEM, CLOSED_BATCH)
    assert "截止申报" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        nav.open_case(ent, SIMPLE_ITEM, A_BATCH)
    assert err.value.field == "batch_id" and "不属于" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        nav.mark_material(ent, LICENCE, "2026-11-25", case_id=case_id)   # tomorrow
    assert err.value.field == "received_on"
    with pytest.raises(ValidationError) as err:
        nav.mark_material(ent, "mat-nonsense", "2026-11-24")
    assert err.value.field == "material_id"
    with pytest.raises(ValidationError) as err:
        nav.target_item(ent, SIMPLE_ITEM, "")
    assert err.value.field == "reason" and "定向推送理由" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        nav.record_consultation(ent, "pi-9999", "怎么申报？")
    assert err.value.field == "item_id"
    with pytest.raises(NotFound):
        nav.record_case_event("00000000-0000-0000-0000-000000000000", E.NOTE, {"text": "x"})
    # a clerk may open a case and add notes, nothing else; an admin not even open one
    as_role(nav, Role.CLERK)
    with pytest.raises(TransitionError) as err:
        nav.record_case_event(case_id, E.PREPARATION_STARTED, {})
    assert err.value.code == "role_not_allowed" and "受理员无权" in err.value.message_zh
    for write in (lambda: nav.mark_material(ent, LICENCE, "2026-11-24"),
                  lambda: nav.target_item(ent, SIMPLE_ITEM, "企业符合条件")):
        with pytest.raises(ValidationError) as err:
            write()
        assert err.value.field == "role" and "受理员无权" in err.value.message_zh
    as_role(nav, Role.ADMIN)
    with pytest.raises(TransitionError):
        nav.open_case(ent, A_ITEM, A_BATCH)
    assert counts(nav) == before
    as_role(nav, Role.CLERK)
    nav.open_case(ent, A_ITEM, A_BATCH)                         # a clerk opens one
    nav.record_case_event(case_id, E.NOTE, {"text": "企业来电询问进度"})


def test_materials_are_reused_across_the_enterprises_cases(nav, ent, clock):
    case_a, _ = nav.open_case(ent, A_ITEM, A_BATCH)
    for material in P.shared:
        changes = nav.mark_material(ent, material, "2026-11-20", case_id=case_a)
        assert changes.profiles == {ent} and changes.cases == {case_a}
    case_b, _ = nav.open_case(ent, B_ITEM, B_BATCH)
    lines = {ln.material_id: ln for ln in nav.case(case_b).checklist}
    assert list(lines) == list(P.b.materials)                      # the batch's order
    assert {m: ln.status.value for m, ln in lines.items()} == {
        m: "received" if m in P.shared else "missing" for m in P.b.materials}
    assert lines[P.short].case_id == case_a                        # received for the other case
    ends = dt.date(2026, 11, 20) + dt.timedelta(days=P.short_days)
    assert lines[P.short].expires_on == ends and lines[P.short].name == P.names[P.short]
    # the short-lived copy stops counting on its expiry day; longer-lived ones still count
    later = {ln.material_id: ln.status.value for ln in nav.case(case_b, on=ends).checklist}
    for m in P.shared:
        days = P.validity[m]
        assert later[m] == ("expired" if days is not None and days <= P.short_days
                            else "received"), m
    listed = {ln.material_id: ln for ln in nav.materials_of(ent, on=ends)}
    assert not listed[P.short].valid
    # a fresher copy handed in for case B renews it for both; an older one changes nothing
    fresh_day = ends + dt.timedelta(days=1)
    clock.set(f"{fresh_day.isoformat()}T10:00")
    nav.mark_material(ent, P.short, fresh_day, case_id=case_b)
    nav.mark_material(ent, P.short, "2026-12-01")
    fresh = {ln.material_id: ln for ln in nav.case(case_a).checklist}[P.short]
    assert fresh.received_on == fresh_day and fresh.case_id == case_b
    assert fresh.status is MaterialStatus.RECEIVED
    # taken back: missing everywhere, and the case timeline says so
    other = next(m for m in P.shared if m != P.short)
    nav.mark_material(ent, other, None, case_id=case_a, note="证明已作废")
    assert {ln.material_id: ln.status.value
            for ln in nav.case(case_b).checklist}[other] == "missing"
    assert [e.type for e, _ in nav.case(case_a).events][-1] is E.MATERIAL_REMOVED
    marks = [o for o in nav.outbox_entries() if o.kind == "material.mark"]
    assert marks[-1].payload["received_on"] is None and marks[-1].payload["note"]
    with pytest.raises(ValidationError) as err:
        nav.mark_material("another-enterprise", LICENCE, fresh_day, case_id=case_a)
    assert err.value.field == "case_id"


def test_targeting_and_consultations(nav, ent):
    tid, changes = nav.target_item(ent, SIMPLE_ITEM, "企业新获评专精特新，主动推送")
    assert changes.policies == {SIMPLE_ITEM} and changes.profiles == {ent}
    (row,) = nav.targeting_of(ent)
    assert (row.id, row.reason, row.actor, row.role, row.pending) == (
        tid, "企业新获评专精特新，主动推送", "nav01", "navigator", 1)
    assert nav.targeting_of(item_id=SIMPLE_ITEM)[0].id == tid
    cid, _ = nav.record_consultation(ent, SIMPLE_ITEM, "外地注册能否申报？", "须在本市注册", 4,
                                     "答复清楚")
    nav.record_consultation(ent, None, "有哪些人才政策？")
    rows = nav.consultations_of(ent)
    assert [r.rating for r in rows] == [None, 4]          # newest first
    assert {r.id for r in nav.consultations_of(item_id=SIMPLE_ITEM)} == {cid}
    ops = [o for o in nav.outbox_entries() if o.kind in ("targeting.create",
                                                         "consultation.create")]
    assert ops[0].payload == {"enterprise_id": ent, "item_id": SIMPLE_ITEM,
                              "reason": "企业新获评专精特新，主动推送", "actor": "nav01",
                              "station": "ZS01", "at": ops[0].payload["at"]}
    assert ops[1].payload["rating"] == 4 and ops[1].entity_id == cid


@pytest.mark.parametrize("fail_on", ["case.create", "case.event", "material.mark",
                                     "enterprise.edit", "targeting.create",
                                     "consultation.create"])
def test_a_write_that_fails_midway_leaves_nothing(nav, ent, monkeypatch, fail_on):
    case_id, _ = nav.open_case(ent, A_ITEM, A_BATCH)
    before = counts(nav)
    real = outbox.append

    def failing(conn, kind, *a, **kw):
        if kind == fail_on:
            raise OSError("disk full")
        return real(conn, kind, *a, **kw)

    monkeypatch.setattr(outbox, "append", failing)
    writes = {
        "case.create": lambda: nav.open_case(ent, B_ITEM, B_BATCH),
        # the case event is in when its material.mark fails (and the other way round)
        "case.event": lambda: nav.mark_material(ent, P.only_a, "2026-11-24", case_id=case_id),
        "material.mark": lambda: nav.mark_material(ent, P.only_a, "2026-11-24",
                                                   case_id=case_id),
        "enterprise.edit": lambda: nav.edit_profile(ent, {
            "employees": Fact(120, "told", dt.date(2026, 11, 24))}),
        "targeting.create": lambda: nav.target_item(ent, A_ITEM, "企业符合条件"),
        "consultation.create": lambda: nav.record_consultation(ent, A_ITEM, "怎么申报？"),
    }
    with pytest.raises(OSError):
        writes[fail_on]()
    assert counts(nav) == before
    assert nav.case(case_id).row.state == "consulting"
    monkeypatch.setattr(outbox, "append", real)
    writes[fail_on]()                         # and it works once the disk is back
    assert counts(nav) != before


def test_policies_are_filled_from_the_stored_catalogue_after_an_upgrade(desk_path, clock,
                                                                       catalogue_files):
    """A desk that had the catalogue before 0003 fills the policy tables on first use."""
    desk = open_desk(desk_path, clock)
    desk.install_catalogue(catalogue_files)
    with desk.store.write() as conn:
        for table in ("policy_batch_materials", "policy_batches", "policy_item_tags",
                      "policy_items", "policy_documents"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
        conn.exec_driver_sql("INSERT INTO policy_fts(policy_fts) VALUES ('delete-all')")
    desk.close()
    desk = open_desk(desk_path, clock)
    try:
        assert desk.search_policies("融资")
        assert len(desk.search_policies("", limit=1000)) == len(catalogue().items)
    finally:
        desk.close()


def test_profiles_in_scope(nav, ent, desk_path, clock):
    from core.identifiers import make_credit_code
    other, _ = nav.register_enterprise(make_credit_code("91442000MA4W7K2M5"), "小榄某五金厂",
                                       "xiaolan")
    nav.edit_profile(other, {"employees": Fact(30, "told", dt.date(2026, 11, 24))})
    assert {p.id for p in nav.profiles_in_scope()} == {ent, other}      # the city hall
    assert [p.id for p in nav.profiles_in_scope(town="xiaolan")] == [other]
    (row,) = nav.profiles_in_scope(town="xiaolan")
    assert row.parsed().employees.value == 30
    nav.station = Station("XL01", "xiaolan")
    assert [p.id for p in nav.profiles_in_scope()] == [other]


def test_a_desk_that_had_pulled_re_snapshots_after_the_upgrade(tmp_path, clock):
    """0003 leaves every row and op as it was; a desk that had pulled starts over from
    since=0 (keeping its outbox), as the server left cases out of its pages."""
    from sync import migrate
    from sync.desk import SYNC_RESNAPSHOT
    from sync.store import inspect_revision

    pulled, fresh = tmp_path / "pulled.sqlite3", tmp_path / "fresh.sqlite3"
    for path in (pulled, fresh):
        migrate.upgrade(path, "0002")
    conn = sqlite3.connect(pulled)
    conn.execute("""INSERT INTO meta (key, value) VALUES ('cursor', '"42"')""")
    conn.commit()
    conn.close()
    for path, cursor, marker in ((pulled, "0", True), (fresh, "0", False)):
        desk = open_desk(path, clock)
        try:
            assert inspect_revision(path) == "0003"
            assert desk.sync_cursor() == cursor
            assert (desk.resnapshot_pending() or {}).get("reason") == (
                "schema_upgrade" if marker else None)
            assert bool(desk.sync_meta(SYNC_RESNAPSHOT)) is marker
        finally:
            desk.close()


def test_materials_received_before_eight_in_the_morning_are_dated_the_halls_day(nav, ent,
                                                                                 clock):
    # 07:30 in Zhongshan is still the day before in UTC, the desk's system clock
    clock.now = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)
    case_id, _ = nav.open_case(ent, A_ITEM, A_BATCH)
    nav.record_case_event(case_id, E.PREPARATION_STARTED, {})
    nav.mark_material(ent, P.short, "2026-11-25", case_id=case_id)     # 收到材料, on the case
    nav.mark_material(ent, LICENCE, "2026-11-25")                      # on the checklist
    assert {ln.material_id: ln.received_on for ln in nav.materials_of(ent)} == {
        P.short: "2026-11-25", LICENCE: "2026-11-25"}
    assert [e.type for e, _ in nav.case(case_id).events][-1] is E.MATERIAL_RECEIVED
    # the day after the hall's day is still refused
    with pytest.raises(ValidationError) as err:
        nav.mark_material(ent, P.short, "2026-11-26", case_id=case_id)
    assert err.value.message_zh == "收件日期不能晚于登记当天"
