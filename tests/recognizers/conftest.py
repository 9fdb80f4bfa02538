"""Recognizer tests run the whole default-mode analyzer, as a scan does.

`found(text, entity)` returns the values of `entity` recognised in `text` — raw values,
which is fine here: tests make up their own fake data and nothing is written out.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table
from recognizers.engine import Analyzer, shared_analyzer
from recognizers.normalize import fold


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return shared_analyzer()


@pytest.fixture(scope="session")
def found(analyzer: Analyzer) -> Found:
    def run(text: str, entity: str) -> list[str]:
        folded = fold(text)
        return [text[s.start : s.end] for s in analyzer.spans(folded) if s.entity_type == entity]

    return run


@pytest.fixture(scope="session")
def table_counts(analyzer: Analyzer) -> TableCounts:
    def run(table: Table) -> dict[str, int]:
        return analyzer.analyze([table]).counts

    return run
