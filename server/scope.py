"""Who sees which requests. The server filters every read, pull and push by it.

- A city hall station (town ``city``) sees every request.
- A town hall's station sees its town's requests and the requests it created (a station
  may file a request for any town; it keeps seeing what it filed).
- Supervisors and admins add their jurisdiction: a city supervisor sees everything, a
  town supervisor that town.
- Enterprises are registry data (name, credit code, town): every station sees them.

A request's town and creating station never change after it is created, so a request
never leaves a scope it was in: the change feed needs no "left your scope" tombstones.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Table, and_, or_, select, true

from server.auth import CITY, Principal
from server.errors import ApiError, not_found
from server.models import ALL_TOWNS, change_feed
from sync.protocol import ErrorCode

if TYPE_CHECKING:
    from server.db import Database


@dataclass(frozen=True)
class Scope:
    everything: bool
    towns: frozenset[str]
    station_id: str

    def sees(self, town: str, station_id: str) -> bool:
        return self.everything or town in self.towns or station_id == self.station_id

    def feed_filter(self, table: Table) -> ColumnElement[bool]:
        """For ``change_feed``: rows of towns in scope, every-station rows, and own rows."""
        if self.everything:
            return true()
        return or_(table.c.scope_town.in_(sorted(self.towns | {ALL_TOWNS})),
                   table.c.station_id == self.station_id)

    def ticket_filter(self, town_col: ColumnElement, station_col: ColumnElement
                      ) -> ColumnElement[bool]:
        if self.everything:
            return true()
        return or_(town_col.in_(sorted(self.towns)), station_col == self.station_id)


def scope_of(principal: Principal) -> Scope:
    towns = {principal.station_town}
    if principal.is_supervisor:
        towns.add(principal.town)
    return Scope(everything=CITY in towns, towns=frozenset(towns),
                 station_id=principal.station_id)


def scoped_document(db: Database, table: Table, entity: str, entity_id: str,
                    principal: Principal, what: str, what_zh: str) -> bytes:
    """The current document of one request or case as the change feed holds it: 404 when
    it does not exist (or was deleted), 403 when it is outside the caller's scope."""
    with db.read() as conn:
        row = conn.execute(select(table.c.town, table.c.station_id, table.c.deleted,
                                  change_feed.c.doc)
                           .join(change_feed, and_(change_feed.c.entity == entity,
                                                   change_feed.c.id == table.c.id))
                           .where(table.c.id == entity_id)).first()
    if row is None or row.deleted or row.doc is None:
        raise not_found(what, what_zh)
    if not scope_of(principal).sees(row.town, row.station_id):
        raise ApiError(403, ErrorCode.OUT_OF_SCOPE, f"the {what} is outside your scope",
                       f"{what_zh}不在您的查看范围内")
    return row.doc.encode()
