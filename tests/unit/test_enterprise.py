"""The enterprise profile (core/enterprise.py): facts with provenance, JSON, towns."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.catalogue import load_catalogue
from core.enterprise import (
    ENTERPRISE_FIELDS,
    EnterpriseProfile,
    Fact,
    ProfileError,
    Qualification,
    format_value,
    town_from,
)

D = dt.date
REG = D(2026, 10, 1)


@pytest.fixture(scope="module")
def towns():
    return load_catalogue().towns


def full_profile() -> EnterpriseProfile:
    return EnterpriseProfile(
        name=Fact("中山市示例灯饰有限公司", "register", REG),
        credit_code=Fact("91442000MA4W1234XK", "register", REG),
        industry=Fact("C3872", "register", REG),
        town=Fact("guzhen", "document", D(2026, 3, 2), material="mat-lease"),
        entity_type=Fact("91", "register", REG),
        founded=Fact(D(2018, 5, 3), "register", REG),
        town_since=Fact(D(2020, 7, 1), "document", D(2026, 3, 2),
                        material="mat-registration-record", note="由石岐迁入"),
        employees=Fact(120, "told", D(2026, 3, 1), note="含劳务派遣8人"),
        insured_employees=Fact(112, "register", REG),
        graduates_hired=Fact(3, "told", D(2026, 3, 1)),
        revenue=Fact.for_year(4800.5, 2025, "document", material="mat-audit"),
        assets=Fact.for_year(3000, 2025, "document", material="mat-audit"),
        revenue_growth=Fact.for_year(-3.5, 2025, "told"),
        rd_ratio=Fact.for_year(4.2, 2025, "document", material="mat-rd-audit"),
        export_value=Fact.for_year(0, 2025, "register"),
        import_export_value=Fact.for_year(350, 2025, "register"),
        new_equipment_investment=Fact.for_year(620.5, 2025, "document", material="mat-invoices"),
        layoff_rate=Fact.for_year(2.5, 2025, "register"),
        invention_patents=Fact(2, "register", REG),
        invention_patents_granted=Fact.for_year(1, 2025, "register"),
        tax_credit_level=Fact("B", "register", D(2026, 4, 20)),
        serious_violation=Fact(False, "register", REG),
        qualifications=Fact((
            Qualification("high_tech", D(2023, 12, 1), D(2026, 11, 30), "document",
                          D(2026, 3, 1), "mat-hightech", "证书编号GR2023440000"),
            Qualification("foreign_trade", D(2019, 1, 1), None, "register", REG)),
            "register", REG))


def test_every_field_carries_provenance_and_round_trips_through_json():
    p = full_profile()
    data = p.to_json()
    assert set(data) == set(ENTERPRISE_FIELDS)
    assert data["revenue"] == {"value": 4800.5, "source": "document", "as_of": "2025-12-31",
                               "material": "mat-audit"}
    assert data["employees"]["note"] == "含劳务派遣8人"
    assert data["qualifications"]["value"][1] == {
        "code": "foreign_trade", "valid_from": "2019-01-01", "valid_to": None,
        "source": "register", "as_of": "2026-10-01"}
    assert EnterpriseProfile.from_json(data) == p
    assert EnterpriseProfile.from_json(p.to_json_text()) == p
    assert EnterpriseProfile.from_json(json.loads(json.dumps(data))) == p
    assert EnterpriseProfile().to_json() == {}
    assert EnterpriseProfile.from_json({"revenue": None}) == EnterpriseProfile()


@pytest.mark.parametrize("patch,message", [
    ({"revenue": {"value": 1, "source": "told", "as_of": "2025-13-01"}},
     "revenue.as_of: expected a date YYYY-MM-DD"),
    ({"revenue": {"value": "1200", "source": "told", "as_of": "2025-12-31"}},
     "revenue.value: expected a number"),
    ({"revenue": {"value": 1, "source": "told"}}, "revenue.as_of: missing"),
    ({"revenue": {"value": 1, "source": "guess", "as_of": "2025-12-31"}},
     "revenue.source: expected one of told, document, register"),
    ({"revenue": {"value": 1, "source": "document", "as_of": "2025-12-31"}},
     "revenue.material: a document fact names the material"),
    ({"revenue": {"value": 1, "source": "told", "as_of": "2025-12-31", "unit": "元"}},
     "revenue.unit: unknown field"),
    ({"turnover": {"value": 1, "source": "told", "as_of": "2025-12-31"}},
     "turnover: unknown profile field"),
    ({"employees": {"value": -3, "source": "told", "as_of": "2025-12-31"}},
     "employees.value: expected an integer >= 0"),
    ({"employees": {"value": True, "source": "told", "as_of": "2025-12-31"}},
     "employees.value: expected an integer"),
    ({"rd_ratio": {"value": 140, "source": "told", "as_of": "2025-12-31"}},
     "rd_ratio.value: expected a number between 0 and 100"),
    ({"industry": {"value": "C51", "source": "told", "as_of": "2025-12-31"}},
     "industry.value: expected a GB/T 4754-2017 code"),
    ({"industry": {"value": "c3911", "source": "told", "as_of": "2025-12-31"}},
     "industry.value"),
    ({"tax_credit_level": {"value": "AA", "source": "told", "as_of": "2025-12-31"}},
     "tax_credit_level.value: expected one of A, B, M, C, D"),
    ({"serious_violation": {"value": 0, "source": "told", "as_of": "2025-12-31"}},
     "serious_violation.value: expected true or false"),
    ({"entity_type": {"value": "9", "source": "told", "as_of": "2025-12-31"}},
     "entity_type.value"),
    ({"credit_code": {"value": "9144", "source": "told", "as_of": "2025-12-31"}},
     "credit_code.value: expected an 18-character"),
    ({"founded": {"value": "2018-02-30", "source": "told", "as_of": "2025-12-31"}},
     "founded.value: expected a date"),
    ({"qualifications": {"value": [{"code": "gold", "valid_from": "2024-01-01",
                                    "source": "told", "as_of": "2025-01-01"}],
                         "source": "told", "as_of": "2025-12-31"}},
     "qualification.code: expected one of high_tech"),
    ({"qualifications": {"value": [{"code": "high_tech", "valid_from": "2024-01-01",
                                    "valid_to": "2023-01-01", "source": "told",
                                    "as_of": "2025-01-01"}],
                         "source": "told", "as_of": "2025-12-31"}},
     "high_tech.valid_to: expected a date on or after valid_from"),
    ({"qualifications": {"value": [{"code": "high_tech", "source": "told",
                                    "as_of": "2025-01-01"}],
                         "source": "told", "as_of": "2025-12-31"}},
     r"qualifications.value\[0\].valid_from: missing"),
])
def test_from_json_errors_name_the_field(patch, message):
    with pytest.raises(ProfileError, match=message):
        EnterpriseProfile.from_json(patch)


def test_bad_json_and_bad_shapes():
    with pytest.raises(ProfileError, match="not valid JSON"):
        EnterpriseProfile.from_json("{")
    with pytest.raises(ProfileError, match="expected an object keyed by field"):
        EnterpriseProfile.from_json([1])
    with pytest.raises(ProfileError, match="revenue: expected an object"):
        EnterpriseProfile.from_json({"revenue": 1200})


def test_construction_checks_values_too():
    with pytest.raises(ProfileError, match="employees.value"):
        EnterpriseProfile(employees=Fact("many", "told", REG))
    with pytest.raises(ProfileError, match="revenue: expected a Fact"):
        EnterpriseProfile(revenue=1200)
    with pytest.raises(ProfileError, match="fact.as_of: expected a date"):
        Fact(1, "told", "2025-12-31")


def test_with_fact_edits_one_field_and_leaves_the_original():
    p = full_profile()
    q = p.with_fact("employees", Fact(130, "register", D(2026, 11, 1)))
    assert q.employees.value == 130 and p.employees.value == 120
    assert q.revenue is p.revenue
    assert p.with_fact("revenue", None).revenue is None
    with pytest.raises(ProfileError, match="turnover: not a profile field"):
        p.with_fact("turnover", Fact(1, "told", REG))
    with pytest.raises(ProfileError, match="employees.value"):
        p.with_fact("employees", Fact(-1, "told", REG))
    assert p.value("tax_credit_level") == "B" and EnterpriseProfile().value("revenue") is None
    assert [q.code for q in p.qualification_records("high_tech")] == ["high_tech"]


def test_merged_takes_the_newer_fact_per_field():
    a = EnterpriseProfile(employees=Fact(120, "told", D(2026, 3, 1)),
                          revenue=Fact.for_year(4800, 2025, "told"),
                          town=Fact("guzhen", "told", D(2026, 3, 1)))
    b = EnterpriseProfile(employees=Fact(118, "register", D(2026, 2, 1)),
                          revenue=Fact.for_year(4750, 2025, "document", material="mat-audit"),
                          tax_credit_level=Fact("A", "register", D(2026, 4, 20)))
    m = a.merged(b)
    assert m.employees.value == 120                   # newer wins over stronger
    assert m.revenue.value == 4750                    # same day: document beats told
    assert m.town.value == "guzhen" and m.tax_credit_level.value == "A"
    assert a.merged(EnterpriseProfile()) is a


def test_qualification_validity_and_fact_for_year():
    q = Qualification("tech_sme", D(2026, 1, 1), D(2026, 12, 31), "told", D(2026, 3, 1))
    assert q.valid_on(D(2026, 1, 1)) and q.valid_on(D(2026, 12, 31))
    assert not q.valid_on(D(2025, 12, 31)) and not q.valid_on(D(2027, 1, 1))
    assert Qualification("foreign_trade", D(2019, 1, 1), None, "told", REG).valid_on(D(2099, 1, 1))
    assert Fact.for_year(1, 2025, "told").as_of == D(2025, 12, 31)


def test_provenance_and_values_read_in_both_languages():
    p = full_profile()
    names = {"mat-audit": "上年度财务审计报告"}
    assert p.revenue.provenance("zh", names) == "查验材料：上年度财务审计报告，截至2025-12-31"
    assert p.revenue.provenance("en") == "document seen: mat-audit, as of 2025-12-31"
    assert p.employees.provenance() == "企业自述，截至2026-03-01"
    assert p.serious_violation.provenance("en") == "central register, as of 2026-10-01"
    assert format_value("tax_credit_level", "M") == "M 级"
    assert format_value("revenue", 1200) == "1200 万元"
    assert format_value("revenue", 1200.5, "en") == "1200.5 (10k yuan)"
    assert format_value("rd_ratio", 4.2) == "4.2%"
    assert format_value("entity_type", "92") == "个体工商户（92）"
    assert format_value("entity_type", "93", "en") == "Farmers' specialised cooperative (93)"
    assert format_value("town", "xiaolan", towns={"xiaolan": "小榄镇"}) == "小榄镇"
    assert format_value("industry", "C") == "C（制造业）"
    assert format_value("serious_violation", False) == "否"
    assert format_value("qualifications", p.qualifications.value) == "高新技术企业、对外贸易经营者备案"
    assert format_value("employees", None) == "未知"


@pytest.mark.parametrize("address,town", [
    ("广东省中山市火炬开发区康乐大道47号", "zhongshangang"),
    ("中山市中山火炬高技术产业开发区火炬路1号之二", "zhongshangang"),
    ("中山市中山港街道江陵西路", "zhongshangang"),
    ("中山市翠亨新区和耀路3号", "nanlang"),
    ("中山市小榄镇民安南路88号", "xiaolan"),
    ("中山市小榄东升路12号", "xiaolan"),            # short name right after the city
    ("中山市古镇灯都大道", "guzhen"),
    ("中山市古镇镇曹二村", "guzhen"),
    ("中山市西区沙溪路8号", "xiqu"),                 # the road named after 沙溪 does not count
    ("中山市石岐区民族东路", "shiqi"),
    ("中山市东区街道中山四路", "dongqu"),
    ("中 山 市 南 头 镇 南头大道中", "nantou"),
    ("中山市沙溪路8号", None),                        # only a road: no town
    ("中山市博爱六路28号", None),
    ("", None),
])
def test_town_from_the_address(towns, address, town):
    assert town_from("442000", address, towns) == town


def test_town_from_needs_a_zhongshan_registration(towns):
    assert town_from("440300", "中山市小榄镇民安南路88号", towns) is None
    assert town_from(None, "中山市小榄镇民安南路88号", towns) == "xiaolan"
    assert town_from("442000", None, towns) is None
