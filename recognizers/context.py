"""Context for Japanese: words near a value, on its line, above it, or in its header.

Presidio's `LemmaContextAwareEnhancer` compares token lemmas in a window of five tokens
*before* a match. In Japanese that fails three ways: Sudachi splits 会員番号 into 会員 +
番号 so multi-token words never match; labels often come *after* a value
(``078-123-4567（自宅）``); and in a spreadsheet the label is the column header, far
away in the text. This enhancer looks at characters instead:

- the part of the value's line before it (up to `BEFORE` characters) and after it (up
  to `AFTER`), and the whole previous line (a form's label on its own line);
- any external context a caller passes to `AnalyzerEngine.analyze(context=…)`. Tables
  need none: each cell is analysed as a line ``header:value`` (`recognizers.tables`),
  so the column header is on the value's own line.

A recognizer's `context` words raise the score by `BOOST` (to at least `MIN_WITH_CONTEXT`);
its `negative` words on the value's own line drop the result (a company's 代表 number,
a 法人番号). Negatives look at the same line only: in table text the line above is the
neighbouring cell, and a FAX column must not drop the 携帯 number beside it. Words are
compared ignoring case (From/from, Card/card).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

BEFORE = 24
AFTER = 12
BOOST = 0.35
MIN_WITH_CONTEXT = 0.6


@dataclass(frozen=True, slots=True)
class Window:
    """The text around a value that can hold its label."""

    previous_line: str  # the end of the line above (a form's label on its own line)
    before: str  # the value's line, up to BEFORE characters before it
    after: str  # the value's line, up to AFTER characters after it

    def near(self) -> str:
        return f"{self.previous_line}\n{self.before}\n{self.after}".casefold()

    def same_line(self) -> str:
        return f"{self.before}\n{self.after}".casefold()


def window(text: str, start: int, end: int) -> Window:
    line_start = text.rfind("\n", 0, start) + 1
    prev_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else line_start
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    return Window(
        previous_line=text[prev_start : max(line_start - 1, prev_start)][-BEFORE:],
        before=text[max(line_start, start - BEFORE) : start],
        after=text[end : min(line_end, end + AFTER)],
    )


def has_any(haystack: str, words: Sequence[str]) -> bool:
    """True if any of `words` occurs in `haystack` (already casefolded), ignoring case."""
    return any(w.casefold() in haystack for w in words)


class JapaneseContextEnhancer(ContextAwareEnhancer):
    """Raise scores for context words near a value; drop values with negative words."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=BOOST,
            min_score_with_context_similarity=MIN_WITH_CONTEXT,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_id = {r.id: r for r in recognizers}
        external = "\n".join(context or ()).casefold()
        kept: list[RecognizerResult] = []
        for result in raw_results:
            recognizer = by_id.get(
                result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
            )
            if recognizer is None:
                kept.append(result)
                continue
            around = window(text, result.start, result.end)
            negative: Sequence[str] = getattr(recognizer, "negative", ())
            if negative and has_any(around.same_line(), negative):
                continue
            words = recognizer.context or []
            if words and (has_any(around.near(), words) or has_any(external, words)):
                if not result.recognition_metadata.get(
                    RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
                ):
                    result.score = min(1.0, max(result.score + BOOST, MIN_WITH_CONTEXT))
                    result.recognition_metadata[
                        RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
                    ] = True
            kept.append(result)
        return kept
