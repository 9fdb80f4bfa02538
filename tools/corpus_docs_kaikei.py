"""会計情報 and 総務情報: travel orders, travel expenses, staff rosters, personnel records.

Matrix rows: 旅行命令簿（教職員・学生） ②, 旅行命令簿（学外者） ②, 旅費情報 ① (key: 銀行口座),
教職員連絡先名簿 ②, 教職員人事情報 ① (key: 学歴・職歴, 銀行口座). A staff file holding
個人番号 is filed under 教職員人事情報 with key information 個人番号 (特定個人情報).
"""

from __future__ import annotations

import datetime as dt

from tools.corpus_model import Block, Cell, Column, Document, PageBreak, Para, Table, Tally
from tools.corpus_people import (
    Person,
    bank_account,
    landline_phone,
    make_person,
    my_number,
    random_date,
    rng_for,
    staff_mail,
    wareki,
)
from tools.corpus_pools import (
    BANK_COLUMNS,
    C_ADDRESS,
    C_DOB,
    C_HOME_PHONE,
    C_KANA,
    C_MOBILE,
    C_NAME,
    C_POSTAL,
    C_SID,
    C_STAFF,
    account_cells,
    outsiders,
    staff,
    students,
)

TRAVEL_INTERNAL = "旅行命令簿（教職員・学生）"
TRAVEL_EXTERNAL = "旅行命令簿（学外者）"
TRAVEL_EXPENSES = "旅費情報"
STAFF_CONTACTS = "教職員連絡先名簿"
PERSONNEL = "教職員人事情報"

_PLACES = (
    ("東京都千代田区", "学会発表（情報処理学会 全国大会）"),
    ("京都市左京区", "共同研究打合せ"),
    ("仙台市青葉区", "学会参加（電子情報通信学会）"),
    ("福岡市西区", "研究集会での講演"),
    ("札幌市北区", "資料調査"),
    ("名古屋市千種区", "学位審査（外部審査委員）"),
    ("つくば市", "実験装置の使用"),
)

# --------------------------------------------------------------------------- 旅行命令簿・旅費


def _internal_travellers(count: int) -> list[tuple[str, str | None, str | None, Person, str]]:
    """(区分, 職員番号, 学籍番号, person, 所属) for staff and students who travel."""
    rng, _ = rng_for("travel-internal:mix")
    members = staff("travel-internal-staff", count)
    pupils = students("travel-internal-students", count, ("工学部", "理学部"))
    result: list[tuple[str, str | None, str | None, Person, str]] = []
    for i in range(count):
        if rng.random() < 0.35:
            s = pupils[i]
            result.append(("学生", None, s.sid, s.person, f"{s.faculty}{s.department}"))
        else:
            m = members[i]
            result.append(("教職員", m.staff_id, None, m.person, m.division))
    return result


def travel_orders_internal(
    *, with_bank: bool, count: int = 12, name: str = "旅行命令簿"
) -> Document:
    """旅行命令簿（教職員・学生） ②; with *with_bank* the twin 旅費情報 ① (振込口座 added)."""
    rng, _ = rng_for("travel-internal:trips")
    fare_rng, _ = rng_for("travel-internal:fares")
    bank_rng, _ = rng_for("travel-internal:banks")
    rows: list[list[Cell]] = []
    for i, (kind, staff_no, sid, person, affiliation) in enumerate(
        _internal_travellers(count), start=1
    ):
        place, purpose = rng.choice(_PLACES)
        start = random_date(rng, dt.date(2024, 5, 7), dt.date(2024, 10, 25))
        end = start + dt.timedelta(days=rng.randint(0, 3))
        row: list[Cell] = [
            f"2024-{i:04d}",
            kind,
            staff_no,
            sid,
            person.name(),
            affiliation,
            purpose,
            place,
            start,
            end,
        ]
        fare = fare_rng.randint(12, 95) * 1000 + fare_rng.randint(0, 9) * 100
        account = bank_account(bank_rng)
        if with_bank:
            row += [fare, *account_cells(account, person)]
        rows.append(row)
    columns = [
        Column("命令番号"),
        Column("区分"),
        C_STAFF,
        C_SID,
        C_NAME,
        Column("所属", width=20),
        Column("用務", width=30),
        Column("用務地", width=16),
        Column("出発日"),
        Column("帰着日"),
    ]
    if with_bank:
        columns += [Column("支給額（円）"), *BANK_COLUMNS]
    return Document(
        "旅費支払明細" if with_bank else "旅行命令簿",
        [Table(columns, rows, name=name)],
        level=1 if with_bank else 2,
        category=TRAVEL_EXPENSES if with_bank else TRAVEL_INTERNAL,
        key_info=("銀行口座",) if with_bank else (),
        records=count,
        author="財務部経理課",
        date=dt.datetime(2024, 10, 31, 17, 20),
        notes=(
            "twin of 旅行命令簿（教職員・学生） with 振込口座 (key information)"
            if with_bank
            else "twin of 旅費支払明細 without 銀行口座"
        ),
    )


def travel_orders_external(
    *, with_bank: bool, count: int = 8, key: str = "guests-2024"
) -> Document:
    """旅行命令簿（学外者） ② (自宅住所 included); with *with_bank* → 旅費情報 ①."""
    rng, _ = rng_for(key + ":trips")
    fare_rng, _ = rng_for(key + ":fares")
    rows: list[list[Cell]] = []
    for person, affiliation, post, account in outsiders(key, count):
        day = random_date(rng, dt.date(2024, 6, 1), dt.date(2025, 2, 20))
        purpose = rng.choice(("集中講義の実施", "特別講演", "学位論文審査", "共同研究打合せ"))
        row: list[Cell] = [
            person.name(),
            person.kana(),
            affiliation,
            post,
            person.postal,
            person.address,
            purpose,
            day,
        ]
        fare = fare_rng.randint(8, 60) * 1000 + 480
        if with_bank:
            row += [fare, *account_cells(account, person)]
        rows.append(row)
    columns = [
        C_NAME,
        C_KANA,
        Column("所属機関", width=22),
        Column("職名"),
        C_POSTAL,
        Column("自宅住所", ("JP_ADDRESS",), width=44),
        Column("用務", width=18),
        Column("用務日"),
    ]
    if with_bank:
        columns += [Column("旅費（円）"), *BANK_COLUMNS]
    title = [
        "2024年度 学外者旅費 " + ("振込依頼一覧" if with_bank else "旅行命令簿"),
        "工学研究科 会計係",
    ]
    return Document(
        "学外者 旅費振込依頼" if with_bank else "旅行命令簿（学外者）",
        [Table(columns, rows, name="学外者", title=title)],
        level=1 if with_bank else 2,
        category=TRAVEL_EXPENSES if with_bank else TRAVEL_EXTERNAL,
        key_info=("銀行口座",) if with_bank else (),
        records=count,
        author="財務部経理課",
        date=dt.datetime(2025, 2, 28, 16, 0),
        notes=(
            "twin of 旅行命令簿（学外者） with 銀行口座 (key information)"
            if with_bank
            else "twin of 旅費情報 (学外者) without 銀行口座"
        ),
    )


def travel_summary_xlsm() -> Document:
    """旅行命令簿（教職員・学生） ② split by month, as a macro-enabled workbook."""
    base = travel_orders_internal(with_bank=False, count=12)
    table = base.tables[0]
    by_month: dict[int, list[list[Cell]]] = {}
    for row in table.rows:
        start = row[8]
        assert isinstance(start, dt.date)
        by_month.setdefault(start.month, []).append(list(row))
    tables = [
        Table(table.columns, rows, name=f"{month}月") for month, rows in sorted(by_month.items())
    ]
    return Document(
        "旅行命令簿 月別集計",
        list(tables),
        level=2,
        category=TRAVEL_INTERNAL,
        records=len(table.rows),
        author="財務部経理課",
        date=dt.datetime(2024, 11, 5, 9, 0),
    )


# --------------------------------------------------------------------------- 総務


def staff_contacts(count: int = 15) -> Document:
    """教職員連絡先名簿 ②: 職員番号, 生年月日 (和暦), 〒, 自宅住所, 自宅電話."""
    cast = staff("staff-2024", count)
    rows: list[list[Cell]] = []
    for m in cast:
        p = m.person
        rows.append(
            [
                m.staff_id,
                p.name("　"),
                p.kana(),
                m.division,
                m.post,
                wareki(p.birth),
                "〒" + p.postal,
                p.address,
                p.home_phone,
            ]
        )
    columns = [
        C_STAFF,
        C_NAME,
        C_KANA,
        Column("所属"),
        Column("職名"),
        C_DOB,
        C_POSTAL,
        C_ADDRESS,
        C_HOME_PHONE,
    ]
    return Document(
        "教職員連絡先名簿 2024年度",
        [Table(columns, rows, name="名簿", title=["教職員連絡先名簿（2024年4月1日現在）"])],
        level=2,
        category=STAFF_CONTACTS,
        records=count,
        author="総務部人事課",
        date=dt.datetime(2024, 4, 3, 11, 0),
        notes="和暦 dates of birth (昭和/平成); twin of 教職員人事記録 and 給与振込口座一覧",
    )


def staff_contacts_export(count: int = 10) -> Document:
    """教職員連絡先名簿 ② from the 人事システム (H/S short era dates, 内線)."""
    rng, _ = rng_for("staff-export:ext")
    cast = staff("staff-2024", count)
    rows: list[list[Cell]] = [
        [
            m.staff_id,
            m.person.name(),
            m.division,
            f"{rng.randint(5000, 5999)}",
            m.person.mobile,
            wareki(m.person.birth, "short"),
            m.person.address,
        ]
        for m in cast
    ]
    columns = [C_STAFF, C_NAME, Column("所属"), Column("内線"), C_MOBILE, C_DOB, C_ADDRESS]
    return Document(
        "職員連絡先",
        [Table(columns, rows)],
        level=2,
        category=STAFF_CONTACTS,
        records=count,
        date=dt.datetime(2024, 4, 3, 11, 30),
    )


def personnel_records(count: int = 3, key: str = "staff-2024") -> Document:
    """教職員人事情報 ①: 人事記録 with 学歴・職歴 (the key information), one page each."""
    _, fake = rng_for(key + ":careers")
    cast = staff(key, count)
    t = Tally()
    blocks: list[Block] = []
    for i, m in enumerate(cast):
        p = m.person
        if i:
            blocks.append(PageBreak())
        grad = p.birth.year + 22
        history = [
            ["学歴", f"{p.birth.year + 19}年4月", f"{fake.last_name()}大学工学部 入学"],
            ["学歴", f"{grad + 1}年3月", "同 卒業"],
            ["学歴", f"{grad + 3}年3月", "神戸大学大学院工学研究科 博士前期課程 修了"],
            ["職歴", f"{grad + 3}年4月", f"{fake.company()} 入社"],
            ["職歴", f"{grad + 8}年4月", f"神戸大学 {m.division} {m.post}"],
        ]
        blocks += [
            Para("人事記録", "title"),
            Para(f"職員番号：{t(m.staff_id, 'JP_STAFF_ID')}　所属：{m.division}　職名：{m.post}"),
            Para(f"氏名：{t(p.name('　'), 'PERSON')}（{t(p.kana(), 'PERSON')}）　性別：{p.gender}"),
            Para(f"生年月日：{t(wareki(p.birth), 'DATE_OF_BIRTH')}"),
            Para(f"現住所：〒{t(p.postal, 'JP_POSTAL_CODE')}　{t(p.address, 'JP_ADDRESS')}"),
            Para("学歴・職歴", "heading"),
            Table(
                [
                    Column("区分"),
                    Column("年月"),
                    Column("事項", ("JP_EDUCATION_CAREER",), width=40),
                ],
                history,
                one_record=True,
            ),
        ]
    return Document(
        "人事記録",
        blocks,
        level=1,
        category=PERSONNEL,
        key_info=("学歴・職歴",),
        records=count,
        tally=t,
        header="人事情報（危険度①）持出禁止",
        footer="総務部人事課",
        author="総務部人事課",
        date=dt.datetime(2024, 4, 15, 10, 0),
    )


def payroll_accounts(count: int = 15) -> Document:
    """教職員人事情報 ①: 給与振込口座 (key information: 銀行口座)."""
    cast = staff("staff-2024", count)
    rows: list[list[Cell]] = [
        [m.staff_id, m.person.name(), m.division, *account_cells(m.account, m.person)] for m in cast
    ]
    return Document(
        "給与振込口座一覧",
        [Table([C_STAFF, C_NAME, Column("所属"), *BANK_COLUMNS], rows)],
        level=1,
        category=PERSONNEL,
        key_info=("銀行口座",),
        records=count,
        date=dt.datetime(2024, 4, 20, 14, 0),
        notes="twin of 教職員連絡先名簿 with 銀行口座",
    )


def my_number_sheet() -> Document:
    """扶養控除等申告 with 個人番号 of staff and dependants: 教職員人事情報 ① (特定個人情報)."""
    rng, fake = rng_for("my-number")
    cast = staff("my-number-staff", 8)
    rows: list[list[Cell]] = []
    for m in cast:
        p = m.person
        rows.append([m.staff_id, p.name(), "本人", p.birth, my_number(rng), p.address])
        for _ in range(rng.randint(0, 2)):
            relation = rng.choice(("配偶者", "子", "子"))
            if relation == "配偶者":
                born = (dt.date(p.birth.year - 4, 1, 1), dt.date(p.birth.year + 4, 12, 28))
            else:
                born = (dt.date(max(p.birth.year + 25, 1990), 1, 1), dt.date(2023, 12, 28))
            dep = make_person(rng, fake, born, family=(p.family, p.family_kana, p.family_roman))
            rows.append([m.staff_id, dep.name(), relation, dep.birth, my_number(rng), "同上"])
    columns = [
        C_STAFF,
        C_NAME,
        Column("続柄"),
        C_DOB,
        Column("個人番号", ("JP_MY_NUMBER",), width=16),
        Column("住所", ("JP_ADDRESS",), width=44),
    ]
    table = Table(
        columns,
        rows,
        name="令和7年分",
        title=["令和7年分 給与所得者の扶養控除等（異動）申告書 個人番号一覧"],
    )
    return Document(
        "扶養控除等申告 個人番号一覧",
        [table],
        level=1,
        category=PERSONNEL,
        key_info=("個人番号",),
        records=len(rows),
        author="総務部人事課",
        date=dt.datetime(2024, 12, 10, 10, 30),
        notes="個人番号 with valid check digits (特定個人情報); 住所 '同上' is a placeholder, not counted",
    )


def signature_only() -> Document:
    """An e-mail signature: one staff member's business contact, not a 名簿 (level 0)."""
    rng, _ = rng_for("signature:phones")
    m = staff("signature", 1)[0]
    t = Tally()
    lines = [
        "――――――――――――――――――――",
        "神戸大学 総務部人事課 人事係",
        t(m.person.name("　"), "PERSON"),
        f"TEL：{t(landline_phone(rng, '078'), 'PHONE_NUMBER')}（内線 5{rng.randint(100, 999)}）",
        f"E-mail：{t(staff_mail(m.person), 'EMAIL_ADDRESS')}",
        "――――――――――――――――――――",
    ]
    return Document(
        "メール署名",
        [Para(line) for line in lines],
        level=0,
        records=1,
        tally=t,
        date=dt.datetime(2024, 4, 1, 8, 45),
        notes="one person's business signature: personal data but not a personal-information file of the matrix",
    )
