"""The recognizer seam: one module in `recognizers/jp/` per entity type.

A recognizer is a Presidio `EntityRecognizer` for language ``ja`` that works on folded
text (`recognizers.normalize.fold`): ASCII digits, ASCII dashes, ASCII spaces. Most
are a `JaPatternRecognizer`, declared with class attributes only:

    class JpPassportRecognizer(JaPatternRecognizer):
        ENTITY = "JP_PASSPORT"
        PATTERNS = (JaPattern("labelled", LABEL("旅券番号") + r"(?P<v>[A-Z]{2}\\d{7})", 0.85),)
        CONTEXT = ("旅券", "パスポート")

Class names start with ``Jp``: Presidio's own loader looks recognizer classes up by
name among *all* `EntityRecognizer` subclasses, so an ``EmailRecognizer`` of ours
would replace Presidio's wherever a predefined registry is loaded in the process.

Differences from Presidio's `PatternRecognizer`, each for a Japanese reason:

- A pattern may mark the value with a named group ``v``: Japanese labels stand right
  before a value without a word boundary (``氏名：山田太郎``), so the label belongs in the
  pattern while the entity span is only the value.
- Boundaries are ASCII-only lookarounds (`NOT_ALNUM_BEFORE` …): ``\\b`` treats kana and
  kanji as word characters, so ``電話090-1234-5678です`` would never match.
- `CONTEXT` words are matched as characters near the value (same line, the line above,
  the column header), not as token lemmas; `NEGATIVE` words near a value drop it
  (a company's 代表 number, a 13-digit 法人番号). See `recognizers.context`.
- `validate(value)` returns True (checksum passed: score 1.0), False (drop) or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.triggers import Fragments, requirement, union

LANGUAGE = "ja"

# Building blocks for patterns over folded text.
NOT_ALNUM_BEFORE = r"(?<![A-Za-z0-9])"
NOT_ALNUM_AFTER = r"(?![A-Za-z0-9])"
NOT_DIGIT_BEFORE = r"(?<![0-9])"
NOT_DIGIT_AFTER = r"(?![0-9])"
DASH = r"[-ー]"  # after folding every dash is "-"; ー still stands for one between digits
KANJI = r"\p{Han}々〆ヶ"
HIRAGANA = r"\p{Hiragana}"
KATAKANA = r"\p{Katakana}ー"
JA_CHAR = rf"[{KANJI}{HIRAGANA}{KATAKANA}]"


def label(*words: str, tail: int = 8) -> str:
    """A pattern for a label and the separator after it, e.g. ``学籍番号：`` or ``学籍番号 ``.

    `tail` lets a few characters stand between the word and the separator, as in
    ``学籍番号（8桁）：`` or ``保護者氏名 ``; they may not cross a line or a colon.
    """
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return rf"(?:{alternatives})[^\n:]{{0,{tail}}}?(?:[:=][ \t]*|[ \t]+)"


# A label that *starts a field*: not glued to the end of a word (保護者連絡先を… in prose
# is a sentence, 保護者：… a field). Used by the recorded-information recognizers.
LABEL_START = r"(?<![\p{Han}\p{Hiragana}\p{Katakana}ー々A-Za-z0-9_])"
FIELD_SEP = r"(?:[ \t]*[:=][ \t]*|[ \t]+)"


def paren(max_chars: int) -> str:
    """An optional short parenthesis after a label: 判定(前期), 保護者(父母)."""
    return rf"(?:\([^()\n:]{{1,{max_chars}}}\))?"


def field(*words: str, sep: str = FIELD_SEP, parenthesis: str = paren(12)) -> str:
    """A label that starts a field, an optional short parenthesis, and the separator.

    Stricter than `label`: no free characters between the word and the separator, so a
    heading such as 成績評価基準の統一について never reads as the label 成績.
    """
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return rf"{LABEL_START}(?:{alternatives}){parenthesis}{sep}"


@dataclass(frozen=True, slots=True)
class JaPattern:
    """A named regular expression and the score a match starts with."""

    name: str
    regex: str
    score: float


class JaPatternRecognizer(LocalRecognizer):
    """Patterns with an optional value group, a validator and Japanese context words."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[Sequence[JaPattern]] = ()
    CONTEXT: ClassVar[Sequence[str]] = ()
    NEGATIVE: ClassVar[Sequence[str]] = ()
    FLAGS: ClassVar[int] = regex.MULTILINE | regex.VERSION1
    # Optional cheap test (stdlib `re`) that any match needs, e.g. a run of 12 digits:
    # text without it is skipped before the full patterns run. Must accept a superset.
    # Without it the test is derived from PATTERNS and TRIGGERS (`recognizers.triggers`).
    PREFILTER: ClassVar[str] = ""
    # Regexes for what an overridden `analyze` matches besides PATTERNS (person.py).
    TRIGGERS: ClassVar[Sequence[str]] = ()
    # The default mode shows a recognizer only the lines near its triggers
    # (`recognizers.prefilter`). One whose verdict depends on lines anywhere in the
    # text (a header line far above) says so here and reads the whole text.
    WHOLE_TEXT: ClassVar[bool] = False

    def __init__(self, extra_patterns: Sequence[JaPattern] = ()) -> None:
        self.patterns: tuple[JaPattern, ...] = tuple(self.PATTERNS) + tuple(extra_patterns)
        self.negative: tuple[str, ...] = tuple(self.NEGATIVE)
        self._compiled = [(p, regex.compile(p.regex, self.FLAGS)) for p in self.patterns]
        # Institution formats (extra patterns) may match what the prefilter would skip.
        self._prefilter = (
            re.compile(self.PREFILTER) if self.PREFILTER and not extra_patterns else None
        )
        self.fragments = self._fragments(extra_patterns)
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=LANGUAGE,
            name=type(self).__name__,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:  # patterns are compiled in __init__
        pass

    def _fragments(self, extra_patterns: Sequence[JaPattern]) -> Fragments | None:
        """What every match contains (None: unknown, read every text)."""
        own: list[Fragments | None] = [
            requirement(r, self.FLAGS) for r in (*(p.regex for p in self.PATTERNS), *self.TRIGGERS)
        ]
        if self.PREFILTER:
            own = [Fragments(frozenset({self.PREFILTER}), 0.0)]
        if not own:
            return None  # nothing declared: an `analyze` we know nothing about
        return union([*own, *(requirement(p.regex, self.FLAGS) for p in extra_patterns)])

    def validate(self, value: str) -> bool | None:
        """Check digit or shape check on the value: True, False (drop) or None (unsure)."""
        return None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        if self._prefilter is not None and not self._prefilter.search(text):
            return results
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(text, timeout=5.0):
                start, end = match.span("v") if "v" in compiled.groupindex else match.span()
                if start < 0 or start == end:
                    continue
                verdict = self.validate(text[start:end])
                if verdict is False:
                    continue
                score = 1.0 if verdict else pattern.score
                results.append(self.result(start, end, score, pattern.name))
        return EntityRecognizer.remove_duplicates(results)

    def result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        name = type(self).__name__  # the name given to the base class in __init__
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=name,
                original_score=score,
                pattern_name=why,
                textual_explanation=why,
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
