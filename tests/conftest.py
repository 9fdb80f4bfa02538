"""Shared test helpers: run the CLI in-process and read its report back."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
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


@pytest.fixture
def run_scan(tmp_path: Path) -> ScanRunner:
    """Scan paths through the real CLI and return the CSV rows (exit code 0 asserted)."""

    def run(*paths: Path | str, extra: tuple[str, ...] = ()) -> list[dict[str, str]]:
        out = tmp_path / "report.csv"
        result = invoke("scan", *map(str, paths), "--out", str(out), *extra)
        assert result.exit_code == 0, result.output
        return read_csv_report(out)

    return run


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
