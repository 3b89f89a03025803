"""What the server reads of the published policy catalogue to check the policy-redemption
ops: item ids, each batch's item and window, material ids. Parsed once per catalogue ETag
(the ETag is read on every push that carries such ops: one indexed row)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

import orjson
from sqlalchemy import Connection, select

from server.models import reference
from server.reference import CATALOGUE, catalogue_blob

_lock = threading.Lock()
_cache: dict[str, PolicyIndex] = {}


@dataclass(frozen=True)
class PolicyIndex:
    etag: str
    items: frozenset[str]
    batches: dict[str, tuple[str, dt.date, dt.date]]     # batch id -> (item id, opens, closes)
    materials: frozenset[str]


def policy_index(conn: Connection) -> PolicyIndex | None:
    """The index of the catalogue in force, or None when none is published."""
    etag = conn.execute(select(reference.c.etag).where(reference.c.name == CATALOGUE)).scalar()
    if etag is None:
        return None
    key = str(conn.engine.url)
    cached = _cache.get(key)
    if cached is not None and cached.etag == etag:
        return cached
    blob = catalogue_blob(conn)
    assert blob is not None
    files = orjson.loads(blob[1])
    names = files.get("manifest.json", {}).get("files", {})
    policies = files.get(names.get("policies", "policies.json"), [])
    materials = files.get(names.get("materials", "materials.json"), [])
    items, batches = set(), {}
    for doc in policies:
        for item in doc.get("items", []):
            items.add(item["id"])
            for b in item.get("batches", []):
                batches[b["id"]] = (item["id"], dt.date.fromisoformat(b["opens"]),
                                    dt.date.fromisoformat(b["closes"]))
    index = PolicyIndex(blob[0], frozenset(items), batches,
                        frozenset(m["id"] for m in materials))
    with _lock:
        _cache[key] = index
    return index
