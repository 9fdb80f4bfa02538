"""OpenDocument text, spreadsheets and presentations (.odt, .ods, .odp).

We read `content.xml` (body) and `styles.xml` (page headers and footers) straight
from the package: `zipguard.check_zip` first, then each part through
`zipguard.read_member`, parsed by defusedxml with DTDs forbidden, so an entity bomb
is refused before it expands.

- Paragraphs and headings: consecutive ones form one text block.
- `table:table` (a sheet of an .ods, a table in an .odt or slide): `make_blocks`
  rows, labelled with the table's name. `number-columns-repeated` and
  `number-rows-repeated` are honoured but capped: LibreOffice writes a sheet's empty
  tail as one cell repeated 16,000 times or a row repeated a million times, and a
  forged file could repeat a filled cell as often.
- Frames and text boxes anchored in the text, footnotes/endnotes and comments
  (office:annotation, without author and date) come as blocks of their own.
- Text deleted under change tracking is kept: it is still in the file.
- Presentations: one block per slide (`draw:page`) plus its speaker notes.

An encrypted package (manifest `encryption-data`) raises `EncryptedError`: ODF's own
encryption (Blowfish or AES with a password-derived key) is not decrypted.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import ClassVar
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from recognizers.content import Block, TextBlock
from scanner.errors import EncryptedError, ExtractionError, LimitExceeded
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.filetype import ODP, ODS, ODT
from scanner.zipguard import check_zip, read_member

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"

_PARAGRAPHS = {f"{_TEXT}p", f"{_TEXT}h"}
_ROW_GROUPS = {f"{_TABLE}table-header-rows", f"{_TABLE}table-rows", f"{_TABLE}table-row-group"}
_CELLS = {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}
# Parts of the tree that hold no document text (or, for dc:*, a comment's author).
_SKIP = {
    f"{_OFFICE}forms",
    f"{_OFFICE}scripts",
    f"{_TEXT}sequence-decls",
    f"{_TABLE}table-columns",
    f"{_TABLE}table-column",
    f"{_TABLE}named-expressions",
    f"{_DC}creator",
    f"{_DC}date",
}
_HEADERS = {
    f"{_STYLE}{side}{variant}": side
    for side in ("header", "footer")
    for variant in ("", "-left", "-first")
}
_MAX_REPEAT = 1000  # copies of a filled cell or row
_MAX_EMPTY_COLUMNS = 1024  # empty cells kept between two filled ones
_MAX_SPACES = 64  # text:s c="…"


class _Walker:
    """Collects blocks from ODF XML, paragraph runs grouped by location."""

    def __init__(self, budget: TextBudget) -> None:
        self.budget = budget
        self.blocks: list[Block] = []
        self.pending: list[tuple[str, Element]] = []  # frames, notes, comments
        self.slides = 0
        self._paragraphs: list[str] = []
        self._where = ""

    def story(self, element: Element, where: str) -> None:
        self.walk(element, where)
        self.flush()
        while self.pending and not self.budget.exhausted:
            nested_where, nested = self.pending.pop(0)
            self.walk(nested, nested_where)
            self.flush()

    def flush(self) -> None:
        text = "\n".join(p for p in self._paragraphs if p.strip())
        if text:
            self.blocks.append(TextBlock(text, where=self._where))
        self._paragraphs = []

    def paragraph(self, text: str, where: str) -> None:
        if where != self._where:
            self.flush()
            self._where = where
        self._paragraphs.append(self.budget.take(text))

    def walk(self, element: Element, where: str) -> None:
        for child in element:
            if self.budget.exhausted:
                self.budget.truncated = True
                return
            tag = child.tag
            if tag in _PARAGRAPHS:
                self.paragraph(self.inline(child, where), where)
            elif tag == f"{_TABLE}table":
                self.flush()
                rows = self.table(child)
                name = child.get(f"{_TABLE}name") or f"{where} table"
                self.blocks.extend(make_blocks(rows, where=name))
            elif tag == f"{_DRAW}page":
                self.flush()
                self.slides += 1
                self.walk(child, f"slide {self.slides}")
                self.flush()
            elif tag == f"{_PRESENTATION}notes":
                self.flush()
                self.walk(child, f"{where} notes")
                self.flush()
            elif tag not in _SKIP:
                self.walk(child, where)

    def inline(self, element: Element, where: str) -> str:
        parts = [element.text or ""]
        for child in element:
            tag = child.tag
            if tag == f"{_TEXT}s":
                parts.append(" " * min(_count(child.get(f"{_TEXT}c")), _MAX_SPACES))
            elif tag == f"{_TEXT}tab":
                parts.append("\t")
            elif tag == f"{_TEXT}line-break":
                parts.append("\n")
            elif tag == f"{_TEXT}note":
                kind = child.get(f"{_TEXT}note-class", "footnote")
                body = child.find(f"{_TEXT}note-body")
                if body is not None:
                    self.pending.append((kind, body))
            elif tag == f"{_OFFICE}annotation":
                self.pending.append(("comment", child))
            elif tag.startswith(_DRAW):  # a frame or shape anchored in the text
                self.pending.append(("text box" if where == "body" else where, child))
            elif tag not in _SKIP:
                parts.append(self.inline(child, where))
            parts.append(child.tail or "")
        return "".join(parts)

    def table(self, table: Element) -> list[list[str]]:
        rows: list[list[str]] = []
        for row in _rows(table):
            if self.budget.exhausted:
                self.budget.truncated = True
                break
            cells = self.row(row)
            if not cells:
                continue  # empty rows, however often repeated, add nothing
            rows.append(cells)
            repeat = min(_count(row.get(f"{_TABLE}number-rows-repeated")), _MAX_REPEAT)
            rows.extend([self.budget.take(c) for c in cells] for _ in range(repeat - 1))
        return rows

    def row(self, row: Element) -> list[str]:
        cells: list[str] = []
        empty = 0  # empty cells not yet written: only needed before a filled one
        for cell in row:
            if cell.tag not in _CELLS:
                continue
            repeat = _count(cell.get(f"{_TABLE}number-columns-repeated"))
            text = self.cell(cell) if cell.tag == f"{_TABLE}table-cell" else ""
            if not text:
                empty += repeat
                continue
            cells.extend([""] * min(empty, _MAX_EMPTY_COLUMNS))
            empty = 0
            cells.extend(self.budget.take(text) for _ in range(min(repeat, _MAX_REPEAT)))
        return cells

    def cell(self, cell: Element) -> str:
        lines: list[str] = []
        for child in cell:
            if child.tag in _PARAGRAPHS:
                lines.append(self.inline(child, "table"))
            elif child.tag == f"{_OFFICE}annotation":
                self.pending.append(("comment", child))
            elif child.tag == f"{_TABLE}table":  # a nested table, flattened
                lines.extend("\t".join(r) for r in self.table(child))
            elif child.tag not in _SKIP:
                lines.append(self.cell(child))
        return "\n".join(line for line in lines if line.strip())


def _rows(table: Element) -> list[Element]:
    found: list[Element] = []
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            found.append(child)
        elif child.tag in _ROW_GROUPS:
            found.extend(_rows(child))
    return found


def _count(value: str | None) -> int:
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


def _parse(raw: bytes, label: str) -> Element:
    try:
        root: Element = SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise LimitExceeded(f"{label} carries a DTD or entities (possible XML bomb)") from exc
    except ParseError as exc:
        raise ExtractionError(f"corrupt or truncated {label}") from exc
    return root


class OdfExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({ODT, ODS, ODP})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        label = "OpenDocument file"
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                check_zip(zf, ctx)
                names = set(zf.namelist())
                if "content.xml" not in names:
                    raise ExtractionError(f"corrupt or truncated {label}")
                if "META-INF/manifest.xml" in names:
                    manifest = read_member(zf, zf.getinfo("META-INF/manifest.xml"), ctx)
                    if b"encryption-data" in manifest:
                        raise EncryptedError("encrypted OpenDocument file (not supported)")
                content = read_member(zf, zf.getinfo("content.xml"), ctx)
                styles = None
                if "styles.xml" in names:
                    styles = read_member(zf, zf.getinfo("styles.xml"), ctx)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError) as exc:
            raise ExtractionError(f"corrupt or truncated {label}") from exc

        budget = TextBudget(ctx.limits.max_text_chars)
        walker = _Walker(budget)
        try:
            body = _parse(content, label).find(f"{_OFFICE}body")
            if body is not None:
                walker.story(body, "body")
            if styles is not None and not budget.exhausted:
                masters = _parse(styles, label).find(f"{_OFFICE}master-styles")
                # only the page headers and footers: the rest of a master page is
                # template text (placeholders of an .odp master, for instance)
                for page in masters if masters is not None else ():
                    for part in page:
                        if part.tag in _HEADERS:
                            walker.story(part, _HEADERS[part.tag])
        except RecursionError as exc:
            raise LimitExceeded(f"{label} nests too deeply") from exc
        result = Extraction(blocks=walker.blocks)
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
