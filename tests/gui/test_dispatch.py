"""Dispatch (转办) and transfer (改派): the unit picked from the directory as a clerk picks
it, its on-duty contact shown, the three clocks showing at once in the list and detail."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.deadlines import Light
from core.ticket_state import ClockKind
from core.tickets import EventType, Status
from desktop.models.requests import CLOCK_COLUMNS, ClockRole
from desktop.screens.detail import ACTION_KEYS
from desktop.widgets.unit_picker import UnitPicker, UnitTableModel, Why, on_duty, rank_units
from tests.gui.conftest import type_text
from tests.gui.test_actions import (event_types, idle, new_request, open_by_key, press, show,
                                    submit_by_key, wait_status)

DISPATCH = ACTION_KEYS[EventType.DISPATCHED]
TRANSFER = ACTION_KEYS[EventType.TRANSFERRED]


def _topic_units(ctx, code: str) -> tuple[str, ...]:
    return next(t.units for t in ctx.reference.topics if t.code == code)


def _picker(ctx, **kw) -> UnitPicker:
    return UnitPicker(ctx.reference.units, day=dt.date(2026, 11, 24),
                      calendar=ctx.desk.schedule.calendar, **kw)


def _shown_ids(picker: UnitPicker) -> list[str]:
    return [picker.model.unit_at(r).id for r in range(picker.model.rowCount())]


def test_the_unit_model_passes_qt_model_tester(qtmodeltester, ctx):
    ranked = rank_units(ctx.reference.units, topic_units=_topic_units(ctx, "annual_report"),
                        topic="annual_report", town="shiqi")
    model = UnitTableModel(ranked, dt.date(2026, 11, 24), ctx.desk.schedule.calendar)
    qtmodeltester.check(model, force_py=True)
    model.set_filter("scjg")
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() >= 1


def test_the_topics_usual_units_come_first_then_the_town(qtbot, ctx):
    usual = _topic_units(ctx, "annual_report")
    picker = _picker(ctx, topic="annual_report", topic_units=usual, town="xiaolan")
    qtbot.addWidget(picker)
    ids = _shown_ids(picker)
    assert ids[:len(usual)] == list(usual)
    town_office = next(u.id for u in ctx.reference.units if u.town == "xiaolan")
    assert ids[len(usual)] == town_office
    assert picker.model.data(picker.model.index(len(usual), 3)) == \
        picker.model._why_text(Why.TOWN)
    assert picker.model.data(picker.model.index(0, 3)) == picker.model._why_text(Why.TOPIC)
    # other towns' offices come last
    others = [i for i, uid in enumerate(ids)
              if ctx.reference.unit(uid).town not in (None, "xiaolan")]
    assert others and min(others) > max(i for i, uid in enumerate(ids)
                                        if ctx.reference.unit(uid).town is None)
    # the highlighted (picked) unit is the first usual one
    assert picker.unit_id() == usual[0]


def test_each_row_shows_the_on_duty_contact_and_phone(qtbot, ctx):
    picker = _picker(ctx)
    qtbot.addWidget(picker)
    picker.select("u-scjg")
    row = picker.model.row_of("u-scjg")
    assert "苏锦耀" in picker.model.data(picker.model.index(row, 1))
    assert "0760-89991303" in picker.model.data(picker.model.index(row, 2))
    assert "苏锦耀" in picker.duty_label.text() and "0760-89991303" in picker.duty_label.text()
    assert "中山市东区松苑路1号" in picker.model.data(picker.model.index(row, 0),
                                                     Qt.ItemDataRole.ToolTipRole)


def test_on_a_day_off_only_the_every_day_contacts_are_on_duty(ctx):
    zsj = ctx.reference.unit("u-zsj")
    saturday, tuesday = dt.date(2026, 11, 28), dt.date(2026, 11, 24)
    calendar = ctx.desk.schedule.calendar
    assert on_duty(zsj, saturday, calendar).name == "袁智明"        # days: all
    assert on_duty(zsj, tuesday, calendar).name == "甘永宇"         # weekday contact first
    scjg = ctx.reference.unit("u-scjg")                              # weekdays only
    assert on_duty(scjg, saturday, calendar) is None
    assert on_duty(scjg, dt.date(2026, 10, 1), calendar) is None    # National Day


def test_search_by_name_short_name_and_pinyin_initials(qtbot, ctx):
    picker = _picker(ctx)
    qtbot.addWidget(picker)
    type_text(qtbot, picker.search, "知识产权")
    assert "u-zscq" in _shown_ids(picker)
    assert all("知识产权" in picker.model.unit_at(r).name or "知识产权" in
               picker.model.unit_at(r).short for r in range(picker.model.rowCount()))
    picker.search.clear()
    type_text(qtbot, picker.search, "市发改局")
    assert _shown_ids(picker) == ["u-fgj"]
    picker.search.clear()
    type_text(qtbot, picker.search, "zscq")
    assert picker.unit_id() == "u-zscq"
    picker.search.clear()
    type_text(qtbot, picker.search, "qqqqqq")
    assert picker.model.rowCount() == 0 and picker.unit_id() is None


def test_initials_from_the_start_of_a_name_outrank_those_inside_it(qtbot, ctx):
    picker = _picker(ctx)
    qtbot.addWidget(picker)
    type_text(qtbot, picker.search, "sw")                   # 税务 (shui wu)
    ids = _shown_ids(picker)
    tax = next(u.id for u in ctx.reference.units if u.short == "市税务局")
    health = next(u.id for u in ctx.reference.units if u.short == "市卫健局")
    assert ids.index(tax) < ids.index(health)               # 市卫(sw)健局 only inside
    picker.search.clear()
    type_text(qtbot, picker.search, "scjg")
    assert picker.unit_id() == "u-scjg"


def test_up_and_down_move_the_pick_without_leaving_the_search(qtbot, ctx):
    usual = _topic_units(ctx, "annual_report")
    picker = _picker(ctx, topic="annual_report", topic_units=usual, town="shiqi")
    qtbot.addWidget(picker)
    picker.show()
    picker.search.setFocus()
    assert picker.unit_id() == usual[0]
    press(qtbot, "Down", picker.search)
    assert picker.unit_id() == _shown_ids(picker)[1]
    press(qtbot, "Up", picker.search)
    assert picker.unit_id() == usual[0]


def test_dispatch_starts_the_three_clocks_and_the_list_shows_them_at_once(qtbot, window, ctx,
                                                                          clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx, topic="intellectual_property")
    show(qtbot, window, tid)
    pane = window.detail
    row = window.model.row_of_ticket(tid)
    assert window.model.data(window.model.index(row, CLOCK_COLUMNS["contact"]), ClockRole) is None
    dialog = open_by_key(qtbot, window, DISPATCH)
    assert dialog.picker.unit_id() == _topic_units(ctx, "intellectual_property")[0]
    # the preview of the clocks, as the desk will compute them
    assert "10:00" in dialog.clocks.text() and "11-27 17:30" in dialog.clocks.text()
    assert "12-01 17:30" in dialog.clocks.text()
    type_text(qtbot, dialog.picker.search, "zscq")
    press(qtbot, "Return")
    assert QApplication.focusWidget() is dialog.note
    with qtbot.waitSignal(window.model.loaded, timeout=5000):    # the list redraws itself
        submit_by_key(qtbot, dialog, ctx)
    wait_status(qtbot, pane, Status.DISPATCHED)
    row = window.model.row_of_ticket(tid)
    for column in ("contact", "interim", "close"):
        cell = window.model.data(window.model.index(row, CLOCK_COLUMNS[column]), ClockRole)
        assert cell is not None and cell.light is Light.GREEN
    assert window.model.data(window.model.index(row, CLOCK_COLUMNS["contact"])) == "1:00"
    assert window.model.row_at(row).unit_name == "中山市知识产权局"
    for kind in (ClockKind.CONTACT, ClockKind.INTERIM, ClockKind.CLOSE):
        assert not pane.clock_views[kind].isHidden()
    assert "11-24 10:00" in pane.clock_views[ClockKind.CONTACT].due.text()
    data = ctx.desk.request(tid).events[-1][0].data
    assert data == {"unit_id": "u-zscq", "unit_name": "中山市知识产权局", "note": None}


def test_dispatch_with_no_unit_names_the_unit_and_stores_nothing(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, DISPATCH)
    type_text(qtbot, dialog.picker.search, "qqqqqq")
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("unit_id") == "承办单位为必填项"
    idle(qtbot, ctx)
    assert event_types(ctx, tid) == ["created"]


def test_transfer_goes_to_another_unit_with_a_reason(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid = new_request(ctx)
    ctx.desk.dispatch(tid, "u-scjg")
    clock.set("2026-11-24T09:30")
    show(qtbot, window, tid)
    pane = window.detail
    dialog = open_by_key(qtbot, window, TRANSFER)
    assert "u-scjg" not in _shown_ids(dialog.picker)           # not back to the same unit
    type_text(qtbot, dialog.picker.search, "tax")
    press(qtbot, "Ctrl+Return")
    assert dialog.error_text("note") == "改派原因为必填项"
    assert event_types(ctx, tid) == ["created", "dispatched"]
    chosen = dialog.picker.unit_id()
    assert chosen
    dialog.note.setFocus()
    type_text(qtbot, dialog.note, "涉及税务数据，应由税务部门办理。")
    submit_by_key(qtbot, dialog, ctx)
    qtbot.waitUntil(lambda: pane.detail.state.unit_id == chosen, timeout=5000)
    contact = pane.detail.state.latest(ClockKind.CONTACT)
    assert contact.running and "10:30" in pane.clock_views[ClockKind.CONTACT].due.text()
    assert event_types(ctx, tid)[-1] == "transferred"


def test_double_click_or_enter_in_the_table_moves_on(qtbot, window, ctx, clock):
    tid = new_request(ctx)
    show(qtbot, window, tid)
    dialog = open_by_key(qtbot, window, DISPATCH)
    table = dialog.picker.table
    table.setFocus()
    press(qtbot, "Down", table)
    picked = dialog.picker.unit_id()
    press(qtbot, "Return", table)
    assert QApplication.focusWidget() is dialog.note
    assert dialog.picker.unit_id() == picked
