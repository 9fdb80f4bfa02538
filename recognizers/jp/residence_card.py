"""在留カード番号 (JP_RESIDENCE_CARD): the number of a residence card.

Format (出入国在留管理庁「在留カード等番号失効情報照会」; NOTES.md): two capital letters,
eight digits, two capital letters, e.g. AB12345678CD. The 特別永住者証明書 uses the
same shape. No check digit is published.

Why it counts without context: twelve characters in this exact letter/digit/letter
layout are rare in office documents (product codes put their letters in front or use
dashes), so an unlabelled value starts at 0.6, above the threshold. A label (在留カード
番号) or 在留カード / 在留 / 特別永住者証明書 nearby raises it.
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
    "在留カード番号",
    "在留カード",
    "特別永住者証明書番号",
    "特別永住者証明書",
    "residence_card_number",
    "residence_card_no",
    "residence_card",
)
VALUE = r"[A-Z]{2}[0-9]{8}[A-Z]{2}"


class JpResidenceCardRecognizer(JaPatternRecognizer):
    ENTITY = "JP_RESIDENCE_CARD"
    PREFILTER = r"[A-Z]{2}[0-9]{8}[A-Z]{2}"
    PATTERNS = (
        JaPattern(
            "labelled", label(*LABELS) + rf"{NOT_ALNUM_BEFORE}(?P<v>{VALUE}){NOT_ALNUM_AFTER}", 0.85
        ),
        JaPattern(
            "letters digits letters", rf"{NOT_ALNUM_BEFORE}(?P<v>{VALUE}){NOT_ALNUM_AFTER}", 0.6
        ),
    )
    CONTEXT = (
        "在留カード",
        "在留",
        "特別永住者",
        "residence card",
        "Residence Card",
        "residence_card",
    )
