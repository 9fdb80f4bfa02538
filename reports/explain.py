"""`piiscan explain FILE`: why a file got its level, in the order the decision was made.

For the file and each archive or mail member: what was found (entity counts and masked
examples with where they were), the cue words of its title region, every rule that fired,
the rows of the matrix that fitted best, the verdict, and then where the file lies and
which storage rules that breaks. Masked evidence only, as everywhere. Sample output::

    会計/旅費振込依頼_学外者_2024.xlsx
      type       application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
      encrypted  no        zone  normal (normal)
      found      JP_ADDRESS:8, JP_BANK_ACCOUNT:8, JP_POSTAL_CODE:8, PERSON:24 (8 individuals)
      examples   PERSON:山＊ ＊＊ (学外者 row 2) · JP_BANK_ACCOUNT:*****67 (学外者 row 2)
      cue words  学外者 · 旅費 · 用務
      steps      1. identifies people → at least 危険度②
                 2. 銀行口座 (JP_BANK_ACCOUNT): key information of 旅費情報 → 危険度①
                 ...
      verdict    危険度① 旅費情報 (key information: 銀行口座)
      violations UNENCRYPTED — a 危険度① or ② file that is neither encrypted nor …
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from classifier.codes import Violation
from classifier.matrix import Decision
from classifier.violations import EXPLANATIONS
from classifier.zones import Zone
from recognizers.analysis import Analysis
from reports.model import FileResult

LEVEL_NAMES = {"1": "危険度①", "2": "危険度②", "0": "0 (no personal information)"}
TOP_ROWS = 3


@dataclass(frozen=True, slots=True)
class Document:
    """One analysed document (a file or a member) as the pipeline recorded it."""

    path: str
    analysis: Analysis
    decision: Decision


def render(
    rows: Sequence[FileResult],
    documents: Mapping[str, Document],
    zone: Zone | None,
    root: str = "",
) -> str:
    """The explanation of `rows` (a file, then its members) as plain text."""
    out: list[str] = []
    for i, row in enumerate(rows):
        out.extend(_row(row, documents.get(row.path), zone if i == 0 else None, root))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _row(row: FileResult, doc: Document | None, zone: Zone | None, root: str) -> list[str]:
    path = row.path.removeprefix(root.rstrip("/") + "/") if root else row.path
    lines = [path]
    lines.append(_field("type", row.file_type or "-"))
    where = f"   zone  {row.zone} ({zone.type.value})" if zone else ""
    lines.append(_field("encrypted", ("yes" if row.encrypted else "no") + where))
    if row.error:
        lines.append(_field("not read", row.error))
    if doc is not None:
        lines.extend(_document(doc))
        own = doc.decision.level.value
        if own != row.risk_level:
            note = f"its own content is {LEVEL_NAMES.get(own, own)}; its most severe member decides"
            lines.append(_field("container", note))
    lines.append(_field("verdict", _verdict(row)))
    for code in row.violations:
        lines.append(_field("violation", f"{code} — {EXPLANATIONS[Violation(code)]}"))
    if row.risk_level in ("1", "2") and not row.violations:
        lines.append(_field("violation", "none"))
    return lines


def _document(doc: Document) -> list[str]:
    analysis, decision = doc.analysis, doc.decision
    counts = ", ".join(f"{t}:{n}" for t, n in sorted(analysis.counts.items())) or "nothing"
    people = f" ({analysis.records} individuals)" if analysis.records else ""
    lines = [
        _field(
            "found", counts + people + (" (estimated from a sample)" if analysis.sampled else "")
        )
    ]
    examples = [
        f"{f.entity_type}:{f.masked}" + (f" ({f.where})" if f.where else "")
        for f in analysis.evidence
    ]
    lines.extend(_list("examples", examples))
    cues = decision.facts.cues if decision.facts else frozenset()
    lines.append(_field("cue words", " · ".join(sorted(cues)) or "none"))
    lines.extend(_list("steps", [f"{n}. {s}" for n, s in enumerate(decision.steps, 1)]))
    if decision.scores:
        lines.extend(_list("best rows", [s.describe() for s in decision.scores[:TOP_ROWS]]))
    return lines


def _verdict(row: FileResult) -> str:
    if row.risk_level == "unknown":
        return "unknown: the content could not be inspected"
    text = LEVEL_NAMES.get(row.risk_level, row.risk_level or "not classified")
    if row.category:
        text += f" {row.category}"
    if row.key_info:
        text += f" (key information: {'・'.join(row.key_info)})"
    return text


WIDTH = 11


def _field(name: str, value: str) -> str:
    return f"  {name:<{WIDTH}}{value}"


def _list(name: str, values: Sequence[str]) -> list[str]:
    if not values:
        return [_field(name, "none")]
    return [_field(name if i == 0 else "", v) for i, v in enumerate(values)]
