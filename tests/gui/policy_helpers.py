"""Helpers of the policy-window tests: wait for the desk's worker, seat an enterprise,
activate a dialog, read what a rich-text pane shows. (Their fixtures ``navigator``,
``seeded`` and ``workspace`` are in ``tests/gui/conftest.py``.)"""

from __future__ import annotations


TIMEOUT = 10_000


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
