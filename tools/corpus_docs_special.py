"""入学試験情報, 医療情報, 健康診断情報 and 附属学校情報.

Matrix rows: 入学試験情報 ① and 患者個人情報／治療にかかる被験者情報 ① (記載情報に同じ: every item
makes them ①), 指導要録（入学・卒業等の学籍に関する記録） ① (key: 自宅住所, 学歴),
指導要録（指導に関する記録） ②, 学級幼児児童生徒名簿 ②. 健康診断情報 (要配慮個人情報) is
listed under 危険度① in section 1 of the seed.
"""

from __future__ import annotations

import datetime as dt

from tools.corpus_model import Block, Cell, Column, Document, PageBreak, Para, Table, Tally
from tools.corpus_people import (
    Person,
    make_person,
    patient_id,
    people,
    random_date,
    rng_for,
    seireki,
    wareki,
)
from tools.corpus_pools import (
    C_ADDRESS,
    C_DOB,
    C_EMAIL,
    C_HOME_PHONE,
    C_KANA,
    C_NAME,
    C_POSTAL,
    C_SID,
    guardians,
    pupils,
    students,
)

ADMISSION = "入学試験情報"
PATIENT = "患者個人情報"
TRIAL = "治療にかかる被験者情報"
HEALTH = "健康診断情報"
REGISTER = "指導要録（入学・卒業等の学籍に関する記録）"
GUIDANCE = "指導要録（指導に関する記録）"
CLASS_LIST = "学級幼児児童生徒名簿"

C_EXAM = Column("受験番号", ("JP_EXAM_NUMBER",), key="exam_number", width=9)
C_PATIENT = Column("患者ID", ("JP_PATIENT_ID",), key="patient_id", width=12)
C_RESULT = Column("判定", ("JP_EXAM_RESULT",), key="result", width=6)
C_MEDICAL = Column("主病名", ("JP_MEDICAL",), key="diagnosis", width=24)

# --------------------------------------------------------------------------- 入試


def _applicants(key: str, count: int) -> list[tuple[str, Person]]:
    rng, _ = rng_for(key + ":numbers")
    cast = people(key, count, (dt.date(2005, 4, 2), dt.date(2007, 4, 1)), hyogo=True)
    numbers = sorted(rng.sample(range(10001, 39999), count))
    return [(str(n), p) for n, p in zip(numbers, cast, strict=True)]


def admission_results(count: int = 40) -> Document:
    """一般選抜 受験者一覧 ①: 受験番号・生年月日（和暦）・住所・電話・成績・合否."""
    rng, _ = rng_for("admission-2025:scores")
    rows: list[list[Cell]] = []
    for number, p in _applicants("admission-2025", count):
        eng, math, jpn = rng.randint(90, 200), rng.randint(80, 200), rng.randint(70, 200)
        total = eng + math + jpn
        rows.append(
            [
                number,
                p.name(),
                p.kana(),
                p.gender,
                wareki(p.birth),
                p.postal,
                p.address,
                p.home_phone,
                eng,
                math,
                jpn,
                total,
                "合" if total >= 420 else "否",
            ]
        )
    columns = [
        C_EXAM,
        C_NAME,
        C_KANA,
        Column("性別"),
        C_DOB,
        C_POSTAL,
        C_ADDRESS,
        C_HOME_PHONE,
        Column("英語", ("JP_GRADES",)),
        Column("数学", ("JP_GRADES",)),
        Column("国語", ("JP_GRADES",)),
        Column("合計", ("JP_GRADES",)),
        C_RESULT,
    ]
    title = ["2025年度 一般選抜（前期日程） 工学部 受験者成績一覧", "入試委員会資料　取扱厳重注意"]
    return Document(
        "2025年度一般選抜 受験者一覧",
        [Table(columns, rows, name="前期日程", title=title)],
        level=1,
        category=ADMISSION,
        key_info=("受験番号", "成績", "可否情報"),
        records=count,
        author="学務部入試課",
        date=dt.datetime(2025, 3, 6, 19, 30),
    )


def applications_json(count: int = 25) -> Document:
    """出願データ ① as a JSON export of the Web出願 system (no scores yet)."""
    rng, _ = rng_for("applications:dept")
    rows: list[list[Cell]] = []
    for number, p in _applicants("applications-2025", count):
        dept = rng.choice(("工学部 情報知能工学科", "工学部 機械工学科", "理学部 数学科"))
        rows.append(
            [
                number,
                p.name(),
                p.kana(),
                seireki(p.birth, "iso"),
                p.postal,
                p.address,
                p.mobile,
                p.email,
                dept,
            ]
        )
    columns = [
        C_EXAM,
        C_NAME,
        C_KANA,
        C_DOB,
        C_POSTAL,
        C_ADDRESS,
        Column("電話番号", ("PHONE_NUMBER",), key="phone"),
        C_EMAIL,
        Column("志望学科", key="department"),
    ]
    return Document(
        "Web出願データ",
        [Table(columns, rows)],
        level=1,
        category=ADMISSION,
        key_info=("受験番号",),
        records=count,
        date=dt.datetime(2025, 2, 5, 3, 0),
    )


def admission_meeting(count: int = 15) -> Document:
    """合否判定会議資料 ① (slides): borderline applicants with scores and 判定案."""
    rng, _ = rng_for("admission-meeting:scores")
    rows: list[list[Cell]] = []
    for rank, (number, p) in enumerate(_applicants("admission-2025", count), start=1):
        total = 430 - rank * 3 + rng.randint(0, 2)
        rows.append(
            [
                number,
                p.name(),
                total,
                118 + rank,
                "合" if rank <= 8 else "保留" if rank <= 11 else "否",
            ]
        )
    table = Table(
        [
            C_EXAM,
            C_NAME,
            Column("合計点", ("JP_GRADES",)),
            Column("順位"),
            Column("判定案", ("JP_EXAM_RESULT",)),
        ],
        rows,
    )
    blocks: list[Block] = [
        Para("合否判定会議 資料", "heading"),
        Para("前期日程 工学部 合格者数は募集人員の1.05倍を目安とする。"),
        Para("ボーダー付近の受験者について、下表のとおり判定案を示す。"),
        Para("ボーダー付近 受験者一覧", "heading"),
        table,
    ]
    return Document(
        "2025年度 合否判定会議資料",
        blocks,
        level=1,
        category=ADMISSION,
        key_info=("受験番号", "成績", "可否情報"),
        records=count,
        author="学務部入試課",
        date=dt.datetime(2025, 3, 7, 8, 30),
        notes="same applicants as the first 15 rows of 受験者一覧",
    )


# --------------------------------------------------------------------------- 医療

_DIAGNOSES = (
    "2型糖尿病",
    "本態性高血圧症",
    "気管支喘息",
    "逆流性食道炎",
    "腰部脊柱管狭窄症",
    "慢性腎臓病（ステージ3）",
    "脂質異常症",
    "アトピー性皮膚炎",
    "不眠症",
    "変形性膝関節症",
)
_DEPARTMENTS = ("内科", "循環器内科", "呼吸器内科", "整形外科", "皮膚科", "精神科神経科")


def _patients(key: str, count: int) -> list[tuple[str, Person]]:
    rng, _ = rng_for(key + ":ids")
    cast = people(key, count, (dt.date(1938, 1, 1), dt.date(2010, 12, 31)))
    return [(patient_id(rng), p) for p in cast]


def outpatients(count: int = 25) -> Document:
    """外来患者一覧 ①: 患者ID・氏名・生年月日・住所・電話・診療科・主病名."""
    rng, _ = rng_for("outpatients:dx")
    rows: list[list[Cell]] = []
    for pid, p in _patients("outpatients", count):
        first = random_date(rng, dt.date(2019, 1, 1), dt.date(2024, 10, 20))
        rows.append(
            [
                pid,
                p.name(),
                p.kana(),
                p.gender,
                p.birth,
                p.postal,
                p.address,
                p.home_phone,
                rng.choice(_DEPARTMENTS),
                first,
                rng.choice(_DIAGNOSES),
            ]
        )
    columns = [
        C_PATIENT,
        C_NAME,
        C_KANA,
        Column("性別"),
        C_DOB,
        C_POSTAL,
        C_ADDRESS,
        C_HOME_PHONE,
        Column("診療科"),
        Column("初診日"),
        C_MEDICAL,
    ]
    return Document(
        "外来患者一覧 2024年10月",
        [Table(columns, rows, name="外来", title=["附属病院 外来患者一覧（2024年10月受診分）"])],
        level=1,
        category=PATIENT,
        key_info=("患者番号", "診療情報"),
        records=count,
        author="附属病院 医事課",
        date=dt.datetime(2024, 11, 1, 8, 15),
        notes="生年月日 and 初診日 are real Excel date cells; only 生年月日 counts as DATE_OF_BIRTH",
    )


def referral_letter() -> Document:
    """診療情報提供書 ① for one patient (RTF, as an old 電子カルテ writes it)."""
    rng, fake = rng_for("referral:doctors")
    pid, p = _patients("referral", 1)[0]
    doctors = [
        make_person(rng, fake, (dt.date(1965, 1, 1), dt.date(1985, 12, 31))) for _ in range(2)
    ]
    t = Tally()
    t.record("JP_MEDICAL")
    blocks: list[Block] = [
        Para("診療情報提供書", "title"),
        Para("2024年10月18日"),
        Para(
            f"紹介先：{fake.last_name()}内科クリニック　{t(doctors[0].name('　'), 'PERSON')} 先生 御侍史"
        ),
        Para(
            f"紹介元：神戸大学医学部附属病院 循環器内科　医師 {t(doctors[1].name('　'), 'PERSON')}"
        ),
        Para("患者情報", "heading"),
        Para(f"患者ID：{t(pid, 'JP_PATIENT_ID')}"),
        Para(f"氏名：{t(p.name('　'), 'PERSON')}（{t(p.kana(), 'PERSON')}）　{p.gender}性"),
        Para(f"生年月日：{t(wareki(p.birth), 'DATE_OF_BIRTH')}"),
        Para(f"住所：〒{t(p.postal, 'JP_POSTAL_CODE')} {t(p.address, 'JP_ADDRESS')}"),
        Para(f"電話：{t(p.home_phone, 'PHONE_NUMBER')}"),
        Para("傷病名：本態性高血圧症、脂質異常症", "heading"),
        Para("紹介目的：病状安定のため、今後の内服加療と定期フォローをお願い申し上げます。"),
        Para("既往歴：2018年 虫垂炎手術。アレルギー：ペニシリン系薬剤で発疹。"),
        Para("現在の処方：アムロジピン錠5mg 1錠 分1 朝食後、ロスバスタチン錠2.5mg 1錠 分1 夕食後"),
        Para("検査所見：血圧 132/84 mmHg、LDL-C 118 mg/dL、HbA1c 5.8%（2024年10月10日）"),
    ]
    return Document(
        "診療情報提供書",
        blocks,
        level=1,
        category=PATIENT,
        key_info=("患者番号", "診療情報"),
        records=1,
        tally=t,
        author="附属病院 循環器内科",
        date=dt.datetime(2024, 10, 18, 16, 50),
        notes="the two doctors are PERSON occurrences but not records",
    )


def trial_subjects(count: int = 12) -> Document:
    """治療にかかる被験者情報 ①: a clinical-trial subject registry (XML export)."""
    rng, _ = rng_for("trial:data")
    rows: list[list[Cell]] = []
    for i, (pid, p) in enumerate(_patients("trial", count), start=1):
        consent = random_date(rng, dt.date(2024, 1, 10), dt.date(2024, 6, 30))
        event = rng.choice(("なし", "なし", "軽度の頭痛", "悪心（Grade 1）", "発疹（Grade 2）"))
        rows.append(
            [
                f"KU-CT24-{i:03d}",
                pid,
                p.name(),
                seireki(p.birth, "iso"),
                p.gender,
                p.address,
                p.home_phone,
                consent.isoformat(),
                rng.choice(("A群", "B群")),
                event,
            ]
        )
    columns = [
        Column("被験者識別コード", key="subject_code"),
        C_PATIENT,
        C_NAME,
        C_DOB,
        Column("性別", key="sex"),
        C_ADDRESS,
        C_HOME_PHONE,
        Column("同意取得日", key="consent_date"),
        Column("割付群", ("JP_MEDICAL",), key="arm"),
        Column("有害事象", ("JP_MEDICAL",), key="adverse_event"),
    ]
    return Document(
        "治験被験者登録台帳",
        [Table(columns, rows)],
        level=1,
        category=TRIAL,
        key_info=("患者番号", "診療情報"),
        records=count,
        date=dt.datetime(2024, 7, 1, 12, 0),
        notes="有害事象 'なし' is a placeholder but 割付群 still carries 診療情報 for every subject",
    )


def lab_results(count: int = 5) -> Document:
    """患者個人情報 ①: 検査結果 for a few patients (the encrypted-PDF fixture)."""
    rng, _ = rng_for("lab:values")
    rows: list[list[Cell]] = []
    for pid, p in _patients("lab", count):
        rows.append(
            [
                pid,
                p.name(),
                seireki(p.birth),
                f"{rng.uniform(5.2, 8.9):.1f}",
                f"{rng.randint(70, 190)}",
                f"{rng.uniform(0.6, 1.6):.2f}",
            ]
        )
    columns = [
        C_PATIENT,
        C_NAME,
        C_DOB,
        Column("HbA1c(%)", ("JP_MEDICAL",)),
        Column("LDL-C", ("JP_MEDICAL",)),
        Column("Cre", ("JP_MEDICAL",)),
    ]
    return Document(
        "検査結果一覧",
        [Para("検査結果一覧（糖尿病外来）", "title"), Table(columns, rows)],
        level=1,
        category=PATIENT,
        key_info=("患者番号", "診療情報"),
        records=count,
        author="附属病院 検査部",
        date=dt.datetime(2024, 10, 25, 11, 0),
    )


# --------------------------------------------------------------------------- 健康診断


def health_checks(count: int = 30) -> Document:
    """健康診断情報 ① (要配慮個人情報): 定期健康診断 要再検査者一覧."""
    rng, _ = rng_for("health:values")
    rows: list[list[Cell]] = []
    for s in students("health-2024", count, ("工学部", "理学部", "文学部", "経済学部")):
        height = rng.uniform(150, 185)
        weight = rng.uniform(42, 92)
        bmi = weight / (height / 100) ** 2
        pressure = f"{rng.randint(100, 152)}/{rng.randint(58, 98)}"
        urine = rng.choice(("－", "－", "±", "＋"))
        xray = rng.choice(("異常なし", "異常なし", "要精検（右上肺野）"))
        verdict = "要再検査" if urine == "＋" or "要精検" in xray or bmi >= 27 else "要経過観察"
        rows.append(
            [
                s.sid,
                s.person.name(),
                s.person.gender,
                2024 - s.person.birth.year,
                f"{height:.1f}",
                f"{weight:.1f}",
                f"{bmi:.1f}",
                pressure,
                urine,
                xray,
                verdict,
            ]
        )
    columns = [
        C_SID,
        C_NAME,
        Column("性別"),
        Column("年齢"),
        Column("身長", ("JP_MEDICAL",)),
        Column("体重", ("JP_MEDICAL",)),
        Column("BMI", ("JP_MEDICAL",)),
        Column("血圧", ("JP_MEDICAL",)),
        Column("尿蛋白", ("JP_MEDICAL",)),
        Column("胸部X線", ("JP_MEDICAL",), width=18),
        Column("判定", ("JP_MEDICAL",)),
    ]
    return Document(
        "2024年度 定期健康診断 要再検査者一覧",
        [
            Table(
                columns,
                rows,
                name="要再検査者",
                title=["2024年度 学生定期健康診断 要再検査・要経過観察者一覧", "保健管理センター"],
            )
        ],
        level=1,
        category=HEALTH,
        key_info=("健康診断情報",),
        records=count,
        author="保健管理センター",
        date=dt.datetime(2024, 6, 14, 15, 0),
    )


def health_letters(count: int = 4) -> Document:
    """健康診断情報 ①: 再検査のお知らせ, one letter (page) per student."""
    rng, _ = rng_for("health-letters:values")
    t = Tally()
    blocks: list[Block] = []
    for i, s in enumerate(students("health-letters", count, ("工学部", "理学部"))):
        if i:
            blocks.append(PageBreak())
        t.record("JP_MEDICAL")
        blocks += [
            Para("定期健康診断 再検査のお知らせ", "title"),
            Para(f"{t(s.sid, 'JP_STUDENT_ID')}　{t(s.person.name('　'), 'PERSON')} 様"),
            Para("2024年度定期健康診断の結果、下記の項目で再検査が必要となりました。"),
            Para(
                f"血圧：{rng.randint(140, 165)}/{rng.randint(90, 104)} mmHg（基準値 129/84 以下）"
            ),
            Para(f"尿蛋白：（{rng.choice(('＋', '2＋'))}）"),
            Para("7月12日（金）までに保健管理センターで再検査を受けてください。"),
        ]
    return Document(
        "再検査のお知らせ",
        blocks,
        level=1,
        category=HEALTH,
        key_info=("健康診断情報",),
        records=count,
        tally=t,
        footer="神戸大学 保健管理センター",
        author="保健管理センター",
        date=dt.datetime(2024, 6, 20, 9, 40),
    )


# --------------------------------------------------------------------------- 附属学校

_CLASS_BORN = (dt.date(2012, 4, 2), dt.date(2013, 4, 1))  # 6年生 in 2024


def _class_6_1(count: int) -> list[tuple[int, Person, Person]]:
    children = pupils("class-6-1", count, _CLASS_BORN)
    parents = guardians("class-6-1", children)
    ordered = sorted(zip(children, parents, strict=True), key=lambda cp: cp[0].kana())
    return [(i, child, parent) for i, (child, (parent, _)) in enumerate(ordered, start=1)]


def class_list(count: int = 30) -> Document:
    """学級幼児児童生徒名簿 ②: 出席番号・氏名・ふりがな・生年月日・保護者氏名."""
    rows: list[list[Cell]] = [
        [no, child.name(), child.hiragana(), child.gender, wareki(child.birth), parent.name()]
        for no, child, parent in _class_6_1(count)
    ]
    columns = [
        Column("出席番号"),
        Column("児童氏名", ("PERSON",)),
        Column("ふりがな", ("PERSON",)),
        Column("性別"),
        C_DOB,
        Column("保護者氏名", ("PERSON", "JP_GUARDIAN")),
    ]
    return Document(
        "6年1組 学級名簿",
        [Table(columns, rows, name="6年1組", title=["2024年度 附属小学校 第6学年1組 学級名簿"])],
        level=2,
        category=CLASS_LIST,
        records=count,
        author="附属小学校",
        date=dt.datetime(2024, 4, 8, 7, 50),
        notes="twin of 指導要録（学籍） without 自宅住所 and 学歴",
    )


def register_records(count: int = 6) -> Document:
    """指導要録（学籍に関する記録） ①: 現住所 and 入学前の経歴/進学先 (the key information)."""
    rng, fake = rng_for("register:schools")
    t = Tally()
    blocks: list[Block] = []
    for i, (no, child, parent) in enumerate(_class_6_1(30)[:count]):
        if i:
            blocks.append(PageBreak())
        t.record("JP_GUARDIAN", "JP_EDUCATION_CAREER")
        kindergarten = f"{fake.city()}立{fake.town()}幼稚園"
        blocks += [
            Para("小学校児童指導要録（学籍に関する記録）", "title"),
            Para(
                f"出席番号 {no}　児童氏名：{t(child.name('　'), 'PERSON')}（{t(child.hiragana(), 'PERSON')}）　性別：{child.gender}"
            ),
            Para(f"生年月日：{t(wareki(child.birth), 'DATE_OF_BIRTH')}生"),
            Para(f"現住所：〒{t(child.postal, 'JP_POSTAL_CODE')} {t(child.address, 'JP_ADDRESS')}"),
            Para(f"保護者氏名：{t(parent.name('　'), 'PERSON')}　現住所：児童の欄に同じ"),
            Para(f"入学前の経歴：{kindergarten} 修了"),
            Para("入学：平成31年4月1日 第1学年入学"),
            Para(
                f"進学先：{rng.choice(('神戸大学附属中等教育学校', f'{fake.city()}立第二中学校', '私立灘中学校'))}（令和7年3月卒業予定）"
            ),
        ]
    return Document(
        "児童指導要録（学籍に関する記録）",
        blocks,
        level=1,
        category=REGISTER,
        key_info=("自宅住所", "学歴（進学情報など）"),
        records=count,
        tally=t,
        header="指導要録　校外持出禁止",
        author="附属小学校",
        date=dt.datetime(2024, 4, 10, 16, 0),
        notes="twin of 学級名簿 with 自宅住所 and 学歴 (key information)",
    )


def guidance_records(count: int = 30) -> Document:
    """指導要録（指導に関する記録） ②: 出席番号・氏名・各教科の評定."""
    rng, _ = rng_for("guidance:marks")
    subjects = ("国語", "社会", "算数", "理科", "音楽", "図画工作", "家庭", "体育", "外国語")
    rows: list[list[Cell]] = []
    for no, child, _ in _class_6_1(count):
        rows.append([no, child.name(), *(rng.choice((1, 2, 2, 3, 3)) for _ in subjects)])
    columns = [
        Column("出席番号"),
        Column("児童氏名", ("PERSON",)),
        *(Column(s, ("JP_GRADES",), width=6) for s in subjects),
    ]
    return Document(
        "指導要録（指導に関する記録）6年1組",
        [
            Table(
                columns, rows, name="評定", title=["2024年度 第6学年1組 各教科の学習の記録（評定）"]
            )
        ],
        level=2,
        category=GUIDANCE,
        records=count,
        author="附属小学校",
        date=dt.datetime(2025, 3, 14, 17, 0),
    )
