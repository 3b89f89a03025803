"""Screenshots of the redemption cases (帮办代办), the outreach list and a consultation,
for the user guide.

``capture(ctx_or_window, out_dir, suffix)`` takes a main window (or its ``AppContext``)
open on a demo desk (see ``desktop.screenshots``), seeds the sample cases
(``sync.demo_cases``), opens the ``CasesWorkspace`` as a navigator sees it, saves
``cases``, ``case-detail``, ``outreach`` and ``consultation`` PNGs, and closes every
dialog again without recording anything; the signed-in user is restored afterwards.
Standalone: ``python -m desktop.screenshots_cases OUT_DIR [LANGUAGE]``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.screenshots_actions import _save, _settle, _wait

SIZE = (1560, 900)
OUTREACH_ITEM, OUTREACH_TOWN = "pi-0071", "guzhen"     # eligible and likely enterprises


def _run(ctx: Any, work: Any) -> Any:
    """``work(desk)`` on the desk's worker, waited for (never SQL on this thread)."""
    future = ctx.tasks.run_db(lambda: work(ctx.desk))
    _wait(future.done)
    return future.result()


def capture(ctx_or_window: Any, out_dir: str | Path, suffix: str = "") -> list[Path]:
    """Open each case screen on the demo desk of ``ctx_or_window``; save each."""
    from sync.demo_cases import seed_cases
    from desktop.cases.workspace import OUTREACH, CasesWorkspace
    from sync.demo_policy import NAVIGATOR, PROFILES

    ctx = getattr(ctx_or_window, "ctx", ctx_or_window)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        written.append(_save(widget, out / f"{name}{suffix}.png"))

    _run(ctx, seed_cases)
    before = ctx.desk.actor
    _run(ctx, lambda desk: desk.sign_in(NAVIGATOR))
    workspace = CasesWorkspace(ctx)
    try:
        workspace.resize(*SIZE)
        workspace.show()
        _wait(lambda: workspace.model.rowCount() > 0 and ctx.tasks.idle)
        # the list with a case under way: materials partly in hand
        rows = [workspace.model.row_at(i) for i in range(workspace.model.rowCount())]
        chosen = next((r for r in rows if r and r.state == "preparing"), rows[0])
        workspace.select_case(chosen.id)
        _wait(lambda: workspace.detail.snap is not None
              and workspace.detail.snap.id == chosen.id and ctx.tasks.idle)
        shot(workspace, "cases")
        reviewed = next((r for r in rows if r and r.state == "under_review"), chosen)
        workspace.select_case(reviewed.id)
        _wait(lambda: workspace.detail.snap is not None
              and workspace.detail.snap.id == reviewed.id and ctx.tasks.idle)
        shot(workspace.detail, "case-detail")

        workspace.tabs.setCurrentIndex(OUTREACH)
        view = workspace.outreach
        view.items.search.setText("贷款贴息")
        view.items.lookup()
        _wait(lambda: ctx.tasks.idle and view.items.results.count() > 0)
        if view.items.select(OUTREACH_ITEM):
            view.items.picked.emit(OUTREACH_ITEM)
            _wait(lambda: ctx.tasks.idle and view.model.listing is not None)
            view.town.setCurrentIndex(max(view.town.findData(OUTREACH_TOWN), 0))
            _wait(lambda: ctx.tasks.idle)
        shot(workspace, "outreach")

        workspace.tabs.setCurrentIndex(0)
        lamp = _run(ctx, lambda desk: next(
            (h for h in desk.find_enterprises(PROFILES["lamp"][0], 3)), None))
        dialog = workspace.record_consultation(
            (lamp.id, lamp.name, lamp.credit_code or "") if lamp else None)
        _wait(dialog.isVisible)
        dialog.item.search.setText("贷款贴息")
        dialog.item.lookup()
        _wait(lambda: ctx.tasks.idle and dialog.item.results.count() > 1)
        dialog.item.select(OUTREACH_ITEM)
        dialog.question.setPlainText("贷款贴息能否与技术改造补助同时申报？")
        dialog.answer.setPlainText("可以同时申报；同一笔贷款只能享受一项贴息，申报时需提供"
                                   "贷款合同和付息凭证。")
        dialog.rating.setCurrentIndex(dialog.rating.findData(5))
        dialog.comment.setPlainText("答复清楚，材料一次讲明白")
        shot(dialog, "consultation")
        dialog.reject()
        _settle(0.1)
    finally:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()
        workspace.close()
        workspace.deleteLater()
        if before is not None:
            _run(ctx, lambda desk: desk.sign_in(before))
    return written


def main(argv: list[str] | None = None) -> int:
    from desktop.screenshots import standalone

    return standalone(capture, argv)


if __name__ == "__main__":
    sys.exit(main())
