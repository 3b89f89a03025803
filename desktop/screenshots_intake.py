"""Screenshots of the intake, the knowledge base beside it, and the list's filters, on
the demo desk: ``capture(window, out_dir)`` (called by ``desktop/screenshots.py`` once
the main window has loaded its list). It drives the screens as a clerk would, waits for
each background lookup, saves PNGs and returns their paths; the window is left as it was
found (filters cleared, the intake closed, no draft left behind).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QTimer
from PySide6.QtGui import QInputMethodEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from sync.ticket_queries import RequestFilter, View


def _spin(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        _spin(30)
    return condition()


def _idle(window: Any, settle_ms: int = 150) -> None:
    """Let debounce timers fire and the desk's worker finish, twice over."""
    for _ in range(2):
        _spin(settle_ms)
        _wait(lambda: window.ctx.tasks.idle)


def _query(window: Any, work: Callable[[Any], Any]) -> Any:
    """Run a read on the desk's worker (never on the GUI thread) and wait for it."""
    box: dict[str, Any] = {}
    desk = window.ctx.desk
    window.ctx.tasks.run_db(lambda: work(desk), lambda fut: box.setdefault("r", fut.result()))
    _wait(lambda: "r" in box)
    return box.get("r")


def _type(widget: QWidget, text: str) -> None:
    """Type as an input method commits text (Chinese, and here ASCII too)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def _grab(widget: QWidget, path: Path, overlays: tuple[QWidget, ...] = ()) -> Path:
    """The widget as the X server shows it (under xcb), else as Qt paints it; popups
    (separate windows) are painted in where they are on screen."""
    screen = widget.screen()
    pixmap: QPixmap | None = None
    if QApplication.platformName() == "xcb" and screen is not None:
        top_left = widget.mapToGlobal(QPoint(0, 0))
        pixmap = screen.grabWindow(0, top_left.x(), top_left.y(), widget.width(),
                                   widget.height())
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
        origin = widget.mapToGlobal(QPoint(0, 0))
        painter = QPainter(pixmap)
        for overlay in overlays:
            if overlay.isVisible():
                painter.drawPixmap(overlay.mapToGlobal(QPoint(0, 0)) - origin, overlay.grab())
        painter.end()
    pixmap.save(str(path))
    print(f"wrote {path} ({pixmap.width()}x{pixmap.height()})")
    return path


def capture(window: Any, out_dir: str | Path, suffix: str = "") -> list[Path]:
    """Open the intake and the list's filters on ``window`` (a loaded MainWindow on the
    demo desk) and save their screenshots in ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    # an enterprise of the demo with an open request taken in the last 30 days
    def recent_open(desk: Any) -> Any:
        for row in desk.request_page(RequestFilter(view=View.OPEN), limit=200):
            created = dt.datetime.fromisoformat(row.created_at)
            if desk.clock() - created < dt.timedelta(days=25):
                hit = desk.find_enterprises(row.enterprise_name, 1)
                if hit and hit[0].credit_code:
                    return row, hit[0]
        return None

    found = _query(window, recent_open)

    # 1. the enterprise found by its pinyin initials: the popup under the field
    dialog = window.open_intake()
    if dialog.pending_draft is not None:
        dialog.discard_draft()
    dialog.resize(1240, 800)
    _idle(window)
    form = dialog.form
    form.type.setCurrentIndex(form.type.findData("consultation"))
    if found is not None:
        row, hit = found
        from core.textsearch import initials

        letters = initials(hit.name.removeprefix("中山市"))[:4]
        _type(form.enterprise_name, letters)
        form.name_picker.lookup()
        _idle(window)
        _wait(lambda: form.name_picker.model.rowCount() > 0, 5)
        if not form.name_picker.popup_visible:   # no window manager gave the dialog focus
            form.name_picker.completer.complete()
        _wait(lambda: form.name_picker.popup_visible, 5)
        _spin(200)
        form.name_picker.completer.popup().setCurrentIndex(form.name_picker.model.index(0, 0))
        written.append(_grab(dialog, out / f"intake-enterprise{suffix}.png",
                             (form.name_picker.completer.popup(),)))

        # 2. chosen: the fields filled, and the duplicate warning for its open request
        form.name_picker.hide()
        form.pick_enterprise(hit)
        form.topic.setCurrentIndex(form.topic.findData(row.topic))
        form.channel.setCurrentIndex(form.channel.findData("counter"))
        _type(form.description, "上次反映的问题还没有处理完，想再问一下进度。")
        _idle(window, 500)
        _wait(lambda: form.dup_frame.isVisible(), 5)
        written.append(_grab(dialog, out / f"intake-duplicate{suffix}.png"))
    dialog.discard_and_close()
    _idle(window)

    # 3. a new enterprise: the code checked as typed, region and type decoded
    dialog = window.open_intake()
    dialog.resize(1240, 800)
    form = dialog.form
    form.channel.setCurrentIndex(form.channel.findData("visit"))
    _type(form.filed_by, "黄海涛（小榄镇经济发展和科技统计局）")
    form.type.setCurrentIndex(form.type.findData("consultation"))
    form.topic.setCurrentIndex(form.topic.findData("annual_report"))
    from core.identifiers import make_credit_code

    _type(form.credit_code, make_credit_code("91442000MA55QN6R2"))
    _type(form.enterprise_name, "中山市小榄镇示例五金制品有限公司")
    form.town.setCurrentIndex(form.town.findData("xiaolan"))
    _type(form.contact_name, "梁志成")
    _type(form.contact_phone, "0760 2233 4455")
    form.contact_phone.editingFinished.emit()
    _type(form.description, "企业年报已经提交，但公示系统仍显示未报送，影响参加政府采购投标，"
                            "想了解年报补报和移出经营异常名录怎么办。")
    _idle(window, 400)
    _wait(lambda: dialog.kb.model.rowCount() > 0, 5)
    written.append(_grab(dialog, out / f"intake-new-enterprise{suffix}.png"))

    # 4. answer at once: a search for 年报, the article read in full, its reply
    _type(dialog.kb.search, "年报")
    _idle(window, 400)
    _wait(lambda: dialog.kb.model.rowCount() > 0, 5)
    dialog.kb.results.setCurrentIndex(dialog.kb.model.index(0, 0))
    _idle(window)
    written.append(_grab(dialog, out / f"intake-answer{suffix}.png"))

    # 5. closed half-typed: offered back the next time
    dialog.reject()
    _idle(window)
    dialog = window.open_intake()
    dialog.resize(1240, 800)
    _idle(window)
    written.append(_grab(dialog, out / f"intake-restore{suffix}.png"))
    dialog.discard_draft()
    dialog.discard_and_close()
    _idle(window)

    # 6. the list: filters, counts beside the views, a search
    window.filters.set_values(type="help", channel="counter")
    window.views.setCurrentRow(1)
    _idle(window, 300)
    written.append(_grab(window, out / f"list-filters{suffix}.png"))
    window.filters.clear()
    window.views.setCurrentRow(0)
    window.search.setText("五金")
    _idle(window, 400)
    _wait(lambda: not window.model.scanning, 10)
    _idle(window)
    written.append(_grab(window, out / f"list-search{suffix}.png"))
    window.search.clear()
    _idle(window, 400)
    return written

