"""Opening a report destination so that nothing is ever half-written.

A report goes to a temporary file beside the target and is renamed over it only when
the scan finishes; an interrupted scan leaves the previous report untouched.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TextIO

from reports.csv_report import CsvWriter
from reports.jsonl_report import JsonlWriter
from reports.model import FileResult

FORMATS = ("csv", "jsonl")


class RowWriter(Protocol):
    def write(self, result: FileResult) -> None: ...


def make_writer(fmt: str, stream: TextIO) -> RowWriter:
    if fmt == "csv":
        return CsvWriter(stream)
    if fmt == "jsonl":
        return JsonlWriter(stream)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


@contextlib.contextmanager
def atomic_report(out: str, fmt: str) -> Iterator[RowWriter]:
    """Yield a writer for `out` (`-` = stdout); commit the file only on success."""
    if out == "-":
        stream = sys.stdout
        yield make_writer(fmt, stream)
        stream.flush()
        return
    target = Path(out).expanduser()
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        # newline="" lets the csv module write its own CRLF line ends unchanged.
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield make_writer(fmt, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600)  # findings describe where personal data lives
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
