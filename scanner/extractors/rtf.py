"""Rich Text Format, as Japanese Word and WordPad write it.

Japanese RTF keeps text in two forms, often side by side: `\\uN?` escapes (UTF-16 code
units, negative above U+7FFF, surrogate pairs outside the BMP), each followed by a
fallback that `\\ucN` says to skip, and `\\'xx` byte escapes in the document's ANSI
code page (`\\ansicpg932` = CP932) or the font's charset (`\\fcharset128` = Shift_JIS).
striprtf does the parsing; before it runs we

- pass the `\\ansicpgNNNN` code page (CP932 when only `\\fcharset128` fonts say Japanese)
  as the default encoding, so fonts with charset 1 (DEFAULT_CHARSET) decode right too;
- rewrite a DBCS trail byte that Word wrote as a literal character (`\\'83e` for テ)
  into an escape (`\\'83\\'65`), and rejoin escaped byte pairs split by a line break;
- drop picture and OLE-object groups (megabytes of hex that hold no text).

`rtf_text()` is reused for the RTF bodies of Outlook messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar, cast

from striprtf import striprtf

from recognizers.content import TextBlock
from scanner.errors import ExtractionError
from scanner.extractors._docutil import codec_for
from scanner.extractors.base import ExtractContext, Extraction, Extractor, TextBudget

# striprtf is untyped: rtf_to_text(text, encoding, errors) -> str
_rtf_to_text = cast(Callable[..., str], striprtf.rtf_to_text)
_ANSICPG = re.compile(r"\\ansicpg(\d{1,5})")
_JAPANESE_FONT = re.compile(r"\\fcharset128(?![0-9])")
# Python has no Mac Japanese codec; its repertoire is Shift_JIS.
_MAC_JAPANESE_FONT = re.compile(r"\\fcharset78(?![0-9])")
_HEX_RUN = re.compile(r"(?:\\'[0-9a-fA-F]{2})+")
# Word wraps lines every 255 characters, sometimes between the two bytes of a character.
_SPLIT_PAIR = re.compile(r"(\\'[0-9a-fA-F]{2})[\r\n]+(?=\\')")
_UNICODE = re.compile(r"\\u(-?\d+)")
_BINARY_GROUPS = re.compile(
    r"\{\\(?:\*\\)?(?:pict|objdata|datastore|themedata|colorschememapping)\b"
)
_BRACE = re.compile(r"\\[\\{}]|[{}]")
# Lead bytes of the double-byte code pages (932 Japanese, 936/949/950 Chinese/Korean).
_DBCS_LEAD: dict[str, tuple[tuple[int, int], ...]] = {
    "cp932": ((0x81, 0x9F), (0xE0, 0xFC)),
    "shift_jis": ((0x81, 0x9F), (0xE0, 0xEF)),
    "gbk": ((0x81, 0xFE),),
    "cp949": ((0x81, 0xFE),),
    "cp950": ((0x81, 0xFE),),
    "big5": ((0x81, 0xFE),),
}
# Code pages Python lacks, read with the closest codec it has (10001 = Mac Japanese).
_CODEPAGE_ALIASES = {"10001": "cp932"}


def rtf_encoding(rtf: str) -> str:
    """The codec for `\\'xx` bytes outside fonts with their own charset."""
    head = rtf[:4096]
    match = _ANSICPG.search(head)
    if match is not None:
        number = match.group(1)
        codec = codec_for(_CODEPAGE_ALIASES.get(number, f"cp{number}"))
        if codec is not None:
            return codec
    if _JAPANESE_FONT.search(rtf[:65536]):
        return "cp932"
    return "cp1252"


def _drop_binary_groups(rtf: str) -> str:
    """Remove `{\\pict …}`-like groups (hex blobs) by brace matching; linear time."""
    out: list[str] = []
    pos = 0
    while True:
        match = _BINARY_GROUPS.search(rtf, pos)
        if match is None:
            out.append(rtf[pos:])
            return "".join(out)
        out.append(rtf[pos : match.start()])
        depth = 0
        end = len(rtf)
        for brace in _BRACE.finditer(rtf, match.start()):
            token = brace.group()
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
                if depth == 0:
                    end = brace.end()
                    break
        pos = end


def _fix_dbcs(rtf: str, codec: str) -> str:
    """Make every DBCS byte pair two adjacent escapes, so striprtf decodes them together."""
    ranges = _DBCS_LEAD.get(codec)
    if ranges is None:
        return rtf
    rtf = _SPLIT_PAIR.sub(r"\1", rtf)
    out: list[str] = []
    pos = 0
    for match in _HEX_RUN.finditer(rtf):
        if match.start() < pos:
            continue  # its first character was taken as a trail byte below
        out.append(rtf[pos : match.end()])
        pos = match.end()
        raw = bytes.fromhex(match.group().replace("\\'", ""))
        i = 0
        while i < len(raw):
            lead = any(lo <= raw[i] <= hi for lo, hi in ranges)
            i += 2 if lead else 1
        if i == len(raw):
            continue
        # The run ends on a lead byte: its trail byte was written as a character.
        nxt = rtf[pos : pos + 2]
        if nxt[:1] and 0x40 <= ord(nxt[0]) <= 0x7E and nxt[0] not in "\\{}":
            out.append(f"\\'{ord(nxt[0]):02x}")
            pos += 1
        elif len(nxt) == 2 and nxt[0] == "\\" and nxt[1] in "\\{}":
            out.append(f"\\'{ord(nxt[1]):02x}")
            pos += 2
    out.append(rtf[pos:])
    return "".join(out)


def _clamp_unicode(match: re.Match[str]) -> str:
    value = int(match.group(1)) if len(match.group(1)) <= 7 else 0x10000000
    if -32768 <= value <= 65535:
        return match.group(0)
    return "\\u65533"


def _join_surrogates(text: str) -> str:
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def rtf_text(data: bytes) -> str:
    """The plain text of an RTF document. Raises ExtractionError if it is not RTF."""
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ExtractionError("not an RTF document")
    ascii_text = data.decode("latin-1")
    codec = rtf_encoding(ascii_text)
    # RTF should be 7-bit, but some writers put raw code-page bytes in the text.
    try:
        rtf = data.decode(codec)
    except UnicodeDecodeError:
        rtf = ascii_text
    rtf = _drop_binary_groups(rtf)
    rtf = _MAC_JAPANESE_FONT.sub(r"\\fcharset128", rtf)
    rtf = _UNICODE.sub(_clamp_unicode, rtf)
    rtf = _fix_dbcs(rtf, codec)
    try:
        text = _rtf_to_text(rtf, encoding=codec, errors="replace")
    except (ValueError, LookupError, IndexError, OverflowError, RecursionError) as exc:
        raise ExtractionError("corrupt RTF") from exc
    return _join_surrogates(text)


class RtfExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"text/rtf", "application/rtf"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        text = rtf_text(data)
        budget = TextBudget(ctx.limits.max_text_chars)
        text = budget.take(text.strip())
        result = Extraction()
        if text:
            result.blocks.append(TextBlock(text))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
