"""The readable parts of a match as rich text: one item's per-condition trace (met ✓ /
not met ✗ / missing ?, the requirement, the enterprise's value with its source, the
material that proves it) and an overlap group side by side (不重复享受 / 就高不就低:
which item applies and why)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.overlaps import Overlap
from desktop.policy.common import VALUE_MARKS, esc, lang, outcome_chip, stacking_name, value_name
from sync.desk_matching import EnterpriseMatch, MatchLine

translate = QCoreApplication.translate


def overlap_table(overlap: Overlap, match: EnterpriseMatch | None, current: str | None = None
                  ) -> str:
    """One group side by side: each item a column (title, amount, outcome, the one that
    applies), the rule and the explanation under it."""
    cells = []
    for iid, outcome in zip(overlap.items, overlap.outcomes):
        line = match.line(iid) if match else None
        title = line.item.title if line else iid
        amount = line.item.amount_text.split("；")[0] if line else ""
        star = ""
        if overlap.chosen == iid:
            star = "<br><b style='color:#1b5e20'>★ " + esc(translate("MatchingView", "applies (highest amount)")) + "</b>"
        elif overlap.fallback == iid:
            star = "<br><b style='color:#0b57d0'>☆ " + esc(translate("MatchingView", "applies if the first does not qualify")) + "</b>"
        border = "2px solid #0b57d0" if iid == current else "1px solid #cfd8dc"
        cells.append(f"<td valign='top' style='border:{border}; padding:4px' width='{100 // max(1, len(overlap.items))}%'>"
                     f"<a href='item:{esc(iid)}'>{esc(title)}</a><br>"
                     f"<span style='color:#5f6b63'>{esc(iid)}</span><br>{esc(amount)}<br>"
                     f"{outcome_chip(outcome)}{star}</td>")
    rule = stacking_name(overlap.stacking)
    text = overlap.explanation if lang() == "zh" else overlap.explanation_en
    return (f"<p style='margin:4px 0 2px 0'><b style='color:#8a5a00'>⚠ {esc(rule)}</b></p>"
            f"<table cellspacing='4' width='100%'><tr>{''.join(cells)}</tr></table>"
            f"<p style='margin:2px 0 6px 0; color:#37474f'>{esc(text)}</p>")


def trace_html(line: MatchLine, mats: dict[str, str]) -> str:
    """The per-condition trace of one item as a table."""
    head = (esc(translate("MatchingView", "Result")),
            esc(translate("MatchingView", "Condition (clause)")),
            esc(translate("MatchingView", "Required")),
            esc(translate("MatchingView", "The enterprise (source)")),
            esc(translate("MatchingView", "Proved by")))
    rows = ["<tr style='background:#eceff1'>" + "".join(f"<th align='left'>{h}</th>" for h in head)
            + "</tr>"]
    for t in line.traces:
        mark, colour = VALUE_MARKS[t.value]
        grey = t.moot
        style = " style='color:#90a4ae'" if grey else ""
        moot = ("<br><span style='color:#90a4ae'>" + esc(translate("MatchingView", "an alternative is met: not needed")) + "</span>") if grey else ""
        hint = (f"<br><span style='color:{colour}'>{esc(t.hint)}</span>") if t.hint else ""
        detail = (f"<br><span style='color:#5f6b63'>{esc(t.detail)}</span>") if t.detail else ""
        rows.append(
            f"<tr{style}><td align='center' style='color:{'#90a4ae' if grey else colour}; "
            f"font-size:large'><b>{mark}</b><br><span style='font-size:small'>"
            f"{esc(value_name(t.value))}</span></td>"
            f"<td>{esc(t.label)}<br><span style='color:#5f6b63'>{esc(t.clause)}</span>{moot}</td>"
            f"<td>{esc(t.required)}{hint}</td>"
            f"<td>{esc(t.actual)}{detail}</td>"
            f"<td>{esc(mats.get(t.material, t.material) if t.material else '—')}</td></tr>")
    return ("<table border='1' cellspacing='0' cellpadding='4' width='100%' "
            "style='border-color:#cfd8dc; border-collapse:collapse'>" + "".join(rows) + "</table>")
