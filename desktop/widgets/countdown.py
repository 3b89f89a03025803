"""Countdowns: green while there is time, amber under a quarter left, red and negative
once overdue; a tick once the clock stopped on its evidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from core.deadlines import Light

translate = QCoreApplication.translate

COLOURS = {
    Light.GREEN: ("#1e7b34", "#e3f4e6"),
    Light.AMBER: ("#8a5a00", "#fff1cc"),
    Light.RED: ("#b3261e", "#fde2e0"),
    Light.MET: ("#5f6b63", "#eef1ef"),
    Light.LATE: ("#7a3d3a", "#f4e6e5"),
}



def format_left(seconds: float, seconds_per_day: float) -> str:
    """Business time left: h:mm under a working day, else working days (one decimal)."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < seconds_per_day:
        minutes = int(seconds // 60)
        return f"{sign}{minutes // 60}:{minutes % 60:02d}"
    days = seconds / seconds_per_day
    return sign + translate("Countdown", "%1 d").replace("%1", f"{days:.1f}")


def cell_text(cell: Any, seconds_per_day: float) -> str:
    if cell.light is Light.MET:
        return "✓"
    text = format_left(cell.left, seconds_per_day)
    if cell.light is Light.RED:
        text = text.lstrip("-") or "0:00"
        text = (translate("Countdown", "feedback overdue %1") if cell.kind == "follow"
                else translate("Countdown", "overdue %1")).replace("%1", text)
    elif cell.kind == "follow":
        text = translate("Countdown", "feedback %1").replace("%1", text)
    return text + (" *" if cell.provisional else "")


class CountdownDelegate(QStyledItemDelegate):
    """Paints a countdown cell as a coloured pill."""

    def __init__(self, role: int, parent: Any = None):
        super().__init__(parent)
        self._role = role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = index.data(self._role)
        if cell is None or cell.light is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        fg, bg = COLOURS[cell.light]
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = min(option.rect.width() - 8, metrics.horizontalAdvance(text) + 16)
        pill = QRect(option.rect.left() + 4, option.rect.center().y() - metrics.height() // 2 - 2,
                     width, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor(fg))
        font = option.font
        font.setBold(cell.light in (Light.RED, Light.AMBER))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
