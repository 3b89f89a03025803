"""One redeemable item in full: its policy document, the item (kind, amount, themes, tags,
the eligibility rule in words, what it cannot be combined with) and every application
batch (window and status, reference date, receiving unit with its address, hours and
on-duty contacts, the batch contact, channel, notes, and the materials with their
validity). Read on the desk's worker (``policy_item``); shown as rich text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.catalogue import QUALIFICATIONS
from core.eligibility import describe
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.policy.common import (esc, kind_name, lang, outcome_chip, stacking_name,
                                   status_chip, validity_text, window_text)
from sync.policy_store import PolicyItemDetail

translate = QCoreApplication.translate
SCALE_NAMES = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}


def rule_html(tree: Mapping[str, Any], names: Mapping[str, Mapping[str, str]],
              reference_date: dt.date | None = None) -> str:
    """The rule as nested lists: every leaf's label, clause, the condition in words and
    the material that proves it; ``all`` / ``any`` / ``not`` said in words."""
    mats = names.get("materials") or {}
    all_of = translate("ItemDetail", "All of:")
    any_of = translate("ItemDetail", "Any one of:")
    excluded = translate("ItemDetail", "Excluded:")
    proved_by = translate("ItemDetail", "proved by")

    def node(t: Mapping[str, Any]) -> str:
        for key, head in (("all", all_of), ("any", any_of)):
            if key in t:
                kids = "".join(f"<li>{node(c)}</li>" for c in t[key])
                return f"{esc(head)}<ul style='margin-top:0'>{kids}</ul>"
        if "not" in t:
            return f"<b>{esc(excluded)}</b> {node(t['not'])}"
        words = describe(dict(t), lang(), names, reference_date)
        mat = t.get("material")
        proof = (f" <span style='color:#5f6b63'>· {esc(proved_by)} "
                 f"{esc(mats.get(mat, mat))}</span>") if mat else ""
        return (f"{esc(t.get('label', ''))} <span style='color:#5f6b63'>"
                f"（{esc(t.get('clause', ''))}）</span><br><span style='color:#37474f'>"
                f"{esc(words)}</span>{proof}")
    if "all" in tree:
        return "<ol>" + "".join(f"<li>{node(c)}</li>" for c in tree["all"]) + "</ol>"
    return f"<p>{node(tree)}</p>"


def _tags_html(tags: Mapping[str, tuple[str, ...]], towns: Mapping[str, str]) -> str:
    parts = []
    for kind, title, name in (
            ("industry", translate("ItemDetail", "Industry"), lambda v: v),
            ("scale", translate("ItemDetail", "Scale"), lambda v: SCALE_NAMES.get(v, v)),
            ("town", translate("ItemDetail", "Town"), lambda v: towns.get(v, v)),
            ("qualification", translate("ItemDetail", "Qualification"),
             lambda v: QUALIFICATIONS.get(v, v))):
        values = tags.get(kind) or ()
        if values:
            parts.append(f"{esc(title)}：{esc('、'.join(name(v) for v in values))}")
    if not tags.get("town"):
        parts.append(esc(translate("ItemDetail", "Town")) + "："
                     + esc(translate("ItemDetail", "citywide")))
    return " · ".join(parts)


def detail_html(detail: PolicyItemDetail, names: Mapping[str, Mapping[str, str]],
                match: Any = None, group_items: Sequence[tuple[str, str]] = ()) -> str:
    """The whole item as rich text; ``match`` (a ``MatchLine`` of the enterprise at the
    desk) adds what it means for that enterprise; ``group_items`` (id, title) are the
    items it cannot be combined with."""
    doc, item = detail.document, detail.item
    towns = names.get("towns") or {}
    valid_to = doc["valid_to"] or translate("ItemDetail", "until repealed")
    in_force = (translate("ItemDetail", "in force") if detail.valid
                else translate("ItemDetail", "not in force"))
    issued = translate("ItemDetail", "Issued %1; in force %2 to %3").replace(
        "%1", doc["issued"]).replace("%2", doc["valid_from"]).replace("%3", valid_to)
    out = [f"<h2 style='margin-bottom:2px'>{esc(item['title'])}</h2>",
           f"<p style='color:#5f6b63; margin-top:0'>{esc(item['id'])} · "
           f"{esc(kind_name(item['kind']))} · {esc('、'.join(item['themes']))}</p>",
           f"<p><b>{esc(item['amount_text'])}</b></p>"]
    if match is not None:
        out.append(_match_html(match))
    out += [
        "<h3>" + esc(translate("ItemDetail", "Policy document")) + "</h3>",
        f"<p><b>{esc(doc['title'])}</b><br>{esc(doc['doc_number'])} · {esc(doc['issuer_name'])}"
        f"<br>{esc(issued)} · <b>{esc(in_force)}</b></p>",
        f"<p style='color:#37474f'>{esc(doc['summary'])}</p>",
        "<h3>" + esc(translate("ItemDetail", "Conditions")) + "</h3>",
        rule_html(detail.rule, names) if detail.rule else "",
        "<p style='color:#5f6b63'>" + esc(translate("ItemDetail", "Tags")) + "："
        + _tags_html(detail.tags, towns) + "</p>"]
    if item.get("exclusive_group"):
        others = "、".join(f"{title}（{iid}）" for iid, title in group_items) \
            or item["exclusive_group"]
        group = translate("ItemDetail", "Cannot be combined with: %1").replace("%1", others)
        out.append(f"<p style='color:#8a5a00'>⚠ {esc(group)}"
                   f"（{esc(stacking_name(item.get('stacking')))}）</p>")
    batches = translate("ItemDetail", "Application batches (%1)").replace(
        "%1", str(len(detail.batches)))
    out.append(f"<h3>{esc(batches)}</h3>")
    if not detail.batches:
        out.append("<p>" + esc(translate("ItemDetail", "No application batch has been published."))
                   + "</p>")
    labels = {"window": translate("ItemDetail", "Window"),
              "ref": translate("ItemDetail", "Reference date"),
              "ref_note": translate("ItemDetail", "(conditions are judged on this day)"),
              "unit": translate("ItemDetail", "Receiving unit"),
              "duty": translate("ItemDetail", "On duty"),
              "contact": translate("ItemDetail", "Contact"),
              "channel": translate("ItemDetail", "Channel"),
              "notes": translate("ItemDetail", "Notes"),
              "material": translate("ItemDetail", "Material"),
              "how": translate("ItemDetail", "How to prepare"),
              "validity": translate("ItemDetail", "Validity"),
              "materials": translate("ItemDetail", "Materials (%1)")}
    for b in detail.batches:
        unit = b.receiving_unit
        duty = "；".join(f"{esc(d.get('name', ''))}（{esc(d.get('role', ''))}）"
                        f"{esc(d.get('phone', ''))} / {esc(d.get('mobile', ''))}"
                        for d in unit.get("duty") or [])
        rows = [(labels["window"], esc(window_text(b.opens, b.closes)) + " "
                 + status_chip(b.status)),
                (labels["ref"], f"<b>{esc(b.reference_date)}</b> <span style='color:#5f6b63'>"
                 f"{esc(labels['ref_note'])}</span>"),
                (labels["unit"], f"<b>{esc(unit.get('name'))}</b><br>"
                 f"{esc(unit.get('address') or '')} · {esc(unit.get('office_hours') or '')}"),
                (labels["duty"], duty),
                (labels["contact"], f"{esc(b.contact.get('name'))} {esc(b.contact.get('phone'))}"),
                (labels["channel"], esc(b.channel)),
                (labels["notes"], esc(b.notes))]
        table = "".join(f"<tr><td style='color:#5f6b63; padding-right:8px' width='90'>{esc(k)}"
                        f"</td><td>{v}</td></tr>" for k, v in rows if v)
        mats = "".join(
            f"<tr><td>{i}</td><td>{esc(m.name)}</td><td style='color:#5f6b63'>{esc(m.note)}</td>"
            f"<td>{esc(validity_text(m.validity_days))}</td></tr>"
            for i, m in enumerate(b.materials, 1))
        head = (f"<tr style='background:#eceff1'><th>#</th><th>{esc(labels['material'])}</th>"
                f"<th>{esc(labels['how'])}</th><th>{esc(labels['validity'])}</th></tr>")
        count = labels["materials"].replace("%1", str(len(b.materials)))
        out.append(f"<h4 style='margin-bottom:2px'>{esc(b.name)} <span style='color:#5f6b63; "
                   f"font-weight:normal'>{esc(b.id)}</span></h4>"
                   f"<table cellspacing='0' cellpadding='2'>{table}</table>"
                   f"<p style='margin-bottom:2px'><b>{esc(count)}</b></p>"
                   f"<table border='1' cellspacing='0' cellpadding='3' "
                   f"style='border-color:#cfd8dc; border-collapse:collapse'>{head}{mats}</table>")
    return "".join(out)


def _match_html(line: Any) -> str:
    v = line.verdict
    this = translate("ItemDetail", "For this enterprise:")
    ref = translate("ItemDetail", "reference date %1").replace("%1", str(v.reference_date))
    parts = [f"<div style='background:#f5f7f9; padding:6px'>{esc(this)} "
             f"{outcome_chip(v.outcome)} · {esc(ref)}"]
    hints = line.hints
    if hints:
        parts.append("<ul style='margin-top:2px; margin-bottom:0'>"
                     + "".join(f"<li>{esc(h)}</li>" for h in hints) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


class ItemDetailView(QTextBrowser):
    """Shows one item (``show_item``), read on the desk's worker."""

    loaded = Signal(str)            # the item id now shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 match_of: Callable[[str], Any] | None = None):
        super().__init__(parent)
        self.setObjectName("itemDetail")
        self.setOpenLinks(False)
        self.ctx = ctx
        self.match_of = match_of          # item id -> MatchLine of the current enterprise
        self.item_id: str | None = None
        self.detail: PolicyItemDetail | None = None
        self._generation = 0
        self._names: Mapping[str, Mapping[str, str]] | None = None
        self._group_items: list[tuple[str, str]] = []
        self.setPlaceholderText(self.tr("Select an item to read its document, conditions, "
                                        "batches and materials."))

    def show_item(self, item_id: str | None) -> None:
        self._generation += 1
        generation = self._generation
        self.item_id = item_id
        if not item_id:
            self.detail = None
            self.clear()
            return
        need_names = self._names is None

        def work(desk: Any) -> tuple[PolicyItemDetail, Any, list[tuple[str, str]]]:
            names = None
            cat = desk.policy_catalogue()
            if need_names:
                from core.eligibility import matcher_for
                names = matcher_for(cat).names if cat is not None else {}
            detail = desk.policy_item(item_id)
            group = detail.item.get("exclusive_group")
            others = [(i.id, i.title) for i in (cat.items if cat is not None and group else ())
                      if i.exclusive_group == group and i.id != item_id]
            return detail, names, others

        DeskQuery(self.ctx, self, work).success(
            lambda r: self._show(generation, *r)).run()

    def forget_catalogue(self) -> None:
        """A new catalogue was installed: read its names again with the next item."""
        self._names = None

    def refresh(self) -> None:
        if self.detail is not None:
            self._render()

    def _show(self, generation: int, detail: PolicyItemDetail, names: Any,
              group_items: list[tuple[str, str]]) -> None:
        if generation != self._generation:
            return
        if names is not None:
            self._names = names
        self.detail, self._group_items = detail, group_items
        self._render()
        self.loaded.emit(detail.item["id"])

    def _render(self) -> None:
        assert self.detail is not None
        match = self.match_of(self.detail.item["id"]) if self.match_of else None
        bar = self.verticalScrollBar().value()
        self.setHtml(detail_html(self.detail, self._names or {}, match, self._group_items))
        self.verticalScrollBar().setValue(bar if self.item_id == self.detail.item["id"] else 0)
