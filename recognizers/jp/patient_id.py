"""患者ID (JP_PATIENT_ID): a hospital's patient number (カルテ番号, 診察券番号).

Every hospital information system numbers patients its own way, usually 8-10 digits
zero-padded (the sample university hospital: 10 digits, 0003608350), sometimes with
letters. The value is read after its label (患者ID, 患者番号, カルテ番号, 診察券番号,
患者コード, patient_id, patient_no; a bare ID番号 / ID only next to 患者) as 4-12
letters and digits with a digit; without a label, an 8-10-digit number counts only at
a low score lifted by 患者 / カルテ / 診療 / 診察券 nearby (a date such as 20241018
next to 診療日 is not one). Seed 002 lists 患者番号 among
the key information of 患者個人情報 (危険度①).

Not patient IDs: a clinical-trial subject code (KU-CT24-001 under subject_code / 被験者
コード) is pseudonymous by design and has dashes, which no pattern here accepts.
"""

from __future__ import annotations

from recognizers.base import NOT_ALNUM_AFTER, JaPattern, JaPatternRecognizer, label

LABELS = (
    "患者ID",
    "患者番号",
    "患者No",
    "患者NO",
    "患者コード",
    "カルテ番号",
    "カルテNo",
    "カルテNO",
    "診察券番号",
    "診察券No",
    "patient_id",
    "patient_no",
    "patient_number",
    "patientid",
)
VALUE = r"(?=[A-Za-z]*[0-9])[A-Za-z0-9]{4,12}"
END = rf"{NOT_ALNUM_AFTER}(?![-.][A-Za-z0-9])"
# Unlabelled: 8-10 digits, not part of a dashed or dotted number, not a date (20241018).
DATE8 = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
UNLABELLED = rf"(?<![A-Za-z0-9])(?<![0-9][-.])(?!{DATE8})(?P<v>[0-9]{{8,10}}){END}"


class JpPatientIdRecognizer(JaPatternRecognizer):
    ENTITY = "JP_PATIENT_ID"
    PATTERNS = (
        JaPattern("labelled", label(*LABELS) + rf"(?P<v>{VALUE}){END}", 0.85),
        # ID番号 / ID alone is anyone's ID: counts only with 患者 context near it.
        JaPattern(
            "ID label",
            r"(?<![A-Za-z])" + label("ID番号", "ID", tail=2) + rf"(?P<v>{VALUE}){END}",
            0.4,
        ),
        JaPattern("8-10 digits", UNLABELLED, 0.3),
    )
    CONTEXT = ("患者", "カルテ", "診療", "診察券", "patient")
    NEGATIVE = ("品番", "型番")
