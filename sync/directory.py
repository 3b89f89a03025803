"""Who the accounts are: the central directory (user name → display name, role,
jurisdiction), kept in the desk file so an offline desk still names the people in its
timelines. Fetched with the catalogue and the schedule (``GET /directory``, ETag)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.validation import ValidationError
from sync import meta
from sync.changes import Changes

DIRECTORY = "directory"        # meta key: [{"username", "display", "role", "town", "active"}]
_TEXT_FIELDS = (("username", 64), ("display", 64), ("role", 16), ("town", 40))


def parse(users: Any) -> list[dict[str, Any]]:
    """The directory as the server sent it, checked; a malformed one is refused whole
    (the desk keeps the one it had)."""
    if not isinstance(users, Sequence) or isinstance(users, (str, bytes)):
        raise ValidationError("users", "expected a list of accounts",
                              message_zh="人员名录格式不正确（应为列表）")
    out = []
    for i, entry in enumerate(users):
        if not isinstance(entry, Mapping):
            raise ValidationError(f"users[{i}]", "expected an object",
                                  message_zh=f"人员名录第 {i + 1} 项格式不正确")
        row: dict[str, Any] = {}
        for name, limit in _TEXT_FIELDS:
            value = entry.get(name)
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                raise ValidationError(f"users[{i}].{name}",
                                      f"expected text of 1 to {limit} characters",
                                      message_zh=f"人员名录第 {i + 1} 项的 {name} 不正确")
            row[name] = value.strip()
        row["active"] = bool(entry.get("active", True))
        out.append(row)
    return out


class DirectoryDesk:
    """The desk's side (mixed into ``Desk``): store the directory, name a user."""

    store: Any
    actor: Any
    _names: dict[str, str] | None = None

    def set_directory(self, users: Any) -> Changes:
        entries = parse(users)
        with self.store.write() as conn:
            meta.put(conn, DIRECTORY, entries)
        self._names = None
        return Changes(catalogue=True)        # reference data: views that name people redraw

    def _load_names(self, conn: Any) -> dict[str, str]:
        entries = meta.get(conn, DIRECTORY) or []
        self._names = {e["username"]: e["display"] for e in entries}
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
