"""Smart recommendation (智能推荐) for the enterprise at the desk: every item, grouped
eligible / likely (information missing) / not eligible and ranked inside each group;
for the chosen item the per-condition trace (met ✓ / not met ✗ / missing ?: the
enterprise's value with its provenance, the requirement, the clause, the material that
proves it) and what would make it eligible. Conditions are judged at each batch's
**reference date**, shown beside the batch, never at today.

Items the enterprise matches that cannot be combined (不重复享受, 就高不就低) are flagged
in the list and set side by side above it and in the detail, with the explanation.
Items pushed to the enterprise by hand show "已定向推送（原因…）".

Matching runs on the desk's worker (``match_enterprise``); filters (status, theme,
text) apply to the result without asking again. Keyboard: the tree has the focus;
Up/Down move, Left/Right fold a group; Ctrl+Shift+T targets the item, Ctrl+Shift+N
opens its one-time notice, Ctrl+Shift+L shows it in the catalogue.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTextBrowser, QTreeView,
                               QVBoxLayout, QWidget)

from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.policy.common import (OUTCOME_COLOURS, chip, esc, lang, local_time, outcome_chip, status_chip, status_name, window_text)
from desktop.policy.match_html import overlap_table, trace_html
from desktop.policy.match_model import MatchModel
from sync.desk_matching import EnterpriseMatch, MatchLine

TARGET_KEY, NOTICE_KEY, CATALOGUE_KEY = "Ctrl+Shift+T", "Ctrl+Shift+N", "Ctrl+Shift+L"


class MatchingView(QWidget):
    """The ranked items for one enterprise, the overlaps, and the chosen item's trace."""

    matched = Signal(object)            # the EnterpriseMatch shown
    item_chosen = Signal(str)
    target_requested = Signal(str)      # item id
    notice_requested = Signal(str, str)  # item id, batch id ("" when none)
    catalogue_requested = Signal(str)   # item id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matchingView")
        self.ctx = ctx
        self.enterprise_id: str | None = None
        self._generation = 0
        self._materials: dict[str, str] = {}
        self._want: str | None = None
        self.status = QComboBox(objectName="matchStatus")
        for code, text in ((None, self.tr("Any batch status")),
                           ("open_now", self.tr("Open for applications now")),
                           ("closing_soon", self.tr("Closing within 14 days")),
                           ("targeted", self.tr("Targeted by hand"))):
            self.status.addItem(text, code)
        self.theme = QComboBox(objectName="matchTheme")
        self.theme.addItem(self.tr("All themes"), None)
        self.filter = QLineEdit(objectName="matchFilter")
        self.filter.setPlaceholderText(self.tr("Filter by title or initials"))
        self.filter.setClearButtonEnabled(True)
        self.summary = QLabel(objectName="matchSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for caption, widget in ((self.tr("S&tatus"), self.status), (self.tr("T&heme"), self.theme)):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.summary)
        self.overlaps = QTextBrowser(objectName="overlapPanel")
        self.overlaps.setOpenLinks(False)
        self.overlaps.setMaximumHeight(170)
        self.overlaps.anchorClicked.connect(self._anchor)
        self.overlaps.hide()
        self.model = MatchModel(self)
        self.tree = QTreeView(objectName="matchTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((250, 110, 150, 84)):
            self.tree.setColumnWidth(col, width)
        self.detail = QTextBrowser(objectName="matchDetail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._anchor)
        self.target_button = QPushButton(self.tr("Target this item…"), objectName="targetButton")
        self.notice_button = QPushButton(self.tr("One-time notice…"), objectName="noticeButton")
        self.catalogue_button = QPushButton(self.tr("Show in the catalogue"),
                                            objectName="catalogueButton")
        for button, keys in ((self.target_button, TARGET_KEY), (self.notice_button, NOTICE_KEY),
                             (self.catalogue_button, CATALOGUE_KEY)):
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
            button.setEnabled(False)
            button.setAutoDefault(False)
        self.target_button.clicked.connect(self._target)
        self.notice_button.clicked.connect(self._notice)
        self.catalogue_button.clicked.connect(self._catalogue)
        QShortcut(QKeySequence(TARGET_KEY), self, activated=self._target)
        QShortcut(QKeySequence(NOTICE_KEY), self, activated=self._notice)
        QShortcut(QKeySequence(CATALOGUE_KEY), self, activated=self._catalogue)
        buttons = QHBoxLayout()
        for b in (self.target_button, self.notice_button, self.catalogue_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([700, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.overlaps)
        layout.addWidget(split, 1)
        self.status.currentIndexChanged.connect(lambda _: self._refilter())
        self.theme.currentIndexChanged.connect(lambda _: self._refilter())
        self.filter.textChanged.connect(lambda _: self._refilter())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.setFocusProxy(self.tree)
        self._empty()

    # -- running -------------------------------------------------------------------------

    @property
    def match(self) -> EnterpriseMatch | None:
        return self.model.result

    @property
    def line(self) -> MatchLine | None:
        return self.model.line_at(self.tree.currentIndex())

    def _empty(self) -> None:
        self.summary.setText("")
        self.detail.setHtml("<p style='color:#5f6b63'>" + esc(self.tr(
            "Pick the enterprise at the desk (Ctrl+Shift+E): every item is matched against its profile.")) + "</p>")

    def run(self, enterprise_id: str | None, keep_item: str | None = None) -> None:
        """Match the enterprise (on the desk's worker) and show the result."""
        self._generation += 1
        generation = self._generation
        if enterprise_id != self.enterprise_id:
            keep_item = keep_item or None
        self.enterprise_id = enterprise_id
        if not enterprise_id:
            self.model.set_match(None)
            self.overlaps.hide()
            self._empty()
            return
        current = self.line
        self._want = keep_item or (current.item.id if current else None)
        language = lang()

        def work(desk: Any) -> tuple[EnterpriseMatch, dict[str, str]]:
            api = desk
            result = api.match_enterprise(enterprise_id, lang=language)
            cat = api.policy_catalogue()
            return result, ({m.id: m.name for m in cat.materials} if cat else {})

        self.summary.setText(esc(self.tr("Matching…")))
        DeskQuery(self.ctx, self, work).success(lambda r: self._show(generation, *r)).run()

    def _show(self, generation: int, result: EnterpriseMatch, mats: dict[str, str]) -> None:
        if generation != self._generation:
            return
        self._materials = mats
        themes = sorted({t for ln in result.lines for t in ln.item.themes})
        current_theme = self.theme.currentData()
        self.theme.blockSignals(True)
        while self.theme.count() > 1:
            self.theme.removeItem(1)
        for t in themes:
            self.theme.addItem(t, t)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current_theme))
                                   if current_theme else 0)
        self.theme.blockSignals(False)
        self.model.set_match(result)
        self._after_reset()
        self._show_overlaps()
        self.matched.emit(result)

    def _refilter(self) -> None:
        current = self.line
        self._want = current.item.id if current else self._want
        self.model.set_filter(self.status.currentData(), self.theme.currentData(),
                              self.filter.text())
        self._after_reset()

    def _after_reset(self) -> None:
        match = self.model.result
        for g in range(3):
            self.tree.setExpanded(self.model.index(g, 0), True)
        e, li, n = self.model.counts()
        if match is not None:
            self.summary.setText(
                f"{chip(str(e), OUTCOME_COLOURS['eligible'])} {chip(str(li), OUTCOME_COLOURS['likely'])} "
                f"{chip(str(n), OUTCOME_COLOURS['not_eligible'])} "
                + esc(self.tr("· %1 items matched in %2 ms · judged on each batch's reference date, on %3")
                      .replace("%1", str(len(match.lines))).replace("%2", f"{match.match_ms:.1f}")
                      .replace("%3", str(match.on))))
        index = self.model.index_of(self._want) if self._want else QModelIndex()
        if not index.isValid():
            first = next((g for g in range(3) if self.model.rowCount(self.model.index(g, 0))), None)
            index = self.model.index(0, 0, self.model.index(first, 0)) if first is not None \
                else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        else:
            self._render(None)

    def select_item(self, item_id: str) -> bool:
        index = self.model.index_of(item_id)
        if not index.isValid() and (self.status.currentIndex() or self.theme.currentIndex()
                                    or self.filter.text()):
            self.status.setCurrentIndex(0)
            self.theme.setCurrentIndex(0)
            self.filter.clear()
            index = self.model.index_of(item_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            return True
        self._want = item_id
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        line = self.model.line_at(current)
        self._render(line)
        if line is not None:
            self._want = line.item.id
            self.item_chosen.emit(line.item.id)

    # -- showing -------------------------------------------------------------------------

    def _show_overlaps(self) -> None:
        match = self.model.result
        if match is None or not match.overlaps:
            self.overlaps.hide()
            return
        head = self.tr("Matched items that cannot be combined (%1 groups)").replace(
            "%1", str(len(match.overlaps)))
        self.overlaps.setHtml(f"<p style='margin:0'><b>{esc(head)}</b></p>"
                              + "".join(overlap_table(o, match) for o in match.overlaps))
        self.overlaps.show()

    def _render(self, line: MatchLine | None) -> None:
        for b in (self.target_button, self.notice_button, self.catalogue_button):
            b.setEnabled(line is not None)
        if line is None:
            if self.model.result is not None:
                self.detail.setHtml("<p style='color:#5f6b63'>" + esc(self.tr("No item under these filters.")) + "</p>")
            return
        self.detail.setHtml(self.line_html(line))

    def line_html(self, line: MatchLine) -> str:
        v, item, batch = line.verdict, line.item, line.batch
        out = [f"<h3 style='margin-bottom:2px'>{esc(item.title)}</h3>",
               f"<p style='margin-top:0; color:#5f6b63'>{esc(item.id)} · {esc(item.amount_text)}</p>",
               f"<p>{outcome_chip(v.outcome)}</p>"]
        if batch is not None:
            judged = self.tr("Judged by batch %1 (%2, %3): reference date %4 — conditions hold on that day, not today.") \
                .replace("%1", batch.name).replace("%2", window_text(batch.opens, batch.closes)) \
                .replace("%3", status_name(line.status)).replace("%4", str(v.reference_date))
        else:
            judged = self.tr("No application batch: judged on %1.").replace("%1", str(v.reference_date))
        out.append(f"<p style='background:#e8f0fe; padding:4px'>{status_chip(line.status)} "
                   f"{esc(judged)}</p>")
        tz = self.ctx.desk.schedule.hours.tz
        for t in line.targeted:
            text = self.tr("Targeted by hand (reason: %1) — %2, %3") \
                .replace("%2", self.ctx.desk.display_name(t.actor)).replace("%3", local_time(t.at, tz)).replace("%1", t.reason)
            pending = (" · " + self.tr("not yet synced")) if t.pending else ""
            out.append(f"<p style='background:#fff4d6; color:#8a5a00; padding:4px'><b>"
                       f"{esc(text)}</b>{esc(pending)}</p>")
        if line.hints and v.outcome != "eligible":
            head = self.tr("To become eligible:") if v.outcome == "not_eligible" \
                else self.tr("Still to confirm:")
            out.append(f"<p style='margin-bottom:0'><b>{esc(head)}</b></p><ul style='margin-top:2px'>"
                       + "".join(f"<li>{esc(h)}</li>" for h in line.hints) + "</ul>")
        elif v.outcome == "eligible":
            out.append("<p style='color:#1b5e20'>" + esc(self.tr("Every condition is met on the reference date.")) + "</p>")
        match = self.model.result            # which of the group applies, before the trace
        for o in line.overlaps:
            out.append(overlap_table(o, match, current=item.id))
        out.append(trace_html(line, self._materials))
        return "".join(out)

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("item:"):
            self.select_item(text[5:])

    # -- actions -------------------------------------------------------------------------

    def _target(self) -> None:
        line = self.line
        if line is not None:
            self.target_requested.emit(line.item.id)

    def _notice(self) -> None:
        line = self.line
        if line is not None:
            self.notice_requested.emit(line.item.id, line.batch.id if line.batch else "")

    def _catalogue(self) -> None:
        line = self.line
        if line is not None:
            self.catalogue_requested.emit(line.item.id)


__all__ = ["MatchingView"]
