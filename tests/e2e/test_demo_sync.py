"""`make run`'s demo desk against a demo central server: every sample write it seeds
(requests, profiles, materials, targeting, cases, consultations) is accepted, and a
second desk sees the sample cases."""

from __future__ import annotations

import pytest

from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from sync.case_queries import CaseFilter
from sync.credentials import MemoryKeyring
from sync.demo import create_demo_desk
from sync.desk import Desk
from sync.engine import SyncEngine
from sync.session import Session

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


def signed_in(desk, url, user="demo.clerk", station="SQ01"):
    session = Session(desk, url)
    session.login(user, "demo-2026", station)
    return SyncEngine(desk, session.client)


def test_the_demo_desk_syncs_with_nothing_refused(central, tmp_path):
    desk = create_demo_desk(tmp_path / "demo.sqlite3")
    engine = signed_in(desk, central.url)
    try:
        cases = desk.cases(CaseFilter(limit=50))
        assert cases                                   # the policy window has samples
        pending = desk.outbox_counts()["pending"]
        report = engine.sync_once()
        while report is not None and report.ok and desk.outbox_counts()["pending"]:
            report = engine.sync_once()
        assert report is not None and report.ok and report.checksum_ok, report
        assert desk.outbox_counts().get("rejected", 0) == 0, desk.attention()
        assert desk.outbox_counts()["pending"] == 0 and pending > 0

        other = Desk.open(tmp_path / "other.sqlite3")
        other_engine = signed_in(other, central.url, "demo.navigator", "ZS01")   # city hall
        try:
            assert other_engine.sync_once().ok
            seen = {c.id: c.state for c in other.cases(CaseFilter(limit=50))}
            assert seen == {c.id: c.state for c in cases}
        finally:
            other_engine.stop()
            other.close()
    finally:
        engine.stop()
        desk.close()
