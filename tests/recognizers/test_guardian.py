"""JP_GUARDIAN: a guardian field with a name, a phone or an address as its value."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_GUARDIAN"

BLOCK = (
    "緊急連絡先（保護者）\n氏名　小川　美加子（母）\n"
    "住所　〒676-9337　兵庫県神戸市灘区羽折町5丁目9番14号\n電話　090-0018-3386"
)

CASES = [
    # positives
    ("保護者:中川 洋介（父）", ["中川 洋介（父）"]),
    ("保護者氏名：石井　稔", ["石井　稔"]),
    ("保護者氏名：石井　稔　現住所：児童の欄に同じ", ["石井　稔"]),
    ("保護者：木村　春香（母）　連絡先：070-0078-1310", ["木村　春香（母）"]),
    ("保護者電話:080-0094-2431", ["080-0094-2431"]),
    ("保護者住所:兵庫県神戸市北区天神島3丁目2番8号", ["兵庫県神戸市北区天神島3丁目2番8号"]),
    ("保護者 山田 花子", ["山田 花子"]),
    ("父：山田　一郎", ["山田　一郎"]),
    (BLOCK, ["小川　美加子（母）"]),
    # negatives: sentences and lists naming the kind of information
    ("面談前に保護者連絡先を確認しておくこと。", []),
    ("その他の教務情報（保護者連絡先など）", []),
    ("銀行口座、保護者連絡先、学歴・職歴を含むものは危険度①とする。", []),
    ("保護者 説明会のご案内", []),
    ("保護者 各位", []),
    # near misses
    ("保護者住所：児童の欄に同じ", []),
    ("保護者:なし", []),
    ("続柄:子", []),
    ("父 は会社員", []),
    ("保護者連絡先:", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_guardian(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_guardian_columns_count_once_per_student(table_counts: TableCounts) -> None:
    table = Table(
        header=("学籍番号", "氏名", "保護者氏名", "続柄", "保護者連絡先"),
        rows=(
            ("2115173T", "田中 花子", "田中 裕樹", "父", "070-0074-9785"),
            ("2115170T", "中村 幹", "中村 あすか", "母", "090-0059-3325"),
        ),
    )
    assert table_counts(table).get(ENTITY) == 2


def test_dependants_are_not_guardians(table_counts: TableCounts) -> None:
    table = Table(
        header=("職員番号", "氏名", "続柄", "生年月日"),
        rows=(
            ("1285011", "佐藤 結衣", "本人", "1987-03-14"),
            ("1285011", "佐藤 蒼", "子", "2020-05-16"),
        ),
    )
    assert ENTITY not in table_counts(table)
