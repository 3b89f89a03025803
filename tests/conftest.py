"""Shared fixtures: a desk on a real SQLite file with a controllable clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.identifiers import make_credit_code
from core.tickets import Role
from sync.desk import Actor, Desk, Station

CST = dt.timezone(dt.timedelta(hours=8))


class FakeClock:
    """The clock is an edge we do not own: tests set it."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, text: str) -> dt.datetime:
        self.now = dt.datetime.fromisoformat(text).replace(tzinfo=CST)
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture(scope="session")
def catalogue_files():
    """The packaged sample catalogue, as the central server publishes it."""
    from core.catalogue import load_catalogue

    return load_catalogue().to_json()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(dt.datetime(2026, 11, 24, 9, 0, tzinfo=CST))


@pytest.fixture
def desk_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite3"


@pytest.fixture
def desk(desk_path: Path, clock: FakeClock):
    d = Desk.open(desk_path, station=Station("SQ01", "shiqi", "石岐街道 1 号窗口"),
                  actor=Actor("clerk01", Role.CLERK, "张敏"), clock=clock)
    yield d
    d.close()


CODE = make_credit_code("91442000MA4W7K2L3")


def intake_form(**overrides: object) -> dict:
    form = {
        "channel": "counter", "type": "help", "topic": "annual_report",
        "credit_code": CODE, "enterprise_name": "中山市示例精密机械有限公司",
        "contact_name": "李建华", "contact_phone": "13800138000",
        "description": "年报填报时系统提示资产总额与上年数据差异过大，无法提交。",
        "town": "shiqi",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}
