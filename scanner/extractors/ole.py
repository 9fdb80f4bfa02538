"""OLE compound files that are none of the formats we read (Thumbs.db, .msi, …).

Nothing to extract from them, but a file that carries the OLE signature and does not
parse is damaged, and the report should say so rather than pass it as empty.
"""

from __future__ import annotations

import io
from typing import ClassVar

import olefile

from scanner.errors import ExtractionError
from scanner.extractors.base import ExtractContext, Extraction, Extractor
from scanner.filetype import OLE


class OleExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({OLE, "application/CDFV2"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        try:
            olefile.OleFileIO(io.BytesIO(data)).close()
        except Exception as exc:  # olefile raises OSError, ValueError, struct errors…
            raise ExtractionError("corrupt or truncated OLE compound file") from exc
        return Extraction()
