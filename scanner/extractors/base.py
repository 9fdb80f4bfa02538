"""The extractor seam: one module per format, each a subclass of `Extractor`.

An extractor turns the bytes of one file into structured text (`TextBlock`s and
`Table`s that keep their header) and, for containers such as archives and mail, into
`Member`s that the pipeline scans as rows of their own (`ARCHIVE!member`).

Adding a format is one file in this package plus its test: subclass `Extractor`, list
the MIME types it reads, implement `extract`. The registry finds it by itself.

Contract for implementers:
- Work from `data` only; never touch the file system or the network.
- Raise `ExtractionError` (corrupt, unsupported), `LimitExceeded` (a guard tripped) or
  `EncryptedError` (no supplied password opened it). Anything else is caught too, but
  our own exceptions give the user a clearer `error` cell.
- Respect `ctx.limits` and charge what you expand to `ctx.budget`.
- Set `encrypted=True` when the content was encrypted and a password opened it, and for
  a container that holds encrypted members (opened or not: the members say which).
- When decryption yields a whole new file (an encrypted Office package), return it in
  `inner` instead of parsing it yourself; the pipeline detects its type and goes on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from recognizers.content import Block, Table, TextBlock
from scanner.errors import LimitExceeded
from scanner.limits import Limits


@dataclass(slots=True)
class Budget:
    """What one top-level file may still expand to, shared across all its nesting."""

    bytes_left: int
    members_left: int

    def charge(self, nbytes: int, members: int = 0) -> None:
        self.bytes_left -= nbytes
        self.members_left -= members
        if self.bytes_left < 0:
            raise LimitExceeded("expanded size exceeds the limit (possible zip bomb)")
        if self.members_left < 0:
            raise LimitExceeded("too many archive members (possible zip bomb)")


@dataclass(frozen=True, slots=True)
class ExtractContext:
    limits: Limits = field(default_factory=Limits)
    passwords: tuple[str, ...] = ()
    depth: int = 0  # 0 for a file on disk, +1 for each archive or mail it sits inside
    budget: Budget = field(
        default_factory=lambda: Budget(Limits().max_expanded_bytes, Limits().max_members)
    )

    @classmethod
    def for_file(cls, limits: Limits, passwords: Sequence[str] = ()) -> ExtractContext:
        budget = Budget(limits.max_expanded_bytes, limits.max_members)
        return cls(limits=limits, passwords=tuple(passwords), depth=0, budget=budget)

    def nested(self) -> ExtractContext:
        return ExtractContext(self.limits, self.passwords, self.depth + 1, self.budget)

    def check_depth(self) -> None:
        """Raise LimitExceeded when a container at this depth may not be opened."""
        if self.depth >= self.limits.max_depth:
            raise LimitExceeded(f"archive nested deeper than {self.limits.max_depth} levels")


@dataclass(slots=True)
class Member:
    """A file inside a container: an archive entry or a mail attachment."""

    name: str
    data: bytes | None  # None when it could not be read (see error / encrypted)
    error: str = ""
    encrypted: bool = False
    mtime: datetime | None = None


@dataclass(slots=True)
class Extraction:
    blocks: list[Block] = field(default_factory=list)
    # May be a generator: archives yield members one at a time to bound memory; a guard
    # that trips mid-way raises from the iteration and the pipeline records it.
    members: Iterable[Member] = field(default_factory=list)
    encrypted: bool = False
    inner: bytes | None = None  # a decrypted file to be processed in place of this one
    notes: list[str] = field(default_factory=list)  # partial reads, truncation


class Extractor(ABC):
    """Reads one family of formats. Subclasses are found by `scanner.extractors`."""

    #: MIME types (as `scanner.filetype.detect` reports them) this extractor reads.
    mime_types: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        """Turn `data` into blocks and members."""


class TextBudget:
    """Collects text blocks and stops once `max_chars` have been gathered."""

    def __init__(self, max_chars: int) -> None:
        self.left = max_chars
        self.truncated = False

    def take(self, text: str) -> str:
        if len(text) <= self.left:
            self.left -= len(text)
            return text
        self.truncated = True
        text, self.left = text[: self.left], 0
        return text

    @property
    def exhausted(self) -> bool:
        return self.left <= 0


def _is_texty(cell: str) -> bool:
    stripped = cell.strip()
    return bool(stripped) and not stripped.replace(".", "", 1).replace("-", "", 1).isdigit()


def make_blocks(rows: Iterable[Sequence[object]], where: str = "") -> list[Block]:
    """Turn raw grid rows into a header-plus-rows `Table`, keeping titles as text.

    Office sheets often open with a title ("2024年度 履修者名簿") and blank lines before
    the real header. The header is the first row that fills at least half the widest
    row's columns (and two or more) with text that is not a number; rows above it
    become a `TextBlock`. Empty rows are dropped and trailing empty cells trimmed.
    """
    grid: list[tuple[str, ...]] = []
    for row in rows:
        cells = ["" if c is None else str(c).strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            grid.append(tuple(cells))
    if not grid:
        return []
    width = max(len(r) for r in grid[:50])
    need = max(2, (width + 1) // 2)
    header_at = None
    for i, row in enumerate(grid[:20]):
        if sum(_is_texty(c) for c in row) >= need:
            header_at = i
            break
    blocks: list[Block] = []
    if header_at is None:
        # No header row: a grid of values (or a single column); keep it as a table with
        # an empty header so the classifier still counts its rows.
        blocks.append(Table(header=(), rows=grid, where=where))
        return blocks
    if header_at:
        title = "\n".join(" ".join(c for c in r if c) for r in grid[:header_at])
        blocks.append(TextBlock(title, where=where))
    blocks.append(Table(header=grid[header_at], rows=grid[header_at + 1 :], where=where))
    return blocks
