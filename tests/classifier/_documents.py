"""Fake people and identifiers for the classifier's document tests (deterministic).

Names and places come from Faker ``ja_JP``, numbers from a `random.Random`, both seeded
per document family, so a test builds the same people on every run and a twin can be
drawn from exactly the people of its ① document. Numbers are shaped so that they cannot
belong to anybody: mobiles are ``0X0-00NN-NNNN``, landlines put a 0 after the area code,
e-mail domains are the reserved ``example.*`` names; 個人番号 values carry a valid check
digit (`stdnum.jp.in_`), because the recognizer checks it.

This module is separate from `tools/corpus_people.py` on purpose: the classifier tests
must not share the corpus generator the policy was tuned on.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from faker import Faker
from stdnum.jp import in_ as jp_in

from recognizers.content import Block, Table, TextBlock

T = TypeVar("T")

ERAS: tuple[tuple[str, dt.date], ...] = (
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
)
BANKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("但馬銀行", ("豊岡支店", "三宮支店")),
    ("中国銀行", ("岡山駅前支店", "神戸支店")),
    ("紀陽銀行", ("和歌山支店", "難波支店")),
    ("南都銀行", ("奈良支店", "西大寺支店")),
    ("尼崎信用金庫", ("塚口支店", "本店営業部")),
    ("播州信用金庫", ("姫路駅前支店", "加古川支店")),
    ("滋賀銀行", ("草津支店", "大津駅前支店")),
)
COMPANIES = (
    "株式会社六甲システムズ",
    "西日本精機株式会社",
    "阪神化成工業株式会社",
    "株式会社はりまデータ",
    "兵庫県庁",
    "大阪市役所",
    "株式会社淡路ロジスティクス",
)
GRAD_SCHOOLS = (
    "神戸大学大学院工学研究科",
    "京都大学大学院情報学研究科",
    "大阪大学大学院理学研究科",
)


@dataclass(frozen=True, slots=True)
class Person:
    """One fake individual with what Japanese university documents record of people."""

    family: str
    given: str
    family_kana: str
    given_kana: str
    birth: dt.date
    postal: str
    address: str  # prefecture … street number (and sometimes a building and room)
    home_phone: str
    mobile: str
    email: str

    def name(self, sep: str = " ") -> str:
        return f"{self.family}{sep}{self.given}"

    def kana(self, sep: str = " ") -> str:
        return f"{self.family_kana}{sep}{self.given_kana}"


class People:
    """A seeded source of people and identifiers for one document family."""

    def __init__(self, key: str) -> None:
        seed = zlib.crc32(("piiscan-matrix-rows:" + key).encode("utf-8"))
        self.rng = random.Random(seed)
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        self._names: set[str] = set()

    # -- people ----------------------------------------------------------------------

    def person(
        self,
        born: tuple[dt.date, dt.date],
        *,
        family: tuple[str, str] | None = None,
        address: tuple[str, str] | None = None,
    ) -> Person:
        """A new person (distinct name); `family` (kanji, kana) and `address` (〒, 住所) forced."""
        while True:
            fam = family or tuple(self.fake.last_name_pair())[:2]
            if self.rng.random() < 0.5:
                given = tuple(self.fake.first_name_male_pair())
            else:
                given = tuple(self.fake.first_name_female_pair())
            name = f"{fam[0]} {given[0]}"
            if name not in self._names:
                self._names.add(name)
                break
        postal, home = address or (self.postal_code(), self.address())
        roman = f"{self.rng.choice('abcdefghkmnrstwy')}{self.rng.randint(100, 999)}"
        return Person(
            family=str(fam[0]),
            given=str(given[0]),
            family_kana=str(fam[1]),
            given_kana=str(given[1]),
            birth=self.date(*born),
            postal=postal,
            address=home,
            home_phone=self.landline(),
            mobile=self.mobile(),
            email=f"{roman}@example.{self.rng.choice(('com', 'net', 'org', 'jp'))}",
        )

    def crowd(self, count: int, born: tuple[dt.date, dt.date]) -> list[Person]:
        return [self.person(born) for _ in range(count)]

    def parent_of(self, child: Person) -> tuple[Person, str]:
        """A guardian with the child's surname, living at the child's home; and 父/母."""
        year = child.birth.year - self.rng.randint(27, 38)
        parent = self.person(
            (dt.date(year, 1, 1), dt.date(year, 12, 28)),
            family=(child.family, child.family_kana),
            address=(child.postal, child.address),
        )
        return parent, self.rng.choice(("父", "母"))

    # -- values ----------------------------------------------------------------------

    def date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def postal_code(self) -> str:
        return f"{self.rng.randint(100, 999)}-{self.rng.randint(0, 9999):04d}"

    def address(self) -> str:
        head = f"{self.fake.prefecture()}{self.fake.city()}{self.fake.town()}"
        r = self.rng
        if r.random() < 0.5:
            street = f"{r.randint(1, 6)}丁目{r.randint(1, 30)}番{r.randint(1, 20)}号"
        else:
            street = f"{r.randint(1, 6)}-{r.randint(1, 30)}-{r.randint(1, 20)}"
        if r.random() < 0.3:
            street += f" {self.fake.building_name()}{r.randint(101, 905)}号室"
        return head + street

    def landline(self) -> str:
        return f"0{self.rng.choice(('78', '79', '72', '75'))}-0{self.rng.randint(10, 99)}-{self.rng.randint(0, 9999):04d}"

    def mobile(self) -> str:
        return f"{self.rng.choice(('090', '080', '070'))}-00{self.rng.randint(0, 99):02d}-{self.rng.randint(0, 9999):04d}"

    def student_id(self, year: int, letter: str = "T") -> str:
        """A Kobe-shaped 学籍番号: entry year, faculty, serial, faculty letter (2315042T)."""
        return f"{year % 100:02d}{self.rng.randint(10, 19)}{self.rng.randint(1, 399):03d}{letter}"

    def staff_id(self) -> str:
        return f"{self.rng.choice('1234')}{self.rng.randint(0, 999999):06d}"

    def exam_number(self) -> str:
        return f"{self.rng.randint(40001, 69999)}"

    def patient_id(self) -> str:
        return f"{self.rng.randint(0, 99999999):010d}"

    def my_number(self) -> str:
        """A random 12-digit 個人番号 with its check digit (python-stdnum computes it)."""
        body = str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(10))
        number = body + jp_in.calc_check_digit(body)
        assert jp_in.is_valid(number)
        return number

    def bank_account(self) -> tuple[str, str, str, str]:
        """(金融機関名, 支店名, 預金種別, 口座番号) with a 7-digit account number."""
        bank, branches = self.rng.choice(BANKS)
        kind = "当座" if self.rng.random() < 0.1 else "普通"
        return bank, self.rng.choice(branches), kind, f"{self.rng.randint(0, 9999999):07d}"

    def choice(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def randint(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


def wareki(day: dt.date) -> str:
    """``平成15年4月1日`` (元年 for year 1)."""
    for era, start in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    raise ValueError(f"before 昭和: {day}")


def slash(day: dt.date) -> str:
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def table(
    title: str | None, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], sheet: str = ""
) -> list[Block]:
    """A spreadsheet as the extractors give it: a title line (if any) and the table."""
    blocks: list[Block] = []
    if title:
        blocks.append(TextBlock(title, where=sheet))
    blocks.append(Table(header=header, rows=tuple(rows), where=sheet))
    return blocks


def select(
    header: tuple[str, ...], rows: Sequence[tuple[str, ...]], drop: tuple[str, ...]
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The table without the columns named in `drop` (a twin without key information)."""
    missing = set(drop) - set(header)
    assert not missing, f"no such columns: {missing}"
    keep = [i for i, h in enumerate(header) if h not in drop]
    return tuple(header[i] for i in keep), [tuple(row[i] for i in keep) for row in rows]
