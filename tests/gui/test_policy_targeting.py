"""Manual targeting (人工定向) from the matching: an empty reason is refused and nothing is
recorded; a reason is recorded, queued for sync and shown beside the item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.policy.targeting import TargetingDialog
from tests.gui.conftest import type_text
from tests.gui.policy_helpers import TIMEOUT, activate, seat, shown, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier
REASON = "走访时企业表示明年增资扩产，先推送以便提前准备材料"


@pytest.fixture
def lamp(qtbot, workspace, seeded):
    seat(qtbot, workspace, seeded["lamp"])
    workspace.show_tab(2)
    return seeded["lamp"]


def open_targeting(qtbot, workspace, item_id: str) -> TargetingDialog:
    view = workspace.matching
    assert view.select_item(item_id)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = workspace.dialog
    assert isinstance(dialog, TargetingDialog)
    activate(qtbot, dialog)
    assert dialog.reason.hasFocus()
    return dialog


def test_an_empty_reason_is_refused(qtbot, workspace, lamp):
    desk = workspace.ctx.desk
    outbox = desk.outbox_counts()
    dialog = open_targeting(qtbot, workspace, "pi-0048")
    assert dialog.windowTitle() == "人工定向推送"
    assert shown(dialog.findChild(type(dialog.error), "targetWhat")) == \
        "外资企业增资扩产奖励 pi-0048\n→ 中山市华耀灯饰有限公司"
    assert not dialog.ok.isEnabled()
    type_text(qtbot, dialog.reason, "   ")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, CTRL)
    assert dialog.error.text() == "请填写原因：说明为何向该企业推送此事项。"
    assert dialog.isVisible()
    dialog.reject()
    wait_idle(qtbot, workspace.ctx)
    assert desk.targeting_of(lamp) == []
    assert desk.outbox_counts() == outbox


def test_a_reason_is_recorded_and_shown_beside_the_item(qtbot, workspace, lamp):
    view = workspace.matching
    dialog = open_targeting(qtbot, workspace, "pi-0048")
    type_text(qtbot, dialog.reason, REASON)
    assert dialog.count.text() == f"{len(REASON)}/500"
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(workspace.status_message, timeout=TIMEOUT) as message, \
            qtbot.waitSignal(view.matched, timeout=TIMEOUT):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, workspace.ctx)
    assert message.args == ["已定向推送：外资企业增资扩产奖励（待同步）"]
    [row] = workspace.ctx.desk.targeting_of(lamp)
    assert (row.item_id, row.reason) == ("pi-0048", REASON)
    index = view.model.index_of("pi-0048")
    assert index.siblingAtColumn(4).data().startswith("已人工定向")
    assert view.line.item.id == "pi-0048"
    assert f"已定向推送（原因：{REASON}）——周文静，2026-11-24 09:00 · 尚未同步" \
        in shown(view.detail)
    view.status.setCurrentIndex(view.status.findText("已人工定向"))
    assert [ln.item.id for ln in view.model.lines()] == ["pi-0048"]


def test_an_earlier_targeting_is_shown_in_the_dialog(qtbot, workspace, seeded):
    seat(qtbot, workspace, seeded["hardware"])
    workspace.show_tab(2)
    dialog = open_targeting(qtbot, workspace, "pi-0082")
    earlier = dialog.findChild(type(dialog.error), "targetEarlier")
    assert earlier is not None
    assert earlier.text().startswith("已定向推送过：企业高企证书2026年3月取得")
    assert earlier.text().endswith("（周文静 2026-11-24）")
    dialog.reject()
