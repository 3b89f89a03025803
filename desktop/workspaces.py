"""The main window's workspaces, one tab each: the counter's requests (诉求办理), the
policy-redemption window (政策兑现) and the redemption cases (帮办案件).

Only the requests tab is built at start-up: the other two import their screens and read
the policy catalogue on first use, so a clerk who never opens them pays nothing for them
(cold start is a benchmark). Ctrl+1 / Ctrl+2 / Ctrl+3 switch; a navigator's desk opens on
the policy tab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from core.tickets import Role
from desktop.context import AppContext

REQUESTS, POLICY, CASES = range(3)


def _policy(ctx: AppContext, parent: QWidget) -> QWidget:
    from desktop.policy.workspace import PolicyWorkspace

    return PolicyWorkspace(ctx, parent)


def _cases(ctx: AppContext, parent: QWidget) -> QWidget:
    from desktop.cases.workspace import CasesWorkspace

    return CasesWorkspace(ctx, parent)


class _Slot(QWidget):
    """A tab's place, filled with its workspace when the tab is first shown."""

    def __init__(self, build: Callable[[AppContext, QWidget], QWidget], parent: QWidget):
        super().__init__(parent)
        self.build = build
        self.content: QWidget | None = None
        self.setLayout(QVBoxLayout())
        self.layout().setContentsMargins(0, 0, 0, 0)

    def fill(self, ctx: AppContext) -> QWidget:
        if self.content is None:
            self.content = self.build(ctx, self)
            self.layout().addWidget(self.content)
            self.content.show()      # (a child added to a shown widget stays hidden)
        return self.content


class Workspaces(QTabWidget):
    """Requests, policy and cases; ``built`` tells which workspace was just created (the
    window connects its status messages)."""

    built = Signal(int, QWidget)

    def __init__(self, ctx: AppContext, requests: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workspaces")
        self.ctx = ctx
        self.setDocumentMode(True)
        self.addTab(requests, self.tr("Requests"))
        self.addTab(_Slot(_policy, self), self.tr("Policy redemption"))
        self.addTab(_Slot(_cases, self), self.tr("Redemption cases"))
        for index, key in enumerate(("Ctrl+1", "Ctrl+2", "Ctrl+3")):
            self.setTabToolTip(index, f"{self.tabText(index)} ({key})")
            QShortcut(QKeySequence(key), self, activated=lambda i=index: self.setCurrentIndex(i))
        self.currentChanged.connect(self._shown)

    def workspace(self, index: int) -> QWidget:
        """The workspace of a tab, built if it was not yet."""
        page = self.widget(index)
        if not isinstance(page, _Slot):
            return page
        fresh = page.content is None
        content = page.fill(self.ctx)
        if fresh:
            self.built.emit(index, content)
        return content

    def _shown(self, index: int) -> None:
        self.workspace(index)

    def open_first(self) -> None:
        """A navigator starts on the policy window; everyone else on the requests."""
        actor = self.ctx.desk.actor
        if actor is not None and actor.role == Role.NAVIGATOR:
            self.setCurrentIndex(POLICY)
