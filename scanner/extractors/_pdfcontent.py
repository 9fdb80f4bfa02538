"""A fast tokenizer for PDF content streams that gives exactly pypdf's `operations`.

Why. Text extraction is the slowest stage of a scan, and most of it is not text: a cProfile
of `page.extract_text()` over the first 100 PDFs of the benchmark corpus (252 pages, 9.35 s
under the profiler, 2.9 s without) puts 5.77 s (62 %) in
`ContentStream._parse_content_stream`, pypdf's pure-Python tokenizer that reads the decoded
stream one byte at a time (680,000 `read_non_whitespace` and 364,000 `read_until_regex`
calls, millions of `BytesIO.read`s). This module tokenizes the same bytes with one compiled
master regex, so the scanning happens in C and Python only builds the objects: on those
pages' 252 streams the tokenizer takes 0.60 s instead of 1.61 s, and `extract_text` 1.73 s
of CPU instead of 2.72 s (over all 1,000 corpus PDFs: 11.2 s instead of 17.2 s). What is
left is pypdf's text layout and font handling, and building the objects.

What it produces. The same list pypdf builds: `(operands, operator)` tuples, the operands
a plain `list` of pypdf objects made by pypdf's own constructors from the same bytes:
`NumberObject` / `FloatObject` (from the number's bytes, as `read_object` does),
`NameObject` (`NameObject.unnumber` for `#xx`, then `NameObject.CHARSETS`),
`TextStringObject` / `ByteStringObject` (`create_string_object(bytes, forced_encoding)`,
literal strings unescaped with pypdf's own escape table `__ESCAPE_DICT__`), `ArrayObject`,
`DictionaryObject` (inline dictionaries such as `/Span <</ActualText (...)>> BDC` or
`<</MCID 0>> BDC`), and `BooleanObject` / `NullObject` inside arrays and dictionaries (at the
top level pypdf reads `true`, `false` and `null` as operators, and so does this). Operators
are the same `bytes`, `'` and `"` included. Comments are skipped at the top level.

Fallback rule. The fast path handles only input whose meaning it knows for certain and
gives up on the whole stream for anything else, and the stream is then parsed by pypdf's
own `_parse_content_stream`, so the result (or the exception) is always pypdf's. It gives
up on: an inline image (`BI`); any token it does not recognise (`{`, `)`, a stray `>`, a
vertical tab outside an array, bytes pypdf would reject); a number pypdf would warn about
or read past its 20-byte peek (`1-2`, `+`, 20+ characters); a possible indirect reference
(`1 0 R`, which pypdf's `read_object` matches by pattern even in a content stream); an
unknown escape in a literal string (pypdf logs a warning); unterminated strings, arrays or
dictionaries; a dictionary closed by a single `>`, with a non-name key, a duplicate key, a
missing value, or followed by the `stream` keyword; a comment inside an array or dictionary;
`true`, `false` and `null` glued to other characters, or any other bare word, inside a
container; nesting deeper than `_MAX_DEPTH`; names, operators or numbers long enough to
approach pypdf's length limits. Giving up costs one extra parse of that stream by pypdf.

Limits. The tokens are counted against pypdf's own budget exactly as pypdf counts them
(`stream_parsing_work_maximum_count`: one per operator, per operand and per array element,
two per dictionary entry; `array_maximum_element_count` and
`dictionary_maximum_element_count` per container). The fast path gives up the moment the
budget would be exceeded, and pypdf then raises its own `LimitReachedError`: the fast path
never reads further or holds more objects than pypdf would, and giving up costs at most
pypdf's own parse on top. Every pattern is linear (possessive quantifiers, bounded repeats),
and containers are parsed with an explicit stack, never by recursion.

Installation. `install()` replaces `ContentStream._parse_content_stream` with a function
that tries the fast path and falls back to the original. It first checks that pypdf still
has the constants the patterns encode and parses `_SELF_CHECK_STREAM` with both parsers;
if anything differs (a future pypdf changed its objects or its grammar) it leaves pypdf
alone and returns False.
"""

from __future__ import annotations

import binascii
import logging
import re
from io import BytesIO
from typing import Any, Final

import pypdf
from pypdf import get_configuration
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    create_string_object,
)

_log = logging.getLogger(__name__)

ForcedEncoding = str | list[str] | dict[int, str] | None
Operations = list[tuple[Any, bytes]]

# pypdf's parser, whatever it was when this module was imported.
_PYPDF_PARSE: Final = ContentStream._parse_content_stream

# Containers nested deeper than this go to pypdf, which recurses: it may hit Python's
# recursion limit there, and the fast path must not succeed where pypdf fails.
_MAX_DEPTH: Final = 32


class GiveUp(Exception):
    """The fast path cannot be certain of pypdf's result for this stream."""


def _load_escapes() -> dict[bytes, int] | None:
    """pypdf's own table of literal-string escapes (`\\n`, `\\(`, ...), if it still has one."""
    try:
        from pypdf.generic._utils import __ESCAPE_DICT__
    except ImportError:  # pragma: no cover - a pypdf that moved its internals
        return None
    return dict(__ESCAPE_DICT__)


_PYPDF_ESCAPES: Final = _load_escapes()


def _escape_sequences(escapes: dict[bytes, int]) -> dict[bytes, bytes]:
    """Every escape sequence `read_string_from_stream` accepts, mapped to what it appends.

    A backslash followed by a character of pypdf's table gives that table's byte; by one to
    three octal digits, their value, but above 255 pypdf keeps the backslash and re-reads
    the digits as plain text; by an end of line (`\\r` or `\\n`, plus one more of either),
    nothing. Any other sequence is missing here, and the stream goes to pypdf.
    """
    table = {b"\\" + key: bytes((value,)) for key, value in escapes.items()}
    for width in (1, 2, 3):
        for value in range(8**width):
            digits = format(value, "o").zfill(width).encode()
            table[b"\\" + digits] = bytes((value,)) if value <= 255 else b"\\" + digits
    for eol in (b"\r", b"\n", b"\r\r", b"\r\n", b"\n\r", b"\n\n"):
        table[b"\\" + eol] = b""
    return table


_ESCAPE_SEQUENCES: Final = _escape_sequences(_PYPDF_ESCAPES or {})

# The grammar mirrors pypdf 7.1:
# - between top-level tokens and inside dictionaries and hex strings pypdf skips
#   `WHITESPACES` (NUL, tab, LF, FF, CR, space) but not the vertical tab; arrays skip it too;
# - names and operators run to `NameObject.delimiter_pattern` (`\s` or one of `()<>[]{}/%`),
#   so a NUL belongs to them;
# - a number is a run of `NumberObject.NumberPattern`'s complement, `+,-.0-9` (the class
#   `[^+-.0-9]` holds the range `+` to `.`, comma included), starting with a digit, sign or
#   point; pypdf reads it from a 20-byte peek and warns about (and zeroes) malformed ones.
# Group numbers are the token kinds below; each alternative has exactly one group.
_TOKEN: Final = re.compile(
    rb"""
    [\x00\t\n\f\r ]*+
    (?:
      # a well-formed number shorter than pypdf's peek; an integer never where pypdf's
      # `IndirectPattern` (`[+-]?(\d+)\s+(\d+)\s+R[^a-zA-Z]`, tried by `read_object` at
      # every number, an AssertionError in a content stream) could match: this superset
      # also takes the end of the stream after the R, and matches past the 20 bytes
      (?= [0-9+,\-.]{1,19} (?![0-9+,\-.]) )
      (?: (?P<int> [+-]?[0-9]+ ) (?! [0-9+,\-.] | \s++[0-9]++\s++R(?![A-Za-z]) )
        | (?P<real> [+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+) ) (?! [0-9+,\-.] )
      )
    | (?P<bad_number> [0-9+\-.] )
    | / (?P<name> [^\t\n\x0b\f\r ()<>\[\]{}/%]{0,1000}+ ) (?! [^\t\n\x0b\f\r ()<>\[\]{}/%] )
    | (?P<word> [A-Za-z'"] [^\t\n\x0b\f\r ()<>\[\]{}/%]{0,63}+ )
      (?! [^\t\n\x0b\f\r ()<>\[\]{}/%] )
    # a literal string without unescaped parentheses inside; nested ones take `lpar`
    | \( (?P<string> (?:[^()\\]++|\\[\s\S])*+ ) \)
    | (?P<lpar> \( )
    | (?P<dict> << )
    | < (?P<hex> [0-9A-Fa-f\x00\t\n\f\r ]*+ ) >
    | (?P<dict_end> >> )
    | (?P<array> \[ )
    | (?P<array_end> \] )
    | (?P<comment> %[^\r\n]*+[\r\n]? )
    | (?P<vt> \x0b )
    | (?P<eof> \Z )
    | (?P<other> [\s\S] )
    )
    """,
    re.VERBOSE,
)
_INT, _REAL, _BAD_NUMBER, _NAME, _WORD, _STRING, _LPAR, _DICT = 1, 2, 3, 4, 5, 6, 7, 8
_HEX, _DICT_END, _ARRAY, _ARRAY_END, _COMMENT, _VT, _EOF = 9, 10, 11, 12, 13, 14, 15
assert _TOKEN.groupindex == {
    "int": _INT,
    "real": _REAL,
    "bad_number": _BAD_NUMBER,
    "name": _NAME,
    "word": _WORD,
    "string": _STRING,
    "lpar": _LPAR,
    "dict": _DICT,
    "hex": _HEX,
    "dict_end": _DICT_END,
    "array": _ARRAY,
    "array_end": _ARRAY_END,
    "comment": _COMMENT,
    "vt": _VT,
    "eof": _EOF,
    "other": 16,
}

# After every dictionary pypdf looks for a stream body (`_read_stream_data`).
_STREAM_KEYWORD: Final = re.compile(rb"[\x00\t\n\f\r ]*+stream")
# Splits a string body into plain runs and escape sequences (odd indexes).
_ESCAPE: Final = re.compile(rb"(\\(?:[0-7]{1,3}|[\r\n]{1,2}|[\s\S]))")
_STRING_SPECIAL: Final = re.compile(rb"[()\\]")
_HEX_WHITESPACE: Final = b"\x00\t\n\f\r "


def _unescape(body: bytes) -> bytes:
    """The bytes `read_string_from_stream` makes of a literal string's body."""
    if b"\\" not in body:
        return body
    parts = _ESCAPE.split(body)
    try:
        # ReportLab writes every non-ASCII byte as an octal escape: map them all in C.
        parts[1::2] = map(_ESCAPE_SEQUENCES.__getitem__, parts[1::2])
    except KeyError:
        raise GiveUp("escape pypdf warns about") from None
    return b"".join(parts)


def _nested_string_end(data: bytes, start: int) -> int:
    """Index of the `)` closing the literal string whose body starts at `start`.

    pypdf counts unescaped parentheses and lets every backslash take the next byte with it
    (an escaped parenthesis, octal digits, end of line or an unknown character: none of
    those changes the count).
    """
    depth = 1
    pos = start
    search = _STRING_SPECIAL.search
    while True:
        m = search(data, pos)
        if m is None:
            raise GiveUp("unterminated string")
        at = m.start()
        char = data[at]
        if char == 0x5C:  # backslash
            pos = at + 2
            continue
        if char == 0x28:  # (
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return at
        pos = at + 1


def _name(raw: bytes) -> str:
    """What `NameObject.read_from_stream` makes of `/` + `raw`."""
    name = NameObject.unnumber(b"/" + raw)
    for encoding in NameObject.CHARSETS:
        try:
            return name.decode(encoding)
        except (UnicodeError, LookupError):
            pass
    raise GiveUp("name pypdf cannot decode")  # pypdf would fail on `pdf.strict` here


def _word_value(word: bytes) -> BooleanObject | NullObject:
    """A bare word inside an array or dictionary, as `read_object` reads it."""
    if word == b"true":
        return BooleanObject(True)
    if word == b"false":
        return BooleanObject(False)
    if word == b"null":
        return NullObject()
    raise GiveUp("bare word in a container")


def parse_operations(
    data: bytes,
    forced_encoding: ForcedEncoding = None,
    *,
    budget: int,
    array_limit: int,
    dictionary_limit: int,
) -> Operations:
    """Tokenize a decoded content stream into pypdf's `operations`, or raise `GiveUp`.

    `budget`, `array_limit` and `dictionary_limit` are pypdf's configuration values
    (`stream_parsing_work_maximum_count`, `array_maximum_element_count`,
    `dictionary_maximum_element_count`); exceeding any of them is a `GiveUp`, so that pypdf
    raises its own `LimitReachedError`.
    """
    # Every position matches (`other` takes any byte, `eof` the end), so the matches of
    # `finditer` are contiguous; it is restarted only after a nested string.
    next_token = _TOKEN.finditer(data).__next__
    operations: Operations = []
    operands: list[Any] = []
    names: dict[bytes, str] = {}
    # The open containers: `container` is the innermost (an ArrayObject, or a flat
    # key/value list for a dictionary), `stack` holds the outer ones.
    container: list[Any] | None = None
    in_array = False
    stack: list[tuple[list[Any], bool]] = []
    value: Any
    while True:
        m = next_token()
        kind = m.lastindex
        # Most frequent first: operators, then numbers, names and strings.
        if kind == _WORD:
            word = m[_WORD]
            if container is not None:
                value = _word_value(word)
            else:
                if word == b"BI":
                    raise GiveUp("inline image")
                budget -= 1
                if budget < 0:
                    raise GiveUp("parsing budget")
                operations.append((operands, word))
                operands = []
                continue
        elif kind == _REAL:
            value = FloatObject(m[_REAL])
        elif kind == _INT:
            value = NumberObject(m[_INT])
        elif kind == _NAME:
            raw = m[_NAME]
            text = names.get(raw)
            if text is None:
                text = names[raw] = _name(raw)
            value = NameObject(text)
        elif kind == _STRING:
            value = create_string_object(_unescape(m[_STRING]), forced_encoding)
        elif kind == _HEX:
            digits = m[_HEX].translate(None, _HEX_WHITESPACE)
            if len(digits) % 2:
                digits += b"0"
            value = create_string_object(binascii.unhexlify(digits), forced_encoding)
        elif kind == _ARRAY or kind == _DICT:
            if len(stack) >= _MAX_DEPTH:
                raise GiveUp("nested too deeply")
            if container is not None:
                stack.append((container, in_array))
            in_array = kind == _ARRAY
            container = ArrayObject() if in_array else []
            continue
        elif kind == _ARRAY_END:
            if container is None or not in_array:
                raise GiveUp("unbalanced ]")
            if len(container) > array_limit:
                raise GiveUp("array element limit")
            value = container
            container, in_array = stack.pop() if stack else (None, False)
        elif kind == _DICT_END:
            if container is None or in_array:
                raise GiveUp("unbalanced >>")
            value = _dictionary(container, dictionary_limit)
            if _STREAM_KEYWORD.match(data, m.end()):
                raise GiveUp("stream keyword after a dictionary")
            container, in_array = stack.pop() if stack else (None, False)
        elif kind == _LPAR:
            start = m.end()
            end = _nested_string_end(data, start)
            value = create_string_object(_unescape(data[start:end]), forced_encoding)
            next_token = _TOKEN.finditer(data, end + 1).__next__
        elif kind == _COMMENT:
            if container is not None:
                raise GiveUp("comment inside a container")
            continue
        elif kind == _VT:
            if not in_array:
                raise GiveUp("vertical tab outside an array")
            continue
        elif kind == _EOF:
            if container is not None:
                raise GiveUp("unterminated container")
            return operations
        elif kind == _BAD_NUMBER:
            raise GiveUp("malformed number or possible indirect reference")
        else:
            raise GiveUp("unexpected byte")
        budget -= 1
        if budget < 0:
            raise GiveUp("parsing budget")
        if container is None:
            operands.append(value)
        else:
            container.append(value)


def _dictionary(items: list[Any], limit: int) -> DictionaryObject:
    """The `DictionaryObject` of a flat key/value list, as `DictionaryObject.read_from_stream`.

    pypdf skips non-name keys with a warning, keeps the first of duplicate keys with a
    warning, ends the dictionary at a `null` key and returns partial data when a value
    fails: all of that goes to pypdf. (Each key and each value cost one unit of the budget
    as they were read, pypdf's two per entry.)
    """
    keys = items[0::2]
    if len(items) % 2 or any(type(key) is not NameObject for key in keys):
        raise GiveUp("dictionary pypdf would repair")
    if len(keys) > limit:
        raise GiveUp("dictionary entry limit")
    entries = dict(zip(keys, items[1::2], strict=True))
    if len(entries) != len(keys):
        raise GiveUp("duplicate dictionary key")
    result = DictionaryObject()
    result.update(entries)
    return result


def _fast_parse_content_stream(self: ContentStream, stream: Any) -> None:
    """`ContentStream._parse_content_stream`: the fast path, else pypdf's own."""
    if isinstance(stream, BytesIO):
        configuration = get_configuration()
        try:
            operations = parse_operations(
                stream.getvalue(),
                self.forced_encoding,
                budget=configuration.stream_parsing_work_maximum_count,
                array_limit=configuration.array_maximum_element_count,
                dictionary_limit=configuration.dictionary_maximum_element_count,
            )
        except Exception:  # GiveUp, or anything unforeseen: pypdf decides
            pass
        else:
            if operations:
                self._operations.extend(operations)
            stream.seek(0, 2)  # where pypdf leaves it
            return
    _PYPDF_PARSE(self, stream)


def same_operations(a: Any, b: Any) -> bool:
    """Deep equality that also requires the same types and the same object attributes.

    `==` alone would equate `NumberObject(1)` with `FloatObject(1.0)`, a `TextStringObject`
    with a `str`, or two `TextStringObject`s decoded from different bytes.
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same_operations(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(
            same_operations(k, k2) and same_operations(a[k], b[k2])
            for k, k2 in zip(a, b, strict=True)
        )
    if isinstance(a, BooleanObject):
        return a.value is b.value
    if a != b:
        return False
    return getattr(a, "__dict__", None) == getattr(b, "__dict__", None)


def pypdf_operations(data: bytes, forced_encoding: ForcedEncoding = None) -> Operations:
    """pypdf's own parse of `data`: its parser as imported, whatever is installed now."""
    stream = ContentStream(None, None, forced_encoding)
    _PYPDF_PARSE(stream, BytesIO(data))
    return stream._operations


def fast_operations(data: bytes, forced_encoding: ForcedEncoding = None) -> Operations:
    """The installed parser's result: the fast path, or pypdf's where it gives up."""
    stream = ContentStream(None, None, forced_encoding)
    _fast_parse_content_stream(stream, BytesIO(data))
    return stream._operations


# Every token kind, every escape, nested containers and the whitespace quirks; install()
# compares both parsers on it with both kinds of string decoding.
_SELF_CHECK_STREAM: Final = (
    b"%comment\r\nq 1 0 0 1 72.5 -.5 cm 0 0 1 rg 5. +3 -0 .25 Tm\x00Q\n"
    b"/Span <</ActualText (\\376\\377\\000A) /Lang (ja)>> BDC /P <</MCID 0>> BDC EMC\n"
    b"BT /F1#20x 12 Tf /\xe6\xb0\x8f /\xb0\xa1 /A#zz /# Tf\n"
    b"(a\\n\\r\\t\\b\\f\\(\\)\\\\\\/\\ \\%\\<\\>\\[\\]\\#\\_\\&\\$) Tj\n"
    b"(oct \\0\\12\\101\\1012\\777\\08) Tj (line\\\ncont\\\r\ninued\\\n\rx\\\r) Tj\n"
    b"(nested (paren (deep)) \\( ok) Tj <48 65 6C\x006c6F7> Tj <> Tj <FEFF30423044> Tj\n"
    b"[(A) -120 (B) 3.5 [true false null [/X]] <</K [1 2]>>] TJ [\x0b1\x0b] TJ\n"
    b"1 2 (x) ' 3 4 5 (y) \" true false null T* ET\n"
    b"<</A<</B(c)>>/D[]/E true/F null>> BDC EMC % trailing comment"
)


def _pypdf_constants_unchanged() -> bool:
    """The constants the patterns above encode are still pypdf's."""
    return (
        getattr(ContentStream, "_OPERATOR_LENGTH_LIMIT", None) == 128
        and getattr(NameObject, "_LENGTH_LIMIT", None) == 4096
        and getattr(NumberObject, "_LENGTH_LIMIT", None) == 64
        and getattr(NameObject, "delimiter_pattern", re.compile(b"")).pattern
        == rb"\s+|[\(\)<>\[\]{}/%]"
        and getattr(NumberObject, "NumberPattern", re.compile(b"")).pattern == b"[^+-.0-9]"
    )


def self_check() -> bool:
    """True if pypdf and the fast path agree on `_SELF_CHECK_STREAM` (and handle it)."""
    if _PYPDF_ESCAPES is None or not _pypdf_constants_unchanged():
        return False
    configuration = get_configuration()
    for encoding in (None, "bytes"):
        try:
            expected = pypdf_operations(_SELF_CHECK_STREAM, encoding)
            actual = parse_operations(
                _SELF_CHECK_STREAM,
                encoding,
                budget=configuration.stream_parsing_work_maximum_count,
                array_limit=configuration.array_maximum_element_count,
                dictionary_limit=configuration.dictionary_maximum_element_count,
            )
        except Exception:
            return False
        if not same_operations(actual, expected):
            return False
    return True


def install() -> bool:
    """Use the fast path for every `ContentStream`, if the self-check passes.

    Idempotent; returns whether the fast path is installed. On a failed self-check pypdf
    is left exactly as it was.
    """
    if ContentStream._parse_content_stream is _fast_parse_content_stream:
        return True
    if not self_check():
        _log.warning("pypdf %s: content-stream fast path not installed", pypdf.__version__)
        return False
    ContentStream._parse_content_stream = _fast_parse_content_stream  # type: ignore[method-assign]
    return True


def uninstall() -> None:
    """Put pypdf's own parser back (tests, benchmarks)."""
    ContentStream._parse_content_stream = _PYPDF_PARSE  # type: ignore[method-assign]
