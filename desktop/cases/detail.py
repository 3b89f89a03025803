"""A redemption case in full: who and what (enterprise, item, batch window and its
deadline), where it stands, the actions the state machine allows the signed-in role now,
the materials checklist and the timeline.

An action shows only when the desk says this role may record that event in the case's
state (``CaseDetail.allowed``): a redeemed case offers only a note, a rejected one is
reopened by a supervisor, not a navigator. Each button has a shortcut that works while
the button shows; each opens its dialog (``desktop.cases.actions``); the broadcast
``Changes`` redraw this pane and the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from core.cases import CaseEventType
from desktop.cases.actions import DIALOGS, CaseActionDialog
from desktop.cases.checklist import ChecklistTable
from desktop.cases.common import (BAD, MUTED, amount_text, days_left_text, deadline_colour, esc,
                                  event_name, state_chip)
from desktop.cases.snapshot import CaseSnapshot, load_snapshot
from desktop.cases.timeline import CaseTimeline
from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.screens.actions import shortcut_text
from sync.changes import Changes

_E = CaseEventType
# the case's own actions, in the order its life runs, with their shortcuts; the
# materials' two are the checklist's buttons
ACTION_KEYS: dict[CaseEventType, str] = {
    _E.PREPARATION_STARTED: "Alt+P", _E.SUBMITTED: "Alt+S", _E.REVIEW_STARTED: "Alt+V",
    _E.SUPPLEMENT_REQUESTED: "Alt+B", _E.REDEEMED: "Alt+D", _E.REJECTED: "Alt+J",
    _E.WITHDRAWN: "Alt+W", _E.REOPENED: "Alt+O", _E.NOTE: "Alt+M",
    _E.MATERIAL_RECEIVED: "Alt+R", _E.MATERIAL_REMOVED: "Alt+T",
}
MATERIAL_EVENTS = (_E.MATERIAL_RECEIVED, _E.MATERIAL_REMOVED)


class CaseDetailPane(QWidget):
    loaded = Signal(str)               # a case's detail is shown (its id)
    dialog_opened = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.ctx = ctx
        self.case_id: str | None = None
        self.snap: CaseSnapshot | None = None
        self.dialog: QDialog | None = None
        self._generation = 0

        self.heading = QLabel(objectName="caseHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(objectName="caseFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actions_box = QWidget(objectName="caseActions")
        row = QHBoxLayout(self.actions_box)
        row.setContentsMargins(0, 4, 0, 4)
        row.setSpacing(6)
        self.action_buttons: dict[CaseEventType, QPushButton] = {}
        texts = self._action_texts()
        for kind in ACTION_KEYS:
            if kind not in MATERIAL_EVENTS:
                self.action_buttons[kind] = self._button(kind, texts[kind])
                row.addWidget(self.action_buttons[kind])
        row.addStretch(1)

        self.checklist = ChecklistTable(self)
        self.checklist.activated_material.connect(self.mark_received)
        for kind in MATERIAL_EVENTS:
            self.action_buttons[kind] = self._button(kind, texts[kind])
        materials_head = QHBoxLayout()
        self.checklist_label = QLabel(self.tr("Materials"))
        self.checklist_label.setStyleSheet("font-weight: bold;")
        materials_head.addWidget(self.checklist_label)
        materials_head.addStretch(1)
        materials_head.addWidget(self.action_buttons[_E.MATERIAL_RECEIVED])
        materials_head.addWidget(self.action_buttons[_E.MATERIAL_REMOVED])
        materials = QWidget()
        box = QVBoxLayout(materials)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(materials_head)
        box.addWidget(self.checklist)

        self.timeline = CaseTimeline(self)
        history = QWidget()
        box = QVBoxLayout(history)
        box.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Timeline"))
        label.setStyleSheet("font-weight: bold;")
        box.addWidget(label)
        box.addWidget(self.timeline)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(materials)
        self.split.addWidget(history)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)

        self.placeholder = QLabel(self.tr("Select a case to see its materials and timeline."),
                                  objectName="casePlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        for w in (self.placeholder, self.heading, self.facts, self.actions_box):
            layout.addWidget(w)
        layout.addWidget(self.split, 1)
        self._set_empty(True)

    def _button(self, kind: CaseEventType, texts: tuple[str, str]) -> QPushButton:
        text, what = texts
        keys = ACTION_KEYS[kind]
        button = QPushButton(text, objectName=f"case_{kind.value}")
        button.setAutoDefault(False)
        button.setToolTip(f"{what} ({shortcut_text(keys)})")
        button.clicked.connect(lambda _=False, k=kind: self.open_action(k))
        # the shortcut lives on the button: it works only while the button shows
        QShortcut(QKeySequence(keys), button, activated=lambda k=kind: self.open_action(k))
        button.hide()
        return button

    def _action_texts(self) -> dict[CaseEventType, tuple[str, str]]:
        return {
            _E.PREPARATION_STARTED: (self.tr("Start preparing"),
                                     self.tr("The enterprise decided to apply")),
            _E.SUBMITTED: (self.tr("Submitted"), self.tr("The application was handed in")),
            _E.REVIEW_STARTED: (self.tr("Under review"),
                                self.tr("The department has started its review")),
            _E.SUPPLEMENT_REQUESTED: (self.tr("Supplement requested"),
                                      self.tr("The department asks for materials again")),
            _E.REDEEMED: (self.tr("Redeemed"), self.tr("The money arrived: day and amount")),
            _E.REJECTED: (self.tr("Rejected"), self.tr("Not approved, with the reason")),
            _E.WITHDRAWN: (self.tr("Withdraw"), self.tr("The enterprise withdraws, with a "
                                                        "reason")),
            _E.REOPENED: (self.tr("Reopen"), self.tr("Take the case up again, with a reason")),
            _E.NOTE: (self.tr("Note"), self.tr("Add a note to the timeline")),
            _E.MATERIAL_RECEIVED: (self.tr("Mark received…"),
                                   self.tr("A material handed in (Enter on its line)")),
            _E.MATERIAL_REMOVED: (self.tr("Take back…"),
                                  self.tr("A material that no longer counts")),
        }

    def _set_empty(self, empty: bool) -> None:
        self.placeholder.setVisible(empty)
        for w in (self.heading, self.facts, self.actions_box, self.split):
            w.setVisible(not empty)
        if empty:
            self.snap = None
            for button in self.action_buttons.values():
                button.hide()

    # -- loading -----------------------------------------------------------------------

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self._generation += 1
        generation = self._generation
        if case_id is None:
            self._set_empty(True)
            return
        DeskQuery(self.ctx, self, lambda desk: load_snapshot(desk, case_id)) \
            .success(lambda snap: self._render(snap) if generation == self._generation
                     else None).run()

    def apply_changes(self, changes: Changes) -> None:
        snap = self.snap
        if self.case_id is None:
            return
        if changes.touches_case(self.case_id) or changes.catalogue or (
                snap is not None and snap.enterprise_id in changes.profiles):
            self.show_case(self.case_id)

    # -- rendering ---------------------------------------------------------------------

    def _render(self, snap: CaseSnapshot) -> None:
        self.snap = snap
        self._set_empty(False)
        row, state = snap.detail.row, snap.detail.state
        code = f" <span style='color:{MUTED}'>{esc(row.credit_code or '')}</span>"
        self.heading.setText(
            f"<span style='font-size:large'><b>{esc(row.enterprise_name)}</b></span>{code}"
            f"<br><b>{esc(row.item_title)}</b> · {esc(row.batch_name)}"
            f" &nbsp; {state_chip(row.state)}")
        facts = []
        b = snap.batch
        if b is not None:
            facts.append(esc(self.tr("Window %1 to %2").replace("%1", b.opens)
                             .replace("%2", b.closes)))
        if row.deadline:
            colour = deadline_colour(row.deadline, snap.today) if state.is_open else MUTED
            left = days_left_text(row.deadline, snap.today)
            facts.append(f"<span style='color:{colour}'><b>"
                         + esc(self.tr("Deadline %1").replace("%1", row.deadline))
                         + (f" ({esc(left)})" if state.is_open and left else "")
                         + "</b></span>")
        if b is not None and b.receiving_unit.get("name"):
            facts.append(esc(self.tr("Receiving: %1").replace("%1", b.receiving_unit["name"])))
        if b is not None and b.contact.get("name"):
            facts.append(esc(f"{b.contact.get('name')} {b.contact.get('phone', '')}".strip()))
        second = []
        if row.submitted_on:
            second.append(esc(self.tr("Submitted %1").replace("%1", row.submitted_on)))
        if row.redeemed_on:
            second.append(esc(self.tr("Redeemed %1").replace("%1", row.redeemed_on))
                          + (f" · <b>{esc(amount_text(row.amount_redeemed))}</b>"
                             if row.amount_redeemed is not None else ""))
        if state.reason:
            second.append(f"<span style='color:{BAD}'>"
                          + esc(self.tr("Reason: %1").replace("%1", state.reason)) + "</span>")
        missing = snap.missing()
        if state.is_open and missing:
            second.append(f"<span style='color:{BAD}'>" + esc(
                self.tr("%1 of %2 materials not in hand").replace("%1", str(len(missing)))
                .replace("%2", str(len(snap.detail.checklist)))) + "</span>")
        if row.pending:
            second.append(f"<span style='color:{MUTED}'>"
                          + esc(self.tr("not yet synced")) + "</span>")
        self.facts.setText(" · ".join(facts) + ("<br>" + " · ".join(second) if second else ""))
        allowed = set(snap.detail.allowed)
        for kind, button in self.action_buttons.items():
            button.setVisible(kind in allowed)
        if _E.MATERIAL_REMOVED in allowed and not any(
                ln.received_on for ln in snap.detail.checklist):
            self.action_buttons[_E.MATERIAL_REMOVED].hide()
        self.checklist.show_lines(snap)
        self.timeline.show_events(snap.detail.events, self.ctx.desk.schedule.hours.tz,
                                  snap.material_names(), self.ctx.desk.display_name)
        self.loaded.emit(snap.id)

    def visible_actions(self) -> list[CaseEventType]:
        """The actions offered now, in their order (what the navigator sees)."""
        return [k for k, b in self.action_buttons.items() if not b.isHidden()]

    # -- actions -------------------------------------------------------------------------

    def open_action(self, kind: CaseEventType, **options: object) -> CaseActionDialog | None:
        snap = self.snap
        if snap is None or kind not in snap.detail.allowed:
            return None
        if kind in MATERIAL_EVENTS and "material_id" not in options:
            options["material_id"] = self.checklist.current_material()
        dialog = DIALOGS[kind](self.ctx, snap, self, **options)
        dialog.setWindowTitle(f"{event_name(kind)} · {snap.detail.row.enterprise_name}")
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def mark_received(self, material_id: str | None = None) -> CaseActionDialog | None:
        """The material dialog on the checklist's current line (or ``material_id``)."""
        return self.open_action(_E.MATERIAL_RECEIVED,
                                material_id=material_id or self.checklist.current_material())


__all__ = ["ACTION_KEYS", "CaseDetailPane"]
