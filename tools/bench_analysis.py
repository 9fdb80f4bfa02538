"""Analysis throughput: piiscan's default mode beside plain Presidio + ja_ginza.

Both analyse the same text: the extracted blocks of a sample of labelled documents
from `sample_corpus/` (round-robin over its folders, so rosters, forms, letters and
mail all appear, up to `SAMPLE_KB` of UTF-8 text). Throughput is KB of text per CPU
second of the analysing process (per core), model loading excluded.

The baseline is what NOTES.md measured: an `AnalyzerEngine` for ``ja`` with the
predefined recognizers and a `SpacyNlpEngine` running the full ja_ginza pipeline,
text fed in 10,000-character pieces. Two changes keep it honest and offline: GiNZA's
``Person`` label is mapped to PERSON (Presidio's default mapping knows only English
labels, and without it the baseline would find no names at all), and the e-mail
recognizer's tldextract uses its bundled suffix list instead of downloading one.

Recall is counted against the labels of the same documents, per entity type, the way
`make eval` counts (found vs expected per file).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from recognizers.content import Block, TextBlock, block_text
from recognizers.engine import Analyzer
from recognizers.nlp import name_tags
from reports.model import FileResult
from scanner.extractors.base import ExtractContext
from scanner.limits import Limits
from scanner.pipeline import _extract
from tools.eval_entities import parse_counts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample_corpus"
SAMPLE_KB = 60
PIECE_KB = 6
BASELINE_PIECE = 10_000


@dataclass
class Document:
    path: str
    blocks: list[Block]
    text: str  # the blocks flattened, as the baseline reads them
    expected: Counter[str]


@dataclass
class Run:
    name: str
    cpu_s: float
    wall_s: float
    found: list[Counter[str]]


def sample_documents(
    labels: dict[str, dict[str, str]], limit_kb: int = SAMPLE_KB
) -> list[Document]:
    """Labelled, unencrypted, non-container documents, round-robin over folders."""
    by_folder: dict[str, list[str]] = {}
    for path, label in sorted(labels.items()):
        if "!" in path or label["encrypted"] == "yes" or label["format"] in ("zip", "7z", "tar.gz"):
            continue
        by_folder.setdefault(path.split("/", 1)[0], []).append(path)
    order: list[str] = []
    while any(by_folder.values()):
        for folder in sorted(by_folder):
            if by_folder[folder]:
                order.append(by_folder[folder].pop(0))
    docs: list[Document] = []
    total = 0
    ctx = ExtractContext.for_file(Limits())
    for path in order:
        _, extraction = _extract(FileResult(path=path), (CORPUS / path).read_bytes(), ctx)
        if extraction is None:
            continue
        text = "\n".join(block_text(b) for b in extraction.blocks)
        docs.append(
            Document(path, list(extraction.blocks), text, parse_counts(labels[path]["entities"]))
        )
        total += len(text.encode())
        if total >= limit_kb * 1024:
            break
    return docs


def corpus_sample(
    root: Path, text_bytes: dict[str, int], limit_kb: int = SAMPLE_KB, seed: int = 6
) -> list[Document]:
    """Text of the benchmark corpus, drawn in proportion to where its text is.

    Files are drawn at random (seeded) with a weight equal to their extracted text, so a
    roster holding a fifth of the corpus's text gives about a fifth of the sample. Each
    draw contributes at most `PIECE_KB` of its flattened text, cut at a line end; both
    engines read that text as one plain block (no table sampling for piiscan here, so
    the comparison is on exactly the same characters).
    """
    rng = random.Random(seed)
    pool = {p: n for p, n in text_bytes.items() if n > 0 and "!" not in p}
    ctx = ExtractContext.for_file(Limits())
    docs: list[Document] = []
    total = 0
    while pool and total < limit_kb * 1024:
        paths = sorted(pool)
        path = rng.choices(paths, weights=[pool[p] for p in paths])[0]
        del pool[path]
        _, extraction = _extract(FileResult(path=path), (root / path).read_bytes(), ctx)
        if extraction is None:
            continue
        text = "\n".join(block_text(b) for b in extraction.blocks)
        if len(text.encode()) > PIECE_KB * 1024:
            cut = text.rfind("\n", 0, PIECE_KB * 1024 // 3)
            text = text[: cut if cut > 0 else PIECE_KB * 1024 // 3]
        docs.append(Document(path, [TextBlock(text)], text, Counter()))
        total += len(text.encode())
    return docs


def baseline_engine() -> object:
    """Plain Presidio with ja_ginza, as NOTES.md measured it (see module docstring)."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    offline = tldextract.TLDExtract(suffix_list_urls=())
    email_recognizer.tldextract.extract = offline  # type: ignore[attr-defined]
    mapping = dict(NerModelConfiguration().model_to_presidio_entity_mapping or {})
    mapping["Person"] = "PERSON"
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": "ja", "model_name": "ja_ginza"}],
        ner_model_configuration=NerModelConfiguration(model_to_presidio_entity_mapping=mapping),
    )
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["ja"])
    registry.load_predefined_recognizers(languages=["ja"], nlp_engine=nlp_engine)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["ja"])


def run_baseline(engine: object, docs: Sequence[Document]) -> Run:
    analyze = engine.analyze  # type: ignore[attr-defined]
    analyze("ウォームアップ", language="ja")
    found: list[Counter[str]] = []
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        counts: Counter[str] = Counter()
        for i in range(0, len(doc.text), BASELINE_PIECE):
            for r in analyze(doc.text[i : i + BASELINE_PIECE], language="ja"):
                counts[r.entity_type] += 1
        found.append(counts)
    return Run(
        "Presidio + ja_ginza (plain)", time.process_time() - cpu, time.perf_counter() - wall, found
    )


def run_ours(analyzer: Analyzer, docs: Sequence[Document]) -> Run:
    analyzer.analyze([TextBlock("ウォームアップ：山田 太郎 様")])
    name_tags.cache_clear()  # no credit for names seen before the clock starts
    found: list[Counter[str]] = []
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        found.append(Counter(analyzer.analyze(doc.blocks).counts))
    mode = "deep" if analyzer.deep else "default"
    return Run(
        f"piiscan ({mode} mode)", time.process_time() - cpu, time.perf_counter() - wall, found
    )


def recall(docs: Sequence[Document], run: Run) -> tuple[int, int]:
    """(true positives, expected) over all labelled entity types."""
    tp = expected = 0
    for doc, found in zip(docs, run.found, strict=True):
        for entity, n in doc.expected.items():
            expected += n
            tp += min(n, found.get(entity, 0))
    return tp, expected


def report(console: Console, labels: dict[str, dict[str, str]]) -> None:
    """Print both engines' throughput and recall on the same sample, in one run."""
    docs = sample_documents(labels)
    kb = sum(len(d.text.encode()) for d in docs) / 1024
    console.print(f"analysis sample: {len(docs)} labelled documents, {kb:.0f} KB of UTF-8 text")
    ours = run_ours(Analyzer(), docs)
    base = run_baseline(baseline_engine(), docs)
    table = Table(title="analysis: the same text, one process (KB/s per core = KB per CPU second)")
    for col in ("engine", "CPU s", "wall s", "KB/s per core", "recall (all labelled types)"):
        table.add_column(col, justify="left" if col == "engine" else "right")
    for run in (base, ours):
        tp, expected = recall(docs, run)
        table.add_row(
            run.name,
            f"{run.cpu_s:.2f}",
            f"{run.wall_s:.2f}",
            f"{kb / run.cpu_s:,.1f}",
            f"{tp}/{expected} = {tp / expected:.3f}" if expected else "—",
        )
    console.print(table)
    console.print(f"default mode is {base.cpu_s / ours.cpu_s:,.0f}× the plain baseline per core")


def report_corpus(
    console: Console, root: Path, text_bytes: dict[str, int], ours_kbps: float, limit_kb: int
) -> float:
    """Both engines on the same sample of the corpus; returns piiscan's whole-corpus
    analysis rate over the plain engine's rate on the sample (the plain engine's time
    for the whole corpus is that rate, extrapolated)."""
    docs = corpus_sample(root, text_bytes, limit_kb)
    kb = sum(len(d.text.encode()) for d in docs) / 1024
    console.print(
        f"analysis sample: {kb:.0f} KB of text from {len(docs)} corpus documents "
        "(drawn in proportion to their text) …"
    )
    ours = run_ours(Analyzer(), docs)
    base = run_baseline(baseline_engine(), docs)
    table = Table(title="analysis, the same sample text, one process (KB per CPU second)")
    for col in ("engine", "CPU s", "KB/s per core"):
        table.add_column(col, justify="left" if col == "engine" else "right")
    for run in (base, ours):
        table.add_row(run.name, f"{run.cpu_s:.2f}", f"{kb / run.cpu_s:,.1f}")
    console.print(table)
    base_kbps = kb / base.cpu_s
    total_kb = sum(text_bytes.values()) / 1024
    console.print(
        f"on the sample piiscan is {base.cpu_s / ours.cpu_s:,.0f}× the plain engine. "
        f"Whole corpus: {total_kb / 1024:,.1f} MB of text; piiscan analysed it at "
        f"{ours_kbps:,.0f} KB/s per core ({total_kb / ours_kbps:,.0f} CPU s); plain Presidio "
        f"+ ja_ginza would need about {total_kb / base_kbps / 3600:,.1f} CPU hours "
        f"(extrapolated from the sample's {base_kbps:.1f} KB/s): {ours_kbps / base_kbps:,.0f}×"
    )
    return ours_kbps / base_kbps
