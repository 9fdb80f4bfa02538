"""生年月日 (DATE_OF_BIRTH): a person's date of birth — never just any date.

Date forms (JIS X 0301 for the era abbreviations M/T/S/H/R; 元号法, 元年 = year 1):
西暦 ``2001/09/26``, ``2001-09-26``, ``2001.9.26``, ``2001年9月26日``; 和暦
``昭和60年3月1日``, ``平成元年5月7日``, ``令和2年4月1日`` and abbreviated ``S54.9.17``,
``H1.5.7``, ``R2.4.1`` (full-width forms are folded before matching).

A date is a birthday only when the document says so: after a birth label (生年月日,
誕生日, 生年, birth_date, birthday, date_of_birth, dob — in a form or as a table
header, which `recognizers.tables` puts before every cell), or followed by 生
(``平成16年3月8日生``). Every other date — 作成日, 記入日, 用務日, 初診日, 面談日,
卒業年月日, 入学, consent_date — is not personal in itself and is never reported. A
date alone on its line counts when the line above is a birth label (a form's label
on its own line); and in a table flattened to one cell per line (a PDF's text layer)
every lone date counts when the text has a lone birth header line and no lone header
of another date (`_lone_birth_column`). Month and day are range-checked in `validate`.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.base import JaPattern, JaPatternRecognizer, label

SEP = r"[ ]?[-/.][ ]?"
ERA = r"(?:明治|大正|昭和|平成|令和)"
ERA_YEAR = r"(?:元|[0-9]{1,2})"
DATE = (
    r"(?:"
    rf"(?:19|20)[0-9]{{2}}{SEP}[0-9]{{1,2}}{SEP}[0-9]{{1,2}}"
    r"|(?:19|20)[0-9]{2}[ ]?年[ ]?[0-9]{1,2}[ ]?月[ ]?[0-9]{1,2}[ ]?日"
    rf"|{ERA}[ ]?{ERA_YEAR}[ ]?年[ ]?[0-9]{{1,2}}[ ]?月[ ]?[0-9]{{1,2}}[ ]?日"
    rf"|{ERA}[ ]?{ERA_YEAR}[./][0-9]{{1,2}}[./][0-9]{{1,2}}"
    rf"|[MTSHR][ ]?{ERA_YEAR}(?:[./-][0-9]{{1,2}}[./-][0-9]{{1,2}}|年[0-9]{{1,2}}月[0-9]{{1,2}}日)"
    r")(?![0-9])"
)
BEFORE = r"(?<![0-9A-Za-z])"
# label() lets a few characters stand between a label and its value (生年月日（西暦）：);
# they must not be another date's label (生年月日 記入日 2019/04/05).
OTHER_DATES = "作成|記入|用務|初診|面談|試験|決定|出力|卒業|入学|提出|受付|申請|交付|発行|同意"
NOT_OTHER = rf"{BEFORE}(?<!(?:{OTHER_DATES})[^\n:]{{0,4}})"
LABELS = (
    "生年月日",
    "誕生日",
    "生年月",
    "birth_date",
    "birthdate",
    "date_of_birth",
    "birthday",
    "Birthday",
    "Date of Birth",
    "date of birth",
    "DOB",
    "dob",
)
LONE = "alone on its line"
LONE_DATE = rf"^[ \t]*(?P<v>{DATE})[ \t]*\r?$"
BIRTH_COLUMN_SCORE = 0.6
BIRTH_HEADER = regex.compile(r"^[ \t]*(?:生年月日|誕生日|birth_?date|DOB)[ \t]*\r?$", regex.M)
OTHER_HEADER = regex.compile(r"^[ \t]*[^\n:0-9]{0,8}(?:日|年月|date|Date)[ \t]*\r?$", regex.M)


class JpDateOfBirthRecognizer(JaPatternRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = (
        JaPattern("labelled", rf"(?<![A-Za-z]){label(*LABELS)}{NOT_OTHER}(?P<v>{DATE})", 0.85),
        # 生年 alone only where it starts a word (not 学生年次, 卒業生年度).
        JaPattern(
            "labelled 生年", rf"(?<!\p{{Han}})生年(?![度次齢])[:=]?[ ]*{BEFORE}(?P<v>{DATE})", 0.8
        ),
        JaPattern("followed by 生", rf"{BEFORE}(?P<v>{DATE})[ ]?生(?![協徒活産])", 0.8),
        JaPattern(LONE, LONE_DATE, 0.3),  # needs a birth label above (or _lone_birth_column)
    )
    CONTEXT = ("生年月日", "誕生日", "birth", "Birth", "DOB")
    WHOLE_TEXT = True  # _lone_birth_column reads header lines anywhere in the text

    def validate(self, value: str) -> bool | None:
        numbers = [int(n) for n in regex.findall(r"[0-9]+", value)]
        if len(numbers) < 2:
            return False
        month, day = numbers[-2], numbers[-1]
        return None if 1 <= month <= 12 and 1 <= day <= 31 else False

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if _lone_birth_column(text):
            for r in results:
                if r.analysis_explanation.pattern_name == LONE:
                    r.score = max(r.score, BIRTH_COLUMN_SCORE)
        return results


def _lone_birth_column(text: str) -> bool:
    """A flattened table: a 生年月日 header line, and no header line of another date."""
    if not BIRTH_HEADER.search(text):
        return False
    return all(BIRTH_HEADER.match(m.group()) for m in OTHER_HEADER.finditer(text))
