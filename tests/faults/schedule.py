"""Seeded random schedules: what three desks do, and which faults strike them, step by step.

A schedule is a pure function of its seed (``make_schedule(seed)``): the same seed gives
the same steps, printed the same way, on every machine. A step names *what* happens and
carries its random draws (``pick``, ``arg``); which request an event lands on is resolved
when the step runs, from the desk's own list of requests in the order the harness learned
of them, so a replay of the seed takes the same path as long as the code behaves the same.

Kinds of step:

* ``intake``      desk records a new request (sometimes for another town, out of the
                  other town desk's scope; credit codes drawn from a small pool so desks
                  meet the same enterprise);
* ``event``       desk appends an event its local state allows, on a known request;
* ``edit``        desk edits a header field (small value pools: same-field races);
* ``sync``        one sync cycle; ``fault`` names a fault injected into it (below);
* ``cut`` / ``restore``   the desk's network goes down / comes back (it keeps working);
* ``restart``     the central server restarts (same database, connections drop);
* ``reboot``      the desk process is killed while idle and reopened from its file;
* ``storm``       marks an offline storm: every desk is cut, they all work on the same
                  requests, then reconnect (and sync) in random order;
* ``delete``      an administrator deletes a request (``DELETE /api/v1/requests/{id}``:
                  a tombstone) that desks may still be working on;
* ``purge``       the tombstones are purged (``purge-tombstones``): every desk whose
                  cursor is older gets 410 and re-snapshots, keeping its outbox;
* ``handover``    the city desk changes hands (supervisor <-> navigator at ZS01): a new
                  scope, so it re-snapshots, keeping what the last user left pending.

Faults on a sync (``SYNC_FAULTS``), injected at the HTTP transport or the SQLite
connection, never by patching our code:

* ``drop_push_response`` / ``drop_pull_response``: the request reaches the server, which
  commits; the desk gets a connection error instead of the answer;
* ``kill_push_before_send``: the desk dies as it sends its push (the server never sees it);
* ``kill_push_after_commit``: the server commits the push; the desk dies before reading
  the answer;
* ``kill_push_mid_ack``: the answer arrives; the desk dies while applying it (after ``arg``
  SQLite statements of its writer);
* ``kill_pull_in_flight``: a pull page arrives; the desk dies before applying it;
* ``kill_pull_mid_apply``: the desk dies ``arg`` SQLite statements into applying a page;
* ``drop_refresh_response``: the server rotates the desk's refresh token but the answer is
  lost (strikes only when the cycle starts with a refresh: after a restart of the desk);
* ``write_mid_sync``: not a fault but an interleaving: the clerk records something while
  the cycle runs (after a push batch or a pull page was applied), as the window lets her.

``nth`` picks which push (or pull) request of the cycle the fault strikes (small
batches and pages make cycles of several requests).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

DESKS = 3
SYNC_FAULTS = ("drop_push_response", "drop_pull_response", "kill_push_before_send",
               "kill_push_after_commit", "kill_push_mid_ack", "kill_pull_in_flight",
               "kill_pull_mid_apply", "drop_refresh_response", "write_mid_sync")
FAULT_KINDS = (*SYNC_FAULTS, "net_cut", "server_restart", "desk_reboot", "offline_storm",
               "admin_delete", "tombstone_purge", "handover")


@dataclass(frozen=True)
class Step:
    kind: str
    desk: int | None = None
    fault: str | None = None
    nth: int = 1
    pick: int = 0            # which request / event / value: resolved when the step runs
    arg: int = 0             # a second draw (a field, a statement count ...)

    def __str__(self) -> str:
        who = f" d{self.desk}" if self.desk is not None else ""
        extra = f" {self.fault}#{self.nth}" if self.fault else ""
        return f"{self.kind}{who}{extra} pick={self.pick} arg={self.arg}"


@dataclass(frozen=True)
class DeskConfig:
    batch: int               # ops per push request
    page_limit: int          # changes per pull page


@dataclass(frozen=True)
class Schedule:
    seed: int
    desks: tuple[DeskConfig, ...]
    steps: tuple[Step, ...] = field(default=())

    def describe(self) -> str:
        head = f"seed {self.seed}: " + ", ".join(
            f"d{i}(batch={c.batch}, page={c.page_limit})" for i, c in enumerate(self.desks))
        return "\n".join([head, *(f"  {i:3d}  {s}" for i, s in enumerate(self.steps))])


def _draw(rng: random.Random) -> int:
    return rng.randrange(1 << 30)


def _sync(rng: random.Random, desk: int, fault_rate: float) -> Step:
    fault = rng.choice(SYNC_FAULTS) if rng.random() < fault_rate else None
    return Step("sync", desk, fault, nth=1 if rng.random() < 0.75 else 2,
                pick=_draw(rng), arg=rng.randint(1, 40))


def _work(rng: random.Random, desk: int, *, storm: bool = False) -> Step:
    """A local write: during a storm mostly edits and events on the same few requests."""
    roll = rng.random()
    if storm:
        kind = "edit" if roll < 0.55 else "event" if roll < 0.95 else "intake"
    else:
        kind = "intake" if roll < 0.3 else "event" if roll < 0.7 else "edit"
    return Step(kind, desk, pick=_draw(rng), arg=_draw(rng))


def make_schedule(seed: int, *, min_steps: int = 20, max_steps: int = 60,
                  fault_rate: float = 0.35) -> Schedule:
    """The schedule of ``seed``: 20-60 steps over three desks, faults interleaved."""
    rng = random.Random(seed)
    desks = tuple(DeskConfig(batch=rng.choice((1, 2, 3, 500)),
                             page_limit=rng.choice((1, 2, 3, 5, 200)))
                  for _ in range(DESKS))
    target = rng.randint(min_steps, max_steps)
    steps: list[Step] = [Step("intake", 0, pick=_draw(rng), arg=_draw(rng))]
    steps += [Step("sync", d, pick=_draw(rng)) for d in range(DESKS)]
    down = [False] * DESKS
    while len(steps) < target:
        roll = rng.random()
        if roll < 0.10:                  # an offline storm: all desks cut, work, reconnect
            steps.append(Step("storm"))
            steps += [Step("cut", d) for d in range(DESKS) if not down[d]]
            down = [True] * DESKS
            for _ in range(rng.randint(3, 9)):
                steps.append(_work(rng, rng.randrange(DESKS), storm=True))
            order = list(range(DESKS))
            rng.shuffle(order)               # reconnect in random order
            for d in order:
                steps.append(Step("restore", d))
                down[d] = False
                steps.append(_sync(rng, d, fault_rate))
        elif roll < 0.17:                # a long cut for one desk (it keeps working)
            d = rng.randrange(DESKS)
            if down[d]:
                steps.append(Step("restore", d))
            else:
                steps.append(Step("cut", d))
            down[d] = not down[d]
        elif roll < 0.20:
            steps.append(Step("restart"))
        elif roll < 0.23:
            steps.append(Step("reboot", rng.randrange(DESKS)))
        elif roll < 0.25:
            steps.append(Step("delete", pick=_draw(rng)))
        elif roll < 0.265:
            steps.append(Step("purge"))
        elif roll < 0.285:
            steps.append(Step("handover", DESKS - 1))
        elif roll < 0.57:
            steps.append(_sync(rng, rng.randrange(DESKS), fault_rate))
        else:
            steps.append(_work(rng, rng.randrange(DESKS)))
    return Schedule(seed, desks, tuple(steps))
