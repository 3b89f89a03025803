"""Finding an enterprise in the desk's cache while typing its credit code, its name or
its name's pinyin initials: a popup under the field (a ``QCompleter`` fed by a lookup on
the desk's worker), navigated with Up/Down, chosen with Enter or a click, closed with
Esc. The field keeps what the clerk typed until an enterprise is chosen.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt,
                            QTimer, Signal)
from PySide6.QtWidgets import QCompleter, QLineEdit

from shiboken6 import isValid

from core.identifiers import mask_phone
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.widgets.kb_panel import HtmlDelegate, highlight_html
from sync.codec import from_db_time
from sync.lookups import EnterpriseHit

log = logging.getLogger(__name__)
DELAY_MS = 150
HitRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class EnterpriseResultsModel(QAbstractListModel):
    """Enterprises found for the text typed, best first."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._hits: list[EnterpriseHit] = []
        self._text = ""

    def set_hits(self, hits: list[EnterpriseHit], text: str) -> None:
        self.beginResetModel()
        self._hits, self._text = list(hits), text
        self.endResetModel()

    def hit(self, row: int) -> EnterpriseHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return f"{hit.name} {hit.credit_code or ''}".strip()
        if role == HitRole:
            return hit
        if role == HtmlRole:
            return self._html(hit)
        return None

    def _html(self, hit: EnterpriseHit) -> str:
        text = self._text
        code = hit.credit_code or ""
        if hit.how == "code" and code:
            n = len(text.strip().replace(" ", ""))
            code_html = f"<b style='color:#0b57d0'>{html.escape(code[:n])}</b>{html.escape(code[n:])}"
        else:
            code_html = highlight_html(code, text)
        details = [self._ctx.reference.town_name(hit.town)] if hit.town else []
        if hit.open_requests:
            details.append(self.tr("%1 open").replace("%1", str(hit.open_requests)))
        if hit.last_request_at:
            moment = from_db_time(hit.last_request_at)
            if moment is not None:
                day = moment.astimezone(self._ctx.desk.schedule.hours.tz).strftime("%Y-%m-%d")
                details.append(self.tr("last %1").replace("%1", day))
        if hit.last_contact_name:
            details.append(f"{hit.last_contact_name} {mask_phone(hit.last_contact_phone or '')}")
        return (f"<div>{highlight_html(hit.name, text)}</div>"
                f"<div style='color:#5f6b63; font-size:small'>{code_html}"
                f"{' · ' if details else ''}{html.escape(' · '.join(details))}</div>")


class EnterprisePicker(QObject):
    """Attach to a line edit: looks up what is typed, offers matches in a popup."""

    picked = Signal(object)        # the chosen EnterpriseHit
    found = Signal(int)            # a lookup's results are in (how many)

    def __init__(self, ctx: AppContext, edit: QLineEdit, parent: QObject | None = None,
                 min_chars: int = 2):
        super().__init__(parent or edit)
        self.ctx = ctx
        self.edit = edit
        self.min_chars = min_chars
        self.model = EnterpriseResultsModel(ctx, self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(edit)       # not setCompleter: the text stays as typed
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(8)
        popup = self.completer.popup()
        popup.setObjectName(f"{edit.objectName()}_popup")
        popup.setItemDelegate(HtmlDelegate(HtmlRole, popup))
        popup.setMinimumWidth(460)
        self.completer.activated[QModelIndex].connect(self._activated)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.lookup)
        self._generation = 0
        self.enabled = True
        edit.textEdited.connect(self._edited)

    @property
    def popup_visible(self) -> bool:
        return self.completer.popup().isVisible()

    def _edited(self, _: str) -> None:
        if self.enabled:
            self._timer.start()

    def lookup(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, text = self._generation, self.edit.text().strip()
        if len(text) < self.min_chars:
            self._show(generation, text, [])
            return
        DeskQuery(self.ctx, self.edit, lambda desk: desk.find_enterprises(text, 8)) \
            .success(lambda hits: self._show(generation, text, hits)) \
            .failure(lambda exc: log.warning("enterprise lookup failed: %s", exc)).run()

    def _show(self, generation: int, text: str, hits: list[EnterpriseHit]) -> None:
        if not isValid(self) or not isValid(self.edit) or generation != self._generation:
            return
        self.model.set_hits(hits, text)
        if hits and self.edit.hasFocus():
            self.completer.complete()
        else:
            self.completer.popup().hide()
        self.found.emit(len(hits))

    def hide(self) -> None:
        self._timer.stop()
        self._generation += 1
        self.completer.popup().hide()

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is None:
            hit = self.model.hit(index.row())
        if isinstance(hit, EnterpriseHit):
            self.hide()
            self.picked.emit(hit)
