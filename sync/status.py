"""What the sync engine tells its listeners and its callers (``sync/engine.py``).

``SyncStatus`` is what the status bar shows (emitted on every change of state, counts or
progress); ``SyncReport`` is what one cycle moved (``halldesk sync --once`` prints it);
``Backoff`` is the retry timer's arithmetic.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from sync.changes import NOTHING, Changes


class State(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"
    NEEDS_ATTENTION = "needs_attention"
    UPGRADE_REQUIRED = "upgrade_required"
    SIGNED_OUT = "signed_out"


STATE_ZH = {State.ONLINE: "已联网", State.OFFLINE: "离线", State.SYNCING: "正在同步",
            State.NEEDS_ATTENTION: "有需处理的操作", State.UPGRADE_REQUIRED: "需要升级工作台",
            State.SIGNED_OUT: "登录已过期，请重新登录"}


@dataclass(frozen=True)
class Progress:
    phase: str = ""        # "push" | "pull" | "snapshot" | "reference" | "" (idle)
    pushed: int = 0        # ops sent this cycle
    pages: int = 0         # pull pages applied this cycle
    rows: int = 0          # changes in them


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows; emitted to listeners on every change."""

    state: State
    pending: int = 0                     # ops waiting to be pushed (parked ones included)
    parked: int = 0                      # held back until the desk is updated (426)
    needs_attention: int = 0             # rejected ops
    last_synced_at: dt.datetime | None = None
    clock_skew_seconds: float | None = None      # server minus desk
    clock_skew_warning: bool = False     # more than 5 minutes off
    progress: Progress = Progress()
    work_offline: bool = False
    error: str | None = None             # stable code of the latest failure
    message_zh: str = ""                 # one line for the clerk
    retry_in: float | None = None        # seconds to the next attempt, when backing off
    changes: Changes = NOTHING           # what the latest step changed (views refresh it)


@dataclass
class SyncReport:
    """What one cycle moved (``halldesk sync --once`` prints it)."""

    pushed: int = 0
    applied: int = 0
    rejected: int = 0
    replayed: int = 0
    conflicts: int = 0
    pulled_pages: int = 0
    pulled_rows: int = 0
    deleted: int = 0
    kept: list[str] = field(default_factory=list)
    cursor: str = "0"
    checksum_ok: bool | None = None
    resnapshot: str | None = None           # why the desk pulled everything again
    catalogue: bool = False
    schedule: bool = False
    took: float = 0.0
    clock_skew: float | None = None
    state: State = State.OFFLINE
    error: str | None = None
    message_zh: str = ""
    rejected_reasons: list[dict[str, Any]] = field(default_factory=list)
    server_checksum: dict[str, Any] | None = field(default=None, repr=False)

    def progress(self, phase: str) -> Progress:
        return Progress(phase, self.pushed, self.pulled_pages, self.pulled_rows)

    @property
    def ok(self) -> bool:
        return self.state in (State.ONLINE, State.NEEDS_ATTENTION) and self.error is None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("server_checksum")
        out["state"] = self.state.value
        return out


class Backoff:
    """Exponential back-off with full jitter: the n-th delay is uniform in
    [0, min(cap, base * 2**n)]."""

    def __init__(self, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None):
        self.base, self.cap, self.rng, self.attempt = base, cap, rng or random.Random(), 0

    def ceiling(self) -> float:
        return min(self.cap, self.base * 2 ** min(self.attempt, 32))

    def next(self) -> float:
        delay = self.rng.uniform(0, self.ceiling())
        self.attempt += 1
        return delay

    def reset(self) -> None:
        self.attempt = 0
