"""個人番号 / マイナンバー (JP_MY_NUMBER): the 12-digit individual number.

Format: 12 digits, written plain (123456789018) or in three groups of four separated by
spaces or dashes (1234 5678 9018, 1234-5678-9018). The last digit is a check digit over
the first eleven, defined by ministerial ordinance (総務省令: the 検査用数字 formula of
the My Number Act's implementing rules): weights 6,5,4,3,2,7,6,5,4,3,2 from the left,
r = Σ mod 11, check = 0 if r <= 1 else 11 - r (also /work/shared/NOTES.md).
python-stdnum implements it as `stdnum.jp.in_` (its test vectors 123456789018 and
621498320257 are in our test).

Why a finding needs both the check digit and context: about one random 12-digit number
in eleven passes the check, so a product number (品番), an order number or a JAN-like
code would often pass by chance (the price list of the sample corpus has one). A value
counts only when it passes the check *and* stands after a label (個人番号：…, a
個人番号 column, マイナンバー, my_number) or near such a word. A 13-digit 法人番号
(corporate number, public information, not personal data) never matches: the value
must not touch another digit, and 法人番号 / 会社法人等番号 near a value drop it.

This is the most sensitive identifier (特定個人情報): it has the highest PRIORITY, so a
12-digit value read as My Number is not also counted as a licence or a phone number.
"""

from __future__ import annotations

from stdnum.jp import in_ as jp_in

from recognizers.base import JaPattern, JaPatternRecognizer, label

LABELS = (
    "個人番号",
    "マイナンバー",
    "my_number",
    "mynumber",
    "My Number",
    "MyNumber",
    "my number",
)
# A value must not continue a longer digit run, also across one separator
# (0120-123456789012, a 16-digit card number in groups of four).
BEFORE = r"(?<![A-Za-z0-9])(?<![0-9][- ])"
AFTER = r"(?![A-Za-z0-9])(?![- ][0-9])"
# 12 digits, or 4-4-4 with the same separator (space, dash or ー) twice.
VALUE = r"[0-9]{4}(?P<sep>[- ]|ー|)[0-9]{4}(?P=sep)[0-9]{4}"


class JpMyNumberRecognizer(JaPatternRecognizer):
    ENTITY = "JP_MY_NUMBER"
    PREFILTER = r"[0-9]{4}[- ー]?[0-9]{4}[- ー]?[0-9]{4}"
    PATTERNS = (
        JaPattern("labelled", label(*LABELS) + rf"{BEFORE}(?P<v>{VALUE}){AFTER}", 0.95),
        # Unlabelled: below the threshold unless a CONTEXT word is near.
        JaPattern("12 digits", rf"{BEFORE}(?P<v>{VALUE}){AFTER}", 0.3),
    )
    CONTEXT = LABELS
    NEGATIVE = ("法人番号", "会社法人等番号", "品番", "型番", "JANコード")

    def validate(self, value: str) -> bool | None:
        """The check digit must hold; a valid value keeps its pattern's score.

        Returning None (not True) on success is deliberate: True would lift an
        unlabelled 12-digit number to 1.0 and count it without context.
        """
        digits = "".join(c for c in value if c.isdigit())
        return None if bool(jp_in.is_valid(digits)) else False
