"""Policy search on the sample catalogue (sync/policy_store.py through the desk API):
1- and 2-character terms, full titles first, pinyin initials, filters, the detail view,
and what comes first."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from core.catalogue import BatchStatus, Catalogue
from core.textsearch import initials
from sync.desk import Desk, NotFound

DAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def catalogue(catalogue_files):
    return Catalogue.from_json(catalogue_files)


@pytest.fixture(scope="module")
def desk(tmp_path_factory, catalogue_files):
    d = Desk.open(tmp_path_factory.mktemp("policies") / "desk.sqlite3")
    d.install_catalogue(catalogue_files)
    yield d
    d.close()


@pytest.mark.parametrize("term", ["融资", "专利", "人才", "税", "补贴"])
def test_short_terms_find_the_items_that_carry_them(desk, catalogue, term):
    hits = desk.search_policies(term, on=DAY, limit=400)
    in_title = {i.id for i in catalogue.items if term in i.title}
    assert in_title, term
    # every item with the term in its title is found, and they come first
    assert in_title <= {h.item_id for h in hits}
    assert {h.item_id for h in hits[:len(in_title)]} == in_title
    assert all(h.how == "title" for h in hits[:len(in_title)])
    # what else is found carries the term in its document's title or its body text
    with desk.store.read() as conn:
        for h in hits[len(in_title):]:
            text = conn.exec_driver_sql("SELECT doc_title || ' ' || body_text FROM "
                                        "policy_items WHERE id = ?", (h.item_id,)).scalar()
            assert term in text and h.how == "text", h


def test_a_full_title_ranks_its_item_first(desk, catalogue):
    titles = Counter(i.title for i in catalogue.items)
    for item in catalogue.items:
        hits = desk.search_policies(item.title, on=DAY, limit=5)
        if titles[item.title] == 1:
            assert hits[0].item_id == item.id, item.title
        else:                                   # the same title in several documents
            same = {i.id for i in catalogue.items if i.title == item.title}
            assert {h.item_id for h in hits[:len(same)]} == same, item.title
    # a document's full title finds its items ahead of anything else
    doc = catalogue.policies[0]
    hits = desk.search_policies(doc.title, on=DAY, limit=len(doc.items))
    assert {h.item_id for h in hits} == {i.id for i in doc.items}


def test_pinyin_initials(desk, catalogue):
    # the initials of a title's first four characters (融资担保… -> rzdb) find the item
    item = next(i for i in catalogue.items if i.title.startswith("融资"))
    letters = initials(item.title[:4])
    hits = desk.search_policies(letters, on=DAY, limit=400)
    assert item.id in {h.item_id for h in hits} and hits[0].how == "initials"
    # the initials of a whole unique title find it
    titles = Counter(i.title for i in catalogue.items)
    unique = [i for i in catalogue.items if titles[i.title] == 1][:40]
    for item in unique:
        letters = initials(item.title)[:12]
        found = [h.item_id for h in desk.search_policies(letters, on=DAY, limit=400)]
        assert item.id in found, (item.title, letters)
    assert desk.search_policies("！！", on=DAY) == []


def test_filters_match_the_catalogue(desk, catalogue):
    everything = desk.search_policies("", on=DAY, limit=1000)
    assert len(everything) == len(catalogue.items)
    open_now = {i.id for i in catalogue.items if i.open_batches(DAY)}
    soon = {i.id for i in catalogue.items
            if any(b.status_on(DAY) is BatchStatus.CLOSING_SOON for b in i.batches)}
    valid = {i.id for i in catalogue.items if i.is_valid_on(DAY)}
    assert {h.item_id for h in desk.search_policies("", status="open_now", on=DAY,
                                                    limit=1000)} == open_now
    assert {h.item_id for h in desk.search_policies("", status="closing_soon", on=DAY,
                                                    limit=1000)} == soon
    assert {h.item_id for h in desk.search_policies("", status="valid", on=DAY,
                                                    limit=1000)} == valid
    assert open_now and soon
    # browsing lists the items open for application first, closing soonest first
    first = everything[:len(open_now)]
    assert {h.item_id for h in first} == open_now
    assert [h.closes for h in first] == sorted(h.closes for h in first)
    issuer, name, n = desk.issuers()[0]
    by_issuer = desk.search_policies("", issuer=issuer, on=DAY, limit=1000)
    assert len(by_issuer) == n and all(h.issuer_name == name for h in by_issuer)
    theme, n = desk.themes()[0]
    assert len(desk.search_policies("", theme=theme, on=DAY, limit=1000)) == n
    tagged = desk.search_policies("人才", tag="qualification:high_tech", on=DAY, limit=1000)
    assert all("high_tech" in catalogue.item(h.item_id).tags.qualification for h in tagged)
    in_town = desk.search_policies("", tag="xiaolan", on=DAY, limit=1000)
    assert in_town and all("xiaolan" in catalogue.item(h.item_id).tags.town for h in in_town)
    with pytest.raises(ValueError):
        desk.search_policies("", status="someday", on=DAY)


def test_the_detail_of_an_item(desk, catalogue):
    item = max(catalogue.items, key=lambda i: len(i.batches))
    doc = catalogue.document(item.document_id)
    detail = desk.policy_item(item.id, on=DAY)
    assert detail.document["doc_number"] == doc.doc_number and detail.document["title"] == doc.title
    assert detail.document["issuer_name"] == catalogue.unit(doc.issuer_id).name
    assert detail.item["title"] == item.title and detail.rule == item.rule.tree
    assert detail.valid == item.is_valid_on(DAY)
    for kind in ("industry", "scale", "town", "qualification"):
        assert detail.tags.get(kind, ()) == getattr(item.tags, kind)
    assert detail.tags.get("theme", ()) == item.themes
    assert [b.id for b in detail.batches] == [b.id for b in item.batches]
    for got, batch in zip(detail.batches, item.batches):
        assert (got.opens, got.closes, got.status) == (
            batch.opens.isoformat(), batch.closes.isoformat(), batch.status_on(DAY).value)
        assert [m.id for m in got.materials] == list(dict.fromkeys(batch.materials))
        assert [m.validity_days for m in got.materials] == [
            catalogue.material(m).validity_days for m in dict.fromkeys(batch.materials)]
        unit = catalogue.unit(batch.receiving_unit_id)
        assert got.receiving_unit["name"] == unit.name and len(got.receiving_unit["duty"]) == \
            len(unit.duty)
        assert got.contact == {"name": batch.contact.name, "phone": batch.contact.phone}
        assert (got.channel, got.reference_date) == (batch.channel,
                                                     batch.reference_date.isoformat())
    with pytest.raises(NotFound):
        desk.policy_item("pi-nonexistent")


def test_items_in_force_come_before_expired_ones_among_equal_hits(desk, catalogue):
    """Title hits stay first; among them, and among the rest, what still applies first."""
    hits = desk.search_policies("融资", on=DAY, limit=400)
    titled = [h for h in hits if "融资" in h.title]
    assert any(not h.valid for h in titled) and any(h.valid for h in titled)
    assert [h.valid for h in titled] == sorted((h.valid for h in titled), reverse=True)
    assert hits[:len(titled)] == titled
