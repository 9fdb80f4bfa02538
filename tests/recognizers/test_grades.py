"""JP_GRADES: a mark under a marks label or a subject header — never the word 成績 in prose."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_GRADES"

CASES = [
    # positives: grade words, scores, subject scores
    ("評価:良", ["良"]),
    ("評価：不可", ["不可"]),
    ("成績　Ａ", ["Ａ"]),
    ("中間：96", ["96"]),
    ("期末:57", ["57"]),
    ("得点：81 点 ／ 100 点 （採点済）", ["81 点"]),
    ("合計点 427", ["427"]),
    ("GPA：3.25", ["3.25"]),
    ("評定：4", ["4"]),
    ("英語:115\n数学:143", ["115"]),
    ("国語 80　数学 72", ["80"]),
    ("国語 80点", ["80点"]),
    ("国語:173\n合計:431", ["431"]),
    # negatives: the word in prose, weights, units, titles
    ("成績評価\n期末試験 60%、レポート 30%、小テスト 10%。", []),
    ("3. 成績評価基準の統一について【資料2】", []),
    ("上限単位数：各学期 24単位", []),
    ("学年:4", []),
    ("単位:2", []),
    ("教務情報 授業科目別成績表 ② 氏名、学籍番号、成績、その他の教務情報", []),
    ("情報科学概論 期末試験  1", []),
    ("GPAに再履修科目を含めるか確認してください", []),
    ("月:線形代数B（K24-2101）C101", []),
    # near misses
    ("評価:良い", []),
    ("自己評価 A", []),
    ("英語:2", []),
    ("合計:431", []),
    ("合計:12,800円", []),
    ("合計 3 名", []),
    ("得点 100 を超える場合", []),
    ("得点（円）:980", []),
    ("期末:2024年7月30日", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_grades(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_grade_table_counts_once_per_student(table_counts: TableCounts) -> None:
    table = Table(
        header=("学籍番号", "氏名", "中間", "期末", "点数", "評価"),
        rows=(
            ("2113142S", "石井 加奈", "96", "57", "73", "良"),
            ("2113385S", "吉田 篤司", "68", "45", "54", "不可"),
        ),
    )
    assert table_counts(table).get(ENTITY) == 2


def test_subject_table_of_a_guidance_record(table_counts: TableCounts) -> None:
    table = Table(
        header=("出席番号", "児童氏名", "国語", "社会", "算数", "理科"),
        rows=(("1", "石井 さゆり", "1", "2", "3", "2"), ("2", "石井 七夏", "2", "2", "3", "3")),
    )
    assert table_counts(table).get(ENTITY) == 2
