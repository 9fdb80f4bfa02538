"""Legacy Word .doc, read from the piece table (fixtures: tests/data/office/README.md)."""

from __future__ import annotations

import io

import olefile
import pytest
from _office_util import (
    OLE_MAGIC,
    PASSWORD,
    assert_corrupt,
    ctx,
    extract_or_clean_error,
    fixture,
    mutations,
    patch_ole_stream,
    truncations,
)

from recognizers.content import TextBlock
from scanner.errors import EncryptedError, ExtractionError
from scanner.extractors.doc import DocExtractor, _Fib, clean
from scanner.filetype import DOC

EXTRACTOR = DocExtractor()
BODY = (
    "2024年度 履修者名簿（社外秘）\n"
    "担当：山田太郎\u3000電話 090-1234-5678\u3000メール taro.yamada@example.jp\n"
    "氏名\t学籍番号\t口座番号\n"
    "山田太郎\tS2024001\t1234567\n"
    "佐藤花子\tS2024002\t7654321\n"
    "本人確認：鈴木一郎"
)


def by_where(blocks: list[object]) -> dict[str, str]:
    found = {}
    for block in blocks:
        assert isinstance(block, TextBlock)
        found[block.where] = block.text
    return found


def test_declares_doc() -> None:
    assert DOC in DocExtractor.mime_types


def test_body_header_footer_and_comment() -> None:
    result = EXTRACTOR.extract(fixture("roster.doc"), ctx())
    assert not result.encrypted
    stories = by_where(list(result.blocks))
    # the e-mail is a HYPERLINK field: its instruction is dropped, its result kept
    assert stories["body"] == BODY
    assert stories["header/footer"].split() == ["人事部", "社外秘", "総務課", "03-1234-5678"]
    assert stories["comment"] == "確認者 高橋次郎 内線 1234"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("氏名\x07学籍番号\x07\x07山田\x07S1\x07\x07", "氏名\t学籍番号\n山田\tS1\n"),
        ('\x13 HYPERLINK "mailto:a@example.jp" \x14a@example.jp\x15', "a@example.jp"),
        ("p.\x13 PAGE \x15 end", "p. end"),  # a field without a result
        ("\x13 IF \x13 REF x \x141\x15 = 1 \x14yes\x15!", "yes!"),  # nested fields
        ("a\rb\x0bc\x0cd\x1ee\x1ff\x01\x08g", "a\nb\nc\nd-ef\x1fg".replace("\x1f", "")),
        ("unbalanced\x15 end\x14", "unbalanced end"),
    ],
)
def test_clean(raw: str, text: str) -> None:
    assert clean(raw) == text


def test_compressed_pieces_are_cp1252() -> None:
    data = fixture("roster.doc")
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        word = ole.openstream("WordDocument").read()
    fib = _Fib(word)
    assert fib.lcb_clx == 21  # one Pcdt, no Prc: clxt, lcb, two CPs, one Pcd
    pcd_fc_at = fib.fc_clx + 1 + 4 + 8 + 2
    # 0x93/0x94 are curly quotes in cp1252 (control characters in latin-1)
    text = "Yamada Taro\rcaf\xe9 \u201cok\u201d".encode("cp1252").ljust(239, b" ")

    def compress_piece(table: bytearray) -> None:
        fc = int.from_bytes(table[pcd_fc_at : pcd_fc_at + 4], "little")
        table[pcd_fc_at : pcd_fc_at + 4] = (fc * 2 | 0x40000000).to_bytes(4, "little")

    def write_text(stream: bytearray) -> None:
        stream[2048 : 2048 + len(text)] = text

    patched = patch_ole_stream(data, fib.table_stream, compress_piece)
    patched = patch_ole_stream(patched, "WordDocument", write_text)
    stories = by_where(list(EXTRACTOR.extract(patched, ctx()).blocks))
    assert stories["body"] == "Yamada Taro\ncaf\xe9 \u201cok\u201d"


def test_word95_is_unsupported() -> None:
    def old_version(word: bytearray) -> None:
        word[2:4] = (0x0065).to_bytes(2, "little")

    data = patch_ole_stream(fixture("roster.doc"), "WordDocument", old_version)
    with pytest.raises(ExtractionError, match="unsupported DOC version"):
        EXTRACTOR.extract(data, ctx())


def test_piece_table_out_of_range_is_corrupt() -> None:
    def far_clx(word: bytearray) -> None:
        word[0x1A2:0x1A6] = (10**8).to_bytes(4, "little")  # fcClx

    data = patch_ole_stream(fixture("roster.doc"), "WordDocument", far_clx)
    assert_corrupt(EXTRACTOR, data, "DOC")


def test_text_limit_truncates_with_a_note() -> None:
    result = EXTRACTOR.extract(fixture("roster.doc"), ctx(max_text_chars=10))
    assert result.notes == ["text truncated after 10 characters"]
    assert sum(len(b.text) for b in result.blocks if isinstance(b, TextBlock)) <= 10


@pytest.mark.parametrize("passwords", [(), ("wrong",)])
def test_encrypted_without_the_password(passwords: tuple[str, ...]) -> None:
    with pytest.raises(EncryptedError):
        EXTRACTOR.extract(fixture("roster_pw.doc"), ctx(passwords))


def test_encrypted_with_the_password_yields_the_decrypted_document() -> None:
    result = EXTRACTOR.extract(fixture("roster_pw.doc"), ctx(("wrong", PASSWORD)))
    assert result.encrypted
    assert result.blocks == []
    assert result.inner is not None
    inner = EXTRACTOR.extract(result.inner, ctx())
    assert not inner.encrypted
    assert by_where(list(inner.blocks))["body"] == BODY


def test_garbage_and_truncated_files_are_corrupt() -> None:
    data = fixture("roster.doc")
    assert_corrupt(EXTRACTOR, OLE_MAGIC + bytes(range(256)) * 8, "DOC")
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "DOC")


@pytest.mark.parametrize("name", ["roster.doc", "roster_pw.doc"])
def test_damaged_files_raise_only_our_errors(name: str) -> None:
    for data in truncations(fixture(name)) + mutations(fixture(name)):
        extract_or_clean_error(EXTRACTOR, data)
