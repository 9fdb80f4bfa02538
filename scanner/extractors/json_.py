"""JSON and JSON Lines.

Bytes are decoded with `scanner.textdecode` first (Shift_JIS JSON exists). Then:

- every array of objects, wherever it sits (`[{…}, …]`, `{"students": [{…}, …]}`),
  becomes a `Table`: the header is the union of the objects' keys in first-seen order,
  nested objects flattened to "a.b" columns, arrays of plain values joined with "; ";
- everything else becomes "key.path: value" lines in one `TextBlock` (the key names
  are context for the recognizers: "電話番号: 090-…").

JSON Lines (one value per line, `application/x-ndjson`) is read as an array of the
lines' values. Nesting deeper than `MAX_DEPTH` is refused as a `LimitExceeded`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

from recognizers.content import Block, Table, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors._docutil import cap_blocks, truncation_notes
from scanner.extractors.base import ExtractContext, Extraction, Extractor, TextBudget
from scanner.textdecode import decode

MAX_DEPTH = 100
_NDJSON = "application/x-ndjson"

Json = object  # what json.loads returns: dict, list, str, int, float, bool or None


def _scalar(value: Json) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _is_records(value: Json) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _flatten(value: Json, prefix: str, depth: int) -> Iterator[tuple[str, Json]]:
    """(key path, leaf) pairs of `value`. Iterative; lists of records are leaves."""
    stack: list[tuple[str, Json, int]] = [(prefix, value, depth)]
    while stack:
        path, node, level = stack.pop()
        if level > MAX_DEPTH:
            raise LimitExceeded(f"JSON nested more than {MAX_DEPTH} levels")
        if isinstance(node, dict) and node:
            items = [(f"{path}.{k}" if path else str(k), v) for k, v in node.items()]
            stack.extend((p, v, level + 1) for p, v in reversed(items))
        elif isinstance(node, list) and node and not _is_records(node):
            if all(not isinstance(v, dict | list) for v in node):
                yield path, "; ".join(_scalar(v) for v in node)
            else:
                items = [(f"{path}.{i}" if path else str(i), v) for i, v in enumerate(node)]
                stack.extend((p, v, level + 1) for p, v in reversed(items))
        else:
            yield path, node


def _table(records: list[dict[str, Json]], where: str, depth: int) -> tuple[Table, list[Block]]:
    """A table of `records`, plus the blocks of record arrays nested inside them."""
    header: dict[str, None] = {}
    flat_rows: list[dict[str, str]] = []
    nested: list[Block] = []
    for i, record in enumerate(records):
        row: dict[str, str] = {}
        for key, leaf in _flatten(record, "", depth):
            if _is_records(leaf):
                assert isinstance(leaf, list)
                nested.extend(_blocks(leaf, f"{where}[{i}].{key}", depth + 1))
                continue
            header.setdefault(key, None)
            row[key] = _scalar(leaf)
        flat_rows.append(row)
    columns = tuple(header)
    rows = [tuple(row.get(c, "") for c in columns) for row in flat_rows]
    return Table(header=columns, rows=rows, where=where), nested


def _blocks(value: Json, where: str, depth: int) -> list[Block]:
    if _is_records(value):
        assert isinstance(value, list)
        table, nested = _table(value, where, depth)
        return [table, *nested]
    lines: list[str] = []
    tables: list[Block] = []
    for key, leaf in _flatten(value, "", depth):
        if _is_records(leaf):
            tables.extend(_blocks(leaf, f"{where}.{key}" if key else where, depth + 1))
        elif key:
            lines.append(f"{key}: {_scalar(leaf)}")
        elif _scalar(leaf):
            lines.append(_scalar(leaf))
    text: list[Block] = [TextBlock("\n".join(lines), where=where)] if lines else []
    return text + tables


def _loads(text: str) -> Json:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise LimitExceeded("JSON nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        raise ExtractionError("corrupt JSON") from exc


def _loads_lines(text: str) -> tuple[list[Json], int]:
    values: list[Json] = []
    bad = 0
    for line in text.splitlines():
        if line.strip():
            try:
                values.append(_loads(line))
            except LimitExceeded:
                raise
            except ExtractionError:
                bad += 1
    # Mostly unparsable lines mean a broken (e.g. truncated pretty-printed) document.
    if bad > len(values) // 10:
        raise ExtractionError("corrupt JSON")
    return values, bad


class JsonExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"application/json", _NDJSON})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        text, _encoding = decode(data)
        notes: list[str] = []
        value: Json
        try:
            value = _loads(text)
        except ExtractionError:
            # libmagic may call JSON Lines plain JSON; try that before giving up.
            if "\n" not in text.strip():
                raise
            value, bad = _loads_lines(text)
            if bad:
                notes.append(f"{bad} JSON Lines records could not be parsed")
        budget = TextBudget(ctx.limits.max_text_chars)
        blocks = cap_blocks(_blocks(value, "$", 0), budget)
        notes += truncation_notes(budget, ctx.limits.max_text_chars)
        return Extraction(blocks=blocks, notes=notes)
