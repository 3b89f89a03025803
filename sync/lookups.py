"""What the counter screens look up while the clerk types, as queries on the desk file.

* **Enterprises** by credit code (a prefix range on the unique index), by name or by
  pinyin initials (``enterprises_fts``, contentless FTS5 over
  ``core.textsearch.index_terms(name + code, initials_of=name)``, rowid =
  ``enterprises.pk``), each with its open requests and the contact of its latest one.
* **Similar open requests** of one enterprise in the last 30 days: the same topic, or a
  description sharing key terms (the duplicate warning at intake).
* **The knowledge base** for a search box (every term required, as ``search_kb``) or for
  a description being typed (articles holding at least two of its key terms, ranked by
  how many, then bm25; the same topic first).
* **The request list in two stages** and its view counts: ``sync.list_search``.

No schema change: everything reads tables and indexes of schema 0001.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import add
from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select
from sqlalchemy import table as sql_table

from core.identifiers import normalize_credit_code
from core.textsearch import match_query, query_terms
from core.tickets import OPEN_STATUSES
from sync.cancel import CancelToken, Cancelled
from sync.codec import db_time, loads
from sync.schema import Enterprise, Ticket

CODE_CHARS = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
TOP = "\U0010ffff"          # sorts after every character: the end of a prefix range
_OPEN = [s.value for s in OPEN_STATUSES]
SIMILAR_DAYS = 30

FTS = sql_table("enterprises_fts", column("rowid"))
fts_match = literal_column("enterprises_fts").op("MATCH")

# Two-character words too common in requests to say two of them are about the same
# thing (function words, the parties, the generic verbs of asking).
STOP_BIGRAMS = frozenset("""
企业 公司 我们 你们 他们 我司 贵司 本司 请问 怎么 如何 什么 为何 哪里 哪些 多少 多久 可以
需要 是否 能否 能不 不能 没有 已经 一个 这个 那个 现在 目前 相关 问题 情况 办理 申请 咨询
中山 山市 有限 限公 责任 工作 时候 因为 所以 但是 如果 还是 要求 进行 请求 帮助 协助 希望
反映 表示 之前 之后 以后 一下 时间 部门 政府 我们 谢谢 麻烦 告知 了解 一些 以及 或者 还有
是不 不是 的话 这样 那样 因此 不过 关于 对于 市场 提供 处理 解决 有关 事项 具体 说明
""".split())


# -- small helpers -------------------------------------------------------------------------

def like_pattern(text: str) -> str:
    return f"%{text.replace('%', '').replace('_', '')}%"


def code_prefix(text: str) -> str | None:
    """``text`` as the start of a credit code (2+ characters of its charset), or None."""
    code = normalize_credit_code(text)
    if 2 <= len(code) <= 18 and all(ch in CODE_CHARS for ch in code):
        return code
    return None


def key_terms(text: str, limit: int = 32) -> list[str]:
    """The distinctive terms of a description: its CJK bigrams (common ones dropped) and
    its words of 2+ letters or digits, in order, without repeats. A text of a single
    CJK character gives that character."""
    out: list[str] = []
    seen: set[str] = set()

    def keep(term: str) -> None:
        if term not in seen and term not in STOP_BIGRAMS:
            seen.add(term)
            out.append(term)

    terms = query_terms(text)
    for kind, run in terms:
        if kind == "cjk":
            if len(run) == 1:
                if len(terms) == 1:
                    keep(run)
                continue
            for bigram in map(add, run, run[1:]):
                keep(bigram)
        elif len(run) >= 2:
            keep(run)
        if len(out) >= limit:
            break
    return out[:limit]


def _any_query(terms: Iterable[str]) -> str | None:
    """An FTS5 query matching any of the terms (words as prefixes)."""
    parts = []
    for term in terms:
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted if not term.isascii() else quoted + "*")
    return " OR ".join(parts) if parts else None


@contextmanager
def cancellable(conn: Connection, token: CancelToken | None,
                every: int = 20_000) -> Iterator[None]:
    """Interrupt the SQLite statements run in the block once ``token`` is cancelled
    (checked every ``every`` virtual-machine steps: well under a millisecond)."""
    if token is None:
        yield
        return
    if token.cancelled:
        raise Cancelled()
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.set_progress_handler(lambda: 1 if token.cancelled else 0, every)  # type: ignore[attr-defined]
    try:
        yield
    except sqlite3.OperationalError as exc:
        if token.cancelled and "interrupt" in str(exc):
            raise Cancelled() from None
        raise
    except Exception as exc:  # SQLAlchemy wraps the driver's error
        if token.cancelled and "interrupt" in str(exc):
            raise Cancelled() from None
        raise
    finally:
        raw.set_progress_handler(None, 0)  # type: ignore[attr-defined]
    if token.cancelled:
        raise Cancelled()


# -- enterprises ---------------------------------------------------------------------------

@dataclass(frozen=True)
class EnterpriseHit:
    """One enterprise of the local cache, as the intake's picker shows it."""

    pk: int
    id: str
    credit_code: str | None
    name: str
    town: str | None
    region_code: str | None
    entity_type: str | None
    how: str = "name"                   # what matched: "code" | "name" | "initials"
    open_requests: int = 0
    last_request_at: str | None = None
    last_contact_name: str | None = None
    last_contact_phone: str | None = None   # in full: it is put into the form


def _enterprise_hit(r: Any, how: str) -> EnterpriseHit:
    return EnterpriseHit(r.pk, r.id, r.credit_code, r.name, r.town, r.region_code,
                         r.entity_type, how)


_ENTERPRISE_COLUMNS = (Enterprise.pk, Enterprise.id, Enterprise.credit_code, Enterprise.name,
                       Enterprise.town, Enterprise.region_code, Enterprise.entity_type)


def find_enterprises(conn: Connection, text: str, limit: int = 8) -> list[EnterpriseHit]:
    """Enterprises for what the clerk typed: credit-code prefixes first (in code order),
    then name / initials / code-word matches, best first (the whole input in the name,
    then bm25)."""
    needle = text.strip()
    if not needle:
        return []
    hits: list[EnterpriseHit] = []
    seen: set[int] = set()
    prefix = code_prefix(needle)
    if prefix is not None and any(ch.isdigit() for ch in prefix):
        rows = conn.execute(select(*_ENTERPRISE_COLUMNS)
                            .where(Enterprise.credit_code >= prefix,
                                   Enterprise.credit_code < prefix + TOP)
                            .order_by(Enterprise.credit_code).limit(limit))
        for r in rows:
            seen.add(r.pk)
            hits.append(_enterprise_hit(r, "code"))
    query = match_query(needle)
    if query is not None and len(hits) < limit:
        initials_only = needle.isascii() and needle.isalpha()
        sql = ("SELECT e.pk, e.id, e.credit_code, e.name, e.town, e.region_code, "
               "e.entity_type, instr(e.name, ?) AS within "
               "FROM enterprises_fts f JOIN enterprises e ON e.pk = f.rowid "
               "WHERE enterprises_fts MATCH ? "
               "ORDER BY (e.name = ?) DESC, (within = 1) DESC, (within > 0) DESC, "
               "bm25(enterprises_fts), length(e.name), e.pk LIMIT ?")
        for r in conn.exec_driver_sql(sql, (needle, query, needle, limit * 3)):
            if r.pk in seen:
                continue
            seen.add(r.pk)
            how = "initials" if initials_only and r.within == 0 else "name"
            hits.append(_enterprise_hit(r, how))
            if len(hits) >= limit:
                break
    return [_with_history(conn, h) for h in hits[:limit]]


def _with_history(conn: Connection, hit: EnterpriseHit) -> EnterpriseHit:
    """Open requests of the enterprise, and the contact of its latest request."""
    if not hit.credit_code:
        return hit
    open_n = conn.execute(select(func.count()).select_from(Ticket).where(
        Ticket.credit_code == hit.credit_code, Ticket.status.in_(_OPEN))).scalar() or 0
    last = conn.execute(select(Ticket.created_at, Ticket.contact_name, Ticket.contact_phone)
                        .where(Ticket.credit_code == hit.credit_code)
                        .order_by(Ticket.created_at.desc()).limit(1)).first()
    return replace(hit, open_requests=int(open_n),
                   last_request_at=last.created_at if last else None,
                   last_contact_name=last.contact_name if last else None,
                   last_contact_phone=last.contact_phone if last else None)


def enterprise_by_code(conn: Connection, code: str) -> EnterpriseHit | None:
    r = conn.execute(select(*_ENTERPRISE_COLUMNS)
                     .where(Enterprise.credit_code == normalize_credit_code(code))).first()
    return _with_history(conn, _enterprise_hit(r, "code")) if r else None


# -- similar open requests (the duplicate warning) -----------------------------------------

@dataclass(frozen=True)
class SimilarRequest:
    id: str
    number: str                 # the server's number, or the provisional one
    created_at: str
    topic: str
    type: str
    status: str
    excerpt: str                # the start of its description
    same_topic: bool
    shared_terms: tuple[str, ...]


def _similar(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    """The key terms two descriptions share, when they share enough of them: at least
    two, and at least 30 % of the shorter one's."""
    shared = [t for t in a if t in set(b)]
    if len(shared) >= 2 and len(shared) >= 0.3 * min(len(a), len(b)):
        return tuple(shared)
    return ()


def similar_open_requests(conn: Connection, now: dt.datetime, *,
                          credit_code: str | None = None, enterprise_name: str | None = None,
                          topic: str | None = None, description: str = "",
                          days: int = SIMILAR_DAYS, exclude: str | None = None,
                          limit: int = 10) -> list[SimilarRequest]:
    """Open requests of the same enterprise (by credit code, else by exact name) taken in
    the last ``days`` days, on the same topic or sharing key terms of the description;
    newest first."""
    code = normalize_credit_code(credit_code) if credit_code else ""
    name = (enterprise_name or "").strip()
    if not code and not name:
        return []
    who = Ticket.credit_code == code if code else Ticket.enterprise_name == name
    since = db_time(now - dt.timedelta(days=days))
    rows = conn.execute(
        select(Ticket.id, Ticket.number, Ticket.local_number, Ticket.created_at, Ticket.topic,
               Ticket.type, Ticket.status, Ticket.description)
        .where(who, Ticket.status.in_(_OPEN), Ticket.created_at >= since)
        .order_by(Ticket.created_at.desc()).limit(200))
    mine = key_terms(description)
    out: list[SimilarRequest] = []
    for r in rows:
        if r.id == exclude:
            continue
        same_topic = bool(topic) and r.topic == topic
        shared = _similar(mine, key_terms(r.description)) if mine else ()
        if same_topic or shared:
            excerpt = r.description if len(r.description) <= 60 else r.description[:58] + "…"
            out.append(SimilarRequest(r.id, r.number or r.local_number, r.created_at, r.topic,
                                      r.type, r.status, excerpt, same_topic, shared))
            if len(out) >= limit:
                break
    return out


# -- knowledge base ------------------------------------------------------------------------

@dataclass(frozen=True)
class KbResult:
    id: str
    topic: str
    title: str
    answer: str
    data: dict[str, Any]
    matched_by: str             # "all": every term of the search; "any": some key terms


@dataclass(frozen=True)
class KbResults:
    hits: list[KbResult] = field(default_factory=list)
    highlight: str = ""         # what to pass to ``highlight_spans`` for these hits
    text: str = ""              # the text searched


def kb_search(conn: Connection, text: str, topic: str | None = None,
              limit: int = 20) -> KbResults:
    """Answers for a search box or a description being typed, best first.

    First the articles holding every term (``match_query``: 1- and 2-character terms
    work), the whole input in a title first, then bm25 with titles weighing 4x; then, to
    fill ``limit``, those holding any key term of the text (a description rarely has all
    its words in one article), same topic first. Nothing is searched for empty text."""
    needle = " ".join(text.split())
    if not needle:
        return KbResults(text=text)
    hits: list[KbResult] = []
    seen: set[str] = set()
    every = match_query(needle)
    compact = needle.replace(" ", "")
    if every is not None:
        sql = ("SELECT k.id, k.topic, k.title, k.answer, k.data FROM kb_fts "
               "JOIN kb_articles k ON k.pk = kb_fts.rowid WHERE kb_fts MATCH ? "
               "ORDER BY (instr(k.title, ?) > 0) DESC, (k.topic = ?) DESC, "
               "bm25(kb_fts, 4.0, 1.0) + 0.5 * min(instr(k.title, ?), 20) / 20.0 LIMIT ?")
        for r in conn.exec_driver_sql(sql, (every, compact, topic or "", compact, limit)):
            seen.add(r.id)
            hits.append(KbResult(r.id, r.topic, r.title, r.answer, loads(r.data), "all"))
    terms = key_terms(needle)
    highlight = needle
    if len(hits) < limit and terms and (len(terms) > 1 or terms[0] != compact):
        extra = _kb_any(conn, terms, topic, limit - len(hits), seen)
        hits += extra
        if extra:
            highlight = " ".join([needle] if len(needle) <= 4 else terms)
    return KbResults(hits, highlight, text)


def _kb_any(conn: Connection, terms: list[str], topic: str | None, limit: int,
            seen: set[str]) -> list[KbResult]:
    """Articles holding some of the key terms. bm25 alone would rank an article that
    shares one chance bigram of a long description ("还没", "下进"); so candidates must
    hold at least two distinct terms (one, when the text has only one or two), and rank
    by how many they hold (a title hit counts twice, the same topic once more), then
    bm25."""
    query = _any_query(terms)
    if query is None or limit <= 0:
        return []
    need = 1 if len(terms) <= 2 else 2
    sql = ("SELECT k.id, k.topic, k.title, k.answer, k.data FROM kb_fts "
           "JOIN kb_articles k ON k.pk = kb_fts.rowid WHERE kb_fts MATCH ? "
           "ORDER BY bm25(kb_fts, 4.0, 1.0) LIMIT ?")
    scored: list[tuple[int, int, KbResult]] = []
    for rank, r in enumerate(conn.exec_driver_sql(sql, (query, max(60, limit * 3)))):
        if r.id in seen:
            continue
        data = loads(r.data)
        title = f"{r.title} {' '.join(data.get('keywords') or [])}".lower()
        body = r.answer.lower()
        in_title = sum(t in title for t in terms)
        held = sum(t in title or t in body for t in terms)
        if held < need:
            continue
        score = held + in_title + (1 if topic and r.topic == topic else 0)
        scored.append((-score, rank, KbResult(r.id, r.topic, r.title, r.answer, data, "any")))
    scored.sort(key=lambda item: item[:2])
    return [hit for _, _, hit in scored[:limit]]


__all__ = ["CancelToken", "Cancelled", "EnterpriseHit", "KbResult", "KbResults",
           "SimilarRequest", "STOP_BIGRAMS", "enterprise_by_code", "find_enterprises",
           "kb_search", "key_terms", "similar_open_requests"]
