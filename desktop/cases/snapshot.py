"""What the case detail shows, read in one go on the desk's worker: the case (row,
timeline, fold, checklist, allowed events), its batch in full (window, materials and
their validity, receiving unit), and the titles of the enterprise's other cases (a
material received for one of them is named)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.cases import ChecklistLine, MaterialStatus
from sync.case_queries import CaseDetail, CaseFilter
from sync.desk import Desk
from sync.policy_store import BatchDetail
from sync.ticket_writes import NotFound


@dataclass(frozen=True)
class CaseSnapshot:
    detail: CaseDetail
    batch: BatchDetail | None
    today: dt.date
    other_cases: dict[str, str] = field(default_factory=dict)     # case id -> item title

    @property
    def id(self) -> str:
        return self.detail.row.id

    @property
    def enterprise_id(self) -> str:
        return self.detail.row.enterprise_id

    def material_names(self) -> dict[str, str]:
        """The batch's materials in its order, id -> name."""
        names = {ln.material_id: ln.name or ln.material_id for ln in self.detail.checklist}
        if self.batch is not None:
            names.update({m.id: m.name for m in self.batch.materials})
        return names

    def validity(self) -> dict[str, int | None]:
        return {m.id: m.validity_days for m in self.batch.materials} if self.batch else {}

    def missing(self) -> list[ChecklistLine]:
        """The batch's materials not validly in hand today (missing or expired)."""
        return [ln for ln in self.detail.checklist if ln.status is not MaterialStatus.RECEIVED]

    def received_elsewhere(self, line: ChecklistLine) -> str | None:
        """The title of the other case a line's copy was received for, if any."""
        if line.case_id and line.case_id != self.id:
            return self.other_cases.get(line.case_id, "")
        return None


def load_snapshot(desk: Desk, case_id: str) -> CaseSnapshot:
    """Runs on the desk's worker."""
    detail = desk.case(case_id)
    row = detail.row
    try:
        item = desk.policy_item(row.item_id)
        batch = next((b for b in item.batches if b.id == row.batch_id), None)
    except NotFound:
        batch = None
    others = {r.id: r.item_title for r in desk.cases(CaseFilter(enterprise_id=row.enterprise_id))
              if r.id != case_id}
    return CaseSnapshot(detail, batch, desk.today(), others)


__all__ = ["CaseSnapshot", "load_snapshot"]
