"""The fold from a request's events to its current state and clocks.

Events are folded in the order given (the server's arrival order, then the desk's
pending ones); their ``at`` times only place the clocks. A clock stops only on
recorded evidence:

- contact (1 business hour from dispatch, or from a transfer to another unit): stops on
  the contact logged, or any reply that shows the enterprise was reached;
- interim reply (3 working days): stops on an interim reply, a rolling reply or the
  resolution;
- close (5 working days): stops on the resolution, or turns into follow-to-the-end when
  the unit sets a next-feedback date;
- follow (一跟到底): each next-feedback date is a clock, stopped by the next rolling
  reply or the resolution;
- supervision (督办): due at the end of its reply date, stopped by the next reply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from core.deadlines import Deadline, Light, Schedule, light
from core.tickets import Event, EventType, OPEN_STATUSES, Status, reopens

_E = EventType


class ClockKind(StrEnum):
    CONTACT = "contact"
    INTERIM = "interim"
    CLOSE = "close"
    FOLLOW = "follow"
    SUPERVISION = "supervision"


CLOCK_ZH = {ClockKind.CONTACT: "联系企业", ClockKind.INTERIM: "阶段答复",
            ClockKind.CLOSE: "办结", ClockKind.FOLLOW: "跟踪反馈", ClockKind.SUPERVISION: "督办回复"}


class StopReason(StrEnum):
    EVIDENCE = "evidence"          # the contact, the reply or the resolution was recorded
    FOLLOW_TO_END = "follow"       # the close clock became follow-to-the-end
    SUPERSEDED = "superseded"      # a newer next-feedback date replaced it
    TRANSFERRED = "transferred"    # the request went to another unit
    CLOSED = "closed"              # the request ended without this evidence


@dataclass(frozen=True)
class Clock:
    kind: ClockKind
    started_at: dt.datetime
    deadline: Deadline
    stopped_at: dt.datetime | None = None
    stop_reason: StopReason | None = None
    stopped_by: str | None = None  # event id

    @property
    def due_at(self) -> dt.datetime:
        return self.deadline.due_at

    @property
    def running(self) -> bool:
        return self.stopped_at is None

    @property
    def met(self) -> bool | None:
        """On time (True), late (False), or still running / ended without evidence (None)."""
        if self.stopped_at is None or self.stop_reason in (StopReason.TRANSFERRED,
                                                            StopReason.CLOSED):
            return None
        return self.stopped_at <= self.due_at

    def light(self, schedule: Schedule, now: dt.datetime) -> tuple[Light, float]:
        return light(schedule, self.started_at, self.due_at, self.stopped_at, now)

    def stop(self, at: dt.datetime, reason: StopReason, event_id: str) -> Clock:
        return replace(self, stopped_at=at, stop_reason=reason, stopped_by=event_id)


@dataclass
class TicketState:
    status: Status | None = None
    created_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    first_dispatched_at: dt.datetime | None = None
    dispatched_at: dt.datetime | None = None   # of the current dispatch cycle
    resolved_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    unit_id: str | None = None
    unit_name: str | None = None
    clocks: list[Clock] = field(default_factory=list)
    next_feedback_date: dt.date | None = None
    supervision_due: dt.date | None = None
    satisfaction: str | None = None
    solved: str | None = None
    dispatch_count: int = 0
    reopen_count: int = 0
    call_count: int = 0
    event_count: int = 0
    last_event_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def supervised(self) -> bool:
        return any(c.kind is ClockKind.SUPERVISION and c.running for c in self.clocks)

    @property
    def following(self) -> bool:
        return self.status is Status.FOLLOWING

    def running(self, kind: ClockKind | None = None) -> list[Clock]:
        return [c for c in self.clocks if c.running and (kind is None or c.kind is kind)]

    def latest(self, kind: ClockKind) -> Clock | None:
        """The newest clock of a kind, running or not (what a screen shows)."""
        for clock in reversed(self.clocks):
            if clock.kind is kind:
                return clock
        return None

    def next_due(self) -> Clock | None:
        """The running clock that runs out first."""
        running = self.running()
        return min(running, key=lambda c: c.due_at) if running else None

    @property
    def provisional(self) -> bool:
        return any(c.deadline.provisional for c in self.running())


def fold(events: Iterable[Event], schedule: Schedule) -> TicketState:
    state = TicketState()
    for event in events:
        apply(state, event, schedule)
    return state


def apply(state: TicketState, event: Event, schedule: Schedule) -> TicketState:
    """Fold one event into ``state`` (in place) and return it.

    The fold trusts that the event passed ``check_transition`` when it was recorded;
    it never raises on an event out of place, so an old log always replays.
    """
    at, kind, data = event.at, event.type, event.data
    state.event_count += 1
    state.last_event_at = at
    if kind is _E.CREATED:
        state.status = Status.RECEIVED
        state.created_at = at
    elif kind is _E.ANSWERED:
        state.status = Status.ANSWERED
        state.answered_at = at
        _stop(state, at, event.id, {ClockKind.SUPERVISION}, StopReason.EVIDENCE)
    elif kind is _E.CALL_LOGGED:
        state.call_count += 1
    elif kind is _E.DISPATCHED:
        state.status = Status.DISPATCHED
        state.dispatch_count += 1
        state.dispatched_at = at
        state.first_dispatched_at = state.first_dispatched_at or at
        state.unit_id, state.unit_name = data.get("unit_id"), data.get("unit_name")
        state.next_feedback_date = None
        state.clocks.append(Clock(ClockKind.CONTACT, at, schedule.contact_due(at)))
        state.clocks.append(Clock(ClockKind.INTERIM, at, schedule.interim_due(at)))
        state.clocks.append(Clock(ClockKind.CLOSE, at, schedule.close_due(at)))
    elif kind is _E.TRANSFERRED:
        state.unit_id, state.unit_name = data.get("unit_id"), data.get("unit_name")
        _stop(state, at, event.id, {ClockKind.CONTACT}, StopReason.TRANSFERRED)
        state.clocks.append(Clock(ClockKind.CONTACT, at, schedule.contact_due(at)))
    elif kind is _E.CONTACTED:
        _stop(state, at, event.id, {ClockKind.CONTACT}, StopReason.EVIDENCE)
    elif kind is _E.INTERIM_REPLY:
        _stop(state, at, event.id, {ClockKind.CONTACT, ClockKind.INTERIM,
                                    ClockKind.SUPERVISION}, StopReason.EVIDENCE)
    elif kind is _E.NEXT_FEEDBACK_SET:
        state.status = Status.FOLLOWING
        _stop(state, at, event.id, {ClockKind.CONTACT, ClockKind.INTERIM, ClockKind.SUPERVISION},
              StopReason.EVIDENCE)
        _stop(state, at, event.id, {ClockKind.CLOSE}, StopReason.FOLLOW_TO_END)
        _stop(state, at, event.id, {ClockKind.FOLLOW}, StopReason.EVIDENCE)
        day = dt.date.fromisoformat(data["next_date"])
        state.next_feedback_date = day
        state.clocks.append(Clock(ClockKind.FOLLOW, at, schedule.on_date(day, since=at)))
    elif kind is _E.RESOLVED:
        state.status = Status.RESOLVED
        state.resolved_at = at
        state.next_feedback_date = None
        _stop(state, at, event.id, set(ClockKind), StopReason.EVIDENCE)
    elif kind is _E.EVALUATED:
        state.satisfaction, state.solved = data.get("satisfaction"), data.get("solved")
        if reopens(kind, data):
            _reopen(state, at, event.id)
        else:
            state.status = Status.CLOSED
            state.closed_at = at
    elif kind is _E.REOPENED:
        _reopen(state, at, event.id)
    elif kind is _E.SUPERVISED:
        day = dt.date.fromisoformat(data["reply_due"])
        _stop(state, at, event.id, {ClockKind.SUPERVISION}, StopReason.SUPERSEDED)
        state.supervision_due = day
        state.clocks.append(Clock(ClockKind.SUPERVISION, at, schedule.on_date(day, since=at)))
    return state


def _reopen(state: TicketState, at: dt.datetime, event_id: str) -> None:
    state.status = Status.REOPENED
    state.reopen_count += 1
    state.resolved_at = state.closed_at = None
    _stop(state, at, event_id, set(ClockKind), StopReason.CLOSED)


def _stop(state: TicketState, at: dt.datetime, event_id: str, kinds: set[ClockKind],
          reason: StopReason) -> None:
    for i, clock in enumerate(state.clocks):
        if clock.running and clock.kind in kinds:
            state.clocks[i] = clock.stop(at, reason, event_id)


__all__ = ["Clock", "ClockKind", "CLOCK_ZH", "Light", "StopReason", "TicketState", "apply", "fold"]
