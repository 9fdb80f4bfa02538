"""職員番号 (JP_STAFF_ID): an employee number of a university or company.

There is no national format: each employer numbers its staff its own way (the sample
university uses 7 digits, others letters and digits). A bare 7-digit number is also an
account number, an amount or a serial, so without a label nothing is found. The value is
read after its label (職員番号：…, a 職員番号 column, 教職員番号, 社員番号, 従業員番号,
職員コード, staff_id, employee_id) in any reasonable shape: 4-12 letters and digits with
at least one digit. An institution that knows its format adds it in the policy file
(``[recognizers] JP_STAFF_ID = ['\\d{7}']``; `recognizers.registry.configured_patterns`),
which then counts anywhere. The matrix of seed 002 names 職員番号 as an identifier of
旅行命令簿 and 教職員人事情報; that is where the labels come from.
"""

from __future__ import annotations

from recognizers.base import NOT_ALNUM_AFTER, JaPattern, JaPatternRecognizer, label

LABELS = (
    "職員番号",
    "教職員番号",
    "教員番号",
    "職員No",
    "職員NO",
    "職員ID",
    "職員コード",
    "社員番号",
    "社員No",
    "社員NO",
    "社員コード",
    "従業員番号",
    "従業員コード",
    "staff_id",
    "staff_no",
    "staff_number",
    "staffid",
    "employee_id",
    "employee_no",
    "employee_number",
)
VALUE = r"(?=[A-Za-z]*[0-9])[A-Za-z0-9]{4,12}"


class JpStaffIdRecognizer(JaPatternRecognizer):
    ENTITY = "JP_STAFF_ID"
    PATTERNS = (
        JaPattern(
            "labelled",
            label(*LABELS) + rf"(?:No\.?[ \t]*)?(?P<v>{VALUE}){NOT_ALNUM_AFTER}(?![-.][A-Za-z0-9])",
            0.85,
        ),
    )
    CONTEXT = ("職員", "教職員", "社員", "従業員", "staff", "employee")
