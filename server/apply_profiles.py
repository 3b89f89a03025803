"""``enterprise.edit`` on the server: a profile's fields merge per field in arrival order;
a field another device changed since the edit's ``base_version`` is overwritten AND
recorded as a conflict (the op result's ``conflicts`` and ``profile_conflicts``, which
supervisors read). Per field the server keeps ``[version, device]`` of its last change in
``enterprises.profile_meta`` (a field without an entry counts as set at version 1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from core.policy_records import PROFILE_ROLES, overlay
from server.models import ALL_TOWNS
from server.ops_cases import parse_profile_edit
from server.records import Reject
from sync.codec import db_time
from sync.protocol import Op, RejectCode

if TYPE_CHECKING:
    from server.apply_cases import PolicyOps


def edit_profile(ops: PolicyOps, op: Op) -> list[dict[str, Any]]:
    """Apply one profile edit held in ``ops`` (raising ``Reject``/``ValidationError``);
    returns its conflicts."""
    rec = ops.app.enterprises.get(op.entity_id)
    if rec is None:
        raise Reject(RejectCode.UNKNOWN_ENTERPRISE, "no such enterprise on the server",
                     "服务器上没有该企业", "entity_id")
    fields, stamp = parse_profile_edit(op.payload)
    ops._stamped(stamp, PROFILE_ROLES, "profile")
    if op.base_version > rec.version:
        raise Reject(RejectCode.BAD_BASE_VERSION, f"base_version {op.base_version} is newer "
                     f"than the server's version {rec.version}",
                     "修改所依据的版本比服务器上的还新", "base_version")
    meta = ops.profile_meta.get(rec.id)
    if meta is None:
        info = ops.ent_info.get(rec.id)
        meta = ops.profile_meta[rec.id] = orjson.loads(info[2]) if info and info[2] else {}
    profile = rec.values.get("profile") or {}
    device = ops.app.principal.device_id
    found, changed = [], {}
    for name, new in fields.items():
        old = profile.get(name)
        if old == new:
            continue
        version, by = (meta.get(name) or [1, None])[:2]
        if old is not None and version > op.base_version and by != device:
            found.append({"field": name, "base_version": op.base_version,
                          "server_version": version, "kept": new, "overwritten": old})
            ops.conflict_rows.append({
                "enterprise_id": rec.id, "field": name, "base_version": op.base_version,
                "server_version": version, "kept": orjson.dumps(new).decode(),
                "overwritten": orjson.dumps(old).decode(), "overwritten_by": by,
                "op_id": op.op_id, "device_id": device, "username": ops.app.principal.username,
                "station_id": ops.app.principal.station_id,
                "town": rec.values.get("town") or ALL_TOWNS, "at": db_time(ops.app.now)})
        changed[name] = new
    if changed:
        rec.version += 1
        rec.changed = True
        rec.values["profile"] = overlay(profile, changed)
        for name in changed:
            meta[name] = [rec.version, device]
        ops.meta_changed.add(rec.id)
    return found
