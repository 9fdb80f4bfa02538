"""JP_ADDRESS: prefecture + municipality + street number (+ building), or a labelled one.

Format: 住居表示に関する法律 (丁目・番・号), 日本郵便「宛名の書き方」. The addresses are
made up and, like the sample corpus, mix prefectures and cities on purpose.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_ADDRESS"

CASES = [
    # prefecture + municipality + street detail
    ("兵庫県神戸市東灘区浅草橋2-27-7", ["兵庫県神戸市東灘区浅草橋2-27-7"]),
    (
        "沖縄県横浜市金沢区松浦町4丁目20番19号 クレスト箭坪600号室",
        ["沖縄県横浜市金沢区松浦町4丁目20番19号 クレスト箭坪600号室"],
    ),
    ("岐阜県印旛郡本埜村大京町6丁目7番3号", ["岐阜県印旛郡本埜村大京町6丁目7番3号"]),
    ("岩手県あきる野市上野公園2-29-15", ["岩手県あきる野市上野公園2-29-15"]),
    ("京都府横浜市保土ケ谷区東上野3丁目22番14号", ["京都府横浜市保土ケ谷区東上野3丁目22番14号"]),
    ("北海道札幌市中央区北1条西2丁目1番地", ["北海道札幌市中央区北1条西2丁目1番地"]),
    ("鹿児島県大島郡和泊町和泊123番地", ["鹿児島県大島郡和泊町和泊123番地"]),
    ("大阪府大阪市北区梅田三丁目", ["大阪府大阪市北区梅田三丁目"]),
    (
        "兵庫県芦屋市丸の内JPタワー3丁目29番11号 クレスト吾妻橋725号室",
        ["兵庫県芦屋市丸の内JPタワー3丁目29番11号 クレスト吾妻橋725号室"],
    ),
    ("兵庫県神戸市灘区六甲台町１－１", ["兵庫県神戸市灘区六甲台町１－１"]),
    # the postal code is not part of the address; the building is
    (
        "現住所：〒664-7813\u3000兵庫県神戸市北区東和町1-29-8 シティ豊町673号室",
        ["兵庫県神戸市北区東和町1-29-8 シティ豊町673号室"],
    ),
    (
        "〒666-5745 兵庫県神戸市灘区横林2-26-10\r\n電話：078-052-3114",
        ["兵庫県神戸市灘区横林2-26-10"],
    ),
    # the building ends at a separator; what follows is another field
    ("住所：兵庫県神戸市灘区横林2-26-10 TEL 078-052-3114", ["兵庫県神戸市灘区横林2-26-10"]),
    (
        "兵庫県神戸市灘区横林2-26-10 コーポ横林101（自宅）",
        ["兵庫県神戸市灘区横林2-26-10 コーポ横林101"],
    ),
    ("兵庫県明石市日光3丁目14番16号／実家", ["兵庫県明石市日光3丁目14番16号"]),
    ("兵庫県明石市日光3丁目14番16号です。", ["兵庫県明石市日光3丁目14番16号"]),
    # without a prefecture: after a label, or below a label line
    ("卒業後連絡先住所：横浜市港南区東大和町2-8-1", ["横浜市港南区東大和町2-8-1"]),
    ("住所 〒650-0001 神戸市中央区加納町6-5-1", ["神戸市中央区加納町6-5-1"]),
    ("address: 神戸市灘区鶴甲1-2-1", ["神戸市灘区鶴甲1-2-1"]),
    ("保護者住所\n神戸市灘区鶴甲1-2-1", ["神戸市灘区鶴甲1-2-1"]),
    # municipalities alone, references to another field, rooms: not addresses
    ("用務地:札幌市北区", []),
    ("つくば市", []),
    ("用務地 京都市左京区 出発日 2024-06-24", []),
    ("保護者氏名：石井\u3000稔\u3000現住所：児童の欄に同じ", []),
    ("現住所：同上", []),
    ("線形代数B（月1）\u3000C101 → C203", []),
    ("場所：工学部本館 2階 第一会議室（内線 5010）", []),
    ("兵庫県立大学", []),
    ("入学前の経歴：横浜市都筑区立箪笥町幼稚園 修了", []),
    ("進学先：三宅島三宅村立第二中学校（令和7年3月卒業予定）", []),
    ("神戸市灘区鶴甲1-2-1", []),  # no prefecture, no label, no address word
    # an organisation's own address is not personal
    (
        "〒101-0047 東京都千代田区内神田2-12-6 神田OSビル4F\n一般社団法人日本ネットワークインフォメーションセンター",
        [],
    ),
    ("株式会社サンプル商事\n兵庫県神戸市中央区港島1-2-3", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_address(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_address_columns(table_counts: TableCounts) -> None:
    """自宅住所 cells count (同上 does not); a 用務地 column of cities does not."""
    table = Table(
        header=("氏名", "用務地", "自宅住所"),
        rows=(
            ("石川 美加子", "札幌市北区", "兵庫県尼崎市白金5丁目14番5号 ハイツ南赤田567号室"),
            ("石川 一郎", "つくば市", "同上"),
            ("伊藤 翔太", "仙台市青葉区", "横浜市港南区東大和町2-8-1"),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2
