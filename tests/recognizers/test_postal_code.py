"""JP_POSTAL_CODE: 〒NNN-NNNN, a labelled NNN-NNNN, or NNN-NNNN before a prefecture.

Format: 日本郵便「郵便番号制度の概要」 (7 digits, written 3-4). Codes here are made up.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_POSTAL_CODE"

CASES = [
    # the postal mark: the span is the number alone
    ("〒657-8501", ["657-8501"]),
    ("〒6578501", ["6578501"]),
    ("〒 664-7813　兵庫県神戸市北区東和町1-29-8", ["664-7813"]),
    ("〒６５７－８５０１", ["６５７－８５０１"]),
    ("現住所：〒674-2249 兵庫県明石市浅草橋1丁目10番16号", ["674-2249"]),
    ("住所\u3000〒676-9337\u3000兵庫県神戸市灘区羽折町5丁目9番14号", ["676-9337"]),
    # after a label, also as a table cell "header:value"
    ("郵便番号：657-8501", ["657-8501"]),
    ("郵便番号:494-2438", ["494-2438"]),
    ("郵便番号 〒659-5715", ["659-5715"]),
    ("postal_code:430-9212", ["430-9212"]),
    ("zip: 1000001", ["1000001"]),
    # directly before a prefecture
    ("657-8501 兵庫県神戸市灘区六甲台町1-1", ["657-8501"]),
    ("100-0001東京都千代田区千代田1-1", ["100-0001"]),
    # bare, but an address word nearby
    ("住所：650-0001 神戸市中央区加納町6-5-1", ["650-0001"]),
    # not postal codes: phone fragments, order and part numbers
    ("090-1234-5678", []),
    ("078-123-4567", []),
    ("命令番号 2024-0001", []),
    ("品番 123-4567 の部品", []),
    ("657-8501", []),
    # near misses: too many digits, part of a longer number
    ("〒657-85012", []),
    ("〒65785012", []),
    ("1657-8501 兵庫県", []),
    ("郵便番号：未定", []),
    ("成績.zip 1234567", []),
    # an organisation's own address (a letterhead, a copyright notice) is not personal
    (
        "この著作権表示を入れるかぎり自由です。\n〒101-0047 東京都千代田区内神田2-12-6 神田OSビル4F\n"
        "一般社団法人日本ネットワークインフォメーションセンター",
        [],
    ),
    ("神戸大学 学務部教務課\n〒657-8501 兵庫県神戸市灘区鶴甲1-2-1", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_postal_code(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_postal_code_column(table_counts: TableCounts) -> None:
    """A 郵便番号 column counts each code, with or without 〒."""
    table = Table(
        header=("氏名", "郵便番号", "自宅住所"),
        rows=(
            ("佐々木 舞", "494-2438", "東京都東久留米市戸塚町5-15-9"),
            ("伊藤 充", "〒664-7813", "兵庫県神戸市北区東和町1-29-8 シティ豊町673号室"),
            ("木村 真綾", "", ""),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2
