"""Cue words: what a document says about itself in its title, names and headers.

Entity types alone cannot tell a 履修者名簿 from a 答案用紙 (both hold names and 学籍番号)
or a 学級名簿 from a 在学生連絡先名簿, and 出席番号 is an item of the matrix that no
recognizer finds. People title their files, sheets and columns after what they are, so
the classifier also reads the *title region* of a document: its file name, its sheet and
page labels, its table headers and the first characters of every text block. Only the
policy's own vocabulary is looked for, and only which words occur leaves this module —
never the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from recognizers.content import Block, Table
from recognizers.normalize import fold


def title_region(name: str, blocks: Sequence[Block], chars: int) -> str:
    """The parts of a document that name it, folded and case-folded for matching."""
    parts = [name]
    for block in blocks:
        parts.append(block.where)
        if isinstance(block, Table):
            parts.append(" ".join(block.header))
        else:
            parts.append(block.text[:chars])
    return _norm("\n".join(parts))


def find_cues(region: str, words: Iterable[str]) -> frozenset[str]:
    """The cue words that occur in `region` (as returned by `title_region`)."""
    return frozenset(w for w in words if _norm(w) in region)


def _norm(text: str) -> str:
    return fold(text).casefold()
