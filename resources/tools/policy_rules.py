"""Building blocks for the policy items' eligibility rules (the condition language of
``docs/catalogue.md``), and the common conditions that most policies repeat.

A leaf built here has ``clause`` set to ``GENERAL`` (a condition of the document's
general article, numbered once per document) or ``None`` (a condition of the item's
own article); ``policies.number_clauses`` fills in the real clause text.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

GENERAL = "GENERAL"


def leaf(fname: str, op: str, value, label: str, material: str | None = None,
         general: bool = False) -> dict:
    return {"field": fname, "op": op, "value": value, "label": label,
            "clause": GENERAL if general else None, "material": material}


def pred(name: str, args: dict, label: str, material: str | None = None,
         general: bool = False) -> dict:
    return {"predicate": name, "args": args, "label": label,
            "clause": GENERAL if general else None, "material": material}


def all_(*nodes: dict) -> dict:
    return {"all": [copy.deepcopy(n) for n in nodes if n]}


def any_(*nodes: dict) -> dict:
    return {"any": [copy.deepcopy(n) for n in nodes if n]}


def not_(node: dict) -> dict:
    return {"not": copy.deepcopy(node)}


QUAL_MATERIAL = {"high_tech": "mat-hightech", "tech_sme": "mat-tech-sme",
                 "specialized_new": "mat-specialized", "little_giant": "mat-little-giant",
                 "above_scale": "mat-above-scale", "innovative_sme": "mat-innovative",
                 "foreign_trade": "mat-trade-record"}
QUAL_LABEL = {"high_tech": "在有效期内的高新技术企业",
              "tech_sme": "当年度已入库的科技型中小企业",
              "specialized_new": "在有效期内的广东省专精特新中小企业",
              "little_giant": "在有效期内的国家级专精特新“小巨人”企业",
              "above_scale": "纳入统计部门规模以上企业名录",
              "innovative_sme": "在有效期内的创新型中小企业",
              "foreign_trade": "已办理进出口货物收发货人备案（原对外贸易经营者备案）"}


def qual(code: str, label: str | None = None) -> dict:
    return pred("qualification", {"code": code}, label or QUAL_LABEL[code], QUAL_MATERIAL[code])


def first(code: str, label: str) -> dict:
    """A qualification obtained for the first time in the year up to the reference date
    (新认定, 首次入库, 首次纳统) and still valid: the ``first_recognition`` predicate."""
    return pred("first_recognition", {"code": code}, label, QUAL_MATERIAL[code])


def years_in_town(label: str, material: str = "mat-registration-record", **args) -> dict:
    """Years since the enterprise was set up in or moved to its town (设立或迁入)."""
    return pred("years_in_town", args, label, material)


def prefix(codes: list[str], label: str, material: str | None = "mat-license") -> dict:
    return leaf("industry", "prefix", codes, label, material)


def scale(label: str, **args) -> dict:
    return pred("scale", args, label, "mat-cit-return")


@dataclass
class Ctx:
    """What an item template knows: randomness, the town (None: citywide), the issuer."""
    r: random.Random
    town: str | None = None
    short: str = ""
    issuer: str = ""

    cache: dict = field(default_factory=dict)

    def pick(self, options):
        return self.r.choice(options)

    def once(self, key: str, options):
        """The same choice for every item of the document (its general article)."""
        if key not in self.cache:
            self.cache[key] = self.r.choice(options)
        return self.cache[key]

    @property
    def where(self) -> str:
        return self.short or "中山市"


# ---------------------------------------------------------------- common conditions
_VIOLATION_LABELS = [  # what serious_violation eq false tests, in four wordings
    "未被列入严重违法失信名单",
    "申报时未被列入严重违法失信名单",
    "未被市场监管部门列入严重违法失信名单",
    "不在严重违法失信主体名单内",
]


def clean(c: Ctx) -> dict:
    return leaf("serious_violation", "eq", False, c.once("clean", _VIOLATION_LABELS),
                c.once("clean-material", ["mat-commitment", "mat-credit-report"]),
                general=True)


def tax_ok(c: Ctx, style: str | None = None) -> dict:
    style = style or c.once("tax", ["b", "b", "m", "not_c", "ne_d", "not_in"])
    if style == "b":
        return leaf("tax_credit_level", "at_least", "B", "纳税信用等级为B级及以上",
                    "mat-tax-credit", general=True)
    if style == "m":
        return leaf("tax_credit_level", "at_least", "M", "纳税信用等级为M级及以上",
                    "mat-tax-credit", general=True)
    if style == "not_c":
        return not_(leaf("tax_credit_level", "at_most", "C",
                         "纳税信用等级为C级或D级", "mat-tax-credit", general=True))
    if style == "ne_d":
        return leaf("tax_credit_level", "ne", "D", "纳税信用等级不为D级", "mat-tax-credit",
                    general=True)
    return leaf("tax_credit_level", "not_in", ["C", "D"], "纳税信用等级不是C级、D级",
                "mat-tax-credit", general=True)


def enterprise(c: Ctx) -> dict:
    return c.once("enterprise", [
        leaf("entity_type", "eq", "91", "申报主体为依法登记的企业（不含个体工商户和社会组织）",
             "mat-license", general=True),
        leaf("entity_type", "ne", "92", "申报主体不是个体工商户", "mat-license",
             general=True),
        leaf("entity_type", "prefix", ["9"], "在市场监管部门登记注册的经营主体", "mat-license",
             general=True),
    ])


def in_town(c: Ctx) -> dict | None:
    if not c.town:
        return None
    label, material = c.once("town", [       # what town eq <code> tests, in three wordings
        (f"注册地位于{c.short}", "mat-town-tax"),
        (f"在{c.short}辖区内依法登记注册", "mat-town-tax"),
        (f"住所（经营场所）位于{c.short}", "mat-lease"),
    ])
    return leaf("town", "eq", c.town, label, material, general=True)


NOT_PROPERTY_FINANCE = {"field": "industry", "op": "prefix", "value": ["K70", "J"],
                        "label": "属于房地产业或金融业", "material": "mat-license"}


def no_property_finance() -> dict:
    n = dict(NOT_PROPERTY_FINANCE, clause=GENERAL)
    return not_(n)


# ---------------------------------------------------------------- tags from a rule
_SCALES = ("micro", "small", "medium", "large")


def derive_tags(rule: dict) -> dict:
    """Industry, scale, town and qualification tags read off the rule's positive leaves
    (a negated leaf does not make a tag). Empty list: no restriction."""
    tags = {"industry": [], "scale": [], "town": [], "qualification": []}

    def walk(node: dict, negated: bool) -> None:
        for key in ("all", "any"):
            for sub in node.get(key, []):
                walk(sub, negated)
        if "not" in node:
            walk(node["not"], not negated)
        if negated:
            return
        if node.get("field") == "industry" and node["op"] in ("prefix", "in", "eq"):
            values = node["value"] if isinstance(node["value"], list) else [node["value"]]
            tags["industry"] += [v for v in values if v not in tags["industry"]]
        if node.get("field") == "town" and node["op"] in ("in", "eq"):
            values = node["value"] if isinstance(node["value"], list) else [node["value"]]
            tags["town"] += [v for v in values if v not in tags["town"]]
        if node.get("predicate") in ("qualification", "first_recognition"):
            code = node["args"]["code"]
            if code not in tags["qualification"]:
                tags["qualification"].append(code)
        if node.get("predicate") == "scale":
            args = node["args"]
            if "in" in args:
                allowed = list(args["in"])
            elif "at_most" in args:
                allowed = list(_SCALES[:_SCALES.index(args["at_most"]) + 1])
            else:
                allowed = list(_SCALES[_SCALES.index(args["at_least"]):])
            tags["scale"] = [s for s in _SCALES if s in allowed or s in tags["scale"]]
    walk(rule, False)
    return tags
