"""Screenshots of the request detail and its action dialogs, for the user guide.

``capture(window, out_dir)`` takes a main window open on a demo desk (see
``desktop.screenshots``), opens each screen as a clerk (or a supervisor) would see it,
fills it with plausible input, saves a PNG, and closes it again without recording
anything. It waits for each screen to load (the event loop runs meanwhile) and returns
the paths it wrote. Standalone: ``python -m desktop.screenshots_actions OUT_DIR``.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from core.tickets import EventType
from sync.ticket_queries import RequestFilter, View

SETTLE_S = 0.35


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("a screen did not load in time")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _settle(seconds: float = SETTLE_S) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _run(window: Any, work: Callable[[Any], Any]) -> Any:
    """Run ``work(desk)`` on the desk's worker and wait for it (never SQL on this thread)."""
    future = window.ctx.tasks.run_db(lambda: work(window.ctx.desk))
    _wait(future.done)
    return future.result()


def _save(widget: QWidget, path: Path) -> Path:
    _settle()
    pixmap = None
    screen = widget.screen()
    if QApplication.platformName() == "xcb" and screen is not None:
        pixmap = screen.grabWindow(widget.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))
    print(f"wrote {path} ({pixmap.width()}x{pixmap.height()})")
    return path


def _first(window: Any, f: RequestFilter) -> str | None:
    rows = _run(window, lambda desk: desk.request_page(f, 0, 1))
    return rows[0].id if rows else None


def _show(window: Any, ticket_id: str) -> None:
    window.select_ticket(ticket_id)
    pane = window.detail
    _wait(lambda: pane.detail is not None and pane.detail.id == ticket_id)


class _Later:
    """The desk's clock plus ``offset`` seconds: the call timer shows a call under way."""

    def __init__(self, desk: Any):
        self._desk = desk
        self.offset = 0.0

    def __call__(self) -> dt.datetime:
        return self._desk.clock() + dt.timedelta(seconds=self.offset)


def capture(window: Any, out_dir: str | Path, suffix: str = "") -> list[Path]:
    """Open the detail pane and every action dialog on ``window``'s desk; save each."""
    from desktop.screens.call import CallDialog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx, pane = window.ctx, window.detail
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        written.append(_save(widget, out / f"{name}{suffix}.png"))

    def dialog(kind: EventType, name: str, fill: Callable[[Any], None] | None = None,
               **options: Any) -> None:
        d = pane.open_action(kind, **options)
        if d is None:
            print(f"skipped {name}: not allowed here", file=sys.stderr)
            return
        _wait(d.isVisible)
        if fill is not None:
            fill(d)
        shot(d, name)
        d.reject()
        _settle(0.1)

    _wait(lambda: ctx.tasks.idle)
    dispatched = _first(window, RequestFilter(view=View.OPEN, status="dispatched"))
    received = _first(window, RequestFilter(view=View.OPEN, status="received"))
    supervised = _first(window, RequestFilter(view=View.SUPERVISED))
    following = _first(window, RequestFilter(view=View.FOLLOWING))
    resolved = _first(window, RequestFilter(status="resolved"))
    closed = _first(window, RequestFilter(status="closed"))

    # the detail pane: a dispatched request with its clocks, then a supervised one
    if dispatched:
        _show(window, dispatched)
        shot(window, "detail-dispatched")
        shot(pane, "detail-pane")
        why = pane.open_explanation()
        if why is not None:
            shot(why, "why-this-date")
            why.reject()

        def contact(d: Any) -> None:
            d.office.setText("登记注册科")
            d.person.setText("黄志远")
            d.phone.setText("0760-89991303")
            d.note.setPlainText("已电话告知企业由登记注册科办理，并约定明日上午提交补充材料。")

        dialog(EventType.CONTACTED, "action-contact", contact)
        dialog(EventType.INTERIM_REPLY, "action-interim",
               lambda d: d.text.setPlainText("已调取企业上年度年报数据，正与系统运维方核对差异原因，"
                                             "预计三个工作日内给出处理意见。"))
        dialog(EventType.NEXT_FEEDBACK_SET, "action-next-feedback",
               lambda d: d.text.setPlainText("需省级系统修正历史数据，已提交工单，待省级回复后再反馈。"))
        dialog(EventType.RESOLVED, "action-resolve",
               lambda d: d.text.setPlainText("历史数据已修正，企业已重新提交年报并完成公示。"))

        def transfer(d: Any) -> None:
            d.picker.search.setText("税务")
            d.note.setPlainText("涉及税务登记信息，应由税务部门办理。")

        dialog(EventType.TRANSFERRED, "action-transfer", transfer)
        dialog(EventType.NOTE, "action-note",
               lambda d: d.text.setPlainText("企业联系人下午不在，请上午联系。"))
        dialog(EventType.CALL_LOGGED, "call-on-dispatched", _fill_call, clock=None)
    if supervised:
        _show(window, supervised)
        shot(window, "detail-supervised")
    if following:
        _show(window, following)
        shot(pane, "detail-following")
    if received:
        _show(window, received)
        dialog(EventType.DISPATCHED, "dispatch")

        def dispatch_search(d: Any) -> None:
            d.picker.search.setText("scjg")
            d.note.setPlainText("企业反映年报公示异常，请核实处理。")

        dialog(EventType.DISPATCHED, "dispatch-search", dispatch_search)
        later = _Later(ctx.desk)
        d = pane.open_action(EventType.CALL_LOGGED, clock=later)
        if isinstance(d, CallDialog):
            _wait(d.isVisible)
            d.timer.start()
            later.offset = 205          # three minutes and a bit into the call
            d.timer.refresh()
            _fill_call(d)
            shot(d, "call")
            d.reject()

        def answer(d: Any) -> None:
            d.search.setText("年报")
            _wait(lambda: d.results.count() > 0 and ctx.tasks.idle)
            d.results.setCurrentRow(0)

        dialog(EventType.ANSWERED, "action-answer", answer)
    if resolved:
        _show(window, resolved)

        def unsatisfied(d: Any) -> None:
            d.satisfaction.set_value("unsatisfied")
            d.solved.set_value("partly")
            d.note.setPlainText("企业认为处理结果未解决实际问题。")

        dialog(EventType.EVALUATED, "action-return-visit", unsatisfied)
    if closed:
        _show(window, closed)
        dialog(EventType.REOPENED, "action-reopen",
               lambda d: d.text.setPlainText("企业反映问题再次出现，需重新核查。"))

    # a supervisor sees 督办
    target = dispatched or received
    if target:
        from sync.demo import DEMO_SUPERVISOR

        before = ctx.desk.actor
        _run(window, lambda desk: desk.sign_in(DEMO_SUPERVISOR))
        try:
            pane.show_request(target)
            _wait(lambda: pane.detail is not None and EventType.SUPERVISED in pane.detail.allowed)
            shot(pane, "detail-as-supervisor")
            dialog(EventType.SUPERVISED, "action-supervise",
                   lambda d: d.note.setPlainText("请承办单位于期限前书面回复办理进度及结果。"))
        finally:
            if before is not None:
                _run(window, lambda desk: desk.sign_in(before))
            pane.show_request(target)
            _wait(lambda: ctx.tasks.idle)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isVisible():
            w.reject()
    return written


def _fill_call(d: Any) -> None:
    d.notes.setPlainText("企业询问年报修改流程；市场监管局值班员说明需先提交更正申请，"
                         "涉及历史数据需转办核实。")
    d.outcome.set_value("needs_dispatch")


def main(argv: list[str] | None = None) -> int:
    from desktop.screenshots import standalone

    return standalone(capture, argv, window=True)


if __name__ == "__main__":
    sys.exit(main())
