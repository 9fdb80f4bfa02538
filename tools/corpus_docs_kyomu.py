"""教務情報 and 学生情報: rosters, answer sheets, grade reports, contact lists, 身上情報.

Matrix rows (seed 002, section 2): 履修者名簿 ②, 答案用紙 ②, 学生個人別成績表 ②,
授業科目別成績表 ②, 在学生連絡先名簿 ②, 在学生身上情報 ① (key: 保護者連絡先),
卒業修了者名簿（進路先情報を含む。） ②.
"""

from __future__ import annotations

import datetime as dt

from tools.corpus_model import Block, Cell, Column, Document, PageBreak, Para, Table, Tally
from tools.corpus_people import landline_phone, mobile_phone, rng_for, seireki, student_mail, wareki
from tools.corpus_pools import (
    C_ADDRESS,
    C_DOB,
    C_EMAIL,
    C_GRADE,
    C_HOME_PHONE,
    C_KANA,
    C_MOBILE,
    C_NAME,
    C_NO,
    C_POSTAL,
    C_SCORE,
    C_SID,
    Student,
    guardians,
    students,
)

ROSTER = "履修者名簿"
ANSWER = "答案用紙"
PERSONAL_GRADES = "学生個人別成績表"
COURSE_GRADES = "授業科目別成績表"
CONTACTS = "在学生連絡先名簿"
PERSONAL = "在学生身上情報"
GRADUATES = "卒業修了者名簿（進路先情報を含む。）"
GUARDIAN_KEY = ("保護者連絡先",)

C_AFFIL = Column("所属", key="department", width=22)
C_YEAR = Column("学年", key="year", width=5)


def _letter(score: int) -> str:
    return (
        "秀"
        if score >= 90
        else "優"
        if score >= 80
        else "良"
        if score >= 70
        else "可"
        if score >= 60
        else "不可"
    )


# --------------------------------------------------------------------------- 履修者名簿


def roster(
    key: str, count: int, course: str, code: str, *, title_rows: bool, email: bool
) -> Document:
    """履修者名簿 ② as the 教務システム exports it."""
    cast = students(key, count, ("工学部", "理学部"))
    columns = [C_NO, C_SID, C_NAME, C_KANA, C_AFFIL, C_YEAR] + ([C_EMAIL] if email else [])
    rows: list[list[Cell]] = []
    for i, s in enumerate(sorted(cast, key=lambda s: s.sid), start=1):
        row: list[Cell] = [
            i,
            s.sid,
            s.person.name("　"),
            s.person.kana(),
            f"{s.faculty}{s.department}",
            s.year,
        ]
        rows.append(row + [student_mail(s.sid)] if email else row)
    title = [
        f"2024年度 前期 {course}（{code}）履修者名簿",
        "出力日：2024年4月22日　教務システムより出力",
    ]
    table = Table(columns, rows, name="履修者名簿", title=title if title_rows else [])
    return Document(
        f"{course} 履修者名簿",
        [table],
        level=2,
        category=ROSTER,
        records=len(rows),
        author="学務部教務課",
        date=dt.datetime(2024, 4, 22, 10, 15),
    )


def seminar_members_html() -> Document:
    """A ゼミ page listing members with 学籍番号 and e-mail — published by mistake."""
    cast = students("seminar-2024", 9, ("工学部",))
    rows: list[list[Cell]] = [[s.year, s.sid, s.person.name(), student_mail(s.sid)] for s in cast]
    table = Table([Column("学年"), C_SID, C_NAME, C_EMAIL], rows)
    blocks: list[Block] = [
        Para("知能情報学研究室 メンバー", "title"),
        Para("2024年度の研究室メンバーです。連絡は各自の大学メールアドレスへ。"),
        table,
        Para("最終更新：2024年5月10日", "small"),
    ]
    return Document(
        "知能情報学研究室 メンバー",
        blocks,
        level=2,
        category=ROSTER,
        records=len(rows),
        date=dt.datetime(2024, 5, 10, 18, 2),
        notes="a lab members page: 氏名＋学籍番号 → 履修者名簿 ②",
    )


# --------------------------------------------------------------------------- 答案・成績


def answer_sheets(key: str, count: int) -> Document:
    """答案用紙 ②: one page per student, 学籍番号・氏名・得点 written on it."""
    rng, _ = rng_for(key)
    cast = students(key, count)
    tally = Tally()
    blocks: list[Block] = []
    answers = (
        "問1 (1) 2進数 101101 は10進数で45である。(2) 16進数で 2D。",
        "問2 計算量は O(n log n)。マージソートは分割統治により……",
        "問3 TCPは到達確認と再送を行うが、UDPは行わないため遅延が小さい。",
    )
    for i, s in enumerate(cast):
        if i:
            blocks.append(PageBreak())
        score = rng.randint(38, 97)
        tally.record("JP_GRADES")
        blocks += [
            Para("2024年度前期 期末試験 答案用紙", "title"),
            Para("科目：情報科学概論（K24-1203）　試験日：2024年7月30日（火）3限"),
            Para(
                f"学籍番号：{tally(s.sid, 'JP_STUDENT_ID')}　　氏名：{tally(s.person.name(), 'PERSON')}"
            ),
            Para(f"得点：{score} 点 ／ 100 点　（採点済）", "heading"),
            *(Para(a) for a in answers),
        ]
    return Document(
        "期末試験 答案用紙（情報科学概論）",
        blocks,
        level=2,
        category=ANSWER,
        records=count,
        tally=tally,
        footer="情報科学概論 期末試験",
        author="情報科学研究科",
        date=dt.datetime(2024, 8, 2, 16, 40),
    )


def personal_grades() -> Document:
    """学生個人別成績表 ②: one student's transcript (docx with header, footer, comment)."""
    rng, _ = rng_for("personal-grades")
    s = students("personal-grades", 1)[0]
    tally = Tally()
    courses = (
        ("2023", "前期", "情報科学概論", 2),
        ("2023", "前期", "線形代数A", 2),
        ("2023", "前期", "微分積分学I", 2),
        ("2023", "前期", "英語リーディング", 1),
        ("2023", "後期", "プログラミング演習", 2),
        ("2023", "後期", "線形代数B", 2),
        ("2023", "後期", "確率統計", 2),
        ("2024", "前期", "データ構造とアルゴリズム", 2),
        ("2024", "前期", "計算機システム", 2),
        ("2024", "前期", "離散数学", 2),
    )
    rows: list[list[Cell]] = []
    for year, term, name, credit in courses:
        score = rng.randint(52, 98)
        rows.append([year, term, name, credit, _letter(score)])
    table = Table(
        [Column("年度"), Column("学期"), Column("授業科目名", width=24), Column("単位"), C_GRADE],
        rows,
        one_record=True,
    )
    blocks: list[Block] = [
        Para("学生個人別成績表", "title"),
        Para("2024年度前期末現在"),
        Para(f"学籍番号：{tally(s.sid, 'JP_STUDENT_ID')}"),
        Para(f"氏名：{tally(s.person.name('　'), 'PERSON')}（{tally(s.person.kana(), 'PERSON')}）"),
        Para(f"所属：{s.faculty}{s.department}　第{s.year}学年"),
        Para("修得単位の評価は次のとおりです。", "heading"),
        table,
        Para("評価：秀(90-100) 優(80-89) 良(70-79) 可(60-69) 不可(59以下)", "small"),
    ]
    return Document(
        "学生個人別成績表",
        blocks,
        level=2,
        category=PERSONAL_GRADES,
        records=1,
        tally=tally,
        header="取扱注意（危険度②）",
        footer="神戸大学 学務部教務課",
        author="学務部教務課",
        date=dt.datetime(2024, 9, 20, 11, 30),
    )


def course_grades(key: str, courses: tuple[str, ...], per_course: int, pool: int) -> Document:
    """授業科目別成績表 ②: one sheet (table) per course; students overlap between sheets."""
    rng, _ = rng_for(key + ":scores")
    cast = students(key, pool, ("工学部", "理学部"))
    tables = []
    seen: set[str] = set()
    for course in courses:
        chosen = sorted(rng.sample(cast, per_course), key=lambda s: s.sid)
        rows: list[list[Cell]] = []
        for s in chosen:
            mid, final = rng.randint(30, 100), rng.randint(30, 100)
            total = round(mid * 0.4 + final * 0.6)
            rows.append([s.sid, s.person.name(), mid, final, total, _letter(total)])
            seen.add(s.sid)
        columns = [
            C_SID,
            C_NAME,
            Column("中間", ("JP_GRADES",)),
            Column("期末", ("JP_GRADES",)),
            C_SCORE,
            C_GRADE,
        ]
        tables.append(
            Table(
                columns,
                rows,
                name=course,
                title=[f"2024年度前期 {course} 成績一覧", "担当：情報科学研究科"],
            )
        )
    return Document(
        "授業科目別成績表 2024年度前期",
        list(tables),
        level=2,
        category=COURSE_GRADES,
        records=len(seen),
        author="学務部教務課",
        date=dt.datetime(2024, 8, 20, 9, 5),
    )


def seminar_grades() -> Document:
    """授業科目別成績表 ② for a small seminar (exported to CP932 CSV)."""
    rng, _ = rng_for("kiso-seminar")
    cast = students("kiso-seminar", 15, ("文学部", "経済学部"))
    rows: list[list[Cell]] = []
    for s in cast:
        attendance, report = rng.randint(9, 15), rng.randint(40, 100)
        rows.append([s.sid, s.person.name(), f"{attendance}/15", report, _letter(report)])
    columns = [C_SID, C_NAME, Column("出席"), Column("レポート", ("JP_GRADES",)), C_GRADE]
    return Document(
        "基礎ゼミナール 成績一覧",
        [Table(columns, rows)],
        level=2,
        category=COURSE_GRADES,
        records=len(rows),
        date=dt.datetime(2024, 2, 9, 17, 45),
    )


# --------------------------------------------------------------------------- 学生情報


def _contact_row(s: Student) -> list[str | int | dt.date | None]:
    p = s.person
    return [s.sid, p.name(), p.kana(), s.year, p.postal, p.address, p.home_phone, p.mobile, p.email]


_CONTACT_COLUMNS = [
    C_SID,
    C_NAME,
    C_KANA,
    C_YEAR,
    C_POSTAL,
    C_ADDRESS,
    C_HOME_PHONE,
    C_MOBILE,
    C_EMAIL,
]


def contacts(key: str = "students-2024", count: int = 20) -> Document:
    """在学生連絡先名簿 ②: 氏名・学籍番号・自宅住所・自宅電話番号."""
    cast = students(key, count, ("工学部",))
    return Document(
        "在学生連絡先名簿 2024年度",
        [Table(list(_CONTACT_COLUMNS), [_contact_row(s) for s in cast], name="連絡先")],
        level=2,
        category=CONTACTS,
        records=count,
        author="学務部学生支援課",
        date=dt.datetime(2024, 5, 8, 14, 20),
        notes="twin of 在学生身上調書 without 保護者連絡先",
    )


def personal_info(key: str = "students-2024", count: int = 20) -> Document:
    """在学生身上情報 ①: the contact roster plus 保護者 columns (the key information)."""
    cast = students(key, count, ("工学部",))
    parents = guardians(key, [s.person for s in cast])
    columns = [
        *_CONTACT_COLUMNS,
        Column("保護者氏名", ("PERSON", "JP_GUARDIAN"), width=16),
        Column("続柄", width=5),
        Column("保護者連絡先", ("PHONE_NUMBER", "JP_GUARDIAN"), width=15),
        Column("保護者住所", ("JP_GUARDIAN", "JP_ADDRESS"), width=44),
    ]
    rows: list[list[Cell]] = []
    for s, (parent, relation) in zip(cast, parents, strict=True):
        same_home = s.year == 1 or s.person.address == parent.address
        rows.append(
            [
                *_contact_row(s),
                parent.name(),
                relation,
                parent.mobile,
                "" if same_home else parent.address,
            ]
        )
    return Document(
        "在学生身上調書 2024年度",
        [Table(columns, rows, name="身上調書")],
        level=1,
        category=PERSONAL,
        key_info=GUARDIAN_KEY,
        records=count,
        author="学務部学生支援課",
        date=dt.datetime(2024, 5, 8, 14, 35),
        notes="twin of 在学生連絡先名簿 with 保護者連絡先 (key information); 保護者住所 empty when same as student",
    )


def dorm_contacts() -> Document:
    """在学生連絡先名簿 ② of a dormitory (exported as EUC-JP by an old Unix system)."""
    rng, _ = rng_for("dorm")
    cast = students("dorm", 12, ("工学部", "理学部", "文学部"))
    rows: list[list[Cell]] = [
        [
            f"{rng.choice('ABC')}-{rng.randint(101, 420)}",
            s.sid,
            s.person.name(),
            s.person.mobile,
            s.person.email,
        ]
        for s in cast
    ]
    columns = [Column("部屋番号"), C_SID, C_NAME, C_MOBILE, C_EMAIL]
    return Document(
        "国際交流会館 入居者連絡先",
        [Table(columns, rows)],
        level=2,
        category=CONTACTS,
        records=len(rows),
        date=dt.datetime(2024, 4, 10, 8, 50),
    )


def club_phone_tree() -> Document:
    """在学生連絡先名簿 ② as free text: every phone spelling, e-mails glued to Japanese."""
    cast = [s.person for s in students("club", 8, ("工学部", "文学部", "経済学部"))]
    rng, _ = rng_for("club:phones")
    t = Tally()
    a, b, c, d, e, f, g, h = cast
    mob = [mobile_phone(rng) for _ in range(4)]
    home = [landline_phone(rng, "078"), landline_phone(rng, "06")]
    full_width = mob[2].translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    plus81 = "+81-" + mob[1][1:]
    home_area, home_local, home_line = home[0].split("-")
    lines = [
        "■ 軽音楽部 2024年度 緊急連絡網（部外秘）",
        "",
        f"部長：{t(a.name(), 'PERSON')}（3年）携帯 {t(mob[0], 'PHONE_NUMBER')}",
        f"副部長：{t(b.name(), 'PERSON')}　TEL:{t(plus81, 'PHONE_NUMBER')}（留学中のため国際番号）",
        f"会計：{t(c.name('　'), 'PERSON')}　電話{t(full_width, 'PHONE_NUMBER')}（夜のみ）",
        f"{t(d.name(), 'PERSON')}さん　自宅({t(home_area + ')' + home_local + '-' + home_line, 'PHONE_NUMBER')}",
        f"{t(e.name(), 'PERSON')}さん　携帯{t(mob[3].replace('-', ''), 'PHONE_NUMBER')}／自宅 {t(home[1], 'PHONE_NUMBER')}",
        "",
        f"合宿の連絡はメール{t(f.email, 'EMAIL_ADDRESS')}まで（{t(f.name(), 'PERSON')}）。",
        f"{t(g.name(), 'PERSON')}：{t(g.email, 'EMAIL_ADDRESS')}です。LINEでも可",
        f"機材担当は{t(h.name(), 'PERSON')}（{t(h.email, 'EMAIL_ADDRESS')}）、電話は{t('+81 ' + h.mobile[1:].replace('-', ' '), 'PHONE_NUMBER')}",
        "",
        "※この連絡網を部外に転送しないこと。",
    ]
    return Document(
        "軽音楽部 緊急連絡網",
        [Para(line) for line in lines],
        level=2,
        category=CONTACTS,
        records=8,
        tally=t,
        date=dt.datetime(2024, 6, 1, 22, 14),
        notes="phones: hyphenated, +81, full-width, (078) area, no hyphens, spaces; e-mails glued to Japanese",
    )


def graduates() -> Document:
    """卒業修了者名簿（進路先情報を含む。） ②."""
    rng, fake = rng_for("graduates-2023:careers")
    cast = students("graduates-2023", 25, ("工学部",))
    rows: list[list[Cell]] = []
    for s in cast:
        if rng.random() < 0.35:
            kind, dest = (
                "進学",
                f"神戸大学大学院{rng.choice(('工学研究科', 'システム情報学研究科'))}",
            )
        else:
            kind, dest = "就職", str(fake.company())
        rows.append(
            [
                s.sid,
                s.person.name(),
                s.department,
                "2024/03/25",
                kind,
                dest,
                s.person.address,
                s.person.mobile,
            ]
        )
    columns = [
        C_SID,
        C_NAME,
        Column("学科"),
        Column("卒業年月日"),
        Column("進路区分"),
        Column("進路先", ("JP_CAREER_PATH",), width=26),
        Column("卒業後連絡先住所", ("JP_ADDRESS",), width=44),
        Column("連絡先電話", ("PHONE_NUMBER",), width=15),
    ]
    return Document(
        "卒業修了者名簿 2023年度",
        [Table(columns, rows, title=["2023年度 工学部 卒業者名簿（進路先含む）"])],
        level=2,
        category=GRADUATES,
        records=len(rows),
        author="学務部キャリアセンター",
        date=dt.datetime(2024, 4, 5, 13, 0),
    )


def career_survey() -> Document:
    """進路調査 (卒業修了者名簿 ②) exported as UTF-16 by a survey tool."""
    rng, fake = rng_for("career-survey:careers")
    cast = students("career-survey", 15, ("理学部",))
    rows: list[list[Cell]] = []
    for s in cast:
        dest = str(fake.company()) if rng.random() < 0.7 else "神戸大学大学院理学研究科"
        rows.append(
            [s.sid, s.person.name(), "就職" if "大学院" not in dest else "進学", dest, "2023/10/01"]
        )
    columns = [
        C_SID,
        C_NAME,
        Column("進路区分"),
        Column("進路先", ("JP_CAREER_PATH",)),
        Column("決定日"),
    ]
    return Document(
        "2023年度 進路調査",
        [Table(columns, rows)],
        level=2,
        category=GRADUATES,
        records=len(rows),
        date=dt.datetime(2024, 3, 1, 9, 30),
    )


def interview_records(key: str, count: int, *, with_dob: bool = True) -> Document:
    """在学生身上情報 ①: 学生相談の面談記録 with 保護者連絡先, one block per student."""
    cast = students(key, count, ("工学部", "文学部"))
    parents = guardians(key, [s.person for s in cast])
    topics = (
        "履修計画について相談。前期は体調不良で欠席が続いたため、後期の登録単位数を調整する。",
        "奨学金の継続手続きについて確認。家計状況の変化あり、授業料免除の申請を案内した。",
        "進路（大学院進学か就職か）について相談。研究室配属後に再度面談予定。",
    )
    t = Tally()
    blocks: list[Block] = [Para("学生相談 面談記録（2024年度）", "title")]
    for i, (s, (parent, relation)) in enumerate(zip(cast, parents, strict=True)):
        p = s.person
        t.record("JP_GUARDIAN")
        blocks += [
            Para(f"【記録{i + 1}】面談日：2024年{6 + i}月{10 + i}日", "heading"),
            Para(
                f"学籍番号：{t(s.sid, 'JP_STUDENT_ID')}　氏名：{t(p.name('　'), 'PERSON')}（{s.faculty}{s.year}年）"
            ),
        ]
        if with_dob:
            blocks.append(Para(f"生年月日：{t(wareki(p.birth), 'DATE_OF_BIRTH')}"))
        blocks += [
            Para(f"現住所：〒{t(p.postal, 'JP_POSTAL_CODE')} {t(p.address, 'JP_ADDRESS')}"),
            Para(
                f"自宅電話：{t(p.home_phone, 'PHONE_NUMBER')}　携帯：{t(p.mobile, 'PHONE_NUMBER')}"
            ),
            Para(
                f"保護者：{t(parent.name('　'), 'PERSON')}（{relation}）　連絡先：{t(parent.mobile, 'PHONE_NUMBER')}"
            ),
            Para(f"相談内容：{topics[i % len(topics)]}"),
        ]
    return Document(
        "学生相談 面談記録",
        blocks,
        level=1,
        category=PERSONAL,
        key_info=GUARDIAN_KEY,
        records=count,
        tally=t,
        header="取扱注意",
        author="学務部学生支援課",
        date=dt.datetime(2024, 9, 3, 15, 10),
    )


def personal_form() -> Document:
    """在学生身上情報 ①: a single 身上調書 form (converted to legacy .doc)."""
    s = students("personal-form", 1, ("経済学部",))[0]
    parent, relation = guardians("personal-form", [s.person])[0]
    p = s.person
    t = Tally()
    t.record("JP_GUARDIAN")
    blocks: list[Block] = [
        Para("学生身上調書", "title"),
        Para(f"学籍番号　{t(s.sid, 'JP_STUDENT_ID')}"),
        Para(f"氏名　{t(p.name('　'), 'PERSON')}　（ふりがな　{t(p.hiragana(), 'PERSON')}）"),
        Para(f"生年月日　{t(wareki(p.birth), 'DATE_OF_BIRTH')}生"),
        Para(f"現住所　〒{t(p.postal, 'JP_POSTAL_CODE')}　{t(p.address, 'JP_ADDRESS')}"),
        Para(f"電話　{t(p.home_phone, 'PHONE_NUMBER')}"),
        Para("緊急連絡先（保護者）", "heading"),
        Para(f"氏名　{t(parent.name('　'), 'PERSON')}（{relation}）"),
        Para(f"住所　〒{t(parent.postal, 'JP_POSTAL_CODE')}　{t(parent.address, 'JP_ADDRESS')}"),
        Para(f"電話　{t(parent.mobile, 'PHONE_NUMBER')}"),
        Para("記入日　2019年4月5日", "small"),
    ]
    return Document(
        "学生身上調書",
        blocks,
        level=1,
        category=PERSONAL,
        key_info=GUARDIAN_KEY,
        records=1,
        tally=t,
        author="学務部学生支援課",
        date=dt.datetime(2019, 4, 5, 10, 0),
    )


def personal_table(key: str, count: int) -> Document:
    """在学生身上情報 ① as a table in a Word file (a teacher's 面談 notes)."""
    cast = students(key, count, ("工学部",))
    parents = guardians(key, [s.person for s in cast])
    rows: list[list[Cell]] = [
        [
            s.sid,
            s.person.name(),
            seireki(s.person.birth),
            s.person.mobile,
            f"{parent.name()}（{rel}）",
            parent.mobile,
        ]
        for s, (parent, rel) in zip(cast, parents, strict=True)
    ]
    columns = [
        C_SID,
        C_NAME,
        C_DOB,
        C_MOBILE,
        Column("保護者", ("PERSON", "JP_GUARDIAN")),
        Column("保護者電話", ("PHONE_NUMBER", "JP_GUARDIAN")),
    ]
    blocks: list[Block] = [
        Para("前期 個別面談 対象学生一覧", "title"),
        Para("面談前に保護者連絡先を確認しておくこと。"),
        Table(columns, rows),
    ]
    return Document(
        "個別面談 対象学生一覧",
        blocks,
        level=1,
        category=PERSONAL,
        key_info=GUARDIAN_KEY,
        records=count,
        author="工学研究科",
        date=dt.datetime(2024, 7, 1, 21, 40),
    )
