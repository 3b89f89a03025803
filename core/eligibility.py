"""The eligibility engine: a catalogue rule tree × an enterprise profile → a verdict.

Every leaf evaluates to one of three values — met, not met, missing information — and
``all`` / ``any`` / ``not`` combine them by Kleene's logic (not_met < missing < met:
all = min, any = max, not = flip), so ``any(met, missing)`` is met, ``all(met, missing)``
is missing and ``not(missing)`` stays missing. The root value gives the outcome:
eligible (met), likely (missing: nothing failed, something is unknown) or not_eligible.

Conditions are evaluated at the batch's **reference date** R, not today:

* qualifications must be valid on R; ``age_years`` is counted up to R (a company
  founded after R fails it);
* annual figures (revenue, assets, export_value, rd_ratio, revenue_growth) are used only
  when their ``as_of`` (the period's last day) falls in the year up to R
  (R - 1 year < as_of <= R): a later year's figure or one more than a year old is
  missing information, and the trace says which period is needed;
* other facts are states, taken to hold from when they were seen until a newer fact
  replaces them (one seen after R is used, and the trace marks it).

Rules are compiled once into closures over a per-profile "view" (a list indexed by
field, resolved once per reference date), so matching one enterprise against a whole
catalogue and scanning many enterprises for one item stay cheap; the readable traces
are built only when asked for. Docs: docs/eligibility.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
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
from core.enterprise import (
    ANNUAL,
    FIELD_LABELS,
    IDENTITY,
    QUALIFICATIONS_EN,
    EnterpriseProfile,
    format_value,
)
from core.scale import INPUTS, SCALE_ZH, ScaleResult, classify

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
        if isinstance(profile, EnterpriseProfile):
            get = profile.__getattribute__
            facts = [(n, f.value, f.as_of) for n in RULE_FIELDS if (f := get(n)) is not None]
            code = profile.credit_code.value if profile.credit_code else None
            quals = profile.qualifications and [
                (q.code, q.valid_from, q.valid_to) for q in profile.qualifications.value]
        else:
            date = dt.date.fromisoformat
            facts = [(n, date(d["value"]) if n == "founded" else d["value"],
                      date(d["as_of"]) if n in ANNUAL else None)
                     for n in RULE_FIELDS if (d := profile.get(n))]
            code = (profile.get("credit_code") or {}).get("value")
            quals = (q := profile.get("qualifications")) and [
                (r["code"], date(r["valid_from"]), r.get("valid_to") and date(r["valid_to"]))
                for r in q["value"]]
        for name, value, as_of in facts:
            if name in ANNUAL:
                annual.append((SLOT[name], as_of, value))
            else:
                base[SLOT[name]] = LEVEL[value] if name == "tax_credit_level" else value
        if base[SLOT["entity_type"]] is None and code:
            base[SLOT["entity_type"]] = code[:2]
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
    cmp = {"eq": lambda v: v == x, "ne": lambda v: v != x, "gt": lambda v: v > x,
           "gte": lambda v: v >= x, "lt": lambda v: v < x, "lte": lambda v: v <= x,
           "at_least": lambda v: v >= x, "at_most": lambda v: v <= x}[op]
    if op in ("gte", "at_least"):      # the commonest ops, inlined
        return lambda view: MISSING if (v := view[i]) is None else (MET if v >= x else NOT_MET)
    if op == "eq":
        return lambda view: MISSING if (v := view[i]) is None else (MET if v == x else NOT_MET)
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
    if name == "age_years":
        if not args or set(args) - {"at_least", "at_most"}:
            raise RuleError(f"age_years takes at_least and/or at_most; got {args!r}")
        least, most, f = args.get("at_least"), args.get("at_most"), SLOT["founded"]

        def age(view: list) -> int:
            born = view[f]
            if born is None:
                return MISSING
            ref = view[S_REF]
            if born > ref or (least is not None and ref < anniversary(born, least)):
                return NOT_MET
            return NOT_MET if most is not None and ref > anniversary(born, most) else MET
        return age
    if name == "qualification":
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
        return qual
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
        if self.context is None:
            return ()
        compiled, view, names = self.context
        profile, leaves = view[S_OWNER].profile, iter(compiled.leaves)

        def walk(t: dict, neg: bool) -> tuple[int, list[Trace]]:
            """(the node's value with the negations above it, its leaves' traces)."""
            if "not" in t:
                return walk(t["not"], not neg)
            key = "all" if "all" in t else "any" if "any" in t else None
            if key is None:
                leaf = next(leaves)
                trace = _trace(leaf, leaf.fn(view), view, profile, names, lang)
                return VALUE_NAMES.index(trace.value), [trace]
            kids = [walk(c, neg) for c in t[key]]
            either = (key == "any") != neg              # De Morgan: an "any" in effect
            val = (max if either else min)(v for v, _ in kids)
            out = []
            for v, traces in kids:      # beside a met alternative, the others are moot
                moot = either and val == MET and v != MET
                out += [replace(tr, hint="", moot=True) for tr in traces] if moot else traces
            return val, out
        return tuple(walk(compiled.tree, False)[1])

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        out = {k: v for k, v in self._asdict().items() if k != "context"}
        out["reference_date"] = self.reference_date.isoformat()
        out["traces"] = [t.__dict__ for t in self.traces(lang)] if self.context else []
        return out


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
                today: dt.date,
                batch_id: str | None = None) -> Verdict:
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


# ---------------------------------------------------------------- readable texts
_COMPLEMENT = {"eq": "ne", "ne": "eq", "in": "not_in", "not_in": "in", "gt": "lte", "lte": "gt",
               "gte": "lt", "lt": "gte", "between": "not_between", "prefix": "not_prefix"}


def describe(condition: Condition | dict, lang: str = "zh",
             names: Mapping[str, Mapping[str, str]] | None = None,
             reference_date: dt.date | None = None, negated: bool = False) -> str:
    """A condition (leaf or tree) in words, generated from its field, op and value:
    ``纳税信用等级 M 级或以上`` / ``tax-credit level M or better``. A ``not`` is pushed
    down to the leaves (De Morgan), so negations read as their positive complement."""
    t = condition.tree if isinstance(condition, Condition) else condition
    zh, names = lang == "zh", names or {}
    for key in ("all", "any"):
        if key in t:
            parts = [describe(c, lang, names, reference_date, negated) for c in t[key]]
            if len(parts) == 1:
                return parts[0]
            both = (key == "all") != negated
            join = (" 且 " if both else " 或 ") if zh else (" and " if both else " or ")
            wrap = "（{}）" if zh else "({})"
            return join.join(wrap.format(p) if any(w in p for w in (" 且 ", " 或 ", " and ", " or "))
                             else p for p in parts)
    if "not" in t:
        return describe(t["not"], lang, names, reference_date, not negated)
    if "field" in t:
        return _field_phrase(t["field"], t["op"], t["value"], negated, lang, names.get("towns"))
    return _predicate_phrase(t["predicate"], t["args"], negated, lang, reference_date)


def _field_phrase(name: str, op: str, value: Any, neg: bool, lang: str,
                  towns: Mapping[str, str] | None) -> str:
    if name not in FIELDS:
        raise RuleError(f"unknown field {name!r}")
    zh, kind = lang == "zh", FIELDS[name]
    label = FIELD_LABELS[name][0 if zh else 1]
    if neg and kind == "level" and op in ("at_least", "at_most"):
        i = LEVEL[value] + (-1 if op == "at_least" else 1)
        if not 0 <= i < len(TAX_CREDIT_LEVELS):
            return "（不可能满足）" if zh else "(never)"
        op, value = ("at_most" if op == "at_least" else "at_least"), TAX_CREDIT_LEVELS[i]
    elif neg:
        op = _COMPLEMENT[op]

    def fv(x: Any) -> str:
        return format_value(name, dt.date.fromisoformat(x) if kind == "date" else x, lang, towns)
    if kind == "bool":
        on = value if op == "eq" else not value
        return (label if on else "未" + label) if zh else (label if on else "not " + label)
    many = isinstance(value, list)
    v = ("、" if zh else ", ").join(fv(x) for x in value) if many else fv(value)
    lo, hi = (fv(value[0]), fv(value[1])) if many and op.endswith("between") else ("", "")
    some = many and len(value) > 1
    date = kind == "date"
    if zh:
        return {"eq": f"{label}为 {v}", "ne": f"{label}不为 {v}",
                "in": f"{label}为 {v}" + (" 之一" if some else ""), "not_in": f"{label}不为 {v}",
                "gt": f"{label}晚于 {v}" if date else f"{label}超过 {v}",
                "gte": f"{label}在 {v} 或之后" if date else f"{label} {v}及以上",
                "lt": f"{label}早于 {v}" if date else f"{label}低于 {v}",
                "lte": f"{label}在 {v} 或之前" if date else f"{label}不超过 {v}",
                "between": f"{label}在 {lo} 至 {hi} 之间",
                "not_between": f"{label}不在 {lo} 至 {hi} 之间",
                "prefix": f"{label}属于 {v}" if name == "industry" else f"{label}代码以 {v} 开头",
                "not_prefix": f"{label}不属于 {v}" if name == "industry" else
                f"{label}代码不以 {v} 开头",
                "at_least": f"{label} {v}或以上", "at_most": f"{label} {v}或以下"}[op]
    return {"eq": f"{label} is {v}", "ne": f"{label} is not {v}",
            "in": f"{label} is {'one of ' if some else ''}{v}",
            "not_in": f"{label} is {'none of' if some else 'not'} {v}",
            "gt": f"{label} {'after' if date else 'above'} {v}",
            "gte": f"{label} {'on or after' if date else 'at least'} {v}",
            "lt": f"{label} {'before' if date else 'below'} {v}",
            "lte": f"{label} {'on or before' if date else 'at most'} {v}",
            "between": f"{label} between {lo} and {hi}",
            "not_between": f"{label} not between {lo} and {hi}",
            "prefix": f"{label} in {v}" if name == "industry" else f"{label} starting with {v}",
            "not_prefix": f"{label} not in {v}" if name == "industry" else
            f"{label} not starting with {v}",
            "at_least": f"{label} {v} or better", "at_most": f"{label} {v} or worse"}[op]


def _predicate_phrase(name: str, args: Mapping[str, Any], neg: bool, lang: str,
                      ref: dt.date | None) -> str:
    zh = lang == "zh"
    if name == "scale":
        ok = scale_set(args)
        ok = frozenset(range(4)) - ok if neg else ok
        k = sorted(ok)
        words = [SCALE_ZH[SCALES[i]] if zh else SCALES[i] for i in k]
        if not k:
            return "（不可能满足）" if zh else "(never)"
        if k == list(range(k[-1] + 1)) and len(k) < 4:
            return f"企业规模为{words[-1]}或以下" if zh else f"scale {words[-1]} or smaller"
        if k == list(range(k[0], 4)):
            return f"企业规模为{words[0]}或以上" if zh else f"scale {words[0]} or larger"
        return f"企业规模为{'、'.join(words)}" if zh else f"scale {' or '.join(words)}"
    at = (f"（截至 {ref}）" if zh else f" (at {ref})") if ref else ""
    if name == "qualification":
        code, on = args["code"], (f"（{ref} 有效）" if zh else f" on {ref}") if ref else ""
        if zh:
            return f"{'未' if neg else ''}持有有效的{QUALIFICATIONS[code]}资质{on}"
        return f"{'no' if neg else 'a'} valid {QUALIFICATIONS_EN[code]} qualification{on}"
    if name == "age_years":
        lo, hi = args.get("at_least"), args.get("at_most")
        n = {x: format_value("employees", x, "en") for x in (lo, hi) if x is not None}
        if zh:
            parts = ([f"成立{'不满' if neg else '满'} {n[lo]} 年"] if lo is not None else []) + (
                [f"成立{'超过' if neg else '不超过'} {n[hi]} 年"] if hi is not None else [])
            return ("或" if neg else "且").join(parts) + at
        parts = ([f"in business {'less than' if neg else 'at least'} {n[lo]} years"]
                 if lo is not None else []) + (
            [f"in business {'more than' if neg else 'at most'} {n[hi]} years"]
            if hi is not None else [])
        return (" or " if neg else " and ").join(parts) + at
    raise RuleError(f"unknown predicate {name!r}")


def _period(ref: dt.date, zh: bool) -> str:
    if (ref.month, ref.day) == (12, 31):
        return f"{ref.year}年度" if zh else f"FY{ref.year}"
    return f"截至 {ref} 的最近一个年度" if zh else f"the last full year before {ref}"


def _trace(leaf: Leaf, own: int, view: list, profile: EnterpriseProfile,
           names: Mapping[str, Mapping[str, str]], lang: str) -> Trace:
    t, neg, zh, ref = leaf.tree, leaf.negated, lang == "zh", view[S_REF]
    value = MET - own if neg else own
    key = t.get("field") or t["predicate"]
    mats, towns = names.get("materials") or {}, names.get("towns")
    mat = t.get("material")
    required = describe(t, lang, names, ref, neg)
    label = t["label"] if not neg else (f"排除：{t['label']}" if zh else f"Excluded: {t['label']}")
    unknown = "未提供" if zh else "not known"
    detail, gap = "", None
    if "field" in t:
        name = key
        fact = profile.entity_type or profile.credit_code if name == "entity_type" \
            else getattr(profile, name)
        flabel = FIELD_LABELS[name][0 if zh else 1]
        gap = flabel
        if fact is None:
            actual = now = unknown
        else:
            raw = fact.value[:2] if name == "entity_type" and fact is profile.credit_code \
                else fact.value
            shown = format_value(name, raw, lang, towns)
            now = f"为 {shown}" if zh else shown
            actual = f"{shown}（{fact.provenance(lang, mats)}）" if zh else \
                f"{shown} ({fact.provenance(lang, mats)})"
            if view[SLOT[name]] is None:          # an annual figure outside the window
                actual += f"；不是{_period(ref, True)}的数据" if zh else \
                    f"; not {_period(ref, False)}"
                gap = (f"{flabel}（需{_period(ref, True)}的数据，现有数据截至 {fact.as_of}）"
                       if zh else f"{flabel} ({_period(ref, False)}; have data as of "
                       f"{fact.as_of})")
            elif fact.as_of > ref and name not in IDENTITY:
                actual += f"；晚于基准日 {ref}" if zh else f"; seen after the reference date {ref}"
            if name == "industry" and own == MISSING:
                gap = (f"更具体的行业代码（目前为 {shown}）" if zh
                       else f"a more specific industry code (now {shown})")
    elif key == "scale":
        sc = scale_of(view)
        detail = sc.basis if zh else sc.basis_en
        inputs = []
        for k in ("industry", "employees", "revenue", "assets"):
            fact = getattr(profile, k)
            if fact is not None and view[SLOT[k]] is not None:
                inputs.append(f"{format_value(k, fact.value, lang, towns)}"
                              f"［{fact.provenance(lang, mats)}］")
        sep = "，" if zh else ", "
        shown = (SCALE_ZH[sc.scale] if zh else sc.scale) if sc.scale else (
            "无法确定" if zh else "undetermined")
        now = f"为{shown}" if zh else shown
        actual = f"{shown}（{sep.join(inputs) or unknown}）" if zh else \
            f"{shown} ({sep.join(inputs) or unknown})"
        if not sc.covered:
            gap = f"人工认定企业规模（{sc.basis}）" if zh else "a manual scale classification"
        else:
            gap = ("、" if zh else ", ").join(
                (FIELD_LABELS[m][0] if zh else FIELD_LABELS[m][1]) if m in FIELD_LABELS
                else (INPUTS[m][0] if zh else INPUTS[m][1]) for m in sc.missing)
    elif key == "age_years":
        fact = profile.founded
        if fact is None:
            actual = now = unknown
            gap = FIELD_LABELS["founded"][0 if zh else 1]
        else:
            born = fact.value
            if born > ref:
                now = f"成立于 {born}，晚于基准日 {ref}" if zh else \
                    f"founded {born}, after the reference date {ref}"
            else:
                n = full_years(born, ref)
                now = f"成立 {n} 年（成立于 {born}）" if zh else f"{n} years (founded {born})"
            actual = f"{now}；{fact.provenance(lang, mats)}" if zh else \
                f"{now}; {fact.provenance(lang, mats)}"
    else:
        code = t["args"]["code"]
        fact = profile.qualifications
        if fact is None:
            actual = now = unknown
            gap = f"资质情况（{QUALIFICATIONS[code]}）" if zh else \
                f"qualifications ({QUALIFICATIONS_EN[code]})"
        else:
            recs = [q for q in fact.value if q.code == code]
            if not recs:
                now = "未持有" if zh else "not held"
                actual = f"{now}（资质清单：{fact.provenance(lang, mats)}）" if zh else \
                    f"{now} (list: {fact.provenance(lang, mats)})"
            else:
                spans = [f"{q.valid_from} 至 {q.valid_to or '长期'}" if zh else
                         f"{q.valid_from} to {q.valid_to or 'open-ended'}" for q in recs]
                now = ("证书有效期为 " + "、".join(spans)) if zh else \
                    "certificate valid " + ", ".join(spans)
                actual = "；".join(f"{s}（{q.provenance(lang, mats)}）" if zh else
                                  f"{s} ({q.provenance(lang, mats)})" for s, q in zip(spans, recs))
    mat_name = mats.get(mat, mat) if mat else None
    if value == MET:
        hint = ""
    elif value == NOT_MET:
        hint = f"需要{required}，目前{now}" if zh else f"Needs: {required}; currently {now}"
    else:
        need = (f"（需提供：{mat_name}）" if zh else f" (provide: {mat_name})") if mat_name else ""
        hint = f"缺少：{gap or label}{need}" if zh else f"Missing: {gap or label}{need}"
    return Trace(label, t["clause"], mat, required, actual, VALUE_NAMES[value], hint, key,
                 neg, detail)
