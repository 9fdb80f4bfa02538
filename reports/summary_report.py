"""Summary rows for `piiscan report --by directory|owner`: one row per group, CSV or JSONL.

The manager's first question is where the problems are and whose they are; these rows
answer it in a form Excel sorts (CSV with BOM, like the findings report). Columns:
the group, then counts — files, archive members, rows per level, individuals, encrypted
rows, rows not fully read, rows new since the previous scan, rows per violation code.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence

from reports.csv_report import BOM
from reports.model import FileResult
from reports.output import atomic_text
from reports.summaries import Group, by_directory, by_owner

# The SPEC's violation codes, in its order (the reports package does not import the
# classifier; a test checks the two lists agree).
VIOLATION_CODES: tuple[str, ...] = (
    "UNENCRYPTED",
    "TAKEOUT_PROHIBITED",
    "TAKEOUT_PERMIT_REQUIRED",
    "PUBLIC_LOCATION",
    "OUTSIDE_SECURE_AREA",
    "WORLD_READABLE",
    "STALE",
)
COUNT_COLUMNS: tuple[str, ...] = (
    "files",
    "members",
    "level_1",
    "level_2",
    "level_unknown",
    "level_0",
    "records",
    "encrypted",
    "errors",
    "new",
    *VIOLATION_CODES,
)


def summary_row(group: Group) -> dict[str, int]:
    counts = {
        "files": group.files,
        "members": group.members,
        "level_1": group.levels["1"],
        "level_2": group.levels["2"],
        "level_unknown": group.levels["unknown"],
        "level_0": group.levels["0"],
        "records": group.records,
        "encrypted": group.encrypted,
        "errors": group.errors,
        "new": group.new,
    }
    counts.update({code: group.violations[code] for code in VIOLATION_CODES})
    return counts


def groups(
    by: str, rows: Iterable[FileResult], roots: Sequence[str], depth: int | None
) -> list[Group]:
    if by == "owner":
        return by_owner(rows)
    return by_directory(rows, roots, depth)


def write_summary(
    out: str,
    fmt: str,
    by: str,
    rows: Iterable[FileResult],
    roots: Sequence[str] = (),
    depth: int | None = None,
) -> None:
    """Write one row per directory or owner to `out` (`-` = stdout), most severe first."""
    name = "directory" if by == "directory" else "owner"
    with atomic_text(out) as stream:
        if fmt == "csv":
            stream.write(BOM)
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow((name, *COUNT_COLUMNS))
            for group in groups(by, rows, roots, depth):
                counts = summary_row(group)
                writer.writerow((group.key, *(counts[c] for c in COUNT_COLUMNS)))
        else:
            for group in groups(by, rows, roots, depth):
                line = {name: group.key, **summary_row(group)}
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")
