"""The pool survives files that hang, crash their worker or exhaust memory.

The tasks below misbehave for real inside real worker processes; the pool must record
a row for the culprit and carry on with every other file.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from reports.model import FileResult
from scanner.crawl import Crawler, FileEntry
from scanner.limits import Limits
from scanner.pipeline import ScanSettings, scan_entry
from scanner.workers import WorkerPool, WorkerStartError


def misbehaving_task(entry: FileEntry, settings: ScanSettings) -> list[FileResult]:
    name = os.path.basename(entry.path)
    if name.startswith("hang"):
        time.sleep(600)
    elif name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name.startswith("hog"):
        hoard = bytearray(8 * 1024**3)  # far beyond the cap below
        hoard[0] = 1
    return scan_entry(entry, settings)


def run_pool(root: Path, limits: Limits, jobs: int = 2) -> dict[str, FileResult]:
    pool = WorkerPool(ScanSettings(limits=limits), jobs=jobs, task=misbehaving_task)
    rows: dict[str, FileResult] = {}
    for batch in pool.run(Crawler().walk([root])):
        for row in batch:
            assert row.path not in rows, "each file exactly once"
            rows[os.path.basename(row.path)] = row
    return rows


def test_hang_crash_and_memory_hog_each_become_a_row(tmp_path: Path) -> None:
    names = ["hang.txt", "crash.txt", "hog.txt"] + [f"ok{i}.txt" for i in range(20)]
    for name in names:
        (tmp_path / name).write_text("氏名,学籍番号\n山田,1\n", encoding="utf-8")
    started = time.monotonic()
    rows = run_pool(tmp_path, Limits(timeout_s=2.0, memory_mb=2048))
    assert time.monotonic() - started < 30
    assert set(rows) == set(names)
    assert rows["hang.txt"].error == "timed out after 2 s"
    assert rows["crash.txt"].error.startswith("worker process died")
    assert rows["hog.txt"].error == "memory limit exceeded"
    for i in range(20):
        row = rows[f"ok{i}.txt"]
        assert row.error == "" and row.file_type.startswith("text/")


def test_single_worker_recovers_between_failures(tmp_path: Path) -> None:
    # Each crash takes down the file queued behind it (b.txt, c.txt) unread: it is redone.
    for name in ["a.txt", "crash1.txt", "b.txt", "crash2.txt", "c.txt"]:
        (tmp_path / name).write_text("x")
    rows = run_pool(tmp_path, Limits(timeout_s=10.0), jobs=1)
    assert [n for n, r in sorted(rows.items()) if r.error] == ["crash1.txt", "crash2.txt"]
    assert len(rows) == 5


def test_file_vanishing_between_crawl_and_read(tmp_path: Path) -> None:
    for name in ["a.txt", "b.txt", "c.txt"]:
        (tmp_path / name).write_text("x")

    def crawl_then_delete() -> object:
        for entry in Crawler().walk([tmp_path]):
            if entry.path.endswith("b.txt"):
                os.unlink(entry.raw)  # deleted after it was listed, before it is read
            yield entry

    pool = WorkerPool(ScanSettings(), jobs=2)
    rows = {os.path.basename(r.path): r for b in pool.run(crawl_then_delete()) for r in b}  # type: ignore[arg-type]
    assert rows["b.txt"].error == "vanished before it could be read"
    assert rows["a.txt"].error == "" and rows["c.txt"].error == ""


def test_workers_load_the_recognizers_before_their_first_file_is_timed(tmp_path: Path) -> None:
    """Loading GiNZA (about a second, more on a cold disk) must not time out a file."""
    (tmp_path / "a.txt").write_text("氏名：山田 太郎\n", encoding="utf-8")
    rows = run_pool(tmp_path, Limits(timeout_s=0.5))
    assert rows["a.txt"].error == ""
    assert rows["a.txt"].entities == {"PERSON": 1}


def test_a_worker_that_cannot_load_the_recognizers_stops_the_scan(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    # Deep mode's NER is not preloaded by the forkserver (scanner.preload): under a
    # 256 MB address-space cap the worker cannot load it.
    pool = WorkerPool(ScanSettings(deep=True, limits=Limits(memory_mb=256)), jobs=1)
    with pytest.raises(WorkerStartError, match="cannot load the recognizers"):
        list(pool.run(Crawler().walk([tmp_path])))


def pid_task(entry: FileEntry, settings: ScanSettings) -> list[FileResult]:
    rows = scan_entry(entry, settings)
    return [replace(rows[0], owner=str(os.getpid())), *rows[1:]]


def test_a_worker_retires_once_its_memory_has_grown_and_is_replaced(tmp_path: Path) -> None:
    """A retiring worker says so with its answer: no file is lost or counted a crash."""
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text("氏名：山田 太郎\n", encoding="utf-8")
    pool = WorkerPool(ScanSettings(), jobs=2, task=pid_task, retire_rss=1)  # always "grown"
    rows = [row for batch in pool.run(Crawler().walk([tmp_path])) for row in batch]
    assert len(rows) == 6
    assert all(row.error == "" and row.entities == {"PERSON": 1} for row in rows)
    assert len({row.owner for row in rows}) == 6  # one worker process per file
