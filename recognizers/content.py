"""The structured text that extractors produce and recognizers consume.

Why structure and not one flat string: the classifier decides as much from column
headers (氏名・学籍番号・口座番号) as from values, and it counts people by table rows.
So a spreadsheet stays a header plus rows, and prose stays prose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of prose: a paragraph, a page, a mail body, a slide's text."""

    text: str
    where: str = ""  # a short locator such as "page 3", "header", "comment", "Sheet1"


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose first row has been recognised as its header.

    `rows` excludes the header; cells are strings ("" for empty), and rows may be
    shorter or longer than the header.
    """

    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]] = field(default_factory=tuple)
    where: str = ""

    @property
    def n_rows(self) -> int:
        return len(self.rows)


Block = TextBlock | Table


def block_text(block: Block) -> str:
    """Flatten a block to tab-separated lines (for size accounting and simple search)."""
    if isinstance(block, TextBlock):
        return block.text
    lines = ["\t".join(block.header)]
    lines.extend("\t".join(row) for row in block.rows)
    return "\n".join(lines)
