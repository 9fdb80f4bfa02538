"""Excel workbooks (.xlsx, .xlsm): every sheet as a header-plus-rows table.

Sheets are read with python-calamine (Rust) when it is safe, and with openpyxl otherwise.
With calamine a 100,000-row, 8-column roster takes about 3 s, checks included, where
openpyxl's streaming reader needs 15-20 s. But calamine builds each sheet as a *dense*
range in memory, from the first to the last used cell, and a Rust allocation that fails
aborts the worker. So the package is first checked with `zipguard.check_zip` (zip bombs),
then every part is read and bounded with byte searches (`_xlsx_bounds.calamine_refusal`):
the dense ranges of all sheets must fit the cell allowance, every cell's position must be
readable off its `r` attribute, and no part may carry a DTD. A workbook that fails a check
goes to openpyxl, which decides as it always did; so does one that calamine cannot read
(an error value it does not know, a part it cannot parse) or in which it finds no sheet.

openpyxl streams (`read_only=True`) the cached values of formulas (`data_only=True`) and
reads sheets and shared strings through defusedxml, which refuses entities (XML bombs).
A sheet's declared dimension is ignored (`reset_dimensions`): a forged `A1:XFD1048576`
would otherwise make it pad every row to 16,384 cells. The padding a row still gets (up
to its last cell) counts against a cell allowance equal to the text limit, so a sparse,
hostile sheet cannot keep a worker busy indefinitely.

Both readers give the same rows, cell text through `cell_text` (the tests compare them on
every workbook of the sample corpus), with exceptions of no consequence for personal
information: error cells (#N/A) read as empty, since python-calamine does not expose the
error; `_x000D_`-style escapes in strings are decoded as Excel shows them, where openpyxl
keeps them literally; a date-formatted serial below 1 (or negative) becomes a time.

Cell comments are read from the `xl/comments*.xml` parts directly (neither reader gives
them). Charts, shapes and pivot caches are not read.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import ClassVar
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum

from recognizers.content import Block, TextBlock
from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors._xlsx_bounds import calamine_cell_cap, calamine_refusal
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
# Sheets openpyxl does not list among `worksheets` either (a tuple: the enum is unhashable).
_NOT_WORKSHEETS = (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)

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
    if type(value) is str:  # most cells: skip the checks below
        return value
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

    def rows(self, raw_rows: Iterable[Sequence[object]]) -> list[list[str]]:
        rows: list[list[str]] = []
        text = self.text
        for raw in raw_rows:
            self.cells_left -= max(len(raw), 1)
            if self.cells_left < 0 or text.exhausted:
                self.truncated = True
                break
            # Strings, most cells, skip the call: this loop runs for every cell of a sheet.
            cells = [v if type(v) is str else cell_text(v) for v in raw]
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                continue
            size = sum(map(len, cells))
            if size <= text.left:  # the whole row fits: as if each cell were taken
                text.left -= size
                rows.append(cells)
            else:
                rows.append([text.take(c) for c in cells])
        return rows


class CalamineFailed(Exception):
    """calamine could not read the workbook; openpyxl is to decide what it holds."""


def read_sheets_calamine(data: bytes, budget: TextBudget, max_cells: int) -> list[Block]:
    """Every sheet's blocks, read with calamine; raises CalamineFailed when it cannot.

    Only for a package `calamine_refusal` has cleared: calamine allocates each sheet's
    dense range before a row reaches Python.
    """
    grid = _Grid(budget, max_cells)
    blocks: list[Block] = []
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as wb:
            sheets = wb.sheets_metadata
            if not sheets:  # e.g. no xl/workbook.xml: openpyxl calls that corrupt
                raise CalamineFailed("no sheets")
            for index, meta in enumerate(sheets):
                if meta.typ in _NOT_WORKSHEETS:
                    continue
                if budget.exhausted or grid.truncated:
                    grid.truncated = True
                    break
                rows = grid.rows(_calamine_rows(wb.get_sheet_by_index(index)))
                blocks.extend(make_blocks(rows, where=meta.name))
    except CalamineError as exc:
        raise CalamineFailed(type(exc).__name__) from exc
    except BaseException as exc:
        # A Rust panic reaches Python as pyo3's PanicException, a BaseException that
        # cannot be imported by name.
        if type(exc).__name__ != "PanicException":
            raise
        raise CalamineFailed("calamine panicked") from exc
    budget.truncated = budget.truncated or grid.truncated
    return blocks


def _calamine_rows(sheet: CalamineSheet) -> Iterator[Sequence[object]]:
    """The sheet's rows, each padded from column A as openpyxl gives them.

    `to_python` starts at the first used row; `iter_rows` would first yield an empty row
    (range-wide) for every row above it, however far down the data starts.
    """
    start = sheet.start
    if start is None:
        return
    pad: list[object] = [""] * start[1]
    for row in sheet.to_python(skip_empty_area=True):
        yield pad + row if pad else row


def read_sheets_openpyxl(data: bytes, budget: TextBudget, max_cells: int) -> list[Block]:
    """Every sheet's blocks, streamed with openpyxl (through defusedxml)."""
    grid = _Grid(budget, max_cells)
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
            result = Extraction(blocks=_sheets(zf, data, ctx, budget))
            result.blocks.extend(_comments(zf, ctx, budget))
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result


def _sheets(
    zf: zipfile.ZipFile, data: bytes, ctx: ExtractContext, budget: TextBudget
) -> list[Block]:
    """The sheets' blocks: calamine when the package passes the checks, else openpyxl."""
    max_cells = ctx.limits.max_text_chars
    if calamine_refusal(zf, ctx, calamine_cell_cap(ctx.limits)) is None:
        # A failure half-way must not leave text spent: try on a copy of the budget.
        trial = TextBudget(budget.left)
        try:
            blocks = read_sheets_calamine(data, trial, max_cells)
        except CalamineFailed:
            pass
        else:
            budget.left = trial.left
            budget.truncated = budget.truncated or trial.truncated
            return blocks
    return read_sheets_openpyxl(data, budget, max_cells)
