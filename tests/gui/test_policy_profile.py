"""The enterprise profile (企业画像) as a navigator edits it: every fact with its source and
date, the scale computed from the figures, an edit that must name its source (and the
material seen), a bad value refused with a clear message and nothing stored, and a field
cleared."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.policy.field_dialog import FieldDialog
from tests.gui.conftest import type_text
from tests.gui.policy_helpers import TIMEOUT, activate, seat, shown, wait_idle

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def lamp(qtbot, workspace, seeded):
    """The lamp maker at the desk, its profile tab shown."""
    seat(qtbot, workspace, seeded["lamp"])
    qtbot.keyClick(workspace, Qt.Key.Key_2, ALT)
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "企业画像"
    return workspace.profile


def row(editor, field: str) -> list[str]:
    model = editor.model
    r = model.row_of(field)
    return [model.index(r, c).data() for c in range(model.columnCount())]


def open_field(qtbot, editor, field: str) -> FieldDialog:
    """Move to the field's row and press F2, as the navigator does."""
    editor.select_field(field)
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    dialog = editor.dialog
    assert isinstance(dialog, FieldDialog)
    activate(qtbot, dialog)
    assert dialog.focusWidget() is dialog.value_widget
    return dialog


def choose_source(qtbot, dialog, key: Qt.Key, source: str) -> None:
    """Alt+1/2/3: the button's mnemonic clicks it (animated: it lands a moment later)."""
    qtbot.keyClick(dialog.focusWidget(), key, ALT)
    qtbot.waitUntil(lambda: dialog.source.source == source, timeout=TIMEOUT)


def test_every_fact_shows_its_source_and_date(lamp):
    header = [lamp.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert header == ["项目", "内容", "来源", "核实日期", "备注"]
    assert row(lamp, "employees") == ["从业人数（人）", "150 人", "企业自述", "2026-11-02",
                                      "含劳务派遣8人"]
    assert row(lamp, "revenue") == ["上年度营业收入（万元）", "4000 万元",
                                    "查验材料：上年度财务审计报告", "2025年度", ""]
    assert row(lamp, "industry")[1:3] == ["C3872 照明灯具制造", "中央登记库"]
    assert row(lamp, "graduates_hired")[1:] == ["未填写", "", "", ""]
    scale = shown(lamp.scale)
    assert "企业规模（工信部联企业〔2011〕300号）\n小型\n" in scale
    assert "工业：从业人员 150 人、营业收入 4,000 万元 → 小型" in scale
    assert "依据 2025 年度数据" in scale


def test_an_edit_names_its_source_and_the_scale_follows(qtbot, workspace, lamp, seeded):
    dialog = open_field(qtbot, lamp, "employees")
    assert dialog.windowTitle() == "企业画像：从业人数"
    assert shown(dialog.was) == "当前：150 人（企业自述，截至2026-11-02）"
    dialog.value_widget.clear()
    type_text(qtbot, dialog.value_widget, "350")
    assert "工业：从业人员 350 人、营业收入 4,000 万元 → 中型" in shown(dialog.live)
    assert dialog.error.text() == "请选择信息来源（Alt+1、Alt+2、Alt+3）。"
    assert not dialog.save_button.isEnabled()
    choose_source(qtbot, dialog, Qt.Key.Key_2, "document")     # 查验材料
    assert dialog.error.text() == "请选择查验的材料。"
    combo = dialog.source.material
    assert combo.itemText(0) == "查验的是哪份材料？"
    assert combo.itemText(1) == "上年度企业所得税年度纳税申报表"   # those that prove it first
    combo.setCurrentIndex(combo.findText("单位社保缴费明细"))
    assert dialog.error.text() == "" and dialog.save_button.isEnabled()
    with qtbot.waitSignal(workspace.status_message, timeout=TIMEOUT) as saved, \
            qtbot.waitSignal(lamp.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, workspace.ctx)
    assert saved.args == ["已保存：从业人数（待同步）"]
    fact = workspace.ctx.desk.enterprise_profile(seeded["lamp"]).employees
    assert (fact.value, fact.source, fact.material) == (350, "document", "mat-social-insurance")
    assert row(lamp, "employees")[1:4] == ["350 人", "查验材料：单位社保缴费明细", "2026-11-24"]
    assert "\n中型\n" in shown(lamp.scale)


def test_a_bad_value_is_refused_and_nothing_is_stored(qtbot, workspace, lamp, seeded):
    desk = workspace.ctx.desk
    before = desk.enterprise_profile(seeded["lamp"]).rd_ratio
    dialog = open_field(qtbot, lamp, "rd_ratio")
    choose_source(qtbot, dialog, Qt.Key.Key_1, "told")         # 企业自述
    dialog.value_widget.clear()
    type_text(qtbot, dialog.value_widget, "150")
    assert dialog.error.text() == "研发费用占营业收入比例（%）应在 0 至 100 之间。"
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.fact is None
    dialog.reject()
    wait_idle(qtbot, workspace.ctx)
    assert desk.enterprise_profile(seeded["lamp"]).rd_ratio == before
    assert row(lamp, "rd_ratio")[1] == "4.2%"


def test_delete_clears_a_field_after_asking(qtbot, workspace, lamp, seeded):
    lamp.select_field("export_value")
    qtbot.keyClick(lamp.table, Qt.Key.Key_Delete)
    box = lamp.dialog
    assert isinstance(box, QMessageBox)
    assert box.text() == "清空“上年度出口额”？清空后匹配时按“缺信息”处理。"
    with qtbot.waitSignal(lamp.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert row(lamp, "export_value")[1] == "未填写"
    assert workspace.ctx.desk.enterprise_profile(seeded["lamp"]).export_value is None
