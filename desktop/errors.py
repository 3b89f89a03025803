"""What the clerk is told when something fails: the field and what is expected."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
from PySide6.QtWidgets import QMessageBox, QWidget



def user_message(exc: BaseException) -> str:
    """The message for the current language: our errors carry a Chinese one."""
    from desktop.i18n import current_language

    zh = getattr(exc, "message_zh", None)
    if zh and current_language() == "zh_CN":
        return zh
    text = str(exc)
    if isinstance(exc, (OSError, RuntimeError)) and not text:
        return translate("Errors", "Something went wrong; nothing was saved.")
    return text or exc.__class__.__name__


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Errors", "Cannot do that"), user_message(exc),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()
