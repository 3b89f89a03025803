"""The case screens' dialogs share the request actions' keyboard-first form
(``desktop.screens.actions.ActionDialog``: Enter moves on, Ctrl+Enter records, Esc
cancels, the desk's message next to the field it names, the write on the desk's worker).

That base acts on a request (it reads the request's id and number); ``CaseForm`` hands it
a small subject instead and says itself what the dialog is about, so a case, an
enterprise or a case not opened yet can be the subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.context import AppContext
from desktop.screens.actions import ActionDialog


@dataclass(frozen=True)
class _Subject:
    """What ``ActionDialog`` reads of the thing it acts on."""

    id: str
    display_number: str


@dataclass(frozen=True)
class FormName:
    """Stands for ``ActionDialog.kind`` where a form records no event (its object name)."""

    value: str


class CaseForm(ActionDialog):
    """``ActionDialog`` about anything: ``subject`` titles the window, ``about`` (rich
    text) heads the form. Subclasses set ``kind`` (a ``CaseEventType`` or a ``FormName``)
    and implement ``title``, ``build``, ``collect``, ``check`` and ``perform``."""

    kind: ClassVar[Any]

    def __init__(self, ctx: AppContext, subject: str, about: str,
                 parent: QWidget | None = None):
        self._about_html = about
        super().__init__(ctx, _Subject("", subject), parent)  # type: ignore[arg-type]

    def _about_text(self) -> str:
        return self._about_html

    def choice(self, options: list[tuple[str, Any]], current: Any = None) -> QComboBox:
        """A combo of (text, value); ``text_of`` reads the value."""
        combo = QComboBox()
        for text, value in options:
            combo.addItem(text, value)
        if current is not None:
            index = combo.findData(current)
            if index >= 0:
                combo.setCurrentIndex(index)
        return combo

    @staticmethod
    def int_of(edit: QLineEdit) -> int | str | None:
        """An integer typed (commas allowed); the text itself when it is not one, so the
        desk's check names the field."""
        text = edit.text().strip().replace(",", "").replace("，", "")
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text

    def focus_field(self, name: str) -> None:
        self.fields[name].setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["CaseForm", "FormName"]
