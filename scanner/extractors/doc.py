"""Legacy Word 97–2003 documents (.doc), read straight from the piece table.

No maintained Python library reads .doc, but its text is easy to reach ([MS-DOC]):

1. The `WordDocument` stream opens with the FIB (2.5.1). FibBase holds the flags
   fEncrypted and fWhichTblStm (which of `0Table`/`1Table` is the table stream);
   FibRgLw97 holds the character counts of each story (ccpText, ccpFtn, ccpHdd, …);
   FibRgFcLcb97 holds fcClx/lcbClx, where the Clx sits in the table stream.
2. The Clx (2.9.38) is a run of Prc records (clxt 0x01) followed by one Pcdt (clxt
   0x02) whose PlcPcd (2.8.35) maps character positions (CPs) to pieces.
3. Each Pcd (2.9.177) gives a piece's FcCompressed (2.9.73): with fCompressed set the
   text is 8-bit (cp1252) at byte fc/2, otherwise UTF-16LE at byte fc, which is where
   Japanese text lives.

All stories follow one another in CP order (main text, footnotes, headers and
footers, comments, endnotes, text boxes, header text boxes), so one pass over the
piece table yields everything; the story boundaries only label the blocks.

Word's control characters are mapped to plain text: paragraph marks and breaks become
newlines, table cell marks (0x07) tabs with the row-end mark a newline, and of a field
(0x13 instruction 0x14 result 0x15) only the result is kept. Tables stay text: telling
cells from rows exactly would need the paragraph properties (PAPX), which we do not
parse. Word 95 and older (a different FIB) are not supported.

Encryption (fEncrypted): RC4 and RC4 CryptoAPI files are decrypted with msoffcrypto
when a supplied password opens them; the decrypted file comes back in `inner`.
"""

from __future__ import annotations

import io
import struct
from typing import ClassVar

import olefile

from recognizers.content import TextBlock
from scanner.errors import ExtractionError
from scanner.extractors.base import ExtractContext, Extraction, Extractor, TextBudget
from scanner.extractors.office_encrypted import open_with_passwords
from scanner.filetype import DOC

_WIDENT = 0xA5EC  # FibBase.wIdent of a Word binary file
_MIN_NFIB = 0x00C1  # Word 97; older FIBs have another layout
_F_ENCRYPTED = 0x0100  # FibBase bit 8 (offset 0x0A)
_F_WHICH_TBL_STM = 0x0200  # FibBase bit 9
_FIBBASE_LEN = 32
_IDX_FC_CLX = 33  # fcClx is the 34th FcLcb pair of FibRgFcLcb97
# FibRgLw97 fields from ccpText on, in story order ([MS-DOC] 2.5.5), with a label each.
_STORIES = (
    (3, "body"),
    (4, "footnote"),
    (5, "header/footer"),
    (6, "macro"),  # ccpMcr: must be zero
    (7, "comment"),
    (8, "endnote"),
    (9, "text box"),
    (10, "header text box"),
)
# Characters Word uses as marks, mapped to their plain-text meaning (2.4.x, 2.8.x).
_CONTROL = {
    "\r": "\n",  # paragraph mark
    "\x0b": "\n",  # line break
    "\x0c": "\n",  # page or section break
    "\x0e": "\n",  # column break
    "\x1e": "-",  # non-breaking hyphen
    "\t": "\t",
    "\n": "\n",
}
_FIELD_BEGIN, _FIELD_SEP, _FIELD_END, _CELL = "\x13", "\x14", "\x15", "\x07"


class _Corrupt(Exception):
    pass


def _u16(buf: bytes, pos: int) -> int:
    if pos + 2 > len(buf):
        raise _Corrupt
    return int.from_bytes(buf[pos : pos + 2], "little")


def _u32(buf: bytes, pos: int) -> int:
    if pos + 4 > len(buf):
        raise _Corrupt
    return int.from_bytes(buf[pos : pos + 4], "little")


class _Fib:
    """The parts of the File Information Block ([MS-DOC] 2.5.1) we need."""

    def __init__(self, word: bytes) -> None:
        if _u16(word, 0) != _WIDENT:
            raise _Corrupt
        if _u16(word, 2) < _MIN_NFIB:
            raise ExtractionError("unsupported DOC version (Word 95 or older)")
        flags = _u16(word, 0x0A)
        self.encrypted = bool(flags & _F_ENCRYPTED)
        self.table_stream = "1Table" if flags & _F_WHICH_TBL_STM else "0Table"
        self.ccp: list[int] = []
        self.fc_clx = self.lcb_clx = 0
        if not self.encrypted:  # past byte 0x44 an encrypted FIB is ciphertext
            self._parse_rest(word)

    def _parse_rest(self, word: bytes) -> None:
        pos = _FIBBASE_LEN
        csw = _u16(word, pos)  # count of 16-bit values in FibRgW97
        pos += 2 + 2 * csw
        cslw = _u16(word, pos)  # count of 32-bit values in FibRgLw97
        lw_at = pos + 2
        self.ccp = [_u32(word, lw_at + 4 * i) if i < cslw else 0 for i, _ in _STORIES]
        pos = lw_at + 4 * cslw
        cb_fc_lcb = _u16(word, pos)  # count of 64-bit FcLcb pairs
        if cb_fc_lcb <= _IDX_FC_CLX:
            raise _Corrupt
        clx_at = pos + 2 + 8 * _IDX_FC_CLX
        self.fc_clx = _u32(word, clx_at)
        self.lcb_clx = _u32(word, clx_at + 4)


def _pieces(table: bytes, fib: _Fib) -> list[tuple[int, int, int, bool]]:
    """The PlcPcd as (cpStart, cpEnd, byte offset, compressed) per piece."""
    clx = table[fib.fc_clx : fib.fc_clx + fib.lcb_clx]
    if len(clx) != fib.lcb_clx:
        raise _Corrupt
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: clxt, cbGrpprl (int16), grpprl
        cb = struct.unpack_from("<h", clx, pos + 1)[0]
        if cb < 0:
            raise _Corrupt
        pos += 3 + cb
    if pos >= len(clx) or clx[pos] != 0x02:  # Pcdt: clxt, lcb, PlcPcd
        raise _Corrupt
    lcb = _u32(clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    if len(plc) != lcb or lcb < 4 or (lcb - 4) % 12:
        raise _Corrupt
    n = (lcb - 4) // 12  # n+1 CPs (4 bytes) then n Pcds (8 bytes)
    pieces = []
    for i in range(n):
        cp_start, cp_end = _u32(plc, 4 * i), _u32(plc, 4 * i + 4)
        fc = _u32(plc, 4 * (n + 1) + 8 * i + 2)  # Pcd: 2 bytes of flags, then fc
        compressed = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        if cp_end < cp_start:
            raise _Corrupt
        pieces.append((cp_start, cp_end, fc // 2 if compressed else fc, compressed))
    return pieces


def _piece_text(word: bytes, start: int, count: int, compressed: bool) -> str:
    size = count if compressed else 2 * count
    raw = word[start : start + size]
    if len(raw) != size:
        raise _Corrupt
    # cp1252 for 8-bit pieces ([MS-DOC] 2.4.1 lists the same few remappings)
    return raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace")


def clean(text: str) -> str:
    """Word's marks to plain text; of each field only its result is kept."""
    out: list[str] = []
    fields: list[bool] = []  # one per open field: True while in its instruction
    hidden = 0  # how many open fields are in their instruction part
    for i, ch in enumerate(text):
        if ch == _FIELD_BEGIN:
            fields.append(True)
            hidden += 1
        elif ch == _FIELD_SEP:
            if fields and fields[-1]:
                fields[-1] = False
                hidden -= 1
        elif ch == _FIELD_END:
            if fields and fields.pop():
                hidden -= 1
        elif hidden:
            continue
        elif ch == _CELL:
            # a cell mark directly after a cell mark ends the table row
            if i and text[i - 1] == _CELL:
                if out and out[-1] == "\t":
                    out.pop()
                out.append("\n")
            else:
                out.append("\t")
        elif ch < " ":
            out.append(_CONTROL.get(ch, ""))  # 0x01 picture, 0x08 drawing, 0x05 …: drop
        else:
            out.append(ch)
    return "".join(out)


def _stories(fib: _Fib) -> list[tuple[int, int, str]]:
    bounds = []
    cp = 0
    for ccp, (_, label) in zip(fib.ccp, _STORIES, strict=True):
        if ccp:
            bounds.append((cp, cp + ccp, label))
        cp += ccp
    return bounds


def _read_streams(data: bytes) -> tuple[bytes, bytes | None, _Fib]:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
            fib = _Fib(word)
            table = None
            if ole.exists(fib.table_stream):
                table = ole.openstream(fib.table_stream).read()
    except _Corrupt as exc:
        raise ExtractionError("corrupt or truncated DOC") from exc
    # olefile raises OSError for a damaged container, others for damaged sectors
    except (OSError, ValueError, EOFError, IndexError, struct.error) as exc:
        raise ExtractionError("corrupt or truncated DOC") from exc
    return word, table, fib


class DocExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({DOC})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        word, table, fib = _read_streams(data)
        if fib.encrypted:
            return open_with_passwords(data, ctx, "DOC")
        if table is None:
            raise ExtractionError("corrupt or truncated DOC")
        budget = TextBudget(ctx.limits.max_text_chars)
        texts: dict[str, list[str]] = {}
        try:
            stories = _stories(fib)
            for cp_start, cp_end, start, compressed in _pieces(table, fib):
                if budget.exhausted:
                    budget.truncated = True
                    break
                # a piece may straddle stories: cut it at their boundaries
                for s_start, s_end, label in stories:
                    lo, hi = max(cp_start, s_start), min(cp_end, s_end)
                    if lo >= hi:
                        continue
                    char = 1 if compressed else 2
                    raw = _piece_text(word, start + (lo - cp_start) * char, hi - lo, compressed)
                    texts.setdefault(label, []).append(budget.take(raw))
        except (_Corrupt, struct.error) as exc:
            raise ExtractionError("corrupt or truncated DOC") from exc
        result = Extraction()
        for _, label in _STORIES:
            text = clean("".join(texts.get(label, []))).strip()
            if text:
                result.blocks.append(TextBlock(text, where=label))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
