"""Request detail: who and what, the clocks with "why this date", the actions the state
machine allows this user now, and the timeline.

Actions are buttons, each with a shortcut that works anywhere in the main window while
the request is shown (listed in each button's tooltip). A button shows only when the
desk says the signed-in role may record that event in the request's current state
(``RequestDetail.allowed``), so a clerk never sees 督办 and a closed request offers only
reopen and note. Each opens its dialog (``desktop.screens.actions``); when the desk has
recorded it, the broadcast ``Changes`` redraw this pane and the list.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QGridLayout, QLabel,
                               QMessageBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget)

from core.deadlines import Light
from core.identifiers import mask_phone
from core.ticket_state import Clock, ClockKind, StopReason
from core.tickets import EventType
from desktop.context import AppContext
from desktop.i18n import current_language
from desktop.labels import label
from desktop.operations import DeskQuery
from desktop.screens.actions import ActionDialog, dialog_class, shortcut_text
from desktop.widgets.countdown import COLOURS, format_left
from desktop.widgets.timeline import TimelineView
from desktop.widgets.unit_picker import on_duty
from sync.changes import Changes
from sync.list_types import RequestDetail

translate = QCoreApplication.translate
_SHOWN_CLOCKS = (ClockKind.CONTACT, ClockKind.INTERIM, ClockKind.CLOSE, ClockKind.FOLLOW,
                 ClockKind.SUPERVISION)
CLOCK_COLUMNS = 3
ACTION_COLUMNS = 4
EXPLAIN_KEY = "Ctrl+Shift+W"

# The action buttons, in the order a request's life runs, with their shortcuts.
ACTION_KEYS: dict[EventType, str] = {
    EventType.ANSWERED: "Ctrl+K",
    EventType.CALL_LOGGED: "Ctrl+T",
    EventType.DISPATCHED: "Ctrl+D",
    EventType.CONTACTED: "Ctrl+L",
    EventType.INTERIM_REPLY: "Ctrl+I",
    EventType.NEXT_FEEDBACK_SET: "Ctrl+G",
    EventType.RESOLVED: "Ctrl+E",
    EventType.EVALUATED: "Ctrl+H",
    EventType.REOPENED: "Ctrl+Shift+R",
    EventType.SUPERVISED: "Ctrl+U",
    EventType.TRANSFERRED: "Ctrl+Shift+D",
    EventType.NOTE: "Ctrl+M",
}


def clock_text(clock: Clock, ctx: AppContext, now: dt.datetime) -> tuple[Light, str]:
    """A clock's colour and what it says: time left, how long overdue, done."""
    schedule = ctx.desk.schedule
    ended = {
        StopReason.FOLLOW_TO_END: translate("ClockView", "Became follow to the end"),
        StopReason.SUPERSEDED: translate("ClockView", "Replaced by a newer date"),
        StopReason.TRANSFERRED: translate("ClockView", "Ended by the transfer"),
        StopReason.CLOSED: translate("ClockView", "Ended with the request"),
    }.get(clock.stop_reason) if clock.stopped_at is not None else None
    if ended:
        return Light.MET, ended              # stopped without its evidence: neither on time nor late
    colour, left = clock.light(schedule, now)
    per_day = schedule.hours.seconds_per_day
    if colour is Light.MET:
        return colour, translate("ClockView", "Done on time")
    if colour is Light.LATE:
        return colour, translate("ClockView", "Done late")
    if colour is Light.RED:
        # "overdue 1.7 d", not "overdue -1.7 d": the word already says it is past due
        return colour, translate("ClockView", "Overdue %1").replace(
            "%1", format_left(abs(left), per_day))
    return colour, translate("ClockView", "%1 left").replace("%1", format_left(left, per_day))


class ClockView(QFrame):
    """One clock: its name, colour, time left, and why its deadline falls there (on
    hover, and in full behind the "Why this date?" button)."""

    explain = Signal(object)          # ClockKind

    def __init__(self, kind: ClockKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"clock_{kind.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        self.title = QLabel(label("clock", kind.value))
        self.value = QLabel(objectName="value")
        self.due = QLabel(objectName="due")
        self.why = QPushButton(self.tr("Why this date?"), objectName=f"why_{kind.value}")
        self.why.setCursor(Qt.CursorShape.PointingHandCursor)
        self.why.setAutoDefault(False)
        self.why.clicked.connect(lambda: self.explain.emit(self.kind))
        for w in (self.title, self.value, self.due, self.why):
            layout.addWidget(w)
        self.explanation = ""

    def show_clock(self, clock: Clock, ctx: AppContext, now: dt.datetime) -> None:
        schedule = ctx.desk.schedule
        colour, text = clock_text(clock, ctx, now)
        fg, bg = COLOURS[colour]
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {bg}; border-radius: 6px; }}"
            f"QLabel {{ color: {fg}; }}"
            f"QPushButton {{ border: none; color: {fg}; text-decoration: underline;"
            f" text-align: left; padding: 0; background: transparent; }}"
            f"QPushButton:focus {{ background: rgba(0, 0, 0, 0.10); }}")
        self.value.setText(f"<b>{html.escape(text)}</b>")
        due = clock.due_at.astimezone(schedule.hours.tz)
        provisional = " " + self.tr("(provisional)") if clock.deadline.provisional else ""
        self.due.setText(self.tr("Due %1").replace("%1", due.strftime("%m-%d %H:%M")) + provisional)
        lang = "zh" if current_language() == "zh_CN" else "en"
        self.explanation = clock.deadline.explanation.text(lang)
        self.setToolTip(self.tr("Why this date:") + "\n" + self.explanation)
        self.why.setToolTip(self.tr("The full explanation: days skipped, adjusted working days, "
                                    "provisional dates (%1)").replace("%1",
                                                                     shortcut_text(EXPLAIN_KEY)))


class ExplanationDialog(QDialog):
    """Why each deadline falls where it does, in full: readable, selectable, printable."""

    def __init__(self, ctx: AppContext, detail: RequestDetail, kinds: list[ClockKind],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explanationDialog")
        self.setWindowTitle(self.tr("Why these dates · %1").replace("%1", detail.display_number))
        self.text = QTextBrowser(objectName="explanation")
        self.text.setOpenLinks(False)
        now = ctx.desk.clock()
        tz = ctx.desk.schedule.hours.tz
        lang = "zh" if current_language() == "zh_CN" else "en"
        parts = []
        for kind in kinds:
            clock = detail.state.latest(kind)
            if clock is None:
                continue
            colour, state = clock_text(clock, ctx, now)
            fg, _ = COLOURS[colour]
            due = clock.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            started = clock.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            since = self.tr("Started %1").replace("%1", started)
            until = self.tr("Due %1").replace("%1", due)
            head = (f"<h3>{html.escape(label('clock', kind.value))}</h3>"
                    f"<p>{html.escape(since)} · <b>{html.escape(until)}</b> · "
                    f"<span style='color:{fg}'><b>{html.escape(state)}</b></span></p>")
            if clock.deadline.provisional:
                note = self.tr("Provisional: recomputed once the calendar is published")
                head += f"<p style='color:#8a5a00'><b>{html.escape(note)}</b></p>"
            lines = "".join(f"<li>{html.escape(line)}</li>"
                            for line in clock.deadline.explanation.lines(lang))
            parts.append(f"{head}<ul>{lines}</ul>")
        self.text.setHtml("".join(parts) or html.escape(self.tr("No clock runs on this request.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.text.setFocus()


class RequestDetailPane(QWidget):
    dialog_opened = Signal(object)     # the dialog an action (or "why") opened

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPane")
        self.ticket_id: str | None = None
        self.detail: RequestDetail | None = None
        self.dialog: QDialog | None = None
        self.offer: QMessageBox | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.banner = QLabel(objectName="supervisionBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fde2e0; color: #b3261e; padding: 6px;"
                                  "border-radius: 4px; font-weight: bold;")
        self.banner.hide()
        self.facts = QLabel(objectName="facts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clocks_row = QGridLayout()
        self.clocks_row.setSpacing(6)
        self.clock_views = {k: ClockView(k, self) for k in _SHOWN_CLOCKS}
        for view in self.clock_views.values():
            view.explain.connect(lambda kind: self.open_explanation(kind))
            view.hide()
        QShortcut(QKeySequence(EXPLAIN_KEY), self, activated=lambda: self.open_explanation())

        self.actions_box = QWidget(objectName="actions")
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setContentsMargins(0, 4, 0, 4)
        self.actions_grid.setSpacing(6)
        self.action_buttons: dict[EventType, QPushButton] = {}
        for kind, (text, what) in self._action_texts().items():
            keys = ACTION_KEYS[kind]
            button = QPushButton(text, objectName=f"do_{kind.value}")
            button.setAutoDefault(False)
            button.setToolTip(f"{what} ({shortcut_text(keys)})")
            button.clicked.connect(lambda _=False, k=kind: self.open_action(k))
            # the shortcut lives on the button: it works only while the button shows
            QShortcut(QKeySequence(keys), button, activated=lambda k=kind: self.open_action(k))
            button.hide()
            self.action_buttons[kind] = button

        self.timeline = TimelineView(self)
        self.placeholder = QLabel(self.tr("Select a request to see its clocks and timeline."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.placeholder, self.heading, self.banner, self.facts):
            layout.addWidget(w)
        layout.addLayout(self.clocks_row)
        layout.addWidget(self.actions_box)
        self.timeline_label = QLabel(self.tr("Timeline"))
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline, 1)
        self._set_empty(True)

    def _action_texts(self) -> dict[EventType, tuple[str, str]]:
        """Each action's button text and what it does (the tooltip)."""
        return {
            EventType.ANSWERED: (self.tr("Answer at once"),
                                 self.tr("Answer now from the knowledge base and close")),
            EventType.CALL_LOGGED: (self.tr("Three-way call"),
                                    self.tr("Notes of a call with the enterprise and a unit")),
            EventType.DISPATCHED: (self.tr("Dispatch"),
                                   self.tr("Send to a handling unit; the three clocks start")),
            EventType.CONTACTED: (self.tr("Contact logged"),
                                  self.tr("The unit has contacted the enterprise")),
            EventType.INTERIM_REPLY: (self.tr("Interim reply"),
                                      self.tr("Record the unit's interim reply")),
            EventType.NEXT_FEEDBACK_SET: (self.tr("Next feedback"),
                                          self.tr("Follow to the end: a rolling reply and the "
                                                  "next feedback date")),
            EventType.RESOLVED: (self.tr("Resolve"), self.tr("Record how it was resolved")),
            EventType.EVALUATED: (self.tr("Return visit"),
                                  self.tr("Satisfaction and whether it was solved; unsatisfied "
                                          "or unsolved reopens it")),
            EventType.REOPENED: (self.tr("Reopen"), self.tr("Open the request again, with "
                                                            "a reason")),
            EventType.SUPERVISED: (self.tr("Supervise"),
                                   self.tr("Flag for supervision with a reply date")),
            EventType.TRANSFERRED: (self.tr("Transfer"),
                                    self.tr("Send to another unit, with a reason")),
            EventType.NOTE: (self.tr("Note"), self.tr("Add a note to the timeline")),
        }

    def _set_empty(self, empty: bool) -> None:
        self.placeholder.setVisible(empty)
        for w in (self.heading, self.facts, self.timeline, self.timeline_label, self.actions_box):
            w.setVisible(not empty)
        if empty:
            self.detail = None
            self.banner.hide()
            for view in self.clock_views.values():
                view.hide()
            for button in self.action_buttons.values():
                button.hide()

    # -- loading -----------------------------------------------------------------------

    def show_request(self, ticket_id: str | None) -> None:
        self.ticket_id = ticket_id
        if ticket_id is None:
            self._set_empty(True)
            return
        DeskQuery(self.ctx, self, lambda desk: desk.request(ticket_id)) \
            .success(lambda d: self._render(d) if d.id == self.ticket_id else None).run()

    def apply_changes(self, changes: Changes) -> None:
        if self.ticket_id and changes.touches_ticket(self.ticket_id):
            self.show_request(self.ticket_id)

    def tick(self) -> None:
        if self.detail is not None:
            self._render_clocks(self.detail)

    # -- rendering ---------------------------------------------------------------------

    def _render(self, detail: RequestDetail) -> None:
        self.detail = detail
        self._set_empty(False)
        h, state = detail.header, detail.state
        lang = current_language()
        ref = self.ctx.reference
        self.heading.setText(
            f"<span style='font-size:15pt'><b>{html.escape(detail.display_number)}</b></span> "
            f"&nbsp; {html.escape(h['enterprise_name'])} &nbsp; "
            f"<span style='color:#455a64'>[{html.escape(label('status', state.status.value))}]"
            f"</span>")
        facts = [
            (self.tr("Type"), label("type", h["type"])),
            (self.tr("Topic"), ref.topic_name(h["topic"], lang)),
            (self.tr("Channel"), label("channel", h["channel"])),
            (self.tr("Town"), ref.town_name(h["town"])),
            (self.tr("Credit code"), h["credit_code"] or "—"),
            (self.tr("Contact person"), f"{h['contact_name']} {mask_phone(h['contact_phone'])}"),
            (self.tr("Handling unit"), state.unit_name or "—"),
        ]
        duty = self._unit_duty(state.unit_id)
        if duty:
            facts.append((self.tr("Unit on duty"), duty))
        if h.get("filed_by"):
            facts.append((self.tr("Filed on behalf by"), h["filed_by"]))
        rows = "".join(f"<tr><td style='color:#5f6b63;padding-right:8px'>{html.escape(k)}</td>"
                       f"<td>{html.escape(str(v))}</td></tr>" for k, v in facts)
        self.facts.setText(f"<table>{rows}</table><p>{html.escape(h['description'])}</p>")
        self._render_banner(detail)
        self._render_clocks(detail)
        self._render_actions(detail)
        self.timeline.show_events(detail.events, self.ctx.desk.schedule.hours.tz,
                                  self.ctx.desk.display_name)

    def _unit_duty(self, unit_id: str | None) -> str:
        unit = self.ctx.reference.unit(unit_id)
        if unit is None:
            return ""
        desk = self.ctx.desk
        today = desk.clock().astimezone(desk.schedule.hours.tz).date()
        duty = on_duty(unit, today, desk.schedule.calendar)
        return f"{duty.name}（{duty.role}）{duty.phones}" if duty else ""

    def _render_banner(self, detail: RequestDetail) -> None:
        state = detail.state
        if not (state.supervised and state.supervision_due):
            self.banner.hide()
            return
        from desktop.screens.actions_followup import supervision_level

        text = self.tr("Supervised: reply due by %1").replace("%1",
                                                             state.supervision_due.isoformat())
        last = next((e for e, _ in reversed(detail.events)
                     if e.type is EventType.SUPERVISED), None)
        if last is not None:
            level = supervision_level(last.data.get("level"))
            text += f" · {level}"
            if last.data.get("note"):
                text += f"\n{last.data['note']}"
        self.banner.setText(text)
        self.banner.show()

    def _render_clocks(self, detail: RequestDetail) -> None:
        now = self.ctx.desk.clock()
        shown = []
        for kind, view in self.clock_views.items():
            clock = detail.state.latest(kind)
            self.clocks_row.removeWidget(view)
            if clock is None:
                view.hide()
                continue
            view.show_clock(clock, self.ctx, now)
            shown.append(view)
        for i, view in enumerate(shown):
            self.clocks_row.addWidget(view, i // CLOCK_COLUMNS, i % CLOCK_COLUMNS)
            view.show()

    def _render_actions(self, detail: RequestDetail) -> None:
        allowed = set(detail.allowed)
        for button in self.action_buttons.values():
            self.actions_grid.removeWidget(button)
        i = 0
        for kind, button in self.action_buttons.items():
            if kind in allowed:
                self.actions_grid.addWidget(button, i // ACTION_COLUMNS, i % ACTION_COLUMNS)
                button.show()
                i += 1
            else:
                button.hide()
        self.actions_box.setVisible(i > 0)

    def visible_actions(self) -> list[EventType]:
        """The actions offered now, in order (hidden ones are not allowed)."""
        return [k for k, b in self.action_buttons.items() if not b.isHidden()]

    # -- acting ------------------------------------------------------------------------

    def open_action(self, kind: EventType, **options: object) -> ActionDialog | None:
        """Open the dialog that records ``kind`` on the shown request (if allowed)."""
        detail = self.detail
        if detail is None or kind not in detail.allowed:
            return None
        dialog = dialog_class(kind)(self.ctx, detail, self, **options)
        dialog.submitted.connect(lambda _changes, d=dialog: self._action_done(d))
        self._show_dialog(dialog)
        return dialog

    def open_explanation(self, kind: ClockKind | None = None) -> ExplanationDialog | None:
        detail = self.detail
        if detail is None:
            return None
        kinds = [kind] if kind else [k for k in _SHOWN_CLOCKS if detail.state.latest(k)]
        dialog = ExplanationDialog(self.ctx, detail, kinds, self)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        previous = self.dialog
        if previous is not None and not previous.isVisible() \
                and not getattr(previous, "busy", False):
            previous.deleteLater()
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _action_done(self, dialog: ActionDialog) -> None:
        from core.tickets import CallOutcome
        from desktop.screens.call import CallDialog

        if isinstance(dialog, CallDialog) and dialog.outcome_saved == CallOutcome.NEEDS_DISPATCH:
            self._offer_dispatch(dialog)

    def _offer_dispatch(self, call: ActionDialog) -> None:
        """After a call that could not answer it: offer the dispatch (or transfer) next,
        with the unit on the line picked and the call notes as the note."""
        allowed = call.detail.allowed
        kind = EventType.DISPATCHED if EventType.DISPATCHED in allowed else (
            EventType.TRANSFERRED if EventType.TRANSFERRED in allowed else None)
        if kind is None:
            return
        unit_id, notes = getattr(call, "unit_saved", None), getattr(call, "notes_saved", None)
        question = (self.tr("The call is saved. Dispatch the request to a handling unit now?")
                    if kind is EventType.DISPATCHED else
                    self.tr("The call is saved. Transfer the request to another unit now?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Needs dispatch"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("offerDispatch")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.button(QMessageBox.StandardButton.Yes).setObjectName("offerYes")

        def answered(_result: int) -> None:
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                note = self.tr("After a three-way call: %1").replace("%1", notes or "")
                self.open_action(kind, unit_id=unit_id, note=note)

        box.finished.connect(answered)
        self.offer = box
        box.open()
