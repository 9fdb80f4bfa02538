"""Fake people and Japanese identifiers for the sample corpus.

Everything here is synthetic: names come from Faker ``ja_JP`` (seeded), every number is
drawn from a seeded :class:`random.Random`. Numbers are shaped so that they cannot belong
to anybody:

* mobile phones are ``0X0-00NN-NNNN`` and landlines put a ``0`` right after the area code
  (no subscriber number starts with 0);
* e-mail domains are the reserved ``example.*`` names (RFC 2606, JPRS ``example.ac.jp``);
* 個人番号 (My Number) values have a valid check digit (the scanner needs that) but are
  random, 法人番号 and JAN codes likewise.

Each document asks for its own generator (:func:`rng_for`) keyed by a stable name, so
adding a document never changes the people in another one.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass

from faker import Faker

#: Characters every name must encode in, so one person fits every legacy encoding.
_STRICT_ENCODINGS = ("iso-2022-jp", "euc_jp", "cp932")

ERAS: tuple[tuple[str, str, dt.date], ...] = (
    ("令和", "R", dt.date(2019, 5, 1)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("昭和", "S", dt.date(1926, 12, 25)),
)

#: (bank, code, ((branch, code), ...)) — plausible names; branch codes are invented.
BANKS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("三井住友銀行", "0009", (("神戸営業部", "500"), ("三宮支店", "511"), ("六甲支店", "528"))),
    ("三菱UFJ銀行", "0005", (("神戸支店", "460"), ("梅田支店", "231"))),
    ("みずほ銀行", "0001", (("神戸支店", "480"), ("大阪支店", "500"))),
    ("りそな銀行", "0010", (("三宮支店", "561"),)),
    ("みなと銀行", "0562", (("本店営業部", "100"), ("六甲道支店", "125"), ("明石支店", "310"))),
    ("池田泉州銀行", "0161", (("本店営業部", "101"), ("豊中支店", "140"))),
    ("京都銀行", "0158", (("本店営業部", "101"),)),
)

_HYOGO_CITIES = (
    "神戸市灘区",
    "神戸市東灘区",
    "神戸市中央区",
    "神戸市須磨区",
    "神戸市北区",
    "西宮市",
    "芦屋市",
    "明石市",
    "尼崎市",
    "姫路市",
)
_AREA_CODES = ("078", "078", "078", "06", "079", "075", "03", "0798")


def rng_for(key: str) -> tuple[random.Random, Faker]:
    """A random generator and a Faker ``ja_JP`` instance seeded from *key*."""
    seed = zlib.crc32(("piiscan-corpus:" + key).encode("utf-8"))
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    return random.Random(seed), fake


# --------------------------------------------------------------------------- dates


def wareki(day: dt.date, style: str = "kanji") -> str:
    """Format *day* in the Japanese era calendar.

    ``kanji`` → ``平成15年4月1日`` (``元年`` for year 1), ``short`` → ``H15.4.1``.
    """
    for name, letter, start in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            if style == "short":
                return f"{letter}{year}.{day.month}.{day.day}"
            year_text = "元" if year == 1 else str(year)
            return f"{name}{year_text}年{day.month}月{day.day}日"
    raise ValueError(f"date before 昭和: {day}")


def seireki(day: dt.date, style: str = "slash") -> str:
    """Gregorian formats: ``slash`` 2003/04/01, ``iso`` 2003-04-01, ``kanji`` 2003年4月1日."""
    if style == "iso":
        return day.isoformat()
    if style == "kanji":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A uniformly drawn day in [start, end]."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


# --------------------------------------------------------------------------- numbers


def my_number(rng: random.Random) -> str:
    """A random 12-digit 個人番号 with a valid check digit (weights 6,5,4,3,2,7,6,5,4,3,2)."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(10)]
    return "".join(map(str, digits)) + str(my_number_check_digit(digits))


def my_number_check_digit(digits: list[int]) -> int:
    """Check digit of the first 11 digits of a 個人番号."""
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def corporate_number(rng: random.Random) -> str:
    """A 13-digit 法人番号: check digit first, then 12 digits (not personal data)."""
    base = [rng.randint(0, 9) for _ in range(12)]
    total = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return str(9 - total % 9) + "".join(map(str, base))


def ean13(prefix: str, rng: random.Random) -> str:
    """A JAN/EAN-13 code (or ISBN-13 with prefix 978) with a valid check digit."""
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(12 - len(prefix)))
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def mobile_phone(rng: random.Random) -> str:
    """``0X0-00NN-NNNN``: shaped like a mobile number, in an unassigned block."""
    return (
        f"{rng.choice(('090', '080', '070'))}-00{rng.randint(0, 99):02d}-{rng.randint(0, 9999):04d}"
    )


def landline_phone(rng: random.Random, area: str | None = None) -> str:
    """A 10-digit landline whose subscriber part starts with 0 (never assigned)."""
    area = area or rng.choice(_AREA_CODES)
    local_len = 6 - len(area)  # 03 → 4+4, 078 → 3+4, 0798 → 2+4 (10 digits in all)
    first = "0" + "".join(str(rng.randint(0, 9)) for _ in range(local_len - 1))
    return f"{area}-{first}-{rng.randint(0, 9999):04d}"


def postal_code(rng: random.Random, hyogo: bool = True) -> str:
    """``NNN-NNNN``; Hyōgo codes start 65x–67x."""
    head = rng.randint(650, 679) if hyogo else rng.randint(100, 999)
    return f"{head}-{rng.randint(0, 9999):04d}"


@dataclass(frozen=True)
class BankAccount:
    """A bank account as a 振込先 table holds it."""

    bank: str
    bank_code: str
    branch: str
    branch_code: str
    kind: str  # 普通 / 当座 / ゆうちょ
    number: str

    @property
    def one_line(self) -> str:
        """``三井住友銀行 三宮支店 普通 1234567`` (ゆうちょ: ``ゆうちょ銀行 記号12340 番号12345671``)."""
        if self.kind == "ゆうちょ":
            return f"ゆうちょ銀行 記号{self.branch_code} 番号{self.number}"
        return f"{self.bank} {self.branch} {self.kind} {self.number}"


def bank_account(rng: random.Random) -> BankAccount:
    """A plausible account: mostly 普通 at a Kansai bank, sometimes ゆうちょ."""
    if rng.random() < 0.15:
        mark = f"1{rng.randint(0, 999):03d}0"
        number = f"{rng.randint(0, 9999999):07d}1"
        return BankAccount("ゆうちょ銀行", "9900", "", mark, "ゆうちょ", number)
    bank, code, branches = rng.choice(BANKS)
    branch, branch_code = rng.choice(branches)
    kind = "当座" if rng.random() < 0.05 else "普通"
    return BankAccount(bank, code, branch, branch_code, kind, f"{rng.randint(0, 9999999):07d}")


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    """One fake individual with the contact data most documents need."""

    family: str
    given: str
    family_kana: str
    given_kana: str
    family_roman: str
    given_roman: str
    gender: str  # 男 / 女
    birth: dt.date
    postal: str
    address: str
    home_phone: str
    mobile: str
    email: str

    def name(self, sep: str = " ") -> str:
        """Full name in kanji; Japanese forms often use a full-width space."""
        return f"{self.family}{sep}{self.given}"

    def kana(self, sep: str = " ") -> str:
        """Reading in katakana."""
        return f"{self.family_kana}{sep}{self.given_kana}"

    def hiragana(self, sep: str = " ") -> str:
        """Reading in hiragana (elementary-school rosters use ふりがな)."""
        return to_hiragana(self.kana(sep))

    def roman(self) -> str:
        """``Taro Yamada``."""
        return f"{self.given_roman} {self.family_roman}"


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ァ..ヶ shift by 0x60)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _encodable(*texts: str) -> bool:
    try:
        for text in texts:
            for enc in _STRICT_ENCODINGS:
                text.encode(enc)
    except UnicodeEncodeError:
        return False
    return True


def make_address(rng: random.Random, fake: Faker, hyogo: bool = True) -> str:
    """``兵庫県神戸市灘区〇〇3丁目4番5号`` style, sometimes with a building and room."""
    while True:
        if hyogo:
            head = "兵庫県" + rng.choice(_HYOGO_CITIES)
        else:
            head = str(fake.prefecture()) + str(fake.city())
        town = str(fake.town())
        if rng.random() < 0.5:
            tail = f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        else:
            tail = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        if rng.random() < 0.3:
            tail += f" {fake.building_name()}{fake.town()}{rng.randint(101, 905)}号室"
        address = head + town + tail
        if _encodable(address):
            return address


def make_person(
    rng: random.Random,
    fake: Faker,
    born: tuple[dt.date, dt.date],
    *,
    gender: str | None = None,
    family: tuple[str, str, str] | None = None,
    hyogo: bool = True,
    email_domain: str | None = None,
) -> Person:
    """Draw one person. *family* = (kanji, kana, romaji) forces the surname (guardians)."""
    while True:
        sex = gender or rng.choice(("男", "女"))
        fam = family or tuple(fake.last_name_pair())
        given = fake.first_name_male_pair() if sex == "男" else fake.first_name_female_pair()
        if _encodable(fam[0], fam[1], given[0], given[1]):
            break
    birth = random_date(rng, *born)
    user = f"{given[2].lower()}.{fam[2].lower()}{rng.randint(1, 99)}"
    domain = email_domain or rng.choice(("example.com", "example.net", "example.org", "example.jp"))
    return Person(
        family=fam[0],
        given=given[0],
        family_kana=fam[1],
        given_kana=given[1],
        family_roman=fam[2],
        given_roman=given[2],
        gender=sex,
        birth=birth,
        postal=postal_code(rng, hyogo),
        address=make_address(rng, fake, hyogo),
        home_phone=landline_phone(rng, "078" if hyogo else None),
        mobile=mobile_phone(rng),
        email=f"{user}@{domain}",
    )


def people(key: str, count: int, born: tuple[dt.date, dt.date], hyogo: bool = True) -> list[Person]:
    """*count* distinct people for the document family *key* (same key → same people)."""
    rng, fake = rng_for(key)
    seen: set[str] = set()
    result: list[Person] = []
    while len(result) < count:
        person = make_person(rng, fake, born, hyogo=hyogo and rng.random() < 0.8)
        if person.name() not in seen:
            seen.add(person.name())
            result.append(person)
    return result


def guardian_of(child: Person, rng: random.Random, fake: Faker) -> tuple[Person, str]:
    """A parent with the child's surname, living at the child's home most of the time."""
    gender = rng.choice(("男", "女"))
    birth_year = child.birth.year - rng.randint(26, 38)
    while True:
        parent = make_person(
            rng,
            fake,
            (dt.date(birth_year, 1, 1), dt.date(birth_year, 12, 28)),
            gender=gender,
            family=(child.family, child.family_kana, child.family_roman),
        )
        if parent.given != child.given:
            break
    relation = "父" if gender == "男" else "母"
    return parent, relation


def student_id(rng: random.Random, entry_year: int, faculty: str) -> str:
    """学籍番号 like ``2415123T``: entry year, 2-digit faculty, 3-digit serial, letter."""
    codes = {
        "工学部": ("15", "T"),
        "理学部": ("13", "S"),
        "文学部": ("01", "L"),
        "経済学部": ("05", "E"),
    }
    num, letter = codes.get(faculty, ("20", "X"))
    return f"{entry_year % 100:02d}{num}{rng.randint(1, 399):03d}{letter}"


def staff_id(rng: random.Random) -> str:
    """職員番号: 7 digits starting with 1 or 2."""
    return f"{rng.choice('12')}{rng.randint(0, 999999):06d}"


def exam_number(rng: random.Random) -> str:
    """受験番号: 5 digits."""
    return f"{rng.randint(10001, 39999)}"


def patient_id(rng: random.Random) -> str:
    """患者番号 (カルテ番号): 10 digits with leading zeros."""
    return f"00{rng.randint(0, 99999999):08d}"


def student_mail(sid: str) -> str:
    """University mailbox of a student (reserved JPRS example domain)."""
    return f"{sid.lower()}@stu.example.ac.jp"


def staff_mail(person: Person) -> str:
    """University mailbox of a staff member."""
    return f"{person.given_roman.lower()}.{person.family_roman.lower()}@example.ac.jp"
