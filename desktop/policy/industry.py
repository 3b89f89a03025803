"""Picking an industry code (GB/T 4754-2017《国民经济行业分类》): the 20 sections (门类)
and 97 divisions (大类), plus the groups and classes the sample's rules name, searchable
by code (``C38``), by name (电气) and by pinyin initials (``dqjx``). Any consistent code
may be typed in full (``C3872``) even when the list does not name it; the picker says
which 300号 row (工信部联企业〔2011〕300号) the code falls under.

Keyboard: type to narrow; Up/Down move the highlight without leaving the field; Enter
takes the highlighted code (or the typed one when it is a valid code).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import (QAbstractListModel, QCoreApplication, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, Signal)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from core.scale import REGULATION, SECTIONS, normalize_industry, sectors_for

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
CodeRole = Qt.ItemDataRole.UserRole + 1

# 大类 (two-digit divisions) of GB/T 4754-2017.
DIVISIONS: dict[str, str] = {
    "01": "农业", "02": "林业", "03": "畜牧业", "04": "渔业",
    "05": "农、林、牧、渔专业及辅助性活动",
    "06": "煤炭开采和洗选业", "07": "石油和天然气开采业", "08": "黑色金属矿采选业",
    "09": "有色金属矿采选业", "10": "非金属矿采选业", "11": "开采专业及辅助性活动",
    "12": "其他采矿业",
    "13": "农副食品加工业", "14": "食品制造业", "15": "酒、饮料和精制茶制造业",
    "16": "烟草制品业", "17": "纺织业", "18": "纺织服装、服饰业",
    "19": "皮革、毛皮、羽毛及其制品和制鞋业", "20": "木材加工和木、竹、藤、棕、草制品业",
    "21": "家具制造业", "22": "造纸和纸制品业", "23": "印刷和记录媒介复制业",
    "24": "文教、工美、体育和娱乐用品制造业", "25": "石油、煤炭及其他燃料加工业",
    "26": "化学原料和化学制品制造业", "27": "医药制造业", "28": "化学纤维制造业",
    "29": "橡胶和塑料制品业", "30": "非金属矿物制品业", "31": "黑色金属冶炼和压延加工业",
    "32": "有色金属冶炼和压延加工业", "33": "金属制品业", "34": "通用设备制造业",
    "35": "专用设备制造业", "36": "汽车制造业",
    "37": "铁路、船舶、航空航天和其他运输设备制造业", "38": "电气机械和器材制造业",
    "39": "计算机、通信和其他电子设备制造业", "40": "仪器仪表制造业", "41": "其他制造业",
    "42": "废弃资源综合利用业", "43": "金属制品、机械和设备修理业",
    "44": "电力、热力生产和供应业", "45": "燃气生产和供应业", "46": "水的生产和供应业",
    "47": "房屋建筑业", "48": "土木工程建筑业", "49": "建筑安装业",
    "50": "建筑装饰、装修和其他建筑业",
    "51": "批发业", "52": "零售业",
    "53": "铁路运输业", "54": "道路运输业", "55": "水上运输业", "56": "航空运输业",
    "57": "管道运输业", "58": "多式联运和运输代理业", "59": "装卸搬运和仓储业", "60": "邮政业",
    "61": "住宿业", "62": "餐饮业",
    "63": "电信、广播电视和卫星传输服务", "64": "互联网和相关服务", "65": "软件和信息技术服务业",
    "66": "货币金融服务", "67": "资本市场服务", "68": "保险业", "69": "其他金融业",
    "70": "房地产业",
    "71": "租赁业", "72": "商务服务业",
    "73": "研究和试验发展", "74": "专业技术服务业", "75": "科技推广和应用服务业",
    "76": "水利管理业", "77": "生态保护和环境治理业", "78": "公共设施管理业", "79": "土地管理业",
    "80": "居民服务业", "81": "机动车、电子产品和日用产品修理业", "82": "其他服务业",
    "83": "教育", "84": "卫生", "85": "社会工作",
    "86": "新闻和出版业", "87": "广播、电视、电影和录音制作业", "88": "文化艺术业", "89": "体育",
    "90": "娱乐业",
    "91": "中国共产党机关", "92": "国家机构", "93": "人民政协、民主党派", "94": "社会保障",
    "95": "群众团体、社会团体和其他成员组织", "96": "基层群众自治组织及其他组织",
    "97": "国际组织",
}
# 中类 / 小类 that matter to the sample's rules and to Zhongshan's trades (lamps, small
# appliances, furniture, hardware), and to 300号's finer rows (K70x, G591).
FINER: dict[str, str] = {
    "A014": "蔬菜、食用菌及园艺作物种植", "A041": "水产养殖", "A021": "林木育种和育苗",
    "C135": "屠宰及肉类加工", "C1353": "肉制品及副产品加工", "C171": "棉纺织及印染精加工",
    "C181": "机织服装制造", "C211": "木质家具制造", "C2110": "木质家具制造",
    "C244": "体育用品制造", "C245": "玩具制造", "C246": "游艺器材及娱乐用品制造",
    "C3011": "水泥制造", "C335": "建筑、安全用金属制品制造",
    "C358": "医疗仪器设备及器械制造", "C373": "船舶及相关装置制造",
    "C385": "家用电力器具制造", "C386": "非电力家用器具制造", "C387": "照明器具制造",
    "C3871": "电光源制造", "C3872": "照明灯具制造", "C3873": "舞台及场地用灯制造",
    "C3874": "智能照明器具制造", "C391": "计算机制造", "C3911": "计算机整机制造",
    "C398": "电子元件及电子专用材料制造",
    "F5211": "百货零售", "F5212": "超级市场零售",
    "G591": "装卸搬运", "G592": "通用仓储",
    "H611": "旅游饭店", "H6110": "旅游饭店", "H621": "正餐服务", "H6210": "正餐服务",
    "I651": "软件开发", "I6513": "应用软件开发",
    "K7010": "房地产开发经营", "K7020": "物业管理", "K7030": "房地产中介服务",
    "K7090": "其他房地产业",
    "M7491": "工业设计服务",
}


@cache
def entries() -> tuple[tuple[str, str, int], ...]:
    """(code, name, depth) in code order: sections, their divisions, then finer codes."""
    out: list[tuple[str, str, int]] = []
    finer = sorted(FINER.items())
    for letter, (zh, _en, divisions) in SECTIONS.items():
        out.append((letter, zh, 0))
        for n in divisions:
            div = f"{n:02d}"
            out.append((letter + div, DIVISIONS[div], 1))
            out.extend((code, name, len(code) - 2) for code, name in finer
                       if code[1:3] == div and code[0] == letter)
    return tuple(out)


@cache
def _initials(name: str) -> str:
    from core.textsearch import initials
    return initials(name).lower()


def name_of(code: str | None) -> str:
    """The name of a code, or of the finest listed code above it ("C3879" → 照明器具制造)."""
    if not code:
        return ""
    for n in range(len(code), 0, -1):
        part = code[:n]
        if part in FINER:
            return FINER[part]
        if n == 3 and part[1:] in DIVISIONS:
            return DIVISIONS[part[1:]]
        if n == 1 and part in SECTIONS:
            return SECTIONS[part][0]
    return ""


def describe_code(code: str | None) -> str:
    """"C3872 照明灯具制造（C 制造业 › C38 电气机械和器材制造业）"."""
    if not code:
        return ""
    path = []
    if len(code) > 1 and code[0] in SECTIONS:
        path.append(f"{code[0]} {SECTIONS[code[0]][0]}")
    if len(code) > 3 and code[1:3] in DIVISIONS:
        path.append(f"{code[:3]} {DIVISIONS[code[1:3]]}")
    name = name_of(code)
    head = f"{code} {name}".strip()
    return head + (f"（{' › '.join(path)}）" if path else "")


def scale_row_text(code: str | None) -> str:
    """Which 300号 row a code falls under ("工业（第（二）项）"), or why none does."""
    if not code:
        return ""
    try:
        rows = sectors_for(code)
    except ValueError:
        return ""
    none = translate("IndustryPicker", "not classified by %1; decide by hand").replace(
        "%1", REGULATION.split("《")[0])
    names = "、".join(f"{r.zh}（{r.article}）" if r else none for r in rows)
    if len(rows) > 1:
        return translate("IndustryPicker", "may be %1: a more specific code decides") \
            .replace("%1", names)
    return names


def search(text: str) -> list[tuple[str, str, int]]:
    """Entries for what was typed: a code prefix, part of a name, or pinyin initials; with
    nothing typed, the sections and divisions."""
    needle = "".join(text.split())
    if not needle:
        return [e for e in entries() if e[2] <= 1]
    upper = needle.upper()
    code = normalize_industry(needle)
    out = []
    for entry in entries():
        c, name, _ = entry
        if (c.startswith(upper) or (code and c.startswith(code)) or needle in name
                or (needle.isascii() and needle.isalpha() and _initials(name).startswith(
                    needle.lower()))):
            out.append(entry)
    return out


class IndustryModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, int]] = search("")

    def set_text(self, text: str) -> None:
        self.beginResetModel()
        self._rows = search(text)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        code, name, depth = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{'    ' * depth}{code}  {name}"
        if role == CodeRole:
            return code
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe_code(code)
        return None

    def code_at(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None


class IndustryPicker(QWidget):
    """A code field over a filtered list of GB/T 4754-2017 codes."""

    changed = Signal(str)        # the valid code now chosen ("" when none is)
    accepted = Signal(str)       # Enter on a valid code

    def __init__(self, code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(objectName="industryEdit")
        self.edit.setPlaceholderText(self.tr("Code, name or pinyin initials, e.g. C3872, 灯具, zmdj"))
        self.model = IndustryModel(self)
        self.list = QListView(objectName="industryList")
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMinimumHeight(180)
        self.info = QLabel(objectName="industryInfo")
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.info)
        self.edit.textEdited.connect(self._typed)
        self.list.clicked.connect(lambda ix: self._take(self.model.code_at(ix.row())))
        self.list.doubleClicked.connect(lambda ix: self._enter())
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self._code = ""
        if code:
            self.edit.setText(code)
            self._typed(code)

    @property
    def code(self) -> str:
        return self._code

    def _typed(self, text: str) -> None:
        self.model.set_text(text)
        code = normalize_industry(text) or ""
        if self.model.rowCount():
            row = next((i for i in range(self.model.rowCount())
                        if self.model.code_at(i) == code), 0)
            self.list.setCurrentIndex(self.model.index(row))
        self._set(code)

    def _take(self, code: str | None) -> None:
        if code:
            self.edit.setText(code)
            self._set(code)

    def _set(self, code: str) -> None:
        self._code = code
        if code:
            row = scale_row_text(code)
            self.info.setText(describe_code(code) + (
                "\n" + self.tr("Scale row: %1").replace("%1", row) if row else ""))
        else:
            self.info.setText(self.tr("Not a GB/T 4754-2017 code yet") if self.edit.text().strip()
                              else "")
        self.changed.emit(code)

    def _enter(self) -> None:
        if self._code:
            self.accepted.emit(self._code)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = max(0, min(rows - 1, self.list.currentIndex().row() + step))
        self.list.setCurrentIndex(self.model.index(row))
        self._take(self.model.code_at(row))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self._move(8)
                return True
            if key == Qt.Key.Key_PageUp:
                self._move(-8)
                return True
        return super().eventFilter(obj, event)
