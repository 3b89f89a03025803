"""The server's answers to a push, applied to the outbox; and the outbox as a clerk reads it.

For each ``OpResult`` (``docs/protocol.md``, "Push"), in the caller's write transaction:

* ``applied``: the op leaves the outbox. A ``ticket.create`` result also gives the
  request its server ``number`` and ``version`` (the search column is recomputed, so the
  number is searchable at once). Other ops leave ``version`` alone: the pull that
  follows brings the server's document, and ``version`` must never claim changes this
  desk has not seen (it is the ``base_version`` of the next edit).
* ``rejected``: the op stays, in state ``rejected`` with the server's reason (JSON in
  ``outbox.reason``): the *needs attention* list. A rejected event is removed from the
  local timeline and the request refolded (the op still holds the event, so nothing is
  lost). A rejected **create** keeps its request, marked in ``ticket_attention`` so the
  list can flag it: the clerk sees what was recorded and why the server refused it; events
  recorded on it afterwards are rejected in turn (the server does not know the request)
  and land in needs-attention beside it. A rejected edit marks the request; the server
  re-publishes the request's document, so the pull that follows puts the server's values
  back (under this desk's other pending edits).
* conflicts reported with a result are kept in ``sync_conflicts``.

``pending`` of every request touched is recounted from the outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from core.deadlines import Schedule
from core.tickets import EVENT_ZH, EventType
from sync import apply_cases, projection
from sync.apply import mark, search_terms
from sync.codec import db_time
from sync.outbox import OutboxEntry

EDIT_REJECTED_ZH = "对该诉求的修改被中心服务器拒绝，已恢复为服务器上的内容（原修改见“需处理”列表）"
CREATE_REJECTED_ZH = "该诉求未被中心服务器接受（见“需处理”列表）"
KIND_ZH = {"ticket.create": "新建诉求", "ticket.event": "诉求办理", "ticket.edit": "修改诉求",
           "enterprise.upsert": "登记企业", "enterprise.edit": "修改企业画像",
           "case.create": "建立帮办案件", "case.event": "帮办办理", "material.mark": "登记材料",
           "targeting.create": "人工定向推送", "consultation.create": "登记政策咨询"}
STATE_ZH = {"pending": "待上传", "parked": "已暂存（待升级）", "rejected": "需处理"}
FIELD_ZH = {"contact_name": "联系人", "contact_phone": "联系电话", "description": "诉求内容",
            "type": "诉求类型", "topic": "诉求主题"}


@dataclass
class PushOutcome:
    applied: int = 0
    rejected: int = 0
    replayed: int = 0
    conflicts: int = 0
    tickets: set[str] = field(default_factory=set)
    enterprises: set[str] = field(default_factory=set)
    rejected_reasons: list[dict[str, Any]] = field(default_factory=list)
    cases: set[str] = field(default_factory=set)           # the policy-redemption ops
    policy_rows: set[str] = field(default_factory=set)     # ids of cases, lines, records


def _j(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def apply_results(raw: Any, conn: Any, sent: Sequence[OutboxEntry],
                  results: Sequence[Mapping[str, Any]], schedule: Schedule,
                  now: dt.datetime) -> PushOutcome:
    """Apply a push's results. ``raw`` is the sqlite3 connection of ``conn`` (the
    SQLAlchemy connection of the same write transaction, for the projection refresh)."""
    out = PushOutcome()
    by_seq = {op.seq: op for op in sent}
    acked: list[int] = []
    refold: set[str] = set()
    policy_rejected: list[tuple[OutboxEntry, dict[str, Any]]] = []
    for result in results:
        op = by_seq.get(int(result["seq"]))
        if op is None or op.op_id != result.get("op_id", op.op_id):
            continue                              # not one we sent: ignore it
        if op.kind in apply_cases.KIND_TABLE:
            out.policy_rows.add(op.entity_id)
            if op.kind.startswith("case."):
                out.cases.add(op.entity_id)
        else:
            (out.tickets if op.kind.startswith("ticket.") else out.enterprises).add(op.entity_id)
        out.replayed += bool(result.get("replayed"))
        for c in result.get("conflicts") or ():
            out.conflicts += 1
            raw.execute(
                "INSERT INTO sync_conflicts (seq, op_id, entity_id, field, base_version, "
                "server_version, kept, overwritten, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (op.seq, op.op_id, op.entity_id, c["field"], int(c["base_version"]),
                 int(c["server_version"]), _j(c.get("kept")), _j(c.get("overwritten")),
                 db_time(now)))
        if result["status"] == "applied":
            out.applied += 1
            acked.append(op.seq)
            if op.kind == "ticket.create":
                _created(raw, op.entity_id, result.get("number"), result.get("version"))
            elif op.kind in apply_cases.KINDS:
                apply_cases.acknowledged(raw, op.kind, op.entity_id, result)
            continue
        out.rejected += 1
        reason = dict(result.get("reason") or {"code": "rejected", "message": "rejected",
                                               "message_zh": "中心服务器拒绝了该操作"})
        out.rejected_reasons.append({"seq": op.seq, **reason})
        raw.execute("UPDATE outbox SET state = 'rejected', reason = ?, last_error = ? "
                    "WHERE seq = ?", (_j(reason), reason.get("message"), op.seq))
        if op.kind in apply_cases.KINDS:
            policy_rejected.append((op, reason))
        elif op.kind == "ticket.event":
            raw.execute("DELETE FROM ticket_events WHERE id = ?", (op.payload["event"]["id"],))
            refold.add(op.entity_id)
        elif op.kind in ("ticket.create", "ticket.edit"):
            note = {"code": f"{op.kind.split('.')[1]}_rejected", "seq": op.seq,
                    "reason": reason, "message_zh": CREATE_REJECTED_ZH
                    if op.kind == "ticket.create" else EDIT_REJECTED_ZH}
            pk = raw.execute("SELECT pk FROM tickets WHERE id = ?", (op.entity_id,)).fetchone()
            # One mark per request: "deleted on the server" outranks a rejected edit (it
            # keeps the request out of the checksum); the op itself stays in needs-attention.
            if pk and not raw.execute(
                    "SELECT 1 FROM ticket_attention WHERE ticket_pk = ? AND code IN "
                    "('deleted_on_server', 'not_on_server')", (pk[0],)).fetchone():
                mark(raw, [pk[0]], note)
    if acked:
        raw.execute("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))",
                    (_j(acked),))
    recount(raw, out.tickets)
    for op, reason in policy_rejected:     # after the state updates: undo with what is left
        apply_cases.rejected(raw, op.kind, op.seq, op.entity_id, op.payload, reason)
    if out.policy_rows:
        apply_cases.recount(raw, out.policy_rows)
    for ticket_id in refold:
        pk = raw.execute("SELECT pk FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        if pk:
            projection.refresh(conn, pk[0], schedule)
    return out


def _created(raw: Any, ticket_id: str, number: str | None, version: int | None) -> None:
    row = raw.execute("SELECT local_number, credit_code, contact_phone, enterprise_name, "
                      "contact_name, number FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    if row is None:
        return
    local_number, code, phone, name, contact, old = row
    number = number or old
    search = search_terms(number, local_number, {
        "credit_code": code, "contact_phone": phone, "enterprise_name": name,
        "contact_name": contact})
    raw.execute("UPDATE tickets SET number = ?, version = max(version, ?), search = ? "
                "WHERE id = ?", (number, int(version or 0), search, ticket_id))
    raw.execute("DELETE FROM ticket_attention WHERE code = 'create_rejected' AND ticket_pk = "
                "(SELECT pk FROM tickets WHERE id = ?)", (ticket_id,))


def recount(raw: Any, ticket_ids: set[str] | None = None) -> None:
    """``tickets.pending`` = the request's unacknowledged ops (pending or parked)."""
    sql = ("UPDATE tickets SET pending = (SELECT count(*) FROM outbox o WHERE "
           "o.entity_id = tickets.id AND o.state IN ('pending', 'parked'))")
    if ticket_ids is None:
        raw.execute(sql)
    elif ticket_ids:
        raw.execute(sql + " WHERE id IN (SELECT value FROM json_each(?))", (_j(list(ticket_ids)),))


# -- the outbox as a clerk reads it ----------------------------------------------------------

@dataclass(frozen=True)
class OutboxItem:
    seq: int
    kind: str
    state: str
    entity_id: str
    request: str | None          # the request's number (or local number), when it is one
    what_zh: str                 # what the op does, in Chinese
    reason: dict[str, Any] | None
    attempts: int
    last_error: str | None
    created_at: str

    @property
    def reason_zh(self) -> str:
        return (self.reason or {}).get("message_zh") or ""

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "state": self.state,
                "state_zh": STATE_ZH.get(self.state, self.state), "entity_id": self.entity_id,
                "request": self.request, "what": self.what_zh, "reason": self.reason,
                "reason_zh": self.reason_zh, "attempts": self.attempts,
                "last_error": self.last_error, "created_at": self.created_at}


def describe(kind: str, payload: Mapping[str, Any]) -> str:
    if kind == "ticket.create":
        h = payload.get("header", {})
        return f"新建诉求：{h.get('enterprise_name', '')}（{h.get('contact_name', '')}）"
    if kind == "ticket.event":
        ev = payload.get("event", {})
        try:
            label = EVENT_ZH[EventType(ev.get("type"))]
        except ValueError:
            label = str(ev.get("type"))
        data = ev.get("data") or {}
        detail = data.get("unit_name") or data.get("unit_id") or data.get("text") \
            or data.get("answer") or data.get("reason") or ""
        detail = detail if len(detail) <= 30 else detail[:29] + "…"
        return f"{label}：{detail}" if detail else label
    if kind == "ticket.edit":
        fields = payload.get("fields", {})
        return "修改" + "、".join(FIELD_ZH.get(f, f) for f in fields)
    if kind == "enterprise.upsert":
        return f"登记企业：{payload.get('name', '')}"
    return describe_policy(kind, payload)


def describe_policy(kind: str, payload: Mapping[str, Any]) -> str:
    """The policy-redemption ops, as a navigator reads them."""
    from core.cases import EVENT_ZH, CaseEventType
    from core.policy_records import field_label
    if kind == "case.create":
        h = payload.get("header", {})
        return f"建立帮办案件：{h.get('item_id', '')}（{h.get('batch_id', '')}）"
    if kind == "case.event":
        ev = payload.get("event", {})
        try:
            label = EVENT_ZH[CaseEventType(ev.get("type"))]
        except ValueError:
            label = str(ev.get("type"))
        data = ev.get("data") or {}
        detail = str(data.get("material_id") or data.get("reason") or data.get("text")
                     or data.get("note") or "")
        detail = detail if len(detail) <= 30 else detail[:29] + "…"
        return f"{label}：{detail}" if detail else label
    if kind == "enterprise.edit":
        return "修改企业画像：" + "、".join(field_label(f) for f in payload.get("fields", {}))
    if kind == "material.mark":
        what = "收到材料" if payload.get("received_on") else "撤下材料"
        return f"{what}：{payload.get('material_id', '')}"
    if kind == "targeting.create":
        return f"人工定向推送：{payload.get('item_id', '')}"
    if kind == "consultation.create":
        question = str(payload.get("question") or "")
        return "登记政策咨询：" + (question if len(question) <= 30 else question[:29] + "…")
    return kind


def items(raw: Any, states: Sequence[str] = ("pending", "parked", "rejected"),
          limit: int = 10_000) -> list[OutboxItem]:
    marks = ", ".join("?" * len(states))
    rows = raw.execute(
        "SELECT o.seq, o.kind, o.state, o.entity_id, coalesce(t.number, t.local_number), "
        "o.payload, o.reason, o.attempts, o.last_error, o.created_at FROM outbox o "
        f"LEFT JOIN tickets t ON t.id = o.entity_id WHERE o.state IN ({marks}) "
        "ORDER BY o.seq LIMIT ?", (*states, limit))
    return [OutboxItem(seq, kind, state, entity_id, number,
                       describe(kind, orjson.loads(payload)),
                       orjson.loads(reason) if reason else None, attempts, last_error,
                       created_at)
            for seq, kind, state, entity_id, number, payload, reason, attempts, last_error,
            created_at in rows]
