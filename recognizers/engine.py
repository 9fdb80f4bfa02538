"""The Japanese analyzer: a Presidio `AnalyzerEngine` from our own registry, offline.

`Analyzer.analyze(blocks)` is the whole stage: text blocks are folded, cut below
Sudachi's input limit and analysed; tables are analysed from a sample of rows
(`recognizers.tables`); overlapping spans of different identifier types are resolved;
`recognizers.analysis` turns what is left into counts and masked evidence.

In the default mode each recognizer reads only the lines near its triggers, found by
one combined pass over the text (`recognizers.prefilter`); text without a candidate
costs one regex scan. Deep mode runs GiNZA's NER over all text, so every recognizer
reads all of it there too (Presidio's `AnalyzerEngine.analyze` as it is).

Nothing in here opens a network connection: the registry holds only our recognizers
(no English defaults, no tldextract download), ja_ginza is a local package, and the
context enhancer is ours.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.analysis import Accumulator, Analysis, Span
from recognizers.base import LANGUAGE
from recognizers.content import Block, Table, TextBlock
from recognizers.context import JapaneseContextEnhancer
from recognizers.entities import ANCHORS, PRIORITY, RECORDED
from recognizers.evidence import KeyedHasher
from recognizers.layout import split_flattened_table
from recognizers.nlp import GinzaNlpEngine, split_for_sudachi
from recognizers.normalize import fold
from recognizers.prefilter import Excerpt, Lines, Prefilter, plan
from recognizers.registry import build_recognizers
from recognizers.tables import SETTLE_MIN, SETTLE_ROWS, TableText, sample_rows, table_text
from recognizers.triggers import Fragments

SCORE_THRESHOLD = 0.5
_RANK = {entity: i for i, entity in enumerate(PRIORITY)}


class _Engine(AnalyzerEngine):
    """Presidio's engine with the context step in one pass over the results.

    `AnalyzerEngine._enhance_using_context` filters all results once per recognizer
    (two list comprehensions each), which is quadratic-ish with 20+ recognizers on a
    roster with thousands of values. The per-recognizer hook is called only where a
    recognizer overrides it; the context enhancer then runs as in Presidio.
    """

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        by_recognizer: dict[str, list[RecognizerResult]] = defaultdict(list)
        for r in raw_results:
            by_recognizer[
                r.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY]
            ].append(r)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = by_recognizer.get(recognizer.id, [])
            hook = type(recognizer).enhance_using_context
            if own and hook is not EntityRecognizer.enhance_using_context:
                others = [r for r in raw_results if r not in own]
                own = recognizer.enhance_using_context(text, own, others, nlp_artifacts, context)
            results.extend(own)
        enhanced: list[RecognizerResult] = self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=results,
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )
        return enhanced

    def analyze_prefiltered(
        self,
        text: str,
        recognizers: Sequence[tuple[EntityRecognizer, int | None, bool]],
        prefilter: Prefilter,
        nlp_artifacts: NlpArtifacts,
    ) -> list[RecognizerResult]:
        """`analyze` for the default mode: each recognizer reads what its triggers select.

        `recognizers` holds (recognizer, its index in `prefilter` or None if it has no
        triggers, whether it reads the whole text once triggered). The steps after the
        recognizers are Presidio's own (context, score threshold, duplicates), over the
        whole text, with every offset mapped back to it.
        """
        lines = Lines(text)
        triggered = prefilter.scan(lines)
        results: list[RecognizerResult] = []
        ran: list[EntityRecognizer] = []
        for recognizer, index, whole in recognizers:
            source: Excerpt | str = text
            if index is not None:
                own = triggered.get(index)
                if own is None:
                    continue
                source = plan(lines, own, whole)
            ran.append(recognizer)
            if isinstance(source, str):
                results.extend(recognizer.analyze(source, self._entities, nlp_artifacts))
                continue
            for r in recognizer.analyze(source.text, self._entities, nlp_artifacts):
                end = source.original(r.end - 1) + 1 if r.end > r.start else r.start
                r.start = source.original(r.start)
                r.end = end
                results.append(r)
        if not results:
            return results
        results = self._enhance_using_context(text, results, nlp_artifacts, ran)
        results = self._AnalyzerEngine__remove_low_scores(results, None, ran)  # type: ignore[attr-defined]
        deduplicated: list[RecognizerResult] = EntityRecognizer.remove_duplicates(results)
        return deduplicated

    @property
    def _entities(self) -> list[str]:
        if self._supported is None:
            self._supported = self.get_supported_entities(language=LANGUAGE)
        return self._supported

    _supported: list[str] | None = None


class Analyzer:
    """Presidio + GiNZA for Japanese documents; one per worker process."""

    def __init__(
        self,
        deep: bool = False,
        formats: Mapping[str, Sequence[str]] | None = None,
        hasher: KeyedHasher | None = None,
        prefilter: bool = True,
    ) -> None:
        self.deep = deep
        self.prefilter = prefilter and not deep  # False: every recognizer reads all text
        self.nlp_engine = GinzaNlpEngine(deep=deep)
        registry = RecognizerRegistry(
            recognizers=build_recognizers(formats), supported_languages=[LANGUAGE]
        )
        self.engine = _Engine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=[LANGUAGE],
            context_aware_enhancer=JapaneseContextEnhancer(),
            default_score_threshold=SCORE_THRESHOLD,
        )
        self.hasher = hasher or KeyedHasher()
        self._empty = self.nlp_engine.empty_artifacts()
        # Default mode: recognizers that need NLP entities (deep only) are left out; the
        # others read what their triggers select (None: no trigger known, every text).
        self._plan: list[tuple[EntityRecognizer, int | None, bool]] = []
        triggers: list[Fragments] = []
        for r in registry.recognizers:
            if getattr(r, "DEEP_ONLY", False):
                continue
            fragments: Fragments | None = getattr(r, "fragments", None)
            if fragments is None:
                self._plan.append((r, None, True))
            else:
                self._plan.append((r, len(triggers), bool(getattr(r, "WHOLE_TEXT", False))))
                triggers.append(fragments)
        self._prefilter = Prefilter(triggers)

    # -- text → spans -------------------------------------------------------------

    def spans(self, text: str) -> list[Span]:
        """Spans in `text` (already folded), pieces below Sudachi's limit, offsets restored."""
        spans: list[Span] = []
        for offset, piece in split_for_sudachi(text):
            if not piece.strip():
                continue
            if not self.prefilter:
                artifacts = None if self.deep else self._empty
                results = self.engine.analyze(piece, LANGUAGE, nlp_artifacts=artifacts)
            else:
                results = self.engine.analyze_prefiltered(
                    piece, self._plan, self._prefilter, self._empty
                )
            spans.extend(_shift(results, offset))
        return resolve(spans)

    # -- blocks → analysis --------------------------------------------------------

    def analyze(self, blocks: Iterable[Block]) -> Analysis:
        acc = Accumulator(self.hasher)
        for block in blocks:
            if isinstance(block, Table):
                self._table(block, acc)
            else:
                self._text(block, acc)
        return acc.result()

    def _text(self, block: TextBlock, acc: Accumulator) -> None:
        flattened = split_flattened_table(block)
        if flattened is not None:
            block, table = flattened
            self._text_only(block, acc)
            self._table(table, acc)
            return
        self._text_only(block, acc)

    def _text_only(self, block: TextBlock, acc: Accumulator) -> None:
        text = fold(block.text)
        acc.chars += len(text)
        acc.text_spans(text, self.spans(text), block.where)

    def _table(self, table: Table, acc: Accumulator) -> None:
        tt = table_text(table)
        acc.chars += sum(sum(map(len, row)) + len(row) for row in table.rows)  # all rows
        spans = self._table_spans(tt)
        rows: dict[int, list[Span]] = defaultdict(list)
        for span in spans:
            rows[tt.cell_at(span.start)[0]].append(span)
        if any(s.entity_type in ANCHORS for s in spans):
            scale = tt.n_rows / len(tt.sampled) if tt.sampled else 1.0
            acc.table_rows(tt.text, rows, scale, table.where)
        else:
            acc.text_spans(tt.text, spans, table.where)

    def _table_spans(self, tt: TableText) -> list[Span]:
        """Spans of a table's sample: settling rows first, then unsettled columns only."""
        first_rows = set(sample_rows(len(tt.sampled), SETTLE_ROWS))
        first = [i for i, (row, _) in enumerate(tt.cells) if row in first_rows]
        if len(first) == len(tt.cells):
            return self.spans(tt.text)
        spans = self._line_spans(tt, first)
        settled = settle(tt, first, spans)
        rest = [i for i, (row, col) in enumerate(tt.cells) if row not in first_rows]
        spans += self._line_spans(tt, [i for i in rest if tt.cells[i][1] not in settled])
        for i in rest:
            for entity in settled.get(tt.cells[i][1], ()):
                spans.append(Span(entity, tt.value_starts[i], tt.line_end(i), 1.0))
        return spans

    def _line_spans(self, tt: TableText, lines: list[int]) -> list[Span]:
        """Spans in some lines of a table's text, with offsets into the whole text."""
        if not lines:
            return []
        text, sub_starts, full_starts = tt.lines_text(lines)
        out = []
        for s in self.spans(text):
            k = bisect_right(sub_starts, s.start) - 1
            shift = full_starts[k] - sub_starts[k]
            out.append(Span(s.entity_type, s.start + shift, s.end + shift, s.score))
        return out


def settle(tt: TableText, lines: list[int], spans: list[Span]) -> dict[int, tuple[str, ...]]:
    """Columns whose sampled cells all gave the same entity types, once each."""
    per_line: dict[int, list[str]] = defaultdict(list)
    for s in spans:
        per_line[bisect_right(tt.line_starts, s.start) - 1].append(s.entity_type)
    by_column: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for i in lines:
        by_column[tt.cells[i][1]].append(tuple(sorted(per_line.get(i, ()))))
    settled: dict[int, tuple[str, ...]] = {}
    for col, kinds in by_column.items():
        if (
            len(kinds) >= SETTLE_MIN
            and len(set(kinds)) == 1
            and len(set(kinds[0])) == len(kinds[0])
        ):
            settled[col] = kinds[0]
    return settled


def _shift(results: Iterable[RecognizerResult], offset: int) -> Iterator[Span]:
    for r in results:
        yield Span(r.entity_type, r.start + offset, r.end + offset, r.score)


def resolve(spans: list[Span]) -> list[Span]:
    """Drop identifier spans that overlap a better identifier span of another type.

    Better = higher score, then the more specific type (`PRIORITY`), then longer.
    Recorded-information spans overlap identifiers by design (保護者：山田花子 is both a
    guardian record and a name) and are kept as they are.
    """
    recorded = [s for s in spans if s.entity_type in RECORDED]
    ids = sorted(
        (s for s in spans if s.entity_type not in RECORDED),
        key=lambda s: (-s.score, _RANK.get(s.entity_type, 99), -(s.end - s.start), s.start),
    )
    kept: list[Span] = []  # non-overlapping, sorted by start
    starts: list[int] = []
    for s in ids:
        i = bisect_left(starts, s.start)
        if i < len(kept) and kept[i].start < s.end:
            continue  # overlaps the kept span starting at or after s.start
        if i > 0 and kept[i - 1].end > s.start:
            continue  # overlaps the kept span starting before s.start
        kept.insert(i, s)
        starts.insert(i, s.start)
    return sorted(kept + recorded, key=lambda s: (s.start, s.entity_type))


@lru_cache(maxsize=4)
def shared_analyzer(
    deep: bool = False, formats: tuple[tuple[str, tuple[str, ...]], ...] = ()
) -> Analyzer:
    """The analyzer of this process (loading GiNZA takes a second; do it once)."""
    return Analyzer(deep=deep, formats=dict(formats))
