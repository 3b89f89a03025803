"""The outreach list (主动服务清单): for one redeemable item's open batch, the enterprises
in a desk's scope that qualify (eligible) or probably qualify (likely: nothing failed,
something is unknown) and have no case for it yet, each with why — the verdict summary
(top-level requirements not met / missing) and the main hint ("缺少：研发费用占营业收入
比例（需提供：研发费用专项审计报告）").

``scan`` evaluates the item's rule over many stored profiles (their JSON form, as the
desk keeps them: ``core.eligibility.Matcher.scan``). The hint comes from the verdict's
traces, which parse the full profile; it is built only for *likely* enterprises and
cached by the facts the rule reads (the hint depends on nothing else), so thousands of
enterprises missing the same figure cost one trace.

``write_csv`` (UTF-8 with a BOM, so Excel reads the Chinese) and ``write_xlsx``
(openpyxl, imported when used; credit codes kept as text) export the list. Standard
library only otherwise; ``core`` imports nothing outside ``core``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.eligibility import MET, MISSING, SLOT, CompiledRule, Matcher, Verdict, scale_of

__all__ = ["COLUMNS", "OUTCOME_ZH", "OutreachList", "OutreachRow", "ProfileSource",
           "batch_fields", "main_hint", "rule_fields", "scan", "sort_rows", "table",
           "write_csv", "write_xlsx"]

OUTCOME_ZH = {"eligible": "符合", "likely": "可能符合", "not_eligible": "不符合"}
OUTCOME_EN = {"eligible": "eligible", "likely": "likely", "not_eligible": "not eligible"}
ALL_MET_ZH = "条件均已满足"
ALL_MET_EN = "every condition is met"
# the export's columns: (key, Chinese header, English header)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "企业名称", "enterprise"),
    ("credit_code", "统一社会信用代码", "credit code"),
    ("town", "所在镇街", "town"),
    ("outcome", "判断结果", "outcome"),
    ("unmet", "未满足条件数", "requirements not met"),
    ("missing", "缺少信息条件数", "requirements missing information"),
    ("hint", "主要提示", "main hint"),
)
# predicate -> the profile fields it reads
_PREDICATE_FIELDS = {"scale": ("industry", "employees", "revenue", "assets"),
                     "age_years": ("founded",), "years_in_town": ("town_since",),
                     "qualification": ("qualifications",),
                     "first_recognition": ("qualifications",)}


class ProfileSource(Protocol):
    """What ``scan`` reads of an enterprise (``sync.case_queries.ProfileRow`` fits)."""

    id: str
    credit_code: str | None
    name: str
    town: str | None
    profile: Mapping[str, Any]


@dataclass(frozen=True)
class OutreachRow:
    enterprise_id: str
    name: str
    credit_code: str | None
    town: str | None                # town code
    outcome: str                    # eligible | likely
    unmet: int                      # top-level requirements not met (0 for both outcomes)
    missing: int                    # top-level requirements with information missing
    hint: str                       # the main hint ("" when eligible)

    def to_json(self) -> dict[str, Any]:
        return {"enterprise_id": self.enterprise_id, "name": self.name,
                "credit_code": self.credit_code, "town": self.town, "outcome": self.outcome,
                "unmet": self.unmet, "missing": self.missing, "hint": self.hint}


@dataclass(frozen=True)
class OutreachList:
    """The list for one item's batch on one day, and what the scan saw."""

    item_id: str
    item_title: str
    batch: Mapping[str, Any]        # id, name, opens, closes, reference_date, status
    on: dt.date
    town: str | None                # the scope: a town code, None for the whole city
    rows: tuple[OutreachRow, ...]
    scanned: int                    # profiles evaluated
    with_case: int                  # eligible or likely, left out: a case exists
    not_eligible: int
    seconds: float = 0.0
    town_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def eligible(self) -> int:
        return sum(r.outcome == "eligible" for r in self.rows)

    @property
    def likely(self) -> int:
        return sum(r.outcome == "likely" for r in self.rows)

    def town_name(self, code: str | None) -> str:
        return self.town_names.get(code or "", code or "")

    def to_json(self) -> dict[str, Any]:
        return {"item_id": self.item_id, "item_title": self.item_title,
                "batch": dict(self.batch), "on": self.on.isoformat(), "scope_town": self.town,
                "counts": {"scanned": self.scanned, "eligible": self.eligible,
                           "likely": self.likely, "with_case": self.with_case,
                           "not_eligible": self.not_eligible},
                "rows": [{**r.to_json(), "town_name": self.town_name(r.town)}
                         for r in self.rows]}


# ---------------------------------------------------------------- the scan

def rule_fields(tree: Mapping[str, Any]) -> tuple[str, ...]:
    """The profile fields a rule reads (its leaves' fields and predicates' inputs)."""
    seen: dict[str, None] = {}

    def walk(t: Any) -> None:
        if not isinstance(t, Mapping):
            return
        for key in ("all", "any"):
            for child in t.get(key) or ():
                walk(child)
        if "not" in t:
            walk(t["not"])
        if "field" in t:
            seen[t["field"]] = None
            if t["field"] == "entity_type":
                seen["credit_code"] = None
        elif "predicate" in t:
            for name in _PREDICATE_FIELDS.get(t["predicate"], ()):
                seen[name] = None
    walk(tree)
    return tuple(seen)


def main_hint(verdict: Verdict, lang: str = "zh") -> str:
    """What would most help: the first missing requirement's hint, else the first unmet
    one's (not the moot alternatives beside a met one); "" when every condition is met."""
    if verdict.outcome == "eligible":
        return ""
    traces = [t for t in verdict.traces(lang) if t.hint and not t.moot]
    for wanted in ("missing", "not_met"):
        for t in traces:
            if t.value == wanted:
                return t.hint
    return ""


def _leaf_values(compiled: CompiledRule, own: Sequence[int]) -> list[tuple[int, int]]:
    """(leaf index, value) of the leaves that are not moot, in document order, given each
    leaf's own value (before a surrounding ``not``): the values and the mootness
    ``core.eligibility_text.traces`` gives them."""
    leaves = iter(enumerate(compiled.leaves))

    def walk(t: Mapping[str, Any], neg: bool) -> tuple[int, list[tuple[int, int]]]:
        if "not" in t:
            return walk(t["not"], not neg)
        key = "all" if "all" in t else "any" if "any" in t else None
        if key is None:
            i, leaf = next(leaves)
            value = MET - own[i] if leaf.negated else own[i]
            return value, [(i, value)]
        kids = [walk(c, neg) for c in t[key]]
        either = (key == "any") != neg
        val = (max if either else min)(v for v, _ in kids)
        out: list[tuple[int, int]] = []
        for v, found in kids:
            if not (either and val == MET and v != MET):
                out += found
        return val, out
    return walk(compiled.tree, False)[1]


def _first_missing(compiled: CompiledRule, view: list, memo: dict[tuple, int | None]
                   ) -> int | None:
    """The first leaf (in document order, not moot) whose information is missing. The
    tree walk runs once per combination of leaf values (``memo``): a scan meets few."""
    own = tuple(leaf.fn(view) for leaf in compiled.leaves)
    key = (id(compiled), own)
    if key not in memo:
        memo[key] = next((i for i, v in _leaf_values(compiled, own) if v == MISSING), None)
    return memo[key]


def _hint_key(compiled: CompiledRule, view: list, data: Mapping[str, Any],
              memo: dict[tuple, int | None]) -> tuple | None:
    """For a *likely* verdict: the first missing requirement's leaf and what its hint's
    text depends on (so equal keys give equal hints), or None (use ``main_hint``).

    A field leaf is missing when the fact is unknown (hint: the field and the material),
    when its value lies outside the reference date's window (hint: also the fact's date),
    or, for an industry code too coarse to decide, by the code itself; ``scale`` by the
    inputs 300号 still needs (or a sector it does not cover); the other predicates only
    when their one input is unknown."""
    index = _first_missing(compiled, view, memo)
    if index is None:
        return None
    t = compiled.leaves[index].tree
    if "field" in t:
        name = t["field"]
        if name == "entity_type":
            return (index,)
        fact = data.get(name)
        if not fact:
            return (index, None)
        if view[SLOT[name]] is None:
            return (index, "window", fact.get("as_of"))
        if name == "industry":
            return (index, "industry", fact.get("value"))
        return None
    if t.get("predicate") == "scale":
        sc = scale_of(view)
        return (index, "scale", sc.covered, None if sc.covered else sc.basis, tuple(sc.missing))
    return (index,)


def scan(matcher: Matcher, item_id: str, profiles: Iterable[ProfileSource], today: dt.date,
         batch_id: str | None = None, exclude: Iterable[str] = (), *, lang: str = "zh",
         include_not_eligible: bool = False
         ) -> tuple[list[OutreachRow], dict[str, int]]:
    """Evaluate ``item_id`` (judged by ``batch_id``, default the batch ``Matcher`` picks)
    over ``profiles``; the eligible and likely ones not in ``exclude`` (enterprise ids
    with a case already), unsorted, and counts: scanned, with_case, not_eligible."""
    excluded = frozenset(exclude)
    hints: dict[tuple, str] = {}
    first_missing: dict[tuple, int | None] = {}
    rows: list[OutreachRow] = []
    counts = {"scanned": 0, "with_case": 0, "not_eligible": 0}
    current: list[ProfileSource] = []

    def stored(src_iter: Iterable[ProfileSource]) -> Iterable[Mapping[str, Any]]:
        for src in src_iter:
            current[:] = (src,)
            yield src.profile

    for verdict in matcher.scan(item_id, stored(profiles), today, batch_id):
        src = current[0]
        counts["scanned"] += 1
        outcome = verdict.outcome
        if outcome == "not_eligible" and not include_not_eligible:
            counts["not_eligible"] += 1
            continue
        if src.id in excluded:
            counts["with_case"] += 1
            continue
        if outcome == "eligible":
            hint = ""
        else:
            compiled, view, _ = verdict.context
            key = (_hint_key(compiled, view, src.profile, first_missing)
                   if outcome == "likely" else None)
            hint = hints.get(key) if key is not None else None
            if hint is None:
                hint = main_hint(verdict, lang)
                if key is not None:
                    hints[key] = hint
        rows.append(OutreachRow(src.id, src.name, src.credit_code, src.town, outcome,
                                verdict.unmet, verdict.missing, hint))
    return rows, counts


_ORDER = {"eligible": 0, "likely": 1, "not_eligible": 2}


def sort_rows(rows: Iterable[OutreachRow]) -> list[OutreachRow]:
    """Eligible first, then likely with the fewest missing requirements; then by town and
    name (a navigator phones one town after another)."""
    return sorted(rows, key=lambda r: (_ORDER[r.outcome], r.missing, r.unmet, r.town or "",
                                       r.name, r.credit_code or ""))


def batch_fields(batch: Any, today: dt.date) -> dict[str, Any]:
    """A ``core.catalogue.Batch`` as the list reports it."""
    return {"id": batch.id, "name": batch.name, "opens": batch.opens.isoformat(),
            "closes": batch.closes.isoformat(),
            "reference_date": batch.reference_date.isoformat(),
            "status": str(batch.status_on(today))}


# ---------------------------------------------------------------- exports

def table(listing: OutreachList, lang: str = "zh") -> list[list[Any]]:
    """The header row and one row per enterprise, as both exports write them."""
    zh = lang == "zh"
    header = [zh_name if zh else en_name for _, zh_name, en_name in COLUMNS]
    names = OUTCOME_ZH if zh else OUTCOME_EN
    out: list[list[Any]] = [header]
    for r in listing.rows:
        out.append([r.name, r.credit_code or "", listing.town_name(r.town), names[r.outcome],
                     r.unmet, r.missing, r.hint or (ALL_MET_ZH if zh else ALL_MET_EN)])
    return out


def _about(listing: OutreachList, lang: str) -> list[tuple[str, str]]:
    b = listing.batch
    zh = lang == "zh"
    scope = listing.town_name(listing.town) if listing.town else ("全市" if zh else "citywide")
    rows = [("兑现事项" if zh else "item", f"{listing.item_title}（{listing.item_id}）"),
            ("申报批次" if zh else "batch", f"{b.get('name', '')}（{b.get('id', '')}）"),
            ("申报时间" if zh else "window", f"{b.get('opens', '')} 至 {b.get('closes', '')}"),
            ("基准日" if zh else "reference date", str(b.get("reference_date", ""))),
            ("范围" if zh else "scope", scope),
            ("生成日期" if zh else "made on", listing.on.isoformat()),
            ("符合" if zh else "eligible", str(listing.eligible)),
            ("可能符合" if zh else "likely", str(listing.likely)),
            ("已有帮办案件（未列入）" if zh else "with a case (left out)", str(listing.with_case)),
            ("已比对企业数" if zh else "enterprises checked", str(listing.scanned))]
    return rows


def write_csv(listing: OutreachList, target: str | Path | io.TextIOBase | None = None,
              lang: str = "zh") -> str:
    """The list as CSV, UTF-8 with a BOM (so Excel opens the Chinese correctly). Written
    to ``target`` (a path or a text stream) and returned as text (with the BOM)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(table(listing, lang))
    text = "\ufeff" + buf.getvalue()
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(text.encode("utf-8"))
    elif target is not None:
        target.write(text)
    return text


def write_xlsx(listing: OutreachList, path: str | Path, lang: str = "zh") -> Path:
    """The list as an Excel workbook: the table (header frozen, filterable, credit codes
    as text) on the first sheet, what it is about on a second one."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    zh = lang == "zh"
    rows = table(listing, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "主动服务清单" if zh else "Outreach"
    for row in rows:
        sheet.append(row)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8F0E9")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    code_col = [k for k, *_ in COLUMNS].index("credit_code") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=code_col, max_col=code_col):
        cell.number_format = "@"
    widths = {"name": 36, "credit_code": 22, "town": 12, "outcome": 10, "unmet": 12,
              "missing": 14, "hint": 70}
    for i, (key, *_) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = widths[key]
    hint_col = [k for k, *_ in COLUMNS].index("hint") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=hint_col, max_col=hint_col):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(rows))}"
    about = book.create_sheet("说明" if zh else "About")
    for key, value in _about(listing, lang):
        about.append([key, value])
    for cell in about["A"]:
        cell.font = bold
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 70
    path = Path(path)
    book.save(path)
    return path


def export(listing: OutreachList, path: str | Path, fmt: str | None = None,
           lang: str = "zh") -> Path:
    """Write ``path`` as ``fmt`` (``xlsx`` | ``csv``; default: by the file's suffix)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "xlsx").lower()
    if fmt == "xlsx":
        return write_xlsx(listing, path, lang)
    if fmt == "csv":
        write_csv(listing, path, lang)
        return path
    raise ValueError(f"format: expected xlsx or csv, got {fmt!r}")


def summary_line(listing: OutreachList, lang: str = "zh") -> str:
    if lang == "zh":
        return (f"符合 {listing.eligible} 家，可能符合 {listing.likely} 家"
                f"（已比对 {listing.scanned} 家；已有帮办案件 {listing.with_case} 家未列入）")
    return (f"{listing.eligible} eligible, {listing.likely} likely ({listing.scanned} checked; "
            f"{listing.with_case} with a case left out)")


SortKey = Callable[[OutreachRow], Any]
SORT_KEYS: Mapping[str, SortKey] = {
    "name": lambda r: r.name, "credit_code": lambda r: r.credit_code or "",
    "town": lambda r: r.town or "", "outcome": lambda r: (_ORDER[r.outcome], r.missing),
    "unmet": lambda r: r.unmet, "missing": lambda r: r.missing, "hint": lambda r: r.hint}


def sorted_by(rows: Sequence[OutreachRow], key: str, descending: bool = False
              ) -> list[OutreachRow]:
    """Rows sorted by one column (``SORT_KEYS``), ties in the default order."""
    base = sort_rows(rows)
    return sorted(base, key=SORT_KEYS[key], reverse=descending)
