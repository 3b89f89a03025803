"""Redemption cases, the materials checklist, targeting, consultations and profile edits
between real desks through the real central API over loopback HTTP (on PostgreSQL when
HALLDESK_TEST_DATABASE_URL is set, SQLite otherwise): offline work converges, the scope
holds, an invalid transition needs attention, a same-field profile edit is a recorded
conflict, and the same case opened on two desks is merged."""

from __future__ import annotations

import datetime as dt

import pytest

from core.cases import CaseEventType as E
from core.enterprise import Fact
from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from sync.credentials import MemoryKeyring
from sync.desk import Desk
from sync.engine import State, SyncEngine
from sync.session import Session
from tests.conftest import CODE, CST, FakeClock
from tests.policy_picks import picks

pytestmark = pytest.mark.e2e
PASSWORD = "demo-2026"
P = picks()                                 # batches of the sample, picked by what they need
ITEM, BATCH = P.a.item, P.a.batch           # open on 2026-11-24 for 30 days and more
MATERIALS = P.a.materials
EXTRA = next(m for m in P.names if m not in MATERIALS)      # a material A does not ask for
OTHER_ITEM = P.b.item
N = len(MATERIALS)


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@pytest.fixture
def clock():
    return FakeClock(dt.datetime(2026, 11, 24, 10, 0, tzinfo=CST))


@pytest.fixture
def hall(central, tmp_path, clock):
    """``hall("a", "ZS01", "demo.navigator")`` -> a desk signed in there, and its engine,
    synced once (so it has the catalogue)."""
    opened = []

    def make(name, station, user):
        desk = Desk.open(tmp_path / f"{name}.sqlite3", clock=clock)
        session = Session(desk, central.url)
        session.login(user, PASSWORD, station)
        engine = SyncEngine(desk, session.client)
        opened.append((desk, engine))
        synced(engine)
        return desk, engine

    yield make
    for desk, engine in opened:
        engine.stop()
        desk.close()


def synced(engine):
    report = engine.sync_once()
    assert report is not None and report.ok, report
    return report


def timeline(desk, case_id):
    return [(e.type.value, e.station, e.actor, dict(e.data)) for e, _ in desk.case(case_id).events]


def test_a_case_worked_offline_appears_with_its_timeline_on_another_desk(hall, central):
    a, engine_a = hall("a", "ZS01", "demo.navigator")       # the city hall's window
    b, engine_b = hall("b", "SQ01", "demo.clerk")           # the enterprise's town hall
    c, engine_c = hall("c", "XL01", "demo.navigator")       # another town: out of scope
    engine_a.set_offline(True)                              # the hall's network is down
    ent, _ = a.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    a.edit_profile(ent, {"employees": Fact(120, "told", dt.date(2026, 11, 24)),
                         "tax_credit_level": Fact("A", "register", dt.date(2026, 4, 30))})
    case_id, _ = a.open_case(ent, ITEM, BATCH, note="企业来窗口咨询出口奖励")
    a.record_case_event(case_id, E.PREPARATION_STARTED, {})
    for material in MATERIALS:
        a.mark_material(ent, material, "2026-11-20", case_id=case_id)
    a.mark_material(ent, EXTRA, "2026-11-24")                   # for the checklist only
    a.record_case_event(case_id, E.SUBMITTED, {"submitted_on": "2026-11-24",
                                               "channel": "中山市惠企政策平台"})
    a.record_case_event(case_id, E.REVIEW_STARTED, {"note": "商务局已受理"})
    target, _ = a.target_item(ent, OTHER_ITEM, "企业外贸额增长较快，主动推送出口信用保险补贴")
    consult, _ = a.record_consultation(ent, ITEM, "出口额按报关单还是按发票？", "按海关统计数据",
                                       5, "答复及时")
    assert engine_a.sync_once().error == "work_offline"
    assert a.case(case_id).row.pending == 4 + N and a.case(case_id).row.version == 0
    engine_a.set_offline(False)
    report = synced(engine_a)
    assert report.pushed == report.applied == 9 + 2 * N and report.rejected == 0
    assert a.case(case_id).row.pending == 0 and a.case(case_id).row.version == 4 + N
    assert a.outbox_counts() == {"pending": 0, "parked": 0, "rejected": 0}

    synced(engine_b)
    row = b.case(case_id).row
    assert (row.state, row.enterprise_id, row.item_id, row.batch_id, row.station_id) == (
        "under_review", ent, ITEM, BATCH, "ZS01")
    assert row.submitted_on == "2026-11-24" and row.deadline == P.a.closes.isoformat()
    assert timeline(b, case_id) == timeline(a, case_id)
    assert [t for t, *_ in timeline(b, case_id)] == [
        "created", "preparation_started", *["material_received"] * N, "submitted",
        "review_started"]
    assert all(not pending for _, pending in b.case(case_id).events)
    checklist = {ln.material_id: ln for ln in b.case(case_id).checklist}
    assert {m: ln.status.value for m, ln in checklist.items()} == {m: "received"
                                                                    for m in MATERIALS}
    assert checklist[P.short].expires_on == dt.date(2026, 11, 20) + dt.timedelta(
        days=P.short_days)
    assert {ln.material_id for ln in b.materials_of(ent)} == {*MATERIALS, EXTRA}
    (t,) = b.targeting_of(ent)
    assert (t.id, t.item_id, t.reason, t.actor, t.role) == (
        target, OTHER_ITEM, "企业外贸额增长较快，主动推送出口信用保险补贴", "demo.navigator",
        "navigator")
    (q,) = b.consultations_of(ent)
    assert (q.id, q.question, q.rating, q.comment) == (consult, "出口额按报关单还是按发票？", 5,
                                                       "答复及时")
    profile = b.enterprise_profile(ent)
    assert profile.employees.value == 120 and profile.tax_credit_level.source == "register"
    # another town's hall sees the enterprise and its checklist, not its case or records
    synced(engine_c)
    assert c.enterprise(ent) is not None and len(c.materials_of(ent)) == N + 1
    assert c.cases() == [] and c.targeting_of(ent) == [] and c.consultations_of(ent) == []
    # every write is audited on the server
    admin = central.client()
    admin.login("admin", PASSWORD, "ZS03")
    actions = [e["action"] for e in admin.request(
        "GET", "/audit", params={"entity_id": case_id}).json()["entries"]]
    assert actions[0] == "case.create" and "case.event:submitted" in actions
    assert admin.request("GET", f"/cases/{case_id}").json()["version"] == 4 + N


def test_the_same_case_opened_on_two_desks_offline_is_merged(hall):
    a, engine_a = hall("a", "ZS01", "demo.navigator")
    b, engine_b = hall("b", "ZS02", "demo.supervisor")
    for engine in (engine_a, engine_b):
        engine.set_offline(True)
    ent_a, _ = a.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    ent_b, _ = b.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    assert ent_a == ent_b
    case_a, _ = a.open_case(ent_a, ITEM, BATCH)
    case_b, _ = b.open_case(ent_b, ITEM, BATCH)
    assert case_a == case_b
    a.record_case_event(case_a, E.NOTE, {"text": "A 窗口：企业电话咨询"})
    b.mark_material(ent_b, MATERIALS[0], "2026-11-23", case_id=case_b)
    for engine in (engine_a, engine_b):
        engine.set_offline(False)
    assert synced(engine_a).rejected == 0
    assert synced(engine_b).rejected == 0
    synced(engine_a)
    for desk in (a, b):
        events = timeline(desk, case_a)
        assert [(t, s) for t, s, *_ in events] == [("created", "ZS01"), ("note", "ZS01"),
                                                   ("material_received", "ZS02")]
        assert desk.case(case_a).row.state == "preparing"
        assert desk.cases()[0].pending == 0


def test_an_invalid_case_transition_needs_attention_and_later_ops_go_through(hall):
    a, engine_a = hall("a", "ZS01", "demo.navigator")
    b, engine_b = hall("b", "ZS02", "demo.supervisor")
    ent, _ = a.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    case_id, _ = a.open_case(ent, ITEM, BATCH)
    a.record_case_event(case_id, E.PREPARATION_STARTED, {})
    synced(engine_a)
    synced(engine_b)
    b.record_case_event(case_id, E.WITHDRAWN, {"reason": "企业决定下一批次再申报"})
    synced(engine_b)
    # desk A has not seen the withdrawal: its submission is stale
    a.record_case_event(case_id, E.SUBMITTED, {"submitted_on": "2026-11-24",
                                               "missing_note": "企业承诺三日内补齐"})
    consult, _ = a.record_consultation(ent, ITEM, "下一批次什么时候开始？")
    report = engine_a.sync_once()
    assert report.state is State.NEEDS_ATTENTION
    assert (report.applied, report.rejected) == (1, 1)
    (item,) = a.needs_attention()
    assert item.kind == "case.event" and item.reason["code"] == "invalid_transition"
    assert "已撤回" in item.reason_zh and "不能执行" in item.reason_zh
    assert item.what_zh.startswith("已申报")
    # the rejected event left the local timeline; the server's withdrawal is in it
    assert [t for t, *_ in timeline(a, case_id)] == ["created", "preparation_started",
                                                     "withdrawn"]
    assert a.case(case_id).row.state == "withdrawn"
    assert a.consultations_of(ent)[0].id == consult and a.consultations_of(ent)[0].version == 1
    # reopening a withdrawn case is the navigator's to do; it then goes through
    a.record_case_event(case_id, E.REOPENED, {"reason": "企业改变主意"})
    assert synced_or_attention(engine_a).applied == 1
    synced(engine_b)
    assert b.case(case_id).row.state == "preparing"


def synced_or_attention(engine):
    report = engine.sync_once()
    assert report is not None and report.error is None, report
    return report


def test_same_field_profile_edits_are_merged_and_the_conflict_recorded(hall, central):
    a, engine_a = hall("a", "ZS01", "demo.navigator")
    b, engine_b = hall("b", "SQ01", "demo.clerk")
    ent, _ = a.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    a.edit_profile(ent, {"employees": Fact(100, "told", dt.date(2026, 11, 1))})
    synced(engine_a)
    synced(engine_b)
    assert b.enterprise_profile(ent).employees.value == 100
    a.edit_profile(ent, {"employees": Fact(120, "told", dt.date(2026, 11, 24)),
                         "revenue": Fact(8000, "document", dt.date(2025, 12, 31),
                                         material="mat-audit")})
    b.edit_profile(ent, {"employees": Fact(118, "document", dt.date(2026, 11, 24),
                                           material="mat-social-insurance")})
    b.edit_profile(ent, {"invention_patents": Fact(3, "told", dt.date(2026, 11, 24))})
    synced(engine_a)
    report = synced(engine_b)
    assert report.conflicts == 1
    (conflict,) = b.conflicts(ent)
    assert conflict["field"] == "employees" and conflict["kept"]["value"] == 118
    assert conflict["overwritten"]["value"] == 120
    synced(engine_a)
    for desk in (a, b):                        # arrival order: B's count, A's revenue
        profile = desk.enterprise_profile(ent)
        assert profile.employees.value == 118 and profile.employees.source == "document"
        assert profile.revenue.value == 8000 and profile.invention_patents.value == 3
    supervisor = central.client()
    supervisor.login("demo.supervisor", PASSWORD, "ZS02")
    listed = supervisor.request("GET", "/profile-conflicts").json()["conflicts"]
    assert [(c["enterprise_id"], c["field"], c["kept"]["value"], c["overwritten"]["value"])
            for c in listed] == [(ent, "employees", 118, 120)]
    clerk = central.client()
    clerk.login("demo.clerk", PASSWORD, "SQ01")
    assert clerk.request("GET", "/profile-conflicts").status_code == 403
