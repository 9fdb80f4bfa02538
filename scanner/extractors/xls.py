"""Legacy Excel 97–2003 workbooks (.xls, BIFF8; xlrd also reads BIFF5): every sheet.

An encrypted workbook (a FILEPASS record: RC4, RC4 CryptoAPI or XOR obfuscation) is
detected with msoffcrypto-tool; when a supplied password opens it, the decrypted
workbook is handed back in `inner` and read on the next pass.

Cells are rendered as in `xlsx.cell_text`: dates as YYYY-MM-DD, whole numbers without
".0". Rows are read ragged (no padding to the sheet width) and sheets one at a time.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from typing import Any, ClassVar

import xlrd
from xlrd.compdoc import CompDocError
from xlrd.xldate import XLDateError

from scanner.errors import EncryptedError, ExtractionError
from scanner.extractors.base import (
    ExtractContext,
    Extraction,
    Extractor,
    TextBudget,
    make_blocks,
)
from scanner.extractors.office_encrypted import is_encrypted, open_with_passwords
from scanner.extractors.xlsx import cell_text
from scanner.filetype import XLS

# What xlrd raises on a damaged workbook: its own errors, and whatever its record
# parser trips over (it indexes and unpacks raw bytes and asserts on structure).
_CORRUPT = (
    xlrd.XLRDError,
    CompDocError,
    struct.error,
    IndexError,
    KeyError,
    ValueError,
    TypeError,
    AssertionError,
    EOFError,
    OSError,
)


def _value(book: Any, ctype: int, value: Any) -> str:
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(value, book.datemode))
        except (XLDateError, ValueError, OverflowError):
            return cell_text(value)
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(value))
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, ""))
    return cell_text(value)


def _rows(book: Any, sheet: Any, budget: TextBudget) -> Iterator[list[str]]:
    for r in range(sheet.nrows):
        if budget.exhausted:
            budget.truncated = True  # rows are left that we will not read
            return
        types = sheet.row_types(r)
        values = sheet.row_values(r)
        yield [budget.take(_value(book, t, v)) for t, v in zip(types, values, strict=False)]


class XlsExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({XLS})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        try:
            encrypted = is_encrypted(data, "XLS")
        except ExtractionError:
            encrypted = False  # e.g. an Excel 95 "Book" stream: let xlrd judge it
        if encrypted:
            return open_with_passwords(data, ctx, "XLS")

        budget = TextBudget(ctx.limits.max_text_chars)
        result = Extraction()
        try:
            book = xlrd.open_workbook(
                file_contents=data,
                logfile=io.StringIO(),  # xlrd writes warnings to stdout by default
                on_demand=True,
                ragged_rows=True,
            )
        except xlrd.XLRDError as exc:
            if "encrypted" in str(exc).lower():
                raise EncryptedError("encrypted with a method that cannot be opened") from exc
            raise ExtractionError("corrupt or truncated XLS") from exc
        except _CORRUPT as exc:
            raise ExtractionError("corrupt or truncated XLS") from exc
        try:
            for index in range(book.nsheets):
                if budget.exhausted:
                    budget.truncated = True
                    break
                sheet = book.sheet_by_index(index)
                result.blocks.extend(make_blocks(_rows(book, sheet, budget), where=sheet.name))
                book.unload_sheet(index)
        except _CORRUPT as exc:
            raise ExtractionError("corrupt or truncated XLS") from exc
        finally:
            book.release_resources()
        if budget.truncated:
            result.notes.append(f"text truncated after {ctx.limits.max_text_chars} characters")
        return result
