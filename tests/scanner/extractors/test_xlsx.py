"""Excel .xlsx/.xlsm: every sheet as a table that keeps its header."""

from __future__ import annotations

import io
import time
from datetime import date, datetime

import openpyxl
import pytest
from _office_util import (
    BOMB_LIMITS,
    assert_corrupt,
    ctx,
    member,
    rezip,
    with_bomb,
)
from openpyxl.comments import Comment

from recognizers.content import Table, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.xlsx import XlsxExtractor, cell_text
from scanner.filetype import XLSM, XLSX

EXTRACTOR = XlsxExtractor()


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def roster() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名簿"
    ws.append(["2024年度 履修者名簿"])
    ws.append([])
    ws.append(["氏名", "学籍番号", "口座番号", "入学日"])
    ws.append(["山田太郎", "0012345", 1234567, date(2024, 4, 1)])
    ws.append(["佐藤花子", "0012346", 7654321, date(2024, 4, 2)])
    other = wb.create_sheet("緊急連絡先")
    other.append(["氏名", "電話番号"])
    other.append(["山田花子", "090-9876-5432"])
    return workbook_bytes(wb)


def test_declares_xlsx_and_xlsm() -> None:
    assert {XLSX, XLSM} <= XlsxExtractor.mime_types


def test_every_sheet_keeps_title_header_and_rows() -> None:
    blocks = EXTRACTOR.extract(roster(), ctx()).blocks
    assert blocks == [
        TextBlock("2024年度 履修者名簿", where="名簿"),
        Table(
            header=("氏名", "学籍番号", "口座番号", "入学日"),
            rows=[
                ("山田太郎", "0012345", "1234567", "2024-04-01"),
                ("佐藤花子", "0012346", "7654321", "2024-04-02"),
            ],
            where="名簿",
        ),
        Table(
            header=("氏名", "電話番号"), rows=[("山田花子", "090-9876-5432")], where="緊急連絡先"
        ),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("0312345678", "0312345678"),  # a leading zero stored as text stays
        (1234567.0, "1234567"),
        (123456789018, "123456789018"),
        (72.5, "72.5"),
        (0.1 + 0.2, "0.3"),
        (True, "TRUE"),
        (datetime(2001, 4, 1), "2001-04-01"),
        (datetime(2001, 4, 1, 9, 30), "2001-04-01 09:30:00"),
        (date(1985, 3, 1), "1985-03-01"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_formula_cells_give_their_cached_value() -> None:
    data = roster()
    sheet = member(data, "xl/worksheets/sheet1.xml").replace(
        b"<v>1234567</v>", b"<f>1000000+234567</f><v>1234567</v>"
    )
    table = EXTRACTOR.extract(rezip(data, {"xl/worksheets/sheet1.xml": sheet}), ctx()).blocks[1]
    assert isinstance(table, Table)
    assert table.rows[0][2] == "1234567"


def test_comments_are_read() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["氏名", "備考"])
    ws.append(["山田太郎", ""])
    ws["A2"].comment = Comment("口座番号 1234567 を確認済み", "担当者")
    blocks = EXTRACTOR.extract(workbook_bytes(wb), ctx()).blocks
    comments = [b for b in blocks if b.where == "comments"]
    assert len(comments) == 1
    assert isinstance(comments[0], TextBlock)
    assert "口座番号 1234567 を確認済み" in comments[0].text


def test_forged_dimension_does_not_pad_rows() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["2024年度 履修者名簿"])
    ws.append(["氏名", "学籍番号", "口座番号", "入学日"])
    for i in range(300):
        ws.append([f"山田太郎{i}", f"{i:07d}", 1234567, date(2024, 4, 1)])
    data = workbook_bytes(wb)
    sheet = member(data, "xl/worksheets/sheet1.xml")
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    forged = sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    began = time.monotonic()
    # 16,384 columns a row would need 5 million cells; the allowance is 1 million
    limited = ctx(max_text_chars=1_000_000)
    result = EXTRACTOR.extract(rezip(data, {"xl/worksheets/sheet1.xml": forged}), limited)
    assert time.monotonic() - began < 5
    assert result.notes == []
    table = result.blocks[1]
    assert isinstance(table, Table)
    assert table.header == ("氏名", "学籍番号", "口座番号", "入学日")
    assert len(table.rows) == 300
    assert table.rows[-1] == ("山田太郎299", "0000299", "1234567", "2024-04-01")


def test_text_limit_truncates_with_a_note() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["氏名", "学籍番号"])
    for i in range(200):
        ws.append([f"山田太郎{i}", f"S{i:07d}"])
    result = EXTRACTOR.extract(workbook_bytes(wb), ctx(max_text_chars=100))
    assert result.notes == ["text truncated after 100 characters"]
    total = sum(len(c) for b in result.blocks if isinstance(b, Table) for r in b.rows for c in r)
    assert total <= 100


def test_zip_bomb_is_refused() -> None:
    data = roster()
    EXTRACTOR.extract(data, ctx(**BOMB_LIMITS))  # the workbook alone passes
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(with_bomb(data), ctx(**BOMB_LIMITS))


def test_expansion_is_charged_to_the_budget() -> None:
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(roster(), ctx(max_expanded_bytes=1000))


def test_entity_bomb_in_a_sheet_is_refused() -> None:
    data = roster()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(rezip(data, {"xl/worksheets/sheet1.xml": bomb}), ctx())


def test_truncated_and_garbage_files_are_corrupt() -> None:
    data = roster()
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "XLSX")
    assert_corrupt(EXTRACTOR, b"PK\x03\x04" + bytes(range(256)) * 4, "XLSX")
    broken = rezip(data, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"})
    assert_corrupt(EXTRACTOR, broken, "XLSX")
    assert_corrupt(EXTRACTOR, rezip(data, {"xl/workbook.xml": None}), "XLSX")


def test_binary_workbook_is_refused_by_name() -> None:
    data = rezip(roster(), {"xl/workbook.bin": b"\x00" * 16})
    with pytest.raises(ExtractionError, match="XLSB"):
        EXTRACTOR.extract(data, ctx())
