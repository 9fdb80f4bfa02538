"""The `piiscan` command line. Thin on purpose: parse, validate, hand over, report.

Exit codes (SPEC): 0 scan completed whatever was found, 2 usage or policy error,
1 fatal error; `takeout` exits 0/1/3 by its verdict.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from classifier.codes import ZoneType
from classifier.matrix import Decision
from classifier.policy import Policy, PolicyError, ZoneDecl, load_policy
from classifier.zones import ZoneMap
from recognizers.analysis import Analysis
from reports.explain import Document
from reports.explain import render as render_explanation
from reports.model import FileResult
from reports.output import FORMATS, atomic_report
from reports.takeout import judge, render
from scanner.crawl import Crawler, CrawlOptions
from scanner.limits import Limits
from scanner.pipeline import ScanSettings, scan_entry
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


class PolicyProblem(click.ClickException):
    """A policy file that cannot be used: one line naming file, line and key; exit 2."""

    exit_code = 2

    def __init__(self, error: PolicyError) -> None:
        super().__init__(f"policy error: {error}")


def read_policy(path: Path | None) -> Policy:
    try:
        return load_policy(path)
    except PolicyError as exc:
        raise PolicyProblem(exc) from None


policy_option = click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Policy file (TOML) merged over the built-in policy.",
)
passwords_option = click.option(
    "--passwords",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File with one password a line, to open encrypted files in memory.",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes [all cores]."
)


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
@policy_option
@passwords_option
@jobs_option
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
    policy_path: Path | None,
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
    policy = read_policy(policy_path)
    settings = ScanSettings(
        limits=limits,
        passwords=read_passwords(passwords) if passwords else (),
        follow_symlinks=follow_symlinks,
        deep=deep,
        policy=policy,
        zones=ZoneMap.detect(policy),
    )
    _check_out(out)
    crawler = Crawler(CrawlOptions(follow_symlinks, tuple(include), tuple(exclude)))
    _run(settings, crawler, paths, jobs, out, fmt)
    if out != "-":
        stderr.print(f"report written to {out}")


def _check_out(out: str | None) -> None:
    if out and out != "-" and not Path(out).expanduser().parent.is_dir():
        raise click.UsageError(f"--out: directory {Path(out).parent} does not exist")


def _run(
    settings: ScanSettings,
    crawler: Crawler,
    paths: tuple[Path, ...],
    jobs: int | None,
    out: str | None,
    fmt: str,
    rows: list[FileResult] | None = None,
) -> None:
    """Scan `paths` with a progress bar on stderr, writing rows to `out` (if any)."""
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
    report = atomic_report(out, fmt) if out else _no_report()
    with progress, report as writer:
        task = progress.add_task("scanning", total=None)
        for batch in pool.run(crawler.walk(paths)):
            # A batch is one file's rows: the file first, then its members.
            for i, row in enumerate(batch):
                if writer is not None:
                    writer.write(row)
                if rows is not None:
                    rows.append(row)
                summary.add(row, member=i > 0)
            progress.advance(task)
    summary.render(stderr, time.monotonic() - started)


@contextmanager
def _no_report() -> Iterator[None]:
    yield None


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, file_okay=True, path_type=Path), metavar="PATH"
)
@click.option("--out", "-o", help="Also write the findings rows to this file ('-' = stdout).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@policy_option
@passwords_option
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default="ja",
    show_default=True,
    help="Language of the verdict.",
)
@jobs_option
def takeout(
    path: Path,
    out: str | None,
    fmt: str,
    policy_path: Path | None,
    passwords: Path | None,
    lang: str,
    jobs: int | None,
) -> None:
    """Check removable media (or a folder about to be taken out) before 持ち出し.

    PATH is treated as removable media whatever the OS says. Prints a verdict and exits:
    0 no personal information found; 1 must not be taken out as it is (a 危険度① file,
    or an unencrypted 危険度② file); 3 only with a take-out application (every file with
    personal information is 危険度② and encrypted, or some files could not be inspected);
    2 usage or policy error.

    \b
    Examples:
      piiscan takeout /media/$USER/USB
      piiscan takeout ~/持ち出し予定 --passwords pw.txt --lang en
    """
    policy = read_policy(policy_path)
    root = os.path.abspath(path)  # as the crawler writes paths
    places = tuple(dict.fromkeys((root, str(path.resolve()))))  # and through a symlink
    media = ZoneDecl(name="takeout", type=ZoneType.REMOVABLE, paths=places)
    settings = ScanSettings(
        passwords=read_passwords(passwords) if passwords else (),
        policy=policy,
        zones=ZoneMap.detect(policy, extra=(media,)),
    )
    _check_out(out)
    rows: list[FileResult] = []
    _run(settings, Crawler(), (path,), jobs, out, fmt, rows)
    verdict = judge(rows)
    click.echo(render(verdict, "en" if lang == "en" else "ja", root))
    sys.exit(verdict.code)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@policy_option
@passwords_option
def explain(file: Path, policy_path: Path | None, passwords: Path | None) -> None:
    """Show why FILE gets its level: masked evidence, the matched row, every rule that fired.

    \b
    Examples:
      piiscan explain 会計/旅費振込依頼_2024.xlsx
      piiscan explain 名簿.zip --passwords pw.txt --policy policy.toml
    """
    policy = read_policy(policy_path)
    settings = ScanSettings(
        passwords=read_passwords(passwords) if passwords else (),
        policy=policy,
        zones=ZoneMap.detect(policy),
    )
    documents: dict[str, Document] = {}

    def record(row: FileResult, analysis: Analysis, decision: Decision) -> None:
        documents[row.path] = Document(row.path, analysis, decision)

    entries = list(Crawler().walk([file]))
    rows = [r for entry in entries for r in scan_entry(entry, settings, record)]
    zone = settings.zone_map.zone_for(rows[0].path) if rows else None
    click.echo(render_explanation(rows, documents, zone), nl=False)


@main.command(name="policy")
@policy_option
def policy_command(policy_path: Path | None) -> None:
    """Print the effective policy (the built-in one, merged with --policy) as TOML.

    Use it to validate a policy file: a broken file is reported with its file, line and
    key, and exit status 2.

    \b
    Examples:
      piiscan policy > my-policy.toml
      piiscan policy --policy /etc/piiscan/policy.toml
    """
    policy = read_policy(policy_path)
    source = f"built-in policy + {policy_path}" if policy_path else "built-in policy"
    click.echo(f"# piiscan effective policy ({source})")
    click.echo(policy.to_toml(), nl=False)


if __name__ == "__main__":
    main()
