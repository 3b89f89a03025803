"""The intake dialog: the form, the knowledge base beside it (answer at once), and the
draft kept as it is typed and offered back ("restore the unfinished intake?")."""

from __future__ import annotations

import datetime as dt
import html
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from core.tickets import EventType
from desktop.context import AppContext
from desktop.drafts import Draft, DraftKeeper, DraftStore
from desktop.screens.intake import MUTED_STYLE, IntakeForm, _plain_enter
from desktop.widgets.kb_panel import KbPanel

log = logging.getLogger(__name__)


class RestoreBanner(QFrame):
    """"Restore the unfinished intake?" with what it holds and when it was saved."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restoreBanner")
        self.setStyleSheet("#restoreBanner { background: #e8f0fe; border: 1px solid #8ab4f8; "
                           "border-radius: 4px; }")
        self.text = QLabel(objectName="restore_text")
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore"), objectName="restoreDraft")
        self.discard_button = QPushButton(self.tr("&Discard it"), objectName="discardDraft")
        for b in (self.restore_button, self.discard_button):
            b.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.restore_button.installEventFilter(self)

    def show_draft(self, draft: Draft, tz: dt.tzinfo) -> None:
        when = draft.saved_at.astimezone(tz).strftime("%m-%d %H:%M")
        what = " · ".join(p for p in (draft.enterprise, draft.excerpt) if p)
        question = self.tr("Restore the unfinished intake?")
        self.text.setText(f"<b>{html.escape(question)}</b> "
                          + html.escape(self.tr("Saved %1").replace("%1", when))
                          + (f"<br>{html.escape(what)}" if what else ""))
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.restore_button and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and _plain_enter(event):
            self.restore_button.click()
            return True
        return super().eventFilter(watched, event)


class IntakeDialog(QDialog):
    """The intake form, the knowledge base beside it, the draft kept as it is typed."""

    open_request = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("New request"))
        self.ticket_id: str | None = None
        self._discarded = False

        self.banner = RestoreBanner(self)
        self.banner.hide()
        self.form = IntakeForm(ctx, self)
        self.kb = KbPanel(ctx, self)
        self.split = QSplitter(Qt.Orientation.Horizontal, objectName="intakeSplit")
        self.split.addWidget(self.form)
        self.split.addWidget(self.kb)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([560, 520])
        self.form.setMinimumWidth(440)
        self.kb.setMinimumWidth(380)

        buttons = QDialogButtonBox(objectName="intakeButtons")
        self.discard = buttons.addButton(self.tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.discard.setObjectName("discardButton")
        self.discard.setToolTip(self.tr("Close and throw away what is typed"))
        self.record = buttons.addButton(self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record.setObjectName("recordButton")
        self.record.setToolTip(self.tr("Record the request (Ctrl+Enter)"))
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setToolTip(self.tr("Close; what is typed is kept as a draft"))
        for b in (self.discard, self.record, self.cancel):
            b.setAutoDefault(False)
            b.setDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.discard.clicked.connect(self.discard_and_close)
        self.hint = QLabel(self.tr("Enter: next field · Ctrl+Enter: record · "
                                   "Ctrl+Shift+Enter: record and answer at once · "
                                   "Esc: close (the draft is kept)"), objectName="keysHint")
        self.hint.setStyleSheet(MUTED_STYLE)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.split, 1)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.submit)
        for keys in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.answer_now)

        self.form.submitted.connect(self._done)
        self.form.open_request.connect(self.open_request)
        self.form.description.textChanged.connect(
            lambda: self.kb.set_description(self.form.description.toPlainText()))
        self.form.topic.currentIndexChanged.connect(
            lambda _: self.kb.set_topic(self.form.topic.currentData()))
        self.kb.set_topic(self.form.topic.currentData())
        self.kb.answer_requested.connect(self.answer_now)

        self.drafts = DraftKeeper(DraftStore.for_desk(ctx.desk.store.path), self._draft, self)
        self.form.changed.connect(self.drafts.changed)
        self.kb.search.textChanged.connect(lambda _: self.drafts.changed())
        self.kb.answer.textChanged.connect(self.drafts.changed)
        self.kb.article_shown.connect(lambda _: self.drafts.changed())
        self.banner.restore_button.clicked.connect(self.restore_draft)
        self.banner.discard_button.clicked.connect(self.discard_draft)
        self.pending_draft = self.drafts.store.load()
        if self.pending_draft is not None:
            self._ask_restore(self.pending_draft)
        self.resize(1180, 760)

    # -- drafts ----------------------------------------------------------------------------

    def _draft(self) -> dict[str, Any] | None:
        if self.form.is_blank() and not self.kb.answer.toPlainText().strip():
            return None
        return {**self.form.draft(), **self.kb.draft()}

    def _ask_restore(self, draft: Draft) -> None:
        self.drafts.paused = True
        self.split.setEnabled(False)
        self.banner.show_draft(draft, self.ctx.desk.schedule.hours.tz)
        self.banner.restore_button.setFocus()

    def _answered(self) -> None:
        self.pending_draft = None
        self.banner.hide()
        self.split.setEnabled(True)
        self.drafts.paused = False

    def restore_draft(self) -> None:
        draft = self.pending_draft
        self._answered()
        if draft is not None:
            self.form.restore(draft.values)
            self.kb.restore(draft.values)
        self.form.description.setFocus()

    def discard_draft(self) -> None:
        self._answered()
        self.drafts.discard()
        self.form.channel.setFocus()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.pending_draft is not None:
            self.banner.restore_button.setFocus()
        else:
            QTimer.singleShot(0, self.form.channel.setFocus)

    # -- recording -------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        for b in (self.record, self.kb.answer_button):
            b.setEnabled(not busy)
        if not busy:
            self.kb.update_button()

    def submit(self) -> None:
        if self.pending_draft is None:
            self.form.submit()

    def answer_now(self) -> None:
        """Record the request and the chosen article's reply; it closes as answered."""
        if self.pending_draft is not None:
            return
        data = self.kb.answer_event()
        if data is None:
            self.form.error.setText(self.tr("Choose a knowledge-base article (and its reply) "
                                            "to answer at once"))
            self.kb.search.setFocus()
            return
        self.form.submit(then=[(EventType.ANSWERED, data)])

    def _done(self, ticket_id: str) -> None:
        self.ticket_id = ticket_id
        self.drafts.discard()
        self.accept()

    def discard_and_close(self) -> None:
        self._discarded = True
        self.drafts.discard()
        self.reject()

    def reject(self) -> None:
        if not self._discarded and self.pending_draft is None:
            self.drafts.flush()           # closing keeps what is typed
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if not self._discarded and self.pending_draft is None:
            self.drafts.flush()
        super().closeEvent(event)
