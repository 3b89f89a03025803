"""Assembles ``policies.json``: documents -> redeemable items -> application batches.

Batch windows are planned around 2026-11-25 (``common.TODAY``): about a fifth of the
items have a batch open that day (of which about 8 in 100 items close within 14 days),
about 12 in 100 open later (December 2026 or 2027), the rest closed earlier; the items
of a few expired documents have only past batches.
"""

from __future__ import annotations

import copy
import datetime as dt

from resources.tools import policy_items as pi
from resources.tools import policy_items_more as pm
from resources.tools import policy_items_sectors as ps
from resources.tools.common import TODAY, People, iso, rng, zh_number
from resources.tools.groups import GROUPS, amount_text
from resources.tools.policy_docs import CITY_DOCS
from resources.tools.policy_rules import GENERAL, Ctx, derive_tags, in_town
from resources.tools.policy_towns import (
    GENERAL_TITLES, INDUSTRY_POOL, PEOPLE_POOL, SECOND_TITLES, TOWN_PLANS)

D = dt.date
DAY = dt.timedelta(days=1)
ROLLING_ISSUERS = {"u-tax", "u-power", "u-zsj", "u-customs", "u-pbc", "u-czj"}
CHANNELS = {
    "u-tax": "广东省电子税务局（申报纳税时自动享受）",
    "u-power": "粤电力小程序 / 南网在线App / 供电营业厅",
    "u-zsj": "企业开办一网通办平台（开办时勾选）",
    "u-customs": "国际贸易单一窗口 / 中山海关业务现场",
    "u-pbc": "合作银行网点受理",
    "u-czj": "广东省政府采购网（投标时自动适用）",
    "u-gjj": "中山住房公积金网上业务系统",
    "u-ybj": "广东医保服务平台（单位网厅）",
    "u-gxj": "广东省工业和信息化厅专项资金管理平台（市工信局初审）",
    "u-kjj": "广东省科技业务管理阳光政务平台",
}
COST_NOTES = [
    "同一项目已获得市级其他财政资金支持的，不得重复申报。",
    "本批次只受理{ref}年度发生的费用，跨年度费用不得合并申报。",
    "专项审计由主管部门委托第三方机构开展，企业无需自行付费。",
]
REDUCTION_NOTES = [
    "享受优惠的相关资料由企业留存备查，无需报送。",
    "不确定是否符合条件的，可拨打12345企业专席或到办事窗口咨询。",
    "执行期限以国家和省最新公告为准。",
    "无需提交申请，核对企业信息后由系统自动办理。",
]
NOTES = [
    "镇街经发局初审截止日比市级截止日早5个工作日，请预留时间。",
    "纸质材料一式两份，按材料目录顺序装订并加盖骑缝章。",
    "系统于截止日17:30关闭，逾期不予受理。",
    "首次申报的企业请先在平台完成企业画像认证。",
    "申报单位须对材料真实性负责，弄虚作假的取消三年申报资格。",
    "公示期为5个工作日，公示无异议后下达资金。",
    "资金拨付到企业基本存款账户，请确认账户状态正常。",
    "可由政务服务中心政策兑现窗口提供帮办代办。",
    "原件须在现场核查时备查，复印件加盖公章。",
    "咨询请说明企业名称和申报事项，工作日上午回复较快。",
    "材料不全的，受理后5个工作日内一次性告知补正。",
]
# template -> exclusive group: every item a family's template makes, city's or town's,
# is in the family's group (a town feature names its group itself: ``feature(group=)``)
TEMPLATE_GROUPS = {
    pi.hightech_first: "xg-hightech-first", pi.tech_sme_award: "xg-tech-sme",
    pi.first_above_scale: "xg-above-scale", pi.specialized_new: "xg-specialized",
    pi.little_giant: "xg-little-giant", pi.green_factory: "xg-green-factory",
    ps.clean_production: "xg-clean-production", pm.listing_award: "xg-listing",
    pm.talent_housing: "xg-talent-housing", pi.food_certification: "xg-food-cert",
    pi.geo_indication: "xg-geo-indication", ps.tourism_rating: "xg-tourism-rating",
    pi.rd_post_subsidy: "xg-rd", pi.stable_growth: "xg-stable-growth",
    pm.retail_growth: "xg-retail-growth", pm.trade_fair: "xg-trade-fair",
    pi.invention_patent: "xg-patent", pm.graduates_hire: "xg-graduates",
    pi.digital_transform: "xg-digital", pi.tech_upgrade: "xg-equipment",
    ps.vocs: "xg-vocs", ps.wastewater_reuse: "xg-wastewater", pi.energy_saving: "xg-energy-saving",
    pm.export_insurance: "xg-export-insurance", pi.tech_loan_interest: "xg-loan-interest",
    pi.ip_pledge_interest: "xg-loan-interest", pm.sme_loan_interest: "xg-loan-interest",
    pm.guarantee_fee: "xg-guarantee-fee", pm.consumption_event: "xg-consumption",
    ps.agri_processing: "xg-cold-chain", ps.rent_subsidy: "xg-rent",
}
STATUS_NOTES = {
    "upcoming": "申报指南将于开放前一周在中山市惠企政策平台发布，可先订阅提醒。",
    "closing": "截止前几天系统访问量大，建议尽早提交。",
    "rolling": "常年受理，符合条件的在办理业务时直接享受。",
}


def between(r, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + DAY * r.randint(0, max(0, (hi - lo).days))


class Builder:
    def __init__(self, towns: list[dict], people: People) -> None:
        self.towns = {t["code"]: t for t in towns}
        self.people = people
        self.r = rng("policies")
        self.docs: list[dict] = []
        self.numbers: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------ documents
    def specs(self) -> list[dict]:
        specs = [dict(d, town=None) for d in CITY_DOCS]
        r = rng("town-docs")
        for code, plan in TOWN_PLANS.items():
            town = self.towns[code]
            name = "火炬开发区" if code == "zhongshangang" else town["name"]
            general_name = "中山火炬开发区" if code == "zhongshangang" else town["name"]
            industry = plan["industry"]
            used = {id(t) for t, _ in plan.get("a", []) + plan.get("c", [])}
            pool_a = [p for p in INDUSTRY_POOL if id(p[0]) not in used]
            if plan.get("commerce"):
                pool_a = pool_a[:4] + [p for p in PEOPLE_POOL if p[0].__name__ in (
                    "retail_growth", "consumption_event")]
            picks_a = r.sample(pool_a, 4 - len(plan.get("a", [])))
            used |= {id(t) for t, _ in picks_a}
            pool_c = [p for p in PEOPLE_POOL if id(p[0]) not in used]
            picks_c = r.sample(pool_c, 3 - len(plan.get("c", [])))
            base = dict(issuer=f"u-t-{code}", abbr=plan["abbr"] + "经发规", town=code,
                        short=name, years=3, valid_to=None)
            title_b, purpose_b, items_b = plan["b"]
            specs.append(dict(base, title=r.choice(GENERAL_TITLES).format(name=general_name),
                              issued=between(r, D(2024, 3, 1), D(2026, 6, 30)),
                              purpose=r.choice([
                                  f"推动{industry}等产业提质增效，支持企业创新升级、做大做强",
                                  f"巩固{industry}产业优势，稳定工业经济增长",
                                  f"支持辖区{industry}企业扩大投资、升规纳统、加大研发投入"]),
                              items=plan.get("a", []) + picks_a))
            specs.append(dict(base, title=title_b.format(name=general_name),
                              short=plan.get("short", name),
                              issued=between(r, D(2024, 6, 1), D(2026, 8, 31)),
                              purpose=purpose_b, items=items_b))
            specs.append(dict(base, title=r.choice(SECOND_TITLES).format(name=general_name),
                              issued=between(r, D(2024, 1, 15), D(2026, 5, 31)),
                              purpose=r.choice([
                                  "帮助辖区中小企业稳岗扩岗、引才留才，加强知识产权保护",
                                  "降低中小微企业经营成本，支持企业招才引智、拓展市场",
                                  "优化营商环境，在用工、人才、创新和市场开拓方面支持企业"]),
                              items=plan.get("c", []) + picks_c))
            if "expired" in plan:
                title_e, purpose_e, valid_to, items_e = plan["expired"]
                vt = D(*valid_to)
                specs.append(dict(base, title=title_e.format(name=general_name),
                                  issued=vt - DAY * r.randint(300, 420), purpose=purpose_e,
                                  items=items_e, valid_to=vt))
        return specs

    def doc_number(self, abbr: str, year: int) -> str:
        key = (abbr, year)
        self.numbers[key] = self.numbers.get(key, self.r.randint(0, 4)) + self.r.randint(1, 3)
        return f"{abbr}〔{year}〕{self.numbers[key]}号（示例）"

    def build(self) -> list[dict]:
        items_all = []
        for n, spec in enumerate(self.specs(), 1):
            r = rng(f"doc-{n}")
            town = spec["town"]
            c = Ctx(r, town, spec.get("short", ""), spec["issuer"])
            valid_from = spec["issued"] + DAY * r.choice([0, 0, 7, 10, 15, 30])
            if spec["valid_to"]:
                valid_to = spec["valid_to"]
            elif spec["issuer"] == "u-tax":
                valid_to = None
            else:
                valid_to = valid_from.replace(year=valid_from.year + spec["years"]) - DAY
            style = r.choice(["（{}）项", "{}款"])
            general: dict[str, int] = {}
            items = []
            for pos, entry in enumerate(spec["items"], 1):
                template, options = entry if isinstance(entry, tuple) else (entry, {})
                group = TEMPLATE_GROUPS.get(template) or getattr(template, "group", None)
                data = template(c, **options)
                if town and not data["title"].startswith(c.short):
                    data["title"] = c.short + data["title"]
                rule = copy.deepcopy(data["rule"])
                if town and not any(n.get("field") == "town" for n in _leaves(rule)):
                    rule = {"all": [in_town(c)] + (rule["all"] if "all" in rule else [rule])}
                self.number(rule, pos, style, general)
                items.append({
                    "title": data["title"], "kind": data["kind"],
                    "amount_text": amount_text(data["amount_text"], group),
                    "amount_max": data["amount_max"],
                    "themes": data["themes"], "tags": derive_tags(rule), "rule": rule,
                    "exclusive_group": group,
                    "stacking": GROUPS[group].stacking if group else None,
                    "_extra": data["extra"], "_annual": data["annual"]})
            document = {"title": spec["title"] + "（示例）",
                        "doc_number": self.doc_number(spec["abbr"], spec["issued"].year),
                        "issuer_id": spec["issuer"], "issued": spec["issued"],
                        "valid_from": valid_from, "valid_to": valid_to,
                        "summary": self.summary(r, spec, items, valid_from), "items": items,
                        "_town": town}
            self.docs.append(document)
            items_all += [(document, it) for it in items]
        self.plan_batches(items_all)
        return self.finish()

    @staticmethod
    def number(rule: dict, pos: int, style: str, general: dict[str, int]) -> None:
        """Fill in clause numbers: general conditions in article 2 (one number per label
        within the document), an item's own conditions in article pos + 2."""
        counter = [0]

        def walk(node: dict) -> None:
            for key in ("all", "any"):
                for sub in node.get(key, []):
                    walk(sub)
            if "not" in node:
                walk(node["not"])
            if "label" not in node:
                return
            if node["clause"] == GENERAL:
                number = general.setdefault(node["label"], len(general) + 1)
                node["clause"] = "第二条第" + style.format(zh_number(number))
            else:
                counter[0] += 1
                node["clause"] = f"第{zh_number(pos + 2)}条第" + style.format(
                    zh_number(counter[0]))
        walk(rule)

    @staticmethod
    def summary(r, spec: dict, items: list[dict], valid_from: dt.date) -> str:
        titles = "、".join(i["title"] for i in items[:4])
        more = "等" if len(items) > 4 else ""
        purpose = spec["purpose"]
        return r.choice([
            f"为{purpose}，制定本文件。共设{len(items)}个兑现事项：{titles}{more}。",
            f"本文件旨在{purpose}，明确了{titles}{more}{len(items)}项支持措施的申报条件、"
            f"标准和程序。",
            f"制定本文件的目的是{purpose}。主要内容包括{titles}{more}，"
            f"自{valid_from.year}年{valid_from.month}月{valid_from.day}日起施行。",
        ])

    # ------------------------------------------------------------ batches
    def plan_batches(self, pairs: list[tuple[dict, dict]]) -> None:
        r = rng("batch-plan")
        total = len(pairs)
        live = [p for p in pairs if not (p[0]["valid_to"] and p[0]["valid_to"] < TODAY)]
        for _doc, it in pairs:
            it["_status"] = "expired"
        rolling = [p for p in live if p[1]["kind"] in ("reduction", "guarantee")
                   and p[0]["issuer_id"] in ROLLING_ISSUERS]
        for _doc, it in rolling:
            it["_status"] = "rolling"
        rest = [p for p in live if p[1]["_status"] != "rolling"]
        r.shuffle(rest)
        closing = round(total * 0.08)
        opening = max(0, round(total * 0.20) - closing - len(rolling))
        upcoming = round(total * 0.12)
        for i, (_doc, it) in enumerate(rest):
            it["_status"] = ("closing" if i < closing else "open" if i < closing + opening
                             else "upcoming" if i < closing + opening + upcoming else "closed")

    def windows(self, r, status: str, vf: dt.date, vt: dt.date | None) -> list[tuple]:
        """(opens, closes) pairs for an item in the given status."""
        end = vt or D(2030, 12, 31)
        earlier = []
        if vf <= D(2025, 3, 1) and r.random() < 0.3 and status != "expired":
            o = between(r, D(2025, 4, 1), D(2025, 8, 31))
            earlier.append((o, o + DAY * r.choice([30, 31, 45])))
        if status == "expired":
            o = between(r, max(vf, end - DAY * 300), end - DAY * 45)
            return [(o, o + DAY * r.choice([30, 40, 45]))]
        if status == "rolling":
            previous = [(D(2025, 1, 1), D(2025, 12, 31))] if vf <= D(2025, 1, 1) else []
            return previous + [(D(2026, 1, 1), D(2026, 12, 31))]
        first = None
        if r.random() < 0.4 and status != "closed" and vf <= D(2026, 5, 1):
            o = between(r, max(vf, D(2026, 3, 2)), D(2026, 6, 15))
            first = (o, o + DAY * r.choice([30, 31, 45]))
        if status == "closed":
            o = between(r, max(vf, D(2026, 2, 16)), D(2026, 9, 15))
            return earlier + [(o, min(o + DAY * r.choice([21, 30, 31, 45, 60]), D(2026, 11, 13)))]
        if status == "open":
            o = between(r, max(vf, D(2026, 10, 9)), D(2026, 11, 20))
            last = (o, between(r, D(2026, 12, 10), min(end, D(2027, 1, 22))))
        elif status == "closing":
            o = between(r, max(vf, D(2026, 9, 21)), D(2026, 11, 16))
            last = (o, between(r, D(2026, 11, 25), D(2026, 12, 9)))
        elif r.random() < 0.5 and end >= D(2027, 4, 30):
            o = between(r, D(2027, 1, 11), D(2027, 3, 15))
            last = (o, o + DAY * r.choice([30, 45, 60]))
        else:
            o = between(r, D(2026, 12, 1), D(2026, 12, 21))
            last = (o, o + DAY * r.choice([21, 30, 40]))
        return earlier + ([first] if first else []) + [last]

    def finish(self) -> list[dict]:
        out, n_item, n_batch = [], 0, 0
        for n_doc, doc in enumerate(self.docs, 1):
            r = rng(f"batches-{n_doc}")
            items = []
            for it in doc["items"]:
                n_item += 1
                status = it["_status"]
                pairs = self.windows(r, status, doc["valid_from"], doc["valid_to"])
                per_year: dict[int, int] = {}
                for opens, _ in pairs:
                    per_year[opens.year] = per_year.get(opens.year, 0) + 1
                seen: dict[int, int] = {}
                batches = []
                for opens, closes in pairs:
                    n_batch += 1
                    seen[opens.year] = seen.get(opens.year, 0) + 1
                    batches.append(self.batch(r, f"pb-{n_batch:04d}", doc, it, status, opens,
                                              closes, seen[opens.year], per_year[opens.year]))
                items.append({"id": f"pi-{n_item:04d}", **{
                    k: v for k, v in it.items() if not k.startswith("_")}, "batches": batches})
            out.append({"id": f"pd-{n_doc:04d}", "title": doc["title"],
                        "doc_number": doc["doc_number"], "issuer_id": doc["issuer_id"],
                        "issued": iso(doc["issued"]), "valid_from": iso(doc["valid_from"]),
                        "valid_to": iso(doc["valid_to"]), "summary": doc["summary"],
                        "items": items})
        return out

    def batch(self, r, bid, doc, it, status, opens, closes, index, count) -> dict:
        rolling = status == "rolling"
        if count == 1:
            name = f"{opens.year}年度" + ("（常年受理）" if rolling else r.choice(["", "申报", ""]))
        else:
            name = f"{opens.year}年第{zh_number(index)}批"
        reference = D(opens.year - 1, 12, 31) if it["_annual"] else opens
        reduction = it["kind"] == "reduction"
        materials = ([] if reduction else ["mat-application", "mat-license", "mat-commitment"])
        materials += it["_extra"]
        materials += [node["material"] for node in _leaves(it["rule"]) if node["material"]]
        materials = list(dict.fromkeys(materials)) or ["mat-license"]
        issuer = doc["issuer_id"]
        town = doc["_town"]
        if status == "rolling" or issuer in CHANNELS and r.random() < 0.6:
            channel = CHANNELS.get(issuer, "中山市惠企政策平台")
        elif town:
            channel = r.choice(["中山市惠企政策平台（镇街初审）", "中山市惠企政策平台",
                                f"窗口纸质申报（{self.towns[town]['hall']}）"])
        else:
            channel = r.choice(["中山市惠企政策平台", "中山市惠企政策平台", "广东政务服务网",
                                "窗口纸质申报（中山市政务服务中心政策兑现窗口）"])
        if it["title"].startswith("失业保险稳岗返还"):
            channel = "免申即享（人社部门比对数据后短信告知，企业确认账户即可）"
        receiving = "u-zsj" if channel.startswith("窗口纸质申报（中山市") else issuer
        pool = (REDUCTION_NOTES if reduction else
                NOTES + COST_NOTES if it["kind"] in ("subsidy", "interest_subsidy") else NOTES)
        notes = r.sample(pool, r.choice([1, 1, 2]))
        extra = {"rolling": "rolling", "upcoming": "upcoming", "closing": "closing"}.get(status)
        if extra and (status != "upcoming" or opens > TODAY):
            if status != "closing" or closes >= TODAY:
                notes = [STATUS_NOTES[extra]] + notes[:1]
        notes = " ".join(n.format(ref=reference.year if it["_annual"] else opens.year - 1)
                         for n in notes)
        return {"id": bid, "name": name, "opens": iso(opens), "closes": iso(closes),
                "reference_date": iso(reference), "materials": materials,
                "receiving_unit_id": receiving,
                "contact": {"name": self.people.name(), "phone": self.people.phone()},
                "channel": channel, "notes": notes}


def _leaves(node: dict):
    for key in ("all", "any"):
        for sub in node.get(key, []):
            yield from _leaves(sub)
    if "not" in node:
        yield from _leaves(node["not"])
    if "label" in node:
        yield node


def build_policies(towns: list[dict], people: People) -> list[dict]:
    return Builder(towns, people).build()
