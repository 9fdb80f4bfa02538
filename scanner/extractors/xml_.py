"""XML documents and data exports, parsed safely.

Parsing goes through defusedxml with entity declarations forbidden: a billion-laughs
bomb or an external entity (XXE, `file:///etc/passwd`, `http://…`) is refused with
`LimitExceeded` before anything is expanded, and nothing is ever fetched. A plain
DOCTYPE without entities is allowed (expat does not load external DTDs).

Bytes are decoded by us (BOM, then the XML declaration's encoding with Shift_JIS read
as CP932, then `scanner.textdecode`), because expat cannot read multi-byte legacy
encodings itself.

Repeated sibling elements that carry fields (an export of rows such as
`<students><student><氏名>…</氏名><学籍番号>…</学籍番号></student>…`) become a `Table`
whose header is the field names (attributes as "@name"); rows whose cells are one
repeated element (Excel 2003 XML `<Row><Cell>…`) become a table by position through
`make_blocks`. All other text comes out as "element: text" lines in a `TextBlock`.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET  # noqa: N817 - only for the Element type and ParseError
from collections.abc import Iterator
from typing import ClassVar

import defusedxml.ElementTree as SafeET  # noqa: N812
from defusedxml import DefusedXmlException

from recognizers.content import Block, Table, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors._docutil import cap_blocks, decode_declared, truncation_notes
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.textdecode import decode

_XML_DECL = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""")


def decode_xml(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    declared = _XML_DECL.match(data[:200].decode("ascii", errors="replace"))
    if declared is not None:
        text = decode_declared(data, declared.group(1))
        if text is not None:
            return text
    return decode(data)[0]


def parse_xml(data: bytes) -> ET.Element:
    """Parse untrusted XML: no entities, no external resources."""
    try:
        return SafeET.fromstring(decode_xml(data), forbid_dtd=False)
    except DefusedXmlException as exc:
        raise LimitExceeded("XML entity expansion refused") from exc
    except (ET.ParseError, ValueError) as exc:
        raise ExtractionError("corrupt XML") from exc
    except RecursionError as exc:
        raise LimitExceeded("XML nested too deeply") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr_name(name: str) -> str:
    return "@" + _local(name)


def _all_text(el: ET.Element) -> str:
    """All text under `el`, iteratively (deep documents must not exhaust the stack)."""
    parts: list[str] = []
    stack: list[ET.Element | str] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        if node.text:
            parts.append(node.text)
        for child in reversed(node):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return " ".join(" ".join(parts).split())


def _is_record(el: ET.Element) -> bool:
    return len(el) > 0 or bool(el.attrib)


def _record_tags(el: ET.Element) -> set[str]:
    """Child tags of `el` that repeat as records (≥ 2 siblings that hold fields)."""
    counts: dict[str, int] = {}
    for child in el:
        if isinstance(child.tag, str) and _is_record(child):
            counts[child.tag] = counts.get(child.tag, 0) + 1
    return {tag for tag, n in counts.items() if n >= 2}


def _records_table(records: list[ET.Element], where: str) -> list[Block]:
    positional = any(len(r) >= 2 and len({c.tag for c in r}) == 1 for r in records)
    if positional:
        return make_blocks(([_all_text(c) for c in r] for r in records), where=where)
    header: dict[str, None] = {}
    rows: list[dict[str, str]] = []
    for record in records:
        row: dict[str, str] = {}
        for name, value in record.attrib.items():
            key = _attr_name(name)
            header.setdefault(key, None)
            row[key] = value
        for field in record:
            if not isinstance(field.tag, str):
                continue
            key = _local(field.tag)
            header.setdefault(key, None)
            text = _all_text(field)
            row[key] = f"{row[key]}; {text}" if row.get(key) else text
        rows.append(row)
    columns = tuple(header)
    table = [tuple(r.get(c, "") for c in columns) for r in rows]
    return [Table(header=columns, rows=table, where=where)]


def _walk(root: ET.Element) -> Iterator[Block | str]:
    """Tables of records, and text lines for everything else, in document order."""
    stack: list[ET.Element] = [root]
    n_tables = 0
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        name = _local(node.tag)
        for attr, value in node.attrib.items():
            if value.strip():
                yield f"{name}{_attr_name(attr)}: {value.strip()}"
        text = (node.text or "").strip()
        if len(node) == 0 or text or any((c.tail or "").strip() for c in node):
            # A leaf, or mixed content (prose with inline markup): one line of text.
            content = _all_text(node) if len(node) else text
            if content:
                yield f"{name}: {content}"
            continue
        record_tags = _record_tags(node)
        done: set[str] = set()
        pending: list[ET.Element] = []
        for child in node:
            if child.tag in record_tags:
                if child.tag not in done:
                    done.add(child.tag)
                    n_tables += 1
                    records = [c for c in node if c.tag == child.tag]
                    where = f"{_local(child.tag)} table {n_tables}"
                    yield from _records_table(records, where)
            else:
                pending.append(child)
        stack.extend(reversed(pending))


def xml_blocks(root: ET.Element) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []
    for item in _walk(root):
        if isinstance(item, str):
            lines.append(item)
        else:
            blocks.append(item)
    text = [TextBlock("\n".join(lines))] if lines else []
    return text + blocks


class XmlExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"text/xml", "application/xml"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        root = parse_xml(data)
        budget = TextBudget(ctx.limits.max_text_chars)
        blocks = cap_blocks(xml_blocks(root), budget)
        return Extraction(blocks=blocks, notes=truncation_notes(budget, ctx.limits.max_text_chars))
