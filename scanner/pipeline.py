"""One file in, findings rows out: read → detect type → extract → (analyse) → rows.

This runs inside a worker process (see `scanner.workers`), so it may be slow, crash or
be killed without taking the scan down. Whatever goes wrong with one file or one
archive member becomes that row's `error`; the rows of its siblings are unaffected.

Containers (archives, mails) produce one row for themselves and one per member, with
member paths written `ARCHIVE!member`; nesting repeats the `!`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from classifier.codes import Level
from classifier.matrix import Decision
from classifier.policy import Policy, default_policy
from classifier.zones import ZoneMap
from recognizers.analysis import Analysis
from recognizers.content import Block, TextBlock
from reports.model import FileResult
from scanner.crawl import FileEntry
from scanner.errors import EncryptedError, LimitExceeded, safe_error
from scanner.extractors import extractor_for, registry
from scanner.extractors.base import ExtractContext, Extraction, Member
from scanner.fileio import read_file
from scanner.filetype import detect
from scanner.grading import decide, grade, locate, most_severe
from scanner.limits import Limits
from scanner.metadata import iso_datetime, iso_time, owner_name
from scanner.stageclock import timed

MAX_DECRYPT_LAYERS = 3  # an encrypted package inside an encrypted package is already odd


Analyze = Callable[[Sequence[Block]], Analysis]
Record = Callable[[FileResult, Analysis, Decision], None]


@dataclass(frozen=True, slots=True)
class Stage:
    """What happens to extracted content: the recognizers, then the classifier.

    `record` sees each document's analysis and decision as they are made; `piiscan
    explain` uses it to show the steps behind a row.
    """

    analyze: Analyze
    policy: Policy
    record: Record | None = None


@dataclass(frozen=True, slots=True)
class ScanSettings:
    limits: Limits = field(default_factory=Limits)
    passwords: tuple[str, ...] = ()
    follow_symlinks: bool = False
    analyze: bool = True  # False: extract only (the benchmark's extraction stage)
    deep: bool = False  # add GiNZA's neural NER for names in running prose
    policy: Policy = field(default_factory=default_policy)
    zones: ZoneMap | None = None  # None: the policy's zones, no removable mounts

    def analyzer(self) -> Analyze | None:
        """The recognizer stage of this process, loaded on first use."""
        if not self.analyze:
            return None
        # Imported here, not at the top: Presidio and spaCy take about a second to import,
        # and a rescan in which nothing changed, or a report, never analyses anything.
        # Workers import it before their first file (`warm_up`; the forkserver preloads it).
        from recognizers.engine import shared_analyzer

        return shared_analyzer(self.deep, self.policy.formats).analyze

    def stage(self, record: Record | None = None) -> Stage | None:
        """The analysis and grading stage of this process (None: extraction only)."""
        analyze = self.analyzer()
        return None if analyze is None else Stage(analyze, self.policy, record)

    @property
    def zone_map(self) -> ZoneMap:
        return self.zones if self.zones is not None else ZoneMap(self.policy)


def warm_up(settings: ScanSettings) -> None:
    """Load what the first file would otherwise load: the extractors, libmagic, GiNZA.

    A worker calls this before it takes files, so that a file's timeout measures the
    file and not the second or so of loading models and libraries.
    """
    registry()
    detect(b"warm-up")
    stage = settings.stage()
    if stage is not None:
        stage.analyze([TextBlock("氏名：山田 太郎 様 090-1234-5678")])


def _facts_row(path: str, st: os.stat_result | None, error: str = "") -> FileResult:
    return FileResult(
        path=path,
        size=st.st_size if st else None,
        mtime=iso_time(st.st_mtime) if st else "",
        owner=owner_name(st.st_uid) if st else "",
        error=error,
    )


def entry_row(entry: FileEntry, settings: ScanSettings, error: str = "") -> FileResult:
    """The row of a file whose content was not read: its metadata, where it lies, why.

    Content that could not be inspected is `unknown`, not 0: nobody looked at it.
    """
    row = _facts_row(entry.path, entry.st, error or entry.error)
    if row.error:
        row = replace(row, risk_level=Level.UNKNOWN.value)
    return locate([row], entry.st, settings.policy, settings.zone_map, time.time())[0]


def scan_entry(
    entry: FileEntry, settings: ScanSettings, record: Record | None = None
) -> list[FileResult]:
    """All rows for one crawled file (the file itself, then its members)."""
    if entry.error:
        return [entry_row(entry, settings)]
    try:
        with timed("read"):
            read = read_file(
                entry.raw, settings.limits.max_file_bytes, follow_symlinks=settings.follow_symlinks
            )
    except FileNotFoundError:
        return [entry_row(entry, settings, "vanished before it could be read")]
    except PermissionError:
        return [entry_row(entry, settings, "permission denied")]
    except Exception as exc:  # any failure to read is this file's error, not the scan's
        return [entry_row(entry, settings, safe_error(exc))]
    base = _facts_row(entry.path, read.st)  # the stat taken while reading is the fresher
    ctx = ExtractContext.for_file(settings.limits, settings.passwords)
    rows = list(scan_bytes(base, read.data, ctx, settings.stage(record)))
    with timed("classification"):
        return locate(rows, read.st, settings.policy, settings.zone_map, time.time())


def scan_bytes(
    base: FileResult, data: bytes, ctx: ExtractContext, stage: Stage | None = None
) -> Iterator[FileResult]:
    """Rows for `data` (a file or a member) described by `base`, then for its members."""
    row, extraction = _extract(base, data, ctx)
    if extraction is None:
        if stage is not None and not row.risk_level:
            # Unreadable content is unknown; a type without text (an image) has nothing to find.
            row = replace(row, risk_level=(Level.UNKNOWN if row.error else Level.NONE).value)
        yield row
        return
    notes = list(extraction.notes)
    if stage is not None:
        row = _analyse(row, extraction.blocks, stage, notes)
    member_rows: list[FileResult] = []
    try:
        for member in extraction.members:
            member_rows.extend(_scan_member(row, member, ctx, stage))
    except Exception as exc:  # a guard tripped part-way: keep what was read
        notes.append(safe_error(exc))
    if stage is not None:
        row = most_severe(row, member_rows)
    if notes and not row.error:
        row = row.with_error("; ".join(notes))
    yield row
    yield from member_rows


def _extract(
    base: FileResult, data: bytes, ctx: ExtractContext
) -> tuple[FileResult, Extraction | None]:
    """Detect the type and run the extractor, peeling decrypted layers."""
    with timed("type detection"):
        mime = detect(data)
    row = replace(base, file_type=mime)
    encrypted = False
    try:
        for _ in range(MAX_DECRYPT_LAYERS + 1):
            extractor = extractor_for(mime)
            if extractor is None:
                return row, None  # a type we do not read (an image, a binary): no error
            with timed("extraction"):
                extraction = extractor.extract(data, ctx)
            encrypted = encrypted or extraction.encrypted
            if extraction.inner is None:
                return replace(row, file_type=mime, encrypted=encrypted), extraction
            with timed("type detection"):
                data, mime = extraction.inner, detect(extraction.inner)
        raise LimitExceeded("too many layers of encryption")
    except EncryptedError as exc:
        return replace(row, encrypted=True, risk_level="unknown", error=str(exc)), None
    except Exception as exc:  # corrupt, truncated, unsupported, guard tripped
        return replace(row, encrypted=encrypted, error=safe_error(exc)), None


def _analyse(
    row: FileResult, blocks: Sequence[Block], stage: Stage, notes: list[str]
) -> FileResult:
    """The row with what the recognizers found (no raw values) and what that makes it."""
    try:
        with timed("analysis"):
            analysis = stage.analyze(blocks)
        with timed("classification"):
            decision = decide(_name(row.path), blocks, analysis, stage.policy)
    except Exception as exc:  # a recognizer bug must not lose the file's row
        notes.append(f"analysis failed: {safe_error(exc)}")
        return replace(row, risk_level=Level.UNKNOWN.value)
    row = grade(
        replace(
            row,
            entities=analysis.counts,
            records=analysis.records,
            evidence=analysis.evidence_strings(),
        ),
        decision,
    )
    if stage.record is not None:
        stage.record(row, analysis, decision)
    return row


def _name(path: str) -> str:
    """The file or member name a document was given: part of its title region."""
    return path.rsplit("!", 1)[-1].rsplit("/", 1)[-1]


def _scan_member(
    parent: FileResult, member: Member, ctx: ExtractContext, stage: Stage | None
) -> Iterator[FileResult]:
    base = FileResult(
        path=f"{parent.path}!{member.name}",
        size=len(member.data) if member.data is not None else None,
        mtime=iso_datetime(member.mtime) if member.mtime else parent.mtime,
        owner=parent.owner,
        encrypted=member.encrypted,
    )
    unread = "unknown" if member.encrypted or stage is not None else ""
    if member.data is None:
        yield replace(base, risk_level=unread, error=member.error or "member could not be read")
        return
    nested = ctx.nested()
    if nested.depth > ctx.limits.max_depth:
        error = f"nested deeper than {ctx.limits.max_depth} levels; not opened"
        yield replace(base, risk_level=unread, error=error)
        return
    for row in scan_bytes(base, member.data, nested, stage):
        # A member decrypted with a password stays encrypted=yes, like its container says.
        yield replace(row, encrypted=row.encrypted or member.encrypted)
