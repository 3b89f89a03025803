"""The central API's settings: where its database is, how long tokens live, how hard the
lockout bites, how large a body may be. Read from the command line or the environment
(``HALLDESK_*``, see ``docs/operations.md``); every field has a safe default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.protocol import MAX_BODY_BYTES, TOMBSTONE_DAYS

UTC = dt.timezone.utc
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8750
APP_NAME = "halldesk-central"


def utcnow() -> dt.datetime:
    return dt.datetime.now(UTC)


def user_data_dir() -> Path:
    """Where the default SQLite database lives (like platformdirs' user_data_dir)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
                    or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'central.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str = dataclasses.field(default_factory=default_database_url)
    # HMAC key of access tokens. Empty: the key kept in the database (generated once),
    # so every worker and host that shares the database shares it too.
    token_secret: str = ""
    access_ttl_seconds: int = 15 * 60
    refresh_ttl_seconds: int = 30 * 24 * 3600
    lockout_attempts: int = 5
    lockout_seconds: int = 15 * 60
    max_body_bytes: int = MAX_BODY_BYTES          # after decompression
    max_wire_bytes: int = MAX_BODY_BYTES          # as sent (compressed or not)
    gzip_min_bytes: int = 1024
    gzip_level: int = 1                           # fast: pull pages are large
    tombstone_days: int = TOMBSTONE_DAYS
    open311_public: bool = True                   # anonymous Open311 reads (non-personal)
    argon2_profile: str = "default"               # "default" (RFC 9106) or "fast" (tests)
    # Request threads per process, and how many of them may run a push transaction at
    # once. Few: threads beyond what the database's round trips need only fight over the
    # interpreter lock. 50 desks on PostgreSQL on the same 2 cores (bench/README.md):
    # 16 threads and 4 pushes gave p99 274 ms; 4 and 2 gave 140 ms and more ops/s.
    write_concurrency: int = 2
    threads: int = 4
    db_pool_size: int = 10
    db_max_overflow: int = 20
    sqlite_synchronous: str = "FULL"              # an acknowledged op survives power loss
    # Fault injection for tests only: sleep up to this many ms just before each push
    # takes its change sequence numbers and commits, to vary the order writers get there.
    debug_commit_delay_ms: int = 0

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_ENV = {
    "database_url": ("HALLDESK_DATABASE_URL", str),
    "token_secret": ("HALLDESK_TOKEN_SECRET", str),
    "access_ttl_seconds": ("HALLDESK_ACCESS_TTL_SECONDS", int),
    "refresh_ttl_seconds": ("HALLDESK_REFRESH_TTL_SECONDS", int),
    "lockout_attempts": ("HALLDESK_LOCKOUT_ATTEMPTS", int),
    "lockout_seconds": ("HALLDESK_LOCKOUT_SECONDS", int),
    "max_body_bytes": ("HALLDESK_MAX_BODY_BYTES", int),
    "max_wire_bytes": ("HALLDESK_MAX_WIRE_BYTES", int),
    "gzip_level": ("HALLDESK_GZIP_LEVEL", int),
    "tombstone_days": ("HALLDESK_TOMBSTONE_DAYS", int),
    "open311_public": ("HALLDESK_OPEN311_PUBLIC", "bool"),
    "argon2_profile": ("HALLDESK_ARGON2_PROFILE", str),
    "write_concurrency": ("HALLDESK_WRITE_CONCURRENCY", int),
    "threads": ("HALLDESK_THREADS", int),
    "db_pool_size": ("HALLDESK_DB_POOL_SIZE", int),
    "db_max_overflow": ("HALLDESK_DB_MAX_OVERFLOW", int),
    "sqlite_synchronous": ("HALLDESK_SQLITE_SYNCHRONOUS", str),
    "debug_commit_delay_ms": ("HALLDESK_DEBUG_COMMIT_DELAY_MS", int),
}


def _parse(kind: Any, name: str, raw: str) -> Any:
    if kind == "bool":
        if raw.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if raw.strip().lower() in ("0", "false", "no", "off"):
            return False
        raise SystemExit(f"{name}: expected true or false, got {raw!r}")
    try:
        return kind(raw)
    except ValueError:
        raise SystemExit(f"{name}: expected a whole number, got {raw!r}") from None


def from_env(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``HALLDESK_*`` variables; ``overrides`` (not None) win."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for field, (name, kind) in _ENV.items():
        if env.get(name):
            values[field] = _parse(kind, name, env[name])
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings(**values)
    validate(settings)
    return settings


def to_env(settings: Settings) -> dict[str, str]:
    """The environment that reproduces ``settings`` (for worker processes)."""
    out = {}
    for field, (name, kind) in _ENV.items():
        value = getattr(settings, field)
        out[name] = ("1" if value else "0") if kind == "bool" else str(value)
    return out


def validate(settings: Settings) -> None:
    if settings.argon2_profile not in ("default", "fast"):
        raise SystemExit("HALLDESK_ARGON2_PROFILE: expected default or fast")
    if settings.sqlite_synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
        raise SystemExit("HALLDESK_SQLITE_SYNCHRONOUS: expected FULL, NORMAL or EXTRA")
    for field in ("access_ttl_seconds", "refresh_ttl_seconds", "lockout_attempts",
                  "write_concurrency", "threads",
                  "max_body_bytes", "max_wire_bytes", "tombstone_days"):
        if getattr(settings, field) <= 0:
            raise SystemExit(f"{field}: expected a positive number")
    if not 0 <= settings.gzip_level <= 9:
        raise SystemExit("HALLDESK_GZIP_LEVEL: expected 0..9")
