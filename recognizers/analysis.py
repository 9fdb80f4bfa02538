"""What the recognizer stage hands on: counts, masked evidence, records — no values.

`Accumulator` walks a document's blocks in order and turns spans into an `Analysis`.
The raw text of a span is read here once, to mask it and hash it, and is then dropped.

Counting follows the SPEC and `tools/CORPUS.md`:
- identifiers count once per occurrence;
- recorded information counts once per individual: in a table with a name or ID
  column, once per row; elsewhere once per record, a record starting at the first
  anchor (name, 学籍番号 …) that follows recorded information. A table without such a
  column (a 学歴・職歴 table under a person's form) continues the current record.
- records: the distinct individuals — by ID where a record has one, else by name; in a
  list without either (e-mail addresses only), by distinct address or phone number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from recognizers.entities import ALL, ANCHORS, RECORDED, SUBJECT_IDS
from recognizers.evidence import KeyedHasher, mask

# A kana name at most this many characters after a name is its reading: （いしい さゆり）.
READING_GAP = 3
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f 　・]+")
# Identifiers that tell people apart when a document names nobody (a mailing list).
CONTACTS = ("EMAIL_ADDRESS", "PHONE_NUMBER")
EVIDENCE_PER_TYPE = 2
EVIDENCE_MAX = 8


@dataclass(frozen=True, slots=True)
class Span:
    """A recognised value inside the analyser: offsets into text it alone holds."""

    entity_type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Finding:
    """One recognised value as it may leave the stage: masked, hashed, located."""

    entity_type: str
    masked: str
    digest: str
    where: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """The recognizer stage's result for one document (a file or an archive member)."""

    counts: dict[str, int] = field(default_factory=dict)
    evidence: tuple[Finding, ...] = ()
    records: int = 0
    chars: int = 0  # characters of text the document holds
    sampled: bool = False  # some table was read from a sample and counts are estimates

    def evidence_strings(self) -> tuple[str, ...]:
        return tuple(f"{f.entity_type}:{f.masked}" for f in self.evidence)


def _inside(span: Span, spans: list[Span], starts: list[int]) -> bool:
    """True if one of the (few) spans starting at or before `span` contains it."""
    i = bisect_right(starts, span.start)
    return any(s.end >= span.end for s in spans[max(0, i - 4) : i])


@dataclass
class Accumulator:
    hasher: KeyedHasher
    counts: Counter[str] = field(default_factory=Counter)
    scaled: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    per_type: Counter[str] = field(default_factory=Counter)
    # Individuals: ID digest → the name digests seen with it in table rows (a 職員番号
    # repeated on a dependant's row is one more person, the same student on another
    # sheet is not); names count only in documents without IDs.
    subjects: dict[str, set[str]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    contacts: dict[str, set[str]] = field(default_factory=dict)  # CONTACTS type → digests
    extra_records: float = 0.0
    current: set[str] = field(default_factory=set)  # recorded types in the current record
    chars: int = 0
    sampled: bool = False

    def identifier(self, entity: str, value: str, where: str) -> str:
        """Count one identifier occurrence; returns its keyed hash."""
        self.counts[entity] += 1
        digest = self.hasher(entity, value)
        if entity in CONTACTS:
            self.contacts.setdefault(entity, set()).add(digest)
        if self.per_type[entity] < EVIDENCE_PER_TYPE:
            self.per_type[entity] += 1
            self.findings.append(Finding(entity, mask(entity, value), digest, where))
        return digest

    def recorded(self, entity: str, value: str, where: str) -> None:
        if entity in self.current:
            return
        self.current.add(entity)
        self.counts[entity] += 1
        if self.per_type[entity] < EVIDENCE_PER_TYPE:
            self.per_type[entity] += 1
            self.findings.append(Finding(entity, mask(entity, value), "", where))

    def text_spans(self, text: str, spans: Iterable[Span], where: str) -> None:
        """Spans of a text block (or of a table without a name/ID column), in order."""
        ids: set[str] = set()
        names: set[str] = set()
        last_name_end = -READING_GAP - 1
        ordered = sorted(spans, key=lambda s: s.start)
        recorded = [s for s in ordered if s.entity_type in RECORDED]
        recorded_starts = [s.start for s in recorded]
        for span in ordered:
            value = text[span.start : span.end]
            if span.entity_type in RECORDED:
                self.recorded(span.entity_type, value, where)
                continue
            # A name inside recorded information (保護者：木村 春香) belongs to the
            # current record: it neither starts a new one nor is a record's subject.
            inside = span.entity_type == "PERSON" and _inside(span, recorded, recorded_starts)
            if span.entity_type in ANCHORS and self.current and not inside:
                self.current = set()  # a new person after recorded information
            digest = self.identifier(span.entity_type, value, where)
            if span.entity_type in SUBJECT_IDS:
                ids.add(digest)
            elif span.entity_type == "PERSON" and not inside:
                # 石井 さゆり（いしい さゆり）: a reading right after a name is that person.
                if not (_KANA.fullmatch(value) and span.start - last_name_end <= READING_GAP):
                    names.add(digest)
                last_name_end = span.end
        for digest in ids:
            self.subjects.setdefault(digest, set())
        if not ids:
            self.names.update(names)

    def table_rows(
        self,
        text: str,
        rows: dict[int, list[Span]],
        scale: float,
        where: str,
    ) -> None:
        """Spans grouped by table row: each row with an anchor is one record."""
        before = Counter(self.counts)
        with_anchor = 0
        for _, spans in sorted(rows.items()):
            self.current = set()
            row_ids: list[str] = []
            row_names: list[str] = []
            for span in sorted(spans, key=lambda s: s.start):
                value = text[span.start : span.end]
                if span.entity_type in RECORDED:
                    self.recorded(span.entity_type, value, where)
                    continue
                digest = self.identifier(span.entity_type, value, where)
                if span.entity_type in SUBJECT_IDS:
                    row_ids.append(digest)
                elif span.entity_type == "PERSON":
                    row_names.append(digest)
            if row_ids:
                with_anchor += 1
                people = self.subjects.setdefault(row_ids[0], set())
                if row_names:
                    people.add(row_names[0])
            elif row_names:
                with_anchor += 1
                self.names.add(row_names[0])
        self.current = set()
        if scale > 1.0:
            self.sampled = True
            for entity in ALL:
                added = self.counts[entity] - before[entity]
                if added:
                    self.scaled[entity] = self.scaled.get(entity, 0.0) + added * (scale - 1.0)
            self.extra_records += with_anchor * (scale - 1.0)

    def result(self) -> Analysis:
        counts = {k: v + round(self.scaled.get(k, 0.0)) for k, v in self.counts.items() if v}
        records = sum(max(1, len(names)) for names in self.subjects.values()) or len(self.names)
        if not records:  # nobody named: count people by their contact details
            records = max((len(d) for d in self.contacts.values()), default=0)
        order = {entity: i for i, entity in enumerate(ALL)}
        findings = sorted(self.findings, key=lambda f: order.get(f.entity_type, len(order)))
        return Analysis(
            counts=dict(sorted(counts.items())),
            evidence=tuple(findings[:EVIDENCE_MAX]),
            records=records + round(self.extra_records),
            chars=self.chars,
            sampled=self.sampled,
        )
