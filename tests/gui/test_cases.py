"""The redemption cases (帮办代办) as a navigator works them: a new case found by typing
the enterprise and the item, walked by keyboard through to the money; only the actions
the state machine allows the navigator; a reason required before anything is written;
a material received for one case counting on the enterprise's next one, and flagged
once it expires. Chrome may still be English (the Chinese waits in pending/cases.json):
the assertions read data — names, numbers, states by ``core.cases``' labels."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.cases import EVENT_ZH, MATERIAL_STATUS_ZH, STATE_ZH, CaseEventType, CaseState
from core.tickets import Role
from desktop.cases.detail import ACTION_KEYS
from desktop.cases.model import COLUMNS
from desktop.cases.workspace import CONSULTATION_KEY, NEW_CASE_KEY, CasesWorkspace
from sync.identity import Actor
from tests.conftest import CODE
from tests.gui.conftest import type_text
from tests.gui.test_actions import activate, idle, press
from tests.gui.test_intake import pick_first
from tests.policy_picks import catalogue, picks

E, S = CaseEventType, CaseState
P = picks()
NAVIGATOR = Actor("nav01", Role.NAVIGATOR, "周文静")
ENTERPRISE = "中山市示例精密机械有限公司"


# -- helpers (the outreach and consultation tests use them too) ------------------------------

@pytest.fixture
def enterprise(ctx) -> str:
    ctx.desk.sign_in(NAVIGATOR)
    ent_id, _ = ctx.desk.register_enterprise(CODE, ENTERPRISE, "shiqi")
    return ent_id


@pytest.fixture
def workspace(qtbot, ctx, enterprise):
    w = CasesWorkspace(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    with qtbot.waitSignal(w.ready, timeout=5000):
        w.show()
    activate(qtbot, w)
    return w


def open_dialog(qtbot, workspace, keys: str):
    """Press a shortcut in the workspace; the dialog it opened, active."""
    before = workspace.dialog
    if QApplication.activeWindow() is not workspace:
        activate(qtbot, workspace)
    press(qtbot, keys, workspace.table)
    qtbot.waitUntil(lambda: workspace.dialog is not None and workspace.dialog is not before
                    and workspace.dialog.isVisible(), timeout=5000)
    dialog = workspace.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def open_action(qtbot, workspace, kind: CaseEventType):
    """Press a case action's shortcut; its dialog, active."""
    pane = workspace.detail
    before = pane.dialog
    if QApplication.activeWindow() is not workspace:
        activate(qtbot, workspace)
    press(qtbot, ACTION_KEYS[kind], workspace.table)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog is not before
                    and pane.dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane.dialog, timeout=5000)
    return pane.dialog


def record(qtbot, dialog, ctx) -> None:
    """Ctrl+Enter, and wait until the desk recorded it and every view redrew."""
    with qtbot.waitSignal(dialog.submitted, timeout=5000):
        press(qtbot, "Ctrl+Return")
    idle(qtbot, ctx)


def pick_item(qtbot, chooser, text: str, item_id: str) -> None:
    """Type into an item chooser; Down into the list, Down again until ``item_id``."""
    with qtbot.waitSignal(chooser.found, timeout=5000):
        type_text(qtbot, chooser.search, text)
    ids = [chooser.results.item(i).data(Qt.ItemDataRole.UserRole)
           for i in range(chooser.results.count())]
    assert item_id in ids, ids
    press(qtbot, "Down", chooser.search)
    for _ in range(ids.index(item_id)):
        press(qtbot, "Down", chooser.results)
    assert chooser.item_id == item_id


def shown_state(workspace) -> str:
    snap = workspace.detail.snap
    return snap.detail.row.state if snap else ""


def wait_state(qtbot, workspace, state: CaseState) -> None:
    qtbot.waitUntil(lambda: shown_state(workspace) == state.value, timeout=5000)


def list_row(workspace, case_id: str) -> dict[str, str]:
    """The case's line in the list, as the navigator reads it."""
    model = workspace.model
    row = model.row_of_case(case_id)
    assert row is not None, "the case is not listed"
    return {c: model.index(row, i).data() for i, c in enumerate(COLUMNS)}


def show_case(qtbot, workspace, case_id: str) -> None:
    workspace.select_case(case_id)
    qtbot.waitUntil(lambda: workspace.detail.snap is not None
                    and workspace.detail.snap.id == case_id, timeout=5000)
    idle(qtbot, workspace.ctx)


def new_case(ctx, enterprise_id: str, pick) -> str:
    case_id, _ = ctx.desk.open_case(enterprise_id, pick.item, pick.batch)
    return case_id


def title(item_id: str) -> str:
    return catalogue().item(item_id).title


# -- a case's whole life ----------------------------------------------------------------------

def test_a_new_case_walks_through_to_the_money_by_keyboard(qtbot, workspace, ctx):
    dialog = open_dialog(qtbot, workspace, NEW_CASE_KEY)
    type_text(qtbot, dialog.enterprise.edit, "示例精密")
    pick_first(qtbot, dialog.enterprise.picker)
    assert dialog.enterprise.enterprise_id and dialog.enterprise.card.text() == CODE
    pick_item(qtbot, dialog.item, title(P.simple.item)[:4], P.simple.item)
    qtbot.waitUntil(lambda: dialog.batch.currentData() == P.simple.batch, timeout=5000)
    press(qtbot, "Return")                                  # on to the batch
    assert QApplication.focusWidget() is dialog.batch
    press(qtbot, "Return")                                  # on to the remark
    type_text(qtbot, dialog.note, "企业来窗口咨询刻章补贴")
    record(qtbot, dialog, ctx)
    case_id = dialog.case_id
    wait_state(qtbot, workspace, S.CONSULTING)
    qtbot.waitUntil(lambda: workspace.model.row_of_case(case_id) is not None, timeout=5000)
    line = list_row(workspace, case_id)
    assert line["enterprise"] == ENTERPRISE and line["item"] == title(P.simple.item)
    assert line["state"].startswith(STATE_ZH[S.CONSULTING])
    assert line["deadline"].startswith(P.simple.closes.isoformat())
    pane = workspace.detail
    assert ENTERPRISE in pane.heading.text() and P.simple.closes.isoformat() in pane.facts.text()
    # consulting: prepare, withdraw, note, a material; never submitted or redeemed yet
    assert pane.visible_actions() == [E.PREPARATION_STARTED, E.WITHDRAWN, E.NOTE,
                                      E.MATERIAL_RECEIVED]

    record(qtbot, open_action(qtbot, workspace, E.PREPARATION_STARTED), ctx)
    wait_state(qtbot, workspace, S.PREPARING)
    (licence,) = P.simple.materials
    assert pane.checklist.line_texts()[P.names[licence]][1] == MATERIAL_STATUS_ZH["missing"]
    material = open_action(qtbot, workspace, E.MATERIAL_RECEIVED)
    assert material.material.currentData() == licence
    record(qtbot, material, ctx)
    qtbot.waitUntil(lambda: pane.checklist.line_texts()[P.names[licence]][1]
                    == MATERIAL_STATUS_ZH["received"], timeout=5000)
    assert pane.checklist.line_texts()[P.names[licence]][2] == "2026-11-24"

    submit = open_action(qtbot, workspace, E.SUBMITTED)
    assert not submit.form.isRowVisible(submit._rows["missing_note"])   # nothing missing
    type_text(qtbot, submit.reference, "SB-2026-001")
    record(qtbot, submit, ctx)
    wait_state(qtbot, workspace, S.SUBMITTED)
    record(qtbot, open_action(qtbot, workspace, E.REVIEW_STARTED), ctx)
    wait_state(qtbot, workspace, S.UNDER_REVIEW)
    redeem = open_action(qtbot, workspace, E.REDEEMED)
    type_text(qtbot, redeem.amount, "30000")
    record(qtbot, redeem, ctx)
    wait_state(qtbot, workspace, S.REDEEMED)

    assert "30,000" in pane.facts.text()
    assert pane.visible_actions() == [E.NOTE]               # a redeemed case takes notes only
    timeline = pane.timeline.texts()
    assert [next(z for z in EVENT_ZH.values() if f"  {z}  " in t) for t in timeline] == [
        EVENT_ZH[e] for e in (E.CREATED, E.PREPARATION_STARTED, E.MATERIAL_RECEIVED,
                              E.SUBMITTED, E.REVIEW_STARTED, E.REDEEMED)]
    assert "SB-2026-001" in timeline[3] and "30,000" in timeline[5]
    # the open-cases list lets it go; all cases show it redeemed with its amount
    qtbot.waitUntil(lambda: workspace.model.row_of_case(case_id) is None, timeout=5000)
    workspace.state_filter.setCurrentIndex(workspace.state_filter.findData("all"))
    qtbot.waitUntil(lambda: workspace.model.row_of_case(case_id) is not None, timeout=5000)
    assert list_row(workspace, case_id)["state"].startswith(STATE_ZH[S.REDEEMED])
    assert "30,000" in list_row(workspace, case_id)["state"]
    assert [e.type for e, _ in ctx.desk.case(case_id).events][-1] is E.REDEEMED


def test_a_reason_is_required_and_a_refused_transition_is_not_offered(qtbot, workspace, ctx,
                                                                     enterprise):
    case_id = new_case(ctx, enterprise, P.simple)
    ctx.desk.record_case_event(case_id, E.PREPARATION_STARTED, {})
    ctx.desk.mark_material(enterprise, P.simple.materials[0], "2026-11-24", case_id=case_id)
    ctx.desk.record_case_event(case_id, E.SUBMITTED, {"submitted_on": "2026-11-24"})
    show_case(qtbot, workspace, case_id)
    pane = workspace.detail
    assert pane.visible_actions() == [E.REVIEW_STARTED, E.SUPPLEMENT_REQUESTED, E.REJECTED,
                                      E.WITHDRAWN, E.NOTE, E.MATERIAL_RECEIVED]
    before = len(ctx.desk.case(case_id).events)

    reject = open_action(qtbot, workspace, E.REJECTED)
    press(qtbot, "Ctrl+Return")                             # no reason given
    assert "未通过原因" in reject.error_text("reason") and reject.isVisible()
    assert len(ctx.desk.case(case_id).events) == before      # nothing written
    type_text(qtbot, reject.text, "企业不在本批次支持范围内")
    record(qtbot, reject, ctx)
    wait_state(qtbot, workspace, S.REJECTED)
    assert "企业不在本批次支持范围内" in pane.facts.text()
    # reopening a rejection is the supervisor's (复核): the navigator is not offered it
    assert pane.visible_actions() == [E.NOTE]
    press(qtbot, ACTION_KEYS[E.REOPENED], workspace.table)
    assert pane.open_action(E.REOPENED) is None
    assert not any(d.isVisible() for d in QApplication.topLevelWidgets()
                   if d is not workspace and d.isWindow())

    ctx.desk.sign_in(Actor("sup01", Role.SUPERVISOR, "陈国栋"))
    workspace.refresh()
    qtbot.waitUntil(lambda: E.REOPENED in pane.visible_actions(), timeout=5000)


def test_a_material_received_for_one_case_counts_on_the_next_until_it_expires(
        qtbot, workspace, ctx, enterprise, clock):
    case_a = new_case(ctx, enterprise, P.a)
    show_case(qtbot, workspace, case_a)
    pane = workspace.detail
    # marked received on case A through its checklist: Enter on the line, Ctrl+Enter
    row = list(pane.checklist.line_texts()).index(P.names[P.short])
    pane.checklist.setCurrentCell(row, 0)
    pane.checklist.setFocus()
    press(qtbot, "Return", pane.checklist)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.isVisible(), timeout=5000)
    dialog = pane.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    assert dialog.material.currentData() == P.short
    ends = dt.date(2026, 11, 24) + dt.timedelta(days=P.short_days)
    assert ends.isoformat() in dialog.expiry.text()           # shown before recording
    record(qtbot, dialog, ctx)

    case_b = new_case(ctx, enterprise, P.b)
    show_case(qtbot, workspace, case_b)
    line = pane.checklist.line_texts()[P.names[P.short]]
    assert line[1] == MATERIAL_STATUS_ZH["received"]
    assert line[2] == "2026-11-24" and line[3] == ends.isoformat()
    assert title(P.a.item) in line[4]                          # received for case A
    missing = [n for n, t in pane.checklist.line_texts().items()
               if t[1] == MATERIAL_STATUS_ZH["missing"]]
    assert P.names[P.short] not in missing and len(missing) == len(P.b.materials) - 1

    clock.set(f"{ends.isoformat()}T09:00")                     # the copy lapses today
    workspace.refresh()
    qtbot.waitUntil(lambda: pane.checklist.line_texts()[P.names[P.short]][1]
                    == MATERIAL_STATUS_ZH["expired"], timeout=5000)
    assert pane.checklist.item(list(pane.checklist.line_texts()).index(P.names[P.short]),
                               4).text()                        # flagged with a remark


def test_the_list_filters_and_puts_the_nearest_deadline_first(qtbot, workspace, ctx,
                                                              enterprise):
    later = new_case(ctx, enterprise, P.simple)               # closes 2026-12-31
    sooner = new_case(ctx, enterprise, P.b)                   # closes first
    assert P.b.closes < P.simple.closes
    workspace.refresh()
    qtbot.waitUntil(lambda: workspace.model.case_ids() == [sooner, later], timeout=5000)
    combo = workspace.item_filter
    qtbot.waitUntil(lambda: combo.findData(P.simple.item) > 0, timeout=5000)
    combo.setCurrentIndex(combo.findData(P.simple.item))
    qtbot.waitUntil(lambda: workspace.model.case_ids() == [later], timeout=5000)
    combo.setCurrentIndex(0)
    states = workspace.state_filter
    qtbot.waitUntil(lambda: workspace.model.case_ids() == [sooner, later], timeout=5000)
    ctx.desk.record_case_event(sooner, E.WITHDRAWN, {"reason": "企业放弃"})
    workspace.refresh()
    qtbot.waitUntil(lambda: workspace.model.case_ids() == [later], timeout=5000)
    states.setCurrentIndex(states.findData(S.WITHDRAWN.value))
    qtbot.waitUntil(lambda: workspace.model.case_ids() == [sooner], timeout=5000)
    assert list_row(workspace, sooner)["state"].startswith(STATE_ZH[S.WITHDRAWN])


def test_the_case_models_pass_qt_model_tester(qtmodeltester, qtbot, workspace, ctx,
                                               enterprise):
    new_case(ctx, enterprise, P.simple)
    with qtbot.waitSignal(workspace.model.loaded, timeout=5000):
        workspace.model.reload()
    qtmodeltester.check(workspace.model)


def test_a_consultation_shortcut_opens_with_the_selected_case_enterprise(
        qtbot, workspace, ctx, enterprise):
    case_id = new_case(ctx, enterprise, P.simple)
    show_case(qtbot, workspace, case_id)
    dialog = open_dialog(qtbot, workspace, CONSULTATION_KEY)
    assert dialog.enterprise.enterprise_id == enterprise
    dialog.reject()


def test_the_main_windows_cases_tab_lists_the_desks_cases(qtbot, ctx, enterprise, window):
    from desktop.workspaces import CASES

    case_id = new_case(ctx, enterprise, P.simple)
    window.workspaces.setCurrentIndex(CASES)
    cases = window.workspaces.widget(CASES).content
    assert isinstance(cases, CasesWorkspace)
    qtbot.waitUntil(lambda: cases.model.row_of_case(case_id) is not None, timeout=5000)
    assert list_row(cases, case_id)["enterprise"] == ENTERPRISE
