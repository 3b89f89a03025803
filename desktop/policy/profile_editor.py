"""The enterprise profile (企业画像): every field the eligibility rules read, each with
where its value came from (企业自述 / 查验材料, naming the material / 中央登记库) and
when; the enterprise's scale computed live by 工信部联企业〔2011〕300号 with its basis.

Editing a field opens its dialog (``field_dialog``; ``qualifications_dialog`` for the
qualifications), which asks for the value, **its source** and its date, and saves that
one field through ``Desk.edit_profile`` (one transaction with its outbox op; the server
merges profiles per field).

Keyboard: the table has the focus; Enter or F2 edits the field under the cursor, Delete
clears it (after asking); in a dialog Alt+1/2/3 choose the source, Enter saves.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFrame, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from core.catalogue import Catalogue
from core.enterprise import EnterpriseProfile, Fact, format_value
from core.identifiers import region_label
from core.scale import SCALE_ZH
from desktop.context import AppContext
from desktop.operations import DeskOp, DeskQuery
from desktop.policy.common import esc, lang
from desktop.policy.field_dialog import FieldDialog
from desktop.policy.profile_fields import field_label, profile_scale
from desktop.policy.profile_model import ProfileModel
from desktop.policy.qualifications_dialog import QualificationsDialog
from sync.case_queries import EnterpriseRow


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
            return row, profile, desk.policy_catalogue(), desk.today()

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
