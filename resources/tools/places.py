"""Towns, topics and handling units of the sample catalogue.

Town and department names are the real official ones; addresses, people and phone
numbers are invented (phones in the sample ranges 0760-8999xxxx and 1990760xxxx)."""

from __future__ import annotations

from resources.tools.common import People, rng

# code, name, short, kind, aliases, station prefix, stations, invented address
TOWNS = [
    ("city", "中山市", "中山", "city", ["市本级", "中山市级"], "ZS", 6, "中山市东区博文路28号"),
    ("shiqi", "石岐街道", "石岐", "street", ["石岐区"], "SQ", 3, "中山市石岐街道民康路66号"),
    ("dongqu", "东区街道", "东区", "street", ["东区办事处"], "DQ", 3, "中山市东区街道齐贤路18号"),
    ("zhongshangang", "中山港街道", "中山港", "street",
     ["火炬开发区", "火炬区", "中山火炬高技术产业开发区"], "ZG", 4, "中山市中山港街道火炬路38号"),
    ("xiqu", "西区街道", "西区", "street", ["西区办事处"], "XQ", 2, "中山市西区街道翠景路9号"),
    ("nanqu", "南区街道", "南区", "street", ["南区办事处"], "NQ", 2, "中山市南区街道城南三路50号"),
    ("wuguishan", "五桂山街道", "五桂山", "street", ["五桂山区"], "WG", 2,
     "中山市五桂山街道长命水大道12号"),
    ("minzhong", "民众街道", "民众", "street", ["民众镇"], "MZ", 2, "中山市民众街道民兴路101号"),
    ("nanlang", "南朗街道", "南朗", "street", ["翠亨新区", "翠亨", "南朗镇"], "NL", 3,
     "中山市南朗街道翠亨大道88号"),
    ("huangpu", "黄圃镇", "黄圃", "town", [], "HP", 2, "中山市黄圃镇兴圃大道中23号"),
    ("dongfeng", "东凤镇", "东凤", "town", [], "DF", 2, "中山市东凤镇凤翔大道168号"),
    ("guzhen", "古镇镇", "古镇", "town", ["古镇灯都"], "GZ", 4, "中山市古镇镇中兴大道南1号"),
    ("shaxi", "沙溪镇", "沙溪", "town", [], "SX", 2, "中山市沙溪镇沙溪大道52号"),
    ("tanzhou", "坦洲镇", "坦洲", "town", [], "TZ", 3, "中山市坦洲镇金斗大道79号"),
    ("gangkou", "港口镇", "港口", "town", [], "GK", 2, "中山市港口镇世纪东路20号"),
    ("sanjiao", "三角镇", "三角", "town", [], "SJ", 2, "中山市三角镇福源南路31号"),
    ("henglan", "横栏镇", "横栏", "town", [], "HL", 2, "中山市横栏镇富庆一路6号"),
    ("nantou", "南头镇", "南头", "town", [], "NT", 2, "中山市南头镇南头大道中112号"),
    ("fusha", "阜沙镇", "阜沙", "town", [], "FS", 2, "中山市阜沙镇阜港东路17号"),
    ("sanxiang", "三乡镇", "三乡", "town", [], "SG", 3, "中山市三乡镇文昌西路45号"),
    ("banfu", "板芙镇", "板芙", "town", [], "BF", 2, "中山市板芙镇迎宾大道3号"),
    ("dachong", "大涌镇", "大涌", "town", [], "DC", 2, "中山市大涌镇岐涌路26号"),
    ("shenwan", "神湾镇", "神湾", "town", [], "SW", 2, "中山市神湾镇神湾大道中60号"),
    ("xiaolan", "小榄镇", "小榄", "town", ["小榄镇政务服务中心"], "XL", 4,
     "中山市小榄镇民安南路88号"),
]

TOPICS = [
    ("company_registration", "企业开办/登记注册", "Business start-up and registration"),
    ("deregistration", "企业注销", "Deregistration"),
    ("credit_disclosure", "信用信息公示与修复", "Credit disclosure and repair"),
    ("annual_report", "企业年报", "Annual reports"),
    ("archive_query", "档案查询", "Archive queries"),
    ("intellectual_property", "知识产权", "Intellectual property"),
    ("food_licence", "食品生产许可", "Food production licences"),
    ("financing", "融资", "Financing"),
    ("foreign_talent", "外籍人才入境", "Entry and work of foreign talent"),
    ("labour", "劳动用工", "Labour and employment"),
    ("social_insurance", "社保医保与公积金", "Social insurance, medical insurance and housing fund"),
    ("tax", "税务", "Tax"),
    ("construction_permit", "工程建设审批", "Construction permits"),
    ("environmental_assessment", "环评与排污许可", "Environmental assessment and discharge permits"),
    ("fire_safety", "消防与安全生产", "Fire safety and work safety"),
    ("customs_export", "海关与外贸", "Customs and foreign trade"),
    ("utilities_connection", "水电气报装", "Water, power and gas connection"),
    ("land_use", "用地与不动产", "Land use and real estate"),
    ("tech_qualification", "科技企业认定", "Technology enterprise recognition"),
    ("policy_redemption", "惠企政策兑现", "Subsidies and policy redemption"),
]

HOURS = {
    "std": "工作日 08:30-12:00，14:00-17:30",
    "hall": "工作日 08:30-12:00，14:00-17:30；周六 09:00-12:00 开放部分窗口",
    "summer": "工作日 08:30-12:00，14:30-17:30",
    "power": "营业厅 工作日 08:30-17:30（中午不休息）；95598 热线全天受理",
    "utility": "营业厅 周一至周六 08:30-17:00；抢修热线全天受理",
    "customs": "工作日 08:30-12:00，14:00-17:30；通关业务可预约延时",
}

# id, name, short, kind, topics, issuer, hours key, address (invented)
CITY_UNITS = [
    ("u-zsj", "中山市政务服务和数据管理局", "市政数局", "city_department",
     ["company_registration", "construction_permit", "utilities_connection", "policy_redemption"],
     True, "hall", "中山市东区博文路28号市政务服务中心三楼"),
    ("u-scjg", "中山市市场监督管理局", "市市场监管局", "city_department",
     ["company_registration", "deregistration", "credit_disclosure", "annual_report",
      "archive_query", "food_licence", "intellectual_property"], True, "std",
     "中山市东区松苑路1号"),
    ("u-zscq", "中山市知识产权局", "市知识产权局", "city_department",
     ["intellectual_property"], True, "std", "中山市东区松苑路1号（市市场监管局内）"),
    ("u-fgj", "中山市发展和改革局", "市发改局", "city_department",
     ["credit_disclosure", "policy_redemption", "land_use"], True, "std",
     "中山市东区中山四路1号"),
    ("u-gxj", "中山市工业和信息化局", "市工信局", "city_department",
     ["tech_qualification", "policy_redemption", "financing"], True, "std",
     "中山市东区中山四路1号"),
    ("u-kjj", "中山市科学技术局", "市科技局", "city_department",
     ["tech_qualification", "foreign_talent", "policy_redemption", "financing"], True, "std",
     "中山市东区兴文路16号"),
    ("u-swj", "中山市商务局", "市商务局", "city_department",
     ["customs_export", "policy_redemption"], True, "std", "中山市东区银通街3号"),
    ("u-rsj", "中山市人力资源和社会保障局", "市人社局", "city_department",
     ["labour", "social_insurance", "foreign_talent", "archive_query", "policy_redemption"],
     True, "std", "中山市东区起湾道8号"),
    ("u-sbj", "中山市社会保险基金管理局", "市社保局", "city_department",
     ["social_insurance", "archive_query"], False, "hall", "中山市东区起湾道8号社保服务大厅"),
    ("u-ybj", "中山市医疗保障局", "市医保局", "city_department",
     ["social_insurance"], True, "std", "中山市石岐街道悦来南路22号"),
    ("u-czj", "中山市财政局", "市财政局", "city_department",
     ["policy_redemption", "financing"], True, "std", "中山市东区中山四路1号"),
    ("u-jrj", "中山市地方金融管理局", "市金融局", "city_department",
     ["financing"], True, "std", "中山市东区中山四路1号"),
    ("u-zjj", "中山市住房和城乡建设局", "市住建局", "city_department",
     ["construction_permit", "fire_safety", "archive_query"], True, "std",
     "中山市东区博爱五路20号"),
    ("u-zrj", "中山市自然资源局", "市自然资源局", "city_department",
     ["land_use", "construction_permit"], True, "std", "中山市东区博爱五路26号"),
    ("u-sthj", "中山市生态环境局", "市生态环境局", "city_department",
     ["environmental_assessment"], True, "std", "中山市东区长江北路9号"),
    ("u-nync", "中山市农业农村局", "市农业农村局", "city_department",
     ["policy_redemption", "food_licence"], True, "std", "中山市石岐街道湖滨北路31号"),
    ("u-wglt", "中山市文化广电旅游局", "市文广旅局", "city_department",
     ["policy_redemption"], True, "summer", "中山市东区兴中道21号"),
    ("u-wjj", "中山市卫生健康局", "市卫健局", "city_department",
     ["food_licence", "policy_redemption"], True, "std", "中山市东区中山四路40号"),
    ("u-jtj", "中山市交通运输局", "市交通运输局", "city_department",
     ["policy_redemption", "construction_permit"], True, "std", "中山市东区康华路15号"),
    ("u-slj", "中山市水务局", "市水务局", "city_department",
     ["utilities_connection", "construction_permit"], True, "std", "中山市石岐街道民生路5号"),
    ("u-yjj", "中山市应急管理局", "市应急管理局", "city_department",
     ["fire_safety"], True, "std", "中山市东区中山五路12号"),
    ("u-jyt", "中山市教育和体育局", "市教体局", "city_department",
     ["labour", "policy_redemption"], True, "summer", "中山市东区兴中道9号"),
    ("u-mzj", "中山市民政局", "市民政局", "city_department",
     ["policy_redemption"], True, "std", "中山市东区中山四路1号"),
    ("u-tyjr", "中山市退役军人事务局", "市退役军人事务局", "city_department",
     ["labour"], True, "std", "中山市东区银湾东路6号"),
    ("u-sfj", "中山市司法局", "市司法局", "city_department",
     ["labour", "credit_disclosure"], False, "std", "中山市东区中山四路1号"),
    ("u-tjj", "中山市统计局", "市统计局", "city_department",
     ["tech_qualification"], False, "std", "中山市东区中山四路1号"),
    ("u-cgj", "中山市城市管理和综合执法局", "市城管执法局", "city_department",
     ["construction_permit"], False, "std", "中山市东区东裕路17号"),
    ("u-gjj", "中山市住房公积金管理中心", "市公积金中心", "city_department",
     ["social_insurance"], True, "hall", "中山市东区中山三路33号"),
    ("u-zzb", "中共中山市委组织部（市人才工作领导小组办公室）", "市委人才办", "city_department",
     ["foreign_talent", "policy_redemption"], True, "std", "中山市东区中山四路1号"),
    ("u-wsj", "中山市外事局", "市外事局", "city_department",
     ["foreign_talent"], False, "std", "中山市东区中山四路1号"),
    ("u-crj", "中山市公安局出入境管理支队", "市出入境支队", "city_department",
     ["foreign_talent"], False, "hall", "中山市东区岐关西路66号"),
    ("u-gaj", "中山市公安局", "市公安局", "city_department",
     ["company_registration"], False, "std", "中山市东区岐关西路66号"),
    ("u-daj", "中山市档案馆", "市档案馆", "city_department",
     ["archive_query"], False, "summer", "中山市东区博爱七路18号"),
    ("u-bdc", "中山市不动产登记中心", "市不动产登记中心", "city_department",
     ["land_use", "archive_query"], False, "hall", "中山市东区博爱五路26号一楼"),
    ("u-ggzy", "中山市公共资源交易中心", "市公共资源交易中心", "city_department",
     ["land_use", "construction_permit"], False, "std", "中山市东区博文路28号五楼"),
    ("u-cl", "中山市残疾人联合会", "市残联", "city_department",
     ["labour"], True, "std", "中山市石岐街道莲塘北路3号"),
    ("u-kx", "中山市科学技术协会", "市科协", "city_department",
     ["tech_qualification"], True, "summer", "中山市东区兴文路16号"),
    ("u-ldzc", "中山市劳动人事争议仲裁院", "市劳动仲裁院", "city_department",
     ["labour"], False, "std", "中山市东区起湾道10号"),
    ("u-zgh", "中山市总工会", "市总工会", "city_department",
     ["labour"], False, "std", "中山市东区孙文东路17号"),
    ("u-tax", "国家税务总局中山市税务局", "市税务局", "central_vertical",
     ["tax", "social_insurance", "deregistration", "credit_disclosure"], True, "hall",
     "中山市东区博爱六路2号"),
    ("u-customs", "中山海关", "中山海关", "central_vertical",
     ["customs_export", "annual_report"], True, "customs", "中山市东区中山五路22号"),
    ("u-pbc", "中国人民银行中山市分行", "人行中山市分行", "central_vertical",
     ["financing"], True, "std", "中山市东区中山三路9号"),
    ("u-nfra", "国家金融监督管理总局中山监管分局", "中山金融监管分局", "central_vertical",
     ["financing"], False, "std", "中山市东区中山三路11号"),
    ("u-fire", "中山市消防救援支队", "市消防救援支队", "central_vertical",
     ["fire_safety"], False, "summer", "中山市东区博爱六路9号"),
    ("u-power", "广东电网有限责任公司中山供电局", "中山供电局", "public_utility",
     ["utilities_connection"], True, "power", "中山市东区中山四路6号"),
    ("u-water", "中山公用水务有限公司", "中山公用水务", "public_utility",
     ["utilities_connection"], False, "utility", "中山市石岐街道兴中道18号"),
    ("u-gas", "中山港华燃气有限公司", "港华燃气", "public_utility",
     ["utilities_connection"], False, "utility", "中山市东区起湾道28号"),
]

TOWN_OFFICE_TOPICS = ["policy_redemption", "company_registration", "labour",
                      "tech_qualification", "land_use", "construction_permit"]
_ROLES = ("值班联络员", "企业诉求专员", "业务科室联络人", "窗口负责人")
ALL_DAYS = {"u-power", "u-water", "u-gas", "u-fire", "u-customs", "u-zsj"}


def town_office(code: str, name: str, short: str) -> tuple[str, str, str]:
    """(unit id, name, short name) of a town's economic-development office."""
    if code == "zhongshangang":
        return (f"u-t-{code}", "中山火炬开发区（中山港街道）经济发展和科技信息局", "火炬区经发局")
    return (f"u-t-{code}", f"{name}经济发展和科技统计局", f"{short}经发局")


def build_towns() -> list[dict]:
    return [{"code": code, "name": name, "short": short, "kind": kind, "aliases": aliases,
             "hall": "中山市政务服务中心" if code == "city" else (
                 "中山港街道（火炬开发区）政务服务中心" if code == "zhongshangang"
                 else f"{name}政务服务中心"),
             "address": address,
             "stations": [f"{prefix}{i:02d}" for i in range(1, n + 1)]}
            for code, name, short, kind, aliases, prefix, n, address in TOWNS]


def build_units(people: People) -> list[dict]:
    r = rng("units")
    units = []

    def duty(uid: str) -> list[dict]:
        count = r.choice((1, 2, 2, 3))
        return [{"name": people.name(), "role": _ROLES[0] if i == 0 else r.choice(_ROLES[1:]),
                 "phone": people.phone(), "mobile": people.mobile(),
                 "days": "all" if uid in ALL_DAYS and i == 0 else "weekdays"}
                for i in range(count)]

    for uid, name, short, kind, topics, issuer, hours, address in CITY_UNITS:
        units.append({"id": uid, "name": name, "short": short, "kind": kind, "town": None,
                      "topics": topics, "address": address, "office_hours": HOURS[hours],
                      "duty": duty(uid), "issuer": issuer})
    for code, name, short, _kind, _aliases, _prefix, _n, address in TOWNS[1:]:
        uid, office, office_short = town_office(code, name, short)
        units.append({"id": uid, "name": office, "short": office_short,
                      "kind": "town_office", "town": code, "topics": TOWN_OFFICE_TOPICS,
                      "address": address.replace("号", "号政务服务中心二楼", 1),
                      "office_hours": HOURS["hall" if code in ("xiaolan", "guzhen") else "std"],
                      "duty": duty(uid), "issuer": True})
    return units


def build_topics(units: list[dict]) -> list[dict]:
    """Each topic lists the city-level units that usually handle it (town offices handle
    most topics locally and are not listed)."""
    return [{"code": code, "zh": zh, "en": en,
             "units": [u["id"] for u in units
                       if code in u["topics"] and u["kind"] != "town_office"]}
            for code, zh, en in TOPICS]
