"""The eligibility engine: a catalogue rule tree × an enterprise profile → a verdict.

Every leaf is met, not met or missing information; ``all`` / ``any`` / ``not`` combine
them by Kleene's logic (not_met < missing < met: all = min, any = max, not = flip, so
``not(missing)`` stays missing). The root gives the outcome: eligible (met), likely
(missing: nothing failed, something is unknown) or not_eligible.

Conditions are evaluated at the batch's **reference date** R, not today: qualifications
must be valid on R, ``age_years`` / ``years_in_town`` count up to R, annual figures
count only when their period ends in the year up to R (R - 1 year < as_of <= R), other
facts are states that hold from when they were seen until replaced.

Rules are compiled once into closures over a per-profile "view" (a list indexed by
field, resolved once per reference date), so matching one enterprise against a whole
catalogue and scanning many enterprises for one item stay cheap. The readable texts
(``describe``, ``Verdict.traces``) live in ``core.eligibility_text`` and are built only
when asked for. Docs: docs/eligibility.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from core.catalogue import (
    FIELDS,
    OPS_BY_TYPE,
    PREDICATES,
    QUALIFICATIONS,
    SCALES,
    TAX_CREDIT_LEVELS,
    BatchStatus,
    Catalogue,
    Condition,
    PolicyItem,
)
from core.enterprise import ANNUAL, DATE_FIELDS, EnterpriseProfile
from core.scale import ScaleResult, classify

__all__ = ["MET", "MISSING", "NOT_MET", "CompiledRule", "Matcher", "RuleError", "Trace",
           "Verdict", "compile_rule", "describe", "evaluate", "matcher_for", "rank"]

NOT_MET, MISSING, MET = 0, 1, 2
VALUE_NAMES = ("not_met", "missing", "met")
OUTCOMES = ("not_eligible", "likely", "eligible")          # indexed by the root value
RULE_FIELDS = tuple(FIELDS)
SLOT = {name: i for i, name in enumerate(RULE_FIELDS)}
S_SCALE, S_SCALE_RESULT, S_QUALS, S_REF, S_KEY, S_OWNER = range(len(SLOT), len(SLOT) + 6)
N_SLOTS = len(SLOT) + 6
LEVEL = {level: i for i, level in enumerate(TAX_CREDIT_LEVELS)}
OPEN = (BatchStatus.OPEN, BatchStatus.CLOSING_SOON)
YEARS_SINCE = {"age_years": "founded", "years_in_town": "town_since"}   # predicate -> date field
# how a stored JSON fact is read: (field, slot, is a date, is an annual figure)
_JSON_FIELDS = tuple((n, SLOT[n], n in DATE_FIELDS, n in ANNUAL) for n in RULE_FIELDS)


class RuleError(ValueError):
    """A rule the engine cannot evaluate (unknown field, op or predicate; bad value)."""


# ---------------------------------------------------------------- dates
@lru_cache(maxsize=4096)
def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:                       # 29 February
        return day.replace(year=day.year - 1, day=28)


@lru_cache(maxsize=65536)
def anniversary(day: dt.date, years: float) -> dt.date:
    """``day`` plus ``years`` (fractions as whole months); 29 Feb → 28 Feb."""
    months = day.month - 1 + round(years * 12)
    y, m = day.year + months // 12, months % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(d, day.day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def full_years(start: dt.date, day: dt.date) -> int:
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


# ---------------------------------------------------------------- the view of a profile
class Resolved:
    """A profile's values as the compiled rules read them (a list indexed by SLOT), one
    view per reference date. Built from an ``EnterpriseProfile`` or, for scans over many
    stored profiles, straight from its JSON form (``to_json()``'s shape, assumed already
    valid), the full profile being parsed only if a trace asks for provenance."""

    __slots__ = ("annual", "base", "source", "views")

    def __init__(self, profile: EnterpriseProfile | Mapping[str, Any]) -> None:
        self.views, base, annual = {}, [None] * N_SLOTS, []
        self.source = base[S_OWNER] = _Source(profile)   # views point here: no cycle
        date = dt.date.fromisoformat
        if isinstance(profile, EnterpriseProfile):
            get = profile.__getattribute__
            facts = [(slot, f.value, yearly and f.as_of) for n, slot, _, yearly in _JSON_FIELDS
                     if (f := get(n)) is not None]
            code = profile.credit_code.value if profile.credit_code else None
            quals = profile.qualifications and [
                (q.code, q.valid_from, q.valid_to) for q in profile.qualifications.value]
        else:
            facts = [(slot, date(d["value"]) if is_date else d["value"],
                      yearly and date(d["as_of"]))
                     for n, slot, is_date, yearly in _JSON_FIELDS if (d := profile.get(n))]
            code = (profile.get("credit_code") or {}).get("value")
            quals = (q := profile.get("qualifications")) and [
                (r["code"], date(r["valid_from"]), r.get("valid_to") and date(r["valid_to"]))
                for r in q["value"]]
        for slot, value, as_of in facts:
            if as_of:
                annual.append((slot, as_of, value))
            else:
                base[slot] = LEVEL[value] if slot == _S_LEVEL else value
        if base[_S_ENTITY] is None and code:
            base[_S_ENTITY] = code[:2]
        if quals is not None:
            held: dict[str, list] = {}
            for qcode, start, end in quals:
                held.setdefault(qcode, []).append((start, end))
            base[S_QUALS] = held
        self.base, self.annual = base, annual

    @property
    def profile(self) -> EnterpriseProfile:
        return self.source.profile

    def at(self, ref: dt.date) -> list:
        view = self.views.get(ref)
        if view is None:
            view = self.base.copy()
            low, key = year_before(ref), 0
            for bit, (slot, as_of, value) in enumerate(self.annual):
                if low < as_of <= ref:
                    view[slot] = value
                    key |= 1 << bit
            view[S_KEY], view[S_REF] = key, ref
            self.views[ref] = view
        return view


_S_LEVEL, _S_ENTITY = SLOT["tax_credit_level"], SLOT["entity_type"]


class _Source:
    """The profile (or its JSON form, parsed when first needed) and its scale results."""

    __slots__ = ("_data", "_profile", "scales")

    def __init__(self, profile: EnterpriseProfile | Mapping[str, Any]) -> None:
        self.scales: dict[int, ScaleResult] = {}
        self._profile, self._data = ((profile, None) if isinstance(profile, EnterpriseProfile)
                                     else (None, profile))

    @property
    def profile(self) -> EnterpriseProfile:
        if self._profile is None:
            self._profile = EnterpriseProfile.from_json(self._data)
        return self._profile


def scale_of(view: list) -> ScaleResult:
    """The view's scale (computed on first use, shared by views with the same figures)."""
    result = view[S_SCALE_RESULT]
    if result is None:
        owner, key = view[S_OWNER], view[S_KEY]
        result = owner.scales.get(key)
        if result is None:
            result = owner.scales[key] = classify(
                view[SLOT["industry"]], view[SLOT["employees"]], view[SLOT["revenue"]],
                view[SLOT["assets"]])
        view[S_SCALE], view[S_SCALE_RESULT] = result.range, result
    return result


# ---------------------------------------------------------------- compiling
@dataclass(frozen=True)
class Leaf:
    tree: dict
    negated: bool                  # under an odd number of ``not``
    fn: Callable[[list], int]      # the leaf's own value (before negation)


class CompiledRule:
    """A rule as closures: ``conjuncts`` are the top-level requirements (the children of
    a root ``all``, else the root), ``leaves`` every leaf in document order."""

    __slots__ = ("conjuncts", "leaves", "tree")

    def __init__(self, tree: dict) -> None:
        self.tree, self.leaves = tree, []
        if isinstance(tree, dict) and isinstance(tree.get("all"), list) and tree["all"]:
            self.conjuncts = [self._node(t, f"rule.all[{i}]", False)
                              for i, t in enumerate(tree["all"])]
        else:
            self.conjuncts = [self._node(tree, "rule", False)]

    def value(self, view: list) -> tuple[int, int, int]:
        """(root value, top-level requirements not met, top-level requirements missing)."""
        unmet = missing = 0
        for c in self.conjuncts:
            v = c(view)
            if v != MET:
                if v == NOT_MET:
                    unmet += 1
                else:
                    missing += 1
        return (NOT_MET if unmet else MISSING if missing else MET), unmet, missing

    def _node(self, t: Any, where: str, neg: bool) -> Callable[[list], int]:
        if not isinstance(t, dict):
            raise RuleError(f"{where}: expected a condition object, got {t!r}")
        for key in ("all", "any"):
            if key in t:
                kids = t[key]
                if not isinstance(kids, list) or not kids:
                    raise RuleError(f"{where}.{key}: expected a non-empty list")
                cs = [self._node(c, f"{where}.{key}[{i}]", neg) for i, c in enumerate(kids)]
                return cs[0] if len(cs) == 1 else (_all(cs) if key == "all" else _any(cs))
        if "not" in t:
            c = self._node(t["not"], f"{where}.not", not neg)
            return lambda view: MET - c(view)
        try:
            if "predicate" in t:
                fn = _predicate(t["predicate"], t.get("args") or {})
            elif "field" in t:
                fn = _field(t["field"], t.get("op"), t.get("value"))
            else:
                raise RuleError(f"expected all, any, not, field or predicate, got {sorted(t)}")
        except RuleError as exc:
            raise RuleError(f"{where}: {exc}") from None
        except (TypeError, ValueError, KeyError) as exc:
            raise RuleError(f"{where}: bad value for {t.get('field') or t.get('predicate')} "
                            f"({exc!r})") from None
        self.leaves.append(Leaf(t, neg, fn))
        return fn


def _all(cs: list) -> Callable[[list], int]:
    def f(view: list) -> int:
        r = MET
        for c in cs:
            v = c(view)
            if v < r:
                if v == NOT_MET:
                    return NOT_MET
                r = v
        return r
    return f


def _any(cs: list) -> Callable[[list], int]:
    def f(view: list) -> int:
        r = NOT_MET
        for c in cs:
            v = c(view)
            if v > r:
                if v == MET:
                    return MET
                r = v
        return r
    return f


def _field(name: Any, op: Any, value: Any) -> Callable[[list], int]:
    if name not in FIELDS:
        raise RuleError(f"unknown field {name!r}; expected one of {', '.join(FIELDS)}")
    kind = FIELDS[name]
    if op not in OPS_BY_TYPE[kind]:
        raise RuleError(f"unknown op {op!r} for field {name}; expected one of "
                        + ", ".join(OPS_BY_TYPE[kind]))
    i = SLOT[name]
    if kind == "industry":
        test = _industry(op, value)
        return lambda view: MISSING if (v := view[i]) is None else test(v)
    conv: Callable[[Any], Any] = {"level": LEVEL.__getitem__,
                                  "date": dt.date.fromisoformat}.get(kind, lambda x: x)
    if op in ("in", "not_in", "prefix"):
        xs = [conv(x) for x in value]
        if op == "prefix":
            p = tuple(xs)
            return lambda view: MISSING if (v := view[i]) is None else (
                MET if v.startswith(p) else NOT_MET)
        s, hit = frozenset(xs), (MET if op == "in" else NOT_MET)
        return lambda view: MISSING if (v := view[i]) is None else (hit if v in s else MET - hit)
    if op == "between":
        lo, hi = conv(value[0]), conv(value[1])
        return lambda view: MISSING if (v := view[i]) is None else (
            MET if lo <= v <= hi else NOT_MET)
    x = conv(value)
    if kind == "bool" and not isinstance(x, bool):
        raise RuleError(f"field {name} takes true or false, got {value!r}")
    if op in ("gte", "at_least"):      # the commonest ops, inlined
        return lambda view: MISSING if (v := view[i]) is None else (MET if v >= x else NOT_MET)
    if op == "eq":
        return lambda view: MISSING if (v := view[i]) is None else (MET if v == x else NOT_MET)
    cmp = {"ne": lambda v: v != x, "gt": lambda v: v > x, "lt": lambda v: v < x,
           "lte": lambda v: v <= x, "at_most": lambda v: v <= x}[op]
    return lambda view: MISSING if (v := view[i]) is None else (MET if cmp(v) else NOT_MET)


def _industry(op: str, value: Any) -> Callable[[str], int]:
    """Industry codes are a hierarchy: a profile code coarser than the rule's (C39 against
    C3911, or C against prefix C39) cannot decide, so it is missing information."""
    vals = tuple(value) if isinstance(value, list) else (value,)
    memo: dict[str, int] = {}
    exact = op in ("eq", "ne", "in", "not_in")

    def test(code: str) -> int:
        r = memo.get(code)
        if r is None:
            hit = code in vals if exact else code.startswith(vals)
            r = MET if hit else MISSING if any(x.startswith(code) for x in vals) else NOT_MET
            memo[code] = r = MET - r if op in ("ne", "not_in") else r
        return r
    return test


def scale_set(args: Mapping[str, Any]) -> frozenset[int]:
    """The scales (indices into SCALES) a ``scale`` predicate admits."""
    if "in" in args:
        return frozenset(SCALES.index(s) for s in args["in"])
    if "at_most" in args:
        return frozenset(range(SCALES.index(args["at_most"]) + 1))
    return frozenset(range(SCALES.index(args["at_least"]), len(SCALES)))


def _predicate(name: Any, args: Mapping[str, Any]) -> Callable[[list], int]:
    if name == "scale":
        if len(args) != 1 or next(iter(args)) not in ("at_most", "at_least", "in"):
            raise RuleError(f"scale takes exactly one of at_most, at_least, in; got {args!r}")
        ok = scale_set(args)
        table = {(lo, hi): MET if all(k in ok for k in range(lo, hi + 1)) else
                 MISSING if any(k in ok for k in range(lo, hi + 1)) else NOT_MET
                 for lo in range(4) for hi in range(lo, 4)}
        return lambda view: table[view[S_SCALE] or scale_of(view).range]
    if name in YEARS_SINCE:                  # age_years, years_in_town: counted up to R
        if not args or set(args) - {"at_least", "at_most"}:
            raise RuleError(f"{name} takes at_least and/or at_most; got {args!r}")
        least, most, f = args.get("at_least"), args.get("at_most"), SLOT[YEARS_SINCE[name]]

        def years(view: list) -> int:
            since = view[f]
            if since is None:
                return MISSING
            ref = view[S_REF]
            if since > ref or (least is not None and ref < anniversary(since, least)):
                return NOT_MET
            return NOT_MET if most is not None and ref > anniversary(since, most) else MET
        return years
    if name in ("qualification", "first_recognition"):
        code = args.get("code")
        if code not in QUALIFICATIONS:
            raise RuleError(f"unknown qualification code {code!r}")

        def qual(view: list) -> int:
            held = view[S_QUALS]
            if held is None:
                return MISSING
            ref = view[S_REF]
            for start, end in held.get(code, ()):
                if start <= ref and (end is None or ref <= end):
                    return MET
            return NOT_MET
        if name == "qualification":
            return qual

        def first(view: list) -> int:       # held on R, first obtained in the year up to R
            if (r := qual(view)) != MET:
                return r
            ref = view[S_REF]
            return MET if year_before(ref) < min(s for s, _ in view[S_QUALS][code]) else NOT_MET
        return first
    raise RuleError(f"unknown predicate {name!r}; expected one of {', '.join(PREDICATES)}")


_COMPILED: dict[int, tuple[Any, CompiledRule]] = {}


def compile_rule(rule: Condition | dict) -> CompiledRule:
    """Compile (cached by the rule tree's identity) a rule for evaluation."""
    tree = rule.tree if isinstance(rule, Condition) else rule
    hit = _COMPILED.get(id(tree))
    if hit is not None and hit[0] is tree:
        return hit[1]
    compiled = CompiledRule(tree)
    if len(_COMPILED) > 50000:
        _COMPILED.clear()
    _COMPILED[id(tree)] = (tree, compiled)
    return compiled


# ---------------------------------------------------------------- verdicts
@dataclass(frozen=True)
class Trace:
    """One leaf, evaluated. ``value`` and ``required`` take a surrounding ``not`` into
    account (``negated``); ``actual`` is the enterprise's value with its provenance;
    ``hint`` says what would make it met (empty when met)."""

    label: str
    clause: str
    material: str | None
    required: str
    actual: str
    value: str                      # met | not_met | missing
    hint: str
    key: str                        # the field or predicate
    negated: bool = False
    detail: str = ""                # e.g. the scale rule applied
    moot: bool = False              # an alternative beside it is met: it need not be


class Verdict(NamedTuple):
    """The result for one rule (and, from a Matcher, one item and batch)."""

    outcome: str                    # eligible | likely | not_eligible
    reference_date: dt.date
    unmet: int                      # top-level requirements not met
    missing: int                    # top-level requirements with information missing
    item_id: str | None = None
    batch_id: str | None = None
    batch_status: str | None = None
    amount: int | None = None
    context: tuple | None = None    # (CompiledRule, view, names): for the traces

    @property
    def open(self) -> bool:
        return self.batch_status in OPEN

    def traces(self, lang: str = "zh") -> tuple[Trace, ...]:
        """Every leaf of the rule, in document order, with its value and texts."""
        from core.eligibility_text import traces
        return traces(self, lang) if self.context is not None else ()

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        out = {k: v for k, v in self._asdict().items() if k != "context"}
        out["reference_date"] = self.reference_date.isoformat()
        out["traces"] = [t.__dict__ for t in self.traces(lang)]
        return out


def describe(condition: Condition | dict, lang: str = "zh",
             names: Mapping[str, Mapping[str, str]] | None = None,
             reference_date: dt.date | None = None, negated: bool = False) -> str:
    """A condition in words (``纳税信用等级 M 级或以上``); see ``core.eligibility_text``."""
    from core.eligibility_text import describe as text
    return text(condition, lang, names, reference_date, negated)


def evaluate(rule: Condition | dict, profile: EnterpriseProfile | Mapping[str, Any],
             reference_date: dt.date,
             names: Mapping[str, Mapping[str, str]] | None = None) -> Verdict:
    """Evaluate ``rule`` for ``profile`` at ``reference_date``. ``names`` (optional:
    ``{"towns": {code: name}, "materials": {id: name}}``) makes the traces readable."""
    compiled = compile_rule(rule)
    view = Resolved(profile).at(reference_date)
    root, unmet, missing = compiled.value(view)
    return Verdict(OUTCOMES[root], reference_date, unmet, missing,
                   context=(compiled, view, names or {}))


# ---------------------------------------------------------------- matching a catalogue
def pick_batch(item: PolicyItem, today: dt.date) -> tuple[Any, str | None]:
    """The batch an item is judged by on ``today``: the open one closing first, else the
    next to open, else the last closed; (None, None) for an item without batches."""
    best, key = None, None
    for b in item.batches:
        status = b.status_on(today)
        k = ((0, b.closes.toordinal()) if status in OPEN else
             (1, b.opens.toordinal()) if status == BatchStatus.UPCOMING else
             (2, -b.closes.toordinal()))
        if key is None or k < key:
            best, key = (b, str(status)), k
    return best or (None, None)


class Matcher:
    """Compiled rules for a set of items (a catalogue's), matched against profiles."""

    def __init__(self, items: Iterable[PolicyItem],
                 names: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.items = {it.id: it for it in items}
        self.rules = {i: compile_rule(it.rule) for i, it in self.items.items()}
        self.names = names or {}
        self._plans: dict[dt.date, list] = {}

    def plan(self, today: dt.date) -> list[tuple]:
        """(item, batch, reference date, batch status, compiled rule) per item."""
        plan = self._plans.get(today)
        if plan is None:
            plan = []
            for iid, item in self.items.items():
                batch, status = pick_batch(item, today)
                ref = batch.reference_date if batch else today
                plan.append((item, batch, ref, status, self.rules[iid]))
            if len(self._plans) > 8:
                self._plans.clear()
            self._plans[today] = plan
        return plan

    def match(self, profile: EnterpriseProfile | Mapping[str, Any],
              today: dt.date) -> list[Verdict]:
        """One verdict per item (unranked; see ``rank``), each at its batch's date."""
        res, names, out = Resolved(profile), self.names, []
        at, append = res.at, out.append
        for item, batch, ref, status, rule in self.plan(today):
            view = at(ref)
            root, unmet, missing = rule.value(view)
            append(Verdict(OUTCOMES[root], ref, unmet, missing, item.id,
                           batch.id if batch else None, status, item.amount_max,
                           (rule, view, names)))
        return out

    def verdict(self, profile: EnterpriseProfile | Mapping[str, Any], item_id: str,
                today: dt.date, batch_id: str | None = None) -> Verdict:
        return next(self.scan(item_id, (profile,), today, batch_id))

    def scan(self, item_id: str, profiles: Iterable[EnterpriseProfile | Mapping[str, Any]],
             today: dt.date, batch_id: str | None = None) -> Iterator[Verdict]:
        """One item over many profiles (the outreach list), in the profiles' order. A
        profile may be given in its JSON form (as stored), which is faster."""
        item, rule = self.items[item_id], self.rules[item_id]
        if batch_id is None:
            batch, status = pick_batch(item, today)
        else:
            batch = next(b for b in item.batches if b.id == batch_id)
            status = str(batch.status_on(today))
        ref = batch.reference_date if batch else today
        bid, names = (batch.id if batch else None), self.names
        for profile in profiles:
            view = Resolved(profile).at(ref)
            root, unmet, missing = rule.value(view)
            yield Verdict(OUTCOMES[root], ref, unmet, missing, item_id, bid, status,
                          item.amount_max, (rule, view, names))


_MATCHERS: dict[int, tuple[Catalogue, Matcher]] = {}


def matcher_for(catalogue: Catalogue) -> Matcher:
    """The (cached) Matcher over every item of ``catalogue``."""
    hit = _MATCHERS.get(id(catalogue))
    if hit is not None and hit[0] is catalogue:
        return hit[1]
    names = {"towns": {t.code: t.name for t in catalogue.towns},
             "materials": {m.id: m.name for m in catalogue.materials}}
    matcher = Matcher(catalogue.items, names)
    if len(_MATCHERS) >= 4:
        _MATCHERS.clear()
    _MATCHERS[id(catalogue)] = (catalogue, matcher)
    return matcher


_ORDER = {"eligible": 0, "likely": 1, "not_eligible": 2}


def rank(verdicts: Iterable[Verdict]) -> list[Verdict]:
    """Eligible first; then likely, fewest missing first; then not eligible, fewest unmet
    first; ties: an open batch first, then the larger amount, then the item id."""
    return sorted(verdicts, key=lambda v: (
        _ORDER[v.outcome], v.missing if v.outcome == "likely" else
        v.unmet if v.outcome == "not_eligible" else 0,
        not v.open, -(v.amount or 0), v.item_id or ""))
