"""The catalogue's vocabulary and its checks: the published format's constants (kinds,
rule fields and operators, scales, tax-credit levels, qualifications), ``CatalogueError``
and the small checkers every parser step uses, and ``validate_rule`` (an eligibility
rule's structure; evaluating it is ``core.eligibility``'s job). Re-exported by
``core.catalogue``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

FORMAT = 1
KINDS = ("towns", "topics", "units", "materials", "kb", "policies")
TOWN_KINDS = ("city", "street", "town")
UNIT_KINDS = ("city_department", "town_office", "public_utility", "central_vertical")
DUTY_DAYS = ("weekdays", "all")
ITEM_KINDS = ("subsidy", "award", "reduction", "interest_subsidy", "guarantee", "talent")
STACKING = ("no_duplicate", "highest_only")
SCALES = ("micro", "small", "medium", "large")          # ordered, smallest first
TAX_CREDIT_LEVELS = ("D", "C", "M", "B", "A")          # ordered, worst first
QUALIFICATIONS = {
    "high_tech": "高新技术企业", "tech_sme": "科技型中小企业",
    "specialized_new": "专精特新中小企业", "little_giant": "专精特新“小巨人”企业",
    "above_scale": "规模以上企业", "innovative_sme": "创新型中小企业",
    "foreign_trade": "对外贸易经营者备案"}
FIELDS = {  # rule fields and their value types
    "industry": "industry", "town": "town", "employees": "int", "revenue": "number",
    "assets": "number", "tax_credit_level": "level", "founded": "date", "rd_ratio": "number",
    "export_value": "number", "invention_patents": "int", "insured_employees": "int",
    "graduates_hired": "int", "revenue_growth": "number", "serious_violation": "bool",
    "entity_type": "entity_type", "town_since": "date", "layoff_rate": "number",
    "import_export_value": "number", "new_equipment_investment": "number",
    "invention_patents_granted": "int"}
OPS = ("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "between", "prefix",
       "at_least", "at_most")
_CMP = ("eq", "ne", "gt", "gte", "lt", "lte", "between")
OPS_BY_TYPE = {
    "industry": ("eq", "ne", "in", "not_in", "prefix"), "town": ("eq", "ne", "in", "not_in"),
    "int": _CMP + ("in", "not_in"), "number": _CMP, "date": _CMP, "bool": ("eq", "ne"),
    "level": ("eq", "ne", "in", "not_in", "at_least", "at_most"),
    "entity_type": ("eq", "ne", "in", "not_in", "prefix")}
PREDICATES = ("scale", "age_years", "years_in_town", "qualification", "first_recognition")
PROFILE_FIELDS = tuple(FIELDS) + (  # what a material can prove
    "name", "credit_code", "qualifications", "legal_rep", "address", "bank_account")
INDUSTRY_CODE = re.compile(r"[A-T](\d{2}|\d{3}|\d{4})?")
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CLOSING_SOON_DAYS = 14


class CatalogueError(ValueError):
    """A catalogue that does not hold; the message names file, record, field and fix."""


def catalogue_error(where: str, expected: str, got: Any = ...) -> CatalogueError:
    tail = "" if got is ... else f", got {got!r}"
    return CatalogueError(f"{where}: expected {expected}{tail}")


def check_obj(data: Any, where: str, required: tuple, optional: tuple = ()) -> dict:
    if not isinstance(data, dict):
        raise catalogue_error(where, "an object", data)
    for key in required:
        if key not in data:
            raise CatalogueError(f"{where}.{key}: missing (a required field)")
    for key in sorted(set(data) - set(required) - set(optional)):
        raise CatalogueError(f"{where}.{key}: unknown field; expected only "
                             + ", ".join(required + optional))
    return data


def check_str(v: Any, where: str, pattern: str | None = None) -> str:
    if not isinstance(v, str) or not v.strip():
        raise catalogue_error(where, "a non-empty string", v)
    if pattern and not re.fullmatch(pattern, v):
        raise catalogue_error(where, f"a string matching {pattern}", v)
    return v


def check_opt_str(v: Any, where: str) -> str | None:
    return None if v is None else check_str(v, where)


def check_int(v: Any, where: str, null_ok: bool = False) -> int | None:
    if v is None and null_ok:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise catalogue_error(where, "an integer >= 0" + (" or null" if null_ok else ""), v)
    return v


def check_bool(v: Any, where: str) -> bool:
    if not isinstance(v, bool):
        raise catalogue_error(where, "true or false", v)
    return v


def check_date(v: Any, where: str, after: dt.date | None = None, after_name: str = "",
          null_ok: bool = False) -> dt.date | None:
    if v is None and null_ok:
        return None
    expected = "a date YYYY-MM-DD" + (f" on or after {after_name} ({after})" if after else "")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            raise ValueError
        day = dt.date.fromisoformat(v)
    except (TypeError, ValueError):
        raise catalogue_error(where, expected + (" or null" if null_ok else ""), v) from None
    if after and day < after:
        raise catalogue_error(where, expected, v)
    return day


def check_choice(v: Any, where: str, choices: Any) -> str:
    if not isinstance(v, str) or v not in choices:
        raise catalogue_error(where, "one of " + ", ".join(choices), v)
    return v


def check_strs(v: Any, where: str, choices: Any = None, what: str = "", empty_ok: bool = True,
          pattern: str | None = None) -> tuple[str, ...]:
    if not isinstance(v, list) or (not v and not empty_ok):
        raise catalogue_error(where, "a " + ("" if empty_ok else "non-empty ") + "list of strings", v)
    for i, s in enumerate(v):
        check_str(s, f"{where}[{i}]", pattern)
        if choices is not None and s not in choices:
            raise catalogue_error(f"{where}[{i}]", what or "one of " + ", ".join(choices), s)
    return tuple(v)


def check_ref(v: Any, where: str, known: Any, what: str) -> str:
    if not isinstance(v, str) or v not in known:
        raise catalogue_error(where, what, v)
    return v



def validate_rule(tree: Any, where: str = "rule", *, towns: Any = None,
                  materials: Any = None) -> None:
    """Raise ``CatalogueError`` naming the node's path unless ``tree`` is a valid rule.
    ``towns`` / ``materials``, when given, are the known town codes / material ids."""
    sub = dict(towns=towns, materials=materials)
    if not isinstance(tree, dict):
        raise catalogue_error(where, "a condition object (all, any, not, field or predicate)", tree)
    for key in ("all", "any"):
        if key in tree:
            check_obj(tree, where, (key,))
            if not isinstance(tree[key], list) or not tree[key]:
                raise catalogue_error(f"{where}.{key}", "a non-empty list of conditions", tree[key])
            for i, node in enumerate(tree[key]):
                validate_rule(node, f"{where}.{key}[{i}]", **sub)
            return
    if "not" in tree:
        check_obj(tree, where, ("not",))
        return validate_rule(tree["not"], f"{where}.not", **sub)
    common = ("label", "clause", "material")
    if "predicate" in tree:
        check_obj(tree, where, ("predicate", "args") + common)
        _check_args(check_choice(tree["predicate"], f"{where}.predicate", PREDICATES),
                    tree["args"], f"{where}.args")
    elif "field" in tree:
        check_obj(tree, where, ("field", "op", "value") + common)
        name = check_choice(tree["field"], f"{where}.field", FIELDS)
        ops = OPS_BY_TYPE[FIELDS[name]]
        op = check_choice(tree["op"], f"{where}.op", OPS)
        if op not in ops:
            raise catalogue_error(f"{where}.op", f"one of {', '.join(ops)} for field {name}", op)
        _check_value(FIELDS[name], op, tree["value"], f"{where}.value", towns)
    else:
        raise catalogue_error(where, "a condition with all, any, not, field or predicate", sorted(tree))
    check_str(tree["label"], f"{where}.label")
    check_str(tree["clause"], f"{where}.clause")
    if tree["material"] is not None:
        known = materials if materials is not None else (
            {tree["material"]} if isinstance(tree["material"], str) else ())
        check_ref(tree["material"], f"{where}.material", known,
             "a material id from materials.json or null")


def _check_value(ftype: str, op: str, value: Any, where: str, towns: Any) -> None:
    if op in ("in", "not_in", "prefix"):
        if not isinstance(value, list) or not value:
            raise catalogue_error(where, f"a non-empty list for op {op}", value)
        for i, v in enumerate(value):
            _scalar(ftype, v, f"{where}[{i}]", towns, op == "prefix")
    elif op == "between":
        if not isinstance(value, list) or len(value) != 2:
            raise catalogue_error(where, "[lo, hi] for op between", value)
        lo, hi = (_scalar(ftype, v, f"{where}[{i}]", towns) for i, v in enumerate(value))
        if lo > hi:
            raise catalogue_error(where, "[lo, hi] with lo <= hi", value)
    else:
        _scalar(ftype, value, where, towns)


def _scalar(ftype: str, v: Any, where: str, towns: Any, prefix: bool = False) -> Any:
    if ftype == "number":
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            raise catalogue_error(where, "a number", v)
        return v
    if ftype == "industry" and not (isinstance(v, str) and INDUSTRY_CODE.fullmatch(v)):
        raise catalogue_error(where, "a GB/T 4754-2017 code such as C, C39 or C3911", v)
    if ftype == "entity_type" and not (
            isinstance(v, str) and 0 < len(v) <= 2 and (prefix or len(v) == 2)
            and all(c in CREDIT_CHARS for c in v)):
        raise catalogue_error(where, "the credit code's 2 leading characters such as 91", v)
    if ftype == "town":
        known = towns if towns is not None else ({v} if isinstance(v, str) else ())
        return check_ref(v, where, known, "a town code from towns.json")
    checks: dict[str, Callable] = {
        "int": check_int, "date": check_date, "bool": check_bool,
        "level": lambda x, w: check_choice(x, w, TAX_CREDIT_LEVELS)}
    return checks[ftype](v, where) if ftype in checks else v


def _check_args(name: str, args: Any, where: str) -> None:
    if name == "scale":
        check_obj(args, where, (), ("at_most", "at_least", "in"))
        if len(args) != 1:
            raise catalogue_error(where, "exactly one of at_most, at_least, in", args)
        key, value = next(iter(args.items()))
        if key == "in":
            check_strs(value, f"{where}.in", choices=SCALES, empty_ok=False)
        else:
            check_choice(value, f"{where}.{key}", SCALES)
    elif name in ("age_years", "years_in_town"):
        check_obj(args, where, (), ("at_least", "at_most"))
        if not args:
            raise catalogue_error(where, "at_least and/or at_most (years)", args)
        for key, value in args.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise catalogue_error(f"{where}.{key}", "a number of years >= 0", value)
        if len(args) == 2 and args["at_least"] > args["at_most"]:
            raise catalogue_error(where, "at_least <= at_most", args)
    else:
        check_obj(args, where, ("code",))
        check_choice(args["code"], f"{where}.code", QUALIFICATIONS)
