"""進路先情報 (JP_CAREER_PATH): where a graduate went — further study or an employer.

It is what a 卒業修了者名簿（進路先情報を含む。） or a 進路調査 adds to a plain roster: a
進路区分 (進学, 就職) and a 進路先 (a graduate school, a company). Shapes:

- a kind of path under 進路, 進路区分, 進路状況 … : 進学, 就職, 大学院進学, 未定, 留学 …;
- a destination under 進路先, 就職先, 内定先, 勤務先（卒業後）, 卒業後の進路 …: a value that
  names an institution (株式会社, 銀行, 大学院, 研究科, 病院, 省, 市役所 …) or a kind of
  path (``進路先:就職``); free text without either (``進路先：検討中につき空欄``) is not read;
- 進学先 naming a university, a graduate school, a college or an employer.

進学先 naming a lower- or upper-secondary school (``進学先：…中学校``) is the 指導要録's
学歴（進学情報など） and is left to `recognizers.jp.education_career`: the corpus labels count
the 指導要録 as JP_EDUCATION_CAREER and not JP_CAREER_PATH, and the value's school level is
what the recognizer can see of that difference.

A counselling note ``相談内容：進路（大学院進学か就職か）について相談`` is a topic, not a
destination: 進路 there is not followed by a separator and a value.
"""

from __future__ import annotations

from recognizers.base import JaPattern, JaPatternRecognizer, field, paren

SHORT_PAREN = paren(8)  # a short parenthesis after a label: (父), (前期)

KIND_LABELS = ("進路", "進路区分", "進路種別", "進路状況", "進路状況区分", "卒業後の進路")
KIND = (
    r"(?:大学院進学|進学|就職|内定|未定|留学|起業|研究生|科目等履修生|臨床研修|公務員|教員"
    r"|進学準備|就職準備|就職活動中|家事手伝い|その他)"
)
DESTINATION_LABELS = (
    "進路先",
    "進路先名",
    "進路先名称",
    "就職先",
    "就職先名",
    "就職先企業",
    "就職内定先",
    "内定先",
    "勤務先(卒業後)",
    "卒業後の進路",
    "卒業後の勤務先",
    "就職・進学先",
    "進学・就職先",
)
INSTITUTION = (
    r"(?:株式会社|有限会社|合同会社|合資会社|\(株\)|㈱|会社|銀行|信用金庫|病院|研究所"
    r"|法人|機構|省|庁|役所|役場|市|県|事務所|製作所|工業|商事|協会|組合|大学院|大学"
    r"|研究科|学部|専門学校|学校|Inc|Ltd|Corporation)"
)
SECONDARY_SCHOOL = r"(?:中学校|中等教育学校|義務教育学校|高等学校|高校|特別支援学校|中学)"
VALUE = r"\S(?:[^\r\n]{0,58}\S)?"
END = r"(?=[ \t\r]|$|[()/、,。;])"


class JpCareerPathRecognizer(JaPatternRecognizer):
    ENTITY = "JP_CAREER_PATH"
    PATTERNS = (
        JaPattern(
            "path kind",
            field(*KIND_LABELS, *DESTINATION_LABELS, parenthesis=SHORT_PAREN)
            + rf"(?P<v>{KIND}){END}",
            0.85,
        ),
        JaPattern(
            "destination",
            field(*DESTINATION_LABELS, parenthesis=SHORT_PAREN)
            + rf"(?=[^\r\n]{{0,60}}?{INSTITUTION})(?P<v>{VALUE})",
            0.85,
        ),
        JaPattern(
            "further study",
            field("進学先", "進学予定先", parenthesis=SHORT_PAREN)
            + rf"(?![^\r\n]{{0,60}}?{SECONDARY_SCHOOL})(?=[^\r\n]{{0,60}}?{INSTITUTION})"
            + rf"(?P<v>{VALUE})",
            0.85,
        ),
    )
    CONTEXT = ("進路", "卒業", "就職", "進学", "内定")
