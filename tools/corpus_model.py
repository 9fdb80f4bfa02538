"""The format-independent model of a corpus document and of its ground-truth label.

A :class:`Document` is what a file *says* (title, paragraphs, tables) plus what it *is*
(危険度, 情報名, key information). Renderers in :mod:`tools.corpus_render` turn it into
bytes; :meth:`Document.entities` counts the personal data planted in it, by the rules in
``tools/CORPUS.md``:

* identifiers (``PERSON``, ``PHONE_NUMBER``, ``JP_STUDENT_ID``…) count one per
  occurrence — one per non-empty table cell of a column holding them;
* recorded information (``JP_GRADES``, ``JP_MEDICAL``… see :data:`RECORD_LEVEL`) counts
  one per individual whose record carries it, however many cells hold it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from recognizers.entities import ALL as ALL_ENTITY_TYPES

#: Entity names of SPEC.md, exactly as written there (one list: the recognizers').
ENTITY_TYPES: frozenset[str] = frozenset(ALL_ENTITY_TYPES)

#: 記載情報 types: counted once per individual, not per cell.
RECORD_LEVEL: frozenset[str] = frozenset(
    {
        "JP_GRADES",
        "JP_EXAM_RESULT",
        "JP_MEDICAL",
        "JP_EDUCATION_CAREER",
        "JP_GUARDIAN",
        "JP_CAREER_PATH",
    }
)

#: Violation codes of SPEC.md that the labels use.
VIOLATION_CODES: tuple[str, ...] = (
    "UNENCRYPTED",
    "TAKEOUT_PROHIBITED",
    "TAKEOUT_PERMIT_REQUIRED",
    "PUBLIC_LOCATION",
    "OUTSIDE_SECURE_AREA",
    "WORLD_READABLE",
    "STALE",
)

Cell = str | int | float | dt.date | None

#: Cell values that stand for "same as above" / "none" and are not personal data.
PLACEHOLDERS: frozenset[str] = frozenset({"同上", "同左", "―", "-", "なし"})


@dataclass(frozen=True)
class Column:
    """A table column: its header and the entity types each non-empty cell holds."""

    header: str
    entities: tuple[str, ...] = ()
    key: str = ""  # ASCII field name for JSON/XML exports
    width: int = 12


@dataclass
class Table:
    """A header row plus data rows; ``title`` lines sit above the header in spreadsheets."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    name: str = "Sheet1"
    title: list[str] = field(default_factory=list)
    one_record: bool = False  # all rows describe one individual (a 成績表 of one student)

    @property
    def headers(self) -> list[str]:
        """Header texts."""
        return [c.header for c in self.columns]

    def counts(self) -> Counter[str]:
        """Entities planted in the cells (see the module docstring for the rules)."""
        counts: Counter[str] = Counter()
        whole_table: set[str] = set()
        for row in self.rows:
            per_record: set[str] = whole_table if self.one_record else set()
            for column, value in zip(self.columns, row, strict=True):
                if value is None or value == "" or value in PLACEHOLDERS:
                    continue
                for entity in column.entities:
                    if entity in RECORD_LEVEL:
                        per_record.add(entity)
                    else:
                        counts[entity] += 1
            if not self.one_record:
                counts.update(per_record)
        counts.update(whole_table)
        return counts


@dataclass(frozen=True)
class Para:
    """A paragraph; ``style`` is ``title``, ``heading``, ``body`` or ``small``."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (PDF, DOCX) or slide (PPTX)."""


Block = Para | Table | PageBreak


class Tally:
    """Counts entities planted in prose: ``t(value, "PERSON")`` returns *value*."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, value: str, *entities: str) -> str:
        for entity in entities:
            if entity not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {entity}")
            self.counts[entity] += 1
        return value

    def record(self, *entities: str) -> None:
        """Count recorded information (成績, 診療情報…) once for one individual."""
        for entity in entities:
            self.counts[entity] += 1


@dataclass
class Document:
    """One document's content and its classification."""

    title: str
    blocks: Sequence[Block]
    level: int  # 0, 1 or 2
    category: str = ""
    key_info: tuple[str, ...] = ()
    records: int = 0
    tally: Tally = field(default_factory=Tally)
    header: str = ""
    footer: str = ""
    author: str = "神戸大学"
    date: dt.datetime = dt.datetime(2024, 4, 1, 9, 0)
    notes: str = ""

    @property
    def tables(self) -> list[Table]:
        """The tables, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def entities(self) -> Counter[str]:
        """Everything planted: prose tally plus table cells."""
        total = Counter(self.tally.counts)
        for table in self.tables:
            total.update(table.counts())
        return total

    def summary(self) -> Summary:
        """The classification the label records."""
        return Summary(self.level, self.category, self.key_info, self.entities(), self.records)


@dataclass(frozen=True)
class Summary:
    """What a label row says about content, independent of where the file sits."""

    level: int
    category: str = ""
    key_info: tuple[str, ...] = ()
    entities: Counter[str] = field(default_factory=Counter)
    records: int = 0

    @staticmethod
    def empty() -> Summary:
        """No personal data at all (archives: their members carry the data)."""
        return Summary(0)


# --------------------------------------------------------------------------- labels

LABEL_COLUMNS: tuple[str, ...] = (
    "path",
    "format",
    "risk_level",
    "category",
    "key_info",
    "entities",
    "records",
    "encrypted",
    "violations",
    "notes",
)


def zone_of(path: str) -> str:
    """Zone type a corpus path falls in, as the scanner's built-in defaults recognise it."""
    parts = PurePosixPath(path.split("!", 1)[0]).parts
    if any(p in ("public_html", "www", "公開") for p in parts):
        return "public"
    if any(p.startswith(("OneDrive", "Dropbox", "Google Drive", "Box")) for p in parts):
        return "cloud_sync"
    return "normal"


def violations(level: int, encrypted: bool, zone: str) -> list[str]:
    """Expected codes for a ①/② file (STALE, WORLD_READABLE, OUTSIDE_SECURE_AREA left out)."""
    if level not in (1, 2):
        return []
    codes = [] if encrypted else ["UNENCRYPTED"]
    if zone == "public":
        codes.append("PUBLIC_LOCATION")
    if zone == "cloud_sync":
        codes.append("TAKEOUT_PROHIBITED" if level == 1 else "TAKEOUT_PERMIT_REQUIRED")
    return codes


def format_entities(counts: Counter[str]) -> str:
    """``TYPE:count;…`` sorted by type, zero counts dropped."""
    for name in counts:
        if name not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {name}")
    return ";".join(f"{k}:{v}" for k, v in sorted(counts.items()) if v > 0)


def label_row(
    path: str,
    fmt: str,
    summary: Summary,
    *,
    encrypted: bool,
    level: int | None = None,
    notes: str = "",
) -> dict[str, str]:
    """One row of ``tools/corpus_labels.csv``.

    *level* overrides ``summary.level`` for containers (the most severe level of their
    members). An encrypted row gets ``risk_level=unknown`` and no violations — what a scan
    without passwords reports; what a scan with the password reports goes into ``notes``.
    """
    effective = summary.level if level is None else level
    zone = zone_of(path)
    note_parts = [notes] if notes else []
    if encrypted:
        risk = "unknown"
        codes: list[str] = []
        with_pw = violations(effective, True, zone)
        note_parts.append(
            f"with_password: risk_level={effective} violations={';'.join(with_pw) or '-'}"
        )
    else:
        risk = str(effective)
        codes = violations(effective, False, zone)
    return {
        "path": path,
        "format": fmt,
        "risk_level": risk,
        "category": summary.category,
        "key_info": ";".join(summary.key_info),
        "entities": format_entities(summary.entities),
        "records": str(summary.records),
        "encrypted": "yes" if encrypted else "no",
        "violations": ";".join(codes),
        "notes": " / ".join(note_parts),
    }
