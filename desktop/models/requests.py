"""The request list's model: it holds the filter's ordered keys and fetches rows lazily,
a block at a time on the desk's worker (as Anki's browser table model holds ids).

A row not fetched yet shows a placeholder for the moment its block takes to arrive; the
GUI thread never waits on SQL. The first load may come from the start-up snapshot
(``AppContext.first_page``), delivered from the event loop like a worker's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from concurrent.futures import Future
from typing import Any

import orjson
from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt,
                            QTimer, Signal)

from core.deadlines import Light, light
from core.identifiers import mask_phone
from desktop.context import AppContext
from desktop.labels import label
from sync.changes import Changes
from sync.codec import from_db_time
from sync.list_types import RequestFilter, RequestRow

BLOCK = 100
PLACEHOLDER = "…"
ClockRole = Qt.ItemDataRole.UserRole + 1     # a ClockCell for the countdown columns
RowRole = Qt.ItemDataRole.UserRole + 2       # the RequestRow (or None while loading)
TicketIdRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class ClockCell:
    """What a countdown cell shows: colour, business seconds left, the due moment."""

    __slots__ = ("kind", "light", "left", "due", "provisional")

    def __init__(self, kind: str, light_: Light | None, left: float,
                 due: dt.datetime | None, provisional: bool):
        self.kind, self.light, self.left, self.due = kind, light_, left, due
        self.provisional = provisional


# The clocks sit beside the status: they are what a clerk watches.
COLUMNS = ("number", "enterprise", "status", "contact", "interim", "close", "type", "topic",
           "unit", "created")
CLOCK_COLUMNS = {name: COLUMNS.index(name) for name in ("contact", "interim", "close")}
_DISPATCHED_STATUSES = {"dispatched", "following", "resolved", "closed"}


class RequestTableModel(QAbstractTableModel):
    loaded = Signal(int)          # the number of rows after a (re)load

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(parent)
        self._ctx = ctx
        self._ids: list[int] = []
        self._rows: dict[int, RequestRow] = {}
        self._loading: set[int] = set()
        self._filter = RequestFilter()
        self._generation = 0
        self._now = ctx.desk.clock()

    # -- loading -----------------------------------------------------------------------

    @property
    def filter(self) -> RequestFilter:
        return self._filter

    def set_filter(self, f: RequestFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """Fetch the filter's keys and the first block in one background read."""
        self._generation += 1
        generation, f, ctx = self._generation, self._filter, self._ctx
        if self._take_first_page(generation):
            return

        def work() -> tuple[list[int], dict[int, RequestRow]]:
            desk = ctx.desk
            ids = desk.request_ids(f)
            return ids, desk.request_rows(ids[:BLOCK])

        self._ctx.tasks.run_db(work, lambda fut: self._loaded(generation, fut), read=True)

    def _take_first_page(self, generation: int) -> bool:
        """Show the start-up snapshot's page if it answers this filter (once): from the
        event loop's next turn, as a worker's result would arrive."""
        first, self._ctx.first_page = self._ctx.first_page, None
        if first is None or first[0] != self._filter:
            return False
        _, ids, rows = first
        QTimer.singleShot(0, self, lambda: self._show_loaded(generation, ids, rows))
        return True

    def _loaded(self, generation: int, future: Future[Any]) -> None:
        ids, rows = future.result()
        self._show_loaded(generation, ids, rows)

    def _show_loaded(self, generation: int, ids: list[int], rows: dict[int, RequestRow]) -> None:
        if generation != self._generation:
            return   # a newer filter superseded this one
        self.beginResetModel()
        self._ids, self._rows, self._loading = ids, rows, set()
        self._now = self._ctx.desk.clock()
        self.endResetModel()
        self.loaded.emit(len(ids))

    def _fetch_block(self, block: int) -> None:
        if block in self._loading:
            return
        self._loading.add(block)
        generation, ctx = self._generation, self._ctx
        pks = self._ids[block * BLOCK:(block + 1) * BLOCK]
        self._ctx.tasks.run_db(lambda: ctx.desk.request_rows(pks),
                               lambda fut: self._block_loaded(generation, block, fut), read=True)

    def _block_loaded(self, generation: int, block: int, future: Future[Any]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(block)
        self._rows.update(future.result())
        first = block * BLOCK
        last = min(first + BLOCK, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def apply_changes(self, changes: Changes) -> None:
        """Redraw after a write: the order may have moved, so the keys are fetched again."""
        if changes.all_tickets or changes.tickets:
            stale = [pk for pk, row in self._rows.items() if changes.touches_ticket(row.id)]
            for pk in stale:
                del self._rows[pk]
            self.reload()

    def refresh_names(self) -> None:
        """Redraw the cells that show reference names (a catalogue arrived); the rows and
        their order are unchanged, so nothing is read again."""
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole])

    def tick(self, now: dt.datetime) -> None:
        """Move the countdowns on (the clock columns only)."""
        self._now = now
        if self._ids:
            first, last = min(CLOCK_COLUMNS.values()), max(CLOCK_COLUMNS.values())
            self.dataChanged.emit(self.index(0, first), self.index(len(self._ids) - 1, last),
                                  [Qt.ItemDataRole.DisplayRole, ClockRole])

    # -- lookups -----------------------------------------------------------------------

    def row_at(self, row: int) -> RequestRow | None:
        if 0 <= row < len(self._ids):
            return self._rows.get(self._ids[row])
        return None

    def row_of_ticket(self, ticket_id: str) -> int | None:
        for pk, r in self._rows.items():
            if r.id == ticket_id:
                try:
                    return self._ids.index(pk)
                except ValueError:
                    return None
        return None

    def ids(self) -> list[int]:
        return list(self._ids)

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return {
            "number": self.tr("No."), "created": self.tr("Taken"),
            "enterprise": self.tr("Enterprise"), "type": self.tr("Type"),
            "topic": self.tr("Topic"), "status": self.tr("Status"),
            "unit": self.tr("Handling unit"), "contact": self.tr("Contact"),
            "interim": self.tr("Interim reply"), "close": self.tr("Close"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        pk = self._ids[index.row()]
        row = self._rows.get(pk)
        if row is None:
            self._fetch_block(index.row() // BLOCK)
            if role == Qt.ItemDataRole.DisplayRole:
                return PLACEHOLDER
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ClockRole and column in CLOCK_COLUMNS:
            return self._clock(row, column)
        if role == RowRole:
            return row
        if role == TicketIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: RequestRow, column: str) -> str:
        ctx = self._ctx
        if column == "number":
            return row.display_number
        if column == "created":
            moment = from_db_time(row.created_at)
            assert moment is not None
            return moment.astimezone(ctx.desk.schedule.hours.tz).strftime("%m-%d %H:%M")
        if column == "enterprise":
            return row.enterprise_name
        if column == "type":
            return label("type", row.type)
        if column == "topic":
            from desktop.i18n import current_language
            return ctx.reference.topic_name(row.topic, current_language())
        if column == "status":
            return label("status", row.status)
        if column == "unit":
            return row.unit_name or ""
        cell = self._clock(row, column)
        if cell is None:
            return ""
        from desktop.widgets.countdown import cell_text
        return cell_text(cell, ctx.desk.schedule.hours.seconds_per_day)

    def _clock(self, row: RequestRow, column: str) -> ClockCell | None:
        """The running clock of the column (the close column shows the next-feedback
        clock once the request follows to the end); a tick once it stopped."""
        kinds = ("close", "follow") if column == "close" else (column,)
        for kind, start, due, provisional in _clocks(row.clocks):
            if kind in kinds:
                started, due_at = from_db_time(start), from_db_time(due)
                assert started is not None and due_at is not None
                colour, left = light(self._ctx.desk.schedule, started, due_at, None, self._now)
                return ClockCell(kind, colour, left, due_at, bool(provisional))
        if row.unit_name and row.status in _DISPATCHED_STATUSES:
            return ClockCell(column, Light.MET, 0.0, None, False)
        return None

    def _tooltip(self, row: RequestRow, column: str) -> str | None:
        if column == "contact" and row.contact_name:
            return f"{row.contact_name} {mask_phone(row.contact_phone)}"
        if column in CLOCK_COLUMNS:
            cell = self._clock(row, column)
            if cell is not None and cell.due is not None:
                due = cell.due.astimezone(self._ctx.desk.schedule.hours.tz)
                text = self.tr("Due %1").replace("%1", due.strftime("%Y-%m-%d %H:%M"))
                if cell.provisional:
                    text += " · " + self.tr("provisional: next year's calendar is not published")
                return text
        return None


def _clocks(raw: str) -> Iterable[list[Any]]:
    return orjson.loads(raw) if raw and raw != "[]" else ()
