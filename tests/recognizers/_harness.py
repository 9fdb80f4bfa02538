"""Types shared by the recognizer tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from recognizers.content import Table

# found(text, entity) -> the values of that entity type recognised in text
Found = Callable[[str, str], list[str]]
# table_counts(table) -> entity counts of a one-table document
TableCounts = Callable[[Table], dict[str, int]]
