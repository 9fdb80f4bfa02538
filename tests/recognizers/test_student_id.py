"""JP_STUDENT_ID: label-driven, plus the digits+letter shape beside student context."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_STUDENT_ID"

CASES = [
    # positives
    ("学籍番号：2215306T", ["2215306T"]),
    ("学籍番号　２２１５３０６Ｔ　氏名：木村", ["２２１５３０６Ｔ"]),
    ("学生番号: 20241234", ["20241234"]),
    ("学籍番号（8桁）：A1234567", ["A1234567"]),
    ("2113125S 田中 七夏 様", ["2113125S"]),
    # negatives
    ("ファイル名は「学籍番号_氏名.pdf」とすること。", []),
    ("学籍番号、氏名その他の記述等により特定の個人を識別", []),
    ("型番 1234567X の部品", []),
    # near misses
    ("2113053s@stu.example.ac.jp", []),
    ("学籍番号：未定", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_student_id(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
