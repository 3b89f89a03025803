"""The one-time notice (一次性告知单): what the enterprise takes home from the policy
window so it comes back once, complete. From one item's unmet and missing conditions
(judged at the batch's reference date) and the batch's materials — marking those the
enterprise has already handed in (its reusable checklist) and those that expire before
the batch closes — a printable checklist: the enterprise, the item, the batch window,
the receiving unit and its contact, "您尚需满足/补充的条件", "请准备以下材料", the
navigator, the hall and the date.

``build_notice`` runs on the desk's worker and gives a ``Notice`` (plain data); ``paint``
draws it with QPainter page by page, so the same drawing goes to the preview, a printer
(QPrintDialog) and a PDF (QPdfWriter), as the counter receipt does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QColor, QFont, QImage, QKeySequence, QPageLayout, QPageSize, QPainter,
                           QPdfWriter, QPen, QPixmap)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop.context import AppContext
from desktop.operations import DeskQuery
from desktop.policy.common import lang, status_name

translate = QCoreApplication.translate
PAGE_MM = (210.0, 297.0)
MARGIN_MM = 15.0
PREVIEW_PX_PER_MM = 3.2


@dataclass(frozen=True)
class NoticeCondition:
    value: str                      # not_met | missing
    label: str
    clause: str
    required: str
    hint: str
    material: str | None            # the material's name


@dataclass(frozen=True)
class NoticeMaterial:
    material_id: str
    name: str
    note: str
    status: str                     # provided | expires_before_close | expired | needed
    received_on: str | None
    expires_on: str | None
    validity_days: int | None

    @property
    def ready(self) -> bool:
        return self.status == "provided"

    def status_text(self, closes: str) -> str:
        if self.status == "provided":
            text = translate("Notice", "Provided (received %1)").replace("%1", self.received_on or "")
            if self.expires_on:
                text += translate("Notice", ", valid until %1").replace("%1", self.expires_on)
            return text
        if self.status == "expires_before_close":
            return translate("Notice", "Provided, but it expires on %1, before the batch closes on %2: bring a new one then") \
                .replace("%1", self.expires_on or "").replace("%2", closes)
        if self.status == "expired":
            return translate("Notice", "Expired on %1: bring a new one").replace("%1", self.expires_on or "")
        return translate("Notice", "Please prepare")


@dataclass(frozen=True)
class Notice:
    number: str
    hall: str
    enterprise: str
    credit_code: str
    item_id: str
    item_title: str
    amount_text: str
    document_title: str
    doc_number: str
    batch_id: str
    batch_name: str
    opens: str
    closes: str
    batch_status: str
    reference_date: str
    receiving_unit: str
    unit_address: str
    office_hours: str
    contact: str
    channel: str
    outcome: str
    conditions: tuple[NoticeCondition, ...] = ()
    materials: tuple[NoticeMaterial, ...] = ()
    navigator: str = ""
    date: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def to_prepare(self) -> tuple[NoticeMaterial, ...]:
        return tuple(m for m in self.materials if not m.ready)


def material_status(received_on: str | None, expires_on: str | None, today: dt.date,
                    closes: dt.date | None) -> str:
    if not received_on:
        return "needed"
    if expires_on and dt.date.fromisoformat(expires_on) < today:
        return "expired"
    if expires_on and closes and dt.date.fromisoformat(expires_on) < closes:
        return "expires_before_close"
    return "provided"


def build_notice(desk: Any, enterprise_id: str, item_id: str, batch_id: str | None = None,
                 *, hall: str | None = None, navigator: str | None = None) -> Notice:
    """The notice for one enterprise × item × batch (default: the batch that matters
    today). Runs on the desk's worker: it reads the enterprise, its profile, its
    materials checklist and the catalogue."""
    api = desk
    catalogue = api.policy_catalogue()
    line = api.match_item(enterprise_id, item_id, batch_id or None, lang=lang())
    row = desk.enterprise(enterprise_id)
    today = desk.today()
    item, batch = line.item, line.batch
    doc = catalogue.document(item.document_id)
    mats = {m.id: m for m in catalogue.materials}
    conditions = tuple(
        NoticeCondition(t.value, t.label, t.clause, t.required, t.hint,
                        mats[t.material].name if t.material in mats else t.material)
        for t in line.traces if t.value != "met" and not t.moot)
    marks = {m.material_id: m for m in desk.materials_of(enterprise_id, today)}
    materials = []
    for mid in (batch.materials if batch else ()):
        mark = marks.get(mid)
        mat = mats.get(mid)
        received, expires = (mark.received_on, mark.expires_on) if mark else (None, None)
        materials.append(NoticeMaterial(
            mid, mat.name if mat else mid, mat.note if mat else "",
            material_status(received, expires, today, batch.closes if batch else None),
            received, expires, mat.validity_days if mat else None))
    unit = catalogue.unit(batch.receiving_unit_id) if batch else None
    station = desk.station
    if hall is None:
        hall = station.name if station and station.name else ""
        if station and not hall:
            hall = next((t.hall for t in catalogue.towns if t.code == station.town), "")
    if navigator is None:
        navigator = (desk.actor.display or desk.actor.user) if desk.actor else ""
    prefix = station.id if station else "GZ"
    number = f"{prefix}-{today:%Y%m%d}-{item.id}"
    return Notice(
        number=number, hall=hall, enterprise=row.name if row else "",
        credit_code=(row.credit_code or "") if row else "", item_id=item.id,
        item_title=item.title, amount_text=item.amount_text, document_title=doc.title,
        doc_number=doc.doc_number, batch_id=batch.id if batch else "",
        batch_name=batch.name if batch else "", opens=str(batch.opens) if batch else "",
        closes=str(batch.closes) if batch else "", batch_status=line.status,
        reference_date=str(line.verdict.reference_date),
        receiving_unit=unit.name if unit else "", unit_address=unit.address if unit else "",
        office_hours=unit.office_hours if unit else "",
        contact=f"{batch.contact.name} {batch.contact.phone}" if batch else "",
        channel=batch.channel if batch else "", outcome=line.outcome,
        conditions=conditions, materials=tuple(materials), navigator=navigator,
        date=today.isoformat(), notes=batch.notes if batch else "")


# -- painting --------------------------------------------------------------------------------

class Pager:
    """Where ``paint`` draws: a painter, the page's paint rectangle, and how to start a
    new page (a printer's or PDF writer's ``newPage``; a new image for the preview)."""

    def __init__(self, painter: QPainter, rect: QRectF, new_page: Callable[[], QPainter]):
        self.painter, self.rect, self._new = painter, rect, new_page
        self.pages = 1

    def new_page(self) -> None:
        self.painter = self._new()
        self.pages += 1


def paint(pager: Pager, n: Notice) -> int:
    """Draw the notice page by page; returns the number of pages."""
    rect = pager.rect
    unit = rect.width() / (PAGE_MM[0] - 2 * MARGIN_MM)      # one millimetre
    base = QFont(pager.painter.font())
    y = rect.top()

    def measure(s: str, size: float, bold: bool, width: float) -> float:
        font = QFont(base)
        font.setPixelSize(max(1, int(size * unit)))
        font.setBold(bold)
        pager.painter.setFont(font)
        return pager.painter.boundingRect(QRectF(0, 0, width, 1e6),
                                          int(Qt.TextFlag.TextWordWrap), s).height()

    def text(s: str, size: float, *, bold: bool = False, color: str = "#000000",
             x: float = 0.0, width: float | None = None,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        p = pager.painter
        w = rect.width() - x if width is None else width
        h = measure(s, size, bold, w)
        p.setPen(QColor(color))
        p.drawText(QRectF(rect.left() + x, y, w, h), int(align | Qt.TextFlag.TextWordWrap), s)
        return h

    def room(height: float) -> None:
        nonlocal y
        if y + height > rect.bottom():
            pager.new_page()
            y = rect.top()

    def rule(color: str = "#b0bec5") -> None:
        nonlocal y
        pen = QPen(QColor(color))
        pen.setWidthF(max(1.0, 0.25 * unit))
        pager.painter.setPen(pen)
        pager.painter.drawLine(int(rect.left()), int(y), int(rect.right()), int(y))

    def box(checked: bool, warn: bool, size: float) -> None:
        p = pager.painter
        side = size * unit
        r = QRectF(rect.left(), y + 0.6 * unit, side, side)
        pen = QPen(QColor("#8a5a00" if warn else "#263238"))
        pen.setWidthF(max(1.0, 0.3 * unit))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        if checked:
            p.drawLine(int(r.left() + side * 0.2), int(r.top() + side * 0.55),
                       int(r.left() + side * 0.42), int(r.bottom() - side * 0.18))
            p.drawLine(int(r.left() + side * 0.42), int(r.bottom() - side * 0.18),
                       int(r.right() - side * 0.15), int(r.top() + side * 0.2))

    pager.painter.save()
    pager.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if n.hall:
        y += text(n.hall, 3.6, color="#455a64", align=Qt.AlignmentFlag.AlignHCenter)
    y += text(translate("Notice", "One-time notice for policy redemption"), 6.4, bold=True,
              align=Qt.AlignmentFlag.AlignHCenter) + 1 * unit
    y += text(translate("Notice", "No. %1 · %2").replace("%1", n.number).replace("%2", n.date),
              3.2, color="#5f6b63", align=Qt.AlignmentFlag.AlignHCenter) + 3 * unit

    label_w, value_x = 30 * unit, 32 * unit
    value_w = rect.width() - value_x
    window = translate("Notice", "%1 to %2").replace("%1", n.opens).replace("%2", n.closes) \
        if n.opens else translate("Notice", "no batch published yet")
    rows = [
        (translate("Notice", "Enterprise"), n.enterprise, True),
        (translate("Notice", "Credit code"), n.credit_code, False),
        (translate("Notice", "Item"), f"{n.item_title}（{n.item_id}）", True),
        (translate("Notice", "Amount"), n.amount_text, False),
        (translate("Notice", "Policy"), f"{n.document_title} {n.doc_number}", False),
        (translate("Notice", "Batch"), f"{n.batch_name}（{n.batch_id}）" if n.batch_id else "—", False),
        (translate("Notice", "Window"), f"{window}（{status_name(n.batch_status)}）", True),
        (translate("Notice", "Reference date"), translate("Notice", "%1 (conditions are judged on this day)").replace("%1", n.reference_date), False),
        (translate("Notice", "Receiving unit"), "，".join(p for p in (n.receiving_unit, n.unit_address, n.office_hours) if p), False),
        (translate("Notice", "Contact"), n.contact, False),
        (translate("Notice", "Channel"), n.channel, False),
    ]
    for key, value, bold in rows:
        h = max(measure(value or "—", 3.6, bold, value_w), 5 * unit)
        room(h)
        text(key, 3.3, color="#5f6b63", width=label_w)
        text(value or "—", 3.6, bold=bold, x=value_x, width=value_w)
        y += h + 0.6 * unit
    y += 2 * unit
    room(12 * unit)
    rule()
    y += 2.5 * unit
    y += text(translate("Notice", "1. Conditions you still need to meet or prove"), 4.6, bold=True) + 1.5 * unit
    if not n.conditions:
        y += text(translate("Notice", "On our first check the enterprise meets every condition of this item."), 3.7, color="#1b5e20") + 2 * unit
    for i, c in enumerate(n.conditions, 1):
        tag = translate("Notice", "[not met]") if c.value == "not_met" else translate("Notice", "[to be confirmed]")
        head = f"{i}. {tag} {c.label}（{c.clause}）"
        lines = [c.hint or c.required]
        if c.material:
            lines.append(translate("Notice", "Proved by: %1").replace("%1", c.material))
        body = "\n".join(lines)
        need = measure(head, 3.8, True, rect.width()) + measure(body, 3.5, False, rect.width() - 5 * unit)
        room(need + 2 * unit)
        y += text(head, 3.8, bold=True, color="#b3261e" if c.value == "not_met" else "#8a5a00")
        y += text(body, 3.5, x=5 * unit, color="#263238") + 2 * unit
    y += 2 * unit
    room(14 * unit)
    rule()
    y += 2.5 * unit
    y += text(translate("Notice", "2. Please prepare the following materials"), 4.6, bold=True) + 1.5 * unit
    if not n.materials:
        y += text(translate("Notice", "The batch lists no materials."), 3.7) + 2 * unit
    name_x, name_w = 7 * unit, 70 * unit
    state_x = name_x + name_w + 3 * unit
    state_w = rect.width() - state_x
    for i, m in enumerate(n.materials, 1):
        name = f"{i}. {m.name}"
        note = m.note
        state = m.status_text(n.closes)
        h = max(measure(name, 3.7, True, name_w) + (measure(note, 3.1, False, name_w) if note else 0),
                measure(state, 3.4, False, state_w), 5 * unit)
        room(h + 2 * unit)
        box(m.ready, m.status in ("expires_before_close", "expired"), 3.6)
        top = y
        y += text(name, 3.7, bold=True, x=name_x, width=name_w)
        if note:
            y += text(note, 3.1, color="#5f6b63", x=name_x, width=name_w)
        y = top
        colour = {"provided": "#1b5e20", "expires_before_close": "#8a5a00",
                  "expired": "#b3261e"}.get(m.status, "#263238")
        text(state, 3.4, color=colour, x=state_x, width=state_w, bold=m.status != "provided")
        y = top + h + 2 * unit
    if n.notes:
        room(10 * unit)
        y += text(translate("Notice", "Note: %1").replace("%1", n.notes), 3.3, color="#455a64") + 2 * unit
    y += 3 * unit
    room(24 * unit)
    rule()
    y += 2 * unit
    y += text(translate("Notice", "This notice is a first check against %1 and what the window knows of the enterprise; the receiving unit's review decides. Bring everything above at once; questions: the contact above or 12345.").replace("%1", n.doc_number),
              3.2, color="#455a64") + 3 * unit
    sign = translate("Notice", "Navigator: %1    %2    Date: %3").replace("%1", n.navigator) \
        .replace("%2", n.hall).replace("%3", n.date)
    y += text(sign, 3.6)
    pager.painter.restore()
    return pager.pages


def page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def save_pdf(notice: Notice, path: str) -> int:
    """Write the notice as a PDF; returns its number of pages."""
    writer = QPdfWriter(path)
    writer.setPageLayout(page_layout())
    writer.setResolution(300)
    writer.setTitle(translate("Notice", "One-time notice for policy redemption") + " " + notice.number)
    painter = QPainter(writer)
    try:
        paint_rect = writer.pageLayout().paintRectPixels(writer.resolution())
        rect = QRectF(paint_rect.translated(-paint_rect.topLeft()))

        def new_page() -> QPainter:
            writer.newPage()
            return painter
        return paint(Pager(painter, rect, new_page), notice)
    finally:
        painter.end()


def print_notice(notice: Notice, printer: QPrinter) -> int:
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        rect = QRectF(page.translated(-page.topLeft()))

        def new_page() -> QPainter:
            printer.newPage()
            return painter
        return paint(Pager(painter, rect, new_page), notice)
    finally:
        painter.end()


def render_pages(notice: Notice, px_per_mm: float = PREVIEW_PX_PER_MM) -> list[QImage]:
    """The notice as page images (the preview)."""
    size = QSizeF(PAGE_MM[0] * px_per_mm, PAGE_MM[1] * px_per_mm)
    margin = MARGIN_MM * px_per_mm
    images: list[QImage] = []
    painters: list[QPainter] = []

    def start() -> QPainter:
        if painters:
            painters[-1].end()
        image = QImage(int(size.width()), int(size.height()), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        images.append(image)
        painter = QPainter(image)
        painters.append(painter)
        return painter

    first = start()
    rect = QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin)
    paint(Pager(first, rect, start), notice)
    painters[-1].end()
    return images


class NoticeDialog(QDialog):
    """Preview the one-time notice; print it or save it as PDF."""

    def __init__(self, ctx: AppContext, enterprise_id: str, item_id: str,
                 batch_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self.setWindowTitle(self.tr("One-time notice"))
        self.ctx = ctx
        self.notice: Notice | None = None
        self.pages: list[QImage] = []
        self.holder = QWidget()
        self.page_layout = QVBoxLayout(self.holder)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.status = QLabel(self.tr("Preparing the notice…"), objectName="noticeStatus")
        self.page_layout.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidget(self.holder)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #90a4ae; }")
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.print_button.setToolTip("Ctrl+P")
        self.pdf_button = buttons.addButton(self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.setShortcut(QKeySequence("Ctrl+S"))
        self.pdf_button.setToolTip("Ctrl+S")
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        for b in (self.print_button, self.pdf_button):
            b.setEnabled(False)
            b.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(740, 900)
        DeskQuery(ctx, self, lambda desk: build_notice(desk, enterprise_id, item_id, batch_id)) \
            .success(self._ready).run()

    def _ready(self, notice: Notice) -> None:
        self.notice = notice
        self.pages = render_pages(notice)
        self.status.hide()
        for i, image in enumerate(self.pages, 1):
            page = QLabel(objectName=f"noticePage{i}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #607d8b;")
            self.page_layout.addWidget(page)
        for b in (self.print_button, self.pdf_button):
            b.setEnabled(True)
        self.setWindowTitle(self.tr("One-time notice · %1").replace("%1", notice.item_title))

    def print_(self) -> None:
        if self.notice is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_notice(self.notice, printer)

    def ask_pdf(self) -> str | None:
        if self.notice is None:
            return None
        stem = self.tr("notice")
        name = f"{stem}-{self.notice.item_id}-{self.notice.date}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the notice as PDF"), name,
                                              "PDF (*.pdf)")
        if path:
            save_pdf(self.notice, path)
            return path
        return None
