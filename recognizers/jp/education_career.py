"""学歴・職歴 (JP_EDUCATION_CAREER): the schools and employers in a person's history.

It is key information twice in the matrix: 教職員人事情報 (学歴・職歴) and 指導要録（学籍に関する
記録） (学歴（進学情報など）). The heading 学歴・職歴 alone, or the words in a regulation's
list, are not a record; the rows under it are. Shapes:

- a row of a 学歴・職歴 table: the cell ``区分:学歴`` / ``区分:職歴`` (tables are read as
  ``header:value`` lines), or the same row as text, ``学歴\\t1988年4月\\t池田大学工学部 入学``
  (a 区分 word, then a date);
- a history label with a value naming a school or an employer: 学歴, 職歴, 最終学歴,
  経歴, 略歴, 前職, 出身校, 入学前の経歴 (``入学前の経歴：…幼稚園 修了``), and 事項 when
  its value names an institution *and* an event (入学, 卒業, 修了, 入社 …);
- 進学先 naming a school below university (``進学先：…中学校``): in a 指導要録 the school a
  pupil goes on to is part of their 学歴（進学情報など）, and the corpus labels count it so.
  A 進学先 that is a university, a graduate school or an employer is the 進路先情報 of a
  卒業修了者名簿 and belongs to `recognizers.jp.career_path`; the school level of the value is
  what tells the two apart, since the recognizer sees the field, not the document.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, field

HISTORY_LABELS = (
    "学歴",
    "職歴",
    "学歴・職歴",
    "職歴・学歴",
    "最終学歴",
    "経歴",
    "略歴",
    "前歴",
    "前職",
    "出身校",
    "出身学校",
    "出身大学",
    "出身高校",
    "入学前の経歴",
)
# Schools and employers: what a history entry names.
SCHOOL = (
    r"(?:大学院|大学|研究科|学部|短期大学|高等専門学校|専門学校|高等学校|高校|中等教育学校"
    r"|義務教育学校|中学校|小学校|特別支援学校|学校|幼稚園|保育園|保育所|こども園)"
)
EMPLOYER = (
    r"(?:株式会社|有限会社|合同会社|合資会社|\(株\)|㈱|会社|銀行|信用金庫|病院|研究所"
    r"|法人|機構|省|庁|役所|役場|事務所|製作所|工業|商事|協会|組合)"
)
INSTITUTION = rf"(?:{SCHOOL}|{EMPLOYER})"
EVENT = (
    r"(?:入学|卒業|修了|中退|退学|編入学|転入学|入社|退社|退職|採用|就職|転職|在籍|着任"
    r"|昇任|配置換|出向)"
)
# Schools a pupil goes on to from a primary or lower-secondary school.
NEXT_SCHOOL = r"(?:中学校|中等教育学校|義務教育学校|高等学校|高校|特別支援学校|中学)"
DATE = (
    r"(?:(?:19|20)[0-9]{2}|(?:昭和|平成|令和|[SHR])[ ]?(?:[0-9]{1,2}|元))"
    r"[ ]?[年./-][ ]?[0-9]{1,2}(?![0-9])"
)
VALUE = r"\S(?:[^\r\n]{0,58}\S)?"


class JpEducationCareerRecognizer(JaPatternRecognizer):
    ENTITY = "JP_EDUCATION_CAREER"
    PATTERNS = (
        JaPattern("history table row", r"^区分:(?P<v>学歴|職歴)(?=[ \t]*\r?$)", 0.85),
        JaPattern("history text row", rf"^[ \t]*(?:学歴|職歴)[ \t]+(?P<v>{DATE}{VALUE})", 0.85),
        JaPattern(
            "history field",
            field(*HISTORY_LABELS) + rf"(?=[^\r\n]{{0,60}}?{INSTITUTION})(?P<v>{VALUE})",
            0.85,
        ),
        JaPattern(
            "history entry",
            field("事項", "内容")
            + rf"(?=[^\r\n]{{0,60}}?{INSTITUTION}[^\r\n]{{0,30}}?{EVENT})(?P<v>{VALUE})",
            0.85,
        ),
        JaPattern(
            "next school",
            field("進学先", "進学予定先") + rf"(?=[^\r\n]{{0,60}}?{NEXT_SCHOOL})(?P<v>{VALUE})",
            0.85,
        ),
    )
    CONTEXT = ("学歴", "職歴", "経歴", "人事記録", "指導要録")
