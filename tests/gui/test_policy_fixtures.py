"""What the policy-window tests share (no tests here): a navigator's desk with the sample
enterprise profiles of ``sync.demo_policy``, the ``PolicyWorkspace`` on it, and small
helpers to wait for the desk's worker and read what a rich-text pane shows."""

from __future__ import annotations

import pytest

from sync.demo_policy import NAVIGATOR, seed_profiles
from desktop.policy.workspace import PolicyWorkspace

TIMEOUT = 10_000


@pytest.fixture
def navigator(ctx):
    """The desk signed in as a policy navigator (周文静)."""
    ctx.desk.actor = NAVIGATOR
    return ctx


@pytest.fixture
def seeded(navigator):
    """key (lamp, hardware, software) -> enterprise id, with their profiles written."""
    return seed_profiles(navigator.desk)


@pytest.fixture
def workspace(qtbot, navigator, seeded):
    w = PolicyWorkspace(navigator)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.catalogue.model.rowCount() > 0, timeout=TIMEOUT)
    wait_idle(qtbot, navigator)
    return w


def wait_idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.tasks.idle, timeout=TIMEOUT)


def seat(qtbot, workspace, enterprise_id: str) -> None:
    """The enterprise at the desk, its profile loaded and its matching shown."""
    with qtbot.waitSignal(workspace.matching.matched, timeout=TIMEOUT):
        workspace.set_enterprise(enterprise_id)
    wait_idle(qtbot, workspace.ctx)


def activate(qtbot, dialog) -> None:
    """The dialog shown and active, as the window manager leaves it (offscreen has none):
    its window shortcuts (Ctrl+Enter) and mnemonics (Alt+1) work from here."""
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=TIMEOUT)


def shown(pane) -> str:
    """The plain text a QTextBrowser / QLabel shows, a line per paragraph or table cell,
    each stripped and its spaces single (chips pad their text with non-breaking spaces)."""
    if hasattr(pane, "toPlainText"):
        text = pane.toPlainText()
    else:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(pane.text())
        text = doc.toPlainText()
    return "\n".join(" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())
