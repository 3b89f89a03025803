"""The desk's offline store: SQLAlchemy models over one SQLite file.

Times are stored as ISO 8601 text in UTC (``2026-10-10T09:30:00.000000+00:00``) so they
sort as text. Tickets carry their fold's projection (status, running deadlines) so the
request list can filter and sort in SQL; the events stay the truth and the projection is
recomputed whenever the calendar or business hours change.

The schema is changed only by Alembic migrations in ``sync/migrations``.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Small settings of this desk file: device id, station, sync cursor, schedule."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Ticket(Base):
    __tablename__ = "tickets"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str | None] = mapped_column(String(32))          # assigned by the server
    local_number: Mapped[str] = mapped_column(String(32))           # station prefix + counter
    station_id: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(50))
    enterprise_id: Mapped[str | None] = mapped_column(String(36))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    enterprise_name: Mapped[str] = mapped_column(String(100))
    contact_name: Mapped[str] = mapped_column(String(50))
    contact_phone: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    filed_by: Mapped[str | None] = mapped_column(String(50))
    town: Mapped[str] = mapped_column(String(40))
    credit_override_note: Mapped[str | None] = mapped_column(String(200))
    # the fold's projection
    status: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[str | None] = mapped_column(String(64))
    unit_name: Mapped[str | None] = mapped_column(String(100))
    contact_due: Mapped[str | None] = mapped_column(String(32))
    interim_due: Mapped[str | None] = mapped_column(String(32))
    close_due: Mapped[str | None] = mapped_column(String(32))
    follow_due: Mapped[str | None] = mapped_column(String(32))
    supervision_due: Mapped[str | None] = mapped_column(String(32))
    next_due: Mapped[str | None] = mapped_column(String(32))
    clocks: Mapped[str] = mapped_column(Text, default="[]")   # running clocks: kind, start, due
    provisional: Mapped[int] = mapped_column(Integer, default=0)
    supervised: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[str] = mapped_column(String(32))
    # replication
    version: Mapped[int] = mapped_column(Integer, default=0)        # server version; 0 = not yet
    pending: Mapped[int] = mapped_column(Integer, default=0)        # local ops not yet acknowledged
    search: Mapped[str] = mapped_column(Text, default="")           # textsearch.index_terms

    __table_args__ = (
        Index("ix_tickets_next_due", "next_due", "pk"),
        # the list's default order (nearest deadline, then newest) read straight off an
        # index; status last so the open/closed views do not prefer it over a scan
        Index("ix_tickets_deadline_order", text("next_due IS NULL"), "next_due",
              text("pk DESC"), "status"),
        Index("ix_tickets_status", "status"),
        Index("ix_tickets_town", "town"),
        Index("ix_tickets_unit_id", "unit_id"),
        Index("ix_tickets_created_at", "created_at"),
        Index("ix_tickets_credit_code", "credit_code"),
        Index("ix_tickets_created_by", "created_by"),
    )


class TicketEvent(Base):
    __tablename__ = "ticket_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_pk: Mapped[int] = mapped_column(ForeignKey("tickets.pk", ondelete="CASCADE"))
    ord: Mapped[int | None] = mapped_column(Integer)        # server arrival order; NULL = pending
    local_ord: Mapped[int] = mapped_column(Integer)         # order recorded on this desk
    type: Mapped[str] = mapped_column(String(24))
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    station: Mapped[str] = mapped_column(String(16))
    data: Mapped[str] = mapped_column(Text)                 # JSON

    __table_args__ = (Index("ix_ticket_events_ticket", "ticket_pk", "ord", "local_ord"),)


class TicketAttention(Base):
    """Why the clerk must look at a request (0002): the server rejected its creation or
    an edit, or deleted it (or stopped sending it) while this desk still had ops for it.
    Rare, so kept beside ``tickets`` rather than widening every row."""

    __tablename__ = "ticket_attention"
    ticket_pk: Mapped[int] = mapped_column(ForeignKey("tickets.pk", ondelete="CASCADE"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(32))   # create_rejected, deleted_on_server ...
    note: Mapped[str] = mapped_column(Text)         # JSON {code, message_zh, reason?, seq?}
    at: Mapped[str] = mapped_column(String(32))


class Enterprise(Base):
    __tablename__ = "enterprises"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)   # rowid of enterprises_fts
    id: Mapped[str] = mapped_column(String(36), unique=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    town: Mapped[str | None] = mapped_column(String(40))
    region_code: Mapped[str | None] = mapped_column(String(6))
    entity_type: Mapped[str | None] = mapped_column(String(2))
    profile: Mapped[str] = mapped_column(Text, default="{}")   # JSON, see core.enterprise
    updated_at: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=0)
    # the profile as the server last sent it (0003); ``profile`` = this + pending edits
    profile_server: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class OutboxOp(Base):
    """A local write waiting for the server's acknowledgement.

    ``seq`` is the per-device sequence the server checks for gaps: AUTOINCREMENT never
    reuses a number, and a rolled-back write gives its number back with the rest.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_entity_id", "entity_id"),
                      {"sqlite_autoincrement": True})
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))          # ticket.create, ticket.event, ...
    entity_id: Mapped[str] = mapped_column(String(36))
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[str] = mapped_column(Text)              # JSON
    created_at: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|parked|rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    # the server's reason for a rejection (JSON {code, message, message_zh, field}) (0002)
    reason: Mapped[str | None] = mapped_column(Text)


class SyncConflict(Base):
    """A same-field edit conflict the server reported for one of this desk's ops (0002).

    The server keeps the authoritative list for supervisors; this copy lets the desk
    show the clerk that their edit overwrote (or was overwritten by) another desk's.
    """

    __tablename__ = "sync_conflicts"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)               # the op that met the conflict
    op_id: Mapped[str] = mapped_column(String(36))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(32))
    base_version: Mapped[int] = mapped_column(Integer)
    server_version: Mapped[int] = mapped_column(Integer)
    kept: Mapped[str] = mapped_column(Text)                 # JSON
    overwritten: Mapped[str] = mapped_column(Text)          # JSON
    seen_at: Mapped[str] = mapped_column(String(32))


class SyncSeen(Base):
    """Ids a re-snapshot has pulled so far (0002). When the feed is drained, synced rows
    not listed here are ones the server no longer has for this desk, and are dropped;
    kept in a table so an interrupted re-snapshot resumes where it stopped."""

    __tablename__ = "sync_seen"
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)


class Town(Base):
    __tablename__ = "cat_towns"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    short: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[str] = mapped_column(Text)


class Unit(Base):
    __tablename__ = "cat_units"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(32))
    town: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)                 # JSON: duty contacts, topics ...
    search: Mapped[str] = mapped_column(Text, default="")


class Topic(Base):
    __tablename__ = "cat_topics"
    code: Mapped[str] = mapped_column(String(50), primary_key=True)
    zh: Mapped[str] = mapped_column(String(50))
    en: Mapped[str] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text)


class KbArticle(Base):
    __tablename__ = "kb_articles"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    topic: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)


class CatalogueBlob(Base):
    """The whole published catalogue as received, for what has no table of its own."""

    __tablename__ = "catalogue"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    etag: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)


# Full-text indexes are FTS5 virtual tables created by the migrations (SQLAlchemy has no
# model for them): kb_fts(title_terms, body_terms) with rowid = kb_articles.pk, and
# enterprises_fts(terms) with rowid = enterprises.pk; both contentless. (0003)
# policy_fts(title, body) with rowid = policy_items.pk, contentless: the item's and its
# document's titles (with pinyin initials) weighted above the body (summary, issuer,
# themes, tags, amounts, batches).


# The policy catalogue, redemption cases and an enterprise's policy records (0003).
from sync.schema_policies import (CaseEvent, Case, CatMaterial, Consultation,  # noqa: E402,F401
                                  EnterpriseMaterial, PolicyBatch, PolicyBatchMaterial,
                                  PolicyDocument, PolicyItem, PolicyItemTag, Targeting)
