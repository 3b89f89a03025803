"""Chinese by default through Qt translations, English switchable; nothing untranslated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import i18n
from desktop.labels import label

TS = i18n.TRANSLATIONS / "halldesk_zh_CN.ts"
QM = i18n.TRANSLATIONS / "halldesk_zh_CN.qm"


def test_every_message_is_translated():
    text = TS.read_text(encoding="utf-8")
    messages = re.findall(r"<message>((?:(?!</message>).)*)</message>", text, re.S)
    assert len(messages) > 100
    unfinished = [re.search(r"<source>(.*?)</source>", m, re.S).group(1)
                  for m in messages if 'type="unfinished"' in m or "<translation/>" in m]
    assert unfinished == []


def test_compiled_translations_match_the_source(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        lrelease = Path(shutil.which("pyside6-lrelease") or "")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run `make translations` and commit the .qm"


def test_every_source_string_is_in_the_ts():
    """A tr() call added without running `make translations` would show English."""
    text = TS.read_text(encoding="utf-8")
    sources = set(re.findall(r"<source>(.*?)</source>", text, re.S))
    root = Path(__file__).resolve().parents[2] / "desktop"
    found = set()
    for path in root.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\btr\("((?:[^"\\]|\\.)*)"\)', code))
        found |= set(re.findall(r'translate\("\w+", "((?:[^"\\]|\\.)*)"\)', code))
    escaped = {s.replace("'", "&apos;").replace("&", "&amp;").replace("&amp;apos;", "&apos;")
               for s in found}
    assert sorted(escaped - sources) == []


@pytest.fixture
def english(qapp):
    i18n.install(qapp, "en")
    yield
    i18n.install(qapp, "zh_CN")


def test_chinese_is_the_default(qapp):
    i18n.install(qapp, "zh_CN")
    assert label("status", "following") == "一跟到底"
    assert label("channel", "leader_line") == "书记市长直通车"


def test_english_is_switchable(english):
    assert label("status", "following") == "Follow to the end"
    assert label("satisfaction", "basically") == "Basically satisfied"


def test_a_cjk_font_is_chosen(qapp):
    from PySide6.QtGui import QFontDatabase

    font = i18n.cjk_font()
    available = set(QFontDatabase.families())
    if any(f in available for f in i18n.CJK_FAMILIES):
        assert font.families()[0] in i18n.CJK_FAMILIES


def test_switching_language_is_remembered(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    from desktop.menus import switch_language

    switch_language(window, "en")
    assert window.ctx.settings.language == "en"
    box = window.findChild(QMessageBox, "languageBox")
    assert box is not None and "restart" in box.text().lower() or "重新启动" in box.text()
    box.reject()
    switch_language(window, "zh_CN")
    assert window.ctx.settings.language == "zh_CN"


def test_policy_labels_follow_a_language_switch(qapp):
    from desktop.policy.common import outcome_name, status_name

    i18n.install(qapp, "zh_CN")
    assert (status_name("open"), outcome_name("likely")) == ("申报中", "可能符合（信息待补充）")
    i18n.install(qapp, "en")
    try:
        assert (status_name("open"), outcome_name("likely")) == \
            ("Open for applications", "Likely (information missing)")
    finally:
        i18n.install(qapp, "zh_CN")
    assert status_name("closing_soon") == "即将截止"
