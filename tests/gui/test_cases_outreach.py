"""The outreach list and consultations as a navigator uses them: an item with an open
batch picked by typing, the enterprises of a town that qualify or probably do, exported
to CSV and Excel (read back here), a case opened from a line (which then leaves the
list); a consultation with its rating recorded and listed for the enterprise."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from core.identifiers import make_credit_code
from core.outreach import COLUMNS, OUTCOME_ZH
from desktop.cases.outreach import COLUMNS as SHOWN
from desktop.cases.workspace import CONSULTATION_KEY, CONSULTATIONS, OUTREACH
from desktop.policy.common import outcome_name
from sync.demo_policy import PROFILES, seed_profiles
from tests.gui.conftest import type_text
from tests.gui.test_actions import activate, idle, press
from tests.gui import test_cases
from tests.gui.test_cases import ENTERPRISE, open_dialog, pick_item, record
from tests.gui.test_intake import pick_first

enterprise, workspace = test_cases.enterprise, test_cases.workspace     # the fixtures
ITEM = "pi-0071"                 # 中小微企业流动资金贷款贴息, open on the tests' day
LAMP = PROFILES["lamp"][0]       # eligible: its profile says all the rule asks
NEWCOMER = "中山市古镇新光灯具有限公司"     # in 古镇 too, nothing known yet: likely


def shown_rows(view) -> list[dict[str, str]]:
    model = view.model
    return [{c: model.index(r, i).data() for i, c in enumerate(SHOWN)}
            for r in range(model.rowCount())]


def outreach_for_guzhen(qtbot, workspace, ctx):
    seed_profiles(ctx.desk)
    ctx.desk.register_enterprise(make_credit_code("91442000MA5GX1N2Q"), NEWCOMER, "guzhen")
    press(qtbot, "Alt+2", workspace.table)
    view = workspace.outreach
    assert workspace.tabs.currentIndex() == OUTREACH
    with qtbot.waitSignal(view.listed, timeout=5000):
        pick_item(qtbot, view.items, "贷款贴息", ITEM)
    # the desk's own town (石岐) first: the enterprise registered there, information missing
    assert [(r["name"], r["outcome"]) for r in shown_rows(view)] == [(ENTERPRISE, outcome_name("likely"))]
    with qtbot.waitSignal(view.listed, timeout=5000):
        view.town.setCurrentIndex(view.town.findData("guzhen"))
    return view


def test_the_outreach_list_of_a_town_exports_to_csv_and_excel(qtbot, workspace, ctx, tmp_path,
                                                              monkeypatch):
    view = outreach_for_guzhen(qtbot, workspace, ctx)
    rows = shown_rows(view)
    assert [(r["name"], r["town"], r["outcome"]) for r in rows] == [
        (LAMP, "古镇镇", outcome_name("eligible")), (NEWCOMER, "古镇镇", outcome_name("likely"))]
    assert rows[1]["hint"].startswith("缺少：")                  # what is missing, said
    assert "符合 1 家，可能符合 1 家" in view.summary.text()

    header = [zh for _, zh, _ in COLUMNS]
    for name, keys in (("list.csv", None), ("list.xlsx", "Ctrl+E")):
        target = tmp_path / name
        chosen = "CSV, UTF-8 (*.csv)" if name.endswith("csv") else "Excel workbook (*.xlsx)"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, t=target, c=chosen: (str(t), c))
        with qtbot.waitSignal(view.status_message, timeout=5000):
            if keys:
                press(qtbot, keys, view.table)
            else:
                qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
        assert view.last_export == target
    with open(tmp_path / "list.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "list.xlsx").worksheets[0]
    workbook = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(
        values_only=True)]
    for written in (table, workbook):
        assert written[0] == header
        assert [(r[0], r[2], r[3]) for r in written[1:]] == [
            (LAMP, "古镇镇", OUTCOME_ZH["eligible"]), (NEWCOMER, "古镇镇", OUTCOME_ZH["likely"])]
        assert written[2][6] == rows[1]["hint"]
        assert written[1][1] == ctx.desk.enterprise(written[1][1]).credit_code   # as text


def test_a_case_opened_from_the_outreach_list_leaves_it(qtbot, workspace, ctx):
    view = outreach_for_guzhen(qtbot, workspace, ctx)
    view.table.selectRow(1)
    view.table.setFocus()
    before = workspace.dialog
    press(qtbot, "Return", view.table)
    qtbot.waitUntil(lambda: workspace.dialog is not before and workspace.dialog.isVisible(),
                    timeout=5000)
    dialog = workspace.dialog
    assert dialog.enterprise.name == NEWCOMER and dialog.item.item_id == ITEM
    qtbot.waitUntil(lambda: dialog.batch.currentData() is not None, timeout=5000)
    type_text(qtbot, dialog.note, "主动服务：电话联系企业，约定来窗口")
    with qtbot.waitSignal(view.listed, timeout=5000):
        record(qtbot, dialog, ctx)
    idle(qtbot, ctx)
    assert [r["name"] for r in shown_rows(view)] == [LAMP]
    assert "已有帮办案件 1 家未列入" in view.summary.text()
    # and the new case is the one shown
    assert workspace.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: workspace.detail.snap is not None
                    and workspace.detail.snap.id == dialog.case_id, timeout=5000)
    assert NEWCOMER in workspace.detail.heading.text()


def test_the_outreach_model_passes_qt_model_tester(qtmodeltester, qtbot, workspace, ctx):
    view = outreach_for_guzhen(qtbot, workspace, ctx)
    qtmodeltester.check(view.model)


def test_a_consultation_with_its_rating_is_recorded_and_listed(qtbot, workspace, ctx,
                                                               enterprise):
    dialog = open_dialog(qtbot, workspace, CONSULTATION_KEY)
    type_text(qtbot, dialog.enterprise.edit, "示例精密")
    pick_first(qtbot, dialog.enterprise.picker)
    pick_item(qtbot, dialog.item, "贷款贴息", ITEM)
    type_text(qtbot, dialog.question, "贷款贴息能否与技改补助同时申报？")
    type_text(qtbot, dialog.answer, "可以同时申报，同一笔贷款只能享受一项贴息。")
    type_text(qtbot, dialog.comment, "答复清楚")
    press(qtbot, "Ctrl+Return")                      # a comment without a rating
    assert "评价星级" in dialog.error_text("rating")
    assert ctx.desk.consultations_of(enterprise) == []
    dialog.rating.setFocus()
    press(qtbot, "Down", dialog.rating)               # 5 stars
    press(qtbot, "Down", dialog.rating)               # 4 stars
    assert dialog.rating.currentData() == 4
    record(qtbot, dialog, ctx)

    activate(qtbot, workspace)
    press(qtbot, "Alt+3", workspace.table)
    assert workspace.tabs.currentIndex() == CONSULTATIONS
    listing = workspace.consultations
    qtbot.waitUntil(lambda: len(listing.rows()) == 1, timeout=5000)
    (row,) = listing.rows()
    assert row[1] == "中小微企业流动资金贷款贴息"
    assert row[2:4] == ["贷款贴息能否与技改补助同时申报？", "可以同时申报，同一笔贷款只能享受一项贴息。"]
    assert row[4].startswith("★★★★☆") and row[5] == "答复清楚"
    (saved,) = ctx.desk.consultations_of(enterprise)
    assert (saved.rating, saved.item_id, saved.pending) == (4, ITEM, 1)
