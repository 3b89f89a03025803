"""``halldesk policies search|match|outreach`` run for real (``desktop.cli.main``, and once
as a subprocess) over a desk file holding the sample catalogue, the demo's three
enterprise profiles, a newcomer with no profile, a large manufacturer and one case."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.catalogue import load_catalogue
from core.enterprise import Fact
from core.identifiers import make_credit_code
from core.outreach import COLUMNS, OUTCOME_ZH
from core.tickets import Role
from desktop.cli import main
from sync.demo_policy import REG, credit_code, seed_profiles
from sync.desk import Actor, Desk, Station

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-11-24"
ITEM = "pi-0071"                        # 中小微企业流动资金贷款贴息: open on DAY, a scale rule
NEWCOMER = ("中山市新来灯饰有限公司", make_credit_code("91442000MA5GX1N2Q"))
BIG = ("中山市巨象电器制造有限公司", make_credit_code("91442000MA51BG8E7"))
CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def desk_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "desk.sqlite3"
    desk = Desk.open(path, station=Station("ZS01", "city", "市政务服务中心 1 号窗口"),
                     actor=Actor("nav01", Role.NAVIGATOR, "导办员"))
    try:
        desk.install_catalogue(CATALOGUE.to_json())
        ids = seed_profiles(desk)
        desk.register_enterprise(NEWCOMER[1], NEWCOMER[0], "guzhen")
        big, _ = desk.register_enterprise(BIG[1], BIG[0], "xiaolan")
        desk.edit_profile(big, {"industry": Fact("C3855", "register", REG),
                                "employees": Fact(2600, "register", REG),
                                "revenue": Fact.for_year(560000, 2025, "register"),
                                "tax_credit_level": Fact("A", "register", REG),
                                "serious_violation": Fact(False, "register", REG)})
        batch = CATALOGUE.item(ITEM).open_batches(dt.date.fromisoformat(DAY))[0]
        desk.open_case(ids["hardware"], ITEM, batch.id)
    finally:
        desk.close()
    return path


def run(desk_file: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["policies", *args, "--desk", str(desk_file)])
    out, err = capsys.readouterr()
    return code, out, err


# -- search --------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["融资", "专利"])
def test_search_puts_the_items_with_the_term_in_their_title_first(desk_file, capsys, term):
    code, out, _ = run(desk_file, capsys, "search", term, "--on", DAY, "--limit", "40")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    in_title = [i.id for i in CATALOGUE.items if term in i.title]
    assert in_title and set(listed[:len(in_title)]) == set(in_title)
    first = next(line for line in out.splitlines() if line.startswith(listed[0]))
    assert term in first and "〔" in first          # title, amount, issuing unit


def test_search_by_pinyin_initials_and_by_full_title(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "search", "gxjs", "--on", DAY, "--json")
    data = json.loads(out)
    assert code == 0 and data["count"] >= 5
    assert all("高新技术" in h["title"] for h in data["hits"][:5])
    assert data["hits"][0]["how"] == "initials"
    title = CATALOGUE.item(ITEM).title
    code, out, _ = run(desk_file, capsys, "search", title, "--on", DAY, "--json")
    first = json.loads(out)["hits"][0]
    assert (first["item_id"], first["title"], first["how"]) == (ITEM, title, "title")


def test_search_json_shape_and_status_filter(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "search", "融资", "--status", "open_now", "--on", DAY,
                       "--json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "融资" and data["status"] == "open_now"
    assert data["count"] == len(data["hits"]) > 0
    hit = data["hits"][0]
    assert {"item_id", "title", "amount_text", "issuer_name", "status", "batch_id", "opens",
            "closes", "valid", "themes"} <= set(hit)
    assert {h["status"] for h in data["hits"]} <= {"open", "closing_soon"}


def test_search_with_nothing_found_says_so(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "search", "潜水艇", "--on", DAY)
    assert code == 0 and out.strip() == "没有找到与“潜水艇”相关的兑现事项"


# -- match ---------------------------------------------------------------------------------

def test_match_lists_eligible_and_likely_items_with_reasons(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "match", "--enterprise", credit_code("lamp"),
                       "--on", DAY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"中山市华耀灯饰有限公司（{credit_code('lamp')}）  {DAY}")
    counts = json.loads(run(desk_file, capsys, "match", "--enterprise", credit_code("lamp"),
                            "--on", DAY, "--json")[1])["counts"]
    assert lines[1].startswith(f"符合 {counts['eligible']} 项 · 可能符合 {counts['likely']} 项 · "
                               f"不符合 {counts['not_eligible']} 项")
    assert sum(counts.values()) == len(CATALOGUE.items)
    outcomes = [line.split()[0] for line in lines[2:] if not line.startswith(" ")]
    assert outcomes == ["符合"] * counts["eligible"] + ["可能符合"] * counts["likely"]
    loan = next(line for line in lines if f" {ITEM} " in line)
    assert loan.startswith("符合") and "〔申报中〕" in loan
    after_likely = lines[lines.index(next(ln for ln in lines if ln.startswith("可能符合"))) + 1]
    assert after_likely.startswith(" " * 22) and after_likely.strip()   # what is missing


def test_match_all_shows_why_an_item_is_not_for_it(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "match", "--enterprise", credit_code("lamp"),
                       "--on", DAY, "--all")
    assert code == 0
    lines = out.splitlines()
    not_eligible = [i for i, line in enumerate(lines) if line.startswith("不符合")]
    assert len(not_eligible) == len(CATALOGUE.items) - len(
        [ln for ln in lines[2:] if ln.startswith(("符合", "可能符合"))])
    reasons = [lines[i + 1].strip() for i in not_eligible]
    assert all(r.startswith("需要") for r in reasons)
    assert any("目前为 古镇镇" in r for r in reasons)          # another town's item


def test_match_json_shape_traces_and_targeting(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "match", "--enterprise", credit_code("hardware"),
                       "--on", DAY, "--json", "--traces")
    data = json.loads(out)
    assert code == 0
    assert data["enterprise"]["name"] == "中山市永固五金制品有限公司"
    assert data["enterprise"]["credit_code"] == credit_code("hardware") and data["on"] == DAY
    assert len(data["items"]) == len(CATALOGUE.items)
    ranked = [it["outcome"] for it in data["items"]]
    assert ranked == sorted(ranked, key=["eligible", "likely", "not_eligible"].index)
    targeted = next(it for it in data["items"] if it["targeted"])
    assert targeted["item_id"] == "pi-0082" and "高企证书" in targeted["targeted"][0]["reason"]
    likely = next(it for it in data["items"] if it["outcome"] == "likely")
    assert likely["hints"] and likely["traces"]
    assert {t["value"] for t in likely["traces"]} >= {"missing"}
    assert {"label", "required", "actual", "hint", "material"} <= set(likely["traces"][0])


# -- outreach ------------------------------------------------------------------------------

EXPECTED = [("中山市紫马信息科技有限公司", credit_code("software"), "东区街道", "符合"),
            ("中山市华耀灯饰有限公司", credit_code("lamp"), "古镇镇", "符合"),
            (NEWCOMER[0], NEWCOMER[1], "古镇镇", "可能符合")]


def test_outreach_prints_who_to_call_and_leaves_out_enterprises_with_a_case(desk_file,
                                                                            capsys):
    code, out, _ = run(desk_file, capsys, "outreach", ITEM, "--on", DAY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{CATALOGUE.item(ITEM).title}（{ITEM}）· ")
    assert lines[1] == "符合 2 家，可能符合 1 家（已比对 5 家；已有帮办案件 1 家未列入）"
    assert [line.split()[:3] for line in lines[2:]] == [[o, c, t] for _, c, t, o in EXPECTED]
    assert "缺少：" in lines[-1]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_outreach_written_as_a_file_reads_back(desk_file, capsys, tmp_path, suffix):
    target = tmp_path / f"list.{suffix}"
    code, out, _ = run(desk_file, capsys, "outreach", ITEM, "--on", DAY, "--out", str(target))
    assert code == 0 and out.startswith(f"已写入 {target}（3 家企业）")
    if suffix == "csv":
        assert target.read_bytes().startswith("\ufeff".encode())      # Excel reads the BOM
        with open(target, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(target).worksheets[0]
        rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(
            values_only=True)]
        assert sheet["B2"].number_format == "@"                       # codes kept as text
    assert rows[0] == [zh for _, zh, _ in COLUMNS]
    assert [tuple(r[:4]) for r in rows[1:]] == EXPECTED
    assert rows[1][6] == "条件均已满足" and rows[3][6].startswith("缺少：")


def test_outreach_csv_to_the_terminal_and_json(desk_file, capsys):
    code, out, _ = run(desk_file, capsys, "outreach", ITEM, "--on", DAY, "--format", "csv")
    assert code == 0
    assert [r[:4] for r in csv.reader(out.splitlines())][1:] == [list(e) for e in EXPECTED]
    code, out, _ = run(desk_file, capsys, "outreach", ITEM, "--on", DAY, "--json",
                       "--town", "guzhen")
    data = json.loads(out)
    assert code == 0 and data["item_id"] == ITEM and data["scope_town"] == "guzhen"
    assert data["batch"]["status"] in ("open", "closing_soon")
    assert data["counts"] == {"scanned": 2, "eligible": 1, "likely": 1, "with_case": 0,
                              "not_eligible": 0}
    assert [(r["name"], r["outcome"], r["town_name"]) for r in data["rows"]] == [
        ("中山市华耀灯饰有限公司", "eligible", "古镇镇"), (NEWCOMER[0], "likely", "古镇镇")]
    assert OUTCOME_ZH[data["rows"][1]["outcome"]] == "可能符合"


# -- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["outreach", "pi-9999"], "ITEM_ID pi-9999: no such policy item in the desk's catalogue"),
    (["outreach", "pi-0001", "--on", DAY],
     "ITEM_ID pi-0001: item pi-0001 has no batch open for application on 2026-11-24"),
    (["outreach", ITEM, "--batch", "pb-nope"], "--batch pb-nope: no batch 'pb-nope'"),
    (["outreach", ITEM, "--out", "list.pdf"],
     "--out list.pdf: expected a file ending in .xlsx or .csv"),
    (["outreach", ITEM, "--format", "xlsx"], "--out: required with --format xlsx"),
    (["match", "--enterprise", "12345"],
     "--enterprise: expected an 18-character unified social credit code"),
    (["match", "--enterprise", make_credit_code("91442000MA4W7K2L3")],
     f"--enterprise {make_credit_code('91442000MA4W7K2L3')}: no enterprise with this credit "
     "code in the desk file"),
    (["match", "--enterprise", credit_code("lamp"), "--on", "2026-13-01"],
     "--on: expected a date such as 2026-11-25, got '2026-13-01'"),
    (["search", "  "], "TEXT: expected something to look for"),
])
def test_bad_input_names_the_option_and_exits_2(desk_file, capsys, args, message):
    code, out, err = run(desk_file, capsys, *args)
    assert code == 2 and out == ""
    assert message in err and err.startswith(f"halldesk policies {args[0]}: error: ")


def test_a_missing_desk_file_or_one_without_a_catalogue(tmp_path, capsys):
    missing = tmp_path / "nowhere.sqlite3"
    code, _, err = run(missing, capsys, "search", "融资")
    assert code == 2 and f"--desk {missing}: no desk file there" in err and not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    Desk.open(empty).close()
    code, _, err = run(empty, capsys, "match", "--enterprise", credit_code("lamp"))
    assert code == 2 and f"--desk {empty}: the desk file holds no policy catalogue yet" in err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a desk")
    code, _, err = run(junk, capsys, "outreach", ITEM)
    assert code == 2 and f"--desk {junk}: " in err and "not a database" in err


def test_a_wrong_check_character_warns_and_still_looks_the_enterprise_up(desk_file, capsys):
    good = credit_code("lamp")
    bad = good[:17] + next(c for c in "0123456789" if c != good[17])
    code, _, err = run(desk_file, capsys, "match", "--enterprise", bad, "--on", DAY)
    assert code == 2
    assert f"warning: --enterprise {bad}: check character: expected {good[17]}" in err
    assert f"--enterprise {bad}: no enterprise with this credit code" in err


def test_as_a_subprocess_without_qt_and_without_sqlalchemy_until_it_runs(desk_file):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    probe = ("import sys, desktop.cli as c; c.build_parser(); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'PySide6', 'sqlalchemy', 'sync', 'openpyxl'}))")
    proc = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr
    proc = subprocess.run([sys.executable, "-m", "desktop.cli", "policies", "outreach", ITEM,
                           "--on", DAY, "--format", "csv", "--desk", str(desk_file)],
                          check=False, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith(",".join(EXPECTED[0][:2]))
    proc = subprocess.run([sys.executable, "-m", "desktop.cli", "policies", "outreach",
                           "pi-9999", "--desk", str(desk_file)],
                          check=False, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=60)
    assert proc.returncode == 2 and "ITEM_ID pi-9999: no such policy item" in proc.stderr
