"""Readable texts of the eligibility engine: ``describe`` (a condition in words, Chinese
or English, generated from its field, op and value) and the per-leaf traces of a verdict
(the requirement, the enterprise's value with its provenance, and a hint at what would
make it met). Only built when asked for: matching itself never needs them
(``core.eligibility`` imports this module lazily). Docs: docs/eligibility.md#traces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from core.catalogue import FIELDS, QUALIFICATIONS, SCALES, TAX_CREDIT_LEVELS, Condition
from core.eligibility import (
    LEVEL,
    MET,
    MISSING,
    NOT_MET,
    S_OWNER,
    S_REF,
    SLOT,
    VALUE_NAMES,
    Leaf,
    RuleError,
    Trace,
    full_years,
    scale_of,
    scale_set,
    year_before,
)
from core.enterprise import (
    FIELD_LABELS,
    IDENTITY,
    QUALIFICATIONS_EN,
    EnterpriseProfile,
    Fact,
    format_value,
)
from core.scale import INPUTS, SCALE_ZH

__all__ = ["describe", "traces"]
DAY = dt.timedelta(days=1)
# predicate -> (date field, zh / en phrase, zh / en "since after R", zh / en "n years")
_SINCE = {"age_years": ("founded", "成立", "in business", "成立于 {s}，晚于基准日 {r}",
                        "founded {s}, after the reference date {r}", "成立 {n} 年（成立于 {s}）",
                        "{n} years (founded {s})"),
          "years_in_town": ("town_since", "在所在镇街登记", "registered in its town",
                            "在所在镇街登记于 {s}，晚于基准日 {r}",
                            "registered in its town {s}, after the reference date {r}",
                            "在所在镇街登记 {n} 年（{s} 起）", "{n} years in its town (since {s})")}


def traces(verdict: Any, lang: str = "zh") -> tuple[Trace, ...]:
    """``Verdict.traces``: every leaf of the verdict's rule, in document order, with its
    value and texts; an alternative beside a met one (in an ``any``) is moot."""
    compiled, view, names = verdict.context
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
        for v, found in kids:           # beside a met alternative, the others are moot
            moot = either and val == MET and v != MET
            out += [replace(tr, hint="", moot=True) for tr in found] if moot else found
        return val, out
    return tuple(walk(compiled.tree, False)[1])


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
    if name == "first_recognition":
        code = args["code"]
        if zh:
            span = f"在 {year_before(ref) + DAY} 至 {ref} 期间" if ref else "在基准日前一年内"
            text = f"{span}首次取得{QUALIFICATIONS[code]}资质且{'该日' if ref else '基准日'}有效"
            return f"不属于{text}（此前已取得过，或已失效）" if neg else text
        span = f" between {year_before(ref) + DAY} and {ref}" if ref else \
            " within the year before the reference date"
        text = f"first recognised as a {QUALIFICATIONS_EN[code]}{span}, still valid"
        return f"not {text} (recognised before, or no longer valid)" if neg else text
    if name in _SINCE:
        lo, hi = args.get("at_least"), args.get("at_most")
        n = {x: format_value("employees", x, "en") for x in (lo, hi) if x is not None}
        zh_what, en_what = _SINCE[name][1:3]
        if zh:
            parts = ([f"{zh_what}{'不满' if neg else '满'} {n[lo]} 年"] if lo is not None else []) + (
                [f"{zh_what}{'超过' if neg else '不超过'} {n[hi]} 年"] if hi is not None else [])
            return ("或" if neg else "且").join(parts) + at
        parts = ([f"{en_what} {'less than' if neg else 'at least'} {n[lo]} years"]
                 if lo is not None else []) + (
            [f"{en_what} {'more than' if neg else 'at most'} {n[hi]} years"]
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
    elif key in _SINCE:
        fname, _, _, zh_after, en_after, zh_years, en_years = _SINCE[key]
        fact = getattr(profile, fname)
        if fact is None:
            actual = now = unknown
            gap = FIELD_LABELS[fname][0 if zh else 1]
        else:
            since = fact.value
            if since > ref:
                now = (zh_after if zh else en_after).format(s=since, r=ref)
            else:
                now = (zh_years if zh else en_years).format(n=full_years(since, ref), s=since)
            actual = f"{now}；{fact.provenance(lang, mats)}" if zh else \
                f"{now}; {fact.provenance(lang, mats)}"
    else:
        code = t["args"]["code"]
        actual, now, gap = _qualification(profile.qualifications, code, key, zh, mats)
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


def _qualification(fact: Fact | None, code: str, key: str, zh: bool,
                   mats: Mapping[str, str]) -> tuple[str, str, str | None]:
    """(actual, now, gap) for a ``qualification`` or ``first_recognition`` leaf."""
    lang = "zh" if zh else "en"
    if fact is None:
        first = key == "first_recognition"
        gap = (f"资质情况（{QUALIFICATIONS[code]}{'，含历次证书' if first else ''}）" if zh else
               f"qualifications ({QUALIFICATIONS_EN[code]}{', every certificate' if first else ''})")
        return ("未提供" if zh else "not known"), ("未提供" if zh else "not known"), gap
    recs = sorted((q for q in fact.value if q.code == code), key=lambda q: q.valid_from)
    if not recs:
        now = "未持有" if zh else "not held"
        return (f"{now}（资质清单：{fact.provenance(lang, mats)}）" if zh else
                f"{now} (list: {fact.provenance(lang, mats)})"), now, None
    spans = [f"{q.valid_from} 至 {q.valid_to or '长期'}" if zh else
             f"{q.valid_from} to {q.valid_to or 'open-ended'}" for q in recs]
    now = ("证书有效期为 " + "、".join(spans)) if zh else "certificate valid " + ", ".join(spans)
    if key == "first_recognition":
        now = (f"首次取得于 {recs[0].valid_from}，" if zh else
               f"first obtained {recs[0].valid_from}; ") + now
    actual = "；".join(f"{sp}（{q.provenance(lang, mats)}）" if zh else
                      f"{sp} ({q.provenance(lang, mats)})" for sp, q in zip(spans, recs))
    if key == "first_recognition":
        actual = (f"首次取得于 {recs[0].valid_from}：" if zh else
                  f"first obtained {recs[0].valid_from}: ") + actual
    return actual, now, None
