"""JP_PENSION_NUMBER: 基礎年金番号, 4 + 6 digits, with a label or 年金 context."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_PENSION_NUMBER"

CASES = [
    # positives
    ("基礎年金番号：1234-567890", ["1234-567890"]),
    ("基礎年金番号 1234567890", ["1234567890"]),
    ("年金手帳の番号は 4321-098765 です", ["4321-098765"]),
    ("基礎年金番号：１２３４－５６７８９０", ["１２３４－５６７８９０"]),  # full-width
    ("pension_number: 0123-456789", ["0123-456789"]),  # labelled: a leading 0 is fine
    ("日本年金機構からの通知 1234-567890", ["1234-567890"]),  # context
    ("年金\n1234567890", ["1234567890"]),  # context on the line above
    # negatives
    ("1234-567890", []),  # no context
    ("基礎年金番号の記載は不要とする。", []),
    ("年金事務所 TEL 0781234567", []),  # a phone number: leading 0, unlabelled
    # near misses
    ("基礎年金番号：1234-5678901", []),  # 7 after the dash
    ("基礎年金番号：123-4567890", []),
    ("基礎年金番号：12345678901", []),  # 11 digits
    ("年金 4940814858984", []),  # a JAN code
    ("年金 2024-123456-7", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_pension_number(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
