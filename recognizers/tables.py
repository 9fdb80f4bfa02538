"""Tables as text a recognizer can read, row by row, from a sample of rows.

A spreadsheet column says what it holds in its header (口座番号, 生年月日) and its
values say it again. Each sampled row becomes lines ``header:value``, one per non-empty
cell, so the same label-driven patterns read forms and tables alike, and each span
maps back to its row and column.

A sheet of 100,000 rows is not analysed cell by cell: `SAMPLE_ROWS` rows spread evenly
over the sheet stand for it, and counts are scaled up to the rows that were not read.
Within those, a column is *settled* by its first `SETTLE_ROWS` sampled rows (also
spread evenly) when every one of at least `SETTLE_MIN` non-empty cells gave the same
entity types exactly once — a 学籍番号 column, a 氏名 column, a column of 備考 that never
holds anything. The other cells of a settled column are counted as holding those types
without being analysed again; unsettled columns are analysed cell by cell.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from recognizers.content import Table
from recognizers.normalize import fold

SAMPLE_ROWS = 400
SETTLE_ROWS = 12
SETTLE_MIN = 8
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
    value_starts: list[int]  # where the value begins in each line (after "header:")
    sampled: list[int]  # table row indices that were read
    n_rows: int

    def cell_at(self, offset: int) -> tuple[int, int]:
        return self.cells[bisect_right(self.line_starts, offset) - 1]

    def line_end(self, i: int) -> int:
        end = self.text.find("\n", self.line_starts[i])
        return len(self.text) if end < 0 else end

    def lines_text(self, indices: list[int]) -> tuple[str, list[int], list[int]]:
        """The text of some lines, with (start in it, start in `text`) for each line."""
        parts: list[str] = []
        sub_starts: list[int] = []
        full_starts: list[int] = []
        offset = 0
        for i in indices:
            line = self.text[self.line_starts[i] : self.line_end(i)]
            sub_starts.append(offset)
            full_starts.append(self.line_starts[i])
            parts.append(line)
            offset += len(line) + 1
        return "\n".join(parts), sub_starts, full_starts


def table_text(table: Table, k: int = SAMPLE_ROWS) -> TableText:
    header = [clean_cell(fold(h)) for h in table.header]
    sampled = sample_rows(len(table.rows), k)
    lines: list[str] = []
    starts: list[int] = []
    cells: list[tuple[int, int]] = []
    value_starts: list[int] = []
    offset = 0
    for si, ri in enumerate(sampled):
        for col, raw in enumerate(table.rows[ri]):
            value = clean_cell(fold(raw))
            if not value or value in PLACEHOLDERS:
                continue
            name = header[col] if col < len(header) else ""
            line = f"{name}:{value}" if name else value
            starts.append(offset)
            value_starts.append(offset + len(name) + 1 if name else offset)
            cells.append((si, col))
            lines.append(line)
            offset += len(line) + 1
    return TableText("\n".join(lines), starts, cells, value_starts, sampled, len(table.rows))
