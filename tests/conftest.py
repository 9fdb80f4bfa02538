"""Shared fixtures: the CLI in-process, the recognizer analyzer; no network.

Helpers that test modules import live in `_clihelp.py`: a test module importing
`conftest` would get whichever conftest.py comes first on sys.path.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from _clihelp import ScanRunner, invoke, read_csv_report

from recognizers.content import Table
from recognizers.engine import Analyzer, shared_analyzer
from recognizers.normalize import fold

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


# -- recognizer tests (tests/recognizers): the whole default-mode analyzer, as a scan runs
# it. `found(text, entity)` returns raw values, which is fine here: tests make up their
# own fake data and nothing is written out.


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return shared_analyzer()


@pytest.fixture(scope="session")
def found(analyzer: Analyzer) -> Callable[[str, str], list[str]]:
    def run(text: str, entity: str) -> list[str]:
        folded = fold(text)
        return [text[s.start : s.end] for s in analyzer.spans(folded) if s.entity_type == entity]

    return run


@pytest.fixture(scope="session")
def table_counts(analyzer: Analyzer) -> Callable[[Table], dict[str, int]]:
    def run(table: Table) -> dict[str, int]:
        return analyzer.analyze([table]).counts

    return run
