"""Which lines of a text each recognizer has to read (default mode).

Most lines of a document cannot hold anything a recognizer looks for: prose without a
digit run, a label, an honorific or an ``@``. Each recognizer has *trigger* fragments
(`recognizers.triggers`) that every one of its matches contains. For a text:

1. **One combined pass** finds every recognizer's trigger lines at once:
   - the trigger *words* of all recognizers (labels, honorifics, prefectures: ~1,000
     strings) are one Aho-Corasick automaton (pyahocorasick), one linear pass that
     reports each word with the recognizers it belongs to;
   - the trigger *shapes* (digit runs, ``@`` + letter, ``AB1234567``) all need an
     ASCII letter, digit, ``@`` or ``+``; a one-character scan finds the lines with
     one, and only those lines are searched for each recognizer's shapes.
   A text without a trigger is done: no recognizer runs at all.
2. **Per recognizer**: it reads its trigger lines with `REACH` lines around each (a
   label on the line above, an organisation below an address, the next subject of a
   score sheet), windows joined by a blank line; its offsets are mapped back.

The contract with recognizers (`recognizers.base`): a match lies within `REACH` lines
of a line holding one of its triggers, and its verdict depends on no line further
away — or the recognizer says `WHOLE_TEXT` and reads the whole text once triggered.
A recognizer without triggers reads every text. Tests compare the analyzer with and
without this step over the sample corpus and every recognizer test text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from recognizers.triggers import Fragments, compile_fragments, expand, needs_any

REACH = 2
JOIN = "\n\n"  # between windows: a blank line, so no line gains a false neighbour
WHOLE_FRACTION = 0.6  # windows covering more of the text than this: read it whole
GATE_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@+")
_GATE = re.compile("[0-9A-Za-z@+]")
_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Some lines of a text, with the way back to offsets in the text."""

    text: str
    starts: list[int]  # where each window starts in `text`
    origins: list[int]  # where it starts in the original text

    def original(self, pos: int) -> int:
        k = bisect_right(self.starts, pos) - 1
        return self.origins[k] + pos - self.starts[k]


class Lines:
    """Line boundaries of a text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def end(self, i: int) -> int:
        """Offset of line i's newline (or the end of the text)."""
        return self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)

    def hits(self, pattern: re.Pattern[str]) -> list[int]:
        """Indices of the lines where `pattern` matches (one search per such line)."""
        text = self.text
        found: list[int] = []
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            i = self.line_of(m.start())
            found.append(i)
            if i + 1 >= len(self.starts):
                break
            pos = self.starts[i + 1]
        return found

    def subset(self, indices: Sequence[int]) -> tuple[Lines, Sequence[int]]:
        """Some lines as a text of their own, and each of its lines' index in this one."""
        text = "\n".join(self.text[self.starts[i] : self.end(i)] for i in indices)
        return Lines(text), indices

    def windows(self, hits: Sequence[int], reach: int = REACH) -> list[tuple[int, int]]:
        """Merged (first, last) line ranges within `reach` lines of the sorted hit lines."""
        merged: list[tuple[int, int]] = []
        last_line = len(self.starts) - 1
        for i in hits:
            lo, hi = max(0, i - reach), min(last_line, i + reach)
            if merged and lo <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        return merged

    def excerpt(self, windows: Sequence[tuple[int, int]]) -> Excerpt:
        parts: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        offset = 0
        for lo, hi in windows:
            begin, end = self.starts[lo], self.end(hi)
            starts.append(offset)
            origins.append(begin)
            parts.append(self.text[begin:end])
            offset += end - begin + len(JOIN)
        return Excerpt(JOIN.join(parts), starts, origins)

    def covered(self, windows: Sequence[tuple[int, int]]) -> int:
        return sum(self.end(hi) - self.starts[lo] for lo, hi in windows)


class Prefilter:
    """The combined trigger pass for a list of recognizers' trigger fragments."""

    def __init__(self, triggers: Sequence[Fragments]) -> None:
        owners: dict[str, set[int]] = {}
        shapes: dict[int, list[str]] = {}
        for i, fragments in enumerate(triggers):
            for fragment in fragments.regexes:
                words = expand(fragment)
                if words is None:
                    shapes.setdefault(i, []).append(fragment)
                else:
                    for word in words:
                        owners.setdefault(word, set()).add(i)
        self._words: ahocorasick.Automaton | None = None
        if owners:
            self._words = ahocorasick.Automaton()
            for word, who in owners.items():
                self._words.add_word(word, tuple(sorted(who)))
            self._words.make_automaton()
        self._shapes = {i: compile_fragments(rs) for i, rs in shapes.items()}
        every_shape = [r for rs in shapes.values() for r in rs]
        self._any_shape = compile_fragments(every_shape) if every_shape else None
        # Gate lines by one character class only if every shape needs one of its characters.
        self._gated = all(needs_any(r, GATE_CHARS) for r in every_shape)

    def scan(self, lines: Lines) -> dict[int, list[int]]:
        """Recognizer index → sorted lines holding one of its triggers (absent: none)."""
        found: dict[int, set[int]] = {}
        if self._words is not None:
            line_of = lines.line_of
            for end, who in self._words.iter(lines.text):
                line = line_of(end)
                for i in who:
                    found.setdefault(i, set()).add(line)
        if self._any_shape is not None:
            sub: Lines = lines
            index: Sequence[int] = range(len(lines))
            if self._gated:
                gated = lines.hits(_GATE)
                sub, index = lines.subset(gated) if gated else (lines, [])
            if index and self._any_shape.search(sub.text):
                for i, shape in self._shapes.items():
                    hit = sub.hits(shape)
                    if hit:
                        found.setdefault(i, set()).update(index[j] for j in hit)
        return {i: sorted(ls) for i, ls in found.items()}


def plan(lines: Lines, own: Sequence[int], whole: bool) -> Excerpt | str:
    """What a triggered recognizer reads: an excerpt around its lines, or the whole text."""
    if whole:
        return lines.text
    windows = lines.windows(own)
    if lines.covered(windows) > WHOLE_FRACTION * len(lines.text):
        return lines.text
    return lines.excerpt(windows)
