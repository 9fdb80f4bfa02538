"""Tables as text a recognizer can read, row by row, from a sample of rows.

A spreadsheet column says what it holds in its header (口座番号, 生年月日) and its
values say it again. Each sampled row becomes lines ``header:value``, one per non-empty
cell, so the same label-driven patterns read forms and tables alike, and each span
maps back to its row and column.

A sheet of 100,000 rows is not analysed cell by cell: `SAMPLE_ROWS` rows spread evenly
over the sheet settle what every column holds, and counts are scaled up to the rows
that were not read. Tables up to `SAMPLE_ROWS` rows are read completely and counted
exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from recognizers.content import Table
from recognizers.normalize import fold

SAMPLE_ROWS = 400
PLACEHOLDERS = frozenset(
    {"同上", "同左", "―", "-", "－", "ー", "なし", "無", "無し", "N/A", "n/a", "null", "None"}
)


def sample_rows(n_rows: int, k: int = SAMPLE_ROWS) -> list[int]:
    """Up to `k` row indices spread evenly over `n_rows` (all of them if n_rows <= k)."""
    if n_rows <= k:
        return list(range(n_rows))
    step = n_rows / k
    return sorted({int(i * step) for i in range(k)})


def clean_cell(cell: str) -> str:
    return " ".join(cell.split())


@dataclass(frozen=True, slots=True)
class TableText:
    """The folded text of a table sample and where each line came from."""

    text: str
    line_starts: list[int]
    cells: list[tuple[int, int]]  # (row index in the sample, column) per line
    sampled: list[int]  # table row indices that were read
    n_rows: int

    def cell_at(self, offset: int) -> tuple[int, int]:
        return self.cells[bisect_right(self.line_starts, offset) - 1]


def table_text(table: Table, k: int = SAMPLE_ROWS) -> TableText:
    header = [clean_cell(fold(h)) for h in table.header]
    sampled = sample_rows(len(table.rows), k)
    lines: list[str] = []
    starts: list[int] = []
    cells: list[tuple[int, int]] = []
    offset = 0
    for si, ri in enumerate(sampled):
        for col, raw in enumerate(table.rows[ri]):
            value = clean_cell(fold(raw))
            if not value or value in PLACEHOLDERS:
                continue
            name = header[col] if col < len(header) else ""
            line = f"{name}:{value}" if name else value
            starts.append(offset)
            cells.append((si, col))
            lines.append(line)
            offset += len(line) + 1
    return TableText("\n".join(lines), starts, cells, sampled, len(table.rows))
