"""Excel .xlsx/.xlsm: every sheet as a table that keeps its header."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

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
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from recognizers.content import Block, Table, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors import xlsx
from scanner.extractors._xlsx_bounds import (
    CELL_BYTES,
    calamine_cell_cap,
    calamine_refusal,
    sheet_cells,
)
from scanner.extractors.base import TextBudget
from scanner.extractors.xlsx import (
    CalamineFailed,
    XlsxExtractor,
    cell_text,
    read_sheets_calamine,
    read_sheets_openpyxl,
)
from scanner.filetype import XLSM, XLSX
from scanner.limits import Limits

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


# --- calamine and openpyxl -------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[3] / "sample_corpus"
CORPUS_WORKBOOKS = sorted(
    path
    for pattern in ("*.xlsx", "*.xlsm")
    for path in CORPUS.rglob(pattern)
    if zipfile.is_zipfile(path)  # an encrypted workbook is an OLE file, not a package
)
ALLOWANCE = 1_000_000
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SST_REL = (
    b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org'
    b'/officeDocument/2006/relationships/sharedStrings"/>'
)
SST_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def both_readers(data: bytes) -> tuple[list[Block], list[Block]]:
    """The sheets as calamine reads them, and as openpyxl does."""
    return (
        read_sheets_calamine(data, TextBudget(ALLOWANCE), ALLOWANCE),
        read_sheets_openpyxl(data, TextBudget(ALLOWANCE), ALLOWANCE),
    )


def refusal(data: bytes) -> str | None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return calamine_refusal(zf, ctx(), ALLOWANCE)


def with_sheet(body: bytes, prolog: bytes = b"", data: bytes | None = None) -> bytes:
    """`roster()` (or `data`) with its first sheet's rows replaced by `body`."""
    sheet = prolog + b"<worksheet " + MAIN + b"><sheetData>" + body + b"</sheetData></worksheet>"
    return rezip(data or roster(), {"xl/worksheets/sheet1.xml": sheet})


def with_shared_strings(items: list[bytes], prolog: bytes = b"", sst_attrs: bytes = b"") -> bytes:
    """A workbook whose first sheet holds the shared strings `items` (`<si>` bodies) in A1, A2…"""
    data = roster()
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 1, i + 1, i)
        for i in range(len(items))
    )
    sst = b"".join(
        [prolog, b"<sst ", MAIN, sst_attrs, b">", *(b"<si>" + s + b"</si>" for s in items)]
    )
    return rezip(
        with_sheet(rows, data=data),
        {
            "xl/sharedStrings.xml": sst + b"</sst>",
            "[Content_Types].xml": member(data, "[Content_Types].xml").replace(
                b"</Types>", SST_TYPE + b"</Types>"
            ),
            "xl/_rels/workbook.xml.rels": member(data, "xl/_rels/workbook.xml.rels").replace(
                b"</Relationships>", SST_REL + b"</Relationships>"
            ),
        },
    )


def rich_workbook(epoch_1904: bool = False) -> bytes:
    """Every kind of value, merged cells, a table off A1, hidden, sparse and chart sheets."""
    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.title = "名簿"
    ws.append(["2024年度 履修者名簿"])
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(
        ["氏名", "学籍番号", "生年月日", "受付", "始業", "勤務", "口座番号", "評点", "在籍", "備考"]
    )
    ws.append(
        ["山田太郎", "0012345", date(2001, 4, 1), datetime(2024, 4, 1, 9, 30), clock(8, 45),
         timedelta(hours=37, minutes=30), 1234567, 72.5, True, "改行\nあり"]
    )  # fmt: skip
    ws.append(
        ["佐藤花子", "0012346", date(1985, 3, 1), datetime(2024, 4, 1), clock(0, 0, 1),
         timedelta(0), 7654321.0, 0.1 + 0.2, False, "  前後に空白  "]
    )  # fmt: skip
    ws.append(["鈴木一郎", "", None, None, None, None, -42, 1e20, None, "=SUM(G4:G5)"])
    ws.append(["高橋", 9007199254740991, 0.125, 123456789012, -0.0, "0312345678"])
    ws["H4"].number_format = "0.0%"
    ws["G4"].number_format = '"¥"#,##0'
    ws["C5"].number_format = 'yyyy"年"m"月"d"日"'
    ws["D6"].comment = Comment("口座番号 1234567 を確認済み", "担当者")
    off = wb.create_sheet("連絡先")
    off["C5"], off["D5"] = "氏名", "電話番号"
    off["C6"], off["D6"] = "山田花子", "090-9876-5432"
    off["E8"] = "090-1111-2222"
    hidden = wb.create_sheet("非表示")
    hidden.sheet_state = "hidden"
    hidden.append(["氏名", "メール"])
    hidden.append(["山田太郎", "taro@example.jp"])
    very = wb.create_sheet("隠し")
    very.sheet_state = "veryHidden"
    very.append(["マイナンバー", "123456789018"])
    sparse = wb.create_sheet("まばら")  # 3 rows × 16,384 columns: bounded, calamine reads it
    sparse["A1"], sparse["XFD3"] = "先頭", "末尾"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=7, min_row=4, max_row=5))
    wb.create_chartsheet("グラフ").add_chart(chart)
    wb.create_sheet("空")
    return workbook_bytes(wb)


PARITY = {
    "roster": roster,
    "rich": rich_workbook,
    "rich 1904": lambda: rich_workbook(epoch_1904=True),
    "formula": lambda: rezip(
        roster(),
        {
            "xl/worksheets/sheet1.xml": member(roster(), "xl/worksheets/sheet1.xml").replace(
                b"<v>1234567</v>", b"<f>1000000+234567</f><v>1234567</v>"
            )
        },
    ),
    "shared strings": lambda: with_shared_strings(
        [
            "<t>氏名</t><rPh sb='0' eb='2'><t>シメイ</t></rPh><phoneticPr fontId='1'/>".encode(),
            "<r><t>山田</t></r><r><rPr><b/></rPr><t xml:space='preserve'>太郎 </t></r>".encode(),
            b"<t>0312345678</t>",
        ]
    ),
}


@pytest.mark.parametrize("build", PARITY.values(), ids=PARITY.keys())
def test_calamine_reads_the_fixtures_as_openpyxl_does(build: Callable[[], bytes]) -> None:
    data = build()
    assert refusal(data) is None  # the extractor reads these with calamine
    calamine, openpyxl_ = both_readers(data)
    assert calamine == openpyxl_
    assert EXTRACTOR.extract(data, ctx()).blocks[: len(calamine)] == calamine


@pytest.mark.skipif(not CORPUS_WORKBOOKS, reason="sample_corpus not present")
@pytest.mark.parametrize("path", CORPUS_WORKBOOKS, ids=lambda p: p.name)
def test_calamine_reads_the_corpus_as_openpyxl_does(path: Path) -> None:
    data = path.read_bytes()
    assert refusal(data) is None
    calamine, openpyxl_ = both_readers(data)
    assert calamine
    assert calamine == openpyxl_


def test_rich_workbook_reads_every_kind_of_value() -> None:
    blocks = EXTRACTOR.extract(rich_workbook(), ctx()).blocks
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows[0] == (
        "山田太郎", "0012345", "2001-04-01", "2024-04-01 09:30:00", "08:45:00",
        "1 day, 13:30:00", "1234567", "72.5", "TRUE", "改行\nあり",
    )  # fmt: skip
    assert table.rows[1][:9] == (
        "佐藤花子", "0012346", "1985-03-01", "2024-04-01", "00:00:01",
        "0:00:00", "7654321", "0.3", "FALSE",
    )  # fmt: skip
    assert table.rows[2] == ("鈴木一郎", "", "", "", "", "", "-42", "1e+20")
    assert table.rows[3] == ("高橋", "9007199254740991", "0.125", "123456789012", "0", "0312345678")
    wheres = [b.where for b in blocks]
    assert wheres[-1] == "comments"
    assert {"連絡先", "非表示", "隠し", "まばら"} <= set(wheres)
    assert "グラフ" not in wheres
    contact = next(b for b in blocks if b.where == "連絡先")
    assert isinstance(contact, Table)
    assert contact.rows == [  # columns from A, as openpyxl gives them
        ("", "", "氏名", "電話番号"),
        ("", "", "山田花子", "090-9876-5432"),
        ("", "", "", "", "090-1111-2222"),
    ]


# A1 and XFD1048576: a dense range of 17 billion cells, which calamine would try to allocate.
FAR_CORNERS = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>first</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>last</t></is></c></row>'
)


def test_forged_sparse_sheet_goes_to_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = with_sheet(FAR_CORNERS)
    assert refusal(data) == f"dense ranges exceed {ALLOWANCE} cells"

    def must_not_run(*_: object) -> list[Block]:
        raise AssertionError("calamine would allocate the dense range")

    monkeypatch.setattr(xlsx, "read_sheets_calamine", must_not_run)
    limited = ctx(max_text_chars=50_000)
    result = EXTRACTOR.extract(data, limited)
    expected = read_sheets_openpyxl(data, TextBudget(50_000), 50_000)
    assert result.blocks == expected
    assert result.blocks[0] == Table(header=(), rows=[("first",)], where="名簿")
    assert result.notes == ["text truncated after 50000 characters"]  # the cell allowance


def outcome(read: Callable[[], list[Block]]) -> list[Block] | str:
    """The blocks `read` returns, or the error it raises."""
    try:
        return read()
    except ExtractionError as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        pytest.param(b'<row r="1"><c><v>1</v></c><c r="C1"><v>3</v></c></row>', "", id="r-less"),
        pytest.param(b'<row r="1"><c s="0" r="B1"><v>1</v></c></row>', "", id="r not first"),
        # calamine takes the last r; openpyxl calls the file corrupt
        pytest.param(b'<row r="1"><c r="A1" r="XFD1"><v>1</v></c></row>', "", id="second r"),
        pytest.param(b"<row r='1'><c r='B1'><v>1</v></c></row>", "", id="single quotes"),
        pytest.param(b'<row r="1"><c r="&#65;1"><v>1</v></c></row>', "", id="escaped r"),
        pytest.param(b'<row r="1"><c\nr="B1"><v>1</v></c></row>', "", id="newline"),
        pytest.param(
            b'<row r="5"><c r="A5"><v>5</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>',
            "",
            id="rows out of order",
        ),
        pytest.param(
            b'<row r="1"><c r="A1"><v>123456789012345678</v></c></row>',
            "integer beyond float precision",
            id="long integer",
        ),
    ],
)
def test_cells_calamine_cannot_bound_go_to_openpyxl(body: bytes, why: str) -> None:
    data = with_sheet(body)
    assert refusal(data) == f"xl/worksheets/sheet1.xml: {why or 'cells cannot be bounded'}"
    expected = outcome(lambda: read_sheets_openpyxl(data, TextBudget(ALLOWANCE), ALLOWANCE))
    assert outcome(lambda: EXTRACTOR.extract(data, ctx()).blocks) == expected


def test_long_integers_keep_their_digits() -> None:
    data = with_sheet(b'<row r="1"><c r="A1"><v>123456789012345678</v></c></row>')
    table = EXTRACTOR.extract(data, ctx()).blocks[0]
    assert table == Table(header=(), rows=[("123456789012345678",)], where="名簿")
    endless = with_sheet(b'<row r="1"><c r="A1"><v>%s</v></c></row>' % (b"9" * 5000))
    assert refusal(endless) == "xl/worksheets/sheet1.xml: integer beyond float precision"


def test_cells_without_r_are_read() -> None:
    body = (
        b'<row><c t="inlineStr"><is><t>&#27663;&#21517;</t></is></c>'
        b'<c t="inlineStr"><is><t>&#38651;&#35441;</t></is></c></row>'
        b'<row><c t="inlineStr"><is><t>&#23665;&#30000;</t></is></c><c r="C2"><v>1</v></c>'
        b"<c><v>2</v></c></row>"
    )
    table = EXTRACTOR.extract(with_sheet(body), ctx()).blocks[0]
    assert table == Table(header=("氏名", "電話"), rows=[("山田", "", "1", "2")], where="名簿")


def test_a_namespace_prefix_goes_to_openpyxl() -> None:
    sheet = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<x:sheetData><x:row r="1"><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData>'
        b"</x:worksheet>"
    )
    data = rezip(roster(), {"xl/worksheets/sheet1.xml": sheet})
    assert refusal(data) == "xl/worksheets/sheet1.xml: cells cannot be bounded"
    assert EXTRACTOR.extract(data, ctx()).blocks[0] == Table(
        header=(), rows=[("", "7")], where="名簿"
    )


def test_a_sheet_not_in_utf8_goes_to_openpyxl() -> None:
    sheet = member(roster(), "xl/worksheets/sheet1.xml").decode()
    data = rezip(roster(), {"xl/worksheets/sheet1.xml": sheet.encode("utf-16")})
    assert refusal(data) == "xl/worksheets/sheet1.xml: sheet not in UTF-8"
    assert EXTRACTOR.extract(data, ctx()).blocks == EXTRACTOR.extract(roster(), ctx()).blocks


def test_forged_shared_string_count_goes_to_openpyxl() -> None:
    # calamine reserves the table from uniqueCount: 96 GB here, and the process aborts
    data = with_shared_strings([b"<t>A</t>"], sst_attrs=b' uniqueCount="4000000000"')
    assert refusal(data) == "xl/sharedStrings.xml: uniqueCount beyond its strings"
    assert EXTRACTOR.extract(data, ctx()).blocks[0] == Table(header=(), rows=[("A",)], where="名簿")
    endless = with_shared_strings([b"<t>A</t>"], sst_attrs=b' uniqueCount="%s"' % (b"9" * 5000))
    assert refusal(endless) == "xl/sharedStrings.xml: uniqueCount beyond its strings"
    honest = with_shared_strings([b"<t>A</t>"], sst_attrs=b' count="1" uniqueCount="1"')
    assert refusal(honest) is None


ENTITIES = {
    "internal": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "&#23665;&#30000;">]>',
    "external": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
}


@pytest.mark.parametrize("prolog", ENTITIES.values(), ids=ENTITIES.keys())
def test_entities_in_a_sheet_are_refused(prolog: bytes) -> None:
    data = with_sheet(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>', prolog)
    assert refusal(data) == "xl/worksheets/sheet1.xml: DTD"
    with pytest.raises(LimitExceeded, match="DTD or entities"):
        EXTRACTOR.extract(data, ctx())


@pytest.mark.parametrize("prolog", ENTITIES.values(), ids=ENTITIES.keys())
def test_entities_in_shared_strings_are_refused(prolog: bytes) -> None:
    data = with_shared_strings([b"<t>&e;</t>"], prolog)
    assert refusal(data) == "xl/sharedStrings.xml: DTD"
    with pytest.raises(LimitExceeded, match="DTD or entities"):
        EXTRACTOR.extract(data, ctx())


def test_a_dtd_without_entities_is_read_by_openpyxl_as_before() -> None:
    data = with_sheet(
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
        b'<?xml version="1.0"?><!DOCTYPE worksheet>',
    )
    assert refusal(data) == "xl/worksheets/sheet1.xml: DTD"
    assert EXTRACTOR.extract(data, ctx()).blocks[0] == Table(header=(), rows=[("x",)], where="名簿")


def test_error_values_calamine_does_not_know_go_to_openpyxl() -> None:
    body = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&#27663;&#21517;</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>&#29366;&#24907;</t></is></c></row>'
        b'<row r="2"><c r="A2" t="e"><v>#SPILL!</v></c><c r="B2" t="e"><v>#N/A</v></c></row>'
    )
    data = with_sheet(body)
    assert refusal(data) is None
    with pytest.raises(CalamineFailed):
        read_sheets_calamine(data, TextBudget(ALLOWANCE), ALLOWANCE)
    table = EXTRACTOR.extract(data, ctx()).blocks[0]
    assert table == Table(header=("氏名", "状態"), rows=[("#SPILL!", "#N/A")], where="名簿")


def test_error_values_calamine_knows_read_as_empty() -> None:
    # python-calamine gives "" for #N/A, #DIV/0! and the like: no personal information
    body = b'<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c></row>'
    calamine, openpyxl_ = both_readers(with_sheet(body))
    assert calamine[0] == Table(header=(), rows=[("1",)], where="名簿")
    assert openpyxl_[0] == Table(header=(), rows=[("1", "#N/A")], where="名簿")


def test_a_failed_calamine_read_spends_no_text() -> None:
    # calamine reads the first sheet, then fails on the second: openpyxl starts afresh
    spill = b'<row r="1"><c r="A1" t="e"><v>#SPILL!</v></c></row>'
    data = rezip(
        roster(),
        {"xl/worksheets/sheet2.xml": member(with_sheet(spill), "xl/worksheets/sheet1.xml")},
    )
    budget = TextBudget(ALLOWANCE)
    expected = read_sheets_openpyxl(data, budget, ALLOWANCE)
    exact = ALLOWANCE - budget.left  # just enough for openpyxl's read alone
    result = EXTRACTOR.extract(data, ctx(max_text_chars=exact))
    assert result.notes == []
    assert result.blocks == expected
    assert expected[-1] == Table(header=(), rows=[("#SPILL!",)], where="緊急連絡先")


@pytest.mark.parametrize(
    ("xml", "cells"),
    [
        (b"<sheetData/>", 0),
        (b'<c r="B2" s="1"/><c r="B3" t="s" cm="1"><v>0</v></c>', 2 * 2),
        (b'<c r="A1"><v>1</v></c><c r="XFD3"><v>1</v></c>', 3 * 16384),
        (b'<c r="AA7"><v>1</v></c>', 27),
        (b"<c r=\"A1\" t='s'><v>0</v></c>", None),
        (b'<c r="A1"/><c r="ZZZZ1"/>', None),
        (b'<c r="A0"/>', None),
        (b'<x:c r="A1"/>', None),
    ],
)
def test_dense_cells_are_bounded_from_the_xml(xml: bytes, cells: int | None) -> None:
    assert sheet_cells(xml) == cells


def test_calamine_cap_keeps_the_dense_range_within_memory() -> None:
    assert calamine_cell_cap(Limits(max_text_chars=100)) == 100
    cap = calamine_cell_cap(Limits(memory_mb=1024, max_text_chars=10**9))
    assert cap * CELL_BYTES == 1024 * 2**20 // 8
