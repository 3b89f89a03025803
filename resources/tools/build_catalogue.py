"""Build (or check) the sample catalogue in ``resources/catalogue``.

    python -m resources.tools.build_catalogue            # write the JSON files
    python -m resources.tools.build_catalogue --check    # validate the committed files

The output is deterministic (fixed seeds in ``common``). ``--check`` loads the committed
files with ``core.catalogue`` (structure and references), audits the figures the sample
promises (counts, rule-language coverage, batch windows around 2026-11-25), audits the
policies' stacking rules, duplicate titles, exclusive-group families and condition labels
(``audits``; run on the files as they are, so they list every offender even when the
validator refuses the catalogue) and reports whether the files still match what this
generator writes. Every datum is sample data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from core.catalogue import (
    FIELDS, OPS, PREDICATES, BatchStatus, Catalogue, CatalogueError, read_catalogue_files)
from resources.tools import kb_operations, kb_projects, kb_registration
from resources.tools.audits import policy_problems
from resources.tools.common import NOTICE, PUBLISHED_AT, TODAY, VERSION, People, rng
from resources.tools.materials import build_materials
from resources.tools.places import build_topics, build_towns, build_units
from resources.tools.policies import build_policies

OUT = Path(__file__).resolve().parents[1] / "catalogue"
FILES = {"towns": "towns.json", "topics": "topics.json", "units": "units.json",
         "materials": "materials.json", "kb": "kb.json", "policies": "policies.json"}
BIG_TOPICS = ("annual_report", "company_registration", "tax", "labour", "financing",
              "food_licence", "intellectual_property")


def build_kb() -> list[dict]:
    r = rng("kb")
    out = []
    for module in (kb_registration, kb_operations, kb_projects):
        for topic, entries in module.KB.items():
            for title, answer, keywords, basis, unit in entries:
                month = r.randint(1, 11)
                day = r.randint(1, 18 if month == 11 else 28)
                out.append({"id": f"kb-{len(out) + 1:04d}", "topic": topic, "title": title,
                            "answer": answer, "keywords": keywords, "basis": basis,
                            "unit_id": unit, "updated": f"2026-{month:02d}-{day:02d}"})
    return out


def build() -> dict[str, object]:
    """Every file's content, keyed by file name."""
    people = People("people")
    towns = build_towns()
    units = build_units(people)
    manifest = {"format": 1, "version": VERSION, "sample": True, "notice": NOTICE,
                "published_at": PUBLISHED_AT, "files": FILES}
    return {"manifest.json": manifest, "towns.json": towns,
            "topics.json": build_topics(units), "units.json": units,
            "materials.json": build_materials(), "kb.json": build_kb(),
            "policies.json": build_policies(towns, people)}


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write(files: dict[str, object], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_text(dump(data), encoding="utf-8")


# ---------------------------------------------------------------- audit
def rule_usage(cat: Catalogue) -> tuple[Counter, int]:
    """How often each field, op and predicate is used; how many any/not nodes there are."""
    usage: Counter = Counter()
    nesting = 0
    for item in cat.items:
        for node in item.rule.nodes():
            kind = node.kind
            if kind in ("any", "not"):
                nesting += 1
            elif kind == "field":
                usage["field:" + node.tree["field"]] += 1
                usage["op:" + node.tree["op"]] += 1
            elif kind == "predicate":
                usage["predicate:" + node.tree["predicate"]] += 1
    return usage, nesting


def audit(cat: Catalogue) -> tuple[list[str], dict[str, object]]:
    """Problems with the figures the sample promises, and the figures themselves."""
    problems: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    kinds = Counter(t.kind for t in cat.towns)
    need(kinds == {"city": 1, "street": 8, "town": 15}, f"towns: expected 1/8/15, got {kinds}")
    need(cat.find_town("火炬开发区").code == "zhongshangang", "alias 火炬开发区 -> 中山港")
    need(cat.find_town("翠亨新区").code == "nanlang", "alias 翠亨新区 -> 南朗")
    need(len(cat.units) >= 56 and all(u.duty for u in cat.units), "units: >= 56 with duty")
    for unit in cat.units:
        for d in unit.duty:
            need(d.phone.startswith("0760-8999") and d.mobile.startswith("1990760"),
                 f"{unit.id}: duty phones must be in the sample ranges")
    need(len(cat.materials) >= 40, "materials: >= 40")
    per_topic = Counter(a.topic for a in cat.kb)
    need(len(cat.kb) >= 220, f"kb: >= 220 answers, got {len(cat.kb)}")
    for topic in cat.topics:
        need(topic.units != (), f"topics: {topic.code} has no unit")
        least = 15 if topic.code in BIG_TOPICS else 8
        need(per_topic[topic.code] >= least, f"kb: {topic.code} has {per_topic[topic.code]}")
    for a in cat.kb:
        need(80 <= len(a.answer) <= 400, f"kb: {a.id} answer is {len(a.answer)} characters")
        need(any(len(k) <= 2 for k in a.keywords), f"kb: {a.id} needs a 1-2 character keyword")
    items = cat.items
    issuers = {d.issuer_id for d in cat.policies}
    need(len(cat.policies) >= 110, f"policies: {len(cat.policies)} documents")
    need(len(items) >= 320, f"policies: {len(items)} items")
    need(len(issuers) >= 52, f"policies: {len(issuers)} issuers")
    for d in cat.policies:
        need("（示例）" in d.title and "（示例）" in d.doc_number, f"{d.id}: mark as 示例")
        for item in d.items:
            for b in item.batches:
                need(b.opens >= d.valid_from and (d.valid_to is None or b.closes <= d.valid_to),
                     f"{b.id}: window outside the document's validity")
                need(b.contact.phone.startswith("0760-8999"), f"{b.id}: sample phone")
    usage, nesting = rule_usage(cat)
    for name in [f"field:{f}" for f in FIELDS] + [f"op:{o}" for o in OPS] + [
            f"predicate:{p}" for p in PREDICATES]:
        need(usage[name] >= 3, f"rules: {name} used {usage[name]} times")
    need(nesting >= 20, f"rules: {nesting} any/not nodes")
    groups: dict[str, list] = {}
    for item in items:
        if item.exclusive_group:
            groups.setdefault(item.exclusive_group, []).append(item)
    for group, members in groups.items():
        need(len({m.document_id for m in members}) >= 2, f"{group}: one document only")
    need(len(groups) >= 10, f"exclusive groups: {len(groups)}")
    need(not any(i.stacking and not i.exclusive_group for i in items),
         "stacking rules outside exclusive groups")
    status = Counter()
    for item in items:
        states = {b.status_on(TODAY) for b in item.batches}
        status["closing_soon" if BatchStatus.CLOSING_SOON in states else
               "open" if BatchStatus.OPEN in states else
               "upcoming" if BatchStatus.UPCOMING in states else "closed"] += 1
    share = {k: round(v / len(items), 3) for k, v in status.items()}
    need(0.17 <= share.get("open", 0) + share.get("closing_soon", 0) <= 0.24, f"open {share}")
    need(0.06 <= share.get("closing_soon", 0) <= 0.10, f"closing soon {share}")
    expired = [d.id for d in cat.policies if d.valid_to and d.valid_to < TODAY]
    need(3 <= len(expired) <= 10, f"expired documents: {expired}")
    figures = {"towns": len(cat.towns), "units": len(cat.units),
               "materials": len(cat.materials), "kb": len(cat.kb),
               "documents": len(cat.policies), "items": len(items),
               "batches": sum(len(i.batches) for i in items), "issuers": len(issuers),
               "exclusive_groups": len(groups),
               "items_in_groups": sum(len(m) for m in groups.values()),
               "any_not_nodes": nesting,
               "expired_documents": len(expired), f"items_on_{TODAY}": dict(status),
               "least_used": sorted(usage.items(), key=lambda kv: kv[1])[:5]}
    return problems, figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="validate the committed files instead of writing them")
    parser.add_argument("--out", type=Path, default=OUT, help="catalogue directory")
    args = parser.parse_args(argv)
    if not args.check:
        files = build()
        Catalogue.from_json(files)          # refuse to write what does not load
        write(files, args.out)
    try:
        files = read_catalogue_files(args.out)
    except CatalogueError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        return 1
    try:
        policy = policy_problems(files)
    except (KeyError, TypeError, AttributeError) as exc:     # too broken to audit
        policy = [f"policies: cannot audit ({exc!r})"]
    try:
        cat = Catalogue.from_json(files)
    except CatalogueError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        for p in policy:
            print(f"problem: {p}", file=sys.stderr)
        return 1
    problems, figures = audit(cat)
    problems += policy
    if args.check:
        fresh = {name: dump(data) for name, data in build().items()}
        stale = [name for name, text in fresh.items()
                 if not (args.out / name).is_file()
                 or (args.out / name).read_text("utf-8") != text]
        if stale:
            problems.append(f"files differ from the generator's output: {stale} "
                            "(run without --check to rewrite them)")
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(f"version {cat.version}, etag {cat.etag}")
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
