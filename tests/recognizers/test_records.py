"""`records`: how many individuals a document is about (the classifier's "people").

Table-driven over small documents: IDs tell people apart before names; a 職員番号
repeated on a dependant's row is one more person; a kana reading right after a name is
the same person; a list that names nobody counts its distinct addresses.
"""

from __future__ import annotations

import pytest

from recognizers.content import Block, Table, TextBlock
from recognizers.engine import Analyzer

CASES: list[tuple[str, list[Block], int]] = [
    (
        "the same students on two sheets",
        [
            Table(
                ("学籍番号", "氏名", "評価"),
                [("2215126T", "田中 春香", "優"), ("2215127T", "山本 直樹", "良")],
                "前期",
            ),
            Table(
                ("学籍番号", "氏名", "評価"),
                [("2215126T", "田中 春香", "秀"), ("2215127T", "山本 直樹", "可")],
                "後期",
            ),
        ],
        2,
    ),
    (
        "dependants on the staff member's 職員番号",
        [
            Table(
                ("職員番号", "氏名", "続柄"),
                [
                    ("1620676", "三浦 陽一", "本人"),
                    ("1620676", "三浦 美加子", "妻"),
                    ("1047964", "佐々木 太郎", "本人"),
                ],
            )
        ],
        3,
    ),
    (
        "a name with its reading is one pupil",
        [
            TextBlock(
                "児童氏名：石井　さゆり（いしい さゆり）\n児童氏名：遠藤　陽子（えんどう ようこ）"
            )
        ],
        2,
    ),
    (
        "a mail that names its sender three times",
        [
            TextBlock(
                "From: 福田 直子 <naoko.fukuda@example.ac.jp>\n\n教務課の福田 直子です。\n\n福田 直子\nnaoko.fukuda@example.ac.jp"
            )
        ],
        1,
    ),
    (
        "a mailing list that names nobody",
        [TextBlock("宛先一覧\n" + "\n".join(f"メール：user{i}@example.ac.jp" for i in range(6)))],
        6,
    ),
]


@pytest.mark.parametrize(("blocks", "records"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_records(analyzer: Analyzer, blocks: list[Block], records: int) -> None:
    assert analyzer.analyze(blocks).records == records
