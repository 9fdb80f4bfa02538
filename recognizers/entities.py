"""The SPEC's entity types, grouped by how they are counted.

Identifiers count once per occurrence. Recorded information (記載情報) counts once per
individual whose record carries it. Anchors are the identifiers that say *whose*
record follows: a new anchor after recorded information starts the next record.
"""

from __future__ import annotations

IDENTIFIERS = (
    "PERSON",
    "JP_ADDRESS",
    "JP_POSTAL_CODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "DATE_OF_BIRTH",
    "JP_STUDENT_ID",
    "JP_STAFF_ID",
    "JP_EXAM_NUMBER",
    "JP_PATIENT_ID",
    "JP_BANK_ACCOUNT",
    "JP_MY_NUMBER",
    "JP_DRIVERS_LICENSE",
    "JP_PASSPORT",
    "JP_RESIDENCE_CARD",
    "JP_PENSION_NUMBER",
    "CREDIT_CARD",
)
RECORDED = (
    "JP_GRADES",
    "JP_EXAM_RESULT",
    "JP_MEDICAL",
    "JP_EDUCATION_CAREER",
    "JP_GUARDIAN",
    "JP_CAREER_PATH",
)
ALL = IDENTIFIERS + RECORDED
# Who a record is about. IDs first: they tell people apart better than names do.
SUBJECT_IDS = ("JP_STUDENT_ID", "JP_STAFF_ID", "JP_EXAM_NUMBER", "JP_PATIENT_ID")
ANCHORS = frozenset(SUBJECT_IDS + ("PERSON",))

# When two identifier types claim overlapping text with equal scores, the earlier wins:
# specific, checksummed types before generic ones.
PRIORITY = (
    "JP_MY_NUMBER",
    "CREDIT_CARD",
    "JP_BANK_ACCOUNT",
    "JP_PENSION_NUMBER",
    "JP_DRIVERS_LICENSE",
    "JP_PASSPORT",
    "JP_RESIDENCE_CARD",
    "JP_PATIENT_ID",
    "JP_EXAM_NUMBER",
    "JP_STUDENT_ID",
    "JP_STAFF_ID",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "JP_POSTAL_CODE",
    "DATE_OF_BIRTH",
    "JP_ADDRESS",
    "PERSON",
)
