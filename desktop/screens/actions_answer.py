"""Answer at once (即接即答复) on a request already taken: the answer and its source, a
knowledge-base article found as the clerk types or the clerk's own stated basis."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QRadioButton, QVBoxLayout, QWidget)

from core.tickets import LONG, AnswerSource, EventType
from desktop.operations import DeskQuery
from desktop.screens.actions import HINT_STYLE, ActionDialog
from sync.catalogue_store import KbHit
from sync.changes import Changes
from sync.desk import Desk

SEARCH_DELAY_MS = 200
ArticleRole = Qt.ItemDataRole.UserRole + 1


class AnswerDialog(ActionDialog):
    kind = EventType.ANSWERED

    def title(self) -> str:
        return self.tr("Answer at once")

    def submit_text(self) -> str:
        return self.tr("Answer and close")

    def build(self) -> None:
        source = QWidget()
        row = QHBoxLayout(source)
        row.setContentsMargins(0, 0, 0, 0)
        self.from_kb = QRadioButton(self.tr("Knowledge base"), objectName="source_kb")
        self.from_clerk = QRadioButton(self.tr("My own answer, with its basis"),
                                       objectName="source_clerk")
        self.source_group = QButtonGroup(source)
        for b in (self.from_kb, self.from_clerk):
            self.source_group.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        self.from_kb.setChecked(True)
        source.setFocusProxy(self.from_kb)
        self.add_field("source", self.tr("Source"), source)

        kb = QWidget()
        box = QVBoxLayout(kb)
        box.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(objectName="kbSearch")
        self.search.setPlaceholderText(self.tr("Search the knowledge base (年报, 融资, pinyin …)"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(objectName="kbResults")
        self.results.setMinimumHeight(120)
        box.addWidget(self.search)
        box.addWidget(self.results)
        kb.setFocusProxy(self.search)
        self.add_field("source_ref", self.tr("Article"), kb, stretch=True)

        self.basis = self.line(200, self.tr("e.g. the policy document and clause"))
        self.add_field("source_title", self.tr("Basis"), self.basis)
        self.answer, counter = self.text_box(LONG, self.tr("The answer as given to the "
                                                           "enterprise"), lines=6)
        self.add_field("answer", self.tr("Answer"), self.answer, counter)
        note = QLabel(self.tr("Recording the answer closes the request as answered at once."))
        note.setStyleSheet(HINT_STYLE)
        note.setWordWrap(True)
        self.form.addRow(note)

        self._article: KbHit | None = None
        self._filled_from: str | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.installEventFilter(self)
        self.results.currentItemChanged.connect(lambda *_: self._picked())
        self.source_group.buttonToggled.connect(lambda *_: self._source_changed())
        self._source_changed()
        self._run_search()

    # -- the knowledge base ------------------------------------------------------------

    def _run_search(self) -> None:
        text, topic = self.search.text().strip(), self.detail.header.get("topic")
        DeskQuery(self.ctx, self, lambda desk: desk.search_kb(text, None if text else topic)) \
            .success(lambda hits: self._show_hits(text, hits)).run()

    def _show_hits(self, text: str, hits: list[KbHit]) -> None:
        if text != self.search.text().strip():
            return   # the clerk typed on
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit.title)
            item.setData(ArticleRole, hit)
            item.setToolTip(hit.answer[:300])
            self.results.addItem(item)

    def _picked(self) -> None:
        item = self.results.currentItem()
        hit: KbHit | None = item.data(ArticleRole) if item else None
        self._article = hit
        if hit is None:
            return
        current = self.answer.toPlainText().strip()
        if not current or current == self._filled_from:
            self.answer.setPlainText(hit.answer)
            self._filled_from = hit.answer.strip()

    def _source_changed(self) -> None:
        kb = self.from_kb.isChecked()
        self.set_field_visible("source_ref", kb)
        self.set_field_visible("source_title", not kb)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(key)
            if step is not None and self.results.count():
                row = max(0, min(self.results.currentRow() + step, self.results.count() - 1))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count() \
                    and self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
        return super().eventFilter(watched, event)

    # -- recording ---------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        if self.from_kb.isChecked():
            hit = self._article
            return {"answer": self.text_of(self.answer), "source": AnswerSource.KNOWLEDGE_BASE.value,
                    "source_ref": hit.id if hit else None,
                    "source_title": hit.title if hit else None}
        return {"answer": self.text_of(self.answer), "source": AnswerSource.CLERK.value,
                "source_ref": None, "source_title": self.text_of(self.basis)}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.answer_immediately(self.ticket_id, data["answer"], source=data["source"],
                                       source_ref=data["source_ref"],
                                       source_title=data["source_title"])
