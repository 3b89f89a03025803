"""Picking a redeemable item (and one of its batches) while typing: a search field (1- and
2-character terms, titles, pinyin initials: ``Desk.search_policies``) over a short list
of items, open ones only when asked; Down moves from the field into the list, Enter or
a click picks. The batch list offers the item's batches still open or upcoming
(``Desk.open_batches``), the one closing first selected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.cases.common import translate
from desktop.context import AppContext
from desktop.operations import DeskQuery
from sync.policy_store import PolicyHit

DELAY_MS = 150
ItemIdRole = Qt.ItemDataRole.UserRole


class ItemChooser(QWidget):
    """``picked(item_id)`` when an item is chosen (``""`` when the choice is cleared)."""

    picked = Signal(str)
    found = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 open_only: bool = True, rows: int = 6, optional: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.open_only = open_only
        self.optional = optional
        self.item_id: str | None = None
        self.search = QLineEdit(objectName="itemSearch")
        self.search.setPlaceholderText(translate(
            "ItemChooser", "Item: title, a word of it, or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(objectName="itemResults")
        self.results.setMaximumHeight(8 + rows * self.results.fontMetrics().lineSpacing() * 3 // 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.lookup)
        self._generation = 0
        self.search.textEdited.connect(lambda _: self._timer.start())
        self.search.installEventFilter(self)
        self.results.currentItemChanged.connect(self._current_changed)
        self.results.itemActivated.connect(lambda _: self.search.setFocus())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self.results.count():  # type: ignore[attr-defined]
            self.results.setFocus()
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def lookup(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        status = "open_now" if self.open_only else None
        DeskQuery(self.ctx, self, lambda desk: desk.search_policies(text, status=status,
                                                                    limit=60)) \
            .success(lambda hits: self._show(generation, hits)).run()

    def _show(self, generation: int, hits: list[PolicyHit]) -> None:
        if generation != self._generation:
            return
        keep = self.item_id
        self.results.blockSignals(True)
        self.results.clear()
        if self.optional:
            none = QListWidgetItem(translate("ItemChooser", "(no particular item)"))
            none.setData(ItemIdRole, "")
            self.results.addItem(none)
        for hit in hits:
            when = f"  · {hit.closes}" if hit.closes and hit.status != "none" else ""
            entry = QListWidgetItem(f"{hit.title}{when}")
            entry.setData(ItemIdRole, hit.item_id)
            entry.setToolTip(f"{hit.item_id} · {hit.document_title} · {hit.issuer_name}")
            self.results.addItem(entry)
        self.results.blockSignals(False)
        self.select(keep, quiet=True) if keep else None
        self.found.emit(len(hits))

    def _current_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        item_id = current.data(ItemIdRole) if current is not None else None
        if item_id is None or item_id == (self.item_id or ""):
            return
        self.item_id = item_id or None
        self.picked.emit(item_id)

    def select(self, item_id: str | None, *, quiet: bool = False) -> bool:
        """Make ``item_id`` the choice if it is listed; True if it is."""
        for i in range(self.results.count()):
            if self.results.item(i).data(ItemIdRole) == (item_id or ""):
                if quiet:
                    self.results.blockSignals(True)
                self.results.setCurrentRow(i)
                self.results.blockSignals(False)
                self.item_id = item_id or None
                return True
        return False

    def preset(self, item_id: str, title: str) -> None:
        """Show ``item_id`` as the choice (from another screen), without a search."""
        self.search.setText(title)
        self._generation += 1
        self.results.clear()
        entry = QListWidgetItem(title)
        entry.setData(ItemIdRole, item_id)
        self.results.addItem(entry)
        self.item_id = None
        self.results.setCurrentRow(0)


class BatchCombo(QComboBox):
    """The chosen item's batches still open or upcoming; ``currentData()`` is the id."""

    batches_loaded = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("batchCombo")
        self.setMinimumWidth(320)
        self._generation = 0
        self.batches: list[dict[str, Any]] = []

    def load(self, item_id: str | None, prefer: str | None = None) -> None:
        self._generation += 1
        generation = self._generation
        self.clear()
        self.batches = []
        if not item_id:
            self.batches_loaded.emit(0)
            return
        DeskQuery(self.ctx, self, lambda desk: desk.open_batches(item_id)) \
            .success(lambda batches: self._show(generation, batches, prefer)).run()

    def _show(self, generation: int, batches: list[dict[str, Any]], prefer: str | None) -> None:
        if generation != self._generation:
            return
        self.batches = batches
        for b in batches:
            upcoming = b["status"] == "upcoming"
            text = f"{b['name']}（{b['opens']} – {b['closes']}）"
            if upcoming:
                text += " · " + translate("ItemChooser", "not yet open")
            self.addItem(text, b["id"])
        if prefer:
            index = self.findData(prefer)
            if index >= 0:
                self.setCurrentIndex(index)
        self.batches_loaded.emit(len(batches))

    def batch(self) -> dict[str, Any] | None:
        return next((b for b in self.batches if b["id"] == self.currentData()), None)


__all__ = ["BatchCombo", "ItemChooser"]
