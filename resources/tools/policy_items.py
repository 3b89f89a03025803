"""Templates of redeemable items that city departments (and towns) offer.

Each template takes a ``Ctx`` and returns the item's text, amounts, themes, rule and the
extra materials its batches ask for. Wording, amounts and thresholds are invented for
the sample; the qualification names and GB/T 4754-2017 codes are real.
"""

from __future__ import annotations

from resources.tools.policy_rules import (
    Ctx, all_, any_, clean, enterprise, first, in_town, leaf, no_property_finance, not_, pred,
    prefix, qual, scale, tax_ok)


def item(title, kind, amount_text, amount_max, themes, rule, extra=(), annual=True):
    """An item's data. Its exclusive group and stacking rule come from ``groups`` (by
    template, see ``policies.TEMPLATE_GROUPS``), never from the template itself."""
    return {"title": title, "kind": kind, "amount_text": amount_text,
            "amount_max": amount_max, "themes": list(themes), "rule": rule,
            "extra": list(extra), "annual": annual}


def wan(yuan: int) -> str:
    return f"{yuan // 10000}万元" if yuan % 10000 == 0 else f"{yuan}元"


# ---------------------------------------------------------------- science and technology
def hightech_first(c: Ctx, amount=200000):
    title = c.pick(["高新技术企业首次认定奖励", "首次通过高新技术企业认定一次性奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award",
        c.pick([f"一次性奖励{wan(amount)}", f"首次认定的给予{wan(amount)}奖励"]), amount,
        ["科技创新"],
        all_(in_town(c), first("high_tech", "认定年度首次通过高新技术企业认定，证书在有效期内"),
             clean(c), tax_ok(c)),
        ["mat-hightech"], annual=False)


def hightech_renew(c: Ctx, amount=50000):
    return item(
        c.pick(["高新技术企业重新认定奖励", "高新技术企业到期重新认定补助"]), "award",
        f"重新认定通过的给予{wan(amount)}奖励", amount, ["科技创新"],
        all_(qual("high_tech"),
             not_(first("high_tech", "认定年度首次通过高新技术企业认定（此前未持有过高企证书）")),
             pred("age_years", {"at_least": 3}, "企业成立满三年", "mat-license"),
             clean(c)),
        ["mat-hightech"], annual=False)


def rd_post_subsidy(c: Ctx, cap=2000000):
    ratio = c.pick([3, 3, 4])
    return item(
        c.pick(["企业研究开发费用后补助", "研发投入增量奖补", "企业研发费用补助"]), "subsidy",
        c.pick([f"按上年度研发费用增量的10%给予补助，最高{wan(cap)}",
                f"按经审计研发费用的5%补助，单家每年不超过{wan(cap)}"]), cap, ["科技创新"],
        all_(in_town(c),
             leaf("rd_ratio", "gte", ratio, f"上年度研发费用占营业收入比例不低于{ratio}%",
                  "mat-rd-audit"),
             any_(qual("high_tech"), qual("tech_sme"), qual("innovative_sme")),
             leaf("revenue", "gte", 1000, "上年度营业收入1000万元以上", "mat-audit"),
             clean(c)),
        ["mat-rd-audit", "mat-rd-deduction"])


def engineering_center(c: Ctx):
    return item(
        c.pick(["市级工程技术研究中心认定资助", "新认定市级工程技术研究中心一次性资助"]), "award",
        "新认定的市级工程中心资助30万元，升级为省级的再补差额", 300000, ["科技创新"],
        all_(leaf("rd_ratio", "gte", 4, "上年度研发投入占营业收入比例不低于4%", "mat-rd-audit"),
             leaf("employees", "gte", 50, "从业人数50人以上", "mat-social-insurance"),
             any_(qual("high_tech"), qual("tech_sme")),
             clean(c)),
        ["mat-award-cert"], annual=False)


def new_rd_institution(c: Ctx):
    return item(
        "新型研发机构建设资助", "subsidy", "按研发设备投入的30%资助，最高500万元", 5000000,
        ["科技创新"],
        all_(prefix(["M73", "C27", "C35", "C39", "I65"], "主要从事研究开发或医药、装备、电子信息领域"),
             leaf("assets", "gte", 2000, "资产总额不低于2000万元", "mat-audit"),
             pred("age_years", {"at_most": 5}, "成立不超过5年", "mat-license"),
             clean(c)),
        ["mat-invoices", "mat-project-filing"])


def tech_sme_award(c: Ctx, amount=20000):
    return item(
        c.pick(["科技型中小企业入库奖励", "科技型中小企业评价入库补助"]), "award",
        f"当年首次入库的奖励{wan(amount)}", amount, ["科技创新"],
        all_(in_town(c), first("tech_sme", "当年度首次入库的科技型中小企业"),
             scale("属于中型、小型或微型企业", at_most="medium"),
             tax_ok(c, "ne_d")),
        ["mat-tech-sme"], annual=False)


def innovation_voucher(c: Ctx, kind="创新券"):
    title = c.pick([f"科技{kind}", f"中小企业科技{kind}"])
    if kind == "服务券":        # testing and IP services for small manufacturers
        return item(
            title, "subsidy", "按检验检测、知识产权服务费用的50%抵扣，每家每年最高5万元", 50000,
            ["科技创新", "知识产权"],
            all_(scale("小型或微型企业", at_most="small"), prefix(["C"], "属于制造业"),
                 tax_ok(c, "ne_d"), clean(c)),
            ["mat-contract-accept", "mat-invoices"], annual=False)
    return item(
        title, "subsidy",
        "按科技服务合同金额的50%抵扣，每家每年最高20万元", 200000, ["科技创新"],
        all_(scale("小型或微型企业", at_most="small"),
             prefix(["C", "I", "M"], "属于制造业、信息传输软件和信息技术服务业或科学研究和技术服务业"),
             pred("age_years", {"at_most": 10}, "成立时间不超过10年", "mat-license"),
             clean(c)),
        ["mat-contract-accept"], annual=False)


def tech_loan_interest(c: Ctx):
    return item(
        "科技信贷贴息", "interest_subsidy",
        "按实际支付利息的50%贴息，每家每年最高100万元", 1000000, ["科技创新", "金融扶持"],
        all_(any_(qual("high_tech"), qual("tech_sme"), qual("little_giant")),
             tax_ok(c, "b"), clean(c)),
        ["mat-loan", "mat-interest"])


def tech_insurance(c: Ctx):
    return item(
        "科技保险保费补贴", "subsidy", "按实缴保费的40%补贴，每家每年最高10万元", 100000,
        ["科技创新", "金融扶持"],
        all_(any_(qual("high_tech"), qual("tech_sme")),
             scale("中小微企业", at_most="medium"), clean(c)),
        ["mat-insurance-policy"])


def foreign_expert(c: Ctx):
    return item(
        "外籍高端人才引进资助", "talent", "每引进1名A类外国人才资助30万元，每家最高90万元", 900000,
        ["人才", "科技创新"],
        all_(any_(qual("high_tech"), qual("little_giant"), qual("specialized_new")),
             leaf("rd_ratio", "gte", 3, "上年度研发投入占营业收入比例不低于3%", "mat-rd-audit"),
             clean(c)),
        ["mat-work-permit", "mat-passport", "mat-labour-contracts"], annual=False)


# ---------------------------------------------------------------- industry
def specialized_new(c: Ctx, amount=100000):
    title = c.pick(["专精特新中小企业认定奖励", "省级专精特新中小企业奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award",
        f"新认定的一次性奖励{wan(amount)}", amount, ["科技创新"],
        all_(in_town(c), first("specialized_new", "新认定的广东省专精特新中小企业，认定在有效期内"),
             scale("中小企业（按工信部联企业〔2011〕300号划型）", at_most="medium"), clean(c)),
        ["mat-specialized"], annual=False)


def little_giant(c: Ctx, amount=500000):
    title = c.pick(["国家级专精特新“小巨人”企业奖励", "专精特新“小巨人”企业认定奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award", f"新认定的奖励{wan(amount)}",
        amount, ["科技创新"],
        all_(in_town(c), first("little_giant", "新认定的国家级专精特新“小巨人”企业"),
             tax_ok(c, "b"), clean(c)),
        ["mat-little-giant"], annual=False)


def innovative_sme(c: Ctx):
    return item(
        "创新型中小企业培育补助", "award", "首次评为创新型中小企业的奖励3万元", 30000,
        ["科技创新"],
        all_(first("innovative_sme", "首次评为创新型中小企业"), scale("中小企业", at_most="medium"),
             clean(c)),
        ["mat-innovative"], annual=False)


def first_above_scale(c: Ctx, amount=200000):
    title = c.pick(["工业企业首次升规奖励", "“小升规”工业企业奖励", "新升规工业企业一次性奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award",
        c.pick([f"首次纳入规上工业统计的奖励{wan(amount)}",
                f"奖励{wan(amount)}，分两年等额拨付"]), amount, ["稳企稳岗"],
        all_(in_town(c), prefix(["C"], "属于制造业（GB/T 4754-2017 门类C）"),
             first("above_scale", "当年首次纳入规模以上工业企业统计"),
             leaf("revenue", "gte", 2000, "上年度营业收入2000万元以上", "mat-above-scale"),
             clean(c)),
        ["mat-above-scale"])


def tech_upgrade(c: Ctx, cap=5000000):
    title = c.pick(["工业企业技术改造设备购置奖补", "技术改造投资事后奖补", "工业企业设备更新奖补"])
    amount = c.pick([f"按设备投资额的10%奖补，单个项目最高{wan(cap)}",
                     f"设备投资500万元以上的按8%奖补，最高{wan(cap)}"])
    equipment = (leaf("new_equipment_investment", "gte", 500, "上年度新购进设备投资额500万元以上",
                      "mat-invoices") if "500万元以上" in amount else
                 leaf("new_equipment_investment", "gt", 0, "上年度有新购进设备投资", "mat-invoices"))
    return item(
        title, "subsidy", amount, cap, ["数字化转型"],
        all_(in_town(c), prefix(["C"], "属于制造业"),
             not_(prefix(["C25", "C3011"], "属于石油煤炭加工、水泥制造等产能过剩行业")),
             qual("above_scale"), equipment,
             leaf("revenue", "gte", 2000, "上年度营业收入2000万元以上", "mat-audit"),
             clean(c)),
        ["mat-invoices", "mat-project-filing"])


def digital_transform(c: Ctx, cap=3000000):
    title = c.pick(["数字化智能化改造项目补助", "制造业数字化转型项目奖补"])
    return item(
        f"{c.short}{title}" if c.town else title, "subsidy",
        f"按软硬件及服务投入的20%补助，单个项目最高{wan(cap)}", cap, ["数字化转型"],
        all_(in_town(c), prefix(["C"], "属于制造业"),
             any_(qual("above_scale"), scale("中型及以上企业", at_least="medium")),
             tax_ok(c, "m"), clean(c)),
        ["mat-invoices", "mat-contract-accept"])


def cloud_platform(c: Ctx):
    return item(
        "中小企业上云上平台补贴", "subsidy", "按云服务费的50%补贴，每家最高5万元", 50000,
        ["数字化转型"],
        all_(scale("小型或微型企业", at_most="small"), enterprise(c), no_property_finance(),
             leaf("revenue", "between", [50, 5000], "上年度营业收入在50万元至5000万元之间",
                  "mat-statements"),
             clean(c)),
        ["mat-contract-accept", "mat-invoices"], annual=False)


def industrial_design(c: Ctx):
    return item(
        c.pick(["工业设计中心认定奖励", "省级以上工业设计中心奖励"]), "award",
        "国家级奖励100万元，省级奖励50万元", 1000000, ["科技创新", "数字化转型"],
        all_(prefix(["C", "M74"], "属于制造业或专业技术服务业"),
             leaf("rd_ratio", "gte", 2, "上年度研发（设计）投入占营业收入比例不低于2%",
                  "mat-rd-audit"),
             any_(qual("high_tech"), qual("specialized_new"), qual("above_scale")),
             clean(c)),
        ["mat-award-cert"], annual=False)


def green_factory(c: Ctx, amount=500000):
    title = c.pick(["绿色工厂认定奖励", "绿色制造示范单位奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "award",
        f"国家级绿色工厂奖励{wan(amount)}，省级减半", amount, ["绿色低碳"],
        all_(in_town(c), prefix(["C"], "属于制造业"), qual("above_scale"), clean(c)),
        ["mat-green-cert"], annual=False)


def energy_saving(c: Ctx):
    return item(
        c.pick(["节能技术改造项目补助", "重点用能单位节能改造奖补"]), "subsidy",
        "按核定节能量每吨标准煤500元补助，单个项目最高100万元", 1000000, ["绿色低碳"],
        all_(prefix(["C", "D44"], "属于制造业或电力热力生产和供应业"),
             leaf("revenue", "gte", 5000, "上年度营业收入5000万元以上", "mat-audit"),
             tax_ok(c, "not_c"), clean(c)),
        ["mat-energy-audit", "mat-invoices"])


def stable_growth(c: Ctx, growth=15, amount=300000):
    return item(
        c.pick([f"{c.where}规上工业企业稳增长奖励", f"{c.where}工业产值增长贡献奖"]), "award",
        f"产值增速达到{growth}%以上的按增量的1%奖励，最高{wan(amount)}", amount, ["稳企稳岗"],
        all_(in_town(c), qual("above_scale"),
             leaf("revenue_growth", "gte", growth, f"上年度营业收入同比增长{growth}%以上",
                  "mat-growth-stat"),
             leaf("revenue", "gte", 5000, "上年度营业收入5000万元以上", "mat-audit"),
             clean(c)),
        ["mat-growth-stat"])


# ---------------------------------------------------------------- market regulation, IP
def standard_award(c: Ctx):
    return item(
        c.pick(["主导制定标准奖励", "标准化战略资助（主导制修订标准）"]), "award",
        "主导制定国际标准奖励50万元、国家标准30万元、行业标准10万元", 500000, ["科技创新"],
        all_(enterprise(c),
             any_(qual("high_tech"), qual("specialized_new"), qual("above_scale")),
             clean(c)),
        ["mat-standard"], annual=False)


def quality_award(c: Ctx):
    return item(
        "中山市政府质量奖奖励", "award", "获奖组织奖励100万元，提名奖奖励30万元", 1000000,
        ["商贸消费"],
        all_(qual("above_scale"),
             pred("age_years", {"at_least": 5}, "依法登记注册满5年", "mat-license"),
             leaf("tax_credit_level", "eq", "A", "纳税信用等级为A级", "mat-tax-credit"),
             clean(c)),
        ["mat-award-cert", "mat-audit"], annual=False)


def food_certification(c: Ctx):
    return item(
        "食品企业质量安全体系认证奖励", "award",
        "首次通过HACCP或ISO 22000认证的奖励5万元", 50000, ["商贸消费"],
        all_(prefix(["C13", "C14", "C15"], "属于农副食品加工业、食品制造业或酒饮料茶制造业"),
             scale("中小微企业", at_most="medium"), clean(c)),
        ["mat-food-licence", "mat-award-cert"], annual=False)


def food_testing(c: Ctx):
    return item(
        "小微食品生产企业检验检测费补助", "subsidy", "按实际检测费用的50%补助，每家最高3万元",
        30000, ["商贸消费"],
        all_(prefix(["C13", "C14"], "属于农副食品加工业或食品制造业"),
             scale("小型或微型企业", at_most="small"),
             leaf("entity_type", "in", ["91", "92"], "企业或个体工商户均可申报", "mat-license"),
             clean(c)),
        ["mat-food-licence", "mat-invoices"])


def invention_patent(c: Ctx, per=5000, cap=500000):
    title = c.pick(["发明专利授权资助", "国内发明专利授权奖励"])
    return item(
        f"{c.short}{title}" if c.town else title, "subsidy",
        f"每件国内发明专利资助{wan(per)}，每家每年最高{wan(cap)}", cap, ["知识产权"],
        all_(in_town(c),
             leaf("invention_patents_granted", "gte", 1,
                  "上年度以本单位为专利权人获得授权的发明专利1件以上", "mat-patent"),
             clean(c)),
        ["mat-patent", "mat-patent-register"])


def pct_patent(c: Ctx):
    return item(
        "PCT国际专利申请及境外授权资助", "subsidy",
        "每件境外授权发明专利最高资助5万元，每家每年最高100万元", 1000000, ["知识产权", "外贸"],
        all_(leaf("invention_patents", "gte", 1, "拥有有效发明专利1件以上", "mat-patent"),
             any_(qual("foreign_trade"), leaf("export_value", "gt", 0, "上年度有出口实绩",
                                              "mat-export-data")),
             clean(c)),
        ["mat-patent-register", "mat-invoices"])


def ip_pledge_interest(c: Ctx):
    return item(
        "知识产权质押融资贴息", "interest_subsidy",
        "按贷款市场报价利率（LPR）的50%贴息，每家每年最高50万元", 500000,
        ["知识产权", "金融扶持"],
        all_(leaf("invention_patents", "gte", 1, "拥有有效发明专利1件以上",
                  "mat-patent-register"),
             scale("中小微企业", at_most="medium"), tax_ok(c, "not_in"), clean(c)),
        ["mat-loan", "mat-interest"])


def ip_evaluation(c: Ctx):
    return item(
        "知识产权质押评估费补助", "subsidy", "按评估费的50%补助，每笔最高2万元", 20000,
        ["知识产权", "金融扶持"],
        all_(leaf("invention_patents", "gte", 1, "拥有有效发明专利1件以上",
                  "mat-patent-register"),
             scale("中小微企业", at_most="medium"), clean(c)),
        ["mat-invoices", "mat-loan"])


def trademark_award(c: Ctx):
    return item(
        c.pick(["驰名商标和地理标志商标奖励", "商标品牌培育奖励"]), "award",
        "新认定驰名商标奖励50万元，新注册地理标志证明商标奖励30万元", 500000, ["知识产权"],
        all_(leaf("entity_type", "in", ["91", "93"], "企业或农民专业合作社", "mat-license"),
             clean(c)),
        ["mat-trademark", "mat-award-cert"], annual=False)


def standard_good_behavior(c: Ctx):
    return item(
        "标准化良好行为企业奖励", "award", "确认为AAAA级及以上标准化良好行为企业的奖励5万元",
        50000, ["科技创新"],
        all_(enterprise(c), any_(qual("above_scale"), qual("high_tech")), clean(c)),
        ["mat-award-cert"], annual=False)


def ip_compliance(c: Ctx):
    return item(
        "企业知识产权合规管理体系认证资助", "subsidy",
        "首次通过GB/T 29490-2023认证的资助3万元", 30000, ["知识产权"],
        all_(scale("中小微企业", at_most="medium"),
             any_(leaf("invention_patents", "gte", 1, "拥有有效发明专利1件以上", "mat-patent"),
                  qual("tech_sme")),
             clean(c)),
        ["mat-award-cert", "mat-invoices"], annual=False)


def geo_indication(c: Ctx, product="地理标志产品"):
    return item(
        f"{product}专用标志使用奖励", "award",
        "新核准使用专用标志的每家奖励2万元", 20000, ["知识产权", "商贸消费"],
        all_(in_town(c),
             prefix(["A01", "A04", "C13", "C14"], "属于农业、渔业、农副食品加工业或食品制造业"),
             leaf("entity_type", "in", ["91", "93", "92"], "企业、农民专业合作社或个体工商户",
                  "mat-license"),
             clean(c)),
        ["mat-award-cert"], annual=False)
