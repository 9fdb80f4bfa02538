"""JP_EXAM_NUMBER: label-driven, 3-10 letters and digits."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_EXAM_NUMBER"

CASES = [
    # positives
    ("受験番号：11663", ["11663"]),
    ("受験番号　１１６６３　氏名：高橋 結衣", ["１１６６３"]),  # full-width
    ("受験票番号 A1234", ["A1234"]),
    ("受験者番号: 250012", ["250012"]),
    ("受験番号：第12345号", ["12345"]),
    ("exam_number: 13653", ["13653"]),
    ("examinee_no=W25-A", []),  # a dashed code: not a value
    ("exam_no: W2500123", ["W2500123"]),
    # negatives: no label, or the label in prose
    ("11663 高橋 結衣 合", []),
    ("入学試験情報 ① 氏名、受験番号、生年月日、自宅住所", []),
    ("受験番号：未定", []),
    ("受験番号 ABC", []),  # no digit
    # near misses
    ("受験番号：12", []),  # too short
    ("受験番号：12345678901", []),  # too long
    ("受験番号：2025-0001", []),
    ("合計点 427 順位 119", []),
    ("JANコード 4940814858984", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_exam_number(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_exam_number_column(table_counts: TableCounts) -> None:
    table = Table(
        header=("受験番号", "氏名", "合計点", "順位", "判定案"),
        rows=(
            ("11663", "高橋 結衣", "427", "119", "合"),
            ("12327", "伊藤 さゆり", "425", "120", "合"),
            ("13565", "田中 陽一", "421", "121", "否"),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 3
