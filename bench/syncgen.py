"""Generated central databases for the sync benchmarks: N requests with their events, as
the central API holds them after the desks of every hall pushed them.

``central_file(n)`` returns the path of a SQLite central database holding ``n``
requests, generating it on first use and caching it under ``bench/out/`` (keyed by
size, this generator's version and a digest of the server's write path, the schema and
the generator: see ``cache_key``). Benchmarks work on a **copy** (``copy_central``), or
on a PostgreSQL schema filled from it (``to_postgres``).

How the rows are made: **through the server's own write path**. The requests are the
ones ``bench.datagen`` describes (the same mix, timelines, enterprises, descriptions),
placed at the stations of the server's sample catalogue, and turned into the ops the
desks would have pushed (``enterprise.upsert``, ``ticket.create`` with its ``created``
event, ``ticket.event``; times in UTC as a desk's clock gives them). Each station's ops
are applied by ``server.push._push`` (the push endpoint's transaction: device sequence,
op results, audit rows, the state machine, hall numbers, the change feed and its
running checksum totals), in rounds (all creates, then every request's second event,
then its third ...) so each timeline arrives in order, without HTTP. So the tickets,
events, enterprises and feed documents are byte for byte what the server writes.

``to_postgres`` copies every table of such a file into a fresh PostgreSQL schema (made
by the server's migrations): the same rows, so the same documents.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import cache, datagen
from core.intake import Intake, validate_intake
from core.tickets import validate_event_data
from sync.ticket_writes import enterprise_id_for

GEN_VERSION = 1          # bump when the generated rows change (invalidates the cache)
ROOT = Path(__file__).resolve().parent.parent
OUT = datagen.OUT
UTC = dt.timezone.utc
PASSWORD = "bench-2026"                      # every generated account's password
SUPERVISOR = "supervisor-sz-1"               # datagen's city supervisor
SUPERVISOR_STATION = "ZS06"                  # datagen says SZ09; the catalogue's city hall
BENCH_DESK = {"user": "bench.city.clerk", "station": "ZS01"}   # sees every request
_CATALOGUE = ROOT / "resources" / "catalogue"

# datagen's unit ids -> the sample catalogue's
UNIT_MAP = {
    "u-sw": "u-tax", "u-zrzyj": "u-zrj", "u-sthjj": "u-sthj", "u-xfzd": "u-fire",
    "u-dag": "u-daj", "u-hg": "u-customs", "u-rmyh": "u-pbc", "u-gdj": "u-power",
    "u-sgs": "u-water"}


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((_CATALOGUE / name).read_text("utf-8"))


@dataclass(frozen=True)
class Halls:
    """The stations and units of the server's sample catalogue."""

    stations: dict[str, list[str]]        # town code (or "city") -> station ids
    station_town: dict[str, str]
    units: dict[str, str]                  # unit id -> name

    @classmethod
    def load(cls) -> Halls:
        towns = _load("towns.json")
        stations = {t["code"]: list(t["stations"]) for t in towns}
        station_town = {s: t["code"] for t in towns for s in t["stations"]}
        units = {u["id"]: u["name"] for u in _load("units.json")}
        return cls(stations, station_town, units)

    def unit(self, datagen_id: str) -> str:
        if datagen_id.endswith("-jjfz"):
            return "u-t-" + datagen_id[2:-5]
        mapped = UNIT_MAP.get(datagen_id, datagen_id)
        if mapped not in self.units:
            raise KeyError(f"unit {datagen_id} has no counterpart in the catalogue")
        return mapped


# --------------------------------------------------------------------------- requests

@dataclass
class Request:
    """One request as the desks pushed it: its ops in timeline order (each with the
    station that pushed it) and the enterprise op it needed first, if any."""

    pk: int
    id: str
    station: str
    town: str
    ops: list[tuple[str, dict[str, Any]]]          # (station, op without seq)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _event_json(ev: Any, halls: Halls) -> dict[str, Any]:
    data = dict(ev.data)
    if "unit_id" in data and data["unit_id"]:
        data["unit_id"] = halls.unit(data["unit_id"])
        if "unit_name" in data:
            data["unit_name"] = halls.units[data["unit_id"]]
    if data.get("source") == "call" and data.get("source_ref"):
        data["source_ref"] = halls.unit(data["source_ref"])
        data["source_title"] = halls.units[data["source_ref"]]
    data = validate_event_data(ev.type, data)
    station = SUPERVISOR_STATION if ev.actor == SUPERVISOR else ev.station
    return {"id": ev.id, "type": ev.type.value, "at": _utc(ev.at), "actor": ev.actor,
            "role": ev.role.value, "station": station, "data": data}


_HEADER_FIELDS = tuple(f.name for f in dataclasses.fields(Intake)
                       if f.name not in ("region_code", "entity_type"))


def requests_for(n: int, *, seed: int = datagen.SEED, now: dt.datetime = datagen.NOW,
                 halls: Halls | None = None) -> tuple[list[Request], dict[str, dict[str, Any]]]:
    """The requests (and the enterprise upserts, by enterprise id) the desks pushed."""
    halls = halls or Halls.load()
    rng = random.Random(seed)
    enterprises = datagen._enterprises(rng, max(50, n * 3 // 10))
    plans = datagen._plans(rng, n, now)
    cum = None
    import itertools
    cum = list(itertools.accumulate(1.0 / (1 + i % 97) for i in range(len(enterprises))))
    indices = range(len(enterprises))
    units = {uid: name for uid, name, *_ in datagen._units(datagen.TOWNS)}
    topic_codes = [c for c, *_ in datagen.TOPICS]
    topic_weights = [w for *_, w in datagen.TOPICS]
    channel_names = [c for c, _ in datagen.CHANNELS]
    channel_weights = [w for _, w in datagen.CHANNELS]
    counters: Counter[str] = Counter()
    ent_ops: dict[str, dict[str, Any]] = {}
    out: list[Request] = []
    for pk, plan in enumerate(plans, start=1):
        ent = enterprises[rng.choices(indices, cum_weights=cum)[0]]
        town = ent.town
        hall = "city" if rng.random() < 0.2 else town.code
        station = rng.choice(halls.stations[hall])
        clerk = f"clerk-{station.lower()}-{rng.randint(1, 2)}"
        first = halls.stations[town.code][0]
        actors = datagen.Actors(clerk, station, f"zy-{first.lower()}", first)
        counters[station] += 1
        local_number = f"{station}-{counters[station]:05d}"
        r = random.Random(seed * 1_000_003 + pk)
        # a desk's clock has microseconds; the plan's business-hours moment has none
        plan.created_at += dt.timedelta(microseconds=r.randrange(1, 1_000_000))
        channel = datagen._weighted(r, channel_names, channel_weights)
        dispatched = plan.kind in ("done", "recent", "stuck", "following")
        type_ = (datagen._weighted(r, ("help", "complaint", "report", "suggestion"),
                                   (60, 28, 6, 6)) if dispatched else
                 datagen._weighted(r, ("consultation", "help", "suggestion", "praise"),
                                   (86, 9, 3, 2)))
        topic = datagen._weighted(r, topic_codes, topic_weights)
        repeat = r.random() < 0.8
        form = {
            "channel": channel, "type": type_, "topic": topic,
            "credit_code": ent.credit_code, "enterprise_name": ent.name,
            "contact_name": ent.contact if repeat else datagen._person(r),
            "contact_phone": ent.phone if repeat else datagen._phone(r),
            "description": datagen._description(r, topic, ent, plan.created_at.year - 1),
            "town": town.code,
            "filed_by": f"{datagen._person(r)}（{town.short}经发局）" if channel == "visit"
            else None,
            "credit_override_note": ent.override_note,
        }
        intake = validate_intake({k: v for k, v in form.items() if v is not None})
        header = {k: getattr(intake, k) for k in _HEADER_FIELDS}
        evs = datagen._timeline(r, plan, now, actors, topic, town, units, channel)
        ticket_id = datagen._uuid7(datagen._ms(plan.created_at), r)
        enterprise_id = enterprise_id_for(intake.credit_code) if intake.credit_code else None
        ops: list[tuple[str, dict[str, Any]]] = []
        if enterprise_id and enterprise_id not in ent_ops:
            ent_ops[enterprise_id] = {
                "station": station, "op": {
                    "op_id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                    "kind": "enterprise.upsert", "entity_id": enterprise_id,
                    "base_version": 0, "created_at": _utc(plan.created_at),
                    "payload": {"credit_code": intake.credit_code,
                                "name": intake.enterprise_name, "town": intake.town,
                                "region_code": intake.region_code,
                                "entity_type": intake.entity_type}}}
        created = _event_json(evs[0], halls)
        ops.append((station, {
            "op_id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
            "kind": "ticket.create", "entity_id": ticket_id, "base_version": 0,
            "created_at": created["at"],
            "payload": {"header": {**header, "local_number": local_number,
                                   "station_id": station, "created_by": clerk,
                                   "created_at": created["at"],
                                   "enterprise_id": enterprise_id},
                        "event": created}}))
        for ev in evs[1:]:
            doc = _event_json(ev, halls)
            ops.append((doc["station"], {
                "op_id": str(uuid.UUID(int=r.getrandbits(128), version=4)),
                "kind": "ticket.event", "entity_id": ticket_id, "base_version": 0,
                "created_at": doc["at"], "payload": {"event": doc}}))
        out.append(Request(pk, ticket_id, station, town.code, ops))
    return out, ent_ops


def accounts(requests: Sequence[Request], halls: Halls) -> dict[str, tuple[str, str]]:
    """username -> (role, town) of every actor the ops name, plus the bench desk's."""
    out: dict[str, tuple[str, str]] = {BENCH_DESK["user"]: ("clerk", "city"),
                                       SUPERVISOR: ("supervisor", "city")}
    for req in requests:
        for station, op in req.ops:
            ev = op["payload"]["event"]
            if ev["actor"] not in out:
                out[ev["actor"]] = ("clerk", halls.station_town[station])
    return out


# --------------------------------------------------------------------------- pushing

@dataclass
class GenStats:
    requests: int = 0
    events: int = 0
    enterprises: int = 0
    ops: int = 0
    pushes: int = 0
    seconds: float = 0.0
    push_seconds: float = 0.0
    doc_bytes: int = 0
    rejected: int = 0


def _rounds(requests: Sequence[Request], ent_ops: dict[str, dict[str, Any]]
            ) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Round 0: the enterprises; round k: every request's k-th op (timelines in order)."""
    yield [(e["station"], e["op"]) for e in ent_ops.values()]
    k = 0
    while True:
        batch = [req.ops[k] for req in requests if len(req.ops) > k]
        if not batch:
            return
        yield batch
        k += 1


def generate(url: str, n: int, *, seed: int = datagen.SEED, chunk: int = 2000,
             log: Callable[[str], None] | None = None) -> GenStats:
    """Fill the (empty) central database at ``url`` with ``n`` requests."""
    from server.auth import Principal
    from server.config import Settings
    from server.db import Database
    from server.push import _push, op_hash
    from server.scope import scope_of
    from server.testing import prepare_database
    from core.tickets import Role
    from sync.protocol import Op

    started = time.perf_counter()
    stats = GenStats(requests=n)
    halls = Halls.load()
    requests, ent_ops = requests_for(n, seed=seed, halls=halls)
    prepare_database(url, seed_demo=True, profile="fast")
    settings = Settings(database_url=url, argon2_profile="fast")
    db = Database(url, settings)
    users = accounts(requests, halls)
    try:
        with db.write() as conn:
            from server.auth import hash_password
            from server.models import users as users_t
            from sync.codec import db_time
            from server.config import utcnow
            hashed = hash_password(PASSWORD, "fast")     # one hash for all: fast set-up
            now = db_time(utcnow())
            conn.execute(users_t.insert(), [
                {"username": name, "display": name, "role": role, "town": town,
                 "password_hash": hashed, "failed_logins": 0, "locked_until": None,
                 "disabled": False, "created_at": now, "updated_at": now}
                for name, (role, town) in sorted(users.items())])
        seqs: Counter[str] = Counter()
        push_started = time.perf_counter()
        for number, batch in enumerate(_rounds(requests, ent_ops)):
            by_station: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for station, op in batch:
                by_station[station].append(op)
            for station, ops in sorted(by_station.items()):
                town = halls.station_town[station]
                first_actor = next((o["payload"]["event"]["actor"] for o in ops
                                    if "event" in o["payload"]), None)
                user = first_actor or f"clerk-{station.lower()}-1"
                role, user_town = users.get(user, ("clerk", town))
                principal = Principal(user, Role(role), user_town, station, town,
                                      f"gen-{station}")
                scope = scope_of(principal)
                for i in range(0, len(ops), chunk):
                    part = []
                    for op in ops[i:i + chunk]:
                        seqs[station] += 1
                        part.append(Op(**op, seq=seqs[station]))
                    hashes = [op_hash(op) for op in part]
                    answer = db.retrying(lambda conn: _push(conn, settings, principal, scope,
                                                            part, hashes))
                    bad = [r for r in answer["results"] if r["status"] != "applied"]
                    if bad:
                        raise RuntimeError(f"the server rejected generated ops: {bad[:3]}")
                    stats.ops += len(part)
                    stats.pushes += 1
            if log:
                log(f"round {number}: {len(batch):,} ops "
                    f"({time.perf_counter() - push_started:.0f} s)")
        stats.push_seconds = time.perf_counter() - push_started
        with db.read() as conn:
            from sqlalchemy import func, select

            from server.models import change_feed, ticket_events, tickets
            stats.events = conn.execute(select(func.count()).select_from(ticket_events)).scalar()
            stats.enterprises = len(ent_ops)
            stats.doc_bytes = int(conn.execute(
                select(func.sum(func.length(change_feed.c.doc)))
                .where(change_feed.c.entity == "ticket")).scalar() or 0)
            assert conn.execute(select(func.count()).select_from(tickets)).scalar() == n
    finally:
        db.dispose()
    stats.seconds = time.perf_counter() - started
    return stats


# --------------------------------------------------------------------------- the cache

_INPUTS = ("server/migrations/versions", "server/push.py", "server/apply.py",
           "server/ops.py", "server/feed.py", "server/numbers.py", "server/audit.py",
           "server/statements.py", "server/models.py", "server/admin.py",
           "core/intake.py", "core/tickets.py", "resources/catalogue/towns.json",
           "resources/catalogue/units.json", "bench/datagen.py")
# (this file is not among them: bump GEN_VERSION when what it pushes changes)


def cache_key(n: int) -> str:
    return cache.cache_key(f"central-{n}", GEN_VERSION, datagen.SEED, datagen.NOW.isoformat(),
                           cache.inputs_digest(_INPUTS))


def central_file(n: int, out: Path | None = None, *, log: Any = None) -> Path:
    """The cached central database of ``n`` requests (SQLite), generated when missing."""
    path, stats = cache.cached_file(Path(out or OUT), f"central-{n}", cache_key(n),
                                    lambda tmp: generate(f"sqlite:///{tmp}", n, log=log),
                                    rollback_journal=True)
    if log and stats is not None:
        log(f"generated {path.name}: {stats.requests:,} requests, {stats.events:,} events, "
            f"{stats.enterprises:,} enterprises, {stats.ops:,} ops in {stats.pushes:,} "
            f"pushes, {stats.seconds:.0f} s (pushing {stats.push_seconds:.0f} s); ticket "
            f"documents {stats.doc_bytes / max(1, stats.requests):.0f} bytes on average")
    return path


def ensure_central(n: int, out: Path | None = None, *, log: Any = None) -> Path:
    """``central_file(n)``, generated (when missing) in a child process, so that the
    caller's memory is not the generator's (it holds every op before pushing them)."""
    out = Path(out or OUT)
    path = out / f"{cache_key(n)}.sqlite3"
    if path.exists():
        return path
    import subprocess
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bench.syncgen", str(n), "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        if log and not line.startswith("round "):
            log(line.rstrip())
    if proc.wait() != 0 or not path.exists():
        raise RuntimeError("generating the central database failed:\n" + "\n".join(lines[-30:]))
    return path


def copy_central(src: Path, dst: Path) -> str:
    """A private copy of a cached central database; returns its URL."""
    dst = Path(dst)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return f"sqlite:///{dst}"


def doc_sizes(path: Path) -> dict[str, float]:
    """The ticket documents' sizes in the feed (bytes of UTF-8 JSON)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count, total, events = conn.execute(
            "SELECT count(*), sum(length(CAST(doc AS BLOB))), "
            "(SELECT count(*) FROM ticket_events) FROM change_feed "
            "WHERE entity = 'ticket'").fetchone()
    finally:
        conn.close()
    return {"count": count, "mean_bytes": total / max(1, count), "events": events}


# --------------------------------------------------------------------------- PostgreSQL

def to_postgres(src: Path, base_url: str, *, log: Any = None) -> tuple[str, Callable[[], None]]:
    """A fresh schema on ``base_url`` holding every row of the SQLite central file
    ``src``; returns its URL and a function that drops it."""
    import psycopg

    from server.migrate import upgrade
    from server.models import metadata
    from server.pytest_fixtures import with_schema
    from sqlalchemy import Boolean

    schema = f"hdbench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(plain, autocommit=True) as c:
            c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    url = with_schema(base_url, schema)
    started = time.perf_counter()
    try:
        upgrade(url)
        lite = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        with psycopg.connect(plain, options=f"-csearch_path={schema}") as pg:
            for table in metadata.sorted_tables:
                cols = [c.name for c in table.columns]
                bools = [isinstance(c.type, Boolean) for c in table.columns]
                pg.execute(f'DELETE FROM "{table.name}"')
                names = ", ".join(f'"{c}"' for c in cols)
                cur = lite.execute(f'SELECT {names} FROM "{table.name}"')
                with pg.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                    for row in cur:
                        if any(bools):
                            row = tuple(bool(v) if b and v is not None else v
                                        for v, b in zip(row, bools))
                        copy.write_row(row)
                for c in table.columns:
                    if c.autoincrement is True or (c.primary_key and c.autoincrement == "auto"
                                                   and str(c.type) == "INTEGER"
                                                   and len(table.primary_key.columns) == 1):
                        pg.execute(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', "
                                   f"'{c.name}'), coalesce((SELECT max(\"{c.name}\") FROM "
                                   f"\"{table.name}\"), 0) + 1, false)")
            pg.commit()
        lite.close()
        with psycopg.connect(plain, autocommit=True, options=f"-csearch_path={schema}") as pg:
            pg.execute("ANALYZE")
    except BaseException:
        drop()
        raise
    if log:
        log(f"copied {src.name} into PostgreSQL schema {schema} in "
            f"{time.perf_counter() - started:.0f} s")
    return url, drop


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.syncgen",
                                     description="Generate (or find cached) central databases.")
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for n in args.sizes:
        path = central_file(n, args.out, log=print)
        sizes = doc_sizes(path)
        print(f"{n:,} requests: {path} ({path.stat().st_size / 1e6:.0f} MB; ticket documents "
              f"{sizes['mean_bytes']:.0f} bytes on average, {sizes['events']:,} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
