"""GUI fixtures: a real desk file with the sample catalogue, behind a real AppContext."""

from __future__ import annotations

import pytest

from desktop.context import AppContext, ChangeBus, Reference
from desktop.settings import Settings
from desktop.taskman import TaskManager


@pytest.fixture
def ctx(qapp, desk, catalogue_files, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    desk.install_catalogue(catalogue_files)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    context = AppContext(desk, TaskManager(), ChangeBus(), settings)
    context.reference = Reference.load(desk)
    yield context
    context.tasks.shutdown()


@pytest.fixture
def window(qtbot, ctx):
    from desktop.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.ready, timeout=5000):
        w.show()
    return w


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII as key presses, Chinese as an input method commits it
    (QTest cannot press keys for characters outside ASCII)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    run = ""
    for ch in text + "\0":
        if ch != "\0" and (ch.isascii() == (run[:1].isascii() if run else ch.isascii())):
            run += ch
            continue
        if run:
            if run.isascii():
                qtbot.keyClicks(widget, run)
            else:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QCoreApplication.sendEvent(widget, event)
        run = ch if ch != "\0" else ""


# -- the policy window ------------------------------------------------------------------

@pytest.fixture
def navigator(ctx):
    """The desk signed in as a policy navigator (周文静)."""
    from sync.demo_policy import NAVIGATOR

    ctx.desk.actor = NAVIGATOR
    return ctx


@pytest.fixture
def seeded(navigator):
    """key (lamp, hardware, software) -> enterprise id, with their profiles written."""
    from sync.demo_policy import seed_profiles

    return seed_profiles(navigator.desk)


@pytest.fixture
def workspace(qtbot, navigator, seeded):
    from desktop.policy.workspace import PolicyWorkspace

    w = PolicyWorkspace(navigator)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.catalogue.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: navigator.tasks.idle, timeout=10_000)
    return w
