"""CLI helpers shared by the top-level tests (imported as `_clihelp`)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from scanner.cli import main

ScanRunner = Callable[..., list[dict[str, str]]]


def read_csv_report(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV report must start with a UTF-8 BOM"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
