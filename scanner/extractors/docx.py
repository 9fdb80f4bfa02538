"""Word documents (.docx, .docm, .dotx): body, tables, headers, footers, comments, notes.

The package is opened lazily (`_opc.Package`, after `zipguard.check_zip`): only the
parts holding text are read and parsed, with entity resolution off — not the styles,
theme and pictures python-docx would load first. We walk the WordprocessingML
ourselves rather than through `Paragraph.text`, which misses content controls (w:sdt),
text boxes and tracked deletions, and `Table.cell`, which repeats a merged cell's text
in every grid column it spans. Here a merged cell gives its text once and empty
strings for the columns or rows it covers, so rows stay aligned with the header.

What is read: the body in document order (consecutive paragraphs form one text
block; each table becomes `make_blocks` rows), text boxes, every header and footer
part (each once, however many sections share it), comments, footnotes and endnotes.
Field instructions (w:instrText) are dropped and field results kept; deleted
revisions (w:delText) are kept, since they are still in the file. Not read: charts,
SmartArt, embedded objects (an embedded workbook is not scanned) and the glossary.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from typing import Any, ClassVar

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors._opc import Package
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.filetype import DOCX
from scanner.zipguard import check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = {f"{_W}t", f"{_W}delText"}
_SKIP = {f"{_W}instrText", f"{_W}delInstrText", _MC_FALLBACK}  # mc:Choice is kept
_BREAK = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t", f"{_W}noBreakHyphen": "-"}
# Parts reached from the main document, with the label their blocks get.
_PARTS = {
    RT.HEADER: "header",
    RT.FOOTER: "footer",
    RT.COMMENTS: "comment",
    RT.FOOTNOTES: "footnote",
    RT.ENDNOTES: "endnote",
}
_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    etree.LxmlError,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    RecursionError,
)

# A walked story: paragraphs as str, tables as rows of cells.
_Item = str | list[list[str]]


class _Walker:
    """Turns WordprocessingML block content into paragraphs and tables."""

    def __init__(self, budget: TextBudget) -> None:
        self.budget = budget
        self.text_boxes: list[Any] = []  # w:txbxContent met inside paragraphs

    def blocks(self, container: Any) -> list[_Item]:
        items: list[_Item] = []
        for child in container:
            if self.budget.exhausted:
                self.budget.truncated = True
                break
            if child.tag == f"{_W}p":
                items.append(self.budget.take(self.inline(child)))
            elif child.tag == f"{_W}tbl":
                items.append(self.table(child))
            elif child.tag not in _SKIP and len(child):
                items.extend(self.blocks(child))  # w:sdt, w:sdtContent, w:customXml, …
        return items

    def inline(self, element: Any) -> str:
        parts: list[str] = []
        for child in element:
            tag = child.tag
            if tag in _TEXT:
                parts.append(child.text or "")
            elif tag in _BREAK:
                parts.append(_BREAK[tag])
            elif tag == f"{_W}txbxContent":
                self.text_boxes.append(child)  # read as blocks of its own, later
            elif tag not in _SKIP and len(child):
                parts.append(self.inline(child))
        return "".join(parts)

    def table(self, tbl: Any) -> list[list[str]]:
        rows: list[list[str]] = []
        for tr in _children(tbl, f"{_W}tr"):
            before = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"))
            cells = [""] * min(before, 64)
            for tc in _children(tr, f"{_W}tc"):
                props = tc.find(f"{_W}tcPr")
                vmerge = props.find(f"{_W}vMerge") if props is not None else None
                if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue":
                    cells.append("")  # covered by the cell above, which holds the text
                else:
                    cells.append(self.budget.take(self.cell(tc)))
                span = _int_val(props.find(f"{_W}gridSpan") if props is not None else None)
                cells.extend([""] * min(max(span - 1, 0), 64))
            rows.append(cells)
        return rows

    def cell(self, tc: Any) -> str:
        lines: list[str] = []
        for item in self.blocks(tc):
            if isinstance(item, str):
                lines.append(item)
            else:  # a nested table, flattened
                lines.extend("\t".join(row) for row in item)
        return "\n".join(line for line in lines if line.strip())


def _children(element: Any, tag: str) -> Iterable[Any]:
    """Children with `tag`, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _children(child, tag)


def _int_val(element: Any) -> int:
    if element is None:
        return 0
    try:
        return int(element.get(f"{_W}val", "0"))
    except ValueError:
        return 0


def _to_blocks(items: list[_Item], where: str, tables: list[int]) -> list[Block]:
    blocks: list[Block] = []
    paragraphs: list[str] = []

    def flush() -> None:
        text = "\n".join(p for p in paragraphs if p.strip())
        if text:
            blocks.append(TextBlock(text, where=where))
        paragraphs.clear()

    for item in items:
        if isinstance(item, str):
            paragraphs.append(item)
        else:
            flush()
            tables[0] += 1
            label = f"table {tables[0]}" if where == "body" else f"{where} table"
            blocks.extend(make_blocks(item, where=label))
    flush()
    return blocks


def _story_parts(package: Package, main: str) -> list[tuple[str, str]]:
    """(label, part name) of the headers, footers, comments and notes, each once."""
    found: dict[str, str] = {}
    for kind, target in package.relationships(main):
        if kind in _PARTS:
            found[target] = _PARTS[kind]
    order = list(_PARTS.values())
    return sorted(
        ((where, name) for name, where in found.items()),
        key=lambda item: (order.index(item[0]), item[1]),
    )


class DocxExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({DOCX})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ExtractionError("corrupt or truncated DOCX") from exc
        try:
            check_zip(zf, ctx)
            ctx.budget.charge(sum(info.file_size for info in zf.infolist()))
        except BaseException:
            zf.close()
            raise
        budget = TextBudget(ctx.limits.max_text_chars)
        walker = _Walker(budget)
        result = Extraction()
        tables = [0]
        try:
            # The main part by relationship, not by name or content type: .docm, .dotx
            # and .dotm differ only in content type.
            package = Package(zf, ctx)
            main = package.main_part()
            body = package.xml(main).find(f"{_W}body")
            if body is None:
                raise ExtractionError("corrupt or truncated DOCX")
            stories = [("body", body)]
            stories += [(where, package.xml(name)) for where, name in _story_parts(package, main)]
            for where, root in stories:
                result.blocks.extend(_to_blocks(walker.blocks(root), where, tables))
                # text boxes found in this story (and in text boxes inside them)
                while walker.text_boxes and not budget.exhausted:
                    box = walker.text_boxes.pop(0)
                    result.blocks.extend(_to_blocks(walker.blocks(box), "text box", tables))
        except etree.XMLSyntaxError as exc:
            if "amplification" in str(exc):  # libxml2 refused an entity bomb
                raise LimitExceeded("DOCX part carries an entity bomb") from exc
            raise ExtractionError("corrupt or truncated DOCX") from exc
        except _CORRUPT as exc:
            raise ExtractionError("corrupt or truncated DOCX") from exc
        finally:
            zf.close()
        if budget.truncated or walker.text_boxes:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
