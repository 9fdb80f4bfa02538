"""JP_RESIDENCE_CARD: two letters, eight digits, two letters; counts without context."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_RESIDENCE_CARD"

CASES = [
    # positives
    ("在留カード番号：AB12345678CD", ["AB12345678CD"]),
    ("AB12345678CD", ["AB12345678CD"]),  # distinctive enough alone
    ("在留カード番号：ＡＢ１２３４５６７８ＣＤ", ["ＡＢ１２３４５６７８ＣＤ"]),  # full-width
    ("番号はUV98765432WXです", ["UV98765432WX"]),  # glued to kana
    ("特別永住者証明書番号 EF12345678GH", ["EF12345678GH"]),
    # negatives
    ("在留カードの写しを提出すること。", []),
    ("在留カード番号：AB1234567CD", []),  # 7 digits
    ("在留カード番号：AB123456789CD", []),  # 9 digits
    # near misses: product codes
    ("品番 AB-12345678-CD", []),
    ("XAB12345678CD", []),  # glued to another letter
    ("AB12345678CD9", []),
    ("ab12345678cd", []),  # lower case is not how the card prints it
    ("JANコード 4940814858984", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_residence_card(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
