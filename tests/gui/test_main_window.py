"""The first window as a clerk uses it: typing an intake, seeing it listed with its clocks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from core.deadlines import Light
from core.ticket_state import ClockKind
from desktop.models.requests import CLOCK_COLUMNS, ClockRole, RequestTableModel
from sync.ticket_queries import RequestFilter, View
from tests.conftest import CODE, intake_form
from tests.gui.conftest import type_text


def wait_idle(qtbot, ctx):
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=5000)


def test_request_model_passes_qt_model_tester(qtmodeltester, qtbot, ctx):
    for i in range(7):
        ctx.desk.record_intake(intake_form(enterprise_name=f"示例企业{i}", credit_code=None))
    model = RequestTableModel(ctx)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 7


def test_typing_an_intake_records_it_and_lists_it(qtbot, window, ctx):
    dialog = window.open_intake()
    form = dialog.form
    form.type.setCurrentIndex(form.type.findData("help"))
    form.topic.setCurrentIndex(form.topic.findData("annual_report"))
    type_text(qtbot, form.credit_code, CODE[:10])
    assert "10" in form.credit_status.text()              # 10 of 18, no complaint yet
    type_text(qtbot, form.credit_code, CODE[10:])
    assert form.credit_status.text().startswith("✓")
    assert "中山" in form.credit_status.text()            # the region decoded from the code
    type_text(qtbot, form.enterprise_name, "中山市示例精密机械有限公司")
    type_text(qtbot, form.contact_name, "李建华")
    type_text(qtbot, form.contact_phone, "138 0013 8000")
    type_text(qtbot, form.description, "年报填报时系统提示资产总额与上年数据差异过大。")
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.model.rowCount() == 1
    row = window.model.row_at(0)
    assert row.enterprise_name == "中山市示例精密机械有限公司"
    assert row.contact_phone == "13800138000"
    index = window.model.index(0, 0)
    assert window.model.data(index) == "SQ01-00001"
    assert window.model.data(window.model.index(0, 2)) == "已受理"


def test_a_bad_credit_code_is_flagged_as_typed_and_refused(qtbot, window, ctx):
    dialog = window.open_intake()
    form = dialog.form
    type_text(qtbot, form.credit_code, "9144200O")
    assert form.credit_status.text().startswith("✗")
    assert "O" in form.credit_status.text()
    form.credit_code.clear()
    bad = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")
    type_text(qtbot, form.credit_code, bad)
    assert form.credit_status.text().startswith("⚠")
    assert form.override_note.isVisible()
    type_text(qtbot, form.enterprise_name, "示例公司")
    type_text(qtbot, form.contact_name, "王")
    type_text(qtbot, form.contact_phone, "13800138000")
    type_text(qtbot, form.description, "咨询")
    form.submit()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=5000)
    assert "校验码" in form.error.text()
    assert ctx.desk.count_requests() == 0                 # nothing stored
    type_text(qtbot, form.override_note, "与营业执照原件一致")
    with qtbot.waitSignal(form.submitted, timeout=5000):
        form.submit()
    assert ctx.desk.count_requests() == 1


def test_empty_required_field_names_it(qtbot, window, ctx):
    dialog = window.open_intake()
    dialog.form.submit()
    qtbot.waitUntil(lambda: dialog.form.error.text() != "", timeout=5000)
    assert "必填" in dialog.form.error.text()
    assert ctx.desk.count_requests() == 0


def test_dispatched_rows_show_three_countdowns(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")
    clock.set("2026-11-24T09:50")
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        window.model.reload()
    model = window.model
    contact, interim, close = (model.data(model.index(0, CLOCK_COLUMNS[c]), ClockRole)
                               for c in ("contact", "interim", "close"))
    assert contact.light is Light.AMBER                      # 10 of 60 minutes left
    assert model.data(model.index(0, CLOCK_COLUMNS["contact"])) == "0:10"
    assert interim.light is Light.GREEN and close.light is Light.GREEN
    assert model.data(model.index(0, CLOCK_COLUMNS["close"])) == "5.8天"   # rest of day 0 + 5 days
    clock.set("2026-11-24T10:05")
    model.tick(clock.now)
    assert model.data(model.index(0, CLOCK_COLUMNS["contact"]), ClockRole).light is Light.RED
    assert model.data(model.index(0, CLOCK_COLUMNS["contact"])) == "逾期 0:05"


def test_views_filter_the_list(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")
    ctx.desk.record_intake(intake_form(enterprise_name="中山市古镇灯饰示例厂", credit_code=None))
    clock.set("2026-11-24T11:00")
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        window.views.setCurrentRow(4)                      # overdue
    assert window.model.filter == RequestFilter(view=View.OVERDUE)
    assert window.model.rowCount() == 1
    window.views.setCurrentRow(0)
    type_text(qtbot, window.search, "gzdsslc")              # pinyin initials of 古镇灯饰示例厂
    qtbot.waitUntil(lambda: window.model.filter.text == "gzdsslc" and ctx.tasks.idle)
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).enterprise_name == "中山市古镇灯饰示例厂"


def test_selecting_a_row_shows_its_clocks_and_why(qtbot, window, ctx, clock):
    clock.set("2026-09-30T16:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        window.model.reload()
    window.table.selectRow(0)
    pane = window.detail
    qtbot.waitUntil(lambda: pane.detail is not None, timeout=5000)
    interim = pane.clock_views[ClockKind.INTERIM]
    assert interim.isVisible()
    assert "10-10 17:30" in interim.due.text()
    assert "国庆节" in interim.toolTip() and "调休" in interim.toolTip()
    assert pane.timeline.count() == 2
    assert isinstance(pane.heading, QLabel) and "SQ01-00001" in pane.heading.text()
