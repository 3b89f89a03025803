"""Screenshots of every screen for the docs: `make screenshots` (under Xvfb, real
windows: `xvfb-run -s '-screen 0 1600x1000x24' python -m desktop.screenshots OUT [lang]`).

Each screen is opened on a fresh demo desk, as a clerk would see it, and saved as PNG.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import i18n
from desktop.app import make_app


def save(widget: QWidget, path: Path) -> Path:
    """The widget as the screen shows it (a real window under X), else as Qt paints it."""
    QApplication.processEvents()
    screen = widget.screen()
    pixmap = None
    if QApplication.platformName() == "xcb" and screen is not None and widget.isWindow():
        pixmap = screen.grabWindow(widget.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))
    print(f"wrote {path} ({pixmap.width()}x{pixmap.height()})")
    return path


def wait(ms: int) -> None:
    loop_end = QTimer()
    loop_end.setSingleShot(True)
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    loop_end.timeout.connect(loop.quit)
    loop_end.start(ms)
    loop.exec()


def standalone(capture: Callable[[Any, Path, str], Any], argv: list[str] | None = None, *,
               window: bool = False) -> int:
    """``python -m desktop.screenshots_<screens> OUT [lang]``: one module's screens on a
    fresh demo desk (in a main window when ``window``), without the others."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "zh_CN"
    app = make_app()
    i18n.install(app, language)
    i18n.apply_font(app)

    from desktop.context import AppContext, ChangeBus, Reference
    from desktop.settings import Settings
    from desktop.taskman import TaskManager
    from sync.demo import create_demo_desk

    desk = create_demo_desk(Path(tempfile.mkdtemp(prefix="halldesk-shots-")) / "demo.sqlite3")
    ctx = AppContext(desk, TaskManager(), ChangeBus(), Settings(), demo=True)
    ctx.reference = Reference.load(desk)
    target: Any = ctx
    if window:
        from desktop.main_window import MainWindow

        target = MainWindow(ctx)
        target.resize(1560, 900)
        target.show()
        while target._first_load:  # noqa: SLF001 - wait for the first list
            wait(50)
    capture(target, out, "" if language == "zh_CN" else f"-{language}")
    ctx.tasks.shutdown()
    desk.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    i18n.install(app, language)
    i18n.apply_font(app)

    from desktop import (screenshots_actions, screenshots_cases, screenshots_intake,
                         screenshots_policy)
    from desktop.context import AppContext, ChangeBus, Reference
    from desktop.main_window import MainWindow
    from desktop.screens.login import LoginDialog
    from desktop.screens.outbox import OutboxDialog
    from desktop.screens.receipt_dialog import ReceiptDialog
    from desktop.settings import Settings
    from desktop.taskman import TaskManager
    from sync.demo import create_demo_desk
    from sync.ticket_queries import RequestFilter, View

    desk = create_demo_desk(Path(tempfile.mkdtemp(prefix="halldesk-shots-")) / "demo.sqlite3")
    ctx = AppContext(desk, TaskManager(), ChangeBus(), Settings(), demo=True)
    ctx.reference = Reference.load(desk)
    window = MainWindow(ctx)
    window.resize(1560, 900)
    suffix = "" if language == "zh_CN" else f"-{language}"
    window.show()
    while window._first_load:  # noqa: SLF001 - wait for the first list
        wait(50)
    wait(400)

    window.table.selectRow(1)
    wait(700)
    save(window, out / f"main-window{suffix}.png")

    screenshots_intake.capture(window, out, suffix)
    screenshots_actions.capture(window, out, suffix)
    screenshots_policy.capture(window, out, suffix)
    screenshots_cases.capture(window, out, suffix)

    dispatched = desk.request_page(RequestFilter(view=View.OPEN), limit=1)[0]
    receipt = ReceiptDialog(ctx, dispatched.id, window)
    receipt.show()
    while receipt.receipt is None:
        wait(50)
    wait(300)
    save(receipt, out / f"receipt{suffix}.png")
    receipt.close()

    login = LoginDialog(ctx.tasks, None, server_url="https://central.zs.example",
                        station="SQ01", username="demo.clerk", parent=window)
    login.show()
    wait(300)
    save(login, out / f"login{suffix}.png")
    login.close()

    outbox = OutboxDialog(ctx, window)
    outbox.show()
    wait(600)
    save(outbox, out / f"outbox{suffix}.png")
    outbox.close()

    ctx.tasks.shutdown()
    desk.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
