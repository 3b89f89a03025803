"""Desk API of the policy-redemption window (政策兑现窗口): the policy catalogue (search,
browse, one item's document → item → batches), enterprises and their profiles, redemption
cases (帮办代办) with their timelines and the enterprise's reusable materials checklist,
manual targeting (人工定向) and consultations (咨询与评价).

Mixed into ``sync.desk.Desk`` like ``IntakeLookups``. Reads take one snapshot; each write
is ONE transaction that changes the rows and appends its outbox ops, and returns a
``Changes`` (``cases``, ``policies``: item ids, ``profiles``: enterprise ids). The SQL is
in ``sync.policy_store``, ``sync.case_writes`` and ``sync.case_queries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from core.cases import CaseEventType, hall_day
from core.enterprise import EnterpriseProfile
from core.tickets import Role
from core.validation import ValidationError
from sync import case_queries, case_writes, policy_store
from sync.case_queries import (CaseDetail, CaseFilter, CaseRow, ConsultationRow, EnterpriseRow,
                               MaterialLine, ProfileRow, TargetingRow)
from sync.changes import Changes
from sync.policy_store import PolicyHit, PolicyItemDetail
from sync.ticket_writes import NotFound, WriteContext

if TYPE_CHECKING:
    from core.catalogue import Catalogue
    from sync.identity import Actor, Station
    from sync.store import Store

__all__ = ["CaseDetail", "CaseFilter", "CaseRow", "ConsultationRow", "EnterpriseRow",
           "MaterialLine", "PolicyDesk", "PolicyHit", "PolicyItemDetail", "ProfileRow",
           "TargetingRow"]


class PolicyDesk:
    """Mixed into ``sync.desk.Desk``; uses its ``store``, ``clock``, ``actor``, ``station``
    and ``_ctx()``."""

    store: Store
    clock: Callable[[], dt.datetime]
    actor: Actor | None
    station: Station | None

    if TYPE_CHECKING:
        def _ctx(self) -> WriteContext: ...
        def policy_catalogue(self) -> Catalogue | None: ...   # MatchingDesk

    def today(self) -> dt.date:
        """The halls' date now (Asia/Shanghai), what "open now" is judged on."""
        return hall_day(self.clock())

    def _ensure_policies(self) -> None:
        """A desk upgraded to 0003 with a catalogue already installed fills the policy
        tables from the stored catalogue, once, on first use."""
        if self.__dict__.get("_policies_ready"):
            return
        from sync import catalogue_store
        with self.store.read() as conn:
            ready = policy_store.is_installed(conn) or catalogue_store.etag(conn) is None
        if not ready:
            catalogue = self.policy_catalogue()     # (parsed once, kept for matching)
            if catalogue is not None:
                with self.store.write() as conn:
                    if not policy_store.is_installed(conn):
                        policy_store.install(conn, catalogue)
        self.__dict__["_policies_ready"] = True

    # -- the policy catalogue --------------------------------------------------------------

    def search_policies(self, text: str = "", *, issuer: str | None = None,
                        theme: str | None = None, tag: str | None = None,
                        status: str | None = None, on: dt.date | None = None,
                        limit: int = 50) -> list[PolicyHit]:
        """Items for what the navigator typed (1- and 2-character terms, full titles, pinyin
        initials), ranked; ``status``: ``valid`` | ``open_now`` | ``closing_soon`` on
        ``on`` (default today); ``tag``: ``kind:value`` (``qualification:high_tech``) or a
        bare value. No text: every item the filters admit, open ones first."""
        self._ensure_policies()
        with self.store.read() as conn:
            return policy_store.search(conn, text, issuer=issuer, theme=theme, tag=tag,
                                       status=status, on=on or self.today(), limit=limit)

    def policy_item(self, item_id: str, on: dt.date | None = None) -> PolicyItemDetail:
        """Document → item → batches (window and status, materials, receiving unit with
        its on-duty contacts, contact, channel)."""
        self._ensure_policies()
        with self.store.read() as conn:
            found = policy_store.item_detail(conn, item_id, on or self.today())
        if found is None:
            raise NotFound("policy item", item_id)
        return found

    def issuers(self) -> list[tuple[str, str, int]]:
        """(unit id, name, number of items) of the issuing units, most items first."""
        self._ensure_policies()
        with self.store.read() as conn:
            return policy_store.issuers(conn)

    def themes(self) -> list[tuple[str, int]]:
        self._ensure_policies()
        with self.store.read() as conn:
            return policy_store.themes(conn)

    # -- enterprises and profiles ----------------------------------------------------------

    def enterprise(self, key: str) -> EnterpriseRow | None:
        """A cached enterprise by id or credit code."""
        with self.store.read() as conn:
            return case_queries.enterprise(conn, key)

    def enterprise_profile(self, enterprise_id: str) -> EnterpriseProfile:
        """The profile (企业画像) with each field's provenance: the server's, with this
        desk's pending edits on top."""
        found = self.enterprise(enterprise_id)
        if found is None:
            raise NotFound("enterprise", enterprise_id)
        return case_queries.parse_profile(found.profile)

    def profiles_in_scope(self, town: str | None = None) -> Iterator[ProfileRow]:
        """Every cached enterprise of the desk's town (all of them at the city hall, or
        of ``town`` when given), with its profile JSON (``ProfileRow.parsed()``)."""
        if town is None and self.station is not None and self.station.town != "city":
            town = self.station.town
        with self.store.read() as conn:
            yield from case_queries.profiles(conn, town)

    def register_enterprise(self, credit_code: str, name: str, town: str | None = None,
                            facts: Mapping[str, Any] | None = None) -> tuple[str, Changes]:
        """An enterprise met for the first time (or found by its code), with its first
        profile facts if given: one transaction, so a refused fact registers nothing."""
        ctx = self._ctx()
        with self.store.write() as conn:
            ent_id, created = case_writes.register_enterprise(conn, credit_code, name, town, ctx)
            if facts:
                case_writes.edit_profile(conn, ent_id, facts, ctx)
        return ent_id, Changes(enterprises=frozenset({ent_id}), outbox=created or bool(facts),
                               profiles=frozenset({ent_id}))

    def edit_profile(self, enterprise_id: str, facts: Mapping[str, Any]) -> Changes:
        """Set profile fields, each a ``core.enterprise.Fact`` (or its JSON) with where it
        came from and when; None clears a field. Merged per field when synced."""
        ctx = self._ctx()
        with self.store.write() as conn:
            case_writes.edit_profile(conn, enterprise_id, facts, ctx)
        return Changes(enterprises=frozenset({enterprise_id}), outbox=True,
                       profiles=frozenset({enterprise_id}))

    # -- cases -----------------------------------------------------------------------------

    def cases(self, f: CaseFilter = CaseFilter()) -> list[CaseRow]:
        with self.store.read() as conn:
            return case_queries.cases(conn, f)

    def case(self, case_id: str, on: dt.date | None = None) -> CaseDetail:
        """One case: its row, timeline (pending events marked), fold, the batch's materials
        checklist on ``on`` (default today) and the events this desk's role may record."""
        role = self.actor.role if self.actor else Role.CLERK
        with self.store.read() as conn:
            found = case_queries.case(conn, case_id, role, on or self.today())
        if found is None:
            raise NotFound("case", case_id)
        return found

    def open_case(self, enterprise_id: str, item_id: str, batch_id: str,
                  note: str | None = None) -> tuple[str, Changes]:
        """Open the enterprise's case for an item's batch (咨询中). Raises
        ``case_writes.CaseExists`` (with its ``case_id``) when there is one already."""
        self._ensure_policies()
        ctx = self._ctx()
        with self.store.write() as conn:
            case_id = case_writes.open_case(conn, enterprise_id, item_id, batch_id, ctx, note)
        return case_id, Changes(cases=frozenset({case_id}), outbox=True,
                                policies=frozenset({item_id}),
                                profiles=frozenset({enterprise_id}))

    def record_case_event(self, case_id: str, kind: CaseEventType | str,
                          data: Mapping[str, Any] | None = None) -> Changes:
        """Append one event to a case's timeline (checked by ``core.cases``' state machine
        for this desk's role). A material received or removed also marks the enterprise's
        checklist, in the same transaction."""
        kind = CaseEventType(kind)
        ctx = self._ctx()
        with self.store.write() as conn:
            row = case_writes.case_row(conn, case_id)
            case_writes.append_event(conn, case_id, kind, data or {}, ctx)
        materials = kind in (CaseEventType.MATERIAL_RECEIVED, CaseEventType.MATERIAL_REMOVED)
        return Changes(cases=frozenset({case_id}), outbox=True, policies=frozenset({row.item_id}),
                       profiles=frozenset({row.enterprise_id}) if materials else frozenset())

    def mark_material(self, enterprise_id: str, material_id: str,
                      received_on: dt.date | str | None, case_id: str | None = None,
                      note: str | None = None) -> Changes:
        """Mark a material received on ``received_on`` (None: taken back, ``note`` says
        why) on the enterprise's checklist; with ``case_id``, also on that case's timeline
        (``material_received`` / ``material_removed``)."""
        day = str(received_on) if received_on else None
        if case_id is not None:
            kind, data = ((CaseEventType.MATERIAL_RECEIVED, {
                "material_id": material_id, "received_on": day, "note": note}) if day else
                (CaseEventType.MATERIAL_REMOVED, {"material_id": material_id, "reason": note}))
            ctx = self._ctx()
            with self.store.write() as conn:
                row = case_writes.case_row(conn, case_id)
                if row.enterprise_id != enterprise_id:
                    raise ValidationError("case_id", "the case is another enterprise's",
                                          message_zh="该帮办案件不属于此企业")
                case_writes.append_event(conn, case_id, kind, data, ctx)
            return Changes(cases=frozenset({case_id}), outbox=True,
                           policies=frozenset({row.item_id}), profiles=frozenset({enterprise_id}))
        ctx = self._ctx()
        with self.store.write() as conn:
            case_writes.mark_material(conn, enterprise_id, {
                "material_id": material_id, "received_on": day, "note": note}, ctx)
        return Changes(outbox=True, profiles=frozenset({enterprise_id}))

    def materials_of(self, enterprise_id: str, on: dt.date | None = None) -> list[MaterialLine]:
        """The enterprise's reusable materials checklist, valid or not on ``on``."""
        with self.store.read() as conn:
            return case_queries.materials_of(conn, enterprise_id, on or self.today())

    # -- targeting and consultations -------------------------------------------------------

    def target_item(self, enterprise_id: str, item_id: str, reason: str) -> tuple[str, Changes]:
        """Manual targeting (人工定向): push an item to an enterprise; the reason is required."""
        self._ensure_policies()
        ctx = self._ctx()
        with self.store.write() as conn:
            rid = case_writes.target_item(conn, enterprise_id, item_id, reason, ctx)
        return rid, Changes(outbox=True, policies=frozenset({item_id}),
                            profiles=frozenset({enterprise_id}))

    def targeting_of(self, enterprise_id: str | None = None,
                     item_id: str | None = None) -> list[TargetingRow]:
        with self.store.read() as conn:
            return case_queries.targeting_of(conn, enterprise_id, item_id)

    def record_consultation(self, enterprise_id: str, item_id: str | None, question: str,
                            answer: str | None = None, rating: int | None = None,
                            comment: str | None = None) -> tuple[str, Changes]:
        """An enterprise's question about a policy, the answer, its rating (1-5) and comment."""
        self._ensure_policies()
        ctx = self._ctx()
        with self.store.write() as conn:
            rid = case_writes.record_consultation(conn, enterprise_id, {
                "item_id": item_id, "question": question, "answer": answer, "rating": rating,
                "comment": comment}, ctx)
        return rid, Changes(outbox=True, policies=frozenset({item_id} if item_id else ()),
                            profiles=frozenset({enterprise_id}))

    def consultations_of(self, enterprise_id: str | None = None,
                         item_id: str | None = None) -> list[ConsultationRow]:
        with self.store.read() as conn:
            return case_queries.consultations_of(conn, enterprise_id, item_id)
