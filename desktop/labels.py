"""Display names of the domain's codes, through Qt translations (English source)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


@cache
def _tables(language: str) -> dict[str, dict[str, str]]:
    # ``language`` keys the cache: the tables are rebuilt after a language switch
    return {
        "status": {
            "received": translate("Labels", "Received"),
            "answered": translate("Labels", "Answered at once"),
            "dispatched": translate("Labels", "Dispatched"),
            "following": translate("Labels", "Follow to the end"),
            "resolved": translate("Labels", "Resolved"),
            "closed": translate("Labels", "Closed"),
            "reopened": translate("Labels", "Reopened"),
        },
        "type": {
            "consultation": translate("Labels", "Consultation"),
            "help": translate("Labels", "Help"),
            "complaint": translate("Labels", "Complaint"),
            "report": translate("Labels", "Report"),
            "suggestion": translate("Labels", "Suggestion"),
            "praise": translate("Labels", "Praise"),
        },
        "channel": {
            "counter": translate("Labels", "Counter"),
            "hotline": translate("Labels", "12345 enterprise line"),
            "yss": translate("Labels", "Yueshengshi"),
            "yst": translate("Labels", "Yueshangtong / Zhongyiban"),
            "wechat": translate("Labels", "12345 WeChat"),
            "leader_line": translate("Labels", "Leaders' direct line"),
            "visit": translate("Labels", "Filed on behalf after a visit"),
        },
        "event": {
            "created": translate("Labels", "Request taken"),
            "answered": translate("Labels", "Answered"),
            "call_logged": translate("Labels", "Three-way call"),
            "dispatched": translate("Labels", "Dispatched"),
            "contacted": translate("Labels", "Enterprise contacted"),
            "interim_reply": translate("Labels", "Interim reply"),
            "next_feedback_set": translate("Labels", "Next feedback date set"),
            "resolved": translate("Labels", "Resolved"),
            "evaluated": translate("Labels", "Return visit"),
            "reopened": translate("Labels", "Reopened"),
            "supervised": translate("Labels", "Supervised"),
            "transferred": translate("Labels", "Transferred"),
            "note": translate("Labels", "Note"),
        },
        "clock": {
            "contact": translate("Labels", "Contact"),
            "interim": translate("Labels", "Interim reply"),
            "close": translate("Labels", "Close"),
            "follow": translate("Labels", "Next feedback"),
            "supervision": translate("Labels", "Supervision reply"),
        },
        "satisfaction": {
            "satisfied": translate("Labels", "Satisfied"),
            "basically": translate("Labels", "Basically satisfied"),
            "unsatisfied": translate("Labels", "Unsatisfied"),
            "not_evaluated": translate("Labels", "Not evaluated"),
        },
        "solved": {
            "solved": translate("Labels", "Solved"),
            "partly": translate("Labels", "Partly solved"),
            "unsolved": translate("Labels", "Unsolved"),
        },
        "role": {
            "clerk": translate("Labels", "Counter clerk"),
            "navigator": translate("Labels", "Policy navigator"),
            "supervisor": translate("Labels", "Supervisor"),
            "admin": translate("Labels", "Administrator"),
        },
        "outcome": {
            "answered": translate("Labels", "Answered during the call"),
            "needs_dispatch": translate("Labels", "Needs dispatch"),
            "call_back": translate("Labels", "Call back later"),
        },
    }


def label(kind: str, code: str | None) -> str:
    """The display name of ``code`` in the vocabulary ``kind`` (the code if unknown)."""
    if not code:
        return ""
    from desktop.i18n import current_language

    return _tables(current_language())[kind].get(code, code)


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, display name) pairs of a vocabulary, in its natural order."""
    from desktop.i18n import current_language

    return list(_tables(current_language())[kind].items())
