"""JP_DRIVERS_LICENSE: 12 digits after a licence label or with 運転免許 context."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_DRIVERS_LICENSE"

CASES = [
    # positives
    ("運転免許証番号：第301234567890号", ["301234567890"]),
    ("免許証番号 631234567890", ["631234567890"]),
    ("免許番号：451912345670", ["451912345670"]),
    ("運転免許証 第 451912345670 号", ["451912345670"]),
    ("運転免許証番号：３０１２３４５６７８９０", ["３０１２３４５６７８９０"]),  # full-width
    ("運転免許証の写し 301234567890", ["301234567890"]),  # context
    ("運転免許証\n番号 301234567890", ["301234567890"]),  # context on the line above
    ("license_number: 971234567895", ["971234567895"]),
    # negatives
    ("301234567890", []),  # no context
    ("免許証番号：091234567890", []),  # 公安委員会 code below 10
    ("免許証番号：981234567890", []),  # above 97
    ("教員免許状 301234567890", []),  # a teacher's licence is not 運転免許
    ("運転免許証、旅券その他の書類により本人確認を行う。", []),
    # near misses
    ("免許証番号：3012345678901", []),  # 13 digits
    ("免許証番号：30123456789", []),  # 11 digits
    ("法人番号 5923740053699 運転免許", []),
    ("個人番号：621498320257", []),  # a My Number
    ("JANコード 4940814858984 免許証", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_drivers_license(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
