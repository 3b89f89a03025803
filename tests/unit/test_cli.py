"""The `halldesk` command line: `due`, `version`, passing through to the GUI, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import desktop
from core.calendar import WorkCalendar
from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]
NATIONAL_DAY = ["due", "--from", "2026-09-30T16:00"]

CALENDAR_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用）",
    "holidays": [{"name": "new_year", "date": "2027-01-01"},
                 {"name": "national_day", "from": "2027-10-01", "to": "2027-10-07"}],
    "workdays": [{"name": "national_day", "date": "2027-09-26"},
                 {"name": "national_day", "date": "2027-10-09"}],
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def due_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "due", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_national_day_deadlines_as_json(capsys):
    data = due_json(capsys, "--from", "2026-09-30T16:00")
    assert data["dispatched_at"] == "2026-09-30T16:00:00+08:00"
    assert data["contact_due"] == "2026-09-30T17:00:00+08:00"
    assert data["interim_due"] == "2026-10-10T17:30:00+08:00"
    assert data["close_due"] == "2026-10-13T17:30:00+08:00"
    assert data["provisional"] is False
    assert set(data["explanation"]) == {"contact", "interim", "close"}
    interim = data["explanation"]["interim"]
    assert interim["rule"] == "working_days" and interim["amount"] == 3
    assert interim["due_at"] == data["interim_due"]
    assert {d["holiday"] for d in interim["skipped"]} == {"national_day"}
    assert interim["adjusted"] == [{"date": "2026-10-10", "holiday": "national_day"}]
    assert "国庆节" in interim["text_zh"] and "National Day" in interim["text_en"]


def test_a_moment_with_an_offset_is_taken_as_given(capsys):
    data = due_json(capsys, "--from", "2026-09-30T08:00:00Z")
    assert data["dispatched_at"] == "2026-09-30T16:00:00+08:00"
    assert data["close_due"] == "2026-10-13T17:30:00+08:00"
    data = due_json(capsys, "--from", "2026-09-30 16:00+08:00")
    assert data["contact_due"] == "2026-09-30T17:00:00+08:00"


def test_an_unpublished_year_is_provisional_until_its_calendar_is_given(capsys, tmp_path):
    if WorkCalendar().is_published(2027):  # pragma: no cover - a newer chinesecalendar
        pytest.skip("the installed chinesecalendar already knows 2027")
    data = due_json(capsys, "--from", "2027-09-30T16:00")
    assert data["provisional"] is True
    assert set(data["provisional_clocks"]) == {"contact", "interim", "close"}
    assert data["explanation"]["close"]["provisional_days"]

    calendar = tmp_path / "2027.json"
    calendar.write_text(json.dumps(CALENDAR_2027, ensure_ascii=False), "utf-8")
    data = due_json(capsys, "--from", "2027-09-30T16:00", "--calendar", str(calendar))
    assert data["provisional"] is False
    assert data["contact_due"] == "2027-09-30T17:00:00+08:00"
    assert data["interim_due"] == "2027-10-11T17:30:00+08:00"   # 10-08, 10-09 (调休), 10-11
    assert data["close_due"] == "2027-10-13T17:30:00+08:00"
    assert data["last_published_year"] == 2027
    assert data["calendars"][0]["year"] == 2027


def test_chinese_text_names_the_holiday(capsys):
    code, out, err = run(capsys, *NATIONAL_DAY)
    assert code == 0 and not err
    lines = out.splitlines()
    contact = next(line for line in lines if line.startswith("联系企业"))
    interim = next(line for line in lines if line.startswith("阶段答复"))
    close = next(line for line in lines if line.startswith("办结"))
    assert "2026-09-30（周三）17:00" in contact
    assert "2026-10-10（周六）17:30" in interim and "暂定" not in interim
    assert "2026-10-13（周二）17:30" in close
    assert "国庆节假期" in out and "国庆节调休上班日" in out
    # the explanation lines are indented under their clock
    assert any(line.startswith("    跳过 2026-10-01") for line in lines)


def test_english_text_and_the_provisional_mark(capsys):
    code, out, _ = run(capsys, *NATIONAL_DAY, "--lang", "en")
    assert code == 0
    assert "Interim reply" in out and "Sat 2026-10-10 17:30" in out
    assert "National Day holiday" in out
    assert "provisional" not in out.split("Calendar")[0].lower()
    code, out, _ = run(capsys, "due", "--from", "2027-09-30T16:00", "--lang", "en")
    assert code == 0
    if not WorkCalendar().is_published(2027):
        assert out.count("⚠ provisional") == 3
    code, out, _ = run(capsys, "due", "--from", "2027-09-30T16:00")
    if not WorkCalendar().is_published(2027):
        assert out.count("⚠ 暂定") == 3


def test_business_hours_file(capsys, tmp_path):
    hours = tmp_path / "hours.json"
    hours.write_text(json.dumps({"timezone": "Asia/Shanghai",
                                 "periods": [["09:00", "12:00"], ["13:30", "18:00"]]}))
    data = due_json(capsys, *NATIONAL_DAY[1:], "--hours", str(hours))
    assert data["contact_due"] == "2026-09-30T17:00:00+08:00"
    assert data["interim_due"] == "2026-10-10T18:00:00+08:00"


@pytest.mark.parametrize("value", ["30/9", "2026-09-30", "2026-13-30T16:00", "tomorrow",
                                   "2026-09-30T25:00"])
def test_bad_from_exits_2_naming_the_option(capsys, value):
    code, out, err = run(capsys, "due", "--from", value)
    assert code == 2 and not out
    assert "--from: expected a date-time such as 2026-09-30T16:00" in err
    assert repr(value) in err


def test_the_message_for_a_bad_from_is_exact(capsys):
    code, _, err = run(capsys, "due", "--from", "30/9")
    assert err.strip() == ("halldesk due: error: --from: expected a date-time such as "
                           "2026-09-30T16:00, got '30/9'")


def test_a_bad_calendar_file_exits_2_naming_file_and_field(capsys, tmp_path):
    bad = tmp_path / "bad-2027.json"
    bad.write_text(json.dumps({"year": 2027, "source": "通知",
                               "holidays": [{"name": "national_day", "date": "2027-13-01"}]}))
    code, out, err = run(capsys, *NATIONAL_DAY, "--calendar", str(bad))
    assert code == 2 and not out
    assert str(bad) in err and "holidays[0].date" in err and "YYYY-MM-DD" in err

    weekday = tmp_path / "weekday.json"
    weekday.write_text(json.dumps({**CALENDAR_2027, "workdays": [
        {"name": "national_day", "date": "2027-10-08"}]}, ensure_ascii=False))
    code, _, err = run(capsys, *NATIONAL_DAY, "--calendar", str(weekday))
    assert code == 2 and "workdays: 2027-10-08 is a weekday" in err

    not_json = tmp_path / "broken.json"
    not_json.write_text("{year: 2027")
    code, _, err = run(capsys, *NATIONAL_DAY, "--calendar", str(not_json))
    assert code == 2 and f"--calendar {not_json}: not valid JSON" in err

    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, *NATIONAL_DAY, "--calendar", str(missing))
    assert code == 2 and f"--calendar {missing}: cannot read the file" in err

    good = tmp_path / "2027.json"
    good.write_text(json.dumps(CALENDAR_2027, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, *NATIONAL_DAY, "--calendar", str(good), "--calendar", str(good))
    assert code == 2 and "year: 2027 is already given" in err


def test_a_bad_hours_file_exits_2(capsys, tmp_path):
    hours = tmp_path / "hours.json"
    hours.write_text(json.dumps({"periods": [["08:30", "8:00"]]}))
    code, _, err = run(capsys, *NATIONAL_DAY, "--hours", str(hours))
    assert code == 2 and f"--hours {hours}: periods[0][1]: expected a time as HH:MM" in err


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "due")
    assert code == 2 and "--from" in err
    code, _, err = run(capsys, "due", "--from", "2026-09-30T16:00", "--lang", "fr")
    assert code == 2 and "--lang" in err
    code, _, err = run(capsys, "due", "--from", "2026-09-30T16:00", "--bogus")
    assert code == 2 and "--bogus" in err


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "due" in out and "version" in out and "--demo" in out
    code, out, _ = run(capsys, "version")
    assert code == 0 and out.startswith("halldesk ") and out.split()[1][0].isdigit()


def test_without_a_subcommand_the_gui_gets_the_arguments(capsys, monkeypatch):
    calls = []
    fake = types.ModuleType("desktop.app")
    fake.main = lambda argv: calls.append(argv) or 0
    monkeypatch.setitem(sys.modules, "desktop.app", fake)
    monkeypatch.setattr(desktop, "app", fake, raising=False)
    assert main(["--demo", "--lang", "en", "--smoke-test"]) == 0
    assert main(["--desk", "my.sqlite3"]) == 0
    assert main([]) == 0
    assert calls == [["--demo", "--lang", "en", "--smoke-test"], ["--desk", "my.sqlite3"], []]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_as_a_subprocess_without_qt_or_sqlalchemy():
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop.cli", *NATIONAL_DAY, "--json"],
        capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["interim_due"] == "2026-10-10T17:30:00+08:00"
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "core" in imported and "chinese_calendar" in imported
    assert not imported & {"PySide6", "shiboken6", "sqlalchemy", "alembic", "sync"}


def test_bad_input_as_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "desktop.cli", "due", "--from", "30/9"],
                          capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60)
    assert proc.returncode == 2
    assert "--from: expected a date-time such as 2026-09-30T16:00, got '30/9'" in proc.stderr


def test_the_installed_script():
    script = Path(sys.executable).with_name("halldesk")
    if not script.exists():
        pytest.skip("the halldesk console script is not installed in this environment")
    proc = subprocess.run([str(script), *NATIONAL_DAY, "--lang", "en"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "National Day" in proc.stdout
