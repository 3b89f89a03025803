"""Who works at this desk: the station (a counter PC of one hall) and the signed-in user."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from core.tickets import Role


@dataclass(frozen=True)
class Station:
    id: str            # e.g. "SQ01": the hall's prefix and the counter's number
    town: str          # town code of its hall ("city" for the city hall)
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Station:
        return cls(id=obj["id"], town=obj["town"], name=obj.get("name", ""))


@dataclass(frozen=True)
class Actor:
    user: str          # the account name
    role: Role
    display: str = ""  # the person's name as shown

    def to_json(self) -> dict[str, Any]:
        return {"user": self.user, "role": self.role.value, "display": self.display}

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Actor:
        return cls(user=obj["user"], role=Role(obj["role"]), display=obj.get("display", ""))
