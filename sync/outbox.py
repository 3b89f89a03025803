"""The outbox: local writes waiting for the server, in per-device sequence.

An op leaves the outbox only when the server acknowledges it. One the server rejects
for good moves to *needs attention* (state ``rejected``): it stays visible, never blocks
the ops behind it, and is never silently dropped. A desk too old for the server parks
its ops (state ``parked``) until it is updated; parked ops are pushed again afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from core.ids import new_id
from sync.codec import db_time, dumps, loads
from sync.schema import OutboxOp

PENDING, PARKED, REJECTED = "pending", "parked", "rejected"


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    op_id: str
    kind: str
    entity_id: str
    base_version: int
    payload: dict[str, Any]
    created_at: str
    state: str
    attempts: int
    last_error: str | None


def append(conn: Connection, kind: str, entity_id: str, payload: dict[str, Any],
           now: dt.datetime, base_version: int = 0) -> int:
    """Add an op in the caller's transaction; returns its per-device sequence number."""
    result = conn.execute(insert(OutboxOp).values(
        op_id=new_id(), kind=kind, entity_id=entity_id, base_version=base_version,
        payload=dumps(payload), created_at=db_time(now), state=PENDING, attempts=0))
    return int(result.inserted_primary_key[0])


def _entry(row: Any) -> OutboxEntry:
    return OutboxEntry(row.seq, row.op_id, row.kind, row.entity_id, row.base_version,
                       loads(row.payload), row.created_at, row.state, row.attempts,
                       row.last_error)


def entries(conn: Connection, states: Iterable[str] = (PENDING,), limit: int = 500,
            after_seq: int = 0) -> list[OutboxEntry]:
    rows = conn.execute(select(OutboxOp).where(OutboxOp.state.in_(list(states)),
                                               OutboxOp.seq > after_seq)
                        .order_by(OutboxOp.seq).limit(limit))
    return [_entry(r) for r in rows]


def counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(OutboxOp.state, func.count()).group_by(OutboxOp.state))
    out = {PENDING: 0, PARKED: 0, REJECTED: 0}
    out.update({state: n for state, n in rows})
    return out


def pending_for(conn: Connection, entity_id: str) -> list[OutboxEntry]:
    rows = conn.execute(select(OutboxOp).where(OutboxOp.entity_id == entity_id,
                                               OutboxOp.state != REJECTED)
                        .order_by(OutboxOp.seq))
    return [_entry(r) for r in rows]


def acknowledge(conn: Connection, seqs: Iterable[int]) -> None:
    seqs = list(seqs)
    if seqs:
        conn.execute(delete(OutboxOp).where(OutboxOp.seq.in_(seqs)))


def reject(conn: Connection, seq: int, reason: str) -> None:
    conn.execute(update(OutboxOp).where(OutboxOp.seq == seq)
                 .values(state=REJECTED, last_error=reason))


def park_all(conn: Connection, reason: str) -> None:
    conn.execute(update(OutboxOp).where(OutboxOp.state == PENDING)
                 .values(state=PARKED, last_error=reason))


def unpark_all(conn: Connection) -> None:
    conn.execute(update(OutboxOp).where(OutboxOp.state == PARKED)
                 .values(state=PENDING, last_error=None))


def note_attempt(conn: Connection, seqs: Iterable[int], error: str | None) -> None:
    seqs = list(seqs)
    if seqs:
        conn.execute(update(OutboxOp).where(OutboxOp.seq.in_(seqs))
                     .values(attempts=OutboxOp.attempts + 1, last_error=error))


def dismiss(conn: Connection, seq: int) -> None:
    """A supervisor's decision to drop a rejected op from needs-attention, after reading it."""
    conn.execute(delete(OutboxOp).where(OutboxOp.seq == seq, OutboxOp.state == REJECTED))
