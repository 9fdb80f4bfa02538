"""`make eval`: how well piiscan reads the labelled sample corpus.

Scans `sample_corpus/` twice through the real pipeline — without passwords and with
`tools/corpus_passwords.txt` — and compares with `tools/corpus_labels.csv`:
- coverage: every labelled file and archive member appears as a row;
- encryption: `encrypted` agrees with the label, per format;
- readability: rows of unencrypted content carry no `error`; encrypted content without
  a password is `risk_level=unknown`, and with the password it is read.
- entities (with passwords, so that every labelled file is read): precision and recall
  per entity type (`tools.eval_entities`), findings in documents without personal
  data, and forbidden findings in the regulations of `tests/data/seeds/`.
- levels, in both passes (`tools.eval_levels`): level accuracy, ① recall, the
  false-positive rate on documents without personal data (the regulations included),
  category / key-information accuracy and violations.

    python -m tools.evaluate            # tables
    python -m tools.evaluate --verbose  # plus every file whose counts differ
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from recognizers.entities import IDENTIFIERS
from reports.model import FileResult
from scanner.cli import read_passwords
from scanner.crawl import Crawler
from scanner.pipeline import ScanSettings
from scanner.workers import WorkerPool
from tools.eval_entities import (
    MIN_PRECISION,
    MIN_RECALL,
    TypeScore,
    regulation_findings,
    score_entities,
    trap_findings,
)
from tools.eval_levels import (
    LEVELS,
    MIN_ACCURACY,
    MIN_RECALL_ONE,
    LevelScore,
    regulation_levels,
    score_levels,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "sample_corpus"
LABELS = ROOT / "tools" / "corpus_labels.csv"
PASSWORDS = ROOT / "tools" / "corpus_passwords.txt"


@dataclass
class FormatScore:
    labelled: int = 0
    found: int = 0
    encryption_right: int = 0
    read_ok: int = 0
    readable: int = 0
    problems: list[str] = field(default_factory=list)


def load_labels() -> dict[str, dict[str, str]]:
    with LABELS.open(encoding="utf-8-sig", newline="") as fh:
        return {row["path"]: row for row in csv.DictReader(fh)}


def scan(passwords: tuple[str, ...]) -> dict[str, FileResult]:
    pool = WorkerPool(ScanSettings(passwords=passwords))
    prefix = str(CORPUS) + "/"
    return {
        row.path.removeprefix(prefix): row
        for batch in pool.run(Crawler().walk([CORPUS]))
        for row in batch
    }


def evaluate(
    labels: dict[str, dict[str, str]], rows: dict[str, FileResult], with_pw: bool
) -> dict[str, FormatScore]:
    scores: dict[str, FormatScore] = defaultdict(FormatScore)
    for path, label in labels.items():
        score = scores[label.get("format") or Path(path).suffix.lstrip(".") or "(none)"]
        score.labelled += 1
        row = rows.get(path)
        if row is None:
            if not with_pw and _inside_unlisted_encrypted(path, rows):
                continue  # names are encrypted too (7z header encryption): not listable
            score.problems.append(f"missing row: {path}")
            continue
        score.found += 1
        expected_encrypted = label["encrypted"] == "yes"
        if row.encrypted == expected_encrypted:
            score.encryption_right += 1
        else:
            score.problems.append(
                f"encrypted={row.encrypted} expected {label['encrypted']}: {path}"
            )
        # Content we hold the key to should be read without error.
        if not expected_encrypted or with_pw:
            score.readable += 1
            if not row.error:
                score.read_ok += 1
            else:
                score.problems.append(f"error '{row.error}': {path}")
        elif row.risk_level != "unknown" and not _members_unknown(path, rows):
            score.problems.append(f"encrypted without password but inspected: {path}")
    return scores


def _inside_unlisted_encrypted(path: str, rows: dict[str, FileResult]) -> bool:
    """True when an enclosing container is encrypted and could not be opened at all."""
    parts = path.split("!")
    for i in range(1, len(parts)):
        parent = rows.get("!".join(parts[:i]))
        if parent is not None and parent.encrypted and parent.risk_level == "unknown":
            return True
    return False


def _members_unknown(path: str, rows: dict[str, FileResult]) -> bool:
    """An archive of encrypted entries: its members, not itself, carry `unknown`."""
    locked = [r for p, r in rows.items() if p.startswith(path + "!") and r.encrypted]
    return bool(locked) and all(r.risk_level == "unknown" for r in locked)


def render(console: Console, title: str, scores: dict[str, FormatScore]) -> int:
    table = Table(title=title)
    for col in ("format", "labelled", "rows found", "encryption right", "read without error"):
        table.add_column(col, justify="left" if col == "format" else "right")
    failures = 0
    for fmt in sorted(scores):
        s = scores[fmt]
        table.add_row(
            fmt,
            str(s.labelled),
            f"{s.found}/{s.labelled}",
            f"{s.encryption_right}/{s.found}",
            f"{s.read_ok}/{s.readable}",
        )
        failures += len(s.problems)
    console.print(table)
    for fmt in sorted(scores):
        for problem in scores[fmt].problems:
            console.print(f"  [red]✗[/] {problem}")
    return failures


def render_entities(console: Console, scores: dict[str, TypeScore], verbose: bool) -> int:
    """The precision/recall table; returns how many identifier types miss the targets."""
    table = Table(title="entities — sample corpus with passwords (counts per file and type)")
    for col in ("entity type", "expected", "found", "TP", "FP", "FN", "precision", "recall", ""):
        table.add_column(col, justify="left" if col in ("entity type", "") else "right")
    misses = 0
    for entity, s in scores.items():
        if not s.expected and not s.found:
            continue
        target = entity in IDENTIFIERS
        ok = s.recall >= MIN_RECALL and s.precision >= MIN_PRECISION
        misses += target and not ok
        mark = ("[green]✓[/]" if ok else "[red]✗[/]") if target else "(記載情報)"
        table.add_row(
            entity,
            str(s.expected),
            str(s.found),
            str(s.tp),
            str(s.fp),
            str(s.fn),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            mark,
        )
    console.print(table)
    console.print(
        f"targets for identifier types: recall ≥ {MIN_RECALL}, precision ≥ {MIN_PRECISION}"
    )
    if verbose:
        for entity, s in scores.items():
            for line in s.files:
                console.print(f"  {entity:<20} {line}")
    return misses


def render_false_alarms(console: Console, traps: dict[str, int]) -> int:
    regulations = regulation_findings()
    console.print(
        f"findings in documents without personal data: {sum(traps.values())}"
        + "".join(f"\n  [red]✗[/] {p}: {n}" for p, n in sorted(traps.items()))
    )
    bad = 0
    for name, counts in regulations.items():
        found = ";".join(f"{k}:{v}" for k, v in sorted(counts.items())) or "none"
        bad += bool(counts)
        mark = "[red]✗[/]" if counts else "[green]✓[/]"
        console.print(f"{mark} regulation {name}: PERSON / ID / bank / My Number findings: {found}")
    return bad + len(traps)


def render_levels(console: Console, title: str, score: LevelScore, verbose: bool) -> int:
    """The level table of one pass; returns 1 when a target is missed."""
    table = Table(title=f"levels — {title}")
    table.add_column("expected \\ found")
    for got in LEVELS:
        table.add_column(got, justify="right")
    for want in LEVELS:
        table.add_row(want, *(str(score.confusion[(want, got)] or "") for got in LEVELS))
    console.print(table)
    ok = score.accuracy >= MIN_ACCURACY and score.recall_one >= MIN_RECALL_ONE
    console.print(
        f"{'[green]✓[/]' if ok else '[red]✗[/]'} level accuracy {score.right}/{score.compared}"
        f" = {score.accuracy:.3f} (target ≥ {MIN_ACCURACY}); ① recall "
        f"{score.ones_found}/{score.ones} = {score.recall_one:.3f} (target {MIN_RECALL_ONE}); "
        f"false positives on documents without personal data "
        f"{score.zeros_flagged}/{score.zeros} = {score.fp_rate:.3f}"
    )
    console.print(
        f"  category and key information right {score.categories_right}/{score.categories}"
        f" (rows with the right level ① or ②); records right {score.records_right}/"
        f"{score.records}; violations right "
        f"{score.violations_right}/{score.violations} (STALE, WORLD_READABLE and "
        "OUTSIDE_SECURE_AREA are not labelled and not compared)"
    )
    for problem in score.problems if verbose or not ok else score.problems[:10]:
        console.print(f"  [red]✗[/] {problem}")
    return 0 if ok else 1


def render_regulations(console: Console) -> int:
    bad = 0
    for name, level in regulation_levels().items():
        bad += level != "0"
        mark = "[green]✓[/]" if level == "0" else "[red]✗[/]"
        console.print(f"{mark} regulation {name}: risk_level {level}")
    return bad


def main() -> int:
    console = Console(width=max(Console().width, 110))
    if not LABELS.exists():
        console.print(f"[red]no labels at {LABELS}; run `make corpus`[/]")
        return 1
    verbose = "--verbose" in sys.argv[1:]
    labels = load_labels()
    failures = 0
    rows: dict[str, FileResult] = {}
    level_scores: dict[str, LevelScore] = {}
    for with_pw in (False, True):
        passwords = read_passwords(PASSWORDS) if with_pw and PASSWORDS.exists() else ()
        rows = scan(passwords)
        title = "sample corpus — " + ("with passwords" if with_pw else "without passwords")
        failures += render(console, title, evaluate(labels, rows, with_pw))
        level_scores[title] = score_levels(labels, rows, with_pw)
    console.print("all labelled rows read as expected" if not failures else f"{failures} problems")
    misses = render_entities(console, score_entities(labels, rows), verbose)
    alarms = render_false_alarms(console, trap_findings(labels, rows))
    console.print(f"{misses} identifier types below target; {alarms} documents with false alarms")
    level_misses = sum(
        render_levels(console, title, score, verbose) for title, score in level_scores.items()
    )
    level_misses += render_regulations(console)
    console.print(f"{level_misses} level targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
