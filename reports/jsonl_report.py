"""JSON Lines findings report: one object per row, the same field names as the CSV.

Sample line::

    {"path": "/srv/share/名簿.xlsx", "risk_level": "", "encrypted": false, "size": 8812, ...}
"""

from __future__ import annotations

import json
from typing import TextIO

from reports.model import FileResult


class JsonlWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, result: FileResult) -> None:
        self._stream.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
