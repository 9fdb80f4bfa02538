"""The default mode's prefilter changes what recognizers read, never what they find.

The analyzer with the prefilter (`recognizers.prefilter`) and without it (every
recognizer reads every text, Presidio's `AnalyzerEngine.analyze` as it is) must give
the same spans and scores on: every text of the recognizer tests, every document of the
sample corpus, and texts that mix those with prose, blank lines and indentation.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recognizers.analysis import Span
from recognizers.content import Block, TextBlock, block_text
from recognizers.engine import Analyzer
from recognizers.evidence import KeyedHasher
from recognizers.normalize import fold
from recognizers.prefilter import REACH, Lines, Prefilter, plan
from recognizers.triggers import Fragments
from reports.model import FileResult
from scanner.extractors.base import ExtractContext
from scanner.limits import Limits
from scanner.pipeline import _extract

CORPUS = Path(__file__).resolve().parents[2] / "sample_corpus"
PROSE = [
    "本学の個人情報の取扱いに関する規程に基づき、次のとおり通知する。",
    "　令和6年4月1日から施行する。",
    "",
    "第3条　委員会は、委員長が招集する。",
    "会議資料は前日までに配布すること（全20頁）。",
    "From the committee: see section 2.",
    "  インデントされた行",
]


HASHER = KeyedHasher()  # one key for both, so that digests compare too


@cache
def fast() -> Analyzer:
    return Analyzer(hasher=HASHER)


@cache
def full() -> Analyzer:
    return Analyzer(prefilter=False, hasher=HASHER)


def _case_texts() -> list[str]:
    """The texts of every recognizer test's CASES table (this folder is on sys.path)."""
    texts: list[str] = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.stem == "test_prefilter":
            continue
        module = importlib.import_module(path.stem)
        for case in getattr(module, "CASES", []):
            if isinstance(case, tuple) and isinstance(case[0], str):
                texts.append(case[0])
    assert len(texts) > 300
    return texts


CASE_TEXTS = _case_texts()


def spans(analyzer: Analyzer, text: str) -> list[tuple[str, int, int, float]]:
    return [_key(s) for s in analyzer.spans(fold(text))]


def _key(s: Span) -> tuple[str, int, int, float]:
    return (s.entity_type, s.start, s.end, round(s.score, 6))


def test_every_recognizer_test_text_gives_the_same_spans() -> None:
    differing = [t for t in CASE_TEXTS if spans(fast(), t) != spans(full(), t)]
    assert differing == []


def _corpus_documents() -> list[tuple[str, list[Block]]]:
    docs = []
    ctx = ExtractContext.for_file(Limits())
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file():
            continue
        _, extraction = _extract(FileResult(path=str(path)), path.read_bytes(), ctx)
        if extraction is not None and extraction.blocks:
            docs.append((str(path.relative_to(CORPUS)), list(extraction.blocks)))
    return docs


@pytest.mark.slow
def test_every_sample_corpus_document_gives_the_same_analysis() -> None:
    docs = _corpus_documents()
    assert len(docs) > 40
    for name, blocks in docs:
        assert fast().analyze(blocks) == full().analyze(blocks), name
        for block in blocks:
            if isinstance(block, TextBlock):
                assert spans(fast(), block.text) == spans(full(), block.text), name
    # Flattened into one text, each document is read as prose as well.
    for name, blocks in docs:
        text = "\n".join(block_text(b) for b in blocks)
        assert spans(fast(), text) == spans(full(), text), name


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CASE_TEXTS + PROSE), min_size=1, max_size=12))
def test_mixed_texts_give_the_same_spans(parts: list[str]) -> None:
    text = "\n".join(parts)
    assert spans(fast(), text) == spans(full(), text)


def test_text_without_a_trigger_runs_no_recognizer() -> None:
    lines = Lines(fold("本学の規程に基づき、次のとおり通知する。\n会議は中止となった。"))
    assert fast()._prefilter.scan(lines) == {}


def test_words_and_shapes_report_their_own_recognizers() -> None:
    prefilter = Prefilter(
        [
            Fragments(frozenset({"学籍番号"}), 0.0),
            Fragments(frozenset({"[0-9]{7}"}), 0.0),
            Fragments(frozenset({"番号", "@[a-z]"}), 0.0),
        ]
    )
    lines = Lines("前文\n学籍番号:1234567\n本文\nmail a@b\n0000")
    assert prefilter.scan(lines) == {0: [1], 1: [1], 2: [1, 3]}


def test_a_recognizer_reads_its_lines_with_reach_around_them() -> None:
    text = "\n".join(f"line {i}" for i in range(20))
    lines = Lines(text)
    excerpt = plan(lines, [10], whole=False)
    assert not isinstance(excerpt, str)
    assert excerpt.text == "\n".join(f"line {i}" for i in range(10 - REACH, 11 + REACH))
    position = excerpt.text.index("line 10")
    assert excerpt.original(position) == text.index("line 10")
    # Far-apart lines: two windows, a blank line between, offsets mapped per window.
    excerpt = plan(lines, [2, 17], whole=False)
    assert not isinstance(excerpt, str)
    assert "\n\n" in excerpt.text
    assert excerpt.original(excerpt.text.index("line 17")) == text.index("line 17")
    # Most of the text, or a whole-text recognizer: the text itself.
    assert plan(lines, list(range(0, 20, 3)), whole=False) == text
    assert plan(lines, [5], whole=True) == text
