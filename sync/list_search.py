"""The request list's search in two stages, and the view counts of its left column.

``quick_ids`` answers from indexes and memory: the enterprises whose name, initials or
code match (``enterprises_fts``, ~22k rows at 100k requests) joined to their requests on
``ix_tickets_credit_code``, credit-code prefixes on that same index; request numbers and
phones and the type / channel / supervised filters from ``ListColumns`` (an exact
in-memory copy of those unindexed columns, rebuilt whenever SQLite's ``data_version``
says another connection committed). ``full_ids`` is the complete ``LIKE`` scan (names,
descriptions, topics, numbers, phones, initials); the list shows the quick matches at
once and appends what the scan adds. The scan is cancellable: a newer filter interrupts
it through SQLite's progress handler (``sync.lookups.cancellable``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from core.textsearch import match_query
from sync import ticket_queries
from sync.cancel import CancelToken
from sync.list_types import RequestFilter, View
from sync.lookups import FTS, TOP, cancellable, code_prefix, fts_match, like_pattern
from sync.schema import Enterprise, Ticket

NUMBER_SEP = "\x1f"
MAX_IN_LIST = 900           # keys passed to SQL as an IN list; more are merged in Python


class ListColumns:
    """An in-memory copy of the list's small columns that have no index (type, channel,
    supervised) and of the numbers and phones searched, one entry per request key.

    Without a migration those filters and searches can only scan the 250 MB table
    (100-200 ms at 100k); with this copy the indexes order the keys and Python keeps
    the ones that match (a few ms). It is exact, never stale: it remembers SQLite's
    ``PRAGMA data_version`` of its own connection, which changes whenever any other
    connection (the desk's writer, a sync) commits, and is rebuilt from one scan before
    it is used after a commit. ``warm()`` rebuilds it ahead of need, in the background.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._lock = threading.RLock()
        self.codes: dict[str, dict[str | None, int]] = {"type": {}, "channel": {}}
        self.type = bytearray()
        self.channel = bytearray()
        self.supervised = bytearray()
        self._numbers = ""
        self.builds = 0

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA query_only = ON")
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            self._version = None

    @property
    def fresh(self) -> bool:
        with self._lock:
            return self._version is not None and self._data_version() == self._version

    def _data_version(self) -> int:
        return int(self._connection().execute("PRAGMA data_version").fetchone()[0])

    def warm(self) -> bool:
        """Rebuild if anything was committed since the last build; True if it did."""
        with self._lock:
            version = self._data_version()
            if version == self._version:
                return False
            self._build()
            self._version = version
            return True

    def _build(self) -> None:
        conn = self._connection()
        codes: dict[str, dict[str | None, int]] = {"type": {}, "channel": {}}
        lines: list[str] = []
        conn.execute("BEGIN")            # one snapshot for the size and the rows
        try:
            top = conn.execute("SELECT coalesce(max(pk), 0) FROM tickets").fetchone()[0]
            kinds, channels, supervised = (bytearray(top + 1), bytearray(top + 1),
                                           bytearray(top + 1))
            for pk, kind, channel, sup, number, local, phone in conn.execute(
                    "SELECT pk, type, channel, supervised, number, local_number, "
                    "contact_phone FROM tickets"):
                kinds[pk] = _code(codes["type"], kind)
                channels[pk] = _code(codes["channel"], channel)
                supervised[pk] = 1 if sup else 0
                digits = "".join(ch for ch in phone or "" if ch.isdigit())
                lines.append(f"\n{pk}{NUMBER_SEP}{(number or '').upper()}{NUMBER_SEP}"
                             f"{(local or '').upper()}{NUMBER_SEP}{phone or ''}"
                             f"{NUMBER_SEP}{digits}")
        finally:
            conn.execute("COMMIT")
        self.codes, self.type, self.channel, self.supervised = codes, kinds, channels, supervised
        self._numbers = "".join(lines) + "\n"
        self.builds += 1

    def admits(self, pks: list[int], f: RequestFilter) -> list[int] | None:
        """``pks`` narrowed by the filter's type, channel and supervised view (order
        kept), or None when a key is newer than the copy (the caller then asks SQL)."""
        with self._lock:
            tests: list[tuple[bytearray, int]] = []
            if f.type:
                code = self.codes["type"].get(f.type)
                if code is None:
                    return []
                tests.append((self.type, code))
            if f.channel:
                code = self.codes["channel"].get(f.channel)
                if code is None:
                    return []
                tests.append((self.channel, code))
            if f.view is View.SUPERVISED:
                tests.append((self.supervised, 1))
            top = len(self.type)
            if pks and max(pks) >= top:
                return None
            out = pks
            for values, code in tests:
                out = [pk for pk in out if values[pk] == code]
            return out

    def numbers(self, text: str) -> set[int]:
        """Keys whose number, provisional number or phone contains ``text`` (spaces
        dropped; a phone also matches by its digits alone)."""
        compact = "".join(text.split()).upper()
        digits = "".join(ch for ch in compact if ch.isdigit())
        needles = {compact} | ({digits} if digits and len(digits) >= 3 else set())
        found: set[int] = set()
        with self._lock:
            hay = self._numbers
            for needle in needles:
                if not needle or NUMBER_SEP in needle or "\n" in needle:
                    continue
                start = hay.find(needle)
                while start >= 0:
                    line = hay.rfind("\n", 0, start) + 1
                    sep = hay.find(NUMBER_SEP, line)
                    if start > sep:            # not inside the key itself
                        found.add(int(hay[line:sep]))
                    start = hay.find(needle, start + 1)
        return found


def _code(table: dict[str | None, int], value: str | None) -> int:
    code = table.get(value)
    if code is None:
        code = table[value] = len(table) + 1
        if code > 255:
            raise ValueError("more than 255 distinct values in a list column")
    return code


def _unindexed(f: RequestFilter) -> bool:
    return bool(f.type or f.channel or f.view is View.SUPERVISED)


def _looks_like_number(text: str) -> bool:
    compact = "".join(text.split()).upper()
    return (sum(ch.isdigit() for ch in compact) >= 3 and compact.isascii()
            and compact.replace("-", "").isalnum())


def quick_condition(text: str, number_keys: Iterable[int] | None = None
                    ) -> ColumnElement[bool] | None:
    """The indexed half of the list's search (see the module docstring), or None when the
    text has nothing it can match. ``number_keys``: requests whose number or phone
    matches (``ListColumns.numbers``); without them, numbers and phones are scanned."""
    needle = text.strip()
    conds: list[ColumnElement[bool]] = []
    query = match_query(needle)
    if query is not None:
        enterprises = (select(Enterprise.credit_code)
                       .where(Enterprise.pk.in_(select(FTS.c.rowid).where(fts_match(query)))))
        conds.append(Ticket.credit_code.in_(enterprises))
    prefix = code_prefix(needle)
    if prefix is not None:
        conds.append(and_(Ticket.credit_code >= prefix, Ticket.credit_code < prefix + TOP))
    if _looks_like_number(needle):
        if number_keys is not None:
            keys = sorted(number_keys)
            if keys:
                conds.append(Ticket.pk.in_(keys))
        else:
            compact = "".join(needle.split()).upper()
            conds += [Ticket.number.like(like_pattern(compact)), Ticket.local_number.like(like_pattern(compact)),
                      Ticket.contact_phone.like(like_pattern(compact))]
    return or_(*conds) if conds else None


def _run_ids(conn: Connection, conds: list[ColumnElement[bool]], f: RequestFilter) -> list[int]:
    stmt = select(Ticket.pk).where(*conds).order_by(*ticket_queries._order(f.sort))
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = tuple(compiled.params[name] for name in (compiled.positiontup or []))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), params)
        return [pk for (pk,) in cursor]
    finally:
        cursor.close()


def quick_ids(conn: Connection, f: RequestFilter, now: dt.datetime, user: str,
              columns: ListColumns | None = None) -> list[int]:
    """The keys the indexes (and ``columns``) find at once, in the list's order: the
    whole filter when it has no text; for text, cached enterprises by name, initials or
    code, credit-code prefixes, and numbers and phones.

    With ``columns`` the type, channel and supervised filters are applied from memory
    and numbers are found there, so no filter scans the table."""
    text = f.text.strip()
    use_columns = columns is not None and (_unindexed(f) or (text and _looks_like_number(text)))
    if use_columns:
        assert columns is not None
        columns.warm()
    residual = use_columns and _unindexed(f)
    base = replace(f, text="")
    if residual:
        base = replace(base, type=None, channel=None,
                       view=View.ALL if f.view is View.SUPERVISED else f.view)
    conds = list(ticket_queries._conditions(base, now, user))
    merge: set[int] | None = None
    if text:
        number_keys = columns.numbers(text) if use_columns and columns is not None \
            and _looks_like_number(text) else None
        if number_keys is not None and len(number_keys) > MAX_IN_LIST:
            merge, number_keys = number_keys, set()
        cond = quick_condition(text, number_keys)
        if cond is None and not merge:
            return []
        if merge is not None:
            wanted = set(_run_ids(conn, conds + [cond], f)) if cond is not None else set()
            wanted |= merge
            ids = [pk for pk in _run_ids(conn, conds, f) if pk in wanted]
        else:
            assert cond is not None
            ids = _run_ids(conn, conds + [cond], f)
    else:
        ids = _run_ids(conn, conds, f)
    if residual:
        assert columns is not None
        kept = columns.admits(ids, f)
        if kept is None:           # a request newer than the copy: let SQL decide
            return quick_ids(conn, f, now, user, None)
        ids = kept
    return ids


def full_ids(conn: Connection, f: RequestFilter, now: dt.datetime, user: str,
             cancel: CancelToken | None = None) -> list[int]:
    """Every key the filter admits (names, descriptions, topics, numbers, phones and
    initials scanned with LIKE), in the list's order; raises ``Cancelled`` when
    ``cancel`` is set meanwhile."""
    with cancellable(conn, cancel):
        return ticket_queries.ids(conn, f, now, user)


# -- view counts ---------------------------------------------------------------------------

def view_counts(conn: Connection, f: RequestFilter, now: dt.datetime, user: str,
                views: Iterable[View] = tuple(View),
                cancel: CancelToken | None = None) -> dict[View, int]:
    """How many requests each view holds under the filter bar's filters (the search text
    is left out: counts stay cheap and say what each view holds)."""
    base = replace(f, text="")
    out: dict[View, int] = {}
    with cancellable(conn, cancel):
        for view in views:
            out[view] = ticket_queries.count(conn, replace(base, view=view), now, user)
    return out


__all__ = ["ListColumns", "full_ids", "quick_condition", "quick_ids", "view_counts"]
