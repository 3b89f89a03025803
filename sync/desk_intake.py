"""Desk API: what the intake screen looks up while the clerk types (enterprises by code,
name or pinyin initials; open requests of the same enterprise on a similar topic; the
knowledge base beside the form), and the request list's fast search and view counts.

The queries are in ``sync.lookups``; each method here reads one snapshot.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sync import list_search, lookups
from sync.lookups import CancelToken, EnterpriseHit, KbResults, SimilarRequest
from sync.ticket_queries import RequestFilter, View

if TYPE_CHECKING:
    from sync.store import Store


class IntakeLookups:
    """Mixed into ``sync.desk.Desk``; uses its ``store``, ``clock`` and ``user``."""

    store: Store
    clock: Callable[[], dt.datetime]
    user: str

    # -- intake --------------------------------------------------------------------------

    def find_enterprises(self, text: str, limit: int = 8) -> list[EnterpriseHit]:
        """Cached enterprises by credit-code prefix, name or pinyin initials, best first."""
        with self.store.read() as conn:
            return lookups.find_enterprises(conn, text, limit)

    def enterprise_by_code(self, credit_code: str) -> EnterpriseHit | None:
        with self.store.read() as conn:
            return lookups.enterprise_by_code(conn, credit_code)

    def similar_open_requests(self, *, credit_code: str | None = None,
                              enterprise_name: str | None = None, topic: str | None = None,
                              description: str = "", days: int = lookups.SIMILAR_DAYS
                              ) -> list[SimilarRequest]:
        """Open requests of this enterprise in the last ``days`` days on the same topic or
        sharing key terms of ``description`` (the duplicate warning)."""
        with self.store.read() as conn:
            return lookups.similar_open_requests(
                conn, self.clock(), credit_code=credit_code, enterprise_name=enterprise_name,
                topic=topic, description=description, days=days)

    def kb_lookup(self, text: str, topic: str | None = None, limit: int = 20) -> KbResults:
        """Knowledge-base answers for a search box or a description being typed."""
        with self.store.read() as conn:
            return lookups.kb_search(conn, text, topic, limit)

    # -- the request list ----------------------------------------------------------------

    @property
    def list_columns(self) -> list_search.ListColumns:
        """The in-memory copy of the list's unindexed columns (``list_search.ListColumns``),
        made on first use; its connection closes with ``close_lookups`` or when the
        desk is collected."""
        columns = self.__dict__.get("_list_columns")
        if columns is None:
            columns = self.__dict__["_list_columns"] = list_search.ListColumns(self.store.path)
            weakref.finalize(self, columns.close)
        return columns

    def close_lookups(self) -> None:
        columns = self.__dict__.pop("_list_columns", None)
        if columns is not None:
            columns.close()

    def warm_list_columns(self) -> bool:
        """Bring the list's in-memory columns up to date now (after a write, in the
        background), so the next filter change needs no scan; True if it rebuilt."""
        return self.list_columns.warm()

    def request_ids_quick(self, f: RequestFilter = RequestFilter()) -> list[int]:
        """The list's keys, at once: the whole filter when it has no search text (type,
        channel and supervised applied from memory); for text, what the indexes find
        (names, initials and credit codes of cached enterprises, numbers and phones)."""
        with self.store.read() as conn:
            return list_search.quick_ids(conn, f, self.clock(), self.user, self.list_columns)

    def request_ids_full(self, f: RequestFilter = RequestFilter(),
                         cancel: CancelToken | None = None) -> list[int]:
        """Every key the filter admits, descriptions scanned too (slow at 100k: run it
        after showing ``request_ids_quick``); raises ``lookups.Cancelled`` once
        ``cancel`` is set."""
        with self.store.read() as conn:
            return list_search.full_ids(conn, f, self.clock(), self.user, cancel)

    def view_counts(self, f: RequestFilter = RequestFilter(),
                    views: Iterable[View] = tuple(View),
                    cancel: CancelToken | None = None) -> dict[View, int]:
        """Requests per view under the filter's town/unit/type/status/channel/dates."""
        with self.store.read() as conn:
            return list_search.view_counts(conn, f, self.clock(), self.user, views, cancel)
