"""The central API under load (issue 3): 50 concurrent desks pushing and pulling for 60 s
on PostgreSQL, the server with 2 worker processes.

* The server: ``halldesk-central serve --workers 2`` in its own processes, on a fresh
  PostgreSQL schema holding the generated city (``bench.syncgen``: 100,000 requests,
  295,000 events, copied row for row), production settings (argon2 only at sign-in).
* The load: one child process, one thread and one keep-alive connection per desk. 50
  desks as the halls have them: 6 at the city hall (they see every request) and 44 at
  town halls (their town and what they filed), each signed in as its own clerk. Closed
  loop, no think time: push what the clerk recorded since the last sync, then pull until
  drained. What a clerk records, per sync: an intake answered at once (2 ops; 10 % with
  a new enterprise first: 3), an intake to be dispatched (1 op), or the next step of an
  earlier dispatched one (dispatched, contacted, interim reply, resolved: 1 op each), so
  1.5 ops per push on average. Every op must come back applied; any other status, any
  non-2xx answer or transport error counts as an error.
* The figure: ops applied per second (the protocol's ops: intakes and events), the
  latency of every request (pushes and pulls, client side) over the 60 s window after
  a warm-up; also requests per second, each kind's p50/p99, the server's own time
  (``Server-Timing``), and the CPU each party used (server workers, PostgreSQL, the
  load generator, the whole machine) from ``/proc``.
* Baseline, measured in the same run: the same 50 desks pulling with nothing new (an
  authenticated GET that reads the feed's head and the checksum totals) for 15 s.

Registered only when a PostgreSQL server answers (``HALLDESK_BENCH_DATABASE_URL``, else
``HALLDESK_TEST_DATABASE_URL``, else 127.0.0.1:5432/test).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from bench import syncgen
from bench.bench_sync import ROOT, CentralServer, postgres_url
from bench.harness import Figure, Run, Timings, benchmark

DESKS = (50, 6)                 # full, quick
SECONDS = (60.0, 3.0)
WARMUP = (5.0, 1.0)
BASELINE_SECONDS = (15.0, 2.0)
WORKERS = 2
CITY_DESKS = 6
LOAD_PREFIX = "load-"            # the load's accounts: load-<station>


# ---------------------------------------------------------------------------- CPU from /proc

_TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float:
    """Seconds of CPU a process (and its reaped children) used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(x) for x in fields[11:15]) / _TICK   # utime stime cutime cstime


def _postgres_pids() -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if (d / "comm").read_text().strip() == "postgres":
                    out.append(int(d.name))
            except OSError:
                pass
    return out


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far."""
    parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = parts[3] + parts[4]
    return (sum(parts) - idle) / _TICK, sum(parts) / _TICK


class CpuMeter:
    """CPU seconds used between ``start()`` and ``stop()`` by named groups of processes."""

    def __init__(self, groups: dict[str, list[int]]):
        self.groups = groups
        self.before: dict[str, float] = {}
        self.used: dict[str, float] = {}
        self.wall = 0.0

    def _read(self) -> dict[str, float]:
        out = {name: sum(_proc_cpu(p) for p in pids) for name, pids in self.groups.items()}
        out["postgres"] = sum(_proc_cpu(p) for p in _postgres_pids())
        busy, total = _machine_cpu()
        out["machine busy"], out["machine total"] = busy, total
        return out

    def start(self) -> None:
        self.before, self.wall = self._read(), time.monotonic()

    def stop(self) -> None:
        after = self._read()
        self.wall = time.monotonic() - self.wall
        self.used = {k: after[k] - self.before.get(k, 0.0) for k in after}

    def cores(self, name: str) -> float:
        return self.used.get(name, 0.0) / self.wall if self.wall else 0.0


class PgWaits:
    """What the database's backends are doing, sampled every 0.25 s between ``start()``
    and ``stop()``: on average how many are active, waiting on a lock (and which
    statement), or idle inside a transaction (waiting for the server's next statement)."""

    def __init__(self, database_url: str):
        self.plain, self.options = _pg_parts(database_url)
        self.samples = 0
        self.counts: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.plain, autocommit=True) as conn:
            while not self._stop.wait(0.25):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event, left(query, 40) FROM "
                    "pg_stat_activity WHERE datname = current_database() AND "
                    "pid <> pg_backend_pid() AND state <> 'idle'").fetchall()
                self.samples += 1
                for state, kind, event, query in rows:
                    if state == "idle in transaction":
                        self.counts["idle in transaction"] += 1
                    elif kind == "Lock":
                        self.counts[f"lock wait ({' '.join(query.split()[:3])})"] += 1
                    elif kind == "IO" or event in ("WALWrite", "WALSync"):
                        self.counts["WAL/IO"] += 1
                    else:
                        self.counts["running"] += 1

    def describe(self) -> str:
        n = max(1, self.samples)
        return ", ".join(f"{k} {v / n:.1f}" for k, v in self.counts.most_common(5)) or "none"


# ---------------------------------------------------------------------------- the desks

def _stations(n: int) -> list[tuple[str, str]]:
    """(station, town) of ``n`` desks: up to 6 at the city hall, the rest round-robin
    over the towns' halls (every town's first window, then every second one, ...)."""
    halls = syncgen.Halls.load()
    city = [(s, "city") for s in halls.stations["city"]][:min(CITY_DESKS, max(1, n // 8))]
    towns = [t for t in halls.stations if t != "city"]
    rest: list[tuple[str, str]] = []
    depth = 0
    while len(city) + len(rest) < n:
        added = False
        for t in towns:
            if depth < len(halls.stations[t]) and len(city) + len(rest) < n:
                rest.append((halls.stations[t][depth], t))
                added = True
        if not added:
            raise ValueError(f"the catalogue has fewer than {n} stations")
        depth += 1
    return city + rest


def _prepare(database_url: str, desks: list[tuple[str, str]]) -> dict[str, Any]:
    """Accounts for the desks, the feed's head, credit codes the server knows."""
    import psycopg

    from server.auth import hash_password
    from server.config import utcnow
    from sync.codec import db_time

    plain, options = _pg_parts(database_url)
    hashed = hash_password(syncgen.PASSWORD, "fast")
    now = db_time(utcnow())
    with psycopg.connect(plain, options=options) as conn:
        conn.execute("DELETE FROM users WHERE username LIKE %s", (LOAD_PREFIX + "%",))
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO users (username, display, role, town, password_hash, "
                "failed_logins, locked_until, disabled, created_at, updated_at) VALUES "
                "(%s, %s, 'clerk', %s, %s, 0, NULL, false, %s, %s)",
                [(f"{LOAD_PREFIX}{s.lower()}", f"负载 {s}", town, hashed, now, now)
                 for s, town in desks])
        top = conn.execute("SELECT value FROM counters WHERE name = 'change_seq'").fetchone()[0]
        codes = [r[0] for r in conn.execute(
            "SELECT credit_code FROM enterprises WHERE credit_code IS NOT NULL "
            "ORDER BY id LIMIT 3000")]
        conn.commit()
    return {"top": int(top), "codes": codes}


def _pg_parts(url: str) -> tuple[str, str]:
    """(libpq URL, options) of a URL made by ``with_schema`` (search_path in options)."""
    from urllib.parse import parse_qs, urlsplit, urlunsplit

    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    options = parse_qs(parts.query).get("options", [""])[0]
    return urlunsplit(parts._replace(query="")), options


# ---------------------------------------------------------------------------- the load (child)

def _forms(count: int, codes: list[str], seed: int) -> list[dict[str, Any]]:
    from bench import datagen
    from core.intake import Intake, validate_intake
    import dataclasses

    fields = [f.name for f in dataclasses.fields(Intake)
              if f.name not in ("region_code", "entity_type")]
    out = []
    for form in datagen.iter_intake_forms(count, seed=seed, known_codes=codes):
        intake = validate_intake(form)
        out.append({"header": {k: getattr(intake, k) for k in fields},
                    "enterprise": {"credit_code": intake.credit_code,
                                   "name": intake.enterprise_name, "town": intake.town,
                                   "region_code": intake.region_code,
                                   "entity_type": intake.entity_type}})
    return out


_STEPS = (("dispatched", {"unit_id": "u-scjg", "unit_name": "中山市市场监督管理局"}),
          ("contacted", {"office": "综合科", "person": "陈科长"}),
          ("interim_reply", {"text": "已联系企业了解情况，正在会同相关科室研究处理意见"}),
          ("resolved", {"text": "已协助企业完成办理，企业确认问题解决"}))


class LoadDesk:
    """One desk's connection, token, op sequence and the requests it still has to move."""

    def __init__(self, host: str, port: int, station: str, town: str, forms: list[dict],
                 known: set[str], seed: int):
        import http.client

        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.station, self.town = station, town
        self.user = f"{LOAD_PREFIX}{station.lower()}"
        self.device = str(uuid.uuid4())
        self.forms, self.known = forms, known
        self.rng = random.Random(seed)
        self.seq = 0
        self.local = 0
        self.queue: list[list[Any]] = []        # [ticket id, next step]
        self.cursor = "0"
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None
                ) -> tuple[int, bytes, float]:
        import zlib

        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
            if len(body) > 1024:
                body = zlib.compress(body, 5, wbits=31)
                headers["Content-Encoding"] = "gzip"
        self.conn.request(method, path, body, headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.getheader("Content-Encoding") == "gzip":
            data = zlib.decompress(data, wbits=47)
        timing = resp.getheader("Server-Timing") or ""
        server_ms = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
        return resp.status, data, server_ms

    def login(self) -> None:
        import orjson

        from sync.protocol import PROTOCOL_VERSION, Headers
        from sync.store import SCHEMA_HEAD

        self.headers = {Headers.PROTOCOL: str(PROTOCOL_VERSION), Headers.SCHEMA: SCHEMA_HEAD,
                        Headers.DEVICE: self.device, Headers.CLIENT: "halldesk-bench/0",
                        "Accept-Encoding": "gzip"}
        status, data, _ = self.request("POST", "/api/v1/auth/login", orjson.dumps({
            "username": self.user, "password": syncgen.PASSWORD, "station_id": self.station,
            "device_id": self.device}))
        if status != 200:
            raise RuntimeError(f"{self.user} cannot sign in: {status} {data[:300]!r}")
        self.headers["Authorization"] = "Bearer " + orjson.loads(data)["access_token"]

    def _op(self, kind: str, entity_id: str, payload: dict[str, Any], now: str) -> dict:
        self.seq += 1
        return {"op_id": str(uuid.uuid4()), "seq": self.seq, "kind": kind,
                "entity_id": entity_id, "base_version": 0, "payload": payload,
                "created_at": now}

    def _event(self, kind: str, data: dict[str, Any], now: str) -> dict[str, Any]:
        return {"id": str(uuid.uuid4()), "type": kind, "at": now, "actor": self.user,
                "role": "clerk", "station": self.station, "data": data}

    def next_ops(self) -> list[dict[str, Any]]:
        """What the clerk recorded since the last sync."""
        import datetime as dt

        from sync.ticket_writes import enterprise_id_for

        now = dt.datetime.now(dt.timezone.utc).isoformat()
        r = self.rng.random()
        if r >= 0.6 and self.queue:
            item = self.queue[0]
            kind, data = _STEPS[item[1]]
            item[1] += 1
            if item[1] == len(_STEPS):
                self.queue.pop(0)
            return [self._op("ticket.event", item[0], {"event": self._event(kind, data, now)},
                             now)]
        form = self.forms[self.local % len(self.forms)]
        self.local += 1
        header = dict(form["header"])
        code = header.get("credit_code")
        ops = []
        ent_id = enterprise_id_for(code) if code else None
        if code and code not in self.known:
            self.known.add(code)
            ops.append(self._op("enterprise.upsert", ent_id, dict(form["enterprise"]), now))
        tid = str(uuid.uuid4())
        header.update(local_number=f"{self.station}-L{self.local:05d}", station_id=self.station,
                      created_by=self.user, created_at=now, enterprise_id=ent_id)
        ops.append(self._op("ticket.create", tid, {
            "header": header, "event": self._event("created", {}, now)}, now))
        if r < 0.4:
            ops.append(self._op("ticket.event", tid, {"event": self._event(
                "answered", {"answer": "已告知企业办理流程和所需材料", "source": "clerk"}, now)},
                now))
        else:
            self.queue.append([tid, 0])
        return ops


def child_load(p: dict[str, Any]) -> dict[str, Any]:
    """Run the desks for warm-up + seconds; print WINDOW lines around the measured part."""
    import orjson

    desks_spec = p["desks"]
    forms = _forms(p["forms"], p["codes"], seed=11)
    known = set(p["codes"])
    desks = [LoadDesk(p["host"], p["port"], s, t, forms[i::len(desks_spec)] or forms, known,
                      seed=i) for i, (s, t) in enumerate(desks_spec)]
    for d in desks:
        d.login()
        d.cursor = str(p["top"])
    mode = p["mode"]
    start_at = time.monotonic() + 0.5
    window = (start_at + p["warmup"], start_at + p["warmup"] + p["seconds"])
    lock = threading.Lock()
    records: list[tuple[str, float, float]] = []     # kind, client ms, server ms
    errors: Counter[str] = Counter()
    applied = [0]

    def inside(t: float) -> bool:
        return window[0] <= t < window[1]

    def run(d: LoadDesk) -> None:
        mine: list[tuple[str, float, float]] = []
        my_errors: Counter[str] = Counter()
        my_applied = 0
        while time.monotonic() < start_at:
            time.sleep(0.001)
        while time.monotonic() < window[1]:
            try:
                if mode == "mixed":
                    ops = d.next_ops()
                    body = orjson.dumps({"device_id": d.device, "ops": ops})
                    t0 = time.monotonic()
                    status, data, server_ms = d.request("POST", "/api/v1/sync/push", body)
                    t1 = time.monotonic()
                    if inside(t0):
                        mine.append(("push", (t1 - t0) * 1000, server_ms))
                    if status != 200:
                        my_errors[f"push {status}"] += inside(t0)
                        raise RuntimeError(f"push {status}: {data[:200]!r}")
                    results = orjson.loads(data)["results"]
                    good = sum(r["status"] == "applied" for r in results)
                    if inside(t0):
                        my_applied += good
                        my_errors["rejected op"] += len(results) - good
                while True:
                    t0 = time.monotonic()
                    status, data, server_ms = d.request(
                        "GET", f"/api/v1/sync/pull?since={d.cursor}")
                    t1 = time.monotonic()
                    if inside(t0):
                        mine.append(("pull", (t1 - t0) * 1000, server_ms))
                    if status != 200:
                        my_errors[f"pull {status}"] += inside(t0)
                        raise RuntimeError(f"pull {status}: {data[:200]!r}")
                    page = orjson.loads(data)
                    d.cursor = page["cursor"]
                    if not page["has_more"]:
                        break
            except Exception as exc:  # noqa: BLE001 - counted, and the desk goes on
                if not str(exc).startswith(("push", "pull")):
                    my_errors[type(exc).__name__] += 1
                d.conn.close()
                if mode == "mixed":           # its seq is now unknown: sign in anew
                    d.device, d.seq = str(uuid.uuid4()), 0
                try:
                    d.login()
                except Exception:  # noqa: BLE001
                    time.sleep(0.1)
        with lock:
            records.extend(mine)
            errors.update(my_errors)
            applied[0] += my_applied

    threads = [threading.Thread(target=run, args=(d,), daemon=True) for d in desks]
    for t in threads:
        t.start()
    while time.monotonic() < window[0]:
        time.sleep(0.005)
    print("WINDOW start", flush=True)
    while time.monotonic() < window[1]:
        time.sleep(0.005)
    print("WINDOW stop", flush=True)
    for t in threads:
        t.join(120)
    return {"records": records, "errors": {k: v for k, v in errors.items() if v},
            "applied": applied[0],
            "seconds": p["seconds"], "desks": len(desks)}


def _run_load(params: dict[str, Any], meter: CpuMeter, waits: PgWaits | None = None
              ) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bench.bench_server_load", "--child",
                             "load", json.dumps(params)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    meter.groups["load generator"] = [proc.pid]
    result = None
    for line in proc.stdout:
        if line.startswith("WINDOW start"):
            meter.start()
            if waits is not None:
                waits.start()
        elif line.startswith("WINDOW stop"):
            meter.stop()
            if waits is not None:
                waits.stop()
        elif line.startswith("RESULT "):
            result = json.loads(line[7:])
    err = proc.stderr.read()
    proc.wait()
    if result is None:
        raise RuntimeError(f"the load generator failed ({proc.returncode}):\n{err[-4000:]}")
    return result


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    recs = result["records"]
    by: dict[str, list[float]] = {}
    server: dict[str, list[float]] = {}
    for kind, ms, sms in recs:
        by.setdefault(kind, []).append(ms)
        if sms == sms:            # not NaN
            server.setdefault(kind, []).append(sms)
    return {"by": by, "server": server}


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * q // 100) - 1))]


def _register() -> None:
    base = postgres_url()
    if base is None:
        return

    @benchmark("server load: 50 desks on PostgreSQL",
               target="p99 ≤ 200 ms; ops_per_s ≥ 500; errors ≤ 0",
               meaning="halldesk-central serve --workers 2 on PostgreSQL (100,000 requests); "
                       "50 desks in a child process push (1.5 ops a push) and pull, closed "
                       "loop, 60 s after a warm-up; every request's latency, client side")
    def server_load(run: Run) -> Figure:
        n = run.size(100_000, 400)
        desks_n, seconds = int(run.size(*DESKS)), run.size(*SECONDS)
        warmup, base_seconds = run.size(*WARMUP), run.size(*BASELINE_SECONDS)
        central = syncgen.ensure_central(n, run.out, log=run.log)
        url, drop = syncgen.to_postgres(central, base, log=run.log)
        try:
            desks = _stations(desks_n)
            prep = _prepare(url, desks)
            server = CentralServer(url, workers=WORKERS,
                                   log_path=run.workdir / "server-load.log")
            with server:
                common = {"host": "127.0.0.1", "port": server.port, "desks": desks,
                          "top": prep["top"], "codes": prep["codes"],
                          "forms": run.size(6000, 200), "warmup": warmup}
                run.setup_done()
                groups = {"server": server.pids()}
                base_meter = CpuMeter(dict(groups))
                baseline = _run_load({**common, "mode": "empty_pull",
                                      "seconds": base_seconds}, base_meter)
                meter = CpuMeter(dict(groups))
                waits = PgWaits(url)
                ours = _run_load({**common, "mode": "mixed", "seconds": seconds}, meter, waits)
        finally:
            drop()
        s, b = _summary(ours), _summary(baseline)
        all_ms = [ms for _, ms, _ in ours["records"]]
        base_ms = [ms for _, ms, _ in baseline["records"]]
        if not all_ms or not base_ms:
            raise RuntimeError("no request finished inside the window")
        errors = sum(ours["errors"].values())
        ops_per_s = ours["applied"] / seconds
        pushes = len(s["by"].get("push", ()))
        notes = [
            f"{desks_n} desks ({sum(1 for _, t in desks if t == 'city')} at the city hall), "
            f"{WORKERS} server workers, {seconds:.0f} s after {warmup:.0f} s of warm-up: "
            f"{ours['applied']:,} ops applied ({ops_per_s:.0f}/s) in {pushes:,} pushes "
            f"({ours['applied'] / max(1, pushes):.2f} ops a push), "
            f"{len(all_ms) / seconds:.0f} requests/s; errors: {ours['errors'] or 'none'}",
        ]
        for kind in ("push", "pull"):
            v, sv = s["by"].get(kind, []), s["server"].get(kind, [])
            if v:
                notes.append(f"{kind}: {len(v) / seconds:.0f}/s, client p50 {_pct(v, 50):.1f} "
                             f"ms, p99 {_pct(v, 99):.1f} ms; server's own time (Server-Timing)"
                             f" p50 {_pct(sv, 50):.1f} ms, p99 {_pct(sv, 99):.1f} ms")
        notes.append(f"PostgreSQL backends during the load, on average: {waits.describe()} "
                     "(idle in transaction: a push's transaction waiting for the server "
                     "process's next statement)")
        bv = b["by"].get("pull", [])
        notes.append(f"baseline: {len(bv) / base_seconds:.0f} empty pulls/s, p50 "
                     f"{_pct(bv, 50):.1f} ms, p99 {_pct(bv, 99):.1f} ms (server's own p99 "
                     f"{_pct(b['server'].get('pull', []), 99):.1f} ms)")
        for label, m in (("load", meter), ("baseline", base_meter)):
            notes.append(
                f"CPU during the {label} window (cores of 2): server workers "
                f"{m.cores('server'):.2f}, PostgreSQL {m.cores('postgres'):.2f}, load "
                f"generator {m.cores('load generator'):.2f}; the whole machine "
                f"{m.cores('machine busy'):.2f} busy of {m.cores('machine total'):.2f} (other "
                f"work on the machine: {max(0.0, m.cores('machine busy') - m.cores('server') - m.cores('postgres') - m.cores('load generator')):.2f})")
        return Figure(Timings([x * 1e6 for x in all_ms]), Timings([x * 1e6 for x in base_ms]),
                      show=("p50", "p99"), notes=notes,
                      baseline_label=f"the same {desks_n} desks pulling with nothing new "
                                     f"(authenticated GET /sync/pull), {base_seconds:.0f} s",
                      extras={"ops_per_s": ops_per_s, "errors": float(errors),
                              "requests_per_s": len(all_ms) / seconds})


_register()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, params = sys.argv[2], json.loads(sys.argv[3])
        out = globals()[f"child_{kind}"](params)
        print("RESULT " + json.dumps(out), flush=True)
        sys.exit(0)
    print("usage: python -m bench 'server load'", file=sys.stderr)
    sys.exit(2)
