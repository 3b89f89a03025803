"""Opening a redemption case (建立帮办): the enterprise (found while typing its credit
code, name or pinyin initials), the item and the batch, and what the enterprise came
for. An enterprise that already has a case for the batch is told so, with a way to open
that case instead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from core.cases import MEDIUM, CaseEventType, validate_event_data
from core.validation import ValidationError
from desktop.cases.common import MUTED, esc, translate
from desktop.cases.forms import CaseForm, FormName
from desktop.cases.items import BatchCombo, ItemChooser
from desktop.context import AppContext
from desktop.widgets.enterprise_picker import EnterprisePicker
from sync.desk import Desk
from sync.lookups import EnterpriseHit


class EnterpriseField(QWidget):
    """A line to find an enterprise in the desk's cache; ``chosen(id)`` once picked."""

    chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.enterprise_id: str | None = None
        self.name = ""
        self.edit = QLineEdit(objectName="enterpriseSearch")
        self.edit.setPlaceholderText(self.tr("Credit code, name or pinyin initials"))
        self.edit.setClearButtonEnabled(True)
        self.picker = EnterprisePicker(ctx, self.edit, self)
        self.picker.picked.connect(self._picked)
        self.edit.textEdited.connect(self._edited)
        self.card = QLabel(objectName="enterpriseCard")
        self.card.setStyleSheet(f"color: {MUTED};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.card, 1)
        self.setFocusProxy(self.edit)

    def _picked(self, hit: EnterpriseHit) -> None:
        self.set_enterprise(hit.id, hit.name, hit.credit_code or "")

    def set_enterprise(self, enterprise_id: str, name: str, code: str = "") -> None:
        self.enterprise_id, self.name = enterprise_id, name
        self.edit.setText(name)
        self.card.setText(code)
        self.chosen.emit(enterprise_id)

    def _edited(self, text: str) -> None:
        if self.enterprise_id and text != self.name:
            self.enterprise_id, self.name = None, ""
            self.card.clear()
            self.chosen.emit("")


class NewCaseDialog(CaseForm):
    kind = FormName("new_case")
    existing = Signal(str)            # "open the case it already has" (its id)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        self.case_id: str | None = None
        self.existing_id: str | None = None
        about = esc(translate("NewCaseDialog", "Open a help-and-proxy case for an enterprise: "
                              "it starts as consulting; materials it handed in for other "
                              "cases count."))
        super().__init__(ctx, "", about, parent)
        self.setWindowTitle(self.title())
        self.setMinimumWidth(640)

    def title(self) -> str:
        return self.tr("New redemption case")

    def submit_text(self) -> str:
        return self.tr("Open case")

    def build(self) -> None:
        self.enterprise = EnterpriseField(self.ctx)
        self.add_field("enterprise", self.tr("Enterprise"), self.enterprise)
        self.item = ItemChooser(self.ctx, open_only=True, rows=5)
        self.add_field("item_id", self.tr("Item"), self.item)
        self.batch = BatchCombo(self.ctx)
        self.open_existing = QPushButton(self.tr("Open that case"), objectName="openExisting")
        self.open_existing.setAutoDefault(False)
        self.open_existing.hide()
        self.open_existing.clicked.connect(self._open_existing)
        batch_row = QWidget()
        row = QHBoxLayout(batch_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.batch, 1)
        row.addWidget(self.open_existing)
        batch_row.setFocusProxy(self.batch)
        self.add_field("batch_id", self.tr("Batch"), batch_row)
        self.note, counter = self.text_box(MEDIUM, self.tr("What the enterprise came for"),
                                           lines=2, grow=False)
        self.add_field("note", self.tr("Remark"), self.note, counter)
        self.item.picked.connect(lambda item_id: self.batch.load(item_id))
        self.item.lookup()

    def preset(self, enterprise: tuple[str, str, str] | None = None,
               item: tuple[str, str] | None = None, batch_id: str | None = None) -> None:
        """Fill what another screen already knows: (id, name, code), (id, title), batch."""
        if enterprise:
            self.enterprise.set_enterprise(*enterprise)
        if item:
            self.item.preset(*item)
            self.batch.load(item[0], prefer=batch_id)
        self.focus_field("enterprise" if not enterprise else "item_id" if not item else "note")

    def collect(self) -> dict[str, Any]:
        if not self.enterprise.enterprise_id:
            raise ValidationError("enterprise", "pick the enterprise",
                                  message_zh="请先查找并选择企业")
        if not self.item.item_id:
            raise ValidationError("item_id", "pick the item", message_zh="请选择兑现事项")
        if not self.batch.currentData():
            raise ValidationError("batch_id", "pick the batch",
                                  message_zh="该事项当前没有可申报的批次，请选择其他事项")
        data = {"enterprise_id": self.enterprise.enterprise_id, "item_id": self.item.item_id,
                "batch_id": self.batch.currentData(), "note": self.text_of(self.note)}
        return data

    def check(self, data: Mapping[str, Any]) -> None:
        validate_event_data(CaseEventType.CREATED, {"note": data["note"]} if data["note"] else {})

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Any:
        return desk.open_case(data["enterprise_id"], data["item_id"], data["batch_id"],
                              data["note"])

    def _succeeded(self, result: Any) -> None:
        self.case_id, changes = result
        super()._succeeded(changes)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.open_existing.hide()

    def show_error(self, exc: BaseException) -> None:
        super().show_error(exc)
        self.existing_id = getattr(exc, "case_id", None)
        if self.existing_id:
            self.open_existing.show()

    def _open_existing(self) -> None:
        if self.existing_id:
            self.existing.emit(self.existing_id)
            self.reject()


__all__ = ["EnterpriseField", "NewCaseDialog"]
