"""What any match of a pattern must contain: a cheap regex derived from the pattern.

A recognizer's patterns are long (labels, lookbehinds, value shapes), and running two
dozen of them over every line of a document is most of the analysis time. Most lines
cannot match at all: a 学籍番号 pattern needs 学籍番号 (or 学生番号 …) in the line, a phone
number needs a digit run. `requirement(pattern)` reads the pattern's syntax tree
(Python's own regex parser) and returns *fragments* — small regexes such that every
match of the pattern contains a match of at least one fragment:

- a literal run (``学籍番号``), or a run of characters from small classes
  (``[0-9]{4}[-ー][0-9]``), inside a sequence;
- the union of the alternatives' fragments for ``A|B`` (nothing, if one alternative
  requires nothing);
- for a sequence, the single part whose fragments are least likely to occur in
  Japanese text (`_rarity`), since each part of a sequence is required.

Optional parts, lookarounds, back-references and large classes (``\\p{Han}``, ``.``)
require nothing. A pattern with no requirement at all gets `None`: the recognizer is
then run on every text, which is always correct. The derivation only ever drops
information, so a fragment set is a necessary condition by construction; tests check it
against matches (hypothesis) and the analyzer against a run without prefiltering.

Patterns use the `regex` module's syntax. Python's parser reads them once Unicode
properties (``\\p{Han}``) are replaced by a large range, which only ever makes a class
too large to be used as a fragment. What it cannot parse gets `None`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]  # no stubs; stable since 3.11
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_CLASS = 64  # a class with more characters than this is no evidence of anything
_STAND_IN = "\u4e00-\u9fff"  # any large range: such a class is never used as a fragment
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")


@dataclass(frozen=True, slots=True)
class Fragments:
    """Alternative small regexes, one of which any match contains; `rarity` ranks sets."""

    regexes: frozenset[str]
    rarity: float  # estimated chance that one of them starts at a given character

    def __or__(self, other: Fragments) -> Fragments:
        return Fragments(self.regexes | other.regexes, min(1.0, self.rarity + other.rarity))


def _char_odds(code: int) -> float:
    """Rough frequency of a character in Japanese office text (folded)."""
    ch = chr(code)
    if ch.isdigit():
        return 0.02
    if ch in " \t":
        return 0.04
    if ch.isascii():
        return 0.006 if ch.isalpha() else 0.01
    if "\u3040" <= ch <= "\u30ff":  # kana
        return 0.01
    return 0.003


def _stdlib_syntax(pattern: str) -> str:
    """The pattern with `regex`-only Unicode properties replaced by a large range."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        m = _PROPERTY.match(pattern, i)
        if m:
            out.append(_STAND_IN if in_class else f"[{_STAND_IN}]")
            i = m.end()
            continue
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            # a "]" or "^]" right after "[" is a literal member, not the end
            if pattern.startswith("^]", i + 1):
                out.append("^]")
                i += 2
            elif pattern.startswith("]", i + 1):
                out.append("]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _class_members(items: Sequence[tuple[Any, Any]]) -> list[int] | None:
    """The code points of a small positive class, or None (negated, category, large)."""
    codes: list[int] = []
    for op, av in items:
        if op is sre.LITERAL:
            codes.append(av)
        elif op is sre.RANGE:
            lo, hi = av
            if hi - lo >= MAX_CLASS:
                return None
            codes.extend(range(lo, hi + 1))
        else:  # NEGATE, CATEGORY (\d, \s …), anything else
            return None
        if len(codes) > MAX_CLASS:
            return None
    return codes


@dataclass(frozen=True, slots=True)
class _Char:
    """One character from a small class, repeated min..max times."""

    regex: str
    odds: float
    min: int
    max: int


def _char(op: Any, av: Any, ignore_case: bool) -> _Char | None:
    if op is sre.LITERAL:
        codes = [av]
    elif op is sre.IN:
        members = _class_members(av)
        if members is None:
            return None
        codes = members
    else:
        return None
    if ignore_case and any(chr(c).isalpha() for c in codes):
        codes = sorted({ord(x) for c in codes for x in (chr(c).lower(), chr(c).upper())})
    if any(c == 10 for c in codes):
        return None  # fragments never span lines
    odds = min(1.0, sum(_char_odds(c) for c in codes))
    if len(codes) == 1:
        return _Char(re.escape(chr(codes[0])), odds, 1, 1)
    return _Char("[" + "".join(re.escape(chr(c)) for c in codes) + "]", odds, 1, 1)


def _fixed(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> tuple[str, float] | None:
    """(regex, odds) of a sequence of small-class characters of fixed count, else None."""
    parts: list[str] = []
    odds = 1.0
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        c = _repeated_char(op, av, ignore_case)
        if c is None or c.min != c.max or c.min == 0:
            return None
        parts.append(c.regex if c.min == 1 else f"{c.regex}{{{c.min}}}")
        odds *= c.odds**c.min
    return ("".join(parts), odds) if parts else None


def _fixed_branch(op: Any, av: Any, ignore_case: bool) -> _Char | None:
    """``(?:19|20)``, ``(?:普通|当座)``: alternatives that are each fixed characters."""
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        if len(body) != 1 or add_flags or del_flags:
            return None
        op, av = body[0]
    if op is not sre.BRANCH:
        return None
    regexes: list[str] = []
    odds = 0.0
    for branch in av[1]:
        fixed = _fixed(branch, ignore_case)
        if fixed is None:
            return None
        regexes.append(fixed[0])
        odds += fixed[1]
    return _Char(f"(?:{'|'.join(regexes)})", min(1.0, odds), 1, 1)


def _repeated_char(op: Any, av: Any, ignore_case: bool) -> _Char | None:
    """A single small-class character, or such a character under a repeat."""
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, hi, body = av
        if len(body) != 1:
            return None
        inner_op, inner_av = body[0]
        inner = _char(inner_op, inner_av, ignore_case)
        if inner is None:
            return None
        return _Char(inner.regex, inner.odds, lo, hi)
    return _char(op, av, ignore_case)


class _Run:
    """Consecutive characters of a sequence, turned into fragments as they end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.odds = 1.0
        self.done: list[Fragments] = []

    def add(self, c: _Char) -> None:
        if c.min == 0:  # optional: what comes after is not adjacent to what came before
            self.close()
            return
        count = "" if c.min == 1 else f"{{{c.min}}}"
        self.parts.append(c.regex + count)
        self.odds *= c.odds**c.min
        if c.max != c.min:  # variable length: only its first `min` characters join on
            self.close()
            self.parts.append(c.regex + count)
            self.odds = c.odds**c.min

    def close(self) -> None:
        if self.parts:
            self.done.append(Fragments(frozenset({"".join(self.parts)}), self.odds))
        self.parts = []
        self.odds = 1.0


def _sequence(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> Fragments | None:
    run = _Run()
    candidates: list[Fragments] = []
    for op, av in items:
        c = _repeated_char(op, av, ignore_case) or _fixed_branch(op, av, ignore_case)
        if c is not None:
            run.add(c)
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the characters around it stay adjacent
        run.close()
        required = _node(op, av, ignore_case)
        if required is not None:
            candidates.append(required)
    run.close()
    candidates.extend(run.done)
    return min(candidates, key=lambda f: f.rarity, default=None)


def _node(op: Any, av: Any, ignore_case: bool) -> Fragments | None:
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(body, case)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, ignore_case)
    if op is sre.BRANCH:
        union: Fragments | None = None
        for branch in av[1]:
            required = _sequence(branch, ignore_case)
            if required is None:
                return None
            union = required if union is None else union | required
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, _, body = av
        return _sequence(body, ignore_case) if lo > 0 else None
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, large classes …


def requirement(pattern: str, flags: int = 0) -> Fragments | None:
    """Fragments one of which every match of `pattern` contains, or None if unknown."""
    try:
        parsed = sre_parse.parse(_stdlib_syntax(pattern), flags & re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    required = _sequence(parsed, ignore_case)
    if required is None:
        return None
    try:
        re.compile("|".join(sorted(required.regexes)))
    except re.error:
        return None
    return required


def union(requirements: Iterable[Fragments | None]) -> Fragments | None:
    """Fragments for "any of these patterns": None if one of them requires nothing."""
    total: Fragments | None = None
    for required in requirements:
        if required is None:
            return None
        total = required if total is None else total | required
    return total


def compile_fragments(fragments: Fragments | Iterable[str]) -> re.Pattern[str]:
    """One regex for the fragments, longest first (alternation tries them in order)."""
    regexes = set(fragments.regexes if isinstance(fragments, Fragments) else fragments)
    return re.compile("|".join(sorted(regexes, key=lambda r: (-len(r), r))))


def expand(fragment: str, limit: int = 256) -> list[str] | None:
    """The literal strings a fragment stands for, if it is a bounded set of them.

    ``進学(?:予定先|先)`` → 進学予定先, 進学先; ``[0-9]{7}`` → None (too many). Plain
    words can be searched for much faster than the same words inside regex syntax.
    """
    try:
        parsed = sre_parse.parse(fragment)
    except re.error:
        return None
    return _expand(list(parsed), limit)


def _expand(items: Sequence[tuple[Any, Any]], limit: int) -> list[str] | None:
    strings = [""]
    for op, av in items:
        options: list[str] | None
        if op is sre.LITERAL:
            options = [chr(av)]
        elif op is sre.IN:
            members = _class_members(av)
            options = None if members is None else [chr(c) for c in members]
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            options = _expand(av[3], limit)
        elif op is sre.BRANCH:
            options = []
            for branch in av[1]:
                sub = _expand(branch, limit)
                if sub is None:
                    return None
                options.extend(sub)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == av[1]:
            options = _expand(list(av[2]) * av[0], limit)
        else:
            return None
        if options is None or len(strings) * len(options) > limit:
            return None
        strings = [s + o for s in strings for o in options]
    return strings


def needs_any(fragment: str, chars: frozenset[str]) -> bool:
    """Whether every match of `fragment` holds at least one character of `chars`."""
    try:
        parsed = sre_parse.parse(fragment)
    except re.error:
        return False
    return _needs_any(list(parsed), chars)


def _needs_any(items: Sequence[tuple[Any, Any]], chars: frozenset[str]) -> bool:
    for op, av in items:
        if op is sre.LITERAL and chr(av) in chars:
            return True
        if op is sre.IN:
            members = _class_members(av)
            if members and all(chr(c) in chars for c in members):
                return True
        if op is sre.SUBPATTERN and _needs_any(av[3], chars):
            return True
        if op is sre.BRANCH and all(_needs_any(b, chars) for b in av[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if av[0] > 0 and _needs_any(av[2], chars):
                return True
    return False
