"""EMAIL_ADDRESS: ASCII addresses, also glued to Japanese; not a Message-ID.

Shape: RFC 5322 §3.4.1 addr-spec as people write it, alphabetic TLD of 2-24 letters.
Every address here is made up (example.* domains, RFC 2606).
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "EMAIL_ADDRESS"

CASES = [
    # positives, also glued to Japanese text
    ("合宿の連絡はメールsotaro.suzuki58@example.orgまで", ["sotaro.suzuki58@example.org"]),
    ("吉田 桃子：momoko@example.jpです。LINEでも可", ["momoko@example.jp"]),
    ("機材担当は山本 治（osamu@example.jp）", ["osamu@example.jp"]),
    ("From: 福田 直子 <naoko.fukuda@example.ac.jp>", ["naoko.fukuda@example.ac.jp"]),
    ("E-mail：shohei.takahashi@example.ac.jp", ["shohei.takahashi@example.ac.jp"]),
    ("2113053s@stu.example.ac.jp", ["2113053s@stu.example.ac.jp"]),
    ("first+tag_1%x@mail-1.example.international", ["first+tag_1%x@mail-1.example.international"]),
    ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ", ["ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ"]),
    ("連絡先 a@example.com, b@example.net", ["a@example.com", "b@example.net"]),
    ("送付先はinfo@example.com.", ["info@example.com"]),
    # message identifiers are not addresses
    ("Message-ID: <20240809131200.kyomu0001@mail.example.ac.jp>", []),
    ("In-Reply-To: <abc.123@mail.example.ac.jp>", []),
    ("References: <abc.123@mail.example.ac.jp>\n <def.456@mail.example.ac.jp>", []),
    # near misses: no dot, numeric or one-letter TLD, bad dots, no local part
    ("root@localhost", []),
    ("user@example.c", []),
    ("user@example.123", []),
    ("user@example.jp1", []),
    ("taro..yamada@example.jp", []),
    (".taro@example.jp", []),
    ("@example.com", []),
    ("価格は100円@2024年", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_email(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_email_column(table_counts: TableCounts) -> None:
    table = Table(
        header=("学籍番号", "氏名", "メールアドレス"),
        rows=(
            ("2215259T", "岡田 篤司", "2215259t@stu.example.ac.jp"),
            ("2215359T", "中村 里佳", "rika.nakamura@example.net"),
            ("2215085T", "佐藤 さゆり", ""),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2
