"""The ``halldesk`` command line.

Without a subcommand it starts the desk (the Qt application): ``halldesk --demo``,
``halldesk --desk FILE``, ``halldesk --smoke-test``, ``halldesk --lang en``; those
options are passed through to ``desktop.app.main`` unchanged.

Subcommands (each one a small ``_add_<name>`` / ``_run_<name>`` pair registered in
``COMMANDS``):

- ``halldesk due --from 2026-09-30T16:00 [--calendar FILE ...] [--hours FILE] [--json]
  [--lang zh|en]``: the contact, interim-reply and close deadlines of a request
  dispatched at that moment, each with its explanation;
- ``halldesk login --server URL --user NAME --station ID [--password-stdin] [--desk FILE]``:
  sign the desk in (the refresh token goes to the OS keyring, the station into the file);
- ``halldesk sync --once [--desk FILE] [--json] [--lang zh|en]``: one sync cycle, printing
  what moved (pushed / applied / rejected, pulled rows, cursor, checksum, time taken);
- ``halldesk outbox [--desk FILE] [--json]``: the ops waiting to be pushed and those that
  need attention, readable (seq, kind, request number, what, the server's reason);
- ``halldesk policies search TEXT [--status open_now] [--limit N] [--json]``,
  ``halldesk policies match --enterprise CREDIT_CODE [--on DATE] [--json]`` and
  ``halldesk policies outreach ITEM_ID [--format xlsx|csv] [--out FILE] [--json]``: the
  policy catalogue, one enterprise matched against every item, and an item's outreach
  list, from the desk file (``--desk FILE``), for batch work (``desktop.cli_policies``);
- ``halldesk version``.

This module imports neither Qt nor SQLAlchemy: a subcommand must start fast, and the
GUI is imported only when it is started. Bad input exits with status 2 and a message
that names the option and what it expects.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROG = "halldesk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_TIMEZONE = "Asia/Shanghai"


class UsageError(Exception):
    """Bad input on the command line; the message names the option. Exit status 2."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


AddArguments = Callable[[argparse.ArgumentParser], None]


def command(name: str, help: str, run: Callable[[argparse.Namespace], int]
            ) -> Callable[[AddArguments], AddArguments]:
    """Register a subcommand: decorates the function that adds its arguments."""
    def register(add: AddArguments) -> AddArguments:
        COMMANDS[name] = Command(name, help, add, run)
        return add
    return register


# -- due ---------------------------------------------------------------------------------

_CLOCKS = ("contact", "interim", "close")
_LABELS = {
    "zh": {"contact": "联系企业", "interim": "阶段答复", "close": "办结",
           "dispatched": "转办时间", "provisional": "⚠ 暂定", "title": "转办后的三个时限",
           "calendar": "日历", "published": "已发布至", "year": "年"},
    "en": {"contact": "Contact", "interim": "Interim reply", "close": "Close",
           "dispatched": "Dispatched", "provisional": "⚠ provisional",
           "title": "The three deadlines of a dispatch", "calendar": "Calendar",
           "published": "published up to", "year": ""},
}


def _run_due(args: argparse.Namespace) -> int:
    # Imported here: the rules pull in the calendar packages, which `version` never needs.
    from core.calendar import CalendarFileError, PublishedCalendar, WorkCalendar
    from core.deadlines import BusinessHours, HoursError, Schedule

    hours = BusinessHours()
    if args.hours is not None:
        data = _read_json(args.hours, "--hours")
        try:
            hours = BusinessHours.from_json(data)
        except HoursError as exc:
            raise UsageError(f"--hours {args.hours}: {exc}") from None
    start = parse_moment(args.start, "--from", hours.timezone)
    published: dict[int, PublishedCalendar] = {}
    sources: dict[int, str] = {}
    for path in args.calendar or ():
        data = _read_json(path, "--calendar")
        try:
            cal = PublishedCalendar.from_json(data)
        except CalendarFileError as exc:
            raise UsageError(f"--calendar {path}: {exc}") from None
        if cal.year in published:
            raise UsageError(f"--calendar {path}: year: {cal.year} is already given by "
                             f"{sources[cal.year]}; expected one file per year")
        published[cal.year], sources[cal.year] = cal, str(path)

    schedule = Schedule(WorkCalendar.with_published(published.values()), hours)
    deadlines = {"contact": schedule.contact_due(start), "interim": schedule.interim_due(start),
                 "close": schedule.close_due(start)}
    local_start = start.astimezone(hours.tz)
    if args.json:
        out = {
            "dispatched_at": local_start.isoformat(),
            "timezone": hours.timezone,
            **{f"{k}_due": d.due_at.isoformat() for k, d in deadlines.items()},
            "provisional": any(d.provisional for d in deadlines.values()),
            "provisional_clocks": [k for k, d in deadlines.items() if d.provisional],
            "last_published_year": schedule.calendar.last_published_year,
            "calendars": [{"year": y, "source": published[y].source, "file": sources[y]}
                          for y in sorted(published)],
            "explanation": {k: d.explanation.to_json() for k, d in deadlines.items()},
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_due_text(local_start, deadlines, hours.timezone,
                    schedule.calendar.last_published_year, args.lang))
    return EXIT_OK


def _due_text(start: dt.datetime, deadlines: dict[str, Any], timezone: str,
              last_published: int, lang: str) -> str:
    zh = lang == "zh"
    t = _LABELS[lang]
    weekdays = "一二三四五六日" if zh else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

    def when(moment: dt.datetime) -> str:
        day = moment.date().isoformat()
        if zh:
            return f"{day}（周{weekdays[moment.weekday()]}）{moment:%H:%M}"
        return f"{weekdays[moment.weekday()]} {day} {moment:%H:%M}"

    width = max(display_width(t[k]) for k in (*_CLOCKS, "dispatched"))
    lines = [t["title"], f"{pad(t['dispatched'], width)}  {when(start)}  ({timezone})"]
    for kind in _CLOCKS:
        deadline = deadlines[kind]
        mark = f"  {t['provisional']}" if deadline.provisional else ""
        lines.append(f"{pad(t[kind], width)}  {when(deadline.due_at)}{mark}")
        lines.extend(f"    {line}" for line in deadline.explanation.lines(lang))
    published = (f"{t['calendar']}：{t['published']} {last_published} {t['year']}" if zh
                 else f"{t['calendar']}: {t['published']} {last_published}")
    lines.append(published)
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def parse_moment(text: str, option: str, timezone: str = DEFAULT_TIMEZONE) -> dt.datetime:
    """A date-time from the command line; a naive one is local time in ``timezone``."""
    expected = f"{option}: expected a date-time such as 2026-09-30T16:00"
    raw = text.strip()
    if len(raw) < 16 or raw[10] not in "T t":
        raise UsageError(f"{expected}, got {text!r}")
    try:
        moment = dt.datetime.fromisoformat(raw[:10] + "T" + raw[11:])
    except ValueError:
        raise UsageError(f"{expected} (or with an offset, 2026-09-30T16:00+08:00), "
                         f"got {text!r}") from None
    if moment.tzinfo is None:
        from zoneinfo import ZoneInfo

        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment


def _read_json(path: Path, option: str) -> Any:
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{option} {path}: expected a UTF-8 JSON file") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{option} {path}: not valid JSON ({exc})") from None


@command("due", "print the contact, interim-reply and close deadlines of a dispatch", _run_due)
def _add_due(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", required=True, metavar="DATETIME",
                   help="when the request was dispatched, e.g. 2026-09-30T16:00 (local time "
                        "of the business hours' time zone) or 2026-09-30T16:00+08:00")
    p.add_argument("--calendar", action="append", type=Path, metavar="FILE",
                   help="a published calendar JSON for one year; repeat for several years")
    p.add_argument("--hours", type=Path, metavar="FILE",
                   help='business hours JSON: {"timezone": "Asia/Shanghai", '
                        '"periods": [["08:30", "12:00"], ["14:00", "17:30"]]}')
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="language of the text output (default: zh)")


# -- version -----------------------------------------------------------------------------

def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("halldesk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _run_version(args: argparse.Namespace) -> int:
    print(f"{PROG} {version()}")
    return EXIT_OK


@command("version", "print the version", _run_version)
def _add_version(p: argparse.ArgumentParser) -> None:
    pass


# -- sync: login, sync, outbox -------------------------------------------------------------

def default_desk() -> Path:
    """The desk file the desk opens by default (Qt's AppDataLocation for HallDesk/halldesk,
    computed without Qt); ``HALLDESK_DESK`` overrides it."""
    import os

    if os.environ.get("HALLDESK_DESK"):
        return Path(os.environ["HALLDESK_DESK"])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "HallDesk" / "halldesk" / "desk.sqlite3"


def open_desk(args: argparse.Namespace) -> Any:
    from sync.desk import Desk
    from sync.store import StoreError

    path = Path(args.desk) if args.desk else default_desk()
    if getattr(args, "must_exist", True) and not path.exists():
        raise UsageError(f"--desk {path}: no desk file there; sign in first "
                         f"(halldesk login --server URL --user NAME --station ID)")
    try:
        return Desk.open(path)
    except StoreError as exc:
        raise UsageError(f"--desk {path}: {exc}") from None


def desk_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--desk", metavar="FILE",
                   help=f"the desk file (default: {default_desk()}, or $HALLDESK_DESK)")


def _run_login(args: argparse.Namespace) -> int:
    import getpass

    from sync.client import SyncError
    from sync.session import Session

    if not args.server.startswith(("http://", "https://")):
        raise UsageError(f"--server: expected a URL such as https://central.example, "
                         f"got {args.server!r}")
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin \
        else getpass.getpass(f"{args.user} 的密码: ")
    if not password:
        raise UsageError("the password is empty")
    args.must_exist = False
    desk = open_desk(args)
    try:
        session = Session(desk, args.server)
        try:
            result = session.login(args.user, password, args.station, args.server)
        except SyncError as exc:
            print(f"{PROG} login: {exc.message_zh} ({exc.code})", file=sys.stderr)
            return EXIT_FAILED
        user, station = result.user, result.station
        print(f"已登录 {session.server_url}：{user['display']}（{user['username']}，"
              f"{user['role']}）@ {station['id']} {station['name']}")
        print(f"desk file: {desk.store.path}")
        return EXIT_OK
    finally:
        desk.close()


@command("login", "sign this desk in to a central server (the token goes to the OS keyring)",
         _run_login)
def _add_login(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", required=True, metavar="URL", help="the central API's URL")
    p.add_argument("--user", required=True, metavar="NAME", help="the account name")
    p.add_argument("--station", required=True, metavar="ID", help="this counter, e.g. SQ01")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    desk_option(p)


_SYNC_TEXT = {
    "zh": ("推送 {pushed} 项：接受 {applied}，拒绝 {rejected}（重放 {replayed}，冲突 {conflicts}）",
           "拉取 {pulled_rows} 项变更（{pulled_pages} 页）；删除 {deleted}；保留待处理 {kept}",
           "游标 {cursor}；校验 {check}", "重新下载全部数据：{resnapshot}",
           "目录{catalogue}；日历{schedule}", "状态 {state}；用时 {took:.2f} 秒",
           {True: "一致", False: "不一致", None: "未比较"}, ("未变", "已更新")),
    "en": ("pushed {pushed} ops: {applied} applied, {rejected} rejected ({replayed} replayed, "
           "{conflicts} conflicts)", "pulled {pulled_rows} changes in {pulled_pages} pages; "
           "{deleted} deleted; {kept} kept for pending ops", "cursor {cursor}; checksum {check}",
           "re-snapshot: {resnapshot}", "catalogue {catalogue}; schedule {schedule}",
           "state {state}; took {took:.2f} s", {True: "ok", False: "MISMATCH", None: "-"},
           (" unchanged", " updated")),
}


def _run_sync(args: argparse.Namespace) -> int:
    from sync.engine import SyncEngine
    from sync.session import NoServer, Session
    from sync.status import STATE_ZH

    if not args.once:
        raise UsageError("--once: required (the desk itself syncs in the background)")
    desk = open_desk(args)
    try:
        try:
            client = Session(desk).client
        except NoServer as exc:
            raise UsageError(f"{exc} (halldesk login --server URL ...)") from None
        engine = SyncEngine(desk, client)
        report = engine.sync_once()
        engine.stop()
        assert report is not None
    finally:
        desk.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        t = _SYNC_TEXT[args.lang]
        fields = {**report.to_json(), "kept": len(report.kept), "check": t[6][report.checksum_ok],
                  "catalogue": t[7][report.catalogue], "schedule": t[7][report.schedule],
                  "state": f"{report.state.value}（{STATE_ZH[report.state]}）"}
        lines = [t[0], t[1], t[2]] + ([t[3]] if report.resnapshot else []) + [t[4], t[5]]
        for line in lines:
            print(line.format(**fields))
        for reason in report.rejected_reasons:
            print(f"  #{reason['seq']} {reason.get('code')}: "
                  f"{reason.get('message_zh') if args.lang == 'zh' else reason.get('message')}")
        if report.error:
            print(f"{report.error}: {report.message_zh}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


@command("sync", "run one sync cycle with the central server and print what moved", _run_sync)
def _add_sync(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true", help="one cycle: push, pull, check")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="text output language")
    desk_option(p)


def _run_outbox(args: argparse.Namespace) -> int:
    from sync.acks import KIND_ZH, STATE_ZH

    desk = open_desk(args)
    try:
        items = desk.outbox_items()
        counts = desk.outbox_counts()
    finally:
        desk.close()
    if args.json:
        print(json.dumps({"counts": counts, "ops": [i.to_json() for i in items]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"待上传 {counts['pending']}，暂存 {counts['parked']}，需处理 {counts['rejected']}")
    for item in items:
        request = item.request or item.entity_id[:8]
        line = (f"#{item.seq:<5} {STATE_ZH.get(item.state, item.state):<6} "
                f"{KIND_ZH.get(item.kind, item.kind):<6} {request:<16} {item.what_zh}")
        print(line)
        if item.reason:
            print(f"       原因：{item.reason_zh}（{item.reason.get('code')}）")
        elif item.last_error:
            print(f"       上次尝试：{item.last_error}")
    return EXIT_OK


@command("outbox", "list the ops waiting to be pushed and those that need attention",
         _run_outbox)
def _add_outbox(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")
    desk_option(p)


# -- policies: search, match, outreach (desktop.cli_policies) ------------------------------

def _run_policies(args: argparse.Namespace) -> int:
    from desktop import cli_policies

    return cli_policies.run(args)


@command("policies", "the policy catalogue, matching and outreach lists, headless (search, "
         "match, outreach)", _run_policies)
def _add_policies(p: argparse.ArgumentParser) -> None:
    from desktop import cli_policies

    cli_policies.add_arguments(p)


# -- the GUI -----------------------------------------------------------------------------

def _add_gui_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("starting the desk (no subcommand)")
    g.add_argument("--demo", action="store_true",
                   help="open a demo desk with about 200 sample requests")
    g.add_argument("--desk", metavar="FILE", help="the desk file to open")
    g.add_argument("--smoke-test", action="store_true",
                   help="start, show the main window, and quit (for packaging checks)")
    g.add_argument("--lang", choices=("zh", "en"), help="user interface language")


def run_gui(argv: Sequence[str]) -> int:
    try:
        from desktop import app
    except ModuleNotFoundError as exc:
        print(f"{PROG}: cannot start the desk: {exc}", file=sys.stderr)
        return EXIT_FAILED
    result = app.main(list(argv))
    return int(result or 0)


# -- main --------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Hall Desk (企业服务专窗工作台). Without a command, "
                               "starts the desk.")
    _add_gui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        cmd.add_arguments(p)
        p.set_defaults(run=cmd.run, parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        # No subcommand: the desk itself; its options (and Qt's) go through unchanged.
        return run_gui(args_list)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, message printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `halldesk due ... | head`
        return EXIT_OK


if __name__ == "__main__":
    # `python -m desktop.cli`: run the module as imported under its name, the one the
    # subcommand modules (desktop.cli_policies) import their helpers from
    from desktop.cli import main as _main

    raise SystemExit(_main())
