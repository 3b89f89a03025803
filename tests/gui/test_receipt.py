"""The counter receipt: number, commitments with their dates, a QR code; printable as PDF."""

from __future__ import annotations

import pypdf
import segno

from desktop.receipt import Receipt, qr_matrix, save_pdf
from desktop.screens.receipt_dialog import ReceiptDialog, build_receipt
from tests.conftest import intake_form


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages) \
        .replace("\t", " ")


def test_receipt_of_a_dispatched_request_carries_its_dates(ctx, clock, tmp_path):
    clock.set("2026-09-30T15:50")
    tid, _ = ctx.desk.record_intake(intake_form())
    clock.set("2026-09-30T16:00")
    ctx.desk.dispatch(tid, "u-scjg")
    receipt = build_receipt(ctx, tid)
    assert receipt.number == "SQ01-00001" and receipt.provisional_number
    whens = [when for _, when in receipt.commitments]
    assert whens[0] == "中山市市场监督管理局"
    assert any("2026-09-30 17:00" in w for w in whens)
    assert any("2026-10-10 17:30" in w for w in whens)       # National Day skipped
    assert any("2026-10-13 17:30" in w for w in whens)
    assert "138****8000" in receipt.contact                   # the phone is masked
    path = tmp_path / "receipt.pdf"
    save_pdf(receipt, str(path))
    text = pdf_text(path)   # (CJK extraction from PDFs is unreliable: check the figures)
    assert "SQ01-00001" in text and "2026-10-10 17:30" in text and "2026-10-13 17:30" in text
    assert "12345" in text
    assert ("5个工作日内办结", "2026-10-13 17:30 前") in receipt.commitments


def test_provisional_dates_are_marked(ctx, clock):
    clock.set("2026-12-29T10:00")
    tid, _ = ctx.desk.record_intake(intake_form())
    ctx.desk.dispatch(tid, "u-scjg")
    receipt = build_receipt(ctx, tid)
    assert receipt.provisional_dates
    assert any(when.endswith("*") for _, when in receipt.commitments)


def test_receipt_of_an_undispatched_request_states_the_rules(ctx):
    tid, _ = ctx.desk.record_intake(intake_form())
    receipt = build_receipt(ctx, tid)
    assert "1个工作小时" in receipt.commitments[0][1]


def test_qr_code_is_a_regular_qr_of_the_number():
    matrix = qr_matrix("2026-SQ-000123")
    expected = [list(map(bool, row))
                for row in segno.make_qr("2026-SQ-000123", error="m").matrix_iter(border=2)]
    assert matrix == expected
    assert len(matrix) >= 21 + 4          # version 1 or more, not Micro QR


def test_dialog_previews_and_saves(qtbot, ctx, tmp_path, monkeypatch):
    tid, _ = ctx.desk.record_intake(intake_form())
    dialog = ReceiptDialog(ctx, tid)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=5000)
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    target = tmp_path / "out.pdf"
    monkeypatch.setattr("desktop.screens.receipt_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    dialog.pdf_button.click()
    assert "SQ01-00001" in pdf_text(target)
    assert isinstance(dialog.receipt, Receipt)
