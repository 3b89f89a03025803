"""Chinese search on FTS5 unicode61 (core/textsearch.py), against a real SQLite."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from core.textsearch import (
    MAX_INITIALS,
    PINYIN_MARKER,
    highlight_spans,
    index_terms,
    initials,
    match_query,
    query_terms,
)

DOCS = {
    1: ("关于2024年度企业年报公示的通知", "请各市场主体于6月30日前通过国家企业信用信息公示系统报送年度报告。"),
    2: ("中山市市场监督管理局专利资助办法", "对获得发明专利授权的企业给予资助。"),
    3: ("小微企业融资担保贴息", "符合条件的小微企业可申请融资担保费补贴和贷款贴息。"),
    4: ("增值税留抵退税政策解读", "符合条件的制造业企业可按月申请退还增量留抵税额。"),
    5: ("中国银行普惠金融产品", "科技型中小企业信用贷款，ISO9001认证企业优先。"),
    6: ("高新技术企业认定", "企业应拥有专利等知识产权，研发资助另行申请；年度报告按时提交。"),
    7: ("外国工程师来华工作许可", "外籍技术人员入境工作需办理工作许可。"),
    8: ("市场监管局食品生产许可", "食品生产许可一般在20个工作日内办结。"),
}


def make_db(docs: dict[int, tuple[str, str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE doc(id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    conn.execute("CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, content='', "
                 "tokenize='unicode61 remove_diacritics 2')")
    for rowid, (title, body) in docs.items():
        conn.execute("INSERT INTO doc VALUES (?, ?, ?)", (rowid, title, body))
        conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                     (rowid, index_terms(title, initials_of=title), index_terms(body)))
    return conn


@pytest.fixture(scope="module")
def db():
    conn = make_db(DOCS)
    yield conn
    conn.close()


def search(conn: sqlite3.Connection, user_text: str, *, raw: bool = False) -> list[int]:
    """Ids in rank order: bm25 with the title weighted 10:1, exact substrings first."""
    q = match_query(user_text)
    if q is None:
        return []
    rows = conn.execute(
        """SELECT f.rowid FROM doc_fts f JOIN doc d ON d.id = f.rowid
           WHERE doc_fts MATCH :q
           ORDER BY (instr(d.title, :raw) > 0) DESC, (instr(d.body, :raw) > 0) DESC,
                    bm25(doc_fts, 10.0, 1.0)""",
        {"q": q, "raw": user_text.strip()}).fetchall()
    return [r[0] for r in rows]


def found(conn, user_text) -> set[int]:
    return set(search(conn, user_text))


# ------------------------------------------------------------ unicode61 behaviour

def vocab(text: str) -> list[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t VALUES (?)", (text,))
    return [r[0] for r in conn.execute("SELECT term FROM v ORDER BY offset")]


def test_unicode61_keeps_adjacent_cjk_as_one_token():
    assert vocab("中山 年报 融资担保") == ["中山", "年报", "融资担保"]


def test_unicode61_splits_on_underscore_so_py_underscore_cannot_be_the_marker():
    assert vocab("py_abc") == ["py", "abc"]
    assert vocab(PINYIN_MARKER + "abc") == [PINYIN_MARKER + "abc"]


def test_unicode61_sees_exactly_our_tokens():
    text = "中山市专利资助 ISO9001，第２批"
    terms = index_terms(text, initials_of=text)
    assert vocab(terms) == terms.split(" ")


# ----------------------------------------------------------------------- tokens

def test_index_terms_shape():
    assert index_terms("专利资助") == "专利 利资 资助 专 利 资 助"
    assert index_terms("税") == "税"
    assert index_terms("ISO9001认证，Café") == "iso9001 认证 认 证 café"
    assert index_terms("２０２４年") == "2024 年"       # full-width folded
    assert index_terms("") == ""
    assert index_terms("，。！") == ""


def test_index_terms_initials_tokens():
    terms = index_terms("市场监管", initials_of="市场监管").split()
    assert terms[-4:] == [PINYIN_MARKER + "scjg", PINYIN_MARKER + "cjg",
                          PINYIN_MARKER + "jg", PINYIN_MARKER + "g"]
    long_title = "中" * 100
    suffixes = [t for t in index_terms("", initials_of=long_title).split()]
    assert len(suffixes) == 100
    assert max(len(t) for t in suffixes) == len(PINYIN_MARKER) + MAX_INITIALS


def test_initials():
    # (the brief's "zsssscjdglj" has one s too many: 中山市市场监督管理局 is 10 characters)
    assert initials("中山市市场监督管理局") == "zssscjdglj"
    assert initials("中山ABC科技有限公司") == "zsabckjyxgs"
    assert initials("中国银行") == "zgyh"           # 行 read háng in 银行
    assert initials("行政许可") == "xzxk"           # and xíng here
    assert initials("重庆") == "cq"
    assert initials("，！") == "" and initials("") == ""
    assert initials("行𩮺长") == "xz"    # 𩮺 has no pinyin
    assert initials("𧸖𩮺") == "z"       # polyphonic 𧸖 beside one without pinyin


@pytest.mark.parametrize("title", [t for t, _ in DOCS.values()] + [
    "中山市人民政府办公室关于印发中山市促进民营经济高质量发展若干措施的通知",
    "长江流域重点水域禁捕", "银行业金融机构", "行长办公会议纪要", "重大行政决策程序",
    "古镇镇灯饰行业协会", "南朗街道翠亨新区", "石岐街道办事处", "音乐厅长廊",
])
def test_initials_agree_with_pypinyin_in_context(title):
    expected = "".join(x for x in lazy_pinyin(title, style=Style.FIRST_LETTER)
                       if x.isascii() and x.isalnum()).lower()
    assert initials(title) == expected


def test_initials_read_word_by_word_match_whole_runs():
    """Initials are read a segmenter word at a time (cached per word): for runs made of
    dictionary phrases, sample enterprise names and random characters, the result is what
    pypinyin gives for the whole run."""
    import random

    from pypinyin.constants import PHRASES_DICT

    from core import textsearch

    rng = random.Random(2026)
    phrases = sorted(PHRASES_DICT)
    runs = ["".join(rng.choice(phrases) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    runs += ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 12)))
             for _ in range(1000)]
    runs += ["中山市板芙宏合电器有限公司", "中山市小榄镇长兴五金制品厂", "古镇重庆银行行长"]
    for run in runs:
        textsearch._run_initials.cache_clear()
        got = textsearch._run_initials(run)
        whole = lazy_pinyin(run, style=Style.FIRST_LETTER, errors=lambda s: ["?"] * len(s))
        if "?" not in [textsearch._initial_of_char(ch) for ch in run]:
            continue              # unambiguous runs never reach pypinyin's reading
        assert len(whole) == len(run)
        assert got == tuple(textsearch._letter(x) for x in whole), run


def test_query_terms():
    assert query_terms("融资 scjg ISO9001认证") == [
        ("cjk", "融资"), ("word", "scjg"), ("word", "iso9001"), ("cjk", "认证")]
    assert query_terms("税 税") == [("cjk", "税")]


def test_match_query_forms():
    assert match_query("税") == '"税"'
    assert match_query("年报") == '"年报"'
    assert match_query("专利资助") == '"专利 利资 资助"'
    assert match_query("scjg") == f'("scjg"* OR "{PINYIN_MARKER}scjg"*)'
    assert match_query("x") == '"x"*'
    assert match_query("9001") == '"9001"*'
    assert match_query("融资 担保") == '"融资" AND "担保"'
    assert match_query('"') is None
    assert match_query("  ") is None
    assert match_query("（）*^:-") is None


# --------------------------------------------------------------------- searching

def test_one_character(db):
    assert found(db, "税") == {4}


def test_two_characters(db):
    assert found(db, "年报") == {1}                 # not 年度报告 (docs 1 body, 6)
    assert found(db, "融资") == {3}
    assert found(db, "专利") == {2, 6}
    assert found(db, "许可") == {7, 8}


def test_three_plus_characters_are_exact_substrings(db):
    assert found(db, "专利资助") == {2}
    # doc 6 has 专利 … 资助 apart: not found
    assert 6 not in found(db, "专利资助")
    assert found(db, "留抵退税") == {4}
    assert found(db, "年度报告") == {1, 6}
    assert found(db, "报告年度") == set()        # same characters, other order
    assert found(db, "监督管理局") == {2}


def test_several_terms_are_anded(db):
    assert found(db, "企业 融资") == {3}
    assert found(db, "专利 资助") == {2, 6}
    assert found(db, "专利 食品") == set()


def test_latin_prefixes(db):
    assert found(db, "iso") == {5}
    assert found(db, "ISO9001") == {5}
    assert found(db, "ｉｓｏ") == {5}
    assert found(db, "2024") == {1}


def test_pinyin_initials(db):
    assert found(db, "scjd") == {2}               # 市场监督 (a substring of the title)
    assert found(db, "zsss") == {2}               # the title's start
    assert found(db, "scjg") == {8}               # 市场监管局
    assert found(db, "zgyh") == {5}               # 中国银行, 行 as háng
    assert found(db, "SCJD") == {2}
    assert found(db, "rzdb") == {3}               # 融资担保
    assert found(db, "qyrz") == {3}               # 企业融资, inside 小微企业融资担保
    assert found(db, "xwrz") == set()             # 小微 … 融资: not contiguous


def test_initials_only_come_from_titles(db):
    # 外籍技术人员 → wjjsry appears only in a body
    assert found(db, "wjjsry") == set()


def test_ranking_title_above_body(db):
    # 专利 is in the title of 2 and only in the body of 6
    assert search(db, "专利") == [2, 6]
    # 许可: title of 7 and 8, both bodies too; then check pure bm25 title weight
    conn = make_db({1: ("普通通知", "本通知涉及融资担保事项。"),
                    2: ("融资担保办法", "具体办法见附件。")})
    assert search(conn, "融资") == [2, 1]
    rows = conn.execute("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? "
                        "ORDER BY bm25(doc_fts, 10.0, 1.0)", (match_query("融资"),))
    assert [r[0] for r in rows] == [2, 1]


def test_exact_substring_boost(db):
    conn = make_db({
        1: ("资助申报", "专利相关资助"),            # both terms, apart
        2: ("专利资助", "专利资助"),
        3: ("专利与资助", "专利 资助 专利 资助 专利 资助"),
    })
    assert search(conn, "专利 资助")[0] in (2, 3)
    assert search(conn, "专利资助") == [2]


# ------------------------------------------------------------------ highlighting

def test_highlight_spans():
    t = "中山市市场监督管理局专利资助办法"
    assert highlight_spans(t, "专利") == [(10, 12)]
    assert highlight_spans(t, "市") == [(2, 4)]                 # merged 市市
    assert highlight_spans(t, "scjd 资助") == [(3, 7), (12, 14)]
    assert highlight_spans("ISO9001认证企业", "iso") == [(0, 3)]
    assert highlight_spans("ＩＳＯ９００１认证", "iso") == [(0, 3)]   # full-width text
    assert highlight_spans("no iso here: aniso", "iso") == [(3, 6)]  # word starts only
    assert highlight_spans("中国银行ABC", "yhab") == [(2, 6)]
    assert highlight_spans("abc", "") == [] and highlight_spans("", "abc") == []
    assert highlight_spans("abc", "***") == []


# -------------------------------------------------------------------- properties

HOSTILE = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(['"', "'", "*", "-", ":", "^", "(", ")", "{", "}", "+",
                              "AND", "OR", "NOT", "NEAR", "NEAR(", ",", " ", "税", "年报",
                              "a", "ab", "title:", "\\", "\x00", "ｱ", "é", "ß", "İ",
                              "\u0301", "〇", "𠀀", "𧸖", "𩮺", "行", "长", "\ue000",
                              PINYIN_MARKER, "_", "ﾞ", "･"]),
             max_size=12).map("".join),
)


@pytest.fixture(scope="module")
def hostile_db():
    conn = make_db({1: ("标题 title", "正文 body"), 2: ("税", "年报 ab")})
    yield conn
    conn.close()


@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_any_input_gives_none_or_a_valid_query(hostile_db, user_text):
    q = match_query(user_text)
    if q is None:
        assert not query_terms(user_text)
        return
    hostile_db.execute("SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?", (q,)).fetchall()
    highlight_spans(user_text, user_text)


@settings(max_examples=300)
@given(HOSTILE)
def test_any_text_can_be_indexed(text):
    terms = index_terms(text, initials_of=text)
    assert "" not in terms.split(" ") or terms == ""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    conn.execute("INSERT INTO t VALUES (?)", (terms,))


# Text as it reaches the desk: ASCII, Latin, Greek and Cyrillic letters, CJK and its
# punctuation, full-width forms, kana. (Letters newer than SQLite's own Unicode tables,
# e.g. U+1CF3, are separators to unicode61 and so cannot be found: not our concern.)
DESK_TEXT = st.text(alphabet=st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    st.characters(min_codepoint=0x370, max_codepoint=0x4FF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x30FF),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),
), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(DESK_TEXT, st.data())
def test_any_substring_of_indexed_text_finds_it(text, data):
    """What was indexed can be found by typing a piece of it back."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61')")
    conn.execute("INSERT INTO t VALUES (?)", (index_terms(text),))
    terms = query_terms(text)
    if not terms:
        assert match_query(text) is None
        return
    kind, term = data.draw(st.sampled_from(terms))
    start = data.draw(st.integers(0, len(term) - 1))
    end = data.draw(st.integers(start + 1, len(term))) if kind == "cjk" else len(term)
    piece = term[:end - start] if kind == "word" else term[start:end]
    q = match_query(piece)
    assert q is not None
    hit = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()[0]
    assert hit == 1, (text, piece, q, index_terms(text))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="中山市场监管局税务年报融资专利资助", min_size=3, max_size=12),
       st.text(alphabet="中山市场监管局税务年报融资专利资助", min_size=3, max_size=4))
def test_cjk_phrase_matches_iff_substring(text, needle):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    conn.execute("INSERT INTO t VALUES (?)", (index_terms(text),))
    hit = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?",
                       (match_query(needle),)).fetchone()[0]
    assert bool(hit) == (needle in text)
