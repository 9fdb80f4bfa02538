"""Full-width → half-width folding that keeps every offset where it was.

Japanese documents mix ０９０－１２３４ with 090-1234, ＠ with @ and the ideographic
space with the ASCII one. Recognizers match the folded text with plain ASCII patterns
and report offsets that are valid in the original, because the map is one character to
one character. NFKC is not used: it changes lengths (㈱ → (株), ｶﾞ → ガ) and would
shift every span after it.
"""

from __future__ import annotations

_MAP: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～
_MAP[0x3000] = 0x20  # ideographic space
# Dashes and minus signs that sit between digits. The katakana prolonged sound mark
# (ー) is not folded: it is part of names such as ヤマダ ハルー; digit patterns accept it.
for _dash in "‐‑‒–—―−﹣":
    _MAP[ord(_dash)] = ord("-")
_MAP[0xFF70] = ord("-")  # half-width ｰ, used as a dash in half-width kana documents
_TABLE = str.maketrans(_MAP)


def fold(text: str) -> str:
    """The text with full-width ASCII, ideographic spaces and dashes folded to ASCII.

    `len(fold(t)) == len(t)` always holds, so spans carry over unchanged.
    """
    return text.translate(_TABLE)
