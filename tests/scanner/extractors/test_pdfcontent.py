"""The fast content-stream tokenizer gives exactly pypdf's operations, or lets pypdf decide.

Every comparison is against pypdf's own `_parse_content_stream` on the same bytes, with
`same_operations` (types, values and string attributes, recursively), for both kinds of
string decoding pypdf uses: none (`get_contents`) and "bytes" (`extract_text`).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from _doc_util import make_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.generic import ContentStream

import scanner.extractors.pdf  # noqa: F401  (installs the fast path)
from scanner.extractors import _pdfcontent as pc

ENCODINGS = [None, "bytes"]
LIMITS = {"budget": 2_000_000, "array_limit": 100_000, "dictionary_limit": 100_000}


def fast(data: bytes, encoding: str | None = None) -> pc.Operations:
    """The fast path alone: raises GiveUp where pypdf has to decide."""
    return pc.parse_operations(data, encoding, **LIMITS)


def outcome(parse: Any, data: bytes, encoding: str | None) -> tuple[str, Any]:
    try:
        return "ok", parse(data, encoding)
    except Exception as exc:
        return "raise", (type(exc), str(exc))


def assert_same_as_pypdf(data: bytes, encoding: str | None) -> None:
    """The installed parser's result (or exception) is pypdf's."""
    expected = outcome(pc.pypdf_operations, data, encoding)
    actual = outcome(pc.fast_operations, data, encoding)
    assert actual[0] == expected[0], (data, expected, actual)
    if expected[0] == "ok":
        assert pc.same_operations(actual[1], expected[1]), (data, expected, actual)
    else:
        assert actual[1] == expected[1]


def test_installed_by_the_pdf_extractor() -> None:
    assert ContentStream._parse_content_stream is pc._fast_parse_content_stream
    assert pc.self_check()
    assert pc.install()  # idempotent


HANDLED = {
    "integers": b"0 -1 +2 007 123456789012345678 cm",
    "reals": b"1.5 -.5 +.25 5. -0.0 .0 771.4398 Tm",
    "name": b"/F1 12 Tf",
    "name, empty": b"/ Do",
    "name, #xx escapes": b"/A#20B /#2F /A#zz /# /C#4 Tf",
    "name, UTF-8 / GBK / Latin-1": b"/\xe6\xb0\x8f\xe5\x90\x8d /\xb0\xa1 /\xff\xfe Do",
    "name, NUL belongs to it": b"/F1\x00 12 Tf",
    "operator with NUL and digits": b"Tj\x00 T1* Q",
    "string": b"(Hello) Tj",
    "string, empty": b"() Tj",
    "string, each escape": b"(\\n\\r\\t\\b\\f\\(\\)\\\\\\/\\ \\%\\<\\>\\[\\]\\#\\_\\&\\$) Tj",
    "string, octal": b"(\\0\\12\\101\\1012\\08\\377\\400\\777\\7777) Tj",
    "string, line continuations": b"(a\\\nb\\\r\nc\\\n\rd\\\r\re\\\n\nf\\\rg\\\r) Tj",
    "string, nested parentheses": b"(a (b (c) d) \\( e) Tj",
    "string, raw bytes and EOLs": b"(\x00\xff\r\n\x0b) Tj",
    "string, UTF-16 and UTF-8 BOMs": b"(\xfe\xff\x00A) Tj (\xef\xbb\xbfB) Tj (\x00C) Tj (D\x00) Tj",
    "hex string": b"<48656C6C6F> Tj",
    "hex string, whitespace and odd length": b"<48 65\n6c\x006C\t6F7> Tj",
    "hex string, empty": b"<> Tj",
    "hex string, UTF-16": b"<FEFF30423044> Tj",
    "array": b"[(A) -120 (B) 3.5 <43>] TJ",
    "array, nested with true false null": b"[[true false null] [[/X]] []] TJ",
    "array, vertical tab inside": b"[\x0b1\x0b(a)\x0b] TJ",
    "array, no spaces": b"[(a)-5(b)<63>/N[1]] TJ",
    "BDC with an inline dict": b"/Span <</ActualText (\\376\\377\\000A) /Lang (ja)>> BDC EMC",
    "BDC with MCID": b"/P <</MCID 0>> BDC (x) Tj EMC",
    "dict, nested values": b"<</A<</B(c)>>/D[1 [2]]/E true/F null/G/H/I<41>>> BDC",
    "dict, empty": b"<<>> BDC",
    "comments": b"%head\r\nq % mid\n1 0 0 1 0 0 cm%glued\rQ % at the end",
    "quote operators": b"1 2 (x) ' 3 4 5 (y) \" (z) '",
    "true false null at top level are operators": b"true false null",
    "adjacent tokens": b"12/F1(a)Tj[1]TJ<41>Tj",
    "operands without operator are dropped": b"q 1 2 3",
    "whitespace": b"\x00\t\n\x0c\r q \x00 Q \r\n",
    "empty": b"",
    "only whitespace": b" \n\x00 ",
    "number glued to a name": b"1/A 2(x)3[4]5<41> d0",
    "comma is part of a number": b"[1 2] 0 d",
    "R operator without a reference": b"0 0 1 RG 1 0 0 1 RG (1 0 R) Tj",
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("data", HANDLED.values(), ids=HANDLED.keys())
def test_fast_path_matches_pypdf(data: bytes, encoding: str | None) -> None:
    assert pc.same_operations(fast(data, encoding), pc.pypdf_operations(data, encoding))


GIVES_UP = {
    "inline image": b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
    "inline image, no data": b"BI ID EI",
    "closing parenthesis": b"(a)) Tj",
    "brace": b"{ 1 } Tj",
    "stray >": b"> Tj",
    "vertical tab at top level": b"q\x0bQ",
    "vertical tab in a dict": b"<</A\x0b1>> BDC",
    "unbalanced [": b"[1 2 TJ",
    "unbalanced ]": b"1 2] TJ",
    "unbalanced <<": b"<</A 1",
    "unbalanced >>": b"/A >> BDC",
    "dict closed by one >": b"<</A 1> BDC",
    "dict, missing value": b"<</A>> BDC",
    "dict, non-name key": b"<<(k) 1 /B 2>> BDC",
    "dict, null key": b"<<null 1>> BDC",
    "dict, duplicate key": b"<</A 1 /A 2>> BDC",
    "dict, bare word value": b"<</A B>> BDC",
    "dict followed by stream": b"<</Length 3>> stream\nabc\nendstream",
    "comment in an array": b"[1 % c\n 2] TJ",
    "comment in a dict": b"<</A % c\n 1>> BDC",
    "indirect reference": b"/P 1 0 R BDC",
    "indirect reference at the end": b"1 0 R",
    "malformed numbers": b"1-2 +. 1.2.3 - cm",
    "long number": b"12345678901234567890 0 Td",
    "unknown escape": b"(\\q) Tj",
    "backslash-newline escape of a tab": b"(\\\t) Tj",
    "unterminated string": b"(abc Tj",
    "unterminated nested string": b"(a(b) Tj",
    "unterminated hex string": b"<414 Tj",
    "bad hex digit": b"<41G> Tj",
    "word glued to true in an array": b"[true1 nullx] TJ",
    "other words in an array": b"[endobj foo] TJ",
    "long operator": b"q " + b"A" * 200,
    "long name": b"/" + b"N" * 5000 + b" Do",
    "non-ASCII at top level": b"\xe3\x81\x82 Tj",
    "nested too deeply": b"[" * 40 + b"]" * 40 + b" TJ",
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("data", GIVES_UP.values(), ids=GIVES_UP.keys())
def test_anything_unusual_falls_back_to_pypdf(data: bytes, encoding: str | None) -> None:
    with pytest.raises(pc.GiveUp):
        fast(data, encoding)
    assert_same_as_pypdf(data, encoding)


def test_pypdf_exceptions_come_through_unchanged() -> None:
    with pytest.raises(AssertionError):  # pypdf's read_object on a reference without a reader
        pc.fast_operations(b"/P 1 0 R BDC")
    with pytest.raises(LimitReachedError):
        pc.fast_operations(b"q " + b"A" * 200)
    ops = pc.fast_operations(b"q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q")
    assert [op for _, op in ops] == [b"q", b"INLINE IMAGE", b"Q"]


@pytest.mark.parametrize(
    ("overrides", "data"),
    [
        ({"stream_parsing_work_maximum_count": 100}, b"1 " * 99 + b"m"),  # 100 tokens: fine
        ({"stream_parsing_work_maximum_count": 100}, b"1 " * 100 + b"m"),  # 101: too many
        ({"stream_parsing_work_maximum_count": 100}, b"[" + b"1 " * 99 + b"] TJ"),
        ({"stream_parsing_work_maximum_count": 100}, b"<<" + b"/A 1 " * 49 + b">> BDC"),
        ({"stream_parsing_work_maximum_count": 100}, b"<<" + b"/A 1 " * 50 + b">> BDC"),
        ({"array_maximum_element_count": 10}, b"[" + b"1 " * 10 + b"] TJ"),
        ({"array_maximum_element_count": 10}, b"[" + b"1 " * 11 + b"] TJ"),
        ({"dictionary_maximum_element_count": 3}, b"<</A 1 /B 2 /C 3>> BDC"),
        ({"dictionary_maximum_element_count": 3}, b"<</A 1 /B 2 /C 3 /D 4>> BDC"),
    ],
)
def test_pypdf_limits_apply(overrides: dict[str, int], data: bytes) -> None:
    with apply_configuration(None, **overrides):
        assert_same_as_pypdf(data, "bytes")


def test_budget_stops_the_fast_path_where_pypdf_stops() -> None:
    """A huge stream is abandoned at the budget, not read to the end."""
    huge = b"1 " * 2_000 + b"BI"  # the inline image would be the reason if it read on
    with pytest.raises(pc.GiveUp, match="parsing budget"):
        pc.parse_operations(huge, budget=1_000, array_limit=10, dictionary_limit=10)
    with apply_configuration(stream_parsing_work_maximum_count=1_000):
        with pytest.raises(LimitReachedError):
            pc.fast_operations(huge)


def test_operations_and_text_of_a_pdf_are_pypdfs() -> None:
    data = make_pdf([["氏名 山田太郎 (学籍番号) A1234567"], ["口座番号 普通 1234567"]])
    patched = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    pc.uninstall()
    try:
        plain = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    finally:
        assert pc.install()
    assert patched == plain and "山田太郎" in patched[0]
    for page in PdfReader(io.BytesIO(data)).pages:
        stream = page.get_contents()
        assert stream is not None
        raw = stream.get_data()
        assert pc.same_operations(fast(raw), pc.pypdf_operations(raw))


def test_failed_self_check_leaves_pypdf_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ContentStream, "_parse_content_stream", pc._PYPDF_PARSE)

    def changed_pypdf(stream: ContentStream, data: Any) -> None:
        pc._PYPDF_PARSE(stream, data)
        stream._operations = [(operands, op.lower()) for operands, op in stream._operations]

    monkeypatch.setattr(pc, "_PYPDF_PARSE", changed_pypdf)
    assert not pc.install()
    assert ContentStream._parse_content_stream is not pc._fast_parse_content_stream


def test_changed_pypdf_constants_leave_pypdf_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ContentStream, "_parse_content_stream", pc._PYPDF_PARSE)
    monkeypatch.setattr(ContentStream, "_OPERATOR_LENGTH_LIMIT", 64)
    assert not pc.install()
    assert ContentStream._parse_content_stream is pc._PYPDF_PARSE


def test_other_streams_go_to_pypdf() -> None:
    stream = ContentStream(None, None)
    pc._fast_parse_content_stream(stream, io.BufferedReader(io.BytesIO(b"q 1 0 0 1 0 0 cm Q")))
    assert [op for _, op in stream._operations] == [b"q", b"cm", b"Q"]


def test_same_operations_checks_types() -> None:
    (one,) = pc.pypdf_operations(b"1 1.0 (a) /a m")
    number, real, string, name = one[0]
    assert number == real and not pc.same_operations(number, real)
    assert string == "a" and not pc.same_operations(string, "a")
    assert not pc.same_operations(name, string)


# Hypothesis: random content streams built from the token kinds.

REGULAR = st.binary(min_size=1, max_size=6).map(
    lambda b: bytes(c for c in b if c not in b"\t\n\x0b\x0c\r ()<>[]{}/%#\x00") or b"x"
)
NUMBERS = st.one_of(
    st.integers(-(10**9), 10**9).map(lambda i: str(i).encode()),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: f"{f:.4f}".encode()),
    st.sampled_from([b".5", b"-.25", b"5.", b"+3", b"-0", b"007", b"0.0"]),
)
NAMES = st.one_of(
    REGULAR.map(lambda b: b"/" + b),
    st.tuples(REGULAR, st.integers(0, 255)).map(lambda t: b"/" + t[0] + b"#%02X" % t[1]),
    st.sampled_from([b"/", b"/\xe6\xb0\x8f", b"/\xb0\xa1", b"/F1", b"/Span", b"/MCID"]),
)
# Distinct bytes, distinct names: a duplicate key (`/A#41` and `/AA`) is a fallback.
KEYS = st.text(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=6
).map(lambda k: b"/" + k.encode())
ESCAPES = st.sampled_from(
    [b"\\" + bytes((c,)) for c in b"nrtbf()\\/ %<>[]#_&$"]
    + [b"\\0", b"\\12", b"\\101", b"\\377", b"\\400", b"\\777", b"\\7", b"\\1012"]
    + [b"\\\n", b"\\\r", b"\\\r\n", b"\\\n\r", b"\\\n\n", b"\\\r\r"]
)
PLAIN = st.binary(max_size=8).map(lambda b: bytes(c for c in b if c not in b"()\\"))
STRING_BODY = st.recursive(
    st.lists(st.one_of(PLAIN, ESCAPES), max_size=5).map(b"".join),
    lambda inner: st.lists(st.one_of(inner, inner.map(lambda b: b"(" + b + b")")), max_size=3).map(
        b"".join
    ),
    max_leaves=6,
)
STRINGS = STRING_BODY.map(lambda b: b"(" + b + b")")
HEX = st.lists(st.sampled_from(list(b"0123456789abcdefABCDEF \n\x00")), max_size=12).map(
    lambda cs: b"<" + bytes(cs) + b">"
)
SCALARS = st.one_of(NUMBERS, NAMES, STRINGS, HEX)
CONTAINER_WORDS = st.sampled_from([b"true", b"false", b"null"])
SEPARATORS = st.sampled_from([b" ", b"\n", b"\r\n", b"\t", b"\x0c", b"  "])


def _containers(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    sep = SEPARATORS
    array = st.lists(st.tuples(children, sep), max_size=4).map(
        lambda items: b"[" + b"".join(v + s for v, s in items) + b"]"
    )
    dictionary = st.dictionaries(KEYS, st.tuples(children, sep), max_size=3).map(
        lambda d: b"<<" + b"".join(k + b" " + v + s for k, (v, s) in d.items()) + b">>"
    )
    return st.one_of(array, dictionary)


VALUES = st.recursive(st.one_of(SCALARS, CONTAINER_WORDS), _containers, max_leaves=8)
OPERATORS = st.sampled_from(
    [b"Tj", b"TJ", b"'", b'"', b"BT", b"ET", b"cm", b"BDC", b"EMC", b"Tf", b"re", b"f*", b"T*"]
    + [b"true", b"null", b"RG", b"d0", b"Do", b"ID", b"EI"]
)
OPERATION = st.tuples(st.lists(st.tuples(VALUES, SEPARATORS), max_size=4), OPERATORS, SEPARATORS)
COMMENT = st.binary(max_size=6).map(
    lambda b: b"%" + b.replace(b"\r", b"").replace(b"\n", b"") + b"\n"
)
WELL_FORMED = st.lists(st.one_of(OPERATION, COMMENT), max_size=8).map(
    lambda items: b"".join(
        item if isinstance(item, bytes) else b"".join(v + s for v, s in item[0]) + item[1] + item[2]
        for item in items
    )
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WELL_FORMED, st.sampled_from(ENCODINGS))
def test_random_well_formed_streams(data: bytes, encoding: str | None) -> None:
    assert pc.same_operations(fast(data, encoding), pc.pypdf_operations(data, encoding))


ODD = st.sampled_from(
    [b"BI", b")", b"(", b"[", b"]", b"<<", b">>", b"<", b">", b"{", b"}", b"\x0b", b"%", b"\\"]
    + [b"1 0 R", b"R", b"stream", b"endobj", b"tru", b"nul", b"1-2", b"+", b".", b"\x00"]
)
JUNK = st.lists(
    st.tuples(
        st.one_of(VALUES, OPERATORS, ODD, st.binary(max_size=3)), st.sampled_from([b"", b" "])
    ),
    max_size=10,
).map(lambda items: b"".join(v + s for v, s in items))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JUNK, st.sampled_from(ENCODINGS))
def test_random_junk_gives_pypdfs_result_or_exception(data: bytes, encoding: str | None) -> None:
    assert_same_as_pypdf(data, encoding)
