"""JP_PASSPORT: two capital letters and seven digits, with a label or 旅券 context."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_PASSPORT"

CASES = [
    # positives
    ("旅券番号：TK1234567", ["TK1234567"]),
    ("パスポート番号 TZ0123456", ["TZ0123456"]),
    ("passport_no: MZ7654321", ["MZ7654321"]),
    ("旅券番号：ＴＫ１２３４５６７", ["ＴＫ１２３４５６７"]),  # full-width
    ("パスポート（TR1234567）を提示", ["TR1234567"]),  # context, glued to kanji brackets
    ("パスポート\nTR1234567", ["TR1234567"]),  # context on the line above
    # negatives
    ("TK1234567", []),  # no context
    ("型番 TK1234567 の部品", []),
    ("旅券その他の書類により本人確認を行う。", []),
    # near misses
    ("旅券番号：TK12345678", []),  # 8 digits
    ("旅券番号：TK123456", []),  # 6 digits
    ("旅券番号：XTK1234567", []),  # glued to another letter
    ("旅券番号：T1234567", []),  # one letter
    ("パスポート AB12345678CD", []),  # a residence card's shape
    ("JANコード 4940814858984 旅券", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_passport(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
