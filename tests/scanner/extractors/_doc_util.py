"""Builders and checks shared by the document and mail extractor tests."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from recognizers.content import Table, TextBlock, block_text
from scanner.extractors.base import ExtractContext, Extraction
from scanner.limits import Limits

# reportlab's built-in Japanese CID font: no font file needed.
JA_FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(JA_FONT))


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one page per item, each line drawn as real (extractable) text."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for lines in pages:
        pdf.setFont(JA_FONT, 12)
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, user: str, owner: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ctx(passwords: tuple[str, ...] = (), **limits: int) -> ExtractContext:
    return ExtractContext.for_file(Limits(**limits), passwords)


def all_text(result: Extraction) -> str:
    return "\n".join(block_text(b) for b in result.blocks)


def texts(result: Extraction) -> list[TextBlock]:
    return [b for b in result.blocks if isinstance(b, TextBlock)]


def tables(result: Extraction) -> list[Table]:
    return [b for b in result.blocks if isinstance(b, Table)]


def assert_content_free(message: str, *secrets: str) -> None:
    """An error message must quote nothing from the file: no Japanese, no secrets."""
    assert not any(ord(c) > 0x2FF for c in message), message
    for secret in secrets:
        assert secret not in message, message
