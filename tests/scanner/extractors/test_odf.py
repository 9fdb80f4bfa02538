"""OpenDocument .odt/.ods/.odp, built here from XML (no odfpy, no LibreOffice)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from _office_util import BOMB_LIMITS, assert_corrupt, ctx, rezip, with_bomb

from recognizers.content import Table, TextBlock
from scanner.errors import EncryptedError, LimitExceeded
from scanner.extractors.odf import _MAX_REPEAT, OdfExtractor
from scanner.filetype import ODP, ODS, ODT

EXTRACTOR = OdfExtractor()
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
MANIFEST = (
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def package(mime: str, body: str, styles: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        content = f'<?xml version="1.0"?><office:document-content {NS}><office:body>{body}'
        zf.writestr("content.xml", content + "</office:body></office:document-content>")
        if styles is not None:
            zf.writestr(
                "styles.xml",
                f"<office:document-styles {NS}><office:master-styles>{styles}"
                "</office:master-styles></office:document-styles>",
            )
        zf.writestr("META-INF/manifest.xml", MANIFEST.format(mime=mime))
    return buf.getvalue()


def cells(*values: str) -> str:
    return "".join(
        f"<table:table-cell><text:p>{v}</text:p></table:table-cell>" if v else "<table:table-cell/>"
        for v in values
    )


def row(*values: str) -> str:
    return f"<table:table-row>{cells(*values)}</table:table-row>"


TEXT = f"""<office:text>
<text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
<text:h>2024年度 履修者名簿</text:h>
<text:p>担当<text:s text:c="2"/>山田<text:span>太郎</text:span><text:tab/>電話<text:line-break/>090-1234-5678<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>注 旧姓 佐藤</text:p></text:note-body></text:note><office:annotation><dc:creator>高橋次郎</dc:creator><dc:date>2024-04-01</dc:date><text:p>本人確認済み</text:p></office:annotation></text:p>
<text:p><draw:frame><draw:text-box><text:p>枠内 口座番号 1234567</text:p></draw:text-box></draw:frame></text:p>
<text:list><text:list-item><text:p>項目 鈴木一郎</text:p></text:list-item></text:list>
<table:table table:name="表1"><table:table-column table:number-columns-repeated="3"/>
<table:table-header-rows>{row("氏名", "学籍番号", "口座番号")}</table:table-header-rows>
{row("山田太郎", "S2024001", "1234567")}
<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>佐藤花子</text:p></table:table-cell><table:covered-table-cell><text:p>佐藤花子</text:p></table:covered-table-cell>{cells("7654321")}</table:table-row>
</table:table>
<text:p>以上</text:p>
</office:text>"""
STYLES = (
    '<style:master-page style:name="Standard">'
    "<style:header><text:p>人事部 社外秘</text:p></style:header>"
    "<style:footer><text:p>総務課 03-1234-5678</text:p></style:footer>"
    "</style:master-page>"
)


def test_declares_odt_ods_odp() -> None:
    assert {ODT, ODS, ODP} <= OdfExtractor.mime_types


def test_text_document() -> None:
    blocks = EXTRACTOR.extract(package(ODT, TEXT, STYLES), ctx()).blocks
    assert blocks == [
        TextBlock(
            "2024年度 履修者名簿\n担当  山田太郎\t電話\n090-1234-5678\n項目 鈴木一郎", "body"
        ),
        Table(
            header=("氏名", "学籍番号", "口座番号"),
            rows=[("山田太郎", "S2024001", "1234567"), ("佐藤花子", "", "7654321")],
            where="表1",
        ),
        TextBlock("以上", "body"),
        TextBlock("注 旧姓 佐藤", "footnote"),
        TextBlock("本人確認済み", "comment"),  # without its author and date
        TextBlock("枠内 口座番号 1234567", "text box"),
        TextBlock("人事部 社外秘", "header"),
        TextBlock("総務課 03-1234-5678", "footer"),
    ]


SHEET = f"""<office:spreadsheet><table:table table:name="名簿">
<table:table-column table:number-columns-repeated="16384"/>
<table:table-row>{cells("2024年度 履修者名簿")}<table:table-cell table:number-columns-repeated="16383"/></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row>{cells("氏名", "学籍番号")}<table:table-cell table:number-columns-repeated="2"/>{cells("口座番号")}</table:table-row>
<table:table-row>{cells("山田太郎", "0012345")}<table:table-cell table:number-columns-repeated="2"/>{cells("1234567")}</table:table-row>
<table:table-row table:number-rows-repeated="2">{cells("同姓同名", "0012346", "", "", "1234567")}</table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table><table:table table:name="緊急連絡先">{row("氏名", "電話番号")}{row("山田花子", "090-9876-5432")}</table:table>
</office:spreadsheet>"""


def test_spreadsheet_keeps_every_sheet_and_honours_repeats() -> None:
    began = time.monotonic()
    blocks = EXTRACTOR.extract(package(ODS, SHEET), ctx()).blocks
    assert time.monotonic() - began < 5
    assert blocks == [
        TextBlock("2024年度 履修者名簿", "名簿"),
        Table(
            header=("氏名", "学籍番号", "", "", "口座番号"),
            rows=[
                ("山田太郎", "0012345", "", "", "1234567"),
                ("同姓同名", "0012346", "", "", "1234567"),
                ("同姓同名", "0012346", "", "", "1234567"),
            ],
            where="名簿",
        ),
        Table(
            header=("氏名", "電話番号"), rows=[("山田花子", "090-9876-5432")], where="緊急連絡先"
        ),
    ]


def test_forged_repeats_are_capped() -> None:
    body = (
        '<office:spreadsheet><table:table table:name="S">'
        '<table:table-row table:number-rows-repeated="1000000000">'
        '<table:table-cell table:number-columns-repeated="1000000000"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet>"
    )
    began = time.monotonic()
    result = EXTRACTOR.extract(package(ODS, body), ctx(max_text_chars=50_000))
    assert time.monotonic() - began < 5
    (table,) = result.blocks
    assert isinstance(table, Table)
    assert len(table.header) == _MAX_REPEAT
    assert 0 < len(table.rows) < _MAX_REPEAT
    assert result.notes == ["text truncated after 50000 characters"]


def test_presentation_slides_tables_and_notes() -> None:
    def frame(text: str) -> str:
        return f"<draw:frame><draw:text-box><text:p>{text}</text:p></draw:text-box></draw:frame>"

    body = (
        "<office:presentation>"
        f'<draw:page draw:name="p1">{frame("履修者名簿")}{frame("担当 山田太郎")}'
        f"<draw:frame><table:table>{row('氏名', '口座番号')}{row('佐藤花子', '7654321')}"
        "</table:table></draw:frame>"
        f"<presentation:notes>{frame('メモ 本人確認済み')}</presentation:notes></draw:page>"
        f'<draw:page draw:name="p2">{frame("連絡先 suzuki@example.jp")}</draw:page>'
        "</office:presentation>"
    )
    blocks = EXTRACTOR.extract(package(ODP, body), ctx()).blocks
    assert blocks == [
        TextBlock("履修者名簿\n担当 山田太郎", "slide 1"),
        Table(header=("氏名", "口座番号"), rows=[("佐藤花子", "7654321")], where="slide 1 table"),
        TextBlock("メモ 本人確認済み", "slide 1 notes"),
        TextBlock("連絡先 suzuki@example.jp", "slide 2"),
    ]


def test_text_limit_truncates_with_a_note() -> None:
    result = EXTRACTOR.extract(package(ODT, TEXT, STYLES), ctx(max_text_chars=20))
    assert result.notes == ["text truncated after 20 characters"]


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">',
    ],
)
def test_dtd_and_entities_are_refused(prolog: str) -> None:
    content = f'<?xml version="1.0"?>{prolog}<office:document-content {NS}/>'
    data = rezip(package(ODT, TEXT), {"content.xml": content.encode()})
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(data, ctx())


def test_deep_nesting_is_refused() -> None:
    spans = "<text:span>" * 5000 + "x" + "</text:span>" * 5000
    data = package(ODT, f"<office:text><text:p>{spans}</text:p></office:text>")
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(data, ctx())


def test_encrypted_package() -> None:
    data = package(ODT, TEXT)
    manifest = MANIFEST.format(mime=ODT).replace(
        'manifest:media-type="text/xml"/>',
        'manifest:media-type="text/xml"><manifest:encryption-data/></manifest:file-entry>',
    )
    with pytest.raises(EncryptedError):
        EXTRACTOR.extract(rezip(data, {"META-INF/manifest.xml": manifest.encode()}), ctx())


def test_zip_bomb_is_refused() -> None:
    data = package(ODT, TEXT)
    EXTRACTOR.extract(data, ctx(**BOMB_LIMITS))
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(with_bomb(data), ctx(**BOMB_LIMITS))


def test_truncated_and_garbage_files_are_corrupt() -> None:
    data = package(ODT, TEXT * 20)
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "OpenDocument file")
    assert_corrupt(EXTRACTOR, b"PK\x03\x04" + bytes(range(256)) * 4, "OpenDocument file")
    broken = rezip(data, {"content.xml": b"<office:document-content><office:body>"})
    assert_corrupt(EXTRACTOR, broken, "OpenDocument file")
    assert_corrupt(EXTRACTOR, rezip(data, {"content.xml": None}), "OpenDocument file")


def test_tracked_deletions_are_kept() -> None:
    body = (
        "<office:text><text:tracked-changes><text:changed-region><text:deletion>"
        "<office:change-info><dc:creator>高橋次郎</dc:creator><dc:date>2024-04-01</dc:date>"
        "</office:change-info><text:p>旧住所 東京都千代田区1-1</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:p>氏名 山田太郎</text:p></office:text>"
    )
    blocks = EXTRACTOR.extract(package(ODT, body), ctx()).blocks
    assert blocks == [TextBlock("旧住所 東京都千代田区1-1\n氏名 山田太郎", "body")]
