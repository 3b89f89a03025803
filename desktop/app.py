"""Starting the desk: the application, its language and font, the desk file, the window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import i18n
from desktop.settings import Settings


def data_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base or Path.home() / ".halldesk")
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="halldesk", description="Hall Desk 企业服务专窗工作台")
    parser.add_argument("--desk", type=Path, help="the desk file to open")
    parser.add_argument("--demo", action="store_true",
                        help="open a demo desk with sample data")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="interface language")
    parser.add_argument("--server", help="the central server's URL (sign in to it)")
    parser.add_argument("--offline", action="store_true", help="start in work-offline mode")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open and migrate the desk file, show the window, exit")
    return parser.parse_args(argv)


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("HallDesk")
    app.setApplicationName("halldesk")
    app.setApplicationDisplayName("Hall Desk")
    return app


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_app()
    settings = Settings()
    i18n.install(app, args.lang or settings.language)
    i18n.apply_font(app)

    from desktop.context import AppContext, ChangeBus, Reference
    from desktop.main_window import MainWindow
    from desktop.taskman import TaskManager
    from sync.desk import Desk
    from sync.store import StoreError

    if args.smoke_test and args.desk is None:
        args.desk = Path(tempfile.mkdtemp(prefix="halldesk-smoke-")) / "desk.sqlite3"
    central = None
    if args.demo and not args.smoke_test and args.desk is None and args.server is None:
        central = _start_demo_central()
        if central is not None:
            args.server = central.url
    try:
        if args.demo:
            from sync.demo import create_demo_desk

            desk = create_demo_desk(args.desk or data_dir() / "demo.sqlite3")
        else:
            desk = Desk.open(args.desk or Path(settings.desk_path or data_dir() / "desk.sqlite3"))
    except StoreError as exc:
        message = exc.message_zh if i18n.current_language() == "zh_CN" else str(exc)
        if args.smoke_test:
            print(f"smoke test failed: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Hall Desk", message)
        return 1

    ctx = AppContext(desk, TaskManager(), ChangeBus(), settings, demo=args.demo)
    ctx.reference = Reference.load(desk)
    window = MainWindow(ctx)
    window.restore_layout()
    window.show()
    if args.smoke_test:
        return _smoke(app, window, ctx, started)
    from desktop.sync_setup import SyncController

    controller = SyncController(window, args.server, start_offline=args.offline)
    if central is not None:
        _sign_in_demo(controller, central.url)
    elif args.server and controller.session.needs_login:
        controller.ask_login(server_url=args.server)
    code = app.exec()
    controller.stop()
    if central is not None:
        central.stop()
    settings.sync()
    ctx.tasks.shutdown()
    desk.close()
    return code


def _start_demo_central():  # noqa: ANN202
    """The local central server of demo mode, or None where it cannot run (a frozen
    build carries no server): the demo desk then works offline."""
    try:
        from desktop.demo_central import DemoCentral

        central = DemoCentral(data_dir())
        central.prepare()
        central.start()
        return central
    except (ImportError, OSError, RuntimeError) as exc:
        print(f"demo: no local central server ({exc}); working offline", file=sys.stderr)
        return None


def _sign_in_demo(controller, url: str) -> None:  # noqa: ANN001
    """Demo mode signs the demo clerk in by itself (on the network worker)."""
    from desktop.demo_central import DEMO_PASSWORD, DEMO_STATION, DEMO_USER

    session = controller.session
    if not session.needs_login and session.has_token and session.server_url == url:
        controller.start_engine()
        return

    def done(future) -> None:  # noqa: ANN001
        if future.exception() is None:
            controller.on_signed_in(future.result())

    controller.ctx.tasks.run_net(
        lambda: session.login(DEMO_USER, DEMO_PASSWORD, DEMO_STATION, url), done)


class _FirstPagePainted(QObject):
    """Exits the event loop once the list has painted its first page of loaded rows
    (not the empty table of before the load, not placeholders)."""

    def __init__(self, app: QApplication, window) -> None:
        super().__init__(window)
        self.app, self.window, self.loaded = app, window, False
        self.painted_at_ns = 0       # CLOCK_MONOTONIC: comparable with the parent's clock
        self.first_row = ""
        window.ready.connect(self._ready)
        window.table.viewport().installEventFilter(self)

    def _ready(self) -> None:
        self.loaded = True
        self.window.table.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.loaded and not self.painted_at_ns:
            model = self.window.model
            self.first_row = model.index(0, 0).data() if model.rowCount() else ""
            self.painted_at_ns = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
            self.app.exit(0)         # returns once this paint is done
        return False


def _smoke(app: QApplication, window, ctx, started: float) -> int:  # noqa: ANN001
    """Wait for the first page of the list painted, then exit cleanly: proves a build
    starts and migrates (and is what the cold-start benchmark times)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(20_000, lambda: app.exit(2))
    painted = _FirstPagePainted(app, window)
    code = app.exec()
    shown_in = time.perf_counter() - started
    ctx.tasks.shutdown()
    ctx.desk.close()
    if code == 0:
        import resource

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"smoke test ok: {ctx.desk.store.path} schema ready, window shown in "
              f"{shown_in:.2f} s ({os.environ.get('QT_QPA_PLATFORM', 'default')} platform); "
              f"rows={window.model.rowCount()} first_row={painted.first_row} "
              f"painted_at_ns={painted.painted_at_ns} peak_rss_mb={peak_mb:.0f}", flush=True)
    else:
        print("smoke test failed: the window did not load its list", file=sys.stderr)
    return code
