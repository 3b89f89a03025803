"""The request list's filter bar, its two-stage search, and the views' counts.

* ``FilterBar``: town, handling unit, type, status, channel and a date range, one
  compact row above the list; each narrows the list at once (the dates after a pause,
  so typing a date does not query on every digit). Esc in a box clears it;
  Ctrl+Shift+F jumps to the bar.
* ``SearchingRequestModel``: the list model with the search box's two stages. The
  indexes (and an in-memory copy of the unindexed type / channel / supervised columns
  and of the numbers and phones: ``sync.list_search.ListColumns``) answer first
  (``Desk.request_ids_quick``) and those rows show at once; then the complete
  scan (descriptions too: ``Desk.request_ids_full``) runs and the requests it adds are
  appended below, in deadline order among themselves. A newer filter cancels a scan
  still running (SQLite's progress handler interrupts it), so a stale scan never holds
  up the desk's worker.
* ``ViewCounts``: how many requests each view holds under the filter bar, counted on
  the desk's worker after the list has loaded (cancelled, too, by a newer request).
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QCompleter, QDateEdit, QHBoxLayout, QLabel,
                               QToolButton, QWidget)

from desktop.context import AppContext, Reference
from desktop.labels import choices
from desktop.models.requests import BLOCK, RequestTableModel
from sync.cancel import CancelToken, Cancelled
from sync.list_types import RequestFilter, View

log = logging.getLogger(__name__)
NO_DATE = QDate(2000, 1, 1)      # the date boxes' "any date" (their minimum)
DATE_DELAY_MS = 350


class FilterBar(QWidget):
    """Town, unit, type, status, channel, from, to — and a button clearing them all."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("filterBar")
        self.town = self._combo("filter_town", self.tr("All towns"), [])
        self.unit = self._combo("filter_unit", self.tr("All units"), [])
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.unit.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.unit.lineEdit().setPlaceholderText(self.tr("All units"))
        self.unit.lineEdit().editingFinished.connect(self._unit_typed)
        self.unit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(12)
        self.unit.view().setMinimumWidth(320)       # the popup shows whole names
        self.type = self._combo("filter_type", self.tr("All types"), choices("type"))
        self.status = self._combo("filter_status", self.tr("All statuses"), choices("status"))
        self.channel = self._combo("filter_channel", self.tr("All channels"), choices("channel"))
        self.date_from = self._date("filter_from", self.tr("Taken from"))
        self.date_to = self._date("filter_to", self.tr("Taken to"))
        self.clear_button = QToolButton(objectName="filter_clear")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show every request of the view again"))
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(4)
        for w in (self.town, self.unit, self.type, self.status, self.channel):
            layout.addWidget(w)
        layout.addWidget(QLabel(self.tr("Taken")))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

        self._date_timer = QTimer(self, singleShot=True, interval=DATE_DELAY_MS)
        self._date_timer.timeout.connect(self._emit)
        for box in (self.town, self.unit, self.type, self.status, self.channel):
            box.currentIndexChanged.connect(lambda _: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self._date_timer.start())
        self._quiet = False
        self.set_reference(ctx.reference)
        self._mark_active()
        focus = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        focus.setContext(Qt.ShortcutContext.WindowShortcut)
        focus.activated.connect(lambda: self.town.setFocus())

    # -- building --------------------------------------------------------------------------

    def _combo(self, name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(objectName=name)
        box.addItem(everything, None)
        self._fill(box, items)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.setToolTip(everything)
        box.installEventFilter(self)
        return box

    @staticmethod
    def _fill(box: QComboBox, items: list[tuple[str, str]]) -> None:
        while box.count() > 1:             # the first entry is "all"
            box.removeItem(box.count() - 1)
        for code, text in items:
            box.addItem(text, code)

    def set_reference(self, ref: Reference) -> None:
        """Offer the catalogue's towns and units (at start-up they arrive once the desk
        is open; later with each new catalogue), keeping what is chosen where it still
        exists."""
        before = self.values()
        self._quiet = True
        try:
            for box, items in ((self.town, [(t.code, t.short or t.name) for t in ref.towns]),
                               (self.unit, [(u.id, u.name) for u in ref.units])):
                chosen = box.currentData()
                self._fill(box, items)
                box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
        finally:
            self._quiet = False
        if self.values() != before:        # a chosen town or unit left the catalogue
            self._emit()

    def _date(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.setToolTip(tip)
        edit.installEventFilter(self)
        return edit

    # -- values ----------------------------------------------------------------------------

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        date = edit.date()
        return None if date <= NO_DATE else dt.date(date.year(), date.month(), date.day())

    def values(self) -> dict[str, Any]:
        """The filter's fields this bar sets (``None``: not filtered)."""
        return {"town": self.town.currentData(), "unit_id": self.unit.currentData(),
                "type": self.type.currentData(), "status": self.status.currentData(),
                "channel": self.channel.currentData(),
                "created_from": self._day(self.date_from), "created_to": self._day(self.date_to)}

    def apply(self, f: RequestFilter) -> RequestFilter:
        from dataclasses import replace

        return replace(f, **self.values())

    @property
    def active(self) -> int:
        return sum(v is not None for v in self.values().values())

    def set_values(self, **values: Any) -> None:
        """Set several boxes at once (one change signal); names as in ``values()``."""
        self._quiet = True
        try:
            boxes = {"town": self.town, "unit_id": self.unit, "type": self.type,
                     "status": self.status, "channel": self.channel}
            for name, value in values.items():
                if name in boxes:
                    box = boxes[name]
                    box.setCurrentIndex(max(0, box.findData(value)) if value else 0)
                elif name in ("created_from", "created_to"):
                    edit = self.date_from if name == "created_from" else self.date_to
                    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
                else:
                    raise KeyError(name)
        finally:
            self._quiet = False
        self._date_timer.stop()
        self._emit()

    def clear(self) -> None:
        self.set_values(town=None, unit_id=None, type=None, status=None, channel=None,
                        created_from=None, created_to=None)

    def _emit(self) -> None:
        if self._quiet:
            return
        self._date_timer.stop()
        self._mark_active()
        self.changed.emit()

    def _mark_active(self) -> None:
        values = self.values()
        for name, widget in (("town", self.town), ("unit_id", self.unit), ("type", self.type),
                             ("status", self.status), ("channel", self.channel),
                             ("created_from", self.date_from), ("created_to", self.date_to)):
            widget.setProperty("active", values[name] is not None)
            widget.setStyleSheet("font-weight: bold;" if values[name] is not None else "")
        self.clear_button.setEnabled(any(v is not None for v in values.values()))

    def _unit_typed(self) -> None:
        """The unit box was typed into: the unit whose name it names, or all units."""
        text = self.unit.lineEdit().text().strip()
        if not text:
            self.unit.setCurrentIndex(0)
            return
        i = self.unit.findText(text, Qt.MatchFlag.MatchExactly)
        if i < 0:
            i = self.unit.findText(text, Qt.MatchFlag.MatchContains)
        if i >= 0:
            self.unit.setCurrentIndex(i)
        self.unit.lineEdit().setText(self.unit.currentText() if self.unit.currentIndex() else "")

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            if isinstance(watched, QComboBox) and watched.currentIndex() > 0 \
                    and not watched.view().isVisible():
                watched.setCurrentIndex(0)
                return True
            if isinstance(watched, QDateEdit) and watched.date() > NO_DATE:
                watched.setDate(NO_DATE)
                return True
        return super().eventFilter(watched, event)


class SearchingRequestModel(RequestTableModel):
    """The request list, searching in two stages (see the module docstring)."""

    scan_started = Signal()                # the description scan began
    scan_finished = Signal(int, int)       # rows now, rows the scan added

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(ctx, parent)
        self._scan: CancelToken | None = None
        self.scanning = False
        self.loaded.connect(self._warm_soon)

    def _warm_soon(self) -> None:
        """After a write the in-memory columns are rebuilt now, not at the next filter
        change; but only once the list is on screen (from the event loop's next turn,
        after the repaint), so the rebuild never delays the page the clerk waits for."""
        QTimer.singleShot(0, self, self._warm)

    def _warm(self) -> None:
        ctx = self._ctx       # the desk is looked up on the worker (it may be opening)
        ctx.tasks.run_db(lambda: ctx.desk.warm_list_columns(), read=True)

    def reload(self) -> None:
        if self._scan is not None:
            self._scan.cancel()
            self._scan = None
        f = self._filter
        self._generation += 1
        generation, ctx = self._generation, self._ctx
        if self._take_first_page(generation):
            self.scanning = False
            return

        first: list[int] = []      # the quick keys, for the scan (same worker, after it)

        def quick() -> tuple[list[int], dict[int, Any]]:
            desk = ctx.desk
            ids = desk.request_ids_quick(f)
            first.extend(ids)
            return ids, desk.request_rows(ids[:BLOCK])

        def scan(token: CancelToken) -> tuple[list[int], dict[int, Any]]:
            desk = ctx.desk
            have = set(first)
            extra = [pk for pk in desk.request_ids_full(f, token) if pk not in have]
            return extra, desk.request_rows(extra[:BLOCK])

        self._ctx.tasks.run_db(quick, lambda fut: self._loaded(generation, fut), read=True)
        if f.text.strip():
            token = self._scan = CancelToken()
            self.scanning = True
            self.scan_started.emit()
            self._ctx.tasks.run_db(lambda: scan(token),
                                   lambda fut: self._scanned(generation, token, fut), read=True)
        else:
            self.scanning = False

    def _scanned(self, generation: int, token: CancelToken, future: Future[Any]) -> None:
        if token is self._scan:
            self._scan = None
        if generation != self._generation or token.cancelled:
            return
        self.scanning = False
        if future.cancelled():
            return
        try:
            found, rows = future.result()
        except Cancelled:
            return
        except Exception:  # noqa: BLE001 - the quick matches stay on screen
            log.exception("the description scan failed")
            self.scan_finished.emit(len(self._ids), 0)
            return
        have = set(self._ids)
        extra = [pk for pk in found if pk not in have]
        self._rows.update(rows)
        if extra:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(extra) - 1)
            self._ids.extend(extra)
            self.endInsertRows()
        self.scan_finished.emit(len(self._ids), len(extra))


class ViewCounts(QObject):
    """The views' counts under the filter bar's filters, counted in the background."""

    counted = Signal(object)          # {View: count}

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._token: CancelToken | None = None
        self.counts: dict[View, int] = {}

    def refresh(self, f: RequestFilter) -> None:
        if self._token is not None:
            self._token.cancel()
        token = self._token = CancelToken()
        ctx = self.ctx
        self.ctx.tasks.run_db(lambda: ctx.desk.view_counts(f, tuple(View), token),
                              lambda fut: self._done(token, fut), read=True)

    def _done(self, token: CancelToken, future: Future[Any]) -> None:
        if token is not self._token or token.cancelled:
            return
        self._token = None
        if future.cancelled():
            return
        try:
            self.counts = future.result()
        except Cancelled:
            return
        except Exception:  # noqa: BLE001 - counts are a convenience; the list still works
            log.exception("counting the views failed")
            return
        self.counted.emit(self.counts)


def view_text(name: str, count: int | None) -> str:
    """A view's entry in the left list: its name and, once counted, its count."""
    return name if count is None else f"{name}  {count:,}"
