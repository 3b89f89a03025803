"""Smart recommendation (智能推荐) as a navigator reads it: the items grouped 符合 / 可能符合 /
不符合, each judged at its batch's reference date with a trace per condition and what
would make it eligible; overlapping items flagged; filters; the item in the catalogue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.policy_helpers import TIMEOUT, seat, shown

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def view(qtbot, workspace, seeded):
    """The lamp maker's matching, on its tab."""
    seat(qtbot, workspace, seeded["lamp"])
    qtbot.keyClick(workspace, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "智能推荐"
    return workspace.matching


def groups(view) -> list[str]:
    model = view.model
    return [model.index(g, 0).data() for g in range(model.rowCount())]


def tree_row(view, item_id: str) -> list[str]:
    index = view.model.index_of(item_id)
    return [index.siblingAtColumn(c).data() or "" for c in range(view.model.columnCount())]


def first(view, outcome: str, **having):
    """The first line shown with ``outcome`` whose attributes are true as asked."""
    return next(ln for ln in view.model.lines(outcome)
                if all(bool(getattr(ln, k)) == v for k, v in having.items()))


def choose(qtbot, view, line) -> str:
    assert view.select_item(line.item.id)
    return shown(view.detail)


def test_items_are_grouped_by_outcome(view):
    match = view.match
    counts = match.counts
    assert groups(view) == [f"符合（{counts['eligible']}）",
                            f"可能符合（信息待补充）（{counts['likely']}）",
                            f"不符合（{counts['not_eligible']}）"]
    header = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert header == ["兑现事项", "扶持标准", "所据批次", "基准日", "原因 / 缺少什么"]
    summary = shown(view.summary)
    assert f"共匹配 {len(match.lines)} 项" in summary
    assert "按各批次基准日判断，匹配日期 2026-11-24" in summary


def test_not_eligible_shows_the_trace_and_what_would_make_it_eligible(qtbot, view):
    line = first(view, "not_eligible", hints=True, batch=True)
    text = choose(qtbot, view, line)
    assert text.startswith(line.item.title)
    assert "\n不符合\n" in text
    assert f"按批次 {line.batch.name}（" in text
    assert f"基准日 {line.verdict.reference_date}——以该日情况为准，而非今日。" in text
    assert "还需满足：" in text
    for hint in line.hints:
        assert hint in text
    assert "\n结果\n条件（条款）\n要求\n企业情况（来源）\n证明材料\n" in text
    unmet = next(t for t in line.traces if t.value == "not_met" and not t.moot)
    assert f"\n✗\n不满足\n{unmet.label}\n{unmet.clause}\n" in text
    assert tree_row(view, line.item.id)[4].startswith(line.hints[0])


def test_likely_says_what_is_still_to_confirm(qtbot, view):
    line = first(view, "likely", hints=True)
    text = choose(qtbot, view, line)
    assert "\n可能符合（信息待补充）\n" in text
    assert "尚待确认：" in text
    missing = next(t for t in line.traces if t.value == "missing" and not t.moot)
    assert f"\n?\n缺信息\n{missing.label}\n" in text


def test_eligible_says_every_condition_is_met(qtbot, view):
    line = first(view, "eligible", overlaps=False)
    text = choose(qtbot, view, line)
    assert "\n符合\n" in text
    assert "基准日各项条件均已满足。" in text
    assert "✗" not in text


def test_overlapping_items_are_flagged_side_by_side(qtbot, view):
    match = view.match
    assert view.overlaps.isVisible()
    panel = shown(view.overlaps)
    assert panel.startswith(f"不可同时享受的匹配事项（{len(match.overlaps)} 组）")
    line = first(view, "eligible", overlaps=True)
    rule = "不重复享受（择一）" if line.overlaps[0].stacking == "no_duplicate" else "就高不就低"
    assert f"⚠ {rule}" in tree_row(view, line.item.id)[4]
    text = choose(qtbot, view, line)
    overlap = line.overlaps[0]
    assert f"⚠ {rule}" in text
    for item_id in overlap.items:
        assert item_id in text
    assert overlap.explanation in text


def test_filters_narrow_without_matching_again(qtbot, view):
    match = view.match
    view.status.setCurrentIndex(view.status.findText("正在申报"))
    shown_lines = view.model.lines()
    assert 0 < len(shown_lines) < len(match.lines)
    assert {ln.status for ln in shown_lines} <= {"open", "closing_soon"}
    assert all(tree_row(view, ln.item.id)[2].startswith(("申报中", "即将截止"))
               for ln in shown_lines)
    view.status.setCurrentIndex(0)
    view.filter.setText("gxjs")                 # 高新技术…, by its initials
    titles = [ln.item.title for ln in view.model.lines()]
    assert titles and all("高新技术" in t for t in titles)
    assert view.match is match                  # the same result, filtered


def test_the_item_is_shown_in_the_catalogue(qtbot, workspace, view):
    line = first(view, "likely", hints=True)
    view.select_item(line.item.id)
    view.tree.setFocus()
    with qtbot.waitSignal(workspace.catalogue.detail.loaded, timeout=TIMEOUT):
        qtbot.keyClick(view.tree, Qt.Key.Key_L, CTRL_SHIFT)
    assert workspace.tabs.currentIndex() == 0
    text = shown(workspace.catalogue.detail)
    assert text.startswith(line.item.title)
    assert "本企业： 可能符合（信息待补充） · 基准日 " in text


def test_an_item_outside_the_search_is_shown_with_no_other_row_chosen(qtbot, workspace, view):
    catalogue = workspace.catalogue
    catalogue.search.setText("融资")
    with qtbot.waitSignal(catalogue.searched, timeout=TIMEOUT):
        catalogue.run_search()
    line = next(ln for ln in view.model.lines() if "融资" not in ln.item.title
                and catalogue.model.row_of(ln.item.id) is None)
    view.select_item(line.item.id)
    with qtbot.waitSignal(catalogue.detail.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(view.catalogue_button, Qt.MouseButton.LeftButton)
    assert shown(catalogue.detail).startswith(line.item.title)
    assert catalogue.results.selectionModel().selectedIndexes() == []
