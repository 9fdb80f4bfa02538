"""JP_CAREER_PATH: a graduate's 進路区分 and 進路先 — not a counselling topic, not a pupil's 進学先."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_CAREER_PATH"

CASES = [
    # positives
    ("進路区分:就職", ["就職"]),
    ("進路:進学", ["進学"]),
    ("進路先:斎藤銀行株式会社", ["斎藤銀行株式会社"]),
    ("進路先：神戸大学大学院工学研究科", ["神戸大学大学院工学研究科"]),
    ("就職先：株式会社サンプル商事", ["株式会社サンプル商事"]),
    ("内定先 青木情報合同会社", ["青木情報合同会社"]),
    ("進学先：神戸大学大学院システム情報学研究科", ["神戸大学大学院システム情報学研究科"]),
    ("進路先:就職", ["就職"]),
    # negatives: topics, titles, a pupil's next school (学歴)
    ("相談内容：進路（大学院進学か就職か）について相談。研究室配属後に再度面談予定。", []),
    ("卒業修了者名簿（進路先情報を含む。）", []),
    ("2023年度 工学部 卒業者名簿（進路先含む）", []),
    ("進学先：安房郡鋸南町立第二中学校（令和7年3月卒業予定）", []),
    ("進路指導について", []),
    # near misses
    ("進路:未定です", []),
    ("進路 説明会", []),
    ("進路先：検討中につき空欄", []),
    ("就職先:", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_career_path(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_graduate_roster_counts_once_per_graduate(table_counts: TableCounts) -> None:
    table = Table(
        header=("学籍番号", "氏名", "進路区分", "進路先"),
        rows=(
            ("2113201S", "藤田 陽一", "進学", "神戸大学大学院理学研究科"),
            ("2113363S", "鈴木 拓真", "就職", "株式会社斎藤保険"),
        ),
    )
    assert table_counts(table).get(ENTITY) == 2
