"""Entity-level precision and recall on the labelled corpus, and false alarms.

The labels give, per file, how many values of each entity type it holds
(`tools/CORPUS.md` explains the counting). The evaluation compares counts per file and
type: found ≤ expected contributes `found` true positives and `expected − found` misses;
found > expected contributes `expected` true positives and the surplus as false
positives. That is entity-level in count, not in position: a recognizer that finds
one wrong value and misses one right one in the same file scores it as right. The
generator plants exact counts, so on this corpus the approximation is tight.

Also reported: findings in documents that hold no personal data (the traps), and any
PERSON / identifier / bank-account / My Number finding in the three regulations of
`tests/data/seeds/` (documents *about* personal information).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from recognizers.content import TextBlock
from recognizers.engine import shared_analyzer
from recognizers.entities import IDENTIFIERS, RECORDED
from reports.model import FileResult

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
MIN_RECALL = 0.95
MIN_PRECISION = 0.90
# What a document *about* personal information must never produce (issue 3).
FORBIDDEN_IN_REGULATIONS = frozenset(IDENTIFIERS) - {
    "JP_ADDRESS",
    "JP_POSTAL_CODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "DATE_OF_BIRTH",
}


@dataclass
class TypeScore:
    expected: int = 0
    found: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    files: list[str] = field(default_factory=list)  # "path: found/expected" where they differ

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def parse_counts(cell: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for pair in filter(None, cell.split(";")):
        name, _, n = pair.partition(":")
        counts[name] = int(n)
    return counts


def score_entities(
    labels: dict[str, dict[str, str]], rows: dict[str, FileResult]
) -> dict[str, TypeScore]:
    scores: dict[str, TypeScore] = {t: TypeScore() for t in IDENTIFIERS + RECORDED}
    for path, label in labels.items():
        row = rows.get(path)
        if row is None:
            continue
        expected = parse_counts(label["entities"])
        found = Counter(row.entities)
        for entity in set(expected) | set(found):
            s = scores.setdefault(entity, TypeScore())
            e, f = expected[entity], found[entity]
            s.expected += e
            s.found += f
            s.tp += min(e, f)
            s.fp += max(0, f - e)
            s.fn += max(0, e - f)
            if e != f:
                s.files.append(f"{path}: {f}/{e}")
    return scores


def trap_findings(labels: dict[str, dict[str, str]], rows: dict[str, FileResult]) -> dict[str, int]:
    """Findings per file in labelled documents that hold no personal data at all."""
    out: dict[str, int] = {}
    for path, label in labels.items():
        row = rows.get(path)
        if row is None or label["entities"] or label["risk_level"] not in ("0", ""):
            continue
        if "!" not in path and label["format"] in ("zip", "7z", "tar.gz"):
            continue  # a container's own row counts nothing by convention
        total = sum(row.entities.values())
        if total:
            out[path] = total
    return out


def regulation_findings() -> dict[str, Counter[str]]:
    """Forbidden entity types found in each regulation text of `tests/data/seeds/`."""
    analyzer = shared_analyzer()
    out: dict[str, Counter[str]] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        analysis = analyzer.analyze([TextBlock(seed.read_text(encoding="utf-8"))])
        bad = Counter({k: v for k, v in analysis.counts.items() if k in FORBIDDEN_IN_REGULATIONS})
        out[seed.name] = bad
    return out
