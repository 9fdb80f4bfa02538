"""旅券番号 (JP_PASSPORT): the number of a Japanese passport.

Format (外務省; ICAO Doc 9303 machine-readable passports; NOTES.md): two capital letters
and seven digits, e.g. TK1234567 (TK, TR, TZ, MZ … series). The number has no check
digit of its own outside the machine-readable zone, and "two letters + seven digits" is
also the shape of product and order codes, so a value counts only after a label (旅券番号,
パスポート番号, passport_no) or next to 旅券 / パスポート / passport.
"""

from __future__ import annotations

from recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    JaPattern,
    JaPatternRecognizer,
    label,
)

LABELS = (
    "旅券番号",
    "パスポート番号",
    "パスポートNo",
    "旅券",
    "パスポート",
    "passport_number",
    "passport_no",
    "passport",
    "Passport No",
    "Passport No.",
    "Passport",
)
VALUE = r"[A-Z]{2}[0-9]{7}"


class JpPassportRecognizer(JaPatternRecognizer):
    ENTITY = "JP_PASSPORT"
    PREFILTER = r"[A-Z]{2}[0-9]{7}"
    PATTERNS = (
        JaPattern(
            "labelled", label(*LABELS) + rf"{NOT_ALNUM_BEFORE}(?P<v>{VALUE}){NOT_ALNUM_AFTER}", 0.85
        ),
        # Unlabelled: counts only with passport context near it.
        JaPattern("letters and digits", rf"{NOT_ALNUM_BEFORE}(?P<v>{VALUE}){NOT_ALNUM_AFTER}", 0.3),
    )
    CONTEXT = ("旅券", "パスポート", "passport", "Passport", "PASSPORT")
