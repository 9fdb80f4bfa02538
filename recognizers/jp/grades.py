"""成績 (JP_GRADES): a student's recorded marks — a grade, a score, a GPA.

成績 is recorded information, not an identifier: what matters is that a document *records*
someone's marks, so the recognizer looks for a label or column header that says "this is a
mark" with a value that is one. The word 成績 in prose (a regulation listing 成績 among the
kinds of information, a syllabus's 成績評価 paragraph, an agenda item
成績評価基準の統一について) is not a record and must stay silent. Three shapes:

- a grade word after 評価・評定・成績: 秀/優/良/可/不可, S/A/B/C/D/F, 合格/不合格, 認定
  (``評価:良``). The transcript's legend ``評価：秀(90-100) 優(80-89)…`` matches too; it only
  ever sits in a transcript, so counting it is harmless (a record counts once).
- a score after a score label: 点数, 得点, 素点, 中間, 期末, 合計点, GPA …
  (``中間:96``, ``合計点:427``, ``得点：81 点 ／ 100 点``). Scores go up to 1000 because
  入試 totals exceed 100. A number followed by ``%``, ``円``, ``単位``, ``名`` … is a weight,
  a price or a count (``期末試験 60%``, ``上限単位数 24単位``), never a mark; one followed
  by a particle is prose (``得点 100 を超える場合``).
- subject headers of a 成績 table (国語 社会 算数 数学 理科 英語 …) with scores: a subject
  name with a number alone is ambiguous (``英語 2`` may be a class), so it counts only
  when a second subject score follows it on the same line or starts the next line — the
  shape of a 指導要録 評定 row or an 入試 score sheet (``英語:115\\n数学:143``) — or when
  the number carries 点 (``英語 80点``).

合計 alone is weaker (a sum of anything): it needs a marks word nearby (a subject, 点,
得点 …) in the context window, which in a table is the previous cell (国語:173).

Labels must start a field: not after a kanji or kana (自己評価, 通算GPA are other words)
and followed by ``:``, ``=`` or a space; a short parenthesis may stand between
(``得点（100点満点）：``) unless it names 円 (a money column). Score labels that are also
words of titles (中間, 期末, 期末試験, 成績, 評価 …) need a colon, ``=`` or a tab before a
number: a page header ``情報科学概論 期末試験  1`` carries a page number, not a mark.
"""

from __future__ import annotations

from recognizers.base import FIELD_SEP, JaPattern, JaPatternRecognizer, field

# A field label starts at a line start, after a space or punctuation — not inside a word.
TAB_SEP = r"(?:[ ]*[:=\t][ \t]*)"
# (100点満点), (素点) … but not (円): a money column is not a mark.
PAREN = r"(?:\((?![^)\n]*円)[^()\n:]{1,12}\))?"


def _field(*words: str, sep: str = FIELD_SEP) -> str:
    """`base.field` with this module's parenthesis (which must not hold an amount in 円)."""
    return field(*words, sep=sep, parenthesis=PAREN)


LETTER_LABELS = ("評価", "評定", "成績", "成績評価", "総合評価", "最終評価", "評語")
# Score labels that are also words of titles (期末試験, 成績一覧 …): a colon, "=" or a tab
# must follow, so that a page header "情報科学概論 期末試験  1" is not a score of 1.
FIELD_ONLY_LABELS = (
    "評価",
    "評定",
    "成績",
    "中間",
    "期末",
    "中間試験",
    "期末試験",
    "中間テスト",
    "期末テスト",
    "定期試験",
)
SCORE_LABELS = (
    "点数",
    "得点",
    "素点",
    "評点",
    "評定平均",
    "合計点",
    "総合点",
    "総得点",
    "総点",
    "GPA",
    "GPA値",
)
SUBJECTS = (
    "国語",
    "社会",
    "算数",
    "数学",
    "理科",
    "英語",
    "音楽",
    "図画工作",
    "家庭",
    "体育",
    "外国語",
    "生活",
    "美術",
    "保健体育",
    "技術・家庭",
    "技術家庭",
    "物理",
    "化学",
    "生物",
    "地学",
    "日本史",
    "世界史",
    "地理",
    "公民",
    "倫理",
    "政治・経済",
    "小論文",
    "面接",
    "総合問題",
)
GRADE_WORD = r"(?:不可|秀|優|良|可|不合格|合格|認定|AA|[SABCDEF][+-]?)"
# After a grade word: the end of the field (space, line end, a bracket, punctuation).
WORD_END = r"(?=[ \t\r]|$|[()/、,。;])"
SCORE = r"(?:1000|[0-9]{1,3})(?:\.[0-9]{1,2})?(?:[ ]?点(?!数))?"
# After a score: the end of the field — but not a weight, a price, a count, a date.
SCORE_END = (
    r"(?![0-9.])"
    r"(?=[ \t]*(?:\r?$|[/()、,;](?![0-9]))"
    r"|[ \t]+(?![ \t0-9%単本回枚件名人個時年月日週限ヶか分秒円\p{Hiragana}]))"
)
SUBJECT_SCORE = _field(*SUBJECTS) + SCORE + SCORE_END


class JpGradesRecognizer(JaPatternRecognizer):
    ENTITY = "JP_GRADES"
    PATTERNS = (
        JaPattern("grade word", _field(*LETTER_LABELS) + rf"(?P<v>{GRADE_WORD}){WORD_END}", 0.85),
        JaPattern("score", _field(*SCORE_LABELS) + rf"(?P<v>{SCORE}){SCORE_END}", 0.85),
        JaPattern(
            "score field",
            _field(*FIELD_ONLY_LABELS, sep=TAB_SEP) + rf"(?P<v>{SCORE}){SCORE_END}",
            0.85,
        ),
        JaPattern("total", _field("合計") + rf"(?P<v>{SCORE}){SCORE_END}", 0.4),
        JaPattern(
            "subject scores",
            _field(*SUBJECTS)
            + rf"(?P<v>{SCORE}){SCORE_END}(?=(?:[ \t\r]*\n|[ \t、,/]*){SUBJECT_SCORE})",
            0.85,
        ),
        JaPattern(
            "subject points",
            _field(*SUBJECTS) + rf"(?P<v>(?:100|[0-9]{{1,2}})[ ]?点(?!数)){SCORE_END}",
            0.85,
        ),
    )
    CONTEXT = ("点", "得点", "成績", "評価", "評定", "試験", *SUBJECTS)
