"""Overlaps: items an enterprise matches that cannot be combined.

Items sharing an ``exclusive_group`` cannot both be granted for the same thing (the
city's and a town's award for the same 高新技术企业认定). Among an enterprise's matches
(eligible or likely), each such group with two or more items is one ``Overlap``, shown
side by side with its stacking rule:

* ``no_duplicate`` (不重复享受): the enterprise picks one;
* ``highest_only`` (就高不就低): the highest amount applies — ``chosen`` says which; when
  the highest is only *likely*, ``fallback`` is the highest eligible one, the amount that
  applies if the first turns out not to qualify.

A group whose items disagree on the rule (or leave it empty) is treated as
``no_duplicate`` and flagged (``consistent`` False): the catalogue should be fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core.catalogue import Catalogue, PolicyItem
from core.eligibility import Verdict

__all__ = ["Overlap", "find_overlaps"]

MATCHED = ("eligible", "likely")
RULES = {"no_duplicate": ("不重复享受", "not combinable: pick one"),
         "highest_only": ("就高不就低", "highest amount only")}


@dataclass(frozen=True)
class Overlap:
    group: str
    stacking: str                       # no_duplicate | highest_only
    items: tuple[str, ...]              # item ids, highest amount first
    outcomes: tuple[str, ...]           # each item's outcome (eligible | likely)
    chosen: str | None                  # highest_only: the item whose amount applies
    fallback: str | None                # highest_only: the best eligible one if chosen is likely
    consistent: bool                    # False: the items disagree on the stacking rule
    explanation: str                    # Chinese
    explanation_en: str

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


def _amount(item: PolicyItem) -> int:
    return item.amount_max if item.amount_max is not None else -1


def find_overlaps(verdicts: Iterable[Verdict],
                  items: Catalogue | Mapping[str, PolicyItem]) -> list[Overlap]:
    """The exclusive groups in which the enterprise matches two or more items."""
    lookup = items.item if isinstance(items, Catalogue) else items.__getitem__
    groups: dict[str, list[tuple[PolicyItem, Verdict]]] = {}
    for v in verdicts:
        if v.outcome in MATCHED and v.item_id is not None:
            item = lookup(v.item_id)
            if item.exclusive_group:
                groups.setdefault(item.exclusive_group, []).append((item, v))
    out = []
    for group, members in sorted(groups.items()):
        if len({item.id for item, _ in members}) < 2:
            continue
        members.sort(key=lambda m: (-_amount(m[0]), m[1].outcome != "eligible", m[0].id))
        rules = {item.stacking for item, _ in members}
        consistent = len(rules) == 1 and None not in rules
        stacking = rules.pop() if consistent else "no_duplicate"
        out.append(_overlap(group, stacking, members, consistent))
    return out


def _name(item: PolicyItem, v: Verdict, zh: bool) -> str:
    status = "" if v.outcome == "eligible" else ("，尚缺信息" if zh else ", information missing")
    return f"「{item.title}」（{item.amount_text}{status}）" if zh else \
        f"{item.id} “{item.title}” ({item.amount_text}{status})"


def _overlap(group: str, stacking: str, members: list, consistent: bool) -> Overlap:
    ids = tuple(item.id for item, _ in members)
    outcomes = tuple(v.outcome for _, v in members)
    zh_rule, en_rule = RULES[stacking]
    listed_zh = "；".join(_name(i, v, True) for i, v in members)
    listed_en = "; ".join(_name(i, v, False) for i, v in members)
    chosen = fallback = None
    if stacking == "highest_only":
        top, second = members[0][0], members[1][0]
        if top.amount_max is not None and _amount(top) > _amount(second):
            chosen = top.id
            if members[0][1].outcome != "eligible":
                fallback = next((i.id for i, v in members[1:] if v.outcome == "eligible"), None)
    if stacking == "no_duplicate":
        zh = f"以下{len(ids)}项{zh_rule}，只能选择其一：{listed_zh}。"
        en = f"These {len(ids)} items are {en_rule}: {listed_en}."
    elif chosen is None:
        zh = (f"以下{len(ids)}项{zh_rule}，只享受金额最高的一项；金额相同或无法比较，"
              f"由企业选择其一：{listed_zh}。")
        en = (f"These {len(ids)} items are {en_rule}; the amounts tie or cannot be compared, "
              f"so the enterprise picks one: {listed_en}.")
    else:
        top_item, top_v = members[0]
        zh = (f"以下{len(ids)}项{zh_rule}：{listed_zh}。按金额最高的{_name(top_item, top_v, True)}"
              f"享受，其余不再享受。")
        en = (f"These {len(ids)} items are {en_rule}: {listed_en}. The highest, {top_item.id}, "
              f"applies; the others do not.")
        if fallback:
            fb = next(i for i, _ in members if i.id == fallback)
            zh += f"如「{top_item.title}」经核实不符合，则按「{fb.title}」（{fb.amount_text}）享受。"
            en += f" If {top_item.id} turns out not to qualify, {fallback} applies."
    if not consistent:
        rules = "、".join(sorted(str(i.stacking) for i, _ in members))
        zh += f"（注意：这些事项的叠加规则不一致：{rules}，按不重复享受处理，请核实政策原文。）"
        en += f" (Note: the items disagree on the stacking rule ({rules}); treated as " \
              "not combinable — check the documents.)"
    return Overlap(group, stacking, ids, outcomes, chosen, fallback, consistent, zh, en)
