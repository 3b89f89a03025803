"""The knowledge base beside the intake form (即接即答复).

As the clerk types the request's description (or a search of their own), the knowledge
base is searched on the desk's worker (debounced), best answers first with the matched
terms in bold; the chosen article reads in full (answer, legal basis, handling unit),
and its answer is copied into an editable reply. The intake dialog records the request
and that reply with its source article in one transaction.

Keyboard: Down in the search box moves into the results; Up in the first result moves
back; the results follow the selection (no Enter needed).
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal)
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QKeyEvent, QPalette,
                           QTextDocument)
from PySide6.QtWidgets import (QApplication, QLabel, QLineEdit, QListView, QPlainTextEdit,
                               QPushButton, QSplitter, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTextBrowser, QVBoxLayout, QWidget,
                               QHBoxLayout)

from shiboken6 import isValid

from core.textsearch import highlight_spans
from desktop.context import AppContext
from desktop.i18n import current_language
from desktop.operations import DeskQuery
from sync.lookups import KbResult, KbResults

log = logging.getLogger(__name__)
DELAY_MS = 250
HitRole = Qt.ItemDataRole.UserRole + 1      # the KbResult
HtmlRole = Qt.ItemDataRole.UserRole + 2     # rich text for the delegate
MARK = "<b style='color:#0b57d0'>"
SELECTED = QColor("#dbe7fb")
SELECTED_EDGE = QColor("#0b57d0")

Index = QModelIndex | QPersistentModelIndex


def highlight_html(text: str, query: str) -> str:
    """``text`` escaped for rich text, the query's terms in bold."""
    if not text:
        return ""
    out: list[str] = []
    last = 0
    for start, end in highlight_spans(text, query) if query else []:
        out.append(html.escape(text[last:start]))
        out.append(MARK + html.escape(text[start:end]) + "</b>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, query: str, width: int = 70) -> str:
    """A window of ``text`` around its first match, ``width`` characters wide."""
    spans = highlight_spans(text, query) if query else []
    start = max(0, spans[0][0] - width // 3) if spans else 0
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's ``HtmlRole`` as rich text (for bold matches), selection aware."""

    def __init__(self, role: int = HtmlRole, parent: QObject | None = None):
        super().__init__(parent)
        self._role = role

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(4)
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(self._role) or html.escape(index.data() or ""))
        doc.setTextWidth(width)
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.state &= ~QStyle.StateFlag.State_Selected
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if selected:
            # a light selection, so the grey details and blue matches stay readable
            painter.fillRect(option.rect, SELECTED)
            painter.fillRect(option.rect.adjusted(0, 0, -option.rect.width() + 3, 0),
                             SELECTED_EDGE)
        doc = self._document(option, index, option.rect.width() - 4)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(4, 0)
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 4, option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width()
        if width <= 0:
            view = option.widget
            width = view.viewport().width() if view is not None and hasattr(view, "viewport") \
                else 360
        doc = self._document(option, index, width)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class KbResultsModel(QAbstractListModel):
    """The search's answers, best first."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._hits: list[KbResult] = []
        self._highlight = ""

    def set_results(self, results: KbResults) -> None:
        self.beginResetModel()
        self._hits = list(results.hits)
        self._highlight = results.highlight
        self.endResetModel()

    def hit(self, row: int) -> KbResult | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    @property
    def highlight(self) -> str:
        return self._highlight

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.answer[:200]
        if role == HtmlRole:
            topic = self._ctx.reference.topic_name(hit.topic, current_language())
            body = highlight_html(snippet(hit.answer, self._highlight), self._highlight)
            return (f"<div>{highlight_html(hit.title, self._highlight)}</div>"
                    f"<div style='color:#5f6b63; font-size:small'>"
                    f"<span style='color:#1e7b34'>{html.escape(topic)}</span> · {body}</div>")
        return None


class KbPanel(QWidget):
    """Search, results, the chosen article in full, and the reply to record."""

    answer_requested = Signal()        # the clerk asked to record the reply
    results_shown = Signal(int)        # a search's results are on screen (how many)
    article_shown = Signal(str)        # the id of the article now shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kbPanel")
        self._description = ""
        self._topic: str | None = None
        self._generation = 0
        self._article: KbResult | None = None
        self._loaded_answer = ""

        self.title = QLabel(self.tr("Knowledge base: answer at once"), objectName="kb_heading")
        self.title.setStyleSheet("font-weight: bold;")
        self.search = QLineEdit(objectName="kb_search")
        self.search.setPlaceholderText(
            self.tr("Search the knowledge base (e.g. 年报, 融资, 专利); empty: follows the request"))
        self.search.setClearButtonEnabled(True)
        self.status = QLabel(objectName="kb_status")
        self.status.setStyleSheet("color: #5f6b63;")
        self.model = KbResultsModel(ctx, self)
        self.results = QListView(objectName="kb_results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlDelegate(HtmlRole, self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.article = QTextBrowser(objectName="kb_article")
        self.article.setOpenLinks(False)
        self.answer_label = QLabel(self.tr("Reply to record (you may edit it)"))
        self.answer = QPlainTextEdit(objectName="kb_answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("Choose an article above; its answer appears here"))
        self.use_article = QPushButton(self.tr("Use the article's answer again"),
                                       objectName="kb_use_article")
        self.use_article.setAutoDefault(False)
        self.answer_button = QPushButton(self.tr("Record and answer at once (Ctrl+Shift+Enter)"),
                                         objectName="answerButton")
        self.answer_button.setAutoDefault(False)
        self.answer_button.setEnabled(False)
        self.answer_button.setStyleSheet("QPushButton:enabled { font-weight: bold; }")

        split = QSplitter(Qt.Orientation.Vertical, objectName="kb_split")
        split.addWidget(self.results)
        split.addWidget(self.article)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_article)
        buttons.addStretch(1)
        buttons.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(split, 4)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.answer, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.results.activated.connect(lambda _: self.answer.setFocus())
        self.use_article.clicked.connect(self._use_article)
        self.answer.textChanged.connect(self._answer_changed)
        self.answer_button.clicked.connect(self.answer_requested)
        self._show_article(None)

    # -- what to search ------------------------------------------------------------------

    def set_description(self, text: str) -> None:
        """The request's description changed: search by it unless a search is typed."""
        if text != self._description:
            self._description = text
            if not self.search.text().strip():
                self._timer.start()

    def set_topic(self, topic: str | None) -> None:
        if topic != self._topic:
            self._topic = topic
            self._timer.start()

    def query_text(self) -> str:
        return self.search.text().strip() or self._description.strip()

    def run_search(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, text, topic = self._generation, self.query_text(), self._topic
        if not text:
            self._shown(generation, KbResults())
            return
        self.status.setText(self.tr("Searching…"))
        DeskQuery(self.ctx, self, lambda desk: desk.kb_lookup(text, topic, 20)) \
            .success(lambda results: self._shown(generation, results)) \
            .failure(lambda exc: log.warning("knowledge-base search failed: %s", exc)).run()

    def _shown(self, generation: int, results: KbResults) -> None:
        if not isValid(self) or generation != self._generation:
            return   # the clerk typed on; a newer search is coming
        keep = self._article.id if self._article else None
        self.model.set_results(results)
        if not results.text.strip():
            self.status.setText(self.tr("Type the request or a search to see answers"))
        elif not results.hits:
            self.status.setText(self.tr("No answer found; try another word"))
        else:
            self.status.setText(self.tr("%1 answers").replace("%1", str(len(results.hits))))
        rows = [i for i, h in enumerate(results.hits) if h.id == keep]
        if rows:
            self.results.setCurrentIndex(self.model.index(rows[0], 0))
        self.results_shown.emit(len(results.hits))

    # -- the article and the reply ---------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is not None and (self._article is None or hit.id != self._article.id):
            self._show_article(hit)

    def choose(self, article_id: str) -> bool:
        """Select an article of the results (as a click would); False if not listed."""
        for row in range(self.model.rowCount()):
            hit = self.model.hit(row)
            if hit is not None and hit.id == article_id:
                self.results.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _show_article(self, hit: KbResult | None) -> None:
        previous = self._loaded_answer
        self._article = hit
        if hit is None:
            nothing = self.tr("No article chosen")
            self.article.setHtml(f"<p style='color:#5f6b63'>{html.escape(nothing)}</p>")
            self.update_button()
            return
        query = self.model.highlight
        unit = self.ctx.reference.unit(hit.data.get("unit_id"))
        topic = self.ctx.reference.topic_name(hit.topic, current_language())
        rows = [(self.tr("Legal basis"), hit.data.get("basis") or "—"),
                (self.tr("Handling unit"), unit.name if unit else (hit.data.get("unit_id") or "—")),
                (self.tr("Topic"), topic),
                (self.tr("Updated"), hit.data.get("updated") or "—"),
                (self.tr("Keywords"), "、".join(hit.data.get("keywords") or []) or "—")]
        meta = "".join(f"<tr><td style='color:#5f6b63; padding-right:8px'>{html.escape(k)}</td>"
                       f"<td>{html.escape(str(v))}</td></tr>" for k, v in rows)
        self.article.setHtml(
            f"<h3 style='margin:0'>{highlight_html(hit.title, query)}</h3>"
            f"<p>{highlight_html(hit.answer, query)}</p>"
            f"<table cellspacing='0'>{meta}</table>"
            f"<p style='color:#5f6b63'>{html.escape(hit.id)}</p>")
        current = self.answer.toPlainText()
        if not current.strip() or current == previous:
            self._set_answer(hit.answer)
        self.update_button()
        self.article_shown.emit(hit.id)

    def _set_answer(self, text: str) -> None:
        self._loaded_answer = text
        self.answer.setPlainText(text)

    def _use_article(self) -> None:
        if self._article is not None:
            self._set_answer(self._article.answer)

    def _answer_changed(self) -> None:
        self.update_button()

    def update_button(self) -> None:
        ok = self._article is not None and bool(self.answer.toPlainText().strip())
        self.answer_button.setEnabled(ok)
        self.use_article.setEnabled(self._article is not None
                                    and self.answer.toPlainText() != self._article.answer)

    @property
    def chosen(self) -> KbResult | None:
        return self._article

    def answer_event(self) -> dict[str, Any] | None:
        """The ``answered`` event's data for the chosen article and the reply, or None."""
        hit = self._article
        text = self.answer.toPlainText().strip()
        if hit is None or not text:
            return None
        return {"answer": text, "source": "kb", "source_ref": hit.id,
                "source_title": hit.title}

    # -- drafts ----------------------------------------------------------------------------

    def draft(self) -> dict[str, Any]:
        return {"kb_search": self.search.text(),
                "kb_article": self._article.id if self._article else None,
                "kb_answer": self.answer.toPlainText()}

    def restore(self, values: dict[str, Any]) -> None:
        """Put a draft back: the search, and once its results arrive, the article and
        the (possibly edited) reply."""
        self.search.setText(str(values.get("kb_search") or ""))
        article, answer = values.get("kb_article"), values.get("kb_answer")
        if not article:
            if answer:
                self._set_answer(str(answer))
            return

        def again(_: int) -> None:
            self.results_shown.disconnect(again)
            if self.choose(str(article)) and answer:
                self.answer.setPlainText(str(answer))
        self.results_shown.connect(again)
        self.run_search()

    # -- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self.results.setFocus()
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0, 0))
                return True
            if watched is self.results and key == Qt.Key.Key_Up \
                    and self.results.currentIndex().row() <= 0:
                self.search.setFocus()
                return True
            if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                 | Qt.KeyboardModifier.ShiftModifier):
                self.answer.setFocus()
                return True
        return super().eventFilter(watched, event)
