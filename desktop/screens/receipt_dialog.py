"""Preview, print or save the counter receipt of one request."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop.context import AppContext
from desktop.i18n import current_language
from desktop.operations import DeskQuery
from desktop.receipt import Receipt, page_layout, paint, preview_size, save_pdf


def build_receipt(ctx: AppContext, ticket_id: str) -> Receipt:
    """Runs on the desk worker: reads the request and computes the commitments."""
    desk = ctx.desk
    detail = desk.request(ticket_id)
    station = desk.station
    # the station's own name says its hall and counter ("石岐街道政务服务中心 1号窗口")
    hall = station.name if station and station.name else next(
        (t.name for t in ctx.reference.towns if station and t.code == station.town), "")
    topic = ctx.reference.topic_name(detail.header["topic"], current_language())
    clerk = (desk.actor.display or desk.actor.user) if desk.actor else ""
    return Receipt.from_detail(detail, hall=hall, topic=topic, clerk=clerk,
                               tz=desk.schedule.hours.tz, now=desk.clock())


class ReceiptDialog(QDialog):
    def __init__(self, ctx: AppContext, ticket_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Counter receipt"))
        self.ctx = ctx
        self.receipt: Receipt | None = None
        self.preview = QLabel(self.tr("Preparing the receipt…"), objectName="receiptPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print…"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_button = buttons.addButton(self.tr("Save as PDF…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        for b in (self.print_button, self.pdf_button):
            b.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(680, 860)
        DeskQuery(ctx, self, lambda _desk: build_receipt(ctx, ticket_id)) \
            .success(self._ready).run()

    def _ready(self, receipt: Receipt) -> None:
        self.receipt = receipt
        size = preview_size()
        image = QImage(int(size.width()), int(size.height()), QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        margin = 12 * 4
        paint(painter, QRectF(margin, margin, size.width() - 2 * margin,
                              size.height() - 2 * margin), receipt)
        painter.end()
        self.preview.setPixmap(QPixmap.fromImage(image))
        for b in (self.print_button, self.pdf_button):
            b.setEnabled(True)

    def print_(self) -> None:
        if self.receipt is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            paint(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)
                                  .translated(-printer.pageRect(
                                      QPrinter.Unit.DevicePixel).topLeft())), self.receipt)
        finally:
            painter.end()

    def ask_pdf(self) -> None:
        if self.receipt is None:
            return
        name = f"{self.tr('receipt')}-{self.receipt.number}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save receipt as PDF"), name,
                                              "PDF (*.pdf)")
        if path:
            save_pdf(self.receipt, path)
