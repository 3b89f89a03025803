"""Intake (受理): the form a counter clerk fills while the enterprise is at the window,
with the knowledge base beside it to answer at once (即接即答复).

* The enterprise is found in the desk's cache as its credit code, name or pinyin
  initials are typed (a popup under the field), or entered as new: the credit code is
  checked as typed (illegal characters and a bad authority at once, the check character
  when all 18 are in; a code failing only its check character may be kept with a note),
  and the region and entity type it encodes are shown read-only.
* A warning, never a block, when the same enterprise has an open request on a similar
  topic in the last 30 days, with links to open them.
* Keyboard: Enter moves to the next field (Shift+Enter starts a new line in the
  request), Ctrl+Enter records, Ctrl+Shift+Enter records and answers at once with the
  chosen knowledge-base article.
* A half-typed intake is kept as a draft (``desktop.drafts``) and offered back the next
  time the intake opens.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QFormLayout, QFrame,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)
from shiboken6 import isValid

from core.identifiers import (check_credit_code, check_phone, normalize_credit_code,
                              partial_credit_code)
from core.intake import MAX_DESCRIPTION
from core.tickets import EventType
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.i18n import current_language
from desktop.labels import choices, label
from desktop.operations import DeskOp, DeskQuery
from desktop.widgets.enterprise_picker import EnterprisePicker
from sync.codec import from_db_time
from sync.lookups import SIMILAR_DAYS, EnterpriseHit, SimilarRequest

log = logging.getLogger(__name__)
OK_STYLE = "color: #1e7b34;"
WARN_STYLE = "color: #8a5a00;"
BAD_STYLE = "color: #b3261e;"
MUTED_STYLE = "color: #5f6b63;"
DUPLICATE_DELAY_MS = 400

# what a draft keeps of the form (combo boxes by their codes)
TEXT_FIELDS = ("credit_code", "credit_override_note", "enterprise_name", "contact_name",
               "contact_phone", "filed_by", "description")
CHOICE_FIELDS = ("channel", "type", "topic", "town")


def quiet(exc: Exception) -> None:
    """A lookup made while typing failed: log it; the clerk keeps typing undisturbed."""
    log.warning("intake lookup failed: %s", exc, exc_info=exc)


def _plain_enter(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
        and mods == Qt.KeyboardModifier.NoModifier


class IntakeForm(QWidget):
    """The fields of an intake; ``values()`` gives the form the desk API takes."""

    submitted = Signal(str)        # the new request's id
    changed = Signal()             # any value changed (drafts listen)
    open_request = Signal(str)     # the clerk followed a link to an earlier request
    duplicates_shown = Signal(int)  # the duplicate check finished (how many it lists)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeForm")
        ref = ctx.reference
        self.enterprise: EnterpriseHit | None = None     # chosen from the cache
        self.duplicates: list[SimilarRequest] = []
        self._busy = False
        self._filling = False
        self._dup_generation = 0
        self._code_generation = 0

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(5)

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
        self.enterprise_name.setPlaceholderText(
            self.tr("Name or pinyin initials, e.g. xlwj; pick from the list or type a new one"))
        self.enterprise_badge = QLabel(objectName="enterprise_badge")
        self.region = QLineEdit(objectName="region")
        self.entity_type = QLineEdit(objectName="entity_type")
        for w in (self.region, self.entity_type):
            w.setReadOnly(True)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            w.setStyleSheet("QLineEdit { background: #f1f3f1; color: #3c4740; }")
            w.setPlaceholderText(self.tr("from the credit code"))
        decoded = QHBoxLayout()
        decoded.setContentsMargins(0, 0, 0, 0)
        decoded.addWidget(self.region, 3)
        decoded.addWidget(self.entity_type, 2)
        self.town = self._combo("town", [(t.code, t.name) for t in ref.towns])
        if ctx.desk.station is not None:
            self._select(self.town, ctx.desk.station.town)
        self.contact_name = QLineEdit(objectName="contact_name")
        self.contact_name.setMaxLength(50)
        self.contact_phone = QLineEdit(objectName="contact_phone")
        self.contact_phone.setPlaceholderText(self.tr("mobile, or landline such as 0760-88886666"))
        self.phone_status = QLabel(objectName="phone_status")
        self.filed_by = QLineEdit(objectName="filed_by")
        self.filed_by.setMaxLength(50)
        self.filed_by.setPlaceholderText(self.tr("official who visited, e.g. name and post"))
        self.description = QPlainTextEdit(objectName="description")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        self.description.setPlaceholderText(
            self.tr("What the enterprise asks; the knowledge base on the right follows it"))
        self.counter = QLabel(objectName="description_counter")

        self.dup_frame = QFrame(objectName="duplicate_frame")
        self.dup_frame.setStyleSheet("#duplicate_frame { background: #fff4d6; "
                                     "border: 1px solid #e0b44c; border-radius: 4px; }")
        self.dup_warning = QLabel(objectName="duplicate_warning")
        self.dup_warning.setWordWrap(True)
        self.dup_warning.setTextFormat(Qt.TextFormat.RichText)
        self.dup_warning.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        frame_layout = QVBoxLayout(self.dup_frame)
        frame_layout.setContentsMargins(8, 6, 8, 6)
        frame_layout.addWidget(self.dup_warning)
        self.dup_frame.hide()
        self.error = QLabel(objectName="form_error")
        self.error.setStyleSheet(BAD_STYLE)
        self.error.setWordWrap(True)

        form.addRow(self.tr("Channel"), self.channel)
        self._filed_by_label = QLabel(self.tr("Filed on behalf by"))
        form.addRow(self._filed_by_label, self.filed_by)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("Credit code"), self.credit_code)
        form.addRow("", self.credit_status)
        self._override_label = QLabel(self.tr("Exception note"))
        form.addRow(self._override_label, self.override_note)
        form.addRow(self.tr("Enterprise"), self.enterprise_name)
        form.addRow("", self.enterprise_badge)
        form.addRow(self.tr("Region · entity type"), decoded)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Contact person"), self.contact_name)
        form.addRow(self.tr("Phone"), self.contact_phone)
        form.addRow("", self.phone_status)
        form.addRow(self.tr("Request"), self.description)
        form.addRow("", self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.dup_frame)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.fields: dict[str, QWidget] = {
            "channel": self.channel, "type": self.type, "topic": self.topic,
            "credit_code": self.credit_code, "credit_override_note": self.override_note,
            "enterprise_name": self.enterprise_name, "town": self.town,
            "contact_name": self.contact_name, "contact_phone": self.contact_phone,
            "filed_by": self.filed_by, "description": self.description,
        }
        self.code_picker = EnterprisePicker(ctx, self.credit_code, self)
        self.name_picker = EnterprisePicker(ctx, self.enterprise_name, self)
        for picker in (self.code_picker, self.name_picker):
            picker.picked.connect(self.pick_enterprise)
        for widget in self.fields.values():
            widget.installEventFilter(self)

        self._dup_timer = QTimer(self, singleShot=True, interval=DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self.check_duplicates)
        self.credit_code.textChanged.connect(self._check_code)
        self.credit_code.textEdited.connect(self._code_edited)
        self.enterprise_name.textEdited.connect(self._name_edited)
        self.contact_phone.editingFinished.connect(self._check_phone)
        self.contact_phone.textChanged.connect(lambda: self.phone_status.clear())
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.description.textChanged.connect(self._count)
        self.dup_warning.linkActivated.connect(self._link)
        for combo in (self.channel, self.type, self.topic, self.town):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        for edit in (self.credit_code, self.override_note, self.enterprise_name,
                     self.contact_name, self.contact_phone, self.filed_by):
            edit.textChanged.connect(lambda _: self.changed.emit())
        self.description.textChanged.connect(self.changed)
        for source in (self.topic.currentIndexChanged, self.enterprise_name.textChanged,
                       self.description.textChanged):
            source.connect(lambda *_: self._dup_timer.start())
        self._check_code("")
        self._channel_changed()
        self._count()
        self._badge()

    # -- building ------------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox(objectName=name)
        for code, text in items:
            box.addItem(text, code)
        return box

    @staticmethod
    def _select(box: QComboBox, code: str | None) -> None:
        i = box.findData(code)
        if i >= 0:
            box.setCurrentIndex(i)

    # -- keyboard: Enter moves on ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and _plain_enter(event):
            if watched in (self.credit_code, self.enterprise_name):
                picker = self.code_picker if watched is self.credit_code else self.name_picker
                if picker.popup_visible:
                    return False          # Enter chooses in the popup
                picker.hide()
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            self.focusNextPrevChild(True)
            return True
        return super().eventFilter(watched, event)

    # -- the enterprise --------------------------------------------------------------------

    def pick_enterprise(self, hit: EnterpriseHit) -> None:
        """Fill the form from an enterprise of the cache (as choosing it in the popup)."""
        self._filling = True
        try:
            self.enterprise = hit
            self.credit_code.setText(hit.credit_code or "")
            self.enterprise_name.setText(hit.name)
            if hit.town:
                self._select(self.town, hit.town)
            if not self.contact_name.text().strip() and hit.last_contact_name:
                self.contact_name.setText(hit.last_contact_name)
            if not self.contact_phone.text().strip() and hit.last_contact_phone:
                self.contact_phone.setText(hit.last_contact_phone)
        finally:
            self._filling = False
        self._badge()
        self._dup_timer.start()
        for widget in (self.contact_name, self.contact_phone, self.description):
            if isinstance(widget, QLineEdit) and widget.text().strip():
                continue
            widget.setFocus()
            break

    def _code_edited(self, text: str) -> None:
        if self.enterprise is not None \
                and normalize_credit_code(text) != (self.enterprise.credit_code or ""):
            self.enterprise = None
            self._badge()

    def _name_edited(self, text: str) -> None:
        if self.enterprise is not None and text.strip() != self.enterprise.name \
                and not self.enterprise.credit_code:
            self.enterprise = None
            self._badge()

    def _lookup_code(self, code: str) -> None:
        """A complete, valid code typed without choosing: is it in the cache?"""
        self._code_generation += 1
        generation = self._code_generation

        def found(hit: EnterpriseHit | None) -> None:
            if not isValid(self) or generation != self._code_generation \
                    or normalize_credit_code(self.credit_code.text()) != code:
                return
            if hit is not None:
                if not self.enterprise_name.text().strip() or self.enterprise is None:
                    self.code_picker.hide()
                    self.enterprise = hit
                    self._filling = True
                    try:
                        if not self.enterprise_name.text().strip():
                            self.enterprise_name.setText(hit.name)
                        if hit.town:
                            self._select(self.town, hit.town)
                    finally:
                        self._filling = False
            self._badge(new=hit is None)
            self._dup_timer.start()

        DeskQuery(self.ctx, self, lambda desk: desk.enterprise_by_code(code)).success(found) \
            .failure(quiet).run()

    def _badge(self, new: bool = False) -> None:
        hit = self.enterprise
        if hit is not None:
            text = "✓ " + self.tr("In this desk's enterprise list")
            if hit.open_requests:
                text += " · " + self.tr("%1 open requests").replace("%1", str(hit.open_requests))
            self.enterprise_badge.setText(text)
            self.enterprise_badge.setStyleSheet(OK_STYLE)
        elif new:
            self.enterprise_badge.setText(
                self.tr("New enterprise: it is added to the list when the request is recorded"))
            self.enterprise_badge.setStyleSheet(MUTED_STYLE)
        else:
            self.enterprise_badge.setText(
                self.tr("Type a credit code, name or pinyin initials to find the enterprise"))
            self.enterprise_badge.setStyleSheet(MUTED_STYLE)

    # -- live checks -----------------------------------------------------------------------

    def _check_code(self, text: str) -> None:
        zh = current_language() == "zh_CN"
        stripped = text.strip()
        show_override = False
        decoded = check_credit_code(stripped) if stripped else None
        if decoded is not None:
            region = decoded.region_label if zh else decoded.region_label_en
            kind = decoded.entity_type_label if zh else decoded.entity_type_label_en
            self.region.setText(region or (decoded.region_code or ""))
            self.entity_type.setText(kind or "")
        else:
            self.region.clear()
            self.entity_type.clear()
        if not stripped:
            self.credit_status.setText(self.tr("Optional; checked as you type"))
            self.credit_status.setStyleSheet(MUTED_STYLE)
        else:
            partial = partial_credit_code(stripped)
            if partial.problems and not partial.complete:
                problem = partial.problems[0]
                self.credit_status.setText("✗ " + (problem.message_zh if zh else problem.message_en))
                self.credit_status.setStyleSheet(BAD_STYLE)
            elif not partial.complete:
                self.credit_status.setText(self.tr("%1 of 18 characters")
                                           .replace("%1", str(len(partial.code))))
                self.credit_status.setStyleSheet(MUTED_STYLE)
            else:
                assert decoded is not None
                parts = [p for p in ((decoded.entity_type_label, decoded.region_label) if zh else
                                     (decoded.entity_type_label_en, decoded.region_label_en)) if p]
                if decoded.ok:
                    self.credit_status.setText("✓ " + self.tr("Valid") + " · " + " · ".join(parts))
                    self.credit_status.setStyleSheet(OK_STYLE)
                else:
                    problem = decoded.problems[0]
                    show_override = problem.rule == "check_character"
                    message = problem.message_zh if zh else problem.message_en
                    if show_override:
                        message += " " + self.tr("(keep it only with an exception note)")
                    self.credit_status.setText("⚠ " + message)
                    self.credit_status.setStyleSheet(WARN_STYLE if show_override else BAD_STYLE)
                if (decoded.ok or show_override) and not self._filling:
                    self._lookup_code(decoded.code)
        self.override_note.setVisible(show_override)
        self._override_label.setVisible(show_override)
        if decoded is None or len(decoded.code) < 18:
            if self.enterprise is None:
                self._badge()
        self._dup_timer.start()

    def _check_phone(self) -> None:
        text = self.contact_phone.text().strip()
        if not text:
            self.phone_status.clear()
            return
        result = check_phone(text)
        if result.ok:
            self.phone_status.setText("✓ " + (result.normalized or ""))
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
        self.counter.setStyleSheet(BAD_STYLE if n > MAX_DESCRIPTION else MUTED_STYLE)

    # -- the duplicate warning -----------------------------------------------------------------

    def check_duplicates(self) -> None:
        """Look for open requests of this enterprise on a similar topic (debounced)."""
        self._dup_timer.stop()
        self._dup_generation += 1
        generation = self._dup_generation
        code = check_credit_code(self.credit_code.text()) if self.credit_code.text().strip() else None
        credit = code.code if code is not None and len(code.code) == 18 else None
        name = self.enterprise_name.text().strip()
        if not credit and len(name) < 4:
            self._show_duplicates(generation, [])
            return
        topic, description = self.topic.currentData(), self.description.toPlainText()
        DeskQuery(self.ctx, self, lambda desk: desk.similar_open_requests(
            credit_code=credit, enterprise_name=None if credit else name, topic=topic,
            description=description)).success(
            lambda found: self._show_duplicates(generation, found)).failure(quiet).run()

    def _show_duplicates(self, generation: int, found: list[SimilarRequest]) -> None:
        if not isValid(self) or generation != self._dup_generation:
            return
        self.duplicates = found
        if not found:
            self.dup_frame.hide()
            self.dup_warning.clear()
            self.duplicates_shown.emit(0)
            return
        lang = current_language()
        tz = self.ctx.desk.schedule.hours.tz
        lines = []
        for r in found:
            moment = from_db_time(r.created_at)
            day = moment.astimezone(tz).strftime("%m-%d") if moment else ""
            why = (self.tr("same topic") if r.same_topic else
                   self.tr("shares: %1").replace("%1", "、".join(r.shared_terms[:5])))
            lines.append(
                f"<a href='ticket:{html.escape(r.id)}'>{html.escape(r.number)}</a> {day} "
                f"{html.escape(self.ctx.reference.topic_name(r.topic, lang))} · "
                f"{html.escape(label('status', r.status))} — {html.escape(r.excerpt)} "
                f"<span style='color:#8a5a00'>({html.escape(why)})</span>")
        heading = self.tr("This enterprise has %1 open request(s) on a similar topic in the "
                          "last %2 days; check it is not the same (you may still record):") \
            .replace("%1", str(len(found))).replace("%2", str(SIMILAR_DAYS))
        self.dup_warning.setText(f"<b>⚠ {html.escape(heading)}</b><br>" + "<br>".join(lines))
        self.dup_frame.show()
        self.duplicates_shown.emit(len(found))

    def _link(self, href: str) -> None:
        if href.startswith("ticket:"):
            self.open_request.emit(href.removeprefix("ticket:"))

    # -- values ----------------------------------------------------------------------------

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
        if self.override_note.isVisibleTo(self) and self.override_note.text().strip():
            form["credit_override_note"] = self.override_note.text()
        return {k: v for k, v in form.items() if v is not None}

    def draft(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: self.fields[name].currentData()  # type: ignore[attr-defined]
                               for name in CHOICE_FIELDS}
        for name in TEXT_FIELDS:
            widget = self.fields[name]
            out[name] = widget.toPlainText() if isinstance(widget, QPlainTextEdit) \
                else widget.text()  # type: ignore[attr-defined]
        out["enterprise_id"] = self.enterprise.id if self.enterprise else None
        return out

    def is_blank(self) -> bool:
        """Nothing typed yet (the choices alone are not worth a draft)."""
        values = self.draft()
        return not any(str(values.get(name) or "").strip() for name in TEXT_FIELDS)

    def restore(self, values: Mapping[str, Any]) -> None:
        """Put a draft's values back into the fields."""
        for name in CHOICE_FIELDS:
            if values.get(name):
                self._select(self.fields[name], values[name])  # type: ignore[arg-type]
        for name in TEXT_FIELDS:
            widget = self.fields[name]
            text = str(values.get(name) or "")
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text)  # type: ignore[attr-defined]
        self._check_phone()
        self._dup_timer.start()

    def clear_error(self) -> None:
        self.error.clear()
        for w in self.fields.values():
            w.setStyleSheet("")

    def show_error(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.error.setText(user_message(exc))
        field = getattr(exc, "field", None)
        widget = self.fields.get(field or "")
        for w in self.fields.values():
            w.setStyleSheet("")
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #b3261e;")
            widget.setFocus()

    # -- recording -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        window = self.window()
        if hasattr(window, "set_busy"):
            window.set_busy(busy)

    def submit(self, then: Sequence[tuple[EventType, Mapping[str, Any]]] = ()) -> None:
        """Record the intake (and ``then`` its next steps, in the same transaction)."""
        if self._busy:
            return     # a second Ctrl+Enter while the first is being recorded
        form = self.values()
        then = list(then)
        self.clear_error()
        self._set_busy(True)

        def done(result: tuple[str, Any]) -> None:
            if not isValid(self):
                return
            self._set_busy(False)
            self.submitted.emit(result[0])

        DeskOp(self.ctx, self, lambda desk: desk.record_intake(form, then=then)) \
            .success(done).failure(self.show_error).run()
