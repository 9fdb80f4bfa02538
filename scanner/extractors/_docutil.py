"""Helpers shared by the document and mail extractors (not an extractor itself)."""

from __future__ import annotations

import codecs
from collections.abc import Iterable

from recognizers.content import Block, Table, TextBlock
from scanner.extractors.base import TextBudget
from scanner.textdecode import decode_iso2022_jp_wide, detect_encoding

# Labels that Japanese files declare, mapped to the Python codec that reads what those
# files really contain: Windows writes CP932 (a superset of Shift_JIS with ①, ㈱, 髙 …)
# under the name Shift_JIS, and EUC-JP files often carry the eucJP-ms extensions.
_CHARSET_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "s-jis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "x-euc-jp": "euc_jp",
    "euc-jp": "euc_jp",
    "eucjp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
    "csiso2022jp": "iso2022_jp",
}
# When a strict decode with the declared codec fails, these supersets are tried next.
_WIDER = {"euc_jp": ("euc_jis_2004",), "shift_jis": ("cp932",)}


def codec_for(label: str | None) -> str | None:
    """The Python codec for a declared charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_declared(data: bytes, label: str | None) -> str | None:
    """Decode strictly with the declared charset (or a known superset); None if it fails."""
    codec = codec_for(label)
    if codec is None:
        return None
    for name in (codec, *_WIDER.get(codec, ())):
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if codec.startswith("iso2022_jp"):
        return decode_iso2022_jp_wide(data)
    return None


def decode_bytes(data: bytes, label: str | None = None) -> str:
    """Decode text of a declared (`label`) or unknown Japanese encoding; never fails.

    The declaration wins when the bytes really are in it; otherwise (no label, an
    unknown label, or bytes that contradict it) the encoding is detected.
    """
    if label:
        text = decode_declared(data, label)
        if text is not None:
            return text
    encoding = detect_encoding(data)
    text = decode_declared(data, encoding)
    if text is None:
        text = data.decode(encoding, errors="replace")
    return text.removeprefix("\ufeff")


def cap_blocks(blocks: Iterable[Block], budget: TextBudget) -> list[Block]:
    """Keep blocks until `budget` runs out: text is cut, tables lose their last rows."""
    kept: list[Block] = []
    for block in blocks:
        if budget.exhausted:
            budget.truncated = True
            break
        if isinstance(block, TextBlock):
            kept.append(TextBlock(budget.take(block.text), where=block.where))
            continue
        budget.take("".join(block.header))
        rows: list[tuple[str, ...]] = []
        for row in block.rows:
            cost = sum(len(cell) for cell in row)
            if cost > budget.left:
                budget.truncated = True
                break
            budget.left -= cost
            rows.append(row)
        kept.append(Table(header=block.header, rows=rows, where=block.where))
    return kept


def truncation_notes(budget: TextBudget, max_chars: int) -> list[str]:
    return [f"text truncated after {max_chars} characters"] if budget.truncated else []
