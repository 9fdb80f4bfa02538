"""Password-protected .docx/.xlsx/.pptx (encrypted OOXML packages), made with msoffcrypto."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import openpyxl
import pytest
from _office_util import (
    OLE_MAGIC,
    PASSWORD,
    assert_corrupt,
    ctx,
    encrypt_ooxml,
    extract_or_clean_error,
    mutations,
    truncations,
)
from pptx import Presentation

from recognizers.content import Table, TextBlock
from scanner.errors import EncryptedError, LimitExceeded
from scanner.extractors import office_encrypted
from scanner.extractors.base import Extractor
from scanner.extractors.docx import DocxExtractor
from scanner.extractors.office_encrypted import EncryptedOfficeExtractor
from scanner.extractors.pptx import PptxExtractor
from scanner.extractors.xlsx import XlsxExtractor
from scanner.filetype import OLE_ENCRYPTED, detect

EXTRACTOR = EncryptedOfficeExtractor()


def docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("氏名 山田太郎 口座番号 1234567")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名簿"
    ws.append(["氏名", "学籍番号", "口座番号"])
    ws.append(["山田太郎", "S2024001", "1234567"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pptx_bytes() -> bytes:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "山田太郎 090-1234-5678"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


CASES: list[tuple[Callable[[], bytes], Extractor, object]] = [
    (docx_bytes, DocxExtractor(), TextBlock("氏名 山田太郎 口座番号 1234567", "body")),
    (
        xlsx_bytes,
        XlsxExtractor(),
        Table(("氏名", "学籍番号", "口座番号"), [("山田太郎", "S2024001", "1234567")], "名簿"),
    ),
    (pptx_bytes, PptxExtractor(), TextBlock("山田太郎 090-1234-5678", "slide 1")),
]


@pytest.fixture(scope="module")
def encrypted() -> list[bytes]:
    return [encrypt_ooxml(make()) for make, _, _ in CASES]


def test_declares_the_encrypted_package_type() -> None:
    assert OLE_ENCRYPTED in EncryptedOfficeExtractor.mime_types


def test_detected_as_an_encrypted_package(encrypted: list[bytes]) -> None:
    assert detect(encrypted[0]) == OLE_ENCRYPTED


@pytest.mark.parametrize("passwords", [(), ("wrong", "also wrong")])
def test_no_password_or_wrong_ones(encrypted: list[bytes], passwords: tuple[str, ...]) -> None:
    with pytest.raises(EncryptedError) as info:
        EXTRACTOR.extract(encrypted[0], ctx(passwords))
    assert "wrong" not in str(info.value)


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_right_password_yields_the_package(encrypted: list[bytes], case: int) -> None:
    make, inner_extractor, expected = CASES[case]
    result = EXTRACTOR.extract(encrypted[case], ctx(("wrong", PASSWORD)))
    assert result.encrypted
    assert result.blocks == []
    assert result.inner is not None
    assert result.inner[:2] == b"PK"
    assert inner_extractor.extract(result.inner, ctx()).blocks == [expected]


def test_decrypted_size_is_charged_to_the_budget(encrypted: list[bytes]) -> None:
    small = ctx((PASSWORD,), max_expanded_bytes=1000)
    with pytest.raises(LimitExceeded, match="expanded size exceeds"):
        EXTRACTOR.extract(encrypted[0], small)


def test_garbage_is_corrupt() -> None:
    assert_corrupt(EXTRACTOR, OLE_MAGIC + bytes(range(256)) * 8, "encrypted Office file")
    assert_corrupt(EXTRACTOR, b"not an OLE file at all", "encrypted Office file")


def test_damaged_packages_raise_only_our_errors(encrypted: list[bytes]) -> None:
    # extract_or_clean_error supplies the right password, so decryption is attempted
    for data in truncations(encrypted[0]) + mutations(encrypted[0], count=4):
        extract_or_clean_error(EXTRACTOR, data)


def test_excessive_spin_count_is_refused(
    encrypted: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fixtures use Office's 100,000; pretend the cap is below that
    monkeypatch.setattr(office_encrypted, "MAX_SPIN_COUNT", 50_000)
    with pytest.raises(LimitExceeded, match="spin count"):
        EXTRACTOR.extract(encrypted[0], ctx((PASSWORD,)))
