"""The one result type every stage fills and every reporter serialises.

A `FileResult` is one row of the SPEC's findings table: one file, or one member of an
archive or mail (`ARCHIVE!member`). It holds no raw personal data: evidence is masked
before it gets here (see `recognizers`), and `error` is sanitised by the scanner.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# The SPEC's header, in order. Tools outside the project rely on these names.
COLUMNS: tuple[str, ...] = (
    "path",
    "risk_level",
    "category",
    "key_info",
    "entities",
    "records",
    "encrypted",
    "violations",
    "zone",
    "file_type",
    "size",
    "mtime",
    "owner",
    "evidence",
    "error",
)

# Rows from a state database say how each file changed since the previous scan.
CHANGES: tuple[str, ...] = ("new", "changed", "unchanged", "gone")
STATE_COLUMNS: tuple[str, ...] = (*COLUMNS, "change")


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What a report says about itself (the HTML report's header; CSV/JSONL ignore it)."""

    title: str = "piiscan findings"
    generated: str = ""  # ISO 8601 time the report was made
    source: str = ""  # the state database (or scanned paths) the rows come from
    scan: str = ""  # the latest scan: kind, start and finish
    previous: str = ""  # the previous scan "new" and "changed" refer to, or empty
    filters: tuple[str, ...] = ()  # the filters applied, as the user wrote them
    roots: tuple[str, ...] = ()  # scanned roots: per-directory summaries start below them


@dataclass(frozen=True, slots=True)
class FileResult:
    """One findings row. Fields left at their defaults are filled by later stages."""

    path: str
    file_type: str = ""
    encrypted: bool = False
    size: int | None = None
    mtime: str = ""  # ISO 8601 with offset
    owner: str = ""
    error: str = ""
    risk_level: str = ""  # "1", "2", "0", "unknown" once classified
    category: str = ""
    key_info: tuple[str, ...] = ()
    entities: dict[str, int] = field(default_factory=dict)
    records: int | None = None
    violations: tuple[str, ...] = ()
    zone: str = ""
    evidence: tuple[str, ...] = ()
    change: str = ""  # one of CHANGES, for rows read from a state database

    def with_error(self, error: str) -> FileResult:
        return replace(self, error=error)

    def to_dict(self) -> dict[str, str]:
        """The row as the SPEC writes it: every value a string, lists `;`-joined."""
        return {
            "path": self.path,
            "risk_level": self.risk_level,
            "category": self.category,
            "key_info": ";".join(self.key_info),
            "entities": ";".join(f"{k}:{v}" for k, v in sorted(self.entities.items())),
            "records": "" if self.records is None else str(self.records),
            "encrypted": "yes" if self.encrypted else "no",
            "violations": ";".join(self.violations),
            "zone": self.zone,
            "file_type": self.file_type,
            "size": "" if self.size is None else str(self.size),
            "mtime": self.mtime,
            "owner": self.owner,
            "evidence": ";".join(self.evidence),
            "error": self.error,
            "change": self.change,
        }

    def to_json(self) -> dict[str, Any]:
        """The row for JSONL: same field names, native types where they help."""
        row: dict[str, Any] = dict(self.to_dict())
        row["encrypted"] = self.encrypted
        row["size"] = self.size
        row["records"] = self.records
        row["key_info"] = list(self.key_info)
        row["entities"] = dict(sorted(self.entities.items()))
        row["violations"] = list(self.violations)
        row["evidence"] = list(self.evidence)
        return row
