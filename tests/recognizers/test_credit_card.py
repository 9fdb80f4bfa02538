"""CREDIT_CARD: 13-19 digits, Luhn (stdnum.luhn) and a brand prefix.

Card numbers are the networks' published test numbers (4111 1111 1111 1111,
5555 5555 5555 4444, 3782 822463 10005, 3530 1113 3330 0000, 3056 930902 5904);
4940814858984 and 9784849698444 are JAN/ISBN-shaped 13-digit codes that pass both the
EAN and the Luhn check.
"""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "CREDIT_CARD"

CASES = [
    # positives: 15-16 digits count on Luhn and brand alone
    ("カード番号：4111 1111 1111 1111", ["4111 1111 1111 1111"]),
    ("4111-1111-1111-1111", ["4111-1111-1111-1111"]),
    ("5555555555554444", ["5555555555554444"]),  # Mastercard 51-55
    ("2221000000000009", ["2221000000000009"]),  # Mastercard 2221-2720
    ("3782 822463 10005", ["3782 822463 10005"]),  # American Express 4-6-5
    ("3530111333300000", ["3530111333300000"]),  # JCB
    (
        "支払は４１１１１１１１１１１１１１１１で",
        ["４１１１１１１１１１１１１１１１"],
    ),  # full-width, glued
    ("ｶｰﾄﾞ番号 ４１１１－１１１１－１１１１－１１１１", ["４１１１－１１１１－１１１１－１１１１"]),
    # positives: other lengths need context
    ("クレジットカード 3056 930902 5904", ["3056 930902 5904"]),  # Diners 14
    ("card: 4222222222222", ["4222222222222"]),  # Visa 13
    ("JCB カード番号 3530111333300000126", ["3530111333300000126"]),  # JCB 19
    # negatives
    ("4111 1111 1111 1112", []),  # Luhn fails
    ("1234567812345670", []),  # Luhn passes, no brand
    ("3056 930902 5904", []),  # 14 digits without context
    ("4222222222222", []),  # 13 digits without context
    ("378282246310005 5", []),  # Amex followed by one more digit group
    # near misses: JAN, ISBN, 法人番号, My Number
    ("4940814858984", []),  # JAN-13 that passes Luhn, Visa prefix
    ("JANコード 4940814858984 カード", []),
    ("ISBN 9784849698444", []),
    ("法人番号 5923740053699", []),
    ("個人番号 6214 9832 0257", []),
    ("品番 4111111111111111", []),
    ("41111111111111111", []),  # 17 digits: a 16-digit card inside a longer run
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_credit_card(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
