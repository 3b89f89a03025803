"""Push: a desk's ops applied in its per-device sequence, idempotently, in ONE transaction.

For each push the device's row is locked; ops at or below its ``last_seq`` are replays
answered from their stored results (a different op under a used seq refuses the whole
push: 422 ``op_mismatch``); the rest must continue the sequence with no gap (else 409
``seq_gap``). Each new op is applied or rejected for good (see ``server.apply``); both
consume their seq and store their result, with the audit rows, the device's new
``last_seq`` and the change-feed rows, in the same transaction as the write.

Lock order, the same in every transaction so concurrent pushes never deadlock: the
device row, the requests touched (sorted by id), the enterprises (sorted), the hall
number counters (sorted), and last the change-sequence counter.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Connection

from server import audit
from server import statements as sql
from server.apply import Applier
from server.auth import Principal
from server.config import Settings, utcnow
from server.db import Database
from server.errors import ApiError, no_nul
from server.models import devices
from server.reference import current_schedule, known_towns
from server.scope import scope_of
from sync.codec import db_time
from sync.protocol import ErrorCode, Op, PushRequest


def op_hash(op: Op) -> str:
    """What a replay must match: everything but the seq, canonically serialised."""
    body = op.model_dump(mode="json", exclude={"seq"})
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


def seq_gap(expected: int, why: str) -> ApiError:
    return ApiError(409, ErrorCode.SEQ_GAP, f"{why}; send from seq {expected}",
                    f"操作序号不连续，请从第 {expected} 号开始重新发送",
                    expected_seq=expected)


def handle_push(db: Database, settings: Settings, principal: Principal,
                body: PushRequest) -> bytes:
    if body.device_id != principal.device_id:
        raise ApiError(403, ErrorCode.DEVICE_MISMATCH,
                       "device_id is not the device this session signed in from",
                       "设备编号与登录设备不符，请重新登录", field="device_id")
    for i, op in enumerate(body.ops):
        no_nul(**{f"ops[{i}].op_id": op.op_id, f"ops[{i}].entity_id": op.entity_id})
    hashes = [op_hash(op) for op in body.ops]
    scope = scope_of(principal)

    def work(conn: Connection) -> dict[str, Any]:
        return _push(conn, settings, principal, scope, body.ops, hashes)

    return orjson.dumps(db.retrying(work))


def _lock_device(conn: Connection, principal: Principal, now_text: str) -> tuple[int, bool]:
    row = conn.execute(sql.lock_device, {"device": principal.device_id}).first()
    if row is not None:
        return int(row.last_seq), bool(row.accept_gap)
    conn.execute(devices.insert().values(device_id=principal.device_id,
                                         station_id=principal.station_id,
                                         username=principal.username, last_seq=0,
                                         accept_gap=False, first_seen=now_text,
                                         last_seen=now_text))
    return 0, False


def _accept_gap(conn: Connection, principal: Principal, ops: Sequence[Op], last: int,
                now: Any) -> int:
    """After a restore: take the first new op's seq as the continuation (audited)."""
    fresh = [op for op in ops if op.seq > last]
    if not fresh or fresh[0].seq == last + 1:
        return last
    audit.record(conn, now, "accept-gap", "applied", username=principal.username,
                 station_id=principal.station_id, device_id=principal.device_id,
                 detail={"missing_from": last + 1, "missing_to": fresh[0].seq - 1})
    return fresh[0].seq - 1


def _check_sequence(ops: Sequence[Op], last: int) -> None:
    expected = last + 1
    for i, op in enumerate(ops):
        if i and op.seq <= ops[i - 1].seq:
            raise seq_gap(expected, f"ops[{i}].seq {op.seq} is out of order")
        if op.seq > last:
            if op.seq != expected:
                raise seq_gap(expected, f"ops[{i}].seq is {op.seq} but the server expects "
                                        f"{expected}")
            expected += 1


def _replays(conn: Connection, device_id: str, ops: Sequence[Op], hashes: Sequence[str],
             last: int) -> list[dict[str, Any]]:
    seqs = [op.seq for op in ops if op.seq <= last]
    if not seqs:
        return []
    stored = {row.seq: row for row in conn.execute(sql.stored_results,
                                                   {"device": device_id, "seqs": seqs})}
    out = []
    for i, op in enumerate(ops):
        if op.seq > last:
            break
        row = stored.get(op.seq)
        if row is None:   # acknowledged long ago and its result purged: still acknowledged
            out.append({"seq": op.seq, "op_id": op.op_id, "status": "applied",
                        "entity_id": op.entity_id, "version": None, "number": None,
                        "reason": None, "conflicts": [], "replayed": True})
            continue
        if row.op_hash != hashes[i]:
            raise ApiError(422, ErrorCode.OP_MISMATCH,
                           f"ops[{i}] reuses seq {op.seq} for a different op; nothing applied",
                           f"第 {op.seq} 号操作与服务器已记录的内容不同，本次推送未执行",
                           field=f"ops[{i}]")
        result = orjson.loads(row.result)
        result["replayed"] = True
        out.append(result)
    return out


def _push(conn: Connection, settings: Settings, principal: Principal, scope: Any,
          ops: Sequence[Op], hashes: Sequence[str]) -> dict[str, Any]:
    now = utcnow()
    now_text = db_time(now)
    last, gap_ok = _lock_device(conn, principal, now_text)
    if gap_ok:
        last = _accept_gap(conn, principal, ops, last, now)
    _check_sequence(ops, last)
    results = _replays(conn, principal.device_id, ops, hashes, last)
    fresh = [(op, hashes[i]) for i, op in enumerate(ops) if op.seq > last]
    if fresh:
        applier = Applier(conn, principal, scope, current_schedule(conn), known_towns(conn), now)
        applier.preload([op for op, _ in fresh])
        for op, digest in fresh:
            applier.apply(op, digest)
        last = fresh[-1][0].seq
        results.extend(applier.flush(last))       # the device's new last_seq rides along
        if settings.debug_commit_delay_ms:
            time.sleep(random.uniform(0, settings.debug_commit_delay_ms) / 1000)
        applier.publish_and_commit()      # the change-sequence counter, then commit
    return {"results": results, "last_seq": last, "server_time": now.isoformat()}
