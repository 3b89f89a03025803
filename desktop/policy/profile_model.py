"""The profile table's model: one row per field (in ``FIELD_ORDER``) with its value,
source, date and note; a field not given yet shows "not given" in amber."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.enterprise import EnterpriseProfile
from desktop.policy.common import lang
from desktop.policy.profile_fields import (FIELD_ORDER, display_value, field_label, provenance,
                                           when_text)

Index = QModelIndex | QPersistentModelIndex
FieldRole = Qt.ItemDataRole.UserRole + 1


class ProfileModel(QAbstractTableModel):
    """One row per profile field (in ``FIELD_ORDER``): the field, its value, where it
    came from, when, and the note."""

    COLUMNS = 5

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._profile = EnterpriseProfile()
        self._towns: dict[str, str] = {}
        self._materials: dict[str, str] = {}
        self._today = dt.date.today()

    def set_profile(self, profile: EnterpriseProfile, *, towns: Mapping[str, str] | None = None,
                    materials: Mapping[str, str] | None = None,
                    today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._profile = profile
        if towns is not None:
            self._towns = dict(towns)
        if materials is not None:
            self._materials = dict(materials)
        if today is not None:
            self._today = today
        self.endResetModel()

    @property
    def profile(self) -> EnterpriseProfile:
        return self._profile

    def field_at(self, row: int) -> str | None:
        return FIELD_ORDER[row] if 0 <= row < len(FIELD_ORDER) else None

    def row_of(self, name: str) -> int:
        return FIELD_ORDER.index(name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(FIELD_ORDER)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.COLUMNS:
            return (self.tr("Field"), self.tr("Value"), self.tr("Source"), self.tr("As of"),
                    self.tr("Note"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(FIELD_ORDER) \
                or not 0 <= index.column() < self.COLUMNS:
            return None
        name = FIELD_ORDER[index.row()]
        fact = self._profile.fact(name)
        col = index.column()
        if role == FieldRole:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return field_label(name)
            if fact is None:
                return self.tr("not given") if col == 1 else ""
            return (display_value(name, fact, self._towns, self._today),
                    provenance(fact, self._materials), when_text(name, fact), fact.note)[col - 1]
        if role == Qt.ItemDataRole.ForegroundRole:
            if fact is None and col == 1:
                return QColor("#8a5a00")
            if col in (0, 2, 3, 4):
                return QColor("#5f6b63") if col != 0 else None
        if role == Qt.ItemDataRole.ToolTipRole and fact is not None and col in (1, 2, 3):
            return fact.provenance(lang(), self._materials)
        return None
