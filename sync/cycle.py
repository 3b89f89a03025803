"""The steps of one sync cycle (``docs/protocol.md``, "One sync cycle"), mixed into
``sync.engine.SyncEngine``, which schedules them, keeps the state and tells listeners.

* push: the outbox in seq order, in batches (halved on 413); each batch's results
  applied at once; 409 ``seq_gap`` handled; a push the server refuses as a whole
  (422/400/403) is *blocked* (needs attention) while the pull goes on;
* pull: pages until ``has_more`` is false, the next page fetched while this one is
  applied; 410 re-snapshots from ``since=0`` keeping the outbox; an interrupted
  re-snapshot resumes where it stopped;
* verify: the server's checksum against the desk's; a mismatch re-snapshots (at most
  once an hour, so a lasting disagreement cannot loop);
* reference (before the pull, so that pulled requests fold on the current schedule; at
  most every ``reference_every`` seconds): the catalogue, the schedule and the
  directory of accounts, each only when its ETag changed.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from core.validation import ValidationError
from sync.client import (
    CursorExpired,
    Forbidden,
    OpMismatch,
    Rejected,
    SeqGap,
    ServerBusy,
    SyncError,
    TooLarge,
)
from sync.desk import SYNC_LAST_RESNAPSHOT
from sync.outbox import OutboxEntry
from sync.status import SyncReport

if TYPE_CHECKING:
    from sync.client import CentralClient
    from sync.desk import Desk

log = logging.getLogger(__name__)
SCHEDULE_ETAG, CATALOGUE_ETAG = "sync.schedule_etag", "sync.catalogue_etag"
DIRECTORY_ETAG = "sync.directory_etag"
RESNAPSHOT_AT_MOST_EVERY = dt.timedelta(hours=1)     # after a checksum mismatch


class PushBlocked(Exception):
    """The server refuses the push as a whole: the ops wait, the pull goes on."""

    def __init__(self, reason: dict[str, Any]):
        super().__init__(reason.get("message", ""))
        self.reason = reason


class CycleSteps:
    """Needs of the engine: ``desk``, ``client``, ``clock``, ``monotonic``, ``_emit``."""

    desk: Desk
    client: CentralClient
    batch: int
    page_limit: int
    prefetch: bool
    reference_every: float
    _pool: ThreadPoolExecutor | None
    _last_reference: float | None

    if TYPE_CHECKING:
        def _emit(self, **kw: Any) -> None: ...
        def monotonic(self) -> float: ...
        def clock(self) -> dt.datetime: ...

    # -- push ----------------------------------------------------------------------------

    @staticmethod
    def wire(op: OutboxEntry) -> dict[str, Any]:
        return {"op_id": op.op_id, "seq": op.seq, "kind": op.kind, "entity_id": op.entity_id,
                "base_version": op.base_version, "payload": op.payload,
                "created_at": op.created_at}

    def _push(self, report: SyncReport) -> None:
        size = self.batch
        while True:
            ops = self.desk.outbox_batch(limit=size)
            if not ops:
                return
            try:
                answer = self.client.push([self.wire(op) for op in ops])
            except TooLarge:
                if size == 1:
                    raise PushBlocked(TooLarge("one op is over the size limit").reason())
                size = max(1, len(ops) // 2)
                continue
            except SeqGap as gap:
                self._seq_gap(gap.expected_seq, ops)
                continue
            except (OpMismatch, Rejected, Forbidden) as exc:
                self.desk.note_push_failure([o.seq for o in ops], str(exc))
                raise PushBlocked(exc.reason()) from None
            except SyncError as exc:
                self.desk.note_push_failure([o.seq for o in ops], str(exc))
                raise
            changes, done = self.desk.apply_push_results(ops, answer.get("results") or [])
            report.pushed += len(ops)
            report.applied += done.applied
            report.rejected += done.rejected
            report.replayed += done.replayed
            report.conflicts += done.conflicts
            report.rejected_reasons.extend(done.rejected_reasons)
            self._emit(changes=changes, progress=report.progress("push"))
            if done.applied + done.rejected == 0:
                raise ServerBusy("the server answered the push without results")

    def _seq_gap(self, expected: int, ops: list[OutboxEntry]) -> None:
        """409: the server expects ``expected`` next. Ops below it that this desk still
        holds were taken by the server without an answer: they cannot be resent, so they
        go to needs-attention (never silently dropped); the push resumes at ``expected``.
        A server expecting ops this desk no longer holds (its database restored from an
        older backup) blocks the push until an administrator looks."""
        first = ops[0].seq
        if expected > first:
            stale = [o.seq for o in self.desk.outbox_entries(("pending",)) if o.seq < expected]
            self.desk.reject_ops(stale, {
                "code": "seq_gap", "message": f"the server expects seq {expected}",
                "message_zh": f"服务器表示已收到序号 {expected} 之前的操作，但没有其结果，请核对"})
            return
        raise PushBlocked({
            "code": "seq_gap", "expected_seq": expected,
            "message": f"the server expects seq {expected}; this desk's next is {first}",
            "message_zh": f"中心服务器缺少本工作台的第 {expected}–{first - 1} 号操作，"
                          f"上传已暂停，请联系管理员"})

    # -- pull ----------------------------------------------------------------------------

    def _pull(self, report: SyncReport) -> None:
        snapshot = self.desk.resnapshot_pending()
        if snapshot:
            report.resnapshot = snapshot.get("reason")
        try:
            self._drain(report, snapshot=bool(snapshot))
        except CursorExpired:
            self.desk.begin_resnapshot("cursor_expired")
            report.resnapshot = "cursor_expired"
            self._drain(report, snapshot=True)

    def _fetch(self, cursor: str, snapshot: bool = False) -> dict[str, Any]:
        # ``snapshot``: a cursor the server gave this re-snapshot in this very drain, sent
        # with a leading "0" ("07") so that the tombstone horizon, which may lie above it,
        # does not refuse it (server/pull.py). A re-snapshot resumed from a stored cursor
        # sends it plain: tombstones may have been purged meanwhile, and a 410 restarts it.
        since = f"0{cursor}" if snapshot and not cursor.startswith("0") else cursor
        return self.client.pull(since, self.page_limit)

    def _drain(self, report: SyncReport, *, snapshot: bool) -> None:
        previous = self.desk.sync_cursor()
        page = self._fetch(previous)
        if not page.get("has_more"):
            self._apply_pages(report, page, previous, snapshot=snapshot)
            return
        with self.desk.store.deferred_checkpoints():     # many pages: checkpoint once
            self._apply_pages(report, page, previous, snapshot=snapshot)

    def _apply_pages(self, report: SyncReport, page: dict[str, Any], previous: str, *,
                     snapshot: bool) -> None:
        phase = "snapshot" if snapshot else "pull"
        while True:
            # a page that says "more" but moved nowhere would loop for ever: stop there
            more = bool(page.get("has_more")) and (
                bool(page["changes"]) or str(page["cursor"]) != previous)
            previous = str(page["cursor"])
            ahead: Future[dict[str, Any]] | None = None
            if more and self.prefetch:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(1, thread_name_prefix="halldesk-pull")
                ahead = self._pool.submit(self._fetch, str(page["cursor"]), snapshot)
            try:
                changes, done = self.desk.apply_pull_page(page, snapshot=snapshot)
            except BaseException:
                if ahead is not None and not ahead.cancel():
                    ahead.exception()       # let the fetch finish; its page is not wanted
                raise
            report.pulled_pages += 1
            report.pulled_rows += done.rows
            report.deleted += done.deleted
            report.kept.extend(done.kept)
            report.cursor = str(page["cursor"])
            self._emit(changes=changes, progress=report.progress(phase))
            if not more:
                report.server_checksum = page.get("checksum")
                break
            page = ahead.result() if ahead is not None else self._fetch(str(page["cursor"]),
                                                                        snapshot)
        if snapshot:
            changes, done = self.desk.finish_resnapshot()
            report.deleted += done.deleted
            report.kept.extend(done.kept)
            self._emit(changes=changes, progress=report.progress(phase))

    def _verify(self, report: SyncReport) -> None:
        expected = report.server_checksum
        if not expected:
            return
        report.checksum_ok = self._matches(expected)
        if report.checksum_ok or report.resnapshot:
            return
        last = self.desk.sync_meta(SYNC_LAST_RESNAPSHOT)
        if last and self.clock() - dt.datetime.fromisoformat(last) < RESNAPSHOT_AT_MOST_EVERY:
            log.warning("checksums differ again within the hour; not re-snapshotting yet")
            return
        log.warning("checksums differ (server %s, desk %s): re-snapshot", expected,
                    self.desk.checksums())
        self.desk.begin_resnapshot("checksum_mismatch")
        report.resnapshot = "checksum_mismatch"
        report.server_checksum = None
        self._drain(report, snapshot=True)
        report.checksum_ok = self._matches(report.server_checksum) \
            if report.server_checksum else None

    def _desk_checksums(self) -> dict[str, dict[str, int]]:
        """``Desk.checksums()``, kept current on the desk's writer connection instead of
        re-reading every row after every sync (``sync.checksums.running_checksums``)."""
        from sync import checksums
        with self.desk.store.write() as conn:
            return checksums.running_checksums(conn.connection.driver_connection)

    def _matches(self, expected: dict[str, Any]) -> bool:
        ours = self._desk_checksums()
        return all(ours.get(k) == {"count": int(v["count"]), "sum": int(v["sum"])}
                   for k, v in expected.items() if isinstance(v, dict))

    # -- reference data ------------------------------------------------------------------

    def _reference(self, report: SyncReport, force: bool = False) -> None:
        now = self.monotonic()
        if not force and self._last_reference is not None \
                and now - self._last_reference < self.reference_every:
            return
        self._emit(progress=report.progress("reference"))
        try:
            got = self.client.catalogue(self.desk.sync_meta(CATALOGUE_ETAG)
                                        or self.desk.catalogue_etag())
            if got is not None:
                etag, files = got
                self._emit(changes=self.desk.install_catalogue(files))
                self.desk.set_sync_meta(CATALOGUE_ETAG, etag)
                report.catalogue = True
            got = self.client.schedule(self.desk.sync_meta(SCHEDULE_ETAG))
            if got is not None:
                etag, body = got
                self._emit(changes=self.desk.set_schedule(body.get("calendars") or (),
                                                          body.get("hours")))
                self.desk.set_sync_meta(SCHEDULE_ETAG, etag)
                report.schedule = True
        except ValidationError as exc:      # a catalogue this build cannot read
            log.warning("reference data refused: %s", exc)
        except Rejected as exc:
            if exc.status != 404:           # 404: nothing published yet
                raise
        self._directory()
        self._last_reference = now

    def _directory(self) -> None:
        """The names behind the user names (a server older than the directory: 404, and
        timelines keep showing user names)."""
        try:
            got = self.client.directory(self.desk.sync_meta(DIRECTORY_ETAG))
        except Rejected as exc:
            if exc.status != 404:
                raise
            return
        if got is None:
            return
        etag, body = got
        try:
            changes = self.desk.set_directory(body.get("users") if isinstance(body, dict)
                                              else None)
        except ValidationError as exc:
            log.warning("directory refused: %s", exc)
            return
        self._emit(changes=changes)
        self.desk.set_sync_meta(DIRECTORY_ETAG, etag)
