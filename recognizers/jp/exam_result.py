"""合否・可否情報 (JP_EXAM_RESULT): whether a candidate passed an examination.

The matrix's 入学試験情報 (and 国家試験合否情報) carry 可否情報: the verdict on one
candidate. It is recorded as a short value under a verdict label — 判定, 判定案, 合否,
合否判定, 可否, 結果 — so the recognizer needs both: the label alone is everywhere in
prose (合否判定会議資料, 判定案を示す, 合格者数は…), and the value alone (合, 否) is a
single common character.

Values: 合, 否, 合格, 不合格, 補欠, 保留, 追加合格, 繰上合格, 条件付合格 (and 可/不可
under 可否). A health check's 判定 (要再検査, 異常なし) is medical, not a verdict on an
exam: it is `recognizers.jp.medical`'s, and its values are not in this vocabulary.
A course's 評価:合格 is a grade (`recognizers.jp.grades`): 評価 is not a label here.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, field, paren

SHORT_PAREN = paren(8)  # a short parenthesis after a label: (父), (前期)

LABELS = (
    "判定",
    "判定案",
    "判定結果",
    "最終判定",
    "合否",
    "合否判定",
    "合否結果",
    "合否区分",
    "可否",
    "結果",
    "試験結果",
    "選考結果",
    "入試結果",
    "審査結果",
)
VERDICT = (
    r"(?:追加合格|繰上合格|繰上げ合格|繰り上げ合格|条件付合格|条件付き合格|不合格|合格"
    r"|補欠|保留|合|否)"
)
END = r"(?=[ \t\r]|$|[()/、,。;])"


class JpExamResultRecognizer(JaPatternRecognizer):
    ENTITY = "JP_EXAM_RESULT"
    PATTERNS = (
        JaPattern(
            "verdict", field(*LABELS, parenthesis=SHORT_PAREN) + rf"(?P<v>{VERDICT}){END}", 0.85
        ),
        JaPattern("可否", field("可否", parenthesis=SHORT_PAREN) + rf"(?P<v>不可|可){END}", 0.85),
    )
    CONTEXT = ("受験", "入試", "選抜", "合否", "判定")
