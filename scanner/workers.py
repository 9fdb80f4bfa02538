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
display), and cheap because the server has the scanner's modules preloaded.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import time
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
MAX_TASKS_PER_WORKER = 2000
RETIRE_AT_FRACTION = 0.6  # of the memory cap, resident


Task = Callable[[FileEntry, ScanSettings], list[FileResult]]


def _worker_main(conn: Connection, settings: ScanSettings, task: Task) -> None:
    limit = settings.limits.memory_mb * MiB
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # not permitted here: the parent's timeout still bounds the damage
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
        retiring = done == MAX_TASKS_PER_WORKER or me.memory_info().rss > RETIRE_AT_FRACTION * limit
        conn.send((rows, retiring))
        if retiring:
            return
        del rows


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    entry: FileEntry | None = None
    started: float = 0.0
    ready: bool = False  # has loaded the recognizers and can take files


class WorkerStartError(RuntimeError):
    """A worker could not load what every file needs (the recognizers)."""


class WorkerPool:
    """Runs `scan_entry` over entries in `jobs` processes; yields rows as files finish."""

    def __init__(
        self, settings: ScanSettings, jobs: int | None = None, task: Task = scan_entry
    ) -> None:
        self.settings = settings
        self.task = task  # a module-level function (it is pickled to the workers)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["scanner.pipeline"])
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main,
            args=(child, self.settings, self.task),
            daemon=True,
            name="piiscan-worker",
        )
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def run(self, entries: Iterable[FileEntry]) -> Iterator[list[FileResult]]:
        pending = iter(entries)
        workers = [self._spawn() for _ in range(self.jobs)]
        exhausted = False
        timeout = self.settings.limits.timeout_s
        try:
            while True:
                for worker in workers:
                    if worker.ready and worker.entry is None and not exhausted:
                        entry = next(pending, None)
                        if entry is None:
                            exhausted = True
                            break
                        if entry.error:  # nothing to read: record it here
                            yield [entry_row(entry, self.settings)]
                            continue
                        self._assign(worker, entry)
                busy = [w for w in workers if w.entry is not None]
                starting = [w for w in workers if not w.ready]
                if not busy and (exhausted or not starting):
                    if exhausted:
                        return
                    continue
                now = time.monotonic()
                next_deadline = min((w.started + timeout for w in busy), default=now + timeout)
                watched = busy + starting
                ready = wait(
                    [w.conn for w in watched] + [w.process.sentinel for w in watched],
                    timeout=max(0.0, next_deadline - now),
                )
                for i, worker in enumerate(workers):
                    if not worker.ready:
                        workers[i] = self._started(worker, ready)
                        continue
                    if worker.entry is None:
                        continue
                    if worker.conn in ready:
                        try:
                            rows, retiring = worker.conn.recv()
                        except (EOFError, OSError):
                            yield [self._failure(worker, "worker process died")]
                            workers[i] = self._replace(worker)
                            continue
                        worker.entry = None
                        yield rows
                        if retiring:
                            workers[i] = self._replace(worker)
                    elif worker.process.sentinel in ready:
                        code = worker.process.exitcode
                        yield [self._failure(worker, f"worker process died (exit {code})")]
                        workers[i] = self._replace(worker)
                    elif time.monotonic() - worker.started > timeout:
                        yield [self._failure(worker, f"timed out after {timeout:g} s")]
                        workers[i] = self._replace(worker)
        finally:
            for worker in workers:
                self._stop(worker)

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

    def _assign(self, worker: _Worker, entry: FileEntry) -> None:
        worker.entry = entry
        worker.started = time.monotonic()
        worker.conn.send(entry)

    def _failure(self, worker: _Worker, reason: str) -> FileResult:
        assert worker.entry is not None
        return entry_row(worker.entry, self.settings, reason)

    def _replace(self, worker: _Worker) -> _Worker:
        self._stop(worker)
        return self._spawn()

    @staticmethod
    def _stop(worker: _Worker) -> None:
        worker.entry = None
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
