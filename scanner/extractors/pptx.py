"""PowerPoint presentations (.pptx, .pptm, .ppsx, .potx): the text of every slide and its notes.

The package is checked with `zipguard.check_zip` before python-pptx opens it (which
parses XML with entity resolution off). Per slide, in shape order: the text of every
shape, looking inside groups; tables become `make_blocks` rows (a merged cell gives
its text once); the notes page becomes a block of its own.

Not read: charts, SmartArt (its text lives in separate diagram parts), embedded
objects, slide masters and layouts (template text), and comments.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any, ClassVar

from lxml import etree
from pptx.exc import PackageNotFoundError, PythonPptxError
from pptx.package import Package
from pptx.parts.presentation import PresentationPart
from pptx.shapes.group import GroupShape

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.filetype import PPTX
from scanner.zipguard import check_zip

_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    PackageNotFoundError,
    PythonPptxError,
    etree.LxmlError,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    RecursionError,
)


def _shapes(shapes: Iterable[Any]) -> Iterable[Any]:
    """Every shape, with the members of groups in place of the group."""
    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _text(text: str) -> str:
    return text.replace("\v", "\n").strip()  # python-pptx renders a line break as \v


def _table_rows(table: Any, budget: TextBudget) -> list[list[str]]:
    rows = []
    for row in table.rows:
        # a spanned cell is covered by a merge origin that holds the text
        rows.append(["" if c.is_spanned else budget.take(_text(c.text)) for c in row.cells])
    return rows


def _slide_blocks(slide: Any, where: str, budget: TextBudget) -> list[Block]:
    blocks: list[Block] = []
    texts: list[str] = []
    for shape in _shapes(slide.shapes):
        if budget.exhausted:
            budget.truncated = True
            break
        if getattr(shape, "has_table", False):
            blocks.extend(make_blocks(_table_rows(shape.table, budget), where=f"{where} table"))
        elif shape.has_text_frame:
            text = _text(shape.text_frame.text)
            if text:
                texts.append(budget.take(text))
    if texts:
        blocks.insert(0, TextBlock("\n".join(texts), where=where))
    if slide.has_notes_slide and not budget.exhausted:
        frame = slide.notes_slide.notes_text_frame
        notes = _text(frame.text) if frame is not None else ""
        if notes:
            blocks.append(TextBlock(budget.take(notes), where=f"{where} notes"))
    return blocks


class PptxExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({PPTX})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                check_zip(zf, ctx)
                ctx.budget.charge(sum(info.file_size for info in zf.infolist()))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ExtractionError("corrupt or truncated PPTX") from exc
        budget = TextBudget(ctx.limits.max_text_chars)
        result = Extraction()
        try:
            # Package rather than pptx.Presentation: the latter refuses .ppsx/.potx,
            # whose main part differs only in content type.
            part = Package.open(io.BytesIO(data)).main_document_part
            if not isinstance(part, PresentationPart):
                raise ExtractionError("corrupt or truncated PPTX")
            presentation = part.presentation
            for number, slide in enumerate(presentation.slides, start=1):
                if budget.exhausted:
                    budget.truncated = True
                    break
                result.blocks.extend(_slide_blocks(slide, f"slide {number}", budget))
        except _CORRUPT as exc:
            raise ExtractionError("corrupt or truncated PPTX") from exc
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
