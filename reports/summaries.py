"""Findings rolled up per directory, per owner and in total, for the manager's report.

A 個人情報保護管理者 reading 100,000 rows first wants to know *where* the problems are
and *whose* they are: which folder holds the 危険度① files, which member of staff keeps
unencrypted rosters. These are pure functions over `FileResult` rows; the HTML report
shows their result, and nothing here reads files or knows about the scanner.

Every row counts once: a file, or a member of an archive or mail (``ARCHIVE!member``),
which counts in the directory of its archive (the part of the path before the first
"!"). Levels, violations, encryption, errors and changes are counted per row, as the
scan's own summary counts them; `files` and `members` say how many of each there were.

Sample (``by_directory(rows, roots=("/srv/share",), depth=1)``)::

    Group(key="/srv/share/経理", files=12, members=3, levels={"1": 4, "2": 2, ...}, ...)
    Group(key="/srv/share/教務", files=40, members=0, levels={"1": 1, "2": 9, ...}, ...)
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reports.model import FileResult

# The levels of the SPEC's `risk_level`, most severe first (① > ② > unknown > 0: what was
# found outranks what could not be looked at, as the classifier orders them).
LEVELS: tuple[str, ...] = ("1", "2", "unknown", "0")
PERSONAL = frozenset({"1", "2"})
TOTAL_KEY = "合計"


def level_of(row: FileResult) -> str:
    """The row's level as one of `LEVELS`.

    The scanner fills every row, but a report must not drop a row whose level is empty or
    unexpected: empty means "never classified", which the scanner itself reads as
    unknown when something went wrong and as 0 otherwise (a type it does not read); any
    other value is shown as unknown rather than guessed at.
    """
    level = row.risk_level
    if level in LEVELS:
        return level
    if not level:
        return "unknown" if row.error else "0"
    return "unknown"


def is_member(row: FileResult) -> bool:
    """True for a member of an archive or mail (the SPEC writes it ``ARCHIVE!member``).

    Decided by the "!" alone, so that rows can be counted one at a time in any order
    (a state database need not list an archive before its members). A file whose own
    name holds a "!" is therefore counted as a member; its directory is still right
    unless a *directory* name on its path holds the "!".
    """
    return "!" in row.path


def file_path(row: FileResult) -> str:
    """The path of the file on disk the row belongs to: itself, or its archive."""
    return row.path.split("!", 1)[0]


@dataclass(slots=True)
class Group:
    """The counts for one directory, one owner, or all rows.

    `levels` always holds the four `LEVELS`; `violations` only the codes seen.
    `records` adds up the estimated individuals of the ① and ② rows, members included:
    an archive's own `records` never include its members' (the scanner keeps each row's
    entities and records its own), so nothing is counted twice.
    """

    key: str
    files: int = 0
    members: int = 0
    levels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    violations: Counter[str] = field(default_factory=Counter)
    records: int = 0
    encrypted: int = 0
    errors: int = 0
    new: int = 0

    @property
    def rows(self) -> int:
        return self.files + self.members

    def add(self, row: FileResult) -> None:
        """Count one row in this group."""
        if is_member(row):
            self.members += 1
        else:
            self.files += 1
        level = level_of(row)
        self.levels[level] += 1
        self.violations.update(row.violations)
        if level in PERSONAL and row.records:
            self.records += row.records
        self.encrypted += row.encrypted
        self.errors += bool(row.error)
        self.new += row.change == "new"

    def merge(self, other: Group) -> None:
        """Add another group's counts to this one (the key stays this group's)."""
        self.files += other.files
        self.members += other.members
        for level, count in other.levels.items():
            self.levels[level] = self.levels.get(level, 0) + count
        self.violations.update(other.violations)
        self.records += other.records
        self.encrypted += other.encrypted
        self.errors += other.errors
        self.new += other.new


def severity_order(group: Group) -> tuple[int, int, str]:
    """Sort key: most 危険度① rows first, then most ②, then by key."""
    return (-group.levels["1"], -group.levels["2"], group.key)


class Summarizer:
    """Counts rows into groups as they come, so a report need not keep every row.

    `key` names the group of a row; `by_directory` and `by_owner` are this class run
    over a list. The HTML report feeds it row by row (a state database may hold 10^6).
    """

    def __init__(self, key: Callable[[FileResult], str]) -> None:
        self._key = key
        self._groups: dict[str, Group] = {}

    def add(self, row: FileResult) -> None:
        name = self._key(row)
        group = self._groups.get(name)
        if group is None:
            group = self._groups[name] = Group(name)
        group.add(row)

    def groups(self) -> list[Group]:
        """The groups, most severe first (see `severity_order`)."""
        return sorted(self._groups.values(), key=severity_order)


class DirectoryKey:
    """The directory a row is counted in, optionally cut to `depth` levels below a root.

    With `depth` None, the parent directory of the file (of the archive, for a member).
    With `depth` N and `roots`, the longest root holding the file plus the first N
    directories below it, so that ``/srv/share/経理/2024/旅費/a.xlsx`` counts in
    ``/srv/share/経理`` for root ``/srv/share`` and depth 1: a manager sees one line per
    department, not one per folder. A file directly in the root, or under no root,
    counts in its parent directory.
    """

    def __init__(self, roots: Sequence[str] = (), depth: int | None = None) -> None:
        if depth is not None and depth < 0:
            raise ValueError(f"depth must be 0 or more, not {depth}")
        self._depth = depth
        # Longest first, so that the first root that holds a path is the longest one.
        self._roots = sorted({_norm_root(r) for r in roots}, key=len, reverse=True)

    def __call__(self, row: FileResult) -> str:
        parent = posixpath.dirname(file_path(row)) or "."
        if self._depth is None:
            return parent
        for root in self._roots:
            if parent == root:
                return root
            prefix = root if root.endswith("/") else root + "/"
            if parent.startswith(prefix):
                below = parent[len(prefix) :].split("/")
                return posixpath.join(root, *below[: self._depth])
        return parent


class OwnerKey:
    """The owner a row is counted under (members take their file's owner from the scanner)."""

    def __call__(self, row: FileResult) -> str:
        return row.owner


def _norm_root(root: str) -> str:
    """``/srv/share/`` and ``/srv/share`` are the same root; ``/`` stays ``/``."""
    stripped = root.rstrip("/")
    return stripped or "/"


def by_directory(
    rows: Iterable[FileResult], roots: Sequence[str] = (), depth: int | None = None
) -> list[Group]:
    """Rows grouped by directory (see `DirectoryKey`), most severe first."""
    summary = Summarizer(DirectoryKey(roots, depth))
    for row in rows:
        summary.add(row)
    return summary.groups()


def by_owner(rows: Iterable[FileResult]) -> list[Group]:
    """Rows grouped by owner (an empty owner is a group of its own), most severe first."""
    summary = Summarizer(OwnerKey())
    for row in rows:
        summary.add(row)
    return summary.groups()


def totals(rows: Iterable[FileResult]) -> Group:
    """All rows in one group, keyed `TOTAL_KEY`."""
    group = Group(TOTAL_KEY)
    for row in rows:
        group.add(row)
    return group
