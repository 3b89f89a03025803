"""The window against the real central server over HTTP: signing in through the dialog,
the status bar's sync corner, work offline, and a day with the network cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.tickets import EventType
from desktop.context import AppContext, ChangeBus, Reference
from desktop.main_window import MainWindow
from desktop.operations import DeskOp
from desktop.settings import Settings
from desktop.sync_setup import SyncController
from desktop.taskman import TaskManager
from sync.credentials import MemoryKeyring
from sync.desk import Desk
from sync.session import Session
from sync.status import State
from sync.ticket_queries import RequestFilter
from tests.conftest import intake_form
from tests.gui.conftest import type_text

pytestmark = pytest.mark.e2e
PASSWORD = "demo-2026"


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@pytest.fixture
def open_window(qapp, qtbot, tmp_path):
    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    made = []

    def make(name: str, server_url: str | None = None) -> MainWindow:
        from PySide6.QtCore import QSettings

        desk = Desk.open(tmp_path / f"{name}.sqlite3")
        settings = Settings(QSettings(str(tmp_path / f"{name}.ini"),
                                      QSettings.Format.IniFormat))
        ctx = AppContext(desk, TaskManager(), ChangeBus(), settings)
        ctx.reference = Reference.load(desk)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        window.sync = SyncController(window, server_url)
        made.append(window)
        return window

    yield make
    for window in made:
        window.sync.stop()
        window.ctx.tasks.shutdown()
        window.ctx.desk.close()


def sign_in(qtbot, window, url: str, station: str = "SQ01") -> None:
    dialog = window.sync.ask_login(server_url=url)
    dialog.station.clear()
    type_text(qtbot, dialog.station, station)
    dialog.username.clear()
    type_text(qtbot, dialog.username, "demo.clerk")
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def wait_state(qtbot, window, state: State, pending: int | None = None) -> None:
    def reached() -> bool:
        status = window.sync.bridge.last if window.sync.bridge else None
        return bool(status and status.state is state
                    and (pending is None or status.pending == pending))
    qtbot.waitUntil(reached, timeout=20_000)


def test_signing_in_through_the_dialog_then_syncing(qtbot, central, open_window):
    window = open_window("a")
    assert window.sync.widget.sign_in.isVisible()              # not signed in yet
    dialog = window.sync.ask_login(server_url=central.url)
    type_text(qtbot, dialog.username, "demo.clerk")
    type_text(qtbot, dialog.password, "wrong-password")
    type_text(qtbot, dialog.station, "SQ01")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled() and "…" not in dialog.error.text(),
                    timeout=15_000)
    assert dialog.error.text() and dialog.isVisible()          # refused, told why
    dialog.password.clear()
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=15_000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    wait_state(qtbot, window, State.ONLINE, pending=0)
    assert "已联网" in window.sync.widget.state.text()
    assert not window.sync.widget.sign_in.isVisible()
    # a station that signed in once opens without the dialog next time
    desk = window.ctx.desk
    assert not Session(desk).needs_login


def test_a_day_with_the_network_cut(qtbot, central, open_window):
    window = open_window("morning")
    sign_in(qtbot, window, central.url)
    wait_state(qtbot, window, State.ONLINE, pending=0)

    central.stop()                                             # the hall's network fails
    desk = window.ctx.desk
    window.sync.engine.wake()
    wait_state(qtbot, window, State.OFFLINE)
    # a morning of work: intakes (one typed through the dialog), dispatches, a call
    dialog = window.open_intake()
    form = dialog.form
    form.type.setCurrentIndex(form.type.findData("help"))
    form.topic.setCurrentIndex(form.topic.findData("labour"))
    type_text(qtbot, form.enterprise_name, "中山市石岐区示例印务有限公司")
    type_text(qtbot, form.contact_name, "何丽")
    type_text(qtbot, form.contact_phone, "13926000011")
    type_text(qtbot, form.description, "员工工伤认定材料如何提交？")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    form.description.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ids = [desk.request_page()[0].id]
    for i in range(5):
        tid, _ = desk.record_intake(intake_form(enterprise_name=f"示例企业{i}号",
                                                credit_code=None))
        ids.append(tid)
    desk.dispatch(ids[1], "u-scjg", "请联系企业")
    desk.dispatch(ids[2], "u-rsj")
    desk.log_call(ids[3], {"unit_id": "u-scjg", "duration_seconds": 180, "notes": "三方通话说明流程",
                           "outcome": "answered"}, answer="已在通话中答复")
    window.sync.engine.wake()
    # (the engine recounts when it next tries the network, and fails)
    # (a cycle's first status has the new count but reads "syncing"; wait for its end)
    qtbot.waitUntil(lambda: window.sync.bridge.last.pending >= 9
                    and window.sync.bridge.last.state is State.OFFLINE, timeout=20_000)
    status = window.sync.bridge.last
    assert "离线" in window.sync.widget.state.text()
    assert str(status.pending) in window.sync.widget.pending.text()

    central.restart()                                          # the network is back
    window.sync.engine.wake()
    wait_state(qtbot, window, State.ONLINE, pending=0)
    numbers = {r.id: r.number for r in desk.request_page(limit=20)}
    assert all(numbers[t] for t in ids)                        # numbered by the server

    # everything is visible on a second desk of the hall
    second = open_window("second")
    sign_in(qtbot, second, central.url, station="SQ02")
    wait_state(qtbot, second, State.ONLINE, pending=0)
    seen = {r.id: r for r in second.ctx.desk.request_page(RequestFilter(), limit=50)}
    assert set(ids) <= set(seen)
    assert seen[ids[1]].status == "dispatched" and seen[ids[1]].unit_name
    assert seen[ids[3]].status == "answered"
    second_detail = second.ctx.desk.request(ids[3])
    assert [e.type for e, _ in second_detail.events] == [EventType.CREATED,
                                                        EventType.CALL_LOGGED,
                                                        EventType.ANSWERED]
    qtbot.waitUntil(lambda: second.model.rowCount() >= len(ids), timeout=10_000)


def test_work_offline_switch_holds_everything_back(qtbot, central, open_window):
    window = open_window("switch")
    sign_in(qtbot, window, central.url)
    wait_state(qtbot, window, State.ONLINE, pending=0)
    window.sync.widget.offline.click()
    assert window.ctx.settings.work_offline
    qtbot.waitUntil(lambda: "离线办理中" in window.sync.widget.state.text(), timeout=10_000)
    DeskOp(window.ctx, window, lambda desk: desk.record_intake(intake_form(credit_code=None))) \
        .run()
    qtbot.waitUntil(lambda: window.sync.bridge.last.pending >= 1, timeout=10_000)
    window.sync.widget.offline.click()
    wait_state(qtbot, window, State.ONLINE, pending=0)
