"""`make bench`: where the time goes (one process) and what a real scan achieves.

Two measurements on the same corpus:

- **Stages, one process.** Every file goes through `scan_entry` in this process with
  `scanner.stageclock` on, so the seconds per stage (walk, read, type detection,
  extraction, analysis, classification, report) are CPU seconds of the code that
  scans, timed where it runs. This pass also counts the extracted text (UTF-8 bytes of
  what the recognizers were given) per file, which the other figures divide by.
- **End to end**: `piiscan scan ROOT --jobs N --out CSV` as a subprocess, wall clock,
  start-up and report included — what an administrator sees. While it runs, the
  resident memory of every process below it is sampled (`psutil`, every 0.1 s); the
  largest worker's peak is reported.
"""

from __future__ import annotations

import csv
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from classifier.matrix import Decision
from recognizers.analysis import Analysis
from recognizers.content import Block, block_text
from reports.model import COLUMNS, FileResult
from reports.output import make_writer
from scanner import stageclock
from scanner.crawl import Crawler
from scanner.pipeline import ScanSettings, scan_entry
from tools.bench_rescan import piiscan_command

SAMPLE_S = 0.1


@dataclass
class StagePass:
    """The one-process pass: seconds per stage, rows, and text per document path."""

    seconds: dict[str, float]
    wall_s: float
    rows: list[FileResult]
    text_bytes: dict[str, int] = field(default_factory=dict)  # path (or member) → bytes

    @property
    def total_text(self) -> int:
        return sum(self.text_bytes.values())


class _Counting(ScanSettings):
    """Settings whose analyzer also notes the UTF-8 size of the text it was given last
    (`record` then files it under the document's path)."""

    def analyzer(self):  # type: ignore[no-untyped-def]  # same signature as the base
        analyze = super().analyzer()
        if analyze is None:
            return None

        def counted(blocks: Sequence[Block]) -> Analysis:
            _LAST[0] = sum(len(block_text(b).encode()) for b in blocks)
            return analyze(blocks)

        return counted


_LAST = [0]


def stage_pass(root: Path) -> StagePass:
    """Scan every file under `root` in this process, timing each stage."""
    settings = _Counting()
    text: dict[str, int] = {}

    def record(row: FileResult, analysis: Analysis, decision: Decision) -> None:
        text[row.path] = _LAST[0]

    stageclock.enable()
    started = time.perf_counter()
    with stageclock.timed("walk"):
        entries = list(Crawler().walk([root]))
    rows: list[FileResult] = []
    for entry in entries:
        rows.extend(scan_entry(entry, settings, record))
    with tempfile.TemporaryDirectory() as tmp, stageclock.timed("report"):
        with open(Path(tmp) / "findings.csv", "w", encoding="utf-8-sig", newline="") as out:
            writer = make_writer("csv", out, COLUMNS)
            for row in rows:
                writer.write(row)
            writer.close()
    wall = time.perf_counter() - started
    seconds = {stage: stageclock.seconds.get(stage, 0.0) for stage in stageclock.STAGES}
    stageclock.enable(False)
    return StagePass(seconds, wall, rows, text)


@dataclass(frozen=True, slots=True)
class Scan:
    """One end-to-end `piiscan scan`: wall time, peak memory, and its report's rows."""

    jobs: int
    seconds: float
    worker_peak_mb: float
    main_peak_mb: float
    rows: tuple[dict[str, str], ...]

    @property
    def files(self) -> int:
        return sum(1 for r in self.rows if "!" not in r["path"])


class _Sampler(threading.Thread):
    """Peak RSS per process below `pid`, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peaks: Counter[int] = Counter()
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks[proc.pid], rss)
            self.stopped.wait(SAMPLE_S)


def scan(root: Path, jobs: int, extra: Sequence[str] = ()) -> Scan:
    """Time `piiscan scan ROOT --jobs N` from the outside and read its CSV back."""
    with tempfile.TemporaryDirectory(prefix="piiscan-bench-") as tmp:
        out = Path(tmp) / "findings.csv"
        command = [*piiscan_command(), "scan", str(root), "--jobs", str(jobs), "--out", str(out)]
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*command, *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        sampler = _Sampler(proc.pid)
        sampler.start()
        _, stderr = proc.communicate()
        seconds = time.perf_counter() - started
        sampler.stopped.set()
        sampler.join()
        if proc.returncode not in (0, 1):  # 1: findings over the threshold
            raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}:\n{stderr[-2000:]}")
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = tuple(csv.DictReader(f))
    main = sampler.peaks.pop(proc.pid, 0)
    worker = max(sampler.peaks.values(), default=0)
    return Scan(jobs, seconds, worker / 2**20, main / 2**20, rows)


def relative(rows: Sequence[FileResult] | Sequence[dict[str, str]], root: Path) -> dict[str, str]:
    """Top-level file path relative to `root` → risk level."""
    prefix = str(root).rstrip("/") + "/"
    out: dict[str, str] = {}
    for row in rows:
        path, level = (
            (row.path, row.risk_level)
            if isinstance(row, FileResult)
            else (row["path"], row["risk_level"])
        )
        if "!" not in path:
            out[path.removeprefix(prefix)] = level
    return out
