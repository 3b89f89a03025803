"""Overlaps (core/overlaps.py): matched items that cannot be combined, on the sample."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.catalogue import load_catalogue
from core.eligibility import Verdict, matcher_for
from core.enterprise import EnterpriseProfile, Fact, Qualification
from core.overlaps import find_overlaps

D = dt.date
TODAY = D(2026, 11, 25)
REG = D(2026, 10, 1)


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def company(town: str) -> EnterpriseProfile:
    """A lamp maker first recognised as a high-tech enterprise in December 2025."""
    return EnterpriseProfile(
        industry=Fact("C3872", "register", REG), town=Fact(town, "register", REG),
        employees=Fact(120, "told", D(2026, 3, 1)),
        revenue=Fact.for_year(4800, 2025, "document", material="mat-audit"),
        assets=Fact.for_year(3000, 2025, "document", material="mat-audit"),
        invention_patents=Fact(2, "register", REG),
        tax_credit_level=Fact("B", "register", D(2025, 4, 20)),
        serious_violation=Fact(False, "register", REG),
        qualifications=Fact((Qualification("high_tech", D(2025, 12, 1), D(2028, 11, 30),
                                           "document", D(2026, 3, 1), "mat-hightech"),),
                            "register", REG))


def test_overlaps_of_a_xiaolan_high_tech_company(cat):
    verdicts = matcher_for(cat).match(company("xiaolan"), TODAY)
    overlaps = {o.group: o for o in find_overlaps(verdicts, cat)}
    assert set(overlaps) == {"xg-hightech-first", "xg-patent", "xg-loan-interest",
                             "xg-graduates", "xg-guarantee-fee"}
    high = overlaps["xg-hightech-first"]
    assert (high.stacking, high.items, high.chosen, high.fallback, high.consistent) == (
        "highest_only", ("pi-0001", "pi-0342"), "pi-0001", None, True)
    assert high.explanation == (
        "以下2项就高不就低：「首次通过高新技术企业认定一次性奖励」（一次性奖励20万元；"
        "与市级、镇街同类高企首次认定奖励就高不就低）；「小榄镇高新技术企业首次认定奖励」"
        "（首次认定的给予10万元奖励；与市级、镇街同类高企首次认定奖励就高不就低）。按金额最高的"
        "「首次通过高新技术企业认定一次性奖励」（一次性奖励20万元；与市级、镇街同类高企首次认定"
        "奖励就高不就低）享受，其余不再享受。")
    assert "The highest, pi-0001, applies" in high.explanation_en
    patent = overlaps["xg-patent"]
    assert (patent.stacking, patent.items, patent.chosen) == (
        "no_duplicate", ("pi-0034", "pi-0348"), None)
    assert patent.explanation.startswith("以下2项不重复享受，只能选择其一：「发明专利授权资助」")
    loans = overlaps["xg-loan-interest"]                # highest amount first, then id
    assert loans.items == ("pi-0007", "pi-0038", "pi-0071", "pi-0074")
    assert loans.outcomes == ("eligible",) * 4
    assert loans.to_json()["items"] == ["pi-0007", "pi-0038", "pi-0071", "pi-0074"]
    graduates = overlaps["xg-graduates"]                # nothing known about hires yet
    assert graduates.items == ("pi-0054", "pi-0063", "pi-0349")
    assert graduates.outcomes == ("likely",) * 3 and graduates.stacking == "no_duplicate"


def test_items_not_matched_do_not_overlap(cat):
    verdicts = matcher_for(cat).match(company("shaxi"), TODAY)
    groups = {o.group for o in find_overlaps(verdicts, cat)}
    assert "xg-hightech-first" not in groups          # 沙溪 has no such award: the city's only
    certified_earlier = dataclasses.replace(company("xiaolan"), qualifications=Fact((
        Qualification("high_tech", D(2023, 12, 1), D(2026, 11, 30), "document", D(2026, 3, 1),
                      "mat-hightech"),), "register", REG))
    verdicts = matcher_for(cat).match(certified_earlier, TODAY)
    assert "xg-hightech-first" not in {o.group for o in find_overlaps(verdicts, cat)}
    assert {v.item_id: v.outcome for v in verdicts}["pi-0001"] == "not_eligible"   # not 首次
    # with nothing known every item is likely, so every group overlaps, flagged as likely
    unknown = find_overlaps(matcher_for(cat).match(EnterpriseProfile(), TODAY), cat)
    assert len(unknown) == len({i.exclusive_group for i in cat.items} - {None})
    assert all(set(o.outcomes) == {"likely"} for o in unknown)


def v(item_id: str, outcome: str) -> Verdict:
    return Verdict(outcome, D(2025, 12, 31), 0, 0 if outcome == "eligible" else 1, item_id)


def test_highest_only_when_the_highest_is_only_likely(cat):
    (o,) = find_overlaps([v("pi-0001", "likely"), v("pi-0342", "eligible"),
                          v("pi-0150", "not_eligible")], cat)
    assert (o.chosen, o.fallback, o.outcomes) == ("pi-0001", "pi-0342", ("likely", "eligible"))
    assert ("「首次通过高新技术企业认定一次性奖励」（一次性奖励20万元；与市级、镇街同类高企首次认定"
            "奖励就高不就低，尚缺信息）") in o.explanation
    assert o.explanation.endswith("如「首次通过高新技术企业认定一次性奖励」经核实不符合，"
                                  "则按「小榄镇高新技术企业首次认定奖励」（首次认定的给予10万元奖励；"
                                  "与市级、镇街同类高企首次认定奖励就高不就低）享受。")
    assert o.explanation_en.endswith("If pi-0001 turns out not to qualify, pi-0342 applies.")


def test_highest_only_with_equal_amounts_lets_the_enterprise_choose(cat):
    (o,) = find_overlaps([v("pi-0150", "eligible"), v("pi-0342", "eligible")], cat)
    assert o.chosen is None and "金额相同或无法比较" in o.explanation


def test_a_group_that_disagrees_on_its_rule_is_flagged(cat):
    items = {i.id: i for i in cat.items}
    items["pi-0342"] = dataclasses.replace(items["pi-0342"], stacking="no_duplicate")
    (o,) = find_overlaps([v("pi-0001", "eligible"), v("pi-0342", "eligible")], items)
    assert (o.stacking, o.consistent, o.chosen) == ("no_duplicate", False, None)
    assert "叠加规则不一致：highest_only、no_duplicate" in o.explanation
    assert "disagree on the stacking rule" in o.explanation_en
