"""Languages: Chinese (zh_CN) by default through Qt translations, English switchable.

Source strings are English; ``resources/translations/halldesk_zh_CN.ts`` holds the
Chinese (compiled to ``.qm`` by ``make translations``). Fonts: a CJK family that exists
on the machine, tried in order, so Chinese renders on Windows and Linux alike.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
CJK_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "SimSun"]

_current = "zh_CN"
_installed: list[QTranslator] = []


def current_language() -> str:
    return _current


def install(app: QCoreApplication, language: str = "zh_CN") -> str:
    """Install the translators for ``language`` (replacing any installed before)."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else "zh_CN"
    _current = language
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / f"halldesk_{language}.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                       if language == "zh_CN" else QLocale(QLocale.Language.English))
    return language


def cjk_font(point_size: int = 10) -> QFont:
    """The application font: the first CJK family this machine has."""
    available = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in available]
    font = QFont()
    if families:
        font.setFamilies(families + [font.defaultFamily()])
    font.setPointSize(point_size)
    return font


def apply_font(app: QApplication) -> None:
    app.setFont(cjk_font(app.font().pointSize() if app.font().pointSize() > 0 else 10))
