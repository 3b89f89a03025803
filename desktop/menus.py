"""The main window's menu bar: desk actions, the interface language, about."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenuBar, QMessageBox

from desktop import i18n

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

translate = QCoreApplication.translate


def build_menus(window: MainWindow) -> QMenuBar:
    bar = window.menuBar()
    desk = bar.addMenu(translate("Menus", "&Desk"))
    desk.addAction(window.new_action)
    desk.addAction(window.receipt_action)
    desk.addSeparator()
    quit_action = QAction(translate("Menus", "&Quit"), window, shortcut="Ctrl+Q")
    quit_action.triggered.connect(window.close)
    desk.addAction(quit_action)

    settings = bar.addMenu(translate("Menus", "&Settings"))
    language = settings.addMenu(translate("Menus", "Interface language"))
    group = QActionGroup(window)
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, window, checkable=True, objectName=f"lang_{code}")
        action.setChecked(code == i18n.current_language())
        action.triggered.connect(lambda _=False, c=code: switch_language(window, c))
        group.addAction(action)
        language.addAction(action)

    help_menu = bar.addMenu(translate("Menus", "&Help"))
    about = QAction(translate("Menus", "About Hall Desk"), window)
    about.triggered.connect(lambda: show_about(window))
    help_menu.addAction(about)
    return bar


def switch_language(window: MainWindow, code: str) -> None:
    """Remember the language; it applies from the next start (offered at once)."""
    settings = window.ctx.settings
    if code == settings.language and code == i18n.current_language():
        return
    settings.language = code
    settings.sync()
    box = QMessageBox(QMessageBox.Icon.Question, translate("Menus", "Interface language"),
                      translate("Menus", "The new language applies when Hall Desk restarts. "
                                         "Restart now? Nothing typed so far is lost."),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.setObjectName("languageBox")
    box.buttonClicked.connect(
        lambda b: restart(window) if box.standardButton(b) == QMessageBox.StandardButton.Yes
        else None)
    box.open()


def restart(window: MainWindow) -> None:
    if window.close():
        args = sys.argv[1:] if getattr(sys, "frozen", False) else ["-m", "desktop",
                                                                   *sys.argv[1:]]
        QProcess.startDetached(sys.executable, args, os.getcwd())
        QCoreApplication.quit()


def show_about(window: MainWindow) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("halldesk")
    except PackageNotFoundError:
        ver = "dev"
    text = translate("Menus", "Hall Desk %1 — the desk of the enterprise service windows.") \
        .replace("%1", ver)
    if window.ctx.demo:
        text += "\n\n" + translate("Menus", "Demo mode: every request, enterprise and phone "
                                            "number here is invented sample data.")
    QMessageBox.about(window, translate("Menus", "About Hall Desk"), text)
