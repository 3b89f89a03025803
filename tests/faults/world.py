"""Three real desks, a real central server, and the faults between them.

Each desk is a ``DeskNode``: a desk file, its ``Desk``, ``Session`` and ``SyncEngine``,
exactly as the application wires them, except that the ``requests.Session`` the client
uses has a transport adapter (``FaultAdapter``) in front of the real one. Faults strike
there, or on the desk's SQLite connection, never inside our code:

* **network cut**: the adapter refuses to send (a connection error), for as many steps
  as the schedule keeps the desk cut; the clerk goes on working offline;
* **dropped answer**: the adapter sends the request, lets the server commit, reads the
  answer, and raises a connection error instead of returning it;
* **kill**: the desk process dies. At the transport (before sending, or after the server
  committed) the adapter raises ``DeskKilled``, a ``BaseException`` that no handler of
  ours catches, so nothing more of the desk runs; inside SQLite a progress handler
  interrupts the desk's writer connection at the N-th statement after the answer
  arrived and every statement after it, so the transaction in flight is lost, as a kill
  loses it. The node then abandons the desk objects and opens the desk FILE again as a
  fresh ``Desk`` (a restarted process), whose session refreshes from the stored token;
* **server restart**: ``RunningServer.restart()`` (same database, connections drop);
* the administrator deletes requests over the API and purges tombstones (410 and
  re-snapshots follow), the city desk changes hands (a new scope, a re-snapshot), and
  the clerk writes while a sync runs (from a sync listener, between pages).

Every push that reaches the server is tapped (the ops sent, the answer the server gave,
whether the desk got it) in the order the server took them: the oracle replays it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
import requests
from requests.adapters import HTTPAdapter

from core.identifiers import make_credit_code
from core.tickets import EventType, Role, Status
from server.testing import RunningServer
from sync.credentials import Credentials, MemoryKeyring
from sync.desk import Desk
from sync.engine import State, SyncEngine
from sync.session import Session
from tests.faults.schedule import DeskConfig, Schedule, Step

PASSWORD = "demo-2026"


class DeskKilled(BaseException):
    """The desk's process died at this point (no handler of ours catches a BaseException)."""


@dataclass(frozen=True)
class DeskSpec:
    user: str
    station: str
    station_town: str
    role: Role


# Two town-hall clerks in Shiqi and a city supervisor at the city hall: the clerks see
# Shiqi's requests and their own; the supervisor sees everything. The city desk may
# change hands (a navigator, also of the city: ``handover``).
DESK_SPECS = (DeskSpec("demo.clerk", "SQ01", "shiqi", Role.CLERK),
              DeskSpec("demo.clerk", "SQ02", "shiqi", Role.CLERK),
              DeskSpec("demo.supervisor", "ZS01", "city", Role.SUPERVISOR))
HANDOVER = {"demo.supervisor": DeskSpec("demo.navigator", "ZS01", "city", Role.NAVIGATOR),
            "demo.navigator": DeskSpec("demo.supervisor", "ZS01", "city", Role.SUPERVISOR)}

CREDIT_CODES = tuple(make_credit_code(body) for body in (
    "91442000MA4W7K2L3", "91442000MA51XKQ01", "92442000L12345678", "91442000MA4UQ8E2X"))
ENTERPRISE_NAMES = ("中山市示例精密机械有限公司", "中山市石岐某某餐饮店", "中山市小榄五金制品厂",
                    "中山市火炬电子科技有限公司")
CONTACTS = ("李建华", "陈晓明", "陈小敏", "王芳", "赵磊")
PHONES = ("13800138000", "13912345678", "0760-88886666", "13600001111")
DESCRIPTIONS = ("年报填报时系统提示资产总额与上年数据差异过大，无法提交。",
                "企业申请变更经营范围，需了解所需材料。",
                "申请稳岗补贴，询问办理进度。",
                "企业反映用电报装时间过长。")
TOPICS = ("annual_report", "tax", "financing", "labour", "company_registration")
TYPES = ("consultation", "help", "complaint", "suggestion")
UNITS = ("u-scjg", "u-swj", "u-rsj", "u-zscq")
EDIT_VALUES: dict[str, tuple[str, ...]] = {
    "contact_name": CONTACTS, "contact_phone": PHONES, "description": DESCRIPTIONS,
    "type": TYPES, "topic": TOPICS}
EDIT_FIELDS = tuple(EDIT_VALUES)


def intake_form(pick: int, arg: int, station_town: str) -> dict[str, Any]:
    code = None if pick % 5 == 4 else CREDIT_CODES[pick % len(CREDIT_CODES)]
    town = "xiaolan" if arg % 7 == 0 else "shiqi"
    form = {"channel": ("counter", "hotline", "wechat")[arg % 3], "type": TYPES[pick % 4],
            "topic": TOPICS[arg % len(TOPICS)],
            "enterprise_name": ENTERPRISE_NAMES[pick % len(ENTERPRISE_NAMES)],
            "contact_name": CONTACTS[arg % len(CONTACTS)],
            "contact_phone": PHONES[pick % len(PHONES)],
            "description": DESCRIPTIONS[arg % len(DESCRIPTIONS)], "town": town}
    if code:
        form["credit_code"] = code
    return form


def event_data(kind: EventType, pick: int, today: dt.date) -> dict[str, Any]:
    unit = UNITS[pick % len(UNITS)]
    text = f"第 {pick % 97} 次办理记录"
    return {
        EventType.ANSWERED: {"answer": "已按政策答复企业：" + text, "source": "clerk"},
        EventType.CALL_LOGGED: {"unit_id": unit, "participants": ["受理员", "值班员"],
                                "duration_seconds": 60 + pick % 600, "notes": text,
                                "outcome": "needs_dispatch"},
        EventType.DISPATCHED: {"unit_id": unit, "note": "请联系企业"},
        EventType.CONTACTED: {"office": "登记注册科", "person": "王科长"},
        EventType.INTERIM_REPLY: {"text": text},
        EventType.NEXT_FEEDBACK_SET: {"next_date": str(today + dt.timedelta(days=3)),
                                      "text": text},
        EventType.RESOLVED: {"text": "已办结：" + text},
        EventType.EVALUATED: {"satisfaction": ("satisfied", "basically", "unsatisfied")[pick % 3],
                              "solved": ("solved", "partly", "unsolved")[pick // 3 % 3]},
        EventType.REOPENED: {"reason": "企业反映问题仍未解决"},
        EventType.SUPERVISED: {"reply_due": str(today + dt.timedelta(days=5)),
                               "note": "请加快办理"},
        EventType.TRANSFERRED: {"unit_id": UNITS[(pick + 1) % len(UNITS)], "note": "职能调整"},
        EventType.NOTE: {"text": text},
    }[kind]


# -- the wire ----------------------------------------------------------------------------------

@dataclass
class PushTap:
    """One push the server answered: the ops sent and the results (delivered or not); or
    (``kind="delete"``) an administrator's deletion of a request, in the same order."""

    desk: int
    device: str
    ops: list[dict[str, Any]]
    status: int
    body: dict[str, Any]
    delivered: bool
    kind: str = "push"


@dataclass
class LedgerOp:
    """An op a desk recorded (read from its outbox right after the write returned)."""

    desk: int
    device: str
    seq: int
    op_id: str
    kind: str
    entity_id: str
    base_version: int
    payload: dict[str, Any]
    step: int


@dataclass
class ArmedFault:
    kind: str
    target: str               # push | pull
    action: str               # drop | kill_before_send | kill_after_commit | kill_sqlite
    nth: int
    statements: int
    seen: int = 0


FAULT_PLANS = {
    "drop_push_response": ("push", "drop"),
    "drop_pull_response": ("pull", "drop"),
    "kill_push_before_send": ("push", "kill_before_send"),
    "kill_push_after_commit": ("push", "kill_after_commit"),
    "kill_push_mid_ack": ("push", "kill_sqlite"),
    "kill_pull_in_flight": ("pull", "kill_after_commit"),
    "kill_pull_mid_apply": ("pull", "kill_sqlite"),
    "drop_refresh_response": ("refresh", "drop"),
}


def _what(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("/sync/push"):
        return "push"
    if path.endswith("/sync/pull"):
        return "pull"
    if path.endswith("/auth/refresh"):
        return "refresh"
    return "other"


def _body(request: requests.PreparedRequest) -> Any:
    data = request.body or b""
    if isinstance(data, str):
        data = data.encode()
    if request.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return orjson.loads(data) if data else None


class FaultAdapter(HTTPAdapter):
    """The real HTTP transport, with the node's faults in front of it."""

    def __init__(self, node: DeskNode):
        super().__init__()
        self.node = node

    def send(self, request, stream=False, timeout=None, verify=True, cert=None,
             proxies=None):
        def real() -> requests.Response:
            return super(FaultAdapter, self).send(request, stream=stream, timeout=timeout,
                                                  verify=verify, cert=cert, proxies=proxies)
        return self.node.transport(request, real)


# -- a desk ------------------------------------------------------------------------------------

class DeskNode:
    def __init__(self, world: World, index: int, spec: DeskSpec, config: DeskConfig,
                 path: Path):
        self.world, self.index, self.spec, self.config, self.path = \
            world, index, spec, config, path
        self.net_up = True
        self.dead = False
        self.fault: ArmedFault | None = None
        self.armed_kill: str | None = None      # a SQLite kill armed, not struck yet
        self.desk: Desk | None = None
        self.session: Session | None = None
        self.engine: SyncEngine | None = None
        self.raw: Any = None
        self.device_id = ""
        self.lives = 0
        self._lock = threading.Lock()

    # -- life and death ------------------------------------------------------------------

    def start(self, *, login: bool) -> None:
        """Open the desk file as a fresh process would (signing in the first time)."""
        self.dead = False
        self.desk = desk = Desk.open(self.path)
        self.device_id = desk.device_id
        http = requests.Session()
        http.mount("http://", FaultAdapter(self))
        creds = Credentials(self.world.url, desk.device_id, store=self.world.keyring)
        self.session = Session(desk, self.world.url if login else None, credentials=creds,
                               session=http)
        if login:
            self.session.login(self.spec.user, PASSWORD, self.spec.station)
        self.engine = SyncEngine(desk, self.session.client, batch=self.config.batch,
                                 page_limit=self.config.page_limit, prefetch=True)
        with desk.store.write() as conn:         # the writer's sqlite3 connection
            self.raw = conn.connection.driver_connection
        self.lives += 1

    def abandon(self) -> None:
        """Drop the process: its objects go, the file stays as the last commit left it."""
        for close in (self.engine and self.engine.stop, self.session and self.session.close,
                      self.desk and self.desk.close):
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001, S110 - a dead process closes nothing cleanly
                    pass
        self.desk = self.session = self.engine = self.raw = None

    def reopen(self) -> None:
        self.abandon()
        self.start(login=False)

    def die(self) -> None:
        if not self.dead:
            self.dead = True
            if self.armed_kill:                # the armed SQLite kill struck
                self.world.fired(self.armed_kill, self.index)
                self.armed_kill = None
            self.world.outcome.counts["desk_deaths"] += 1
            self.world.log(f"    d{self.index} killed")

    def arm_sqlite_kill(self, statements: int) -> None:
        """Die at the ``statements``-th statement the desk's writer starts from now on:
        that statement and every later one is interrupted (nothing commits after)."""
        left = [statements]
        rollback = [False]

        def trace(sql: str) -> None:
            if self.dead:     # a ROLLBACK only discards: let it run, as recovery would
                rollback[0] = sql.lstrip().upper().startswith("ROLLBACK")
                return
            left[0] -= 1
            if left[0] <= 0:
                self.die()

        self.raw.set_progress_handler(lambda: 1 if self.dead and not rollback[0] else 0, 1)
        self.raw.set_trace_callback(trace)

    def disarm(self) -> None:
        self.armed_kill = None
        if self.raw is not None and not self.dead:
            self.raw.set_trace_callback(None)
            self.raw.set_progress_handler(None, 1)

    # -- the transport ---------------------------------------------------------------------

    def transport(self, request: requests.PreparedRequest,
                  send: Callable[[], requests.Response]) -> requests.Response:
        what = _what(request.url or "")
        if self.dead:
            raise DeskKilled(f"d{self.index} is dead")
        if not self.net_up:
            raise requests.ConnectionError("the network is cut (fault)")
        action, fault = None, None
        with self._lock:
            f = self.fault
            if f is not None and f.target == what:
                f.seen += 1
                if f.seen == f.nth:
                    action, fault, self.fault = f.action, f, None
        if fault is not None and action != "kill_sqlite":
            self.world.fired(fault.kind, self.index)
        if action == "kill_before_send":
            self.die()
            raise DeskKilled(f"d{self.index} died sending its {what}")
        resp = send()
        resp.content                                  # noqa: B018 - read it all (the server is done)
        if what == "push":
            self.world.tap_push(self, _body(request), resp,
                                delivered=action in (None, "kill_sqlite"))
        if action == "drop":
            raise requests.ConnectionError(f"the answer to the {what} was lost (fault)")
        if action == "kill_after_commit":
            self.die()
            raise DeskKilled(f"d{self.index} died before reading the answer to its {what}")
        if action == "kill_sqlite":
            assert fault is not None
            self.armed_kill = fault.kind
            self.arm_sqlite_kill(fault.statements)
        return resp

    # -- reading the desk ------------------------------------------------------------------

    def knows(self, ticket_id: str) -> bool:
        assert self.desk is not None
        return self.desk.pk_of(ticket_id) is not None


# -- the world -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What one schedule did, and what the checker found."""

    seed: int
    backend: str
    steps: int = 0
    faults: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    schedule: str = ""

    def report(self) -> str:
        lines = [(f"fault schedule seed {self.seed} on {self.backend}: "
                  f"{len(self.violations)} violation(s)"),
                 (f"replay: HALLDESK_FAULT_SEED={self.seed} .venv/bin/python -m pytest "
                  f"tests/faults/test_schedules.py   (or: pytest tests/faults -k "
                  f"'{self.backend} and seed_{self.seed}')"), "", "violations:"]
        lines += [f"  - {v}" for v in self.violations[:60]]
        lines += ["", "schedule:", self.schedule, "", "trace:", *self.trace[-400:]]
        return "\n".join(lines)


class World:
    def __init__(self, schedule: Schedule, server: RunningServer, desk_files: list[Path],
                 backend: str = "sqlite"):
        self.schedule = schedule
        self.server = server
        self.url = server.url
        self.keyring = MemoryKeyring()        # the desks' OS keyring (it survives kills)
        self.nodes = [DeskNode(self, i, spec, cfg, path) for i, (spec, cfg, path)
                      in enumerate(zip(DESK_SPECS, schedule.desks, desk_files))]
        self.ledger: dict[tuple[str, int], LedgerOp] = {}
        self.wire: list[PushTap] = []
        self.order: list[str] = []           # request ids in the order they were recorded
        self.outcome = Outcome(schedule.seed, backend, schedule=schedule.describe())
        self.step_no = -1
        self._wire_lock = threading.Lock()
        self._admin: Any = None

    # -- bookkeeping -----------------------------------------------------------------------

    def log(self, line: str) -> None:
        self.outcome.trace.append(line)

    def violation(self, text: str) -> None:
        self.outcome.violations.append(text)
        self.log(f"    VIOLATION {text}")

    def fired(self, kind: str, desk: int) -> None:
        self.outcome.faults[kind] += 1
        self.log(f"    fault {kind} fired on d{desk}")

    def tap_push(self, node: DeskNode, body: Any, resp: requests.Response, *,
                 delivered: bool) -> None:
        try:
            answer = orjson.loads(resp.content) if resp.content else {}
        except orjson.JSONDecodeError:
            answer = {"raw": resp.content[:200].decode(errors="replace")}
        ops = list((body or {}).get("ops", []))
        with self._wire_lock:
            self.wire.append(PushTap(node.index, node.device_id, ops, resp.status_code, answer,
                                     delivered))
            for op in ops:     # a background sync may push an op before ``capture`` reads it
                key = (node.device_id, int(op["seq"]))
                if key not in self.ledger:
                    self.ledger[key] = LedgerOp(node.index, node.device_id, int(op["seq"]),
                                                op["op_id"], op["kind"], op["entity_id"],
                                                int(op["base_version"]), op["payload"], -1)
                    self.outcome.counts["ops_recorded"] += 1

    def capture(self, node: DeskNode) -> int:
        """Put the ops the desk just recorded into the ledger (they are in its outbox)."""
        assert node.desk is not None
        new = 0
        entries = node.desk.outbox_entries()
        with self._wire_lock:
            for e in entries:
                key = (node.device_id, e.seq)
                known = self.ledger.get(key)
                if known is None:
                    self.ledger[key] = LedgerOp(node.index, node.device_id, e.seq, e.op_id,
                                                e.kind, e.entity_id, e.base_version, e.payload,
                                                self.step_no)
                    new += 1
                elif known.op_id != e.op_id or known.payload != e.payload:
                    self.violation(f"d{node.index} seq {e.seq} changed in its outbox "
                                   f"({known.op_id} -> {e.op_id})")
            self.outcome.counts["ops_recorded"] += new
        return new

    # -- running -----------------------------------------------------------------------------

    def start(self) -> None:
        for node in self.nodes:
            node.start(login=True)

    def close(self) -> None:
        if self._admin is not None:
            self._admin.session.close()
        for node in self.nodes:
            node.abandon()
        for node in self.nodes:
            if node.device_id:
                Credentials(self.url, node.device_id, store=self.keyring).delete()

    def run(self) -> Outcome:
        for i, step in enumerate(self.schedule.steps):
            self.step_no = i
            self.outcome.steps += 1
            self.log(f"{i:3d} {step}")
            try:
                self.run_step(step)
            except Exception as exc:  # noqa: BLE001 - every failure is a violation to report
                self.violation(f"step {i} ({step}) raised {type(exc).__name__}: {exc}\n"
                               + traceback.format_exc(limit=8))
        return self.outcome

    def run_step(self, step: Step) -> None:
        if step.kind == "restart":
            self.server.restart()
            self.outcome.faults["server_restart"] += 1
            return
        if step.kind == "storm":
            self.outcome.faults["offline_storm"] += 1
            return
        if step.kind == "delete":
            live = [t for t in self.order if t not in self.deleted]
            if live:
                self.delete(live[step.pick % len(live)])
            return
        if step.kind == "purge":
            self.purge()
            return
        if step.kind == "handover":
            self.handover(self.nodes[step.desk if step.desk is not None else -1])
            return
        node = self.nodes[step.desk] if step.desk is not None else None
        assert node is not None
        if step.kind == "cut":
            self.outcome.faults["net_cut"] += node.net_up
            node.net_up = False
        elif step.kind == "restore":
            node.net_up = True
        elif step.kind == "reboot":
            node.reopen()
            self.outcome.faults["desk_reboot"] += 1
        elif step.kind == "sync" and step.fault == "write_mid_sync":
            self.sync_with_write(node, step)
        elif step.kind == "sync":
            self.sync(node, step.fault, nth=step.nth, statements=1 + step.arg % 12)
        else:
            self.work(node, step)

    def sync(self, node: DeskNode, fault: str | None = None, *, nth: int = 1,
             statements: int = 1) -> Any:
        """One sync cycle of ``node``, with ``fault`` injected into its ``nth`` push or
        pull request (a SQLite kill strikes ``statements`` statements after the answer).
        Returns the cycle's report, or None when the desk died (it is reopened)."""
        assert node.engine is not None
        prefetch = node.engine.prefetch
        if fault:
            target, action = FAULT_PLANS[fault]
            node.fault = ArmedFault(fault, target, action, nth, statements)
            # a pull fault strikes the main thread, page by page: the kill point is exact
            # (with the next page fetched meanwhile, where a page's apply stands when the
            # next one arrives is a matter of timing) and nothing of the desk runs after it
            node.engine.prefetch = prefetch and target != "pull"
        report = None
        try:
            report = node.engine.sync_once()
        except DeskKilled:
            pass
        except Exception as exc:
            if not node.dead:
                raise
            self.log(f"    d{node.index} died with {type(exc).__name__}")
        finally:
            node.fault = None
            node.disarm()
            if node.engine is not None:
                node.engine.prefetch = prefetch
        if node.dead:
            node.reopen()
            return None
        if report is not None:
            self.note_report(node, report)
        return report

    def sync_with_write(self, node: DeskNode, step: Step) -> Any:
        """A cycle during which the clerk records something (the window never waits for
        a sync): the write lands right after the cycle's first push batch or pull page."""
        assert node.engine is not None
        work = Step(("intake", "event", "edit", "edit")[step.pick % 4], node.index,
                    pick=step.pick // 4, arg=step.arg)
        phases = ("pull", "snapshot") if step.pick % 3 else ("push", "pull", "snapshot")
        done = [False]

        def meanwhile(status: Any) -> None:
            if done[0] or not status.changes or status.progress.phase not in phases:
                return
            done[0] = True
            self.fired("write_mid_sync", node.index)
            try:
                self.work(node, work)
            except Exception as exc:  # noqa: BLE001 - the engine would only log it
                self.violation(f"a write during d{node.index}'s sync raised "
                               f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=8))

        remove = node.engine.add_listener(meanwhile)
        try:
            return self.sync(node)
        finally:
            remove()

    def note_report(self, node: DeskNode, report: Any) -> None:
        c = self.outcome.counts
        c["syncs"] += 1
        c["replayed"] += report.replayed
        self.log(f"    d{node.index} {report.state.value} {report.error or ''} "
                 f"pushed={report.pushed} applied={report.applied} rejected={report.rejected} "
                 f"replayed={report.replayed} conflicts={report.conflicts} "
                 f"pulled={report.pulled_rows}/{report.pulled_pages}p "
                 f"checksum={report.checksum_ok} resnapshot={report.resnapshot}")
        if report.resnapshot == "checksum_mismatch":
            self.violation(f"d{node.index}: checksums differed after a sync "
                           "(the desk re-snapshotted)")
        if report.ok and report.checksum_ok is False:
            self.violation(f"d{node.index}: checksums still differ after a sync")
        if report.state is State.SIGNED_OUT:
            self.log(f"    d{node.index} signed out: the clerk signs in again")
            assert node.session is not None
            node.session.login(node.spec.user, PASSWORD, node.spec.station)
            self.outcome.counts["relogins"] += 1

    # -- the administrator --------------------------------------------------------------------

    @property
    def deleted(self) -> set[str]:
        return {t.ops[0]["entity_id"] for t in self.wire if t.kind == "delete" and t.status == 200}

    def admin(self) -> Any:
        if self._admin is None:
            from server.testing import ApiClient
            self._admin = ApiClient(self.url, f"admin-{self.schedule.seed}-{id(self)}")
            self._admin.login("admin", PASSWORD, "ZS02")
        return self._admin

    def delete(self, ticket_id: str) -> None:
        """An administrator deletes a request over the API (a tombstone)."""
        r = self.admin().request("DELETE", f"/requests/{ticket_id}", params={"reason": "重复登记"})
        with self._wire_lock:
            self.wire.append(PushTap(-1, "admin", [{"kind": "admin.delete",
                                                    "entity_id": ticket_id}],
                                     r.status_code, r.json(), True, kind="delete"))
        self.log(f"    admin deleted {ticket_id[-6:]}: {r.status_code}")
        if r.status_code == 200:
            self.outcome.faults["admin_delete"] += 1

    def purge(self) -> None:
        """``halldesk-central purge-tombstones``, as if they were 90 days old: cursors from
        before the newest tombstone now get 410."""
        from server import admin
        with self.server.db().write() as conn:
            count, horizon = admin.purge_tombstones(
                conn, 0, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
        self.log(f"    purged {count} tombstone(s), horizon {horizon}")
        if count:
            self.outcome.faults["tombstone_purge"] += 1

    def handover(self, node: DeskNode) -> None:
        """The next user signs in at this desk (its pending work stays, pushed later)."""
        if not node.net_up:
            return                                 # signing in needs the server
        spec = HANDOVER.get(node.spec.user)
        if spec is None:
            return
        assert node.session is not None
        node.session.login(spec.user, PASSWORD, spec.station)
        node.spec = spec
        self.outcome.faults["handover"] += 1
        self.log(f"    d{node.index} handed over to {spec.user}")

    # -- the clerk's work ------------------------------------------------------------------

    def intake(self, node: DeskNode, **form: Any) -> str:
        """Record an intake at ``node`` (``intake_form`` values, overridden by ``form``)."""
        assert node.desk is not None
        tid, _ = node.desk.record_intake({**intake_form(1, 1, node.spec.station_town), **form})
        self.order.append(tid)
        self.capture(node)
        return tid

    def event(self, node: DeskNode, ticket_id: str, kind: EventType,
              data: dict[str, Any] | None = None) -> None:
        assert node.desk is not None
        today = dt.datetime.now(dt.UTC).date()
        node.desk.record_event(ticket_id, kind, data or event_data(kind, 1, today))
        self.capture(node)

    def edit(self, node: DeskNode, ticket_id: str, fields: dict[str, Any]) -> None:
        assert node.desk is not None
        node.desk.edit_request(ticket_id, fields)
        self.capture(node)

    def _target(self, node: DeskNode, step: Step, *, open_only: bool = False) -> str | None:
        assert node.desk is not None
        known = [t for t in self.order if node.knows(t)]
        if open_only:
            known = [t for t in known if node.desk.request(t).header["status"]
                     != Status.CLOSED.value]
        if not known:
            return None
        hot = known[-3:]
        if step.pick % 10 < 7:
            return hot[(step.pick // 10) % len(hot)]
        return known[(step.pick // 10) % len(known)]

    def work(self, node: DeskNode, step: Step) -> None:
        desk = node.desk
        assert desk is not None and node.desk is not None
        today = dt.datetime.now(dt.UTC).date()
        if node.desk.actor is None or node.desk.actor.user != node.spec.user:
            raise AssertionError(f"d{node.index}: signed in as {node.desk.actor}")
        if step.kind == "intake":
            tid, _ = desk.record_intake(intake_form(step.pick, step.arg, node.spec.station_town))
            self.order.append(tid)
            self.log(f"    d{node.index} intake {tid[-6:]}")
        elif step.kind == "event":
            tid = self._target(node, step)
            if tid is None:
                return
            allowed = [e for e in desk.request(tid).allowed if e is not EventType.CREATED]
            if not allowed:
                return
            kind = allowed[step.arg % len(allowed)]
            desk.record_event(tid, kind, event_data(kind, step.arg // 7, today))
            self.log(f"    d{node.index} {kind.value} on {tid[-6:]}")
        elif step.kind == "edit":
            tid = self._target(node, step, open_only=True)
            if tid is None:
                return
            name = EDIT_FIELDS[step.arg % len(EDIT_FIELDS)]
            fields = {name: EDIT_VALUES[name][(step.arg // 5) % len(EDIT_VALUES[name])]}
            if step.arg % 4 == 0:                    # sometimes a second field as well
                other = EDIT_FIELDS[(step.arg // 3 + 1) % len(EDIT_FIELDS)]
                fields.setdefault(other, EDIT_VALUES[other][step.pick % len(EDIT_VALUES[other])])
            desk.edit_request(tid, fields)
            self.log(f"    d{node.index} edit {tid[-6:]} {fields}")
        self.capture(node)

    # -- the end: network back, no faults, sync until quiet ----------------------------------

    def settle(self, max_rounds: int = 8) -> bool:
        for node in self.nodes:
            node.net_up = True
            if node.dead:
                node.reopen()
        self.log("settle")
        for _ in range(max_rounds):
            quiet = True
            for node in self.nodes:
                report = self.sync(node)
                if report is None or not report.ok:
                    quiet = False
                    continue
                if report.pushed or report.pulled_rows or report.checksum_ok is not True:
                    quiet = False
            if quiet:
                return True
        self.violation(f"the desks did not settle within {max_rounds} rounds of syncs")
        return False
