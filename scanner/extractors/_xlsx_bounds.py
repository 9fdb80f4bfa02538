"""Whether python-calamine may read a workbook: cheap byte checks of every part first.

calamine (Rust) is fast because it builds each sheet as a *dense* range, from the first
to the last used cell, and reserves the shared-string table from the `uniqueCount` the
file declares. Both sizes come from the file: a forged cell at XFD1048576 next to A1 asks
for 17 billion cells, `uniqueCount="4000000000"` for 96 GB, and a Rust allocation that
fails aborts the worker instead of raising MemoryError. So before calamine sees a package,
`calamine_refusal` reads every part (through `read_member`, which also stops a part that
inflates past its declared size) and bounds those sizes with byte searches. Any part can
be a sheet (calamine follows the workbook's relationships), so every part is checked.

When a check fails the caller reads the workbook with openpyxl, which streams, bounds a
sparse sheet with its cell allowance and refuses entities through defusedxml:
- a DTD anywhere (calamine ignores DTDs and fails on the entities; openpyxl refuses them
  in sheets and shared strings, as it always did);
- a `uniqueCount` above the `<si` elements present or the cell cap;
- sheet XML that is not UTF-8 (calamine reads such a sheet as empty);
- a cell not written `<c r="A1" …>`, with `r` first and no further attribute that could
  be a second `r` (calamine takes the last): cells without `r` are legal, but their place
  then depends on counters a regex cannot follow; so do namespace prefixes, quotes other
  than `"` and entity-escaped references;
- cell rows out of order (calamine sizes the range from the first and last cell);
- an integer too long for a float (calamine reads numbers as floats, openpyxl keeps the
  digits);
- dense ranges, rows spanned × last column summed over the sheets, above the cap.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import replace

from scanner.extractors.base import Budget, ExtractContext
from scanner.limits import Limits, MiB
from scanner.zipguard import read_member

# What calamine keeps per cell of a dense range: `calamine::Data`, a 32-byte enum.
CELL_BYTES = 32
# A dense range may take at most this fraction of a worker's address-space cap, which
# leaves room for the Python objects the rows become and for everything else.
_MEMORY_FRACTION = 8

_DTD = re.compile(rb"<!(?i:doctype|entity)")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_UTF8 = frozenset({b"utf-8", b"utf8"})
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']([^"']*)["']""")
_WIDE_SHEET_DATA = tuple(
    "sheetData".encode(codec) for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
# A cell as Excel, LibreOffice, openpyxl and XlsxWriter write it: `r` first, then only
# attributes that cannot be another `r`. The group is the row number.
_CELL = re.compile(
    rb'<c r="[A-Z]{1,3}([1-9][0-9]{0,6})"(?:[ \t\r\n]+(?:s|t|cm|vm|ph)="[^"]*")*[ \t\r\n]*/?>'
)
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
# Other ways to open a cell element: no attributes, other whitespace, a namespace prefix.
# Each search has a literal prefix, which keeps it fast on a 60 MB sheet.
_ODD_CELL = re.compile(rb"<c[\t\n\r/>]")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_LONG_INTEGER = re.compile(rb"<v>\s*-?([0-9]{16,})")
_EXACT_FLOAT_INTEGER = 2**53


def calamine_cell_cap(limits: Limits) -> int:
    """The most dense cells calamine may build for one workbook, all sheets together."""
    by_memory = limits.memory_mb * MiB // (_MEMORY_FRACTION * CELL_BYTES)
    return min(limits.max_text_chars, by_memory)


def calamine_refusal(zf: zipfile.ZipFile, ctx: ExtractContext, max_cells: int) -> str | None:
    """Why calamine must not read this package, or None when it may.

    The caller has charged the package's expanded size to the budget already; reading
    the parts again here is charged to a scratch budget of that same size, so a workbook
    does not count twice against what an archive around it may expand to.
    """
    infos = zf.infolist()
    scratch = replace(ctx, budget=Budget(sum(i.file_size for i in infos), len(infos)))
    total = 0
    for info in infos:
        try:
            part = read_member(zf, info, scratch)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            return f"{info.filename}: unreadable"  # openpyxl reports it as it always did
        except RuntimeError:
            return f"{info.filename}: encrypted member"
        reason, cells = _part_check(part, max_cells)
        if reason:
            return f"{info.filename}: {reason}"
        total += cells
        if total > max_cells:
            return f"dense ranges exceed {max_cells} cells"
    return None


def _part_check(part: bytes, max_cells: int) -> tuple[str, int]:
    """(why calamine must not read `part`, or ""; the dense cells it would build)."""
    if _DTD.search(part):
        return "DTD", 0
    if b"uniqueCount" in part:
        strings = min(part.count(b"<si") + part.count(b":si"), max_cells)
        for declared in _UNIQUE_COUNT.findall(part):
            # (the length first: int() refuses more than 4,300 digits)
            if not declared.isdigit() or len(declared) > 12 or int(declared) > strings:
                return "uniqueCount beyond its strings", 0
    if b"sheetData" not in part:
        if any(wide in part for wide in _WIDE_SHEET_DATA):
            return "sheet not in UTF-8", 0
        return "", 0
    declaration = _ENCODING.search(part, 0, 200)
    if declaration and declaration[1].lower() not in _UTF8:
        return "sheet not in UTF-8", 0
    if any(len(n) > 16 or int(n) > _EXACT_FLOAT_INTEGER for n in _LONG_INTEGER.findall(part)):
        return "integer beyond float precision", 0
    cells = sheet_cells(part)
    if cells is None:
        return "cells cannot be bounded", 0
    return "", cells


def sheet_cells(xml: bytes) -> int | None:
    """An upper bound of the dense range calamine builds from sheet XML, or None.

    The bound is rows spanned × the last column (rows are padded from column A, as
    openpyxl gives them); None when some cell's position cannot be read off its own
    `r` attribute or the rows are out of order.
    """
    if _ODD_CELL.search(xml) or _PREFIXED_CELL.search(xml):
        return None
    rows = _CELL.findall(xml)
    if len(rows) != xml.count(b"<c "):
        return None  # some cell lacks r, has it later, or has a second one
    if not rows:
        return 0
    numbers = list(map(int, rows))
    if numbers != sorted(numbers):
        return None
    width = max(_column_number(letters) for letters in set(_CELL_COLUMN.findall(xml)))
    return (numbers[-1] - numbers[0] + 1) * width


def _column_number(letters: bytes) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
