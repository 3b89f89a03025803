"""Chinese full-text search that finds 1- and 2-character terms, on SQLite FTS5.

FTS5's ``trigram`` tokenizer cannot match anything shorter than 3 characters, and a
clerk searches for 税, 年报, 融资, 专利. So we tokenise ourselves and store the result
in an FTS5 column that uses the plain ``unicode61`` tokenizer, which only has to split
our tokens on the spaces we put between them. This module is that pure-Python half:
``index_terms`` (what to store) and ``match_query`` (what to ask).

Tokens
------
For ``index_terms("中山市专利资助 ISO9001", initials_of=title)``:

* every run of CJK characters gives all its **bigrams**, in order, then all its
  **unigrams**: ``中山 山市 市专 专利 利资 资助 中 山 市 专 利 资 助``. unicode61 treats
  CJK ideographs as token characters and does not split between adjacent ones, so
  ``中山`` stays one token (verified against SQLite in the tests). The bigrams of a run
  sit at consecutive positions, which is what makes a 3+ character query an exact
  phrase of overlapping bigrams (``"专利 利资 资助"``): it matches only where the
  characters are contiguous, never where they merely occur scattered;
* every other run of letters/digits is one lower-cased word: ``iso9001``. FTS5 prefix
  queries (``"iso"*``) cover prefixes, so no prefix tokens are stored;
* with ``initials_of`` (a title or a name), its pinyin initials, e.g. 中山市市场监督管理局
  → ``zssscjdglj``, stored as one token per starting character (each suffix, capped
  at ``MAX_INITIALS`` letters) behind the marker ``拼``: ``拼zssscjdglj``,
  ``拼ssscjdglj``, ``拼sscjdglj``, … The initials query ``scjd`` becomes the FTS5 prefix
  query ``"拼scjd"*``, which therefore matches the initials of any *substring* of the
  title, and ``zsss`` matches its start. (Storing each CJK run's own initials as well
  would add nothing: they are prefixes of these suffixes.)

Why the marker is ``拼`` and not ``py_``: unicode61 splits on ``_`` (it is
punctuation), so ``py_abc`` would be indexed as the two tokens ``py`` and ``abc`` and
the prefix query would collide with ordinary words. A token made of a CJK character
followed by ASCII letters can never come out of the text itself (text runs are either
all-CJK or all-non-CJK), and a clerk's query can never produce one either: it is
collision-free by construction, and it still reads as "pinyin" in a database dump.

Polyphonic characters get pypinyin's default reading in context (银行 → yh, 行走 →
xz). To stay fast, each character's initial is cached; only runs containing a
character whose readings start with different letters (行, 长, 重 …) are sent to
pypinyin whole, and those runs are cached too.

Table and queries
-----------------
::

    CREATE VIRTUAL TABLE policy_fts USING fts5(
        title, body, content='', tokenize='unicode61 remove_diacritics 2');
    -- insert index_terms(title, initials_of=title), index_terms(body)

    SELECT rowid, bm25(policy_fts, 10.0, 1.0) AS score
      FROM policy_fts WHERE policy_fts MATCH :q ORDER BY score;

The column must keep positions (``detail=full``, the default): 3+ character terms are
phrases. Do not use the ``porter`` or ``trigram`` tokenizers on these columns.
``match_query`` returns None when the input has nothing searchable: show no results
(or everything) rather than running an empty MATCH.

Ranking
-------
bm25 (smaller is better) with the title column weighted well above the body (10:1
above): a title hit outranks a body-only hit. Then boost exact substrings of what the
clerk typed, because the token query also matches when the query's terms occur apart
(two terms, or a 2-character term also matching inside other words)::

    ORDER BY (instr(p.title, :raw) > 0) DESC,   -- the whole input in the title
             (instr(p.body, :raw) > 0) DESC,    -- ... or in the body
             score

(``:raw`` being the clerk's text with spaces trimmed). An exact title match
(``p.title = :raw``) may come first of all. ``highlight_spans`` finds the same terms in
the display text, for the UI to bold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from operator import add


__all__ = [
    "MAX_INITIALS",
    "PINYIN_MARKER",
    "highlight_spans",
    "index_terms",
    "initials",
    "match_query",
    "query_terms",
]

PINYIN_MARKER = "拼"
MAX_INITIALS = 32   # letters kept per stored initials suffix, and per initials query

# Characters n-grammed like Chinese: ideographs (CJK unified, extensions A-H,
# compatibility), 々〆〇, and the letters (not the marks or dots) of kana, bopomofo and
# Hangul, which have no spaces either.
_CJK = ("\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
        "\u3105-\u312f\u31a0-\u31bf\u3400-\u4dbf"
        "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff")
# Group 1: a CJK run. Group 2: a run of other letters/digits (\w without _ and CJK).
_RUNS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")


def _normalize(text: str) -> str:
    """NFKC (full-width → half-width, compatibility ideographs → unified), lower-case."""
    return unicodedata.normalize("NFKC", text).lower()


# ------------------------------------------------------------------------- indexing

def index_terms(text: str, *, initials_of: str | None = None) -> str:
    """The space-separated tokens to store in a unicode61 FTS5 column for ``text``."""
    out: list[str] = []
    if text:
        for cjk, word in _RUNS.findall(_normalize(text)):
            if cjk:
                out.extend(map(add, cjk, cjk[1:]))   # bigrams, consecutive positions
                out.extend(cjk)                      # unigrams
            else:
                out.append(word)
    if initials_of:
        units = _initials_units(_normalize(initials_of))
        letters = "".join(u[2] for u in units)
        offset = 0
        for unit in units:
            out.append(PINYIN_MARKER + letters[offset:offset + MAX_INITIALS])
            offset += len(unit[2])
    return " ".join(out)


# ------------------------------------------------------------------------- initials

_AMBIGUOUS = "?"
_char_initial: dict[str, str] = {}


def _letter(reading: str) -> str:
    """The ASCII first letter of a pinyin reading ('' when there is none)."""
    if not reading:
        return ""
    ch = unicodedata.normalize("NFKD", reading[0])[0].lower()
    return ch if "a" <= ch <= "z" else ""


def _pypinyin():  # noqa: ANN202
    """pypinyin, imported on first use: its phrase dictionary takes ~0.5 s to load, and
    the desk's window must not wait for it at start-up."""
    import pypinyin

    return pypinyin


def _initial_of_char(ch: str) -> str:
    """A character's initial, '' without pinyin, ``_AMBIGUOUS`` if readings differ."""
    got = _char_initial.get(ch)
    if got is None:
        p = _pypinyin()
        readings = p.pinyin(ch, style=p.Style.FIRST_LETTER, heteronym=True,
                            errors=lambda _: [])
        letters = {_letter(r) for r in (readings[0] if readings else [])} - {""}
        got = letters.pop() if len(letters) == 1 else (_AMBIGUOUS if letters else "")
        _char_initial[ch] = got
    return got


@lru_cache(maxsize=1)
def _segmenter():  # noqa: ANN202
    """pypinyin's own word segmenter (what ``lazy_pinyin`` of a string cuts it with)."""
    from pypinyin.core import Pinyin

    return Pinyin()


@lru_cache(maxsize=32768)
def _word_initials(word: str) -> tuple[str, ...]:
    # (the placeholder must be non-empty: pypinyin styles the errors callback's items)
    p = _pypinyin()
    return tuple(p.lazy_pinyin([word], style=p.Style.FIRST_LETTER,
                              errors=lambda s: ["?"] * len(s)))


@lru_cache(maxsize=8192)
def _run_initials(run: str) -> tuple[str, ...]:
    """One initial ('' for none) per character of a CJK run, readings in context."""
    per_char = [_initial_of_char(ch) for ch in run]
    if _AMBIGUOUS not in per_char:
        return tuple(per_char)
    # pypinyin reads a run as the words its segmenter cuts it into, each word on its
    # own: the same words recur across enterprise names (中山市, 有限公司), so each is
    # read once (an uncached lazy_pinyin of a whole name costs ~80 µs)
    items = [x for word in _segmenter().seg(run) for x in _word_initials(word)]
    if len(items) != len(run):  # cannot align: fall back to each character's first
        p = _pypinyin()
        items = [_letter(r[0]) if r else ""
                 for r in (p.pinyin(ch, style=p.Style.FIRST_LETTER) for ch in run)]
    return tuple(_letter(x) for x in items)


def _initials_units(norm: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, letters, is_cjk) over *normalised* text: one unit per CJK character
    that has an initial, one per letter/digit run (its lower-cased self)."""
    units: list[tuple[int, int, str, bool]] = []
    for m in _RUNS.finditer(norm):
        cjk = m.group(1)
        if cjk:
            start = m.start()
            units.extend((start + i, start + i + 1, letter, True)
                         for i, letter in enumerate(_run_initials(cjk)) if letter)
        else:
            units.append((m.start(), m.end(), m.group(2), False))
    return units


def initials(text: str) -> str:
    """Pinyin initials of ``text``: 中山市市场监督管理局 → ``zssscjdglj``.

    Letter and digit runs are kept whole and lower-cased (中山ABC公司 → ``zsabcgs``);
    punctuation and spaces are dropped.
    """
    return "".join(u[2] for u in _initials_units(_normalize(text))) if text else ""


# -------------------------------------------------------------------------- queries

def query_terms(user_text: str) -> list[tuple[str, str]]:
    """What the clerk typed, normalised, as ``(kind, text)`` terms: ``cjk`` runs and
    ``word`` runs (letters/digits; a pure-ASCII-letters word of 2+ letters is also
    matched as pinyin initials). Duplicates are dropped; order is kept."""
    terms: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for cjk, word in _RUNS.findall(_normalize(user_text or "")):
        term = ("cjk", cjk) if cjk else ("word", word)
        if term not in seen:
            seen.add(term)
            terms.append(term)
    return terms


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression for what the clerk typed, or None if nothing is
    searchable. Every term is required (AND). Tokens are always quoted, so no input
    can produce an FTS5 syntax error."""
    parts: list[str] = []
    for kind, text in query_terms(user_text):
        if kind == "cjk":
            if len(text) <= 2:
                parts.append(_quote(text))
            else:  # a phrase of its overlapping bigrams: contiguous characters only
                parts.append(_quote(" ".join(map(add, text, text[1:]))))
        elif len(text) >= 2 and text.isascii() and text.isalpha():
            parts.append(f"({_quote(text)}* OR "
                         f"{_quote(PINYIN_MARKER + text[:MAX_INITIALS])}*)")
        else:
            parts.append(_quote(text) + "*")
    return " AND ".join(parts) if parts else None


# ----------------------------------------------------------------------- highlights

def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        n = _normalize(ch)
        chars.append(n)
        origin.extend([i] * len(n))
    return "".join(chars), origin


def _find_all(haystack: str, needle: str) -> Iterator[int]:
    start = haystack.find(needle)
    while start >= 0:
        yield start
        start = haystack.find(needle, start + 1)


def highlight_spans(text: str, user_text: str) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text``: sorted, merged ``(start, end)``
    character offsets into ``text`` itself, for the UI to bold.

    CJK terms match as substrings, words at the start of a word (a prefix, as FTS5
    matches them), and letters-only words also as pinyin initials of the text.
    """
    if not text or not user_text:
        return []
    terms = query_terms(user_text)
    if not terms:
        return []
    norm, origin = _normalized_with_map(text)
    spans: list[tuple[int, int]] = []   # in normalised offsets
    word_starts: set[int] | None = None
    units: list[tuple[int, int, str, bool]] | None = None
    for kind, term in terms:
        if kind == "cjk":
            spans.extend((i, i + len(term)) for i in _find_all(norm, term))
            continue
        if word_starts is None:
            word_starts = {m.start(2) for m in _RUNS.finditer(norm) if m.group(2)}
        spans.extend((i, i + len(term)) for i in _find_all(norm, term) if i in word_starts)
        if len(term) >= 2 and term.isascii() and term.isalpha():
            if units is None:
                units = _initials_units(norm)
            spans.extend(_initials_spans(units, term[:MAX_INITIALS]))
    if not spans:
        return []
    # Back to offsets in the original text, then merge.
    mapped = sorted((origin[s], origin[e - 1] + 1) for s, e in spans)
    merged: list[tuple[int, int]] = [mapped[0]]
    for s, e in mapped[1:]:
        ls, le = merged[-1]
        if s <= le:
            merged[-1] = (ls, max(le, e))
        else:
            merged.append((s, e))
    return merged


def _initials_spans(units: list[tuple[int, int, str, bool]],
                    term: str) -> Iterator[tuple[int, int]]:
    """Spans (normalised offsets) where the initials, from the start of a unit, begin
    with ``term``. A match inside one plain word is left out: words match as words."""
    letters = "".join(u[2] for u in units)
    unit_at: dict[int, int] = {}
    offset = 0
    for k, unit in enumerate(units):
        unit_at[offset] = k
        offset += len(unit[2])
    for pos in _find_all(letters, term):
        k = unit_at.get(pos)
        if k is None:
            continue
        end_pos = pos + len(term)
        j, covered = k, pos
        while covered + len(units[j][2]) < end_pos:
            covered += len(units[j][2])
            j += 1
        if k == j and not units[k][3]:
            continue
        last = units[j]
        end = last[1] if last[3] else last[0] + (end_pos - covered)
        yield units[k][0], end
