"""Scanning against a state database: read only what changed, pick up where a scan died.

For each crawled file `Incremental.triage` decides, without reading it:
- **unchanged** (same size, mtime and inode as recorded, analysed with the same settings):
  its stored rows are reused. Only what depends on the moment and the place is redone —
  owner, zone and violations (`refresh`): a file that became world-readable, lies in a
  newly declared zone or passed its retention period is reported as such without being
  read again;
- **moved** (no record at this path, but one with the same device, inode, size and
  mtime): the rows of the old path are reused under the new one;
- otherwise it is **analysed**: new or modified files, files whose last read failed for a
  passing reason (`TRANSIENT`), files analysed under another policy or piiscan version
  (`analysis_key`), encrypted files that came out `unknown` when passwords are given
  now, and every file under `--full`.

Each analysed file is stored as soon as its worker answers, in transactions committed at
least every `COMMIT_EVERY_S`: a scan killed at any point loses at most that much work,
and the next scan (a new run) reuses everything already stored. Files are marked gone only
when a run reaches the end of its walk, so a killed scan never reports a file gone.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version

from reports.model import FileResult
from scanner.crawl import Crawler, FileEntry
from scanner.grading import locate
from scanner.metadata import owner_name
from scanner.pipeline import ScanSettings
from scanner.statedb import Fingerprint, Known, StateDB
from scanner.workers import WorkerPool

COMMIT_EVERY_S = 1.0
# Errors that say nothing about the file's content: the next scan tries it again.
TRANSIENT = (
    "vanished",
    "permission denied",
    "file changed while being read",
    "worker process died",
    "directory not listed",
)


def analysis_key(settings: ScanSettings) -> str:
    """A digest of everything the stored rows depend on besides the file itself.

    A file analysed under another policy, another piiscan version or with the neural
    NER on or off is analysed again; limits and passwords are not part of it (see
    `Incremental.triage` for passwords).
    """
    try:
        release = version("piiscan")
    except PackageNotFoundError:  # running from a source tree that was not installed
        release = "source"
    digest = hashlib.sha256()
    for part in (release, settings.policy.to_toml(), f"deep={settings.deep}"):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Counts:
    """What a run did with the files it saw."""

    analysed: int = 0
    reused: int = 0
    moved: int = 0
    gone: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "analysed": self.analysed,
            "reused": self.reused,
            "moved": self.moved,
            "gone": self.gone,
        }


@dataclass(frozen=True, slots=True)
class Stored:
    """A file's rows before and after a run stored them (the daemon logs the difference)."""

    path: str
    before: tuple[FileResult, ...]
    after: tuple[FileResult, ...]


@dataclass(slots=True)
class Incremental:
    """One run's decisions against the state database (see the module docstring)."""

    db: StateDB
    settings: ScanSettings
    run: int
    full: bool = False
    counts: Counts = field(default_factory=Counts)
    key: str = ""
    # Told whenever a file's stored rows change: analysed, moved, or refreshed because
    # its place, mode or owner changed (the daemon logs new violations from it).
    notify: Callable[[Stored], None] | None = None

    def __post_init__(self) -> None:
        self.key = self.key or analysis_key(self.settings)

    def triage(self, entry: FileEntry, now: float | None = None) -> FileEntry | None:
        """None when the file was settled from the database; else the entry to analyse."""
        st = entry.st
        if self.full or entry.error or st is None:
            return entry
        now = time.time() if now is None else now
        fp = Fingerprint.of(st)
        known = self.db.known(entry.path)
        if known is not None:
            if not self.unchanged(known, st):
                return entry
            stored = self.db.rows(known.id)
            if self._needs_passwords(stored):
                return entry
            fresh = self.refresh(stored, entry, now)
            if known.gone is not None:  # back after it was found gone: new again
                self.db.record(self.run, entry.path, st, fresh, self.key)
                self._notify(entry.path, (), fresh)
            else:
                self.db.seen(self.run, known, st, None if fresh == stored else fresh)
                if fresh != stored:
                    self._notify(entry.path, stored, fresh)
            self.counts.reused += 1
            return None
        moved = self.db.same_inode(fp, self.key, entry.path)
        if moved is None:
            return entry
        stored = self.db.rows(moved.id)
        if self._needs_passwords(stored):
            return entry
        renamed = [replace(r, path=entry.path + r.path[len(moved.path) :]) for r in stored]
        fresh = self.refresh(renamed, entry, now)
        self.db.record(self.run, entry.path, st, fresh, self.key)
        self._notify(entry.path, (), fresh)
        self.counts.moved += 1
        return None

    def _notify(self, path: str, before: Sequence[FileResult], after: Sequence[FileResult]) -> None:
        if self.notify is not None:
            self.notify(Stored(path, tuple(before), tuple(after)))

    def _reusable(self, known: Known) -> bool:
        return known.analysis_key == self.key and not known.retry

    def unchanged(self, known: Known, st: os.stat_result) -> bool:
        """Whether `triage` would settle this file without reading it (passwords aside)."""
        return (
            not self.full
            and self._reusable(known)
            and Fingerprint.of(st).same_content(known.fingerprint)
        )

    def _needs_passwords(self, rows: Sequence[FileResult]) -> bool:
        """Encrypted content nobody could read, and passwords to try now."""
        return bool(self.settings.passwords) and any(
            r.encrypted and r.risk_level == "unknown" for r in rows
        )

    def refresh(self, rows: Sequence[FileResult], entry: FileEntry, now: float) -> list[FileResult]:
        """Stored rows with what may have changed without the content changing: the
        owner, the zone and the violations (mode, retention, zones)."""
        st = entry.st
        owner = owner_name(st.st_uid) if st else ""
        rows = [r if r.owner == owner else replace(r, owner=owner) for r in rows]
        settings = self.settings
        return locate(rows, st, settings.policy, settings.zone_map, now)

    def store(self, entry: FileEntry, rows: Sequence[FileResult]) -> None:
        """Keep what a worker made of `entry`, placed by this process's zone map (the
        watch daemon updates it when drives come and go; its workers keep theirs)."""
        rows = self.refresh(rows, entry, time.time())
        error = rows[0].error if rows else ""
        retry = entry.st is None or error.startswith(TRANSIENT)
        known = self.db.known(entry.path)
        before = tuple(self.db.rows(known.id)) if known and known.gone is None else ()
        self.db.record(self.run, entry.path, entry.st, rows, self.key, retry=retry)
        self.counts.analysed += 1
        self._notify(entry.path, before, rows)


Progress = Callable[[int], None]


def scan_into(
    inc: Incremental,
    crawler: Crawler,
    roots: Sequence[str],
    pool: WorkerPool,
    *,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    keep_open: bool = False,
) -> bool:
    """Crawl `roots`, analyse what changed with `pool`, store it; mark the missing gone.

    `roots` are absolute paths. Returns False when `stop` cut the walk short (then nothing
    is marked gone: the files not reached were not missing, just not looked at). The
    counts are in `inc.counts`; the caller finishes the run.
    """
    db = inc.db
    unlisted: list[str] = []
    clock = [time.monotonic()]
    walked = [False]

    def tick(files: int) -> None:
        if progress is not None:
            progress(files)
        if time.monotonic() - clock[0] >= COMMIT_EVERY_S:
            db.commit()
            db.begin()
            clock[0] = time.monotonic()

    def pending(entries: Iterable[FileEntry]) -> Iterator[FileEntry]:
        for entry in entries:
            if entry.st is None and entry.error.startswith("directory not listed"):
                unlisted.append(entry.path)
            todo = inc.triage(entry)
            if todo is None:
                tick(1)
            else:
                yield todo
        walked[0] = True

    db.begin_sweep()
    db.begin()
    try:
        for entry, rows in pool.results(
            pending(crawler.walk(roots)), stop=stop, keep_open=keep_open
        ):
            inc.store(entry, rows)
            tick(1)
        complete = walked[0] and not (stop is not None and stop())
        if complete:
            inc.counts.gone += db.mark_gone_under(inc.run, roots, unlisted)
    finally:
        db.commit()  # what finished is kept, even when the scan is cut short
    return complete
