"""What the case screens share: the display names of case states, events and material
statuses (Chinese from ``core.cases`` itself, English otherwise), their colours, day
formatting against the halls' today. (The Chinese of these screens' own strings waits in
``resources/translations/pending/cases.json`` to be merged into the .ts/.qm.)"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.cases import EVENT_ZH, MATERIAL_STATUS_ZH, STATE_ZH, CaseEventType, CaseState
from desktop.i18n import current_language

translate = QCoreApplication.translate

_S, _E = CaseState, CaseEventType
STATE_EN = {_S.CONSULTING: "Consulting", _S.PREPARING: "Preparing materials",
            _S.SUBMITTED: "Submitted", _S.UNDER_REVIEW: "Under review",
            _S.REDEEMED: "Redeemed", _S.REJECTED: "Rejected", _S.WITHDRAWN: "Withdrawn"}
EVENT_EN = {_E.CREATED: "Case opened", _E.PREPARATION_STARTED: "Preparing materials",
            _E.MATERIAL_RECEIVED: "Material received", _E.MATERIAL_REMOVED: "Material taken back",
            _E.NOTE: "Note", _E.SUBMITTED: "Submitted", _E.REVIEW_STARTED: "Under review",
            _E.SUPPLEMENT_REQUESTED: "Supplement requested", _E.REDEEMED: "Redeemed",
            _E.REJECTED: "Rejected", _E.WITHDRAWN: "Withdrawn", _E.REOPENED: "Reopened"}
MATERIAL_EN = {"received": "Received", "expired": "Expired", "missing": "Missing"}

# state -> (foreground, background)
STATE_COLOURS = {_S.CONSULTING: ("#0b57d0", "#e8f0fe"), _S.PREPARING: ("#8a5a00", "#fff4d6"),
                 _S.SUBMITTED: ("#0b57d0", "#e8f0fe"), _S.UNDER_REVIEW: ("#6a1b9a", "#f3e5f5"),
                 _S.REDEEMED: ("#1b5e20", "#e6f4ea"), _S.REJECTED: ("#b3261e", "#fde2e0"),
                 _S.WITHDRAWN: ("#5f6b63", "#eceff1")}
MATERIAL_COLOURS = {"received": ("#1b5e20", "#e6f4ea"), "expired": ("#b3261e", "#fde2e0"),
                    "missing": ("#8a5a00", "#fff4d6")}
BAD, WARN, GOOD, MUTED = "#b3261e", "#8a5a00", "#1b5e20", "#5f6b63"
EXPIRING_DAYS = 30          # a material expiring within this many days is flagged


def zh() -> bool:
    return current_language() == "zh_CN"


def state_name(state: str | CaseState) -> str:
    s = CaseState(state)
    return STATE_ZH[s] if zh() else STATE_EN[s]


def event_name(kind: str | CaseEventType) -> str:
    e = CaseEventType(kind)
    return EVENT_ZH[e] if zh() else EVENT_EN[e]


def material_status_name(status: str) -> str:
    from core.cases import MaterialStatus

    return MATERIAL_STATUS_ZH[MaterialStatus(status)] if zh() else MATERIAL_EN[status]


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def chip(text: str, colours: tuple[str, str]) -> str:
    fg, bg = colours
    return (f"<span style='color:{fg}; background:{bg}; white-space:nowrap;'>"
            f"&nbsp;{esc(text)}&nbsp;</span>")


def state_chip(state: str) -> str:
    return chip(state_name(state), STATE_COLOURS[CaseState(state)])


def day_of(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def days_left_text(deadline: str | dt.date | None, today: dt.date) -> str:
    """How far off a batch's last day is: 还剩 12 天 / 今天截止 / 已截止."""
    day = day_of(deadline)
    if day is None:
        return ""
    left = (day - today).days
    if left < 0:
        return translate("CaseLabels", "closed")
    if left == 0:
        return translate("CaseLabels", "closes today")
    return translate("CaseLabels", "%1 days left").replace("%1", str(left))


def deadline_colour(deadline: str | dt.date | None, today: dt.date) -> str:
    day = day_of(deadline)
    if day is None:
        return MUTED
    left = (day - today).days
    return BAD if left < 0 else WARN if left <= 14 else GOOD


def amount_text(amount: int | None) -> str:
    """Yuan with thousands separators: 30,000 元."""
    if amount is None:
        return ""
    return translate("CaseLabels", "%1 yuan").replace("%1", f"{amount:,}")


__all__ = ["BAD", "EXPIRING_DAYS", "GOOD", "MUTED", "WARN", "amount_text", "chip", "day_of",
           "days_left_text", "deadline_colour", "esc", "event_name",
           "material_status_name", "state_chip", "state_name", "zh"]
