"""A pool of worker processes that can be killed and replaced, one file at a time.

Why not `concurrent.futures`: a process pool there cannot stop one task that hangs
(a pathological PDF) or grows without bound (a decompression bomb that slipped past a
guard); a nightly scan must survive both. Here each worker takes one file at a time
over its own pipe, and the parent:
- kills a worker whose file exceeds `Limits.timeout_s` and records a row for it;
- notices a worker that died (segfault in a C library, OOM kill) and records a row;
- starts a replacement in both cases and goes on.
Each worker caps its own address space (`Limits.memory_mb`), so an allocation beyond it
fails inside the worker as MemoryError and becomes an error row, and retires itself
after many files or when its resident memory has grown (libraries that cache, like
spaCy's string store, never give memory back).

Workers come from a "forkserver": safe with the threads the parent runs (progress
display), and cheap because the server has the scanner loaded, the default analyzer
included (`scanner.preload`): a new worker starts with GiNZA already in memory.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

import psutil

from reports.model import FileResult
from scanner.crawl import FileEntry
from scanner.errors import safe_error
from scanner.limits import MiB
from scanner.pipeline import ScanSettings, entry_row, scan_entry, warm_up

READY = "ready"
MAX_START_FAILURES = 3  # workers dying before they are ready: something is broken, stop
# A safety net for leaks too slow to show in the resident size; memory itself is watched
# per file (RETIRE_RSS). Each retirement costs the worker's warm caches (names already
# tokenized, zones of folders), so not too often: 2,000 cost ~5% of a 5,000-file scan.
MAX_TASKS_PER_WORKER = 10_000
RETIRE_AT_FRACTION = 0.6  # of the memory cap, resident
# ... or at this much resident memory, whichever comes first: a fresh worker forked from
# the preloaded server holds ~0.5 GiB, so this keeps a worker near 1 GiB whatever the cap.
RETIRE_RSS = 1024 * MiB
POLL_S = 0.25  # how often a stoppable run looks at its stop flag


Task = Callable[[FileEntry, ScanSettings], list[FileResult]]
Done = tuple[FileEntry, list[FileResult]]  # a file and its rows (the file first, then members)


def _worker_main(
    conn: Connection, settings: ScanSettings, task: Task, retire_rss: int = RETIRE_RSS
) -> None:
    limit = settings.limits.memory_mb * MiB
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # not permitted here: the parent's timeout still bounds the damage
    # Ctrl-C reaches the whole process group: the parent decides what to keep and stops
    # the workers itself, so a worker must not die half-way through a file on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A neutral working directory: some archive libraries resolve member names against it.
    os.chdir("/")
    # Document libraries log what they parse (pypdf, extract-msg, RTFDE): silence them,
    # so no file content reaches a log. Failures reach the report as `error` instead.
    logging.disable(logging.CRITICAL)
    # Load the recognizers (GiNZA's tokenizer, ~1 s) before the first file, and say so:
    # the parent starts a file's clock only after this, so loading never times a file out.
    try:
        warm_up(settings)
        conn.send(READY)
    except Exception as exc:  # the scan cannot run without them: tell the parent why
        conn.send((READY, safe_error(exc)))
        return
    me = psutil.Process()
    retire_at = min(RETIRE_AT_FRACTION * limit, retire_rss)
    for done in range(1, MAX_TASKS_PER_WORKER + 1):
        try:
            entry = conn.recv()
        except (EOFError, OSError):
            return
        if entry is None:
            return
        try:
            rows = task(entry, settings)
        except MemoryError:
            rows = [entry_row(entry, settings, "memory limit exceeded")]
        # Retire after many files or once memory has grown; say so with the answer, so
        # the parent does not mistake a planned exit for a crash on the next file.
        retiring = done == MAX_TASKS_PER_WORKER or me.memory_info().rss > retire_at
        conn.send((rows, retiring))
        if retiring:
            return
        del rows


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    entry: FileEntry | None = None  # the file being read; its clock is `started`
    queued: FileEntry | None = None  # sent already, read as soon as `entry` is done
    started: float = 0.0
    ready: bool = False  # has loaded the recognizers and can take files


class WorkerStartError(RuntimeError):
    """A worker could not load what every file needs (the recognizers)."""


class WorkerPool:
    """Runs a task (`scan_entry`) over entries in `jobs` processes.

    Two ways to drive it:
    - `run(entries)` yields each file's rows as files finish (a scan);
    - `submit` / `poll` / `close` keep the workers between calls (the watch daemon,
      which hands over files as they change and must not reload GiNZA each time).
    Workers start on the first file that needs one, so a rescan in which nothing
    changed starts none.
    """

    def __init__(
        self,
        settings: ScanSettings,
        jobs: int | None = None,
        task: Task = scan_entry,
        retire_rss: int = RETIRE_RSS,
    ) -> None:
        self.settings = settings
        self.task = task  # a module-level function (it is pickled to the workers)
        self.retire_rss = retire_rss
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(
            ["scanner.pipeline", "recognizers.engine", "scanner.preload"]
        )
        self._start_failures = 0
        self._workers: list[_Worker] = []
        # Files sent to a worker that retired, died or was killed before reading them.
        self._redo: deque[FileEntry] = deque()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers now (they load the recognizers before taking files)."""
        if not self._workers:
            self._workers = [self._spawn() for _ in range(self.jobs)]

    def close(self) -> None:
        """Stop every worker; a file still being read (or queued) is dropped without a row."""
        for worker in self._workers:
            self._stop(worker)
        self._workers = []
        self._redo.clear()

    @property
    def free(self) -> int:
        """Files the workers can take now (0 while they are still loading).

        Each worker holds one file beyond the one it reads: it finds the next in its pipe
        the moment it has answered, instead of idling while this process takes the
        answer in and sends another (half a millisecond a file, 5% of a scan).
        """
        return sum((w.entry is None) + (w.queued is None) for w in self._workers if w.ready)

    @property
    def busy(self) -> int:
        return sum(1 for w in self._workers if w.entry is not None)

    def submit(self, entry: FileEntry) -> None:
        """Hand `entry` to a worker (an idle one first); call only when `free`."""
        idle = [w for w in self._workers if w.ready and w.entry is None]
        if idle:
            worker = idle[0]
            worker.entry = entry
            worker.started = time.monotonic()
        else:
            worker = next(w for w in self._workers if w.ready and w.queued is None)
            worker.queued = entry
        worker.conn.send(entry)

    def poll(self, timeout: float | None = None) -> list[Done]:
        """Wait up to `timeout` s (None: until something happens) for workers to answer.

        Returns the rows of the files that finished, failed or timed out meanwhile;
        workers that died or timed out are replaced, workers that finished loading
        become free.
        """
        self._resubmit()
        watched = [w for w in self._workers if w.entry is not None or not w.ready]
        if not watched:
            return []
        now = time.monotonic()
        limit = self.settings.limits.timeout_s
        deadlines = [w.started + limit for w in watched if w.entry is not None]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else None
        if timeout is not None:
            wait_for = timeout if wait_for is None else min(wait_for, timeout)
        ready = wait(
            [w.conn for w in watched] + [w.process.sentinel for w in watched], timeout=wait_for
        )
        finished: list[Done] = []
        for i, worker in enumerate(self._workers):
            if not worker.ready:
                self._workers[i] = self._started(worker, ready)
                continue
            if worker.entry is None:
                continue
            if worker.conn in ready:
                try:
                    rows, retiring = worker.conn.recv()
                except (EOFError, OSError):
                    finished.append(self._failure(worker, "worker process died"))
                    self._workers[i] = self._replace(worker)
                    continue
                finished.append((worker.entry, rows))
                if retiring:  # it exits without reading the queued file: that is redone
                    worker.entry = None
                    self._workers[i] = self._replace(worker)
                else:
                    worker.entry, worker.queued = worker.queued, None
                    worker.started = time.monotonic()  # the queued file's clock starts now
            elif worker.process.sentinel in ready:
                code = worker.process.exitcode
                finished.append(self._failure(worker, f"worker process died (exit {code})"))
                self._workers[i] = self._replace(worker)
            elif time.monotonic() - worker.started > limit:
                finished.append(self._failure(worker, f"timed out after {limit:g} s"))
                self._workers[i] = self._replace(worker)
        self._resubmit()
        return finished

    def _resubmit(self) -> None:
        while self._redo and self.free:
            self.submit(self._redo.popleft())

    def run(self, entries: Iterable[FileEntry]) -> Iterator[list[FileResult]]:
        """Yield one list of rows per entry (the file first, then its members)."""
        for _, rows in self.results(entries):
            yield rows

    def results(
        self,
        entries: Iterable[FileEntry],
        *,
        stop: Callable[[], bool] | None = None,
        keep_open: bool = False,
    ) -> Iterator[Done]:
        """Yield each entry with its rows, in the order files finish.

        `stop` is asked between files (at least every `POLL_S`): once it says yes no
        more files are handed out and the files being read are dropped without rows.
        `keep_open` leaves the workers running afterwards for the next call.
        """
        pending = iter(entries)
        held: FileEntry | None = None
        exhausted = False
        stopped = False
        try:
            while True:
                if stop is not None and stop():
                    stopped = True
                    return
                if held is None and self._redo:
                    held = self._redo.popleft()
                elif held is None and not exhausted:
                    held = next(pending, None)
                    exhausted = held is None
                if held is not None:
                    if held.error:  # nothing to read: record it here
                        yield held, [entry_row(held, self.settings)]
                        held = None
                        continue
                    self.start()
                    if self.free:
                        self.submit(held)
                        held = None
                        continue
                elif not self.busy:
                    return
                yield from self.poll(POLL_S if stop is not None else None)
        finally:
            if stopped or not keep_open:
                self.close()

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.settings, self.task, self.retire_rss),
            daemon=True,
            name="piiscan-worker",
        )
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def _started(self, worker: _Worker, ready: Sequence[object]) -> _Worker:
        """A starting worker after `wait`: ready, still starting, or replaced if it died."""
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                return self._start_failed(worker, "worker process died while starting")
            if message != READY:
                raise WorkerStartError(f"workers cannot load the recognizers: {message[1]}")
            worker.ready = True
            self._start_failures = 0
        elif worker.process.sentinel in ready:
            return self._start_failed(worker, "worker process died while starting")
        return worker

    def _start_failed(self, worker: _Worker, reason: str) -> _Worker:
        self._start_failures += 1
        if self._start_failures >= MAX_START_FAILURES:
            raise WorkerStartError(f"{reason} ({self._start_failures} times in a row)")
        return self._replace(worker)

    def _failure(self, worker: _Worker, reason: str) -> Done:
        assert worker.entry is not None
        return worker.entry, [entry_row(worker.entry, self.settings, reason)]

    def _replace(self, worker: _Worker) -> _Worker:
        """A new worker in place of `worker`; a file it held but had not begun is redone
        (the caller has made the row of the file it was reading, if any)."""
        if worker.queued is not None:
            self._redo.append(worker.queued)
        self._stop(worker)
        return self._spawn()

    @staticmethod
    def _stop(worker: _Worker) -> None:
        worker.entry = worker.queued = None
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
