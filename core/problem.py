"""A check's finding: which rule failed on which field, said in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule. ``rule`` is a stable key; ``field`` names the form field."""

    rule: str
    field: str
    message_zh: str
    message_en: str

    def message(self, lang: str = "zh") -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "field": self.field,
                "message_zh": self.message_zh, "message_en": self.message_en}
