"""HTML pages and HTML mail bodies.

Bytes are decoded with the charset the page declares (a BOM, `<meta charset>`,
`<meta http-equiv="Content-Type" content="…; charset=Shift_JIS">` or an XML declaration;
Shift_JIS is read as its superset CP932), falling back to `scanner.textdecode` when
nothing is declared or the declaration is wrong. The page is parsed with BeautifulSoup
on lxml; `<script>`, `<style>` and other non-content elements are dropped.

Innermost `<table>`s become `Table`s through `make_blocks` (their `<th>`/`<td>` rows), so
a roster keeps its header. Tables that only lay out other tables (old intranet pages)
are read as prose, like the rest of the page, which comes out as one `TextBlock` with
a line per block-level element.

`decode_html()` and `html_blocks()` are also used by the mail extractors.
"""

from __future__ import annotations

import codecs
import re
import warnings
from typing import ClassVar

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from bs4.element import NavigableString, Tag

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError
from scanner.extractors._docutil import cap_blocks, decode_declared, truncation_notes
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.textdecode import decode

_HEAD = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "ul",
    }
)  # fmt: skip
_NON_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_RUNS = re.compile(r"[ \t]{2,}")
_NEWLINE = "\n"


def decode_html(data: bytes) -> str:
    """Decode an HTML document's bytes, honouring its declared charset when it is right."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    head = data[:_HEAD]
    declared = _META_CHARSET.search(head) or _XML_DECL.search(head)
    if declared is not None:
        text = decode_declared(data, declared.group(1).decode("ascii"))
        if text is not None:
            return text
    return decode(data)[0]


def _parse(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        # bs4 warns about markup that looks like a URL or a file name; never print it.
        warnings.simplefilter("ignore")
        return BeautifulSoup(html, "lxml")


def _leaf_tables(soup: BeautifulSoup) -> set[int]:
    """ids of the tables that contain no other table (the ones that hold data)."""
    tables = soup.find_all("table")
    outer: set[int] = set()
    for table in tables:
        parent = table.find_parent("table")
        while parent is not None and id(parent) not in outer:
            outer.add(id(parent))
            parent = parent.find_parent("table")
    return {id(t) for t in tables if id(t) not in outer}


def _text(root: Tag, skip: set[int] | None = None) -> list[str]:
    """The visible text under `root` as pieces; '\\n' marks block boundaries.

    Iterative (an explicit stack), so absurdly deep markup cannot exhaust the C stack.
    Tags whose id is in `skip` are left out (tables already turned into `Table`s).
    """
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    in_pre = 0
    while stack:
        node, closing = stack.pop()
        if closing:
            assert isinstance(node, Tag)
            if node.name == "pre":
                in_pre -= 1
            parts.append(_NEWLINE)
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, _NON_TEXT):
                continue
            if in_pre:
                parts.append(str(node))
            else:
                parts.append(_SPACES.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in _SKIP and node is not root:
            continue
        if skip is not None and id(node) in skip:
            parts.append(_NEWLINE)
            continue
        if node.name == "br":
            parts.append(_NEWLINE)
            continue
        if node.name in ("input", "img") and node is not root:
            # Filled-in form values and image descriptions are content too.
            value = node.get("value" if node.name == "input" else "alt")
            if isinstance(value, str) and value.strip() and node.get("type") != "hidden":
                parts.append(f" {value} ")
            continue
        if node.name in _BLOCK:
            parts.append(_NEWLINE)
            if node.name == "pre":
                in_pre += 1
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return parts


def _join(parts: list[str]) -> str:
    lines = (_RUNS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _cell_text(cell: Tag) -> str:
    return " ".join(_join(_text(cell)).split("\n"))


def html_blocks(html: str, where: str = "") -> list[Block]:
    """Prose and tables of an HTML document (see the module docstring)."""
    try:
        soup = _parse(html)
        leaves = _leaf_tables(soup)
        blocks: list[Block] = []
        title = soup.title.get_text(" ", strip=True) if soup.title else ""
        body_text = _join(_text(soup, skip=leaves))
        text = "\n".join(t for t in (title, body_text) if t)
        if text:
            blocks.append(TextBlock(text, where=where))
        n = 0
        for table in soup.find_all("table"):
            if id(table) not in leaves:
                continue
            n += 1
            rows = [
                [_cell_text(cell) for cell in tr.find_all(("td", "th"))]
                for tr in table.find_all("tr")
            ]
            label = f"{where} table {n}".strip()
            blocks.extend(make_blocks(rows, where=label))
        return blocks
    except RecursionError as exc:
        raise ExtractionError("HTML nested too deeply") from exc


class HtmlExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"text/html", "application/xhtml+xml"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        budget = TextBudget(ctx.limits.max_text_chars)
        html = decode_html(data)
        blocks = cap_blocks(html_blocks(html), budget)
        return Extraction(blocks=blocks, notes=truncation_notes(budget, ctx.limits.max_text_chars))
