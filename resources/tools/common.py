"""Shared helpers of the catalogue generator: seeded randomness, invented names and
phone numbers (clearly sample ranges), Chinese numerals, and the reference day."""

from __future__ import annotations

import datetime as dt
import random

SEED = 20261120
TODAY = dt.date(2026, 11, 25)        # the day batch statuses are planned around
VERSION = "2026.11.2"
PUBLISHED_AT = "2026-11-20T09:00:00+08:00"
NOTICE = ("示例数据：本目录中的政策、单位联系人、电话与知识库答复均为演示而编写，"
          "不代表任何真实文件或承诺。")


def rng(label: str) -> random.Random:
    """A generator seeded by SEED and a label, so each file's randomness is independent."""
    return random.Random(f"{SEED}:{label}")


_SURNAMES = tuple("陈李黄梁林何吴郑刘张杨冯罗谭麦苏周彭余郭卢萧邓钟叶杜甘袁谢孙高潘曾古简缪容伍"
                  ) + ("欧阳", "司徒")
_GIVEN = ("伟敏嘉俊颖婷志浩文丽晓慧思泳锦汝家国宇琳燕佩卓瑞淑建海碧倩雪振耀健鸿永"
          "诗欣子华明芳玉凤桂洁智超润培铭杰斌峰德荣霞雯蔚添顺坚炜晖灿彤")


class People:
    """Invented person names and sample phone numbers, never repeated within a run."""

    def __init__(self, label: str) -> None:
        self.r = rng(label)
        self.names: set[str] = set()
        self.phones: set[str] = set()
        self.mobiles: set[str] = set()

    def name(self) -> str:
        while True:
            surname = self.r.choice(_SURNAMES)
            given = "".join(self.r.sample(_GIVEN, 1 if self.r.random() < 0.15 else 2))
            name = surname + given
            if name not in self.names:
                self.names.add(name)
                return name

    def phone(self) -> str:
        """A landline in the sample range 0760-8999xxxx."""
        while True:
            number = f"0760-8999{self.r.randrange(10000):04d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def mobile(self) -> str:
        """A mobile in the sample range 1990760xxxx."""
        while True:
            number = f"1990760{self.r.randrange(10000):04d}"
            if number not in self.mobiles:
                self.mobiles.add(number)
                return number


_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1..99 as Chinese numerals: 3 -> 三, 12 -> 十二, 20 -> 二十."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
