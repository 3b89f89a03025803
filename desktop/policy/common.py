"""What the policy-redemption screens share: the display names of statuses, outcomes and
sources (through Qt translations, English source), their colours, small formatters and
the desk's matching API.

The names are looked up on every call, never cached: a language switch
(``desktop.i18n.install``) then shows in the next repaint with nothing to clear."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.enterprise import SOURCES
from desktop.i18n import current_language

translate = QCoreApplication.translate

# status (of the batch that matters) -> (foreground, background)
STATUS_COLOURS = {"open": ("#1b5e20", "#e6f4ea"), "closing_soon": ("#8a5a00", "#fff4d6"),
                  "upcoming": ("#0b57d0", "#e8f0fe"), "closed": ("#5f6b63", "#eceff1"),
                  "none": ("#5f6b63", "#eceff1")}
OUTCOME_COLOURS = {"eligible": ("#1b5e20", "#e6f4ea"), "likely": ("#8a5a00", "#fff4d6"),
                   "not_eligible": ("#b3261e", "#fde2e0")}
VALUE_MARKS = {"met": ("✓", "#1b5e20"), "not_met": ("✗", "#b3261e"), "missing": ("?", "#8a5a00")}
OUTCOMES = ("eligible", "likely", "not_eligible")


def lang() -> str:
    """The language of the core's texts (traces, hints, descriptions): zh or en."""
    return "zh" if current_language() == "zh_CN" else "en"


def _status_names() -> dict[str, str]:
    return {"open": translate("PolicyLabels", "Open for applications"),
            "closing_soon": translate("PolicyLabels", "Closing within 14 days"),
            "upcoming": translate("PolicyLabels", "Not yet open"),
            "closed": translate("PolicyLabels", "Closed"),
            "none": translate("PolicyLabels", "No application batch")}


def _outcome_names() -> dict[str, str]:
    return {"eligible": translate("PolicyLabels", "Eligible"),
            "likely": translate("PolicyLabels", "Likely (information missing)"),
            "not_eligible": translate("PolicyLabels", "Not eligible")}


def _value_names() -> dict[str, str]:
    return {"met": translate("PolicyLabels", "Met"),
            "not_met": translate("PolicyLabels", "Not met"),
            "missing": translate("PolicyLabels", "Missing")}


def _kind_names() -> dict[str, str]:
    return {"subsidy": translate("PolicyLabels", "Subsidy"),
            "award": translate("PolicyLabels", "Award"),
            "reduction": translate("PolicyLabels", "Reduction"),
            "interest_subsidy": translate("PolicyLabels", "Interest subsidy"),
            "guarantee": translate("PolicyLabels", "Guarantee"),
            "talent": translate("PolicyLabels", "Talent")}


def _stacking_names() -> dict[str, str]:
    return {"no_duplicate": translate("PolicyLabels", "Not combinable (pick one)"),
            "highest_only": translate("PolicyLabels", "Highest amount only")}


def status_name(status: str | None) -> str:
    return _status_names().get(status or "none", status or "")


def outcome_name(outcome: str) -> str:
    return _outcome_names().get(outcome, outcome)


def value_name(value: str) -> str:
    return _value_names().get(value, value)


def kind_name(kind: str) -> str:
    return _kind_names().get(kind, kind)


def stacking_name(stacking: str | None) -> str:
    return _stacking_names().get(stacking or "", stacking or "")


def source_name(source: str) -> str:
    zh, en = SOURCES[source]
    return zh if current_language() == "zh_CN" else en


def chip(text: str, colours: tuple[str, str]) -> str:
    """A small coloured label for rich text."""
    fg, bg = colours
    return (f"<span style='color:{fg}; background:{bg}; padding:1px 4px;'>"
            f"&nbsp;{html.escape(text)}&nbsp;</span>")


def status_chip(status: str | None) -> str:
    return chip(status_name(status), STATUS_COLOURS.get(status or "none", STATUS_COLOURS["none"]))


def outcome_chip(outcome: str) -> str:
    return chip(outcome_name(outcome), OUTCOME_COLOURS[outcome])


def window_text(opens: dt.date | str | None, closes: dt.date | str | None) -> str:
    if not opens or not closes:
        return ""
    return translate("PolicyLabels", "%1 to %2").replace("%1", str(opens)).replace("%2", str(closes))


def validity_text(days: int | None) -> str:
    """A material's own validity: 有效期 90 天 / 长期有效."""
    if days is None:
        return translate("PolicyLabels", "no expiry")
    return translate("PolicyLabels", "valid %1 days").replace("%1", str(days))


def local_time(at: str, tz: dt.tzinfo, *, with_time: bool = True) -> str:
    """A stored moment (ISO, UTC) as the hall's clock reads it: 2026-11-24 09:00."""
    moment = dt.datetime.fromisoformat(at).astimezone(tz)
    return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


# -- the desk's matching API ----------------------------------------------------------------
