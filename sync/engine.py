"""The sync engine: push the outbox, pull the change feed, check, repeat. Qt-free.

One cycle (``sync_once``; the steps are in ``sync/cycle.py``): push the outbox in batches
of at most 500 ops (applying each batch's results); fetch the catalogue and the schedule
when their ETags changed; pull pages until ``has_more`` is false (each page and its
cursor in one local transaction; the next page is fetched while this one is applied);
then compare the server's checksum with the desk's and re-snapshot on a mismatch.

One cycle at a time: a request while a cycle runs only marks "run again", and the
running cycle goes round once more. The background loop (``start``) runs on its own
thread: after a success it waits ``interval`` seconds (a new write may ``wake()`` it
sooner); after a network failure it backs off exponentially with full jitter, capped at
60 s, on its own timer (it never waits for a new write to retry).

Failures (``docs/protocol.md``): 426 parks the outbox and stops until the desk is
updated; 410 re-snapshots keeping the outbox; 409 ``seq_gap`` resends from the expected
seq; 401 after a failed refresh signs the desk out (the outbox waits); a rejected op goes
to needs-attention and never blocks the ops behind it.

Listeners (``add_listener``) receive a ``SyncStatus`` on every change of state, counts
or progress, **on the engine's thread**: a Qt UI re-emits it as a signal.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from sync import protocol
from sync.apply import ApplyError
from sync.changes import NOTHING, Changes
from sync.client import (
    AuthExpired,
    CentralClient,
    Offline,
    ServerBusy,
    SyncError,
    UpgradeRequired,
)
from sync.cycle import CycleSteps, PushBlocked
from sync.desk import SYNC_UPGRADE, Desk, system_clock
from sync.status import STATE_ZH, Backoff, Progress, State, SyncReport, SyncStatus

__all__ = ["SyncEngine", "SyncStatus", "SyncReport", "State", "Progress", "Backoff", "build"]

log = logging.getLogger(__name__)


def build() -> str:
    """This build, as the 426 notice remembers it: a new build tries the server again."""
    from sync.client import _version
    from sync.store import SCHEMA_HEAD
    return f"halldesk/{_version()} protocol {protocol.PROTOCOL_VERSION} schema {SCHEMA_HEAD}"


Listener = Callable[[SyncStatus], None]


class SyncEngine(CycleSteps):
    def __init__(self, desk: Desk, client: CentralClient, *,
                 clock: Callable[[], dt.datetime] = system_clock,
                 rng: random.Random | None = None,
                 sleep: Callable[[float | None], None] | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 interval: float = 30.0, batch: int = 500,
                 page_limit: int = protocol.DEFAULT_PULL_LIMIT, prefetch: bool = True,
                 reference_every: float = 300.0):
        self.desk, self.client, self.clock, self.monotonic = desk, client, clock, monotonic
        self.interval, self.batch, self.page_limit = interval, batch, page_limit
        self.prefetch, self.reference_every = prefetch, reference_every
        self.backoff = Backoff(rng=rng)
        self._sleep = sleep
        self._cycle_lock = threading.Lock()
        self._status_lock = threading.Lock()
        self._again = False
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._listeners: list[Listener] = []
        self._last_reference: float | None = None
        self._kicked = False                   # woken since the last pause
        self._status = self._counted(SyncStatus(State.OFFLINE, message_zh="尚未同步"))
        upgrade = desk.sync_meta(SYNC_UPGRADE)
        if upgrade and not self._updated_since(upgrade):
            self._status = replace(self._status, state=State.UPGRADE_REQUIRED,
                                   error="upgrade_required", message_zh=upgrade.get(
                                       "message_zh", STATE_ZH[State.UPGRADE_REQUIRED]))

    # -- listeners and status ------------------------------------------------------------

    def add_listener(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(status)`` on every change (on the engine's thread); returns a
        function that removes it."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    @property
    def status(self) -> SyncStatus:
        return self._status

    def _counted(self, status: SyncStatus) -> SyncStatus:
        counts = self.desk.outbox_counts()
        last = self.desk.sync_meta("last_synced_at")
        return replace(status, pending=counts["pending"] + counts["parked"],
                       parked=counts["parked"], needs_attention=counts["rejected"],
                       last_synced_at=dt.datetime.fromisoformat(last) if last else None)

    def _emit(self, *, count: bool = False, changes: Changes = NOTHING, **updates: Any) -> None:
        """Update the status (recounting the outbox when ``count``) and tell listeners;
        ``changes`` (what a step changed in the desk) goes to the listeners only."""
        with self._status_lock:
            status = replace(self._status, **updates)
            self._status = status = self._counted(status) if count else status
        status = replace(status, changes=changes) if changes else status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:                # a listener's bug must not stop syncing
                log.exception("sync listener failed")

    # -- controls ------------------------------------------------------------------------

    def set_offline(self, offline: bool) -> None:
        """The clerk's "work offline" switch: no network at all while it is on."""
        self._emit(work_offline=offline, state=State.OFFLINE if offline else self._status.state,
                   error="work_offline" if offline else None,
                   message_zh="脱机工作（不同步）" if offline else "")
        if not offline:
            self.wake()

    def refresh_counts(self) -> None:
        """Recount pending and needs-attention ops and tell listeners (after a local
        write, so the status bar's counts move even while offline)."""
        self._emit(count=True)

    def wake(self) -> None:
        """Sync soon (a new write, the network is back, the clerk pressed 同步)."""
        self._wake.set()

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stopping.clear()
            self._thread = threading.Thread(target=self.run, name="halldesk-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _idle(self) -> bool:
        """Nothing to try until woken: the clerk works offline, or must sign in again,
        or the desk must be updated (a wake-up after signing in tries again)."""
        return self._status.work_offline or (not self._kicked and self._status.state in (
            State.SIGNED_OUT, State.UPGRADE_REQUIRED))

    def run(self, max_rounds: int | None = None) -> None:
        """The background loop (the thread's body; tests call it with ``max_rounds``)."""
        rounds = 0
        while not self._stopping.is_set():
            if self._idle():
                delay = None              # until woken: signed in, switched online, ...
            else:
                with self._cycle_lock:
                    report = self._cycles()
                delay = self._delay_after(report)
                if delay is not None and report.state is State.OFFLINE:
                    self._emit(retry_in=delay)
            self._pause(delay)
            rounds += 1
            if max_rounds is not None and rounds >= max_rounds:
                return

    def _pause(self, delay: float | None) -> None:
        if self._sleep is not None:
            self._sleep(delay)
        else:
            self._wake.wait(delay)
        self._kicked = self._wake.is_set()
        self._wake.clear()

    def _delay_after(self, report: SyncReport) -> float | None:
        if report.state in (State.SIGNED_OUT, State.UPGRADE_REQUIRED) or self._status.work_offline:
            return None
        if report.error is not None:         # offline, busy, or a failure that may pass
            return self.backoff.next()
        self.backoff.reset()
        return self.interval

    def sync_once(self) -> SyncReport | None:
        """Run one cycle now; None when one is already running (it will run again)."""
        if not self._cycle_lock.acquire(blocking=False):
            self._again = True
            return None
        try:
            return self._cycles()
        finally:
            self._cycle_lock.release()

    def _cycles(self) -> SyncReport:
        while True:
            self._again = False
            report = self._cycle()
            if not (self._again and report.ok):
                return report

    # -- one cycle -----------------------------------------------------------------------

    def _cycle(self) -> SyncReport:
        started = self.monotonic()
        report = SyncReport(cursor=self.desk.sync_cursor())
        if self._status.work_offline:
            report.state, report.error, report.message_zh = State.OFFLINE, "work_offline", \
                "脱机工作（不同步）"
            self._emit(count=True)
            return report
        upgrade = self.desk.sync_meta(SYNC_UPGRADE)
        if upgrade:
            if not self._updated_since(upgrade):
                report.state, report.error = State.UPGRADE_REQUIRED, "upgrade_required"
                report.message_zh = upgrade.get("message_zh", STATE_ZH[State.UPGRADE_REQUIRED])
                self._emit(state=report.state, error=report.error, message_zh=report.message_zh)
                return report
            self.desk.unpark_outbox()          # this build is new enough: push them now
        self._emit(state=State.SYNCING, error=None, message_zh=STATE_ZH[State.SYNCING],
                   progress=Progress("push"), retry_in=None, count=True)
        blocked: dict[str, Any] | None = None
        try:
            try:
                self._push(report)
            except PushBlocked as exc:
                blocked = exc.reason
            self._reference(report)      # first: pages then fold on the current schedule
            self._pull(report)
            self._verify(report)
        except (Offline, ServerBusy) as exc:
            self._fail(report, State.OFFLINE, exc.code, exc.message_zh)
        except AuthExpired as exc:
            self._fail(report, State.SIGNED_OUT, exc.code, STATE_ZH[State.SIGNED_OUT])
        except UpgradeRequired as exc:
            reason = {**exc.reason(), "min_protocol": exc.min_protocol, "build": build()}
            self.desk.park_outbox(reason)
            self._fail(report, State.UPGRADE_REQUIRED, exc.code, exc.message_zh)
        except (SyncError, ApplyError) as exc:
            log.warning("sync failed: %s", exc)
            self._fail(report, State.NEEDS_ATTENTION,
                       exc.code if isinstance(exc, SyncError) else "apply_failed",
                       exc.message_zh)
        else:
            now = self.clock()
            self.desk.mark_synced(now, self.client.clock_skew)
            counts = self.desk.outbox_counts()
            attention = counts["rejected"] > 0 or blocked is not None
            report.state = State.NEEDS_ATTENTION if attention else State.ONLINE
            if blocked is not None:
                report.error, report.message_zh = blocked["code"], blocked["message_zh"]
            else:
                report.message_zh = f"已同步 {now.astimezone():%H:%M}"
        report.took = self.monotonic() - started
        report.cursor = self.desk.sync_cursor()
        report.clock_skew = skew = self.client.clock_skew
        self._emit(state=report.state, error=report.error, message_zh=report.message_zh,
                   progress=Progress(), clock_skew_seconds=skew,
                   clock_skew_warning=skew is not None
                   and abs(skew) > protocol.CLOCK_SKEW_WARNING_SECONDS, count=True)
        return report

    @staticmethod
    def _fail(report: SyncReport, state: State, code: str, message_zh: str) -> None:
        report.state, report.error, report.message_zh = state, code, message_zh

    @staticmethod
    def _updated_since(upgrade: dict[str, Any]) -> bool:
        """Has this desk been updated since the server answered 426? (Another build.)"""
        return upgrade.get("build") != build()

    def close(self) -> None:
        self.stop()
