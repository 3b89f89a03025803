"""The central database's tables (SQLAlchemy Core). The schema is changed only by the
Alembic migrations in ``server/migrations`` (forward-only, SQLite and PostgreSQL).

Times are ISO 8601 text in UTC with microseconds (``2026-11-24T01:00:00.000000+00:00``)
so they sort as text on both databases. JSON columns are text written by orjson.

The change feed (``change_feed``) has one row per entity, holding the entity's current
document pre-serialised, so a pull concatenates stored bytes. A write moves the row to
a new ``seq`` taken from ``counters['change_seq']`` as the last step of its transaction.
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Index, Integer, MetaData, String,
                        Table, Text, UniqueConstraint)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

CHANGE_SEQ = "change_seq"          # the counters row of the global change sequence
ENTITY_TICKET = "ticket"
ENTITY_ENTERPRISE = "enterprise"
ALL_TOWNS = "*"                    # scope_town of rows every station sees (enterprises)
# the policy-redemption window (0002): change-feed entities
ENTITY_CASE = "case"
ENTITY_MATERIAL = "material"       # an enterprise's checklist line (scope: every station)
ENTITY_TARGETING = "targeting"
ENTITY_CONSULTATION = "consultation"

# Small server-wide values: the token key, the tombstone horizon.
server_settings = Table(
    "server_settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Named counters: the change sequence, and each hall's ticket numbers per year
# ("number:2026:SQ"). Taken with UPDATE ... RETURNING; the row lock orders commits.
counters = Table(
    "counters", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# No longer written: hall numbers are now taken inside the push's own transaction (a
# retried push rolls them back and takes them again). Kept so that databases migrated
# before the change need no new migration; a later migration may drop it.
ticket_numbers = Table(
    "ticket_numbers", metadata,
    Column("ticket_id", String(36), primary_key=True),
    Column("number", String(32), nullable=False, unique=True),
    Column("reserved_at", String(32), nullable=False),
)

stations = Table(
    "stations", metadata,
    Column("id", String(16), primary_key=True),
    Column("town", String(40), nullable=False),
    Column("name", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)

users = Table(
    "users", metadata,
    Column("username", String(64), primary_key=True),
    Column("display", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("town", String(40), nullable=False),        # jurisdiction: a town code or "city"
    Column("password_hash", Text, nullable=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", String(32)),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# Refresh tokens: only their sha256 is kept. Each login starts a family; a refresh
# uses one token and issues the next; a used token presented again revokes the family.
refresh_tokens = Table(
    "refresh_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("family", String(36), nullable=False),
    Column("username", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("station_id", String(16), nullable=False),
    Column("issued_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("revoked", Boolean, nullable=False, default=False),
    Index("ix_refresh_tokens_family", "family"),
)

# One row per desk file (replica): the last op seq applied, in the push's transaction.
devices = Table(
    "devices", metadata,
    Column("device_id", String(64), primary_key=True),
    Column("station_id", String(16), nullable=False),
    Column("username", String(64), nullable=False),
    Column("last_seq", BigInteger, nullable=False, default=0),
    # set by ``halldesk-central accept-gap`` after a restore lost acknowledged ops: the
    # next push may start above last_seq + 1 (the gap is audited), then it clears
    Column("accept_gap", Boolean, nullable=False, default=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)

# Every op's result, so a replay gets the same answer; op_hash detects a different op
# sent again under a used seq.
op_results = Table(
    "op_results", metadata,
    Column("device_id", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("op_id", String(36), nullable=False),
    Column("op_hash", String(64), nullable=False),
    Column("result", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

tickets = Table(
    "tickets", metadata,
    Column("id", String(36), primary_key=True),
    Column("number", String(32), unique=True),
    Column("town", String(40), nullable=False),
    Column("station_id", String(16), nullable=False),    # the station that created it
    Column("created_by", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("enterprise_id", String(36)),
    Column("channel", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("topic", String(50), nullable=False),
    Column("status", String(16), nullable=False),        # the fold of its events
    Column("unit_id", String(64)),
    Column("version", Integer, nullable=False),
    Column("field_meta", Text, nullable=False),           # {field: [version, device]}
    Column("deleted", Boolean, nullable=False, default=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_tickets_created_at", "created_at"),
    Index("ix_tickets_town", "town"),
    Index("ix_tickets_topic", "topic"),
)

def _events(name: str, parent: str) -> Table:
    """The event log of requests or of redemption cases: the same columns, keyed by
    their parent's id and the server's arrival order."""
    return Table(
        name, metadata,
        Column("id", String(36), primary_key=True),
        Column(parent, String(36), nullable=False),
        Column("ord", Integer, nullable=False),           # server arrival order, from 1
        Column("type", String(24), nullable=False),
        Column("at", String(32), nullable=False),
        Column("actor", String(64), nullable=False),
        Column("role", String(16), nullable=False),
        Column("station", String(16), nullable=False),
        Column("data", Text, nullable=False),
        Column("device_id", String(64), nullable=False),
        Column("received_at", String(32), nullable=False),
        UniqueConstraint(parent, "ord"),
    )


ticket_events = _events("ticket_events", "ticket_id")

enterprises = Table(
    "enterprises", metadata,
    Column("id", String(36), primary_key=True),
    Column("credit_code", String(18), unique=True),
    Column("name", String(100)),
    Column("town", String(40)),
    Column("region_code", String(6)),
    Column("entity_type", String(2)),
    Column("profile", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("updated_at", String(32), nullable=False),
    # {profile field: [version, device]}: when each profile field last changed (0002)
    Column("profile_meta", Text, nullable=False, server_default="{}"),
)

change_feed = Table(
    "change_feed", metadata,
    Column("entity", String(16), primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("scope_town", String(40), nullable=False),     # a town code, or "*" for all
    Column("station_id", String(16)),                     # the creating station
    Column("id_hash", Integer, nullable=False),           # sync.protocol.id_hash(id)
    Column("doc", Text),                                   # NULL for a tombstone
    Column("changed_at", String(32), nullable=False),
    Index("ix_change_feed_scope_town_seq", "scope_town", "seq"),
    Index("ix_change_feed_station_id_seq", "station_id", "seq"),
)

# Running totals of the change feed per (entity, town, creating station): the count and
# sum of version * id_hash over live rows with version >= 1, kept in the same
# transaction as the feed, so a pull's checksum reads a few rows instead of the feed.
feed_totals = Table(
    "feed_totals", metadata,
    Column("entity", String(16), primary_key=True),
    Column("scope_town", String(40), primary_key=True),
    Column("station_id", String(16), primary_key=True),     # "" for rows of no station
    Column("count", BigInteger, nullable=False),
    Column("sum", BigInteger, nullable=False),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket_id", String(36), nullable=False),
    Column("field", String(32), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("server_version", Integer, nullable=False),
    Column("kept", Text, nullable=False),                  # JSON
    Column("overwritten", Text, nullable=False),           # JSON
    Column("overwritten_by", String(64)),                  # the device of the lost edit
    Column("op_id", String(36), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("username", String(64), nullable=False),
    Column("station_id", String(16), nullable=False),
    Column("town", String(40), nullable=False),            # the ticket's, for scope
    Column("ticket_station", String(16), nullable=False),
    Column("at", String(32), nullable=False),
    Index("ix_conflicts_ticket_id", "ticket_id"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("username", String(64)),
    Column("station_id", String(16)),
    Column("device_id", String(64)),
    Column("action", String(48), nullable=False),          # ticket.event:dispatched, login ...
    Column("entity", String(16)),
    Column("entity_id", String(64)),
    Column("outcome", String(16), nullable=False),         # applied, rejected, ok, failed
    Column("detail", Text, nullable=False),                # JSON
    Index("ix_audit_log_entity_id", "entity_id"),
    Index("ix_audit_log_at", "at"),
)

# Published reference data: "catalogue" (the files as one JSON object) and "hours".
reference = Table(
    "reference", metadata,
    Column("name", String(32), primary_key=True),
    Column("etag", String(80), nullable=False),
    Column("body", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
)

calendars = Table(
    "calendars", metadata,
    Column("year", Integer, primary_key=True),
    Column("body", Text, nullable=False),                  # PublishedCalendar.to_json()
    Column("published_at", String(32), nullable=False),
)


# -- the policy-redemption window (0002) ---------------------------------------------------
# A case's town is its enterprise's town when the case was opened (else the opening
# station's); it never changes, so a case never leaves a scope it was in.

cases = Table(
    "cases", metadata,
    Column("id", String(36), primary_key=True),          # core.cases.case_id_for(...)
    Column("enterprise_id", String(36), nullable=False),
    Column("item_id", String(32), nullable=False),
    Column("batch_id", String(32), nullable=False),
    Column("town", String(40), nullable=False),
    Column("station_id", String(16), nullable=False),    # the station that opened it
    Column("created_by", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("state", String(16), nullable=False),         # the fold of its events
    Column("version", Integer, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("enterprise_id", "item_id", "batch_id"),
    Index("ix_cases_town", "town"),
)

case_events = _events("case_events", "case_id")

# An enterprise's reusable materials checklist: the freshest copy of each material.
enterprise_materials = Table(
    "enterprise_materials", metadata,
    Column("id", String(36), primary_key=True),          # core.cases.material_row_id(...)
    Column("enterprise_id", String(36), nullable=False),
    Column("material_id", String(64), nullable=False),
    Column("received_on", String(10)),                   # NULL: taken back
    Column("case_id", String(36)),
    Column("note", Text),
    Column("actor", String(64), nullable=False),         # of the mark in force
    Column("station", String(16), nullable=False),
    Column("at", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("enterprise_id", "material_id"),
)

targeting = Table(
    "targeting", metadata,
    Column("id", String(36), primary_key=True),
    Column("enterprise_id", String(36), nullable=False),
    Column("item_id", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("station", String(16), nullable=False),
    Column("at", String(32), nullable=False),
    Column("town", String(40), nullable=False),          # scope, like a case's
    Column("device_id", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("ix_targeting_enterprise_id", "enterprise_id"),
)

consultations = Table(
    "consultations", metadata,
    Column("id", String(36), primary_key=True),
    Column("enterprise_id", String(36), nullable=False),
    Column("item_id", String(32)),
    Column("question", Text, nullable=False),
    Column("answer", Text),
    Column("rating", Integer),
    Column("comment", Text),
    Column("actor", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("station", String(16), nullable=False),
    Column("at", String(32), nullable=False),
    Column("town", String(40), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("ix_consultations_enterprise_id", "enterprise_id"),
)

# Same-field profile edits resolved by arrival order (like ``conflicts`` for requests).
profile_conflicts = Table(
    "profile_conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("enterprise_id", String(36), nullable=False),
    Column("field", String(32), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("server_version", Integer, nullable=False),
    Column("kept", Text, nullable=False),                  # JSON
    Column("overwritten", Text, nullable=False),           # JSON
    Column("overwritten_by", String(64)),
    Column("op_id", String(36), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("username", String(64), nullable=False),
    Column("station_id", String(16), nullable=False),
    Column("town", String(40), nullable=False),            # the enterprise's, or "*"
    Column("at", String(32), nullable=False),
    Index("ix_profile_conflicts_enterprise_id", "enterprise_id"),
)
