"""Opening a report destination so that nothing is ever half-written.

A report goes to a temporary file beside the target and is renamed over it only when
the scan finishes; an interrupted scan leaves the previous report untouched.

Writers take rows one at a time and are closed once: CSV and JSONL write each row as it
comes, the HTML report (which shows totals above its table) writes on `close`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, TextIO

from reports.csv_report import CsvWriter
from reports.jsonl_report import JsonlWriter
from reports.model import COLUMNS, FileResult, ReportInfo

FORMATS = ("csv", "jsonl")  # what `scan` writes as it goes
REPORT_FORMATS = (*FORMATS, "html")  # what `report` renders from a state database


class RowWriter(Protocol):
    def write(self, result: FileResult) -> None: ...

    def close(self) -> None: ...


def make_writer(
    fmt: str, stream: TextIO, columns: Sequence[str] = COLUMNS, info: ReportInfo | None = None
) -> RowWriter:
    if fmt == "csv":
        return CsvWriter(stream, columns)
    if fmt == "jsonl":
        return JsonlWriter(stream, columns)
    if fmt == "html":
        from reports.html_report import HtmlWriter  # only `report` needs it

        return HtmlWriter(stream, columns, info or ReportInfo())
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")


@contextlib.contextmanager
def atomic_report(
    out: str, fmt: str, columns: Sequence[str] = COLUMNS, info: ReportInfo | None = None
) -> Iterator[RowWriter]:
    """Yield a writer for `out` (`-` = stdout); commit the file only on success."""
    with atomic_text(out) as stream:
        writer = make_writer(fmt, stream, columns, info)
        yield writer
        writer.close()


@contextlib.contextmanager
def atomic_text(out: str) -> Iterator[TextIO]:
    """A text stream for `out` (`-` = stdout) that replaces the target only on success."""
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(out).expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        # newline="" lets the csv module write its own CRLF line ends unchanged.
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600)  # findings describe where personal data lives
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
