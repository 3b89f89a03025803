"""Editing one profile field: the value (by the field's type: a GB/T 4754-2017 picker
for the industry, the town read from the address, a date, a level, a number), its
source and its date (an annual figure's year). A bad value is refused with what is
wrong and Save stays disabled; for the fields the scale reads, the scale with the value
typed is shown live.

Keyboard: Alt+1/2/3 choose the source; Enter or Ctrl+Enter saves; Esc cancels.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDoubleValidator, QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from core.catalogue import TAX_CREDIT_LEVELS, Catalogue
from core.enterprise import NUMBER_RANGES  # the core's own bounds, not a copy
from core.enterprise import (ANNUAL, FIELD_LABELS, FIELD_TYPES, EnterpriseProfile, Fact,
                             ProfileError, town_from)
from core.identifiers import AUTHORITIES, check_credit_code, region_label
from core.scale import classify, normalize_industry
from desktop.policy.common import esc, lang
from desktop.policy.industry import IndustryPicker
from desktop.policy.profile_fields import SCALE_FIELDS, display_value, field_label, scale_summary
from desktop.policy.source_picker import SourcePicker, date_edit, materials_for, pydate
from sync.case_queries import EnterpriseRow


class FieldDialog(QDialog):
    """Edit one profile field: its value, its source and its date. ``fact`` is the result
    (None with ``cleared`` when the navigator clears the field)."""

    def __init__(self, field: str, *, profile: EnterpriseProfile, enterprise: EnterpriseRow | None,
                 catalogue: Catalogue | None, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldDialog")
        self.field, self.profile, self.enterprise = field, profile, enterprise
        self.catalogue, self.today = catalogue, today
        self.kind = FIELD_TYPES[field]
        self.fact: Fact | None = None
        self.cleared = False
        current = profile.fact(field)
        self.setWindowTitle(self.tr("Profile: %1").replace("%1", field_label(field, False)))
        form = QFormLayout()
        self.value_widget = self._value_editor(current)
        form.addRow(field_label(field), self.value_widget)
        self.source = SourcePicker(materials_for(catalogue, field), self)
        if field in ANNUAL:
            self.year = QSpinBox(objectName="yearEdit")
            self.year.setRange(2000, today.year)
            self.year.setValue(current.as_of.year if current else today.year - 1)
            self.year.setSuffix(self.tr(" (fiscal year)"))
            form.addRow(self.tr("Figure for"), self.year)
            self.as_of = None
        else:
            self.year = None
            self.as_of = date_edit(today, "asOfEdit")
            self.as_of.setMaximumDate(QDate(today.year, today.month, today.day))
            form.addRow(self.tr("Seen on"), self.as_of)
        self.note = QLineEdit(objectName="noteEdit")
        self.note.setPlaceholderText(self.tr("Optional, e.g. 含劳务派遣8人"))
        form.addRow(self.tr("Note"), self.note)
        self.was = QLabel(objectName="currentValue")
        self.was.setWordWrap(True)
        if current is not None:
            self.was.setText(self.tr("Now: %1 (%2)").replace(
                "%1", display_value(field, current, self._towns(), today)).replace(
                "%2", current.provenance(lang(), self._material_names())))
        else:
            self.was.setText(self.tr("Not given yet."))
        self.was.setStyleSheet("color: #5f6b63;")
        self.live = QLabel(objectName="liveScale")
        self.live.setWordWrap(True)
        self.live.setTextFormat(Qt.TextFormat.RichText)
        self.error = QLabel(objectName="fieldError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveField")
        self.save_button.setDefault(True)
        self.clear_button = buttons.addButton(self.tr("Clear this field"),
                                              QDialogButtonBox.ButtonRole.DestructiveRole)
        self.clear_button.setObjectName("clearField")
        self.clear_button.setEnabled(current is not None)
        self.clear_button.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._save)
        self.clear_button.clicked.connect(self._clear)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.was)
        layout.addLayout(form)
        layout.addWidget(self.source)
        layout.addWidget(self.live)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.source.changed.connect(self._update)
        self._update()
        self.resize(560, 0)
        # the value first: the source and the date come after it in the tab order
        (self.address if self.kind == "town" else self.value_widget).setFocus()

    # -- the value editor, by type ---------------------------------------------------

    def _towns(self) -> dict[str, str]:
        return {t.code: t.name for t in self.catalogue.towns} if self.catalogue else {}

    def _material_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.catalogue.materials} if self.catalogue else {}

    def _value_editor(self, current: Fact | None) -> QWidget:
        kind, v = self.kind, current.value if current else None
        if kind == "industry":
            self.picker = IndustryPicker(v, self)
            self.picker.changed.connect(lambda _c: self._update())
            self.picker.accepted.connect(lambda _c: self._save())
            return self.picker
        if kind == "town":
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            self.address = QLineEdit(objectName="addressEdit")
            self.address.setPlaceholderText(self.tr("Registered address, e.g. 中山市小榄镇工业大道…"))
            self.town_combo = QComboBox(objectName="townCombo")
            self.town_combo.addItem(self.tr("Choose the town"), None)
            for t in (self.catalogue.towns if self.catalogue else ()):
                if t.kind != "city":
                    self.town_combo.addItem(t.name, t.code)
            start = v or (self.enterprise.town if self.enterprise else None)
            if start:
                self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(start)))
            self.town_hint = QLabel(objectName="townHint")
            self.town_hint.setWordWrap(True)
            self.town_hint.setStyleSheet("color: #5f6b63;")
            lay.addWidget(self.address)
            lay.addWidget(self.town_combo)
            lay.addWidget(self.town_hint)
            self.address.textChanged.connect(self._address_changed)
            self.town_combo.currentIndexChanged.connect(lambda _: self._update())
            return box
        if kind == "date":
            edit = date_edit(v or self.today, "valueEdit")
            edit.dateChanged.connect(lambda _d: self._update())
            return edit
        if kind in ("level", "bool"):
            combo = QComboBox(objectName="valueEdit")
            combo.addItem(self.tr("Choose"), None)
            if kind == "level":
                for level in reversed(TAX_CREDIT_LEVELS):
                    combo.addItem(self.tr("Level %1").replace("%1", level), level)
            else:
                combo.addItem(self.tr("No"), False)
                combo.addItem(self.tr("Yes"), True)
            if v is not None:
                combo.setCurrentIndex(max(0, combo.findData(v)))
            combo.currentIndexChanged.connect(lambda _: self._update())
            return combo
        if kind == "entity_type":
            combo = QComboBox(objectName="valueEdit")
            combo.setEditable(True)
            for code in ("91", "92", "93", "99"):
                auth = AUTHORITIES.get(code[0])
                name = auth.types.get(code[1])[0] if auth and auth.types.get(code[1]) else code
                combo.addItem(f"{code} {name}", code)
            code = v or (self.enterprise.entity_type if self.enterprise else None) or (
                (self.profile.value("credit_code") or "")[:2])
            if code:
                index = combo.findData(code)
                if index >= 0:
                    combo.setCurrentIndex(index)
                else:
                    combo.setEditText(code)
            combo.editTextChanged.connect(lambda _: self._update())
            combo.currentIndexChanged.connect(lambda _: self._update())
            return combo
        edit = QLineEdit(objectName="valueEdit")
        if kind == "int":
            edit.setValidator(QIntValidator(0, 10_000_000, edit))
        elif kind == "number":
            validator = QDoubleValidator(float(self._range()[0]), 1e12, 4, edit)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            edit.setValidator(validator)
        if v is not None:
            edit.setText(str(v) if not isinstance(v, float) or not v.is_integer() else str(int(v)))
        if kind in ("int", "number"):
            unit = FIELD_LABELS[self.field][2]
            if unit:
                edit.setPlaceholderText(unit)
        edit.textChanged.connect(lambda _: self._update())
        return edit

    def _address_changed(self, text: str) -> None:
        code = (self.profile.value("credit_code")
                or (self.enterprise.credit_code if self.enterprise else None) or "")
        region = code[2:8] if len(code) >= 8 else None
        towns = self.catalogue.towns if self.catalogue else ()
        found = town_from(region, text, towns)
        where = region_label(region) if region else None
        if region and found is None and not region.startswith("4420"):
            self.town_hint.setText(self.tr("The credit code's region %1 (%2) is not Zhongshan.")
                                   .replace("%1", region).replace("%2", where or ""))
        elif found:
            self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(found)))
            name = self.town_combo.currentText()
            self.town_hint.setText(self.tr("The address says %1 (every town of Zhongshan shares region code 442000, so the address decides).").replace("%1", name))
            if not self.note.text() or self.note.property("auto"):
                self.note.setText(self.tr("Address: %1").replace("%1", text.strip()))
                self.note.setProperty("auto", True)
        else:
            self.town_hint.setText(self.tr("No town found in the address yet.") if text.strip()
                                   else "")
        self._update()

    def value(self) -> Any:
        """The value typed, parsed; raises ValueError with what is wrong."""
        kind, w = self.kind, self.value_widget
        if kind == "industry":
            if not self.picker.code:
                raise ValueError(self.tr("Type or pick a GB/T 4754-2017 code."))
            return self.picker.code
        if kind == "town":
            code = self.town_combo.currentData()
            if not code:
                raise ValueError(self.tr("Choose the town (or type the address)."))
            return code
        if kind == "date":
            return pydate(w)
        if kind in ("level", "bool"):
            v = w.currentData()
            if v is None:
                raise ValueError(self.tr("Choose a value."))
            return v
        if kind == "entity_type":
            text = w.currentText().strip().upper()[:2]
            if len(text) != 2:
                raise ValueError(self.tr("Two characters, the credit code's first two (91: enterprise)."))
            return text
        text = w.text().strip().replace(",", "")
        if not text:
            raise ValueError(self.tr("Type the value."))
        if kind == "int":
            return int(text)
        if kind == "number":
            return self._number(text)
        if kind == "credit_code":
            check = check_credit_code(text)
            if not check.ok:
                raise ValueError(check.problems[0].message_zh if lang() == "zh"
                                 else check.problems[0].message_en)
            return check.code
        return text

    def _range(self) -> tuple[float, float]:
        """The field's bounds as the core checks them (a percentage within 0-100 …)."""
        return NUMBER_RANGES.get(self.field, (0, math.inf))

    def _number(self, text: str) -> float | int:
        try:
            number = float(text)
        except ValueError:
            raise ValueError(self.tr("Type a number.")) from None
        lo, hi = self._range()
        if not lo <= number <= hi:
            what = field_label(self.field)
            raise ValueError(
                self.tr("%1 must be between %2 and %3.").replace("%3", f"{hi:g}")
                .replace("%2", f"{lo:g}").replace("%1", what) if hi != math.inf else
                self.tr("%1 cannot be below %2.").replace("%2", f"{lo:g}").replace("%1", what))
        return int(number) if number.is_integer() else number

    def _as_of(self) -> dt.date:
        if self.year is not None:
            return dt.date(self.year.value(), 12, 31)
        assert self.as_of is not None
        return pydate(self.as_of)

    def build(self) -> Fact:
        """The fact as entered; raises ValueError / ProfileError with what is wrong."""
        value = self.value()
        problem = self.source.problem()
        if problem:
            raise ValueError(problem)
        source = self.source.source
        assert source is not None
        fact = Fact(value, source, self._as_of(), self.note.text().strip(),
                    self.source.material_id)
        EnterpriseProfile(**{self.field: fact})        # the field's own checks
        return fact

    def _update(self) -> None:
        try:
            self.build()
            self.error.setText("")
            ok = True
        except (ValueError, ProfileError) as exc:
            self.error.setText(str(exc))
            ok = False
        self.save_button.setEnabled(ok)
        if self.field in SCALE_FIELDS:
            self._live_scale()

    def _live_scale(self) -> None:
        v = {k: self.profile.value(k) for k in SCALE_FIELDS}
        try:
            v[self.field] = self.value()
        except ValueError:
            pass
        code = normalize_industry(v["industry"]) if v["industry"] else None
        result = classify(code, v["employees"], v["revenue"], v["assets"])
        summary = scale_summary(result, v["employees"], v["revenue"], v["assets"])
        title = self.tr("Scale with this value (工信部联企业〔2011〕300号):")
        self.live.setText(f"<b>{esc(title)}</b><br>{esc(summary)}<br>"
                          f"<span style='color:#5f6b63'>{esc(result.basis if lang() == 'zh' else result.basis_en)}</span>")

    def _save(self) -> None:
        try:
            self.fact = self.build()
        except (ValueError, ProfileError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def _clear(self) -> None:
        self.fact, self.cleared = None, True
        self.accept()
