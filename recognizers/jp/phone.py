"""電話番号 (PHONE_NUMBER): a person's Japanese landline, mobile or IP phone number.

Format (総務省「電気通信番号計画」; NOTES.md "Japanese identifiers"):

- landline: 0 + area code + exchange + subscriber, **10 digits** in all; the area code
  (with its 0) has 2–5 digits and the exchange fills up to 6, the subscriber always has
  4: 03-1234-5678, 078-123-4567, 0791-12-3456, 01267-2-3456. Written also (078)050-9570
  or 078(050)9570.
- mobile / PHS / IP: 070, 080, 090, 050 + 8 digits, **11 digits**: 090-1234-5678, and
  very often unseparated, 09012345678.
- international: +81 and the number without its leading 0 (+81-90-1234-5678,
  +81 78 123 4567, +81(0)78-…).
- not personal: free dial 0120 / 0800 (0800-123-456), ナビダイヤル 0570, 0990, and a
  company's numbers marked 代表 / FAX / フリーダイヤル (`NEGATIVE`). 内線 is not negative:
  a person's signature reads ``TEL 078-024-8595（内線 5023）``.

Why the patterns look like this: each grouping is spelled out so that the digit count
is exact (an order number 2024-0001, a postal code 657-0000, a date 2024-07-20 never
have the 0 + 10/11-digit shape), digit boundaries and "no digit-dash before / after"
keep a phone from being cut out of a longer number or part number, and free-dial
prefixes are excluded by grouping (0800-… is toll-free, 080-0… is a mobile). Text is
folded first, so full-width digits and dashes match; ー between digits is `DASH`.
Shapes that are plausible but ambiguous — an unseparated 10-digit landline (a patient
ID is 10 digits too) or digits separated by spaces — start below the threshold and
count only beside a phone word (電話, TEL, 携帯 …).
"""

from __future__ import annotations

from recognizers.base import DASH, JaPattern, JaPatternRecognizer

BEFORE = r"(?<![0-9])(?<![0-9][-ー])"  # not inside a longer number or part number
AFTER = r"(?![0-9])(?![-ー][0-9])"
# Free dial, navi dial, dial Q2; and a mobile prefix is never a 3-digit area code.
NOT_SPECIAL = r"(?![(]?(?:0120|0800|0570|0990|0[5789]0[-ー ()]))"
MOBILE = r"0[5789]0"


def _landline(sep1: str, sep2: str, opening: str = "", closing: str = "", trunk: str = "0") -> str:
    """10-digit landline groupings: an area code (with 0) of a digits, exchange of 6 - a.

    `opening` / `closing` bracket the area code; `trunk` is the 0 that +81 drops.
    """
    return "|".join(
        rf"{opening}{trunk}[1-9][0-9]{{{a - 2}}}{closing}{sep1}[0-9]{{{6 - a}}}{sep2}[0-9]{{4}}"
        for a in (2, 3, 4, 5)
    )


def _phone(value: str, before: str = BEFORE) -> str:
    return rf"{before}(?P<v>{value}){AFTER}"


SEP = rf"[ ]?{DASH}[ ]?"
MOBILE_SEPARATED = (
    rf"{MOBILE}{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}|[(]{MOBILE}[)][ ]?[0-9]{{4}}{SEP}[0-9]{{4}}"
)
LANDLINE = "|".join(
    (
        _landline(SEP, SEP),  # 078-123-4567
        _landline("[ ]?", SEP, "[(]", "[)]"),  # (078)123-4567
        _landline("[(]", "[)]"),  # 078(123)4567
    )
)
# +81, an optional (0), then the national number without its 0, separated or not.
I_SEP = rf"(?:{DASH}|[ ])?"
INTERNATIONAL = (
    rf"\+81{I_SEP}(?:[(]0[)]{I_SEP})?"
    rf"(?:[5789]0{I_SEP}[0-9]{{4}}{I_SEP}[0-9]{{4}}|{_landline(I_SEP, I_SEP, trunk='')})"
)
SPACED = rf"{MOBILE} [0-9]{{4}} [0-9]{{4}}|{NOT_SPECIAL}(?:{_landline(' ', ' ')})"

PATTERNS = (
    JaPattern("mobile", _phone(MOBILE_SEPARATED), 0.7),
    JaPattern("mobile unseparated", _phone(rf"{MOBILE}[0-9]{{8}}"), 0.6),
    JaPattern("landline", _phone(f"{NOT_SPECIAL}(?:{LANDLINE})"), 0.65),
    JaPattern("international (+81)", _phone(INTERNATIONAL, r"(?<![0-9+])"), 0.7),
    # Ambiguous shapes: they need a phone word nearby (CONTEXT) to reach the threshold.
    JaPattern("landline unseparated", _phone(rf"{NOT_SPECIAL}0[1-9][0-9]{{8}}"), 0.3),
    JaPattern("separated by spaces", _phone(SPACED), 0.3),
)


class JpPhoneRecognizer(JaPatternRecognizer):
    ENTITY = "PHONE_NUMBER"
    PATTERNS = PATTERNS
    CONTEXT = (
        "電話",
        "TEL",
        "Tel",
        "tel",
        "携帯",
        "ケータイ",
        "自宅",
        "連絡先",
        "phone",
        "Phone",
        "PHONE",
        "☎",
    )
    NEGATIVE = ("代表", "FAX", "Fax", "fax", "ファックス", "ファクス", "フリーダイヤル")
