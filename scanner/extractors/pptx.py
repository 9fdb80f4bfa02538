"""PowerPoint presentations (.pptx, .pptm, .ppsx, .potx): the text of every slide and its notes.

The package is checked with `zipguard.check_zip` and then opened lazily
(`_opc.Package`): only `ppt/presentation.xml`, the slides, their notes slides and
their relationships are read and parsed, with entity resolution off. python-pptx's
`Package.open`, which this extractor used before, reads and parses every part first —
slide masters, layouts, the notes master — and decompresses every picture; that was
most of the PPTX extraction time. So the PresentationML and DrawingML are walked here
by hand, following python-pptx's reading rules, and give the blocks it gave:

- slides in `p:sldIdLst` order, each found by relationship id;
- per slide, in shape-tree order, the text of every `p:sp` (looking inside groups, at
  any depth): paragraphs joined by newlines, each the text of its runs and fields, a
  line break (`a:br`) giving a newline. Pictures, connectors and content parts carry
  no text;
- a graphic frame holding a table becomes `make_blocks` rows; a cell covered by a
  merge (hMerge/vMerge) gives "", so the merged text appears once;
- the text of the notes slide's body placeholder becomes a block of its own.

What python-pptx refused as invalid (a run without `a:t`, a slide without a shape
tree, an unknown placeholder type, a slide id pointing at no part) is still a corrupt
file; a notes relationship pointing at no part still means no notes. A part that is
not read (a layout, a picture) can no longer make the file unreadable.

Not read: charts, SmartArt (its text lives in separate diagram parts), embedded
objects, slide masters and layouts (template text), and comments.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, ClassVar

from lxml import etree

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError
from scanner.extractors._opc import Package
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.filetype import PPTX
from scanner.zipguard import check_zip

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NOTES_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# The children of a shape tree that python-pptx counts as shapes.
_SHAPES = frozenset(
    f"{_P}{name}" for name in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart")
)
# Values of p:ph/@type python-pptx accepts (a missing type means "obj").
_PH_TYPES = frozenset(
    ("body", "chart", "clipArt", "ctrTitle", "dgm", "dt", "ftr", "hdr", "media", "obj")
    + ("pic", "sldImg", "sldNum", "subTitle", "tbl", "title")
)
_BOOLEANS = {"1": True, "true": True, "0": False, "false": False}
_BAD_ZIP = (zipfile.BadZipFile, OSError, ValueError, EOFError)
_CORRUPT = (
    zipfile.BadZipFile,
    NotImplementedError,  # zipfile: a member's compression method it cannot read
    zlib.error,
    etree.LxmlError,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    RecursionError,
)


def _required(element: Any, tag: str) -> Any:
    """The first child `tag`, which the schema requires (python-pptx: InvalidXmlError)."""
    child = element.find(tag)
    if child is None:
        raise ValueError(f"missing required element {tag}")
    return child


def _placeholder(shape: Any) -> Any:
    """The shape's `p:ph`, as python-pptx finds it: `./*[1]/p:nvPr/p:ph`."""
    for first in shape.iterchildren(etree.Element):
        for nv_pr in first.iterchildren(f"{_P}nvPr"):
            for ph in nv_pr.iterchildren(f"{_P}ph"):
                return ph
        break
    return None


def _ph_type(ph: Any) -> str:
    """A placeholder's type; python-pptx raises ValueError for one it does not know."""
    kind = ph.get("type", "obj")
    if kind not in _PH_TYPES:
        raise ValueError("unknown placeholder type")
    return str(kind)


def _shapes(tree: Any, slide_level: bool) -> Iterator[Any]:
    """Every shape element under `tree`, with the members of groups in place of the group.

    python-pptx resolves the type of each placeholder `p:sp` directly on the slide as
    it meets it (not inside groups), so an unknown type fails there, in order.
    """
    for child in tree:
        tag = child.tag
        if tag not in _SHAPES:
            continue
        if slide_level and tag == f"{_P}sp":
            ph = _placeholder(child)
            if ph is not None:
                _ph_type(ph)
        if tag == f"{_P}grpSp":
            yield from _shapes(child, slide_level=False)
        else:
            yield child


def _frame_text(body: Any) -> str:
    """A text frame's text as python-pptx's `TextFrame.text` gives it (\\v for a:br).

    A paragraph is its direct `a:r` (whose `a:t` is required), `a:br` and `a:fld`
    children in order; anything else in it is not text.
    """
    if body is None:  # python-pptx adds an empty text body: no text
        return ""
    paragraphs: list[str] = []
    for p in body.iterchildren(f"{_A}p"):
        parts: list[str] = []
        for child in p:
            tag = child.tag
            if tag == f"{_A}r":
                parts.append(_required(child, f"{_A}t").text or "")
            elif tag == f"{_A}br":
                parts.append("\v")
            elif tag == f"{_A}fld":
                t = child.find(f"{_A}t")
                parts.append("" if t is None else t.text or "")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _text(text: str) -> str:
    """Stripped, a line break (\\v, as python-pptx renders a:br) made a newline."""
    return text.replace("\v", "\n").strip()


def _boolean(value: str | None) -> bool:
    """An xsd:boolean attribute; python-pptx refuses any other spelling."""
    if value is None:
        return False
    if value not in _BOOLEANS:
        raise ValueError("invalid boolean attribute")
    return _BOOLEANS[value]


def _table(frame: Any) -> Any:
    """The `a:tbl` of a graphic frame, or None if the frame holds something else."""
    data = _required(_required(frame, f"{_A}graphic"), f"{_A}graphicData")
    uri = data.get("uri")
    if uri is None:
        raise ValueError("graphic data without a uri")
    if uri != _TABLE_URI:
        return None
    return _required(data, f"{_A}tbl")


def _table_rows(tbl: Any, budget: TextBudget) -> list[list[str]]:
    rows = []
    for tr in tbl.iterchildren(f"{_A}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_A}tc"):
            # a spanned cell is covered by a merge origin that holds the text
            if _boolean(tc.get("hMerge")) or _boolean(tc.get("vMerge")):
                cells.append("")
            else:
                cells.append(budget.take(_text(_frame_text(tc.find(f"{_A}txBody")))))
        rows.append(cells)
    return rows


def _shape_tree(root: Any) -> Any:
    """The `p:cSld/p:spTree` of a slide or notes slide.

    The root's own name is not checked: python-pptx went by the part's content type,
    and read any root with a shape tree.
    """
    return _required(_required(root, f"{_P}cSld"), f"{_P}spTree")


def _notes_text(package: Package, name: str) -> str:
    """The text of the notes slide's body placeholder, as `notes_text_frame` gives it."""
    for shape in _shape_tree(package.xml(name)):
        if shape.tag not in _SHAPES:
            continue
        ph = _placeholder(shape)
        if ph is None or _ph_type(ph) != "body":
            continue
        if shape.tag != f"{_P}sp":
            raise ValueError("notes body placeholder is not a text shape")
        return _frame_text(shape.find(f"{_P}txBody"))
    return ""


def _slide_blocks(package: Package, name: str, where: str, budget: TextBudget) -> list[Block]:
    """One slide: its shapes' text as one block, its tables, then its notes."""
    tree = _shape_tree(package.xml(name))
    blocks: list[Block] = []
    texts: list[str] = []
    for shape in _shapes(tree, slide_level=True):
        if budget.exhausted:
            budget.truncated = True
            break
        if shape.tag == f"{_P}graphicFrame":
            tbl = _table(shape)
            if tbl is not None:
                blocks.extend(make_blocks(_table_rows(tbl, budget), where=f"{where} table"))
        elif shape.tag == f"{_P}sp":
            text = _text(_frame_text(shape.find(f"{_P}txBody")))
            if text:
                texts.append(budget.take(text))
    if texts:
        blocks.insert(0, TextBlock("\n".join(texts), where=where))
    notes = [t for kind, t in package.relationship_ids(name).values() if kind == _NOTES_SLIDE]
    if len(notes) > 1:  # python-pptx: "multiple relationships of type notesSlide"
        raise ValueError("more than one notes slide")
    if notes and not budget.exhausted:
        text = _text(_notes_text(package, notes[0]))
        if text:
            blocks.append(TextBlock(budget.take(text), where=f"{where} notes"))
    return blocks


def _slide_parts(package: Package) -> list[str]:
    """The slide part names in presentation order.

    The main part is found by relationship, not by name or content type: .pptm, .ppsx
    and .potx differ only in content type. Every slide is looked up before any is read
    (as python-pptx does), so a slide id whose part is missing makes the file corrupt.
    """
    main = package.main_part()
    root = package.xml(main)
    if root.tag != f"{_P}presentation":
        raise ValueError("main part is not a presentation")
    id_list = root.find(f"{_P}sldIdLst")
    if id_list is None:
        return []
    targets = package.relationship_ids(main)
    names = []
    for sld_id in id_list.iterchildren(f"{_P}sldId"):
        rid = sld_id.get(_R_ID)
        if rid is None:
            raise ValueError("slide id without a relationship id")
        names.append(targets[rid][1])
    return names


def _extract(package: Package, ctx: ExtractContext) -> Extraction:
    """The slides' blocks, stopping (with a note) once the text budget is spent."""
    budget = TextBudget(ctx.limits.max_text_chars)
    result = Extraction()
    try:
        for number, name in enumerate(_slide_parts(package), start=1):
            if budget.exhausted:
                budget.truncated = True
                break
            result.blocks.extend(_slide_blocks(package, name, f"slide {number}", budget))
    except _CORRUPT as exc:
        # libxml2 refuses an entity bomb with an XMLSyntaxError: corrupt, as python-pptx had it
        raise ExtractionError("corrupt or truncated PPTX") from exc
    if budget.truncated:
        result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
    return result


class PptxExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({PPTX})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except _BAD_ZIP as exc:
            raise ExtractionError("corrupt or truncated PPTX") from exc
        with zf:
            try:
                check_zip(zf, ctx)
                ctx.budget.charge(sum(info.file_size for info in zf.infolist()))
            except _BAD_ZIP as exc:
                raise ExtractionError("corrupt or truncated PPTX") from exc
            return _extract(Package(zf, ctx), ctx)
