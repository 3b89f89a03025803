"""Generated data for the policy benchmarks: a desk file holding a catalogue of 5,000
redeemable items and 50,000 enterprises with profiles (the issue's sizes), cached in
``bench/out/`` as ``policies-<items>x<enterprises>-g<GEN_VERSION>-<digest>.sqlite3``.

* **Items**: the packaged sample catalogue (128 documents, 350 items) repeated in rounds
  until there are enough. Round 0 is the sample itself; each later round copies every
  document under new ids (``pd-0001-g01``, ``pi-0001-g01``, ``pb-0001-g01``), its titles
  prefixed with a town's name (小榄镇…, 古镇镇…: a town's own version of a city measure)
  and its batch windows moved by a few months, so that on ``NOW`` some are open, some
  closing, some upcoming and most closed, as in the sample. The rules are the sample's
  (every field, op and predicate). The catalogue is validated (``Catalogue.from_json``)
  and installed by the desk itself (``Desk.install_catalogue``: tables and ``policy_fts``).
* **Enterprises**: valid unified social credit codes (region 442000), names from trade
  words and products, a town, and a profile (``core.enterprise`` JSON, every fact with its
  provenance): industry codes across the 300号 sectors, employees, FY2025 revenue and
  assets (some FY2024 only: out of a 2025-12-31 window), tax-credit level, founding date,
  R&D ratio, exports, patents, qualifications from the register, a few serious
  violations; about a fifth of the facts left unknown, so "likely" verdicts are common.
  Rows go in as ``register_enterprise`` and ``edit_profile`` would leave them once synced
  (``profile`` = ``profile_server``, the FTS row of name and code with pinyin initials),
  with two worker processes for the initials.
* **Cases**: 1 % of the enterprises have a case for the outreach benchmark's item
  (``OUTREACH_ITEM``), opened through ``Desk.open_case`` by the city hall's navigator.

The desk is the city hall's (``ZS01``): its scope is every town. The clock stands at
``NOW``. ``python -m bench.policygen [ITEMS ENTERPRISES]`` builds the file and prints it.
"""

from __future__ import annotations

import copy
import datetime as dt
import multiprocessing
import os
import random
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from bench import cache
from core.catalogue import load_catalogue
from core.identifiers import make_credit_code
from core.textsearch import index_terms
from sync.store import SCHEMA_HEAD
from sync.ticket_writes import enterprise_id_for

GEN_VERSION = 1
SEED = 20261125
CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=CST)
TODAY = NOW.date()
OUT = Path(__file__).resolve().parent / "out"
ITEMS, ENTERPRISES = 5_000, 50_000
OUTREACH_ITEM = "pi-0071"          # 中小微企业流动资金贷款贴息: open on NOW, a scale rule
CASE_SHARE = 0.01

BENCH_STATION = {"id": "ZS01", "town": "city", "name": "中山市政务服务中心 政策兑现窗口 1"}
BENCH_USER = {"user": "nav-zs01-1", "role": "navigator", "display": "何敏仪"}

_INPUTS = ("bench/policygen.py", "core/catalogue.py", "core/textsearch.py",
           "core/enterprise.py", "sync/policy_store.py", "sync/case_writes.py",
           "sync/migrations/versions", "resources/catalogue")

TRADE = ("鑫辉", "宏达", "华美", "金泰", "永利", "恒通", "明阳", "骏盛", "粤丰", "创美", "博远",
         "天力", "新锐", "隆兴", "德润", "佳信", "富源", "嘉豪", "万和", "中荣", "利来", "长青",
         "正邦", "广达", "联丰", "雅居", "精诚", "科达", "海纳", "兴业")
# (industry code, product words)
INDUSTRIES = (("C3872", "灯饰"), ("C3879", "照明电器"), ("C3381", "五金制品"), ("C3855", "家用电器"),
              ("C1713", "纺织"), ("C1810", "服装"), ("C2929", "塑料制品"), ("C3911", "电子科技"),
              ("C3975", "电子元件"), ("C2710", "医药"), ("C1431", "食品"), ("C2110", "家具"),
              ("C34", "机械设备"), ("E4790", "建筑工程"), ("F5132", "贸易"), ("F5212", "商贸"),
              ("G5430", "物流"), ("G5942", "仓储"), ("H6110", "酒店"), ("H6210", "餐饮管理"),
              ("I6510", "软件科技"), ("I6431", "网络科技"), ("K7020", "物业管理"),
              ("L7212", "企业管理"), ("M7320", "检测技术"), ("A0141", "农业发展"), ("C", "实业"))
QUAL_CODES = ("high_tech", "tech_sme", "specialized_new", "little_giant", "above_scale",
              "innovative_sme", "foreign_trade")
LEVELS = (("A", 30), ("B", 40), ("M", 15), ("C", 10), ("D", 5))
_REG = "2026-10-01"


def cache_key(items: int, enterprises: int) -> str:
    return cache.cache_key(f"policies-{items}x{enterprises}", GEN_VERSION, SEED,
                           NOW.isoformat(), SCHEMA_HEAD, cache.inputs_digest(_INPUTS, "*"))


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def catalogue_files(n_items: int, seed: int = SEED) -> dict[str, Any]:
    """The sample catalogue's files with ``n_items`` items (see the module docstring)."""
    files = load_catalogue().to_json()
    manifest = files["manifest.json"]
    name = manifest["files"]["policies"]
    towns = [t for t in files[manifest["files"]["towns"]] if t["kind"] != "city"]
    sample = files[name]
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    count, rnd = 0, 0
    while count < n_items:
        for doc in sample:
            if count >= n_items:
                break
            d = copy.deepcopy(doc)
            d["items"] = d["items"][:n_items - count]
            count += len(d["items"])
            if rnd:
                suffix, town = f"-g{rnd:02d}", towns[(rnd - 1) % len(towns)]
                shift = rng.choice((-240, -150, -90, -45, 0, 30, 60, 120))
                d["id"] += suffix
                d["title"] = f"{town['name']}{d['title']}"
                d["valid_to"] = None
                for it in d["items"]:
                    it["id"] += suffix
                    it["title"] = f"{town['short']}{it['title']}"
                    if it["exclusive_group"]:
                        it["exclusive_group"] += suffix
                    for b in it["batches"]:
                        b["id"] += suffix
                        b["opens"], b["closes"] = _shift(b["opens"], shift), _shift(b["closes"],
                                                                                     shift)
                        if not b["reference_date"].endswith("-12-31"):
                            b["reference_date"] = _shift(b["reference_date"], shift)
                    d["valid_from"] = min([d["valid_from"], *(b["opens"] for b in it["batches"])])
            docs.append(d)
        rnd += 1
    files[name] = docs
    manifest = dict(manifest, version=f"bench-{n_items}", notice="基准测试生成数据（示例）")
    files["manifest.json"] = manifest
    return files


# ---------------------------------------------------------------- enterprises

@dataclass(frozen=True)
class Ent:
    id: str
    credit_code: str
    name: str
    town: str
    profile: str                     # JSON text


_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _code(i: int) -> str:
    body, n = [], i
    for _ in range(9):
        body.append(_CODE_CHARS[n % 31])
        n //= 31
    return make_credit_code("91442000" + "".join(reversed(body)))


def _fact(rng: random.Random, value: Any, *, annual: int | None = None, material: str = "",
          seen: str | None = None) -> dict[str, Any]:
    source = rng.choices(("told", "document", "register"), (3, 4, 3))[0]
    as_of = f"{annual}-12-31" if annual else (seen or _REG)
    out = {"value": value, "source": source, "as_of": as_of}
    if source == "document":
        out["material"] = material or "mat-license"
    return out


def profile(rng: random.Random, name: str, code: str, town: str) -> dict[str, Any]:
    """One enterprise's profile JSON, varied, valid for ``EnterpriseProfile.from_json``."""
    industry, _ = rng.choice(INDUSTRIES)
    size = rng.lognormvariate(3.4, 1.2)                       # people, median ~30
    employees = max(1, int(size))
    revenue = round(employees * rng.uniform(20, 120), 1)        # 万元
    year = rng.choices((2025, 2024), (85, 15))[0]
    founded = dt.date(2026, 6, 30) - dt.timedelta(days=rng.randint(60, 365 * 25))
    p: dict[str, Any] = {
        "name": {"value": name, "source": "register", "as_of": _REG},
        "credit_code": {"value": code, "source": "register", "as_of": _REG},
        "industry": {"value": industry, "source": "register", "as_of": _REG},
        "town": {"value": town, "source": "register", "as_of": _REG},
        "founded": {"value": founded.isoformat(), "source": "register", "as_of": _REG},
    }
    optional = {
        "employees": lambda: _fact(rng, employees, material="mat-social-insurance",
                                   seen="2026-09-30"),
        "insured_employees": lambda: _fact(rng, max(0, employees - rng.randint(0, 5)),
                                           material="mat-social-insurance", seen="2026-09-30"),
        "revenue": lambda: _fact(rng, revenue, annual=year, material="mat-audit"),
        "assets": lambda: _fact(rng, round(revenue * rng.uniform(0.5, 2.0), 1), annual=year,
                                material="mat-audit"),
        "tax_credit_level": lambda: _fact(
            rng, rng.choices([lv for lv, _ in LEVELS], [w for _, w in LEVELS])[0],
            material="mat-tax-credit", seen="2026-04-30"),
        "serious_violation": lambda: _fact(rng, rng.random() < 0.02, material="mat-credit-report",
                                           seen="2026-11-01"),
        "rd_ratio": lambda: _fact(rng, round(rng.uniform(0, 9), 2), annual=year,
                                  material="mat-audit"),
        "export_value": lambda: _fact(rng, round(revenue * rng.uniform(0, 0.6), 1), annual=year,
                                      material="mat-export-data"),
        "invention_patents": lambda: _fact(rng, rng.choice((0, 0, 1, 2, 3, 5, 8)),
                                           material="mat-license", seen="2026-09-30"),
        "graduates_hired": lambda: _fact(rng, rng.choice((0, 0, 1, 2, 4)),
                                         material="mat-social-insurance", seen="2026-09-30"),
        "revenue_growth": lambda: _fact(rng, round(rng.uniform(-30, 60), 1), annual=year,
                                        material="mat-audit"),
    }
    keep = {"employees": 0.9, "insured_employees": 0.5, "revenue": 0.8, "assets": 0.7,
            "tax_credit_level": 0.8, "serious_violation": 0.7, "rd_ratio": 0.35,
            "export_value": 0.3, "invention_patents": 0.4, "graduates_hired": 0.3,
            "revenue_growth": 0.4}
    for field_name, make in optional.items():
        if rng.random() < keep[field_name]:
            p[field_name] = make()
    if rng.random() < 0.75:                                   # the register's list
        held = []
        for qcode in QUAL_CODES:
            if rng.random() < (0.25 if qcode in ("tech_sme", "above_scale") else 0.08):
                start = dt.date(2026, 6, 30) - dt.timedelta(days=rng.randint(30, 1200))
                end = None if qcode == "foreign_trade" else start + dt.timedelta(days=1095)
                held.append({"code": qcode, "valid_from": start.isoformat(),
                             "valid_to": end.isoformat() if end else None,
                             "source": "register", "as_of": _REG})
        p["qualifications"] = {"value": held, "source": "register", "as_of": _REG}
    return p


def enterprises(n: int, towns: Sequence[tuple[str, str]], seed: int = SEED) -> list[Ent]:
    """``n`` enterprises: (town code, short name) pairs give their towns."""
    rng = random.Random(seed + 1)
    out = []
    for i in range(n):
        town, short = towns[rng.randrange(len(towns))]
        _, product = rng.choice(INDUSTRIES)
        name = f"中山市{short}{rng.choice(TRADE)}{rng.choice(TRADE)[0]}{product}有限公司"
        code = _code(i + 1)
        out.append(Ent(enterprise_id_for(code), code, name, town,
                       orjson.dumps(profile(rng, name, code, town)).decode()))
    return out


def _terms(chunk: list[tuple[str, str]]) -> list[str]:
    return [index_terms(f"{name} {code}", initials_of=name) for name, code in chunk]


def _fts_terms(ents: Sequence[Ent], workers: int = 2) -> list[str]:
    pairs = [(e.name, e.credit_code) for e in ents]
    size = max(1, len(pairs) // (workers * 4))
    chunks = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    if workers <= 1 or len(pairs) < 2000:
        return [t for c in chunks for t in _terms(c)]
    ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
    with ctx.Pool(workers) as pool:
        return [t for part in pool.map(_terms, chunks) for t in part]


# ---------------------------------------------------------------- the desk file

@dataclass(frozen=True)
class Stats:
    items: int
    batches: int
    enterprises: int
    cases: int
    seconds: float


class _Clock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def open_desk(path: Path, clock: Any = None) -> Any:
    """The generated desk, opened as its city-hall navigator."""
    from sync.desk import Actor, Desk, Station

    return Desk.open(path, station=Station.from_json(BENCH_STATION),
                    actor=Actor.from_json(BENCH_USER), clock=clock or _Clock(NOW))


def generate(path: Path, n_items: int = ITEMS, n_enterprises: int = ENTERPRISES) -> Stats:
    from sync.codec import db_time

    started = time.perf_counter()
    files = catalogue_files(n_items)
    desk = open_desk(path)
    try:
        desk.install_catalogue(files)
        towns = [(t.code, t.short) for t in desk.towns() if t.kind != "city"]
        ents = enterprises(n_enterprises, towns)
        terms = _fts_terms(ents)
        stamp = db_time(NOW - dt.timedelta(days=3))
        raw = sqlite3.connect(path, isolation_level=None)
        try:
            raw.execute("BEGIN")
            start_pk = raw.execute("SELECT coalesce(max(pk), 0) FROM enterprises").fetchone()[0]
            raw.executemany(
                "INSERT INTO enterprises (pk, id, credit_code, name, town, region_code, "
                "entity_type, profile, profile_server, updated_at, version) "
                "VALUES (?, ?, ?, ?, ?, '442000', '91', ?, ?, ?, 1)",
                [(start_pk + i + 1, e.id, e.credit_code, e.name, e.town, e.profile, e.profile,
                  stamp) for i, e in enumerate(ents)])
            raw.executemany("INSERT INTO enterprises_fts (rowid, terms) VALUES (?, ?)",
                            [(start_pk + i + 1, t) for i, t in enumerate(terms)])
            raw.execute("COMMIT")
            raw.execute("ANALYZE")
        finally:
            raw.close()
        batch = next(b["id"] for b in desk.open_batches(OUTREACH_ITEM))
        rng = random.Random(SEED + 2)
        cases = 0
        for e in rng.sample(ents, int(len(ents) * CASE_SHARE)):
            desk.open_case(e.id, OUTREACH_ITEM, batch, note="生成数据")
            cases += 1
        batches = sum(len(it["batches"]) for d in files[files["manifest.json"]["files"]
                                                       ["policies"]] for it in d["items"])
    finally:
        desk.close()
    return Stats(n_items, batches, len(ents), cases, time.perf_counter() - started)


def desk_file(n_items: int = ITEMS, n_enterprises: int = ENTERPRISES, out: Path | None = None,
              *, log: Any = None) -> Path:
    """The cached desk file, generated (atomically) when missing or stale."""
    path, stats = cache.cached_file(Path(out or OUT), f"policies-{n_items}x{n_enterprises}",
                                    cache_key(n_items, n_enterprises),
                                    lambda tmp: generate(tmp, n_items, n_enterprises))
    if log and stats is not None:
        log(f"generated {path.name}: {stats.items:,} items ({stats.batches:,} batches), "
            f"{stats.enterprises:,} enterprises, {stats.cases} cases in {stats.seconds:.1f} s")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    n_items = int(args[0]) if args else ITEMS
    n_ents = int(args[1]) if len(args) > 1 else ENTERPRISES
    path = desk_file(n_items, n_ents, log=print)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
