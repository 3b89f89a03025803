"""The enterprise's qualifications (高新技术企业, 科技型中小企业, 专精特新 …): the list with
each one's validity and where it was seen, one dialog per record, and where the list
itself comes from (a list from the central register counts as complete).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.catalogue import QUALIFICATIONS, Catalogue
from core.enterprise import EnterpriseProfile, Fact, ProfileError, Qualification
from desktop.policy.profile_fields import provenance
from desktop.policy.source_picker import SourcePicker, date_edit, materials_for, pydate


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
        self.valid_from = date_edit(record.valid_from if record else today, "validFrom")
        self.valid_to = date_edit(record.valid_to if record and record.valid_to
                                   else today.replace(year=today.year + 3), "validTo")
        self.open_ended = QCheckBox(self.tr("No expiry"), objectName="openEnded")
        self.as_of = date_edit(record.as_of if record else today, "qualAsOf")
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
        return Qualification(self.code.currentData(), pydate(self.valid_from),
                             None if self.open_ended.isChecked() else pydate(self.valid_to),
                             self.source.source or "told", pydate(self.as_of),
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
        self.as_of = date_edit(today, "listAsOf")
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
        return Fact(tuple(self.records), self.source.source or "told", pydate(self.as_of), "",
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
