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

from PySide6.QtCore import (QAbstractItemModel, QCoreApplication, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, QUrl, Signal)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSplitter, QTextBrowser, QTreeView,
                               QVBoxLayout, QWidget)

from core.overlaps import Overlap
from core.textsearch import initials
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.policy.common import (OUTCOME_COLOURS, OUTCOMES, STATUS_COLOURS, VALUE_MARKS, chip,
                                   esc, lang, matching, outcome_chip, outcome_name,
                                   stacking_name, status_chip, status_name, value_name,
                                   window_text)
from sync.desk_matching import EnterpriseMatch, MatchLine

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
LineRole = Qt.ItemDataRole.UserRole + 1
OutcomeRole = Qt.ItemDataRole.UserRole + 2
TARGET_KEY, NOTICE_KEY, CATALOGUE_KEY = "Ctrl+Shift+T", "Ctrl+Shift+N", "Ctrl+Shift+L"
OPEN_STATUSES = ("open", "closing_soon")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


class MatchModel(QAbstractItemModel):
    """Three groups (eligible, likely, not eligible) of ranked items, filtered."""

    COLUMNS = 5

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._match: EnterpriseMatch | None = None
        self._groups: list[list[MatchLine]] = [[], [], []]
        self._status: str | None = None
        self._theme: str | None = None
        self._text = ""

    # -- content -------------------------------------------------------------------------

    @property
    def match(self) -> EnterpriseMatch | None:
        return self._match

    def set_match(self, match: EnterpriseMatch | None) -> None:
        self.beginResetModel()
        self._match = match
        self._regroup()
        self.endResetModel()

    def set_filter(self, status: str | None = None, theme: str | None = None,
                   text: str = "") -> None:
        self.beginResetModel()
        self._status, self._theme, self._text = status, theme, text.strip()
        self._regroup()
        self.endResetModel()

    def _keep(self, line: MatchLine) -> bool:
        if self._status == "open_now" and line.status not in OPEN_STATUSES:
            return False
        if self._status == "closing_soon" and line.status != "closing_soon":
            return False
        if self._status == "targeted" and not line.targeted:
            return False
        if self._theme and self._theme not in line.item.themes:
            return False
        if self._text:
            needle = self._text.lower()
            title = line.item.title
            if needle not in title.lower() and needle not in line.item.id \
                    and not (needle.isascii() and needle.isalpha()
                             and needle in initials(title).lower()):
                return False
        return True

    def _regroup(self) -> None:
        groups: list[list[MatchLine]] = [[], [], []]
        if self._match is not None:
            for line in self._match.lines:
                if self._keep(line):
                    groups[OUTCOMES.index(line.outcome)].append(line)
        self._groups = groups

    def counts(self) -> tuple[int, int, int]:
        return tuple(len(g) for g in self._groups)  # type: ignore[return-value]

    def lines(self, outcome: str | None = None) -> list[MatchLine]:
        if outcome is not None:
            return list(self._groups[OUTCOMES.index(outcome)])
        return [ln for g in self._groups for ln in g]

    def index_of(self, item_id: str) -> QModelIndex:
        for g, lines in enumerate(self._groups):
            for r, line in enumerate(lines):
                if line.item.id == item_id:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def line_at(self, index: Index) -> MatchLine | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    # -- the tree ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not 0 <= column < self.COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < 3 else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        g = parent.row()
        if row >= len(self._groups[g]):
            return QModelIndex()
        return self.createIndex(row, column, g + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return 3
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.COLUMNS:
            return (self.tr("Item"), self.tr("Amount"), self.tr("Batch judged by"),
                    self.tr("Reference date"), self.tr("Why / what is missing"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        line = self.line_at(index)
        if line is None:
            return None
        col = index.column()
        if role == LineRole:
            return line
        if role == OutcomeRole:
            return line.outcome
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_of(line, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 4:
                return "\n".join(line.hints) or None
            if col == 2 and line.batch is not None:
                return f"{line.batch.name} {window_text(line.batch.opens, line.batch.closes)}"
            return f"{line.item.id} {line.item.title}" if col == 0 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 2:
                return QBrush(QColor(STATUS_COLOURS.get(line.status, STATUS_COLOURS["none"])[0]))
            if col == 4 and (line.overlaps or line.targeted):
                return QBrush(QColor("#8a5a00"))
            if col in (3, 4):
                return QBrush(QColor("#5f6b63"))
        return None

    def _text_of(self, line: MatchLine, col: int) -> str:
        if col == 0:
            return line.item.title
        if col == 1:
            return _short(line.item.amount_text.split("；")[0], 18)
        if col == 2:
            batch = line.batch
            if batch is None:
                return status_name("none")
            return f"{status_name(line.status)} {batch.opens:%m-%d}—{batch.closes:%m-%d}"
        if col == 3:
            return str(line.verdict.reference_date)
        notes = []
        if line.targeted:
            notes.append(self.tr("Targeted by hand"))
        if line.overlaps:
            notes.append("⚠ " + "、".join(dict.fromkeys(stacking_name(o.stacking)
                                                        for o in line.overlaps)))
        if line.outcome != "eligible" and line.hints:
            notes.append(line.hints[0] + (f" (+{len(line.hints) - 1})" if len(line.hints) > 1
                                          else ""))
        return " · ".join(notes)

    def _group_data(self, index: Index, role: int) -> Any:
        outcome = OUTCOMES[index.row()] if 0 <= index.row() < 3 else None
        if outcome is None:
            return None
        if role == OutcomeRole:
            return outcome
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{outcome_name(outcome)}（{len(self._groups[index.row()])}）"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(OUTCOME_COLOURS[outcome][0]))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(OUTCOME_COLOURS[outcome][1]))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- the readable parts ---------------------------------------------------------------------

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
    return (f"<p style='margin:4px 0 2px 0'><b style='color:#8a5a00'>⚠ {esc(rule)}</b> "
            f"<span style='color:#5f6b63'>{esc(overlap.group)}</span></p>"
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
        for col, width in enumerate((250, 110, 130, 84)):
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
        return self.model.match

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
            api = matching(desk)
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
        match = self.model.match
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
        match = self.model.match
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
            if self.model.match is not None:
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
        for t in line.targeted:
            text = self.tr("Targeted by hand (reason: %1) — %2, %3").replace("%1", t.reason) \
                .replace("%2", t.actor).replace("%3", t.at[:16].replace("T", " "))
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
        out.append(trace_html(line, self._materials))
        match = self.model.match
        for o in line.overlaps:
            out.append(overlap_table(o, match, current=item.id))
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


__all__ = ["MatchModel", "MatchingView", "overlap_table", "trace_html"]
