"""Shared casts of fake students, staff and pupils, plus the column definitions they fill.

Twins (a roster with and without its key information) draw from the same pool, so that
e.g. 旅行命令簿（学外者） and 旅費情報 list the very same travellers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tools.corpus_model import Column
from tools.corpus_people import (
    BankAccount,
    Person,
    bank_account,
    guardian_of,
    make_person,
    people,
    rng_for,
    staff_id,
    student_id,
)

# --------------------------------------------------------------------------- columns

C_NO = Column("No", key="no", width=5)
C_SID = Column("学籍番号", ("JP_STUDENT_ID",), key="student_id", width=12)
C_STAFF = Column("職員番号", ("JP_STAFF_ID",), key="staff_id", width=11)
C_NAME = Column("氏名", ("PERSON",), key="name", width=16)
C_KANA = Column("フリガナ", ("PERSON",), key="name_kana", width=18)
C_DOB = Column("生年月日", ("DATE_OF_BIRTH",), key="birth_date", width=16)
C_POSTAL = Column("郵便番号", ("JP_POSTAL_CODE",), key="postal_code", width=10)
C_ADDRESS = Column("現住所", ("JP_ADDRESS",), key="address", width=44)
C_HOME_PHONE = Column("自宅電話", ("PHONE_NUMBER",), key="phone", width=15)
C_MOBILE = Column("携帯電話", ("PHONE_NUMBER",), key="mobile", width=15)
C_EMAIL = Column("メールアドレス", ("EMAIL_ADDRESS",), key="email", width=30)
C_GRADE = Column("評価", ("JP_GRADES",), key="grade", width=6)
C_SCORE = Column("点数", ("JP_GRADES",), key="score", width=6)
C_BANK = Column("金融機関名", key="bank", width=14)
C_BRANCH = Column("支店名", key="branch", width=12)
C_KIND = Column("預金種別", key="account_type", width=8)
C_ACCOUNT = Column("口座番号", ("JP_BANK_ACCOUNT",), key="account_number", width=12)
C_HOLDER = Column("口座名義（カナ）", ("PERSON",), key="account_holder", width=18)


def account_cells(account: BankAccount, holder: Person) -> list[str | None]:
    """Cells for C_BANK, C_BRANCH, C_KIND, C_ACCOUNT, C_HOLDER."""
    if account.kind == "ゆうちょ":
        return [
            account.bank,
            f"記号{account.branch_code}",
            "通常貯金",
            account.number,
            holder.kana(),
        ]
    return [account.bank, account.branch, account.kind, account.number, holder.kana()]


BANK_COLUMNS = [C_BANK, C_BRANCH, C_KIND, C_ACCOUNT, C_HOLDER]

# --------------------------------------------------------------------------- students

DEPARTMENTS = {
    "工学部": ("情報知能工学科", "電気電子工学科", "機械工学科"),
    "理学部": ("数学科", "物理学科"),
    "文学部": ("人文学科",),
    "経済学部": ("経済学科",),
}


@dataclass(frozen=True)
class Student:
    """A student and where they are enrolled."""

    person: Person
    sid: str
    faculty: str
    department: str
    year: int  # 学年 in 2024


def students(key: str, count: int, faculties: tuple[str, ...] = ("工学部",)) -> list[Student]:
    """*count* students of the given faculties, 学年 1–4 in fiscal 2024."""
    rng, _ = rng_for(key + ":ids")
    result: list[Student] = []
    used: set[str] = set()
    for person in people(key, count, (dt.date(2001, 4, 2), dt.date(2006, 4, 1))):
        born = person.birth
        cohort = born.year if (born.month, born.day) >= (4, 2) else born.year - 1
        year = max(1, min(4, 2006 - cohort))  # cohort 2005 entered in April 2024
        faculty = rng.choice(faculties)
        while True:
            sid = student_id(rng, 2024 - year + 1, faculty)
            if sid not in used:
                used.add(sid)
                break
        result.append(Student(person, sid, faculty, rng.choice(DEPARTMENTS[faculty]), year))
    return result


def guardians(key: str, children: list[Person]) -> list[tuple[Person, str]]:
    """A parent (and 続柄) for each child."""
    rng, fake = rng_for(key + ":guardians")
    return [guardian_of(child, rng, fake) for child in children]


# --------------------------------------------------------------------------- staff

POSTS = (
    ("工学研究科", "教授"),
    ("工学研究科", "准教授"),
    ("理学研究科", "助教"),
    ("人文学研究科", "講師"),
    ("総務部人事課", "係長"),
    ("総務部人事課", "主任"),
    ("財務部経理課", "事務職員"),
    ("学務部教務課", "課長補佐"),
    ("学務部教務課", "事務職員"),
    ("附属図書館", "司書"),
)


@dataclass(frozen=True)
class Staff:
    """A staff member with the identifiers 総務 and 会計 documents use."""

    person: Person
    staff_id: str
    division: str
    post: str
    account: BankAccount


def staff(key: str, count: int) -> list[Staff]:
    """*count* staff members born 1960–1995."""
    rng, _ = rng_for(key + ":ids")
    result: list[Staff] = []
    for person in people(key, count, (dt.date(1960, 4, 2), dt.date(1995, 4, 1))):
        division, post = rng.choice(POSTS)
        result.append(Staff(person, staff_id(rng), division, post, bank_account(rng)))
    return result


def outsiders(key: str, count: int) -> list[tuple[Person, str, str, BankAccount]]:
    """External lecturers/researchers: person, 所属機関, 職名, bank account."""
    rng, fake = rng_for(key + ":outsiders")
    result = []
    for _ in range(count):
        person = make_person(
            rng, fake, (dt.date(1955, 1, 1), dt.date(1992, 12, 31)), hyogo=rng.random() < 0.3
        )
        org = rng.choice(("大学", "工業大学", "研究所", "株式会社"))
        affiliation = f"{fake.last_name()}{org}" if org != "株式会社" else str(fake.company())
        post = rng.choice(("教授", "准教授", "主任研究員", "部長", "講師"))
        result.append((person, affiliation, post, bank_account(rng)))
    return result


# --------------------------------------------------------------------------- pupils


def pupils(key: str, count: int, born: tuple[dt.date, dt.date]) -> list[Person]:
    """Children of an 附属小学校 class."""
    return people(key, count, born)
