"""The enterprise profile's fields as the navigator reads them: their order (identity,
business figures, credit), labels with units, displayed values, where each value came
from and when, and the scale by 工信部联企业〔2011〕300号 summed up in one line. Plain
functions over ``core.enterprise`` facts, shared by the profile table, its dialogs and
the workspace's enterprise card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from core.catalogue import QUALIFICATIONS
from core.enterprise import ANNUAL, FIELD_LABELS, EnterpriseProfile, Fact, format_value
from core.scale import INPUTS, SCALE_ZH, SECTOR, ScaleResult, classify
from desktop.policy.common import lang, source_name
from desktop.policy.industry import name_of

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("identity", ("name", "credit_code", "entity_type", "industry", "town", "founded",
                  "town_since")),
    ("business", ("employees", "insured_employees", "graduates_hired", "revenue", "assets",
                  "revenue_growth", "rd_ratio", "export_value", "import_export_value",
                  "new_equipment_investment", "layoff_rate")),
    ("credit", ("qualifications", "tax_credit_level", "serious_violation", "invention_patents",
                "invention_patents_granted")),
)
FIELD_ORDER: tuple[str, ...] = tuple(f for _, fields in GROUPS for f in fields)
SCALE_FIELDS = ("industry", "employees", "revenue", "assets")
SOURCES_ORDER = ("told", "document", "register")


def field_label(name: str, with_unit: bool = True) -> str:
    zh, en, unit_zh, unit_en = FIELD_LABELS[name]
    if lang() == "zh":
        return f"{zh}（{unit_zh}）" if with_unit and unit_zh else zh
    return f"{en}{unit_en}" if with_unit else en


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def scale_summary(result: ScaleResult, employees: float | None, revenue: float | None,
                  assets: float | None) -> str:
    """"工业：从业人员 150 人、营业收入 4,000 万元 → 小型"."""
    zh = lang() == "zh"
    values = {"employees": employees, "revenue": revenue, "assets": assets}
    if result.sector is not None:
        sector = SECTOR[result.sector]
        parts = []
        for key in sector.inputs:
            name, name_en, unit, unit_en = INPUTS[key]
            v = values[key]
            shown = (_number(v) + (f" {unit}" if zh else unit_en)) if v is not None else (
                "未知" if zh else "unknown")
            parts.append(f"{name} {shown}" if zh else f"{name_en} {shown}")
        head = f"{sector.zh}：{'、'.join(parts)}" if zh else f"{sector.en}: {', '.join(parts)}"
    else:
        head = result.basis if zh else result.basis_en
    if result.scale:
        tail = SCALE_ZH[result.scale] if zh else result.scale
    elif not result.covered:
        tail = "需人工认定" if zh else "classify by hand"
    else:
        tail = ("无法确定" if zh else "undetermined") + (
            f"（至多{SCALE_ZH[result.at_most]}）" if zh and result.at_most and result.at_most != "large"
            else "")
    return f"{head} → {tail}"


def profile_scale(profile: EnterpriseProfile) -> tuple[ScaleResult, str]:
    """The scale from the profile's latest figures (the matching view applies each
    batch's period; this is what the enterprise looks like now)."""
    v = profile.value
    result = classify(v("industry"), v("employees"), v("revenue"), v("assets"))
    return result, scale_summary(result, v("employees"), v("revenue"), v("assets"))


def _period(fact: Fact) -> str:
    if (fact.as_of.month, fact.as_of.day) == (12, 31):
        return f"{fact.as_of.year}年度" if lang() == "zh" else f"FY{fact.as_of.year}"
    return fact.as_of.isoformat()


def display_value(name: str, fact: Fact | None, towns: Mapping[str, str],
                  today: dt.date) -> str:
    if fact is None:
        return ""
    v = fact.value
    zh = lang() == "zh"
    if name == "industry":
        return f"{v} {name_of(v)}".strip()
    if name == "qualifications":
        if not v:
            return "无" if zh else "none"
        parts = []
        for q in v:
            label = QUALIFICATIONS[q.code] if zh else q.code
            span = f"{q.valid_from} 至 {q.valid_to or '长期'}" if zh else \
                f"{q.valid_from} to {q.valid_to or 'open-ended'}"
            expired = q.valid_to is not None and q.valid_to < today
            parts.append(f"{label}（{span}{'，已过期' if zh and expired else ''}）")
        return "；".join(parts)
    return format_value(name, v, lang(), towns)


def when_text(name: str, fact: Fact | None) -> str:
    if fact is None:
        return ""
    return _period(fact) if name in ANNUAL else fact.as_of.isoformat()


def provenance(fact: Fact | None, materials: Mapping[str, str]) -> str:
    if fact is None:
        return ""
    text = source_name(fact.source)
    if fact.material:
        text += f"：{materials.get(fact.material, fact.material)}"
    return text
