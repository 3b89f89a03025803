"""Picking a handling unit (承办单位) from the directory.

The directory is the catalogue's, cached in ``Reference.units`` (no SQL on the GUI
thread). The clerk types part of a name, a short name or the pinyin initials
(``scjg`` finds 市市场监管局); the units the request's topic usually goes to come first,
then the offices of the request's town, then other units that handle the topic, then
the rest; while searching, the units whose name starts with what was typed come first.
Each row shows the unit's on-duty contact and phone for today.

Keyboard: type to narrow, Up/Down (or Page Up/Down) move the highlight without leaving
the search box; the highlighted unit is the one picked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (QAbstractTableModel, QEvent, QItemSelectionModel, QModelIndex,
                            QObject, QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView,
                               QVBoxLayout, QWidget)

from core.calendar import WorkCalendar
from core.textsearch import initials

if TYPE_CHECKING:
    from sync.catalogue_store import UnitRow

Index = QModelIndex | QPersistentModelIndex
UnitRole = Qt.ItemDataRole.UserRole + 1      # the UnitRow of a row
UnitIdRole = Qt.ItemDataRole.UserRole + 2


class Why(IntEnum):
    """Why a unit is listed where it is (lower sorts first)."""

    TOPIC = 0         # the topic's usual handling unit
    TOWN = 1          # an office of the request's town
    HANDLES = 2       # lists the topic among the ones it handles
    OTHER = 3


_KIND_ORDER = {"city_department": 0, "central_vertical": 1, "public_utility": 2,
               "town_office": 3}


@dataclass(frozen=True)
class Duty:
    name: str
    role: str
    phone: str
    mobile: str

    @property
    def phones(self) -> str:
        return " / ".join(p for p in (self.phone, self.mobile) if p)


def on_duty(unit: UnitRow, day: dt.date, calendar: WorkCalendar | None = None) -> Duty | None:
    """Who answers for ``unit`` on ``day``: on a working day anyone listed (weekday
    contacts first); on a day off only those on duty every day."""
    working = calendar.is_working(day) if calendar is not None else day.weekday() < 5
    contacts = [c for c in unit.duty if working or c.get("days") == "all"]
    if not contacts:
        return None
    contacts.sort(key=lambda c: 0 if c.get("days") == "weekdays" else 1)
    c = contacts[0]
    return Duty(str(c.get("name", "")), str(c.get("role", "")), str(c.get("phone", "")),
                str(c.get("mobile", "")))


def _core_name(name: str) -> str:
    """A unit's name without the city: 中山市市场监督管理局 → 市场监督管理局."""
    _, city, rest = name.partition("中山市")
    if city:
        return rest
    return name[1:] if name.startswith("市") and len(name) > 2 else name   # 市税务局 → 税务局


class _Searchable:
    """A unit with what the search box matches against, computed once."""

    __slots__ = ("unit", "keys", "starts")

    def __init__(self, unit: UnitRow):
        self.unit = unit
        self.keys = (unit.id.lower(), initials(unit.name), initials(unit.short))
        # where a clerk's initials usually start: the name after the city
        self.starts = (initials(_core_name(unit.name)), initials(_core_name(unit.short)))

    def match(self, needle: str) -> int | None:
        """How well ``needle`` matches: 0 by its characters or from the start of the name's
        initials (sw → 税务局), 1 inside them (sw in 市卫健局), None not at all."""
        if not needle:
            return 0
        if needle in self.unit.name or needle in self.unit.short:
            return 0
        lower = needle.lower().replace(" ", "")
        if not lower.isascii():
            return None
        if any(k.startswith(lower) for k in self.starts) or self.keys[0].startswith(lower):
            return 0
        return 1 if any(lower in k for k in self.keys) else None


def rank_units(units: Iterable[UnitRow], *, topic_units: Sequence[str] = (),
               topic: str | None = None, town: str | None = None
               ) -> list[tuple[UnitRow, Why]]:
    """The directory in the order a clerk wants it for this request."""
    usual = {uid: i for i, uid in enumerate(topic_units)}

    def why(u: UnitRow) -> Why:
        if u.id in usual:
            return Why.TOPIC
        if town and u.town == town:
            return Why.TOWN
        if topic and topic in u.data.get("topics", ()) and (u.town is None or u.town == town):
            return Why.HANDLES
        return Why.OTHER

    ranked = [(u, why(u)) for u in units]
    ranked.sort(key=lambda p: (p[1], usual.get(p[0].id, 0), _KIND_ORDER.get(p[0].kind, 9),
                               p[0].town or "", p[0].name))
    return ranked


class UnitTableModel(QAbstractTableModel):
    """The ranked, filtered directory: unit, on-duty contact, phone, why listed."""

    COLUMNS = ("unit", "duty", "phone", "why")

    def __init__(self, ranked: list[tuple[UnitRow, Why]], day: dt.date,
                 calendar: WorkCalendar | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._all = [(_Searchable(u), why) for u, why in ranked]
        self._day = day
        self._calendar = calendar
        self._duty: dict[str, Duty | None] = {}
        self._rows: list[tuple[UnitRow, Why]] = list(ranked)
        self._needle = ""

    # -- filtering ---------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        needle = text.strip()
        if needle == self._needle:
            return
        self.beginResetModel()
        self._needle = needle
        scored = [(q, i) for i, (s, _) in enumerate(self._all)
                  if (q := s.match(needle)) is not None]
        self._rows = [(self._all[i][0].unit, self._all[i][1]) for _, i in sorted(scored)]
        self.endResetModel()

    def unit_at(self, row: int) -> UnitRow | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, unit_id: str) -> int | None:
        for i, (u, _) in enumerate(self._rows):
            if u.id == unit_id:
                return i
        return None

    def duty(self, unit: UnitRow) -> Duty | None:
        if unit.id not in self._duty:
            self._duty[unit.id] = on_duty(unit, self._day, self._calendar)
        return self._duty[unit.id]

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {"unit": self.tr("Handling unit"), "duty": self.tr("On duty today"),
                "phone": self.tr("Phone"), "why": self.tr("Listed as")}[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.COLUMNS):
            return None
        unit, why = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == UnitRole:
            return unit
        if role == UnitIdRole:
            return unit.id
        if role == Qt.ItemDataRole.DisplayRole:
            duty = self.duty(unit)
            if column == "unit":
                return unit.name if not unit.short or unit.short == unit.name \
                    else f"{unit.name}（{unit.short}）"
            if column == "duty":
                return f"{duty.name}（{duty.role}）" if duty else self.tr("none today")
            if column == "phone":
                return duty.phones if duty else ""
            return self._why_text(why)
        if role == Qt.ItemDataRole.ForegroundRole and column == "why" and why is Why.TOPIC:
            return QColor("#1e7b34")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(unit)
        return None

    def _why_text(self, why: Why) -> str:
        return {Why.TOPIC: self.tr("Usual for this topic"), Why.TOWN: self.tr("Request's town"),
                Why.HANDLES: self.tr("Handles this topic"), Why.OTHER: ""}[why]

    def _tooltip(self, unit: UnitRow) -> str:
        lines = [unit.name]
        for c in unit.duty:
            days = self.tr("every day") if c.get("days") == "all" else self.tr("working days")
            phones = " / ".join(p for p in (c.get("phone"), c.get("mobile")) if p)
            lines.append(f"{c.get('name')}（{c.get('role')}，{days}）{phones}")
        if unit.data.get("address"):
            lines.append(unit.data["address"])
        if unit.data.get("office_hours"):
            lines.append(unit.data["office_hours"])
        return "\n".join(lines)


class UnitPicker(QWidget):
    """A search box over the ranked directory; the highlighted row is the picked unit."""

    current_changed = Signal(object)      # UnitRow or None
    activated = Signal(str)               # unit id: double-click

    def __init__(self, units: Iterable[UnitRow], *, topic: str | None = None,
                 topic_units: Sequence[str] = (), town: str | None = None,
                 exclude: Iterable[str] = (), day: dt.date | None = None,
                 calendar: WorkCalendar | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unitPicker")
        skip = set(exclude)
        ranked = rank_units([u for u in units if u.id not in skip], topic_units=topic_units,
                            topic=topic, town=town)
        self.model = UnitTableModel(ranked, day or dt.date.today(), calendar, self)
        self.search = QLineEdit(objectName="unitSearch")
        self.search.setPlaceholderText(
            self.tr("Search units: name, short name or pinyin initials (e.g. scjg)"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(objectName="unitTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(180)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.duty_label = QLabel(objectName="unitDuty")
        self.duty_label.setWordWrap(True)
        self.duty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.duty_label.setStyleSheet("color: #37474f;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.duty_label)
        self.setFocusProxy(self.search)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current())
        self.table.doubleClicked.connect(self._double_clicked)
        self._select_row(0)

    # -- the pick ----------------------------------------------------------------------

    def unit(self) -> UnitRow | None:
        index = self.table.currentIndex()
        return self.model.unit_at(index.row()) if index.isValid() else None

    def unit_id(self) -> str | None:
        unit = self.unit()
        return unit.id if unit else None

    def duty(self) -> Duty | None:
        unit = self.unit()
        return self.model.duty(unit) if unit else None

    def select(self, unit_id: str | None) -> bool:
        """Highlight ``unit_id`` (clearing the search if it hides it)."""
        if unit_id is None:
            return False
        row = self.model.row_of(unit_id)
        if row is None and self.search.text():
            self.search.clear()
            row = self.model.row_of(unit_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    # -- behaviour ---------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        keep = self.unit_id()
        self.model.set_filter(text)
        row = self.model.row_of(keep) if keep and not text.strip() else None
        self._select_row(row if row is not None else 0)

    def _select_row(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.table.setCurrentIndex(QModelIndex())
            self._current()
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self._current()

    def _current(self) -> None:
        unit = self.unit()
        if unit is None:
            self.duty_label.setText(self.tr("No unit matches; try fewer characters or the "
                                            "pinyin initials."))
        else:
            duty = self.model.duty(unit)
            who = (f"{duty.name}（{duty.role}）{duty.phones}" if duty
                   else self.tr("no one listed on duty today"))
            self.duty_label.setText(self.tr("Picked: %1 · on duty: %2")
                                    .replace("%1", unit.name).replace("%2", who))
        self.current_changed.emit(unit)

    def _double_clicked(self, index: QModelIndex) -> None:
        unit = self.model.unit_at(index.row())
        if unit is not None:
            self.activated.emit(unit.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8,
                    Qt.Key.Key_PageUp: -8}.get(key)
            if step is not None and self.model.rowCount():
                current = self.table.currentIndex()
                self._select_row((current.row() if current.isValid() else -1) + step)
                return True
        return super().eventFilter(watched, event)
