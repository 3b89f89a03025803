"""The PyInstaller build starts, opens and migrates a desk file, shows its window and
exits cleanly (`make dist` does the same by hand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dist")]


def test_frozen_desk_starts_migrates_and_exits(tmp_path):
    pytest.importorskip("PyInstaller")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "work"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "halldesk" / ("halldesk.exe" if os.name == "nt" else "halldesk")
    desk = tmp_path / "smoke" / "desk.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HALLDESK_NO_USER_CONFIG": "1"}
    run = subprocess.run([str(exe), "--smoke-test", "--desk", str(desk)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "smoke test ok" in run.stdout
    assert desk.exists()
    # a second start on the same (now current) file takes the quick start-up path: the
    # first screen read with plain sqlite3, the full desk opened after the first paint
    again = subprocess.run([str(exe), "--smoke-test", "--desk", str(desk)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "smoke test ok" in again.stdout
    # the build reads its own bundled catalogue, translations and migrations
    internal = exe.parent / "_internal"
    assert (internal / "resources" / "translations" / "halldesk_zh_CN.qm").exists()
    assert (internal / "resources" / "catalogue" / "policies.json").exists()
    assert list((internal / "sync" / "migrations" / "versions").glob("0001_*.py"))
