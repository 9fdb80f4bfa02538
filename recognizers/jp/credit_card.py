"""クレジットカード番号 (CREDIT_CARD): a payment card number (PAN).

Format (ISO/IEC 7812): 13-19 digits, the first six the issuer (IIN/BIN), the last a
Luhn check digit (`stdnum.luhn`). Printed plain or in groups separated by spaces or
dashes: 4-4-4-4 (16 digits), 4-6-5 (American Express, 15), 4-6-4 (Diners, 14).
Brand prefixes (the card networks' published IIN ranges): Visa 4 (13, 16, 19 digits),
Mastercard 51-55 and 2221-2720 (16), American Express 34/37 (15), JCB 3528-3589
(16-19), Diners Club 36, 38, 300-305 (14-19).

Why the extra rules: Presidio's `CreditCardRecognizer` does not load for ``ja`` and
uses ``\\b`` (see NOTES.md). Luhn alone passes one random number in ten. A JAN/EAN-13
product code starts with 45 or 49 (a Visa prefix) and is 13 digits long, an ISBN-13
with 978/979: so 13-14 and 17-19-digit numbers count only with card context
(クレジット, カード番号, card), while the common 15-16-digit lengths count on Luhn and
brand alone. JAN / ISBN / 法人番号 next to a value drop it.
"""

from __future__ import annotations

from stdnum import luhn

from recognizers.base import JaPattern, JaPatternRecognizer

BEFORE = r"(?<![A-Za-z0-9])(?<![0-9][- ])"
AFTER = r"(?![A-Za-z0-9])(?![- ][0-9])"
SEP = r"[- ]?"
# 15-16 digits: plain, 4-4-4-4 (a same separator is not required: scans are messy), 4-6-5.
COMMON = (
    rf"[0-9]{{4}}{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}"
    rf"|[0-9]{{4}}{SEP}[0-9]{{6}}{SEP}[0-9]{{5}}"
    r"|[0-9]{15}"
)
# Other lengths: 13-14 (old Visa, Diners 4-6-4) and 17-19 (JCB, Visa, Maestro).
OTHER = (
    rf"[0-9]{{4}}{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}{SEP}[0-9]{{4}}{SEP}[0-9]{{1,3}}"
    rf"|[0-9]{{4}}{SEP}[0-9]{{6}}{SEP}[0-9]{{4}}"
    r"|[0-9]{13,14}|[0-9]{17,19}"
)
CONTEXT_WORDS = (
    "クレジット",
    "カード番号",
    "card",
    "Card",
    "CARD",
    "VISA",
    "Visa",
    "MasterCard",
    "Mastercard",
    "JCB",
    "AMEX",
    "American Express",
    "Diners",
    "有効期限",
)


def brand_ok(digits: str) -> bool:
    """The number starts with a prefix of a card brand accepted in Japan, at a valid length."""
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # American Express
    if 3528 <= four <= 3589:
        return 16 <= n <= 19  # JCB
    if two in (36, 38) or 300 <= int(digits[:3]) <= 305:
        return 14 <= n <= 19  # Diners Club
    return False


class JpCreditCardRecognizer(JaPatternRecognizer):
    ENTITY = "CREDIT_CARD"
    PREFILTER = r"[0-9](?:[- ]?[0-9]){12}"
    PATTERNS = (
        JaPattern("15-16 digits", rf"{BEFORE}(?P<v>{COMMON}){AFTER}", 0.7),
        # Below the threshold: counts only with a CONTEXT word near.
        JaPattern("13-14 or 17-19 digits", rf"{BEFORE}(?P<v>{OTHER}){AFTER}", 0.3),
    )
    CONTEXT = CONTEXT_WORDS
    NEGATIVE = ("JANコード", "JAN code", "jan_code", "ISBN", "EAN", "法人番号", "品番", "型番")

    def validate(self, value: str) -> bool | None:
        """Luhn and a brand prefix must hold; a valid value keeps its pattern's score."""
        digits = "".join(c for c in value if c.isdigit())
        if not 13 <= len(digits) <= 19 or not brand_ok(digits):
            return False
        return None if bool(luhn.is_valid(digits)) else False
