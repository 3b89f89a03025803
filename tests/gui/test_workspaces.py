"""The main window's three workspaces: requests, policy redemption, redemption cases."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.tickets import Role
from desktop.workspaces import CASES, POLICY, REQUESTS
from sync.identity import Actor


def test_the_counter_opens_on_the_requests_and_builds_the_policy_window_on_first_use(
        qtbot, window):
    tabs = window.workspaces
    tabs.open_first()                                   # (the app calls it after the paint)
    assert tabs.currentIndex() == REQUESTS
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["诉求办理", "政策兑现", "帮办案件"]
    assert tabs.widget(POLICY).content is None          # nothing paid for at start-up

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == POLICY
    policy = tabs.widget(POLICY).content
    assert policy is not None and policy.isVisible()
    qtbot.waitUntil(lambda: not window.search.isVisible())   # the list's search is the list's
    assert not window.receipt_action.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == REQUESTS
    qtbot.waitUntil(window.search.isVisible)
    assert tabs.workspace(POLICY) is policy             # built once, kept


def test_a_navigator_starts_on_the_policy_window(qtbot, ctx):
    from desktop.main_window import MainWindow

    ctx.desk.actor = Actor("nav01", Role.NAVIGATOR, "周文静")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.ready, timeout=5000):
        w.show()
    w.workspaces.open_first()
    assert w.workspaces.currentIndex() == POLICY
    assert w.workspaces.widget(CASES).content is None
