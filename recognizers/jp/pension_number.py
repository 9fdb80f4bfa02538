"""基礎年金番号 (JP_PENSION_NUMBER): the basic pension number.

Format (日本年金機構: 年金手帳・基礎年金番号通知書; NOTES.md): ten digits, a 4-digit
code and a 6-digit serial, printed 1234-567890 or 1234567890. No check digit is
published, and ten digits are also the shape of a phone number without hyphens, so
context decides: a value counts after a label (基礎年金番号, 年金番号, 年金手帳番号,
pension_number) or with 年金 near it. Unlabelled, a value starting with 0 is left alone:
that is how a landline number (0781234567) starts.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, label

LABELS = (
    "基礎年金番号",
    "年金番号",
    "年金手帳番号",
    "年金手帳の番号",
    "pension_number",
    "pension_no",
)
BEFORE = r"(?<![A-Za-z0-9])(?<![0-9][- ])"
AFTER = r"(?![A-Za-z0-9])(?![- ][0-9])"
VALUE = r"[0-9]{4}(?:-|ー)?[0-9]{6}"


class JpPensionNumberRecognizer(JaPatternRecognizer):
    ENTITY = "JP_PENSION_NUMBER"
    PREFILTER = r"[0-9]{4}[-ー]?[0-9]{6}"
    PATTERNS = (
        JaPattern("labelled", label(*LABELS) + rf"{BEFORE}(?P<v>{VALUE}){AFTER}", 0.85),
        # Unlabelled: counts only with 年金 context near it.
        JaPattern("4+6 digits", rf"{BEFORE}(?P<v>(?=[1-9]){VALUE}){AFTER}", 0.3),
    )
    CONTEXT = ("年金", "pension", "Pension")
