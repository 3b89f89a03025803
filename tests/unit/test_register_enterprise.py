"""Registering an enterprise with its first profile facts is one write: a refused fact
leaves neither the enterprise nor an op behind."""

from __future__ import annotations

import datetime as dt

import pytest

from core.enterprise import Fact
from core.identifiers import make_credit_code
from core.tickets import Role
from core.validation import ValidationError
from sync.desk import Actor, Desk, Station

CODE = make_credit_code("91442000MA4X9Q1B2")
DAY = dt.date(2026, 11, 25)


@pytest.fixture
def nav(tmp_path, catalogue_files):
    desk = Desk.open(tmp_path / "desk.sqlite3", station=Station("XL01", "xiaolan", "小榄 1 号窗口"),
                     actor=Actor("nav01", Role.NAVIGATOR, "导办员"))
    desk.install_catalogue(catalogue_files)
    yield desk
    desk.close()


def test_registered_with_its_facts_in_one_write(nav):
    ent, changes = nav.register_enterprise(CODE, "中山市示例照明有限公司", "xiaolan", {
        "name": Fact("中山市示例照明有限公司", "told", DAY), "employees": Fact(35, "told", DAY)})
    assert changes.outbox and nav.enterprise(ent).credit_code == CODE
    assert nav.enterprise_profile(ent).employees.value == 35
    kinds = [op.kind for op in nav.outbox_entries()]
    assert kinds == ["enterprise.upsert", "enterprise.edit"]


def test_a_refused_fact_registers_nothing(nav):
    with pytest.raises(ValidationError) as err:
        nav.register_enterprise(CODE, "中山市示例照明有限公司", "xiaolan",
                                {"rd_ratio": Fact(150, "told", DAY)})
    assert "rd_ratio" in str(err.value)
    assert nav.enterprise(CODE) is None and nav.outbox_entries() == []
