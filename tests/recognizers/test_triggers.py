"""Trigger derivation: every match of a pattern contains one of its fragments."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.base import JaPatternRecognizer
from recognizers.registry import build_recognizers
from recognizers.triggers import compile_fragments, expand, needs_any, requirement, union

# (pattern, fragments it must give — exactly)
CASES = [
    ("学籍番号", {"学籍番号"}),
    (r"[0-9]{4}-[0-9]{4}", {"[0123456789]{4}\\-[0123456789]{4}"}),
    (r"(?<![0-9])0[5789]0[0-9]{8}(?![0-9])", {"0[5789]0[0123456789]{8}"}),
    (r"[0-9]{1,5}番地?", {"[0123456789]番"}),  # a variable run joins by its first digit only
    (r"(?:19|20)[0-9]{2}年", {"(?:19|20)[0123456789]{2}年"}),
    (r"(?P<v>\p{Han}{2,4})様", {"様"}),  # \p{Han} is too large to be evidence
    (r"(?i)message-id:", {"[Mm][Ee][Ss][Ss][Aa][Gg][Ee]\\-[Ii][Dd]:"}),
]

NOTHING = [
    r"\p{Han}+",  # large class only
    r"[0-9]*",  # optional
    r"(?:学籍番号)?[0-9]?",
    r"(?P<a>x)(?P=a)?|.",  # one alternative requires nothing
    r"[^\n]{3}",
]


@pytest.mark.parametrize(("pattern", "expected"), CASES)
def test_fragments(pattern: str, expected: set[str]) -> None:
    required = requirement(pattern)
    assert required is not None
    assert set(required.regexes) == expected


def test_a_sequence_uses_its_least_likely_part() -> None:
    # A four-kanji label is rarer than a run of eight digits (any digit: 0.2 a character).
    required = requirement(r"(?:学籍番号|学生番号)[ \t]*[:=][ \t]*[0-9]{8}")
    assert required is not None
    assert expand(next(iter(required.regexes))) == ["学籍番号", "学生番号"]
    # Eight digits are rarer than one of four ASCII letters.
    required = requirement(r"(?:a|b|c|d)[ \t]*[0-9]{8}")
    assert required is not None
    assert required.regexes == frozenset({"[0123456789]{8}"})


@pytest.mark.parametrize("pattern", NOTHING)
def test_patterns_that_require_nothing(pattern: str) -> None:
    assert requirement(pattern) is None


def test_union_is_none_if_one_pattern_requires_nothing() -> None:
    assert union([requirement("abc"), requirement("x*")]) is None
    both = union([requirement("abc"), requirement("xyz")])
    assert both is not None and both.regexes == frozenset({"abc", "xyz"})


def test_expand_and_needs_any() -> None:
    assert sorted(expand("進学(?:予定先|先)") or []) == ["進学予定先", "進学先"]
    assert expand("[0-9]{7}") is None  # 10^7 strings
    assert needs_any("[0-9]{3}[-ー][0-9]{4}", frozenset("0123456789"))
    assert not needs_any("(?:住所|[0-9])", frozenset("0123456789"))


# Stdlib-syntax patterns shaped like the recognizers': generated matches must trigger.
GENERATED = [
    r"(?:氏名|名前)[ \t]*[:=][ \t]*[山田川][太花郎子]{1,3}",
    r"0[5789]0-?[0-9]{4}-?[0-9]{4}",
    r"〒?[0-9]{3}[-ー]?[0-9]{4}",
    r"(?:学歴|職歴)[ \t]+(?:19|20)[0-9]{2}年[0-9]{1,2}月",
    r"[A-Z]{2}[0-9]{7}",
    r"[a-z0-9.]{1,8}@[a-z]{1,8}\.(?:jp|com)",
    r"(?:普通|当座)?[ :]*[0-9]{7}",
]


@pytest.mark.parametrize("pattern", GENERATED)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_generated_match_contains_a_fragment(pattern: str, data: st.DataObject) -> None:
    required = requirement(pattern)
    assert required is not None
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    assert compile_fragments(required).search(text), (pattern, text, required.regexes)


def test_every_built_in_pattern_recognizer_has_triggers() -> None:
    """Only recognizers with triggers are skipped on text without candidates."""
    missing = [
        type(r).__name__
        for r in build_recognizers()
        if isinstance(r, JaPatternRecognizer) and r.fragments is None
    ]
    assert missing == []


def test_fragments_compile_with_the_standard_library() -> None:
    for r in build_recognizers():
        if isinstance(r, JaPatternRecognizer) and r.fragments is not None:
            re.compile(compile_fragments(r.fragments).pattern)
