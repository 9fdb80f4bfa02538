"""JP_EXAM_RESULT: a pass/fail verdict under a verdict label."""

from __future__ import annotations

import pytest
from _harness import Found

ENTITY = "JP_EXAM_RESULT"

CASES = [
    # positives
    ("判定:合", ["合"]),
    ("判定:否", ["否"]),
    ("判定案 保留", ["保留"]),
    ("合否：不合格", ["不合格"]),
    ("合否判定:合格", ["合格"]),
    ("可否:可", ["可"]),
    ("結果：追加合格", ["追加合格"]),
    ("選考結果: 補欠", ["補欠"]),
    # negatives: the words in prose and titles
    ("2025年度 合否判定会議資料", []),
    ("ボーダー付近の受験者について、下表のとおり判定案を示す。", []),
    ("前期日程 工学部 合格者数は募集人員の1.05倍を目安とする。", []),
    ("入学試験情報 ① 氏名、受験番号、生年月日、自宅住所、自宅電話番号、成績、可否情報", []),
    ("自分のPCにある個人情報を含むファイルを3つ挙げ、危険度を判定してみよう", []),
    # near misses
    ("判定:要再検査", []),
    ("結果:異常なし", []),
    ("判定:合同会議", []),
    ("評価:合格", []),
    ("自己判定 合", []),
    ("判定:可", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_exam_result(found: Found, text: str, expected: list[str]) -> None:
    assert found(text, ENTITY) == expected
