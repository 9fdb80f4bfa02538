"""PowerPoint .pptx: every shape's text, tables, notes."""

from __future__ import annotations

import io

import pytest
from _office_util import BOMB_LIMITS, assert_corrupt, ctx, member, rezip, with_bomb
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Inches

from recognizers.content import Table, TextBlock
from scanner.errors import LimitExceeded
from scanner.extractors._opc import Package
from scanner.extractors.pptx import PptxExtractor
from scanner.filetype import PPTX

EXTRACTOR = PptxExtractor()
LAUGHS = "".join(
    f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10)
)  # a billion laughs: &l9; would expand to 10**9 "lol"s


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


def walker_deck() -> bytes:
    """What python-pptx's text rules cover beyond `slides()`: groups three deep, a line
    break, a field, a vertically merged cell, a connector and a slide without notes."""
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no placeholders
    outer = first.shapes.add_group_shape()
    middle = outer.shapes.add_group_shape()
    inner = middle.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1)).text = "山田太郎"
    middle.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(1)).text = "総務課"
    first.shapes.add_connector(1, Inches(0), Inches(0), Inches(1), Inches(1))
    box = first.shapes.add_textbox(Inches(4), Inches(1), Inches(3), Inches(1))
    box.text_frame.text = "住所 東京都\v電話 03-1234-5678"  # \v is written as a:br
    page = box.text_frame.add_paragraph()
    page.text = "ページ "
    field = parse_xml(
        f'<a:fld {nsdecls("a")} id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        "<a:rPr/><a:t>7</a:t></a:fld>"
    )
    page._p.append(field)
    table = first.shapes.add_table(3, 2, Inches(1), Inches(3), Inches(6), Inches(2)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "氏名", "電話"
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: the origin holds the text
    table.cell(1, 0).text = "鈴木一郎"
    table.cell(1, 1).text, table.cell(2, 1).text = "090-1234-5678", "080-8765-4321"
    second = prs.slides.add_slide(prs.slide_layouts[6])
    second.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1)).text = "以上"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


WALKER_BLOCKS = [
    TextBlock("山田太郎\n総務課\n住所 東京都\n電話 03-1234-5678\nページ 7", where="slide 1"),
    Table(
        header=("氏名", "電話"),
        rows=[("鈴木一郎", "090-1234-5678"), ("", "080-8765-4321")],
        where="slide 1 table",
    ),
    TextBlock("以上", where="slide 2"),
]


def test_nested_groups_line_break_field_and_vertical_merge() -> None:
    data = walker_deck()
    assert b"<a:br" in member(data, "ppt/slides/slide1.xml")
    assert b'vMerge="1"' in member(data, "ppt/slides/slide1.xml")
    assert EXTRACTOR.extract(data, ctx()).blocks == WALKER_BLOCKS


@pytest.mark.parametrize(
    "content_type",
    [
        "openxmlformats-officedocument.presentationml.template.main+xml",  # .potx
        "ms-powerpoint.presentation.macroEnabled.main+xml",  # .pptm
    ],
)
def test_template_and_macro_enabled_are_read(content_type: str) -> None:
    data = slides()
    types = member(data, "[Content_Types].xml").replace(
        b"openxmlformats-officedocument.presentationml.presentation.main+xml",
        content_type.encode(),
    )
    assert types != member(data, "[Content_Types].xml")
    blocks = EXTRACTOR.extract(rezip(data, {"[Content_Types].xml": types}), ctx()).blocks
    assert blocks == EXTRACTOR.extract(data, ctx()).blocks


def test_only_presentation_slides_and_notes_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    blob = Package.blob

    def recording(self: Package, name: str) -> bytes:
        read.append(name)
        return blob(self, name)

    monkeypatch.setattr(Package, "blob", recording)
    EXTRACTOR.extract(slides(), ctx())
    parts = {name for name in read if not name.endswith(".rels")}
    assert parts == {
        "ppt/presentation.xml",
        "ppt/slides/slide1.xml",
        "ppt/slides/slide2.xml",
        "ppt/notesSlides/notesSlide1.xml",
    }
    # hence a broken layout, master or picture no longer stops the slides being read
    broken = rezip(slides(), {"ppt/slideLayouts/slideLayout6.xml": b"<p:sldLayout"})
    assert EXTRACTOR.extract(broken, ctx()).blocks == EXTRACTOR.extract(slides(), ctx()).blocks


def test_notes_body_placeholder_and_dangling_notes() -> None:
    data = slides()
    notes = member(data, "ppt/notesSlides/notesSlide1.xml")
    # the text of another placeholder on the notes page is not the notes
    moved = notes.replace(b'type="sldNum"', b'type="body"').replace(b'type="body" idx="3"', b"")
    assert moved.count(b'type="body"') == 1
    blocks = EXTRACTOR.extract(rezip(data, {"ppt/notesSlides/notesSlide1.xml": moved}), ctx())
    assert "slide 1 notes" not in {b.where for b in blocks.blocks}
    # a notes relationship whose part is gone is no notes (as python-pptx had it), not corrupt
    gone = EXTRACTOR.extract(rezip(data, {"ppt/notesSlides/notesSlide1.xml": None}), ctx())
    assert [b.where for b in gone.blocks] == ["slide 1", "slide 1 table", "slide 2"]


def test_slide_whose_part_is_missing_is_corrupt() -> None:
    assert_corrupt(EXTRACTOR, rezip(slides(), {"ppt/slides/slide2.xml": None}), "PPTX")
    rels = member(slides(), "ppt/_rels/presentation.xml.rels").replace(b'"rId9"', b'"rId99"')
    assert_corrupt(EXTRACTOR, rezip(slides(), {"ppt/_rels/presentation.xml.rels": rels}), "PPTX")


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("ppt/slides/slide2.xml", b"<a:t>\xe9\x80\xa3\xe7\xb5\xa1\xe5\x85\x88</a:t>", b""),
        ("ppt/slides/slide2.xml", b"p:spTree>", b"p:shapes>"),
        ("ppt/slides/slide2.xml", b'type="title"', b'type="headline"'),
        ("ppt/slides/slide1.xml", b'hMerge="1"', b'hMerge="yes"'),
        ("ppt/presentation.xml", b"<p:presentation ", b"<p:document "),
    ],
    ids=["run-without-text", "no-shape-tree", "unknown-placeholder", "bad-merge", "not-pptx"],
)
def test_invalid_presentationml_is_corrupt(part: str, old: bytes, new: bytes) -> None:
    """What python-pptx refused as invalid XML (PythonPptxError, ValueError) stays corrupt."""
    data = slides()
    xml = member(data, part)
    assert old in xml
    assert_corrupt(EXTRACTOR, rezip(data, {part: xml.replace(old, new)}), "PPTX")


def test_entities_in_a_slide_are_not_expanded() -> None:
    data = slides()
    xml = member(data, "ppt/slides/slide2.xml").decode()
    head, body = xml.split("?>", 1)
    doctype = f'<!DOCTYPE p:sld [<!ENTITY name "展開された値">{LAUGHS}]>'
    named = f"{head}?>{doctype}{body.replace('連絡先', '連絡&name;先')}"
    blocks = EXTRACTOR.extract(rezip(data, {"ppt/slides/slide2.xml": named.encode()}), ctx())
    # the run's text stops at the unexpanded entity reference
    assert blocks.blocks[-1] == TextBlock("連絡\n鈴木一郎 suzuki@example.jp", where="slide 2")
    assert all("展開された値" not in str(b) for b in blocks.blocks)
    bomb = f"{head}?>{doctype}{body.replace('連絡先', '&l9;')}"
    assert_corrupt(EXTRACTOR, rezip(data, {"ppt/slides/slide2.xml": bomb.encode()}), "PPTX")
