"""The intake as a clerk uses it: finding the enterprise by code, name or pinyin initials
(or entering a new one), the duplicate warning, the keyboard, drafts that survive a
closed window and a killed process, and answering at once from the knowledge base."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.identifiers import make_credit_code
from core.tickets import EventType
from desktop.drafts import DraftStore, draft_path
from desktop.screens.intake_dialog import IntakeDialog
from desktop.widgets.enterprise_picker import EnterpriseResultsModel
from tests.conftest import intake_form
from tests.gui.conftest import type_text

XL = make_credit_code("91442000MA5XLWJ01")
GZ = make_credit_code("91442000MA5GUDH02")
NEW = make_credit_code("92442000MA5QKJ003")          # 92: an individual business
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def seeded(ctx, clock):
    """Two enterprises in the cache, one with an open financing request from last week."""
    desk = ctx.desk
    clock.set("2026-11-17T10:00")
    open_id, _ = desk.record_intake(intake_form(
        credit_code=XL, enterprise_name="中山市小榄五金制品有限公司", town="xiaolan",
        topic="financing", contact_name="梁志成", contact_phone="13912345678",
        description="想申请贴息贷款，了解中小微企业融资担保政策。"))
    desk.record_intake(intake_form(
        credit_code=GZ, enterprise_name="中山市古镇灯饰照明有限公司", town="guzhen",
        topic="intellectual_property", contact_name="何丽", contact_phone="0760-22334455",
        description="外观设计专利被仿冒。"))
    clock.set("2026-11-24T09:00")
    return {"open": open_id}


@pytest.fixture
def dialog(qtbot, window, seeded):
    d = window.open_intake()
    qtbot.waitExposed(d)
    assert d.pending_draft is None
    return d


def pick_first(qtbot, picker):
    qtbot.waitUntil(lambda: picker.popup_visible, timeout=5000)
    popup = picker.completer.popup()
    with qtbot.waitSignal(picker.picked, timeout=2000) as picked:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    return picked.args[0]


def wait_idle(qtbot, ctx):
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=5000)


# -- finding the enterprise -----------------------------------------------------------------

def test_enterprise_found_by_credit_code(qtbot, dialog, ctx):
    form = dialog.form
    type_text(qtbot, form.credit_code, XL[:12])
    hit = pick_first(qtbot, form.code_picker)
    assert hit.credit_code == XL
    assert form.credit_code.text() == XL
    assert form.enterprise_name.text() == "中山市小榄五金制品有限公司"
    assert form.town.currentData() == "xiaolan"
    # the contact of its latest request, in full in the form
    assert form.contact_name.text() == "梁志成"
    assert form.contact_phone.text() == "13912345678"
    assert form.region.text() == "广东省中山市" and form.entity_type.text() == "企业"
    assert form.region.isReadOnly() and form.entity_type.isReadOnly()
    assert form.enterprise is hit and form.enterprise_badge.text().startswith("✓")
    assert form.description.hasFocus()          # name, contact and phone are filled


def test_enterprise_found_by_name(qtbot, dialog):
    form = dialog.form
    type_text(qtbot, form.enterprise_name, "灯饰")
    hit = pick_first(qtbot, form.name_picker)
    assert hit.name == "中山市古镇灯饰照明有限公司"
    assert form.credit_code.text() == GZ and form.town.currentData() == "guzhen"
    assert form.contact_phone.text() == "0760-22334455"


def test_enterprise_found_by_pinyin_initials(qtbot, dialog):
    form = dialog.form
    type_text(qtbot, form.enterprise_name, "xlwj")      # 小榄五金
    qtbot.waitUntil(lambda: form.name_picker.popup_visible, timeout=5000)
    model = form.name_picker.model
    assert model.rowCount() == 1
    assert "<b" in model.data(model.index(0, 0), Qt.ItemDataRole.UserRole + 2)
    hit = pick_first(qtbot, form.name_picker)
    assert hit.credit_code == XL and hit.how == "initials"
    assert form.enterprise_name.text() == "中山市小榄五金制品有限公司"


def test_escape_closes_the_popup_and_keeps_the_text(qtbot, dialog):
    form = dialog.form
    type_text(qtbot, form.enterprise_name, "灯饰")
    qtbot.waitUntil(lambda: form.name_picker.popup_visible, timeout=5000)
    qtbot.keyClick(form.name_picker.completer.popup(), Qt.Key.Key_Escape)
    assert not form.name_picker.popup_visible
    assert form.enterprise_name.text() == "灯饰" and form.enterprise is None


def test_a_complete_code_finds_the_enterprise_without_the_popup(qtbot, dialog):
    form = dialog.form
    form.credit_code.setText(GZ)                         # pasted
    qtbot.waitUntil(lambda: form.enterprise is not None, timeout=5000)
    assert form.enterprise_name.text() == "中山市古镇灯饰照明有限公司"
    assert form.town.currentData() == "guzhen"


def test_a_new_enterprise_has_its_region_and_type_from_the_code(qtbot, dialog, ctx):
    form = dialog.form
    type_text(qtbot, form.credit_code, NEW[:2])
    assert form.entity_type.text() == "个体工商户" and form.region.text() == ""
    type_text(qtbot, form.credit_code, NEW[2:8])
    assert form.region.text() == "广东省中山市"
    type_text(qtbot, form.credit_code, NEW[8:])
    assert form.credit_status.text().startswith("✓")
    qtbot.waitUntil(lambda: "✓" not in form.enterprise_badge.text()
                    and form.enterprise_badge.text() != "", timeout=5000)
    wait_idle(qtbot, ctx)
    assert form.enterprise is None
    type_text(qtbot, form.enterprise_name, "石岐区晨光五金店")
    type_text(qtbot, form.contact_name, "陈晨")
    type_text(qtbot, form.contact_phone, "13700001111")
    type_text(qtbot, form.description, "咨询个体户年报。")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
    found = ctx.desk.enterprise_by_code(NEW)
    assert found is not None and found.name == "石岐区晨光五金店"
    assert found.region_code == "442000" and found.entity_type == "2"


# -- the duplicate warning ------------------------------------------------------------------

def test_duplicate_warning_lists_the_open_request_and_opens_it(qtbot, window, dialog, seeded, ctx):
    form = dialog.form
    form.topic.setCurrentIndex(form.topic.findData("financing"))
    type_text(qtbot, form.enterprise_name, "xlwj")
    pick_first(qtbot, form.name_picker)
    with qtbot.waitSignal(form.duplicates_shown, timeout=5000,
                          check_params_cb=lambda n: n == 1):
        pass
    assert form.dup_frame.isVisible()
    assert [r.id for r in form.duplicates] == [seeded["open"]]
    assert form.duplicates[0].same_topic
    assert "SQ01-00001" in form.dup_warning.text()
    # a warning, not a block: the form still records
    assert dialog.record.isEnabled()
    # the link opens the earlier request in the main window
    with qtbot.waitSignal(dialog.open_request, timeout=2000):
        form.dup_warning.linkActivated.emit(f"ticket:{seeded['open']}")
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.id == seeded["open"], timeout=5000)
    assert dialog.isVisible()                            # the intake stays open


def test_duplicate_warning_by_shared_terms_on_another_topic(qtbot, dialog, ctx):
    form = dialog.form
    form.topic.setCurrentIndex(form.topic.findData("tax"))
    form.credit_code.setText(XL)
    qtbot.waitUntil(lambda: form.enterprise is not None, timeout=5000)
    with qtbot.waitSignal(form.duplicates_shown, timeout=5000) as shown:
        form.check_duplicates()
    assert shown.args == [0] and not form.dup_frame.isVisible()   # another topic
    with qtbot.waitSignal(form.duplicates_shown, timeout=5000,
                          check_params_cb=lambda n: n == 1):
        type_text(qtbot, form.description, "贴息贷款和融资担保怎么申请？")
    assert not form.duplicates[0].same_topic
    assert "融资" in form.duplicates[0].shared_terms


# -- the keyboard ---------------------------------------------------------------------------

def test_enter_moves_to_the_next_field_and_ctrl_enter_records(qtbot, window, dialog, ctx):
    form = dialog.form
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    form.channel.setFocus()
    order = []
    for _ in range(8):
        order.append(dialog.focusWidget().objectName())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert order == ["channel", "type", "topic", "credit_code", "enterprise_name", "town",
                     "contact_name", "contact_phone"]
    assert dialog.focusWidget() is form.description
    type_text(qtbot, form.description, "第一行")
    qtbot.keyClick(form.description, Qt.Key.Key_Return, SHIFT)     # a new line
    type_text(qtbot, form.description, "第二行")
    assert form.description.toPlainText() == "第一行\n第二行"
    assert form.description.hasFocus()
    type_text(qtbot, form.enterprise_name, "中山市示例商贸有限公司")
    type_text(qtbot, form.contact_name, "王")
    type_text(qtbot, form.contact_phone, "13800138000")
    form.description.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(form.description, Qt.Key.Key_Return, CTRL)
    assert ctx.desk.count_requests() == 3
    assert ctx.desk.request(dialog.ticket_id).header["description"] == "第一行\n第二行"


def test_visit_channel_asks_for_the_official(qtbot, dialog, ctx):
    form = dialog.form
    assert not form.filed_by.isVisible()
    form.channel.setCurrentIndex(form.channel.findData("visit"))
    assert form.filed_by.isVisible()
    form.pick_enterprise(ctx.desk.find_enterprises("灯饰")[0])
    type_text(qtbot, form.description, "走访时企业反映专利被仿冒。")
    form.submit()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=5000)
    assert form.filed_by.styleSheet() != ""                  # the field is marked
    type_text(qtbot, form.filed_by, "黄海涛（古镇经发局）")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        form.submit()
    assert ctx.desk.request(dialog.ticket_id).header["filed_by"] == "黄海涛（古镇经发局）"


def test_a_second_ctrl_enter_does_not_record_twice(qtbot, dialog, ctx):
    form = dialog.form
    form.pick_enterprise(ctx.desk.find_enterprises("灯饰")[0])
    type_text(qtbot, form.description, "咨询。")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.submit()
        dialog.submit()
    wait_idle(qtbot, ctx)
    assert ctx.desk.count_requests() == 3


# -- drafts ---------------------------------------------------------------------------------

def fill_half(qtbot, form):
    form.type.setCurrentIndex(form.type.findData("complaint"))
    type_text(qtbot, form.enterprise_name, "中山市半途商贸有限公司")
    type_text(qtbot, form.contact_name, "赵半")
    type_text(qtbot, form.description, "说了一半的诉求")


def test_a_draft_survives_a_closed_window(qtbot, window, dialog, ctx):
    fill_half(qtbot, dialog.form)
    type_text(qtbot, dialog.kb.search, "年报")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)                 # closed before the debounce
    assert not dialog.isVisible()
    path = draft_path(ctx.desk.store.path)
    saved = json.loads(path.read_text(encoding="utf-8"))["values"]
    assert saved["enterprise_name"] == "中山市半途商贸有限公司"
    assert saved["kb_search"] == "年报"

    again = window.open_intake()
    assert again is not dialog and again.banner.isVisible()
    assert "中山市半途商贸有限公司" in again.banner.text.text()
    assert not again.form.isEnabled() and again.focusWidget() is again.banner.restore_button
    qtbot.keyClick(again.banner.restore_button, Qt.Key.Key_Return)
    form = again.form
    assert not again.banner.isVisible() and form.isEnabled()
    assert form.enterprise_name.text() == "中山市半途商贸有限公司"
    assert form.type.currentData() == "complaint"
    assert form.description.toPlainText() == "说了一半的诉求"
    assert again.kb.search.text() == "年报"
    # finished and recorded: the draft is gone
    type_text(qtbot, form.contact_phone, "13800138000")
    with qtbot.waitSignal(again.accepted, timeout=5000):
        again.submit()
    assert not path.exists()


def test_a_discarded_draft_is_removed(qtbot, window, dialog, ctx):
    fill_half(qtbot, dialog.form)
    qtbot.waitSignal(dialog.drafts.saved, timeout=3000).wait()
    dialog.reject()
    store = DraftStore.for_desk(ctx.desk.store.path)
    assert store.exists()
    again = window.open_intake()
    qtbot.mouseClick(again.banner.discard_button, Qt.MouseButton.LeftButton)
    assert not store.exists() and again.form.enterprise_name.text() == ""
    fill_half(qtbot, again.form)
    qtbot.waitSignal(again.drafts.saved, timeout=3000).wait()
    assert store.exists()
    qtbot.mouseClick(again.discard, Qt.MouseButton.LeftButton)   # the dialog's Discard
    assert not again.isVisible() and not store.exists()
    assert window.open_intake().pending_draft is None


def test_an_empty_form_leaves_no_draft(qtbot, window, dialog, ctx):
    dialog.form.type.setCurrentIndex(2)
    dialog.reject()
    assert not DraftStore.for_desk(ctx.desk.store.path).exists()


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from desktop import i18n
    from desktop.context import AppContext, ChangeBus, Reference
    from desktop.screens.intake_dialog import IntakeDialog
    from desktop.settings import Settings
    from desktop.taskman import TaskManager
    from sync.desk import Desk

    app = QApplication([])
    i18n.install(app, "zh_CN")
    desk = Desk.open(Path(sys.argv[1]))
    settings = Settings(QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat))
    ctx = AppContext(desk, TaskManager(), ChangeBus(), settings)
    ctx.reference = Reference.load(desk)
    dialog = IntakeDialog(ctx)
    dialog.show()

    def commit(widget, text):
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(widget, event)

    form = dialog.form
    form.type.setCurrentIndex(form.type.findData("help"))
    commit(form.enterprise_name, "中山市崩溃测试五金有限公司")
    QTest.keyClicks(form.contact_phone, "13800138000")
    commit(form.description, "打到一半，进程被杀")
    dialog.drafts.saved.connect(lambda: print("SAVED", flush=True))
    app.exec()      # until killed
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_draft_survives_a_killed_process(qtbot, window, seeded, ctx, tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HALLDESK_NO_USER_CONFIG": "1"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ctx.desk.store.path), str(root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env)
    try:
        line = child.stdout.readline()                   # blocks until the draft is saved
        assert line.strip() == "SAVED", child.stderr.read()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    dialog = window.open_intake()
    assert dialog.pending_draft is not None and dialog.banner.isVisible()
    assert "崩溃测试" in dialog.banner.text.text()
    dialog.restore_draft()
    form = dialog.form
    assert form.enterprise_name.text() == "中山市崩溃测试五金有限公司"
    assert form.contact_phone.text() == "13800138000"
    assert form.type.currentData() == "help"
    assert form.description.toPlainText() == "打到一半，进程被杀"


# -- answer at once -------------------------------------------------------------------------

@pytest.mark.parametrize("term, description", [
    ("年报", "年报逾期没报，会被列入经营异常名录吗？"),
    ("融资", "中小企业融资担保有什么扶持？"),
    ("专利", "专利申请有没有资助？"),
])
def test_answer_at_once_from_the_knowledge_base(qtbot, window, dialog, ctx, term, description):
    form, kb = dialog.form, dialog.kb
    form.type.setCurrentIndex(form.type.findData("consultation"))
    type_text(qtbot, form.enterprise_name, "灯饰")
    pick_first(qtbot, form.name_picker)
    with qtbot.waitSignal(kb.results_shown, timeout=5000,
                          check_params_cb=lambda n: n > 0):
        type_text(qtbot, form.description, description)
    with qtbot.waitSignal(kb.results_shown, timeout=5000, check_params_cb=lambda n: n > 0):
        type_text(qtbot, kb.search, term)
    hits = [kb.model.hit(r) for r in range(kb.model.rowCount())]
    assert all(term in f"{h.title} {h.answer} {' '.join(h.data['keywords'])}" for h in hits)
    titles = [h.title for h in hits]
    row = next(i for i, t in enumerate(titles) if term in t)
    assert f">{term}</b>" in kb.model.data(kb.model.index(row, 0), Qt.ItemDataRole.UserRole + 2)
    kb.results.setCurrentIndex(kb.model.index(row, 0))
    chosen = kb.chosen
    assert chosen is not None and kb.answer.toPlainText() == chosen.answer
    assert chosen.title in kb.article.toPlainText()
    assert (chosen.data.get("basis") or "") in kb.article.toPlainText()
    # the clerk adds a line before recording
    kb.answer.moveCursor(kb.answer.textCursor().MoveOperation.End)
    type_text(qtbot, kb.answer, "如需帮办可到窗口。")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(kb.answer, Qt.Key.Key_Return, CTRL | SHIFT)
    detail = ctx.desk.request(dialog.ticket_id)
    assert detail.state.status.value == "answered"
    answered = [e for e, _ in detail.events if e.type is EventType.ANSWERED]
    assert len(answered) == 1
    data = answered[0].data
    assert data["source"] == "kb" and data["source_ref"] == chosen.id
    assert data["source_title"] == chosen.title
    assert data["answer"] == chosen.answer + "如需帮办可到窗口。"
    assert not DraftStore.for_desk(ctx.desk.store.path).exists()
    # the list selects it and its timeline names the source
    pane = window.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == dialog.ticket_id,
                    timeout=5000)
    timeline = [pane.timeline.item(i).text() for i in range(pane.timeline.count())]
    assert any(chosen.title in line for line in timeline)


def test_answer_at_once_needs_an_article(qtbot, dialog, ctx):
    form = dialog.form
    form.pick_enterprise(ctx.desk.find_enterprises("灯饰")[0])
    type_text(qtbot, form.description, "咨询。")
    assert not dialog.kb.answer_button.isEnabled()
    dialog.answer_now()
    assert form.error.text() != ""
    assert dialog.focusWidget() is dialog.kb.search
    wait_idle(qtbot, ctx)
    assert ctx.desk.count_requests() == 2
    assert dialog.isVisible()


def test_the_picker_model_passes_qt_model_tester(qtmodeltester, ctx, seeded):
    model = EnterpriseResultsModel(ctx)
    model.set_hits(ctx.desk.find_enterprises("91442000"), "91442000")
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_the_dialog_alone(qtbot, ctx):
    """Opened without the main window (as the screenshots and a second screen do)."""
    d = IntakeDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    assert d.form.channel.currentData() == "counter"
    assert d.form.town.currentData() == "shiqi"
