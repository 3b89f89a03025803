"""Reminders: clocks turning amber or red are told, in business hours only."""

from __future__ import annotations

from core.deadlines import Light
from desktop.reminders import ReminderWatcher
from tests.conftest import intake_form


def look(qtbot, watcher):
    with qtbot.waitSignal(watcher.counts, timeout=5000) as counts:
        watcher.check()
    return counts.args


def test_a_clock_turning_amber_then_red_is_told(qtbot, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")                      # contact due 10:00
    watcher = ReminderWatcher(ctx)
    assert look(qtbot, watcher) == [0, 0]                # first look: nothing to say
    clock.set("2026-11-24T09:50")                         # 10 of 60 minutes left
    with qtbot.waitSignal(watcher.alerts, timeout=5000) as told:
        watcher.check()
    [alert] = told.args[0]
    assert alert.ticket_id == tid and alert.clock == "contact" and alert.light is Light.AMBER
    assert watcher.last_message[0] == "即将到期"
    assert "SQ01-00001" in watcher.last_message[1] and "联系企业" in watcher.last_message[1]
    clock.set("2026-11-24T10:01")
    with qtbot.waitSignal(watcher.alerts, timeout=5000) as told:
        watcher.check()
    assert told.args[0][0].light is Light.RED
    assert watcher.last_message[0] == "已逾期"
    # told once: the next look has nothing new
    with qtbot.assertNotEmitted(watcher.alerts):
        assert look(qtbot, watcher) == [0, 1]
    watcher.stop()


def test_nothing_is_told_outside_business_hours_until_the_next_opening(qtbot, ctx, clock):
    clock.set("2026-11-27T16:00")                         # a Friday
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")                      # contact due Friday 17:00
    watcher = ReminderWatcher(ctx)
    look(qtbot, watcher)
    clock.set("2026-11-28T10:00")                         # Saturday: overdue, but closed
    with qtbot.assertNotEmitted(watcher.alerts):
        assert look(qtbot, watcher) == [0, 1]
    clock.set("2026-11-30T08:31")                         # Monday opening
    with qtbot.waitSignal(watcher.alerts, timeout=5000) as told:
        watcher.check()
    assert [a.ticket_id for a in told.args[0]] == [tid]
    watcher.stop()


def test_the_window_shows_the_counts(qtbot, window, ctx, clock):
    clock.set("2026-11-24T09:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")
    clock.set("2026-11-24T10:30")
    window.reminders.check()
    # (the look taken when the window opened may report first)
    qtbot.waitUntil(lambda: "逾期 1" in window.clock_label.text(), timeout=5000)
    assert window.windowTitle().endswith("⏰1")
