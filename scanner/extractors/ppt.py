"""Legacy PowerPoint 97–2003 presentations (.ppt): the text atoms of every slide.

The `PowerPoint Document` stream is a tree of records ([MS-PPT] 2.3.1): an 8-byte
header (recVer/recInstance, recType, recLen), where recVer 0xF marks a container
whose children fill its body. Text sits in TextCharsAtom (0x0FA0, UTF-16LE) and
TextBytesAtom (0x0FA8, the low bytes of UTF-16, i.e. latin-1) records, both in the
outline (SlideListWithTextContainer) and in the shapes' client text boxes; comments
keep theirs in a CString (0x0FBA, instance 1) of a Comment10Container. We walk the
whole tree once and label text by the slide or notes container it sits in; master
slides (template text such as "Click to edit Master title style") are skipped.

The walk reads every record in the stream, so text left behind by PowerPoint's
incremental "fast save" is found as well: it is still in the file.

Encryption (RC4 CryptoAPI, a CryptSession10Container) is detected with
msoffcrypto-tool; when a supplied password opens the file, the decrypted
presentation comes back in `inner`.
"""

from __future__ import annotations

import io
from typing import ClassVar

import olefile

from recognizers.content import TextBlock
from scanner.errors import ExtractionError
from scanner.extractors.base import ExtractContext, Extraction, Extractor, TextBudget
from scanner.extractors.office_encrypted import is_encrypted, open_with_passwords
from scanner.filetype import PPT

_HEADER = 8
_RT_SLIDE = 0x03EE
_RT_NOTES = 0x03F0
_RT_MAIN_MASTER = 0x03F8
_RT_SLIDE_LIST_WITH_TEXT = 0x0FF0
_RT_SLIDE_PERSIST_ATOM = 0x03F3
_RT_TEXT_CHARS = 0x0FA0
_RT_TEXT_BYTES = 0x0FA8
_RT_CSTRING = 0x0FBA
_RT_COMMENT10 = 0x2EE0
# Paragraph and line breaks inside a text atom; "*" alone stands for a field
# (slide number, date) whose value PowerPoint computes.
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n"})


def _stream(data: bytes) -> bytes:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("PowerPoint Document"):
                raise ExtractionError("corrupt or truncated PPT")
            return bytes(ole.openstream("PowerPoint Document").read())
    except (OSError, ValueError, EOFError, IndexError) as exc:
        raise ExtractionError("corrupt or truncated PPT") from exc


def _walk(doc: bytes, budget: TextBudget) -> dict[str, list[str]]:
    """Text per location, in the order the records appear."""
    found: dict[str, list[str]] = {}
    # Open containers as (end offset, type, label); the innermost last.
    stack: list[tuple[int, int, str]] = []
    slides = notes = 0
    outline_slide = 0
    pos = 0
    while pos + _HEADER <= len(doc) and not budget.exhausted:
        while stack and pos >= stack[-1][0]:
            stack.pop()
        ver_inst = int.from_bytes(doc[pos : pos + 2], "little")
        rec_type = int.from_bytes(doc[pos + 2 : pos + 4], "little")
        rec_len = int.from_bytes(doc[pos + 4 : pos + 8], "little")
        body = pos + _HEADER
        label = stack[-1][2] if stack else ""
        if ver_inst & 0x000F == 0x000F:  # a container: descend into its children
            if rec_type == _RT_SLIDE:
                slides += 1
                label = f"slide {slides}"
            elif rec_type == _RT_NOTES:
                notes += 1
                label = "notes"
            elif rec_type == _RT_MAIN_MASTER:
                label = "master"
            elif rec_type == _RT_COMMENT10:
                label = f"{label or 'slides'} comment"
            elif rec_type == _RT_SLIDE_LIST_WITH_TEXT:
                outline_slide = 0
                label = "outline" if ver_inst >> 4 == 0 else "master"
            stack.append((body + rec_len, rec_type, label))
            pos = body
            continue
        payload = doc[body : body + rec_len]
        pos = body + rec_len
        if rec_type == _RT_SLIDE_PERSIST_ATOM and stack and stack[-1][2] == "outline":
            outline_slide += 1  # the outline text that follows belongs to this slide
            continue
        if label == "master":
            continue
        if rec_type == _RT_TEXT_CHARS:
            text = payload.decode("utf-16-le", "replace")
        elif rec_type == _RT_TEXT_BYTES:
            text = payload.decode("latin-1")
        elif rec_type == _RT_CSTRING and label.endswith("comment") and ver_inst >> 4 == 1:
            text = payload.decode("utf-16-le", "replace")
        else:
            continue
        text = text.translate(_BREAKS).strip()
        if not text or text == "*":
            continue
        if label == "outline":
            label = f"slide {outline_slide}" if outline_slide else "slides"
        found.setdefault(label or "slides", []).append(budget.take(text))
    if pos + _HEADER <= len(doc):
        budget.truncated = True
    return found


class PptExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({PPT})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        doc = _stream(data)
        if is_encrypted(data, "PPT"):
            return open_with_passwords(data, ctx, "PPT")
        budget = TextBudget(ctx.limits.max_text_chars)
        result = Extraction()
        for where, texts in _walk(doc, budget).items():
            result.blocks.append(TextBlock("\n".join(texts), where=where))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
