"""The towns' policy documents: each town has a general industry document, a document
for its own industries (the features below) and a second general one; some have an
expired one. Titles, amounts and thresholds are invented for the sample; the towns'
industries are the ones they are known for."""

from __future__ import annotations

from resources.tools import policy_items as pi
from resources.tools import policy_items_more as pm
from resources.tools import policy_items_sectors as ps
from resources.tools.policy_items import item
from resources.tools.policy_rules import (
    Ctx, all_, any_, clean, in_town, leaf, not_, pred, prefix, qual, scale, tax_ok,
    years_in_town)


def feature(title, kind, amount_text, amount_max, themes, codes, code_label, *leaves,
            materials=(), annual=True, group=None):
    """An item of a town's own industry: town + industry + extra leaves + clean record;
    ``group``: the exclusive group (``groups.GROUPS``) it belongs to."""
    def build(c: Ctx) -> dict:
        extra = [node(c) if callable(node) else node for node in leaves]
        return item(title, kind, amount_text, amount_max, themes,
                    all_(in_town(c), prefix(codes, code_label), *extra, clean(c)),
                    materials, annual)
    build.group = group
    return build


def equipment(more_than=0):
    """The equipment investment a town's equipment award is paid on."""
    if more_than:
        return leaf("new_equipment_investment", "gte", more_than,
                    f"上年度新购进设备投资额{more_than}万元以上", "mat-invoices")
    return leaf("new_equipment_investment", "gt", 0, "上年度有新购进设备投资", "mat-invoices")


def small(label="小型或微型企业"):
    return scale(label, at_most="small")


def sme(label="中小微企业"):
    return scale(label, at_most="medium")


def biz(values, label):
    return leaf("entity_type", "in", values, label, "mat-license")


# Pools the general documents draw from (town versions of city templates).
INDUSTRY_POOL = [
    (pi.hightech_first, {"amount": 80000}), (pi.first_above_scale, {"amount": 100000}),
    (pi.tech_upgrade, {"cap": 1000000}), (pi.digital_transform, {"cap": 800000}),
    (pi.specialized_new, {"amount": 50000}), (pi.stable_growth, {"growth": 12, "amount": 200000}),
    (pi.rd_post_subsidy, {"cap": 500000}), (pi.tech_sme_award, {"amount": 10000}),
    (ps.clean_production, {}), (ps.vocs, {}),
]
PEOPLE_POOL = [
    (pm.graduates_hire, {"per": 1000, "cap": 50000}), (pm.talent_housing, {"cap": 60000}),
    (pi.invention_patent, {"per": 2000, "cap": 100000}), (ps.rent_subsidy, {"cap": 300000}),
    (pm.retail_growth, {"growth": 8, "cap": 100000}), (pm.consumption_event, {}),
    (pi.tech_sme_award, {"amount": 10000}),
]
GENERAL_TITLES = ["{name}促进实体经济高质量发展扶持办法", "{name}推动制造业高质量发展若干措施",
                  "{name}扶持企业做大做强奖励办法", "{name}工业经济稳增长若干措施",
                  "{name}支持科技创新和产业升级实施细则"]
SECOND_TITLES = ["{name}优化营商环境惠企若干措施", "{name}支持中小微企业健康发展若干措施",
                 "{name}促进民营经济发展壮大若干措施", "{name}惠企纾困和营商环境提升措施"]

# town code -> plan. "a"/"c": fixed items of the two general documents (group members);
# "b": (title, purpose, features) of the industry document; "expired": an old document.
TOWN_PLANS = {
    "shiqi": {"abbr": "岐", "industry": "商贸服务和老城文旅", "commerce": True, "b": (
        "{name}促进老城商贸和夜间经济发展若干措施", "提升老城区商业活力，扶持老字号和特色商户", [
            feature("老字号及特色商户门店提升补贴", "subsidy", "按装修和设备投入的30%补贴，最高10万元",
                    100000, ["商贸消费"], ["F52", "H62"], "属于零售业或餐饮业", small(),
                    years_in_town("在石岐街道设立或迁入满5年", at_least=5),
                    materials=["mat-invoices"]),
            feature("岐江夜间经济示范商户奖励", "award", "评为夜间经济示范商户的奖励5万元", 50000,
                    ["商贸消费"], ["H62", "R90", "F52"], "属于餐饮、娱乐或零售业",
                    lambda c: tax_ok(c, "ne_d"), materials=["mat-award-cert"], annual=False),
            (pm.consumption_event, {}),
        ])},
    "dongqu": {"abbr": "东区", "industry": "总部经济和现代服务业", "commerce": True, "b": (
        "{name}促进总部经济和现代服务业发展扶持办法", "吸引总部企业落户，壮大现代服务业", [
            (ps.hq_settlement, {"cap": 3000000}),
            feature("现代服务业企业营收增长奖励", "award",
                    "营业收入增长15%以上的按增量的0.5%奖励，最高50万元", 500000, ["商贸消费"],
                    ["L72", "M", "I65"], "属于商务服务、科学研究和技术服务或软件信息服务业",
                    leaf("revenue_growth", "gte", 15, "上年度营业收入同比增长15%以上",
                         "mat-growth-stat"),
                    leaf("revenue", "gte", 2000, "上年度营业收入2000万元以上", "mat-audit"),
                    materials=["mat-growth-stat"]),
            (ps.rent_subsidy, {"industries": ("L72", "M", "I65", "J"), "cap": 500000,
                               "label": "属于商务服务业、科学研究和技术服务业、软件和信息技术服务业或金融业",
                               "park": "总部经济区", "since": "2025-01-01"}),
        ])},
    "zhongshangang": {"abbr": "火炬", "short": "火炬开发区", "industry": "健康医药、高端装备和电子信息",
                      "a": [(pi.hightech_first, {"amount": 100000}),
                            (pi.little_giant, {"amount": 300000})],
                      "c": [(pm.listing_award, {"cap": 2000000})], "b": (
        "中山火炬开发区促进健康医药产业高质量发展若干措施", "支持医药和医疗器械企业研发创新、加快产品注册上市", [
            feature("医疗器械和药品注册证奖励", "award",
                    "取得第三类医疗器械注册证每个奖励50万元、第二类10万元，取得药品注册证书每个奖励100万元",
                    1000000, ["科技创新"], ["C27", "C358"], "属于医药制造业或医疗仪器设备制造",
                    leaf("rd_ratio", "gte", 5, "上年度研发投入占营业收入比例不低于5%", "mat-rd-audit"),
                    materials=["mat-award-cert"], annual=False),
            feature("生物医药临床试验费用补助", "subsidy", "按临床试验费用的20%补助，单个品种最高500万元",
                    5000000, ["科技创新"], ["C27", "M73"], "属于医药制造或研究和试验发展",
                    lambda c: any_(qual("high_tech"), qual("tech_sme")),
                    materials=["mat-contract-accept", "mat-invoices"]),
            (pi.rd_post_subsidy, {"cap": 1000000}),
        ])},
    "xiqu": {"abbr": "西区", "industry": "电子商务和都市型工业", "commerce": True, "b": (
        "{name}促进电子商务和科技孵化发展扶持措施", "培育电商企业，支持孵化器入驻企业成长", [
            feature("电子商务企业网络零售额增长奖励", "award",
                    "网络零售额增长20%以上的按增量的0.5%奖励，最高30万元", 300000,
                    ["商贸消费", "数字化转型"], ["F5292", "I64"], "从事互联网零售或互联网平台服务",
                    leaf("revenue_growth", "gte", 20, "上年度营业收入同比增长20%以上",
                         "mat-growth-stat"),
                    leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-audit"),
                    materials=["mat-growth-stat"]),
            (ps.rent_subsidy, {"industries": ("I65", "M73", "C39"), "cap": 200000,
                               "label": "属于软件和信息技术服务业、研究和试验发展或电子设备制造业",
                               "park": "科技企业孵化器", "since": "2024-01-01"}),
        ])},
    "nanqu": {"abbr": "南区", "industry": "智能装备和电梯制造", "b": (
        "{name}支持智能装备产业发展若干措施", "推动智能装备企业加大研发和技改投入", [
            feature("智能装备企业研发投入奖励", "award", "按上年度研发费用增量的10%奖励，最高50万元",
                    500000, ["科技创新"], ["C34", "C35", "C38"], "属于通用设备、专用设备或电气机械制造",
                    leaf("rd_ratio", "gte", 3, "上年度研发费用占营业收入3%以上", "mat-rd-audit"),
                    materials=["mat-rd-audit"]),
            (pi.tech_upgrade, {"cap": 1000000}),
        ])},
    "wuguishan": {"abbr": "五桂山", "industry": "生态旅游和林下经济", "commerce": True, "b": (
        "{name}促进生态旅游和绿色农业发展扶持办法", "发展民宿、生态旅游和林下经济", [
            feature("民宿和生态旅游经营主体提升奖励", "award",
                    "评为省级以上等级民宿的奖励10万元，市级5万元", 100000, ["商贸消费"],
                    ["H6130", "N78", "A05"], "民宿、景区或休闲农业经营主体",
                    biz(["91", "92", "93"], "企业、个体工商户或农民专业合作社"),
                    materials=["mat-award-cert"], annual=False),
            feature("林下经济和中药材种植补助", "subsidy", "按种植面积每亩500元补助，最高20万元",
                    200000, ["绿色低碳"], ["A01", "A02"], "从事种植业或林业",
                    biz(["91", "93"], "企业或农民专业合作社"), small(),
                    materials=["mat-contract-accept"]),
            (ps.tourism_rating, {}),
        ])},
    "minzhong": {"abbr": "民众", "industry": "现代农业和装备制造", "b": (
        "{name}促进现代农业和装备制造业发展若干措施", "推动水产养殖绿色转型，引进装备制造项目", [
            (ps.agri_processing, {}),
            feature("水产养殖尾水治理补助", "subsidy", "按治理设施投资的40%补助，最高30万元", 300000,
                    ["绿色低碳"], ["A041"], "从事水产养殖",
                    biz(["91", "92", "93"], "企业、个体工商户或农民专业合作社"),
                    materials=["mat-invoices"]),
            feature("装备制造产业园入园项目投产奖励", "award",
                    "按投产当年设备投资的5%奖励，最高300万元", 3000000, ["稳企稳岗"],
                    ["C34", "C35", "C36", "C37"], "属于通用、专用、汽车或运输设备制造",
                    equipment(3000), materials=["mat-project-filing", "mat-invoices"],
                    annual=False, group="xg-equipment"),
        ])},
    "nanlang": {"abbr": "南朗", "short": "翠亨新区", "industry": "先进制造和滨海文旅",
                "c": [(pm.talent_housing, {"cap": 120000})], "b": (
        "中山翠亨新区促进先进制造业项目落地若干措施", "加快先进制造业项目落地达产", [
            (ps.rent_subsidy, {"industries": ("C39", "C35", "I65", "M73"), "cap": 800000,
                               "label": "属于电子设备制造、专用设备制造、软件或研发服务",
                               "park": "翠亨新区先进制造产业园", "since": "2024-07-01"}),
            feature("先进制造项目达产奖励", "award", "达产后年营业收入首次突破5亿元的奖励300万元",
                    3000000, ["稳企稳岗"], ["C"], "属于制造业",
                    leaf("revenue", "gte", 50000, "上年度营业收入5亿元以上", "mat-audit"),
                    pred("age_years", {"at_most": 5}, "项目公司成立不超过5年", "mat-license"),
                    materials=["mat-audit"], annual=False),
        ])},
    "huangpu": {"abbr": "圃", "industry": "食品加工和家电制造", "b": (
        "{name}促进食品产业高质量发展扶持办法", "支持腊味等食品企业规范生产、打响品牌", [
            feature("食品企业首次取得食品生产许可证奖励", "award", "首次取得食品生产许可证的奖励2万元",
                    20000, ["商贸消费"], ["C13", "C14"], "属于农副食品加工或食品制造", small(),
                    pred("age_years", {"at_most": 3}, "成立不超过3年", "mat-license"),
                    materials=["mat-food-licence"], annual=False),
            feature("腊味企业品牌推广和展销补助", "subsidy",
                    "参加省级以上农博会、食品展的按展位费的60%补助，最高5万元", 50000,
                    ["商贸消费"], ["C1353", "C14"], "从事肉制品（腊味）或食品制造", sme(),
                    materials=["mat-booth"]),
            (pi.food_certification, {}),
        ])},
    "dongfeng": {"abbr": "凤", "industry": "小家电制造和电子商务",
                 "a": [(pi.specialized_new, {"amount": 50000})], "b": (
        "{name}推动小家电产业提质增效若干措施", "推动小家电企业提升质量品牌、拓展电商渠道", [
            feature("小家电企业质量品牌提升奖励", "award",
                    "产品获评省级名优产品或取得国际认证的奖励5万元", 50000, ["商贸消费"],
                    ["C385"], "属于家用电力器具制造", sme(),
                    materials=["mat-award-cert"], annual=False),
            feature("电商直播基地入驻商家租金补贴", "subsidy",
                    "按场地租金的50%补贴，最长12个月，最高6万元", 60000, ["数字化转型"],
                    ["F5292", "C385"], "从事互联网零售或家电制造", small(),
                    materials=["mat-rent-invoice"], group="xg-rent"),
        ])},
    "guzhen": {"abbr": "古", "industry": "灯饰照明", "b": (
        "{name}灯饰产业品牌建设和市场开拓扶持办法", "擦亮“中国灯饰之都”品牌，支持企业开拓市场、保护原创", [
            (pm.trade_fair,
             {"cap": 100000, "fairs": "境内外灯饰专业展会"}),
            feature("灯饰外观设计专利快速授权资助", "subsidy",
                    "经快速维权中心预审获授权的外观设计专利每件资助1000元，每家每年最高5万元",
                    50000, ["知识产权"], ["C387"], "属于照明器具制造",
                    leaf("entity_type", "ne", "92", "申报主体不是个体工商户", "mat-license"),
                    materials=["mat-patent-register"]),
            feature("灯饰原创设计大赛获奖奖励", "award", "获金奖的奖励10万元、银奖5万元、铜奖2万元",
                    100000, ["知识产权", "商贸消费"], ["C387", "M7491"], "照明器具制造或工业设计服务",
                    materials=["mat-award-cert"], annual=False),
        ]),
        "expired": ("{name}2025年灯博会参展企业补贴办法", "支持企业参加2025年灯博会", (2025, 12, 31), [
            feature("灯博会特装展位补贴", "subsidy", "按特装费用的30%补贴，最高3万元", 30000,
                    ["商贸消费"], ["C387"], "属于照明器具制造", small(),
                    materials=["mat-booth"], annual=False, group="xg-trade-fair"),
            feature("灯博会知识产权维权费用补助", "subsidy", "按公证和律师费用的50%补助，最高2万元",
                    20000, ["知识产权"], ["C387"], "属于照明器具制造",
                    materials=["mat-invoices"], annual=False),
        ])},
    "shaxi": {"abbr": "沙", "industry": "休闲服装", "b": (
        "{name}推动服装产业转型升级若干措施", "推动休闲服装企业原创设计和智能化改造", [
            feature("休闲服装原创设计奖励", "award", "获省级以上服装设计大赛奖项的奖励5万元", 50000,
                    ["商贸消费"], ["C18"], "属于纺织服装、服饰业",
                    materials=["mat-award-cert"], annual=False),
            feature("服装企业智能吊挂系统改造补助", "subsidy", "按设备投资的20%补助，最高50万元",
                    500000, ["数字化转型"], ["C18", "C17"], "属于纺织业或纺织服装、服饰业", sme(),
                    equipment(), materials=["mat-invoices"], group="xg-equipment"),
        ]),
        "expired": ("{name}2025年服装产业纾困措施", "帮助服装企业稳订单稳用工", (2026, 3, 31), [
            feature("服装企业用工稳定奖励", "award", "全年用工人数不减的每家奖励1万元", 10000,
                    ["稳企稳岗"], ["C18"], "属于纺织服装、服饰业",
                    leaf("insured_employees", "gte", 20, "参保职工20人以上", "mat-social-insurance"),
                    leaf("layoff_rate", "eq", 0, "上年度未裁员（裁员率为0）", "mat-social-insurance"),
                    materials=["mat-social-insurance"]),
            feature("服装企业参展补贴", "subsidy", "按展位费的50%补贴，最高3万元", 30000,
                    ["商贸消费"], ["C18"], "属于纺织服装、服饰业", small(), materials=["mat-booth"],
                    group="xg-trade-fair"),
        ])},
    "tanzhou": {"abbr": "坦", "industry": "装备制造和电子信息",
                "a": [(pi.first_above_scale, {"amount": 100000})], "b": (
        "{name}鼓励装备制造企业扩大投资奖励办法", "鼓励装备制造企业增资扩产", [
            feature("装备制造企业设备投资奖励", "subsidy",
                    "设备投资额1000万元以上的按6%奖励，最高300万元", 3000000, ["数字化转型"],
                    ["C34", "C35", "C38"], "属于通用设备、专用设备或电气机械制造",
                    equipment(1000),
                    leaf("revenue", "gte", 3000, "上年度营业收入3000万元以上", "mat-audit"),
                    qual("above_scale"), materials=["mat-invoices", "mat-project-filing"],
                    group="xg-equipment"),
            (pi.stable_growth, {"growth": 10, "amount": 300000}),
        ])},
    "gangkou": {"abbr": "港", "industry": "游戏游艺和文化科技",
                "c": [(pm.export_insurance, {"cap": 200000})],
                "b": (
        "{name}促进游戏游艺产业发展若干措施", "支持游戏游艺企业拓展市场、保护版权", [
            feature("游戏游艺企业境内外参展补贴", "subsidy",
                    "按展位费的50%补贴，每个展会最高5万元，每家每年最高15万元", 150000, ["外贸"],
                    ["C246"], "属于游艺器材及娱乐用品制造", qual("foreign_trade"),
                    materials=["mat-booth"], group="xg-trade-fair"),
            feature("游戏游艺产品版权登记和认证资助", "subsidy",
                    "作品登记每件资助300元，产品认证每项资助1万元，每家每年最高5万元", 50000,
                    ["知识产权"], ["C246", "I65"], "属于游艺器材制造或软件服务", small(),
                    materials=["mat-award-cert", "mat-invoices"]),
        ])},
    "sanjiao": {"abbr": "三角", "industry": "纺织印染和电子信息",
                "a": [(pi.green_factory, {"amount": 200000})],
                "c": [(pm.graduates_hire, {"per": 1000, "cap": 50000})],
                "b": ("{name}推动纺织印染行业绿色转型若干措施", "推动印染企业节水减排、绿色转型", [
                    (ps.clean_production, {}),
                    feature("印染企业废水深度治理补助", "subsidy",
                            "按治理设施投资的30%补助，最高100万元", 1000000, ["绿色低碳"],
                            ["C17"], "属于纺织业（含印染）",
                            any_(qual("above_scale"), scale("中型及以上企业", at_least="medium")),
                            materials=["mat-invoices", "mat-env-permit"],
                            group="xg-wastewater"),
                ])},
    "henglan": {"abbr": "横", "industry": "花木种植和灯饰配套", "b": (
        "{name}支持花木产业和灯饰配套企业发展办法", "支持花木种植主体改善设施，推动灯饰配套企业技改", [
            feature("花木种植主体设施大棚补助", "subsidy", "按大棚及喷灌设施投资的30%补助，最高20万元",
                    200000, ["绿色低碳"], ["A0143", "A021"], "从事花卉种植或林木育种育苗",
                    biz(["91", "92", "93"], "企业、个体工商户或农民专业合作社"),
                    materials=["mat-invoices"]),
            feature("灯饰配套企业技术改造补助", "subsidy", "按设备投资的10%补助，最高80万元",
                    800000, ["数字化转型"], ["C387", "C33"], "属于照明器具或金属制品制造", sme(),
                    equipment(), materials=["mat-invoices"], group="xg-equipment"),
        ])},
    "nantou": {"abbr": "南头", "industry": "家电制造",
               "a": [(pi.first_above_scale, {"amount": 150000})], "b": (
        "{name}推动家电产业创新发展若干措施", "推动家电企业加大研发投入、开拓国际市场", [
            feature("家电企业研发投入奖励", "award", "按上年度研发费用的3%奖励，最高100万元",
                    1000000, ["科技创新"], ["C385"], "属于家用电力器具制造",
                    leaf("rd_ratio", "gte", 3, "上年度研发费用占营业收入3%以上", "mat-rd-audit"),
                    materials=["mat-rd-audit"]),
            feature("家电出口企业开拓国际市场补助", "subsidy",
                    "参加境外展会和国际认证费用的50%补助，最高20万元", 200000, ["外贸"],
                    ["C385"], "属于家用电力器具制造", qual("foreign_trade"),
                    leaf("export_value", "between", [100, 70000], "上年度出口额在100万元至7亿元之间",
                         "mat-export-data"),
                    materials=["mat-booth", "mat-invoices"], group="xg-trade-fair"),
        ])},
    "fusha": {"abbr": "阜", "industry": "精细化工和五金制品", "b": (
        "{name}推动化工和五金企业安全绿色发展扶持办法", "推动精细化工企业安全环保提升和五金企业自动化改造", [
            feature("精细化工企业安全环保提升补助", "subsidy", "按投资的20%补助，最高80万元", 800000,
                    ["绿色低碳"], ["C26"], "属于化学原料和化学制品制造业",
                    lambda c: tax_ok(c, "m"), materials=["mat-invoices", "mat-safety-standard"]),
            feature("五金企业自动化改造补助", "subsidy", "按设备投资的10%补助，最高50万元", 500000,
                    ["数字化转型"], ["C33"], "属于金属制品业", sme(), equipment(),
                    materials=["mat-invoices"], group="xg-equipment"),
            (ps.vocs, {}),
        ])},
    "sanxiang": {"abbr": "乡", "industry": "商贸餐饮和文旅", "commerce": True, "b": (
        "{name}促进文旅商贸融合发展若干措施", "培育品牌餐饮和文旅消费新场景", [
            feature("品牌餐饮连锁企业奖励", "award", "在镇内新开直营门店3家以上的奖励10万元", 100000,
                    ["商贸消费"], ["H62"], "属于餐饮业",
                    leaf("revenue", "gte", 500, "上年度营业收入500万元以上", "mat-audit"),
                    materials=["mat-lease"], annual=False),
            (ps.tourism_rating, {}),
        ])},
    "banfu": {"abbr": "芙", "industry": "智能制造", "b": (
        "{name}智能制造产业园招商引资扶持办法", "加快智能制造产业园项目投产", [
            feature("智能制造产业园入园项目投产奖励", "award",
                    "按投产当年设备投资的6%奖励，最高500万元", 5000000, ["数字化转型"],
                    ["C34", "C35", "C39", "C40"], "属于通用设备、专用设备、电子或仪器仪表制造",
                    equipment(3000), materials=["mat-project-filing", "mat-invoices"],
                    annual=False, group="xg-equipment"),
            (ps.rent_subsidy, {"industries": ("C34", "C35", "C39"), "cap": 300000,
                               "label": "属于通用设备、专用设备或电子设备制造",
                               "park": "智能制造产业园", "since": "2024-01-01"}),
        ])},
    "dachong": {"abbr": "涌", "industry": "红木家具和牛仔服装", "b": (
        "{name}推动红木家具和牛仔服装产业提质发展措施", "推动传统产业品牌化、绿色化", [
            feature("红木家具企业品牌建设奖励", "award",
                    "获评国家级品牌或省级名优产品的奖励10万元", 100000, ["商贸消费"],
                    ["C211"], "属于木质家具制造", materials=["mat-award-cert"], annual=False),
            feature("牛仔服装洗水企业环保提升补助", "subsidy", "按环保设施投资的30%补助，最高60万元",
                    600000, ["绿色低碳"], ["C1713", "C18"], "从事棉印染精加工或服装制造",
                    not_(leaf("tax_credit_level", "eq", "D", "纳税信用等级为D级",
                              "mat-tax-credit")),
                    materials=["mat-invoices", "mat-env-permit"]),
            (ps.vocs, {}),
        ])},
    "shenwan": {"abbr": "神", "industry": "特色农业和游艇制造", "b": (
        "{name}促进特色农业和游艇产业发展办法", "擦亮神湾菠萝品牌，支持游艇制造企业扩产", [
            (pi.geo_indication, {"product": "神湾菠萝地理标志"}),
            feature("游艇制造企业设备投资奖励", "subsidy", "按设备投资的10%奖励，最高100万元",
                    1000000, ["稳企稳岗"], ["C373"], "属于船舶及相关装置制造", equipment(),
                    materials=["mat-invoices"], group="xg-equipment"),
            (ps.agri_processing, {}),
        ])},
    "xiaolan": {"abbr": "榄", "industry": "五金制品、燃气具和电子信息",
                "a": [(pi.hightech_first, {"amount": 100000}),
                      (pi.digital_transform, {"cap": 1000000})],
                "c": [(pi.invention_patent, {"per": 3000, "cap": 200000})],
                "b": ("{name}推动五金燃气具产业高质量发展若干措施", "推动五金、燃气具企业建设研发机构、打造品牌", [
                    feature("燃气具和五金企业品牌建设奖励", "award",
                            "获评驰名商标的奖励30万元、省级名优产品5万元", 300000, ["商贸消费"],
                            ["C386", "C335"], "属于燃气家用器具或建筑家具用金属制品制造",
                            materials=["mat-trademark", "mat-award-cert"], annual=False),
                    feature("企业研发机构建设资助", "award", "新认定省级工程技术研究中心的奖励20万元",
                            200000, ["科技创新"], ["C"], "属于制造业",
                            leaf("rd_ratio", "gte", 3, "上年度研发费用占营业收入3%以上",
                                 "mat-rd-audit"),
                            any_(qual("high_tech"), qual("tech_sme")),
                            materials=["mat-award-cert"], annual=False),
                ])},
}
