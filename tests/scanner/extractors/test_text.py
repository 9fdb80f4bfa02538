"""Plain text, CSV and TSV: encodings, delimiters and headers."""

from __future__ import annotations

import pytest

from recognizers.content import Table, TextBlock
from scanner.extractors.base import ExtractContext
from scanner.extractors.text import TextExtractor, sniff_delimiter
from scanner.limits import Limits

HEADER = ("氏名", "学籍番号", "口座番号")
ROWS = [("山田太郎", "1234567", "1234567"), ("佐々木花子", "7654321", "7654321")]


def csv_text(delim: str = ",") -> str:
    lines = [delim.join(HEADER)] + [delim.join(r) for r in ROWS]
    return "\n".join(lines) + "\n"


def extract(data: bytes, limits: Limits | None = None) -> list[Table | TextBlock]:
    return TextExtractor().extract(data, ExtractContext.for_file(limits or Limits())).blocks


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp"])
def test_csv_keeps_header_in_every_encoding(encoding: str) -> None:
    blocks = extract(csv_text().encode(encoding))
    assert len(blocks) == 1
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.header == HEADER
    assert list(table.rows) == ROWS


def test_tsv_is_a_table() -> None:
    (table,) = extract(csv_text("\t").encode("utf-8"))
    assert isinstance(table, Table) and table.header == HEADER


def test_title_row_above_header_becomes_text() -> None:
    text = "2024年度 旅費支給一覧\n" + csv_text()
    blocks = extract(text.encode("cp932"))
    assert isinstance(blocks[0], TextBlock) and "旅費支給一覧" in blocks[0].text
    assert isinstance(blocks[1], Table) and blocks[1].header == HEADER


def test_prose_is_text_not_table() -> None:
    prose = "本規程は、個人情報の適正な取扱いを定める。\n氏名、住所、銀行口座などを含む。\n以上。\n"
    (block,) = extract(prose.encode("iso2022_jp"))
    assert isinstance(block, TextBlock)
    assert block.text == prose


def test_quoted_fields_with_commas() -> None:
    data = '氏名,住所\n山田太郎,"東京都千代田区1-2-3, ハイツ101"\n'.encode()
    (table,) = extract(data)
    assert isinstance(table, Table)
    assert table.rows[0] == ("山田太郎", "東京都千代田区1-2-3, ハイツ101")


def test_text_is_truncated_at_the_limit() -> None:
    result = TextExtractor().extract(
        ("あ" * 1000).encode(), ExtractContext.for_file(Limits(max_text_chars=100))
    )
    assert sum(len(b.text) for b in result.blocks if isinstance(b, TextBlock)) == 100
    assert result.notes and "truncated" in result.notes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b\n1,2\n3,4\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("one line only\n", None),
        ("本文です。\n二行目です。\n", None),
    ],
)
def test_sniff_delimiter(text: str, expected: str | None) -> None:
    assert sniff_delimiter(text) == expected
