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
    assert cat.version == "2026.11.1"
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
     r"pi-0001\.rule\.all\[\d+\]\.predicate: expected one of scale, age_years, qualification"),
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
