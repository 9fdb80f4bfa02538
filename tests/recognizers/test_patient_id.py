"""JP_PATIENT_ID: label-driven, plus 8-10 digits next to 患者 / カルテ / 診療."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_PATIENT_ID"

CASES = [
    # positives: labels
    ("患者ID：0003518337", ["0003518337"]),
    ("患者ID：０００３５１８３３７", ["０００３５１８３３７"]),  # full-width
    ("患者番号 12345678", ["12345678"]),
    ("カルテ番号：K123456", ["K123456"]),
    ("診察券番号：00123456", ["00123456"]),
    ("patient_id: 0082926028", ["0082926028"]),
    ("患者情報\nID番号：00123456", ["00123456"]),  # ID番号 with 患者 on the line above
    # positives: unlabelled with context
    ("患者 阿部 京助 0012345678", ["0012345678"]),
    ("カルテ 0012345678 循環器内科", ["0012345678"]),
    # negatives
    ("ID番号：00123456", []),  # someone's ID, no 患者 context
    ("0012345678", []),
    ("患者番号の記載された書類は施錠保管する。", []),
    ("subject_code: KU-CT24-001", []),  # a clinical-trial subject code
    ("被験者コード KU-CT24-001 患者", []),
    # near misses
    ("患者ID：123", []),  # too short
    ("患者 電話 078-052-3114", []),
    ("患者 生年月日 1954-08-02", []),
    ("診療日 20241018", []),  # an 8-digit date
    ("診療科 内科 12345678", ["12345678"]),  # 8 digits next to 診療: low but counted
    ("患者 JANコード 4940814858984", []),
    ("患者 TK1234567", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_patient_id(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_trial_register_counts_patients_not_subjects(table_counts: TableCounts) -> None:
    table = Table(
        header=("subject_code", "patient_id", "name", "birth_date", "phone"),
        rows=(
            ("KU-CT24-001", "0082926028", "小林 裕美子", "1954-08-02", "078-025-8658"),
            ("KU-CT24-002", "0088507106", "渡辺 康弘", "1971-08-26", "078-055-6082"),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2
