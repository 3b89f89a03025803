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

