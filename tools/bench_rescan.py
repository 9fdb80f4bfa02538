"""`make bench`, last table: a first scan against an unchanged rescan, with `--state`.

The promise being measured: a nightly scan of a share where little changed costs a
fraction of the first one, because a file whose size, mtime and inode are unchanged is
not read again. Three scans of the same tree share one fresh state database:
1. the first scan (every file analysed),
2. a rescan of the unchanged tree (nothing may be analysed; best of three runs),
3. a rescan after 1% of the files were rewritten (exactly those are analysed).

Each scan is `piiscan scan ROOT --state DB --out CSV` run as a subprocess and timed
from the outside (wall clock), so interpreter start-up, opening the database and writing
the whole report are all included: the figure an administrator's cron job sees. What each
run did is read back from the state database's `runs` table, not from piiscan's output.

    python -m tools.bench_rescan [--files N] [--data DIR] [--jobs N]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from rich.console import Console
from rich.table import Table

MARKER = ".complete"  # "tree fully generated": not part of the tree
TOUCH_EVERY = 100  # rewrite every 100th file: 1%
SPEEDUP_GOAL = 20.0


# The tree: many small mixed files (a share's long tail), generated once.

FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣", "大輔", "真由美"]


def _rows(rng: random.Random, n: int) -> list[list[str]]:
    return [
        [
            rng.choice(FAMILY) + rng.choice(GIVEN),
            f"{rng.randrange(10**7):07d}",
            f"090-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}",
            "東京都千代田区内神田" + str(rng.randrange(1, 9)) + "丁目",
        ]
        for _ in range(n)
    ]


HEADER = ["氏名", "学籍番号", "電話番号", "住所"]


def _csv(rows: list[list[str]], encoding: str) -> bytes:
    text = "\n".join(",".join(r) for r in [HEADER, *rows]) + "\n"
    return text.encode(encoding)


def _xlsx(rows: list[list[str]]) -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx(rng: random.Random) -> bytes:
    doc = docx.Document()
    for _ in range(20):
        doc.add_paragraph("本学の個人情報の取扱いに関する規程に基づき、次のとおり通知する。" * 3)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def generate(root: Path, n_files: int) -> None:
    """Write `n_files` mixed documents below `root` (deterministic)."""
    rng = random.Random(20261121)
    # Office files are slow to build: make a few and reuse their bytes.
    xlsx_pool = [_xlsx(_rows(rng, rng.randrange(10, 200))) for _ in range(10)]
    docx_pool = [_docx(rng) for _ in range(5)]
    for i in range(n_files):
        folder = root / f"dept{i % 20:02d}" / f"sub{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = i % 10
        rows = _rows(rng, rng.randrange(5, 60))
        if kind < 3:
            name, data = f"meibo{i}.csv", _csv(rows, ["utf-8", "cp932", "euc_jp"][kind])
        elif kind < 5:
            name, data = f"memo{i}.txt", ("会議の議事録です。\n" * rng.randrange(20, 200)).encode()
        elif kind < 7:
            name, data = f"book{i}.xlsx", xlsx_pool[i % len(xlsx_pool)]
        elif kind < 9:
            name, data = f"doc{i}.docx", docx_pool[i % len(docx_pool)]
        else:
            name, data = f"archive{i}.zip", _zip({"a.csv": _csv(rows, "utf-8"), "b.txt": b"x"})
        (folder / name).write_bytes(data)
    (root / MARKER).write_text(str(n_files))


def ensure_tree(console: Console, data: Path, n_files: int) -> Path:
    """`data/mixed-N`, generated the first time (the marker says it was finished)."""
    root = data / f"mixed-{n_files}"
    if not (root / MARKER).exists():
        console.print(f"generating {n_files} documents in {root} …")
        generate(root, n_files)
    return root


@dataclass(frozen=True, slots=True)
class Timed:
    """One scan: its wall time and what the `runs` table says it did."""

    name: str
    seconds: float
    status: str
    analysed: int
    reused: int
    moved: int
    gone: int

    @property
    def files(self) -> int:
        return self.analysed + self.reused + self.moved


def piiscan_command() -> list[str]:
    """The installed console script next to this interpreter (what cron runs), else the
    module, so the benchmark also works from a venv without the script."""
    script = Path(sys.executable).with_name("piiscan")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "scanner.cli"]


def last_run(db: Path) -> tuple[str, int, int, int, int]:
    """status, analysed, reused, moved, gone of the newest run (read-only connection:
    the benchmark must not change what it measures)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT status, analysed, reused, moved, gone FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise RuntimeError(f"{db}: no run recorded")
    return str(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4])


def timed_scan(name: str, root: Path, db: Path, out: Path, jobs: int | None) -> Timed:
    """Run one `piiscan scan --state` and time it from the outside."""
    command = [
        *piiscan_command(),
        "scan",
        str(root),
        "--state",
        str(db),
        "--out",
        str(out),
        "--exclude",
        MARKER,
    ]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return Timed(name, seconds, *last_run(db))


def startup_seconds() -> float:
    """Wall time of `piiscan --version`: the interpreter and the imports every scan pays
    before it looks at a file (the floor under the rescan figure)."""
    started = time.perf_counter()
    subprocess.run([*piiscan_command(), "--version"], capture_output=True, check=True)
    return time.perf_counter() - started


def tree_files(root: Path) -> list[Path]:
    """The files a scan sees (sorted, so the 1% touched is the same on every run)."""
    return sorted(
        Path(folder) / name
        for folder, _, names in os.walk(root)
        for name in names
        if name != MARKER
    )


def touch(files: list[Path]) -> list[Path]:
    """Rewrite every `TOUCH_EVERY`th file with its own bytes: a real write (new mtime,
    same inode and size), the cheapest change the fingerprint must notice."""
    chosen = files[::TOUCH_EVERY]
    for path in chosen:
        before = path.stat().st_mtime_ns
        path.write_bytes(path.read_bytes())
        if path.stat().st_mtime_ns == before:  # coarse timestamps: make the change visible
            os.utime(path, ns=(before, before + 1_000_000_000))
    return chosen


def measure(root: Path, jobs: int | None = None) -> tuple[list[Timed], int]:
    """The three scans (see the module docstring); returns them and the files touched."""
    with tempfile.TemporaryDirectory(prefix="piiscan-bench-") as tmp:
        db, out = Path(tmp) / "state.db", Path(tmp) / "findings.csv"
        first = timed_scan("first scan (fresh state)", root, db, out, jobs)
        # The unchanged rescan is short (~1 s), so a moment of host noise weighs on it:
        # best of three (each reads nothing, so they measure the same thing).
        again = min(
            (timed_scan("rescan, unchanged (best of 3)", root, db, out, jobs) for _ in range(3)),
            key=lambda t: t.seconds,
        )
        touched = touch(tree_files(root))
        changed = timed_scan(f"rescan, {len(touched)} files rewritten", root, db, out, jobs)
    return [first, again, changed], len(touched)


def report(console: Console, root: Path, jobs: int | None = None) -> bool:
    """Measure and print the table; True when the rescan promise holds (≥ 20× faster,
    nothing analysed, exactly the touched files analysed)."""
    console.print(f"timing `piiscan scan --state` three times on {root} …")
    runs, touched = measure(root, jobs)
    first = runs[0]
    table = Table(title=f"incremental scan (--state), {first.files:,} files")
    for col in ("scan", "seconds", "files/s", "speed-up", "analysed", "reused", "moved", "gone"):
        table.add_column(col, justify="left" if col == "scan" else "right")
    for run in runs:
        table.add_row(
            run.name,
            f"{run.seconds:.2f}",
            f"{run.files / run.seconds:,.0f}",
            f"{first.seconds / run.seconds:.1f}×",
            f"{run.analysed:,}",
            f"{run.reused:,}",
            f"{run.moved:,}",
            f"{run.gone:,}",
        )
    console.print(table)
    console.print(
        "measured: wall time of `piiscan scan ROOT --state DB --out CSV` as a subprocess "
        "(start-up, database and the full report included); counts from the `runs` table; "
        f"machine: {os.cpu_count()} cores"
    )
    console.print(f"start-up alone (`piiscan --version`): {startup_seconds():.2f} s")
    again, changed = runs[1], runs[2]
    speedup = first.seconds / again.seconds
    checks = {
        f"rescan ≥ {SPEEDUP_GOAL:g}× faster ({speedup:.1f}×)": speedup >= SPEEDUP_GOAL,
        f"unchanged rescan analysed 0 files ({again.analysed})": again.analysed == 0,
        f"after rewriting {touched} files, {touched} analysed ({changed.analysed})": (
            changed.analysed == touched
        ),
        "every run completed": all(r.status == "completed" for r in runs),
    }
    for text, ok in checks.items():
        console.print(f"[{'green' if ok else 'red'}]{'ok  ' if ok else 'FAIL'}[/] {text}")
    return all(checks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=Path("bench-data"))
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    console = Console(width=max(Console().width, 110))
    root = ensure_tree(console, args.data, args.files)
    sys.exit(0 if report(console, root.resolve(), args.jobs) else 1)


if __name__ == "__main__":
    main()
