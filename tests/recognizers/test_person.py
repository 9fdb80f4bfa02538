"""PERSON: labels, family-space-given, honorifics, readings; deep mode adds the NER."""

from __future__ import annotations

import pytest
from _harness import Found

from recognizers.content import Table
from recognizers.engine import Analyzer
from recognizers.normalize import fold

ENTITY = "PERSON"

CASES = [
    # labels
    ("氏名：山田太郎", ["山田太郎"]),
    ("氏名　小川　治　（ふりがな　おがわ おさむ）", ["小川　治", "おがわ おさむ"]),
    ("氏名：田中　春香（タナカ ハルカ）", ["田中　春香", "タナカ ハルカ"]),
    ("児童氏名：石井　さゆり（いしい さゆり）　性別：女", ["石井　さゆり", "いしい さゆり"]),
    ("氏名:藤井 零", ["藤井 零"]),
    ("口座名義（カナ）:ササキ マイ", ["ササキ マイ"]),
    ("部長：斎藤 治（3年）携帯 070-0041-7347", ["斎藤 治"]),
    ("name:長谷川 健一", ["長谷川 健一"]),
    # family name, space, given name
    ("教務課の福田 直子です。", ["福田 直子"]),
    ("From: 福田 直子 <naoko@example.ac.jp>", ["福田 直子"]),
    ("神戸大学 総務部人事課 人事係\n高橋　修平\nTEL：078-003-8596", ["高橋　修平"]),
    ("小林 くみ子", ["小林 くみ子"]),
    ("髙橋 修平", ["髙橋 修平"]),  # 髙 is not in the surname dictionary; 修平 is a given name
    # honorifics
    ("2113125S 田中 七夏 様", ["田中 七夏"]),
    ("担当の高橋さんへ", ["高橋"]),
    ("佐藤　浩 先生 御侍史", ["佐藤　浩"]),
    ("医師 伊藤　稔", ["伊藤　稔"]),
    # negatives: organisations, places, headings, words
    ("担当：情報科学研究科", []),
    ("神戸大学 学務部教務課 教務係", []),
    ("前期 個別面談 対象学生一覧", []),
    ("2024年度 前期 プログラミング演習", []),
    ("東京都 千代田区", []),
    ("皆さん、お客様各位", []),
    ("氏名、生年月日その他の記述等により特定の個人を識別することができるもの", []),
    ("ファイル名は「学籍番号_氏名.pdf」とすること。", []),
    ("氏名：株式会社サンプル商事", []),
    # near misses: a name in prose without any signal is left to --deep
    ("山田太郎は東京に住む。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_person(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_roster_columns_count_names_and_readings(analyzer: Analyzer) -> None:
    table = Table(
        header=("学籍番号", "氏名", "フリガナ", "所属"),
        rows=(
            ("2113026S", "小川\u3000陽子", "オガワ ヨウコ", "理学部物理学科"),
            ("2113199S", "渡辺\u3000春香", "ワタナベ ハルカ", "理学部物理学科"),
        ),
    )
    assert analyzer.analyze([table]).counts["PERSON"] == 4


def test_deep_mode_adds_names_in_prose() -> None:
    deep = Analyzer(deep=True)
    text = "昨日、山田太郎は東京に住む佐藤花子に会った。"
    names = [text[s.start : s.end] for s in deep.spans(fold(text)) if s.entity_type == ENTITY]
    assert names == ["山田太郎", "佐藤花子"]
