"""JSON Lines findings report: one object per row, the same field names as the CSV.

Sample line::

    {"path": "/srv/share/名簿.xlsx", "risk_level": "", "encrypted": false, "size": 8812, ...}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from reports.model import COLUMNS, FileResult


class JsonlWriter:
    def __init__(self, stream: TextIO, columns: Sequence[str] = COLUMNS) -> None:
        self._stream = stream
        self._columns = columns

    def write(self, result: FileResult) -> None:
        row = result.to_json()
        line = {name: row[name] for name in self._columns}
        self._stream.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Nothing to finish: every row is written as it comes."""
