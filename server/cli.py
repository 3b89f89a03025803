"""``halldesk-central``: run and administer the central API.

Every command takes ``--database-url`` (or ``HALLDESK_DATABASE_URL``; default: a SQLite
file in the user data dir) and brings the database to the newest schema first.
``docs/operations.md`` explains each command.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from core.calendar import CalendarFileError
from core.catalogue import CatalogueError
from core.deadlines import HoursError
from server import admin, feed, reference, workers
from server.config import DEFAULT_HOST, DEFAULT_PORT, Settings, from_env, to_env
from server.db import Database, sqlite_path
from server.migrate import upgrade

PROG = "halldesk-central"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="sqlite:///path/file.sqlite3 or postgresql://user@host/db "
                             "(default: $HALLDESK_DATABASE_URL, else a SQLite file in the "
                             "user data dir)")
    p = argparse.ArgumentParser(prog=PROG, parents=[common],
                                description="The Hall Desk central API and its admin commands.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_, description=help_)

    s = cmd("serve", "serve the API (migrates the database first)")
    s.add_argument("--host", default=DEFAULT_HOST)
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument("--workers", type=int, default=1,
                   help="worker processes (stateless: they share the database)")
    s.add_argument("--ssl-certfile")
    s.add_argument("--ssl-keyfile")
    s.add_argument("--log-level", default="info")
    cmd("upgrade", "bring the database to the newest schema and exit")
    u = cmd("add-user", "add an account")
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=["clerk", "navigator", "supervisor", "admin"])
    u.add_argument("--town", required=True, help="jurisdiction: a town code, or city")
    u.add_argument("--display", help="the person's name as shown (名字)")
    u.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    pw = cmd("set-password", "set an account's password (and unlock it)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")
    cmd("unlock-user", "lift a lockout after failed sign-ins").add_argument("username")
    cmd("disable-user", "disable an account (it can no longer sign in; timelines keep "
                        "its name)").add_argument("username")
    cmd("enable-user", "enable a disabled account again").add_argument("username")
    st = cmd("add-station", "add a counter PC (station) of a hall")
    st.add_argument("id", help="two capital letters and two digits, e.g. SQ01")
    st.add_argument("--town", required=True)
    st.add_argument("--name", required=True)
    cmd("import-catalogue", "validate and publish a catalogue directory").add_argument(
        "directory", nargs="?", help="default: the packaged sample catalogue")
    cmd("publish-calendar", "publish a year's working-day calendar").add_argument("file")
    cmd("set-hours", "set the halls' business hours").add_argument("file")
    cmd("seed-demo", "sample catalogue, stations and DEMO accounts (password demo-2026)")
    d = cmd("delete-request", "delete a request (a tombstone desks pull)")
    d.add_argument("id")
    d.add_argument("--reason", default="")
    pt = cmd("purge-tombstones", "drop tombstones older than DAYS; raises the cursor horizon")
    pt.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    pt.add_argument("--force", action="store_true",
                    help="allow fewer days than the configured minimum (90)")
    ag = cmd("accept-gap", "after a restore: let desks continue above lost op seqs (audited)")
    which = ag.add_mutually_exclusive_group(required=True)
    which.add_argument("--device", help="one desk's device id")
    which.add_argument("--all", action="store_true", help="every desk")
    cmd("check-feed", "verify the change feed's running checksum totals").add_argument(
        "--repair", action="store_true", help="rebuild the totals from the feed")
    cmd("backup", "copy a SQLite database online (PostgreSQL: use pg_dump)").add_argument("file")
    cmd("openapi", "write the OpenAPI document").add_argument("file")
    return p


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise admin.AdminError("no terminal to ask for the password: use --password-stdin")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise admin.AdminError("the two passwords differ")
    return first


def _read(path: str) -> str:
    try:
        return Path(path).read_text("utf-8")
    except OSError as exc:
        raise admin.AdminError(f"{path}: cannot read it ({exc.strerror})") from None


def _db_command(args: argparse.Namespace, settings: Settings) -> str:
    upgrade(settings.database_url)
    db = Database(settings.database_url, settings)
    try:
        with db.write() as conn:
            return _run(args, settings, conn)
    finally:
        db.dispose()


def _run(args: argparse.Namespace, settings: Settings, conn: Any) -> str:
    c = args.command
    profile = settings.argon2_profile
    if c == "upgrade":
        return "database is up to date"
    if c == "add-user":
        admin.add_user(conn, args.username, args.role, args.town, _password(args),
                       display=args.display, profile=profile)
        return f"added {args.username} ({args.role}, {args.town})"
    if c == "set-password":
        admin.set_password(conn, args.username, _password(args), profile=profile)
        return f"password of {args.username} set"
    if c == "unlock-user":
        admin.unlock_user(conn, args.username)
        return f"{args.username} unlocked"
    if c in ("disable-user", "enable-user"):
        admin.set_disabled(conn, args.username, c == "disable-user")
        return f"{args.username} {c.split('-')[0]}d"
    if c == "add-station":
        admin.add_station(conn, args.id, args.town, args.name)
        return f"added station {args.id} ({args.town})"
    if c == "import-catalogue":
        cat = reference.import_catalogue(conn, args.directory)
        return f"published catalogue {cat.version} (ETag {cat.etag[:12]}…)"
    if c == "publish-calendar":
        cal = reference.publish_calendar(conn, _read(args.file))
        return f"published the {cal.year} calendar ({len(cal.holidays)} days off, " \
               f"{len(cal.workdays)} adjusted working days)"
    if c == "set-hours":
        hours = reference.set_hours(conn, _read(args.file))
        return f"business hours set: {json.dumps(hours.to_json(), ensure_ascii=False)}"
    if c == "seed-demo":
        report = admin.seed_demo(conn, profile=profile)
        return (f"catalogue {report.catalogue}; {report.stations} station(s) added; demo "
                f"accounts added: {', '.join(report.users) or 'none (already there)'}; "
                f"password {admin.DEMO_PASSWORD} — DEMO ONLY, never on a real server")
    if c == "delete-request":
        version = admin.delete_request(conn, args.id, who="cli", reason=args.reason)
        return f"request {args.id} deleted (tombstone version {version})"
    if c == "purge-tombstones":
        if args.older_than < settings.tombstone_days and not args.force:
            raise admin.AdminError(f"tombstones are kept at least {settings.tombstone_days} "
                                   "days; pass --force to purge younger ones")
        count, horizon = admin.purge_tombstones(conn, args.older_than)
        return f"purged {count} tombstone(s); cursors below {horizon} now get 410"
    if c == "accept-gap":
        count = admin.accept_gap(conn, None if args.all else args.device)
        return f"{count} device(s) may continue above a gap on their next push"
    if c == "check-feed":
        drift = feed.totals_drift(conn)
        if drift and args.repair:
            feed.rebuild_totals(conn)
            return f"rebuilt the feed totals ({len(drift)} key(s) had drifted)"
        if drift:
            raise admin.AdminError("the feed totals drifted (run with --repair):\n  "
                                   + "\n  ".join(drift[:20]))
        return "the change feed's totals agree with the feed"
    raise AssertionError(c)


def _backup(settings: Settings, target: str) -> str:
    source = sqlite_path(settings.database_url)
    if source is None:
        raise admin.AdminError("backup copies SQLite databases; for PostgreSQL use pg_dump "
                               "(see docs/operations.md)")
    if not source.exists():
        raise admin.AdminError(f"{source}: no such database")
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return f"backed up {source} to {target}"


def _openapi(target: str) -> str:
    from server.app import create_app
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    text = json.dumps(app.openapi(), ensure_ascii=False, indent=2) + "\n"
    Path(target).write_text(text, "utf-8")
    return f"wrote {target}"


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    import uvicorn

    from server.transport import http_protocol
    upgrade(settings.database_url)
    _warn_if_demo(settings)
    options: dict[str, Any] = dict(host=args.host, port=args.port, log_level=args.log_level,
                                   ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile,
                                   timeout_graceful_shutdown=10, http=http_protocol())
    if args.workers > 1 and workers.reuse_port_available():
        options.pop("host")
        options.pop("port")
        workers.serve(to_env(settings), args.host, args.port, args.workers, options)
    elif args.workers > 1:
        os.environ.update(to_env(settings))
        uvicorn.run("server.app:create_app_from_env", factory=True, workers=args.workers,
                    **options)
    else:
        from server.app import create_app
        uvicorn.run(create_app(settings), **options)


def _warn_if_demo(settings: Settings) -> None:
    from sqlalchemy import select

    from server.models import users
    db = Database(settings.database_url, settings)
    try:
        with db.read() as conn:
            demo = conn.execute(select(users.c.username).where(
                users.c.username.in_([u[0] for u in admin.DEMO_USERS]))).scalars().all()
    finally:
        db.dispose()
    if demo:
        print(f"{PROG}: WARNING: demo accounts exist ({', '.join(demo)}; password "
              f"{admin.DEMO_PASSWORD}). Demo only: never serve them to real halls.",
              file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = from_env(database_url=getattr(args, "database_url", None))
        if args.command == "serve":
            _serve(args, settings)
            return 0
        if args.command == "openapi":
            print(_openapi(args.file))
        elif args.command == "backup":
            print(_backup(settings, args.file))
        else:
            print(_db_command(args, settings))
    except (admin.AdminError, CatalogueError, CalendarFileError, HoursError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
