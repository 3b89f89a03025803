"""Screenshots of the policy-redemption window (政策兑现窗口), for the user guide.

``capture(ctx_or_window, out_dir, suffix)`` takes a main window (or its ``AppContext``)
open on a demo desk (see ``desktop.screenshots``), seeds the sample enterprise profiles
(``sync.demo_policy``), opens the ``PolicyWorkspace`` as a navigator would use it —
a catalogue search, an item in full, a profile, the matching with its overlaps, manual
targeting and the one-time notice — saves a PNG of each, and closes every dialog again
without recording anything. Standalone: ``python -m desktop.screenshots_policy OUT_DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.screenshots_actions import _save, _settle, _wait

SIZE = (1560, 900)
SEARCH = "融资"
ENTERPRISE = "lamp"           # the lamp maker in 古镇: every outcome, overlaps, materials


def _run(ctx: Any, work: Any) -> Any:
    """``work(desk)`` on the desk's worker, waited for (never SQL on this thread)."""
    future = ctx.tasks.run_db(lambda: work(ctx.desk))
    _wait(future.done)
    return future.result()


def _idle(ctx: Any) -> None:
    _wait(lambda: ctx.tasks.idle)


def _pick(workspace: Any, outcome: str, *, overlaps: bool = False, hints: bool = False
          ) -> Any:
    """The first matched line with ``outcome`` (with overlaps, hints when asked), else None."""
    match = workspace.matching.match
    lines = [ln for ln in (match.lines if match else ()) if ln.outcome == outcome
             and (ln.overlaps or not overlaps) and (ln.hints or not hints)]
    return lines[0] if lines else None


def capture(ctx_or_window: Any, out_dir: str | Path, suffix: str = "") -> list[Path]:
    """Open each policy screen on the demo desk of ``ctx_or_window``; save each."""
    from sync.demo_policy import NAVIGATOR, seed_profiles
    from desktop.policy.workspace import MATCHING, PROFILE, PolicyWorkspace

    ctx = getattr(ctx_or_window, "ctx", ctx_or_window)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        written.append(_save(widget, out / f"{name}{suffix}.png"))

    ids = _run(ctx, seed_profiles)
    before = ctx.desk.actor
    _run(ctx, lambda desk: setattr(desk, "actor", NAVIGATOR))      # 周文静 signs the notice
    workspace = PolicyWorkspace(ctx)
    workspace.resize(*SIZE)
    workspace.show()
    try:
        # the catalogue: a two-character search, the first item beside the list
        catalogue = workspace.catalogue
        _idle(ctx)
        catalogue.search.setText(SEARCH)
        catalogue.run_search()
        _wait(lambda: ctx.tasks.idle and catalogue.model.rowCount() > 0
              and catalogue.detail.detail is not None)
        shot(workspace, "policy-catalogue")

        # an enterprise at the desk: the item in full, for that enterprise
        workspace.set_enterprise(ids[ENTERPRISE])
        _wait(lambda: ctx.tasks.idle and workspace.matching.match is not None)
        line = _pick(workspace, "likely", hints=True) or _pick(workspace, "eligible")
        if line is not None:
            catalogue.search.clear()        # every item listed: the one shown is selected
            catalogue.run_search()
            _idle(ctx)
            workspace.show_item(line.item.id)
            _wait(lambda: ctx.tasks.idle and catalogue.detail.item_id == line.item.id
                  and catalogue.detail.detail is not None)
        shot(workspace, "policy-item")

        workspace.show_tab(PROFILE)
        _idle(ctx)
        shot(workspace, "policy-profile")

        workspace.show_tab(MATCHING)
        view = workspace.matching
        if line is not None:            # a likely item: its group near the top, a ? trace
            view.select_item(line.item.id)
        _idle(ctx)
        shot(workspace, "policy-matching")
        overlapping = _pick(workspace, "eligible", overlaps=True) \
            or _pick(workspace, "likely", overlaps=True)
        if overlapping is not None:
            view.tree.scrollToTop()         # the group's heading in sight
            view.select_item(overlapping.item.id)
            _idle(ctx)
            shot(workspace, "policy-overlaps")

        target = _pick(workspace, "not_eligible", hints=True) or line
        if target is not None:
            view.select_item(target.item.id)
            dialog = workspace.open_targeting(target.item.id)
            if dialog is not None:
                _wait(dialog.isVisible)
                dialog.reason.setPlainText("走访时企业表示今年计划申报，相关材料正在准备，"
                                           "先定向推送以便提前了解申报条件。")
                shot(dialog, "policy-targeting")
                dialog.reject()
                _settle(0.1)
            notice = workspace.open_notice(target.item.id,
                                           target.batch.id if target.batch else "")
            if notice is not None:
                _wait(lambda: notice.notice is not None)
                shot(notice, "policy-notice")
                notice.reject()
                _settle(0.1)
    finally:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()
        workspace.close()
        workspace.deleteLater()
        _run(ctx, lambda desk: setattr(desk, "actor", before))
    return written


def main(argv: list[str] | None = None) -> int:
    from desktop.screenshots import standalone

    return standalone(capture, argv)


if __name__ == "__main__":
    sys.exit(main())
