"""受験番号 (JP_EXAM_NUMBER): an applicant's examination number.

Each entrance examination numbers its applicants its own way (the sample university: 5
digits; other examinations and web applications mix letters and digits), and a short
number without a label is anything at all (a score, a rank, a room). So the value
is read only after its label (受験番号, 受験票番号, 受験者番号, 受験No, a 受験番号 column,
exam_number, exam_no, examinee_no): 3-10 letters and digits with at least one digit.
Seed 002 names 受験番号 as an identifier of 入学試験情報 (危険度①).
"""

from __future__ import annotations

from recognizers.base import NOT_ALNUM_AFTER, JaPattern, JaPatternRecognizer, label

LABELS = (
    "受験番号",
    "受験票番号",
    "受験者番号",
    "受験No",
    "受験NO",
    "受検番号",
    "exam_number",
    "exam_no",
    "exam_id",
    "examinee_no",
    "examinee_number",
    "examinee_id",
)
VALUE = r"(?=[A-Za-z]*[0-9])[A-Za-z0-9]{3,10}"


class JpExamNumberRecognizer(JaPatternRecognizer):
    ENTITY = "JP_EXAM_NUMBER"
    PATTERNS = (
        JaPattern(
            "labelled",
            label(*LABELS) + rf"(?:第[ \t]*)?(?P<v>{VALUE}){NOT_ALNUM_AFTER}(?![-.][A-Za-z0-9])",
            0.85,
        ),
    )
    CONTEXT = ("受験", "入試", "出願", "exam")
