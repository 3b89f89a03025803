"""Start-up and closing of the desk's worker: closing the window drops the reads still
queued (nobody will see them, and the cold start's exit does not wait for them) but
runs every queued write."""

from __future__ import annotations

import threading

from desktop.operations import DeskOp, DeskQuery
from tests.conftest import intake_form


def test_closing_drops_queued_reads_and_runs_queued_writes(ctx):
    released = threading.Event()
    ctx.tasks.run_db(lambda: released.wait(10))           # the worker is busy
    read = DeskQuery(ctx, None, lambda desk: desk.request_ids()).run()
    read.add_done_callback(lambda _f: released.set())     # dropped at closing: free it
    write = DeskOp(ctx, None, lambda desk: desk.record_intake(intake_form())).run()

    ctx.tasks.shutdown()

    assert read.cancelled()
    assert write.done() and not write.cancelled()
    assert ctx.desk.count_requests() == 1                 # the clerk's request was saved



def test_the_window_paints_its_first_page_before_the_desk_file_opens(
        qtbot, qapp, desk, desk_path, clock, catalogue_files, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.context import AppContext, ChangeBus, OpeningDesk, Reference
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from desktop.taskman import TaskManager
    from sync import startup
    from sync.desk import Desk

    desk.install_catalogue(catalogue_files)
    desk.record_intake(intake_form(enterprise_name="中山市先到五金有限公司"))
    snapshot = startup.read(desk_path)
    assert snapshot is not None
    opening = OpeningDesk(snapshot, lambda: Desk.open(desk_path, clock=clock), clock=clock)
    tasks = TaskManager()
    opened = []
    tasks.run_db(opening.open_on_worker, lambda future: opened.append(future.result()))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    ctx = AppContext(opening, tasks, ChangeBus(), settings,
                     Reference(topic_names=snapshot.topics),
                     first_page=(snapshot.filter, snapshot.ids, snapshot.rows))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.ready, timeout=5000):
            window.show()

        # the clerk sees the request, its topic's name and who is signed in ...
        row = window.model.row_at(0)
        assert row is not None and row.enterprise_name == "中山市先到五金有限公司"
        topic = window.model.index(0, 7).data()
        assert topic == snapshot.topics["annual_report"][0]
        assert "石岐街道 1 号窗口" in window.station_label.text()
        # ... while the desk file is still to be opened (nothing forced it open)
        assert opening.opened is None and not opened

        opening.release()
        qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
        ctx.desk = opened[0]
        window.desk_opened()
        # the catalogue's towns arrive in the filter bar; the counts are the desk's
        qtbot.waitUntil(lambda: window.filters.town.count() > 1, timeout=5000)
        qtbot.waitUntil(lambda: "1" in window.views.item(0).text(), timeout=5000)
        qtbot.waitUntil(lambda: bool(window.ctx.reference.towns), timeout=5000)
        # the painted page stays as it was (only names redraw): no placeholder row
        assert window.model.row_at(0) is row
        assert window.model.index(0, 7).data() == topic
    finally:
        tasks.shutdown()
        if opening.opened is not None:
            opening.opened.close()
