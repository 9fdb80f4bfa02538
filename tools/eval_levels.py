"""Level, category and violation accuracy on the labelled corpus (`make eval`).

Per labelled row (files and archive members) the scan's `risk_level` is compared with
the label. Without passwords an encrypted row must be `unknown`; with passwords its
label's `notes` say what it must be (`with_password: risk_level=N violations=…`).

Reported:
- level accuracy (rows whose level is right / rows compared);
- ① recall (rows labelled ① that came out ①) — the number that must be 1.0: a missed
  ① file is the costly mistake;
- the false-positive rate on documents without personal data (rows labelled 0 that came
  out ① or ②), with the three regulations of `tests/data/seeds/` added as documents
  that must come out 0;
- category and key-information accuracy on the rows with personal data, and `records`
  (the number of individuals) on the rows whose content was read;
- violations, ignoring the codes the labels leave out on purpose (STALE,
  WORLD_READABLE and OUTSIDE_SECURE_AREA depend on the checkout and the policy).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from classifier.policy import default_policy
from recognizers.content import TextBlock
from recognizers.engine import shared_analyzer
from reports.model import FileResult
from scanner.grading import decide
from tools.eval_entities import SEEDS

LEVELS = ("1", "2", "0", "unknown")
UNLABELLED = frozenset({"STALE", "WORLD_READABLE", "OUTSIDE_SECURE_AREA"})
MIN_ACCURACY = 0.95
MIN_RECALL_ONE = 1.0


@dataclass
class LevelScore:
    compared: int = 0
    right: int = 0
    ones: int = 0
    ones_found: int = 0
    zeros: int = 0
    zeros_flagged: int = 0
    categories: int = 0
    categories_right: int = 0
    keys_right: int = 0
    records: int = 0
    records_right: int = 0
    violations: int = 0
    violations_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.compared if self.compared else 1.0

    @property
    def recall_one(self) -> float:
        return self.ones_found / self.ones if self.ones else 1.0

    @property
    def fp_rate(self) -> float:
        return self.zeros_flagged / self.zeros if self.zeros else 0.0


def expected(label: dict[str, str], with_pw: bool) -> tuple[str, tuple[str, ...]]:
    """The level and violations a scan must report for a labelled row."""
    level, violations = label["risk_level"], label["violations"]
    if with_pw and label["encrypted"] == "yes" and "with_password:" in label["notes"]:
        note = label["notes"].split("with_password:", 1)[1].split()
        fields = dict(part.split("=", 1) for part in note if "=" in part)
        level = fields.get("risk_level", level)
        violations = fields.get("violations", "").replace("-", "")
    return level, tuple(v for v in violations.split(";") if v)


def score_levels(
    labels: dict[str, dict[str, str]], rows: dict[str, FileResult], with_pw: bool
) -> LevelScore:
    score = LevelScore()
    for path, label in labels.items():
        row = rows.get(path)
        if row is None:
            continue  # coverage is reported by the format table
        level, violations = expected(label, with_pw)
        got = row.risk_level or "(none)"
        score.compared += 1
        score.confusion[(level, got)] += 1
        if got == level:
            score.right += 1
        else:
            score.problems.append(f"level {got} expected {level}: {path}")
        if level == "1":
            score.ones += 1
            score.ones_found += got == "1"
        if level == "0":
            score.zeros += 1
            score.zeros_flagged += got in ("1", "2")
        if level in ("1", "2") and got == level:
            score.categories += 1
            if row.category == label["category"] and ";".join(row.key_info) == label["key_info"]:
                score.categories_right += 1
                score.keys_right += 1
            else:
                score.problems.append(
                    f"category {row.category!r} / key {';'.join(row.key_info)!r} expected "
                    f"{label['category']!r} / {label['key_info']!r}: {path}"
                )
        if label["records"] and (label["encrypted"] == "no" or with_pw):
            score.records += 1
            if str(row.records) == label["records"]:
                score.records_right += 1
            else:
                score.problems.append(f"records {row.records} expected {label['records']}: {path}")
        got_violations = tuple(v for v in row.violations if v not in UNLABELLED)
        score.violations += 1
        if got_violations == violations:
            score.violations_right += 1
        else:
            score.problems.append(
                f"violations {';'.join(got_violations) or '-'} expected "
                f"{';'.join(violations) or '-'}: {path}"
            )
    return score


def regulation_levels() -> dict[str, str]:
    """The level each seed regulation gets: documents about personal data must be 0."""
    policy = default_policy()
    analyzer = shared_analyzer(False, policy.formats)
    levels: dict[str, str] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        blocks = [TextBlock(path.read_text(encoding="utf-8"))]
        decision = decide(path.name, blocks, analyzer.analyze(blocks), policy)
        levels[path.name] = decision.level.value
    return levels
