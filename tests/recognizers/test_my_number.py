"""JP_MY_NUMBER: 12 digits with a valid check digit (stdnum.jp.in_) and context.

Test vectors 123456789018 and 621498320257 are python-stdnum's (stdnum/jp/in_.py) and
pass the 個人番号 check digit (weights 6,5,4,3,2,7,6,5,4,3,2; NOTES.md).
875277141694 passes it too: it is the 品番 of the sample corpus price list that must not
count without context.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts
from stdnum.jp import in_ as jp_in

from recognizers.content import Table

ENTITY = "JP_MY_NUMBER"

CASES = [
    # positives: check digit and a label or context word
    ("個人番号：123456789018", ["123456789018"]),
    ("マイナンバー: 6214 9832 0257", ["6214 9832 0257"]),
    ("個人番号 6214-9832-0257", ["6214-9832-0257"]),
    ("個人番号：６２１４９８３２０２５７", ["６２１４９８３２０２５７"]),  # full-width
    ("個人番号　６２１４－９８３２－０２５７", ["６２１４－９８３２－０２５７"]),
    ("本人の個人番号123456789018を記載する", ["123456789018"]),  # glued to kanji
    ("マイナンバー（個人番号）：621498320257", ["621498320257"]),
    ("my_number=621498320257", ["621498320257"]),
    ("マイナンバー\n621498320257", ["621498320257"]),  # label on the line above
    ("扶養親族 佐藤 あすか 621498320257（個人番号）", ["621498320257"]),  # label after
    # negatives: check digit fails, or no context
    ("個人番号：123456789012", []),
    ("個人番号：6214 9832 0258", []),
    ("875277141694", []),  # passes the check digit, no context
    ("コピー用紙 875277141694 箱 2480", []),
    ("品番 875277141694", []),
    ("注文番号：621498320257", []),
    ("個人番号（マイナンバー）は、法令で定める事務に限り取り扱う。", []),
    # near misses: 法人番号, longer runs, codes
    ("法人番号 5923740053699", []),  # 13 digits: a corporate number
    ("個人番号：6214983202570", []),  # 13 digits under the label
    ("契約業者（法人番号 621498320257）", []),
    ("会社法人等番号 621498320257", []),
    ("個人番号 4111 1111 1111 1111", []),  # a card number in groups, not 4-4-4
    ("JANコード 4940814858984 個人番号欄", []),
    ("TEL 0120-621498320257 マイナンバー", []),
    ("個人番号：6214 9832-0257", []),  # mixed separators
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_my_number(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


@pytest.mark.parametrize("value", ["123456789018", "621498320257", "875277141694"])
def test_vectors_pass_the_check_digit(value: str) -> None:
    assert jp_in.is_valid(value)


def test_my_number_column(table_counts: TableCounts) -> None:
    table = Table(
        header=("職員番号", "氏名", "続柄", "生年月日", "個人番号"),
        rows=(
            ("1285011", "佐藤 結衣", "本人", "1987-03-14", "181919598926"),
            ("1285011", "佐藤 あすか", "子", "2020-05-16", "621498320257"),
            ("2008211", "阿部 結衣", "本人", "1992-03-18", "123456789012"),  # bad check
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2


def test_price_list_counts_nothing(table_counts: TableCounts) -> None:
    table = Table(
        header=("JANコード", "品番", "品名", "単位", "単価（円）"),
        rows=(
            ("4929376994736", "433850154087", "コピー用紙 A4 500枚×5冊", "箱", "2480"),
            ("4938902461956", "875277141694", "USBメモリ 32GB", "個", "4980"),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 0


def test_number_column_of_a_my_number_form(table_counts: TableCounts) -> None:
    """A 番号 column whose row says 個人番号: the label is the cell before the value."""
    table = Table(
        header=("項目", "番号"),
        rows=(("個人番号", "621498320257"), ("品番", "875277141694"), ("電話", "0783331234")),
    )
    assert table_counts(table).get(ENTITY, 0) == 1
