"""Exclusive groups of the sample: items that cannot both be granted for the same thing.

A family of city and town items for the same recognition (高新技术企业首次认定, 升规,
发明专利授权…) or the same expense (a loan's interest, an exhibition's booth fee, an
equipment purchase) is one group with one stacking rule, chosen as a city would:
``highest_only`` (就高不就低: the larger award applies) where the city and the towns
reward the same recognition, ``no_duplicate`` (不重复享受: the enterprise picks one)
where they pay for the same expense. Every member says so in its ``amount_text``.

``GROUPS`` is the single source: the generator puts every item of a family into its
group (``policies.Builder``), and ``--check`` audits that every item whose title names
the family is in it and nothing else is (``audits.family_problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HIGHEST, NO_DUP = "highest_only", "no_duplicate"


@dataclass(frozen=True)
class Group:
    stacking: str
    note: str                  # appended to each member's amount_text: "…；note"
    titles: re.Pattern         # a title naming the family


def _g(stacking: str, note: str, titles: str) -> Group:
    return Group(stacking, note, re.compile(titles))


GROUPS: dict[str, Group] = {
    # the same recognition: city and town awards, the larger one applies
    "xg-hightech-first": _g(HIGHEST, "与市级、镇街同类高企首次认定奖励就高不就低",
                            r"高新技术企业首次认定|首次通过高新技术企业认定"),
    "xg-tech-sme": _g(HIGHEST, "与市级、镇街同类科技型中小企业入库奖励就高不就低",
                      r"科技型中小企业(评价)?入库"),
    "xg-above-scale": _g(HIGHEST, "与市级、镇街同类升规奖励就高不就低", r"升规"),
    "xg-specialized": _g(HIGHEST, "与市级、镇街同类专精特新奖励就高不就低",
                         r"专精特新中小企业"),
    "xg-little-giant": _g(HIGHEST, "与市级、镇街同类“小巨人”奖励就高不就低", r"小巨人"),
    "xg-green-factory": _g(HIGHEST, "与市级、镇街同类绿色制造奖励就高不就低",
                           r"绿色工厂|绿色制造示范"),
    "xg-clean-production": _g(HIGHEST, "与市级、镇街同类清洁生产奖励就高不就低",
                              r"清洁生产审核"),
    "xg-listing": _g(HIGHEST, "同一上市阶段与市级、镇街奖励就高不就低", r"上市分阶段|上市企业奖励"),
    "xg-talent-housing": _g(HIGHEST, "同一人才的市级、镇街住房补贴就高不就低",
                            r"人才(安居|住房租购)补贴"),
    "xg-food-cert": _g(HIGHEST, "与市级、镇街同类认证奖励就高不就低", r"质量安全体系认证"),
    "xg-geo-indication": _g(HIGHEST, "与市级、镇街同类用标奖励就高不就低", r"专用标志使用奖励"),
    "xg-tourism-rating": _g(HIGHEST, "同一评定与市级、镇街奖励就高不就低",
                            r"旅游景区和星级饭店创建|文旅品牌创建"),
    "xg-rd": _g(HIGHEST, "同一年度研发费用的市级、镇街补助就高不就低",
                r"研究开发费用后补助|研发投入增量奖补|企业研发费用补助"),
    "xg-stable-growth": _g(HIGHEST, "同一年度增长的市级、镇街奖励就高不就低",
                           r"规上工业企业稳增长|工业产值增长贡献"),
    "xg-retail-growth": _g(HIGHEST, "同一年度增长的市级、镇街奖励就高不就低",
                           r"批零住餐企业稳增长|限额以上商贸企业增长"),
    "xg-trade-fair": _g(HIGHEST, "同一展会的市级、镇街展位费资助就高不就低",
                        r"参展|展位|开拓国际市场"),
    # the same expense: city and town pay for it once, the enterprise picks one
    "xg-patent": _g(NO_DUP, "同一件专利不重复享受市级、镇街资助", r"发明专利授权"),
    "xg-graduates": _g(NO_DUP, "同一名毕业生不重复享受市级、镇街补贴", r"高校毕业生"),
    "xg-digital": _g(NO_DUP, "同一项目不重复享受市级、镇街数字化改造资助", r"数字化"),
    "xg-equipment": _g(NO_DUP, "同一批设备投资不重复享受市级、镇街奖补",
                       r"技术改造投资|技术改造设备|设备更新奖补|设备投资奖励|智能吊挂|"
                       r"灯饰配套企业技术改造|自动化改造|入园项目投产"),
    "xg-vocs": _g(NO_DUP, "同一治理项目不重复享受市级、镇街资助", r"VOCs|挥发性有机物"),
    "xg-wastewater": _g(NO_DUP, "同一治理或改造项目不重复享受资助", r"废水"),
    "xg-energy-saving": _g(NO_DUP, "同一节能项目不重复享受市级资助", r"节能(技术)?改造"),
    "xg-export-insurance": _g(NO_DUP, "同一保单不重复享受市级、镇街资助", r"出口信用保险"),
    "xg-loan-interest": _g(NO_DUP, "同一笔贷款只享受一项贴息", r"贴息"),
    "xg-guarantee-fee": _g(NO_DUP, "同一笔担保业务不重复享受补贴", r"融资担保费"),
    "xg-consumption": _g(NO_DUP, "同一场活动不重复享受市级、镇街补贴", r"促消费活动"),
    "xg-cold-chain": _g(NO_DUP, "同一设施不重复享受市级、镇街补助", r"冷链"),
    "xg-rent": _g(NO_DUP, "同一场地只享受一项租金补贴", r"租金(补贴|补助)"),
}

# Titles that name a family's words but are something else.
NOT_IN_FAMILY = {
    "xg-loan-interest": re.compile(r"创业担保贷款|退役军人创业"),   # 创业担保贷款贴息: its own scheme
}


def amount_text(text: str, group: str | None) -> str:
    """The member's amount text, saying how it stacks."""
    return text if group is None else f"{text}；{GROUPS[group].note}"
