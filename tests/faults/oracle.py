"""An independent model of the central state, replayed from what went over the wire.

The harness taps every push that reached the server and got an answer (whether or not
the desk then received it), in the order the server took them: desks run one at a time,
so that order is exact. The model replays each op's *first* application with the rules
of ``docs/protocol.md`` — the state machine of ``core`` for events (the server's role
for the actor), per-field merge in arrival order for edits, a conflict where a field
changed by another device since the edit's ``base_version`` is overwritten, missing
enterprise fields filled — and says what the server should have answered and what the
central state should be at the end. The checker holds the server to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.deadlines import Schedule
from core.intake import EDITABLE_FIELDS
from core.ticket_state import TicketState
from core.ticket_state import apply as fold_one
from core.tickets import (
    Event,
    EventType,
    Role,
    Status,
    TransitionError,
    check_transition,
)

SERVER_ROLES = {"demo.clerk": Role.CLERK, "demo.navigator": Role.NAVIGATOR,
                "demo.supervisor": Role.SUPERVISOR, "demo.town.supervisor": Role.SUPERVISOR,
                "admin": Role.ADMIN}
ENTERPRISE_FIELDS = ("credit_code", "name", "town", "region_code", "entity_type")
_SCHEDULE = Schedule()


@dataclass
class TicketModel:
    id: str
    town: str
    station_id: str
    header: dict[str, Any]
    events: list[str] = field(default_factory=list)
    status: Status | None = None
    unit_id: str | None = None
    version: int = 0
    field_meta: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    deleted: bool = False


@dataclass
class EnterpriseModel:
    id: str
    values: dict[str, Any]
    version: int = 1


@dataclass(frozen=True)
class Expected:
    status: str                         # applied | rejected | unknown (not modelled)
    code: str | None = None             # the rejection's code, when the model knows it
    conflicts: tuple[tuple, ...] = ()   # (field, base_version, server_version, kept, overwritten)


@dataclass
class Oracle:
    tickets: dict[str, TicketModel] = field(default_factory=dict)
    enterprises: dict[str, EnterpriseModel] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    event_ids: set[str] = field(default_factory=set)

    def apply(self, op: dict[str, Any], device: str) -> Expected:
        kind = op["kind"]
        if kind == "ticket.create":
            return self._create(op, device)
        if kind == "ticket.event":
            return self._event(op)
        if kind == "ticket.edit":
            return self._edit(op, device)
        if kind == "enterprise.upsert":
            return self._enterprise(op)
        return Expected("unknown")          # a kind the schedules do not make

    def delete(self, ticket_id: str) -> bool:
        """An administrator deleted the request (a tombstone, one version up)."""
        t = self.tickets.get(ticket_id)
        if t is None or t.deleted:
            return False
        t.deleted = True
        t.version += 1
        return True

    def _append(self, t: TicketModel, ev: dict[str, Any], role: Role) -> None:
        at = dt.datetime.fromisoformat(ev["at"])
        state = fold_one(TicketState(status=t.status, unit_id=t.unit_id),
                         Event(ev["id"], EventType(ev["type"]), at, ev["actor"], role,
                               ev["station"], ev.get("data") or {}), _SCHEDULE)
        t.status, t.unit_id = state.status, state.unit_id
        t.version += 1
        t.events.append(ev["id"])
        self.event_ids.add(ev["id"])

    def _create(self, op: dict[str, Any], device: str) -> Expected:
        if op["entity_id"] in self.tickets:
            return Expected("rejected", "exists")
        header = dict(op["payload"]["header"])
        ev = op["payload"]["event"]
        if ev["id"] in self.event_ids:
            return Expected("rejected", "invalid")
        t = TicketModel(op["entity_id"], header["town"], header["station_id"], header,
                        field_meta={f: (1, device) for f in EDITABLE_FIELDS})
        self.tickets[t.id] = t
        self._append(t, ev, SERVER_ROLES[ev["actor"]])
        return Expected("applied")

    def _event(self, op: dict[str, Any]) -> Expected:
        t = self.tickets.get(op["entity_id"])
        if t is None or t.deleted:
            return Expected("rejected", "unknown_request")
        ev = op["payload"]["event"]
        role = SERVER_ROLES[ev["actor"]]
        try:
            check_transition(t.status, EventType(ev["type"]), role)
        except TransitionError as exc:
            return Expected("rejected", exc.code)
        if ev["id"] in self.event_ids:
            return Expected("rejected", "invalid")
        self._append(t, ev, role)
        return Expected("applied")

    def _edit(self, op: dict[str, Any], device: str) -> Expected:
        t = self.tickets.get(op["entity_id"])
        if t is None or t.deleted:
            return Expected("rejected", "unknown_request")
        if t.status is Status.CLOSED:
            return Expected("rejected", "closed")
        base = int(op["base_version"])
        if base > t.version:
            return Expected("rejected", "bad_base_version")
        found, changed = [], {}
        for name, new in op["payload"]["fields"].items():
            old = t.header.get(name)
            if old == new:
                continue
            version, by = t.field_meta.get(name, (1, None))
            if version > base and by != device:
                found.append((name, base, version, new, old))
                self.conflicts.append({"ticket_id": t.id, "field": name, "base_version": base,
                                       "server_version": version, "kept": new,
                                       "overwritten": old, "overwritten_by": by,
                                       "op_id": op["op_id"], "device_id": device})
            changed[name] = new
        if changed:
            t.version += 1
            for name, new in changed.items():
                t.header[name] = new
                t.field_meta[name] = (t.version, device)
        return Expected("applied", conflicts=tuple(found))

    def _enterprise(self, op: dict[str, Any]) -> Expected:
        values = {k: op["payload"].get(k) for k in ENTERPRISE_FIELDS}
        e = self.enterprises.get(op["entity_id"])
        if e is None:
            self.enterprises[op["entity_id"]] = EnterpriseModel(op["entity_id"], values)
            return Expected("applied")
        filled = False
        for key, value in values.items():
            if e.values.get(key) in (None, "") and value not in (None, ""):
                e.values[key] = value
                filled = True
        if filled:
            e.version += 1
        return Expected("applied")
