"""Policy consultation and evaluation (政策咨询与评价): an enterprise's question about a
policy (or in general), the answer given at the counter, and the enterprise's rating
(1-5 stars, as ``core.policy_records`` defines it) and comment; and the list of an
enterprise's consultations, newest first. Recorded on the desk and synced like the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from core.policy_records import ANSWER_MAX, QUESTION_MAX, REASON_MAX, validate_consultation
from core.validation import ValidationError
from desktop.cases.common import MUTED, esc, translate
from desktop.cases.forms import CaseForm, FormName
from desktop.cases.items import ItemChooser
from desktop.cases.new_case import EnterpriseField
from desktop.context import AppContext
from desktop.operations import DeskQuery
from sync.case_queries import ConsultationRow
from sync.changes import Changes
from sync.codec import from_db_time
from sync.desk import Desk


def rating_text(rating: int | None) -> str:
    """★★★★☆ 满意 (or "not rated")."""
    if rating is None:
        return translate("Consultation", "not rated")
    words = {5: translate("Consultation", "very satisfied"),
             4: translate("Consultation", "satisfied"),
             3: translate("Consultation", "basically satisfied"),
             2: translate("Consultation", "dissatisfied"),
             1: translate("Consultation", "very dissatisfied")}
    return f"{'★' * rating}{'☆' * (5 - rating)} {words.get(rating, '')}".strip()


class ConsultationDialog(CaseForm):
    kind = FormName("consultation")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        self.record_id: str | None = None
        about = esc(translate("ConsultationDialog", "The enterprise's question, the answer "
                              "given, and how it rated the answer."))
        super().__init__(ctx, "", about, parent)
        self.setWindowTitle(self.title())
        self.setMinimumWidth(640)

    def title(self) -> str:
        return self.tr("Consultation and evaluation")

    def build(self) -> None:
        self.enterprise = EnterpriseField(self.ctx)
        self.add_field("enterprise", self.tr("Enterprise"), self.enterprise)
        self.item = ItemChooser(self.ctx, open_only=False, rows=4, optional=True)
        self.add_field("item_id", self.tr("Item (optional)"), self.item)
        self.question, counter = self.text_box(QUESTION_MAX, self.tr("What the enterprise "
                                                                     "asked"), lines=3)
        self.add_field("question", self.tr("Question"), self.question, counter)
        self.answer, counter = self.text_box(ANSWER_MAX, self.tr("The answer given"), lines=3)
        self.add_field("answer", self.tr("Answer"), self.answer, counter)
        self.rating = self.add_field("rating", self.tr("Rating"), self.choice(
            [(rating_text(None), None)] + [(rating_text(n), n) for n in (5, 4, 3, 2, 1)]))
        self.comment, counter = self.text_box(REASON_MAX, self.tr("The enterprise's comment"),
                                              lines=2, grow=False)
        self.add_field("comment", self.tr("Comment"), self.comment, counter)
        self.item.lookup()

    def preset(self, enterprise: tuple[str, str, str] | None = None) -> None:
        if enterprise:
            self.enterprise.set_enterprise(*enterprise)
            self.focus_field("item_id")

    def collect(self) -> dict[str, Any]:
        if not self.enterprise.enterprise_id:
            raise ValidationError("enterprise", "pick the enterprise",
                                  message_zh="请先查找并选择企业")
        return {"item_id": self.item.item_id, "question": self.text_of(self.question),
                "answer": self.text_of(self.answer), "rating": self.rating.currentData(),
                "comment": self.text_of(self.comment)}

    def check(self, data: Mapping[str, Any]) -> None:
        validate_consultation(data)

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Any:
        return desk.record_consultation(self.enterprise.enterprise_id or "", data["item_id"],
                                        data["question"], data["answer"], data["rating"],
                                        data["comment"])

    def _succeeded(self, result: Any) -> None:
        self.record_id, changes = result
        super()._succeeded(changes)


class ConsultationsView(QWidget):
    """An enterprise's consultations, newest first; Ctrl+Shift+K records one."""

    record_requested = Signal()
    shown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consultationsView")
        self.ctx = ctx
        self._generation = 0
        self.enterprise = EnterpriseField(ctx)
        self.enterprise.chosen.connect(lambda _: self.load())
        self.record_button = QPushButton(self.tr("Record consultation…"),
                                         objectName="recordConsultation")
        self.record_button.clicked.connect(self.record_requested.emit)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Enterprise")))
        top.addWidget(self.enterprise, 1)
        top.addWidget(self.record_button)
        self.empty = QLabel(self.tr("Pick an enterprise to see its consultations."))
        self.empty.setStyleSheet(f"color: {MUTED};")
        self.tree = QTreeWidget(objectName="consultations")
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Item"), self.tr("Question"),
                                   self.tr("Answer"), self.tr("Rating"), self.tr("Comment")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        for col in (0, 1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.enterprise)

    def load(self) -> None:
        self._generation += 1
        generation, eid = self._generation, self.enterprise.enterprise_id
        if not eid:
            self._show(generation, [])
            return
        DeskQuery(self.ctx, self, lambda desk: desk.consultations_of(eid)) \
            .success(lambda rows: self._show(generation, rows)).run()

    def _show(self, generation: int, rows: list[ConsultationRow]) -> None:
        if generation != self._generation:
            return
        self.tree.clear()
        tz = self.ctx.desk.schedule.hours.tz
        for r in rows:
            moment = from_db_time(r.at)
            when = moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""
            if r.pending:
                when += " ⟳"
            item = QTreeWidgetItem([when, r.item_title or self.tr("(general)"), r.question,
                                    r.answer or "", rating_text(r.rating), r.comment or ""])
            for col in (2, 3, 5):
                item.setToolTip(col, item.text(col))
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not self.enterprise.enterprise_id)
        self.shown.emit(len(rows))

    def rows(self) -> list[list[str]]:
        """What the navigator reads, line by line."""
        return [[self.tree.topLevelItem(i).text(c) for c in range(self.tree.columnCount())]
                for i in range(self.tree.topLevelItemCount())]

    def apply_changes(self, changes: Changes) -> None:
        if self.enterprise.enterprise_id in changes.profiles:
            self.load()


__all__ = ["ConsultationDialog", "ConsultationsView", "rating_text"]
