"""KPIs as folds over request events, overall and per handling unit.

- immediate-reply rate = answered immediately / (answered immediately + dispatched)
- close rate = resolved / dispatched
- average handling time = mean working days from first dispatch to resolution, counted
  in business time (7 business hours make one working day), so a request closed the
  same afternoon counts as a fraction of a day
- satisfaction = (满意 + 基本满意) / evaluated (未评价 is not an evaluation)
- on-time rates per clock: clocks stopped by evidence before their deadline / clocks
  stopped by evidence, plus running clocks already overdue (they are late whatever
  happens next)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.deadlines import Schedule
from core.ticket_state import ClockKind, TicketState, fold
from core.tickets import Event, Satisfaction, Status

_SATISFIED = {Satisfaction.SATISFIED.value, Satisfaction.BASICALLY_SATISFIED.value}
_EVALUATED = _SATISFIED | {Satisfaction.UNSATISFIED.value}


def ratio(numerator: int | float, denominator: int | float) -> float | None:
    return None if not denominator else numerator / denominator


def percent(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


@dataclass
class Kpis:
    accepted: int = 0
    answered_immediately: int = 0
    dispatched: int = 0
    resolved: int = 0
    evaluated: int = 0
    satisfied: int = 0
    handling_days: float = 0.0
    open_overdue: int = 0
    clocks_on_time: dict[ClockKind, int] = field(default_factory=dict)
    clocks_due: dict[ClockKind, int] = field(default_factory=dict)

    @property
    def immediate_reply_rate(self) -> float | None:
        return ratio(self.answered_immediately, self.answered_immediately + self.dispatched)

    @property
    def close_rate(self) -> float | None:
        return ratio(self.resolved, self.dispatched)

    @property
    def average_handling_days(self) -> float | None:
        return ratio(self.handling_days, self.resolved)

    @property
    def satisfaction_rate(self) -> float | None:
        return ratio(self.satisfied, self.evaluated)

    def on_time_rate(self, kind: ClockKind) -> float | None:
        return ratio(self.clocks_on_time.get(kind, 0), self.clocks_due.get(kind, 0))

    def add(self, state: TicketState, schedule: Schedule, now: dt.datetime) -> None:
        """Fold one request's state into the totals."""
        if state.status is None:
            return
        self.accepted += 1
        if state.dispatch_count:
            self.dispatched += 1
            if state.status in (Status.RESOLVED, Status.CLOSED) and state.resolved_at:
                self.resolved += 1
                assert state.first_dispatched_at is not None
                self.handling_days += schedule.working_days_elapsed(state.first_dispatched_at,
                                                                    state.resolved_at)
        elif state.answered_at is not None:
            self.answered_immediately += 1
        if state.satisfaction in _EVALUATED:
            self.evaluated += 1
            if state.satisfaction in _SATISFIED:
                self.satisfied += 1
        overdue = False
        for clock in state.clocks:
            if clock.running and now > clock.due_at:
                overdue = True
                self.clocks_due[clock.kind] = self.clocks_due.get(clock.kind, 0) + 1
            elif clock.met is not None:
                self.clocks_due[clock.kind] = self.clocks_due.get(clock.kind, 0) + 1
                if clock.met:
                    self.clocks_on_time[clock.kind] = self.clocks_on_time.get(clock.kind, 0) + 1
        if overdue and state.is_open:
            self.open_overdue += 1

    def to_json(self) -> dict[str, object]:
        return {
            "accepted": self.accepted,
            "answered_immediately": self.answered_immediately,
            "dispatched": self.dispatched,
            "resolved": self.resolved,
            "evaluated": self.evaluated,
            "satisfied": self.satisfied,
            "open_overdue": self.open_overdue,
            "immediate_reply_rate": self.immediate_reply_rate,
            "close_rate": self.close_rate,
            "average_handling_days": self.average_handling_days,
            "satisfaction_rate": self.satisfaction_rate,
            "on_time": {k.value: self.on_time_rate(k) for k in ClockKind},
        }


def kpis(timelines: Iterable[Sequence[Event]], schedule: Schedule, now: dt.datetime) -> Kpis:
    """KPIs over many requests, each given as its ordered events."""
    total = Kpis()
    for events in timelines:
        total.add(fold(events, schedule), schedule, now)
    return total


def kpis_by_unit(timelines: Iterable[Sequence[Event]], schedule: Schedule,
                 now: dt.datetime) -> dict[str, Kpis]:
    """KPIs per handling unit (the unit holding the request now); feeds unit assessment."""
    by_unit: dict[str, Kpis] = {}
    for events in timelines:
        state = fold(events, schedule)
        if state.unit_id:
            by_unit.setdefault(state.unit_id, Kpis()).add(state, schedule, now)
    return by_unit
