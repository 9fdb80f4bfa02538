"""The end-of-scan summary: what was scanned, what could not be read, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from reports.model import FileResult

# Rows per risk_level (files and members alike), in the order a reader cares about.
LEVELS = {
    "1": "危険度①",
    "2": "危険度②",
    "0": "no personal information",
    "unknown": "not inspected",
}


@dataclass(slots=True)
class ScanSummary:
    files: int = 0
    members: int = 0
    encrypted: int = 0
    errors: int = 0
    bytes: int = 0
    types: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    violations: Counter[str] = field(default_factory=Counter)
    error_kinds: Counter[str] = field(default_factory=Counter)

    def add(self, row: FileResult, member: bool) -> None:
        """Count a row; `member` says it is an archive or mail member, not a file."""
        if member:
            self.members += 1
        else:
            self.files += 1
            self.bytes += row.size or 0
        self.encrypted += row.encrypted
        if row.error:
            self.errors += 1
            self.error_kinds[row.error.split(":")[0][:60]] += 1
        if row.file_type:
            self.types[row.file_type] += 1
        if row.risk_level:
            self.levels[row.risk_level] += 1
        self.violations.update(row.violations)

    def render(self, console: Console, elapsed: float, state: dict[str, int] | None = None) -> None:
        """Print the summary; `state` holds an incremental run's counts."""
        table = Table(title="piiscan", show_header=False, box=None)
        table.add_row("files", f"{self.files:,} ({self.bytes / 1e6:,.1f} MB)")
        table.add_row("archive / mail members", f"{self.members:,}")
        table.add_row("encrypted", f"{self.encrypted:,}")
        table.add_row("not fully read", f"{self.errors:,}")
        for level, name in LEVELS.items():
            if self.levels[level]:
                table.add_row(name, f"{self.levels[level]:,}")
        for code, count in sorted(self.violations.items()):
            table.add_row(code, f"{count:,}")
        if state is not None:
            table.add_row("analysed", f"{state.get('analysed', 0):,}")
            table.add_row("unchanged, not read", f"{state.get('reused', 0):,}")
            table.add_row("moved, not read", f"{state.get('moved', 0):,}")
            table.add_row("gone since the last scan", f"{state.get('gone', 0):,}")
        rate = self.files / elapsed if elapsed > 0 else 0.0
        table.add_row("time", f"{elapsed:,.1f} s ({rate:,.1f} files/s)")
        console.print(table)
        if self.error_kinds:
            errors = Table(title="why files were not fully read", show_header=False, box=None)
            for kind, count in self.error_kinds.most_common(8):
                errors.add_row(f"{count:,}", kind)
            console.print(errors)
