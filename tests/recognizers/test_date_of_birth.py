"""DATE_OF_BIRTH: dates after a birth label or followed by 生 — no other date.

Era abbreviations M/T/S/H/R: JIS X 0301; 元年 = year 1 of an era (元号法). The dates
and people are made up.
"""

from __future__ import annotations

import pytest
from _harness import Found, TableCounts

from recognizers.content import Table, TextBlock
from recognizers.engine import Analyzer

ENTITY = "DATE_OF_BIRTH"

CASES = [
    # 西暦 after a birth label
    ("生年月日：2001/09/26", ["2001/09/26"]),
    ("生年月日 2001-09-26", ["2001-09-26"]),
    ("生年月日：2001年9月26日", ["2001年9月26日"]),
    ("誕生日: 1999.12.31", ["1999.12.31"]),
    ("birth_date:2006-09-26", ["2006-09-26"]),
    ("date_of_birth: 1987-03-14", ["1987-03-14"]),
    ("DOB: 1987/03/14", ["1987/03/14"]),
    ("生年 1990年1月2日", ["1990年1月2日"]),
    # 和暦, 元年, abbreviations, full-width
    ("生年月日：昭和60年3月1日", ["昭和60年3月1日"]),
    ("生年月日：平成元年5月7日", ["平成元年5月7日"]),
    ("生年月日：令和2年4月1日", ["令和2年4月1日"]),
    ("生年月日:S54.9.17", ["S54.9.17"]),
    ("生年月日:H1.5.7", ["H1.5.7"]),
    ("生年月日（和暦）：H15.4.1", ["H15.4.1"]),
    ("生年月日:R2.4.1", ["R2.4.1"]),
    ("生年月日：Ｈ１５．４．１", ["Ｈ１５．４．１"]),
    ("生年月日：平成１６年３月８日", ["平成１６年３月８日"]),
    # followed by 生
    ("平成16年3月8日生", ["平成16年3月8日"]),
    ("生年月日\u3000平成24年8月29日生", ["平成24年8月29日"]),
    ("昭和45年 12月 1日生まれ", ["昭和45年 12月 1日"]),
    # a form's label on the line above
    ("生年月日\n1990/01/02", ["1990/01/02"]),
    # other dates are not birthdays, even next to a birthday
    ("作成日：2024年4月1日", []),
    ("記入日\u30002019年4月5日", []),
    ("用務日 2024-06-02", []),
    ("初診日：2024-01-30", []),
    ("【記録1】面談日：2024年6月10日", []),
    ("試験日：2024年7月30日（火）3限", []),
    ("決定日:2023/10/01", []),
    ("出力日：2024年4月22日", []),
    ("卒業年月日:2024/03/25", []),
    ("入学：平成31年4月1日 第1学年入学", []),
    ("consent_date:2024-03-17", []),
    ("令和6年10月7日（月）から", []),
    ("生年月日：平成15年10月17日\u3000記入日：2019年4月5日", ["平成15年10月17日"]),
    ("生年月日 記入日 2019/04/05", []),
    ("Adobe 2020/01/01", []),
    # near misses: impossible month/day, a number glued before, 生 that is not "born"
    ("生年月日：2001/13/26", []),
    ("生年月日：2001/09/32", []),
    ("学生年次：2024/04/01", []),
    ("2024年4月1日生協にて", []),
    ("生年月日：未記入", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date_of_birth(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected


def test_birth_column_only(table_counts: TableCounts) -> None:
    """In a table only the 生年月日 column counts, not 初診日 or 用務日."""
    table = Table(
        header=("患者ID", "氏名", "生年月日", "初診日"),
        rows=(
            ("0003608350", "高橋 美加子", "1956-12-24", "2024-01-30"),
            ("0099721037", "小林 直樹", "S47.8.27", "2019-06-02"),
            ("0088361434", "藤井 陽子", "", "2024-03-18"),
        ),
    )
    assert table_counts(table).get(ENTITY, 0) == 2


def test_flattened_birth_column(analyzer: Analyzer) -> None:
    """A PDF table read cell by cell: lone dates under a lone 生年月日 header count."""
    text = "検査結果一覧\n患者ID\n氏名\n生年月日\nHbA1c(%)\n0016620028\n井上 稔\n1997/09/28\n7.4\n"
    text += "0073156158\n森 学\n1953/05/24\n6.4\n"
    assert analyzer.analyze([TextBlock(text)]).counts.get(ENTITY, 0) == 2
    other = text.replace("HbA1c(%)", "初診日")  # a second date column: cannot tell them apart
    assert analyzer.analyze([TextBlock(other)]).counts.get(ENTITY, 0) == 0
