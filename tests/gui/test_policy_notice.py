"""The one-time notice (一次性告知单) the enterprise takes home: the conditions it still
has to meet or prove, the batch's materials (those handed in ticked), the navigator and
the hall; previewed, and written as a PDF."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog

from desktop.policy.notice import NoticeDialog, Pager, paint
from tests.gui.policy_helpers import TIMEOUT, activate, seat

ITEM = "pi-0048"        # 外资企业增资扩产奖励: the lamp maker's assets fall short


class Recorder(QPainter):
    """A painter that keeps every text it draws, in order: what is on the paper."""

    def __init__(self, device):
        super().__init__(device)
        self.texts: list[str] = []

    def drawText(self, *args):  # noqa: N802 - Qt's name
        self.texts.append(args[-1])
        super().drawText(*args)


def paper(notice) -> list[str]:
    image = QImage(672, 950, QImage.Format.Format_RGB32)
    recorder = Recorder(image)
    try:
        paint(Pager(recorder, QRectF(48, 48, 576, 854), lambda: recorder), notice)
    finally:
        recorder.end()
    return recorder.texts


@pytest.fixture
def dialog(qtbot, workspace, seeded) -> NoticeDialog:
    seat(qtbot, workspace, seeded["lamp"])
    workspace.show_tab(2)
    view = workspace.matching
    assert view.select_item(ITEM)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    d = workspace.dialog
    assert isinstance(d, NoticeDialog)
    qtbot.waitUntil(lambda: d.notice is not None, timeout=TIMEOUT)
    activate(qtbot, d)
    return d


def test_the_notice_lists_what_is_unmet_and_the_materials(dialog):
    notice = dialog.notice
    assert dialog.windowTitle() == "一次性告知单 · 外资企业增资扩产奖励"
    assert dialog.findChild(type(dialog.status), "noticePage1") is not None
    texts = paper(notice)
    assert texts[:2] == ["石岐街道 1 号窗口", "政策兑现一次性告知单"]
    assert texts[2] == f"编号 SQ01-20261124-{ITEM} · 2026-11-24"
    rows = dict(zip(texts[3:25:2], texts[4:25:2], strict=True))
    assert rows["企业名称"] == "中山市华耀灯饰有限公司"
    assert rows["兑现事项"] == f"外资企业增资扩产奖励（{ITEM}）"
    assert rows["申报时间"] == "2026-10-25 至 2026-12-06（即将截止）"
    assert rows["基准日"] == "2026-10-25（按该日情况判断是否符合条件）"
    at = texts.index("一、您尚需满足或补充证明的条件")
    assert texts[at + 1] == "1. 【不满足】 资产总额5000万元以上（第三条第一款）"
    assert texts[at + 2] == "需要资产总额 5000 万元及以上，目前为 2600 万元\n证明材料：上年度财务审计报告"
    at = texts.index("二、请准备以下材料")
    materials = texts[at + 1:]
    assert "1. 项目申报书" in materials and "请准备" in materials
    assert "2. 营业执照副本复印件" in materials
    assert "已提交（2026-11-02 收取）" in materials
    assert len([m for m in notice.materials if not m.ready]) == materials.count("请准备")
    assert texts[-1] == "导办人员：周文静    石岐街道 1 号窗口    日期：2026-11-24"


def test_the_notice_is_written_as_a_pdf(qtbot, dialog, monkeypatch, tmp_path):
    asked = {}
    target = tmp_path / "notice.pdf"

    def save_as(parent, caption, name, filters):
        asked.update(caption=caption, name=name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert dialog.pdf_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    assert asked == {"caption": "将告知单另存为 PDF", "name": f"一次性告知单-{ITEM}-2026-11-24.pdf"}
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", data)
    assert len(pages) == len(dialog.pages) >= 1         # as many pages as the preview
