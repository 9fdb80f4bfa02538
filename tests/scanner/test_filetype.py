"""Types come from content, never from the extension."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from scanner import filetype


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["氏名", "学籍番号"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("氏名 山田太郎")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_xlsx_is_a_workbook_whatever_its_name() -> None:
    assert filetype.detect(xlsx_bytes()) == filetype.XLSX


def test_docx() -> None:
    assert filetype.detect(docx_bytes()) == filetype.DOCX


def test_csv_without_extension_is_text() -> None:
    assert filetype.detect("氏名,学籍番号\n山田太郎,1234567\n".encode("cp932")).startswith("text/")


def test_encrypted_ooxml_is_recognised() -> None:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx_bytes())).encrypt("pw", out)
    assert filetype.detect(out.getvalue()) == filetype.OLE_ENCRYPTED


def test_ooxml_with_odd_member_order_is_still_recognised() -> None:
    # A workbook whose [Content_Types].xml is not the first member: libmagic alone may
    # say "zip"; the member names settle it.
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name in sorted(src.namelist(), reverse=True):
            dst.writestr(name, src.read(name))
    assert filetype.detect(buf.getvalue()) == filetype.XLSX


def test_odf_by_mimetype_member() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", filetype.ODS, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<x/>")
    assert filetype.detect(buf.getvalue()) == filetype.ODS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "application/x-empty"),
        (b"PK\x03\x04broken", None),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk", None),
    ],
)
def test_odd_inputs_do_not_raise(data: bytes, expected: str | None) -> None:
    mime = filetype.detect(data)
    if expected:
        assert mime == expected


@pytest.mark.parametrize(
    ("text", "is_json"),
    [
        ('[{"氏名": "山田"', True),  # truncated JSON is still JSON to its extractor
        ('{"records": [', True),
        ("[重要] 会議の連絡\n", False),
        ("{本文}\n", False),
    ],
)
def test_broken_json_is_routed_to_the_json_reader(text: str, is_json: bool) -> None:
    assert (filetype.detect(text.encode()) == filetype.JSON) is is_json
