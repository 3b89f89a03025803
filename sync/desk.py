"""The desk API: the one facade the UI (and the CLI) use to reach the offline store.

Like Anki's ``Collection``: screens never touch SQL. Every write runs in one SQLite
transaction that changes the domain rows and appends the matching outbox ops, and
returns a ``Changes`` value saying what changed so views redraw only that. The desk is
Qt-free and thread-safe: writes are serialised by the store; reads may run anywhere.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.calendar import PublishedCalendar
from core.deadlines import BusinessHours, Schedule
from core.intake import validate_intake
from core.tickets import EventType, Role, Status
from core.validation import ValidationError
from sync import catalogue_store, meta, outbox, projection, ticket_queries, ticket_writes
from sync.changes import Changes
from sync.desk_intake import IntakeLookups
from sync.desk_matching import MatchingDesk
from sync.desk_outreach import OutreachDesk
from sync.desk_policies import PolicyDesk
from sync.directory import DirectoryDesk
from sync.identity import Actor, Station
from sync.schema import Ticket
from sync.startup import load_schedule, system_clock
from sync.store import Store, open_store
from sync.ticket_queries import RequestDetail, RequestFilter, RequestRow
from sync.ticket_writes import NotFound, WriteContext

Clock = Callable[[], dt.datetime]


class Desk(IntakeLookups, PolicyDesk, MatchingDesk, OutreachDesk, DirectoryDesk):
    """One desk file, opened for one station and its signed-in user."""

    def __init__(self, store: Store, *, clock: Clock = system_clock):
        self.store = store
        self.clock = clock
        with store.read() as conn:
            station = meta.get(conn, meta.STATION)
            user = meta.get(conn, meta.USER)
            self.device_id: str = meta.get(conn, meta.DEVICE_ID)
            self._schedule = load_schedule(meta.get(conn, meta.SCHEDULE))
            fingerprint = meta.get(conn, meta.SCHEDULE_FINGERPRINT)
            self._load_names(conn)        # read here, off the window's thread
        self.station = Station.from_json(station) if station else None
        self.actor = Actor.from_json(user) if user else None
        if fingerprint != self._schedule.fingerprint():
            # a new file, or this build's calendar differs from the one the deadlines were
            # computed on (a newer chinesecalendar, say): recompute them
            self.recompute_deadlines()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, station: Station | None = None,
             actor: Actor | None = None, clock: Clock = system_clock) -> Desk:
        """Open or create a desk file; migrate it if it is on an older schema."""
        store = open_store(path)
        with store.write() as conn:
            if meta.get(conn, meta.DEVICE_ID) is None:
                meta.put(conn, meta.DEVICE_ID, str(uuid.uuid4()))
            if station is not None:
                meta.put(conn, meta.STATION, station.to_json())
            if actor is not None:
                meta.put(conn, meta.USER, actor.to_json())
        return cls(store, clock=clock)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sign_in(self, actor: Actor) -> Changes:
        with self.store.write() as conn:
            meta.put(conn, meta.USER, actor.to_json())
        self.actor = actor
        return Changes(sync_state=True)

    # -- schedule --------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule:
        return self._schedule

    def set_schedule(self, calendars: Sequence[Mapping[str, Any]] = (),
                     hours: Mapping[str, Any] | None = None) -> Changes:
        """Install the published calendars and business hours; recompute every deadline."""
        stored = {"calendars": [PublishedCalendar.from_json(c).to_json() for c in calendars],
                  "hours": BusinessHours.from_json(hours).to_json() if hours else None}
        schedule = load_schedule(stored)
        with self.store.write() as conn:
            meta.put(conn, meta.SCHEDULE, stored)
        self._schedule = schedule
        return self.recompute_deadlines()

    def recompute_deadlines(self) -> Changes:
        """Refold every request still running a clock (deadlines are never the only truth)."""
        schedule = self._schedule
        with self.store.write() as conn:
            pks = conn.execute(select(Ticket.pk).where(Ticket.next_due.is_not(None)
                               | Ticket.status.in_([s.value for s in (Status.DISPATCHED,
                                                                       Status.FOLLOWING)])))
            for pk in pks.scalars().all():
                projection.refresh(conn, pk, schedule)
            meta.put(conn, meta.SCHEDULE_FINGERPRINT, schedule.fingerprint())
        return Changes(all_tickets=True)

    # -- writes ----------------------------------------------------------------------

    def _ctx(self) -> WriteContext:
        if self.station is None or self.actor is None:
            raise ValidationError("station", "this desk has no station or user yet; sign in",
                                  message_zh="本工作台尚未登录，请先登录")
        return WriteContext(self.actor, self.station, self._schedule, self.clock())

    def record_intake(self, form: Mapping[str, Any],
                      then: Sequence[tuple[EventType, Mapping[str, Any]]] = ()
                      ) -> tuple[str, Changes]:
        """Record a new request; ``then`` acts on it in the same transaction
        (e.g. answer it at once, or dispatch it)."""
        intake = validate_intake(form)
        ctx = self._ctx()
        with self.store.write() as conn:
            catalogue_store.check_intake_refs(conn, intake)
            then = [(kind, self._with_unit_name(conn, kind, data)) for kind, data in then]
            ticket_id, _ = ticket_writes.record_intake(conn, intake, ctx, then)
        enterprise = ticket_writes.enterprise_id_for(intake.credit_code) \
            if intake.credit_code else None
        return ticket_id, Changes(tickets=frozenset({ticket_id}), outbox=True,
                                  enterprises=frozenset({enterprise} if enterprise else ()))

    def record_event(self, ticket_id: str, kind: EventType, data: Mapping[str, Any]) -> Changes:
        """Append one event to a request's timeline (checked by the state machine)."""
        return self.record_events(ticket_id, [(kind, data)])

    def record_events(self, ticket_id: str,
                      events: Sequence[tuple[EventType, Mapping[str, Any]]]) -> Changes:
        """Several events in one transaction (a call that answered the request, say)."""
        ctx = self._ctx()
        with self.store.write() as conn:
            for kind, data in events:
                data = self._with_unit_name(conn, kind, data)
                ticket_writes.append_event(conn, ticket_id, kind, data, ctx)
        return Changes(tickets=frozenset({ticket_id}), outbox=True)

    @staticmethod
    def _with_unit_name(conn: Any, kind: EventType, data: Mapping[str, Any]) -> Mapping[str, Any]:
        if kind in (EventType.DISPATCHED, EventType.TRANSFERRED, EventType.CALL_LOGGED) \
                and data.get("unit_id"):
            name = catalogue_store.unit_name(conn, data["unit_id"])
            if name is None and catalogue_store.has_units(conn):
                raise ValidationError("unit_id", f"unknown handling unit {data['unit_id']!r}",
                                      message_zh="承办单位不存在，请从单位目录中选择")
            if name and not data.get("unit_name"):
                return {**data, "unit_name": name}
        return data

    # the workflow's steps, named as a clerk would name them

    def answer_immediately(self, ticket_id: str, answer: str, *, source: str = "kb",
                           source_ref: str | None = None, source_title: str | None = None
                           ) -> Changes:
        return self.record_event(ticket_id, EventType.ANSWERED, {
            "answer": answer, "source": source, "source_ref": source_ref,
            "source_title": source_title})

    def log_call(self, ticket_id: str, call: Mapping[str, Any],
                 answer: str | None = None) -> Changes:
        """A three-way call; with ``answer`` it also closes the request as answered."""
        events: list[tuple[EventType, Mapping[str, Any]]] = [(EventType.CALL_LOGGED, call)]
        if answer is not None and not answer.strip():
            raise ValidationError("answer", "required when the call answered the request",
                                  message_zh="通话已答复时，请填写答复内容")
        if answer:
            events.append((EventType.ANSWERED, {
                "answer": answer, "source": "call", "source_ref": call.get("unit_id"),
                "source_title": call.get("unit_name")}))
        return self.record_events(ticket_id, events)

    def dispatch(self, ticket_id: str, unit_id: str, note: str | None = None) -> Changes:
        return self.record_event(ticket_id, EventType.DISPATCHED,
                                 {"unit_id": unit_id, "note": note})

    def record_contact(self, ticket_id: str, office: str, person: str | None = None,
                       phone: str | None = None, note: str | None = None) -> Changes:
        return self.record_event(ticket_id, EventType.CONTACTED,
                                 {"office": office, "person": person, "phone": phone,
                                  "note": note})

    def record_interim_reply(self, ticket_id: str, text: str) -> Changes:
        return self.record_event(ticket_id, EventType.INTERIM_REPLY, {"text": text})

    def set_next_feedback(self, ticket_id: str, next_date: dt.date | str, text: str) -> Changes:
        return self.record_event(ticket_id, EventType.NEXT_FEEDBACK_SET,
                                 {"next_date": str(next_date), "text": text})

    def resolve(self, ticket_id: str, text: str) -> Changes:
        return self.record_event(ticket_id, EventType.RESOLVED, {"text": text})

    def evaluate(self, ticket_id: str, satisfaction: str, solved: str | None = None,
                 note: str | None = None, via: str | None = None) -> Changes:
        return self.record_event(ticket_id, EventType.EVALUATED, {
            "satisfaction": satisfaction, "solved": solved, "note": note, "via": via})

    def reopen(self, ticket_id: str, reason: str) -> Changes:
        return self.record_event(ticket_id, EventType.REOPENED, {"reason": reason})

    def supervise(self, ticket_id: str, reply_due: dt.date | str, note: str,
                  level: str | None = None) -> Changes:
        return self.record_event(ticket_id, EventType.SUPERVISED, {
            "reply_due": str(reply_due), "note": note, "level": level})

    def transfer(self, ticket_id: str, unit_id: str, reason: str) -> Changes:
        return self.record_event(ticket_id, EventType.TRANSFERRED,
                                 {"unit_id": unit_id, "note": reason})

    def add_note(self, ticket_id: str, text: str) -> Changes:
        return self.record_event(ticket_id, EventType.NOTE, {"text": text})

    def edit_request(self, ticket_id: str, fields: Mapping[str, Any]) -> Changes:
        ctx = self._ctx()
        with self.store.write() as conn:
            ticket_writes.edit_header(conn, ticket_id, fields, ctx)
        return Changes(tickets=frozenset({ticket_id}), outbox=True)

    # -- reads -----------------------------------------------------------------------

    @property
    def user(self) -> str:
        return self.actor.user if self.actor else ""

    def request_ids(self, f: RequestFilter = RequestFilter()) -> list[int]:
        with self.store.read() as conn:
            return ticket_queries.ids(conn, f, self.clock(), self.user)

    def request_rows(self, pks: list[int]) -> dict[int, RequestRow]:
        with self.store.read() as conn:
            return ticket_queries.rows(conn, pks)

    def request_page(self, f: RequestFilter = RequestFilter(), offset: int = 0,
                     limit: int = 50) -> list[RequestRow]:
        with self.store.read() as conn:
            return ticket_queries.page(conn, f, self.clock(), self.user, offset, limit)

    def count_requests(self, f: RequestFilter = RequestFilter()) -> int:
        with self.store.read() as conn:
            return ticket_queries.count(conn, f, self.clock(), self.user)

    def request(self, ticket_id: str) -> RequestDetail:
        role = self.actor.role if self.actor else Role.CLERK
        with self.store.read() as conn:
            found = ticket_queries.detail(conn, ticket_id, self._schedule, role)
        if found is None:
            raise NotFound("request", ticket_id)
        return found

    def pk_of(self, ticket_id: str) -> int | None:
        with self.store.read() as conn:
            return conn.execute(select(Ticket.pk).where(Ticket.id == ticket_id)).scalar()

    def outbox_counts(self) -> dict[str, int]:
        with self.store.read() as conn:
            return outbox.counts(conn)

    def outbox_entries(self, states: Sequence[str] = (outbox.PENDING, outbox.PARKED,
                                                      outbox.REJECTED)) -> list[outbox.OutboxEntry]:
        with self.store.read() as conn:
            return outbox.entries(conn, states, limit=10_000)

    def clocks_due_by(self, moment: dt.datetime) -> list[tuple[str, str, str, str]]:
        """Requests with a running clock due by ``moment`` (for reminders)."""
        with self.store.read() as conn:
            return ticket_queries.running_clocks_due_by(conn, moment)

    def open_overdue_count(self) -> int:
        with self.store.read() as conn:
            from sync.codec import db_time
            return int(conn.execute(select(func.count()).select_from(Ticket)
                                    .where(Ticket.next_due < db_time(self.clock()))).scalar() or 0)

    # -- catalogue -------------------------------------------------------------------

    def install_catalogue(self, files: Mapping[str, Any]) -> Changes:
        """Replace the reference data with a published catalogue (validated first)."""
        catalogue = catalogue_store.parse(files)
        from sync import policy_store
        with self.store.write() as conn:
            catalogue_store.install(conn, catalogue)
            policy_store.install(conn, catalogue)      # policies in tables (0003)
        self.__dict__["_policies_ready"] = True
        return Changes(catalogue=True)

    def catalogue_etag(self) -> str | None:
        with self.store.read() as conn:
            return catalogue_store.etag(conn)

    def units(self, text: str = "", town: str | None = None) -> list[catalogue_store.UnitRow]:
        with self.store.read() as conn:
            return catalogue_store.units(conn, text, town)

    def unit(self, unit_id: str) -> catalogue_store.UnitRow | None:
        with self.store.read() as conn:
            return catalogue_store.unit(conn, unit_id)

    def topics(self) -> list[catalogue_store.TopicRow]:
        with self.store.read() as conn:
            return catalogue_store.topics(conn)

    def towns(self) -> list[catalogue_store.TownRow]:
        with self.store.read() as conn:
            return catalogue_store.towns(conn)

    def search_kb(self, text: str, topic: str | None = None,
                  limit: int = 20) -> list[catalogue_store.KbHit]:
        with self.store.read() as conn:
            return catalogue_store.search_kb(conn, text, topic, limit)

    def kb_article(self, article_id: str) -> catalogue_store.KbHit | None:
        with self.store.read() as conn:
            return catalogue_store.kb_article(conn, article_id)

    # == sync ===========================================================================
    # The facade the sync engine (sync/engine.py), the session (sync/session.py), the CLI
    # and the status bar use. Page and push application live in sync/apply.py and
    # sync/acks.py; each method here is one write transaction (or one read).

    @staticmethod
    def _dbapi(conn: Any) -> Any:
        return conn.connection.driver_connection

    def _forget_meta(self, conn: Any, key: str) -> None:
        from sqlalchemy import delete

        from sync.schema import Meta
        conn.execute(delete(Meta).where(Meta.key == key))

    @property
    def server_url(self) -> str | None:
        with self.store.read() as conn:
            server = meta.get(conn, meta.SERVER)
        return server.get("url") if server else None

    def record_session(self, server_url: str, station: Station, actor: Actor,
                       scope: Mapping[str, Any]) -> Changes:
        """A sign-in: the server, station and user go into the desk file's meta, so the
        station opens offline next time. A changed scope (another station, user or
        jurisdiction) re-snapshots at the next sync."""
        with self.store.write() as conn:
            previous = meta.get(conn, SYNC_SCOPE)
            old_url = (meta.get(conn, meta.SERVER) or {}).get("url")
            meta.put(conn, meta.SERVER, {"url": server_url.rstrip("/")})
            meta.put(conn, meta.STATION, station.to_json())
            meta.put(conn, meta.USER, actor.to_json())
            meta.put(conn, SYNC_SCOPE, dict(scope))
            if (previous is not None and previous != dict(scope)) or \
                    (old_url and old_url != server_url.rstrip("/")):
                self._begin_resnapshot(conn, "scope_changed")
        self.station, self.actor = station, actor
        return Changes(sync_state=True)

    def sync_meta(self, key: str, default: Any = None) -> Any:
        with self.store.read() as conn:
            return meta.get(conn, key, default)

    def set_sync_meta(self, key: str, value: Any) -> None:
        """A small sync setting (``sync.*`` keys: the reference data's ETags ...)."""
        with self.store.write() as conn:
            meta.put(conn, key, value)

    def sync_cursor(self) -> str:
        return str(self.sync_meta(meta.CURSOR, "0"))

    def outbox_batch(self, limit: int = 500, after_seq: int = 0) -> list[outbox.OutboxEntry]:
        """The next pending ops to push, in seq order."""
        with self.store.read() as conn:
            return outbox.entries(conn, (outbox.PENDING,), limit=limit, after_seq=after_seq)

    def apply_push_results(self, sent: Sequence[outbox.OutboxEntry],
                           results: Sequence[Mapping[str, Any]]) -> tuple[Changes, Any]:
        from sync import acks
        with self.store.write() as conn:
            done = acks.apply_results(self._dbapi(conn), conn, sent, results,
                                      self._schedule, self.clock())
        return Changes(tickets=frozenset(done.tickets), enterprises=frozenset(done.enterprises),
                       outbox=True, cases=frozenset(done.cases),
                       profiles=frozenset(done.enterprises)), done

    def apply_pull_page(self, page: Mapping[str, Any], *,
                        snapshot: bool = False) -> tuple[Changes, Any]:
        """One pull page and its cursor, in one transaction (all or nothing)."""
        from sync import apply
        with self.store.write() as conn:
            done = apply.apply_page(self._dbapi(conn), page, self._schedule, snapshot=snapshot)
        many = len(done.tickets) > 200
        return Changes(tickets=frozenset() if many else frozenset(done.tickets),
                       all_tickets=many, enterprises=frozenset(done.enterprises),
                       outbox=bool(done.kept), sync_state=True, cases=frozenset(done.cases),
                       policies=frozenset(done.items),
                       profiles=frozenset(done.profiles | done.enterprises)), done

    def _begin_resnapshot(self, conn: Any, reason: str) -> None:
        from sync import apply
        from sync.codec import db_time
        apply.begin_snapshot(self._dbapi(conn))
        meta.put(conn, meta.CURSOR, "0")
        meta.put(conn, SYNC_RESNAPSHOT, {"reason": reason, "started_at": db_time(self.clock())})

    def begin_resnapshot(self, reason: str) -> None:
        """Pull everything again from the start (the outbox is kept)."""
        with self.store.write() as conn:
            self._begin_resnapshot(conn, reason)

    def resnapshot_pending(self) -> dict[str, Any] | None:
        return self.sync_meta(SYNC_RESNAPSHOT)

    def finish_resnapshot(self) -> tuple[Changes, Any]:
        """The re-snapshot's feed is drained: drop the rows the server no longer has."""
        from sync import apply
        from sync.codec import db_time
        with self.store.write() as conn:
            done = apply.finish_snapshot(self._dbapi(conn))
            self._forget_meta(conn, SYNC_RESNAPSHOT)
            meta.put(conn, SYNC_LAST_RESNAPSHOT, db_time(self.clock()))
        return Changes(all_tickets=True, outbox=bool(done.kept), sync_state=True,
                       cases=frozenset(done.cases)), done

    def checksums(self) -> dict[str, dict[str, int]]:
        from sync import checksums
        with self.store.read() as conn:
            return checksums.checksums(self._dbapi(conn))

    def park_outbox(self, reason: Mapping[str, Any]) -> Changes:
        """426: keep every pending op, parked, until this desk is updated."""
        with self.store.write() as conn:
            outbox.park_all(conn, reason.get("message_zh") or reason.get("message", ""))
            meta.put(conn, SYNC_UPGRADE, dict(reason))
        return Changes(outbox=True, sync_state=True)

    def unpark_outbox(self) -> Changes:
        with self.store.write() as conn:
            outbox.unpark_all(conn)
            self._forget_meta(conn, SYNC_UPGRADE)
        return Changes(outbox=True, sync_state=True)

    def note_push_failure(self, seqs: Sequence[int], error: str) -> None:
        with self.store.write() as conn:
            outbox.note_attempt(conn, seqs, error)

    def reject_ops(self, seqs: Sequence[int], reason: Mapping[str, Any]) -> Changes:
        """Move ops to needs-attention without a server result (e.g. a sequence the
        server says it holds but cannot answer for)."""
        entries = [e for e in self.outbox_entries((outbox.PENDING, outbox.PARKED))
                   if e.seq in set(seqs)]
        results = [{"seq": e.seq, "op_id": e.op_id, "status": "rejected",
                    "reason": dict(reason)} for e in entries]
        return self.apply_push_results(entries, results)[0]

    def mark_synced(self, at: dt.datetime, clock_skew: float | None) -> Changes:
        from sync.codec import db_time
        with self.store.write() as conn:
            meta.put(conn, meta.LAST_SYNCED_AT, db_time(at))
            meta.put(conn, meta.CLOCK_SKEW, clock_skew)
        return Changes(sync_state=True)

    def outbox_items(self, states: Sequence[str] = (outbox.PENDING, outbox.PARKED,
                                                     outbox.REJECTED)) -> list[Any]:
        """The outbox as the clerk reads it (``sync.acks.OutboxItem``), in seq order."""
        from sync import acks
        with self.store.read() as conn:
            return acks.items(self._dbapi(conn), states)

    def needs_attention(self) -> list[Any]:
        return self.outbox_items((outbox.REJECTED,))

    def attention(self) -> list[dict[str, Any]]:
        """Requests marked for the clerk (``ticket_attention``): creation or an edit
        rejected, deleted on the server while this desk still had ops for them, ...;
        each ``{id, number, code, message_zh, note}``, newest first."""
        with self.store.read() as conn:
            rows = self._dbapi(conn).execute(
                "SELECT t.id, coalesce(t.number, t.local_number), a.code, a.note FROM "
                "ticket_attention a JOIN tickets t ON t.pk = a.ticket_pk ORDER BY a.at DESC")
            from sync.codec import loads
            return [{"id": tid, "number": number, "code": code,
                     "message_zh": loads(note).get("message_zh", ""), "note": loads(note)}
                    for tid, number, code, note in rows.fetchall()]

    def dismiss_rejected(self, seq: int) -> Changes:
        """A supervisor, having read it, drops a rejected op from needs-attention."""
        with self.store.write() as conn:
            outbox.dismiss(conn, seq)
        return Changes(outbox=True)

    def conflicts(self, ticket_id: str | None = None) -> list[dict[str, Any]]:
        """Same-field edit conflicts the server reported for this desk's edits."""
        from sync.codec import loads
        from sync.schema import SyncConflict
        stmt = select(SyncConflict).order_by(SyncConflict.pk)
        if ticket_id:
            stmt = stmt.where(SyncConflict.entity_id == ticket_id)
        with self.store.read() as conn:
            return [{"seq": c.seq, "entity_id": c.entity_id, "field": c.field,
                     "base_version": c.base_version, "server_version": c.server_version,
                     "kept": loads(c.kept), "overwritten": loads(c.overwritten),
                     "seen_at": c.seen_at} for c in conn.execute(stmt)]


# == sync: the meta keys of the sync client (the "sync" section of Desk above) ==========
SYNC_SCOPE = "sync.scope"                  # who signed in where: a change re-snapshots
SYNC_RESNAPSHOT = "sync.resnapshot"        # a re-snapshot in progress: {reason, started_at}
SYNC_LAST_RESNAPSHOT = "sync.last_resnapshot_at"
SYNC_UPGRADE = "sync.upgrade_required"     # the 426 answer that parked the outbox


__all__ = ["Desk", "Changes", "RequestFilter", "RequestRow", "RequestDetail", "NotFound",
           "Station", "Actor", "system_clock"]
