"""Sample enterprise profiles for the policy window (示例数据): a lamp maker in 古镇, a
hardware maker in 小榄 and a software house in 东区, with facts from the three sources,
some materials handed in and one manual targeting — written through the desk facade as
a navigator would, so the demo desk (and the screenshots) show every state: eligible,
likely and not eligible items, traces with each provenance, a reference date that
matters, overlaps, a targeted item, materials provided and expiring.

``seed_profiles(desk)`` registers (or finds, by name) the three enterprises and writes
their profiles once; it is idempotent: an enterprise whose profile already has an
industry is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.enterprise import Fact, Qualification
from core.identifiers import make_credit_code
from core.tickets import Role
from sync.demo_plans import DEMO_NAVIGATOR

D = dt.date
REG = D(2026, 10, 1)             # the central register's last refresh in the sample
NAVIGATOR = DEMO_NAVIGATOR


def _q(code: str, start: dt.date, end: dt.date | None, source: str, seen: dt.date,
       material: str | None = None) -> Qualification:
    return Qualification(code, start, end, source, seen, material)


# key -> (name, town, code body, facts)
PROFILES: dict[str, tuple[str, str, str, Mapping[str, Fact]]] = {
    "lamp": ("中山市华耀灯饰有限公司", "guzhen", "91442000MA52HY0L8", {
        "industry": Fact("C3872", "register", REG),
        "town": Fact("guzhen", "register", REG, "地址：中山市古镇镇同兴路88号"),
        "founded": Fact(D(2012, 5, 18), "register", REG),
        "employees": Fact(150, "told", D(2026, 11, 2), "含劳务派遣8人"),
        "insured_employees": Fact(138, "document", D(2026, 11, 2), "", "mat-social-insurance"),
        "revenue": Fact.for_year(4000, 2025, "document", "mat-audit"),
        "assets": Fact.for_year(2600, 2025, "document", "mat-audit"),
        "rd_ratio": Fact.for_year(4.2, 2025, "document", "mat-rd-audit"),
        "export_value": Fact.for_year(800, 2025, "document", "mat-export-data"),
        "invention_patents": Fact(3, "register", REG),
        "tax_credit_level": Fact("B", "register", D(2026, 4, 20)),
        "serious_violation": Fact(False, "register", REG),
        "qualifications": Fact((
            _q("high_tech", D(2025, 12, 1), D(2028, 11, 30), "document", D(2026, 3, 1),
               "mat-hightech"),
            _q("foreign_trade", D(2018, 3, 1), None, "register", REG)), "register", REG)}),
    "hardware": ("中山市永固五金制品有限公司", "xiaolan", "91442000MA4UYG5W2", {
        "industry": Fact("C3351", "register", REG),
        "town": Fact("xiaolan", "register", REG, "地址：中山市小榄镇工业大道中18号"),
        "founded": Fact(D(2016, 9, 12), "register", REG),
        "employees": Fact(85, "told", D(2026, 11, 10)),
        "revenue": Fact.for_year(1800, 2025, "told"),
        "tax_credit_level": Fact("C", "told", D(2026, 4, 20), "企业称2025年度评价为C级"),
        "serious_violation": Fact(False, "told", D(2026, 11, 10)),
        "qualifications": Fact((
            _q("high_tech", D(2026, 3, 1), D(2029, 2, 28), "document", D(2026, 11, 10),
               "mat-hightech"),), "told", D(2026, 11, 10))}),
    "software": ("中山市紫马信息科技有限公司", "dongqu", "91442000MA55QM6X1", {
        "industry": Fact("I6513", "register", REG),
        "town": Fact("dongqu", "register", REG),
        "founded": Fact(D(2021, 7, 1), "register", REG),
        "employees": Fact(42, "told", D(2026, 11, 18)),
        "graduates_hired": Fact(6, "document", D(2026, 11, 18), "", "mat-labour-contracts"),
        "revenue": Fact.for_year(900, 2025, "document", "mat-statements"),
        "assets": Fact.for_year(600, 2025, "document", "mat-statements"),
        "rd_ratio": Fact.for_year(11.5, 2025, "document", "mat-rd-deduction"),
        "tax_credit_level": Fact("A", "register", D(2026, 4, 20)),
        "serious_violation": Fact(False, "register", REG),
        "qualifications": Fact((
            _q("tech_sme", D(2026, 5, 1), D(2026, 12, 31), "document", D(2026, 6, 3),
               "mat-tech-sme"),
            _q("innovative_sme", D(2025, 8, 1), D(2028, 7, 31), "register", REG)),
            "register", REG)}),
}
# materials handed in: key -> [(material, received on)]
MATERIALS: dict[str, list[tuple[str, dt.date]]] = {
    "lamp": [("mat-license", D(2026, 11, 2)), ("mat-audit", D(2026, 4, 10)),
             ("mat-tax-credit", D(2025, 12, 20)), ("mat-commitment", D(2026, 9, 10)),
             ("mat-hightech", D(2026, 3, 1))],
    "hardware": [("mat-license", D(2026, 11, 10))],
}
TARGETING = {"hardware": ("pi-0082", "企业高企证书2026年3月取得，本批次基准日前尚未取得；提示下一批次提前准备")}


def credit_code(key: str) -> str:
    return make_credit_code(PROFILES[key][2][:17])


def find_or_register(desk: Any, key: str) -> str:
    """The enterprise's id: found by name in the desk's cache, else registered."""
    name, town, _body, _facts = PROFILES[key]
    hit = next((h for h in desk.find_enterprises(name, 3) if h.name == name), None)
    if hit is not None:
        return hit.id
    ent_id, _ = desk.register_enterprise(credit_code(key), name, town)
    return ent_id


def seed_profiles(desk: Any, keys: tuple[str, ...] = tuple(PROFILES), *,
                  materials: bool = True, targeting: bool = True) -> dict[str, str]:
    """Write the sample profiles (and materials, targeting) as a navigator; returns
    key -> enterprise id. The desk's signed-in user is restored afterwards."""
    previous = desk.actor
    out: dict[str, str] = {}
    try:
        if previous is None or previous.role not in (Role.NAVIGATOR, Role.SUPERVISOR):
            desk.actor = NAVIGATOR
        for key in keys:
            ent_id = out[key] = find_or_register(desk, key)
            if desk.enterprise_profile(ent_id).industry is not None:
                continue
            name, _town, _body, facts = PROFILES[key]
            row = desk.enterprise(ent_id)
            desk.edit_profile(ent_id, {"name": Fact(name, "register", REG),
                                       "credit_code": Fact(row.credit_code, "register", REG),
                                       **facts})
            if materials:
                for mid, day in MATERIALS.get(key, []):
                    desk.mark_material(ent_id, mid, day)
            if targeting and key in TARGETING:
                item, reason = TARGETING[key]
                desk.target_item(ent_id, item, reason)
    finally:
        desk.actor = previous
    return out
