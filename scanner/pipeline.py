"""One file in, findings rows out: read → detect type → extract → (analyse) → rows.

This runs inside a worker process (see `scanner.workers`), so it may be slow, crash or
be killed without taking the scan down. Whatever goes wrong with one file or one
archive member becomes that row's `error`; the rows of its siblings are unaffected.

Containers (archives, mails) produce one row for themselves and one per member, with
member paths written `ARCHIVE!member`; nesting repeats the `!`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from recognizers.analysis import Analysis
from recognizers.content import Block, TextBlock
from recognizers.engine import shared_analyzer
from reports.model import FileResult
from scanner.crawl import FileEntry
from scanner.errors import EncryptedError, LimitExceeded, safe_error
from scanner.extractors import extractor_for, registry
from scanner.extractors.base import ExtractContext, Extraction, Member
from scanner.fileio import read_file
from scanner.filetype import detect
from scanner.limits import Limits
from scanner.metadata import iso_datetime, iso_time, owner_name

MAX_DECRYPT_LAYERS = 3  # an encrypted package inside an encrypted package is already odd


Analyze = Callable[[Sequence[Block]], Analysis]


@dataclass(frozen=True, slots=True)
class ScanSettings:
    limits: Limits = field(default_factory=Limits)
    passwords: tuple[str, ...] = ()
    follow_symlinks: bool = False
    analyze: bool = True  # False: extract only (the benchmark's extraction stage)
    deep: bool = False  # add GiNZA's neural NER for names in running prose
    # An institution's own identifier formats: (entity type, (regex, ...)) pairs.
    formats: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def analyzer(self) -> Analyze | None:
        """The recognizer stage of this process, loaded on first use."""
        if not self.analyze:
            return None
        return shared_analyzer(self.deep, self.formats).analyze


def warm_up(settings: ScanSettings) -> None:
    """Load what the first file would otherwise load: the extractors, libmagic, GiNZA.

    A worker calls this before it takes files, so that a file's timeout measures the
    file and not the second or so of loading models and libraries.
    """
    registry()
    detect(b"warm-up")
    analyze = settings.analyzer()
    if analyze is not None:
        analyze([TextBlock("氏名：山田 太郎 様 090-1234-5678")])


def _facts_row(path: str, st: os.stat_result | None, error: str = "") -> FileResult:
    return FileResult(
        path=path,
        size=st.st_size if st else None,
        mtime=iso_time(st.st_mtime) if st else "",
        owner=owner_name(st.st_uid) if st else "",
        error=error,
    )


def entry_row(entry: FileEntry) -> FileResult:
    """A row with what the crawler knows of a file: its metadata, nothing read yet."""
    return _facts_row(entry.path, entry.st, entry.error)


def scan_entry(entry: FileEntry, settings: ScanSettings) -> list[FileResult]:
    """All rows for one crawled file (the file itself, then its members)."""
    base = entry_row(entry)
    if entry.error:
        return [base]
    try:
        read = read_file(
            entry.raw, settings.limits.max_file_bytes, follow_symlinks=settings.follow_symlinks
        )
    except FileNotFoundError:
        return [base.with_error("vanished before it could be read")]
    except PermissionError:
        return [base.with_error("permission denied")]
    except Exception as exc:  # any failure to read is this file's error, not the scan's
        return [base.with_error(safe_error(exc))]
    base = _facts_row(entry.path, read.st)  # the stat taken while reading is the fresher
    ctx = ExtractContext.for_file(settings.limits, settings.passwords)
    return list(scan_bytes(base, read.data, ctx, settings.analyzer()))


def scan_bytes(
    base: FileResult, data: bytes, ctx: ExtractContext, analyze: Analyze | None = None
) -> Iterator[FileResult]:
    """Rows for `data` (a file or a member) described by `base`, then for its members."""
    row, extraction = _extract(base, data, ctx)
    if extraction is None:
        yield row
        return
    notes = list(extraction.notes)
    if analyze is not None:
        row = _analyse(row, extraction.blocks, analyze, notes)
    member_rows: list[FileResult] = []
    try:
        for member in extraction.members:
            member_rows.extend(_scan_member(row, member, ctx, analyze))
    except Exception as exc:  # a guard tripped part-way: keep what was read
        notes.append(safe_error(exc))
    if notes and not row.error:
        row = row.with_error("; ".join(notes))
    yield row
    yield from member_rows


def _extract(
    base: FileResult, data: bytes, ctx: ExtractContext
) -> tuple[FileResult, Extraction | None]:
    """Detect the type and run the extractor, peeling decrypted layers."""
    mime = detect(data)
    row = replace(base, file_type=mime)
    encrypted = False
    try:
        for _ in range(MAX_DECRYPT_LAYERS + 1):
            extractor = extractor_for(mime)
            if extractor is None:
                return row, None  # a type we do not read (an image, a binary): no error
            extraction = extractor.extract(data, ctx)
            encrypted = encrypted or extraction.encrypted
            if extraction.inner is None:
                return replace(row, file_type=mime, encrypted=encrypted), extraction
            data, mime = extraction.inner, detect(extraction.inner)
        raise LimitExceeded("too many layers of encryption")
    except EncryptedError as exc:
        return replace(row, encrypted=True, risk_level="unknown", error=str(exc)), None
    except Exception as exc:  # corrupt, truncated, unsupported, guard tripped
        return replace(row, encrypted=encrypted, error=safe_error(exc)), None


def _analyse(
    row: FileResult, blocks: Sequence[Block], analyze: Analyze, notes: list[str]
) -> FileResult:
    """The row with what the recognizers found in the extracted text (no raw values)."""
    try:
        analysis = analyze(blocks)
    except Exception as exc:  # a recognizer bug must not lose the file's row
        notes.append(f"analysis failed: {safe_error(exc)}")
        return row
    return replace(
        row,
        entities=analysis.counts,
        records=analysis.records,
        evidence=analysis.evidence_strings(),
    )


def _scan_member(
    parent: FileResult, member: Member, ctx: ExtractContext, analyze: Analyze | None
) -> Iterator[FileResult]:
    base = FileResult(
        path=f"{parent.path}!{member.name}",
        size=len(member.data) if member.data is not None else None,
        mtime=iso_datetime(member.mtime) if member.mtime else parent.mtime,
        owner=parent.owner,
        encrypted=member.encrypted,
    )
    if member.data is None:
        risk = "unknown" if member.encrypted else ""
        yield replace(base, risk_level=risk, error=member.error or "member could not be read")
        return
    nested = ctx.nested()
    if nested.depth > ctx.limits.max_depth:
        yield base.with_error(f"nested deeper than {ctx.limits.max_depth} levels; not opened")
        return
    for row in scan_bytes(base, member.data, nested, analyze):
        # A member decrypted with a password stays encrypted=yes, like its container says.
        yield replace(row, encrypted=row.encrypted or member.encrypted)
