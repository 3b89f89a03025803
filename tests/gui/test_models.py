"""Every item model of the desk passes pytest-qt's model tester (the Python port of Qt's
QAbstractItemModelTester, ``force_py=True``: it stays connected and re-checks the whole
model on every signal), filled from a real desk file and again after the changes a clerk
makes: a filter, a search, a reset, rows fetched lazily or appended by the scan."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from core.enterprise import Fact
from core.identifiers import make_credit_code
from desktop.models.requests import BLOCK, PLACEHOLDER, RequestTableModel
from desktop.widgets.list_filters import SearchingRequestModel
from sync.ticket_queries import RequestFilter, View
from tests.conftest import CODE, intake_form

N_REQUESTS = BLOCK + 30          # more than one block: rows past it load lazily
TOWNS = ("shiqi", "xiaolan", "guzhen")


@pytest.fixture
def checked(qtmodeltester):
    def check(model):
        qtmodeltester.check(model, force_py=True)
        return model
    return check


@pytest.fixture
def many(ctx, clock):
    """Requests over three towns: one in five dispatched (running clocks), one in seven
    answered at once, the rest received."""
    desk = ctx.desk
    clock.set("2026-11-20T09:00")
    for i in range(N_REQUESTS):
        name = "中山市小榄五金制品有限公司" if i % 4 == 0 else f"中山市第{i}号示例企业"
        ticket_id, _ = desk.record_intake(intake_form(
            credit_code=make_credit_code(f"91442000MA5X{i:05d}"), enterprise_name=name,
            town=TOWNS[i % 3], type=("help", "complaint", "consultation")[i % 3],
            description="五金件外观专利被仿冒" if i % 10 == 0 else "年报填报咨询"))
        if i % 5 == 0:
            desk.dispatch(ticket_id, "u-scjg")
        elif i % 7 == 0:
            desk.answer_immediately(ticket_id, "已答复", source="kb", source_ref="kb-0001")
        clock.advance(minutes=3)
    clock.set("2026-11-24T09:00")
    return desk


def shown_numbers(model, rows) -> list[str]:
    return [model.index(r, 0).data() for r in rows]


# -- the request list -----------------------------------------------------------------------


def test_request_list_model_loads_fetches_ticks_and_reloads(qtbot, ctx, many, checked):
    model = checked(RequestTableModel(ctx))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    ids = many.request_ids(RequestFilter())
    assert model.rowCount() == N_REQUESTS and model.ids() == ids
    first = many.request_rows(ids[:3])
    assert shown_numbers(model, range(3)) == [first[pk].display_number for pk in ids[:3]]

    last = N_REQUESTS - 1                        # past the first block: fetched on demand
    assert model.index(last, 0).data() == PLACEHOLDER
    with qtbot.waitSignal(model.dataChanged, timeout=5000):
        pass
    assert model.index(last, 0).data() == many.request_rows([ids[last]])[ids[last]].display_number

    model.tick(many.clock() + dt.timedelta(hours=2))     # the countdown columns move on
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(RequestFilter(view=View.OPEN, town="xiaolan"))
    assert model.ids() == many.request_ids(RequestFilter(view=View.OPEN, town="xiaolan"))

    ticket = model.index(0, 0).data(Qt.ItemDataRole.UserRole + 3)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.apply_changes(many.add_note(ticket, "企业来电补充材料"))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(RequestFilter(town="nowhere"))      # an empty list
    assert model.rowCount() == 0


def test_searching_model_appends_the_description_scan(qtbot, ctx, many, checked):
    model = checked(SearchingRequestModel(ctx))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.rowCount() == N_REQUESTS
    with qtbot.waitSignal(model.scan_finished, timeout=5000) as scan:
        model.set_filter(RequestFilter(text="五金"))
    rows, added = scan.args
    expected = set(many.request_ids_full(RequestFilter(text="五金")))
    assert rows == model.rowCount() == len(expected) and set(model.ids()) == expected
    assert added > 0                 # descriptions matched that the names did not
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(RequestFilter(view=View.CLOSED))
    assert model.ids() == many.request_ids(RequestFilter(view=View.CLOSED))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(RequestFilter())                     # the filters cleared
    assert model.rowCount() == N_REQUESTS


# -- the intake's pickers ---------------------------------------------------------------------


def test_kb_results_model(ctx, checked):
    from desktop.widgets.kb_panel import HtmlRole, KbResultsModel
    from sync.lookups import KbResults

    model = checked(KbResultsModel(ctx))
    results = ctx.desk.kb_lookup("年报")
    model.set_results(results)
    assert model.rowCount() == len(results.hits) > 0
    assert model.index(0).data() == results.hits[0].title
    assert "年报" in model.index(0).data(HtmlRole)
    other = ctx.desk.kb_lookup("融资")
    model.set_results(other)
    assert model.rowCount() == len(other.hits) > 0
    model.set_results(KbResults())                           # the search box cleared
    assert model.rowCount() == 0


def test_unit_table_model(ctx, checked):
    from desktop.widgets.unit_picker import UnitTableModel, rank_units

    units = ctx.reference.units
    model = checked(UnitTableModel(rank_units(units, topic="annual_report", town="shiqi"),
                                   dt.date(2026, 11, 24), ctx.desk.schedule.calendar))
    assert model.rowCount() == len(units) > 0
    model.set_filter("市场")
    assert 0 < model.rowCount() < len(units)
    assert all("市场" in model.unit_at(r).name or "市场" in (model.unit_at(r).short or "")
               for r in range(model.rowCount()))
    model.set_filter("zzzz")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == len(units)


def test_enterprise_results_model(ctx, many, checked):
    from desktop.widgets.enterprise_picker import EnterpriseResultsModel, HtmlRole

    model = checked(EnterpriseResultsModel(ctx))
    hits = many.find_enterprises("小榄")
    model.set_hits(hits, "小榄")
    assert model.rowCount() == len(hits) > 0
    assert model.index(0).data().startswith("中山市小榄五金制品有限公司")
    assert "小榄" in model.index(0).data(HtmlRole)
    code = many.find_enterprises("91442000MA5X0")
    model.set_hits(code, "91442000MA5X0")
    assert model.rowCount() == len(code) > 0
    model.set_hits([], "")
    assert model.rowCount() == 0


# -- the policy window ------------------------------------------------------------------------


@pytest.fixture
def enterprise(ctx):
    desk = ctx.desk
    ent_id, _ = desk.register_enterprise(CODE, "中山市示例精密机械有限公司", "shiqi")
    desk.edit_profile(ent_id, {"employees": Fact(120, "told", dt.date(2026, 11, 24)),
                               "revenue": Fact(8000, "told", dt.date(2025, 12, 31))})
    return ent_id


def test_profile_model(ctx, enterprise, checked):
    from core.enterprise import EnterpriseProfile
    from desktop.policy.profile_model import ProfileModel

    model = checked(ProfileModel())
    model.set_profile(ctx.desk.enterprise_profile(enterprise),
                      towns={t.code: t.name for t in ctx.reference.towns},
                      today=dt.date(2026, 11, 24))
    employees = model.row_of("employees")
    assert "120" in model.index(employees, 1).data()
    model.set_profile(EnterpriseProfile())                    # another enterprise: all unknown
    assert model.index(employees, 1).data() == model.tr("not given")


def test_industry_model(checked):
    from desktop.policy.industry import IndustryModel

    model = checked(IndustryModel())
    everything = model.rowCount()
    model.set_text("C38")
    assert 0 < model.rowCount() < everything
    assert all(model.code_at(r).startswith("C38") for r in range(model.rowCount()))
    model.set_text("灯具")
    assert any("灯具" in model.index(r).data() for r in range(model.rowCount()))
    model.set_text("")
    assert model.rowCount() == everything


def test_match_model(ctx, enterprise, checked):
    from desktop.policy.match_model import LineRole, MatchModel

    match = ctx.desk.match_enterprise(enterprise)
    model = checked(MatchModel())
    model.set_match(match)
    assert sum(model.counts()) == len(match.lines) > 0
    group = model.index(0, 0)
    if model.rowCount(group):
        assert model.index(0, 0, group).data(LineRole).outcome == "eligible"
    model.set_filter(status="open_now")
    assert all(ln.status in ("open", "closing_soon") for ln in model.lines())
    title = match.lines[0].item.title
    model.set_filter(text=title)
    assert title in [ln.item.title for ln in model.lines()]
    model.set_match(None)
    assert model.counts() == (0, 0, 0) and model.rowCount() == 3


def test_policy_hit_model(ctx, checked):
    from desktop.policy.catalogue_view import PolicyHitModel

    model = checked(PolicyHitModel())
    hits = ctx.desk.search_policies("融资")
    model.set_hits(hits, "融资")
    assert model.rowCount() == len(hits) > 0
    assert model.index(0).data().startswith(hits[0].title)
    browse = ctx.desk.search_policies("", status="open_now")
    model.set_hits(browse)
    assert model.rowCount() == len(browse)
    model.set_hits([])
    assert model.rowCount() == 0 and not model.index(0).isValid()


# -- the redemption cases ---------------------------------------------------------------------


@pytest.fixture
def cases(ctx, enterprise):
    from tests.policy_picks import picks

    p = picks()
    return [ctx.desk.open_case(enterprise, pick.item, pick.batch)[0]
            for pick in (p.simple, p.a, p.b)]


def test_case_table_model(qtbot, ctx, cases, checked):
    from desktop.cases.model import CaseTableModel
    from sync.case_queries import CaseFilter
    from tests.policy_picks import picks

    model = checked(CaseTableModel(ctx))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert model.rowCount() == len(cases)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(CaseFilter(item_id=picks().simple.item))
    assert model.rowCount() == 1
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(CaseFilter(enterprise_id="no-such-enterprise"))
    assert model.rowCount() == 0


def test_outreach_model(ctx, enterprise, checked):
    from desktop.cases.outreach import OutreachModel
    from tests.policy_picks import picks

    model = checked(OutreachModel())
    listing = ctx.desk.outreach(picks().simple.item)
    model.set_listing(listing)
    assert model.rowCount() == len(listing.rows)
    model.set_listing(None)
    assert model.rowCount() == 0
