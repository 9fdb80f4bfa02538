"""GiNZA for Presidio: the Sudachi tokenizer always, the neural NER only in deep mode.

Measured on this machine (`../shared/NOTES.md`): the full ja_ginza pipeline analyses a
few KB of text per second, almost all of it in tok2vec and NER; the Sudachi tokenizer
alone runs at ~275 KB/s and already tags 人名-姓 / 人名-名 / 地名. So:

- default mode loads ja_ginza with every pipeline component excluded and asks the
  tokenizer about short candidate strings only (`name_tags`, cached) — a few
  thousand calls per MB of text, never the whole text;
- deep mode (`--deep`) keeps tok2vec and NER and runs them over the text, in pieces
  below Sudachi's input limit, so that names in running prose without any label or
  honorific are found too.

Nothing here downloads anything: ja_ginza is a pip-installed package.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from recognizers.base import LANGUAGE

MODEL = "ja_ginza"
# Sudachi refuses input above 49,149 UTF-8 bytes; stay well below it.
MAX_CHUNK_BYTES = 40_000
GINZA_COMPONENTS = (
    "tok2vec",
    "parser",
    "ner",
    "morphologizer",
    "compound_splitter",
    "bunsetu_recognizer",
)
DEEP_COMPONENTS = ("tok2vec", "ner")
GINZA_PERSON = "Person"


class GinzaNlpEngine(SpacyNlpEngine):
    """A `SpacyNlpEngine` over ja_ginza that never downloads and can skip the NER."""

    def __init__(self, deep: bool = False) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": MODEL}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping={GINZA_PERSON: "PERSON"},
                low_score_entity_names=[],
            ),
        )
        self.deep = deep

    def load(self) -> None:
        self.nlp = {LANGUAGE: load_ginza(self.deep)}  # type: ignore[assignment]  # untyped base
        nlp: Language = load_ginza(self.deep)
        labels: set[str] = set(getattr(nlp.get_pipe("ner"), "labels", ())) if self.deep else set()
        self.ner_model_configuration.labels_to_ignore = sorted(labels - {GINZA_PERSON})

    def empty_artifacts(self) -> NlpArtifacts:
        """Artifacts for default mode: no tokens and no entities for the whole text."""
        assert self.nlp is not None
        doc = Doc(self.nlp[LANGUAGE].vocab, words=[])
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self,
            language=LANGUAGE,
        )


@lru_cache(maxsize=2)
def load_ginza(deep: bool = False) -> Language:
    """ja_ginza with only what the mode needs (loaded once per process)."""
    keep = DEEP_COMPONENTS if deep else ()
    exclude = [n for n in GINZA_COMPONENTS if n not in keep]
    if not deep:
        # The default mode asks only the Sudachi tokenizer: the vocabulary (600,000
        # strings and 300-dimension vectors) would double the load time (1.2 s → 0.6 s)
        # and a worker's memory (440 → 220 MB) for nothing.
        exclude.append("vocab")
    return spacy.load(MODEL, exclude=exclude)


@lru_cache(maxsize=1)
def _sudachi() -> tuple[Any, Any]:
    """GiNZA's own SudachiPy tokenizer and split mode (same dictionary, same settings)."""
    tokenizer: Any = load_ginza(False).tokenizer  # GiNZA's SudachiPy-backed tokenizer
    return tokenizer.tokenizer, tokenizer.split_mode


@lru_cache(maxsize=65536)
def name_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(surface, part-of-speech tag) of each Sudachi token of a short string.

    The tag is spaCy's ``tag_`` for GiNZA (名詞-固有名詞-人名-姓 …). The tokenizer is
    called directly rather than through spaCy: building a `Doc` for a five-character
    string costs several times the tokenization. Spaces come back as 空白 tokens.
    """
    sudachi, mode = _sudachi()
    morphemes = sudachi.tokenize(text, mode) if mode is not None else sudachi.tokenize(text)
    return tuple(
        (m.surface(), "-".join(p for p in m.part_of_speech()[:4] if p != "*")) for m in morphemes
    )


def split_for_sudachi(text: str, limit: int = MAX_CHUNK_BYTES) -> list[tuple[int, str]]:
    """Pieces of `text` below Sudachi's input limit, cut at line ends where possible.

    Returns (offset, piece) pairs; offset is where the piece starts in `text`.
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    # Characters are at most 4 UTF-8 bytes; a window of limit // 4 characters is safe
    # whatever the script, and Japanese (3 bytes) gets close to the limit.
    span = max(limit // 4, 1)
    while start < n:
        end = min(n, start + span)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = max(text.rfind("。", start, end), text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
