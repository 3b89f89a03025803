"""The knowledge base beside the intake: searched as the clerk types (the description or
a search of their own), debounced, on the desk's worker; matches in bold; the article in
full; the reply editable; the keyboard between the search and the results."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.widgets.kb_panel import HtmlRole, KbPanel, KbResultsModel, highlight_html, snippet
from sync.lookups import KbResults
from tests.gui.conftest import type_text


@pytest.fixture
def panel(qtbot, ctx):
    p = KbPanel(ctx)
    qtbot.addWidget(p)
    p.resize(520, 700)
    p.show()
    return p


def search(qtbot, panel, text):
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        type_text(qtbot, panel.search, text)
    return shown.args[0]


@pytest.mark.parametrize("term", ["年报", "融资", "专利", "税"])
def test_short_terms_find_articles_with_the_term_in_bold(qtbot, panel, term):
    assert search(qtbot, panel, term) > 0
    first = panel.model.hit(0)
    assert term in first.title
    html = panel.model.data(panel.model.index(0, 0), HtmlRole)
    assert f">{term}</b>" in html


def test_one_search_per_pause_not_per_keystroke(qtbot, panel, ctx):
    calls = []
    original = ctx.desk.kb_lookup
    ctx.desk.kb_lookup = lambda *a, **k: calls.append(a[0]) or original(*a, **k)
    try:
        with qtbot.waitSignal(panel.results_shown, timeout=5000):
            qtbot.keyClicks(panel.search, "ISO9001")
    finally:
        del ctx.desk.kb_lookup
    assert calls == ["ISO9001"]


def test_the_description_drives_the_search_until_a_search_is_typed(qtbot, panel):
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.set_description("企业年报逾期未报，被列入经营异常名录，怎么移出？")
    assert shown.args[0] > 0
    assert any("年报" in panel.model.hit(r).title or "异常" in panel.model.hit(r).title
               for r in range(panel.model.rowCount()))
    search(qtbot, panel, "专利")
    assert "专利" in panel.model.hit(0).title
    # with a search typed, the description no longer moves the results
    panel.set_description("融资担保")
    assert not panel._timer.isActive()


def test_choosing_an_article_shows_it_in_full_and_copies_its_answer(qtbot, panel, ctx):
    search(qtbot, panel, "年报")
    with qtbot.waitSignal(panel.article_shown, timeout=2000) as shown:
        panel.results.setCurrentIndex(panel.model.index(1, 0))
    hit = panel.model.hit(1)
    assert shown.args == [hit.id] and panel.chosen == hit
    text = panel.article.toPlainText()
    assert hit.title in text and hit.answer[:20] in text
    assert (hit.data["basis"] or "—") in text
    unit = ctx.reference.unit(hit.data["unit_id"])
    assert unit is not None and unit.name in text
    assert panel.answer.toPlainText() == hit.answer
    assert panel.answer_button.isEnabled()
    assert panel.answer_event() == {"answer": hit.answer, "source": "kb",
                                    "source_ref": hit.id, "source_title": hit.title}


def test_an_edited_reply_is_kept_when_another_article_is_read(qtbot, panel):
    search(qtbot, panel, "年报")
    panel.results.setCurrentIndex(panel.model.index(0, 0))
    first = panel.chosen
    panel.answer.setPlainText("按窗口口径答复：" + first.answer)
    panel.results.setCurrentIndex(panel.model.index(1, 0))
    assert panel.chosen != first
    assert panel.answer.toPlainText().startswith("按窗口口径答复：")
    assert panel.use_article.isEnabled()
    qtbot.mouseClick(panel.use_article, Qt.MouseButton.LeftButton)
    assert panel.answer.toPlainText() == panel.chosen.answer
    panel.answer.clear()
    assert not panel.answer_button.isEnabled()           # an empty reply is not recorded
    assert panel.answer_event() is None


def test_keyboard_between_search_results_and_reply(qtbot, panel):
    search(qtbot, panel, "专利")
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=2000)
    panel.search.setFocus()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.results.hasFocus() and panel.results.currentIndex().row() == 0
    assert panel.chosen == panel.model.hit(0)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    assert panel.chosen == panel.model.hit(1)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert panel.answer.hasFocus()
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.results, Qt.Key.Key_Up)
    assert panel.search.hasFocus()


def test_nothing_found_says_so(qtbot, panel):
    assert search(qtbot, panel, "量子引力波") == 0
    assert panel.status.text() != ""
    assert panel.model.rowCount() == 0


def test_the_topic_leans_the_ranking(qtbot, panel):
    panel.set_topic("intellectual_property")
    search(qtbot, panel, "贷款")
    assert panel.model.hit(0).topic == "intellectual_property"


def test_highlight_html_escapes_and_bolds():
    assert highlight_html("<年报>与年报", "年报") == (
        "&lt;<b style='color:#0b57d0'>年报</b>&gt;与<b style='color:#0b57d0'>年报</b>")
    assert highlight_html("中山市小榄五金", "xlwj").count("<b") == 1
    assert snippet("甲" * 100 + "专利" + "乙" * 100, "专利", 20).startswith("…")


def test_the_results_model_passes_qt_model_tester(qtmodeltester, ctx):
    model = KbResultsModel(ctx)
    model.set_results(ctx.desk.kb_lookup("融资"))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    model.set_results(KbResults())
    qtmodeltester.check(model, force_py=True)
