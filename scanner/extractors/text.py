"""Plain text, CSV and TSV in any Japanese encoding.

A file that libmagic calls text is decoded (see `scanner.textdecode`), then judged:
when most lines split into the same number (≥ 2) of fields on one delimiter it is a
table and keeps its header; otherwise it is prose. An extension-less CSV is therefore
still read as a table.
"""

from __future__ import annotations

import csv
import io
from typing import ClassVar

from recognizers.content import TextBlock
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.textdecode import decode

_DELIMITERS = (",", "\t", ";", "|")
_SNIFF_LINES = 50
_MAX_TITLE_LINES = 5


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits most of the first lines into the same ≥2 fields."""
    lines = [ln for ln in text.splitlines()[:_SNIFF_LINES] if ln.strip()]
    if len(lines) < 2:
        return None
    best: tuple[float, str] | None = None
    for delim in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        # Title lines above the header ("2024年度 旅費支給一覧") do not count against it.
        start = counts.index(mode)
        body = counts[start:]
        share = body.count(mode) / len(body)
        if (
            mode >= 2
            and start <= _MAX_TITLE_LINES
            and share >= 0.8
            and len(body) >= 2
            and (best is None or share > best[0])
        ):
            best = (share, delim)
    return best[1] if best else None


class TextExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset(
        {"text/plain", "text/csv", "text/tab-separated-values", "application/csv"}
    )

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        text, _encoding = decode(data)
        budget = TextBudget(ctx.limits.max_text_chars)
        text = budget.take(text)
        result = Extraction()
        delim = sniff_delimiter(text)
        if delim is not None:
            rows = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
            try:
                result.blocks.extend(make_blocks(rows))
            except csv.Error:
                result.blocks = [TextBlock(text)]
        elif text.strip():
            result.blocks.append(TextBlock(text))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
