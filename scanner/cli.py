"""The `piiscan` command line. Thin on purpose: parse, validate, hand over, report.

Exit codes (SPEC): 0 scan completed whatever was found, 2 usage or policy error,
1 fatal error; `takeout` exits 0/1/3 by its verdict.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from classifier.codes import Violation, ZoneType
from classifier.matrix import Decision
from classifier.policy import Policy, PolicyError, ZoneDecl, load_policy
from classifier.zones import ZoneMap
from recognizers.analysis import Analysis
from reports.explain import Document
from reports.explain import render as render_explanation
from reports.model import STATE_COLUMNS, FileResult, ReportInfo
from reports.output import FORMATS, REPORT_FORMATS, atomic_report
from reports.summary_report import write_summary
from reports.takeout import judge, render
from scanner.crawl import Crawler, CrawlOptions
from scanner.daemon import EventLog, Watcher, WatchOptions
from scanner.incremental import Incremental, scan_into
from scanner.limits import Limits
from scanner.metadata import iso_datetime
from scanner.pipeline import ScanSettings, scan_entry
from scanner.statedb import STATE_FILES, Query, Run, StateDB, StateError, StateLocked
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


class StateProblem(click.ClickException):
    """A state database that cannot be used: not ours, too new, no such directory."""

    exit_code = 2


class StateBusy(click.ClickException):
    """Another piiscan is writing to the state database: this run cannot start (exit 1)."""

    exit_code = 1


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
state_option = click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    help="State database (SQLite; created if missing). Keep it on a local disk.",
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
        except BrokenPipeError:  # `piiscan report ... | head`: the reader has had enough
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
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
@state_option
@click.option(
    "--full", is_flag=True, help="With --state: analyse every file again, changed or not."
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
    state: Path | None,
    full: bool,
) -> None:
    """Scan PATHS and write one findings row per file and archive member.

    With --state, files whose size, mtime and inode are unchanged since the last scan
    are not read again, a scan that was killed picks up where it stopped, and the
    report (sorted by path) gains a `change` column: new, changed or unchanged since
    the previous scan.

    \b
    Examples:
      piiscan scan /srv/share --out findings.csv
      piiscan scan /media/usb --format jsonl --out - --passwords pw.txt
      piiscan scan /srv/share --state /var/lib/piiscan/share.db --out findings.csv
    """
    if full and state is None:
        raise click.UsageError("--full needs --state (without it every scan is full)")
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
    own, temporary = _own_files(out, state)
    options = CrawlOptions(follow_symlinks, tuple(include), tuple(exclude), own, temporary)
    crawler = Crawler(options)
    if state is None:
        _run(settings, crawler, paths, jobs, out, fmt)
    else:
        _run_with_state(settings, crawler, paths, jobs, out, fmt, state, full)
    if out != "-":
        stderr.print(f"report written to {out}")


def _check_out(out: str | None) -> None:
    if out and out != "-" and not Path(out).expanduser().parent.is_dir():
        raise click.UsageError(f"--out: directory {Path(out).parent} does not exist")


def _own_files(out: str | None, state: Path | None) -> tuple[frozenset[bytes], tuple[bytes, ...]]:
    """piiscan's own files, which a scan of the tree holding them must not read."""
    own: set[bytes] = set()
    temporary: list[bytes] = []
    if out and out != "-":
        target = Path(out).expanduser()
        for place in {os.path.abspath(target), os.path.realpath(target)}:
            own.add(os.fsencode(place))
            head, name = os.path.split(place)
            temporary.append(os.fsencode(os.path.join(head, f".{name}.")))  # atomic_report
    if state is not None:
        for place in {os.path.abspath(state.expanduser()), os.path.realpath(state.expanduser())}:
            own.update(os.fsencode(place + suffix) for suffix in STATE_FILES)
    return frozenset(own), tuple(temporary)


def _open_state(path: Path) -> StateDB:
    try:
        return StateDB.open(path)
    except StateError as exc:
        raise StateProblem(str(exc)) from None


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed:,} files"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def _run_with_state(
    settings: ScanSettings,
    crawler: Crawler,
    paths: tuple[Path, ...],
    jobs: int | None,
    out: str,
    fmt: str,
    state: Path,
    full: bool,
) -> None:
    """An incremental scan: analyse what changed, store it, then report from the state."""
    started = time.monotonic()
    roots = [os.path.abspath(p) for p in paths]
    with _open_state(state) as db:
        try:
            db.lock("scan " + " ".join(roots))
        except StateLocked as exc:
            raise StateBusy(str(exc)) from None
        inc = Incremental(db, settings, 0, full=full)
        inc.run = db.begin_run("full" if full else "scan", roots, inc.key)
        status = "interrupted"
        progress = _progress()
        try:
            with progress:
                task = progress.add_task("scanning", total=None)
                scan_into(
                    inc,
                    crawler,
                    roots,
                    WorkerPool(settings, jobs),
                    progress=lambda n: progress.advance(task, n),
                )
            status = "completed"
        finally:
            db.finish_run(inc.run, status, inc.counts.as_dict())
        summary = ScanSummary()
        with atomic_report(out, fmt, STATE_COLUMNS) as writer:
            for ordinal, row in db.select(Query(under=tuple(roots)), latest=inc.run):
                writer.write(row)
                summary.add(row, member=ordinal > 0)
    summary.render(stderr, time.monotonic() - started, inc.counts.as_dict())


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
    progress = _progress()
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
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="PATH...",
)
@click.option(
    "--state",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="State database (SQLite; created if missing). Keep it on a local disk.",
)
@policy_option
@passwords_option
@jobs_option
@click.option(
    "--log",
    "log_path",
    default="-",
    show_default=True,
    help="Where the JSON-lines event log goes (appended); '-' is stdout.",
)
@click.option(
    "--quiet-time",
    type=click.FloatRange(min=0.1, max=8.0),
    default=1.0,
    show_default=True,
    help="Seconds a file must stay unchanged before it is read.",
)
@click.option(
    "--rescan-interval",
    type=click.FloatRange(min=1.0),
    default=600.0,
    show_default=True,
    help="Seconds between full rescans when inotify cannot watch every directory.",
)
def watch(
    paths: tuple[Path, ...],
    state: Path,
    policy_path: Path | None,
    passwords: Path | None,
    jobs: int | None,
    log_path: str,
    quiet_time: float,
    rescan_interval: float,
) -> None:
    """Scan PATHS, then keep watching them and record every change in the state database.

    A file created or changed under PATHS is analysed and recorded within seconds of
    being closed; a file moved into a public or cloud-sync folder gets its violation at
    once. New violations, resolved ones, errors and the daemon's own events are logged
    as JSON lines. SIGINT/SIGTERM stop it cleanly. If the kernel's inotify limit cannot
    cover every directory, it says so and rescans the whole tree periodically instead.

    \b
    Examples:
      piiscan watch /srv/share --state /var/lib/piiscan/watch.db
      piiscan watch /srv/share --state w.db --log /var/log/piiscan/watch.jsonl
    """
    policy = read_policy(policy_path)
    settings = ScanSettings(
        passwords=read_passwords(passwords) if passwords else (),
        policy=policy,
        zones=ZoneMap.detect(policy),
    )
    log_file = None if log_path == "-" else Path(log_path).expanduser()
    if log_file is not None and not log_file.parent.is_dir():
        raise click.UsageError(f"--log: directory {log_file.parent} does not exist")
    own, _ = _own_files(str(log_file) if log_file else None, state)
    crawler = Crawler(CrawlOptions(own=own))
    options = WatchOptions(quiet_s=quiet_time, rescan_s=rescan_interval, jobs=jobs)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    with _open_state(state) as db, _log_stream(log_file) as stream:
        try:
            db.lock("watch " + " ".join(os.path.abspath(p) for p in paths))
        except StateLocked as exc:
            raise StateBusy(str(exc)) from None
        watcher = Watcher(
            db,
            settings,
            [os.path.abspath(p) for p in paths],
            crawler,
            EventLog(stream),
            options,
            zones=lambda: ZoneMap.detect(policy),
        )
        watcher.run(stop)


@contextmanager
def _log_stream(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as stream:
        yield stream


@main.command()
@click.option(
    "--state",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="State database written by `scan --state` or `watch`.",
)
@click.option("--out", "-o", default="-", show_default=True, help="Report file; '-' is stdout.")
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="csv", show_default=True
)
@click.option(
    "--level",
    "levels",
    multiple=True,
    type=click.Choice(["1", "2", "0", "unknown"]),
    help="Only rows of this risk level (repeatable).",
)
@click.option("--zone", "zones", multiple=True, help="Only rows in this zone (repeatable).")
@click.option("--owner", "owners", multiple=True, help="Only files of this owner (repeatable).")
@click.option(
    "--violation",
    "violation_codes",
    multiple=True,
    type=click.Choice([v.value for v in Violation]),
    help="Only rows with this violation (repeatable).",
)
@click.option(
    "--under",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Only files below this path (repeatable).",
)
@click.option("--new", "new_only", is_flag=True, help="Only files new since the previous scan.")
@click.option("--gone", is_flag=True, help="Instead: the files found gone since the previous scan.")
@click.option(
    "--by",
    type=click.Choice(["directory", "owner"]),
    help="Instead of findings rows: one summary row per directory or per owner (csv/jsonl).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    help="With --by directory: group at this many levels below the scanned roots.",
)
def report(
    state: Path,
    out: str,
    fmt: str,
    levels: tuple[str, ...],
    zones: tuple[str, ...],
    owners: tuple[str, ...],
    violation_codes: tuple[str, ...],
    under: tuple[Path, ...],
    new_only: bool,
    gone: bool,
    by: str | None,
    depth: int | None,
) -> None:
    """Render what the state database holds, without rescanning.

    Rows are the SPEC's findings rows plus `change` (new, changed or unchanged since the
    previous scan; gone with --gone), sorted by path. The HTML report is one file that
    opens offline: totals by level and violation, a chart, summaries per directory and
    owner, and a table to sort and filter.

    \b
    Examples:
      piiscan report --state share.db --out findings.csv
      piiscan report --state share.db --level 1 --new --out new-level1.csv
      piiscan report --state share.db --format html --out report.html
      piiscan report --state share.db --by owner --out owners.csv
    """
    if by is not None and fmt == "html":
        raise click.UsageError("--by gives summary rows for csv or jsonl; html has both summaries")
    if depth is not None and by != "directory":
        raise click.UsageError("--depth goes with --by directory")
    if not state.expanduser().is_file():
        raise StateProblem(f"state database {state}: no such file")
    _check_out(out)
    query = Query(
        levels=levels,
        zones=zones,
        owners=owners,
        violations=violation_codes,
        under=tuple(os.path.abspath(p) for p in under),
        new_only=new_only,
        gone=gone,
    )
    with _open_state(state) as db:
        current, previous = db.baseline()
        if current is None:
            raise StateProblem(f"state database {state}: no scan recorded yet")
        roots = tuple(dict.fromkeys(r for run in db.runs() for r in run.roots))
        info = ReportInfo(
            title="piiscan 個人情報スキャン結果",
            generated=iso_datetime(datetime.now()),
            source=os.path.abspath(state),
            scan=_describe(current),
            previous=_describe(previous) if previous else "",
            filters=_filters(query),
            roots=roots,
        )
        rows = db.query(query)
        if by is None:
            with atomic_report(out, fmt, STATE_COLUMNS, info) as writer:
                for row in rows:
                    writer.write(row)
        else:
            write_summary(out, fmt, by, list(rows), roots, depth)


def _describe(run: Run) -> str:
    end = f" – {run.finished}" if run.finished else ""
    return f"{run.kind} {run.started}{end} ({run.status})"


def _filters(query: Query) -> tuple[str, ...]:
    """The report's filters as options (shown in the HTML report's header)."""
    shown = [
        f"{option} {value}"
        for option, values in (
            ("--level", query.levels),
            ("--zone", query.zones),
            ("--owner", query.owners),
            ("--violation", query.violations),
            ("--under", query.under),
        )
        for value in values
    ]
    shown += [flag for flag, on in (("--new", query.new_only), ("--gone", query.gone)) if on]
    return tuple(shown)


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
