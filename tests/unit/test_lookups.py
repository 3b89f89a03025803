"""What the counter screens look up (sync/lookups.py) on a real desk file: enterprises by
code, name and pinyin initials; similar open requests; the knowledge base; the list's
two-stage search and its cancellation; view counts."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from core.catalogue import load_catalogue
from core.identifiers import make_credit_code
from sync import lookups
from sync.lookups import CancelToken, Cancelled, key_terms
from sync.ticket_queries import RequestFilter, View
from tests.conftest import intake_form

XL = make_credit_code("91442000MA5XLWJ01")     # 中山市小榄五金制品有限公司
GZ = make_credit_code("91442000MA5GUDH02")     # 中山市古镇灯饰照明有限公司
SQ = make_credit_code("92442000MA5QKJ003")     # 石岐科技个体户 (92: individual business)


@pytest.fixture(scope="module")
def catalogue_files():
    return load_catalogue().to_json()


@pytest.fixture
def filled(desk, clock, catalogue_files):
    """Three enterprises and five requests, one of them 40 days old."""
    desk.install_catalogue(catalogue_files)
    clock.set("2026-10-01T10:00")
    old, _ = desk.record_intake(intake_form(credit_code=XL, enterprise_name="中山市小榄五金制品有限公司",
                                            topic="annual_report", town="xiaolan",
                                            description="年报提交失败，系统提示资产数据异常。"))
    clock.set("2026-11-20T10:00")
    a, _ = desk.record_intake(intake_form(credit_code=XL, enterprise_name="中山市小榄五金制品有限公司",
                                          topic="financing", town="xiaolan",
                                          contact_name="梁志成", contact_phone="13912345678",
                                          description="想申请贴息贷款，了解中小微企业融资担保政策。"))
    b, _ = desk.record_intake(intake_form(credit_code=GZ, enterprise_name="中山市古镇灯饰照明有限公司",
                                          topic="intellectual_property", town="guzhen",
                                          contact_phone="0760-22334455",
                                          description="外观设计专利被仿冒，灯饰新品在展会上出现同款。"))
    c, _ = desk.record_intake(intake_form(credit_code=None, enterprise_name="坦洲某某五金店",
                                          topic="tax", town="tanzhou",
                                          description="发票开具问题。"))
    d, _ = desk.record_intake(intake_form(credit_code=SQ, enterprise_name="石岐区晨光科技工作室",
                                          topic="tax", town="shiqi",
                                          description="咨询小规模纳税人五金配件销售的增值税减免。"))
    desk.dispatch(b, "u-scjg")
    clock.set("2026-11-24T09:00")
    return {"old": old, "a": a, "b": b, "c": c, "d": d}


def names(hits):
    return [h.name for h in hits]


# -- enterprises -----------------------------------------------------------------------------

def test_enterprises_by_code_prefix_name_and_initials(desk, filled):
    by_code = desk.find_enterprises(XL[:12])
    assert names(by_code) == ["中山市小榄五金制品有限公司"] and by_code[0].how == "code"
    assert [h.credit_code for h in desk.find_enterprises("91442000")] == sorted([XL, GZ])
    by_name = desk.find_enterprises("灯饰")
    assert names(by_name) == ["中山市古镇灯饰照明有限公司"] and by_name[0].how == "name"
    by_initials = desk.find_enterprises("xlwj")             # 小榄五金
    assert names(by_initials) == ["中山市小榄五金制品有限公司"]
    assert by_initials[0].how == "initials"
    assert names(desk.find_enterprises("XLWJ")) == ["中山市小榄五金制品有限公司"]
    assert desk.find_enterprises("   ") == []
    assert desk.find_enterprises("完全不存在的企业名") == []


def test_an_enterprise_comes_with_its_history(desk, filled):
    hit = desk.find_enterprises("小榄五金")[0]
    assert hit.credit_code == XL and hit.town == "xiaolan"
    assert hit.region_code == "442000" and hit.entity_type == "1"
    assert hit.open_requests == 2                     # both still received
    assert hit.last_contact_name == "梁志成" and hit.last_contact_phone == "13912345678"
    assert hit.last_request_at.startswith("2026-11-20")
    assert desk.enterprise_by_code(XL.lower()).name == "中山市小榄五金制品有限公司"
    assert desk.enterprise_by_code(make_credit_code("91442000MA5YYYY09")) is None


def test_the_exact_name_ranks_first(desk, filled):
    desk.record_intake(intake_form(credit_code=make_credit_code("91442000MA5XLWJ11"),
                                   enterprise_name="中山市小榄五金制品有限公司东区分公司"))
    hits = desk.find_enterprises("中山市小榄五金制品有限公司")
    assert hits[0].name == "中山市小榄五金制品有限公司"
    assert len(hits) == 2


# -- similar open requests -------------------------------------------------------------------

def test_similar_open_requests_by_topic_or_shared_terms(desk, filled):
    same_topic = desk.similar_open_requests(credit_code=XL, topic="financing")
    assert [r.id for r in same_topic] == [filled["a"]] and same_topic[0].same_topic
    # the 40-day-old annual-report request is outside the 30 days
    assert desk.similar_open_requests(credit_code=XL, topic="annual_report") == []
    assert desk.similar_open_requests(credit_code=XL, topic="annual_report", days=60)[0].id \
        == filled["old"]
    shared = desk.similar_open_requests(credit_code=XL, topic="tax",
                                        description="融资担保贴息贷款怎么申请")
    assert [r.id for r in shared] == [filled["a"]]
    assert not shared[0].same_topic and {"融资", "担保", "贴息"} <= set(shared[0].shared_terms)
    # unrelated words do not count
    assert desk.similar_open_requests(credit_code=XL, topic="tax",
                                      description="社保缴费基数调整") == []
    # another enterprise's requests never count
    assert desk.similar_open_requests(credit_code=GZ, topic="financing") == []


def test_similar_requests_without_a_code_go_by_exact_name(desk, filled):
    found = desk.similar_open_requests(enterprise_name="坦洲某某五金店", topic="tax")
    assert [r.id for r in found] == [filled["c"]]
    assert found[0].number == "SQ01-00004"


def test_closed_requests_are_not_duplicates(desk, filled, clock):
    desk.answer_immediately(filled["a"], "已告知贴息政策", source="kb", source_ref="kb-0100")
    assert desk.similar_open_requests(credit_code=XL, topic="financing") == []


def test_key_terms_drop_common_words():
    assert key_terms("请问企业年报怎么填报") == ["问企", "业年", "年报", "报怎", "么填", "填报"]
    assert key_terms("税") == ["税"]
    assert key_terms("ISO9001 认证") == ["iso9001", "认证"]
    assert key_terms("") == []


# -- knowledge base --------------------------------------------------------------------------

@pytest.mark.parametrize("term, topic", [("年报", "annual_report"), ("融资", "financing"),
                                         ("专利", "intellectual_property")])
def test_kb_two_character_terms(desk, filled, term, topic):
    found = desk.kb_lookup(term)
    assert len(found.hits) >= 3
    assert all(h.matched_by == "all" for h in found.hits)
    assert term in found.hits[0].title
    assert found.hits[0].topic == topic
    assert found.highlight == term


def test_kb_follows_a_description(desk, filled):
    text = "企业年报提交后公示系统仍显示未报送，影响投标"
    found = desk.kb_lookup(text, topic="annual_report")
    assert found.hits, "a description finds answers by its key terms"
    assert found.hits[0].topic == "annual_report"
    assert {h.matched_by for h in found.hits} == {"any"}
    assert "年报" in found.highlight.split()


def test_kb_topic_breaks_ties_and_empty_text_finds_nothing(desk, filled):
    assert desk.kb_lookup("").hits == []
    plain = desk.kb_lookup("贷款")
    leaning = desk.kb_lookup("贷款", topic="intellectual_property")
    assert leaning.hits[0].topic == "intellectual_property"
    assert {h.id for h in plain.hits} == {h.id for h in leaning.hits}


# -- the request list's search ---------------------------------------------------------------

def test_quick_search_finds_names_initials_codes_numbers_and_phones(desk, filled):
    def quick(text):
        return set(desk.request_ids_quick(RequestFilter(text=text)))

    pk = {k: desk.pk_of(v) for k, v in filled.items()}
    assert quick("五金") == {pk["old"], pk["a"]}             # the cached enterprise only
    assert quick("xlwj") == {pk["old"], pk["a"]}
    assert quick(GZ[:12]) == {pk["b"]}
    assert quick(GZ.lower()) == {pk["b"]}
    assert quick("SQ01-00002") == {pk["a"]}
    assert quick("00002") == {pk["a"]}
    assert quick("2233 4455") == {pk["b"]}                 # spaces as typed are dropped
    assert quick("22334455") == {pk["b"]}
    assert quick("！？") == set()


def test_the_full_scan_adds_descriptions_and_names_without_a_code(desk, filled):
    pk = {k: desk.pk_of(v) for k, v in filled.items()}
    f = RequestFilter(text="五金")
    full = desk.request_ids_full(f)
    assert set(full) == {pk["old"], pk["a"], pk["c"], pk["d"]}
    assert full == desk.request_ids(f)                     # the old semantics, in order
    assert set(desk.request_ids_quick(f)) <= set(full)


def test_quick_search_keeps_the_other_filters_and_the_order(desk, filled):
    pk = {k: desk.pk_of(v) for k, v in filled.items()}
    f = RequestFilter(text="xlwj", town="xiaolan", created_from=dt.date(2026, 11, 1))
    assert desk.request_ids_quick(f) == [pk["a"]]
    f = RequestFilter(text="91442000")
    assert desk.request_ids_quick(f) == [pk["b"], pk["a"], pk["old"]]   # deadline, newest
    assert desk.request_ids_quick(RequestFilter()) == desk.request_ids(RequestFilter())


def test_a_cancelled_scan_stops(desk, filled):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        desk.request_ids_full(RequestFilter(text="五金"), token)


def test_a_scan_is_interrupted_while_it_runs(desk, filled):
    token = CancelToken()
    with desk.store.read() as conn:
        raw = conn.connection.dbapi_connection
        # a statement that runs until interrupted (a recursive counter)
        slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                "SELECT count(*) FROM n")
        timer = threading.Timer(0.05, token.cancel)
        timer.start()
        with pytest.raises(Cancelled):
            with lookups.cancellable(conn, token, every=1000):
                raw.execute(slow).fetchall()
        timer.join()
        # the handler is removed: the connection works on
        assert raw.execute("SELECT 1").fetchone() == (1,)


def test_view_counts(desk, filled, clock):
    counts = desk.view_counts()
    assert counts[View.ALL] == 5
    assert counts[View.OPEN] == 5
    assert counts[View.MINE] == 5
    assert counts[View.CLOSED] == 0
    assert counts[View.SUPERVISED] == 0
    dispatched = desk.view_counts(RequestFilter(status="dispatched"))
    assert dispatched[View.ALL] == 1 and dispatched[View.OPEN] == 1
    town = desk.view_counts(RequestFilter(town="xiaolan", text="ignored"))
    assert town[View.ALL] == 2
    assert desk.view_counts(views=[View.OVERDUE]) == {View.OVERDUE: 1}   # contact clock


# -- the list's in-memory columns ------------------------------------------------------------

def supervise(desk, ticket_id):
    from core.tickets import Role
    from sync.desk import Actor

    clerk = desk.actor
    desk.sign_in(Actor("sup01", Role.SUPERVISOR, "陈督办"))
    try:
        desk.supervise(ticket_id, "2026-11-30", "请加快办理")
    finally:
        desk.sign_in(clerk)


@pytest.mark.parametrize("f", [
    RequestFilter(type="help"), RequestFilter(type="consultation"),
    RequestFilter(channel="counter"), RequestFilter(channel="hotline"),
    RequestFilter(view=View.SUPERVISED), RequestFilter(view=View.OPEN, type="help"),
    RequestFilter(view=View.CLOSED, channel="counter"), RequestFilter(type="praise", town="shiqi"),
])
def test_unindexed_filters_from_memory_match_sql(desk, filled, clock, f):
    if f.view is View.SUPERVISED:
        supervise(desk, filled["b"])
    desk.answer_immediately(filled["d"], "已答复", source="kb", source_ref="kb-0001")
    assert desk.request_ids_quick(f) == desk.request_ids(f)


def test_the_columns_follow_every_write(desk, filled, clock):
    f = RequestFilter(type="complaint")
    assert desk.request_ids_quick(f) == []
    builds = desk.list_columns.builds
    assert desk.warm_list_columns() is False           # nothing new: no rebuild
    tid, _ = desk.record_intake(intake_form(type="complaint", channel="hotline"))
    assert desk.list_columns.fresh is False
    assert desk.request_ids_quick(f) == [desk.pk_of(tid)]
    assert desk.list_columns.builds == builds + 1
    desk.edit_request(tid, {"type": "help"})            # an edit, no new row
    assert desk.request_ids_quick(f) == []
    assert desk.request_ids_quick(RequestFilter(type="help", channel="hotline")) \
        == [desk.pk_of(tid)]
    supervise(desk, tid)
    assert desk.request_ids_quick(RequestFilter(view=View.SUPERVISED)) == [desk.pk_of(tid)]
    desk.close_lookups()                                # and it opens again when needed
    assert desk.request_ids_quick(RequestFilter(channel="hotline")) == [desk.pk_of(tid)]


def test_numbers_and_phones_from_memory(desk, filled):
    columns = desk.list_columns
    columns.warm()
    pk = {k: desk.pk_of(v) for k, v in filled.items()}
    assert columns.numbers("SQ01-00002") == {pk["a"]}
    assert columns.numbers("sq01 - 00002") == {pk["a"]}     # as typed: spaces, case
    assert columns.numbers("139 1234 5678") == {pk["a"]}
    assert columns.numbers("0760 2233 4455") == {pk["b"]}   # the landline by its digits
    assert columns.numbers("99999") == set()
    assert desk.request_ids_quick(RequestFilter(text="22334455", town="guzhen")) == [pk["b"]]
    assert desk.request_ids_quick(RequestFilter(text="22334455", town="shiqi")) == []
