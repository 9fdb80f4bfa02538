"""Tables flattened one cell per line (PDF text layers) are rebuilt as tables."""

from __future__ import annotations

from recognizers.content import TextBlock
from recognizers.engine import Analyzer
from recognizers.layout import split_flattened_table

FLAT = "\n".join(
    [
        "検査結果一覧（糖尿病外来）",
        " 患者ID",
        "氏名",
        "生年月日",
        "HbA1c(%)",
        "0016620028",
        "井上 稔",
        "1997/09/28",
        "7.4",
        "0073156158",
        "森 学",
        "1953/05/24",
        "6.4",
    ]
)


def test_flattened_table_is_rebuilt() -> None:
    found = split_flattened_table(TextBlock(FLAT, "page 1"))
    assert found is not None
    before, table = found
    assert before.text == "検査結果一覧（糖尿病外来）"
    assert table.header == ("患者ID", "氏名", "生年月日", "HbA1c(%)")
    assert table.rows[1] == ("0073156158", "森 学", "1953/05/24", "6.4")


def test_prose_and_forms_are_left_alone() -> None:
    letter = "再検査のお知らせ\n2113125S 田中 七夏 様\n血圧：152/92 mmHg\n尿蛋白：（2＋）\n"
    assert split_flattened_table(TextBlock(letter)) is None
    lines = "\n".join(f"第{i}条 本文です。" for i in range(1, 30))
    assert split_flattened_table(TextBlock(lines)) is None


def test_flattened_table_values_get_their_headers(analyzer: Analyzer) -> None:
    counts = analyzer.analyze([TextBlock(FLAT, "page 1")]).counts
    assert counts["PERSON"] == 2
