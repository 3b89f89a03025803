"""The eligibility engine (core/eligibility.py): every rule form, op and predicate, the
three values, the traces, reference dates, ranking, and the sample catalogue."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from core.catalogue import load_catalogue
from core.eligibility import (
    MET,
    MISSING,
    NOT_MET,
    RuleError,
    Verdict,
    compile_rule,
    describe,
    evaluate,
    matcher_for,
    rank,
)
from core.enterprise import ANNUAL, EnterpriseProfile, Fact, Qualification

D = dt.date
TODAY = D(2026, 11, 25)
REF = D(2025, 12, 31)
REG = D(2026, 10, 1)


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture(scope="module")
def names(cat):
    return matcher_for(cat).names


def leaf(field, op, value, label="条件", material=None, clause="第二条"):
    return {"field": field, "op": op, "value": value, "label": label, "clause": clause,
            "material": material}


def pred(name, args, label="条件", material=None):
    return {"predicate": name, "args": args, "label": label, "clause": "第三条",
            "material": material}


def profile(**facts) -> EnterpriseProfile:
    """Facts by value: states seen on REG from the register, annual figures for FY2025."""
    out = {}
    for name, value in facts.items():
        if isinstance(value, Fact) or value is None:
            out[name] = value
        elif name in ANNUAL:
            out[name] = Fact.for_year(value, 2025, "document", material="mat-audit")
        else:
            out[name] = Fact(value, "register", REG)
    return EnterpriseProfile(**out)


def value(rule, prof, ref=REF) -> str:
    return evaluate(rule, prof, ref).outcome


def quals(*records) -> Fact:
    return Fact(tuple(Qualification(c, a, b, "document", REG, "mat-hightech")
                      for c, a, b in records), "register", REG)


# ---------------------------------------------------------------- every field op
OUT = {True: "eligible", False: "not_eligible", None: "likely"}
OPS = [
    # field, op, rule value, profile value, expected (None: missing)
    ("industry", "eq", "C3911", "C3911", True), ("industry", "eq", "C3911", "C3912", False),
    ("industry", "eq", "C3911", "C39", None), ("industry", "ne", "C3911", "C3911", False),
    ("industry", "ne", "C3911", "F5211", True), ("industry", "ne", "C3911", "C", None),
    ("industry", "in", ["F5211", "H6210"], "H6210", True),
    ("industry", "in", ["F5211", "H6210"], "H6110", False),
    ("industry", "in", ["F5211", "H6210"], "H62", None),
    ("industry", "not_in", ["F5211", "H6210"], "H6210", False),
    ("industry", "not_in", ["F5211", "H6210"], "C3911", True),
    ("industry", "prefix", ["C", "I65"], "C3911", True),
    ("industry", "prefix", ["C", "I65"], "I6510", True),
    ("industry", "prefix", ["C", "I65"], "I6311", False),
    ("industry", "prefix", ["C", "I65"], "I", None),
    ("industry", "prefix", ["C39"], "C", None),
    ("town", "eq", "xiaolan", "xiaolan", True), ("town", "eq", "xiaolan", "guzhen", False),
    ("town", "ne", "xiaolan", "guzhen", True),
    ("town", "in", ["xiaolan", "guzhen"], "guzhen", True),
    ("town", "not_in", ["xiaolan", "guzhen"], "guzhen", False),
    ("employees", "eq", 100, 100, True), ("employees", "ne", 100, 100, False),
    ("employees", "gt", 30, 30, False), ("employees", "gt", 30, 31, True),
    ("employees", "gte", 100, 99, False), ("employees", "gte", 100, 100, True),
    ("employees", "lt", 300, 300, False), ("employees", "lt", 300, 299, True),
    ("employees", "lte", 300, 300, True), ("employees", "lte", 300, 301, False),
    ("employees", "between", [100, 5000], 100, True),
    ("employees", "between", [100, 5000], 5000, True),
    ("employees", "between", [100, 5000], 5001, False),
    ("employees", "in", [5, 10], 10, True), ("employees", "not_in", [5, 10], 10, False),
    ("revenue", "gte", 2000, 2000, True), ("revenue", "gte", 2000, 1999.99, False),
    ("revenue", "between", [50, 5000], 49.5, False), ("revenue", "lt", 0.5, 0.4, True),
    ("revenue_growth", "lte", -10, -10, True), ("revenue_growth", "lt", 0, 0, False),
    ("rd_ratio", "gt", 0, 0.1, True), ("export_value", "ne", 0, 0, False),
    ("assets", "eq", 5000, 5000.0, True),
    ("founded", "gt", "2025-12-31", D(2026, 1, 1), True),
    ("founded", "gt", "2025-12-31", D(2025, 12, 31), False),
    ("founded", "gte", "2025-01-01", D(2025, 1, 1), True),
    ("founded", "lt", "2025-01-01", D(2025, 1, 1), False),
    ("founded", "lte", "2025-01-01", D(2025, 1, 1), True),
    ("founded", "eq", "2025-01-01", D(2025, 1, 1), True),
    ("founded", "ne", "2025-01-01", D(2025, 1, 1), False),
    ("founded", "between", ["2020-01-01", "2020-12-31"], D(2020, 6, 1), True),
    ("tax_credit_level", "eq", "A", "A", True), ("tax_credit_level", "ne", "D", "D", False),
    ("tax_credit_level", "in", ["A", "B"], "M", False),
    ("tax_credit_level", "not_in", ["C", "D"], "M", True),
    ("tax_credit_level", "at_least", "M", "M", True),
    ("tax_credit_level", "at_least", "M", "C", False),
    ("tax_credit_level", "at_least", "B", "A", True),
    ("tax_credit_level", "at_most", "C", "D", True),
    ("tax_credit_level", "at_most", "C", "M", False),
    ("serious_violation", "eq", False, False, True),
    ("serious_violation", "eq", False, True, False),
    ("serious_violation", "ne", True, False, True),
    ("entity_type", "eq", "92", "92", True), ("entity_type", "ne", "92", "92", False),
    ("entity_type", "in", ["91", "93"], "93", True),
    ("entity_type", "not_in", ["91", "93"], "92", True),
    ("entity_type", "prefix", ["9"], "93", True), ("entity_type", "prefix", ["9"], "52", False),
    ("invention_patents", "gte", 1, 0, False), ("insured_employees", "gte", 10, 10, True),
    ("graduates_hired", "gte", 5, 4, False),
    ("layoff_rate", "lte", 5.5, 5.5, True), ("layoff_rate", "lte", 5.5, 5.6, False),
    ("layoff_rate", "eq", 0, 0.0, True),
    ("import_export_value", "gt", 0, 0, False), ("import_export_value", "gte", 100, 100.0, True),
    ("new_equipment_investment", "gte", 500, 499.9, False),
    ("new_equipment_investment", "gt", 0, 12, True),
    ("invention_patents_granted", "gte", 1, 1, True),
    ("invention_patents_granted", "gte", 1, 0, False),
    ("town_since", "gte", "2025-01-01", D(2025, 1, 1), True),
    ("town_since", "gte", "2025-01-01", D(2024, 12, 31), False),
]


@pytest.mark.parametrize("field,op,rule_value,actual,expected", OPS,
                         ids=[f"{f}-{o}-{a}" for f, o, _, a, _ in OPS])
def test_every_field_op(field, op, rule_value, actual, expected):
    rule = leaf(field, op, rule_value)
    assert value(rule, profile(**{field: actual})) == OUT[expected]
    assert value(rule, profile()) == "likely"                 # not known: missing
    described = describe(rule, "zh"), describe(rule, "en")
    assert all(described)


def test_entity_type_falls_back_on_the_credit_code():
    p = profile(credit_code="92442000MA4W1234XK")
    verdict = evaluate(leaf("entity_type", "eq", "92", "个体工商户"), p, REF)
    assert verdict.outcome == "eligible"
    assert verdict.traces()[0].actual.startswith("个体工商户（92）（中央登记库")


# ---------------------------------------------------------------- three values
MET_LEAF = leaf("employees", "gte", 10)                # met for employees=50
FAIL_LEAF = leaf("employees", "gte", 100)              # not met for employees=50
MISSING_LEAF = leaf("revenue", "gte", 1000)            # no revenue: missing
P50 = profile(employees=50)


@pytest.mark.parametrize("rule,expected", [
    ({"not": MISSING_LEAF}, "likely"),
    ({"not": MET_LEAF}, "not_eligible"),
    ({"not": FAIL_LEAF}, "eligible"),
    ({"any": [MET_LEAF, MISSING_LEAF]}, "eligible"),
    ({"any": [FAIL_LEAF, MISSING_LEAF]}, "likely"),
    ({"any": [FAIL_LEAF, FAIL_LEAF]}, "not_eligible"),
    ({"all": [MET_LEAF, MISSING_LEAF]}, "likely"),
    ({"all": [FAIL_LEAF, MISSING_LEAF]}, "not_eligible"),
    ({"all": [MET_LEAF, MET_LEAF]}, "eligible"),
    ({"all": [MET_LEAF]}, "eligible"),
    ({"not": {"not": MISSING_LEAF}}, "likely"),
    ({"not": {"any": [FAIL_LEAF, MISSING_LEAF]}}, "likely"),
    ({"not": {"all": [FAIL_LEAF, MISSING_LEAF]}}, "eligible"),
    ({"all": [MET_LEAF, {"any": [MISSING_LEAF, {"not": FAIL_LEAF}]}]}, "eligible"),
])
def test_kleene_logic_through_all_any_not(rule, expected):
    assert value(rule, P50) == expected


def test_compiled_rules_agree_with_a_plain_three_valued_reference():
    leaves = {MET: MET_LEAF, NOT_MET: FAIL_LEAF, MISSING: MISSING_LEAF}
    rnd = random.Random(7)

    def tree(depth):
        if depth == 0 or rnd.random() < 0.3:
            v = rnd.choice((MET, NOT_MET, MISSING))
            return leaves[v], v
        kind = rnd.choice(("all", "any", "not"))
        if kind == "not":
            t, v = tree(depth - 1)
            return {"not": t}, 2 - v
        kids = [tree(depth - 1) for _ in range(rnd.randint(1, 4))]
        vals = [v for _, v in kids]
        return {kind: [t for t, _ in kids]}, min(vals) if kind == "all" else max(vals)
    for _ in range(400):
        t, v = tree(4)
        assert value(t, P50) == {MET: "eligible", MISSING: "likely", NOT_MET: "not_eligible"}[v]


def test_alternatives_beside_a_met_one_are_moot():
    rule = {"all": [MISSING_LEAF, {"any": [MET_LEAF, FAIL_LEAF, MISSING_LEAF]},
                    {"not": {"all": [FAIL_LEAF, MISSING_LEAF]}}]}
    traces = evaluate(rule, P50, REF).traces()
    assert [(t.value, t.moot, bool(t.hint)) for t in traces] == [
        ("missing", False, True), ("met", False, False), ("not_met", True, False),
        ("missing", True, False),
        ("met", False, False), ("missing", True, False)]      # not(all) is an any in effect


def test_counts_are_per_top_level_requirement():
    rule = {"all": [FAIL_LEAF, MISSING_LEAF, {"any": [MISSING_LEAF, FAIL_LEAF]}, MET_LEAF]}
    v = evaluate(rule, P50, REF)
    assert (v.outcome, v.unmet, v.missing) == ("not_eligible", 1, 2)
    assert [t.value for t in v.traces()] == ["not_met", "missing", "missing", "not_met", "met"]


# ---------------------------------------------------------------- predicates
@pytest.mark.parametrize("args,facts,expected", [
    ({"at_most": "small"}, {"industry": "C3911", "employees": 50, "revenue": 1000}, True),
    ({"at_most": "small"}, {"industry": "C3911", "employees": 350, "revenue": 2000}, False),
    # revenue unknown, but 150 people already caps the scale at small: decided
    ({"at_most": "small"}, {"industry": "C3911", "employees": 150}, True),
    ({"at_most": "small"}, {"industry": "C3911", "employees": 350}, None),
    ({"at_least": "medium"}, {"industry": "C3911", "employees": 150}, False),
    ({"at_least": "medium"}, {"industry": "C3911", "employees": 1200, "revenue": 50000}, True),
    ({"in": ["micro", "small"]}, {"industry": "I6510", "employees": 9, "revenue": 5000}, True),
    ({"in": ["micro", "small"]}, {"industry": "F", "employees": 30, "revenue": 6000}, None),
    ({"at_most": "medium"}, {"industry": "J6620", "employees": 30, "revenue": 6000}, None),
    ({"at_most": "medium"}, {"employees": 30}, None),
])
def test_scale_predicate(args, facts, expected):
    assert value(pred("scale", args), profile(**facts)) == OUT[expected]


@pytest.mark.parametrize("args,founded,expected", [
    ({"at_least": 3}, D(2022, 12, 31), True), ({"at_least": 3}, D(2023, 1, 1), False),
    ({"at_most": 2}, D(2023, 12, 31), True), ({"at_most": 2}, D(2023, 12, 30), False),
    ({"at_least": 1, "at_most": 5}, D(2020, 12, 31), True),
    ({"at_least": 1, "at_most": 5}, D(2020, 12, 30), False),
    ({"at_least": 0.5}, D(2025, 6, 30), True), ({"at_least": 0.5}, D(2025, 7, 1), False),
    ({"at_most": 10}, D(2026, 3, 1), False),                   # founded after R
    ({"at_least": 1}, None, None),
])
def test_age_years_is_counted_at_the_reference_date(args, founded, expected):
    assert value(pred("age_years", args), profile(founded=founded)) == OUT[expected]


def test_age_on_29_february():
    p = profile(founded=D(2020, 2, 29))
    assert value(pred("age_years", {"at_least": 1}), p, D(2021, 2, 28)) == "eligible"
    assert value(pred("age_years", {"at_least": 1}), p, D(2021, 2, 27)) == "not_eligible"


@pytest.mark.parametrize("records,expected", [
    ([("high_tech", D(2023, 12, 1), D(2026, 11, 30))], True),
    ([("high_tech", D(2022, 12, 1), D(2025, 11, 30))], False),       # expired before R
    ([("high_tech", D(2026, 1, 1), D(2028, 12, 31))], False),        # not yet valid at R
    ([("high_tech", D(2022, 1, 1), D(2024, 12, 31)),
      ("high_tech", D(2025, 1, 1), D(2027, 12, 31))], True),         # renewed
    ([("tech_sme", D(2025, 1, 1), D(2025, 12, 31))], False),         # not on the list
    ([], False),
    (None, None),                                                      # list unknown
])
def test_qualification_valid_at_the_reference_date(records, expected):
    p = profile(qualifications=None if records is None else quals(*records))
    assert value(pred("qualification", {"code": "high_tech"}), p) == OUT[expected]


@pytest.mark.parametrize("args,town_since,expected", [
    ({"at_least": 5}, D(2020, 12, 31), True), ({"at_least": 5}, D(2021, 1, 1), False),
    ({"at_most": 2}, D(2023, 12, 31), True), ({"at_most": 2}, D(2023, 12, 30), False),
    ({"at_most": 2}, D(2026, 3, 1), False),                    # moved in after R
    ({"at_least": 1}, None, None),
])
def test_years_in_town_count_from_setting_up_or_moving_in(args, town_since, expected):
    p = profile(town_since=town_since, founded=D(2000, 1, 1))     # founded does not count
    assert value(pred("years_in_town", args), p) == OUT[expected]


FIRST = pred("first_recognition", {"code": "high_tech"}, "认定年度首次通过高新技术企业认定",
             "mat-hightech")


@pytest.mark.parametrize("records,expected", [
    ([("high_tech", D(2025, 12, 1), D(2028, 11, 30))], True),       # first, in the year to R
    ([("high_tech", D(2025, 6, 18), D(2028, 6, 17))], True),        # the window's first day
    ([("high_tech", D(2025, 6, 17), D(2028, 6, 16))], False),       # a year and a day before R
    ([("high_tech", D(2022, 12, 1), D(2025, 11, 30)),
      ("high_tech", D(2025, 12, 1), D(2028, 11, 30))], False),       # renewed: not the first
    ([("high_tech", D(2026, 7, 1), D(2029, 6, 30))], False),         # after R
    ([("tech_sme", D(2026, 1, 1), D(2026, 12, 31))], False),         # not on the list
    ([], False),
    (None, None),                                                      # list unknown
])
def test_first_recognition_in_the_year_up_to_the_reference_date(records, expected):
    p = profile(qualifications=None if records is None else quals(*records))
    assert value(FIRST, p, D(2026, 6, 17)) == OUT[expected]
    renewal = {"not": FIRST}                                # 重新认定: held, but not the first
    if expected is not None:
        held = any(c == "high_tech" and a <= D(2026, 6, 17) <= b for c, a, b in records)
        assert value({"all": [pred("qualification", {"code": "high_tech"}), renewal]}, p,
                     D(2026, 6, 17)) == OUT[held and not expected]


def test_trace_texts_for_a_first_recognition(names):
    renewed = profile(qualifications=quals(("high_tech", D(2022, 12, 1), D(2025, 11, 30)),
                                           ("high_tech", D(2025, 12, 1), D(2028, 11, 30))))
    v = evaluate(FIRST, renewed, D(2026, 6, 17), names)
    (t,) = v.traces()
    assert v.outcome == "not_eligible" and t.key == "first_recognition"
    assert t.required == "在 2025-06-18 至 2026-06-17 期间首次取得高新技术企业资质且该日有效"
    assert t.actual.startswith("首次取得于 2022-12-01：2022-12-01 至 2025-11-30（查验材料：")
    assert t.hint == ("需要在 2025-06-18 至 2026-06-17 期间首次取得高新技术企业资质且该日有效，"
                      "目前首次取得于 2022-12-01，证书有效期为 2022-12-01 至 2025-11-30、"
                      "2025-12-01 至 2028-11-30")
    (en,) = v.traces("en")
    assert en.required == ("first recognised as a high-tech enterprise between 2025-06-18 and "
                           "2026-06-17, still valid")
    unknown = evaluate(FIRST, profile(), D(2026, 6, 17), names).traces()[0]
    assert unknown.hint == "缺少：资质情况（高新技术企业，含历次证书）（需提供：高新技术企业证书）"
    negated = evaluate({"not": FIRST}, renewed, D(2026, 6, 17), names).traces()[0]
    assert negated.value == "met" and negated.label.startswith("排除：")
    assert negated.required.startswith("不属于在 2025-06-18 至 2026-06-17 期间首次取得")


def test_trace_texts_for_years_in_town_and_the_new_fields(names):
    p = profile(town_since=Fact(D(2024, 3, 1), "document", D(2026, 3, 2),
                                material="mat-registration-record"),
                layoff_rate=7.5)
    rule = {"all": [pred("years_in_town", {"at_least": 5}, "在石岐街道设立或迁入满5年",
                         "mat-registration-record"),
                    leaf("layoff_rate", "lte", 5.5, "上年度裁员率不高于5.5%", "mat-social-insurance"),
                    leaf("import_export_value", "gte", 100, "上年度进出口额100万元以上",
                         "mat-export-data")]}
    years, layoff, trade = evaluate(rule, p, REF, names).traces()
    assert years.required == "在所在镇街登记满 5 年（截至 2025-12-31）"
    assert years.actual.startswith("在所在镇街登记 1 年（2024-03-01 起）；查验材料：企业登记档案")
    assert years.hint.startswith("需要在所在镇街登记满 5 年（截至 2025-12-31），目前在所在镇街登记 1 年")
    assert layoff.required == "上年度裁员率不超过 5.5%"
    assert layoff.hint == "需要上年度裁员率不超过 5.5%，目前为 7.5%"
    assert trade.hint == "缺少：上年度进出口额（需提供：海关进出口数据汇总表）"
    en = evaluate(rule, p, REF, names).traces("en")
    assert en[0].required == "registered in its town at least 5 years (at 2025-12-31)"
    assert en[2].required == "previous year's imports and exports at least 100 (10k yuan)"
    assert describe(pred("years_in_town", {"at_most": 2}), "zh") == "在所在镇街登记不超过 2 年"


def test_profiles_stored_before_the_new_fields_read_them_as_missing():
    """A stored profile (JSON) from before layoff_rate, town_since … loads with them
    unknown, so a rule on them is missing information, not an error."""
    old = profile(industry="C3872", employees=120, insured_employees=112).to_json()
    assert not {"layoff_rate", "town_since", "import_export_value"} & set(old)
    rule = {"all": [leaf("insured_employees", "gte", 1),
                    leaf("layoff_rate", "lte", 5.5), pred("years_in_town", {"at_most": 2})]}
    assert value(rule, EnterpriseProfile.from_json(old)) == "likely"
    assert evaluate(rule, old, REF).outcome == "likely"          # the JSON form, as scanned


# ---------------------------------------------------------------- reference dates
def test_a_qualification_expiring_between_the_reference_date_and_today(names):
    p = profile(qualifications=quals(("high_tech", D(2023, 10, 1), D(2026, 9, 30))))
    rule = pred("qualification", {"code": "high_tech"}, "在有效期内的高新技术企业", "mat-hightech")
    at_ref = evaluate(rule, p, D(2026, 6, 17), names)
    assert at_ref.outcome == "eligible"
    trace = at_ref.traces()[0]
    assert trace.required == "持有有效的高新技术企业资质（2026-06-17 有效）"
    assert trace.actual == "2023-10-01 至 2026-09-30（查验材料：高新技术企业证书，截至2026-10-01）"
    today = evaluate(rule, p, TODAY, names)
    assert today.outcome == "not_eligible"
    assert today.traces()[0].hint == ("需要持有有效的高新技术企业资质（2026-11-25 有效），"
                                      "目前证书有效期为 2023-10-01 至 2026-09-30")


def test_a_company_founded_after_the_reference_date():
    p = profile(founded=D(2026, 3, 1))
    v = evaluate(pred("age_years", {"at_most": 2}, "新设立不超过2年", "mat-license"), p, REF)
    assert v.outcome == "not_eligible"
    assert v.traces()[0].hint == ("需要成立不超过 2 年（截至 2025-12-31），"
                                  "目前成立于 2026-03-01，晚于基准日 2025-12-31")
    assert value(leaf("founded", "gt", "2025-12-31"), p) == "eligible"
    assert evaluate(pred("age_years", {"at_most": 2}), p, TODAY).outcome == "eligible"


def test_annual_figures_must_cover_the_year_up_to_the_reference_date(names):
    rule = leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-statements")
    fy2025 = profile(revenue=1200)
    assert value(rule, fy2025, D(2025, 12, 31)) == "eligible"
    assert value(rule, fy2025, D(2026, 6, 17)) == "eligible"     # still the last full year
    stale = evaluate(rule, fy2025, D(2026, 12, 31), names)       # FY2026 needed
    assert stale.outcome == "likely"
    t = stale.traces()[0]
    assert t.actual == "1200 万元（查验材料：上年度财务审计报告，截至2025-12-31）；不是2026年度的数据"
    assert t.hint == ("缺少：上年度营业收入（需2026年度的数据，现有数据截至 2025-12-31）"
                      "（需提供：上年度财务报表）")
    early = evaluate(rule, fy2025, D(2025, 6, 30), names)        # FY2025 is after R
    assert early.outcome == "likely"
    assert "截至 2025-06-30 的最近一个年度" in early.traces()[0].hint


def test_states_seen_after_the_reference_date_are_used_and_marked():
    p = profile(tax_credit_level=Fact("B", "told", D(2026, 4, 20)))
    v = evaluate(leaf("tax_credit_level", "at_least", "M"), p, REF)
    assert v.outcome == "eligible"
    assert v.traces()[0].actual == "B 级（企业自述，截至2026-04-20）；晚于基准日 2025-12-31"
    assert v.traces("en")[0].actual == ("B (told by the enterprise, as of 2026-04-20); "
                                        "seen after the reference date 2025-12-31")


# ---------------------------------------------------------------- trace texts
def test_trace_texts_for_a_negated_tax_credit_condition(names):
    rule = {"all": [{"not": leaf("tax_credit_level", "at_most", "C", "纳税信用等级为C级或D级",
                                 "mat-tax-credit", "第二条第（三）项")}]}
    p = profile(tax_credit_level=Fact("C", "told", D(2026, 3, 1)))
    v = evaluate(rule, p, D(2026, 6, 17), names)
    (t,) = v.traces()
    assert v.outcome == "not_eligible"
    assert t.label == "排除：纳税信用等级为C级或D级" and t.negated
    assert (t.clause, t.material, t.value, t.key) == ("第二条第（三）项", "mat-tax-credit",
                                                      "not_met", "tax_credit_level")
    assert t.required == "纳税信用等级 M 级或以上"
    assert t.actual == "C 级（企业自述，截至2026-03-01）"
    assert t.hint == "需要纳税信用等级 M 级或以上，目前为 C 级"
    (en,) = v.traces("en")
    assert en.required == "tax-credit level M or better"
    assert en.hint == "Needs: tax-credit level M or better; currently C"
    assert en.label == "Excluded: 纳税信用等级为C级或D级"


def test_trace_texts_for_missing_information(names):
    rule = leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-statements")
    v = evaluate(rule, profile(), REF, names)
    (t,) = v.traces()
    assert (t.value, t.actual) == ("missing", "未提供")
    assert t.hint == "缺少：上年度营业收入（需提供：上年度财务报表）"
    assert v.traces("en")[0].hint == "Missing: previous year's revenue (provide: 上年度财务报表)"
    coarse = evaluate(leaf("industry", "prefix", ["C39"], "属于计算机、通信和其他电子设备制造业",
                           "mat-license"), profile(industry="C"), REF, names).traces()[0]
    assert coarse.hint == "缺少：更具体的行业代码（目前为 C（制造业））（需提供：营业执照副本复印件）"


def test_trace_texts_for_the_scale_predicate(names):
    p = profile(industry="C3911", employees=350, revenue=1800)
    v = evaluate(pred("scale", {"at_least": "medium"}, "中型及以上企业", "mat-cit-return"), p,
                 REF, names)
    (t,) = v.traces()
    assert t.required == "企业规模为中型或以上"
    assert t.actual.startswith("小型（C3911［中央登记库，截至2026-10-01］，350 人［")
    assert t.hint == "需要企业规模为中型或以上，目前为小型"
    assert "第四条第（二）项" in t.detail and "取较低一档" in t.detail
    missing = evaluate(pred("scale", {"at_most": "small"}, "小微企业", "mat-cit-return"),
                       profile(industry="C3911", employees=350), REF, names).traces()[0]
    assert missing.hint == "缺少：上年度营业收入（需提供：上年度企业所得税年度纳税申报表）"
    finance = evaluate(pred("scale", {"at_most": "small"}), profile(industry="J6620"), REF,
                       names).traces()[0]
    assert finance.value == "missing" and "人工认定企业规模" in finance.hint


def test_describe_in_both_languages(names):
    assert describe(leaf("revenue", "gte", 2000), "zh") == "上年度营业收入 2000 万元及以上"
    assert describe(leaf("revenue", "gte", 2000), "en") == \
        "previous year's revenue at least 2000 (10k yuan)"
    assert describe(leaf("town", "eq", "xiaolan"), "zh", names) == "所在镇街为 小榄镇"
    assert describe(leaf("entity_type", "in", ["91", "93"]), "zh") == \
        "主体类型为 企业（91）、农民专业合作社（93） 之一"
    assert describe({"not": leaf("industry", "prefix", ["K70", "J"])}, "zh") == \
        "行业不属于 K70、J（金融业）"
    assert describe(leaf("serious_violation", "eq", False), "zh") == "未列入严重违法失信名单"
    assert describe({"not": leaf("serious_violation", "eq", True)}, "en") == \
        "not on the serious-violation list"
    assert describe(leaf("founded", "gte", "2025-01-01"), "zh") == "成立日期在 2025-01-01 或之后"
    assert describe(leaf("employees", "between", [100, 5000]), "en") == \
        "employees between 100 and 5000"
    assert describe({"not": leaf("tax_credit_level", "at_least", "D")}, "zh") == "（不可能满足）"
    assert describe(pred("scale", {"in": ["micro", "small"]}), "zh") == "企业规模为小型或以下"
    assert describe({"not": pred("scale", {"at_most": "small"})}, "en") == "scale medium or larger"
    assert describe(pred("age_years", {"at_least": 1, "at_most": 5}), "zh") == \
        "成立满 1 年且成立不超过 5 年"
    assert describe({"not": pred("age_years", {"at_least": 3})}, "en") == \
        "in business less than 3 years"
    assert describe({"not": pred("qualification", {"code": "tech_sme"})}, "zh") == \
        "未持有有效的科技型中小企业资质"
    tree = {"all": [leaf("employees", "gte", 10), {"any": [leaf("town", "eq", "xiaolan"),
                                                          leaf("town", "eq", "guzhen")]}]}
    assert describe(tree, "zh", names) == "从业人数 10 人及以上 且 （所在镇街为 小榄镇 或 所在镇街为 古镇镇）"
    assert describe({"not": tree}, "en", names) == \
        "employees below 10 or (town is not 小榄镇 and town is not 古镇镇)"


@pytest.mark.parametrize("rule,message", [
    (leaf("turnover", "gte", 1), "rule: unknown field 'turnover'"),
    (leaf("employees", "prefix", ["1"]), "rule: unknown op 'prefix' for field employees"),
    ({"all": [leaf("employees", "gte", 1), leaf("town", "gt", "x")]},
     r"rule.all\[1\]: unknown op 'gt' for field town"),
    (pred("credit_rating", {}), "unknown predicate 'credit_rating'"),
    (pred("qualification", {"code": "gold"}), "unknown qualification code 'gold'"),
    (pred("scale", {"at_most": "small", "in": ["micro"]}), "scale takes exactly one"),
    ({"any": []}, r"rule.any: expected a non-empty list"),
    ({"maybe": 1}, "expected all, any, not, field or predicate"),
    (leaf("serious_violation", "eq", "no"), "takes true or false"),
])
def test_unknown_fields_ops_and_predicates_are_named(rule, message):
    with pytest.raises(RuleError, match=message):
        compile_rule(rule)


def test_the_texts_live_in_their_own_module_loaded_on_demand():
    """Matching never needs the texts: core.eligibility loads core.eligibility_text only
    when a trace or a description is asked for, and keeps re-exporting describe."""
    import pathlib
    import subprocess
    import sys
    code = ("import sys, datetime as dt, core.eligibility as e\n"
            "assert 'core.eligibility_text' not in sys.modules\n"
            "v = e.evaluate({'field': 'employees', 'op': 'gte', 'value': 10, 'label': 'x',"
            " 'clause': 'x', 'material': None}, {}, dt.date(2025, 12, 31))\n"
            "assert v.outcome == 'likely' and 'core.eligibility_text' not in sys.modules\n"
            "assert v.traces()[0].value == 'missing' and 'core.eligibility_text' in sys.modules\n")
    root = pathlib.Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
    from core import eligibility_text
    rule = leaf("layoff_rate", "lte", 5.5)
    assert describe(rule, "en") == eligibility_text.describe(rule, "en") == \
        "previous year's layoff rate at most 5.5%"


# ---------------------------------------------------------------- ranking
def test_rank_orders_eligible_likely_not_eligible_with_ties_by_open_batch_and_amount():
    def v(outcome, unmet=0, missing=0, status="closed", amount=None, iid="x"):
        return Verdict(outcome, REF, unmet, missing, iid, None, status, amount)
    vs = [v("not_eligible", 2, iid="n2"), v("likely", missing=2, iid="l2"),
          v("eligible", amount=100, iid="e-small"), v("not_eligible", 1, iid="n1"),
          v("likely", missing=1, iid="l1-closed"), v("eligible", amount=500, iid="e-big"),
          v("eligible", status="open", amount=50, iid="e-open"),
          v("likely", missing=1, status="closing_soon", iid="l1-open")]
    assert [x.item_id for x in rank(vs)] == ["e-open", "e-big", "e-small", "l1-open",
                                              "l1-closed", "l2", "n1", "n2"]


# ---------------------------------------------------------------- the sample catalogue
def varied_profiles() -> list[EnterpriseProfile]:
    empty = EnterpriseProfile()
    lamp = profile(
        name="中山市示例灯饰有限公司", credit_code="91442000MA4W1234XK", industry="C3872",
        town="guzhen", founded=D(2018, 5, 3), employees=120, insured_employees=112,
        revenue=4800, assets=3000, rd_ratio=4.2, revenue_growth=12.5, export_value=800,
        invention_patents=2, graduates_hired=3, tax_credit_level="B", serious_violation=False,
        town_since=D(2019, 3, 1), layoff_rate=1.5, import_export_value=950,
        new_equipment_investment=620, invention_patents_granted=1,
        qualifications=quals(("high_tech", D(2023, 12, 1), D(2026, 11, 30)),
                             ("foreign_trade", D(2019, 1, 1), None),
                             ("tech_sme", D(2026, 4, 1), D(2026, 12, 31))))
    shop = profile(credit_code="92442000MA4W5678XK", industry="F5211", town="shiqi",
                   founded=D(2025, 8, 1), employees=4, tax_credit_level="M",
                   qualifications=quals())
    bank = profile(industry="J6620", town="dongqu", entity_type="91", employees=800,
                   revenue=90000, assets=900000, serious_violation=True, tax_credit_level="D")
    coarse = profile(industry="C", employees=350, founded=D(2000, 1, 1),
                     revenue=Fact(2000, "told", D(2026, 5, 1)))       # a misdated figure
    return [empty, lamp, shop, bank, coarse]


def test_every_sample_item_evaluates_against_varied_profiles(cat):
    matcher = matcher_for(cat)
    assert matcher_for(cat) is matcher
    for p in varied_profiles():
        verdicts = matcher.match(p, TODAY)
        assert len(verdicts) == len(cat.items)
        for v in verdicts:
            traces = v.traces() + v.traces("en")
            assert len(traces) == 2 * len(list(cat.item(v.item_id).rule.leaves()))
            assert all(t.required and t.actual and t.label for t in traces)
            assert all(bool(t.hint) == (t.value != "met" and not t.moot) for t in traces)
            assert v.to_json()["traces"]
        ranked = rank(verdicts)
        assert [v.outcome for v in ranked] == sorted(
            (v.outcome for v in ranked), key=["eligible", "likely", "not_eligible"].index)
    outcomes = {v.outcome for v in matcher.match(varied_profiles()[1], TODAY)}
    assert outcomes == {"eligible", "likely", "not_eligible"}
    assert {v.outcome for v in matcher.match(EnterpriseProfile(), TODAY)} <= {
        "likely", "not_eligible"}


def test_the_batch_decides_the_reference_date(cat):
    matcher = matcher_for(cat)
    for v in matcher.match(varied_profiles()[1], TODAY):
        item = cat.item(v.item_id)
        if v.batch_id is None:
            assert not item.batches and v.reference_date == TODAY
            continue
        batch = cat.batch(v.batch_id)
        assert v.reference_date == batch.reference_date
        assert v.batch_status == batch.status_on(TODAY)
        if any(b.status_on(TODAY) in ("open", "closing_soon") for b in item.batches):
            assert v.open


def test_scanning_stored_json_profiles_gives_the_same_verdicts(cat):
    matcher = matcher_for(cat)
    profiles = varied_profiles()
    for item in cat.items[:60]:
        a = list(matcher.scan(item.id, profiles, TODAY))
        b = list(matcher.scan(item.id, [p.to_json() for p in profiles], TODAY))
        assert [x[:8] for x in a] == [x[:8] for x in b]
        assert [x.traces() for x in a] == [x.traces() for x in b]
    one = matcher.verdict(profiles[1], "pi-0001", TODAY, batch_id="pb-0001")
    assert one.batch_id == "pb-0001" and one.reference_date == D(2026, 6, 17)
