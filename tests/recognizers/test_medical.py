"""JP_MEDICAL: diagnoses, findings, health-check values — under a label, never a bare word."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_MEDICAL"

CASES = [
    # positives: descriptive labels
    ("主病名:アトピー性皮膚炎", ["アトピー性皮膚炎"]),
    ("傷病名：本態性高血圧症、脂質異常症", ["本態性高血圧症、脂質異常症"]),
    ("アレルギー：ペニシリン系薬剤で発疹。", ["ペニシリン系薬剤で発疹。"]),
    ("現在の処方：アムロジピン錠5mg 1錠", ["アムロジピン錠5mg 1錠"]),
    ("adverse_event:軽度の頭痛", ["軽度の頭痛"]),
    # positives: measurements and health verdicts
    ("血圧：152/92 mmHg（基準値 129/84 以下）", ["152/92 mmHg"]),
    ("尿蛋白：（2＋）", ["（2＋）"]),
    ("尿蛋白:－", ["－"]),
    ("胸部X線:要精検（右上肺野）", ["要精検（右上肺野）"]),
    ("BMI:20.2", ["20.2"]),
    ("HbA1c(%):7.4", ["7.4"]),
    ("判定:要再検査", ["要再検査"]),
    ("総合判定　要経過観察", ["要経過観察"]),
    # positives: department, trial arm
    ("診療科:整形外科", ["整形外科"]),
    ("arm:B群", ["B群"]),
    # negatives: the words in titles, slides, regulations, counselling notes
    ("2024年度 学生定期健康診断 要再検査・要経過観察者一覧", []),
    ("要配慮個人情報：病歴、健康診断の結果など", []),
    (
        "銀行口座、保護者連絡先、学歴・職歴、診療情報又は入学試験の成績を含むものは危険度①とする。",
        [],
    ),
    (
        "相談内容：履修計画について相談。前期は体調不良で欠席が続いたため、登録単位数を調整する。",
        [],
    ),
    ("2024年度定期健康診断の結果、下記の項目で再検査が必要となりました。", []),
    ("紹介元：神戸大学医学部附属病院 循環器内科", []),
    ("健康診断情報", []),
    # near misses
    ("判定:合", []),
    ("既往歴：有・無", []),
    ("症状 が出た場合は速やかに受診すること", []),
    ("身長:未測定", []),
    ("健康診断:年1回", []),
    ("血圧計 2台", []),
    ("結果:正常", []),
    ("アレルギー 対応マニュアル", []),
    ("処方 箋", []),
    ("身長 170 cm 以上の者", []),
    ("所見：授業態度は良好である", []),
    ("検査結果：陰性", ["陰性"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_medical(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_health_check_counts_once_per_student(table_counts: TableCounts) -> None:
    table = Table(
        header=("学籍番号", "氏名", "身長", "体重", "血圧", "尿蛋白", "判定"),
        rows=(
            ("2113104S", "山口 晃", "165.2", "55.2", "122/95", "＋", "要再検査"),
            ("2401319L", "藤田 太郎", "156.1", "87.0", "110/90", "－", "要経過観察"),
        ),
    )
    assert table_counts(table).get(ENTITY) == 2
