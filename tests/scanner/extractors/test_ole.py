"""Unknown OLE compound files: nothing to read, but damage is reported."""

from __future__ import annotations

import pytest
from _cfb_writer import write_cfb

from scanner import filetype
from scanner.errors import ExtractionError
from scanner.extractors.base import ExtractContext
from scanner.extractors.ole import OleExtractor


def test_valid_unknown_compound_file_yields_nothing_and_no_error() -> None:
    data = write_cfb({"Catalog": b"\x00" * 100, "256_256": b"\xff\xd8thumbnail"})
    assert filetype.detect(data) in OleExtractor.mime_types
    result = OleExtractor().extract(data, ExtractContext())
    assert result.blocks == [] and not result.notes


@pytest.mark.parametrize("cut", [600, 1024, 2000])
def test_damaged_compound_file_is_an_extraction_error(cut: int) -> None:
    data = write_cfb({"Catalog": b"\x00" * 5000})[:cut]
    with pytest.raises(ExtractionError, match="corrupt or truncated OLE"):
        OleExtractor().extract(data, ExtractContext())
