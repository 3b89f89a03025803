"""What a push holds in memory for the policy-redemption ops (cases and checklist lines,
as loaded under their row locks, then changed), and the statements that read and write
them, built once (see ``server.statements``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update

from core.cases import CaseState
from server.models import (ENTITY_CASE, case_events, cases, change_feed, enterprise_materials,
                           enterprises)


def _ids(name: str = "ids") -> Any:
    return bindparam(name, expanding=True)


lock_cases = (select(cases).where(cases.c.id.in_(_ids())).order_by(cases.c.id)
              .with_for_update())
case_docs = select(change_feed.c.id, change_feed.c.doc).where(
    change_feed.c.entity == ENTITY_CASE, change_feed.c.id.in_(_ids()))
lock_materials = (select(enterprise_materials).where(enterprise_materials.c.id.in_(_ids()))
                  .order_by(enterprise_materials.c.id).with_for_update())
enterprise_facts = select(enterprises.c.id, enterprises.c.town, enterprises.c.deleted,
                          enterprises.c.profile_meta).where(enterprises.c.id.in_(_ids()))
used_case_events = select(case_events.c.id).where(case_events.c.id.in_(_ids()))
update_cases = update(cases).where(cases.c.id == bindparam("_id")).values(
    state=bindparam("_state"), version=bindparam("_version"), updated_at=bindparam("_now"))
MATERIAL_VALUES = ("received_on", "case_id", "note", "actor", "station", "at")
update_materials = update(enterprise_materials).where(
    enterprise_materials.c.id == bindparam("_id")).values(
    version=bindparam("_version"), updated_at=bindparam("_now"),
    **{k: bindparam(f"_{k}") for k in MATERIAL_VALUES})
update_profile_meta = update(enterprises).where(enterprises.c.id == bindparam("_id")).values(
    profile_meta=bindparam("_meta"))


@dataclass
class CaseRec:
    id: str
    town: str
    station_id: str
    state: CaseState | None
    version: int
    deleted: bool
    header: dict[str, Any]
    events: list[dict[str, Any]]
    is_new: bool = False
    changed: bool = False
    loaded_version: int | None = None


@dataclass
class MaterialRec:
    id: str
    values: dict[str, Any]          # enterprise_id, material_id, received_on, case_id, note,
    version: int                    # actor, station, at
    is_new: bool = False
    changed: bool = False
    loaded_version: int | None = None
