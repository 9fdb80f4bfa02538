"""JP_BANK_ACCOUNT: one finding per account, the 口座番号 value, read with bank context."""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "JP_BANK_ACCOUNT"

CASES = [
    # positives: labels
    ("口座番号：7655755", ["7655755"]),
    ("口座番号 1234567", ["1234567"]),
    ("口座番号（7桁）：0322345", ["0322345"]),
    ("口座：普通 1234567", ["1234567"]),
    ("口座番号：普通預金 2252601", ["2252601"]),
    ("account_number: 0322345", ["0322345"]),
    ("口座番号：７６５５７５５", ["７６５５７５５"]),  # full-width
    ("口座記号番号：10930-13683271", ["13683271"]),  # ゆうちょ: 記号 is context
    ("ゆうちょ銀行 記号番号 10930-13683271", ["13683271"]),
    ("被保険者証 記号番号：12345678", []),  # health insurance, not a bank
    # positives: bank context on the line
    ("振込口座：みなと銀行 六甲道支店 普通 8451360", ["8451360"]),
    ("三井住友銀行 神戸営業部 普通預金 2252601 ヤマシタ ユウタ", ["2252601"]),
    ("ゆうちょ銀行 記号10930 番号13683271", ["13683271"]),
    ("りそな銀行三宮支店普通1056741", ["1056741"]),  # glued to kanji
    ("京都銀行 本店営業部 当座 ０２４７３７１", ["０２４７３７１"]),
    # negatives
    ("職員番号：1447092", []),
    ("職員番号：1447092 所属：総務部 振込口座は別紙", []),
    ("旅費（円）:11480", []),
    ("支給額（円）:35500", []),
    ("支店名:記号10930", []),  # the ゆうちょ 記号 alone is not an account
    ("銀行振込で 1234567円 を支払う", []),
    ("みなと銀行 本店 〒6500001 神戸市中央区", []),
    ("三宮支店 TEL 3331234", []),
    ("みなと銀行 代表 078-333-1234", []),
    ("口座振替日：20240125", []),
    ("口座名義（カナ）:イシカワ ミカコ", []),
    ("旅費情報（銀行口座を含む）", []),
    # near misses: JAN codes, longer numbers
    ("JANコード 4929376994736", []),
    ("口座番号：4929376994736", []),
    ("口座番号：1234567-8", []),
    ("みなと銀行 普通 12345678901", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bank_account(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


HEADER = ("職員番号", "氏名", "金融機関名", "支店名", "預金種別", "口座番号", "口座名義（カナ）")


def test_one_finding_per_account(table_counts: TableCounts) -> None:
    table = Table(
        header=HEADER,
        rows=(
            ("2377531", "伊藤 充", "池田泉州銀行", "豊中支店", "普通", "0874628", "イトウ ミツル"),
            (
                "2088002",
                "木村 真綾",
                "みなと銀行",
                "六甲道支店",
                "普通",
                "2622910",
                "キムラ マアヤ",
            ),
            (
                "2177997",
                "佐々木 裕樹",
                "ゆうちょ銀行",
                "記号10930",
                "通常貯金",
                "13683271",
                "ササキ ユウキ",
            ),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 3


def test_amounts_and_staff_numbers_are_not_accounts(table_counts: TableCounts) -> None:
    table = Table(
        header=("命令番号", "職員番号", "氏名", "支給額（円）", "金融機関名", "口座番号"),
        rows=(
            ("2024-0001", "1447092", "石川 美加子", "35500", "京都銀行", "2565947"),
            ("2024-0002", "2678092", "清水 浩", "1123100", "りそな銀行", ""),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 1
