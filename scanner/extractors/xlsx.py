"""Excel workbooks (.xlsx, .xlsm): every sheet as a header-plus-rows table.

The package is checked with `zipguard.check_zip` before openpyxl touches it, and
openpyxl reads XML through defusedxml, so zip and entity bombs are refused. Sheets
are streamed (`read_only=True`) with the cached values of formulas (`data_only=True`).

A sheet's declared dimension is ignored (`reset_dimensions`): a forged `A1:XFD1048576`
would otherwise make openpyxl pad every row to 16,384 cells. The padding a row still
gets (up to its last cell) counts against a cell allowance equal to the text limit,
so a sparse, hostile sheet cannot keep a worker busy indefinitely.

Cell comments are read from the `xl/comments*.xml` parts directly (openpyxl does not
load them in read-only mode). Charts, shapes and pivot caches are not read.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import ClassVar
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.filetype import XLSM, XLSX
from scanner.zipguard import check_zip, read_member

_COMMENTS = re.compile(r"xl/comments[^/]*\.xml|xl/comments/[^/]+\.xml", re.IGNORECASE)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# What openpyxl and the zip/XML layers raise on a damaged package.
_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    EOFError,
    OSError,
    ParseError,
)


def cell_text(value: object) -> str:
    """A cell value as the text a person would read in the cell.

    Dates become YYYY-MM-DD (with the time only when there is one), whole numbers lose
    the ".0" a float gives them, and strings are kept as stored, so "0312345678" keeps
    its leading zero.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}"
    return str(value)


class _Grid:
    """Collects a sheet's rows as trimmed strings within the text and cell budgets."""

    def __init__(self, text: TextBudget, cells_left: int) -> None:
        self.text = text
        self.cells_left = cells_left
        self.truncated = False

    def rows(self, raw_rows: Iterator[tuple[object, ...]]) -> list[list[str]]:
        rows: list[list[str]] = []
        for raw in raw_rows:
            self.cells_left -= max(len(raw), 1)
            if self.cells_left < 0 or self.text.exhausted:
                self.truncated = True
                break
            cells = [cell_text(v) for v in raw]
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                continue
            rows.append([self.text.take(c) for c in cells])
        return rows


def _caused_by_defusedxml(exc: BaseException) -> bool:
    """Whether defusedxml refused a DTD or entity (openpyxl re-raises it as ValueError)."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, DefusedXmlException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _open_package(data: bytes, ctx: ExtractContext, label: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractionError(f"corrupt or truncated {label}") from exc
    check_zip(zf, ctx)
    return zf


def _comments(zf: zipfile.ZipFile, ctx: ExtractContext, budget: TextBudget) -> list[Block]:
    blocks: list[Block] = []
    for info in zf.infolist():
        if not _COMMENTS.fullmatch(info.filename) or budget.exhausted:
            continue
        try:
            root = SafeET.fromstring(read_member(zf, info, ctx), forbid_dtd=True)
        except DefusedXmlException as exc:
            raise LimitExceeded("XLSX comments carry a DTD or entities (XML bomb?)") from exc
        except (ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ExtractionError("corrupt or truncated XLSX") from exc
        texts = []
        for comment in root.iter(f"{_MAIN_NS}comment"):
            text = "".join(t.text or "" for t in comment.iter(f"{_MAIN_NS}t")).strip()
            if text:
                texts.append(text)
        if texts:
            blocks.append(TextBlock(budget.take("\n".join(texts)), where="comments"))
    return blocks


class XlsxExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({XLSX, XLSM})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        with _open_package(data, ctx, "XLSX") as zf:
            if "xl/workbook.bin" in zf.namelist():
                raise ExtractionError("binary workbooks (XLSB) are not supported")
            ctx.budget.charge(sum(info.file_size for info in zf.infolist()))
            budget = TextBudget(ctx.limits.max_text_chars)
            result = Extraction(blocks=_sheets(data, ctx, budget))
            result.blocks.extend(_comments(zf, ctx, budget))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result


def _sheets(data: bytes, ctx: ExtractContext, budget: TextBudget) -> list[Block]:
    grid = _Grid(budget, ctx.limits.max_text_chars)
    blocks: list[Block] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about every extension it does not support
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    if budget.exhausted or grid.truncated:
                        grid.truncated = True
                        break
                    ws.reset_dimensions()
                    rows = grid.rows(ws.iter_rows(values_only=True))
                    blocks.extend(make_blocks(rows, where=ws.title))
            finally:
                wb.close()
    except _CORRUPT as exc:
        if _caused_by_defusedxml(exc):
            raise LimitExceeded("XLSX part carries a DTD or entities (XML bomb?)") from exc
        raise ExtractionError("corrupt or truncated XLSX") from exc
    budget.truncated = budget.truncated or grid.truncated
    return blocks
