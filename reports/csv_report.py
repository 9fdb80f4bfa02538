"""CSV findings report: UTF-8 with BOM, the SPEC's header, one row per file.

The BOM is what makes Excel on Japanese Windows read the file as UTF-8 instead of
CP932. Sample output (first line shown without the BOM)::

    path,risk_level,category,key_info,entities,records,encrypted,violations,zone,...
    /srv/share/名簿.xlsx,,,,,,no,,,application/vnd.openxmlformats-...,8812,2026-04-01T09:00:00+09:00,tanaka,,
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from reports.model import COLUMNS, FileResult

BOM = "\ufeff"


class CsvWriter:
    """Streams rows to an open text stream; the caller owns the stream."""

    def __init__(self, stream: TextIO, columns: Sequence[str] = COLUMNS) -> None:
        self._stream = stream
        stream.write(BOM)
        self._writer = csv.DictWriter(
            stream, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore"
        )
        self._writer.writeheader()

    def write(self, result: FileResult) -> None:
        self._writer.writerow(result.to_dict())

    def close(self) -> None:
        """Nothing to finish: every row is written as it comes."""
