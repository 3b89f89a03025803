"""Generated desk files for the benchmarks: N requests as a desk holds them after a pull.

``desk_file(n)`` returns the path of a desk file holding ``n`` ticket-like requests,
generating it on first use and caching it under ``bench/out/`` (keyed by size, this
generator's version, and a digest of the schema, the desk code the rows are computed
with and the calendar: see ``cache_key``), so reruns are fast.
Benchmarks must work on a **copy** (``copy_desk``): the cached file is shared.

The rows are exactly the ones the desk itself would hold for those requests:

* the header fields come from ``core.intake.validate_intake`` on a generated form
  (phones and credit codes normalised as at the counter);
* every event's data went through ``core.tickets.validate_event_data`` (and
  ``check_event_time``), the unit name filled in from the unit directory as the desk does;
* the projection columns are ``sync.projection.columns(core.ticket_state.fold(events,
  schedule))`` and the search column ``sync.ticket_writes.ticket_search_terms``;
* as if pulled from the server: a server ``number`` assigned, ``ord`` set on every event,
  ``version`` >= 1, ``pending`` 0, no outbox rows; the enterprises they name are in
  ``enterprises`` (and ``enterprises_fts``); towns, topics and units in the catalogue
  tables.

The mix is the one the article reports and a desk with a backlog holds: about 80 %
answered at once (consultations; some evaluated and closed), about 11 % dispatched with
running clocks (recent ones, stuck overdue ones, follow-to-the-end ones, some
supervised, a few transferred), 7 % dispatched and resolved (most evaluated and
closed), a few received and reopened; requests spread over 24 months before ``NOW``,
over 23 towns (weighted), the units, types and channels; descriptions in Chinese of
40-200 characters. Deterministic for a given seed.

Rows go in by ``executemany`` on the standard library's ``sqlite3`` in one transaction:
100,000 requests take about 25 s on a 2-core machine: the rows are built by one forked
worker per core (most of it the desk's own code: the fold, the search terms, the form
checks) while the parent inserts them.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import multiprocessing
import os
import random
import shutil
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bench import cache
from core.deadlines import Schedule
from core.identifiers import CHARSET, check_credit_code, make_credit_code
from core.intake import Intake, validate_intake
from core.textsearch import index_terms
from core.ticket_state import fold
from core.tickets import (Event, EventType, Role, TRANSITIONS, check_event_time,
                          check_transition, validate_event_data)
from sync import projection
from sync.codec import db_time, dumps
from sync.store import SCHEMA_HEAD
from sync.ticket_writes import enterprise_id_for, ticket_search_terms

GEN_VERSION = 1          # bump when the generated rows change (invalidates the cache)
SEED = 20261124
CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=CST)   # the generated desk's present
OUT = Path(__file__).resolve().parent / "out"

# The desk the benchmarks open: a window of the Xiaolan town hall.
BENCH_STATION = {"id": "XL01", "town": "xiaolan", "name": "小榄镇行政服务中心 1 号窗口"}
BENCH_USER = {"user": "clerk-xl01-1", "role": "clerk", "display": "梁嘉欣"}

_E = EventType


# --------------------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class TownDef:
    code: str
    name: str
    short: str
    prefix: str            # station prefix
    kind: str              # street | town
    weight: float          # share of requests
    industries: tuple[str, ...]


_GENERIC = ("商贸", "电子科技", "塑料制品", "物流", "建材", "餐饮管理", "印刷", "包装材料")

TOWNS: tuple[TownDef, ...] = (
    TownDef("shiqi", "石岐街道", "石岐", "SQ", "street", 4, ("商贸", "餐饮管理", "文化传播")),
    TownDef("dongqu", "东区街道", "东区", "DQ", "street", 5, ("信息技术", "商务咨询", "房地产开发")),
    TownDef("zhongshangang", "中山港街道", "火炬", "ZG", "street", 7,
            ("电子科技", "生物医药", "装备制造", "健康科技")),
    TownDef("xiqu", "西区街道", "西区", "XQ", "street", 3, ("电器", "商贸")),
    TownDef("nanqu", "南区街道", "南区", "NQ", "street", 2, ("电梯配件", "商贸")),
    TownDef("wuguishan", "五桂山街道", "五桂山", "WG", "street", 1, ("农业科技", "旅游开发")),
    TownDef("minzhong", "民众街道", "民众", "MZ", "street", 2, ("农产品", "水产养殖")),
    TownDef("nanlang", "南朗街道", "南朗", "NL", "street", 3, ("新材料", "旅游开发", "生物科技")),
    TownDef("huangpu", "黄圃镇", "黄圃", "HP", "town", 4, ("食品", "腊味", "家电")),
    TownDef("dongfeng", "东凤镇", "东凤", "DF", "town", 4, ("小家电", "五金电器")),
    TownDef("guzhen", "古镇镇", "古镇", "GZ", "town", 8, ("灯饰", "照明电器", "光电科技")),
    TownDef("shaxi", "沙溪镇", "沙溪", "SX", "town", 4, ("服装", "纺织", "制衣")),
    TownDef("tanzhou", "坦洲镇", "坦洲", "TZ", "town", 4, ("电器", "五金塑料", "物流")),
    TownDef("gangkou", "港口镇", "港口", "GK", "town", 3, ("游艺设备", "动漫科技")),
    TownDef("sanjiao", "三角镇", "三角", "SJ", "town", 3, ("纺织印染", "电子")),
    TownDef("henglan", "横栏镇", "横栏", "HL", "town", 4, ("灯饰配件", "五金灯饰")),
    TownDef("nantou", "南头镇", "南头", "NT", "town", 3, ("家电", "五金配件")),
    TownDef("fusha", "阜沙镇", "阜沙", "FS", "town", 2, ("精细化工", "塑料制品")),
    TownDef("sanxiang", "三乡镇", "三乡", "SN", "town", 4, ("家具", "食品", "电子")),
    TownDef("banfu", "板芙镇", "板芙", "BF", "town", 2, ("智能装备", "电器")),
    TownDef("dachong", "大涌镇", "大涌", "DC", "town", 3, ("红木家具", "牛仔服装")),
    TownDef("shenwan", "神湾镇", "神湾", "SW", "town", 1, ("游艇制造", "农业")),
    TownDef("xiaolan", "小榄镇", "小榄", "XL", "town", 10, ("五金制品", "锁具", "燃气具", "五金")),
)
CITY = TownDef("city", "中山市政务服务中心", "市中心", "SZ", "city", 0, _GENERIC)

PRODUCTS = {
    "五金制品": "门锁五金件", "锁具": "智能门锁", "燃气具": "燃气热水器", "五金": "五金配件",
    "灯饰": "水晶吊灯", "照明电器": "LED灯具", "光电科技": "LED模组", "灯饰配件": "灯饰五金配件",
    "五金灯饰": "五金灯饰", "小家电": "电饭煲", "五金电器": "五金电器", "家电": "空调",
    "食品": "饼干", "腊味": "腊肠", "服装": "休闲服", "纺织": "针织面料", "制衣": "衬衫",
    "红木家具": "红木家具", "牛仔服装": "牛仔裤", "游艺设备": "游戏机", "电子科技": "电路板",
    "生物医药": "医疗器械", "装备制造": "数控机床", "五金塑料": "五金塑料件", "五金配件": "五金配件",
}

TOPICS = (  # code, zh, en, units it usually goes to, share of requests
    ("annual_report", "企业年报", "Annual reports", ("u-scjg",), 14),
    ("company_registration", "商事登记", "Company registration", ("u-scjg", "u-zsj"), 18),
    ("credit_disclosure", "信用信息公示", "Credit information disclosure", ("u-scjg", "u-fgj"), 8),
    ("archive_query", "档案查询", "Archive queries", ("u-scjg", "u-dag"), 6),
    ("intellectual_property", "知识产权", "Intellectual property", ("u-scjg", "u-kjj"), 8),
    ("food_licence", "食品生产许可", "Food production licences", ("u-scjg",), 6),
    ("financing", "企业融资", "Financing", ("u-jrj", "u-gxj", "u-rmyh"), 9),
    ("foreign_talent", "外籍人才入境", "Entry of foreign engineers", ("u-kjj", "u-gaj"), 3),
    ("labour", "劳动用工", "Labour", ("u-rsj",), 12),
    ("tax", "税费服务", "Tax", ("u-sw",), 16),
)

CITY_UNITS = (  # id, name, short
    ("u-scjg", "中山市市场监督管理局", "市市场监管局"),
    ("u-sw", "国家税务总局中山市税务局", "市税务局"),
    ("u-rsj", "中山市人力资源和社会保障局", "市人社局"),
    ("u-gxj", "中山市工业和信息化局", "市工信局"),
    ("u-kjj", "中山市科学技术局", "市科技局"),
    ("u-swj", "中山市商务局", "市商务局"),
    ("u-zjj", "中山市住房和城乡建设局", "市住建局"),
    ("u-zrzyj", "中山市自然资源局", "市自然资源局"),
    ("u-sthjj", "中山市生态环境局", "市生态环境局"),
    ("u-jrj", "中山市地方金融管理局", "市金融局"),
    ("u-gaj", "中山市公安局", "市公安局"),
    ("u-xfzd", "中山市消防救援支队", "市消防支队"),
    ("u-gjj", "中山市住房公积金管理中心", "市公积金中心"),
    ("u-ybj", "中山市医疗保障局", "市医保局"),
    ("u-fgj", "中山市发展和改革局", "市发改局"),
    ("u-czj", "中山市财政局", "市财政局"),
    ("u-jtj", "中山市交通运输局", "市交通局"),
    ("u-yjj", "中山市应急管理局", "市应急局"),
    ("u-zsj", "中山市政务服务和数据管理局", "市政数局"),
    ("u-dag", "中山市档案馆", "市档案馆"),
    ("u-hg", "中山海关", "中山海关"),
    ("u-rmyh", "中国人民银行中山市分行", "人行中山分行"),
    ("u-gdj", "广东电网中山供电局", "中山供电局"),
    ("u-sgs", "中山公用水务有限公司", "中山水务"),
)

CHANNELS = (("counter", 45), ("hotline", 25), ("yss", 5), ("yst", 10), ("wechat", 8),
            ("leader_line", 2), ("visit", 5))

SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁郑谢冯邓曾彭萧蔡潘袁卢钟冼麦甘苏"
GIVEN = ("建华", "伟", "敏", "丽", "强", "芳", "军", "静", "嘉欣", "志明", "晓玲", "国强",
         "海燕", "俊杰", "婉婷", "文华", "家豪", "子轩", "美玲", "振宇", "秀英", "永健",
         "少芬", "锦荣", "慧敏", "健明", "玉兰", "耀华", "淑贞", "展鹏")
TRADE = "鑫辉宏达华美金泰永利恒通明阳骏盛粤丰创美博远天力新锐隆兴德润佳信富源嘉豪万和中荣" \
        "汇丰利达宝华星光晟鸿雅图锦程皓月联合万顺兆业广源东升"
MOBILE = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
          "152", "155", "156", "158", "159", "177", "180", "186", "187", "188", "189", "199")

TOPIC_SENTENCES = {
    "annual_report": (
        "{who}在填报{year}年度年报时，系统提示资产总额与上年数据差异过大，无法提交。",
        "{who}因去年未按时报送年报被列入经营异常名录，想了解如何补报并申请移出。",
        "年报中的社保信息栏目无法保存，页面一直显示加载中，已经尝试更换浏览器。",
        "{who}的联络员手机号已变更，收不到年报验证码，需要更换联络员。",
        "请问个体工商户年报是否可以通过粤商通直接填报，需要准备哪些资料。"),
    "company_registration": (
        "{who}计划增加经营范围，新增{industry}相关项目，咨询是否需要前置审批。",
        "办理法定代表人变更登记时，系统提示股东身份核验未通过，无法继续办理。",
        "新设立分公司，想了解一网通办全程电子化登记的流程和所需材料。",
        "{who}拟将注册地址迁至{town}，咨询跨镇街迁移是否需要重新领取营业执照。",
        "股东之间股权转让后，咨询变更登记能否全程网办，以及是否需要到窗口核验身份。"),
    "credit_disclosure": (
        "{who}因行政处罚被公示，整改已完成，咨询信用修复的条件和办理渠道。",
        "投标时发现信用网站仍显示已撤销的处罚信息，影响{who}参与政府采购。",
        "想申请开具无违法违规证明的专用信用报告，不知道在哪里打印。"),
    "archive_query": (
        "{who}需要调取{year}年设立登记时的股东会决议档案，用于银行贷款审查。",
        "委托律师查询企业登记档案，咨询需要提供哪些授权材料。",
        "{who}早年的变更登记档案缺页，咨询能否由档案部门出具查无记录的证明。"),
    "intellectual_property": (
        "{who}的{product}外观专利被同行仿冒，希望了解维权途径和快速维权中心的受理范围。",
        "咨询{industry}企业申请发明专利的资助政策，以及高价值专利培育项目的申报时间。",
        "商标续展期限快到了，不清楚线上提交后多久能拿到核准证明。"),
    "food_licence": (
        "{who}新开设中央厨房，申请食品生产许可，想知道现场核查的具体要求。",
        "食品经营许可证地址变更后，原有的预包装食品销售项目是否需要重新审核。",
        "{who}生产的{product}需要办理出口备案，咨询卫生证书的办理时限。"),
    "financing": (
        "{who}受原材料涨价影响资金周转紧张，希望了解政策性贷款贴息和转贷资金的申请条件。",
        "咨询中小微企业融资风险补偿资金的申报流程，银行说需要政府部门出具推荐意见。",
        "{who}的{product}订单大增，设备更新需要融资约{n}万元，想了解设备更新贷款贴息政策。"),
    "foreign_talent": (
        "{who}聘请的外籍工程师工作许可即将到期，咨询延期办理的材料和时限。",
        "外籍技术人员来华调试{product}生产线，需要办理短期工作许可，想了解加急办理渠道。"),
    "labour": (
        "{who}反映员工社保缴费基数调整后，系统显示补缴金额有误，需要核对。",
        "咨询招用退役军人和脱贫人口的稳岗补贴、一次性吸纳就业补贴申请条件。",
        "{who}有{n}名员工需要办理职业技能等级认定，想了解本镇街是否有评价机构。",
        "员工因工受伤，咨询工伤认定申请的时限和{who}需要提交的材料。"),
    "tax": (
        "{who}申请增值税留抵退税，电子税务局提示资料不全，但不清楚缺少哪项资料。",
        "研发费用加计扣除的{industry}项目归集口径不清楚，希望税务部门给予辅导。",
        "出口{product}的退税款迟迟未到账，已超过承诺办理时限，希望帮忙查询进度。",
        "{who}新办纳税人首次领用发票，咨询数电发票的开具额度如何调整。"),
}
CONTEXT = ("{who}位于{town}，主营{industry}，年产值约{n}万元。",
           "{who}是{town}的{industry}企业，现有员工{n}人。",
           "{who}主要生产{product}，产品大部分出口。")
CLOSERS = ("希望相关部门尽快协调解决。", "请给予指导，谢谢。", "麻烦尽快回复，企业生产经营急需。",
           "之前已经打过电话咨询，但没有得到明确答复。", "联系人白天都在工厂，请优先电话联系。",
           "如需补充材料，{who}可以随时提供。")
WHO = ("我司", "本公司", "企业", "我们公司", "我单位")

ANSWERS = ("可通过国家企业信用信息公示系统在线填报，填报前请先核对上年数据。",
           "按知识库指引办理：登录粤商通，选择“商事登记”，上传材料后即可全程网办。",
           "已告知企业所需材料清单和办理窗口，企业表示清楚。",
           "已现场指导企业在电子税务局完成操作，问题已解决。",
           "已向企业解释政策适用条件和申报时间，并发送政策原文链接。")
INTERIM = ("已联系企业了解情况，正在会同相关科室研究处理意见。",
           "已核实企业反映情况，需要上级系统开通权限，预计下周内完成。",
           "已安排专人跟进，待企业补充材料后即可办理。")
RESOLUTION = ("已协助企业完成更正并提交，企业确认问题解决。",
              "已按规定办结，书面答复已送达企业。",
              "经协调，相关款项已于本周到账。",
              "已为企业开通绿色通道，证照已办结。")
NOTES = ("企业负责人外出，约定下周再联系。", "已电话回访企业，企业表示感谢。", "材料原件已退回企业。")


# --------------------------------------------------------------------------- helpers

def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights)[0]


def _uuid7(ms: int, rng: random.Random) -> str:
    """A version-7 UUID for a given millisecond, from the generator's own random stream
    (``core.ids`` keeps process-wide state the desk's own writes rely on)."""
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rng.getrandbits(12) << 64
    value |= 0b10 << 62 | rng.getrandbits(62)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"   # str(uuid.UUID(int=value))


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _business_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment on ``day`` (or the Friday before a weekend) when the halls are open:
    08:30-12:00 or 14:00-17:30 China Standard Time."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    base = (8 * 3600 + 1800) if rng.random() < 0.5 else 14 * 3600
    return dt.datetime.combine(day, dt.time(0), CST) + dt.timedelta(
        seconds=base + rng.randrange(12_600))


def _after(rng: random.Random, moment: dt.datetime, lo_minutes: float,
           hi_minutes: float) -> dt.datetime:
    return moment + dt.timedelta(seconds=rng.uniform(lo_minutes * 60, hi_minutes * 60))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return rng.choice(MOBILE) + f"{rng.randrange(10 ** 8):08d}"
    return f"0760-{rng.randrange(2, 9)}{rng.randrange(10 ** 7):07d}"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


@dataclass
class EnterpriseDef:
    credit_code: str | None
    name: str
    town: TownDef
    industry: str
    contact: str
    phone: str
    override_note: str | None = None
    used: bool = False


def _enterprises(rng: random.Random, count: int) -> list[EnterpriseDef]:
    out: list[EnterpriseDef] = []
    seen: set[str] = set()
    weights = [t.weight for t in TOWNS]
    while len(out) < count:
        town = _weighted(rng, TOWNS, weights)
        industry = rng.choice(town.industries + _GENERIC[:2])
        trade = rng.choice(TRADE[::2]) + rng.choice(TRADE[1::2])
        individual = rng.random() < 0.12
        if individual:
            name = f"中山市{town.short}{rng.choice(SURNAMES)}记{industry}店"
            prefix = "92442000"
        else:
            where = town.short if rng.random() < 0.4 else ""
            suffix = _weighted(rng, ("有限公司", "股份有限公司", "厂"), (85, 8, 7))
            name = f"中山市{where}{trade}{industry}{suffix}"
            prefix = "91442000"
        body = prefix + "".join(rng.choice(CHARSET) for _ in range(9))
        code: str | None = make_credit_code(body)
        note = None
        if code in seen:
            continue
        roll = rng.random()
        if roll < 0.02:
            code = None                                   # no code given (e.g. not registered)
        elif roll < 0.025:                                # a real registry's bad check character
            assert code is not None
            wrong = CHARSET[(CHARSET.index(code[-1]) + 1) % len(CHARSET)]
            code, note = code[:-1] + wrong, "营业执照原件上的代码如此，已核对原件"
        if code:
            seen.add(code)
        out.append(EnterpriseDef(code, name, town, industry, _person(rng), _phone(rng), note))
    return out


def _description(rng: random.Random, topic: str, ent: EnterpriseDef, year: int) -> str:
    target = rng.randint(40, 200)
    fill = {"who": rng.choice(WHO), "industry": ent.industry, "town": ent.town.name,
            "product": PRODUCTS.get(ent.industry, "主要产品"), "year": year,
            "n": rng.choice((30, 50, 80, 120, 200, 500, 800, 1500, 3000))}
    parts: list[str] = []
    if rng.random() < 0.5:
        parts.append(rng.choice(CONTEXT))
    pool = list(TOPIC_SENTENCES[topic])
    rng.shuffle(pool)
    parts.append(pool.pop())
    text = "".join(parts).format(**fill)
    extras = pool + list(CLOSERS) + list(CONTEXT)
    rng.shuffle(extras)
    for extra in extras:
        if len(text) >= target:
            break
        more = extra.format(**fill)
        if len(text) + len(more) > 200:
            continue
        text += more
    while len(text) < 40:
        text += "请给予指导，谢谢。"
    return text[:200]


# --------------------------------------------------------------------------- one request

@dataclass
class Plan:
    kind: str                 # answered | received | done | reopened | recent | stuck | following
    created_at: dt.datetime
    supervised: bool = False
    transferred: bool = False


_CATEGORIES = (("answered", 80.0), ("received", 1.5), ("done", 7.0), ("reopened", 0.5),
               ("recent", 5.0), ("stuck", 1.7), ("following", 4.3))


def _plans(rng: random.Random, n: int, now: dt.datetime) -> list[Plan]:
    kinds = [k for k, _ in _CATEGORIES]
    weights = [w for _, w in _CATEGORIES]
    today = now.date()
    plans = []
    for _ in range(n):
        kind = _weighted(rng, kinds, weights)
        if kind == "received":     # waiting for action: mostly today and yesterday
            back = 0 if rng.random() < 0.5 else rng.randint(1, 6)
        elif kind == "recent":     # dispatched in the last two weeks, more of them lately
            back = min(int(rng.expovariate(1 / 4)), 14)
        elif kind == "stuck":
            back = rng.randint(15, 180)
        elif kind == "following":
            back = rng.randint(10, 365)
        elif kind in ("done", "reopened"):
            back = rng.randint(12, 730)
        else:
            back = rng.randint(1, 730)
        day = today - dt.timedelta(days=back)
        created = _business_time(rng, day)
        if created >= now - dt.timedelta(minutes=90):   # leave room for what follows
            created = now - dt.timedelta(minutes=rng.randint(90, 600))
        plans.append(Plan(kind, created, supervised=kind in ("recent", "stuck", "following")
                          and rng.random() < 0.1,
                          transferred=kind in ("recent", "stuck", "following", "done")
                          and rng.random() < 0.03))
    plans.sort(key=lambda p: p.created_at)
    return plans


@dataclass
class Actors:
    clerk: str
    station: str
    specialist: str         # the town hall's follow-up specialist
    specialist_station: str


class _Timeline:
    """Builds one request's events, each checked as the desk checks it when recording."""

    def __init__(self, rng: random.Random, now: dt.datetime, actors: Actors,
                 units: dict[str, str]):
        self.rng, self.now, self.actors, self.units = rng, now, actors, units
        self.events: list[Event] = []

    @property
    def last(self) -> dt.datetime:
        return self.events[-1].at

    def fits(self, at: dt.datetime) -> bool:
        return at < self.now

    def add(self, kind: EventType, at: dt.datetime, data: dict[str, Any] | None = None, *,
            by_specialist: bool = False, supervisor: bool = False) -> None:
        assert at < self.now and (not self.events or at >= self.last), (kind, at)
        data = dict(data or {})
        if kind in (_E.DISPATCHED, _E.TRANSFERRED, _E.CALL_LOGGED) and data.get("unit_id"):
            data.setdefault("unit_name", self.units[data["unit_id"]])
        clean = validate_event_data(kind, data)
        check_event_time(kind, clean, at)
        if supervisor:
            actor, role, station = "supervisor-sz-1", Role.SUPERVISOR, "SZ09"
        elif by_specialist:
            actor, role, station = (self.actors.specialist, Role.CLERK,
                                    self.actors.specialist_station)
        else:
            actor, role, station = self.actors.clerk, Role.CLERK, self.actors.station
        self.events.append(Event(_uuid7(_ms(at), self.rng), kind, at, actor, role, station,
                                 clean))


def _timeline(rng: random.Random, plan: Plan, now: dt.datetime, actors: Actors, topic: str,
              town: TownDef, units: dict[str, str], channel: str) -> list[Event]:
    t = _Timeline(rng, now, actors, units)
    t0 = plan.created_at
    t.add(_E.CREATED, t0)
    topic_units = next(u for c, _, _, u, _ in TOPICS if c == topic)
    unit = f"u-{town.code}-jjfz" if rng.random() < 0.3 else rng.choice(topic_units)
    kind = plan.kind

    if kind == "received":
        return t.events

    if kind in ("answered", "reopened"):
        at = _after(rng, t0, 1, 15)
        if rng.random() < 0.06:   # a three-way call that answered it
            t.add(_E.CALL_LOGGED, _after(rng, t0, 0.5, 1), {
                "unit_id": unit, "participants": [actors.clerk, _person(rng)],
                "started_at": t0.isoformat(), "duration_seconds": rng.randint(60, 900),
                "notes": "三方通话，承办单位当场答复", "outcome": "answered"})
            at = _after(rng, t.last, 0.5, 5)
            answer = {"answer": rng.choice(ANSWERS), "source": "call", "source_ref": unit,
                      "source_title": units[unit]}
        elif rng.random() < 0.75:
            n = rng.randrange(1, 400)
            answer = {"answer": rng.choice(ANSWERS), "source": "kb",
                      "source_ref": f"kb-{topic[:3]}-{n:04d}",
                      "source_title": f"{next(z for c, z, *_ in TOPICS if c == topic)}常见问题{n}"}
        else:
            answer = {"answer": rng.choice(ANSWERS), "source": "clerk", "source_ref": None,
                      "source_title": None}
        t.add(_E.ANSWERED, at, answer)
        visit = _after(rng, at, 60 * 24, 60 * 24 * 4)
        if kind == "reopened":
            if t.fits(visit):
                t.add(_E.EVALUATED, visit, {"satisfaction": "unsatisfied", "solved": "unsolved",
                                            "note": "企业表示问题未解决", "via": "电话回访"})
        elif rng.random() < 0.4 and t.fits(visit):
            t.add(_E.EVALUATED, visit, {
                "satisfaction": _weighted(rng, ("satisfied", "basically"), (96, 4)),
                "solved": "solved", "via": rng.choice(("电话回访", "短信回访"))})
        if rng.random() < 0.03 and t.fits(_after(rng, t.last, 10, 60)):
            t.add(_E.NOTE, _after(rng, t.last, 10, 60), {"text": rng.choice(NOTES)})
        return t.events

    # dispatched: done, recent, stuck, following
    if rng.random() < 0.1 and channel != "visit":
        t.add(_E.CALL_LOGGED, _after(rng, t0, 1, 5), {
            "unit_id": unit, "participants": [actors.clerk], "started_at": t0.isoformat(),
            "duration_seconds": rng.randint(60, 600), "notes": "三方通话未能当场解决，需转办",
            "outcome": "needs_dispatch"})
    dispatched = _after(rng, t.last, 5, 60)
    if not t.fits(dispatched):
        dispatched = t.last + (now - t.last) / 2
    t.add(_E.DISPATCHED, dispatched, {"unit_id": unit,
                                      "note": rng.choice((None, "请尽快联系企业核实情况"))})
    if plan.transferred:
        at = _after(rng, dispatched, 20, 120)
        if t.fits(at):
            other = rng.choice([u for u in units if u != unit])
            t.add(_E.TRANSFERRED, at, {"unit_id": other, "note": "职能不符，改派主管部门"})
    late = rng.random() < 0.07
    contact = _after(rng, t.last, 120, 300) if late else _after(rng, t.last, 10, 50)
    if t.fits(contact) and (kind != "recent" or rng.random() < 0.9):
        t.add(_E.CONTACTED, contact, {"office": rng.choice(("登记注册科", "综合科", "业务科",
                                                              "办公室", "服务中心")),
                                      "person": _person(rng), "phone": _phone(rng)},
              by_specialist=True)
        interim = _after(rng, t.last, 60 * 20, 60 * 24 * 3)
        if t.fits(interim) and (kind != "recent" or rng.random() < 0.85):
            t.add(_E.INTERIM_REPLY, interim, {"text": rng.choice(INTERIM)}, by_specialist=True)

    if kind == "done":
        resolved = _after(rng, t.last, 60 * 6, 60 * 24 * 4)
        t.add(_E.RESOLVED, resolved, {"text": rng.choice(RESOLUTION)}, by_specialist=True)
        visit = _after(rng, resolved, 60 * 24, 60 * 24 * 3)
        if rng.random() < 0.75 and t.fits(visit):
            unhappy = rng.random() < 0.03
            t.add(_E.EVALUATED, visit, {
                "satisfaction": "unsatisfied" if unhappy else _weighted(
                    rng, ("satisfied", "basically"), (95, 5)),
                "solved": "unsolved" if unhappy else _weighted(rng, ("solved", "partly"), (93, 7)),
                "via": rng.choice(("电话回访", "短信回访", "上门回访"))})
        return t.events

    if kind == "following":
        today = now.date()
        due = today + dt.timedelta(days=rng.randint(-7, 45) if rng.random() < 0.85
                                   else rng.randint(-30, -8))
        rounds = rng.randint(1, 3)
        for i in range(rounds):
            start = t.last + dt.timedelta(hours=4)
            # the last rolling reply is made before its date; earlier ones earlier still
            latest = min(now - dt.timedelta(hours=1),
                         dt.datetime.combine(due - dt.timedelta(days=1), dt.time(17), CST))
            if start >= latest:
                break
            at = start + (latest - start) * (rng.uniform(0.1, 0.5) if i < rounds - 1
                                               else rng.uniform(0.6, 1.0))
            next_date = due if i == rounds - 1 else at.date() + dt.timedelta(
                days=rng.randint(5, 20))
            if next_date <= at.date():
                break
            t.add(_E.NEXT_FEEDBACK_SET, at, {"next_date": next_date.isoformat(),
                                             "text": rng.choice(INTERIM)}, by_specialist=True)
    if plan.supervised:
        at = _after(rng, t.last, 60, 60 * 24 * 3)
        if t.fits(at):
            reply_due = at.date() + dt.timedelta(days=rng.randint(0, 7))
            t.add(_E.SUPERVISED, at, {"reply_due": reply_due.isoformat(),
                                      "note": "请承办单位加快办理并书面回复", "level": "city"},
                  supervisor=True)
    return t.events


# --------------------------------------------------------------------------- the file

# The projection's columns are whatever ``sync.projection.columns`` returns; these are the
# rest of a ticket row, as ``sync.ticket_writes.record_intake`` writes them.
TICKET_COLUMNS = (
    "pk", "id", "number", "local_number", "station_id", "created_by", "created_at", "channel",
    "type", "topic", "enterprise_id", "credit_code", "enterprise_name", "contact_name",
    "contact_phone", "description", "filed_by", "town", "credit_override_note",
    "updated_at", "version", "pending", "search")
EVENT_COLUMNS = ("id", "ticket_pk", "ord", "local_ord", "type", "at", "actor", "role",
                 "station", "data")
ENTERPRISE_COLUMNS = ("pk", "id", "credit_code", "name", "town", "region_code",
                      "entity_type", "profile", "updated_at", "version")


_HEADER_FIELDS = tuple(f.name for f in dataclasses.fields(Intake)
                       if f.name not in ("region_code", "entity_type"))


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


@dataclass
class GenStats:
    tickets: int = 0
    events: int = 0
    enterprises: int = 0
    seconds: float = 0.0
    insert_seconds: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    running: int = 0
    overdue: int = 0


def _units(towns: Sequence[TownDef]) -> list[tuple[str, str, str, str, str | None]]:
    units = [(uid, name, short, "department", None) for uid, name, short in CITY_UNITS]
    units += [(f"u-{t.code}-jjfz", f"中山市{t.name}经济发展和科技统计局", f"{t.short}经发局",
               "town_office", t.code) for t in towns]
    return units


def _catalogue(conn: sqlite3.Connection) -> dict[str, str]:
    """Towns, topics and units as an installed catalogue holds them."""
    conn.executemany("INSERT INTO cat_towns (code, name, short, kind, data) VALUES (?,?,?,?,?)",
                     [(t.code, t.name, t.short, t.kind,
                       dumps({"aliases": ["火炬开发区"] if t.code == "zhongshangang" else [],
                              "hall": f"{t.name}行政服务中心", "address": "",
                              "stations": [f"{t.prefix}{i:02d}" for i in range(1, 5)]}))
                      for t in (CITY, *TOWNS)])
    conn.executemany("INSERT INTO cat_topics (code, zh, en, data) VALUES (?,?,?,?)",
                     [(code, zh, en, dumps({"units": list(units)}))
                      for code, zh, en, units, _ in TOPICS])
    units = _units(TOWNS)
    conn.executemany(
        "INSERT INTO cat_units (id, name, short, kind, town, data, search) "
        "VALUES (?,?,?,?,?,?,?)",
        [(uid, name, short, kind, town,
          dumps({"topics": [], "address": "", "office_hours": "", "issuer": None,
                 "duty": [{"name": "值班员", "role": "duty", "phone": "0760-88880000",
                           "mobile": None, "days": "mon-fri"}]}),
          f"{uid} {index_terms(f'{name} {short}', initials_of=name)}")
         for uid, name, short, kind, town in units])
    return {uid: name for uid, name, *_ in units}


@dataclass(frozen=True)
class _Spec:
    """What the parent decides for one request (sequential: counters, numbers)."""

    pk: int
    plan: Plan
    enterprise: int
    station: str
    clerk: str
    local_number: str
    number: str


# What forked workers share with the parent (set before the pool starts).
_WORK: dict[str, Any] = {}

_Built = tuple[list[str], list[tuple[Any, ...]], list[list[tuple[Any, ...]]],
               list[tuple[str, str, str | None]]]


def _build(specs: Sequence[_Spec]) -> _Built:
    """The rows of some requests: ticket rows, their events (``ord`` left to the parent)
    and (kind, status, next_due) for the statistics. Each request has its own random
    stream, so the rows do not depend on how the work was split."""
    w = _WORK
    now, schedule, units, enterprises = w["now"], w["schedule"], w["units"], w["enterprises"]
    topic_codes = [c for c, *_ in TOPICS]
    topic_weights = [w for *_, w in TOPICS]
    channel_names = [c for c, _ in CHANNELS]
    channel_weights = [w for _, w in CHANNELS]
    columns: list[str] = []
    tickets: list[tuple[Any, ...]] = []
    events: list[list[tuple[Any, ...]]] = []
    summary: list[tuple[str, str, str | None]] = []
    for spec in specs:
        rng = random.Random(w["seed"] * 1_000_003 + spec.pk)
        plan, ent = spec.plan, enterprises[spec.enterprise]
        town = ent.town
        actors = Actors(spec.clerk, spec.station, f"zy-{town.prefix.lower()}01",
                        f"{town.prefix}01")
        channel = _weighted(rng, channel_names, channel_weights)
        dispatched = plan.kind in ("done", "recent", "stuck", "following")
        type_ = (_weighted(rng, ("help", "complaint", "report", "suggestion"), (60, 28, 6, 6))
                 if dispatched else
                 _weighted(rng, ("consultation", "help", "suggestion", "praise"), (86, 9, 3, 2)))
        topic = _weighted(rng, topic_codes, topic_weights)
        repeat = rng.random() < 0.8
        form = {
            "channel": channel, "type": type_, "topic": topic,
            "credit_code": ent.credit_code, "enterprise_name": ent.name,
            "contact_name": ent.contact if repeat else _person(rng),
            "contact_phone": ent.phone if repeat else _phone(rng),
            "description": _description(rng, topic, ent, plan.created_at.year - 1),
            "town": town.code,
            "filed_by": f"{_person(rng)}（{town.short}经发局）" if channel == "visit" else None,
            "credit_override_note": ent.override_note,
        }
        intake = validate_intake({k: v for k, v in form.items() if v is not None})
        # = intake.to_json() without region_code and entity_type (its fields are flat
        # text, so this is asdict without the deep copy)
        header = {k: getattr(intake, k) for k in _HEADER_FIELDS}
        evs = _timeline(rng, plan, now, actors, topic, town, units, channel)
        cols = projection.columns(fold(evs, schedule))
        enterprise_id = enterprise_id_for(intake.credit_code) if intake.credit_code else None
        row = {"pk": spec.pk, "id": _uuid7(_ms(plan.created_at), rng), "number": spec.number,
               "local_number": spec.local_number, "station_id": spec.station,
               "created_by": spec.clerk, "created_at": db_time(plan.created_at),
               "enterprise_id": enterprise_id, **header, **cols,
               "updated_at": db_time(evs[-1].at), "version": len(evs), "pending": 0,
               "search": ticket_search_terms(spec.number, spec.local_number, header)}
        if not columns:
            columns = list(row)
            assert set(columns) >= set(TICKET_COLUMNS), set(TICKET_COLUMNS) - set(columns)
        tickets.append(tuple(row[c] for c in columns))
        events.append([(ev.id, spec.pk, ev.type.value, db_time(ev.at), ev.actor, ev.role.value,
                        ev.station, dumps(dict(ev.data))) for ev in evs])
        summary.append((plan.kind, cols["status"], cols["next_due"]))
    return columns, tickets, events, summary


def _specs(rng: random.Random, plans: Sequence[Plan],
           enterprises: Sequence[EnterpriseDef]) -> tuple[list[_Spec], Counter[str]]:
    # some enterprises come often, most now and then (cumulative weights: one bisect each)
    cum = list(itertools.accumulate(1.0 / (1 + i % 97) for i in range(len(enterprises))))
    indices = range(len(enterprises))
    counters: Counter[str] = Counter()
    serials: Counter[int] = Counter()
    specs = []
    for pk, plan in enumerate(plans, start=1):
        e = rng.choices(indices, cum_weights=cum)[0]
        enterprises[e].used = True
        town = enterprises[e].town
        hall = CITY if rng.random() < 0.2 else town
        station = f"{hall.prefix}{rng.randint(1, 4):02d}"
        counters[station] += 1
        year = plan.created_at.year
        serials[year] += 1
        specs.append(_Spec(pk, plan, e, station, f"clerk-{station.lower()}-{rng.randint(1, 2)}",
                           f"{station}-{counters[station]:05d}", f"ZS{year}{serials[year]:06d}"))
    return specs, counters


def generate(path: Path, n: int, *, seed: int = SEED, now: dt.datetime = NOW,
             schedule: Schedule | None = None, chunk: int = 2_000,
             workers: int | None = None) -> GenStats:
    """Write a fresh desk file holding ``n`` requests at ``path`` (which must not exist).

    The rows are built by ``workers`` forked processes (default: one per core, where
    ``fork`` exists) while this one inserts them; the result does not depend on it."""
    from sync.desk import Actor, Desk, Station   # the desk makes the schema, as in the field

    started = time.perf_counter()
    schedule = schedule or Schedule()
    rng = random.Random(seed)
    path = Path(path)
    with Desk.open(path, station=Station.from_json(BENCH_STATION),
                   actor=Actor.from_json(BENCH_USER)):
        pass
    enterprises = _enterprises(rng, max(50, n * 3 // 10))
    specs, counters = _specs(rng, _plans(rng, n, now), enterprises)
    units = {uid: name for uid, name, *_ in _units(TOWNS)}
    _WORK.update(seed=seed, now=now, schedule=schedule, units=units, enterprises=enterprises)
    chunks = [specs[i:i + chunk] for i in range(0, len(specs), chunk)]
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    pool = None
    if workers > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = multiprocessing.get_context("fork").Pool(workers)
        built: Iterator[_Built] = pool.imap(_build, chunks)
    else:
        built = map(_build, chunks)

    stats = GenStats()
    now_text = db_time(now)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -200000")
        conn.execute("BEGIN IMMEDIATE")
        _catalogue(conn)
        table_columns = _table_columns(conn, "tickets")
        ord_ = 0
        for columns, tickets, events, summary in built:
            missing = table_columns - set(columns)
            if missing:
                raise RuntimeError(f"the generator does not fill tickets.{sorted(missing)}: "
                                   "update bench/datagen.py")
            began = time.perf_counter()
            conn.executemany(_insert_sql("tickets", columns), tickets)
            rows = []
            for evs in events:
                for ev in evs:
                    ord_ += 1
                    rows.append((ev[0], ev[1], ord_, ord_, *ev[2:]))
            conn.executemany(_insert_sql("ticket_events", EVENT_COLUMNS), rows)
            stats.insert_seconds += time.perf_counter() - began
            stats.events += len(rows)
            for kind, status, next_due in summary:
                stats.kinds[kind] += 1
                stats.statuses[status] += 1
                if next_due is not None:
                    stats.running += 1
                    stats.overdue += next_due < now_text
        stats.tickets = n

        rows = []
        for epk, ent in enumerate((e for e in enterprises if e.used and e.credit_code), start=1):
            intake = validate_intake({"channel": "counter", "type": "help", "topic": "tax",
                                      "credit_code": ent.credit_code,
                                      "enterprise_name": ent.name, "contact_name": ent.contact,
                                      "contact_phone": ent.phone, "description": "-",
                                      "town": ent.town.code,
                                      **({"credit_override_note": ent.override_note}
                                         if ent.override_note else {})})
            assert intake.credit_code is not None
            rows.append((epk, enterprise_id_for(intake.credit_code), intake.credit_code,
                         ent.name, ent.town.code, intake.region_code, intake.entity_type, "{}",
                         now_text, 1, index_terms(f"{ent.name} {intake.credit_code}",
                                                  initials_of=ent.name)))
        conn.executemany(_insert_sql("enterprises", ENTERPRISE_COLUMNS), [r[:-1] for r in rows])
        conn.executemany("INSERT INTO enterprises_fts (rowid, terms) VALUES (?, ?)",
                         [(r[0], r[-1]) for r in rows])
        stats.enterprises = len(rows)

        meta = {"local_counter": counters[BENCH_STATION["id"]], "event_counter": ord_,
                "schedule_fingerprint": schedule.fingerprint()}
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         [(k, dumps(v)) for k, v in meta.items()])
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
        if pool is not None:
            pool.terminate()
            pool.join()
        _WORK.clear()
    stats.seconds = time.perf_counter() - started
    return stats


def verify(path: Path, schedule: Schedule | None = None, limit: int | None = None) -> int:
    """Check a generated file against the desk's own rules: every timeline passes the
    state machine, and the stored projection and search columns are what the desk would
    write. Returns the number of requests checked; raises AssertionError on a mismatch."""
    from core.ticket_state import TicketState, apply
    from sync.projection import event_from_row

    schedule = schedule or Schedule()
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    checked = 0
    try:
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        tickets = conn.execute("SELECT * FROM tickets ORDER BY pk"
                               + (f" LIMIT {int(limit)}" if limit else ""))
        for row in tickets:
            evs = [event_from_row(SimpleNamespace(**dict(r))) for r in conn.execute(
                "SELECT * FROM ticket_events WHERE ticket_pk = ? ORDER BY ord", (row["pk"],))]
            assert evs and all(r[0] is not None for r in conn.execute(
                "SELECT ord FROM ticket_events WHERE ticket_pk = ?", (row["pk"],)))
            state = TicketState()
            for ev in evs:
                check_transition(state.status, ev.type, ev.role)
                assert ev.type in TRANSITIONS[state.status]
                apply(state, ev, schedule)
            cols = projection.columns(fold(evs, schedule))
            for key, value in cols.items():
                assert row[key] == value, (row["pk"], key, row[key], value)
            header = {k: row[k] for k in ("enterprise_name", "contact_name", "contact_phone",
                                          "credit_code")}
            assert row["search"] == ticket_search_terms(row["number"], row["local_number"],
                                                        header), row["pk"]
            assert row["pending"] == 0 and row["version"] >= 1
            assert 40 <= len(row["description"]) <= 200, row["description"]
            checked += 1
    finally:
        conn.close()
    return checked


# --------------------------------------------------------------------------- the cache

# What the generated rows depend on besides this generator: the schema and the desk code
# that computes projection and search columns. Their text is part of the cache key, so a
# changed migration or fold regenerates the files instead of measuring stale rows.
_INPUTS = ("sync/migrations/versions", "sync/projection.py", "sync/ticket_writes.py",
           "core/ticket_state.py", "core/deadlines.py", "core/textsearch.py",
           "core/intake.py", "bench/datagen.py")


def cache_key(n: int, schedule: Schedule | None = None) -> str:
    """``desk-<n>-g<GEN_VERSION>-<digest of seed, now, schema, desk code, calendar>``."""
    schedule = schedule or Schedule()
    return cache.cache_key(f"desk-{n}", GEN_VERSION, SEED, NOW.isoformat(), SCHEMA_HEAD,
                           schedule.fingerprint(), cache.inputs_digest(_INPUTS))


def desk_file(n: int, out: Path | None = None, *, log: Any = None) -> Path:
    """The cached desk file of ``n`` requests, generated (atomically) when missing."""
    path, stats = cache.cached_file(Path(out or OUT), f"desk-{n}", cache_key(n),
                                    lambda tmp: generate(tmp, n))
    if log and stats is not None:
        log(f"generated {path.name}: {stats.tickets:,} requests, {stats.events:,} events, "
            f"{stats.enterprises:,} enterprises in {stats.seconds:.1f} s "
            f"({stats.running:,} with running clocks, {stats.overdue:,} overdue)")
    return path


def copy_desk(src: Path, dst: Path) -> Path:
    """A private copy of a cached desk file for one benchmark to change."""
    dst = Path(dst)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def iter_intake_forms(count: int, seed: int = SEED + 1,
                      known_codes: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """Valid, varied intake forms, as a clerk fills them in at a Xiaolan window: mostly
    enterprises the desk already knows (``known_codes``), some new ones."""
    rng = random.Random(seed)
    fresh = _enterprises(rng, max(10, count // 5))
    weights = [t.weight for t in TOWNS]
    topic_codes = [c for c, *_ in TOPICS]
    for i in range(count):
        ent = fresh[i % len(fresh)]
        code = ent.credit_code
        if known_codes and rng.random() < 0.9:
            code = rng.choice(known_codes)
        town = ent.town if rng.random() < 0.3 else _weighted(rng, TOWNS, weights)
        topic = rng.choice(topic_codes)
        channel = _weighted(rng, [c for c, _ in CHANNELS], [w for _, w in CHANNELS])
        form = {"channel": channel,
                "type": _weighted(rng, ("consultation", "help", "complaint", "suggestion"),
                                  (60, 25, 10, 5)),
                "topic": topic, "credit_code": code, "enterprise_name": ent.name,
                "contact_name": _person(rng), "contact_phone": _phone(rng),
                "description": _description(rng, topic, ent, NOW.year - 1),
                "town": town.code}
        if channel == "visit":
            form["filed_by"] = f"{_person(rng)}（{town.short}经发局）"
        if code and not check_credit_code(code).ok:       # a known bad code: keep it, say why
            form["credit_override_note"] = "营业执照原件上的代码如此，已核对原件"
        yield {k: v for k, v in form.items() if v is not None}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.datagen",
                                     description="Generate (or find cached) desk files.")
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--verify", action="store_true",
                        help="check the rows against the desk's own rules (slow)")
    args = parser.parse_args(argv)
    for n in args.sizes:
        path = desk_file(n, args.out, log=print)
        print(f"{n:,} requests: {path} ({path.stat().st_size / 1e6:.0f} MB)")
        if args.verify:
            print(f"verified {verify(path):,} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
