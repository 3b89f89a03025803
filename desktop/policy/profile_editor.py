"""The enterprise profile (企业画像): every field the eligibility rules read, each with
where its value came from (企业自述 / 查验材料, naming the material / 中央登记库) and
when; the enterprise's scale computed live by 工信部联企业〔2011〕300号 with its basis.

Editing a field opens its dialog, which asks for the value (a searchable GB/T 4754-2017
picker for the industry; the town read from the address), **its source** and its date
(an annual figure's year), and saves that one field through ``Desk.edit_profile`` (one
transaction with its outbox op; the server merges profiles per field).

Keyboard: the table has the focus; Enter or F2 edits the field under the cursor, Delete
clears it (after asking); in a dialog Alt+1/2/3 choose the source, Enter saves.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QDate, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QColor, QDoubleValidator, QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateEdit,
                               QDialog, QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QRadioButton, QSpinBox, QSplitter, QTableView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.catalogue import QUALIFICATIONS, TAX_CREDIT_LEVELS, Catalogue
from core.enterprise import (ANNUAL, FIELD_LABELS, FIELD_TYPES, EnterpriseProfile, Fact,
                             ProfileError, Qualification, format_value, town_from)
from core.identifiers import AUTHORITIES, check_credit_code, region_label
from core.scale import INPUTS, SCALE_ZH, SECTOR, ScaleResult, classify, normalize_industry
from desktop.context import AppContext
from desktop.operations import DeskOp, DeskQuery
from desktop.policy.common import esc, lang, matching, source_name
from desktop.policy.industry import IndustryPicker, describe_code, name_of
from sync.case_queries import EnterpriseRow

Index = QModelIndex | QPersistentModelIndex
FieldRole = Qt.ItemDataRole.UserRole + 1
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("identity", ("name", "credit_code", "entity_type", "industry", "town", "founded",
                  "town_since")),
    ("business", ("employees", "insured_employees", "graduates_hired", "revenue", "assets",
                  "revenue_growth", "rd_ratio", "export_value", "import_export_value",
                  "new_equipment_investment", "layoff_rate")),
    ("credit", ("qualifications", "tax_credit_level", "serious_violation", "invention_patents",
                "invention_patents_granted")),
)
FIELD_ORDER: tuple[str, ...] = tuple(f for _, fields in GROUPS for f in fields)
SCALE_FIELDS = ("industry", "employees", "revenue", "assets")
SOURCES_ORDER = ("told", "document", "register")


def field_label(name: str, with_unit: bool = True) -> str:
    zh, en, unit_zh, unit_en = FIELD_LABELS[name]
    if lang() == "zh":
        return f"{zh}（{unit_zh}）" if with_unit and unit_zh else zh
    return f"{en}{unit_en}" if with_unit else en


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def scale_summary(result: ScaleResult, employees: float | None, revenue: float | None,
                  assets: float | None) -> str:
    """"工业：从业人员 150 人、营业收入 4,000 万元 → 小型"."""
    zh = lang() == "zh"
    values = {"employees": employees, "revenue": revenue, "assets": assets}
    if result.sector is not None:
        sector = SECTOR[result.sector]
        parts = []
        for key in sector.inputs:
            name, name_en, unit, unit_en = INPUTS[key]
            v = values[key]
            shown = (_number(v) + (f" {unit}" if zh else unit_en)) if v is not None else (
                "未知" if zh else "unknown")
            parts.append(f"{name} {shown}" if zh else f"{name_en} {shown}")
        head = f"{sector.zh}：{'、'.join(parts)}" if zh else f"{sector.en}: {', '.join(parts)}"
    else:
        head = result.basis if zh else result.basis_en
    if result.scale:
        tail = SCALE_ZH[result.scale] if zh else result.scale
    elif not result.covered:
        tail = "需人工认定" if zh else "classify by hand"
    else:
        tail = ("无法确定" if zh else "undetermined") + (
            f"（至多{SCALE_ZH[result.at_most]}）" if zh and result.at_most and result.at_most != "large"
            else "")
    return f"{head} → {tail}"


def profile_scale(profile: EnterpriseProfile) -> tuple[ScaleResult, str]:
    """The scale from the profile's latest figures (the matching view applies each
    batch's period; this is what the enterprise looks like now)."""
    v = profile.value
    result = classify(v("industry"), v("employees"), v("revenue"), v("assets"))
    return result, scale_summary(result, v("employees"), v("revenue"), v("assets"))


def _period(fact: Fact) -> str:
    if (fact.as_of.month, fact.as_of.day) == (12, 31):
        return f"{fact.as_of.year}年度" if lang() == "zh" else f"FY{fact.as_of.year}"
    return fact.as_of.isoformat()


def display_value(name: str, fact: Fact | None, towns: Mapping[str, str],
                  today: dt.date) -> str:
    if fact is None:
        return ""
    v = fact.value
    zh = lang() == "zh"
    if name == "industry":
        return f"{v} {name_of(v)}".strip()
    if name == "qualifications":
        if not v:
            return "无" if zh else "none"
        parts = []
        for q in v:
            label = QUALIFICATIONS[q.code] if zh else q.code
            span = f"{q.valid_from} 至 {q.valid_to or '长期'}" if zh else \
                f"{q.valid_from} to {q.valid_to or 'open-ended'}"
            expired = q.valid_to is not None and q.valid_to < today
            parts.append(f"{label}（{span}{'，已过期' if zh and expired else ''}）")
        return "；".join(parts)
    return format_value(name, v, lang(), towns)


def when_text(name: str, fact: Fact | None) -> str:
    if fact is None:
        return ""
    return _period(fact) if name in ANNUAL else fact.as_of.isoformat()


def provenance(fact: Fact | None, materials: Mapping[str, str]) -> str:
    if fact is None:
        return ""
    text = source_name(fact.source)
    if fact.material:
        text += f"：{materials.get(fact.material, fact.material)}"
    return text


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


# -- editing one field ------------------------------------------------------------------------

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


def _date_edit(day: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), objectName=name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _pydate(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


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
            self.as_of = _date_edit(today, "asOfEdit")
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
            edit = _date_edit(v or self.today, "valueEdit")
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
            validator = QDoubleValidator(-100.0 if self.field == "revenue_growth" else 0.0,
                                         1e12, 4, edit)
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
            return _pydate(w)
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
            number = float(text)
            return int(number) if number.is_integer() else number
        if kind == "credit_code":
            check = check_credit_code(text)
            if not check.ok:
                raise ValueError(check.problems[0].message_zh if lang() == "zh"
                                 else check.problems[0].message_en)
            return check.code
        return text

    def _as_of(self) -> dt.date:
        if self.year is not None:
            return dt.date(self.year.value(), 12, 31)
        assert self.as_of is not None
        return _pydate(self.as_of)

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


# -- qualifications -----------------------------------------------------------------------

class QualificationDialog(QDialog):
    """One qualification held: which, valid from/to, and where that was seen."""

    def __init__(self, record: Qualification | None, *, catalogue: Catalogue | None,
                 today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("qualificationDialog")
        self.setWindowTitle(self.tr("Qualification"))
        self.record: Qualification | None = None
        self.code = QComboBox(objectName="qualCode")
        for code, name in QUALIFICATIONS.items():
            self.code.addItem(name, code)
        self.valid_from = _date_edit(record.valid_from if record else today, "validFrom")
        self.valid_to = _date_edit(record.valid_to if record and record.valid_to
                                   else today.replace(year=today.year + 3), "validTo")
        self.open_ended = QCheckBox(self.tr("No expiry"), objectName="openEnded")
        self.as_of = _date_edit(record.as_of if record else today, "qualAsOf")
        self.note = QLineEdit(record.note if record else "", objectName="qualNote")
        self.source = SourcePicker(materials_for(catalogue, "qualifications"), self)
        if record is not None:
            self.code.setCurrentIndex(max(0, self.code.findData(record.code)))
            self.open_ended.setChecked(record.valid_to is None)
            self.source.set_source(record.source, record.material)
        self.valid_to.setEnabled(not self.open_ended.isChecked())
        self.open_ended.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        until = QHBoxLayout()
        until.addWidget(self.valid_to)
        until.addWidget(self.open_ended)
        form = QFormLayout()
        form.addRow(self.tr("Qualification"), self.code)
        form.addRow(self.tr("Valid from"), self.valid_from)
        form.addRow(self.tr("Valid to"), until)
        form.addRow(self.tr("Seen on"), self.as_of)
        form.addRow(self.tr("Note"), self.note)
        self.error = QLabel(objectName="qualError")
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.source)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def build(self) -> Qualification:
        problem = self.source.problem()
        if problem:
            raise ValueError(problem)
        return Qualification(self.code.currentData(), _pydate(self.valid_from),
                             None if self.open_ended.isChecked() else _pydate(self.valid_to),
                             self.source.source or "told", _pydate(self.as_of),
                             self.source.material_id, self.note.text().strip())

    def _ok(self) -> None:
        try:
            self.record = self.build()
        except (ValueError, ProfileError) as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class QualificationsDialog(QDialog):
    """The enterprise's qualifications with their validity, and where the list itself
    comes from (a list from the central register counts as complete: a qualification
    not on it is not held)."""

    def __init__(self, *, profile: EnterpriseProfile, catalogue: Catalogue | None,
                 today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("qualificationsDialog")
        self.setWindowTitle(self.tr("Qualifications"))
        self.catalogue, self.today = catalogue, today
        current = profile.qualifications
        self.records: list[Qualification] = list(current.value) if current else []
        self.fact: Fact | None = None
        self.cleared = False
        self.table = QTableWidget(0, 4, objectName="qualTable")
        self.table.setHorizontalHeaderLabels([self.tr("Qualification"), self.tr("Valid"),
                                              self.tr("Source"), self.tr("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        add = QPushButton(self.tr("&Add…"), objectName="addQual")
        edit = QPushButton(self.tr("&Edit…"), objectName="editQual")
        remove = QPushButton(self.tr("&Remove"), objectName="removeQual")
        for b in (add, edit, remove):
            b.setAutoDefault(False)
        add.clicked.connect(lambda: self.edit_record(None))
        edit.clicked.connect(lambda: self.edit_record(self.table.currentRow()))
        remove.clicked.connect(self.remove_record)
        self.table.doubleClicked.connect(lambda ix: self.edit_record(ix.row()))
        row = QHBoxLayout()
        for b in (add, edit, remove):
            row.addWidget(b)
        row.addStretch(1)
        self.source = SourcePicker(materials_for(catalogue, "qualifications"), self)
        self.source.setTitle(self.tr("Where does this list come from? (a list from the central register counts as complete)"))
        self.as_of = _date_edit(today, "listAsOf")
        form = QFormLayout()
        form.addRow(self.tr("List seen on"), self.as_of)
        self.error = QLabel(objectName="qualsError")
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveQuals")
        clear = buttons.addButton(self.tr("Clear (not known)"), QDialogButtonBox.ButtonRole.DestructiveRole)
        clear.setEnabled(current is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._save)
        clear.clicked.connect(self._clear)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.source)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill()
        self.resize(680, 420)

    def _fill(self) -> None:
        mats = {m.id: m.name for m in self.catalogue.materials} if self.catalogue else {}
        self.table.setRowCount(len(self.records))
        for i, q in enumerate(self.records):
            expired = q.valid_to is not None and q.valid_to < self.today
            span = f"{q.valid_from} — {q.valid_to or '∞'}" + (" ✗" if expired else "")
            for col, text in enumerate((QUALIFICATIONS[q.code], span, provenance(
                    Fact(None, q.source, q.as_of, "", q.material), mats) + f" · {q.as_of}",
                                        q.note)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def edit_record(self, row: int | None) -> QualificationDialog | None:
        if row is not None and not 0 <= row < len(self.records):
            return None
        dialog = QualificationDialog(self.records[row] if row is not None else None,
                                     catalogue=self.catalogue, today=self.today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.record is not None:
            if row is None:
                self.records.append(dialog.record)
            else:
                self.records[row] = dialog.record
            self._fill()
        return dialog

    def remove_record(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.records):
            del self.records[row]
            self._fill()

    def build(self) -> Fact:
        problem = self.source.problem()
        if problem:
            raise ValueError(problem)
        return Fact(tuple(self.records), self.source.source or "told", _pydate(self.as_of), "",
                    self.source.material_id)

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


# -- the editor ---------------------------------------------------------------------------

class ProfileEditor(QWidget):
    """The profile of the enterprise at the desk, field by field, with the live scale."""

    loaded = Signal(str)            # the enterprise id whose profile is now shown
    saved = Signal(str)             # a field was saved (its name)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.ctx = ctx
        self.enterprise_id: str | None = None
        self.enterprise: EnterpriseRow | None = None
        self.catalogue: Catalogue | None = None
        self.today = ctx.desk.today()
        self.dialog: QDialog | None = None
        self._generation = 0
        self.header = QLabel(objectName="profileHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.model = ProfileModel(self)
        self.table = QTableView(objectName="profileTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((190, 300, 230, 96)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda ix: self.edit_field(self.model.field_at(ix.row())))
        self.table.installEventFilter(self)
        self.scale = QLabel(objectName="scalePanel")
        self.scale.setTextFormat(Qt.TextFormat.RichText)
        self.scale.setWordWrap(True)
        self.scale.setFrameShape(QFrame.Shape.StyledPanel)
        self.scale.setStyleSheet("#scalePanel { background: #f5f7f9; padding: 8px; }")
        self.scale.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.legend = QLabel(objectName="profileLegend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #5f6b63;")
        self.legend.setText(self.tr("Enter or F2: edit the field · Delete: clear it · every edit names its source: 企业自述 (told by the enterprise), 查验材料 (a document seen), 中央登记库 (central register)"))
        self.edit_button = QPushButton(self.tr("Edit field…"), objectName="editField")
        self.edit_button.clicked.connect(lambda: self.edit_field(self.current_field()))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.scale)
        right_layout.addWidget(self.edit_button)
        right_layout.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([950, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        layout.addWidget(self.legend)
        self.setFocusProxy(self.table)
        self._show_empty()

    def _show_empty(self) -> None:
        self.header.setText(html.escape(self.tr("Pick the enterprise at the desk (Ctrl+Shift+E) to see and edit its profile.")))
        self.scale.setText("")
        self.edit_button.setEnabled(False)

    # -- loading -------------------------------------------------------------------------

    def load(self, enterprise_id: str | None) -> None:
        self._generation += 1
        generation = self._generation
        self.enterprise_id = enterprise_id
        if not enterprise_id:
            self.enterprise = None
            self.model.set_profile(EnterpriseProfile())
            self._show_empty()
            return

        def work(desk: Any) -> tuple[Any, ...]:
            row = desk.enterprise(enterprise_id)
            profile = desk.enterprise_profile(enterprise_id)
            return row, profile, matching(desk).policy_catalogue(), desk.today()

        DeskQuery(self.ctx, self, work).success(lambda r: self._loaded(generation, *r)).run()

    def _loaded(self, generation: int, row: EnterpriseRow, profile: EnterpriseProfile,
                catalogue: Catalogue | None, today: dt.date) -> None:
        if generation != self._generation:
            return
        self.enterprise, self.catalogue, self.today = row, catalogue, today
        current = self.current_field()
        towns = {t.code: t.name for t in catalogue.towns} if catalogue else {
            t.code: t.name for t in self.ctx.reference.towns}
        mats = {m.id: m.name for m in catalogue.materials} if catalogue else {}
        self.model.set_profile(profile, towns=towns, materials=mats, today=today)
        self.table.resizeRowsToContents()
        self.table.selectRow(self.model.row_of(current) if current else 0)
        self._header(row, profile)
        self._scale(profile)
        self.edit_button.setEnabled(True)
        self.loaded.emit(row.id)

    def _header(self, row: EnterpriseRow, profile: EnterpriseProfile) -> None:
        code = row.credit_code or ""
        region = code[2:8] if len(code) >= 8 else ""
        where = region_label(region) if region else None
        parts = [f"<b style='font-size:large'>{esc(row.name)}</b>", esc(code)]
        if region:
            parts.append(esc(self.tr("registered in %1 (%2)").replace("%1", where or "?")
                             .replace("%2", region)))
        entity = profile.value("entity_type") or code[:2]
        if entity:
            parts.append(esc(format_value("entity_type", entity, lang())))
        self.header.setText(" · ".join(parts))

    def _scale(self, profile: EnterpriseProfile) -> None:
        result, summary = profile_scale(profile)
        title = self.tr("Enterprise scale (工信部联企业〔2011〕300号)")
        shown = (SCALE_ZH[result.scale] if lang() == "zh" else result.scale) if result.scale \
            else self.tr("undetermined")
        colour = "#1b5e20" if result.scale else "#8a5a00"
        basis = result.basis if lang() == "zh" else result.basis_en
        years = sorted({f.as_of.year for f in (profile.revenue, profile.assets) if f})
        period = self.tr("Figures of FY%1").replace("%1", "/".join(map(str, years))) if years else ""
        self.scale.setText(
            f"<p style='margin:0'><b>{esc(title)}</b></p>"
            f"<p style='font-size:x-large; color:{colour}; margin:4px 0'><b>{esc(shown)}</b></p>"
            f"<p style='margin:0'>{esc(summary)}</p>"
            f"<p style='color:#5f6b63'>{esc(basis)}</p>"
            f"<p style='color:#5f6b63'>{esc(period)}</p>")
        self.scale_result = result
        self.scale_text = summary

    # -- editing -------------------------------------------------------------------------

    def current_field(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.field_at(index.row()) if index.isValid() else None

    def select_field(self, name: str) -> None:
        self.table.selectRow(self.model.row_of(name))
        self.table.setFocus()

    def edit_field(self, name: str | None) -> QDialog | None:
        """Open the field's dialog (non-blocking); on Save the field is written."""
        if not name or not self.enterprise_id:
            return None
        profile = self.model.profile
        if name == "qualifications":
            dialog: QDialog = QualificationsDialog(profile=profile, catalogue=self.catalogue,
                                                   today=self.today, parent=self)
        else:
            dialog = FieldDialog(name, profile=profile, enterprise=self.enterprise,
                                 catalogue=self.catalogue, today=self.today, parent=self)
        dialog.accepted.connect(lambda: self._write(name, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def clear_field(self, name: str | None) -> QMessageBox | None:
        if not name or not self.enterprise_id or self.model.profile.fact(name) is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Clear field"),
                          self.tr("Clear “%1”? It becomes unknown (information missing) for matching.")
                          .replace("%1", field_label(name, False)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("clearFieldBox")
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self.save(name, None))
        self.dialog = box
        box.open()
        return box

    def _write(self, name: str, dialog: Any) -> None:
        if dialog.fact is None and not dialog.cleared:
            return
        self.save(name, dialog.fact)

    def save(self, name: str, fact: Fact | None) -> None:
        """Write one field (None clears it) through the desk; the change bus redraws."""
        eid = self.enterprise_id
        if not eid:
            return
        DeskOp(self.ctx, self, lambda desk: desk.edit_profile(eid, {name: fact})) \
            .success(lambda _c: self.saved.emit(name)).run()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_field(self.current_field())
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.clear_field(self.current_field())
                return True
        return super().eventFilter(obj, event)


def facts_from(values: Mapping[str, Any], source: str, as_of: dt.date,
               material: str | None = None) -> dict[str, Fact]:
    """Facts for several fields at once (annual ones for the year of ``as_of``)."""
    out = {}
    for name, value in values.items():
        if name in ANNUAL:
            out[name] = Fact.for_year(value, as_of.year, source, material)
        else:
            out[name] = Fact(value, source, as_of, "", material)
    return out


__all__ = ["FieldDialog", "ProfileEditor", "ProfileModel", "QualificationsDialog", "facts_from",
           "profile_scale", "scale_summary"]
