"""The policy-redemption window (政策兑现窗口): the navigator's whole screen while an
enterprise sits at the desk — which benefit policies it qualifies for, why or why not,
what is missing, and how to apply.

On top, the enterprise at the desk (found by credit code, name or pinyin initials, or
registered on the spot); under it three tabs: the policy catalogue (政策库), the
enterprise's profile (企业画像) and the matching (智能推荐) with overlaps, manual
targeting and the one-time notice. Everything reads and writes through the desk on its
worker; every write's ``Changes`` come back on the change bus and redraw what changed.

Shortcuts (active while the workspace is shown): Ctrl+Shift+E the enterprise field;
Alt+1 / Alt+2 / Alt+3 the catalogue / profile / matching; F3 search the catalogue;
F5 read everything again; in the matching Ctrl+Shift+T target, Ctrl+Shift+N notice,
Ctrl+Shift+L show the item in the catalogue.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget)

from core.enterprise import Fact, town_from
from core.identifiers import check_credit_code, normalize_credit_code
from desktop.context import AppContext
from desktop.errors import user_message
from desktop.operations import DeskOp, DeskQuery
from desktop.policy.catalogue_view import CatalogueView
from desktop.policy.common import esc, lang
from desktop.policy.matching_view import MatchingView
from desktop.policy.notice import NoticeDialog
from desktop.policy.profile_editor import ProfileEditor
from desktop.policy.profile_fields import field_label, profile_scale
from desktop.policy.targeting import TargetingDialog
from desktop.widgets.enterprise_picker import EnterprisePicker
from sync.case_queries import EnterpriseRow
from sync.changes import Changes
from sync.lookups import EnterpriseHit

CATALOGUE, PROFILE, MATCHING = range(3)
ENTERPRISE_KEY = "Ctrl+Shift+E"


class RegisterEnterpriseDialog(QDialog):
    """An enterprise met for the first time: credit code, name, and the address (which
    decides the town: every town of Zhongshan shares region code 442000)."""

    def __init__(self, ctx: AppContext, code: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("registerEnterpriseDialog")
        self.setWindowTitle(self.tr("Register an enterprise"))
        self.ctx = ctx
        self.enterprise_id: str | None = None
        self._catalogue: Any = None
        self.code = QLineEdit(code, objectName="regCode")
        self.code.setMaxLength(20)
        self.name = QLineEdit(objectName="regName")
        self.address = QLineEdit(objectName="regAddress")
        self.address.setPlaceholderText(self.tr("e.g. 中山市小榄镇工业大道中88号"))
        self.check = QLabel(objectName="regCheck")
        self.check.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Credit code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow("", self.check)
        self.error = QLabel(objectName="regError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for edit in (self.code, self.name, self.address):
            edit.textChanged.connect(lambda _: self._update())
        self._update()
        self.resize(520, 0)

    def town(self) -> str | None:
        """The town the address names (the credit code only says whether it is Zhongshan)."""
        code = self.code.text().strip().upper()
        return town_from(code[2:8] if len(code) >= 8 else None, self.address.text(),
                         self._towns())

    def _towns(self) -> list[Any]:
        return list(self._catalogue.towns) if self._catalogue is not None else []

    def set_catalogue(self, catalogue: Any) -> None:
        """The catalogue's towns (with their aliases) to read the address against."""
        self._catalogue = catalogue
        self._update()

    def _update(self) -> None:
        result = check_credit_code(self.code.text())
        parts = []
        if self.code.text().strip():
            problem = None if result.ok else result.problems[0]
            parts.append(("✓ " + self.tr("valid credit code")) if problem is None else
                         ("✗ " + self.tr("Credit code: %1").replace(
                             "%1", problem.message_zh if lang() == "zh" else problem.message_en)))
        town = self.town()
        if town:
            name = next((t.name for t in self._towns() if t.code == town), town)
            parts.append(self.tr("town by the address: %1").replace("%1", name))
        self.check.setText(" · ".join(parts))
        self.ok.setEnabled(result.ok and bool(self.name.text().strip()))

    def submit(self) -> None:
        code, name = self.code.text().strip(), self.name.text().strip()
        town, address = self.town(), self.address.text().strip()

        def work(desk: Any) -> tuple[str, Changes]:
            today = desk.today()
            facts = {"name": Fact(name, "told", today),
                     "credit_code": Fact(normalize_credit_code(code), "told", today)}
            if town:
                facts["town"] = Fact(town, "told", today, f"地址：{address}" if address else "")
            return desk.register_enterprise(code, name, town, facts)   # one transaction

        DeskOp(self.ctx, self, work).success(self._done).failure(
            lambda exc: self.error.setText(user_message(exc))).run()

    def _done(self, result: tuple[str, Changes]) -> None:
        self.enterprise_id = result[0]
        self.accept()


class PolicyWorkspace(QWidget):
    """The navigator's screen: the enterprise at the desk, the catalogue, its profile and
    what it qualifies for."""

    enterprise_changed = Signal(str)     # the enterprise at the desk ("" when none)
    status_message = Signal(str)         # a line for the main window's status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("policyWorkspace")
        self.ctx = ctx
        self.enterprise_id: str | None = None
        self.enterprise: EnterpriseRow | None = None
        self.dialog: QDialog | None = None
        self._generation = 0

        self.enterprise_edit = QLineEdit(objectName="policyEnterprise")
        self.enterprise_edit.setPlaceholderText(self.tr("Enterprise at the desk: credit code, name or pinyin initials"))
        self.enterprise_edit.setClearButtonEnabled(True)
        self.enterprise_edit.setMinimumWidth(380)
        self.picker = EnterprisePicker(ctx, self.enterprise_edit, self)
        self.picker.picked.connect(self._picked)
        self.register_button = QPushButton(self.tr("New enterprise…"), objectName="registerEnterprise")
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.register_enterprise)
        self.card = QLabel(objectName="enterpriseCard")
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        caption = QLabel(self.tr("&Enterprise"))
        caption.setBuddy(self.enterprise_edit)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.enterprise_edit)
        top.addWidget(self.register_button)
        top.addWidget(self.card, 1)

        self.catalogue = CatalogueView(ctx, self)
        self.profile = ProfileEditor(ctx, self)
        self.matching = MatchingView(ctx, self)
        self.catalogue.detail.match_of = self._match_line
        self.tabs = QTabWidget(objectName="policyTabs")
        self.tabs.addTab(self.catalogue, self.tr("Policy catalogue"))
        self.tabs.addTab(self.profile, self.tr("Enterprise profile"))
        self.tabs.addTab(self.matching, self.tr("Smart recommendation"))
        for i in range(3):
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        for keys, fn in ((ENTERPRISE_KEY, self.focus_enterprise),
                         ("Alt+1", lambda: self.show_tab(CATALOGUE)),
                         ("Alt+2", lambda: self.show_tab(PROFILE)),
                         ("Alt+3", lambda: self.show_tab(MATCHING)),
                         ("F3", self.focus_search), ("F5", self.refresh)):
            QShortcut(QKeySequence(keys), self, activated=fn)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.matching.target_requested.connect(self.open_targeting)
        self.matching.notice_requested.connect(self.open_notice)
        self.matching.catalogue_requested.connect(self.show_item)
        self.matching.matched.connect(self._matched)
        self.catalogue.match_requested.connect(self._match_item)
        self.profile.saved.connect(lambda name: self.status_message.emit(
            self.tr("Saved: %1 (queued for sync)").replace("%1", field_label(name, False))))
        ctx.bus.changed.connect(self.apply_changes)
        self._show_card()
        self.catalogue.load_filters()
        self.catalogue.run_search()
        DeskQuery(ctx, self, lambda desk: desk.prepare_matching()).run()
        self.setFocusProxy(self.enterprise_edit)

    # -- the enterprise at the desk --------------------------------------------------------

    def focus_enterprise(self) -> None:
        self.enterprise_edit.setFocus()
        self.enterprise_edit.selectAll()

    def _picked(self, hit: EnterpriseHit) -> None:
        self.enterprise_edit.setText(hit.name)
        self.set_enterprise(hit.id)

    def set_enterprise(self, key: str | None) -> None:
        """Seat an enterprise at the desk (by id or credit code; None: nobody)."""
        self._generation += 1
        generation = self._generation
        if not key:
            self._seated(generation, None)
            return
        DeskQuery(self.ctx, self, lambda desk: desk.enterprise(key)) \
            .success(lambda row: self._seated(generation, row)).run()

    def _seated(self, generation: int, row: EnterpriseRow | None) -> None:
        if generation != self._generation:
            return
        self.enterprise = row
        self.enterprise_id = row.id if row else None
        if row is not None and self.enterprise_edit.text() != row.name:
            self.enterprise_edit.setText(row.name)
        self._show_card()
        self.profile.load(self.enterprise_id)
        self.matching.run(self.enterprise_id)
        self.catalogue.detail.refresh()
        self.enterprise_changed.emit(self.enterprise_id or "")

    def _show_card(self, match: Any = None) -> None:
        row = self.enterprise
        if row is None:
            self.card.setText("<span style='color:#5f6b63'>" + esc(self.tr("No enterprise at the desk: Ctrl+Shift+E to pick one.")) + "</span>")
            return
        parts = [f"<b>{esc(row.name)}</b>", esc(row.credit_code or "")]
        if row.town:
            parts.append(esc(self.ctx.reference.town_name(row.town)))
        if match is not None:
            result, _summary = profile_scale(match.profile)
            if result.scale:
                from core.scale import SCALE_ZH
                parts.append(esc(SCALE_ZH[result.scale] if lang() == "zh" else result.scale))
            c = match.counts
            parts.append(esc(self.tr("%1 eligible · %2 likely").replace("%1", str(c.get("eligible", 0)))
                             .replace("%2", str(c.get("likely", 0)))))
        self.card.setText(" · ".join(parts))

    def _matched(self, match: Any) -> None:
        self._show_card(match)
        self.catalogue.detail.refresh()

    def _match_line(self, item_id: str) -> Any:
        match = self.matching.match
        if match is None or match.enterprise.id != self.enterprise_id:
            return None
        return match.line(item_id)

    def register_enterprise(self) -> RegisterEnterpriseDialog:
        text = self.enterprise_edit.text().strip()
        dialog = RegisterEnterpriseDialog(self.ctx, text if len(text) >= 15 else "", self)
        DeskQuery(self.ctx, self, lambda desk: desk.policy_catalogue()) \
            .success(dialog.set_catalogue).run()
        dialog.accepted.connect(lambda: dialog.enterprise_id and self.set_enterprise(
            dialog.enterprise_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- tabs ----------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is not None:
            widget.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(CATALOGUE)
        self.catalogue.search.setFocus()
        self.catalogue.search.selectAll()

    def show_item(self, item_id: str) -> None:
        """The item in the catalogue tab."""
        self.tabs.setCurrentIndex(CATALOGUE)
        self.catalogue.show_item(item_id)

    def _match_item(self, item_id: str) -> None:
        if not self.enterprise_id:
            self.status_message.emit(self.tr("Pick the enterprise at the desk first (Ctrl+Shift+E)."))
            self.focus_enterprise()
            return
        self.tabs.setCurrentIndex(MATCHING)
        self.matching.select_item(item_id)
        self.matching.tree.setFocus()

    def refresh(self) -> None:
        self.catalogue.load_filters()
        self.catalogue.run_search()
        if self.enterprise_id:
            self.profile.load(self.enterprise_id)
            self.matching.run(self.enterprise_id)

    # -- actions -------------------------------------------------------------------------

    def open_targeting(self, item_id: str) -> TargetingDialog | None:
        if not self.enterprise_id or self.enterprise is None:
            return None
        line = self._match_line(item_id)
        dialog = TargetingDialog(self.ctx, self.enterprise_id, item_id,
                                 enterprise_name=self.enterprise.name,
                                 item_title=line.item.title if line else "",
                                 earlier=list(line.targeted) if line else None, parent=self)
        dialog.accepted.connect(lambda: self.status_message.emit(
            self.tr("Targeted: %1 (queued for sync)").replace("%1", line.item.title if line else item_id)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_notice(self, item_id: str, batch_id: str = "") -> NoticeDialog | None:
        if not self.enterprise_id:
            return None
        dialog = NoticeDialog(self.ctx, self.enterprise_id, item_id, batch_id or None, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- changes -------------------------------------------------------------------------

    def apply_changes(self, changes: Changes, _initiator: object = None) -> None:
        if changes.catalogue:
            self.catalogue.detail.forget_catalogue()
            self.catalogue.load_filters()
            self.catalogue.run_search()
        eid = self.enterprise_id
        if eid is None:
            return
        if eid in changes.enterprises:
            self.set_enterprise(eid)            # name, card, profile and matching
        elif eid in changes.profiles or changes.catalogue:
            self.profile.load(eid)
            self.matching.run(eid)
