"""What the policy-redemption screens share: the display names of statuses, outcomes and
sources (through Qt translations, English source), their colours, small formatters, the
desk's matching API, and the Chinese of these screens while it waits in
``resources/translations/pending/policy.json`` to be merged into the .ts/.qm."""

from __future__ import annotations

import datetime as dt
import html
import json
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from core.enterprise import SOURCES
from desktop.i18n import TRANSLATIONS, current_language

translate = QCoreApplication.translate
PENDING = TRANSLATIONS / "pending" / "policy.json"

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


@cache
def _status_names(language: str) -> dict[str, str]:
    return {"open": translate("PolicyLabels", "Open for applications"),
            "closing_soon": translate("PolicyLabels", "Closing within 14 days"),
            "upcoming": translate("PolicyLabels", "Not yet open"),
            "closed": translate("PolicyLabels", "Closed"),
            "none": translate("PolicyLabels", "No application batch")}


@cache
def _outcome_names(language: str) -> dict[str, str]:
    return {"eligible": translate("PolicyLabels", "Eligible"),
            "likely": translate("PolicyLabels", "Likely (information missing)"),
            "not_eligible": translate("PolicyLabels", "Not eligible")}


@cache
def _value_names(language: str) -> dict[str, str]:
    return {"met": translate("PolicyLabels", "Met"),
            "not_met": translate("PolicyLabels", "Not met"),
            "missing": translate("PolicyLabels", "Missing")}


@cache
def _kind_names(language: str) -> dict[str, str]:
    return {"subsidy": translate("PolicyLabels", "Subsidy"),
            "award": translate("PolicyLabels", "Award"),
            "reduction": translate("PolicyLabels", "Reduction"),
            "interest_subsidy": translate("PolicyLabels", "Interest subsidy"),
            "guarantee": translate("PolicyLabels", "Guarantee"),
            "talent": translate("PolicyLabels", "Talent")}


@cache
def _stacking_names(language: str) -> dict[str, str]:
    return {"no_duplicate": translate("PolicyLabels", "Not combinable (pick one)"),
            "highest_only": translate("PolicyLabels", "Highest amount only")}


def status_name(status: str | None) -> str:
    return _status_names(current_language()).get(status or "none", status or "")


def outcome_name(outcome: str) -> str:
    return _outcome_names(current_language()).get(outcome, outcome)


def value_name(value: str) -> str:
    return _value_names(current_language()).get(value, value)


def kind_name(kind: str) -> str:
    return _kind_names(current_language()).get(kind, kind)


def stacking_name(stacking: str | None) -> str:
    return _stacking_names(current_language()).get(stacking or "", stacking or "")


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


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


# -- the desk's matching API ----------------------------------------------------------------

def matching(desk: Any) -> Any:
    """The desk's matching API (``sync.desk_matching.MatchingDesk``): the desk itself once
    ``Desk`` mixes it in; until then a view of the desk with the mixin's methods (one per
    desk, so the parsed catalogue it keeps is kept)."""
    from sync.desk_matching import MatchingDesk

    if isinstance(desk, MatchingDesk):
        return desk
    view = desk.__dict__.get("_matching_view")
    if view is None:
        view = desk.__dict__["_matching_view"] = _view_class(MatchingDesk)(desk)
    return view


@cache
def _view_class(mixin: type) -> type:
    class View(mixin):  # type: ignore[misc, valid-type]
        def __init__(self, desk: Any):
            self._desk = desk

        def __getattr__(self, name: str) -> Any:       # what the mixin does not define
            return getattr(self._desk, name)
    return View


# -- the pending Chinese of these screens ---------------------------------------------------

class PendingTranslator(QTranslator):
    """Serves ``pending/policy.json`` (``{"Context|Source": "中文"}``) until it is merged
    into the .ts/.qm; once merged (or removed) the installed .qm answers first."""

    def __init__(self, table: dict[tuple[str, str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._table.get((context, source))   # None: a null QString, ask the next

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


_pending: PendingTranslator | None = None


def install_pending_translations(app: QCoreApplication | None = None,
                                 path: Path = PENDING) -> PendingTranslator | None:
    """Install the pending Chinese of the policy screens (zh_CN only; once). Returns the
    translator, or None when there is nothing to install."""
    global _pending
    app = app or QCoreApplication.instance()
    if app is None or current_language() != "zh_CN" or not path.exists():
        return None
    if _pending is not None:
        return _pending
    data = json.loads(path.read_text(encoding="utf-8"))
    table = {tuple(key.split("|", 1)): text for key, text in data.items() if "|" in key}
    _pending = PendingTranslator(table, app)       # type: ignore[arg-type]
    # (searched first, being installed last; a miss answers None so the .qm is asked)
    app.installTranslator(_pending)
    for fn in (_status_names, _outcome_names, _value_names, _kind_names, _stacking_names):
        fn.cache_clear()
    return _pending


def remove_pending_translations(app: QCoreApplication | None = None) -> None:
    global _pending
    app = app or QCoreApplication.instance()
    if app is not None and _pending is not None:
        app.removeTranslator(_pending)
        _pending = None
    for fn in (_status_names, _outcome_names, _value_names, _kind_names, _stacking_names):
        fn.cache_clear()
