"""PHONE_NUMBER: Japanese landline (10 digits), mobile/IP (11), +81; not a company's lines.

Number plan: 総務省「電気通信番号計画」 (0 + area code + exchange + subscriber = 10
digits; 050/070/080/090 + 8 digits; 0120/0800 free dial). Every number here is made up.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table

ENTITY = "PHONE_NUMBER"

CASES = [
    # landlines: area code of 2-5 digits, 10 digits in all
    ("電話：03-1234-5678", ["03-1234-5678"]),
    ("078-123-4567（自宅）", ["078-123-4567"]),
    ("0791-12-3456", ["0791-12-3456"]),
    ("01267-2-3456", ["01267-2-3456"]),
    ("自宅(078)050-9570", ["(078)050-9570"]),
    ("自宅 078(050)9570", ["078(050)9570"]),
    ("06-0502-9455", ["06-0502-9455"]),
    # mobile and IP phones: 11 digits, with or without hyphens
    ("携帯 090-1234-5678", ["090-1234-5678"]),
    ("050-1234-5678", ["050-1234-5678"]),
    ("連絡は09012345678まで", ["09012345678"]),
    ("伊藤 春香さん　携帯08000559968／自宅 06-0502-9455", ["08000559968", "06-0502-9455"]),
    # +81: the leading 0 is dropped
    ("TEL:+81-90-0014-5711（留学中のため国際番号）", ["+81-90-0014-5711"]),
    ("電話は+81 90 0055 7309", ["+81 90 0055 7309"]),
    ("+81-78-123-4567", ["+81-78-123-4567"]),
    ("+81(0)78-123-4567", ["+81(0)78-123-4567"]),
    # full-width digits and dashes, glued to Japanese
    ("電話０７０－００６４－７０８８（夜のみ）", ["０７０－００６４－７０８８"]),
    ("携帯：０９０ー１２３４ー５６７８", ["０９０ー１２３４ー５６７８"]),
    # a person's TEL in a signature counts, 内線 is not a negative word
    ("福田 直子\nTEL 078-024-8595（内線 5023）", ["078-024-8595"]),
    # ambiguous shapes count only beside a phone word
    ("自宅電話 0781234567", ["0781234567"]),
    ("電話 090 1234 5678", ["090 1234 5678"]),
    # a company's numbers: 代表, FAX, free dial
    ("代表 TEL 078-000-1234\u3000FAX 078-000-1235\u3000フリーダイヤル 0120-000-456", []),
    ("FAX：078-123-4568", []),
    ("ファックス 078-123-4568", []),
    ("代表電話 078-881-1212", []),
    ("0120-12-3456", []),
    ("0800-123-456", []),
    ("0570-123-456", []),
    ("(0120)12-3456", []),
    # not phones at all
    ("出発日 2024-07-20 帰着日 2024/07/21", []),
    ("命令番号 2024-0001", []),
    ("血圧 122/95", []),
    ("〒657-0000", []),
    ("JANコード 4929376994736 品番 433850154087", []),
    ("ISBN 9785483100539", []),
    ("1限 8:50-10:20", []),
    ("患者ID：0003608350", []),
    # near misses: too long, inside a longer number, no phone word, wrong grouping
    ("078-123-45678", []),
    ("1078-123-4567", []),
    ("03-1234-5678-9", []),
    ("0781234567", []),
    ("090 1234 5678", []),
    ("090-123-4567", []),
    ("080000559968", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phone(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_phone_columns(table_counts: TableCounts) -> None:
    """Every phone cell of a roster counts, whatever the column is called."""
    table = Table(
        header=("氏名", "自宅電話", "携帯電話", "保護者連絡先"),
        rows=(
            ("田中 花子", "078-002-1142", "090-0066-1486", "070-0074-9785"),
            ("中村 幹", "03-0476-8579", "09000275682", ""),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 5
