"""PowerPoint .pptx: every shape's text, tables, notes."""

from __future__ import annotations

import io

import pytest
from _office_util import BOMB_LIMITS, assert_corrupt, ctx, member, rezip, with_bomb
from pptx import Presentation
from pptx.util import Inches

from recognizers.content import Table, TextBlock
from scanner.errors import LimitExceeded
from scanner.extractors.pptx import PptxExtractor
from scanner.filetype import PPTX

EXTRACTOR = PptxExtractor()


def slides() -> bytes:
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[5])
    first.shapes.title.text = "履修者名簿"
    group = first.shapes.add_group_shape()
    inner = group.shapes.add_group_shape()
    box = inner.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.text_frame.text = "担当 山田太郎"
    box.text_frame.add_paragraph().text = "電話 090-1234-5678"
    table = first.shapes.add_table(4, 3, Inches(1), Inches(3), Inches(6), Inches(2)).table
    for i, h in enumerate(["氏名", "学籍番号", "口座番号"]):
        table.cell(0, i).text = h
    table.cell(1, 0).text, table.cell(1, 1).text = "山田太郎", "S2024001"
    table.cell(1, 2).text = "1234567"
    table.cell(2, 0).merge(table.cell(2, 1))
    table.cell(2, 0).text, table.cell(2, 2).text = "佐藤花子", "7654321"
    table.cell(3, 0).text = "鈴木一郎"
    first.notes_slide.notes_text_frame.text = "メモ：口座番号は本人確認済み"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "連絡先"
    second.placeholders[1].text = "鈴木一郎 suzuki@example.jp"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def test_declares_pptx() -> None:
    assert PPTX in PptxExtractor.mime_types


def test_shapes_groups_tables_and_notes() -> None:
    blocks = EXTRACTOR.extract(slides(), ctx()).blocks
    assert blocks == [
        TextBlock("履修者名簿\n担当 山田太郎\n電話 090-1234-5678", where="slide 1"),
        Table(
            header=("氏名", "学籍番号", "口座番号"),
            rows=[
                ("山田太郎", "S2024001", "1234567"),
                ("佐藤花子", "", "7654321"),  # the merged cell once, columns aligned
                ("鈴木一郎",),
            ],
            where="slide 1 table",
        ),
        TextBlock("メモ：口座番号は本人確認済み", where="slide 1 notes"),
        TextBlock("連絡先\n鈴木一郎 suzuki@example.jp", where="slide 2"),
    ]


def test_slide_show_is_read() -> None:
    data = slides()
    types = member(data, "[Content_Types].xml").replace(
        b"presentationml.presentation.main+xml", b"presentationml.slideshow.main+xml"
    )
    assert types != member(data, "[Content_Types].xml")
    blocks = EXTRACTOR.extract(rezip(data, {"[Content_Types].xml": types}), ctx()).blocks
    assert blocks[-1] == TextBlock("連絡先\n鈴木一郎 suzuki@example.jp", where="slide 2")


def test_text_limit_truncates_with_a_note() -> None:
    result = EXTRACTOR.extract(slides(), ctx(max_text_chars=15))
    assert result.notes == ["text truncated after 15 characters"]


def test_zip_bomb_is_refused() -> None:
    data = slides()
    EXTRACTOR.extract(data, ctx(**BOMB_LIMITS))
    with pytest.raises(LimitExceeded):
        EXTRACTOR.extract(with_bomb(data), ctx(**BOMB_LIMITS))


def test_truncated_and_garbage_files_are_corrupt() -> None:
    data = slides()
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "PPTX")
    assert_corrupt(EXTRACTOR, b"PK\x03\x04" + bytes(range(256)) * 4, "PPTX")
    assert_corrupt(EXTRACTOR, rezip(data, {"ppt/slides/slide1.xml": b"<p:sld><p:cSld>"}), "PPTX")
    assert_corrupt(EXTRACTOR, rezip(data, {"ppt/presentation.xml": None}), "PPTX")
