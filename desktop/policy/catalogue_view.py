"""The policy catalogue (政策库): search in Chinese (1- and 2-character terms such as 融资,
专利, 人才; full titles; pinyin initials), ranked, the matched terms in bold; browse by
issuing unit, theme, tag and status (in force; open for application now; closing within
14 days); the chosen item's document → item → batches beside the list.

Searches run on the desk's worker (debounced; a late answer to an older query is
dropped). Keyboard: type in the search field; Down moves into the results, Up from the
first result back to the field; the selection drives the detail; Enter in the results
(or Ctrl+Enter) asks the workspace to match the item for the enterprise at the desk.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, QSize, Qt, QTimer, Signal)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QListView, QSplitter, QStyleOptionViewItem, QVBoxLayout, QWidget)

from core.catalogue import QUALIFICATIONS, SCALES
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.policy.common import STATUS_COLOURS, status_name, window_text
from desktop.policy.item_detail import ItemDetailView
from desktop.widgets.kb_panel import HtmlDelegate, highlight_html
from sync.policy_store import PolicyHit

Index = QModelIndex | QPersistentModelIndex
HitRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
DELAY_MS = 200
LIMIT = 200
SCALE_ZH = {"micro": "微型企业", "small": "小型企业", "medium": "中型企业", "large": "大型企业"}


class PolicyHitModel(QAbstractListModel):
    """Items found (or browsed), best first; each row two lines of rich text."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._hits: list[PolicyHit] = []
        self._text = ""

    def set_hits(self, hits: list[PolicyHit], text: str = "") -> None:
        self.beginResetModel()
        self._hits, self._text = list(hits), text
        self.endResetModel()

    def hit(self, row: int) -> PolicyHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, item_id: str) -> int | None:
        return next((i for i, h in enumerate(self._hits) if h.item_id == item_id), None)

    @property
    def hits(self) -> list[PolicyHit]:
        return list(self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title} · {hit.amount_text}"
        if role == HitRole:
            return hit
        if role == HtmlRole:
            return self._html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.item_id} · {hit.document_title}"
        return None

    def _html(self, hit: PolicyHit) -> str:
        fg, bg = STATUS_COLOURS.get(hit.status, STATUS_COLOURS["none"])
        window = window_text(hit.opens, hit.closes)
        status = (f"<span style='color:{fg}; background:{bg}'>&nbsp;{html.escape(status_name(hit.status))}"
                  f"&nbsp;</span>")
        invalid = "" if hit.valid else (
            " <span style='color:#b3261e'>" + html.escape(self.tr("not in force")) + "</span>")
        return (f"<div>{highlight_html(hit.title, self._text)} "
                f"<span style='color:#1b5e20'>{html.escape(hit.amount_text[:28])}"
                f"{'…' if len(hit.amount_text) > 28 else ''}</span></div>"
                f"<div style='color:#5f6b63; font-size:small'>{status} {html.escape(window)}"
                f"{invalid} · {highlight_html(hit.issuer_name, self._text)} · "
                f"{highlight_html(hit.document_title, self._text)}</div>")


class _RowsDelegate(HtmlDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 46))


class CatalogueView(QWidget):
    """Search and browse the catalogue; the chosen item's detail beside the list."""

    searched = Signal(int)          # a search's (or browse's) results are in: how many
    item_chosen = Signal(str)       # the selection moved to this item
    match_requested = Signal(str)   # Enter on an item: match it for the enterprise at the desk

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("policyCatalogue")
        self.ctx = ctx
        self.search = QLineEdit(objectName="policySearch")
        self.search.setPlaceholderText(self.tr("Search policies: 融资, 专利, 人才, a full title, or pinyin initials (gxjs)"))
        self.search.setClearButtonEnabled(True)
        self.issuer = QComboBox(objectName="issuerFilter")
        self.theme = QComboBox(objectName="themeFilter")
        self.tag = QComboBox(objectName="tagFilter")
        self.status = QComboBox(objectName="statusFilter")
        for combo, width in ((self.issuer, 230), (self.theme, 120), (self.tag, 170),
                             (self.status, 150)):
            combo.setMinimumWidth(width)
            combo.setMaxVisibleItems(20)
        self.issuer.addItem(self.tr("All issuing units"), None)
        self.theme.addItem(self.tr("All themes"), None)
        self.tag.addItem(self.tr("All tags"), None)
        for code, text in ((None, self.tr("Any status")), ("valid", self.tr("In force")),
                           ("open_now", self.tr("Open for applications now")),
                           ("closing_soon", self.tr("Closing within 14 days"))):
            self.status.addItem(text, code)
        self._fill_tags()
        self.count = QLabel(objectName="policyCount")
        self.model = PolicyHitModel(self)
        self.results = QListView(objectName="policyResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(_RowsDelegate(HtmlRole, self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.detail = ItemDetailView(ctx, self)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("&Issuer"), self.issuer), (self.tr("T&heme"), self.theme),
                              (self.tr("Ta&g"), self.tag), (self.tr("&Status"), self.status)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.results)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        split.setSizes([560, 700])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self._generation = 0
        self._want: str | None = None
        self.search.textChanged.connect(lambda _: self._timer.start())
        for combo in (self.issuer, self.theme, self.tag, self.status):
            combo.currentIndexChanged.connect(lambda _: self.run_search())
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.results.activated.connect(self._activated)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.setFocusProxy(self.search)
        self._filters_loaded = False

    # -- filters -------------------------------------------------------------------------

    def _fill_tags(self) -> None:
        for code, name in QUALIFICATIONS.items():
            self.tag.addItem(self.tr("Qualification: %1").replace("%1", name),
                             f"qualification:{code}")
        for code in SCALES:
            self.tag.addItem(self.tr("Scale: %1").replace("%1", SCALE_ZH[code]), f"scale:{code}")
        for town in self.ctx.reference.towns:
            if town.kind != "city":
                self.tag.addItem(self.tr("Town: %1").replace("%1", town.name), f"town:{town.code}")

    def load_filters(self) -> None:
        """Issuers and themes with their counts (read once, again after a new catalogue)."""
        DeskQuery(self.ctx, self, lambda desk: (desk.issuers(), desk.themes())) \
            .success(self._filters_ready).run()

    def _filters_ready(self, result: tuple[list, list]) -> None:
        issuers, themes = result
        for combo, rows, text in ((self.issuer, issuers, lambda r: f"{r[1]}（{r[2]}）"),
                                  (self.theme, themes, lambda r: f"{r[0]}（{r[1]}）")):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for r in rows:
                combo.addItem(text(r), r[0])
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self._filters_loaded = True

    def set_filters(self, *, issuer: str | None = ..., theme: str | None = ...,  # type: ignore[assignment]
                    tag: str | None = ..., status: str | None = ...) -> None:  # type: ignore[assignment]
        """Set some filters at once (one search after)."""
        for combo, value in ((self.issuer, issuer), (self.theme, theme), (self.tag, tag),
                             (self.status, status)):
            if value is not ...:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
                combo.blockSignals(False)
        self.run_search()

    # -- searching -----------------------------------------------------------------------

    def run_search(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        args = {"issuer": self.issuer.currentData(), "theme": self.theme.currentData(),
                "tag": self.tag.currentData(), "status": self.status.currentData()}
        DeskQuery(self.ctx, self, lambda desk: desk.search_policies(text, limit=LIMIT, **args)) \
            .success(lambda hits: self._show(generation, text, hits)).run()

    def _show(self, generation: int, text: str, hits: list[PolicyHit]) -> None:
        if generation != self._generation:
            return
        keep = self._want or self.detail.item_id
        self._want = None
        self.model.set_hits(hits, text)
        more = "+" if len(hits) >= LIMIT else ""
        self.count.setText(self.tr("%1 items").replace("%1", f"{len(hits)}{more}"))
        row = self.model.row_of(keep) if keep else None
        if row is None and hits:
            row = 0
        if row is not None:
            self.results.setCurrentIndex(self.model.index(row))
        elif not hits:
            self.detail.show_item(None)
        self.searched.emit(len(hits))

    def show_item(self, item_id: str) -> None:
        """Select ``item_id`` in the list if it is there, and show it in any case."""
        row = self.model.row_of(item_id)
        if row is not None:
            self.results.setCurrentIndex(self.model.index(row))
        else:                           # not under this search: no other row looks chosen
            self.results.selectionModel().clear()
            self.detail.show_item(item_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is not None and hit.item_id != self.detail.item_id:
            self.detail.show_item(hit.item_id)
            self.item_chosen.emit(hit.item_id)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.match_requested.emit(hit.item_id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) \
                    and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0))
                return True
            if obj is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_search()
                return True
            if obj is self.results and key == Qt.Key.Key_Up \
                    and self.results.currentIndex().row() <= 0:
                self.search.setFocus()
                return True
        return super().eventFilter(obj, event)
