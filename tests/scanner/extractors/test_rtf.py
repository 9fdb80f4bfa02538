"""RtfExtractor: the two ways Japanese RTF stores text, and damaged files."""

from __future__ import annotations

import pytest
from _doc_util import all_text, assert_content_free, ctx, texts

from scanner.errors import ExtractionError
from scanner.extractors import extractor_for
from scanner.extractors.rtf import RtfExtractor, rtf_encoding, rtf_text
from scanner.filetype import detect

HEAD = r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil\fcharset128 MS Mincho;}}\f0 "


def hexes(text: str, encoding: str = "cp932") -> str:
    """`text` as \\'xx escapes, the way Word writes non-ASCII bytes."""
    return "".join(f"\\'{b:02x}" for b in text.encode(encoding))


def uescapes(text: str) -> str:
    r"""`text` as \uN? escapes (signed 16-bit, surrogate pairs beyond the BMP)."""
    units = text.encode("utf-16-le")
    out = []
    for i in range(0, len(units), 2):
        n = int.from_bytes(units[i : i + 2], "little", signed=True)
        out.append(f"\\u{n}?")
    return "".join(out)


def rtf(body: str, head: str = HEAD) -> bytes:
    return (head + body + r"\par}").encode("ascii")


def test_registered_for_what_libmagic_reports() -> None:
    data = rtf(hexes("氏名"))
    assert detect(data) == "text/rtf"
    assert isinstance(extractor_for(detect(data)), RtfExtractor)


def test_cp932_byte_escapes_and_unicode_escapes_both_decode() -> None:
    body = hexes("氏名") + " " + uescapes("山田太郎") + r"\par " + hexes("口座番号") + " 1234567"
    result = RtfExtractor().extract(rtf(body), ctx())
    assert all_text(result) == "氏名 山田太郎\n口座番号 1234567"


def test_unicode_escapes_with_cp932_fallback_bytes_are_not_doubled() -> None:
    # Word: \uc2 then each character as \uN followed by its 2-byte CP932 fallback.
    body = r"\uc2" + "".join(f"\\u{ord(c)}" + hexes(c) for c in "学籍番号")
    assert all_text(RtfExtractor().extract(rtf(body), ctx())) == "学籍番号"


def test_trail_byte_written_as_a_literal_character() -> None:
    # テスト is 83 65 83 58 83 67 in CP932; Word writes the ASCII-range trail bytes
    # as characters: \'83e\'83X\'83g. ソ (83 5C) needs an escaped backslash.
    body = r"\'83e\'83X\'83g \'83\\"
    assert all_text(RtfExtractor().extract(rtf(body), ctx())) == "テスト ソ"


def test_line_break_between_the_two_bytes_of_a_character() -> None:
    escaped = hexes("山田")
    body = escaped[:4] + "\r\n" + escaped[4:]
    assert all_text(RtfExtractor().extract(rtf(body), ctx())) == "山田"


def test_surrogate_pairs_and_cp932_only_characters() -> None:
    body = uescapes("𠮷野家") + " " + hexes("髙橋①")
    assert all_text(RtfExtractor().extract(rtf(body), ctx())) == "𠮷野家 髙橋①"


def test_japanese_font_without_ansicpg_means_cp932() -> None:
    head = r"{\rtf1\ansi\deff0{\fonttbl{\f0\fnil\fcharset128 MS Gothic;}}\f0 "
    data = rtf(hexes("学籍番号"), head=head)
    assert rtf_encoding(data.decode("ascii")) == "cp932"
    assert all_text(RtfExtractor().extract(data, ctx())) == "学籍番号"


def test_default_charset_font_uses_the_document_code_page() -> None:
    head = r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil\fcharset1 Font;}}\f0 "
    assert all_text(RtfExtractor().extract(rtf(hexes("氏名"), head=head), ctx())) == "氏名"


def test_pictures_are_dropped_without_losing_text() -> None:
    picture = r"{\*\shppict{\pict\pngblip " + "89504e47" * 2000 + "}}"
    body = hexes("氏名") + picture + hexes("山田")
    text = all_text(RtfExtractor().extract(rtf(body), ctx()))
    assert text == "氏名山田"


def test_raw_8bit_cp932_text_is_read_too() -> None:
    data = HEAD.encode("ascii") + "氏名 山田太郎".encode("cp932") + rb"\par}"
    assert all_text(RtfExtractor().extract(data, ctx())) == "氏名 山田太郎"


def test_text_is_capped_at_the_limit() -> None:
    result = RtfExtractor().extract(rtf(hexes("山田太郎" * 10)), ctx(max_text_chars=5))
    assert [b.text for b in texts(result)] == ["山田太郎山"]
    assert any("truncated" in note for note in result.notes)


def test_not_rtf_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError) as err:
        RtfExtractor().extract("氏名 山田太郎".encode("cp932"), ctx())
    assert_content_free(str(err.value), "山田")


def test_truncated_rtf_yields_what_is_there() -> None:
    data = rtf(hexes("氏名 山田太郎") + r"\par " + hexes("口座番号"))
    cut = data.index(rb"\par ") + 10  # inside the escapes of 口座番号, no closing brace
    assert rtf_text(data[:cut]).startswith("氏名 山田太郎\n")


@pytest.mark.parametrize(
    "body",
    [
        r"\u99999999999?",  # beyond any code point
        r"\u-99999?",
        "{" * 5000 + "}" * 5000,
        r"{\fonttbl{\f1\fcharset78 Osaka;}}\f1 " + hexes("氏名"),  # Mac Japanese
        r"\ansicpg99999 " + hexes("氏名"),  # unknown code page
    ],
)
def test_odd_input_does_not_crash(body: str) -> None:
    result = RtfExtractor().extract(rtf(body), ctx())
    assert isinstance(result.blocks, list)
