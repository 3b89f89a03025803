"""The request list's filter bar, its two-stage search and the views' counts, driven as a
clerk drives them; every filter gives exactly the keys the desk API gives."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from core.identifiers import make_credit_code
from desktop.widgets.list_filters import NO_DATE, SearchingRequestModel, view_text
from sync.ticket_queries import RequestFilter, View
from tests.conftest import intake_form
from tests.gui.conftest import type_text

XL = make_credit_code("91442000MA5XLWJ01")


@pytest.fixture
def requests(ctx, clock):
    """Eight requests across towns, types, channels, units, statuses and two months."""
    desk = ctx.desk
    ids = {}
    clock.set("2026-10-12T10:00")
    ids["oct"], _ = desk.record_intake(intake_form(credit_code=None, enterprise_name="十月咨询公司",
                                                   type="consultation", channel="hotline",
                                                   town="shiqi", topic="tax"))
    clock.set("2026-11-20T09:00")
    ids["xl"], _ = desk.record_intake(intake_form(credit_code=XL, enterprise_name="中山市小榄五金制品有限公司",
                                                  type="help", channel="counter", town="xiaolan",
                                                  topic="financing"))
    ids["xl2"], _ = desk.record_intake(intake_form(credit_code=XL, enterprise_name="中山市小榄五金制品有限公司",
                                                   type="complaint", channel="yst", town="xiaolan"))
    ids["gz"], _ = desk.record_intake(intake_form(credit_code=make_credit_code("91442000MA5GUDH02"),
                                                  enterprise_name="中山市古镇灯饰照明有限公司",
                                                  type="complaint", channel="hotline", town="guzhen",
                                                  description="外观专利被仿冒，请求查处。"))
    ids["desc"], _ = desk.record_intake(intake_form(credit_code=None, enterprise_name="坦洲某商店",
                                                    type="consultation", channel="wechat",
                                                    town="tanzhou",
                                                    description="想进一批五金配件，问发票怎么开。"))
    ids["visit"], _ = desk.record_intake(intake_form(credit_code=None, enterprise_name="三乡某厂",
                                                     channel="visit", filed_by="黄海涛",
                                                     town="sanxiang"))
    desk.dispatch(ids["xl2"], "u-scjg")
    desk.dispatch(ids["gz"], "u-zscq")
    desk.answer_immediately(ids["desc"], "已答复", source="kb", source_ref="kb-0001")
    clock.set("2026-11-24T09:00")
    return ids


@pytest.fixture
def listed(qtbot, window, requests):
    with qtbot.waitSignal(window.model.loaded, timeout=5000):
        window.model.reload()
    return window


def shown(window) -> list[int]:
    return window.model.ids()


def expect(window, **fields) -> list[int]:
    return window.ctx.desk.request_ids(RequestFilter(**fields))


@pytest.mark.parametrize("box, value, field", [
    ("town", "xiaolan", "town"), ("unit", "u-scjg", "unit_id"), ("type", "complaint", "type"),
    ("status", "dispatched", "status"), ("channel", "hotline", "channel"),
    ("channel", "visit", "channel"), ("type", "praise", "type"),
])
def test_each_box_filters_the_list(qtbot, listed, box, value, field):
    combo = getattr(listed.filters, box)
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData(value))
    assert listed.model.filter == RequestFilter(**{field: value})
    assert shown(listed) == expect(listed, **{field: value})
    assert combo.styleSheet() != ""                        # marked as narrowing the list


def test_the_date_range(qtbot, listed, requests):
    bar = listed.filters
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        bar.date_from.setDate(QDate(2026, 11, 1))
    assert listed.model.filter.created_from == dt.date(2026, 11, 1)
    assert listed.ctx.desk.pk_of(requests["oct"]) not in shown(listed)
    assert len(shown(listed)) == 5
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        bar.date_from.setDate(NO_DATE)
        bar.date_to.setDate(QDate(2026, 10, 31))
    assert shown(listed) == [listed.ctx.desk.pk_of(requests["oct"])]
    assert bar.date_to.text() == "2026-10-31" and bar.date_from.date() == NO_DATE


def test_filters_combine_with_the_view_and_clear_together(qtbot, listed):
    bar = listed.filters
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        bar.set_values(town="xiaolan", type="complaint")
    assert shown(listed) == expect(listed, town="xiaolan", type="complaint")
    assert len(shown(listed)) == 1
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        listed.views.setCurrentRow(1)                       # open
    assert listed.model.filter.view is View.OPEN and len(shown(listed)) == 1
    assert bar.clear_button.isEnabled()
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert bar.values() == dict.fromkeys(bar.values())
    assert shown(listed) == expect(listed, view=View.OPEN)
    assert not bar.clear_button.isEnabled()


def test_keyboard_reaches_the_bar_and_escape_clears_a_box(qtbot, listed):
    bar = listed.filters
    listed.activateWindow()
    qtbot.waitUntil(listed.isActiveWindow, timeout=2000)
    qtbot.keyClick(listed, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert bar.town.hasFocus()
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        qtbot.keyClick(bar.town, Qt.Key.Key_Down)          # the first town
    assert listed.model.filter.town == bar.town.itemData(1)
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        qtbot.keyClick(bar.town, Qt.Key.Key_Escape)
    assert listed.model.filter.town is None


def test_the_unit_box_takes_a_typed_name(qtbot, listed, ctx):
    bar = listed.filters
    unit = ctx.reference.unit("u-zscq")
    bar.unit.lineEdit().clear()
    with qtbot.waitSignal(listed.model.loaded, timeout=5000):
        type_text(qtbot, bar.unit.lineEdit(), unit.name)
        bar.unit.lineEdit().editingFinished.emit()
    assert listed.model.filter.unit_id == "u-zscq"
    assert shown(listed) == expect(listed, unit_id="u-zscq")


def test_view_counts_in_the_left_list(qtbot, listed, ctx):
    with qtbot.waitSignal(listed.view_counts.counted, timeout=5000) as counted:
        listed.filters.set_values(town="xiaolan")
    counts = counted.args[0]
    assert counts[View.ALL] == 2 and counts[View.OPEN] == 2 and counts[View.CLOSED] == 0
    names = dict(listed._view_names())
    assert listed.views.item(0).text() == view_text(names[View.ALL], 2)
    overdue = [listed.views.item(i).text() for i in range(listed.views.count())
               if listed.views.item(i).data(Qt.ItemDataRole.UserRole) == View.OVERDUE.value]
    assert overdue == [view_text(names[View.OVERDUE], counts[View.OVERDUE])]
    # a new request moves the counts
    with qtbot.waitSignal(listed.view_counts.counted, timeout=5000) as counted:
        ctx.bus.emit_changes(ctx.desk.record_intake(intake_form(credit_code=None, town="xiaolan",
                                                                enterprise_name="小榄新户"))[1])
    assert counted.args[0][View.ALL] == 3


def test_search_shows_name_matches_at_once_then_adds_descriptions(qtbot, listed, requests, ctx):
    pk = {k: ctx.desk.pk_of(v) for k, v in requests.items()}
    model = listed.model
    at_once: list[list[int]] = []
    model.loaded.connect(lambda n: at_once.append(model.ids()))
    with qtbot.waitSignal(model.scan_finished, timeout=5000) as done:
        type_text(qtbot, listed.search, "五金")
    assert set(at_once[-1]) == {pk["xl"], pk["xl2"]}       # the cached enterprise, at once
    assert done.args == [3, 1]                             # then the description scan adds one
    assert shown(listed)[:2] == at_once[-1]
    assert shown(listed)[2] == pk["desc"]                  # below the quick matches
    assert set(shown(listed)) == set(expect(listed, text="五金"))
    assert model.row_at(2) is not None                     # its row came with the scan
    assert listed.count_label.text().startswith(listed.tr("%1 requests").replace("%1", "3"))


def test_search_by_pinyin_initials_code_number_and_phone(qtbot, listed, requests, ctx):
    pk = {k: ctx.desk.pk_of(v) for k, v in requests.items()}
    for text, want in (("xlwj", {pk["xl"], pk["xl2"]}), (XL[:12], {pk["xl"], pk["xl2"]}),
                       ("SQ01-00004", {pk["gz"]}), ("138 0013 8000", set(pk.values()))):
        listed.search.clear()
        with qtbot.waitSignal(listed.model.loaded, timeout=5000):
            type_text(qtbot, listed.search, text)
        qtbot.waitUntil(lambda: not listed.model.scanning, timeout=5000)
        assert set(shown(listed)) == want, text


def test_a_stale_scan_is_cancelled_and_never_shown(qtbot, listed, ctx):
    model = listed.model
    finished = []
    model.scan_finished.connect(lambda n, added: finished.append((model.filter.text, n, added)))
    model.set_filter(RequestFilter(text="五金"))
    model.set_filter(RequestFilter(text="灯饰"))            # before the first scan ran
    with qtbot.waitSignal(model.scan_finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=5000)
    assert [f[0] for f in finished] == ["灯饰"]
    assert shown(listed) == expect(listed, text="灯饰")


def test_the_searching_model_passes_qt_model_tester(qtmodeltester, qtbot, ctx, requests):
    model = SearchingRequestModel(ctx)
    with qtbot.waitSignal(model.scan_finished, timeout=5000):
        model.set_filter(RequestFilter(text="五金"))
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(RequestFilter(type="complaint"))
    qtmodeltester.check(model, force_py=True)
