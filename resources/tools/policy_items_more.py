"""More item templates: trade and consumption, jobs and talent, finance, tax, green
development, agriculture, culture, health, transport, construction and public services.
Wording, amounts and thresholds are invented for the sample."""

from __future__ import annotations

from resources.tools.policy_items import item, wan
from resources.tools.policy_rules import (
    Ctx, all_, any_, clean, enterprise, first, in_town, leaf, no_property_finance, not_, pred,
    prefix, qual, scale, tax_ok)


# ---------------------------------------------------------------- trade and consumption
def export_insurance(c: Ctx, cap=500000):
    title = c.pick(["出口信用保险保费资助", "短期出口信用保险保费扶持"])
    return item(
        f"{c.short}{title}" if c.town else title, "subsidy",
        f"按实缴保费的50%资助，每家每年最高{wan(cap)}", cap, ["外贸", "金融扶持"],
        all_(in_town(c), qual("foreign_trade"),
             leaf("export_value", "gt", 0, "上年度有出口实绩", "mat-export-data"),
             leaf("export_value", "lt", 70000, "上年度出口额低于7亿元（大型外贸企业另行支持）",
                  "mat-export-data"),
             clean(c)),
        ["mat-insurance-policy"])


def trade_fair(c: Ctx, cap=200000, fairs="境外专业展会"):
    title = c.pick([f"参加{fairs}展位费资助", f"{fairs}参展补贴"])
    return item(
        f"{c.short}{title}" if c.town else title, "subsidy",
        f"按展位费的50%资助，每个展会最高5万元，每家每年最高{wan(cap)}", cap, ["外贸"],
        all_(in_town(c), qual("foreign_trade"),
             scale("中小微企业", at_most="medium"),
             leaf("export_value", "between", [10, 70000], "上年度出口额10万元至7亿元",
                  "mat-export-data"),
             clean(c)),
        ["mat-booth"])


def cross_border(c: Ctx):
    return item(
        c.pick(["跨境电商出口奖励", "跨境电子商务企业出口增量奖励"]), "award",
        "按上年度跨境电商出口额的1%奖励，每家最高100万元", 1000000, ["外贸", "数字化转型"],
        all_(qual("foreign_trade"),
             leaf("export_value", "gte", 500, "上年度出口额500万元以上", "mat-export-data"),
             prefix(["F51", "F52", "I64", "C"], "从事批发零售、互联网平台或生产制造"),
             clean(c)),
        ["mat-export-data"])


def retail_growth(c: Ctx, growth=10, cap=300000):
    return item(
        c.pick(["限额以上商贸企业增长奖励", "批零住餐企业稳增长奖励"]), "award",
        f"销售额（营业额）同比增长{growth}%以上的，按增量的1%奖励，最高{wan(cap)}", cap,
        ["商贸消费"],
        all_(in_town(c), prefix(["F51", "F52", "H61", "H62"], "属于批发业、零售业、住宿业或餐饮业"),
             qual("above_scale", "纳入限额以上批发零售住宿餐饮业统计"),
             leaf("revenue_growth", "gte", growth, f"上年度营业收入同比增长{growth}%以上",
                  "mat-growth-stat"),
             clean(c)),
        ["mat-growth-stat"])


def new_retail_above(c: Ctx):
    return item(
        "商贸企业首次升限奖励", "award", "首次纳入限额以上统计的奖励10万元", 100000, ["商贸消费"],
        all_(prefix(["F", "H"], "属于批发和零售业或住宿和餐饮业"),
             first("above_scale", "当年首次纳入限额以上批发零售住宿餐饮业统计"),
             pred("age_years", {"at_least": 1}, "开业满一年", "mat-license"), clean(c)),
        ["mat-growth-stat"], annual=False)


def consumption_event(c: Ctx):
    return item(
        c.pick(["促消费活动补贴", "商圈节庆促消费活动资助"]), "subsidy",
        "按活动实际投入的30%补贴，每场最高20万元", 200000, ["商贸消费"],
        all_(in_town(c), leaf("industry", "in", ["F5211", "F5212", "H6210", "H6110", "R9011"],
                              "综合零售、正餐、饭店或文化娱乐场所经营企业", "mat-license"),
             tax_ok(c), clean(c)),
        ["mat-contract-accept", "mat-invoices"], annual=False)


def foreign_capital(c: Ctx):
    return item(
        c.pick(["外资企业增资扩产奖励", "外商投资企业利润再投资奖励"]), "award",
        "按当年实际使用外资金额的2%奖励，单个项目最高1000万元", 10000000, ["外贸"],
        all_(enterprise(c),
             leaf("assets", "gte", 5000, "资产总额5000万元以上", "mat-audit"),
             any_(qual("foreign_trade"), leaf("import_export_value", "gt", 0,
                                              "上年度有进出口实绩", "mat-export-data")),
             no_property_finance(), clean(c)),
        ["mat-audit"], annual=False)


def customs_aeo(c: Ctx):
    return item(
        "海关高级认证企业通关便利", "reduction",
        "平均查验率降低、优先办理通关、指定专属协调员", None, ["外贸"],
        all_(qual("foreign_trade"),
             leaf("import_export_value", "gte", 100, "上年度进出口额100万元以上",
                  "mat-export-data"),
             tax_ok(c, "b"), clean(c)),
        ["mat-aeo"], annual=False)


def customs_no_guarantee(c: Ctx):
    return item(
        "加工贸易手册免担保", "reduction", "信用良好企业设立手册免予提供保证金或保函", None,
        ["外贸"],
        all_(qual("foreign_trade"), prefix(["C"], "属于制造业"),
             not_(leaf("tax_credit_level", "at_most", "C", "纳税信用等级为C级或D级",
                       "mat-tax-credit")),
             clean(c)),
        [], annual=False)


def processing_trade_upgrade(c: Ctx):
    return item(
        "加工贸易企业转型升级奖励", "award",
        "新设研发中心或自主品牌出口占比提高的，优先列入加工贸易转型升级示范企业并奖励20万元",
        200000, ["外贸"],
        all_(qual("foreign_trade"), prefix(["C"], "属于制造业"),
             leaf("import_export_value", "gte", 500, "上年度进出口额500万元以上",
                  "mat-export-data"),
             clean(c)),
        ["mat-export-data"])


# ---------------------------------------------------------------- jobs and talent
def stable_jobs(c: Ctx):
    return item(
        "失业保险稳岗返还", "reduction", "中小微企业按上年度实际缴纳失业保险费的60%返还，大型企业30%",
        None, ["稳企稳岗"],
        all_(leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             any_(leaf("layoff_rate", "lte", 5.5,
                       "上年度裁员率不高于5.5%（上年度全国城镇调查失业率控制目标）",
                       "mat-social-insurance"),
                  all_(leaf("insured_employees", "lte", 30, "参保职工30人以下",
                            "mat-social-insurance"),
                       leaf("layoff_rate", "lte", 20, "上年度裁员率不高于20%",
                            "mat-social-insurance"))),
             clean(c)),
        ["mat-bank"])


def graduates_hire(c: Ctx, per=1500, cap=150000):
    title = c.pick(["吸纳高校毕业生一次性就业补贴", "招用应届高校毕业生社保补贴"])
    return item(
        f"{c.short}{title}" if c.town else title, "subsidy",
        f"每招用1人补贴{wan(per)}，每家最高{wan(cap)}", cap, ["稳企稳岗", "人才"],
        all_(in_town(c),
             leaf("graduates_hired", "gte", 1, "招用高校毕业生1人以上", "mat-labour-contracts"),
             leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-graduate", "mat-social-insurance"])


def training_subsidy(c: Ctx, variant="skills"):
    """Four different training subsidies, one per issuing document."""
    if variant == "apprentice":
        return item(
            "企业新型学徒制培训补贴", "subsidy",
            "按每名学徒每年5000元补贴，培养期1至2年，每家每年最高50万元", 500000,
            ["稳企稳岗", "人才"],
            all_(prefix(["C", "E", "G", "I65"],
                        "属于制造业、建筑业、交通运输业或软件和信息技术服务业"),
                 leaf("insured_employees", "gte", 10, "参保职工10人以上", "mat-social-insurance"),
                 enterprise(c), clean(c)),
            ["mat-training", "mat-labour-contracts"])
    if variant == "retain":
        return item(
            "困难企业以训稳岗补贴", "subsidy",
            "生产经营困难期间组织职工参加培训的，按每人500元补贴，每家最高20万元", 200000,
            ["稳企稳岗"],
            all_(leaf("revenue_growth", "lt", 0, "上年度营业收入同比下降", "mat-growth-stat"),
                 leaf("insured_employees", "gte", 10, "参保职工10人以上", "mat-social-insurance"),
                 clean(c)),
            ["mat-training"])
    if variant == "order_class":
        return item(
            "校企合作订单班培养补贴", "subsidy", "按订单班学员每人2000元补贴，每家每年最高20万元",
            200000, ["人才"],
            all_(prefix(["C", "E", "I65"], "属于制造业、建筑业或软件和信息技术服务业"),
                 leaf("insured_employees", "gte", 20, "参保职工20人以上", "mat-social-insurance"),
                 clean(c)),
            ["mat-training", "mat-contract-accept"])
    return item(
        "企业职工技能提升培训补贴", "subsidy",
        "按取得职业资格或技能等级证书的人数每人1000至4000元补贴，每家每年最高50万元", 500000,
        ["稳企稳岗", "人才"],
        all_(leaf("insured_employees", "gte", 10, "参保职工10人以上", "mat-social-insurance"),
             enterprise(c), clean(c)),
        ["mat-training"])


def skill_master(c: Ctx):
    return item(
        "技能大师工作室建设资助", "talent", "市级技能大师工作室资助20万元", 200000, ["人才"],
        all_(prefix(["C", "E", "G"], "属于制造业、建筑业或交通运输业"),
             leaf("insured_employees", "gte", 50, "参保职工50人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-award-cert"], annual=False)


def postdoc_station(c: Ctx):
    return item(
        c.pick(["博士后科研工作站建站资助", "博士后创新实践基地建设资助"]), "talent",
        "新设立国家级工作站资助50万元，省级创新实践基地资助30万元", 500000, ["人才", "科技创新"],
        all_(any_(qual("high_tech"), qual("little_giant"), qual("specialized_new")),
             leaf("rd_ratio", "gte", 3, "上年度研发投入占营业收入比例不低于3%", "mat-rd-audit"),
             leaf("employees", "between", [100, 5000], "从业人数100人至5000人",
                  "mat-social-insurance"),
             clean(c)),
        ["mat-award-cert"], annual=False)


def academician_station(c: Ctx):
    return item(
        "院士（专家）工作站建站资助", "talent", "新建院士工作站资助50万元，专家工作站20万元",
        500000, ["人才", "科技创新"],
        all_(any_(qual("high_tech"), qual("specialized_new")),
             leaf("rd_ratio", "gte", 3, "上年度研发投入占营业收入比例不低于3%", "mat-rd-audit"),
             leaf("revenue", "gte", 5000, "上年度营业收入5000万元以上", "mat-audit"), clean(c)),
        ["mat-contract-accept", "mat-award-cert"], annual=False)


def postdoc_living(c: Ctx):
    return item(
        "在站博士后生活补贴", "talent", "每名在站博士后每年补贴10万元，最长2年", 200000, ["人才"],
        all_(any_(qual("high_tech"), qual("specialized_new"), qual("little_giant"),
                  leaf("rd_ratio", "gte", 3, "上年度研发投入占营业收入比例不低于3%",
                       "mat-rd-audit")),
             leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-labour-contracts"])


def talent_housing(c: Ctx, cap=180000):
    title = c.pick(["人才安居补贴", "人才住房租购补贴"])
    return item(
        f"{c.short}{title}" if c.town else title, "talent",
        f"按人才层次每月1000至5000元，最长36个月，每人累计最高{wan(cap)}", cap, ["人才"],
        all_(in_town(c),
             leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             enterprise(c), clean(c)),
        ["mat-talent-card", "mat-housing"], annual=False)


def innovation_team(c: Ctx):
    return item(
        c.pick(["创新创业团队资助", "引进创新创业团队项目资助"]), "talent",
        "A类团队最高1000万元，B类500万元，C类200万元", 10000000, ["人才", "科技创新"],
        all_(prefix(["C27", "C35", "C39", "C40", "I65", "M73"],
                    "属于健康医药、高端装备、电子信息或软件和研发服务领域"),
             leaf("founded", "gte", "2023-01-01", "依托企业于2023年1月1日以后在中山注册成立",
                  "mat-license"),
             clean(c)),
        ["mat-talent-card", "mat-project-filing"], annual=False)


def leading_talent(c: Ctx, variant="award"):
    """The leading-talent award, and the different items two other documents offer."""
    if variant == "housing":
        return item(
            "领军人才安家补贴", "talent", "A类领军人才一次性安家补贴100万元，B类60万元", 1000000,
            ["人才"],
            all_(any_(qual("high_tech"), qual("little_giant"), qual("above_scale")),
                 enterprise(c), clean(c)),
            ["mat-talent-card", "mat-housing", "mat-labour-contracts"], annual=False)
    if variant == "expert":
        return item(
            "院士专家柔性引进项目资助", "talent", "按项目合同金额的30%资助，每个项目最高100万元",
            1000000, ["人才", "科技创新"],
            all_(any_(qual("high_tech"), qual("specialized_new"), qual("tech_sme")),
                 leaf("rd_ratio", "gte", 2, "上年度研发投入占营业收入比例不低于2%",
                      "mat-rd-audit"),
                 clean(c)),
            ["mat-contract-accept", "mat-invoices"], annual=False)
    return item(
        "产业领军人才奖励", "talent", "每人每年最高50万元，连续3年", 1500000, ["人才"],
        all_(any_(qual("high_tech"), qual("above_scale")),
             leaf("revenue", "gte", 10000, "申报单位上年度营业收入1亿元以上", "mat-audit"),
             clean(c)),
        ["mat-talent-card", "mat-labour-contracts"], annual=False)


def foreign_young_talent(c: Ctx):
    return item(
        "外籍青年科技人才来中山工作资助", "talent", "每人每年资助10万元，最长3年", 300000,
        ["人才", "科技创新"],
        all_(any_(qual("high_tech"), qual("tech_sme"), qual("innovative_sme")),
             leaf("rd_ratio", "gte", 2, "上年度研发投入占营业收入比例不低于2%", "mat-rd-audit"),
             clean(c)),
        ["mat-work-permit", "mat-passport", "mat-labour-contracts"], annual=False)


def disabled_jobs(c: Ctx):
    return item(
        "超比例安排残疾人就业奖励", "award", "每超比例安排1人奖励5000元，每家最高10万元", 100000,
        ["稳企稳岗"],
        all_(leaf("employees", "gt", 30, "从业人数超过30人", "mat-social-insurance"),
             leaf("insured_employees", "gte", 20, "参保职工20人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-disabled", "mat-labour-contracts"])


def veteran_hire(c: Ctx):
    return item(
        c.pick(["吸纳退役士兵就业奖励", "招用退役军人一次性奖励"]), "award",
        "每招用1人并签订1年以上劳动合同的奖励3000元，每家最高6万元", 60000, ["稳企稳岗"],
        all_(leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             tax_ok(c, "ne_d"), clean(c)),
        ["mat-veteran"])


def veteran_startup(c: Ctx):
    return item(
        "退役军人创业贷款贴息", "interest_subsidy", "按LPR的50%贴息，最长3年，每人最高6万元",
        60000, ["稳企稳岗", "金融扶持"],
        all_(pred("age_years", {"at_most": 3}, "创办的经营主体成立不超过3年", "mat-license"),
             leaf("entity_type", "in", ["91", "92"], "企业或个体工商户", "mat-license"),
             clean(c)),
        ["mat-veteran", "mat-loan", "mat-interest"])


def edu_industry(c: Ctx, variant="award"):
    if variant == "base":
        return item(
            "校企共建实训基地补助", "subsidy", "按实训基地设备和场地投入的30%补助，最高50万元",
            500000, ["人才"],
            all_(prefix(["C", "G", "I65"], "属于制造业、交通运输业或软件和信息技术服务业"),
                 leaf("insured_employees", "gte", 50, "参保职工50人以上", "mat-social-insurance"),
                 clean(c)),
            ["mat-contract-accept", "mat-invoices"], annual=False)
    return item(
        "产教融合型企业奖励", "subsidy",
        "认定为市级产教融合型企业的奖励30万元", 300000, ["人才"],
        all_(prefix(["C", "I65"], "属于制造业或软件和信息技术服务业"),
             leaf("employees", "gte", 100, "从业人数100人以上", "mat-social-insurance"),
             leaf("graduates_hired", "gte", 5, "招用高校毕业生5人以上", "mat-labour-contracts"),
             clean(c)),
        ["mat-contract-accept"], annual=False)


# ---------------------------------------------------------------- finance
def listing_award(c: Ctx, cap=5000000):
    title = c.pick(["企业上市分阶段奖励", "境内外上市企业奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award",
        f"完成股改、辅导备案、申报受理、成功上市分阶段奖励，累计最高{wan(cap)}", cap,
        ["金融扶持"],
        all_(in_town(c), enterprise(c),
             leaf("revenue", "gte", 10000, "上年度营业收入1亿元以上", "mat-audit"),
             leaf("assets", "gte", 5000, "资产总额5000万元以上", "mat-audit"),
             tax_ok(c, "b"), clean(c)),
        ["mat-listing"], annual=False)


def sme_loan_interest(c: Ctx):
    return item(
        c.pick(["中小微企业贷款贴息", "中小微企业流动资金贷款贴息"]), "interest_subsidy",
        "按LPR的30%贴息，每家每年最高30万元", 300000, ["金融扶持"],
        all_(scale("中小微企业", at_most="medium"), no_property_finance(),
             tax_ok(c, "ne_d"), clean(c)),
        ["mat-loan", "mat-interest"])


def guarantee_fee(c: Ctx):
    return item(
        "融资担保费补贴", "guarantee", "担保费率超过1%的部分全额补贴，每家每年最高20万元",
        200000, ["金融扶持"],
        all_(scale("小型或微型企业", **{"in": ["micro", "small"]}),
             leaf("employees", "lte", 300, "从业人员不超过300人", "mat-social-insurance"),
             clean(c)),
        ["mat-guarantee", "mat-loan"])


def bridge_loan(c: Ctx):
    return item(
        "应急转贷资金支持", "guarantee", "单笔最高2000万元，资金使用费按日万分之一收取",
        20000000, ["金融扶持", "稳企稳岗"],
        all_(scale("中小微企业", at_most="medium"),
             pred("age_years", {"at_least": 2}, "成立满2年", "mat-license"),
             tax_ok(c, "m"), clean(c)),
        ["mat-loan", "mat-statements"], annual=False)


def supply_chain(c: Ctx):
    return item(
        "供应链金融融资费用补贴", "interest_subsidy",
        "核心企业上下游中小企业应收账款融资的，按融资额的1%补贴，每家最高50万元", 500000,
        ["金融扶持"],
        all_(scale("中小微企业", at_most="medium"),
             any_(prefix(["C"], "属于制造业"), prefix(["F51"], "属于批发业")),
             clean(c)),
        ["mat-loan", "mat-invoices"])


def startup_loan(c: Ctx):
    return item(
        "创业担保贷款及贴息", "guarantee",
        "个人最高30万元、小微企业最高400万元，财政按规定贴息", 4000000, ["金融扶持", "企业开办"],
        all_(any_(leaf("entity_type", "eq", "92", "个体工商户", "mat-license"),
                  scale("小微企业", **{"in": ["micro", "small"]})),
             pred("age_years", {"at_most": 5}, "成立不超过5年", "mat-license"),
             clean(c)),
        ["mat-loan"], annual=False)


def startup_grant(c: Ctx):
    return item(
        "一次性创业资助", "subsidy", "首次创业并正常经营6个月以上的资助1万元", 10000,
        ["企业开办"],
        all_(pred("age_years", {"at_most": 3}, "成立不超过3年", "mat-license"),
             leaf("insured_employees", "gte", 1, "本单位参保人数1人以上（可为创业者本人）",
                  "mat-social-insurance"),
             clean(c)),
        ["mat-social-insurance"], annual=False)


def gov_procurement(c: Ctx):
    return item(
        "政府采购合同融资（政采贷）", "guarantee", "按合同金额最高70%授信，无需抵押担保", None,
        ["金融扶持"],
        all_(scale("小型或微型企业", at_most="small"), clean(c)),
        ["mat-contract-accept"], annual=False)


def price_deduction(c: Ctx):
    return item(
        "政府采购小微企业价格扣除", "reduction", "小微企业报价给予10%至20%的价格扣除", None,
        ["稳企稳岗"],
        all_(scale("小型或微型企业", at_most="small"), not_(leaf(
            "entity_type", "eq", "92", "个体工商户", "mat-license")),
             clean(c)),
        [], annual=False)


def pbc_relending(c: Ctx):
    return item(
        "支小再贷款优惠利率贷款", "interest_subsidy",
        "合作银行运用支小再贷款发放的贷款执行优惠利率", None, ["金融扶持"],
        all_(scale("小型或微型企业", **{"in": ["micro", "small"]}), tax_ok(c, "not_in")),
        ["mat-loan"], annual=False)


def rediscount(c: Ctx):
    return item(
        "涉农和小微票据再贴现", "reduction", "符合条件的票据优先办理再贴现，利率低于市场平均",
        None, ["金融扶持"],
        all_(any_(prefix(["A", "C13"], "属于农林牧渔业或农副食品加工业"),
                  scale("小微企业", at_most="small")),
             clean(c)),
        ["mat-invoices"], annual=False)


# ---------------------------------------------------------------- tax
def small_profit_tax(c: Ctx):
    return item(
        "小型微利企业所得税优惠", "reduction", "应纳税所得额减按25%计入，按20%税率缴纳", None,
        ["稳企稳岗"],
        all_(leaf("employees", "lte", 300, "从业人数不超过300人", "mat-cit-return"),
             leaf("assets", "lte", 5000, "资产总额不超过5000万元", "mat-cit-return"),
             not_(leaf("entity_type", "eq", "92", "个体工商户", "mat-license"))),
        [], annual=False)


def six_taxes(c: Ctx):
    return item(
        "“六税两费”减半征收", "reduction", "资源税、城建税等六税和教育费附加、地方教育附加减半",
        None, ["稳企稳岗"],
        any_(leaf("entity_type", "eq", "92", "个体工商户", "mat-license"),
             all_(leaf("employees", "lte", 300, "从业人数不超过300人", "mat-cit-return"),
                  leaf("assets", "lte", 5000, "资产总额不超过5000万元", "mat-cit-return"))),
        [], annual=False)


def rd_deduction(c: Ctx):
    return item(
        "研发费用税前加计扣除", "reduction", "按实际发生额的100%在税前加计扣除", None,
        ["科技创新"],
        all_(leaf("rd_ratio", "gt", 0, "上年度发生研发费用（研发费用占营业收入比例大于0）",
                  "mat-rd-deduction"),
             not_(prefix(["C16", "H", "F", "K70", "L", "R90"],
                         "属于烟草制造、住宿餐饮、批发零售、房地产、租赁和商务服务或娱乐业（负面清单行业）"))),
        ["mat-rd-deduction"], annual=False)


def hightech_rate(c: Ctx):
    return item(
        "高新技术企业减按15%税率征收企业所得税", "reduction", "企业所得税税率由25%降至15%", None,
        ["科技创新"],
        all_(qual("high_tech"), clean(c)), ["mat-hightech"], annual=False)


def equipment_depreciation(c: Ctx):
    return item(
        "设备器具一次性税前扣除", "reduction", "单价500万元以下的新购设备可一次性在税前扣除",
        None, ["数字化转型"],
        all_(enterprise(c), leaf("new_equipment_investment", "gt", 0, "上年度新购进设备器具",
                                 "mat-invoices")),
        ["mat-invoices"], annual=False)


def key_groups_tax(c: Ctx):
    return item(
        "招用重点群体人员税费扣减", "reduction", "每人每年按7800元定额依次扣减增值税及附加和企业所得税",
        None, ["稳企稳岗"],
        all_(leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             enterprise(c)),
        ["mat-labour-contracts"], annual=False)


def housing_fund_relief(c: Ctx):
    return item(
        "困难企业住房公积金缓缴或降比", "reduction", "缴存比例可降至5%或缓缴最长12个月", None,
        ["稳企稳岗"],
        all_(leaf("revenue_growth", "lt", 0, "上年度营业收入同比下降", "mat-growth-stat"),
             leaf("insured_employees", "gte", 1, "参保职工1人以上", "mat-social-insurance"),
             clean(c)),
        ["mat-statements"], annual=False)


def medical_relief(c: Ctx):
    return item(
        "困难中小微企业职工医保单位缴费缓缴", "reduction", "单位缴费部分缓缴最长6个月，免收滞纳金",
        None, ["稳企稳岗"],
        all_(scale("中小微企业", at_most="medium"),
             leaf("revenue_growth", "lte", -10, "上年度营业收入同比下降10%以上", "mat-growth-stat"),
             clean(c)),
        ["mat-statements"], annual=False)
