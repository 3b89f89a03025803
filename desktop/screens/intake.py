"""Intake (受理): the form a counter clerk fills while the enterprise is at the window.

The credit code is checked as it is typed: illegal characters and a bad authority at
once, the check character when all 18 are in; a code that fails only its check
character may be kept with a note. The phone is checked when the field is left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from core.identifiers import check_credit_code, check_phone, partial_credit_code
from core.intake import MAX_DESCRIPTION
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.i18n import current_language
from desktop.labels import choices
from desktop.operations import DeskOp

OK_STYLE = "color: #1e7b34;"
WARN_STYLE = "color: #8a5a00;"
BAD_STYLE = "color: #b3261e;"


class IntakeForm(QWidget):
    """The fields of an intake; ``values()`` gives the form the desk API takes."""

    submitted = Signal(str)        # the new request's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeForm")
        ref = ctx.reference
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.channel = self._combo("channel", choices("channel"))
        self.type = self._combo("type", choices("type"))
        lang = current_language()
        self.topic = self._combo("topic", [(t.code, t.zh if lang == "zh_CN" else t.en)
                                           for t in ref.topics])
        self.credit_code = QLineEdit(objectName="credit_code")
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91442000…"))
        self.credit_code.setMaxLength(24)
        self.credit_status = QLabel(objectName="credit_status")
        self.credit_status.setWordWrap(True)
        self.override_note = QLineEdit(objectName="credit_override_note")
        self.override_note.setPlaceholderText(
            self.tr("Why keep a code that fails its check (e.g. as printed on the licence)"))
        self.enterprise_name = QLineEdit(objectName="enterprise_name")
        self.enterprise_name.setMaxLength(100)
        self.town = self._combo("town", [(t.code, t.name) for t in ref.towns])
        if ctx.desk.station is not None:
            self._select(self.town, ctx.desk.station.town)
        self.contact_name = QLineEdit(objectName="contact_name")
        self.contact_phone = QLineEdit(objectName="contact_phone")
        self.contact_phone.setPlaceholderText(self.tr("mobile, or landline such as 0760-88886666"))
        self.phone_status = QLabel(objectName="phone_status")
        self.filed_by = QLineEdit(objectName="filed_by")
        self.filed_by.setPlaceholderText(self.tr("official who visited, e.g. name and post"))
        self.description = QPlainTextEdit(objectName="description")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        self.counter = QLabel(objectName="description_counter")
        self.error = QLabel(objectName="form_error")
        self.error.setStyleSheet(BAD_STYLE)
        self.error.setWordWrap(True)

        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("Credit code"), self.credit_code)
        form.addRow("", self.credit_status)
        self._override_label = QLabel(self.tr("Exception note"))
        form.addRow(self._override_label, self.override_note)
        form.addRow(self.tr("Enterprise"), self.enterprise_name)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Contact person"), self.contact_name)
        form.addRow(self.tr("Phone"), self.contact_phone)
        form.addRow("", self.phone_status)
        self._filed_by_label = QLabel(self.tr("Filed on behalf by"))
        form.addRow(self._filed_by_label, self.filed_by)
        form.addRow(self.tr("Request"), self.description)
        form.addRow("", self.counter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)

        self.fields: dict[str, QWidget] = {
            "channel": self.channel, "type": self.type, "topic": self.topic,
            "credit_code": self.credit_code, "credit_override_note": self.override_note,
            "enterprise_name": self.enterprise_name, "town": self.town,
            "contact_name": self.contact_name, "contact_phone": self.contact_phone,
            "filed_by": self.filed_by, "description": self.description,
        }
        self.credit_code.textChanged.connect(self._check_code)
        self.contact_phone.editingFinished.connect(self._check_phone)
        self.contact_phone.textChanged.connect(lambda: self.phone_status.clear())
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.description.textChanged.connect(self._count)
        self._check_code("")
        self._channel_changed()
        self._count()

    # -- building ----------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(objectName=name)
        for code, text in items:
            box.addItem(text, code)
        return box

    @staticmethod
    def _select(box: QComboBox, code: str) -> None:
        i = box.findData(code)
        if i >= 0:
            box.setCurrentIndex(i)

    # -- live checks -------------------------------------------------------------------

    def _check_code(self, text: str) -> None:
        zh = current_language() == "zh_CN"
        stripped = text.strip()
        show_override = False
        if not stripped:
            self.credit_status.setText(self.tr("Optional; checked as you type"))
            self.credit_status.setStyleSheet("color: #5f6b63;")
        else:
            partial = partial_credit_code(stripped)
            if partial.problems and not partial.complete:
                problem = partial.problems[0]
                self.credit_status.setText("✗ " + (problem.message_zh if zh else problem.message_en))
                self.credit_status.setStyleSheet(BAD_STYLE)
            elif not partial.complete:
                self.credit_status.setText(self.tr("%1 of 18 characters")
                                           .replace("%1", str(len(partial.code))))
                self.credit_status.setStyleSheet("color: #5f6b63;")
            else:
                result = check_credit_code(stripped)
                parts = [p for p in (result.entity_type_label, result.region_label) if p]
                if result.ok:
                    self.credit_status.setText("✓ " + self.tr("Valid") + " · " + " · ".join(parts))
                    self.credit_status.setStyleSheet(OK_STYLE)
                else:
                    problem = result.problems[0]
                    show_override = problem.rule == "check_character"
                    message = problem.message_zh if zh else problem.message_en
                    if show_override:
                        message += " " + self.tr("(keep it only with an exception note)")
                    self.credit_status.setText("⚠ " + message)
                    self.credit_status.setStyleSheet(WARN_STYLE if show_override else BAD_STYLE)
        self.override_note.setVisible(show_override)
        self._override_label.setVisible(show_override)

    def _check_phone(self) -> None:
        text = self.contact_phone.text().strip()
        if not text:
            self.phone_status.clear()
            return
        result = check_phone(text)
        if result.ok:
            self.phone_status.setText("✓ " + result.normalized)
            self.phone_status.setStyleSheet(OK_STYLE)
        else:
            problem = result.problems[0]
            self.phone_status.setText("✗ " + (problem.message_zh if current_language() == "zh_CN"
                                             else problem.message_en))
            self.phone_status.setStyleSheet(BAD_STYLE)

    def _channel_changed(self) -> None:
        visit = self.channel.currentData() == "visit"
        self.filed_by.setVisible(visit)
        self._filed_by_label.setVisible(visit)

    def _count(self) -> None:
        n = len(self.description.toPlainText())
        self.counter.setText(f"{n} / {MAX_DESCRIPTION}")
        self.counter.setStyleSheet(BAD_STYLE if n > MAX_DESCRIPTION else "color: #5f6b63;")

    # -- values ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        form: dict[str, Any] = {
            "channel": self.channel.currentData(),
            "type": self.type.currentData(),
            "topic": self.topic.currentData(),
            "credit_code": self.credit_code.text().strip() or None,
            "enterprise_name": self.enterprise_name.text(),
            "town": self.town.currentData(),
            "contact_name": self.contact_name.text(),
            "contact_phone": self.contact_phone.text(),
            "description": self.description.toPlainText(),
        }
        if self.channel.currentData() == "visit":
            form["filed_by"] = self.filed_by.text()
        if self.override_note.isVisible() and self.override_note.text().strip():
            form["credit_override_note"] = self.override_note.text()
        return {k: v for k, v in form.items() if v is not None}

    def show_error(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))
        field = getattr(exc, "field", None)
        widget = self.fields.get(field or "")
        for w in self.fields.values():
            w.setProperty("invalid", False)
            w.setStyleSheet("")
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #b3261e;")
            widget.setFocus()

    def submit(self) -> None:
        form = self.values()
        self.error.clear()
        DeskOp(self.ctx, self, lambda desk: desk.record_intake(form)) \
            .success(lambda result: self.submitted.emit(result[0])) \
            .failure(self.show_error).run()


class IntakeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("New request"))
        self.form = IntakeForm(ctx, self)
        buttons = QDialogButtonBox(objectName="intakeButtons")
        self.record = buttons.addButton(self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setObjectName("recordButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.form.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.submitted.connect(self._done)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.form.submit)
        self.ticket_id: str | None = None
        self.resize(560, 640)

    def _done(self, ticket_id: str) -> None:
        self.ticket_id = ticket_id
        self.accept()
