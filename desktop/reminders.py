"""Reminders: a tray notification when a request's clock turns amber (a quarter of its
time left) or red (overdue), during business hours only, and the counts on the window.

Every tick asks the desk (on its worker) for requests with a clock due within the next
week, works out which clocks have crossed into amber or red since they were last seen,
and notifies those. What turns outside business hours is told at the next opening.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import orjson
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from core.deadlines import Light
from desktop.context import AppContext
from desktop.labels import label
from desktop.operations import DeskQuery
from sync.codec import from_db_time

LOOKAHEAD = dt.timedelta(days=7)     # a 5-working-day clock turns amber at most ~4 days out
TICK_MS = 60_000


@dataclass(frozen=True)
class Alert:
    ticket_id: str
    number: str
    enterprise: str
    clock: str          # clock kind
    light: Light        # AMBER or RED
    due_at: dt.datetime


def crossings(ctx: AppContext, rows: list[tuple[str, str, str, str]],
              now: dt.datetime) -> dict[tuple[str, str], Alert]:
    """The amber or red clocks among ``rows`` at ``now``, keyed by (ticket, clock kind)."""
    schedule = ctx.desk.schedule
    out: dict[tuple[str, str], Alert] = {}
    for ticket_id, number, enterprise, raw in rows:
        for kind, start, due, _provisional in orjson.loads(raw or "[]"):
            due_at, started = from_db_time(due), from_db_time(start)
            assert due_at is not None and started is not None
            if now > due_at:
                colour = Light.RED
            elif now >= schedule.amber_at(started, due_at):
                colour = Light.AMBER
            else:
                continue
            out[(ticket_id, kind)] = Alert(ticket_id, number, enterprise, kind, colour, due_at)
    return out


class ReminderWatcher(QObject):
    """Notices clocks turning amber or red; owns the tray icon when the desktop has one."""

    alerts = Signal(list)          # [Alert] newly amber or red, told now
    counts = Signal(int, int)      # (amber, red) running clocks at the last look

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._seen: dict[tuple[str, str], Light] = {}
        self._held: list[Alert] = []       # turned outside business hours
        self._first = True
        self.last_message: tuple[str, str] | None = None
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable() and ctx.settings.tray_reminders:
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) \
                if QApplication.instance() else QIcon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Hall Desk"))
            self.tray.show()
        self._timer = QTimer(self, interval=TICK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        desk = self.ctx.desk

        def work(_desk: Any) -> tuple[dt.datetime, list[tuple[str, str, str, str]]]:
            now = desk.clock()
            return now, desk.clocks_due_by(now + LOOKAHEAD)

        DeskQuery(self.ctx, None, work).success(self._checked).run()

    def _checked(self, result: tuple[dt.datetime, list[tuple[str, str, str, str]]]) -> None:
        now, rows = result
        current = crossings(self.ctx, rows, now)
        fresh = [a for key, a in current.items() if self._seen.get(key) != a.light]
        self._seen = {key: a.light for key, a in current.items()}
        amber = sum(1 for a in current.values() if a.light is Light.AMBER)
        red = len(current) - amber
        self.counts.emit(amber, red)
        if self._first:
            # at start-up, one summary rather than a notification per request
            self._first = False
            if current:
                self._notify_summary(amber, red, now)
            return
        schedule = self.ctx.desk.schedule
        if not schedule.hours.is_open(now, schedule.calendar):
            self._held.extend(fresh)
            return
        told, self._held = self._held + fresh, []
        live = [a for a in told if self._seen.get((a.ticket_id, a.clock)) is not None]
        if live:
            self.alerts.emit(live)
            self._notify(live)

    def _notify_summary(self, amber: int, red: int, now: dt.datetime) -> None:
        schedule = self.ctx.desk.schedule
        if not schedule.hours.is_open(now, schedule.calendar):
            return
        self._message(self.tr("Clocks to watch"),
                      self.tr("%1 overdue, %2 due soon").replace("%1", str(red))
                      .replace("%2", str(amber)))

    def _notify(self, alerts: list[Alert]) -> None:
        red = [a for a in alerts if a.light is Light.RED]
        title = self.tr("Overdue") if red else self.tr("Due soon")
        lines = []
        for a in (red or alerts)[:4]:
            due = a.due_at.astimezone(self.ctx.desk.schedule.hours.tz).strftime("%m-%d %H:%M")
            lines.append(f"{a.number} {a.enterprise} · {label('clock', a.clock)} {due}")
        if len(alerts) > 4:
            lines.append(self.tr("and %1 more").replace("%1", str(len(alerts) - 4)))
        self._message(title, "\n".join(lines))

    def _message(self, title: str, body: str) -> None:
        self.last_message = (title, body)
        if self.tray is not None:
            icon = QSystemTrayIcon.MessageIcon.Warning
            self.tray.showMessage(title, body, icon, 10_000)
            self.tray.setToolTip(f"{title}\n{body}")

    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()
