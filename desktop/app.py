"""Starting the desk: the application, its language and font, the desk file, the window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import i18n
from desktop.settings import Settings

FIRST_PAINT_WAIT_MS = 1500    # the desk opens then at the latest, painted list or not


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

    if args.smoke_test and args.desk is None:
        args.desk = Path(tempfile.mkdtemp(prefix="halldesk-smoke-")) / "desk.sqlite3"
    central = None
    if args.demo and not args.smoke_test and args.desk is None and args.server is None:
        central = _start_demo_central()
        if central is not None:
            args.server = central.url
    tasks = TaskManager()
    opening = None if args.demo else _opening_desk(_desk_path(args, settings))
    if opening is not None:
        # the desk worker's first task: every op the window queues finds the desk open
        tasks.run_db(opening.open_on_worker, lambda future: _desk_opened(
            future, ctx, window, None if args.smoke_test else start_sync))
        desk: Any = opening
        reference = Reference(topic_names=opening.snapshot.topics)
    else:
        desk = _open_desk(args, settings)
        if desk is None:
            return 1
        reference = Reference.load(desk)

    ctx = AppContext(desk, tasks, ChangeBus(), settings, reference, demo=args.demo)
    if opening is not None:
        snapshot = opening.snapshot
        ctx.first_page = (snapshot.filter, snapshot.ids, snapshot.rows)
    window = MainWindow(ctx)
    window.restore_layout()
    painted = _FirstPagePainted(app, window)
    window.show()
    controller = None

    def start_sync() -> None:
        nonlocal controller
        from desktop.sync_setup import SyncController

        controller = SyncController(window, args.server, start_offline=args.offline)
        if central is not None:
            _sign_in_demo(controller, central.url)
        elif args.server and controller.session.needs_login:
            controller.ask_login(server_url=args.server)

    # a navigator's desk turns to the policy window once the list has painted (the list
    # is the start-up's measure, and the policy window reads the catalogue)
    painted.painted.connect(window.workspaces.open_first)
    if opening is not None:
        # the real desk opens once the first page is painted (or a while after the
        # window showed, should the list never paint)
        painted.painted.connect(opening.release)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, opening.release)
    if args.smoke_test:
        return _smoke(app, window, ctx, painted, started)
    if opening is None:
        start_sync()
    code = app.exec()
    if controller is not None:
        controller.stop()
    if central is not None:
        central.stop()
    settings.sync()
    _close(ctx)
    return code


def _desk_path(args: argparse.Namespace, settings: Settings) -> Path:
    if args.demo:
        return args.desk or data_dir() / "demo.sqlite3"
    return args.desk or Path(settings.desk_path or data_dir() / "desk.sqlite3")


def _opening_desk(path: Path) -> Any:
    """An ``OpeningDesk`` over the start-up snapshot of the desk file; None when the
    file must be opened (created, migrated, refused) before the window shows."""
    from desktop.context import OpeningDesk
    from desktop.models.requests import BLOCK
    from sync import startup

    snapshot = startup.read(path, first=BLOCK)
    if snapshot is None:
        return None

    def open_desk():  # noqa: ANN202
        from sync.desk import Desk

        return Desk.open(path)

    return OpeningDesk(snapshot, open_desk)


def _open_desk(args: argparse.Namespace, settings: Settings) -> Any:
    """The desk opened here and now (creating, migrating or refusing the file), or None
    after telling the clerk why it cannot be opened."""
    from sync.desk import Desk
    from sync.store import StoreError

    try:
        if args.demo:
            from sync.demo import create_demo_desk

            return create_demo_desk(_desk_path(args, settings))
        return Desk.open(_desk_path(args, settings))
    except StoreError as exc:
        message = exc.message_zh if i18n.current_language() == "zh_CN" else str(exc)
        if args.smoke_test:
            print(f"smoke test failed: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Hall Desk", message)
        return None


def _desk_opened(future, ctx, window, then) -> None:  # noqa: ANN001
    """The real desk is open on the worker: it replaces the snapshot's stand-in, the
    window loads the catalogue's reference data, and sync starts (``then``)."""
    if future.exception() is not None:
        print(f"the desk file could not be opened: {future.exception()}", file=sys.stderr)
        QMessageBox.critical(window, "Hall Desk", str(future.exception()))
        QApplication.exit(1)
        return
    ctx.desk = future.result()
    window.desk_opened()
    if then is not None:
        then()


def _close(ctx) -> None:  # noqa: ANN001
    """Stop the worker (its queued writes run) and close the desk file."""
    from desktop.context import OpeningDesk

    opening = ctx.desk if isinstance(ctx.desk, OpeningDesk) else None
    if opening is not None:
        opening.release()          # closed before the first paint: let the open finish
    ctx.tasks.shutdown()
    desk = opening.opened if opening is not None else ctx.desk
    if desk is not None:
        desk.close()


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
    """Notes the moment the list paints its first page of loaded rows (not the empty
    table of before the load, not placeholders); ``painted`` follows from the event
    loop's next turn, once that paint is done."""

    painted = Signal()

    def __init__(self, app: QApplication, window) -> None:  # noqa: ANN001
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
            QTimer.singleShot(0, self, self.painted.emit)
        return False


def _smoke(app: QApplication, window, ctx, painted: _FirstPagePainted,  # noqa: ANN001
           started: float) -> int:
    """Wait for the first page of the list painted, then for the desk file open (with
    SQLAlchemy: a build missing it fails here), then exit cleanly: proves a build starts
    and migrates (and is what the cold-start benchmark times, to the paint)."""
    from desktop.context import OpeningDesk

    QTimer.singleShot(20_000, lambda: app.exit(2))
    painted.painted.connect(lambda: app.exit(0))
    code = app.exec()
    shown_in = time.perf_counter() - started
    opening = ctx.desk if isinstance(ctx.desk, OpeningDesk) else None
    try:
        desk = opening.wait() if opening is not None else ctx.desk
    except RuntimeError as exc:
        print(f"smoke test failed: {exc.__cause__ or exc}", file=sys.stderr)
        _close(ctx)
        return 1
    path = desk.store.path
    _close(ctx)
    if code == 0:
        import resource

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"smoke test ok: {path} schema ready, window shown in "
              f"{shown_in:.2f} s ({os.environ.get('QT_QPA_PLATFORM', 'default')} platform); "
              f"rows={window.model.rowCount()} first_row={painted.first_row} "
              f"painted_at_ns={painted.painted_at_ns} peak_rss_mb={peak_mb:.0f}", flush=True)
    else:
        print("smoke test failed: the window did not load its list", file=sys.stderr)
    return code
