"""The generated data files the benchmarks share, cached under ``bench/out/``.

A file is named by a key that digests what its rows depend on (the generator's version
and seed, the schema, the code that computes the rows): when any of them changes the
file is generated again instead of measuring stale rows, and older files of the same
size are removed. Generation writes a temporary file and renames it, so a run that is
interrupted leaves nothing half-written behind.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def inputs_digest(names: Iterable[str], pattern: str = "*.py") -> str:
    """sha1 over the named files (paths from the repository root; a folder stands for its
    files matching ``pattern``), names and contents, in a stable order."""
    digest = hashlib.sha1()
    for name in names:
        target = ROOT / name
        files = sorted(p for p in target.glob(pattern) if p.is_file()) if target.is_dir() \
            else [target]
        for f in files:
            if f.exists():
                digest.update(f.name.encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()


def cache_key(prefix: str, version: int, *parts: object) -> str:
    """``<prefix>-g<version>-<digest of parts>``."""
    digest = hashlib.sha1(":".join(str(p) for p in (version, *parts)).encode())
    return f"{prefix}-g{version}-{digest.hexdigest()[:10]}"


def cached_file(out: Path, prefix: str, key: str, build: Callable[[Path], T], *,
                rollback_journal: bool = False) -> tuple[Path, T | None]:
    """The file ``<out>/<key>.sqlite3``, built by ``build(tmp_path)`` when missing (its
    result is returned beside the path; None when the file was there). Files of the same
    ``prefix`` with another key are stale and removed first. The WAL is checkpointed into
    the file (and with ``rollback_journal`` the file leaves WAL mode: a server database
    opened by another process's SQLAlchemy)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{key}.sqlite3"
    if path.exists():
        return path, None
    for stale in out.glob(f"{prefix}-g*.sqlite3*"):
        stale.unlink(missing_ok=True)
    tmp = out / f".{key}.{os.getpid()}.tmp.sqlite3"
    for leftover in out.glob(f"{tmp.name}*"):
        leftover.unlink()
    try:
        result = build(tmp)
        conn = sqlite3.connect(tmp)          # one self-contained file: no WAL beside it
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if rollback_journal:
                conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        for leftover in out.glob(f"{tmp.name}*"):
            leftover.unlink(missing_ok=True)
    return path, result
