"""The matching result as a tree: three groups (符合 / 可能符合 / 不符合), each with its
items ranked, filtered by batch status, theme and title (or pinyin initials) without
matching again. Columns: the item, the amount, the batch it was judged by, that batch's
reference date, and why (or what is missing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.textsearch import initials
from desktop.policy.common import (OUTCOME_COLOURS, OUTCOMES, STATUS_COLOURS, outcome_name,
                                   stacking_name, status_name, window_text)
from sync.desk_matching import EnterpriseMatch, MatchLine

Index = QModelIndex | QPersistentModelIndex
LineRole = Qt.ItemDataRole.UserRole + 1
OutcomeRole = Qt.ItemDataRole.UserRole + 2
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
    def result(self) -> EnterpriseMatch | None:
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
