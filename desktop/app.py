"""Starting the desk: the application, its language and font, the desk file, the window."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths
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
    code = app.exec()
    settings.sync()
    ctx.tasks.shutdown()
    desk.close()
    return code


def _smoke(app: QApplication, window, ctx, started: float) -> int:  # noqa: ANN001
    """Wait for the first list, then exit cleanly: proves a build starts and migrates."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(20_000, lambda: app.exit(2))
    window.ready.connect(lambda: app.exit(0))
    code = app.exec()
    ctx.tasks.shutdown()
    ctx.desk.close()
    if code == 0:
        import resource

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"smoke test ok: {ctx.desk.store.path} schema ready, window shown in "
              f"{time.perf_counter() - started:.2f} s "
              f"({os.environ.get('QT_QPA_PLATFORM', 'default')} platform); "
              f"rows={window.model.rowCount()} peak_rss_mb={peak_mb:.0f}", flush=True)
    else:
        print("smoke test failed: the window did not load its list", file=sys.stderr)
    return code
