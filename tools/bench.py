"""`make bench`: throughput of crawling and extraction, printed as figures.

Generates (once, then reuses) a tree of mixed small documents under `bench-data/` —
CSV in several Japanese encodings, text, XLSX, DOCX and ZIP — and times:
1. the crawl alone (walk + stat), and
2. crawl + type detection + extraction through the worker pool, with 1 and with
   all workers, without and with the recognizers.
It prints files/s and MB/s of file data, then the analysis stage alone beside plain
Presidio + ja_ginza on the same text (`tools.bench_analysis`), then a first scan beside
an unchanged rescan with `--state` on a larger tree (`tools.bench_rescan`): the nightly
case, where a rescan must be at least 20x faster and read nothing. It exits 1 when that
check fails.

    python -m tools.bench [--files N] [--rescan-files N] [--data DIR]
                          [--no-baseline] [--no-rescan]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
from rich.console import Console
from rich.table import Table

from scanner.crawl import Crawler
from scanner.pipeline import ScanSettings
from scanner.workers import WorkerPool
from tools import bench_analysis, bench_rescan
from tools.evaluate import load_labels

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
    (root / ".complete").write_text(str(n_files))


def ensure_tree(console: Console, data: Path, n_files: int) -> Path:
    """`data/mixed-N`, generated the first time (the marker says it was finished)."""
    root = data / f"mixed-{n_files}"
    if not (root / ".complete").exists():
        console.print(f"generating {n_files} documents in {root} …")
        generate(root, n_files)
    return root


def tree_bytes(root: Path) -> tuple[int, int]:
    files = size = 0
    for entry in Crawler().walk([root]):
        if entry.st and not entry.path.endswith(".complete"):
            files += 1
            size += entry.st.st_size
    return files, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=Path("bench-data"))
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the Presidio + ja_ginza comparison"
    )
    parser.add_argument(
        "--rescan-files",
        type=int,
        default=10_000,
        help="size of the tree for the first scan / unchanged rescan comparison",
    )
    parser.add_argument(
        "--no-rescan", action="store_true", help="skip the first scan / rescan comparison"
    )
    args = parser.parse_args()
    console = Console(width=max(Console().width, 110))
    root = ensure_tree(console, args.data, args.files)

    table = Table(title=f"crawl + extraction, {args.files} mixed files")
    for col in ("stage", "workers", "seconds", "files/s", "MB/s (file data)"):
        table.add_column(col, justify="right" if col != "stage" else "left")

    started = time.perf_counter()
    files, size = tree_bytes(root)
    crawl_s = time.perf_counter() - started
    table.add_row("crawl only", "1", f"{crawl_s:.2f}", f"{files / crawl_s:,.0f}", "—")

    cores = os.cpu_count() or 1
    for analyze in (False, True):
        stage = "crawl + detect + extract" + (" + analyse + classify" if analyze else "")
        for jobs in sorted({1, cores}):
            pool = WorkerPool(ScanSettings(analyze=analyze), jobs=jobs)
            started = time.perf_counter()
            rows = errors = 0
            for batch in pool.run(Crawler().walk([root])):
                rows += len(batch)
                errors += sum(1 for r in batch if r.error)
            elapsed = time.perf_counter() - started
            table.add_row(
                stage,
                str(jobs),
                f"{elapsed:.2f}",
                f"{files / elapsed:,.0f}",
                f"{size / 1e6 / elapsed:,.2f}",
            )
            if errors:
                console.print(f"[yellow]{errors} of {rows} rows had errors[/]")
    console.print(table)
    console.print(f"{files} files, {size / 1e6:.1f} MB on disk; machine: {cores} cores")
    if not args.no_baseline:
        bench_analysis.report(console, load_labels())
    if not args.no_rescan:
        big = ensure_tree(console, args.data, args.rescan_files)
        if not bench_rescan.report(console, big.resolve()):
            sys.exit(1)


if __name__ == "__main__":
    main()
