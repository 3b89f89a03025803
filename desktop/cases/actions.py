"""The actions on a redemption case, each a small dialog opened from the case detail:
preparing materials, submitted, under review, supplement requested, redeemed, rejected,
withdrawn, reopened, note; and a material received or taken back (the checklist).

Every dialog checks its input with ``core.cases``' own rules before anything is sent
(a rejection, a withdrawal and a reopening need a reason; a redemption its date and,
if known, the amount; a submission its date within the batch's window, and a word on
why when materials are still missing), and the desk checks again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from core.cases import (LONG, MEDIUM, CaseEventType, check_event_time, check_submission_window,
                        expiry, validate_event_data)
from desktop.cases.common import BAD, MUTED, WARN, day_of, esc, event_name, state_chip
from desktop.cases.forms import CaseForm
from desktop.cases.snapshot import CaseSnapshot
from desktop.context import AppContext
from sync.changes import Changes
from sync.desk import Desk

_E = CaseEventType


class CaseActionDialog(CaseForm):
    """One event on one case; ``perform`` records it with ``record_case_event``."""

    def __init__(self, ctx: AppContext, snap: CaseSnapshot, parent: Any = None):
        self.snap = snap
        self.case_id = snap.id
        row = snap.detail.row
        about = (f"<b>{esc(row.enterprise_name)}</b> · {esc(row.item_title)} · "
                 f"{esc(row.batch_name)} · {state_chip(row.state)}")
        super().__init__(ctx, row.enterprise_name, about, parent)

    def title(self) -> str:
        return event_name(self.kind)

    def check(self, data: Mapping[str, Any]) -> None:
        clean = validate_event_data(self.kind, data)
        check_event_time(self.kind, clean, self.ctx.desk.clock())

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.record_case_event(self.case_id, self.kind, dict(data))


class _TextDialog(CaseActionDialog):
    """An event that carries one text: a note, a reason, an optional remark."""

    field_name = "note"
    max_len = MEDIUM

    def label(self) -> str:
        return self.tr("Remark")

    def placeholder(self) -> str:
        return ""

    def build(self) -> None:
        self.text, counter = self.text_box(self.max_len, self.placeholder(), lines=3)
        self.add_field(self.field_name, self.label(), self.text, counter)

    def collect(self) -> dict[str, Any]:
        value = self.text_of(self.text)
        return {self.field_name: value} if value or self.field_name != "note" else {}


class PreparationDialog(_TextDialog):
    kind = _E.PREPARATION_STARTED

    def placeholder(self) -> str:
        return self.tr("The enterprise decided to apply; what it was asked to bring")


class ReviewDialog(_TextDialog):
    kind = _E.REVIEW_STARTED

    def placeholder(self) -> str:
        return self.tr("The receiving department has started its review")


class NoteDialog(_TextDialog):
    kind = _E.NOTE
    field_name = "text"
    max_len = LONG

    def label(self) -> str:
        return self.tr("Note")

    def placeholder(self) -> str:
        return self.tr("Anything worth keeping on the case's timeline")


class _ReasonDialog(_TextDialog):
    field_name = "reason"

    def label(self) -> str:
        return self.tr("Reason")


class RejectDialog(_ReasonDialog):
    kind = _E.REJECTED

    def placeholder(self) -> str:
        return self.tr("Why the department did not approve it, as it said")


class WithdrawDialog(_ReasonDialog):
    kind = _E.WITHDRAWN

    def placeholder(self) -> str:
        return self.tr("Why the enterprise withdraws the application")


class ReopenDialog(_ReasonDialog):
    kind = _E.REOPENED

    def placeholder(self) -> str:
        return self.tr("Why the case is taken up again")


class SubmitDialog(CaseActionDialog):
    """Submitted to the receiving department: the day (within the batch's window), the
    channel and its acceptance number; if materials are still missing, why now."""

    kind = _E.SUBMITTED

    def build(self) -> None:
        self.day = self.add_field("submitted_on", self.tr("Submitted on"),
                                  self.date_edit(self.today()), self._window_hint())
        channel = self.snap.batch.channel if self.snap.batch else ""
        self.channel = self.add_field("channel", self.tr("Channel"),
                                      self.line(100, self.tr("e.g. online platform, counter")))
        self.channel.setText(channel[:100])
        self.reference = self.add_field("reference", self.tr("Acceptance number"),
                                        self.line(64, self.tr("the number the department gave")))
        self.note, counter = self.text_box(MEDIUM, "", lines=2, grow=False)
        self.add_field("note", self.tr("Remark"), self.note, counter)
        self.missing_note, counter = self.text_box(MEDIUM, self.tr(
            "Why it is submitted before every material is in hand"), lines=2, grow=False)
        missing = self.snap.missing()
        hint = QLabel(objectName="missingHint")
        hint.setWordWrap(True)
        if missing:
            names = "、".join(ln.name or ln.material_id for ln in missing)
            hint.setText(self.tr("Not in hand: %1").replace("%1", names))
            hint.setStyleSheet(f"color: {WARN};")
        else:
            hint.setText(self.tr("Every material is in hand."))
            hint.setStyleSheet(f"color: {MUTED};")
        self.add_field("missing_note", self.tr("Missing materials"), self.missing_note, hint)
        self.set_field_visible("missing_note", bool(missing))

    def _window_hint(self) -> str:
        b = self.snap.batch
        if b is None:
            return ""
        return self.tr("Window %1 to %2").replace("%1", b.opens).replace("%2", b.closes)

    def collect(self) -> dict[str, Any]:
        data = {"submitted_on": self.day_of(self.day).isoformat(),
                "channel": self.text_of(self.channel), "reference": self.text_of(self.reference),
                "note": self.text_of(self.note), "missing_note": self.text_of(self.missing_note)}
        return {k: v for k, v in data.items() if v is not None}

    def check(self, data: Mapping[str, Any]) -> None:
        super().check(data)
        b = self.snap.batch
        if b is not None:
            check_submission_window(data["submitted_on"], day_of(b.opens), day_of(b.closes))

    def show_error(self, exc: BaseException) -> None:
        if getattr(exc, "field", None) == "missing_note":
            self.set_field_visible("missing_note", True)
        super().show_error(exc)


class SupplementDialog(CaseActionDialog):
    """The department asks for materials again (补正): which ones and what it said."""

    kind = _E.SUPPLEMENT_REQUESTED

    def build(self) -> None:
        self.materials = QListWidget()
        for mid, name in self.snap.material_names().items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, mid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.materials.addItem(item)
        self.materials.setMaximumHeight(150)
        self.add_field("materials", self.tr("Materials asked for"), self.materials,
                       self.tr("Space ticks a material"))
        self.note, counter = self.text_box(LONG, self.tr("What the department asks to be "
                                                         "corrected or added"), lines=3)
        self.add_field("note", self.tr("Request"), self.note, counter)

    def collect(self) -> dict[str, Any]:
        ticked = [self.materials.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.materials.count())
                  if self.materials.item(i).checkState() == Qt.CheckState.Checked]
        return {"materials": ticked, "note": self.text_of(self.note)}


class RedeemDialog(CaseActionDialog):
    """The money arrived (or the reduction applied): the day and, if known, the amount."""

    kind = _E.REDEEMED

    def build(self) -> None:
        self.amount = self.add_field("amount", self.tr("Amount (yuan)"),
                                     self.line(16, self.tr("optional; whole yuan")))
        self.day = self.add_field("redeemed_on", self.tr("Redeemed on"),
                                  self.date_edit(self.today()))
        self.note, counter = self.text_box(MEDIUM, "", lines=2, grow=False)
        self.add_field("note", self.tr("Remark"), self.note, counter)

    def collect(self) -> dict[str, Any]:
        data = {"amount": self.int_of(self.amount),
                "redeemed_on": self.day_of(self.day).isoformat(), "note": self.text_of(self.note)}
        return {k: v for k, v in data.items() if v is not None}


class MaterialDialog(CaseActionDialog):
    """A material handed in for this case: which, on which day; it then counts for every
    case of the enterprise until it expires (the expiry is shown as the day changes)."""

    kind = _E.MATERIAL_RECEIVED

    def __init__(self, ctx: AppContext, snap: CaseSnapshot, parent: Any = None,
                 material_id: str | None = None):
        self._preset = material_id
        super().__init__(ctx, snap, parent)

    def build(self) -> None:
        names = self.snap.material_names()
        self.material = self.add_field("material_id", self.tr("Material"), self.choice(
            [(name, mid) for mid, name in names.items()], self._preset))
        self.day = self.add_field("received_on", self.tr("Received on"),
                                  self.date_edit(self.today()))
        self.expiry = QLabel(objectName="expiryPreview")
        self.expiry.setStyleSheet(f"color: {MUTED};")
        self.form.addRow(QLabel(""), self.expiry)
        self.note, counter = self.text_box(MEDIUM, self.tr("e.g. a copy, checked against the "
                                                           "original"), lines=2, grow=False)
        self.add_field("note", self.tr("Remark"), self.note, counter)
        self.material.currentIndexChanged.connect(lambda _: self._preview())
        self.day.dateChanged.connect(lambda _: self._preview())
        self._preview()

    def _preview(self) -> None:
        mid = self.material.currentData()
        days = self.snap.validity().get(mid)
        ends = expiry(self.day_of(self.day), days)
        self.expiry.setText(self.tr("No expiry") if ends is None else
                            self.tr("Valid %1 days: expires on %2")
                            .replace("%1", str(days)).replace("%2", ends.isoformat()))

    def collect(self) -> dict[str, Any]:
        data = {"material_id": self.material.currentData(),
                "received_on": self.day_of(self.day).isoformat(), "note": self.text_of(self.note)}
        return {k: v for k, v in data.items() if v is not None}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.mark_material(self.snap.enterprise_id, data["material_id"],
                                  data["received_on"], case_id=self.case_id,
                                  note=data.get("note"))


class TakeBackDialog(CaseActionDialog):
    """A material taken back (void, wrong, returned): it stops counting for every case."""

    kind = _E.MATERIAL_REMOVED

    def __init__(self, ctx: AppContext, snap: CaseSnapshot, parent: Any = None,
                 material_id: str | None = None):
        self._preset = material_id
        super().__init__(ctx, snap, parent)

    def build(self) -> None:
        held = [(ln.name or ln.material_id, ln.material_id) for ln in self.snap.detail.checklist
                if ln.received_on is not None]
        self.material = self.add_field("material_id", self.tr("Material"),
                                       self.choice(held, self._preset))
        self.reason, counter = self.text_box(MEDIUM, self.tr("Why it no longer counts"), lines=2)
        self.add_field("reason", self.tr("Reason"), self.reason, counter)
        warn = QLabel(self.tr("It stops counting for every case of this enterprise."))
        warn.setStyleSheet(f"color: {BAD};")
        self.form.addRow(warn)

    def collect(self) -> dict[str, Any]:
        return {"material_id": self.material.currentData(), "reason": self.text_of(self.reason)}

    def perform(self, desk: Desk, data: Mapping[str, Any]) -> Changes:
        return desk.mark_material(self.snap.enterprise_id, data["material_id"], None,
                                  case_id=self.case_id, note=data["reason"])


DIALOGS: dict[CaseEventType, Callable[..., CaseActionDialog]] = {
    _E.PREPARATION_STARTED: PreparationDialog, _E.SUBMITTED: SubmitDialog,
    _E.REVIEW_STARTED: ReviewDialog, _E.SUPPLEMENT_REQUESTED: SupplementDialog,
    _E.REDEEMED: RedeemDialog, _E.REJECTED: RejectDialog, _E.WITHDRAWN: WithdrawDialog,
    _E.REOPENED: ReopenDialog, _E.NOTE: NoteDialog, _E.MATERIAL_RECEIVED: MaterialDialog,
    _E.MATERIAL_REMOVED: TakeBackDialog,
}

__all__ = ["DIALOGS", "CaseActionDialog", "MaterialDialog", "RedeemDialog", "SubmitDialog",
           "TakeBackDialog"]
