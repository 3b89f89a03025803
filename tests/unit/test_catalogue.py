"""The sample catalogue and its loader (core/catalogue.py)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest

from core.catalogue import (
    FIELDS, OPS, PREDICATES, Batch, BatchContact, BatchStatus, Catalogue, CatalogueError,
    Condition, load_catalogue, read_catalogue_files, validate_rule)

D = dt.date
TODAY = D(2026, 11, 25)


@pytest.fixture(scope="module")
def raw() -> dict:
    return read_catalogue_files()


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


# ---------------------------------------------------------------- the packaged sample
def test_packaged_catalogue_loads_and_is_marked_sample(cat):
    assert cat.version == "2026.11.2"
    assert cat.manifest.sample is True
    assert cat.manifest.notice.startswith("示例数据")
    assert cat.manifest.published_at == dt.datetime.fromisoformat("2026-11-20T09:00:00+08:00")
    assert all("（示例）" in d.title and "（示例）" in d.doc_number for d in cat.policies)


def test_towns_are_the_city_hall_and_23_town_halls(cat):
    kinds = [t.kind for t in cat.towns]
    assert kinds.count("city") == 1 and kinds.count("street") == 8 and kinds.count("town") == 15
    assert cat.town("city").hall == "中山市政务服务中心"
    assert cat.find_town("火炬开发区").code == "zhongshangang"
    assert cat.find_town("翠亨新区").code == "nanlang"
    assert cat.find_town("小榄镇").code == "xiaolan" and cat.find_town("小榄").code == "xiaolan"
    stations = [s for t in cat.towns for s in t.stations]
    assert len(stations) == len(set(stations))
    assert all(re.fullmatch(r"[A-Z]{2}\d{2}", s) for s in stations)
    assert all(re.fullmatch(r"[a-z]+", t.code) for t in cat.towns)


def test_units_have_duty_contacts_in_sample_ranges(cat):
    assert len(cat.units) >= 56
    assert len([u for u in cat.units if u.duty]) >= 50
    assert {u.town for u in cat.units if u.kind == "town_office"} == {
        t.code for t in cat.towns if t.kind != "city"}
    for unit in cat.units:
        for contact in unit.duty:
            assert re.fullmatch(r"0760-8999\d{4}", contact.phone)
            assert re.fullmatch(r"1990760\d{4}", contact.mobile)
    assert cat.unit("u-scjg").name == "中山市市场监督管理局"


def test_topics_are_covered_by_units_and_answers(cat):
    codes = {t.code for t in cat.topics}
    assert {"company_registration", "credit_disclosure", "annual_report", "archive_query",
            "intellectual_property", "food_licence", "financing", "foreign_talent", "labour",
            "tax"} <= codes and len(codes) >= 18
    per_topic = {c: len([a for a in cat.kb if a.topic == c]) for c in codes}
    assert len(cat.kb) >= 200 and min(per_topic.values()) >= 8
    for topic in cat.topics:
        assert topic.units and all(topic.code in cat.unit(u).topics for u in topic.units)
        assert cat.units_for_topic(topic.code)
    assert all(any(len(k) <= 2 for k in a.keywords) for a in cat.kb)


def test_policy_counts(cat):
    issuers = {d.issuer_id for d in cat.policies}
    assert len(cat.policies) >= 110
    assert len(cat.items) >= 300
    assert len(issuers) >= 50 and all(cat.unit(u).issuer for u in issuers)
    assert len(cat.materials) >= 40


def test_every_rule_validates_and_the_language_is_used(cat):
    towns = {t.code for t in cat.towns}
    materials = {m.id for m in cat.materials}
    used = set()
    for item in cat.items:
        validate_rule(item.rule.tree, item.id, towns=towns, materials=materials)
        for node in item.rule.nodes():
            used.add(node.kind)
            used.add(node.tree.get("field") or node.tree.get("predicate") or node.kind)
            used.add(node.tree.get("op"))
        assert all(leaf["label"] and leaf["clause"] for leaf in item.rule.leaves())
    assert set(FIELDS) | set(OPS) | set(PREDICATES) | {"all", "any", "not"} <= used


def test_item_tags_and_groups(cat):
    groups: dict[str, set] = {}
    for item in cat.items:
        if item.exclusive_group:
            groups.setdefault(item.exclusive_group, set()).add(item.document_id)
            assert item.stacking in ("no_duplicate", "highest_only")
        document = cat.document(item.document_id)
        if document.issuer_id.startswith("u-t-"):
            assert item.tags.town == (cat.unit(document.issuer_id).town,)
    assert len(groups) >= 10 and all(len(docs) >= 2 for docs in groups.values())


def test_batch_windows_around_the_reference_day(cat):
    states = [{b.status_on(TODAY) for b in item.batches} for item in cat.items]
    share = lambda status: sum(status in s for s in states) / len(states)  # noqa: E731
    assert 0.15 <= share(BatchStatus.OPEN) + share(BatchStatus.CLOSING_SOON) <= 0.3
    assert 0.05 <= share(BatchStatus.CLOSING_SOON) <= 0.12
    assert share(BatchStatus.UPCOMING) > 0.05
    expired = [d for d in cat.policies if d.valid_to and d.valid_to < TODAY]
    assert expired and all(not i.is_valid_on(TODAY) for d in expired for i in d.items)


# ---------------------------------------------------------------- status and validity
def make_batch(opens: dt.date, closes: dt.date) -> Batch:
    return Batch("pb-x", "2026年第二批", opens, closes, D(2025, 12, 31), ("mat-license",),
                 "u-scjg", BatchContact("某某", "0760-89990000"), "中山市惠企政策平台", "示例")


@pytest.mark.parametrize("day, status", [
    (D(2026, 10, 31), BatchStatus.UPCOMING),
    (D(2026, 11, 1), BatchStatus.OPEN),
    (D(2026, 12, 16), BatchStatus.OPEN),            # 15 days left
    (D(2026, 12, 17), BatchStatus.CLOSING_SOON),    # 14 days left
    (D(2026, 12, 31), BatchStatus.CLOSING_SOON),    # the last day
    (D(2027, 1, 1), BatchStatus.CLOSED),
])
def test_batch_status_on(day, status):
    assert make_batch(D(2026, 11, 1), D(2026, 12, 31)).status_on(day) is status


def test_item_validity_comes_from_its_document(cat):
    document = next(d for d in cat.policies if d.valid_to and d.valid_to < TODAY)
    item = document.items[0]
    assert (item.valid_from, item.valid_to) == (document.valid_from, document.valid_to)
    assert item.is_valid_on(document.valid_from) and item.is_valid_on(document.valid_to)
    assert not item.is_valid_on(document.valid_from - dt.timedelta(days=1))
    assert not item.is_valid_on(document.valid_to + dt.timedelta(days=1))
    open_ended = next(d for d in cat.policies if d.valid_to is None)
    assert open_ended.items[0].is_valid_on(D(2035, 1, 1))


def test_lookups(cat):
    item = cat.items[0]
    assert cat.item(item.id) is item
    assert cat.batch(item.batches[0].id) is item.batches[0]
    assert cat.document(item.document_id).items[0] is item
    assert cat.article(cat.kb[0].id).title and cat.material("mat-license").name
    assert cat.topic("tax").zh == "税务"


def test_condition_api():
    tree = {"all": [
        {"field": "employees", "op": "lte", "value": 300, "label": "从业人数不超过300人",
         "clause": "第三条第（一）项", "material": None},
        {"not": {"predicate": "qualification", "args": {"code": "high_tech"},
                 "label": "高企", "clause": "第三条第（二）项", "material": None}}]}
    cond = Condition.parse(tree)
    assert cond.kind == "all" and [c.kind for c in cond.children] == ["field", "not"]
    assert [leaf["clause"] for leaf in cond.leaves()] == ["第三条第（一）项", "第三条第（二）项"]
    assert cond.to_json() == tree and cond.to_json() is not tree


# ---------------------------------------------------------------- publishing
def test_to_json_round_trips(cat, raw):
    published = cat.to_json()
    assert published == raw
    again = Catalogue.from_json({k: json.dumps(v, ensure_ascii=False)
                                 for k, v in published.items()})
    assert again == cat and again.to_json() == raw


def test_etag_is_stable_and_changes_with_the_data(cat, raw):
    assert re.fullmatch(r"[0-9a-f]{64}", cat.etag)
    assert load_catalogue().etag == cat.etag == Catalogue.from_json(raw).etag
    changed = copy.deepcopy(raw)
    changed["kb.json"][0]["title"] += "？"
    assert Catalogue.from_json(changed).etag != cat.etag


def test_check_command_accepts_the_committed_files(capsys):
    from resources.tools.build_catalogue import main
    assert main(["--check"]) == 0
    assert "items:" in capsys.readouterr().out


# ---------------------------------------------------------------- bad input
def first_item(files: dict) -> dict:
    return files["policies.json"][0]["items"][0]


def item_by_id(files: dict, item_id: str) -> dict:
    return next(i for d in files["policies.json"] for i in d["items"] if i["id"] == item_id)


def set_rule_leaf(files: dict, **changes) -> None:
    """Replace the first item's first condition by a field leaf with ``changes``."""
    leaf = {"field": "employees", "op": "gte", "value": 10, "label": "从业人数10人以上",
            "clause": "第三条第（一）项", "material": None}
    leaf.update(changes)
    for key in [k for k, v in changes.items() if v is ...]:
        del leaf[key]
    first_item(files)["rule"]["all"][0] = leaf


BAD_CASES = [
    ("closes not a date", lambda f: first_item(f)["batches"][0].update(closes="2026-02-30"),
     r"policies\.json: pi-0001\.batches\[0\]\.closes: expected a date YYYY-MM-DD on or after "
     r"opens .*, got '2026-02-30'"),
    ("closes before opens", lambda f: first_item(f)["batches"][0].update(closes="2020-01-01"),
     r"pi-0001\.batches\[0\]\.closes: expected a date YYYY-MM-DD on or after opens"),
    ("unknown issuer", lambda f: f["policies.json"][0].update(issuer_id="u-nobody"),
     r"policies\.json: pd-0001\.issuer_id: expected the id of a unit with issuer true"),
    ("issuer that is not one", lambda f: f["policies.json"][0].update(issuer_id="u-daj"),
     r"pd-0001\.issuer_id: expected the id of a unit with issuer true, got 'u-daj'"),
    ("unknown material", lambda f: first_item(f)["batches"][0]["materials"].insert(0, "mat-x"),
     r"pi-0001\.batches\[0\]\.materials\[0\]: expected a material id from materials\.json"),
    ("unknown tag town", lambda f: first_item(f)["tags"]["town"].append("atlantis"),
     r"pi-0001\.tags\.town\[0\]: expected a town code from towns\.json"),
    ("unknown kb topic", lambda f: f["kb.json"][0].update(topic="astrology"),
     r"kb\.json: kb-0001\.topic: expected a topic code from topics\.json"),
    ("unknown kb unit", lambda f: f["kb.json"][0].update(unit_id="u-x"),
     r"kb\.json: kb-0001\.unit_id: expected a unit id from units\.json"),
    ("duplicate kb id", lambda f: f["kb.json"][1].update(id="kb-0001"),
     r"kb\.json: kb-0001\.id: duplicate id 'kb-0001'"),
    ("duplicate item id", lambda f: f["policies.json"][1]["items"][0].update(id="pi-0001"),
     r"policies\.json: pi-0001\.id: duplicate 'pi-0001'"),
    ("unknown op", lambda f: set_rule_leaf(f, op="gtt"),
     r"pi-0001\.rule\.all\[0\]\.op: expected one of eq, ne, in"),
    ("op not for the field", lambda f: set_rule_leaf(f, field="employees", op="prefix"),
     r"pi-0001\.rule\.all\[0\]\.op: expected one of .* for field employees, got 'prefix'"),
    ("unknown field", lambda f: set_rule_leaf(f, field="turnover"),
     r"pi-0001\.rule\.all\[0\]\.field: expected one of industry, town"),
    ("missing label", lambda f: set_rule_leaf(f, label=...),
     r"pi-0001\.rule\.all\[0\]\.label: missing"),
    ("empty label", lambda f: set_rule_leaf(f, label=" "),
     r"pi-0001\.rule\.all\[0\]\.label: expected a non-empty string"),
    ("unknown predicate", lambda f: first_item(f)["rule"]["all"].append(
        {"predicate": "lucky", "args": {}, "label": "x", "clause": "x", "material": None}),
     r"pi-0001\.rule\.all\[\d+\]\.predicate: expected one of scale, age_years, years_in_town, "
     r"qualification, first_recognition"),
    ("unknown first recognition", lambda f: first_item(f)["rule"]["all"].append(
        {"predicate": "first_recognition", "args": {"code": "famous"}, "label": "x",
         "clause": "x", "material": None}),
     r"pi-0001\.rule\.all\[\d+\]\.args\.code: expected one of high_tech"),
    ("years in town without bounds", lambda f: first_item(f)["rule"]["all"].append(
        {"predicate": "years_in_town", "args": {}, "label": "x", "clause": "x",
         "material": None}),
     r"pi-0001\.rule\.all\[\d+\]\.args: expected at_least and/or at_most"),
    ("stacking without a group", lambda f: item_by_id(f, "pi-0002").update(
        stacking="highest_only"),
     r"policies\.json: pi-0002\.stacking: expected null for an item without an exclusive_group "
     r"\(a stacking rule applies only within a group\), got 'highest_only'"),
    ("a group without stacking", lambda f: first_item(f).update(stacking=None),
     r"policies\.json: pi-0001\.stacking: expected one of no_duplicate, highest_only for an "
     r"item in exclusive_group 'xg-hightech-first', got None"),
    ("a group that disagrees", lambda f: item_by_id(f, "pi-0132").update(
        stacking="no_duplicate"),
     r"policies\.json: pi-0132\.stacking: expected 'highest_only' like pi-0001, the first item "
     r"of exclusive_group 'xg-hightech-first' \(a group's items share one stacking rule\), "
     r"got 'no_duplicate'"),
    ("unknown qualification", lambda f: first_item(f)["rule"]["all"].append(
        {"predicate": "qualification", "args": {"code": "famous"}, "label": "x",
         "clause": "x", "material": None}),
     r"pi-0001\.rule\.all\[\d+\]\.args\.code: expected one of high_tech"),
    ("between upside down", lambda f: set_rule_leaf(
        f, field="employees", op="between", value=[300, 10]),
     r"pi-0001\.rule\.all\[0\]\.value: expected \[lo, hi\] with lo <= hi"),
    ("unknown town in rule", lambda f: set_rule_leaf(f, field="town", op="eq", value="paris"),
     r"pi-0001\.rule\.all\[0\]\.value: expected a town code from towns\.json"),
    ("misspelt field", lambda f: f["materials.json"][0].update(nots="x"),
     r"materials\.json: mat-license\.nots: unknown field"),
    ("unit with unknown topic", lambda f: f["units.json"][1]["topics"].insert(0, "magic"),
     r"units\.json: u-scjg\.topics\[0\]: expected a topic code from topics\.json"),
    ("town office without town", lambda f: next(
        u for u in f["units.json"] if u["kind"] == "town_office").update(town=None),
     r"units\.json: u-t-\w+\.town: expected a town code from towns\.json \(a town_office"),
    ("duplicate station", lambda f: f["towns.json"][1]["stations"].append("ZS01"),
     r"towns\.json: shiqi\.stations\[\d\]: station: duplicate 'ZS01'"),
    ("naive publication time", lambda f: f["manifest.json"].update(published_at="2026-11-20T09:00"),
     r"manifest\.json: published_at: expected a date-time with offset"),
    ("newer format", lambda f: f["manifest.json"].update(format=2),
     r"manifest\.json: format: expected 1 \(the format this code reads\), got 2"),
    ("missing file", lambda f: f.pop("kb.json"), r"kb\.json: missing from the catalogue"),
]


@pytest.mark.parametrize("spoil, message", [c[1:] for c in BAD_CASES],
                         ids=[c[0] for c in BAD_CASES])
def test_bad_input_names_the_file_record_and_field(raw, spoil, message):
    files = copy.deepcopy(raw)
    spoil(files)
    with pytest.raises(CatalogueError, match=message):
        Catalogue.from_json(files)


# ---------------------------------------------------------------- the policy audits of --check
def test_the_sample_passes_the_policy_audits(cat, raw):
    from resources.tools.audits import policy_problems
    assert policy_problems(raw) == []
    # the families: every city and town award for the same recognition in one group
    by_group: dict[str, list] = {}
    for item in cat.items:
        by_group.setdefault(item.exclusive_group, []).append(item)
    first = [i.id for i in by_group["xg-hightech-first"]]
    assert {"pi-0001", "pi-0132", "pi-0162", "pi-0178", "pi-0210", "pi-0218", "pi-0227",
            "pi-0252", "pi-0276", "pi-0294", "pi-0307", "pi-0313", "pi-0334"} <= set(first)
    for group, least in (("xg-above-scale", 14), ("xg-patent", 12), ("xg-graduates", 11),
                         ("xg-specialized", 8), ("xg-talent-housing", 7), ("xg-digital", 6)):
        assert len(by_group[group]) >= least, group
    for item_id in ("pi-0028", "pi-0052", "pi-0063", "pi-0074", "pi-0051"):   # were orphans
        assert cat.item(item_id).exclusive_group and cat.item(item_id).stacking
    for members in (m for g, m in by_group.items() if g):
        rule = {"highest_only": "就高不就低", "no_duplicate": "不重复享受|只享受一项"}
        assert all(re.search(rule[i.stacking], i.amount_text) for i in members)
    assert {i.stacking for i in by_group[None]} == {None}


def _audit(files: dict) -> list[str]:
    from resources.tools.audits import policy_problems
    return policy_problems(files)


def _leaf_of(files: dict, item_id: str, key: str) -> dict:
    def walk(node):
        for k in ("all", "any"):
            for sub in node.get(k, []):
                yield from walk(sub)
        if "not" in node:
            yield from walk(node["not"])
        if "label" in node:
            yield node
    return next(n for n in walk(item_by_id(files, item_id)["rule"])
                if (n.get("field") or n.get("predicate")) == key)


AUDIT_CASES = [
    ("stacking without a group", lambda f: item_by_id(f, "pi-0002").update(stacking="no_duplicate"),
     r"pi-0002\.stacking: no_duplicate without an exclusive_group applies to nothing"),
    ("a group that disagrees", lambda f: item_by_id(f, "pi-0132").update(stacking="no_duplicate"),
     r"xg-hightech-first: its items must share one stacking rule"),
    ("text silent on stacking", lambda f: first_item(f).update(amount_text="一次性奖励20万元"),
     r"pi-0001\.amount_text: does not say that it is highest_only \(就高不就低\)"),
    ("one title in two documents", lambda f: item_by_id(f, "pi-0002").update(
        title=item_by_id(f, "pi-0010")["title"]),
     r"title '新型研发机构建设资助' is in 2 documents \(pi-0002 in pd-0001, group None, "
     r"pi-0010 in pd-0004, group None\)"),
    ("a town award outside its family", lambda f: item_by_id(f, "pi-0132").update(
        exclusive_group=None, stacking=None),
     r"pi-0132: '石岐街道高新技术企业首次认定奖励' names the family xg-hightech-first but is "
     r"in no group"),
    ("an unknown group", lambda f: item_by_id(f, "pi-0002").update(
        exclusive_group="xg-renewal", stacking="highest_only"),
     r"pi-0002\.exclusive_group: 'xg-renewal' is not a family"),
    ("进出口 on export_value", lambda f: _leaf_of(f, "pi-0122", "import_export_value").update(
        field="export_value"),
     r"pi-0122 export_value '上年度进出口额100万元以上': names '进出口额', which only "
     r"import_export_value can test"),
    ("a layoff rate as headcount", lambda f: _leaf_of(f, "pi-0053", "layoff_rate").update(
        field="employees", value=300),
     r"pi-0053 employees '上年度裁员率不高于5\.5%.*': names '裁员', which only layoff_rate"),
    ("公积金 as insured employees", lambda f: _leaf_of(f, "pi-0120", "insured_employees").update(
        label="已为职工建立住房公积金账户"),
     r"pi-0120 insured_employees '已为职工建立住房公积金账户': names '公积金', which no field"),
    ("two years' average", lambda f: _leaf_of(f, "pi-0009", "rd_ratio").update(
        label="近两年研发投入占营业收入比例平均不低于4%"),
     r"pi-0009 rd_ratio .*: names '近两年', which no field"),
    ("首次 as a qualification", lambda f: _leaf_of(f, "pi-0001", "first_recognition").update(
        predicate="qualification"),
     r"pi-0001 qualification '认定年度首次.*': names '首次', which only first_recognition"),
    ("迁入 as years since founding", lambda f: _leaf_of(f, "pi-0134", "years_in_town").update(
        predicate="age_years"),
     r"pi-0134 age_years '在石岐街道设立或迁入满5年': names '迁入'"),
    ("another threshold", lambda f: _leaf_of(f, "pi-0003", "revenue").update(value=3000),
     r"pi-0003 revenue '上年度营业收入1000万元以上': the label does not state the threshold 3000"),
    ("a label that does not name its field", lambda f: _leaf_of(f, "pi-0054", "graduates_hired")
     .update(label="招用1人以上"),
     r"pi-0054 graduates_hired '招用1人以上': does not say what graduates_hired tests"),
]


@pytest.mark.parametrize("spoil, message", [c[1:] for c in AUDIT_CASES],
                         ids=[c[0] for c in AUDIT_CASES])
def test_the_policy_audits_catch_each_class_of_problem(raw, spoil, message):
    files = copy.deepcopy(raw)
    spoil(files)
    problems = _audit(files)
    assert any(re.search(message, p) for p in problems), problems


def test_check_fails_and_lists_every_offender_even_when_the_catalogue_does_not_load(
        raw, tmp_path, capsys):
    from resources.tools.build_catalogue import main
    files = copy.deepcopy(raw)
    for item_id in ("pi-0002", "pi-0010"):                    # stacking outside any group
        item_by_id(files, item_id).update(stacking="no_duplicate")
    for name, data in files.items():
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["--check", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "invalid: policies.json: pi-0002.stacking: expected null" in err
    assert "problem: pi-0002.stacking: no_duplicate without an exclusive_group" in err
    assert "problem: pi-0010.stacking: no_duplicate without an exclusive_group" in err
