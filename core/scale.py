"""Enterprise scale (大/中/小/微) by 工信部联企业〔2011〕300号《中小企业划型标准规定》.

The regulation's 第四条 gives, per industry, the lower bounds of 中型 and 小型 and the
ceiling of 中小微型 (``…以下的为中小微型企业``); its statistical companion
(统计上大中小微型企业划分办法, 国统字〔2017〕213号) restates the same thresholds on
GB/T 4754-2017 codes and spells out the logic:

    大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；
    微型企业只须满足所列指标中的一项即可。

So each indicator puts the enterprise in a tier (large when at or above the ceiling,
medium at or above the medium bound, small at or above the small bound, else micro) and
the scale is the *lowest* of those tiers. That is what makes the classification
three-valued with missing inputs: one indicator already in ``micro`` decides (微型只须
满足一项), otherwise a missing indicator leaves the scale undetermined, but never above
the lowest tier known so far (``ScaleResult.at_most``).

``SECTORS`` is the threshold table as data (with the article each row comes from);
``sectors_for(code)`` maps a GB/T 4754-2017 code to its row(s); ``classify`` does the
rest. Pure Python, standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.catalogue import SCALES

__all__ = [
    "REGULATION",
    "SECTIONS",
    "SECTOR",
    "SECTORS",
    "ScaleResult",
    "Sector",
    "classify",
    "normalize_industry",
    "section_of",
    "sectors_for",
]

REGULATION = "工信部联企业〔2011〕300号《中小企业划型标准规定》"
MICRO, SMALL, MEDIUM, LARGE = range(4)          # indices into SCALES
SCALE_ZH = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}
INPUTS = {"employees": ("从业人员", "employees", "人", ""),
          "revenue": ("营业收入", "operating revenue", "万元", " (10k yuan)"),
          "assets": ("资产总额", "total assets", "万元", " (10k yuan)")}


@dataclass(frozen=True)
class Sector:
    """One row of 第四条: the indicators it uses and, per indicator, the ceiling of
    中小微 (large at or above it), the lower bound of 中型 and the lower bound of 小型."""

    key: str
    zh: str
    en: str
    article: str
    inputs: tuple[str, ...]
    large: tuple[float, ...]
    medium: tuple[float, ...]
    small: tuple[float, ...]
    scope: str                                   # the GB/T 4754-2017 codes it covers

    def tier(self, i: int, value: float) -> int:
        if value >= self.large[i]:
            return LARGE
        if value >= self.medium[i]:
            return MEDIUM
        return SMALL if value >= self.small[i] else MICRO

    def rule_text(self, lang: str = "zh") -> str:
        """The row as the regulation words it."""
        def both(bounds: tuple, zh: bool) -> str:
            parts = [f"{INPUTS[k][0]}{_n(b)}{INPUTS[k][2]}及以上" if zh else
                     f"{INPUTS[k][1]} >= {_n(b)}{INPUTS[k][3]}"
                     for k, b in zip(self.inputs, bounds)]
            return ("且" if zh else " and ").join(parts)

        def below(bounds: tuple, zh: bool) -> str:
            parts = [f"{INPUTS[k][0]}{_n(b)}{INPUTS[k][2]}以下" if zh else
                     f"{INPUTS[k][1]} < {_n(b)}{INPUTS[k][3]}" for k, b in zip(self.inputs, bounds)]
            return ("或" if zh else " or ").join(parts)
        zh = lang == "zh"
        if zh:
            return (f"{self.zh}（{REGULATION}第四条{self.article}）：{both(self.large, True)}为大型；"
                    f"{both(self.medium, True)}为中型；{both(self.small, True)}为小型；"
                    f"{below(self.small, True)}为微型")
        return (f"{self.en} (MIIT 2011 No. 300, art. 4 {self.article}): large if "
                f"{both(self.large, False)}; medium if {both(self.medium, False)}; small if "
                f"{both(self.small, False)}; micro if {below(self.small, False)}")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


E, R, A = "employees", "revenue", "assets"
SECTORS: tuple[Sector, ...] = (
    Sector("agriculture", "农、林、牧、渔业", "agriculture, forestry, animal husbandry and fishery",
           "第（一）项", (R,), (20000,), (500,), (50,), "A"),
    Sector("industry", "工业", "industry (mining, manufacturing, utilities)", "第（二）项",
           (E, R), (1000, 40000), (300, 2000), (20, 300), "B, C, D"),
    Sector("construction", "建筑业", "construction", "第（三）项",
           (R, A), (80000, 80000), (6000, 5000), (300, 300), "E"),
    Sector("wholesale", "批发业", "wholesale", "第（四）项",
           (E, R), (200, 40000), (20, 5000), (5, 1000), "F51"),
    Sector("retail", "零售业", "retail", "第（五）项",
           (E, R), (300, 20000), (50, 500), (10, 100), "F52"),
    Sector("transport", "交通运输业", "transport (except railways)", "第（六）项",
           (E, R), (1000, 30000), (300, 3000), (20, 200), "G54-G58, G591 (装卸搬运)"),
    Sector("warehousing", "仓储业", "warehousing", "第（七）项",
           (E, R), (200, 30000), (100, 1000), (20, 100), "G59 except G591"),
    Sector("postal", "邮政业", "postal services", "第（八）项",
           (E, R), (1000, 30000), (300, 2000), (20, 100), "G60"),
    Sector("accommodation", "住宿业", "accommodation", "第（九）项",
           (E, R), (300, 10000), (100, 2000), (10, 100), "H61"),
    Sector("catering", "餐饮业", "catering", "第（十）项",
           (E, R), (300, 10000), (100, 2000), (10, 100), "H62"),
    Sector("telecom", "信息传输业", "information transmission", "第（十一）项",
           (E, R), (2000, 100000), (100, 1000), (10, 100), "I63, I64"),
    Sector("software", "软件和信息技术服务业", "software and IT services", "第（十二）项",
           (E, R), (300, 10000), (100, 1000), (10, 50), "I65"),
    Sector("real_estate", "房地产开发经营", "real-estate development", "第（十三）项",
           (R, A), (200000, 10000), (1000, 5000), (100, 2000), "K7010"),
    Sector("property", "物业管理", "property management", "第（十四）项",
           (E, R), (1000, 5000), (300, 1000), (100, 500), "K7020"),
    Sector("leasing", "租赁和商务服务业", "leasing and business services", "第（十五）项",
           (E, A), (300, 120000), (100, 8000), (10, 100), "L"),
    Sector("other", "其他未列明行业", "other industries", "第（十六）项",
           (E,), (300,), (100,), (10,), "K7030, K7090, M, N, O, P, Q, R"),
)
SECTOR = {s.key: s for s in SECTORS}

# GB/T 4754-2017 sections (门类) and their divisions (大类).
SECTIONS: dict[str, tuple[str, str, range]] = {
    "A": ("农、林、牧、渔业", "agriculture", range(1, 6)),
    "B": ("采矿业", "mining", range(6, 13)), "C": ("制造业", "manufacturing", range(13, 44)),
    "D": ("电力、热力、燃气及水生产和供应业", "utilities", range(44, 47)),
    "E": ("建筑业", "construction", range(47, 51)),
    "F": ("批发和零售业", "wholesale and retail", range(51, 53)),
    "G": ("交通运输、仓储和邮政业", "transport, storage and post", range(53, 61)),
    "H": ("住宿和餐饮业", "accommodation and catering", range(61, 63)),
    "I": ("信息传输、软件和信息技术服务业", "information and software", range(63, 66)),
    "J": ("金融业", "finance", range(66, 70)), "K": ("房地产业", "real estate", range(70, 71)),
    "L": ("租赁和商务服务业", "leasing and business services", range(71, 73)),
    "M": ("科学研究和技术服务业", "research and technical services", range(73, 76)),
    "N": ("水利、环境和公共设施管理业", "water, environment, public facilities", range(76, 80)),
    "O": ("居民服务、修理和其他服务业", "household and repair services", range(80, 83)),
    "P": ("教育", "education", range(83, 84)),
    "Q": ("卫生和社会工作", "health and social work", range(84, 86)),
    "R": ("文化、体育和娱乐业", "culture, sports and entertainment", range(86, 91)),
    "S": ("公共管理、社会保障和社会组织", "public administration", range(91, 97)),
    "T": ("国际组织", "international organisations", range(97, 98)),
}
# Codes the regulation does not classify (第二条's list of industries leaves them out).
EXCLUDED = {"J": "金融业（按《金融业企业划型标准规定》银发〔2015〕309号划型）",
            "G53": "铁路运输业（第二条：交通运输业不含铁路运输业）",
            "K704": "自有房地产经营活动",
            "S": "公共管理、社会保障和社会组织（不是企业）",
            "T": "国际组织"}
_BY_DIVISION = {"51": "wholesale", "52": "retail", "54": "transport", "55": "transport",
                "56": "transport", "57": "transport", "58": "transport", "60": "postal",
                "61": "accommodation", "62": "catering", "63": "telecom", "64": "telecom",
                "65": "software"}
_BY_SECTION = {"A": "agriculture", "B": "industry", "C": "industry", "D": "industry",
               "E": "construction", "L": "leasing", "M": "other", "N": "other", "O": "other",
               "P": "other", "Q": "other", "R": "other"}
_CODE = re.compile(r"([A-T])?(\d{2,4})?")


def section_of(division: str) -> str | None:
    """The section letter of a 2-digit division ("39" → "C")."""
    n = int(division)
    return next((s for s, (_, _, r) in SECTIONS.items() if n in r), None)


def normalize_industry(text: str) -> str | None:
    """"C3911", "c 3911", "3911" → "C3911"; None unless a consistent GB/T 4754-2017 code."""
    m = _CODE.fullmatch(re.sub(r"\s+", "", text or "").upper())
    if not m or not (m.group(1) or m.group(2)) or (m.group(2) and len(m.group(2)) < 2):
        return None
    letter, digits = m.group(1), m.group(2) or ""
    if digits:
        sec = section_of(digits[:2])
        if sec is None or (letter and letter != sec):
            return None
        letter = sec
    return letter + digits


def _candidates(code: str) -> tuple[str | None, ...]:
    """Sector keys a code may fall in; None stands for "not classified by 300号"."""
    letter, digits = code[0], code[1:]
    if letter in EXCLUDED or code[:3] in EXCLUDED or code[:4] in EXCLUDED:
        return (None,)
    if letter in _BY_SECTION:
        return (_BY_SECTION[letter],)
    div = digits[:2]
    if letter == "K":
        if len(digits) < 3:
            return ("real_estate", "property", "other", None)
        return {"1": ("real_estate",), "2": ("property",), "4": (None,)}.get(digits[2], ("other",))
    if letter == "G" and div == "59":
        return ("transport", "warehousing") if len(digits) < 3 else (
            ("transport",) if digits[2] == "1" else ("warehousing",))
    if div:
        return (_BY_DIVISION[div],)
    return {"F": ("wholesale", "retail"), "G": ("transport", "warehousing", "postal", None),
            "H": ("accommodation", "catering"), "I": ("telecom", "software")}[letter]


def sectors_for(code: str) -> tuple[Sector | None, ...]:
    """The 第四条 row(s) for a GB/T 4754-2017 code: one when the code is precise enough,
    several when it is not (``F`` may be wholesale or retail), ``(None,)`` when the
    regulation does not classify the industry (finance, railways, public bodies)."""
    norm = normalize_industry(code)
    if norm is None:
        raise ValueError(f"industry: expected a GB/T 4754-2017 code such as C3911, got {code!r}")
    return tuple(SECTOR[k] if k else None for k in _candidates(norm))


@dataclass(frozen=True)
class ScaleResult:
    """``scale`` is None when undetermined; ``at_most`` is then the largest scale still
    possible (the smallest is always micro); ``missing`` lists the inputs that would
    decide it ("industry" when the code is too coarse or absent). ``basis`` (Chinese) and
    ``basis_en`` name the rule applied with its thresholds and how the inputs fell."""

    scale: str | None
    missing: tuple[str, ...] = ()
    at_most: str | None = None
    sector: str | None = None          # Sector.key; None when unknown or not classified
    covered: bool = True               # False: the regulation does not classify the industry
    industry: str | None = None        # the code classified
    bands: tuple = ()                  # ((input, value, band index), ...) of the row applied
    candidates: tuple = ()             # sector keys (None: not classified) the code may be

    @property
    def range(self) -> tuple[int, int]:
        """(lowest, highest) possible scale as indices into SCALES."""
        if self.scale is not None:
            i = SCALES.index(self.scale)
            return i, i
        return MICRO, SCALES.index(self.at_most or "large")

    @property
    def basis(self) -> str:
        return self._explain(True)

    @property
    def basis_en(self) -> str:
        return self._explain(False)

    def _explain(self, zh: bool) -> str:
        code = self.industry or ("缺失" if zh else "missing")
        if not self.covered:
            norm = self.industry or ""
            why = next(EXCLUDED[k] for k in (norm[:4], norm[:3], norm[:1]) if k in EXCLUDED)
            return (f"{norm}属于{why}，不在{REGULATION}的划型范围内，需人工认定规模" if zh
                    else f"{norm}: not classified by MIIT 2011 No. 300; classify by hand")
        high = SCALES.index(self.at_most or "large")
        bound = ((f"，至多为{SCALE_ZH[SCALES[high]]}" if zh else f", at most {SCALES[high]}")
                 if self.scale is None and high < LARGE else "")
        if self.sector is None:          # several candidate rows
            names = "、".join(SECTOR[k].zh if k else "不划型行业" for k in self.candidates)
            if self.scale is not None:
                return (f"行业代码{code}可能属于{names}，按各标准均为{SCALE_ZH[self.scale]}企业"
                        if zh else f"industry {code}: {self.scale} under every candidate row")
            if zh:
                return (f"行业代码{code}不够具体，可能属于{names}" if self.industry
                        else "缺少行业代码，无法确定适用的划型标准") + bound
            return f"industry {code}: the row to apply is unknown{bound}"
        sector = SECTOR[self.sector]
        text = sector.rule_text("zh" if zh else "en") + ("。" if zh else ".")
        if self.bands:
            text += _why(self.bands, zh) if zh else " " + _why(self.bands, False)
        if self.scale is None:
            lacking = ("、" if zh else ", ").join(INPUTS[m][0] if zh else m for m in self.missing)
            return (f"{text}{'；' if self.bands else ''}缺少{lacking}，无法划型{bound}" if zh
                    else f"{text} Missing {lacking}: undetermined{bound}")
        if not zh:
            return f"{text} → {self.scale}"
        rule = ("（微型只须满足一项）" if self.scale == "micro" and len(self.bands) < len(sector.inputs)
                else "；须同时满足各项下限，取较低一档" if len(self.bands) > 1 else "")
        return f"{text}{rule}，为{SCALE_ZH[self.scale]}企业"


def _one(sector: Sector, values: dict[str, float | None]) -> tuple[int | None, int, tuple, tuple]:
    """(scale or None, highest possible, missing inputs, ((input, value, band), ...))."""
    bands, missing = [], []
    for i, name in enumerate(sector.inputs):
        v = values[name]
        if v is None:
            missing.append(name)
        else:
            bands.append((name, v, sector.tier(i, v)))
    low = min((t for _, _, t in bands), default=LARGE)
    if not missing or low == MICRO:
        return low, low, (), tuple(bands)
    return None, low, tuple(missing), tuple(bands)


def _why(bands: tuple, zh: bool) -> str:
    if zh:
        return "，".join(f"{INPUTS[k][0]}{_n(v)}{INPUTS[k][2]}属{SCALE_ZH[SCALES[t]]}档"
                        for k, v, t in bands)
    return ", ".join(f"{INPUTS[k][1]} {_n(v)}{INPUTS[k][3]} is in the {SCALES[t]} band"
                     for k, v, t in bands)


@lru_cache(maxsize=4096)
def _sectors_cached(code: str | None) -> tuple[Sector | None, ...]:
    return sectors_for(code) if code else SECTORS


def classify(industry_code: str | None, employees: float | None, revenue: float | None,
             assets: float | None) -> ScaleResult:
    """Scale by 300号 from the GB/T 4754-2017 code, employees (人), previous year's
    operating revenue (万元) and total assets (万元); any input may be None."""
    values = {"employees": employees, "revenue": revenue, "assets": assets}
    cands = _sectors_cached(industry_code or None)
    if cands == (None,):
        return ScaleResult(None, (), "large", None, False, normalize_industry(industry_code))
    keys = tuple(s.key if s else None for s in cands)
    if len(cands) == 1:
        scale, high, missing, bands = _one(cands[0], values)
        return ScaleResult(None if scale is None else SCALES[scale], missing, SCALES[high],
                           cands[0].key, True, industry_code, bands, keys)
    results = [_one(s, values) for s in cands if s is not None]
    scales = {r[0] for r in results}
    high = LARGE if None in cands else max(r[1] for r in results)
    if len(scales) == 1 and None not in scales and None not in cands:
        s = SCALES[scales.pop()]
        return ScaleResult(s, (), s, None, True, industry_code, (), keys)
    missing = ("industry",) + tuple(sorted({m for r in results for m in r[2]},
                                           key=list(INPUTS).index))
    return ScaleResult(None, missing, SCALES[high], None, True, industry_code, (), keys)
