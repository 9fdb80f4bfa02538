"""JP_STAFF_ID: label-driven; an institution's own format comes from the policy file."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table
from recognizers.engine import Analyzer
from recognizers.normalize import fold
from recognizers.registry import build_recognizers

ENTITY = "JP_STAFF_ID"

CASES = [
    # positives
    ("職員番号：1447092", ["1447092"]),
    ("職員番号：１４４７０９２　所属：総務部", ["１４４７０９２"]),  # full-width
    ("教職員番号 A12345", ["A12345"]),
    ("社員番号: E2024001", ["E2024001"]),
    ("従業員番号（8桁）：20240001", ["20240001"]),
    ("職員No 12345", ["12345"]),
    ("職員コード=K0123", ["K0123"]),
    ("staff_id: 20240001", ["20240001"]),
    ("employee_id: 7788", ["7788"]),
    # negatives: no label, or the label in prose
    ("1447092", []),
    ("担当 1447092", []),
    ("会計情報 旅費情報 ① 氏名、職員番号（学籍番号）、自宅住所、銀行口座", []),
    ("氏名、生年月日、学籍番号、職員番号その他の記述等により特定の個人を識別", []),
    ("職員番号：未定", []),
    ("職員番号 ABCDEF", []),  # no digit
    # near misses
    ("職員番号：123", []),  # too short
    ("職員番号：1234567890123", []),  # too long
    ("職員番号：2024-0001", []),  # a dashed number, not alphanumerics
    ("学籍番号：2113339S", []),  # a student, not staff
    ("JANコード 4940814858984", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_staff_id(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_staff_id_on_every_row(table_counts: TableCounts) -> None:
    """A staff number repeated on a dependant's row counts again (CORPUS.md)."""
    table = Table(
        header=("職員番号", "氏名", "続柄", "個人番号"),
        rows=(
            ("1285011", "佐藤 結衣", "本人", "181919598926"),
            ("1285011", "佐藤 あすか", "子", "621498320257"),
            ("", "佐藤 一郎", "子", ""),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2


def test_configured_format_adds_a_pattern() -> None:
    formats = {ENTITY: [r"\d{7}"]}
    staff = [r for r in build_recognizers(formats) if ENTITY in r.supported_entities]
    plain = [r for r in build_recognizers() if ENTITY in r.supported_entities]
    assert len(staff) == len(plain) == 1
    assert len(staff[0].patterns) == len(plain[0].patterns) + 1  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def configured() -> Analyzer:
    return Analyzer(formats={ENTITY: [r"\d{7}"]})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("担当 1447092 まで", ["1447092"]),
        ("１４４７０９２", ["１４４７０９２"]),
        ("14470921", []),
    ],
)
def test_configured_format_counts_unlabelled(
    configured: Analyzer, text: str, expected: list[str]
) -> None:
    spans = configured.spans(fold(text))
    assert [text[s.start : s.end] for s in spans if s.entity_type == ENTITY] == expected
