"""Where the desk keeps its refresh token: the OS keyring, never the desk file.

The refresh token is the one long-lived secret a desk holds (30 days, rotated on every
refresh, bound to the device). It lives in the operating system's keyring through
``keyring`` (Windows Credential Manager, macOS Keychain, Secret Service on Linux) under
service ``halldesk`` and user ``<server url>|<device id>``. It is never written to the
desk file, a settings file or a log: ``install_log_redaction`` scrubs anything that looks
like a token from every log record, and each token this module handles is also
registered for exact redaction.

Backends
--------
* the OS keyring, chosen by ``keyring`` itself (the normal case);
* ``MemoryKeyring``: in memory, for tests and CI. Selected only by name
  (``PYTHON_KEYRING_BACKEND=sync.credentials.MemoryKeyring``, which the test suite
  sets); it is never picked automatically, because a token kept only in memory is lost
  when the desk closes;
* ``FileKeyring``: a JSON file in the user's data directory, used only when the machine
  has no OS keyring at all (a Linux counter PC without a Secret Service daemon), or when
  selected by name. **Trade-off**: the file is created with owner-only permissions
  (0600) and lives outside the desk file (copying or mailing a desk file never carries
  the token), but its content is plain text: anyone who can read the clerk's files
  (an administrator, a backup, an unencrypted stolen disk) can read the token. That is
  bounded by what the token is worth: it only refreshes sessions for this one device,
  it is rotated on every use (a stolen copy dies at the desk's next refresh), it expires
  after 30 days, and an administrator can revoke the device centrally. A warning is
  logged when it is chosen. Prefer installing a keyring daemon (gnome-keyring or
  KWallet) on such machines.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import keyring
import keyring.errors
from jaraco.classes import properties
from keyring.backend import KeyringBackend

SERVICE = "halldesk"
ENV_BACKEND = "PYTHON_KEYRING_BACKEND"
ENV_FILE = "HALLDESK_KEYRING_FILE"
log = logging.getLogger(__name__)


def _selected(cls: type) -> bool:
    return os.environ.get(ENV_BACKEND, "") in (f"{cls.__module__}.{cls.__name__}", cls.__name__)


class MemoryKeyring(KeyringBackend):
    """A keyring in this process's memory (tests, CI). Shared by all instances."""

    _store: ClassVar[dict[tuple[str, str], str]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @properties.classproperty
    def priority(cls) -> float:
        if not _selected(cls):
            raise RuntimeError("MemoryKeyring is only used when selected by name")
        return 1.0

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._store.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError("no such password")

    @classmethod
    def clear(cls) -> None:
        with cls._lock:
            cls._store.clear()


def default_file() -> Path:
    """The fallback file, in the platform's per-user data directory."""
    if os.environ.get(ENV_FILE):
        return Path(os.environ[ENV_FILE])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "HallDesk" / "halldesk" / "credentials.json"


class FileKeyring(KeyringBackend):
    """The fallback for a machine without an OS keyring (see the module's trade-off)."""

    @properties.classproperty
    def priority(cls) -> float:
        if not _selected(cls):
            raise RuntimeError("FileKeyring is only used as an explicit fallback")
        return 0.5

    def __init__(self, path: Path | None = None):
        super().__init__()
        self.path = path or default_file()
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            data = self._read()
            data[f"{service}/{username}"] = password
            self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(f"{service}/{username}", None) is None:
                raise keyring.errors.PasswordDeleteError("no such password")
            self._write(data)


def _usable(backend: KeyringBackend) -> bool:
    """A keyring that keeps secrets (not keyring's "fail" or "null" stand-ins, nor a chain
    of nothing). By name: a frozen build need not bundle those modules."""
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if name == "keyring.backends.fail.Keyring" or name.startswith("keyring.backends.null."):
        return False
    if name == "keyring.backends.chainer.ChainerBackend":
        return bool(getattr(backend, "backends", ()))
    return True


_fallback_lock = threading.Lock()
_fallback: FileKeyring | None = None


def backend() -> KeyringBackend:
    """The keyring in use: the OS keyring, or the file fallback when there is none."""
    global _fallback
    chosen = keyring.get_keyring()
    if _usable(chosen):
        return chosen
    with _fallback_lock:
        if _fallback is None:
            _fallback = FileKeyring()
            log.warning("no OS keyring on this machine: the sign-in token is kept in %s "
                        "(owner-only permissions); install a keyring daemon to avoid this",
                        _fallback.path)
        return _fallback


class Credentials:
    """The refresh token of one desk (device) at one server."""

    def __init__(self, server_url: str, device_id: str, store: KeyringBackend | None = None):
        self.server_url = server_url.rstrip("/")
        self.device_id = device_id
        self._store = store

    @property
    def store(self) -> KeyringBackend:
        return self._store or backend()

    @property
    def username(self) -> str:
        return f"{self.server_url}|{self.device_id}"

    def get(self) -> str | None:
        try:
            token = self.store.get_password(SERVICE, self.username)
        except keyring.errors.KeyringError as exc:
            log.warning("cannot read the keyring: %s", exc)
            return None
        if token:
            register_secret(token)
        return token

    def set(self, token: str) -> None:
        register_secret(token)
        self.store.set_password(SERVICE, self.username, token)

    def delete(self) -> None:
        try:
            self.store.delete_password(SERVICE, self.username)
        except keyring.errors.PasswordDeleteError:
            pass


# -- keeping tokens out of logs ------------------------------------------------------------

REDACTED = "[redacted]"
_PATTERNS = [
    # Authorization headers, "Bearer <token>"
    (re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+"), r"\1 " + REDACTED),
    # token=..., "refresh_token": "...", password: ...
    (re.compile(r"(?i)([\"']?\b(?:access_token|refresh_token|token|password|secret)[\"']?"
                r"\s*[:=]\s*[\"']?)[^\s\"',;&}]+"), r"\1" + REDACTED),
    # JSON Web Tokens
    (re.compile(r"\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*"), REDACTED),
]
# Opaque random tokens: 32+ URL-safe characters mixing upper case, lower case and digits
# (ids are lower-case hex with dashes, digests lower-case hex: they are left alone).
_OPAQUE = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])")
_known: list[str] = []
_known_lock = threading.Lock()


def register_secret(secret: str) -> None:
    """Redact this exact string from every log record from now on."""
    if len(secret) >= 8:
        with _known_lock:
            if secret not in _known:
                _known.append(secret)
                del _known[:-32]


def _opaque(match: re.Match[str]) -> str:
    s = match.group(0)
    mixed = (any(c.isupper() for c in s) and any(c.islower() for c in s)
             and any(c.isdigit() for c in s))
    return REDACTED if mixed else s


def redact(text: str) -> str:
    with _known_lock:
        known = list(_known)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return _OPAQUE.sub(_opaque, text)


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """Rewrite a record's message (and exception text) with secrets redacted."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string: keep what we can
        message = str(record.msg)
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    return record


class RedactSecrets(logging.Filter):
    """A handler filter doing the same as ``install_log_redaction``, for one handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


_installed = False


def install_log_redaction() -> None:
    """Redact tokens from every log record created in this process (idempotent)."""
    global _installed
    with _known_lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
