"""Shared fixtures: run the CLI in-process and read its report back; no network.

Helpers that test modules import live in `_clihelp.py`: a test module importing
`conftest` would get whichever conftest.py comes first on sys.path.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from _clihelp import ScanRunner, invoke, read_csv_report

# No test may use the network: an audit hook in this process, and `sitecustomize` for
# every Python subprocess (the CLI, forkserver workers) through PYTHONPATH.
NETGUARD = Path(__file__).parent / "netguard"
sys.path.insert(0, str(NETGUARD))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(NETGUARD), os.environ.get("PYTHONPATH", "")) if p
)
import netguard  # noqa: E402

netguard.install()


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
