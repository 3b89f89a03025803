"""The counter receipt (受理回执): what the enterprise takes home.

It carries the request's number (the station's provisional number while the desk has
not synced yet, said as such), what was asked, and the city's commitments with their
computed dates; a QR code of the number lets the enterprise or 12345 look it up. It is
painted with QPainter so the same drawing goes to a printer, a PDF and the preview.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import segno
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from core.identifiers import mask_phone
from core.ticket_state import ClockKind
from desktop.labels import label
from sync.ticket_queries import RequestDetail

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Receipt:
    hall: str
    number: str
    provisional_number: bool
    taken_at: str
    enterprise: str
    credit_code: str
    contact: str
    kind: str
    description: str
    clerk: str
    commitments: list[tuple[str, str]] = field(default_factory=list)   # (what, by when)
    provisional_dates: bool = False
    printed_at: str = ""

    @classmethod
    def from_detail(cls, detail: RequestDetail, *, hall: str, topic: str, clerk: str,
                    tz: dt.tzinfo, now: dt.datetime) -> Receipt:
        h, state = detail.header, detail.state
        fmt = "%Y-%m-%d %H:%M"
        taken = dt.datetime.fromisoformat(h["created_at"]).astimezone(tz)
        commitments: list[tuple[str, str]] = []
        provisional = False
        if state.answered_at is not None and not state.dispatch_count:
            commitments.append((translate("Receipt", "Answered at the counter"),
                                state.answered_at.astimezone(tz).strftime(fmt)))
        elif state.dispatch_count:
            unit = state.unit_name or ""
            commitments.append((translate("Receipt", "Handled by"), unit))
            for kind, text in ((ClockKind.CONTACT, translate(
                    "Receipt", "The unit contacts you within 1 business hour")),
                               (ClockKind.INTERIM, translate(
                    "Receipt", "Interim reply within 3 working days")),
                               (ClockKind.CLOSE, translate(
                    "Receipt", "Closed within 5 working days")),
                               (ClockKind.FOLLOW, translate(
                    "Receipt", "Next feedback by"))):
                clock = state.latest(kind)
                if clock is not None:
                    by = translate("Receipt", "by %1").replace(
                        "%1", clock.due_at.astimezone(tz).strftime(fmt))
                    if clock.deadline.provisional:
                        by += " *"
                        provisional = True
                    commitments.append((text, by))
        else:
            commitments.append((translate("Receipt", "If your request is dispatched"), translate(
                "Receipt", "the handling unit contacts you within 1 business hour, replies "
                           "within 3 working days and closes it within 5 working days")))
        return cls(
            hall=hall, number=detail.display_number, provisional_number=not h["number"],
            taken_at=taken.strftime(fmt), enterprise=h["enterprise_name"],
            credit_code=h["credit_code"] or "—",
            contact=f"{h['contact_name']} {mask_phone(h['contact_phone'])}",
            kind=f"{label('type', h['type'])} · {topic}", description=h["description"],
            clerk=clerk, commitments=commitments, provisional_dates=provisional,
            printed_at=now.astimezone(tz).strftime(fmt))


def qr_matrix(text: str) -> list[list[bool]]:
    """A regular QR code (never Micro QR: phones do not read those) with its quiet zone."""
    code = segno.make_qr(text, error="m")
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=2)]


def paint(painter: QPainter, page: QRectF, r: Receipt) -> None:
    """Draw the receipt into ``page`` (device units; any resolution)."""
    unit = page.width() / 148.0      # one millimetre on an A5 width
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base = QFont(painter.font())
    y = page.top()

    def text(s: str, size: float, *, bold: bool = False, color: str = "#000000",
             x: float | None = None, width: float | None = None,
             flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        font = QFont(base)
        font.setPixelSize(max(1, int(size * unit)))
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(color))
        left = page.left() if x is None else x
        w = page.width() if width is None else width
        bounds = painter.boundingRect(QRectF(left, y, w, 1e6),
                                      int(flags | Qt.TextFlag.TextWordWrap), s)
        painter.drawText(QRectF(left, y, w, bounds.height()),
                         int(flags | Qt.TextFlag.TextWordWrap), s)
        return bounds.height()

    y += text(r.hall, 4.2, color="#455a64", flags=Qt.AlignmentFlag.AlignHCenter)
    y += text(translate("Receipt", "Enterprise request receipt"), 6.5, bold=True,
              flags=Qt.AlignmentFlag.AlignHCenter) + 3 * unit

    # the QR code of the number, top right
    matrix = qr_matrix(r.number)
    side = 28 * unit
    cell = side / len(matrix)
    qr_left, qr_top = page.right() - side, y
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for row_i, row in enumerate(matrix):
        for col_i, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(qr_left + col_i * cell, qr_top + row_i * cell,
                                        cell + 0.3, cell + 0.3))

    # the longest label, 统一社会信用代码, needs eight characters at 3.6 mm
    label_w, value_x = 31 * unit, page.left() + 32 * unit
    value_w = page.width() - 32 * unit - side - 3 * unit
    rows = [
        (translate("Receipt", "Request No."), r.number),
        (translate("Receipt", "Taken at"), r.taken_at),
        (translate("Receipt", "Enterprise"), r.enterprise),
        (translate("Receipt", "Credit code"), r.credit_code),
        (translate("Receipt", "Contact"), r.contact),
        (translate("Receipt", "Request"), r.kind),
    ]
    for key, value in rows:
        text(key, 3.4, color="#5f6b63", width=label_w)
        h = text(value, 3.8, bold=key == rows[0][0], x=value_x, width=value_w)
        y += max(h, 5 * unit)
    if r.provisional_number:
        y += text(translate("Receipt", "Provisional number from this counter: the official "
                                       "number is assigned when the desk syncs; either one "
                                       "finds this request."),
                  3.0, color="#8a5a00", x=value_x, width=value_w)
    y = max(y, qr_top + side) + 3 * unit
    desc = r.description if len(r.description) <= 240 else r.description[:240] + "…"
    y += text(desc, 3.6, color="#263238") + 4 * unit

    painter.setPen(QColor("#b0bec5"))
    painter.drawLine(page.left(), int(y), page.right(), int(y))
    y += 3 * unit
    y += text(translate("Receipt", "Our commitments"), 4.4, bold=True) + 1.5 * unit
    for what, when in r.commitments:
        text("• " + what, 3.7, width=page.width() * 0.55)
        h = text(when, 3.7, bold=True, x=page.left() + page.width() * 0.56,
                 width=page.width() * 0.44)
        y += max(h, 5.2 * unit)
    if r.provisional_dates:
        y += text(translate("Receipt", "* Provisional: depends on next year's holiday "
                                       "calendar, not yet published; we keep to the "
                                       "published one."),
                  3.0, color="#8a5a00")
    y += 4 * unit
    footer = translate("Receipt", "Questions or supervision: 12345 · Clerk: %1 · Printed %2") \
        .replace("%1", r.clerk).replace("%2", r.printed_at)
    text(footer, 3.0, color="#5f6b63")
    painter.restore()


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                       QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def save_pdf(receipt: Receipt, path: str) -> None:
    writer = QPdfWriter(path)
    writer.setPageLayout(page_layout())
    writer.setResolution(300)
    writer.setTitle(translate("Receipt", "Enterprise request receipt") + " " + receipt.number)
    painter = QPainter(writer)
    try:
        paint(painter, QRectF(writer.pageLayout().paintRectPixels(writer.resolution())
                              .translated(-writer.pageLayout().paintRectPixels(
                                  writer.resolution()).topLeft())), receipt)
    finally:
        painter.end()


def preview_size() -> QSizeF:
    return QSizeF(148 * 4, 210 * 4)   # A5 at 4 px per millimetre
