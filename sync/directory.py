"""Who the accounts are: the central directory (user name → display name, role,
jurisdiction), kept in the desk file so an offline desk still names the people in its
timelines. Fetched with the catalogue and the schedule (``GET /directory``, ETag)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from core.validation import ValidationError
from sync import meta
from sync.changes import Changes

log = logging.getLogger(__name__)
DIRECTORY = "directory"        # meta key: [{"username", "display", "role", "town", "active"}]
_TEXT_FIELDS = (("username", 64), ("display", 64), ("role", 16), ("town", 40))


def parse(users: Any) -> list[dict[str, Any]]:
    """The directory as the server sent it, checked. Not a list: refused (the desk keeps
    the one it had). An entry that is not a valid account is left out, and logged; the
    others stand (one bad account must not leave every timeline unnamed)."""
    if not isinstance(users, Sequence) or isinstance(users, (str, bytes)):
        raise ValidationError("users", "expected a list of accounts",
                              message_zh="人员名录格式不正确（应为列表）")
    out = []
    for i, entry in enumerate(users):
        try:
            out.append(_entry(entry, f"users[{i}]"))
        except ValidationError as exc:
            log.warning("directory entry left out: %s: %s", exc.field, exc.message)
    return out


def _entry(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise ValidationError(where, "expected an object")
    row: dict[str, Any] = {}
    for name, limit in _TEXT_FIELDS:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise ValidationError(f"{where}.{name}", f"expected text of 1 to {limit} characters")
        row[name] = value.strip()
    row["active"] = bool(entry.get("active", True))
    return row


def _names_of(entries: list[dict[str, Any]]) -> dict[str, str]:
    return {e["username"]: e["display"] for e in entries}


class DirectoryDesk:
    """The desk's side (mixed into ``Desk``): store the directory, name a user."""

    store: Any
    actor: Any
    _names: dict[str, str] | None = None

    def set_directory(self, users: Any) -> Changes:
        entries = parse(users)
        with self.store.write() as conn:
            meta.put(conn, DIRECTORY, entries)
        self._names = _names_of(entries)      # set, not cleared: no window-thread read
        return Changes(catalogue=True)        # reference data: views that name people redraw

    def _load_names(self, conn: Any) -> dict[str, str]:
        self._names = _names_of(meta.get(conn, DIRECTORY) or [])
        return self._names

    def display_name(self, username: str | None) -> str:
        """The person's name (林晓敏) for a user name (demo.clerk); the user name itself
        when the directory does not know it (an account added since the last sync)."""
        if not username:
            return ""
        names = self._names
        if names is None:
            with self.store.read() as conn:
                names = self._load_names(conn)
        found = names.get(username)
        if found:
            return found
        actor = self.actor                    # signed in before any directory came
        return actor.display if actor is not None and actor.user == username \
            and actor.display else username
