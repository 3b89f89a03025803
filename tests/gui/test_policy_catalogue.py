"""The policy catalogue (政策库) as a navigator uses it: two-character Chinese terms and
pinyin initials, filters by status and issuing unit, the keyboard between the search
field and the results, and an item read in full (document → item → batches, materials,
contact)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from desktop.policy.catalogue_view import HtmlRole
from tests.gui.conftest import type_text
from tests.gui.policy_helpers import TIMEOUT, shown, wait_idle


def search(qtbot, workspace, text: str) -> list[str]:
    """Type ``text`` in the search field; the titles listed, in order."""
    view = workspace.catalogue
    view.search.clear()
    with qtbot.waitSignal(view.searched, timeout=TIMEOUT):
        type_text(qtbot, view.search, text)
    wait_idle(qtbot, workspace.ctx)
    return titles(view)


def titles(view) -> list[str]:
    return [view.model.hit(r).title for r in range(view.model.rowCount())]


def row_text(view, row: int) -> str:
    doc = QTextDocument()
    doc.setHtml(view.model.index(row).data(HtmlRole))
    return doc.toPlainText()


@pytest.mark.parametrize("term", ["融资", "专利"])
def test_a_two_character_term_finds_its_items(qtbot, workspace, term):
    found = search(qtbot, workspace, term)
    assert len(found) >= 5
    # best first: the top rows show the term (later ones match in the document's text)
    assert all(term in row_text(workspace.catalogue, r) for r in range(5))
    assert workspace.catalogue.count.text() == f"共 {len(found)} 项"


def test_pinyin_initials_find_the_title(qtbot, workspace):
    found = search(qtbot, workspace, "rzdb")
    assert found and set(found) == {"融资担保费补贴"}
    assert "高新技术企业到期重新认定补助" in search(qtbot, workspace, "gxjs")


def test_filter_by_status_keeps_the_batches_open_now(qtbot, workspace):
    view = workspace.catalogue
    everything = search(qtbot, workspace, "融资")
    with qtbot.waitSignal(view.searched, timeout=TIMEOUT):
        view.status.setCurrentIndex(view.status.findText("正在申报"))
    open_now = titles(view)
    assert 0 < len(open_now) < len(everything)
    for row in range(len(open_now)):
        text = row_text(view, row)
        assert "申报中" in text or "即将截止" in text
        assert "已截止" not in text


def test_filter_by_issuing_unit(qtbot, workspace):
    view = workspace.catalogue
    search(qtbot, workspace, "专利")
    index = next(i for i in range(view.issuer.count())
                 if view.issuer.itemText(i).startswith("中山市知识产权局"))
    with qtbot.waitSignal(view.searched, timeout=TIMEOUT):
        view.issuer.setCurrentIndex(index)
    assert view.model.rowCount() > 0
    assert {view.model.hit(r).issuer_name for r in range(view.model.rowCount())} \
        == {"中山市知识产权局"}
    assert view.issuer.itemText(0) == "全部发文单位"


def test_the_keyboard_moves_between_the_field_and_the_results(qtbot, workspace):
    view = workspace.catalogue
    qtbot.keyClick(workspace, Qt.Key.Key_F3)
    assert view.search.hasFocus()
    found = search(qtbot, workspace, "专利")
    with qtbot.waitSignal(view.detail.loaded, timeout=TIMEOUT):
        qtbot.keyClick(view.search, Qt.Key.Key_Down)
        qtbot.keyClick(view.results, Qt.Key.Key_Down)
    assert view.results.hasFocus()
    assert view.results.currentIndex().row() == 1
    assert shown(view.detail).startswith(found[1])
    qtbot.keyClick(view.results, Qt.Key.Key_Up)
    qtbot.keyClick(view.results, Qt.Key.Key_Up)
    assert view.search.hasFocus()


def test_an_item_reads_document_items_batches_materials_and_contact(qtbot, workspace):
    view = workspace.catalogue
    found = search(qtbot, workspace, "融资担保")
    row = next(r for r in range(len(found)) if "申报中" in row_text(view, r))
    item_id = view.model.hit(row).item_id
    if view.results.currentIndex().row() != row:
        with qtbot.waitSignal(view.detail.loaded, timeout=TIMEOUT):
            view.results.setCurrentIndex(view.model.index(row))
    detail = workspace.ctx.desk.policy_item(item_id)
    qtbot.waitUntil(lambda: detail.item["id"] in shown(view.detail), timeout=TIMEOUT)
    text = shown(view.detail)
    doc, batch = detail.document, detail.batches[0]
    assert text.startswith("融资担保费补贴")
    for expected in ("政策文件", doc["title"], doc["doc_number"], doc["issuer_name"],
                     "申报条件", detail.rule["all"][0]["label"],
                     f"申报批次（{len(detail.batches)}）", batch.name, "申报中", "基准日",
                     "受理单位", batch.receiving_unit["name"], "咨询电话",
                     batch.contact["name"], batch.contact["phone"],
                     f"申报材料（{len(batch.materials)}）"):
        assert expected in text, expected
    for material in batch.materials:
        assert material.name in text
    assert "长期有效" in text or "有效期" in text
    group = detail.item["exclusive_group"]
    assert group and group not in text                  # the other items by title, not the id
    assert "⚠ 不可与以下事项同时享受：融资担保费补贴（" in text
    assert "（不重复享受（择一））" in text


def test_enter_on_an_item_without_an_enterprise_asks_for_one(qtbot, workspace):
    view = workspace.catalogue
    search(qtbot, workspace, "融资")
    view.results.setFocus()
    view.results.setCurrentIndex(view.model.index(0))
    with qtbot.waitSignal(workspace.status_message, timeout=TIMEOUT) as message:
        qtbot.keyClick(view.results, Qt.Key.Key_Return)
    assert message.args == ["请先选择办事企业（Ctrl+Shift+E）。"]
    assert workspace.enterprise_edit.hasFocus()
