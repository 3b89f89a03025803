"""What a write changed, so views redraw only that (as Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    tickets: frozenset[str] = field(default_factory=frozenset)       # ticket ids
    enterprises: frozenset[str] = field(default_factory=frozenset)   # enterprise ids
    outbox: bool = False             # pending / needs-attention counts may have moved
    catalogue: bool = False          # units, topics, knowledge base, policies
    all_tickets: bool = False        # many rows at once (a pull page, a recompute)
    sync_state: bool = False         # cursor, last synced, online state
    # the policy-redemption window (added with cases; default empty)
    # cases: case ids; policies: item ids whose cases, targeting or consultations
    # changed (an outreach list redraws); profiles: enterprise ids whose profile,
    # materials checklist, targeting or consultations changed
    cases: frozenset[str] = field(default_factory=frozenset)
    policies: frozenset[str] = field(default_factory=frozenset)
    profiles: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            tickets=self.tickets | other.tickets,
            enterprises=self.enterprises | other.enterprises,
            outbox=self.outbox or other.outbox,
            catalogue=self.catalogue or other.catalogue,
            all_tickets=self.all_tickets or other.all_tickets,
            sync_state=self.sync_state or other.sync_state,
            cases=self.cases | other.cases,
            policies=self.policies | other.policies,
            profiles=self.profiles | other.profiles,
        )

    def __bool__(self) -> bool:
        return bool(self.tickets or self.enterprises or self.outbox or self.catalogue
                    or self.all_tickets or self.sync_state or self.cases or self.policies
                    or self.profiles)

    def touches_ticket(self, ticket_id: str) -> bool:
        return self.all_tickets or ticket_id in self.tickets

    def touches_case(self, case_id: str) -> bool:
        return case_id in self.cases


NOTHING = Changes()
