"""Administration: accounts, stations, demo data, deleting a request (a tombstone) and
purging old tombstones. Used by ``halldesk-central`` and by the admin endpoints; every
change is audited in its own transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import orjson
from sqlalchemy import Connection, delete, func, select, update

from core.catalogue import Catalogue
from core.tickets import Role
from server import audit, feed, reference
from server.auth import CITY, hash_password
from server.config import utcnow
from server.models import (ENTITY_TICKET, change_feed, devices, server_settings, stations,
                           tickets, users)
from server.pull import HORIZON_KEY
from sync.codec import db_time
from sync.demo_plans import DEMO_ACCOUNTS

USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
STATION_RE = re.compile(r"[A-Z]{2}\d{2}")
DEMO_PASSWORD = "demo-2026"   # demo accounts only: never on a real server
DEMO_USERS = tuple((actor.user, actor.role, town, actor.display)   # invented people
                   for actor, town in DEMO_ACCOUNTS)


class AdminError(ValueError):
    """A command that cannot be done; the message says why and what to do."""


def _known_towns(conn: Connection) -> frozenset[str] | None:
    return reference.known_towns(conn, fresh=True)


def add_user(conn: Connection, username: str, role: str, town: str, password: str, *,
             display: str | None = None, profile: str = "default",
             who: str = audit.CLI_USER) -> None:
    if not USERNAME_RE.fullmatch(username):
        raise AdminError(f"username {username!r}: expected 2-64 of a-z 0-9 . _ - "
                         "(starting with a letter or digit)")
    try:
        Role(role)
    except ValueError:
        raise AdminError(f"role {role!r}: expected one of "
                         + ", ".join(r.value for r in Role)) from None
    towns = _known_towns(conn)
    if town != CITY and towns is not None and town not in towns:
        raise AdminError(f"town {town!r}: not in the catalogue (try one of "
                         + ", ".join(sorted(towns)[:6]) + ", ...)")
    if len(password) < 8:
        raise AdminError("password: at least 8 characters")
    if display is not None and not (display.strip() and len(display.strip()) <= 64):
        raise AdminError(f"display {display!r}: expected the person's name, 1-64 characters")
    if conn.execute(select(users.c.username).where(users.c.username == username)).first():
        raise AdminError(f"user {username!r} already exists (use set-password to change it)")
    now = db_time(utcnow())
    conn.execute(users.insert().values(
        username=username, display=(display or "").strip() or username, role=role, town=town,
        password_hash=hash_password(password, profile), failed_logins=0, locked_until=None,
        disabled=False, created_at=now, updated_at=now))
    audit.record(conn, utcnow(), "add-user", "ok", username=who, entity="user",
                 entity_id=username, detail={"role": role, "town": town})


def set_password(conn: Connection, username: str, password: str, *, profile: str = "default",
                 who: str = audit.CLI_USER) -> None:
    if len(password) < 8:
        raise AdminError("password: at least 8 characters")
    done = conn.execute(update(users).where(users.c.username == username).values(
        password_hash=hash_password(password, profile), failed_logins=0, locked_until=None,
        updated_at=db_time(utcnow()))).rowcount
    if not done:
        raise AdminError(f"no user {username!r}")
    audit.record(conn, utcnow(), "set-password", "ok", username=who, entity="user",
                 entity_id=username)


def unlock_user(conn: Connection, username: str, who: str = audit.CLI_USER) -> None:
    done = conn.execute(update(users).where(users.c.username == username)
                        .values(failed_logins=0, locked_until=None)).rowcount
    if not done:
        raise AdminError(f"no user {username!r}")
    audit.record(conn, utcnow(), "unlock-user", "ok", username=who, entity="user",
                 entity_id=username)


def set_disabled(conn: Connection, username: str, disabled: bool,
                 who: str = audit.CLI_USER) -> None:
    """Disable an account (someone who left: no sign-in, no token refresh) or enable it
    again. Ops they recorded before are still accepted (``server.apply``), and the account
    stays in the directory, so timelines still name the person."""
    done = conn.execute(update(users).where(users.c.username == username)
                        .values(disabled=disabled, updated_at=db_time(utcnow()))).rowcount
    if not done:
        raise AdminError(f"no user {username!r}")
    audit.record(conn, utcnow(), "disable-user" if disabled else "enable-user", "ok",
                 username=who, entity="user", entity_id=username)


def add_station(conn: Connection, station_id: str, town: str, name: str, *,
                who: str = audit.CLI_USER, exist_ok: bool = False) -> bool:
    if not STATION_RE.fullmatch(station_id):
        raise AdminError(f"station {station_id!r}: expected two capital letters and two "
                         "digits, e.g. SQ01 (the letters prefix the hall's request numbers)")
    towns = _known_towns(conn)
    if town != CITY and towns is not None and town not in towns:
        raise AdminError(f"town {town!r}: not in the catalogue")
    if conn.execute(select(stations.c.id).where(stations.c.id == station_id)).first():
        if exist_ok:
            return False
        raise AdminError(f"station {station_id} already exists")
    conn.execute(stations.insert().values(id=station_id, town=town, name=name or station_id,
                                          created_at=db_time(utcnow())))
    audit.record(conn, utcnow(), "add-station", "ok", username=who, entity="station",
                 entity_id=station_id, detail={"town": town, "name": name})
    return True


@dataclass
class SeedReport:
    catalogue: str
    stations: int
    users: list[str]


def seed_demo(conn: Connection, *, profile: str = "default") -> SeedReport:
    """The sample catalogue, a station for every counter it lists, and the demo accounts
    (password ``demo-2026``). Idempotent: what exists is left alone."""
    blob = reference.catalogue_blob(conn)
    if blob is None:
        catalogue = reference.import_catalogue(conn)
    else:
        catalogue = Catalogue.from_json(orjson.loads(blob[1]))
    existing = set(conn.execute(select(stations.c.id)).scalars())
    now = utcnow()
    rows = [{"id": sid, "town": town.code, "name": f"{town.hall} {i}号窗口",
             "created_at": db_time(now)}
            for town in catalogue.towns for i, sid in enumerate(town.stations, start=1)
            if sid not in existing]
    if rows:
        conn.execute(stations.insert(), rows)
        audit.record_many(conn, [audit.entry(now, "add-station", "ok", username=audit.CLI_USER,
                                             entity="station", entity_id=r["id"],
                                             detail={"town": r["town"], "name": r["name"]})
                                 for r in rows])
    added = len(rows)
    made = []
    for username, role, town, display in DEMO_USERS:
        if conn.execute(select(users.c.username).where(users.c.username == username)).first():
            continue
        add_user(conn, username, role.value, town, DEMO_PASSWORD, display=display,
                 profile=profile)
        made.append(username)
    return SeedReport(catalogue.version, added, made)


def accept_gap(conn: Connection, device_id: str | None, who: str = audit.CLI_USER) -> int:
    """Let a device (or every device) continue above a gap in its op sequence once: for
    after a restore that lost ops the desks had already seen acknowledged."""
    query = update(devices).values(accept_gap=True)
    if device_id is not None:
        query = query.where(devices.c.device_id == device_id)
    count = conn.execute(query).rowcount
    if device_id is not None and not count:
        raise AdminError(f"no device {device_id}")
    audit.record(conn, utcnow(), "accept-gap", "ok", username=who, entity="device",
                 entity_id=device_id or "*", detail={"devices": count})
    return count


def delete_request(conn: Connection, ticket_id: str, *, who: str, station_id: str | None = None,
                   device_id: str | None = None, reason: str = "") -> int:
    """Turn a request into a tombstone (kept in the change feed at least 90 days).
    Returns the tombstone's version."""
    row = conn.execute(select(tickets.c.id, tickets.c.version, tickets.c.deleted, tickets.c.town,
                              tickets.c.station_id)
                       .where(tickets.c.id == ticket_id).with_for_update()).first()
    if row is None or row.deleted:
        raise AdminError(f"no request {ticket_id}")
    version = row.version + 1
    now = utcnow()
    conn.execute(update(tickets).where(tickets.c.id == ticket_id)
                 .values(deleted=True, version=version, updated_at=db_time(now)))
    audit.record(conn, now, "ticket.delete", "applied", username=who, station_id=station_id,
                 device_id=device_id, entity=ENTITY_TICKET, entity_id=ticket_id,
                 detail={"reason": reason, "version": version})
    feed.publish(conn, [feed.FeedRow(ENTITY_TICKET, ticket_id, version, True, row.town,
                                     row.station_id, None, old_version=row.version)], now)
    return version


def purge_tombstones(conn: Connection, older_than_days: float, now: dt.datetime | None = None,
                     who: str = audit.CLI_USER) -> tuple[int, int]:
    """Drop tombstones older than the given age; raise the horizon to the newest one
    dropped. Returns (tombstones purged, horizon)."""
    now = now or utcnow()
    cutoff = db_time(now - dt.timedelta(days=older_than_days))
    doomed = (change_feed.c.deleted.is_(True)) & (change_feed.c.changed_at < cutoff)
    count, top = conn.execute(select(func.count(), func.max(change_feed.c.seq))
                              .where(doomed)).one()
    old = conn.execute(select(server_settings.c.value)
                       .where(server_settings.c.key == HORIZON_KEY)).scalar()
    horizon = int(old) if old else 0
    if count:
        conn.execute(delete(change_feed).where(doomed))
        horizon = max(horizon, int(top))
        if old is None:
            conn.execute(server_settings.insert().values(key=HORIZON_KEY, value=str(horizon)))
        else:
            conn.execute(update(server_settings).where(server_settings.c.key == HORIZON_KEY)
                         .values(value=str(horizon)))
    audit.record(conn, now, "purge-tombstones", "ok", username=who,
                 detail={"older_than_days": older_than_days, "purged": int(count),
                         "horizon": horizon})
    return int(count), horizon
