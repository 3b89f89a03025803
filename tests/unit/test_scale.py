"""Enterprise scale by 工信部联企业〔2011〕300号 (core/scale.py).

The thresholds below are typed in again from the regulation's 第四条 (not read from
core.scale), so that a wrong number in the module's table fails here.
"""

from __future__ import annotations

import pytest

from core.scale import SECTORS, ScaleResult, classify, normalize_industry, sectors_for

E, R, A = "employees", "revenue", "assets"
# sector: (a GB/T 4754-2017 code in it, inputs, 小型下限, 中型下限, 大型 = 中小微上限)
REGULATION = {
    "agriculture": ("A0111", (R,), (50,), (500,), (20000,)),
    "industry": ("C3911", (E, R), (20, 300), (300, 2000), (1000, 40000)),
    "construction": ("E4710", (R, A), (300, 300), (6000, 5000), (80000, 80000)),
    "wholesale": ("F5137", (E, R), (5, 1000), (20, 5000), (200, 40000)),
    "retail": ("F5211", (E, R), (10, 100), (50, 500), (300, 20000)),
    "transport": ("G5430", (E, R), (20, 200), (300, 3000), (1000, 30000)),
    "warehousing": ("G5920", (E, R), (20, 100), (100, 1000), (200, 30000)),
    "postal": ("G6010", (E, R), (20, 100), (300, 2000), (1000, 30000)),
    "accommodation": ("H6110", (E, R), (10, 100), (100, 2000), (300, 10000)),
    "catering": ("H6210", (E, R), (10, 100), (100, 2000), (300, 10000)),
    "telecom": ("I6311", (E, R), (10, 100), (100, 1000), (2000, 100000)),
    "software": ("I6510", (E, R), (10, 50), (100, 1000), (300, 10000)),
    "real_estate": ("K7010", (R, A), (100, 2000), (1000, 5000), (200000, 10000)),
    "property": ("K7020", (E, R), (100, 500), (300, 1000), (1000, 5000)),
    "leasing": ("L7212", (E, A), (10, 100), (100, 8000), (300, 120000)),
    "other": ("M7320", (E,), (10,), (100,), (300,)),
}
TIERS = ("micro", "small", "medium", "large")


def scale_of(code: str, **inputs: float | None) -> ScaleResult:
    return classify(code, inputs.get(E), inputs.get(R), inputs.get(A))


def test_the_table_covers_every_sector_of_the_regulation():
    assert {s.key for s in SECTORS} == set(REGULATION)
    for s in SECTORS:
        _, inputs, small, medium, large = REGULATION[s.key]
        assert (s.inputs, s.small, s.medium, s.large) == (inputs, small, medium, large), s.key
        assert s.article.startswith("第（") and s.scope


CASES = [(sector, i, tier) for sector in REGULATION
         for i in range(len(REGULATION[sector][1])) for tier in (1, 2, 3)]


@pytest.mark.parametrize("sector,i,tier", CASES,
                         ids=[f"{s}-{REGULATION[s][1][i]}-{TIERS[t]}" for s, i, t in CASES])
def test_each_threshold_just_below_at_and_above(sector, i, tier):
    """Every other input is far above the large ceiling, so the one under test decides:
    just below a lower bound drops one band, at it and above it stays in the band."""
    code, inputs, *bounds = REGULATION[sector]
    bound = bounds[tier - 1][i]
    big = {name: bounds[2][j] * 10 for j, name in enumerate(inputs)}
    step = 1 if inputs[i] == E else 0.01
    for value, expected in ((bound - step, TIERS[tier - 1]), (bound, TIERS[tier]),
                            (bound + step, TIERS[tier])):
        result = scale_of(code, **{**big, inputs[i]: value})
        assert result.scale == expected, (sector, inputs[i], value, result.basis)
        assert result.sector == sector and result.missing == ()


@pytest.mark.parametrize("sector", list(REGULATION))
def test_medium_and_small_need_every_bound_micro_needs_only_one(sector):
    code, inputs, small, medium, large = REGULATION[sector]
    at = dict(zip(inputs, medium))
    assert scale_of(code, **at).scale == "medium"
    assert scale_of(code, **dict(zip(inputs, large))).scale == "large"
    assert scale_of(code, **dict(zip(inputs, small))).scale == "small"
    if len(inputs) == 2:
        # one indicator at the large ceiling, the other only medium: medium (下划一档)
        assert scale_of(code, **{inputs[0]: large[0], inputs[1]: medium[1]}).scale == "medium"
        # one indicator below the small bound: micro, whatever the other (微型只须满足一项)
        assert scale_of(code, **{inputs[0]: large[0] * 5, inputs[1]: small[1] - 1}).scale \
            == "micro"
        # micro is decided even when the other indicator is unknown
        result = scale_of(code, **{inputs[0]: small[0] - 1})
        assert result.scale == "micro" and result.missing == ()


def test_the_regulation_s_own_industrial_example():
    # 工业: 中型 = 从业人员300人及以上，且营业收入2000万元及以上
    assert scale_of("C3911", employees=300, revenue=2000).scale == "medium"
    small = scale_of("C3911", employees=350, revenue=1800)
    assert small.scale == "small"
    assert "须同时满足各项下限" in small.basis and "第四条第（二）项" in small.basis
    assert "从业人员300人及以上且营业收入2000万元及以上为中型" in small.basis
    assert scale_of("C3911", employees=19, revenue=30000).scale == "micro"
    assert scale_of("C3911", employees=999, revenue=90000).scale == "medium"
    assert scale_of("C3911", employees=1000, revenue=40000).scale == "large"
    assert "employees >= 300 and operating revenue >= 2000" in small.basis_en


def test_missing_inputs_leave_the_scale_undetermined_but_bounded():
    r = scale_of("C3911", employees=350)
    assert (r.scale, r.missing, r.at_most) == (None, ("revenue",), "medium")
    assert r.range == (0, 2) and "缺少营业收入" in r.basis and "至多为中型" in r.basis
    r = scale_of("E4710")
    assert (r.scale, r.missing, r.at_most) == (None, ("revenue", "assets"), "large")
    r = scale_of("M7320")
    assert r.missing == ("employees",)
    assert scale_of("M7320", employees=9).scale == "micro"


@pytest.mark.parametrize("code,sector", [
    ("B0610", "industry"), ("C", "industry"), ("C13", "industry"), ("D4411", "industry"),
    ("E", "construction"), ("E4820", "construction"), ("F51", "wholesale"),
    ("F5292", "retail"), ("G54", "transport"), ("G5531", "transport"), ("G56", "transport"),
    ("G57", "transport"), ("G5810", "transport"), ("G5910", "transport"),
    ("G5920", "warehousing"), ("G5990", "warehousing"), ("G60", "postal"),
    ("H61", "accommodation"), ("H6210", "catering"), ("I63", "telecom"), ("I6421", "telecom"),
    ("I65", "software"), ("I6531", "software"), ("K7010", "real_estate"),
    ("K7020", "property"), ("K7030", "other"), ("K7090", "other"), ("L", "leasing"),
    ("L7291", "leasing"), ("M7491", "other"), ("N78", "other"), ("O8010", "other"),
    ("P8391", "other"), ("Q8514", "other"), ("R9011", "other"), ("A0511", "agriculture")])
def test_gbt4754_codes_map_to_their_row(code, sector):
    assert [s.key for s in sectors_for(code)] == [sector]


@pytest.mark.parametrize("code", ["J6620", "J", "G5310", "K7040", "S9221", "T9700"])
def test_industries_the_regulation_does_not_classify(code):
    assert sectors_for(code) == (None,)
    r = scale_of(code, employees=5, revenue=10, assets=10)
    assert r.scale is None and not r.covered and r.missing == () and r.range == (0, 3)
    assert "300" in r.basis


def test_a_coarse_code_decides_only_when_every_candidate_row_agrees():
    assert [s.key for s in sectors_for("F")] == ["wholesale", "retail"]
    assert [s.key for s in sectors_for("G59")] == ["transport", "warehousing"]
    # 3 people and 60万元: micro both as wholesale and as retail
    assert scale_of("F", employees=3, revenue=60).scale == "micro"
    # 30 people and 6000万元: medium as wholesale (20+, 5000+), small as retail (< 50 people)
    r = scale_of("F", employees=30, revenue=6000)
    assert r.scale is None and r.missing == ("industry",) and "批发业、零售业" in r.basis
    r = scale_of("I", employees=50, revenue=500)
    assert r.scale == "small"
    r = scale_of(None, employees=5, revenue=20, assets=20)
    assert r.scale == "micro"                  # micro under every row of the regulation
    r = scale_of(None, employees=500, revenue=9000)
    assert r.scale is None and r.missing[0] == "industry" and "缺少行业代码" in r.basis


def test_normalize_industry():
    assert normalize_industry("c 3911") == "C3911"
    assert normalize_industry("3911") == "C3911"
    assert normalize_industry("6510") == "I6510"
    assert normalize_industry("F") == "F"
    for bad in ("", "Z", "C3", "F39", "C391122", "X12", None):
        assert normalize_industry(bad) is None
    with pytest.raises(ValueError, match="industry"):
        sectors_for("F39")
