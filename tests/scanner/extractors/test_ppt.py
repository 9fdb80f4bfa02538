"""Legacy PowerPoint .ppt: text atoms by slide (fixture: tests/data/office/README.md).

LibreOffice 7.4 cannot save an encrypted .ppt, so the password path is exercised
with .doc and .xls (test_doc.py, test_xls.py); here we only check that an unencrypted
file is not mistaken for an encrypted one.
"""

from __future__ import annotations

import pytest
from _office_util import (
    OLE_MAGIC,
    assert_corrupt,
    ctx,
    extract_or_clean_error,
    fixture,
    mutations,
    truncations,
)

from recognizers.content import TextBlock
from scanner.extractors.base import TextBudget
from scanner.extractors.ppt import PptExtractor, _walk
from scanner.filetype import PPT

EXTRACTOR = PptExtractor()


def atom(rec_type: int, payload: bytes, instance: int = 0) -> bytes:
    head = (instance << 4).to_bytes(2, "little") + rec_type.to_bytes(2, "little")
    return head + len(payload).to_bytes(4, "little") + payload


def container(rec_type: int, *children: bytes, instance: int = 0) -> bytes:
    body = b"".join(children)
    head = (instance << 4 | 0xF).to_bytes(2, "little") + rec_type.to_bytes(2, "little")
    return head + len(body).to_bytes(4, "little") + body


def chars(text: str) -> bytes:
    return atom(0x0FA0, text.encode("utf-16-le"))


def test_declares_ppt() -> None:
    assert PPT in PptExtractor.mime_types


def test_slides_and_notes() -> None:
    result = EXTRACTOR.extract(fixture("slides.ppt"), ctx())
    assert not result.encrypted
    assert result.blocks == [
        TextBlock("履修者名簿\n担当 山田太郎\n電話 090-1234-5678", where="slide 1"),
        TextBlock("連絡先一覧\n鈴木一郎 suzuki@example.jp", where="slide 2"),
        TextBlock("メモ：佐藤花子さんの口座番号 7654321", where="notes"),
    ]


def test_record_walk() -> None:
    stream = b"".join(
        [
            container(
                0x03E8,  # DocumentContainer
                container(
                    0x0FF0,  # SlideListWithText: the outline of slide 1 and 2
                    atom(0x03F3, bytes(20)),
                    chars("名簿\r山田太郎"),
                    atom(0x03F3, bytes(20)),
                    atom(0x0FA8, "Taro caf\xe9\x0bend".encode("latin-1")),
                ),
            ),
            container(0x03F8, chars("Click to edit Master title style")),  # MainMaster
            container(
                0x03EE,  # Slide
                container(0xF002, container(0xF00D, chars("口座番号 1234567"), chars("*"))),
                container(
                    0x2EE0,  # Comment10Container: author, text, initials
                    atom(0x0FBA, "高橋".encode("utf-16-le"), instance=0),
                    atom(0x0FBA, "確認済み".encode("utf-16-le"), instance=1),
                ),
            ),
            container(0x03F0, chars("メモ")),  # Notes
        ]
    )
    found = _walk(stream, TextBudget(1000))
    assert found == {
        "slide 1": ["名簿\n山田太郎", "口座番号 1234567"],
        "slide 2": ["Taro caf\xe9\nend"],
        "slide 1 comment": ["確認済み"],
        "notes": ["メモ"],
    }


def test_record_walk_survives_bogus_lengths() -> None:
    stream = (
        container(0x03EE, chars("山田太郎")) + b"\x0f\x00\xee\x03\xff\xff\xff\xff" + b"\x00" * 3
    )
    assert _walk(stream, TextBudget(1000)) == {"slide 1": ["山田太郎"]}


def test_text_limit_truncates_with_a_note() -> None:
    result = EXTRACTOR.extract(fixture("slides.ppt"), ctx(max_text_chars=12))
    assert result.notes == ["text truncated after 12 characters"]
    texts = "".join(b.text for b in result.blocks if isinstance(b, TextBlock))
    assert len(texts.replace("\n", "")) <= 12  # joining lines adds the newlines


def test_garbage_and_truncated_files_are_corrupt() -> None:
    data = fixture("slides.ppt")
    assert_corrupt(EXTRACTOR, OLE_MAGIC + bytes(range(256)) * 8, "PPT")
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "PPT")


@pytest.mark.parametrize("name", ["slides.ppt"])
def test_damaged_files_raise_only_our_errors(name: str) -> None:
    for data in truncations(fixture(name)) + mutations(fixture(name)):
        extract_or_clean_error(EXTRACTOR, data)
