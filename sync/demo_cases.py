"""Sample redemption cases and consultations (示例数据) for the demo desk and the
screenshots: the three sample enterprises of ``sync.demo_policy`` with cases in every
state a navigator meets — consulting, preparing with materials in hand and missing,
submitted with a supplement asked for, under review, redeemed with its amount, and a
withdrawn one — written through the desk facade as a navigator would.

``seed_cases(desk)`` is idempotent: it writes nothing when the desk has cases already.
The batches are picked among those open on the desk's today, so the sample works on
whatever day the demo runs.
"""

from __future__ import annotations

from typing import Any

from core.cases import CaseEventType as E
from core.tickets import Role
from sync.demo_policy import NAVIGATOR, seed_profiles
from sync.case_queries import CaseFilter
from sync.case_writes import CaseExists

# (enterprise key, item) -> the events after opening, each (event, data); "{today}" is
# the desk's day, "{m}" the batch's materials in its order
PLAN: list[tuple[str, str, str, list[tuple[E, dict[str, Any]]]]] = [
    ("lamp", "pi-0071", "企业来窗口咨询贷款贴息申报条件", [
        (E.PREPARATION_STARTED, {"note": "企业决定申报，已告知需提供的材料"}),
        (E.MATERIAL_RECEIVED, {"material": 0}),
        (E.MATERIAL_RECEIVED, {"material": 1}),
        (E.SUBMITTED, {"channel": "政策兑现平台", "reference": "ZS-TX-2026-0318",
                       "missing_note": "贷款合同原件企业下周补交"}),
        (E.REVIEW_STARTED, {"note": "市财政局已受理"}),
    ]),
    ("lamp", "pi-0230", "企业咨询参展展位费资助", []),
    ("hardware", "pi-0109", "企业咨询安全生产标准化补助", [
        (E.PREPARATION_STARTED, {}),
        (E.MATERIAL_RECEIVED, {"material": 0}),
        (E.NOTE, {"text": "企业安全标准化证书正在换发，约两周后提供"}),
    ]),
    ("hardware", "pi-0076", "企业咨询政采贷", [
        (E.WITHDRAWN, {"reason": "企业本年度暂无政府采购合同，决定不申报"}),
    ]),
    ("software", "pi-0077", "企业咨询政府采购价格扣除", [
        (E.PREPARATION_STARTED, {}),
        (E.MATERIAL_RECEIVED, {"material": 0}),
        (E.SUBMITTED, {"channel": "窗口代办", "reference": "ZS-CG-2026-0107",
                       "missing_note": "其余材料企业承诺审核期间补齐"}),
        (E.SUPPLEMENT_REQUESTED, {"material": 1, "note": "请补充提供最新纳税信用等级证明"}),
    ]),
    ("software", "pi-0117", "企业咨询残疾人就业补贴", [
        (E.PREPARATION_STARTED, {}),
        (E.SUBMITTED, {"channel": "政策兑现平台", "reference": "ZS-CJ-2026-0042",
                       "missing_note": "申报材料由企业自行上传"}),
        (E.REVIEW_STARTED, {}),
        (E.REDEEMED, {"amount": 36000}),
    ]),
]
CONSULTATIONS = [
    ("lamp", "pi-0071", "贷款贴息是否可以与技改补助同时申报？",
     "可以同时申报，但同一笔贷款只能享受一项贴息。", 5, "答复清楚，很及时"),
    ("hardware", None, "我们刚取得高企证书，有哪些政策可以申报？",
     "已为企业匹配高企认定奖励等事项，并登记人工推送。", 4, None),
]


def _data(desk: Any, case_id: str, kind: E, data: dict[str, Any]) -> dict[str, Any]:
    """Fill the plan's placeholders: a material by its place in the batch, today's date."""
    out = dict(data)
    required = [ln.material_id for ln in desk.case(case_id).checklist]
    today = desk.today().isoformat()
    if kind is E.MATERIAL_RECEIVED:
        return {"material_id": required[out.pop("material") % len(required)],
                "received_on": today}
    if kind is E.SUPPLEMENT_REQUESTED:
        out["materials"] = [required[out.pop("material") % len(required)]]
    if kind is E.SUBMITTED:
        out["submitted_on"] = today
    if kind is E.REDEEMED:
        out["redeemed_on"] = today
    return out


def seed_cases(desk: Any) -> list[str]:
    """Open and walk the sample cases (once); returns their ids. The signed-in user is
    restored afterwards."""
    if desk.cases(CaseFilter(limit=1)):
        return []
    ids = seed_profiles(desk)
    previous = desk.actor
    opened: list[str] = []
    try:
        if previous is None or previous.role not in (Role.NAVIGATOR, Role.SUPERVISOR):
            desk.actor = NAVIGATOR
        for key, item_id, note, steps in PLAN:
            batches = [b for b in desk.open_batches(item_id) if b["status"] != "upcoming"]
            if not batches:
                continue
            try:
                case_id, _ = desk.open_case(ids[key], item_id, batches[0]["id"], note)
            except CaseExists:
                continue
            opened.append(case_id)
            for kind, data in steps:
                if kind is E.MATERIAL_RECEIVED:
                    filled = _data(desk, case_id, kind, data)
                    desk.mark_material(ids[key], filled["material_id"], filled["received_on"],
                                       case_id=case_id)
                else:
                    desk.record_case_event(case_id, kind, _data(desk, case_id, kind, data))
        for key, item_id, question, answer, rating, comment in CONSULTATIONS:
            desk.record_consultation(ids[key], item_id, question, answer, rating, comment)
    finally:
        desk.actor = previous
    return opened


__all__ = ["seed_cases"]
