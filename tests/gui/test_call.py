"""Three-way call notes (三方通话): the unit on the line, the call timer (on an injected
clock), participants, notes, and the three outcomes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from core.tickets import EventType, Status
from desktop.screens.call import CallDialog, CallTimer, format_duration
from desktop.screens.detail import ACTION_KEYS
from desktop.screens.dispatch import DispatchDialog
from tests.conftest import CST
from tests.gui.conftest import type_text
from tests.gui.test_actions import (activate, event_types, idle, new_request, open_by_key, press,
                                    show, submit_by_key, wait_status)

CALL = ACTION_KEYS[EventType.CALL_LOGGED]


class Ticking:
    """A clock the test moves."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_the_timer_records_the_duration_of_each_span(qtbot):
    clock = Ticking(dt.datetime(2026, 11, 24, 9, 0, tzinfo=CST))
    timer = CallTimer(clock, CST)
    qtbot.addWidget(timer)
    assert timer.seconds() == 0 and timer.started_at is None
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)
    assert timer.running and timer.started_at == clock.now
    clock.now += dt.timedelta(minutes=2, seconds=30)
    qtbot.waitUntil(lambda: timer.display.text() == "0:02:30", timeout=3000)   # it ticks
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)                   # the line drops
    clock.now += dt.timedelta(minutes=10)
    assert timer.seconds() == 150 and not timer.running
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)                   # back on
    clock.now += dt.timedelta(seconds=45)
    timer.stop()
    assert timer.seconds() == 195
    assert timer.display.text() == "0:03:15"
    assert timer.started_at == dt.datetime(2026, 11, 24, 9, 0, tzinfo=CST)
    assert format_duration(3 * 3600 + 5) == "3:00:05"


def test_a_call_that_answers_closes_the_request_with_the_call_as_source(qtbot, window, ctx,
                                                                        clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx, type="consultation")
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, CALL)
    assert isinstance(dialog, CallDialog)
    # who is on the line: the enterprise's contact and the clerk prefilled
    assert "李建华" in dialog.party_enterprise.text()
    assert "张敏" in dialog.party_clerk.text()
    type_text(qtbot, dialog.picker.search, "scjg")
    assert dialog.picker.unit_id() == "u-scjg"
    assert "苏锦耀" in dialog.party_unit.text()           # the unit's on-duty contact
    press(qtbot, "Ctrl+T")                                # the line is up
    assert dialog.timer.running
    clock.advance(minutes=4, seconds=5)                   # the desk's clock is the timer's
    press(qtbot, "Ctrl+T")                                # hung up
    assert dialog.timer.display.text() == "0:04:05"
    dialog.notes.setFocus()
    type_text(qtbot, dialog.notes, "企业询问年报修改流程，市场监管局值班员当场解答。")
    qtbot.mouseClick(dialog.outcome.buttons["answered"], Qt.MouseButton.LeftButton)
    assert dialog.answer.isVisible() and not dialog.call_back.isVisible()
    dialog.answer.setFocus()
    type_text(qtbot, dialog.answer, "登录公示系统提交修改申请，经审核后更正。")
    submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.ANSWERED)
    events = ctx.desk.request(tid).events
    assert [e.type.value for e, _ in events] == ["created", "call_logged", "answered"]
    call, answer = events[1][0].data, events[2][0].data
    assert call["duration_seconds"] == 245
    assert call["started_at"] == "2026-11-24T09:00:00+08:00"
    assert call["unit_id"] == "u-scjg" and call["duty_contact"] == "苏锦耀"
    assert "0760-89991303" in call["duty_phone"]
    assert call["outcome"] == "answered"
    assert len(call["participants"]) == 3 and any("苏锦耀" in p for p in call["participants"])
    assert answer["source"] == "call" and answer["source_ref"] == "u-scjg"
    assert answer["source_title"] == "中山市市场监督管理局"
    assert answer["answer"] == "登录公示系统提交修改申请，经审核后更正。"
    qtbot.waitUntil(lambda: pane.timeline.count() == 3)
    assert "4:05" in pane.timeline.item(1).text()          # the call's length on the timeline


def test_a_call_that_needs_dispatch_offers_the_dispatch_next(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, CALL)
    type_text(qtbot, dialog.picker.search, "zscq")
    dialog.timer.start()
    clock.advance(minutes=3)
    dialog.notes.setFocus()
    type_text(qtbot, dialog.notes, "涉及专利侵权纠纷，需知识产权局立案处理。")
    qtbot.mouseClick(dialog.outcome.buttons["needs_dispatch"], Qt.MouseButton.LeftButton)
    submit_by_key(qtbot, dialog, ctx)                     # the running timer stops on save
    qtbot.waitUntil(lambda: pane.offer is not None and pane.offer.isVisible(), timeout=5000)
    call = ctx.desk.request(tid).events[-1][0].data
    assert call["outcome"] == "needs_dispatch" and call["duration_seconds"] == 180
    assert ctx.desk.request(tid).state.status is Status.RECEIVED
    qtbot.mouseClick(pane.offer.button(QMessageBox.StandardButton.Yes),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(pane.dialog, DispatchDialog) and pane.dialog.isVisible(),
                    timeout=5000)
    dispatch = pane.dialog
    assert dispatch.picker.unit_id() == "u-zscq"          # the unit that was on the line
    assert "专利侵权" in dispatch.note.toPlainText()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dispatch, timeout=5000)
    submit_by_key(qtbot, dispatch, ctx)
    wait_status(qtbot, pane, Status.DISPATCHED)
    assert event_types(ctx, tid) == ["created", "call_logged", "dispatched"]


def test_declining_the_offer_leaves_it_received(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, CALL)
    press(qtbot, "Ctrl+T")
    dialog.notes.setFocus()
    type_text(qtbot, dialog.notes, "需转办。")
    qtbot.mouseClick(dialog.outcome.buttons["needs_dispatch"], Qt.MouseButton.LeftButton)
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: pane.offer is not None and pane.offer.isVisible(), timeout=5000)
    qtbot.mouseClick(pane.offer.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    idle(qtbot, ctx)
    assert pane.dialog is dialog
    assert event_types(ctx, tid) == ["created", "call_logged"]


def test_a_call_back_time_must_lie_ahead(qtbot, window, ctx, clock):
    clock.set("2026-11-24T15:00")
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, CALL)
    qtbot.mouseClick(dialog.outcome.buttons["call_back"], Qt.MouseButton.LeftButton)
    assert dialog.call_back.isVisible() and not dialog.answer.isVisible()
    default = dialog._call_back_at()
    assert default > clock.now                            # offered an hour on
    press(qtbot, "Ctrl+T")
    clock.advance(minutes=2)
    dialog.notes.setFocus()
    type_text(qtbot, dialog.notes, "值班员需查询后回电。")
    dialog.call_back.setDateTime(QDateTime.fromString("2026-11-24 14:00", "yyyy-MM-dd HH:mm"))
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("call_back_at") == "回拨时间应晚于当前时间"
    assert QApplication.focusWidget() is dialog.call_back
    idle(qtbot, ctx)
    assert event_types(ctx, tid) == ["created"]
    dialog.call_back.setDateTime(QDateTime.fromString("2026-11-25 10:30", "yyyy-MM-dd HH:mm"))
    submit_by_key(qtbot, dialog, ctx)
    call = ctx.desk.request(tid).events[-1][0].data
    assert call["outcome"] == "call_back"
    assert call["call_back_at"] == "2026-11-25T10:30:00+08:00"


def test_a_call_without_notes_or_outcome_names_the_field(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, CALL)
    press(qtbot, "Ctrl+Return")
    # a call logged afterwards needs no timer; what is missing is named first
    assert dialog.error_text("notes") == "通话记录为必填项"
    assert dialog.error_text("duration_seconds") == ""
    dialog.timer.button.setFocus()
    press(qtbot, "Space")                                 # start the timer
    assert dialog.timer.running
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("notes") == "通话记录为必填项"
    assert dialog.timer.running                           # a refused save does not hang up
    type_text(qtbot, dialog.notes, "已沟通。")
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("outcome") == "通话结果为必填项"
    qtbot.mouseClick(dialog.outcome.buttons["answered"], Qt.MouseButton.LeftButton)
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("answer") == "答复内容为必填项"
    idle(qtbot, ctx)
    assert event_types(ctx, tid) == ["created"]


def test_a_dispatched_request_cannot_be_answered_by_a_call(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, CALL)
    assert dialog.picker.unit_id() == "u-scjg"            # the handling unit, picked
    assert not dialog.outcome.buttons["answered"].isEnabled()
    assert dialog.outcome.buttons["needs_dispatch"].isEnabled()


def test_enter_walks_the_participants_then_the_notes(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, CALL)
    activate(qtbot, dialog)
    dialog.party_enterprise.setFocus()
    for expected in (dialog.party_unit, dialog.party_clerk, dialog.party_other, dialog.notes):
        press(qtbot, "Return")
        assert QApplication.focusWidget() is expected
