"""The actions on a request (contact logged, interim reply, resolve, reopen, note …), each
a small dialog opened from the request's detail pane.

Every dialog works the same way, keyboard first:

- Enter moves to the next field (in a multi-line text it starts a new line; Tab moves
  on); on the last field it moves to the submit button, where Enter submits;
- Ctrl+Enter submits from anywhere; Esc cancels;
- the input is checked with the desk's own rules (``core.tickets.validate_event_data``)
  before anything is sent, and again by the desk; a ``ValidationError`` is shown next to
  the field it names, and nothing is written;
- the write runs on the desk's worker (``DeskOp``); its ``Changes`` reach every view.

The dialogs with more to them live beside this module: ``actions_followup``
(next feedback date, return visit, supervision), ``actions_answer`` (answer at once),
``dispatch`` (dispatch and transfer) and ``call`` (three-way call notes).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QTextEdit, QVBoxLayout, QWidget)

from core.tickets import LONG, MEDIUM, SHORT, EventType, check_event_time, validate_event_data
from core.validation import ValidationError
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.operations import DeskOp
from sync.changes import Changes
from sync.list_types import RequestDetail

if TYPE_CHECKING:
    from sync.desk import Desk

BAD_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5f6b63;"
WARN_STYLE = "color: #8a5a00; background: #fff1cc; padding: 4px; border-radius: 4px;"
INVALID_BORDER = "border: 1px solid #b3261e;"
SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def shortcut_text(sequence: str) -> str:
    """A key sequence as the platform writes it (Ctrl+Enter, ⌘↩ …)."""
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


class Form(QGridLayout):
    """Captions on the left, fields on the right (as QFormLayout), but the rows marked
    ``stretch`` share the spare height: a unit list or a long reply gets the room."""

    def __init__(self) -> None:
        super().__init__()
        self.setColumnStretch(1, 1)
        self.setHorizontalSpacing(8)
        self.setVerticalSpacing(6)
        self._rows: dict[int, list[QWidget]] = {}    # id(field widget) → the row's widgets
        self._hidden: set[int] = set()
        self._count = 0

    def addRow(self, first: QWidget, second: QWidget | None = None,  # noqa: N802 - as Qt's
               *, stretch: bool = False) -> None:
        row = self._count
        self._count += 1
        if second is None:
            self.addWidget(first, row, 0, 1, 2)
            self._rows[id(first)] = [first]
        else:
            self.addWidget(first, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.addWidget(second, row, 1)
            self._rows[id(second)] = [first, second]
            first.setContentsMargins(0, 4, 0, 0)
        if stretch:
            self.setRowStretch(row, 1)

    def setRowVisible(self, widget: QWidget, visible: bool) -> None:  # noqa: N802
        for w in self._rows[id(widget)]:
            w.setVisible(visible)
        (self._hidden.discard if visible else self._hidden.add)(id(widget))

    def isRowVisible(self, widget: QWidget) -> bool:  # noqa: N802
        return id(widget) not in self._hidden


class ActionDialog(QDialog):
    """One action on one request. Subclasses add their fields in ``build``, say what
    the desk records in ``collect`` and which desk call records it in ``perform``."""

    kind: ClassVar[EventType]
    submitted = Signal(object)          # the Changes, once the desk recorded it

    def __init__(self, ctx: AppContext, detail: RequestDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.ticket_id = detail.id
        self.busy = False
        self.fields: dict[str, QWidget] = {}
        self.field_errors: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        self.setObjectName(f"action_{self.kind.value}")
        self.setWindowTitle(f"{self.title()} · {detail.display_number}")

        self.about = QLabel(objectName="about")
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setText(self._about_text())
        self.form = Form()
        self.error = QLabel(objectName="form_error")
        self.error.setStyleSheet(BAD_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(objectName="actionButtons")
        self.submit_button = self.buttons.addButton(self.submit_text(),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(self.tr("Record it (%1)")
                                      .replace("%1", shortcut_text(SUBMIT_KEYS[0])))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setToolTip(self.tr("Close without recording (Esc)"))
        cancel.setAutoDefault(False)
        self.submit_button.setAutoDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for keys in SUBMIT_KEYS:
            QShortcut(QKeySequence(keys), self, activated=self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(self.form, 1)
        self.build()
        layout.addWidget(self.error)
        keys = QLabel(self.tr("Enter: next field · Ctrl+Enter: record · Esc: cancel"),
                      objectName="keysHint")
        keys.setStyleSheet(HINT_STYLE)
        layout.addWidget(keys)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        first = self.first_field()
        if first is not None:
            first.setFocus()

    # -- for subclasses ----------------------------------------------------------------

    def title(self) -> str:
        raise NotImplementedError

    def submit_text(self) -> str:
        return self.tr("Record")

    def build(self) -> None:
        """Add the fields (``add_field``)."""
        raise NotImplementedError

    def collect(self) -> dict[str, Any]:
        """The event's data, read off the fields (on the GUI thread)."""
        raise NotImplementedError

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        """Record ``data`` with the desk (on the desk's worker: touch no widget here)."""
        raise NotImplementedError

    def check(self, data: Mapping[str, Any]) -> None:
        """The desk's own checks, run before sending so the clerk hears at once."""
        clean = validate_event_data(self.kind, data)
        check_event_time(self.kind, clean, self.ctx.desk.clock())

    def field_for(self, error_field: str) -> str:
        """The dialog field showing the error the desk raised on ``error_field``."""
        return re.sub(r"\[\d+\]$", "", error_field)

    # -- building helpers --------------------------------------------------------------

    def add_field(self, name: str, label: str, widget: QWidget, hint: QWidget | str | None = None,
                  *, stretch: bool = False) -> QWidget:
        """A form row: the field, an optional hint under it, and its error label. A row
        that ``stretch``es (or a growing text box) takes the room the dialog has spare."""
        widget.setObjectName(widget.objectName() or name)
        row = QWidget(objectName=f"row_{name}")
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if isinstance(widget, (QAbstractSpinBox, QComboBox)):   # dates and choices: their own width
            widget.setMinimumWidth(max(widget.minimumWidth(), 200))
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            box.addWidget(widget)
        if isinstance(hint, str):
            hint = QLabel(hint)
            hint.setWordWrap(True)
            hint.setStyleSheet(HINT_STYLE)
        if hint is not None:
            box.addWidget(hint)
        error = QLabel(objectName=f"error_{name}")
        error.setStyleSheet(BAD_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, row, stretch=stretch or bool(widget.property("grow")))
        self.fields[name] = widget
        self.field_errors[name] = error
        self._rows[name] = row
        self._watch(widget)
        return widget

    def set_field_visible(self, name: str, visible: bool) -> None:
        self.form.setRowVisible(self._rows[name], visible)

    def line(self, max_len: int = SHORT, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_len)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit

    def text_box(self, max_len: int = LONG, placeholder: str = "", lines: int = 4,
                 grow: bool = True) -> tuple[QPlainTextEdit, QLabel]:
        """A multi-line text (Tab moves on) and a live character count. A text that does
        not ``grow`` keeps about ``lines`` lines and leaves the room to other fields."""
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        line = edit.fontMetrics().lineSpacing()
        edit.setMinimumHeight(16 + lines * line)
        if grow:
            edit.setProperty("grow", True)
        else:
            edit.setMaximumHeight(16 + (lines + 2) * line)
        counter = QLabel(objectName="counter")
        counter.setAlignment(Qt.AlignmentFlag.AlignRight)

        def count() -> None:
            n = len(edit.toPlainText().strip())
            counter.setText(f"{n} / {max_len}")
            counter.setStyleSheet(BAD_STYLE if n > max_len else HINT_STYLE)

        edit.textChanged.connect(count)
        count()
        return edit, counter

    def date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setToolTip(self.tr("Type the date, or open the calendar with Alt+Down"))
        return edit

    @staticmethod
    def day_of(edit: QDateEdit) -> dt.date:
        d = edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def today(self) -> dt.date:
        """Today in the halls' time zone."""
        return self.ctx.desk.clock().astimezone(self.ctx.desk.schedule.hours.tz).date()

    @staticmethod
    def text_of(widget: QWidget) -> str | None:
        if isinstance(widget, QPlainTextEdit):
            value = widget.toPlainText()
        elif isinstance(widget, QLineEdit):
            value = widget.text()
        elif isinstance(widget, QComboBox):
            value = widget.currentText() if widget.isEditable() else widget.currentData()
        else:  # pragma: no cover - a field type we do not read as text
            raise TypeError(widget)
        return value.strip() or None if isinstance(value, str) else value

    def first_field(self) -> QWidget | None:
        for name in self.fields:
            if self._row_shown(name):
                return self.fields[name]
        return None

    def _row_shown(self, name: str) -> bool:
        return self.form.isRowVisible(self._rows[name]) and self.fields[name].isEnabled()

    # -- keyboard ----------------------------------------------------------------------

    def _watch(self, widget: QWidget) -> None:
        for w in [widget, *widget.findChildren(QWidget)]:
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus:
                w.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not mods & (Qt.KeyboardModifier.ControlModifier
                                    | Qt.KeyboardModifier.MetaModifier):
                if isinstance(watched, (QPlainTextEdit, QTextEdit)):
                    return False              # a new line
                if isinstance(watched, QComboBox) and watched.view().isVisible():
                    return False              # picks from the open list
                name = self._field_of(watched)
                if name is not None:
                    self.focus_after(name)
                    return True
        return super().eventFilter(watched, event)

    def _field_of(self, widget: QObject) -> str | None:
        for name, field in self.fields.items():
            if field is widget or (isinstance(widget, QWidget) and field.isAncestorOf(widget)):
                return name
        return None

    def focus_after(self, name: str) -> None:
        """Enter: the next shown field, or the submit button after the last."""
        names = list(self.fields)
        for later in names[names.index(name) + 1:]:
            if self._row_shown(later):
                self.fields[later].setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.submit_button.setFocus(Qt.FocusReason.TabFocusReason)

    # -- errors ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.error.clear()
        self.error.hide()
        for name, label in self.field_errors.items():
            label.clear()
            label.hide()
            widget = self.fields[name]
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)):
                widget.setStyleSheet("")

    def show_error(self, exc: BaseException) -> None:
        """The desk's message, next to the field it names (or above the buttons)."""
        message = user_message(exc)
        raw = getattr(exc, "field", None)
        name = self.field_for(raw) if isinstance(raw, str) else None
        if name in self.field_errors:
            label = self.field_errors[name]
            label.setText(message)
            label.show()
            widget = self.fields[name]
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)):
                widget.setStyleSheet(INVALID_BORDER)
            if self._row_shown(name):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.error.setText(message)
            self.error.show()

    def error_text(self, name: str | None = None) -> str:
        """What the clerk reads under field ``name`` (or the dialog's general error)."""
        label = self.error if name is None else self.field_errors[name]
        return label.text() if not label.isHidden() else ""

    # -- submitting --------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        try:
            data = self.collect()
            self.check(data)
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.busy = True
        self.submit_button.setEnabled(False)
        DeskOp(self.ctx, self, lambda desk: self.perform(desk, data)) \
            .success(self._succeeded).failure(self._failed).run()

    def _succeeded(self, changes: Changes) -> None:
        self.busy = False
        self.submit_button.setEnabled(True)
        self.submitted.emit(changes)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.submit_button.setEnabled(True)
        self.show_error(exc)

    # -- the request it acts on --------------------------------------------------------

    def _about_text(self) -> str:
        h, state = self.detail.header, self.detail.state
        parts = [f"<b>{html.escape(self.detail.display_number)}</b>",
                 html.escape(h.get("enterprise_name") or "")]
        if state.unit_name:
            parts.append(html.escape(self.tr("Handling unit: %1").replace("%1", state.unit_name)))
        return " · ".join(p for p in parts if p)


class _TextActionDialog(ActionDialog):
    """An action that records one text."""

    field_name: ClassVar[str] = "text"
    max_len: ClassVar[int] = LONG

    def label(self) -> str:
        raise NotImplementedError

    def placeholder(self) -> str:
        return ""

    def build(self) -> None:
        self.text, counter = self.text_box(self.max_len, self.placeholder())
        self.add_field(self.field_name, self.label(), self.text, counter)

    def collect(self) -> dict[str, Any]:
        return {self.field_name: self.text_of(self.text)}


class InterimReplyDialog(_TextActionDialog):
    kind = EventType.INTERIM_REPLY

    def title(self) -> str:
        return self.tr("Interim reply")

    def label(self) -> str:
        return self.tr("Interim reply")

    def placeholder(self) -> str:
        return self.tr("What the unit has done so far and what comes next, as told to the "
                       "enterprise")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.record_interim_reply(self.ticket_id, data["text"])


class ResolveDialog(_TextActionDialog):
    kind = EventType.RESOLVED

    def title(self) -> str:
        return self.tr("Resolve")

    def submit_text(self) -> str:
        return self.tr("Resolve")

    def label(self) -> str:
        return self.tr("How it was resolved")

    def placeholder(self) -> str:
        return self.tr("The outcome, the basis for it, and what the enterprise was told")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.resolve(self.ticket_id, data["text"])


class ReopenDialog(_TextActionDialog):
    kind = EventType.REOPENED
    field_name = "reason"
    max_len = MEDIUM

    def title(self) -> str:
        return self.tr("Reopen")

    def submit_text(self) -> str:
        return self.tr("Reopen")

    def label(self) -> str:
        return self.tr("Reason")

    def placeholder(self) -> str:
        return self.tr("Why the request needs handling again")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.reopen(self.ticket_id, data["reason"])


class NoteDialog(_TextActionDialog):
    kind = EventType.NOTE

    def title(self) -> str:
        return self.tr("Note")

    def label(self) -> str:
        return self.tr("Note")

    def placeholder(self) -> str:
        return self.tr("Anything worth keeping on the timeline")

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.add_note(self.ticket_id, data["text"])


class ContactDialog(ActionDialog):
    """The unit reached the enterprise: which office handles it and how to reach them."""

    kind = EventType.CONTACTED

    def title(self) -> str:
        return self.tr("Enterprise contacted")

    def build(self) -> None:
        self.office = self.add_field("office", self.tr("Handling office"),
                                     self.line(SHORT, self.tr("e.g. Registration section")))
        self.person = self.add_field("person", self.tr("Contact person"), self.line(SHORT))
        self.phone = self.add_field("phone", self.tr("Phone"),
                                    self.line(40, self.tr("how the enterprise reaches them")))
        self.note, counter = self.text_box(MEDIUM, self.tr("What the enterprise was told"),
                                           lines=3, grow=False)
        self.add_field("note", self.tr("Note"), self.note, counter)

    def collect(self) -> dict[str, Any]:
        return {"office": self.text_of(self.office), "person": self.text_of(self.person),
                "phone": self.text_of(self.phone), "note": self.text_of(self.note)}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.record_contact(self.ticket_id, data["office"], data["person"],
                                   data["phone"], data["note"])


def dialog_class(kind: EventType) -> Callable[..., ActionDialog]:
    """The dialog that records ``kind``."""
    from desktop.screens import actions_answer, actions_followup, call, dispatch

    return {
        EventType.ANSWERED: actions_answer.AnswerDialog,
        EventType.CALL_LOGGED: call.CallDialog,
        EventType.DISPATCHED: dispatch.DispatchDialog,
        EventType.CONTACTED: ContactDialog,
        EventType.INTERIM_REPLY: InterimReplyDialog,
        EventType.NEXT_FEEDBACK_SET: actions_followup.NextFeedbackDialog,
        EventType.RESOLVED: ResolveDialog,
        EventType.EVALUATED: actions_followup.ReturnVisitDialog,
        EventType.REOPENED: ReopenDialog,
        EventType.SUPERVISED: actions_followup.SuperviseDialog,
        EventType.TRANSFERRED: dispatch.TransferDialog,
        EventType.NOTE: NoteDialog,
    }[kind]


__all__ = ["ActionDialog", "ContactDialog", "InterimReplyDialog", "NoteDialog", "ReopenDialog",
           "ResolveDialog", "dialog_class", "shortcut_text"]
