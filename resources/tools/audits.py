"""Audits of the policies that ``--check`` runs on the files as published (parsed JSON,
before and independently of ``core.catalogue``'s validation, so every offending item is
listed, not only the first the validator meets). Each returns a list of problems.

* ``stacking_problems``: a stacking rule without an exclusive group; a group without a
  rule, or whose items disagree on it; an amount text that does not say how it stacks.
* ``title_problems``: one title in several documents, not all in one exclusive group.
* ``family_problems``: a family of ``groups.GROUPS`` (the city's and the towns' awards
  for the same recognition) missing an item whose title names it, or holding one whose
  title does not; a group the families do not know.
* ``label_problems``: a leaf whose label names a concept its field or predicate cannot
  express (``LABEL_CONCEPTS``: 进出口额 on ``export_value``, 裁员率 on ``employees``…), or
  does not name what it tests (``LABEL_NEEDS``), or states another threshold or town.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from resources.tools.groups import GROUPS, NOT_IN_FAMILY

STACKING_WORDS = {"highest_only": "就高不就低", "no_duplicate": "不重复享受|只享受一项"}

# A concept a label may name -> the fields / predicates whose leaves can test it (an
# empty set: no field holds it, so no label may claim it).
_ANY_QUAL = {"qualification", "first_recognition"}
LABEL_CONCEPTS: list[tuple[str, set[str]]] = [
    (r"裁员", {"layoff_rate"}),
    (r"进出口(额|实绩)", {"import_export_value"}),
    (r"(?<!进)出口(额|实绩)", {"export_value"}),
    (r"设备(投资|购置|器具)|新购进", {"new_equipment_investment"}),
    (r"固定资产投资|项目投资", set()),
    (r"产值|网络零售额|主营业务收入|销售收入|销售额|营业额", set()),   # say 营业收入
    (r"营业收入", {"revenue", "revenue_growth", "rd_ratio"}),
    (r"授权", {"invention_patents_granted"}),
    (r"专利", {"invention_patents", "invention_patents_granted"}),
    (r"公积金|博士后|残疾职工|安置残疾人|退役|脱贫|失业人员|研发人员|专职|许可证|质押登记|护理人员", set()),
    (r"职业院校|实习生", set()),
    (r"毕业生", {"graduates_hired"}),
    (r"近[两三五]年|连续|平均|均为", set()),              # no field holds several years
    (r"首次|新认定", {"first_recognition"}),
    (r"迁入|落户", {"years_in_town", "town_since"}),
    (r"持续经营|经营满|运营满|经营正常", set()),
    (r"税务征管|统计关系|在.{1,8}纳税", set()),
    (r"参保|社会保险|社保", {"insured_employees"}),
    (r"职工人数|在职职工", set()),                         # say 从业人数 or 参保职工
    (r"从业人", {"employees"}),
    (r"资产总额", {"assets"}),
    (r"研发(费用|投入)", {"rd_ratio"}),
    (r"纳税信用", {"tax_credit_level"}),
    (r"失信", {"serious_violation"}),
    (r"规模以上|限额以上|资质等级以上", _ANY_QUAL),
]
# What a leaf's label must name, by field or predicate.
LABEL_NEEDS: dict[str, str] = {
    "layoff_rate": r"裁员", "import_export_value": r"进出口", "export_value": r"(?<!进)出口",
    "new_equipment_investment": r"设备", "invention_patents_granted": r"授权",
    "invention_patents": r"专利", "revenue": r"营业收入",
    "revenue_growth": r"营业收入.*(增长|下降)", "rd_ratio": r"研发", "insured_employees": r"参保",
    "employees": r"从业人", "graduates_hired": r"毕业生", "assets": r"资产总额",
    "town_since": r"设立或迁入", "years_in_town": r"设立或迁入",
    "first_recognition": r"首次|新认定", "serious_violation": r"严重违法失信",
    "tax_credit_level": r"纳税信用", "founded": r"成立|设立", "age_years": r"成立|登记注册|开业",
}
_NUMERIC = {"employees", "insured_employees", "graduates_hired", "invention_patents",
            "invention_patents_granted", "revenue", "assets", "export_value",
            "import_export_value", "new_equipment_investment", "rd_ratio", "revenue_growth",
            "layoff_rate"}


def _items(files: dict) -> Iterator[tuple[str, dict]]:
    for doc in files["policies.json"]:
        for item in doc["items"]:
            yield doc["id"], item


def _leaves(node: dict) -> Iterator[dict]:
    for key in ("all", "any"):
        for sub in node.get(key, []):
            yield from _leaves(sub)
    if "not" in node:
        yield from _leaves(node["not"])
    if "label" in node:
        yield node


def stacking_problems(files: dict) -> list[str]:
    out, groups = [], defaultdict(list)
    for _doc, item in _items(files):
        group, rule = item.get("exclusive_group"), item.get("stacking")
        if rule and not group:
            out.append(f"{item['id']}.stacking: {rule} without an exclusive_group applies to "
                       "nothing; put the item in its family's group or set stacking to null")
        if group:
            groups[group].append(item)
            words = STACKING_WORDS.get(rule)
            if words and not re.search(words, item["amount_text"]):
                out.append(f"{item['id']}.amount_text: does not say that it is {rule} "
                           f"({words.split('|')[0]}) within {group}: {item['amount_text']!r}")
    for group, members in groups.items():
        rules = sorted({str(m.get("stacking")) for m in members})
        if len(rules) > 1 or rules == ["None"]:
            out.append(f"{group}: its items must share one stacking rule, got "
                       + ", ".join(f"{m['id']}={m.get('stacking')}" for m in members))
    return out


def title_problems(files: dict) -> list[str]:
    by_title = defaultdict(list)
    for doc, item in _items(files):
        by_title[item["title"]].append((doc, item))
    out = []
    for title, found in by_title.items():
        docs = {doc for doc, _ in found}
        groups = {item.get("exclusive_group") for _, item in found}
        if len(docs) > 1 and (len(groups) > 1 or None in groups):
            out.append(f"title {title!r} is in {len(docs)} documents ("
                       + ", ".join(f"{item['id']} in {doc}, group {item.get('exclusive_group')}"
                                   for doc, item in found)
                       + "): make the items different or put them in one exclusive group")
    return out


def family_problems(files: dict) -> list[str]:
    out = []
    for _doc, item in _items(files):
        group, title = item.get("exclusive_group"), item["title"]
        named = [g for g, fam in GROUPS.items() if fam.titles.search(title)
                 and not (g in NOT_IN_FAMILY and NOT_IN_FAMILY[g].search(title))]
        if group is not None and group not in GROUPS:
            out.append(f"{item['id']}.exclusive_group: {group!r} is not a family of "
                       "resources/tools/groups.py")
        elif group is not None and group not in named:
            out.append(f"{item['id']}: {title!r} is in {group} but its title does not name "
                       "that family")
        elif group is not None and item.get("stacking") != GROUPS[group].stacking:
            out.append(f"{item['id']}.stacking: {group} is {GROUPS[group].stacking}, got "
                       f"{item.get('stacking')!r}")
        for g in named:
            if g != group:
                out.append(f"{item['id']}: {title!r} names the family {g} but is in "
                           f"{group or 'no group'}")
    return out


def _numbers(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v == 0:
            continue
        v = abs(v)
        out.append(f"{v // 10000:g}亿" if v >= 10000 and v % 10000 == 0 else f"{v:g}")
    return out


def label_problems(files: dict) -> list[str]:
    towns = {t["code"]: t for t in files["towns.json"]}
    out = []
    for _doc, item in _items(files):
        for leaf in _leaves(item["rule"]):
            key, label = leaf.get("field") or leaf.get("predicate"), leaf["label"]
            where = f"{item['id']} {key} {label!r}"
            for pattern, keys in LABEL_CONCEPTS:
                hit = re.search(pattern, label)
                if hit and key not in keys:
                    out.append(f"{where}: names {hit.group(0)!r}, which "
                               + (f"only {', '.join(sorted(keys))} can test" if keys else
                                  "no field of the rule language holds"))
            need = LABEL_NEEDS.get(key)
            if need and not re.search(need, label):
                out.append(f"{where}: does not say what {key} tests (expected /{need}/)")
            if key in _NUMERIC:
                for n in _numbers(leaf["value"]):
                    if n not in label.replace(",", ""):
                        out.append(f"{where}: the label does not state the threshold {n}")
            if key == "town" and isinstance(leaf["value"], str):
                town = towns.get(leaf["value"])
                names = (town["name"], town["short"], *town["aliases"]) if town else ()
                if not any(n in label for n in names):
                    out.append(f"{where}: the label does not name the town {leaf['value']}")
    return out


def policy_problems(files: dict) -> list[str]:
    """Every problem of the four audits."""
    return (stacking_problems(files) + title_problems(files) + family_problems(files)
            + label_problems(files))
