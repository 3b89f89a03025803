"""The request detail's actions as a clerk (and a supervisor) uses them: shortcuts from the
main window, typing, Enter to move on, Ctrl+Enter to record; the desk's own messages next
to the field they name; only the actions the state machine allows for the role."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from core.deadlines import Light
from core.ticket_state import ClockKind
from core.tickets import EventType, Role, Status, allowed_events
from desktop.models.requests import CLOCK_COLUMNS, ClockRole
from desktop.screens.detail import ACTION_KEYS, EXPLAIN_KEY
from sync.identity import Actor
from tests.conftest import intake_form
from tests.gui.conftest import type_text

SUPERVISOR = Actor("sup01", Role.SUPERVISOR, "陈国栋")
CLERK = Actor("clerk01", Role.CLERK, "张敏")


# -- helpers (the dispatch and call tests use them too) -------------------------------------

def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)


def press(qtbot, keys: str, widget: QWidget | None = None) -> None:
    """Press a key sequence ("Ctrl+D", "Return") on ``widget`` or wherever focus is."""
    combo = QKeySequence(keys)[0]
    target = widget or QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=5000)


def show(qtbot, window, ticket_id: str) -> None:
    """Select the request in the window and wait for its detail; the window active."""
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        window.model.reload()
    window.select_ticket(ticket_id)
    pane = window.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == ticket_id,
                    timeout=5000)
    activate(qtbot, window)
    window.table.setFocus()


def open_by_key(qtbot, window, keys: str):
    """Press an action's shortcut in the main window; the dialog it opened, active."""
    pane = window.detail
    before = pane.dialog
    if QApplication.activeWindow() is not window:       # a dialog just closed
        activate(qtbot, window)
    press(qtbot, keys, window.table)
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog is not before
                    and pane.dialog.isVisible(), timeout=5000)
    dialog = pane.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    return dialog


def submit_by_key(qtbot, dialog, ctx) -> None:
    """Ctrl+Enter, and wait until the desk has recorded it and every view heard."""
    with qtbot.waitSignal(dialog.submitted, timeout=5000):
        press(qtbot, "Ctrl+Return")
    idle(qtbot, ctx)


def wait_status(qtbot, pane, status: Status) -> None:
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.state.status is status,
                    timeout=5000)


def event_types(ctx, ticket_id: str) -> list[str]:
    return [e.type.value for e, _ in ctx.desk.request(ticket_id).events]


def new_request(ctx, **overrides) -> str:
    tid, _ = ctx.desk.record_intake(intake_form(**overrides))
    return tid


def as_role(ctx, actor: Actor) -> None:
    ctx.desk.sign_in(actor)


# -- a request's whole life -------------------------------------------------------------------

def test_a_dispatched_request_lives_to_closure_through_the_dialogs(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")                       # a Tuesday
    tid = new_request(ctx)
    show(qtbot, window, tid)
    pane = window.detail
    assert pane.visible_actions() == [EventType.ANSWERED, EventType.CALL_LOGGED,
                                      EventType.DISPATCHED, EventType.NOTE]

    # 转办: the unit found by its pinyin initials, Enter on to the note, Ctrl+Enter
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.DISPATCHED])
    type_text(qtbot, dialog.picker.search, "scjg")
    assert dialog.picker.unit_id() == "u-scjg"
    press(qtbot, "Return")
    assert QApplication.focusWidget() is dialog.note
    type_text(qtbot, dialog.note, "企业年报数据异常，请核实。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.DISPATCHED)
    assert not dialog.isVisible()
    # the three clocks show at once, in the detail and in the list
    for kind in (ClockKind.CONTACT, ClockKind.INTERIM, ClockKind.CLOSE):
        assert not pane.clock_views[kind].isHidden()
    row = window.model.row_of_ticket(tid)
    assert row is not None
    cell = window.model.data(window.model.index(row, CLOCK_COLUMNS["contact"]), ClockRole)
    assert cell.light is Light.GREEN
    assert window.model.row_at(row).unit_name == "中山市市场监督管理局"

    # 联系企业: Enter walks office → person → phone → note
    clock.set("2026-11-24T09:40")
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.CONTACTED])
    assert QApplication.focusWidget() is dialog.office
    type_text(qtbot, dialog.office, "登记注册科")
    press(qtbot, "Return")
    type_text(qtbot, dialog.person, "黄科长")
    press(qtbot, "Return")
    type_text(qtbot, dialog.phone, "0760-89991303")
    press(qtbot, "Return")
    assert QApplication.focusWidget() is dialog.note
    type_text(qtbot, dialog.note, "已电话告知企业由登记注册科办理。")
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: pane.detail.state.latest(ClockKind.CONTACT).stopped_at is not None)
    assert "按时完成" in pane.clock_views[ClockKind.CONTACT].value.text()   # done on time

    # 阶段答复
    clock.set("2026-11-25T15:00")
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.INTERIM_REPLY])
    type_text(qtbot, dialog.text, "已调取企业上年度年报数据，正在与系统运维方核对。")
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: pane.detail.state.latest(ClockKind.INTERIM).stopped_at is not None)

    # 下次反馈: the date defaults to five working days on; a rolling reply
    clock.set("2026-11-27T10:00")                       # Friday
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.NEXT_FEEDBACK_SET])
    assert dialog.day_of(dialog.next_date) == dt.date(2026, 12, 4)   # Fri + 5 working days
    assert "5" in dialog.day_hint.text()
    press(qtbot, "Return")                              # keep the date, on to the text
    assert QApplication.focusWidget() is dialog.text
    type_text(qtbot, dialog.text, "需省级系统修正历史数据，预计下周内完成。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.FOLLOWING)
    assert not pane.clock_views[ClockKind.FOLLOW].isHidden()
    assert pane.detail.state.next_feedback_date == dt.date(2026, 12, 4)

    # 办结
    clock.set("2026-12-02T11:00")
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.RESOLVED])
    type_text(qtbot, dialog.text, "历史数据已修正，企业已重新提交年报并公示。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.RESOLVED)
    assert pane.visible_actions() == [EventType.EVALUATED, EventType.REOPENED, EventType.NOTE]

    # 回访: satisfied and solved closes it
    clock.set("2026-12-03T10:00")
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.EVALUATED])
    qtbot.mouseClick(dialog.satisfaction.buttons["satisfied"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.solved.buttons["solved"], Qt.MouseButton.LeftButton)
    assert not dialog.will_reopen
    dialog.note.setFocus()
    type_text(qtbot, dialog.note, "企业对处理结果满意。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.CLOSED)
    assert event_types(ctx, tid) == ["created", "dispatched", "contacted", "interim_reply",
                                     "next_feedback_set", "resolved", "evaluated"]
    evaluated = ctx.desk.request(tid).events[-1][0]
    assert evaluated.data["satisfaction"] == "satisfied" and evaluated.data["solved"] == "solved"
    assert evaluated.data["via"]                          # the default: a phone call
    assert pane.timeline.count() == 7
    assert pane.visible_actions() == [EventType.REOPENED, EventType.NOTE]
    row = window.model.row_of_ticket(tid)
    assert window.model.row_at(row).status == "closed"


def _resolved(ctx, clock) -> str:
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    ctx.desk.record_contact(tid, "登记注册科")
    ctx.desk.resolve(tid, "已办结。")
    return tid


def test_an_unsatisfied_return_visit_says_it_reopens_and_does(qtbot, window, ctx, clock):
    tid = _resolved(ctx, clock)
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.EVALUATED])
    closing_text = dialog.submit_button.text()
    qtbot.mouseClick(dialog.satisfaction.buttons["basically"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.solved.buttons["unsolved"], Qt.MouseButton.LeftButton)
    assert dialog.will_reopen
    assert dialog.submit_button.text() != closing_text    # "record and reopen"
    assert dialog.warning.isVisible()
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.REOPENED)
    assert EventType.DISPATCHED in pane.visible_actions()  # it can go out again
    assert pane.detail.state.reopen_count == 1


def test_reopening_a_closed_request_needs_a_reason(qtbot, window, ctx, clock):
    tid = _resolved(ctx, clock)
    ctx.desk.evaluate(tid, "satisfied", "solved")
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.REOPENED])
    press(qtbot, "Ctrl+Return")
    qtbot.waitUntil(lambda: dialog.error_text("reason") != "")
    assert "重新打开原因" in dialog.error_text("reason")
    type_text(qtbot, dialog.text, "企业反映问题再次出现。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, window.detail, Status.REOPENED)
    assert ctx.desk.request(tid).events[-1][0].data["reason"] == "企业反映问题再次出现。"


# -- supervision --------------------------------------------------------------------------------

def test_a_supervisor_supervises_and_the_banner_shows_the_reply_date(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    as_role(ctx, SUPERVISOR)
    show(qtbot, window, tid)
    pane = window.detail
    assert EventType.SUPERVISED in pane.visible_actions()
    assert pane.banner.isHidden()
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.SUPERVISED])
    assert dialog.day_of(dialog.reply_due) == dt.date(2026, 11, 27)   # 3 working days on
    press(qtbot, "Return")                                # date → level
    dialog.level.setCurrentIndex(dialog.level.findData("leader"))
    press(qtbot, "Return")                                # level → instructions
    assert QApplication.focusWidget() is dialog.note
    type_text(qtbot, dialog.note, "请承办单位于期限前书面回复办理情况。")
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: not pane.banner.isHidden(), timeout=5000)
    assert "2026-11-27" in pane.banner.text()
    assert "请承办单位" in pane.banner.text()
    assert not pane.clock_views[ClockKind.SUPERVISION].isHidden()
    data = ctx.desk.request(tid).events[-1][0].data
    assert data["reply_due"] == "2026-11-27" and data["level"] == "leader"


def test_a_clerk_is_not_offered_supervision(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    pane = window.detail
    assert EventType.SUPERVISED not in pane.visible_actions()
    assert pane.action_buttons[EventType.SUPERVISED].isHidden()
    press(qtbot, ACTION_KEYS[EventType.SUPERVISED], window.table)
    idle(qtbot, ctx)
    assert pane.dialog is None
    assert pane.open_action(EventType.SUPERVISED) is None


# -- what each state offers each role ----------------------------------------------------------

def _in_state(ctx, status: Status) -> str:
    tid = new_request(ctx)
    if status is Status.RECEIVED:
        return tid
    if status is Status.ANSWERED:
        ctx.desk.answer_immediately(tid, "已答复。", source="clerk")
        return tid
    ctx.desk.dispatch(tid, "u-scjg")
    if status is Status.FOLLOWING:
        ctx.desk.set_next_feedback(tid, "2026-12-04", "跟进中。")
    if status in (Status.RESOLVED, Status.CLOSED, Status.REOPENED):
        ctx.desk.resolve(tid, "已办结。")
    if status is Status.CLOSED:
        ctx.desk.evaluate(tid, "satisfied", "solved")
    if status is Status.REOPENED:
        ctx.desk.evaluate(tid, "unsatisfied", "unsolved")
    return tid


@pytest.mark.parametrize("role", list(Role))
def test_the_buttons_match_what_the_state_machine_allows(qtbot, window, ctx, clock, role):
    clock.set("2026-11-24T09:00")
    ids = {status: _in_state(ctx, status) for status in Status}
    as_role(ctx, Actor(f"{role.value}01", role, "某人"))
    pane = window.detail
    for status, tid in ids.items():
        show(qtbot, window, tid)
        assert pane.detail.state.status is status
        expected = allowed_events(status, role)
        assert pane.visible_actions() == expected, (role, status)
        assert pane.actions_box.isHidden() == (not expected)
        for kind in expected:                            # each tooltip names its shortcut
            keys = QKeySequence(ACTION_KEYS[kind]).toString(
                QKeySequence.SequenceFormat.NativeText)
            assert keys in pane.action_buttons[kind].toolTip()


# -- bad input ---------------------------------------------------------------------------------

def test_an_empty_required_field_is_named_next_to_it_and_nothing_is_stored(qtbot, window, ctx,
                                                                           clock):
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    before = event_types(ctx, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.CONTACTED])
    type_text(qtbot, dialog.person, "黄科长")
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("office") == "承办科室为必填项"      # the desk's own words
    assert dialog.field_errors["office"].isVisible()
    assert QApplication.focusWidget() is dialog.office
    assert dialog.isVisible()
    idle(qtbot, ctx)
    assert event_types(ctx, tid) == before
    type_text(qtbot, dialog.office, "登记注册科")
    submit_by_key(qtbot, dialog, ctx)
    assert event_types(ctx, tid) == before + ["contacted"]


def test_a_feedback_date_not_after_today_is_refused_next_to_the_date(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    before = event_types(ctx, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.NEXT_FEEDBACK_SET])
    dialog.next_date.setDate(dialog.next_date.date().addDays(-30))
    assert dialog.day_hint.text()                        # "pick a day after today"
    dialog.text.setFocus()
    type_text(qtbot, dialog.text, "滚动答复。")
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("next_date") == "下次反馈日期应晚于今天"
    assert dialog.error_text("text") == ""
    assert event_types(ctx, tid) == before


def test_a_text_over_the_limit_is_refused_with_the_count(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.INTERIM_REPLY])
    dialog.text.setPlainText("长" * 4001)
    press(qtbot, "Ctrl+Return", dialog.text)
    assert dialog.error_text("text") == "阶段性答复过长：4001字，最多4000字"
    assert event_types(ctx, tid) == ["created", "dispatched"]


def test_a_return_visit_without_a_verdict_names_satisfaction(qtbot, window, ctx, clock):
    tid = _resolved(ctx, clock)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.EVALUATED])
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("satisfaction") == "满意度为必填项"
    assert ctx.desk.request(tid).state.status is Status.RESOLVED


def test_the_desk_refusing_a_stale_action_says_why_and_stores_nothing(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.CONTACTED])
    ctx.desk.resolve(tid, "另一窗口已办结。")               # meanwhile, elsewhere
    type_text(qtbot, dialog.office, "登记注册科")
    press(qtbot, "Ctrl+Return")
    qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=5000)
    assert "已办结" in dialog.error_text() and "已联系企业" in dialog.error_text()
    assert dialog.isVisible()
    assert event_types(ctx, tid) == ["created", "dispatched", "resolved"]


def test_escape_cancels_without_recording(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.NOTE])
    type_text(qtbot, dialog.text, "草稿")
    press(qtbot, "Escape")
    assert not dialog.isVisible()
    idle(qtbot, ctx)
    assert event_types(ctx, tid) == ["created"]


def test_a_note_is_recorded_and_shown_on_the_timeline(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.NOTE])
    type_text(qtbot, dialog.text, "企业希望下午回电。")
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: pane.timeline.count() == 2, timeout=5000)
    assert "企业希望下午回电。" in pane.timeline.item(1).text()


def test_the_timeline_names_people_not_accounts(qtbot, window, ctx, clock):
    ctx.desk.set_directory([{"username": "clerk01", "display": "张敏", "role": "clerk",
                             "town": "shiqi", "active": True}])
    tid = new_request(ctx)
    show(qtbot, window, tid)
    first = window.detail.timeline.item(0).text()
    assert "张敏" in first and "clerk01" not in first


def test_answer_at_once_from_the_knowledge_base(qtbot, window, ctx, clock):
    tid = new_request(ctx, type="consultation")
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.ANSWERED])
    type_text(qtbot, dialog.search, "年报")
    qtbot.waitUntil(lambda: dialog.results.count() > 0 and ctx.tasks.idle, timeout=5000)
    press(qtbot, "Return", dialog.search)                # the best hit, on to the answer
    assert dialog.answer.toPlainText()                   # filled from the article
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.ANSWERED)
    data = ctx.desk.request(tid).events[-1][0].data
    assert data["source"] == "kb" and data["source_ref"] and data["source_title"]


def test_answer_at_once_needs_its_source(qtbot, window, ctx, clock):
    tid = new_request(ctx, type="consultation")
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, ACTION_KEYS[EventType.ANSWERED])
    dialog.answer.setFocus()
    type_text(qtbot, dialog.answer, "可在国家企业信用信息公示系统补报。")
    dialog.results.setCurrentRow(-1)
    dialog._article = None
    press(qtbot, "Ctrl+Return")
    assert "答复依据" in dialog.error_text("source_ref")
    assert event_types(ctx, tid) == ["created"]


# -- why this date --------------------------------------------------------------------------

def test_why_this_date_opens_by_keyboard_and_by_mouse(qtbot, window, ctx, clock):
    clock.set("2026-09-30T16:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, EXPLAIN_KEY)     # every clock
    text = dialog.text.toPlainText()
    assert "国庆节" in text and "调休" in text
    assert all(name in text for name in ("联系企业", "阶段答复", "办结"))
    press(qtbot, "Escape")
    assert not dialog.isVisible()
    activate(qtbot, window)
    why = pane.clock_views[ClockKind.INTERIM].why
    assert why.focusPolicy() != Qt.FocusPolicy.NoFocus   # reachable with Tab
    qtbot.mouseClick(why, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.dialog is not dialog and pane.dialog.isVisible())
    assert "2026-10-10" in pane.dialog.text.toPlainText()


def test_an_overdue_clock_says_by_how_much(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    clock.set("2026-11-24T10:05")
    show(qtbot, window, tid)
    view = window.detail.clock_views[ClockKind.CONTACT]
    # "overdue 0:05" (as the list's cell says it), not "overdue -0:05"
    assert "0:05" in view.value.text() and "-" not in view.value.text()
    assert "#fde2e0" in view.styleSheet()               # red
