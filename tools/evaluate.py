"""`make eval`: how well piiscan reads the labelled sample corpus.

Scans `sample_corpus/` twice through the real pipeline — without passwords and with
`tools/corpus_passwords.txt` — and compares with `tools/corpus_labels.csv`:
- coverage: every labelled file and archive member appears as a row;
- encryption: `encrypted` agrees with the label, per format;
- readability: rows of unencrypted content carry no `error`; encrypted content without
  a password is `risk_level=unknown`, and with the password it is read.
Later issues add entity precision/recall and level accuracy to this report.

    python -m tools.evaluate
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from reports.model import FileResult
from scanner.cli import read_passwords
from scanner.crawl import Crawler
from scanner.pipeline import ScanSettings
from scanner.workers import WorkerPool

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


def main() -> int:
    console = Console()
    if not LABELS.exists():
        console.print(f"[red]no labels at {LABELS}; run `make corpus`[/]")
        return 1
    labels = load_labels()
    failures = 0
    for with_pw in (False, True):
        passwords = read_passwords(PASSWORDS) if with_pw and PASSWORDS.exists() else ()
        rows = scan(passwords)
        title = "sample corpus — " + ("with passwords" if with_pw else "without passwords")
        failures += render(console, title, evaluate(labels, rows, with_pw))
    console.print("all labelled rows read as expected" if not failures else f"{failures} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
