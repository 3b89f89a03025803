"""Screenshots of every screen for the docs: `make screenshots` (run it under Xvfb to get
real windows: `xvfb-run -s '-screen 0 1600x1000x24' make screenshots`).

Each screen is opened on a fresh demo desk, as a clerk would see it, and saved as PNG.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import i18n
from desktop.app import make_app


def _grab(widget: QWidget, path: Path) -> None:
    screen = widget.screen()
    pixmap = None
    if QApplication.platformName() == "xcb" and screen is not None:
        # the real window as the X server shows it
        pixmap = screen.grabWindow(widget.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))
    print(f"wrote {path} ({pixmap.width()}x{pixmap.height()})")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "zh_CN"
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    i18n.install(app, language)
    i18n.apply_font(app)

    from desktop.context import AppContext, ChangeBus, Reference
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.taskman import TaskManager
    from sync.demo import create_demo_desk

    desk = create_demo_desk(Path(tempfile.mkdtemp(prefix="halldesk-shots-")) / "demo.sqlite3")
    ctx = AppContext(desk, TaskManager(), ChangeBus(), Settings(), demo=True)
    ctx.reference = Reference.load(desk)
    window = MainWindow(ctx)
    window.resize(1560, 900)
    suffix = "" if language == "zh_CN" else f"-{language}"

    def main_window() -> None:
        window.table.selectRow(3)
        QTimer.singleShot(700, lambda: (_grab(window, out / f"main-window{suffix}.png"),
                                        intake()))

    def intake() -> None:
        dialog = window.open_intake()
        form = dialog.form
        form.type.setCurrentIndex(form.type.findData("help"))
        form.topic.setCurrentIndex(form.topic.findData("annual_report"))
        form.credit_code.setText("91442000MA4W7K2L")
        form.enterprise_name.setText("中山市小榄镇示例五金制品有限公司")
        form.contact_name.setText("梁志成")
        form.contact_phone.setText("0760 2233 4455")
        form.contact_phone.editingFinished.emit()
        form.description.setPlainText("企业年报已提交，但公示系统仍显示未报送，影响参加政府采购投标，"
                                      "请协助核实。")
        QTimer.singleShot(500, lambda: (_grab(dialog, out / f"intake{suffix}.png"),
                                        dialog.reject(), finish()))

    def finish() -> None:
        ctx.tasks.shutdown()
        desk.close()
        app.quit()

    window.ready.connect(lambda: QTimer.singleShot(400, main_window))
    window.show()
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
