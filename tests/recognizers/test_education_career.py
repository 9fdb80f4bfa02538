"""JP_EDUCATION_CAREER: rows of a 学歴・職歴 record, history fields, a pupil's 進学先."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_EDUCATION_CAREER"

CASES = [
    # positives
    ("学歴\t1988年4月\t池田大学工学部 入学", ["1988年4月\t池田大学工学部 入学"]),
    ("職歴\t1994年4月\t佐藤食品株式会社 入社", ["1994年4月\t佐藤食品株式会社 入社"]),
    ("入学前の経歴：横浜市都筑区立箪笥町幼稚園 修了", ["横浜市都筑区立箪笥町幼稚園 修了"]),
    (
        "進学先：安房郡鋸南町立第二中学校（令和7年3月卒業予定）",
        ["安房郡鋸南町立第二中学校（令和7年3月卒業予定）"],
    ),
    ("最終学歴：神戸大学大学院工学研究科 修了", ["神戸大学大学院工学研究科 修了"]),
    ("前職：株式会社サンプル 営業部", ["株式会社サンプル 営業部"]),
    ("区分:学歴", ["学歴"]),
    # negatives: headings and lists of kinds of information
    ("学歴・職歴", []),
    ("学歴・職歴\n区分\t年月\t事項", []),
    ("教職員人事情報\t①\t氏名、職員番号、生年月日、自宅住所、学歴・職歴、銀行口座", []),
    ("危険度①となるキー情報：自宅住所、学歴（進学情報など）", []),
    # near misses
    ("学歴：不問", []),
    ("職歴 なし", []),
    ("事項:同 卒業", []),
    ("区分:学生", []),
    ("進学先：神戸大学大学院工学研究科", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_education_career(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_history_table_is_one_record(table_counts: TableCounts) -> None:
    table = Table(
        header=("区分", "年月", "事項"),
        rows=(
            ("学歴", "1998年4月", "林大学工学部 入学"),
            ("学歴", "2002年3月", "同 卒業"),
            ("職歴", "2004年4月", "合同会社佐藤通信 入社"),
        ),
    )
    assert table_counts(table).get(ENTITY) == 1
