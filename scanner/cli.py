"""The `piiscan` command line. Thin on purpose: parse, validate, hand over, report.

Exit codes (SPEC): 0 scan completed whatever was found, 2 usage or policy error,
1 fatal error.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from reports.output import FORMATS, atomic_report
from scanner.crawl import Crawler, CrawlOptions
from scanner.limits import Limits
from scanner.pipeline import ScanSettings
from scanner.summary import ScanSummary
from scanner.workers import WorkerPool

stderr = Console(stderr=True)
DEFAULTS = Limits()


def read_passwords(path: Path) -> tuple[str, ...]:
    """One password a line; blank lines ignored; the values are never echoed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise click.UsageError(f"cannot read password file {path}: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932", errors="replace")
    return tuple(line for line in text.splitlines() if line.strip())


class PiiscanGroup(click.Group):
    """Usage errors exit 2 (click's default); anything unexpected exits 1 with a message."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            stderr.print("[red]interrupted[/]")
            sys.exit(130)
        except Exception as exc:
            stderr.print(f"[red]piiscan: fatal error:[/] {type(exc).__name__}: {exc}")
            sys.exit(1)


@click.group(cls=PiiscanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="piiscan")
def main() -> None:
    """Find personal information on Japanese file shares and grade it by 危険度."""


@main.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, file_okay=True, path_type=Path)
)
@click.option("--out", "-o", default="-", show_default=True, help="Report file; '-' is stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option(
    "--passwords",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File with one password a line, to open encrypted files in memory.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes [all cores].")
@click.option("--include", multiple=True, help="Only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files/dirs matching this glob (repeatable).")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links (loops are cut).")
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=DEFAULTS.max_file_bytes // 2**20,
    show_default=True,
    help="Skip files larger than this many MiB.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULTS.timeout_s,
    show_default=True,
    help="Seconds one file may take before its worker is killed.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=1024),
    default=DEFAULTS.memory_mb,
    show_default=True,
    help="Address-space cap per worker process, in MiB.",
)
@click.option(
    "--deep",
    is_flag=True,
    help="Also run GiNZA's neural NER for names in running prose (about 100x slower).",
)
def scan(
    paths: tuple[Path, ...],
    out: str,
    fmt: str,
    passwords: Path | None,
    jobs: int | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    follow_symlinks: bool,
    max_size: int,
    timeout: float,
    max_memory: int,
    deep: bool,
) -> None:
    """Scan PATHS and write one findings row per file and archive member.

    \b
    Examples:
      piiscan scan /srv/share --out findings.csv
      piiscan scan /media/usb --format jsonl --out - --passwords pw.txt
    """
    limits = Limits(max_file_bytes=max_size * 2**20, timeout_s=timeout, memory_mb=max_memory)
    settings = ScanSettings(
        limits=limits,
        passwords=read_passwords(passwords) if passwords else (),
        follow_symlinks=follow_symlinks,
        deep=deep,
    )
    if out != "-" and not Path(out).expanduser().parent.is_dir():
        raise click.UsageError(f"--out: directory {Path(out).parent} does not exist")
    crawler = Crawler(CrawlOptions(follow_symlinks, tuple(include), tuple(exclude)))
    pool = WorkerPool(settings, jobs)
    summary = ScanSummary()
    started = time.monotonic()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed:,} files"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )
    with progress, atomic_report(out, fmt) as writer:
        task = progress.add_task("scanning", total=None)
        for rows in pool.run(crawler.walk(paths)):
            # A batch is one file's rows: the file first, then its members.
            for i, row in enumerate(rows):
                writer.write(row)
                summary.add(row, member=i > 0)
            progress.advance(task)
    summary.render(stderr, time.monotonic() - started)
    if out != "-":
        stderr.print(f"report written to {out}")


if __name__ == "__main__":
    main()
