"""Where a profile value comes from, asked on every edit: 企业自述 (told by the
enterprise), 查验材料 (a document seen, naming which) or 中央登记库 (the central
register); nothing is preselected. Also the date editors the profile dialogs share.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QGroupBox, QHBoxLayout,
                               QRadioButton, QVBoxLayout, QWidget)

from core.catalogue import Catalogue
from desktop.policy.common import source_name
from desktop.policy.profile_fields import SOURCES_ORDER


class SourcePicker(QGroupBox):
    """企业自述 / 查验材料 (+ which material) / 中央登记库: required, nothing preselected."""

    changed = Signal()

    def __init__(self, materials: list[tuple[str, str, bool]], parent: QWidget | None = None):
        super().__init__(self.tr("Where does this come from?"), parent)
        self.setObjectName("sourcePicker")
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        for i, code in enumerate(SOURCES_ORDER, 1):
            button = QRadioButton(f"&{i} {source_name(code)}", objectName=f"source_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
            button.toggled.connect(lambda _on: self._toggled())
        row.addStretch(1)
        self.material = QComboBox(objectName="sourceMaterial")
        self.material.addItem(self.tr("Which material was seen?"), None)
        proving = [m for m in materials if m[2]]
        others = [m for m in materials if not m[2]]
        for mid, name, _ in proving:
            self.material.addItem(name, mid)
        if proving and others:
            self.material.insertSeparator(self.material.count())
        for mid, name, _ in others:
            self.material.addItem(name, mid)
        self.material.setEnabled(False)
        self.material.currentIndexChanged.connect(lambda _: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.material)

    def _toggled(self) -> None:
        self.material.setEnabled(self.source == "document")
        if self.source == "document" and self.material.currentData() is None:
            self.material.setFocus()
        self.changed.emit()

    @property
    def source(self) -> str | None:
        return next((code for code, b in self.buttons.items() if b.isChecked()), None)

    def set_source(self, source: str, material: str | None = None) -> None:
        self.buttons[source].setChecked(True)
        if material:
            self.material.setCurrentIndex(max(0, self.material.findData(material)))

    @property
    def material_id(self) -> str | None:
        return self.material.currentData() if self.source == "document" else None

    def problem(self) -> str | None:
        if self.source is None:
            return self.tr("Choose where the value comes from (Alt+1, Alt+2, Alt+3).")
        if self.source == "document" and not self.material_id:
            return self.tr("Name the material that was seen.")
        return None


def materials_for(catalogue: Catalogue | None, field: str) -> list[tuple[str, str, bool]]:
    """(id, name, proves the field) of every material, those proving it first."""
    if catalogue is None:
        return []
    out = [(m.id, m.name, field in m.proves) for m in catalogue.materials]
    return sorted(out, key=lambda m: not m[2])


def date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), objectName=name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())
