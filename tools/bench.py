"""`make bench`: throughput, stages, memory and scaling on a realistic share, in one run.

1. **Corpus** (`tools.bench_corpus`): at least 5,000 mixed documents, ≥ 500 MB (Office,
   PDF, CSV, text; ~10% with personal data; 100,000-row rosters), generated once into
   `bench-data/` and reused.
2. **Stages, one process** (`tools.bench_stages`): CPU seconds per stage — walk, read,
   type detection, extraction, analysis, classification, report — and the extracted
   text the later figures divide by.
3. **End to end**: `piiscan scan` as a subprocess with `--jobs 1` and `--jobs 2` (the best
   of `--repeat` runs each, all printed): files/s,
   MB/s of file data and of extracted text (per core too), peak memory per worker,
   the speed-up of two workers over one, and whether the documents with personal data
   were all found (and the others not).
4. **Analysis against plain Presidio + ja_ginza** (`tools.bench_analysis`): both read
   the same sample of the corpus's text; piiscan's whole-corpus analysis rate comes
   from step 2, the plain engine's time for the whole corpus is *extrapolated* from the
   sample (it would take hours).
5. **A 100,000-row roster `.xlsx`** scanned on its own (subprocess, start-up included).
6. **Incremental rescan** (`tools.bench_rescan`, the nightly case).

Every target is checked at the end; the command exits 1 if one is missed.

    python -m tools.bench [--data DIR] [--files N] [--roster-rows N] [--sample-kb N]
                          [--no-baseline] [--no-rescan] [--rescan-files N]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tools import bench_analysis, bench_rescan, bench_stages
from tools.bench_corpus import Manifest, ensure_corpus

MB = 1e6
TARGETS = {
    "analysis_ratio": 300.0,  # × plain Presidio + ja_ginza, per core
    "files_per_core": 20.0,
    "text_mb_per_core": 2.0,
    "worker_peak_mb": 1536.0,
    "scaling": 1.7,
    "roster_s": 10.0,
}


@dataclass
class Checks:
    results: list[tuple[str, bool]]

    def add(self, text: str, ok: bool) -> None:
        self.results.append((text, ok))

    def print(self, console: Console) -> bool:
        for text, ok in self.results:
            console.print(f"[{'green' if ok else 'red'}]{'ok  ' if ok else 'FAIL'}[/] {text}")
        return all(ok for _, ok in self.results)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title)
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    return table


def print_corpus(console: Console, m: Manifest) -> None:
    kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(m.kinds.items(), key=lambda kv: -kv[1]))
    console.print(
        f"corpus {m.root}: {m.files:,} files, {m.bytes / MB:,.0f} MB on disk "
        f"({len(m.pii_paths):,} with personal data, {len(m.rosters)} rosters); {kinds}"
    )


def print_stages(console: Console, sp: bench_stages.StagePass, m: Manifest) -> None:
    table = _table("stages, one process (CPU seconds of the scanning code)", "stage", "s", "share")
    total = sum(sp.seconds.values())
    for stage, seconds in sp.seconds.items():
        table.add_row(stage, f"{seconds:.2f}", f"{seconds / total:.0%}")
    table.add_row("all stages", f"{total:.2f}", "100%")
    console.print(table)
    console.print(
        f"one process: {m.files / sp.wall_s:,.1f} files/s, {m.bytes / MB / sp.wall_s:,.1f} MB/s "
        f"of file data, {sp.total_text / MB / sp.wall_s:,.2f} MB/s of extracted text "
        f"({sp.total_text / MB:,.1f} MB of text from {len(sp.text_bytes):,} documents, "
        f"members included) in {sp.wall_s:,.1f} s wall"
    )


def print_scans(
    console: Console, scans: list[bench_stages.Scan], m: Manifest, text_bytes: int
) -> None:
    table = _table(
        "end to end: piiscan scan --jobs N (wall clock, start-up and report included; best run)",
        "workers",
        "s",
        "files/s",
        "files/s per core",
        "MB/s files",
        "MB/s text",
        "MB/s text per core",
        "peak RSS per worker",
        "peak RSS main",
    )
    for s in scans:
        table.add_row(
            str(s.jobs),
            f"{s.seconds:.1f}",
            f"{m.files / s.seconds:,.1f}",
            f"{m.files / s.seconds / s.jobs:,.1f}",
            f"{m.bytes / MB / s.seconds:,.1f}",
            f"{text_bytes / MB / s.seconds:,.2f}",
            f"{text_bytes / MB / s.seconds / s.jobs:,.2f}",
            f"{s.worker_peak_mb:,.0f} MB",
            f"{s.main_peak_mb:,.0f} MB",
        )
    console.print(table)


def found_pii(console: Console, scan: bench_stages.Scan, m: Manifest, checks: Checks) -> None:
    levels = bench_stages.relative(scan.rows, m.root.resolve())
    missed = sorted(p for p in m.pii_paths if levels.get(p) not in ("1", "2"))
    false = sorted(p for p, lv in levels.items() if lv in ("1", "2") and p not in m.pii_paths)
    errors = sum(1 for r in scan.rows if r["error"])
    console.print(
        f"documents with personal data graded ①/②: {len(m.pii_paths) - len(missed):,}/"
        f"{len(m.pii_paths):,}; others graded ①/②: {len(false)}; rows with an error: {errors}"
    )
    for path in (missed + false)[:10]:
        console.print(f"  {path}: {levels.get(path)}")
    checks.add(f"every document with personal data found ({len(missed)} missed)", not missed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("bench-data"))
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--roster-rows", type=int, default=100_000)
    parser.add_argument("--rosters", type=int, default=4)
    parser.add_argument("--sample-kb", type=int, default=bench_analysis.SAMPLE_KB)
    parser.add_argument("--no-baseline", action="store_true", help="skip plain Presidio")
    parser.add_argument("--no-rescan", action="store_true", help="skip the --state rescan")
    parser.add_argument("--rescan-files", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=2, help="end-to-end runs per worker count (best is used)"
    )
    args = parser.parse_args()
    console = Console(width=max(Console().width, 120))
    cores = os.cpu_count() or 1
    checks = Checks([])

    m = ensure_corpus(args.data, args.files, args.roster_rows, args.rosters, console=console)
    root = m.root.resolve()
    print_corpus(console, m)

    console.print("stage pass: every file through the pipeline in this process …")
    sp = bench_stages.stage_pass(root)
    print_stages(console, sp, m)

    scans = []
    for jobs in sorted({1, min(2, cores)}):
        # Best of `--repeat` runs: this VM's CPU speed drifts by 10-20% between runs
        # (other tenants); every run's time is printed.
        runs = [bench_stages.scan(root, jobs) for _ in range(args.repeat)]
        console.print(
            f"piiscan scan --jobs {jobs}: " + ", ".join(f"{r.seconds:.1f} s" for r in runs)
        )
        scans.append(min(runs, key=lambda r: r.seconds))
    print_scans(console, scans, m, sp.total_text)
    found_pii(console, scans[-1], m, checks)
    full = scans[-1]
    per_core_files = m.files / full.seconds / full.jobs
    per_core_text = sp.total_text / MB / full.seconds / full.jobs
    checks.add(
        f"end to end ≥ {TARGETS['files_per_core']:g} files/s per core "
        f"({per_core_files:,.1f} with {full.jobs} workers)",
        per_core_files >= TARGETS["files_per_core"],
    )
    checks.add(
        f"end to end ≥ {TARGETS['text_mb_per_core']:g} MB/s of extracted text per core "
        f"({per_core_text:,.2f})",
        per_core_text >= TARGETS["text_mb_per_core"],
    )
    peak = max(s.worker_peak_mb for s in scans)
    checks.add(
        f"peak memory per worker ≤ {TARGETS['worker_peak_mb']:,.0f} MB ({peak:,.0f} MB RSS)",
        peak <= TARGETS["worker_peak_mb"],
    )
    if len(scans) == 2:
        scaling = scans[0].seconds / scans[1].seconds
        checks.add(
            f"2 workers ≥ {TARGETS['scaling']:g}× one ({scaling:.2f}×)",
            scaling >= TARGETS["scaling"],
        )

    ours_kbps = sp.total_text / 1024 / sp.seconds["analysis"]
    console.print(
        f"piiscan default-mode analysis over the whole corpus: {sp.total_text / MB:,.1f} MB "
        f"of text in {sp.seconds['analysis']:,.1f} CPU s = {ours_kbps:,.0f} KB/s per core"
    )
    if not args.no_baseline:
        ratio = bench_analysis.report_corpus(
            console, root, sp.text_bytes, ours_kbps, args.sample_kb
        )
        checks.add(
            f"default-mode analysis ≥ {TARGETS['analysis_ratio']:g}× plain Presidio + ja_ginza "
            f"per core ({ratio:,.0f}×, baseline extrapolated from a sample)",
            ratio >= TARGETS["analysis_ratio"],
        )

    for roster in [r for r in m.rosters if r.endswith(".xlsx")][:1]:
        one = bench_stages.scan(root / roster, 1)
        seconds = one.seconds
        row = one.rows[0]
        console.print(
            f"100,000-row roster {roster}: {seconds:.1f} s end to end "
            f"(risk {row['risk_level']}, {row['records']} records, peak worker "
            f"{one.worker_peak_mb:,.0f} MB)"
        )
        checks.add(
            f"a {args.roster_rows:,}-row roster .xlsx classified in < {TARGETS['roster_s']:g} s "
            f"({seconds:.1f} s)",
            seconds < TARGETS["roster_s"] and row["risk_level"] in ("1", "2"),
        )

    if not args.no_rescan:
        tree = bench_rescan.ensure_tree(console, args.data, args.rescan_files)
        checks.add(
            "incremental rescan targets (table above)", bench_rescan.report(console, tree.resolve())
        )

    console.print(f"machine: {cores} cores; figures as measured in this run")
    sys.exit(0 if checks.print(console) else 1)


if __name__ == "__main__":
    main()
