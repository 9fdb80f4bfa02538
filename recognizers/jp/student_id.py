"""学籍番号 (JP_STUDENT_ID): a university's or school's student number.

There is no national format: each institution chooses its own (Kobe: 7 digits and a
faculty letter, 2115355T; others 8 digits, or a letter and digits). So the value is
read after its label (学籍番号：…, a 学籍番号 column) in any reasonable shape, and
without a label only in the common "digits + capital letter" shape next to student
context (学生, 学部, a name with 様). An institution adds its exact format in the
policy file (``[recognizers] JP_STUDENT_ID = ['\\d{7}[A-Z]']``), which then counts
anywhere.
"""

from __future__ import annotations

from recognizers.base import (
    NOT_ALNUM_AFTER,
    NOT_ALNUM_BEFORE,
    JaPattern,
    JaPatternRecognizer,
    label,
)

LABELS = (
    "学籍番号",
    "学生番号",
    "学籍No",
    "学籍NO",
    "学生証番号",
    "学籍",
    "student_id",
    "student_no",
    "studentid",
)
VALUE = r"(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{3,14}"


class JpStudentIdRecognizer(JaPatternRecognizer):
    ENTITY = "JP_STUDENT_ID"
    PATTERNS = (
        JaPattern("labelled", label(*LABELS) + rf"(?P<v>{VALUE}){NOT_ALNUM_AFTER}", 0.85),
        JaPattern(
            "digits and a letter",
            rf"{NOT_ALNUM_BEFORE}(?P<v>[0-9]{{6,9}}[A-Z]){NOT_ALNUM_AFTER}",
            0.3,
        ),
    )
    CONTEXT = ("学籍", "学生", "学部", "研究科", "年次", "様", "氏名")
