"""The enterprise at the policy desk: found by its name's pinyin initials, or registered
on the spot (a bad credit code is refused with a message naming the field; the town is
read from the address)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.identifiers import make_credit_code
from desktop.policy.workspace import RegisterEnterpriseDialog
from tests.gui.conftest import type_text
from tests.gui.policy_helpers import TIMEOUT, shown, wait_idle

NEW = make_credit_code("91442000MA5NEW7K0")


def test_the_enterprise_is_found_by_pinyin_initials(qtbot, workspace, seeded):
    picker = workspace.picker
    qtbot.keyClick(workspace, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert workspace.enterprise_edit.hasFocus()
    type_text(qtbot, workspace.enterprise_edit, "hyds")     # 华耀灯饰
    qtbot.waitUntil(lambda: picker.popup_visible, timeout=TIMEOUT)
    popup = picker.completer.popup()
    with qtbot.waitSignal(workspace.matching.matched, timeout=TIMEOUT):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    wait_idle(qtbot, workspace.ctx)
    assert workspace.enterprise_id == seeded["lamp"]
    card = shown(workspace.card)
    assert card.startswith("中山市华耀灯饰有限公司 · 91442000")
    assert " · 古镇 · 小型 · " in card
    assert "符合 57 项 · 可能符合 20 项" in card
    assert workspace.enterprise_edit.text() == "中山市华耀灯饰有限公司"


def open_register(qtbot, workspace) -> RegisterEnterpriseDialog:
    qtbot.mouseClick(workspace.register_button, Qt.MouseButton.LeftButton)
    dialog = workspace.dialog
    assert isinstance(dialog, RegisterEnterpriseDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog._catalogue is not None, timeout=TIMEOUT)
    return dialog


def test_a_bad_credit_code_is_refused_naming_the_field(qtbot, workspace):
    dialog = open_register(qtbot, workspace)
    assert dialog.windowTitle() == "新增企业"
    bad = NEW[:17] + ("0" if NEW[17] != "0" else "1")
    type_text(qtbot, dialog.code, bad)
    type_text(qtbot, dialog.name, "中山市新锐电器有限公司")
    assert dialog.check.text() == \
        f"✗ 统一社会信用代码：第18位校验码应为 {NEW[17]}，实际为 {bad[17]}"
    assert not dialog.ok.isEnabled()
    dialog.code.clear()
    type_text(qtbot, dialog.code, NEW)
    assert dialog.check.text().startswith("✓ 信用代码校验通过")
    assert dialog.ok.isEnabled()
    dialog.reject()


def test_a_new_enterprise_is_registered_and_seated(qtbot, workspace):
    dialog = open_register(qtbot, workspace)
    type_text(qtbot, dialog.code, NEW)
    type_text(qtbot, dialog.name, "中山市新锐电器有限公司")
    type_text(qtbot, dialog.address, "中山市小榄镇工业大道中88号")
    assert dialog.check.text() == "✓ 信用代码校验通过 · 按地址所属镇街：小榄镇"
    with qtbot.waitSignal(workspace.matching.matched, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, workspace.ctx)
    row = workspace.ctx.desk.enterprise(NEW)
    assert row is not None and row.name == "中山市新锐电器有限公司" and row.town == "xiaolan"
    assert workspace.enterprise_id == row.id
    assert shown(workspace.card).startswith(f"中山市新锐电器有限公司 · {NEW} · 小榄 · ")
    profile = workspace.profile
    town = profile.model.index(profile.model.row_of("town"), 1)
    assert town.data() == "小榄镇"
    assert town.siblingAtColumn(2).data() == "企业自述"
    assert town.siblingAtColumn(4).data() == "地址：中山市小榄镇工业大道中88号"
