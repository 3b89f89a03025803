"""The hot statements of push and pull, built once (SQLAlchemy memoises a statement's
cache key on the object, so a prebuilt statement skips construction and key generation
on every request: a third of a small push's CPU time). Values come in as bind
parameters; lists as expanding ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (BigInteger, Boolean, Executable, String, any_, bindparam, func, literal,
                        null, select, update)
from sqlalchemy.dialects import postgresql, sqlite

from server.models import (CHANGE_SEQ, ENTITY_TICKET, change_feed, counters, devices,
                           enterprises, feed_totals, op_results, server_settings,
                           ticket_events, tickets, users)

HORIZON_KEY = "tombstone_horizon"


def _ids(name: str = "ids") -> Any:
    return bindparam(name, expanding=True)


# -- push -------------------------------------------------------------------------------

lock_device = (select(devices.c.last_seq, devices.c.accept_gap)
               .where(devices.c.device_id == bindparam("device")).with_for_update())
stored_results = select(op_results.c.seq, op_results.c.op_hash, op_results.c.result).where(
    op_results.c.device_id == bindparam("device"), op_results.c.seq.in_(_ids("seqs")))
lock_tickets = (select(tickets).where(tickets.c.id.in_(_ids())).order_by(tickets.c.id)
                .with_for_update())
ticket_docs = select(change_feed.c.id, change_feed.c.doc).where(
    change_feed.c.entity == ENTITY_TICKET, change_feed.c.id.in_(_ids()))
lock_enterprises = (select(enterprises).where(enterprises.c.id.in_(_ids()))
                    .order_by(enterprises.c.id).with_for_update())
actors = select(users.c.username, users.c.role, users.c.disabled).where(
    users.c.username.in_(_ids()))
# both in one round trip: ("actor", username, role, disabled) and ("event", id, NULL, NULL)
actors_and_used_events = select(
    literal("actor").label("kind"), users.c.username.label("key"), users.c.role,
    users.c.disabled).where(users.c.username.in_(_ids("names"))).union_all(
    select(literal("event"), ticket_events.c.id, null().cast(String), null().cast(Boolean))
    .where(ticket_events.c.id.in_(_ids("events"))))
insert_enterprises = enterprises.insert()
ENTERPRISE_KEYS = ("credit_code", "name", "town", "region_code", "entity_type", "profile")
update_enterprises = update(enterprises).where(enterprises.c.id == bindparam("_id")).values(
    **{k: bindparam(f"_{k}") for k in ENTERPRISE_KEYS},
    version=bindparam("_version"), updated_at=bindparam("_now"))
take_change_seqs = (update(counters).where(counters.c.name == CHANGE_SEQ)
                    .values(value=counters.c.value + bindparam("n"))
                    .returning(counters.c.value))


def _per_dialect(build: Any) -> dict[str, Executable]:
    return {"postgresql": build(postgresql), "sqlite": build(sqlite)}


def _feed_upsert(dialect: Any) -> Executable:
    stmt = dialect.insert(change_feed)
    return stmt.on_conflict_do_update(
        index_elements=[change_feed.c.entity, change_feed.c.id],
        set_={name: stmt.excluded[name] for name in
              ("seq", "version", "deleted", "scope_town", "station_id", "doc", "changed_at")})


def _totals_upsert(dialect: Any) -> Executable:
    stmt = dialect.insert(feed_totals)
    return stmt.on_conflict_do_update(
        index_elements=[feed_totals.c.entity, feed_totals.c.scope_town, feed_totals.c.station_id],
        set_={"count": feed_totals.c.count + stmt.excluded["count"],
              "sum": feed_totals.c.sum + stmt.excluded["sum"]})


def _counter_upsert(dialect: Any) -> Executable:
    stmt = dialect.insert(counters).values(name=bindparam("name"), value=bindparam("n"))
    return stmt.on_conflict_do_update(
        index_elements=[counters.c.name],
        set_={"value": counters.c.value + stmt.excluded["value"]}).returning(counters.c.value)


feed_upsert = _per_dialect(_feed_upsert)
totals_upsert = _per_dialect(_totals_upsert)
counter_upsert = _per_dialect(_counter_upsert)

# -- pull -------------------------------------------------------------------------------

_c = change_feed.c
_PAGE = (_c.seq, _c.entity, _c.id, _c.deleted, _c.version, _c.doc)
feed_meta = select(
    select(counters.c.value).where(counters.c.name == CHANGE_SEQ).scalar_subquery(),
    select(server_settings.c.value).where(server_settings.c.key == HORIZON_KEY)
    .scalar_subquery())
page_all = (select(*_PAGE).where(_c.seq > bindparam("since")).order_by(_c.seq)
            .limit(bindparam("limit")))
_in_scope = (_c.scope_town.in_(_ids("towns"))) | (_c.station_id == bindparam("station"))
page_near = (select(*_PAGE).where(_c.seq > bindparam("since"), _c.seq <= bindparam("top"),
                                  _in_scope).order_by(_c.seq).limit(bindparam("limit")))
keys_of_town = (select(_c.seq).where(_c.scope_town == bindparam("town"),
                                     _c.seq > bindparam("since"))
                .order_by(_c.seq).limit(bindparam("limit")))
keys_of_station = (select(_c.seq).where(_c.station_id == bindparam("station"),
                                        _c.seq > bindparam("since"))
                   .order_by(_c.seq).limit(bindparam("limit")))
page_of_keys = {   # PostgreSQL: one array parameter (planning 5,000 IN-list items is slow)
    "postgresql": select(*_PAGE).where(
        _c.seq == any_(bindparam("seqs", type_=postgresql.ARRAY(BigInteger))))
    .order_by(_c.seq),
    "sqlite": select(*_PAGE).where(_c.seq.in_(_ids("seqs"))).order_by(_c.seq)}
_t = feed_totals.c
# summed by the database: a city desk's scope spans every (town, station) row
_TOTALS = (_t.entity, func.sum(_t.count), func.sum(_t.sum))
totals_all = select(*_TOTALS).group_by(_t.entity)
totals_in_scope = select(*_TOTALS).where(
    _t.scope_town.in_(_ids("towns")) | (_t.station_id == bindparam("station"))
).group_by(_t.entity)
