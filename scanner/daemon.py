"""`piiscan watch`: keep the state database current while files come, change and go.

One thread of control does all the work; watchdog's observer thread only puts events
on a queue. The loop:
1. starts the observer *before* the first scan, so nothing changed during the scan is
   missed (an event for a file the scan already stored is then "unchanged": free);
2. scans the roots incrementally (as `piiscan scan --state` does), then checks with the
   kernel that every directory really got an inotify watch (`scanner.inotify`); if not
   (or if the limit refused the roots themselves) it says so loudly and falls back to
   periodic rescans of the roots, on top of the watches it did get;
3. turns events into work: a created, modified or closed file waits until it has been
   quiet (`Debouncer`), then is triaged like in a scan (unchanged, moved: no read) or
   analysed by the worker pool, which stays up between bursts so GiNZA loads once;
   deleted and moved-away paths are marked gone at once; a directory moved in is walked;
4. logs, as JSON lines, the violations a file newly has, the files that no longer
   violate anything, errors, and the daemon's own life (started, ready, fallback,
   stopped) — paths and codes only, never evidence;
5. stops on SIGINT/SIGTERM between two files: files being read are dropped (the next
   start reads them again), everything stored is committed, the run is marked
   `stopped`.
Zones are detected again when the mount table changes, so a USB stick plugged in while
the daemon runs is a removable zone for the files written to it.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from watchdog.events import (
    DirMovedEvent,
    FileClosedNoWriteEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from classifier.zones import ZoneMap
from reports.model import FileResult
from scanner import inotify
from scanner.crawl import Crawler, FileEntry
from scanner.debounce import Debouncer
from scanner.errors import safe_error
from scanner.incremental import Incremental, Stored, scan_into
from scanner.metadata import iso_datetime
from scanner.pipeline import ScanSettings, entry_row
from scanner.statedb import StateDB
from scanner.workers import WorkerPool

LOOP_S = 0.2  # longest wait before the loop looks at its queue and stop flag again
MOUNTS = Path("/proc/self/mountinfo")
MOUNTS_EVERY_S = 5.0


@dataclass(frozen=True, slots=True)
class WatchOptions:
    quiet_s: float = 1.0  # a file is read once it has not changed for this long
    max_wait_s: float = 30.0  # a file that keeps changing is read at least this often
    rescan_s: float = 600.0  # full rescans, when inotify cannot watch every directory
    jobs: int | None = None


class EventLog:
    """JSON lines, one event a line, flushed at once (a daemon's log is read live)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def emit(self, event: str, **fields: Any) -> None:
        record = {"time": iso_datetime(datetime.now()), "event": event, **fields}
        line = json.dumps(record, ensure_ascii=False)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()


class _Changes(FileSystemEventHandler):
    """Runs in watchdog's thread: only records what happened, for the main loop."""

    def __init__(self, events: queue.Queue[tuple[str, str, str]], own: Callable[[str], bool]):
        self._events = events
        self._own = own

    def on_any_event(self, event: FileSystemEvent) -> None:
        if isinstance(event, (FileOpenedEvent, FileClosedNoWriteEvent)):
            return  # reads, ours included: nothing changed
        src = os.fsdecode(event.src_path)
        dest = os.fsdecode(event.dest_path) if event.dest_path else ""
        if self._own(src) and (not dest or self._own(dest)):
            return
        kind = event.event_type  # created, modified, closed, attrib, deleted, moved
        if isinstance(event, DirMovedEvent) or (event.is_directory and kind == "moved"):
            kind = "dir_moved"
        elif event.is_directory and kind in ("created",):
            kind = "dir_created"
        elif event.is_directory and kind == "deleted":
            kind = "dir_deleted"
        elif event.is_directory:
            return  # a directory's own mtime/attributes: its files report themselves
        self._events.put((kind, src, dest))


class Watcher:
    """The daemon: see the module docstring."""

    def __init__(
        self,
        db: StateDB,
        settings: ScanSettings,
        roots: Sequence[str],
        crawler: Crawler,
        log: EventLog,
        options: WatchOptions | None = None,
        zones: Callable[[], ZoneMap] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.roots = [os.path.abspath(r) for r in roots]
        self.crawler = crawler
        self.log = log
        self.options = options or WatchOptions()
        self._zones = zones  # how to detect zones again when mounts change
        self._events: queue.Queue[tuple[str, str, str]] = queue.Queue()
        self._early: tuple[str, str, str] | None = None  # taken off the queue by a wait
        self._debouncer = Debouncer(self.options.quiet_s, self.options.max_wait_s)
        self._ready: deque[FileEntry] = deque()
        self._fallback = False
        self._observer: BaseObserver | None = None
        self._inc: Incremental | None = None
        self._pool = WorkerPool(settings, self.options.jobs)

    # -- life ------------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set; the caller holds the database's lock."""
        inc = Incremental(self.db, self.settings, 0, notify=self._report)
        inc.run = self.db.begin_run("watch", self.roots, inc.key)
        self._inc = inc
        status = "interrupted"
        self.log.emit("started", roots=self.roots, pid=os.getpid())
        try:
            self._pool.start()  # load GiNZA while the first scan walks
            self._observe()
            if self._scan(stop):
                self._check_coverage()
                self.log.emit(
                    "ready",
                    files=inc.counts.analysed + inc.counts.reused + inc.counts.moved,
                    **inc.counts.as_dict(),
                    mode="rescans" if self._fallback else "inotify",
                )
                self._loop(stop)
            status = "stopped"
        finally:
            if self._observer is not None:
                self._observer.stop()
            self._pool.close()
            self.db.commit()
            self.db.finish_run(inc.run, status, inc.counts.as_dict())
            self.log.emit("stopped", status=status, **inc.counts.as_dict())

    def _observe(self) -> None:
        observer = Observer()
        handler = _Changes(self._events, self._is_own)
        try:
            for root in self.roots:
                observer.schedule(handler, root, recursive=True)
            observer.start()
        except OSError as exc:
            if not inotify.is_limit_error(exc):
                raise
            self._fall_back(f"inotify refused to watch the roots: {exc.strerror}", None)
            return
        self._observer = observer

    def _check_coverage(self) -> None:
        """Compare the directories on disk with the watches the kernel holds."""
        if self._observer is None:
            return
        missing = inotify.unwatched(self.roots, self.settings.follow_symlinks)
        if missing:
            self._fall_back("inotify watch limit reached", missing)

    def _fall_back(self, reason: str, missing: int | None) -> None:
        if self._fallback:
            return
        self._fallback = True
        fields: dict[str, Any] = {
            "reason": reason,
            "max_user_watches": inotify.max_user_watches(),
            "rescan_every_s": self.options.rescan_s,
            "hint": inotify.HINT,
        }
        if missing is not None:
            fields["unwatched_directories"] = missing
        self.log.emit("fallback", **fields)
        print(
            f"piiscan watch: {reason}"
            + (f" ({missing:,} directories not watched)" if missing else "")
            + f"; falling back to a full rescan every {self.options.rescan_s:g} s. "
            + inotify.HINT,
            file=sys.stderr,
            flush=True,
        )

    def _scan(self, stop: threading.Event) -> bool:
        """An incremental scan of the roots with the daemon's pool; False if stopped."""
        assert self._inc is not None
        return scan_into(
            self._inc,
            self.crawler,
            self.roots,
            self._pool,
            stop=stop.is_set,
            keep_open=True,
        )

    # -- the loop --------------------------------------------------------------------------

    def _loop(self, stop: threading.Event) -> None:
        last_rescan = time.monotonic()
        mounts = _read_mounts()
        last_mounts = time.monotonic()
        while not stop.is_set():
            now = time.monotonic()
            self._take_events(now)
            for path in self._debouncer.due(now):
                self._guarded(path, self._queue_path)
            self._feed()
            self._collect()
            self.db.commit()
            if self._fallback and now - last_rescan >= self.options.rescan_s:
                self.log.emit("rescan")
                if not self._scan(stop):
                    break
                last_rescan = time.monotonic()
            if now - last_mounts >= MOUNTS_EVERY_S:
                last_mounts = now
                current = _read_mounts()
                if current != mounts:
                    mounts = current
                    self._zones_changed()
            if not self._pool.busy and not self._ready:
                self._wait_for_event()

    def _wait_for_event(self) -> None:
        due = self._debouncer.next_due()
        timeout = LOOP_S if due is None else max(0.0, min(LOOP_S, due - time.monotonic()))
        try:
            self._early = self._events.get(timeout=timeout)  # first in line for _take_events
        except queue.Empty:
            return

    def _next_event(self) -> tuple[str, str, str] | None:
        if self._early is not None:
            event, self._early = self._early, None
            return event
        try:
            return self._events.get_nowait()
        except queue.Empty:
            return None

    def _take_events(self, now: float) -> None:
        while (event := self._next_event()) is not None:
            kind, src, dest = event
            if kind in ("deleted", "dir_deleted"):
                self._gone(src)
            elif kind in ("moved", "dir_moved"):
                self._gone(src)
                if dest and self._under_roots(dest):
                    self._debouncer.touch(dest, now)
            else:  # created (a file or a directory), modified, closed, attrib
                self._debouncer.touch(src, now)

    def _gone(self, path: str) -> None:
        assert self._inc is not None
        self._debouncer.forget(path)
        self.db.begin()
        for gone in self.db.mark_gone(self._inc.run, path):
            self._inc.counts.gone += 1
            self.log.emit("gone", path=gone)

    def _queue_path(self, path: str) -> None:
        """A path that has been quiet: walk it (a directory) or queue it (a file)."""
        if not os.path.lexists(path):
            self._gone(path)  # came and went before it was quiet
            return
        if os.path.islink(path) and not self.settings.follow_symlinks:
            return  # a scan skips links too
        if not os.path.isdir(path):
            self._ready.extend(self.crawler.walk([path]))
            return
        if not self._fallback and not inotify.is_watched(path):
            self._fall_back("inotify watch limit reached (a new directory)", None)
        self._ready.extend(self.crawler.walk([path]))

    def _guarded(self, path: str, handle: Callable[[str], None]) -> None:
        """One file's trouble is logged and skipped; the daemon goes on."""
        try:
            handle(path)
        except Exception as exc:
            self.log.emit("error", path=path, error=safe_error(exc))

    def _feed(self) -> None:
        """Hand quiet files to free workers; settle the unchanged ones here."""
        while self._ready and (self._pool.free or not self._needs_worker(self._ready[0])):
            entry = self._ready.popleft()
            if (entry.st is None and not entry.error) or self.crawler.options.is_own(entry.raw):
                continue
            assert self._inc is not None
            self.db.begin()
            try:
                todo = self._inc.triage(entry)
            except Exception as exc:
                self.log.emit("error", path=entry.path, error=safe_error(exc))
                continue
            if todo is None:
                continue
            if todo.error:
                self._keep(todo, [])
            else:
                self._pool.submit(todo)

    def _needs_worker(self, entry: FileEntry) -> bool:
        """Whether `entry` may need reading; unchanged files are settled without a worker
        (cheaper to ask the database twice than to wait for a worker to be free)."""
        if entry.error or entry.st is None:
            return False
        assert self._inc is not None
        known = self.db.known(entry.path)
        return known is None or not self._inc.unchanged(known, entry.st)

    def _collect(self) -> None:
        wait = LOOP_S if self._pool.busy and not self._ready else 0.0
        for entry, rows in self._pool.poll(wait):
            try:
                self._keep(entry, rows)
            except Exception as exc:
                self.log.emit("error", path=entry.path, error=safe_error(exc))

    def _keep(self, entry: FileEntry, rows: list[FileResult]) -> None:
        assert self._inc is not None
        if rows and rows[0].error.startswith("file changed while being read"):
            self._debouncer.touch(entry.path, time.monotonic())  # still being written
            return
        self.db.begin()
        self._inc.store(entry, rows or [entry_row(entry, self.settings)])

    # -- what the log says -----------------------------------------------------------------

    def _report(self, stored: Stored) -> None:
        before = {r.path: set(r.violations) for r in stored.before}
        for row in stored.after:
            had = before.get(row.path, set())
            new = [v for v in row.violations if v not in had]
            if new:
                self.log.emit(
                    "violation",
                    path=row.path,
                    risk_level=row.risk_level,
                    category=row.category,
                    zone=row.zone,
                    violations=list(row.violations),
                    new=new,
                )
            elif had and not row.violations:
                self.log.emit("resolved", path=row.path, risk_level=row.risk_level)
        first = stored.after[0] if stored.after else None
        if first is not None and first.error and not first.error.startswith("encrypted"):
            self.log.emit("error", path=first.path, error=first.error)

    # -- places ----------------------------------------------------------------------------

    def _zones_changed(self) -> None:
        if self._zones is None or self._inc is None:
            return
        self.settings = replace(self.settings, zones=self._zones())
        self._inc.settings = self.settings
        self.log.emit("mounts_changed")

    def _under_roots(self, path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip("/") + "/") for r in self.roots)

    def _is_own(self, path: str) -> bool:
        return self.crawler.options.is_own(os.fsencode(path))


def _read_mounts() -> bytes:
    try:
        return MOUNTS.read_bytes()
    except OSError:
        return b""
