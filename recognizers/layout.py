"""Tables that arrive as one cell per line: rebuild them before analysis.

PDF text layers and some slide exports write a table column by column inside each
row — the header cells one per line, then every row's cells one per line:

    患者ID / 氏名 / 生年月日 / HbA1c(%) / 0016620028 / 井上 稔 / 1997/09/28 / 7.4 / …

Read as prose, a 10-digit number three lines below its header has no label near it.
`split_flattened_table` finds such a run — k short header lines followed by at least
two groups of k value lines whose shapes agree column by column — and returns it as a
`Table`, so the column headers label the values as they do in a spreadsheet.
"""

from __future__ import annotations

import regex

from recognizers.content import Table, TextBlock

MAX_COLUMNS = 12
MAX_LINES = 4000  # a page or a slide; longer blocks are not laid out this way
MIN_ROWS = 2
MAX_HEADER_CHARS = 16
AGREEMENT = 0.9

_NUMERIC = regex.compile(r"^[0-9０-９.,/%:()（）+\-−]+$")
_DATE = regex.compile(
    r"^(?:[0-9]{2,4}[/-][0-9]{1,2}[/-][0-9]{1,2}|.{0,4}[0-9]{1,4}年[0-9]{1,2}月[0-9]{1,2}日)$"
)
_LATIN = regex.compile(r"^[A-Za-z0-9@._+\- ]+$")


def shape(line: str) -> str:
    """A coarse class of a cell: date, number, latin, or text."""
    s = line.strip()
    if _DATE.match(s):
        return "date"
    if _NUMERIC.match(s):
        return "number"
    if _LATIN.match(s):
        return "latin"
    return "text"


def _fits(lines: list[str], all_shapes: list[str], start: int, k: int) -> int:
    """Rows of k lines after a k-line header at `start` whose shapes agree per column."""
    shapes = all_shapes[start + k :]
    rows = len(shapes) // k
    if rows < MIN_ROWS:
        return 0
    for col in range(k):
        column = [shapes[r * k + col] for r in range(rows)]
        top = max(set(column), key=column.count)
        if column.count(top) < AGREEMENT * rows or top == "text" and col == 0:
            return 0
    headers = lines[start : start + k]
    if any(len(h.strip()) > MAX_HEADER_CHARS or not h.strip() for h in headers):
        return 0
    # Headers are labels: their shapes must differ from their columns' in most columns.
    differing = sum(all_shapes[start + c] != shapes[c] for c in range(k))
    return rows if differing * 2 > k else 0


def split_flattened_table(block: TextBlock) -> tuple[TextBlock, Table] | None:
    """(the text before the table, the table) when `block` ends in a flattened table."""
    lines = block.text.split("\n")
    if not 3 * MIN_ROWS <= len(lines) <= MAX_LINES:
        return None
    shapes = [shape(x) for x in lines]
    best: tuple[int, int, int] | None = None  # (rows, start, k)
    for k in range(2, MAX_COLUMNS + 1):
        for start in range(0, min(len(lines) - k * (MIN_ROWS + 1) + 1, 8)):
            if (len(lines) - start - k) % k:
                continue
            rows = _fits(lines, shapes, start, k)
            if rows and (best is None or rows * k > best[0] * best[2]):
                best = (rows, start, k)
    if best is None:
        return None
    rows, start, k = best
    values = [x.strip() for x in lines[start + k :]]
    table = Table(
        header=tuple(h.strip() for h in lines[start : start + k]),
        rows=tuple(tuple(values[r * k : (r + 1) * k]) for r in range(rows)),
        where=block.where,
    )
    return TextBlock("\n".join(lines[:start]), block.where), table
