"""``halldesk policies search|match|outreach``: the policy-redemption window, headless, for
batch work on a desk file that holds the policy catalogue (a desk gets it when it syncs).

- ``search TEXT``: the items for what a navigator would type (1- and 2-character terms,
  full titles, pinyin initials), ranked as the window ranks them (``Desk.search_policies``);
- ``match --enterprise CREDIT_CODE``: one enterprise against every item, eligible /
  likely / not eligible with the reasons (``Desk.match_enterprise``, the window's API);
- ``outreach ITEM_ID``: the enterprises to call for an item's open batch
  (``Desk.outreach``), printed, or written as xlsx or csv (UTF-8 with a BOM).

Registered by ``desktop.cli`` and imported only when a command line is parsed; like it,
this module imports neither Qt nor SQLAlchemy at import time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli import EXIT_OK, EXIT_USAGE, UsageError, desk_option, open_desk, pad

STATUS_ZH = {"open": "申报中", "closing_soon": "即将截止", "upcoming": "未开始", "closed": "已截止",
             "none": "无批次"}
OUTCOME_ZH = {"eligible": "符合", "likely": "可能符合", "not_eligible": "不符合"}
STACKING_ZH = {"no_duplicate": "不重复享受", "highest_only": "就高不就低"}
HINTS_SHOWN = 3                       # reasons printed under an item in the text output


@contextmanager
def _policy_desk(args: argparse.Namespace) -> Iterator[Any]:
    """The desk file, checked to hold a policy catalogue; closed when done."""
    desk = open_desk(args)
    try:
        if desk.catalogue_etag() is None:
            raise UsageError(f"--desk {desk.store.path}: the desk file holds no policy "
                             f"catalogue yet; sync it first (halldesk sync --once --desk "
                             f"{desk.store.path})")
        yield desk
    finally:
        desk.close()


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--on: expected a date such as 2026-11-25, got {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# -- search ------------------------------------------------------------------------------

def _run_search(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise UsageError("TEXT: expected something to look for, e.g. 融资, 专利 or gxjs")
    on = _day(args.on)
    with _policy_desk(args) as desk:
        hits = desk.search_policies(args.text, status=args.status, limit=args.limit, on=on)
    if args.json:
        _print_json({"query": args.text, "status": args.status, "count": len(hits),
                     "hits": [asdict(h) for h in hits]})
        return EXIT_OK
    if not hits:
        print(f"没有找到与“{args.text}”相关的兑现事项")
        return EXIT_OK
    for h in hits:
        window = (f"至 {h.closes}" if h.status in ("open", "closing_soon") else
                  f"{h.opens} 起" if h.status == "upcoming" else "")
        print(f"{h.item_id:<12} {pad(STATUS_ZH.get(h.status, h.status), 8)} {h.title}"
              f"  {h.amount_text}  〔{h.issuer_name}〕 {window}".rstrip())
    return EXIT_OK


# -- match -------------------------------------------------------------------------------

def _credit_code(text: str) -> str:
    """The credit code given to --enterprise, normalised. A wrong check character only
    warns (real registries hold a few such codes); any other fault is bad input."""
    from core.identifiers import check_credit_code

    check = check_credit_code(text)
    fatal = [p for p in check.problems if p.rule != "check_character"]
    if fatal:
        raise UsageError(f"--enterprise: expected an 18-character unified social credit code "
                         f"(e.g. 91442000MA4W7K2L3L), got {text!r}: "
                         f"{'; '.join(p.message_en for p in fatal)}")
    for p in check.problems:
        print(f"warning: --enterprise {check.code}: {p.message_en}", file=sys.stderr)
    return check.code


def _line_json(line: Any, traces: bool) -> dict[str, Any]:
    v = line.verdict
    out = {"item_id": line.item.id, "title": line.item.title,
           "amount_text": line.item.amount_text, "outcome": v.outcome, "unmet": v.unmet,
           "missing": v.missing, "reference_date": v.reference_date.isoformat(),
           "batch_id": v.batch_id, "batch_status": line.status, "amount_max": v.amount,
           "hints": list(line.hints),
           "overlaps": [o.to_json() for o in line.overlaps],
           "targeted": [{"reason": t.reason, "actor": t.actor, "at": t.at}
                        for t in line.targeted]}
    if traces:
        out["traces"] = [asdict(t) for t in line.traces]
    return out


def _run_match(args: argparse.Namespace) -> int:
    from sync.ticket_writes import NotFound

    code = _credit_code(args.enterprise)
    on = _day(args.on)
    with _policy_desk(args) as desk:
        try:
            match = desk.match_enterprise(code, on)
        except NotFound:
            raise UsageError(f"--enterprise {code}: no enterprise with this credit code in "
                             "the desk file (a desk holds the enterprises of its scope once "
                             "synced)") from None
        shown = [ln for ln in match.lines if args.all or args.json
                 or ln.outcome != "not_eligible"]
        out = ({"enterprise": {"id": match.enterprise.id, "name": match.enterprise.name,
                               "credit_code": match.enterprise.credit_code,
                               "town": match.enterprise.town},
                "on": match.on.isoformat(), "catalogue_version": match.catalogue_version,
                "counts": match.counts, "items": [_line_json(ln, args.traces) for ln in shown]}
               if args.json else _match_text(match, shown, args.all))
    if args.json:
        _print_json(out)
    else:
        print(out)
    return EXIT_OK


def _match_text(match: Any, lines: list[Any], everything: bool) -> str:
    ent, counts = match.enterprise, match.counts
    more = "" if everything else "（--all 列出不符合的事项及原因）"
    out = [f"{ent.name}（{ent.credit_code}）  {match.on}  目录 {match.catalogue_version}",
           f"符合 {counts['eligible']} 项 · 可能符合 {counts['likely']} 项 · "
           f"不符合 {counts['not_eligible']} 项{more}"]
    for ln in lines:
        status = STATUS_ZH.get(ln.status, ln.status)
        out.append(f"{pad(OUTCOME_ZH[ln.outcome], 8)} {ln.item.id:<12} {ln.item.title}"
                   f"  〔{status}〕")
        notes = [*(f"人工定向：{t.reason}" for t in ln.targeted),
                 *(f"⚠ {STACKING_ZH.get(o.stacking, o.stacking)}：与 "
                   f"{'、'.join(i for i in o.items if i != ln.item.id)}" for o in ln.overlaps),
                 *ln.hints[:HINTS_SHOWN]]
        out.extend(f"{'':<22}{note}" for note in notes)
    return "\n".join(out)


# -- outreach ----------------------------------------------------------------------------

def _outreach_format(args: argparse.Namespace) -> str | None:
    fmt = args.format
    if fmt is None and args.out is not None:
        fmt = Path(args.out).suffix.lstrip(".").lower() or None
        if fmt not in ("xlsx", "csv"):
            raise UsageError(f"--out {args.out}: expected a file ending in .xlsx or .csv "
                             "(or say --format xlsx|csv)")
    if fmt == "xlsx" and args.out is None:
        raise UsageError("--out: required with --format xlsx (an Excel file cannot go to the "
                         "terminal)")
    return fmt


def _run_outreach(args: argparse.Namespace) -> int:
    from core.outreach import export, summary_line, write_csv
    from core.validation import ValidationError
    from sync.ticket_writes import NotFound

    fmt = _outreach_format(args)
    on = _day(args.on)
    with _policy_desk(args) as desk:
        try:
            listing = desk.outreach(args.item_id, args.batch, on=on, town=args.town)
        except NotFound:
            raise UsageError(f"ITEM_ID {args.item_id}: no such policy item in the desk's "
                             "catalogue (halldesk policies search TEXT lists them)") from None
        except ValidationError as exc:
            option, value = (("--batch", args.batch) if exc.field == "batch_id" else
                             ("ITEM_ID", args.item_id))
            raise UsageError(f"{option} {value}: {exc.message}（{exc.message_zh}）") from None
    if args.out is not None:
        path = export(listing, args.out, fmt)
        print(f"已写入 {path}（{len(listing.rows)} 家企业）：{summary_line(listing)}",
              file=sys.stderr if args.json else sys.stdout)
    if args.json:
        _print_json(listing.to_json())
    elif args.out is None and fmt == "csv":
        sys.stdout.write(write_csv(listing).lstrip("\ufeff"))
    elif args.out is None:
        b = listing.batch
        print(f"{listing.item_title}（{listing.item_id}）· {b['name']} "
              f"{b['opens']} 至 {b['closes']}")
        print(summary_line(listing))
        for r in listing.rows:
            print(f"{pad(OUTCOME_ZH[r.outcome], 8)} {r.credit_code or '':<18}  "
                  f"{pad(listing.town_name(r.town), 10)} {r.name}  {r.hint}".rstrip())
    return EXIT_OK


# -- the parser --------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "policies_run", None)
    if handler is None:
        args.parser.print_help()
        return EXIT_USAGE
    return handler(args)


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="policies_command", metavar="SUBCOMMAND")
    s = sub.add_parser("search", help="search the policy items (Chinese terms, titles, pinyin "
                                      "initials)", description="Search the redeemable items.")
    s.add_argument("text", metavar="TEXT", help="what to look for, e.g. 融资, 专利, gxjs")
    s.add_argument("--status", choices=("valid", "open_now", "closing_soon"),
                   help="only items in force (valid), open for application now (open_now) or "
                        "closing within 14 days (closing_soon)")
    s.add_argument("--limit", type=_positive, default=20, metavar="N",
                   help="at most N items (default 20)")
    s.add_argument("--on", metavar="DATE", help="judge the status on DATE (default today)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    desk_option(s)
    s.set_defaults(policies_run=_run_search, command="policies search")

    m = sub.add_parser("match", help="match one enterprise against every item, ranked",
                       description="Which items the enterprise qualifies for, and why.")
    m.add_argument("--enterprise", required=True, metavar="CREDIT_CODE",
                   help="the enterprise's unified social credit code (18 characters)")
    m.add_argument("--on", metavar="DATE", help="judge each item by its batch on DATE "
                                                "(default today)")
    m.add_argument("--all", action="store_true",
                   help="list the items it does not qualify for too, with why (text output; "
                        "--json always lists every item)")
    m.add_argument("--traces", action="store_true",
                   help="with --json: every condition's trace (value, required, actual, hint)")
    m.add_argument("--json", action="store_true", help="print one JSON object")
    desk_option(m)
    m.set_defaults(policies_run=_run_match, command="policies match")

    o = sub.add_parser("outreach", help="the outreach list of an item's open batch",
                       description="The enterprises in the desk's scope that are eligible or "
                                   "likely for the item and have no case yet.")
    o.add_argument("item_id", metavar="ITEM_ID", help="the redeemable item, e.g. pi-0071")
    o.add_argument("--batch", metavar="BATCH_ID",
                   help="the batch (default: the open one closing first)")
    o.add_argument("--format", choices=("xlsx", "csv"),
                   help="write the list as Excel or CSV (UTF-8 with BOM) to --out; csv "
                        "without --out prints it")
    o.add_argument("--out", type=Path, metavar="FILE",
                   help="the file to write (its suffix gives the format if --format is not set)")
    o.add_argument("--town", metavar="CODE", help="only enterprises of this town (a city hall "
                                                  "desk lists every town by default)")
    o.add_argument("--on", metavar="DATE", help="the day to judge on (default today)")
    o.add_argument("--json", action="store_true", help="print one JSON object")
    desk_option(o)
    o.set_defaults(policies_run=_run_outreach, command="policies outreach")
