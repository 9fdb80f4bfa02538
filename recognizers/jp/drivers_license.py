"""運転免許証番号 (JP_DRIVERS_LICENSE): the 12-digit number of a driving licence.

Format (NOTES.md "Japanese identifiers"; the card is prescribed by 道路交通法施行規則,
the structure of its number is police practice, not published as a standard): 12
digits, printed 第123456789012号. Digits 1-2 are the issuing 公安委員会 (10-14
北海道 … 97 沖縄: never below 10 or above 97), 3-4 the year of first issue, 5-10 a
serial, 11 a check digit, 12 the reissue count. The check-digit rule is not officially
published, so it is not verified: context decides. A value counts after a label
(免許証番号, 運転免許証, 免許番号, 運転免許証番号, license_number) or as a plain
12-digit number with 免許 / 運転免許 near it.

A 12-digit number can also be a My Number; where both claim it, the check-digit-verified
My Number wins on score and PRIORITY.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, label

LABELS = (
    "運転免許証番号",
    "運転免許番号",
    "免許証番号",
    "免許番号",
    "運転免許証",
    "免許証",
    "license_number",
    "license_no",
    "licence_number",
    "licence_no",
    "drivers_license",
    "driver_license",
)
BEFORE = r"(?<![A-Za-z0-9])(?<![0-9][- ])"
AFTER = r"(?![A-Za-z0-9])(?![- ][0-9])"
VALUE = r"[0-9]{12}"


class JpDriversLicenseRecognizer(JaPatternRecognizer):
    ENTITY = "JP_DRIVERS_LICENSE"
    PREFILTER = r"[0-9]{12}"
    PATTERNS = (
        JaPattern(
            "labelled",
            label(*LABELS) + rf"(?:第[ \t]*)?{BEFORE}(?P<v>{VALUE}){AFTER}",
            0.85,
        ),
        # Unlabelled: counts only with 免許 context near it.
        JaPattern("12 digits", rf"{BEFORE}(?P<v>{VALUE}){AFTER}", 0.3),
    )
    CONTEXT = ("運転免許", "免許証", "免許番号", "license", "licence", "License", "Licence")

    def validate(self, value: str) -> bool | None:
        """The first two digits are a 公安委員会 code, 10-97."""
        return None if 10 <= int(value[:2]) <= 97 else False
