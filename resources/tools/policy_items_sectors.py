"""Item templates by sector: green development, agriculture, culture and tourism, health
and care, transport, construction, safety, public services, and the towns' own
industries. Wording, amounts and thresholds are invented for the sample."""

from __future__ import annotations

from resources.tools.policy_items import item, wan
from resources.tools.policy_rules import (
    Ctx, all_, any_, clean, enterprise, in_town, leaf, not_, pred, prefix, qual, scale,
    tax_ok, years_in_town)


# ---------------------------------------------------------------- green development
def clean_production(c: Ctx):
    return item(
        c.pick(["自愿清洁生产审核奖励", "清洁生产审核通过奖励"]), "award",
        "通过自愿性清洁生产审核验收的奖励10万元", 100000, ["绿色低碳"],
        all_(in_town(c), prefix(["C17", "C19", "C22", "C26", "C29", "C33"],
                                "属于纺织、皮革、造纸、化工、橡胶塑料或金属制品行业"),
             tax_ok(c, "ne_d"), clean(c)),
        ["mat-clean-production"], annual=False)


def vocs(c: Ctx):
    return item(
        c.pick(["VOCs深度治理项目补助", "挥发性有机物源头替代和治理补助"]), "subsidy",
        "按治理设施投资的30%补助，单个项目最高50万元", 500000, ["绿色低碳"],
        all_(in_town(c), prefix(["C21", "C23", "C26", "C29", "C33"],
                                "属于家具、印刷、化工、橡胶塑料或金属制品等涉VOCs行业"),
             scale("中小微企业", at_most="medium"), clean(c)),
        ["mat-invoices", "mat-env-permit"])


def pv_rooftop(c: Ctx):
    return item(
        c.pick(["分布式光伏发电项目补助", "工商业屋顶光伏建设补贴"]), "subsidy",
        "按并网装机容量每瓦0.1元补助，单个项目最高30万元", 300000, ["绿色低碳"],
        all_(prefix(["C", "G59", "F51"], "属于制造业、仓储业或批发业"),
             enterprise(c), clean(c)),
        ["mat-pv-grid", "mat-invoices"], annual=False)


def energy_storage(c: Ctx):
    return item(
        "用户侧储能项目补助", "subsidy", "按放电量每千瓦时0.2元补助，连续2年，每家每年最高100万元",
        1000000, ["绿色低碳"],
        all_(prefix(["C"], "属于制造业"),
             leaf("revenue", "gte", 5000, "上年度营业收入5000万元以上", "mat-audit"), clean(c)),
        ["mat-pv-grid", "mat-contract-accept"])


def water_saving(c: Ctx, variant="award"):
    if variant == "project":      # the water bureau pays for the retrofit itself
        return item(
            "工业节水改造项目奖补", "award", "按节水改造投资的20%奖补，单个项目最高30万元", 300000,
            ["绿色低碳"],
            all_(prefix(["C"], "属于制造业"),
                 any_(qual("above_scale"), scale("中型及以上企业", at_least="medium")),
                 tax_ok(c, "ne_d"), clean(c)),
            ["mat-invoices", "mat-contract-accept"])
    return item(
        "节水型企业创建奖励", "award",
        "通过省级节水型企业评价的奖励5万元", 50000, ["绿色低碳"],
        all_(prefix(["C"], "属于制造业"), qual("above_scale"), clean(c)),
        ["mat-award-cert"], annual=False)


def wastewater_reuse(c: Ctx):
    return item(
        "工业废水循环利用改造补助", "subsidy", "按改造投资的20%补助，最高50万元", 500000,
        ["绿色低碳"],
        all_(prefix(["C17", "C26", "C33", "C39"], "属于纺织印染、化工、金属表面处理或电子行业"),
             any_(qual("above_scale"), scale("中型及以上企业", at_least="medium")), clean(c)),
        ["mat-invoices", "mat-env-permit"])


# ---------------------------------------------------------------- agriculture
def agri_leading(c: Ctx):
    return item(
        "农业产业化龙头企业奖励", "award", "新认定国家级奖励100万元、省级50万元、市级10万元",
        1000000, ["商贸消费"],
        all_(any_(prefix(["A"], "从事农林牧渔业"), prefix(["C13", "C14"], "从事农产品加工")),
             leaf("entity_type", "in", ["91", "93"], "企业或农民专业合作社", "mat-license"),
             leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-audit"), clean(c)),
        ["mat-award-cert"], annual=False)


def agri_processing(c: Ctx):
    return item(
        c.pick(["农产品产地初加工和冷链设施补助", "农产品仓储保鲜冷链设施建设补助"]), "subsidy",
        "按设施投资的30%补助，最高50万元", 500000, ["商贸消费"],
        all_(in_town(c), prefix(["A01", "A04", "C13"], "属于农业、渔业或农副食品加工业"),
             leaf("entity_type", "in", ["91", "93"], "企业或农民专业合作社", "mat-license"),
             scale("小微企业", at_most="small"), clean(c)),
        ["mat-invoices", "mat-contract-accept"])


def agri_brand(c: Ctx):
    return item(
        "农产品品牌认证奖励", "award", "新获绿色食品认证的每个产品奖励2万元，每家最高10万元",
        100000, ["商贸消费"],
        all_(prefix(["A", "C13", "C14"], "属于农林牧渔业、农副食品加工业或食品制造业"), clean(c)),
        ["mat-award-cert"], annual=False)


# ---------------------------------------------------------------- culture, tourism, sport
def tourism_rating(c: Ctx):
    return item(
        c.pick(["A级旅游景区和星级饭店创建奖励", "文旅品牌创建奖励"]), "award",
        "新评为5A级景区奖励500万元、4A级100万元，新评四星级以上饭店奖励50万元", 5000000,
        ["商贸消费"],
        all_(in_town(c), prefix(["H61", "N78", "R"], "属于住宿业、公园景区管理或文化体育娱乐业"),
             clean(c)),
        ["mat-award-cert"], annual=False)


def cultural_creative(c: Ctx):
    return item(
        "文化创意产业项目扶持", "subsidy", "按项目投入的30%资助，单个项目最高50万元", 500000,
        ["商贸消费", "数字化转型"],
        all_(prefix(["R86", "R87", "I65", "M74"], "属于文化艺术、数字内容、软件或设计服务"),
             pred("age_years", {"at_least": 1}, "成立满1年", "mat-license"), clean(c)),
        ["mat-contract-accept", "mat-invoices"])


def tour_agency(c: Ctx):
    return item(
        "旅行社组团入中山奖励", "award", "按过夜游客人次每人20元奖励，每家每年最高30万元",
        300000, ["商贸消费"],
        all_(leaf("industry", "eq", "L7291", "旅行社及相关服务（L7291）", "mat-license"),
             tax_ok(c), clean(c)),
        ["mat-contract-accept"])


def sports_industry(c: Ctx):
    return item(
        c.pick(["体育产业发展项目资助", "体育赛事活动举办补助"]), "subsidy",
        "按项目实际投入的30%资助，最高30万元", 300000, ["商贸消费"],
        all_(prefix(["R89", "C244", "F5242"], "从事体育服务、体育用品制造或销售"),
             enterprise(c), clean(c)),
        ["mat-contract-accept", "mat-invoices"], annual=False)


# ---------------------------------------------------------------- health and care
def private_hospital(c: Ctx):
    return item(
        "社会办医疗机构等级评审奖励", "award", "新评为三级医院奖励200万元、二级医院50万元",
        2000000, ["商贸消费"],
        all_(prefix(["Q84"], "属于卫生行业的医疗机构"), tax_ok(c, "m"), clean(c)),
        ["mat-award-cert"], annual=False)


def clinic_digital(c: Ctx):
    return item(
        "民营医疗机构信息化建设补助", "subsidy", "接入全民健康信息平台的按投入50%补助，最高20万元",
        200000, ["数字化转型"],
        all_(prefix(["Q84"], "属于卫生行业的医疗机构"),
             leaf("entity_type", "in", ["91", "52"], "企业（营利性）或民办非企业单位（非营利性）",
                  "mat-license"),
             clean(c)),
        ["mat-invoices"])


def elderly_care(c: Ctx):
    return item(
        c.pick(["社会办养老机构床位补贴", "养老机构护理型床位建设补贴"]), "subsidy",
        "新增护理型床位每张一次性补贴1万元，单家最高100万元", 1000000, ["商贸消费"],
        all_(leaf("industry", "eq", "Q8514", "属于老年人、残疾人养护服务（Q8514）", "mat-license"),
             leaf("insured_employees", "gte", 5, "参保职工5人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-contract-accept"], annual=False)


def elderly_operation(c: Ctx):
    return item(
        "养老机构运营补贴", "subsidy", "按实际收住失能老人每人每月300元补贴", 360000,
        ["商贸消费"],
        all_(leaf("industry", "eq", "Q8514", "属于老年人、残疾人养护服务（Q8514）", "mat-license"),
             pred("age_years", {"at_least": 1}, "成立满1年", "mat-license"), clean(c)),
        ["mat-social-insurance"])


def disabled_workshop(c: Ctx):
    return item(
        "残疾人辅助性就业机构运营补贴", "subsidy", "按安置人数每人每年6000元补贴", 180000,
        ["稳企稳岗"],
        all_(leaf("insured_employees", "gte", 5, "参保职工5人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-disabled"])


# ---------------------------------------------------------------- transport, construction
def logistics_rating(c: Ctx):
    return item(
        c.pick(["物流企业A级评估奖励", "物流企业等级提升奖励"]), "award",
        "新评为5A级物流企业奖励50万元、4A级20万元", 500000, ["商贸消费"],
        all_(prefix(["G54", "G58", "G59", "G60"], "属于道路运输、多式联运、仓储或快递行业"),
             leaf("revenue", "gte", 3000, "上年度营业收入3000万元以上", "mat-audit"), clean(c)),
        ["mat-award-cert"], annual=False)


def container_barge(c: Ctx, variant="carrier"):
    if variant == "shipper":      # commerce pays the cargo owner
        return item(
            "外贸集装箱经中山港区进出口运费补贴", "subsidy",
            "经中山港区进出口的外贸集装箱每标箱补贴50元，每家最高100万元", 1000000, ["外贸"],
            all_(qual("foreign_trade"),
                 leaf("import_export_value", "gte", 1000, "上年度进出口额1000万元以上",
                      "mat-export-data"),
                 clean(c)),
            ["mat-export-data", "mat-invoices"])
    return item(                   # transport pays the barge operator
        "内河集装箱驳船运输补贴", "subsidy", "驳船运营企业每运输1标箱补贴30元，每家最高200万元",
        2000000, ["外贸"],
        all_(prefix(["G55"], "属于水上运输业"),
             leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-audit"),
             clean(c)),
        ["mat-contract-accept", "mat-invoices"])


def construction_upgrade(c: Ctx):
    return item(
        c.pick(["建筑业企业资质升级奖励", "建筑业企业做大做强奖励"]), "award",
        "新取得施工总承包特级资质的奖励300万元，一级资质100万元", 3000000, ["稳企稳岗"],
        all_(prefix(["E"], "属于建筑业"),
             leaf("revenue", "gte", 5000, "上年度营业收入5000万元以上", "mat-audit"),
             tax_ok(c, "b"), clean(c)),
        ["mat-award-cert"], annual=False)


def prefab_building(c: Ctx):
    return item(
        "装配式建筑示范项目奖励", "award", "评为省级示范项目的奖励50万元", 500000, ["绿色低碳"],
        all_(prefix(["E47", "E48", "C30"], "房屋建筑、土木工程或建材构件生产企业"), clean(c)),
        ["mat-award-cert"], annual=False)


def construction_growth(c: Ctx):
    return item(
        "建筑业产值增长奖励", "award", "产值增速超过20%的按增量的0.5%奖励，最高100万元",
        1000000, ["稳企稳岗"],
        all_(prefix(["E"], "属于建筑业"),
             leaf("revenue_growth", "gt", 20, "上年度营业收入同比增长超过20%", "mat-growth-stat"),
             qual("above_scale", "纳入资质等级以上建筑业统计"), clean(c)),
        ["mat-growth-stat"])


def industrial_upstairs(c: Ctx):
    return item(
        c.pick(["“工业上楼”高标准厂房建设奖励", "新型产业空间建设奖励"]), "award",
        "容积率3.0以上的新建厂房按建筑面积每平方米100元奖励，最高500万元", 5000000,
        ["稳企稳岗"],
        all_(prefix(["C"], "属于制造业"),
             leaf("assets", "gte", 10000, "资产总额1亿元以上", "mat-audit"), clean(c)),
        ["mat-project-filing"], annual=False)


def land_lease_first(c: Ctx):
    return item(
        "工业用地先租后让租金减免", "reduction", "租赁期内前两年租金减半", None, ["稳企稳岗"],
        all_(prefix(["C"], "属于制造业"),
             any_(qual("high_tech"), qual("specialized_new"),
                  leaf("revenue", "gte", 20000, "上年度营业收入2亿元以上", "mat-audit")),
             clean(c)),
        [], annual=False)


def safety_standard(c: Ctx):
    return item(
        c.pick(["安全生产标准化建设补助", "小微企业安全生产标准化达标补助"]), "subsidy",
        "通过二级达标评审的补助5万元，三级2万元", 50000, ["稳企稳岗"],
        all_(prefix(["C", "G59"], "属于制造业或仓储业"), scale("中小微企业", at_most="medium"),
             clean(c)),
        ["mat-safety-standard"], annual=False)


def hazard_upgrade(c: Ctx):
    return item(
        "危险化学品企业安全技术改造补助", "subsidy", "按改造投资的20%补助，最高80万元", 800000,
        ["稳企稳岗"],
        all_(prefix(["C26"], "属于化学原料和化学制品制造业"),
             not_(leaf("serious_violation", "eq", True, "被列入严重违法失信名单",
                       "mat-credit-report")),
             tax_ok(c, "m")),
        ["mat-invoices", "mat-project-filing"])


# ---------------------------------------------------------------- public services
def startup_zero_cost(c: Ctx):
    return item(
        "新开办企业免费刻章", "reduction", "首套5枚印章由政府购买服务免费刻制", None, ["企业开办"],
        all_(leaf("founded", "gte", "2026-01-01", "2026年1月1日以后通过一网通办新设立", "mat-license"),
             leaf("entity_type", "in", ["91", "93"], "企业或农民专业合作社", "mat-license")),
        [], annual=False)


def startup_mail(c: Ctx):
    return item(
        "证照免费寄递", "reduction", "营业执照和印章免费邮寄到企业指定地址", None, ["企业开办"],
        all_(leaf("founded", "gt", "2025-12-31", "2026年新设立的经营主体", "mat-license"),
             leaf("entity_type", "prefix", ["9"], "在市场监管部门登记的经营主体", "mat-license")),
        [], annual=False)


def power_three_zero(c: Ctx):
    return item(
        "小微企业低压用电“三零”接入", "reduction", "表前工程由供电企业投资，用户零上门、零审批、零投资",
        None, ["稳企稳岗"],
        all_(scale("小型或微型企业", **{"in": ["micro", "small"]}),
             leaf("entity_type", "prefix", ["9"], "统一社会信用代码以9开头的经营主体", "mat-license")),
        [], annual=False)


def power_extension(c: Ctx):
    return item(
        "工业园区高压业扩配套工程投资界面延伸", "reduction", "园区内高压用户红线外配套工程由供电企业投资",
        None, ["稳企稳岗"],
        all_(prefix(["C"], "属于制造业"), any_(qual("above_scale"), qual("high_tech"))),
        [], annual=False)


def hq_settlement(c: Ctx, cap=3000000):
    return item(
        f"{c.where}总部企业落户奖励", "award", f"按对地方经济贡献分三年奖励，累计最高{wan(cap)}",
        cap, ["商贸消费"],
        all_(in_town(c), enterprise(c),
             leaf("revenue", "gte", 50000, "上年度营业收入5亿元以上", "mat-audit"),
             leaf("town_since", "gte", "2025-01-01", f"2025年1月1日以后在{c.where}设立或迁入",
                  "mat-registration-record"),
             tax_ok(c, "b"), clean(c)),
        ["mat-audit", "mat-town-tax"], annual=False)


def rent_subsidy(c: Ctx, industries=("C", "I65"), label="属于制造业或软件和信息技术服务业",
                 cap=500000, park=None, since="2024-01-01"):
    """A town's rent subsidy for newcomers; ``park`` makes it the subsidy of one park or
    incubator (its own title, a fixed cut-off date instead of a 2-year window)."""
    title = c.pick([f"{c.where}新引进企业厂房租金补贴", f"{c.where}新落户企业租金补助"])
    if park:
        when = leaf("town_since", "gte", since, f"{since[:4]}年{int(since[5:7])}月{int(since[8:])}日"
                    f"以后在{c.where}设立或迁入", "mat-registration-record")
        title, text = f"{park}入驻企业租金补贴", f"入驻{park}的按实际租金的50%补贴，连续2年，每年最高{wan(cap)}"
    else:
        when = years_in_town(f"在{c.where}设立或迁入不超过2年", at_most=2)
        text = f"按实际租金的30%补贴，连续3年，每年最高{wan(cap)}"
    return item(
        title, "subsidy", text, cap, ["企业开办", "稳企稳岗"],
        all_(in_town(c), prefix(list(industries), label), when,
             not_(prefix(["C25", "C26"], "属于石油煤炭加工或化学原料和化学制品制造业")),
             clean(c)),
        ["mat-rent-invoice", "mat-lease"])
