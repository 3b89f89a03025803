"""The start-up snapshot: what the window paints first, read with plain sqlite3, is what
the desk itself lists; a file that needs work opens the usual way."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from sync import startup
from sync.ticket_queries import RequestFilter
from tests.conftest import intake_form


def _fill(desk, catalogue_files) -> None:
    desk.install_catalogue(catalogue_files)
    for i in range(5):
        ticket_id, _ = desk.record_intake(intake_form(enterprise_name=f"中山市示例{i}有限公司"))
        if i % 2:
            desk.dispatch(ticket_id, desk.units()[0].id)      # running clocks sort first


def test_the_snapshot_lists_the_first_page_as_the_desk_does(desk, desk_path, catalogue_files):
    _fill(desk, catalogue_files)

    snap = startup.read(desk_path, first=3)

    assert snap is not None
    ids = desk.request_ids(RequestFilter())
    assert snap.filter == RequestFilter()
    assert snap.ids == ids
    assert snap.rows == desk.request_rows(ids[:3])
    assert snap.station == desk.station and snap.actor == desk.actor
    assert snap.schedule.fingerprint() == desk.schedule.fingerprint()
    assert snap.topics["annual_report"][0] == next(
        t.zh for t in desk.topics() if t.code == "annual_report")


def test_a_file_that_needs_work_is_opened_the_usual_way(desk, desk_path, tmp_path):
    assert startup.read(tmp_path / "missing.sqlite3") is None
    desk.close()
    conn = sqlite3.connect(desk_path)
    conn.execute("UPDATE meta SET value = '\"elsewhere\"' WHERE key = 'schedule_fingerprint'")
    conn.commit()
    conn.close()
    assert startup.read(desk_path) is None               # deadlines to recompute first
    conn = sqlite3.connect(desk_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    assert startup.read(desk_path) is None               # the open refuses it, with its words


def test_the_window_paints_without_importing_sqlalchemy():
    code = ("import sys\n"
            "import desktop.app, desktop.main_window, desktop.context, sync.startup\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'"
            " or m in ('sync.desk', 'sync.schema', 'sync.catalogue_store')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip() == "[]"
