"""The case list's model: the filter's cases in the desk's order (open ones first, the
nearest batch deadline first), fetched a page at a time on the desk's worker as the view
scrolls (Qt's ``canFetchMore`` / ``fetchMore``); the GUI thread never waits on SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from core.cases import OPEN_STATES, CaseState
from desktop.cases.common import (MUTED, STATE_COLOURS, amount_text, days_left_text,
                                  deadline_colour, state_name)
from desktop.context import AppContext
from sync.case_queries import CaseFilter, CaseRow
from sync.changes import Changes
from sync.codec import from_db_time

PAGE = 200
COLUMNS = ("enterprise", "item", "state", "deadline", "batch", "activity")
CaseIdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    loaded = Signal(int)          # the number of rows after a (re)load

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[CaseRow] = []
        self._more = False
        self._fetching = False
        self._filter = CaseFilter(open_only=True)
        self._generation = 0
        self._today = ctx.desk.today()

    # -- loading -----------------------------------------------------------------------

    @property
    def filter(self) -> CaseFilter:
        return self._filter

    def set_filter(self, f: CaseFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """The first page again (after a filter or a write moved the order)."""
        self._generation += 1
        generation, f, desk = self._generation, self._page(0), self._ctx.desk
        self._ctx.tasks.run_db(lambda: desk.cases(f), lambda fut: self._loaded(generation, fut))

    def _page(self, offset: int) -> CaseFilter:
        return dataclasses.replace(self._filter, limit=PAGE, offset=offset)

    def _loaded(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return        # a newer filter superseded this one
        rows = future.result()
        self.beginResetModel()
        self._rows, self._more, self._fetching = list(rows), len(rows) == PAGE, False
        self._today = self._ctx.desk.today()
        self.endResetModel()
        self.loaded.emit(len(self._rows))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, f, desk = self._generation, self._page(len(self._rows)), self._ctx.desk
        self._ctx.tasks.run_db(lambda: desk.cases(f), lambda fut: self._more_loaded(
            generation, fut))

    def _more_loaded(self, generation: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return
        rows = future.result()
        self._fetching = False
        self._more = len(rows) == PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def apply_changes(self, changes: Changes) -> None:
        """A case written (or a catalogue with new titles): the order may have moved."""
        if changes.cases or changes.catalogue or changes.enterprises:
            self.reload()

    # -- lookups -----------------------------------------------------------------------

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_case(self, case_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), None)

    def case_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return {"enterprise": self.tr("Enterprise"), "item": self.tr("Item"),
                "state": self.tr("State"), "deadline": self.tr("Deadline"),
                "batch": self.tr("Batch"), "activity": self.tr("Last activity")}[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == CaseIdRole:
            return row.id
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == "state":
            return QColor(STATE_COLOURS[CaseState(row.state)][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _open(self, row: CaseRow) -> bool:
        return CaseState(row.state) in OPEN_STATES

    def _display(self, row: CaseRow, column: str) -> str:
        if column == "enterprise":
            return row.enterprise_name
        if column == "item":
            return row.item_title
        if column == "batch":
            return row.batch_name
        if column == "state":
            text = state_name(row.state)
            if row.state == CaseState.REDEEMED and row.amount_redeemed is not None:
                text += f" · {amount_text(row.amount_redeemed)}"
            return text + (" ⟳" if row.pending else "")
        if column == "deadline":
            if not row.deadline:
                return ""
            if not self._open(row):
                return row.deadline
            return f"{row.deadline} ({days_left_text(row.deadline, self._today)})"
        moment = from_db_time(row.last_event_at or row.updated_at)
        if moment is None:
            return ""
        tz = self._ctx.desk.schedule.hours.tz
        return moment.astimezone(tz).strftime("%m-%d %H:%M")

    def _foreground(self, row: CaseRow, column: str) -> QColor | None:
        if column == "state":
            return QColor(STATE_COLOURS[CaseState(row.state)][0])
        if column == "deadline":
            return QColor(deadline_colour(row.deadline, self._today) if self._open(row)
                          else MUTED)
        if not self._open(row):
            return QColor(MUTED)
        return None

    def _tooltip(self, row: CaseRow, column: str) -> str | None:
        if column == "enterprise":
            return row.credit_code or None
        if column == "state" and row.pending:
            return self.tr("Not yet synced")
        return None

    def today(self) -> dt.date:
        return self._today


__all__ = ["COLUMNS", "CaseIdRole", "CaseTableModel", "RowRole"]
