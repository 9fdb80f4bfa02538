"""Every row of the key-information matrix, on documents the classifier was not tuned on.

The issue's "Done when": for every row of the matrix there is a test document whose level
and category come out right, and a twin without the key information that comes out at
the lower level where the matrix says so. So this module proves, through the real
pipeline pieces (blocks → `Analyzer.analyze` → `scanner.grading.decide` with the default
policy), that:

- every enabled [[categories]] row of the default policy — the 18 rows of section 2 of
  seed 002 and 健康診断情報, 国家試験合否情報, 施設(室)の入退室記録等 from section 1 — has a
  document that comes out at the row's 危険度, under the row's 情報名, and (for ① rows)
  with the row's key information in the row's `key_info` order (`test_row`);
- every ① row that the matrix separates from a ② row by key information has a twin drawn
  from the same people without that information, which comes out ② under the ② row
  (`test_twin_without_key_information`): 旅費情報 without 銀行口座, 在学生身上情報 without
  保護者連絡先, 教職員人事情報 without 学歴・職歴 or 銀行口座, 指導要録（学籍に関する記録）
  without 自宅住所 and 学歴, 健康診断情報 without the results, 国家試験合否情報 without 合否;
- the rows whose key information is 「記載情報に同じ」 have no ② twin: without their
  results they are still ① (`test_no_lower_twin`);
- the general rules: 個人番号 lifts a ② 教職員連絡先名簿 to ① under its twin; an e-mail
  signature and a regulation that only names the kinds of information are not personal
  information files at all.

The documents are made up here (Faker ``ja_JP`` and seeded numbers, `_documents`), with
titles, file names and column orders unlike those of `sample_corpus/` (tools/CORPUS.md),
some of them CSV-like exports without a descriptive title. A failure message shows what
the recognizers counted and how the classifier decided (`Decision.steps`, the best rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from _documents import COMPANIES, GRAD_SCHOOLS, People, Person, select, slash, table, wareki

from classifier.codes import Level
from classifier.matrix import Decision
from classifier.policy import default_policy
from recognizers.analysis import Analysis
from recognizers.content import Block, Table, TextBlock
from recognizers.engine import Analyzer
from scanner.grading import decide

POLICY = default_policy()

STUDENTS = (dt.date(2001, 4, 2), dt.date(2006, 4, 1))
STAFF = (dt.date(1961, 4, 2), dt.date(1998, 3, 31))
ADULTS = (dt.date(1950, 1, 1), dt.date(1995, 12, 31))
PATIENTS = (dt.date(1935, 1, 1), dt.date(2010, 12, 31))
PUPILS_6 = (dt.date(2012, 4, 2), dt.date(2013, 4, 1))  # 6年生 in 2024
PUPILS_J3 = (dt.date(2009, 4, 2), dt.date(2010, 4, 1))  # 中学3年 in 2024
KINDER = (dt.date(2019, 4, 2), dt.date(2020, 4, 1))  # 年長 in 2025

# 情報名 as the policy spells them.
RISHU = "履修者名簿"
TOUAN = "答案用紙"
KOJIN_SEISEKI = "学生個人別成績表"
KAMOKU_SEISEKI = "授業科目別成績表"
RENRAKU = "在学生連絡先名簿"
SHINJO = "在学生身上情報"
SOTSUGYO = "卒業修了者名簿（進路先情報を含む。）"
MEIREI = "旅行命令簿（教職員・学生）"
MEIREI_GAI = "旅行命令簿（学外者）"
RYOHI = "旅費情報"
SHOKUIN = "教職員連絡先名簿"
JINJI = "教職員人事情報"
NYUSHI = "入学試験情報"
KANJA = "患者個人情報"
HIKENSHA = "治療にかかる被験者情報"
GAKUSEKI = "指導要録（入学・卒業等の学籍に関する記録）"
SHIDO = "指導要録（指導に関する記録）"
GAKKYU = "学級幼児児童生徒名簿"
KENSHIN = "健康診断情報"
KOKUSHI = "国家試験合否情報"
NYUTAI = "施設(室)の入退室記録等"


@dataclass(frozen=True)
class Case:
    """A document (file name and blocks) and the verdict the matrix gives it."""

    name: str
    blocks: tuple[Block, ...]
    level: Level
    category: str = ""
    key_info: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A ① document and a document of the same people without (some of) its key information."""

    one: Case
    other: Case
    dropped: tuple[str, ...]  # entity types of the key information the other lacks


def case(
    name: str,
    blocks: list[Block],
    level: Level,
    category: str = "",
    key_info: tuple[str, ...] = (),
) -> Case:
    return Case(name, tuple(blocks), level, category, key_info)


def run(analyzer: Analyzer, doc: Case) -> tuple[Analysis, Decision]:
    analysis = analyzer.analyze(doc.blocks)
    return analysis, decide(doc.name, doc.blocks, analysis, POLICY)


def explain(doc: Case, analysis: Analysis, decision: Decision) -> str:
    """What a failing assertion shows: counts, the decision's steps and its best rows."""
    lines = [
        f"document {doc.name}: expected {doc.level.name} {doc.category} {doc.key_info}",
        f"got {decision.level.name} {decision.category!r} key_info={decision.key_info}",
        f"counts {analysis.counts} records {analysis.records}",
        *(f"  step: {s}" for s in decision.steps),
        *(f"  score: {s.describe()}" for s in decision.scores[:3]),
    ]
    return "\n".join(lines)


def check(analyzer: Analyzer, doc: Case) -> tuple[Analysis, Decision]:
    analysis, decision = run(analyzer, doc)
    got = (decision.level, decision.category, decision.key_info)
    assert got == (doc.level, doc.category, doc.key_info), explain(doc, analysis, decision)
    return analysis, decision


def form(title: str, fields: list[tuple[str, str]], where: str = "") -> TextBlock:
    """A one-person form as text: a title line and ``label：value`` lines."""
    return TextBlock("\n".join([title, *(f"{k}：{v}" for k, v in fields)]), where=where)


def student_mail(sid: str) -> str:
    return f"{sid.lower()}@edu.example.ac.jp"


# ---------------------------------------------------------------------------------------
# 教務情報


def rishu() -> Case:
    """履修者名簿 ②: a seminar's participants — 学籍番号, 氏名, フリガナ, 学年, メール."""
    p = People("rishu")
    rows = []
    for i, s in enumerate(p.crowd(12, STUDENTS), start=1):
        sid = p.student_id(2023, "E")
        rows.append((str(i), sid, s.name(), s.kana(), "3", student_mail(sid)))
    header = ("No", "学籍番号", "氏名", "フリガナ", "学年", "メールアドレス")
    return case(
        "2025前期_地域経済論演習_受講者.xlsx",
        table("2025年度 前期 ゼミ受講者名簿（地域経済論演習）", header, rows, "名簿"),
        Level.TWO,
        RISHU,
    )


def touan() -> Case:
    """答案用紙 ②: scanned answer sheets, one page per student, with the marks written on."""
    p = People("touan")
    pages: list[Block] = []
    for i, s in enumerate(p.crowd(5, STUDENTS), start=1):
        sid = p.student_id(2024, "L")
        text = (
            "2024年度 後期 統計学入門 期末試験 解答用紙\n"
            f"学籍番号：{sid}　氏名：{s.name()}\n"
            f"問1 (1) 標本平均 {p.randint(2, 9)}.{p.randint(0, 9)}  (2) 不偏分散 1.{p.randint(10, 99)}\n"
            "問2 有意水準5%で帰無仮説を棄却する。\n"
            f"得点：{p.randint(35, 98)} 点／100 点"
        )
        pages.append(TextBlock(text, where=f"page {i}"))
    return case("統計学入門_期末_scan.pdf", pages, Level.TWO, TOUAN)


def kojin_seiseki() -> Case:
    """学生個人別成績表 ②: one student's 単位修得状況通知書 (form, course table, total)."""
    p = People("kojin-seiseki")
    s = p.person(STUDENTS)
    sid = p.student_id(2023, "S")
    courses = (
        "線形代数I",
        "微分積分I",
        "物理学実験",
        "英語リーディング",
        "情報処理基礎",
        "解析学演習",
        "代数学入門",
        "統計力学",
        "ドイツ語初級",
        "キャリアデザイン",
    )
    rows = [
        (
            str(2023 + i // 5),
            p.choice(("前期", "後期")),
            c,
            str(p.choice(("1", "2", "2"))),
            p.choice(("秀", "優", "良", "可")),
        )
        for i, c in enumerate(courses)
    ]
    blocks: list[Block] = [
        form(
            "単位修得状況通知書（2024年度末）",
            [("学籍番号", sid), ("氏名", s.name()), ("所属", "理学部 数学科 2年")],
        ),
        Table(("年度", "学期", "授業科目名", "単位数", "評価"), tuple(rows)),
        TextBlock("修得単位数合計：19単位　保証人各位には別途郵送します。"),
    ]
    return case(f"単位修得状況_{sid}.docx", blocks, Level.TWO, KOJIN_SEISEKI)


def kamoku_seiseki() -> Case:
    """授業科目別成績表 ②: a course's marks exported as CSV, no title, 成績 column."""
    p = People("kamoku-seiseki")
    rows = []
    for s in p.crowd(15, STUDENTS):
        quiz, exam = p.randint(40, 100), p.randint(20, 100)
        total = (quiz + exam * 2) // 3
        grade = "A" if total >= 80 else "B" if total >= 70 else "C" if total >= 60 else "F"
        rows.append((p.student_id(2024, "E"), s.name(), str(quiz), str(exam), grade))
    header = ("学生番号", "氏名", "小テスト", "期末試験", "成績")
    return case(
        "ECON2031_2024後期_export.csv", table(None, header, rows), Level.TWO, KAMOKU_SEISEKI
    )


# ---------------------------------------------------------------------------------------
# 学生情報


def renraku() -> Case:
    """在学生連絡先名簿 ②: a class's 住所録 — 〒, 住所, 自宅電話, 携帯."""
    p = People("renraku")
    rows = [
        (p.student_id(2023, "T"), s.name(), s.postal, s.address, s.home_phone, s.mobile)
        for s in p.crowd(14, STUDENTS)
    ]
    header = ("学籍番号", "氏名", "郵便番号", "住所", "自宅電話", "携帯電話")
    return case(
        "機械工学科3年_住所録.xlsx",
        table("2025年度 工学部 機械工学科 3年次 学生住所録", header, rows),
        Level.TWO,
        RENRAKU,
    )


SHINJO_HEADER = ("学籍番号", "氏名", "現住所", "携帯電話", "保護者氏名", "続柄", "保護者連絡先")
GUARDIAN_COLUMNS = ("保護者氏名", "続柄", "保護者連絡先")


def shinjo_pair() -> Pair:
    """在学生身上情報 ① (保護者 columns) and the same students without them → 在学生連絡先名簿 ②."""
    p = People("shinjo")
    rows = []
    for s in p.crowd(10, STUDENTS):
        parent, relation = p.parent_of(s)
        rows.append(
            (
                p.student_id(2025, "L"),
                s.name(),
                f"〒{s.postal} {s.address}",
                s.mobile,
                parent.name(),
                relation,
                parent.mobile,
            )
        )
    one = case(
        "学生カード_緊急連絡先_2025.xlsx",
        table("学生カード（緊急連絡先）2025年度 文学部 新入生", SHINJO_HEADER, rows),
        Level.ONE,
        SHINJO,
        ("保護者連絡先",),
    )
    header, plain = select(SHINJO_HEADER, rows, GUARDIAN_COLUMNS)
    other = case(
        "学生カード_本人連絡先_2025.xlsx",
        table("学生カード（本人連絡先）2025年度 文学部 新入生", header, plain),
        Level.TWO,
        RENRAKU,
    )
    return Pair(one, other, ("JP_GUARDIAN",))


def shinjo() -> Case:
    """在学生身上情報 ①: a 学生相談 note per student, with the guardian to call."""
    p = People("shinjo-notes")
    blocks: list[Block] = []
    for s in p.crowd(3, STUDENTS):
        parent, relation = p.parent_of(s)
        blocks.append(
            form(
                "学生相談室 面接票（継続）",
                [
                    ("学籍番号", p.student_id(2022, "E")),
                    ("氏名", s.name()),
                    ("現住所", s.address),
                    ("携帯", s.mobile),
                    ("保護者", f"{parent.name()}（{relation}）"),
                    ("保護者電話", parent.mobile),
                    ("相談内容", "履修計画と下宿生活の悩み（継続面接）"),
                ],
                where="面接票",
            )
        )
    return case("面接票_継続_2025.docx", blocks, Level.ONE, SHINJO, ("保護者連絡先",))


def sotsugyo() -> Case:
    """卒業修了者名簿（進路先情報を含む。） ②: a master's course's 進路届 tally."""
    p = People("sotsugyo")
    rows = []
    for s in p.crowd(12, STUDENTS):
        further = p.randint(0, 3) == 0
        kind = "進学" if further else "就職"
        where = p.choice(GRAD_SCHOOLS if further else COMPANIES)
        rows.append((p.student_id(2023, "T"), s.name(), s.address, s.mobile, kind, where))
    header = ("学籍番号", "氏名", "卒業後連絡先住所", "電話番号", "進路区分", "進路先")
    return case(
        "修了予定者_進路届集計_2024.xlsx",
        table("2024年度 博士前期課程 修了予定者 進路届 集計", header, rows),
        Level.TWO,
        SOTSUGYO,
    )


# ---------------------------------------------------------------------------------------
# 会計情報

BANK_COLUMNS = ("金融機関名", "支店名", "預金種別", "口座番号")


def meirei() -> Case:
    """旅行命令簿（教職員・学生） ②: students sent to conferences, by 学籍番号."""
    p = People("meirei")
    teachers = p.crowd(3, STAFF)
    rows = []
    for s in p.crowd(8, STUDENTS):
        go = p.date(dt.date(2025, 7, 1), dt.date(2025, 9, 20))
        rows.append(
            (
                p.student_id(2022, "T"),
                s.name(),
                p.choice(teachers).name(),
                p.choice(("電子情報通信学会 総合大会 発表", "日本機械学会 年次大会 発表")),
                p.choice(("東京都", "福岡市", "札幌市", "仙台市")),
                f"{slash(go)}～{slash(go + dt.timedelta(days=2))}",
            )
        )
    header = ("学籍番号", "氏名", "指導教員", "用務", "用務地", "旅行期間")
    return case(
        "学生派遣_旅行命令_2025夏.xlsx",
        table("2025年度 学生の学会派遣に係る旅行命令簿", header, rows),
        Level.TWO,
        MEIREI,
    )


def meirei_gai() -> Case:
    """旅行命令簿（学外者） ②: invited lecturers, with their home addresses."""
    p = People("meirei-gai")
    rows = []
    for s in p.crowd(6, ADULTS):
        day = p.date(dt.date(2025, 10, 1), dt.date(2025, 12, 20))
        rows.append(
            (
                s.name(),
                p.choice(("大阪公立大学", "株式会社はりまデータ", "岡山大学", "広島県立病院")),
                f"〒{s.postal} {s.address}",
                slash(day),
                p.choice(("特別講義", "公開講座 講師", "博士論文審査")),
            )
        )
    header = ("氏名", "所属機関", "住所", "用務日", "用務内容")
    return case(
        "学外講師_旅行命令_R7.xlsx",
        table("令和7年度 招へい講師 旅行命令伺", header, rows),
        Level.TWO,
        MEIREI_GAI,
    )


def ryohi() -> Case:
    """旅費情報 ①: a transfer export without a title — 支給額 and the 口座 of each traveller."""
    p = People("ryohi")
    rows = []
    for s in p.crowd(9, STAFF):
        bank, branch, kind, number = p.bank_account()
        rows.append(
            (
                s.name(),
                p.staff_id(),
                p.choice(("学会出席", "共同研究打合せ", "調査")),
                str(p.randint(8, 160) * 100),
                bank,
                branch,
                kind,
                number,
            )
        )
    header = ("氏名", "職員番号", "用務", "支給額（円）", *BANK_COLUMNS)
    return case("furikomi_202506.csv", table(None, header, rows), Level.ONE, RYOHI, ("銀行口座",))


def ryohi_staff_pair() -> Pair:
    """旅費情報 ① of staff and students and the same list without 口座 → 旅行命令簿（教職員・学生）."""
    p = People("ryohi-staff")
    rows = []
    for i, s in enumerate(p.crowd(10, STAFF)):
        bank, branch, kind, number = p.bank_account()
        rows.append(
            (
                p.staff_id(),
                s.name(),
                p.choice(("工学研究科", "理学研究科", "経済学研究科")),
                p.choice(("東京都", "仙台市", "那覇市", "金沢市")),
                str(p.randint(12, 140) * 100 + (50 if i % 3 else 0)),
                bank,
                branch,
                kind,
                number,
            )
        )
    header = ("職員番号", "氏名", "所属", "用務地", "旅費（円）", *BANK_COLUMNS)
    one = case(
        "出張旅費_振込口座一覧_2025-06.xlsx",
        table("出張旅費 振込口座一覧（2025年6月支給分）", header, rows),
        Level.ONE,
        RYOHI,
        ("銀行口座",),
    )
    plain_header, plain = select(header, rows, BANK_COLUMNS)
    other = case(
        "出張旅費_支給予定_2025-06.xlsx",
        table("出張旅費 支給予定一覧（2025年6月分）", plain_header, plain),
        Level.TWO,
        MEIREI,
    )
    return Pair(one, other, ("JP_BANK_ACCOUNT",))


def ryohi_guest_pair() -> Pair:
    """旅費情報 ① of invited guests (自宅住所 + 口座) and without 口座 → 旅行命令簿（学外者）."""
    p = People("ryohi-guest")
    rows = []
    for s in p.crowd(7, ADULTS):
        bank, branch, kind, number = p.bank_account()
        rows.append(
            (
                s.name(),
                s.kana(),
                p.choice(("ソウル大学校", "国立台湾大学", "株式会社淡路ロジスティクス")),
                s.address,
                bank,
                branch,
                kind,
                number,
                s.kana(),
            )
        )
    header = ("氏名", "フリガナ", "所属", "住所", *BANK_COLUMNS, "口座名義（カナ）")
    one = case(
        "シンポジウム招へい者_振込先.xlsx",
        table("2025年度 国際シンポジウム 招へい者 旅費・謝金 振込先一覧", header, rows),
        Level.ONE,
        RYOHI,
        ("銀行口座",),
    )
    plain_header, plain = select(header, rows, (*BANK_COLUMNS, "口座名義（カナ）"))
    other = case(
        "シンポジウム招へい者_旅行命令.xlsx",
        table("2025年度 国際シンポジウム 招へい者 旅行命令簿", plain_header, plain),
        Level.TWO,
        MEIREI_GAI,
    )
    return Pair(one, other, ("JP_BANK_ACCOUNT",))


# ---------------------------------------------------------------------------------------
# 総務情報

SHOKUIN_HEADER = ("職員番号", "氏名", "所属", "職名", "生年月日", "郵便番号", "自宅住所")


def staff_rows(p: People, staff: list[Person]) -> list[tuple[str, ...]]:
    return [
        (
            p.staff_id(),
            s.name(),
            p.choice(("総務課", "財務課", "学務課", "研究推進課")),
            p.choice(("係長", "主任", "係員", "課長補佐")),
            wareki(s.birth),
            s.postal,
            s.address,
        )
        for s in staff
    ]


def shokuin() -> Case:
    """教職員連絡先名簿 ②: a 事務部 staff list with 和暦 birthdays and home addresses."""
    p = People("shokuin")
    rows = staff_rows(p, p.crowd(12, STAFF))
    return case(
        "事務部_教職員名簿_R7.xlsx",
        table("令和7年度 事務部 教職員名簿（住所・生年月日）", SHOKUIN_HEADER, rows),
        Level.TWO,
        SHOKUIN,
    )


def jinji() -> Case:
    """教職員人事情報 ①: one 履歴書 form with its 学歴・職歴 table and 給与振込口座."""
    p = People("jinji")
    s = p.person(STAFF)
    bank, branch, kind, number = p.bank_account()
    y = s.birth.year
    history = [
        ("学歴", f"{y + 18}年4月", "大阪府立大学工学部 入学"),
        ("学歴", f"{y + 22}年3月", "大阪府立大学工学部 卒業"),
        ("学歴", f"{y + 24}年3月", "大阪大学大学院工学研究科 博士前期課程 修了"),
        ("職歴", f"{y + 24}年4月", "西日本精機株式会社 入社"),
        ("職歴", f"{y + 30}年3月", "西日本精機株式会社 退社"),
    ]
    blocks: list[Block] = [
        form(
            "履歴書（採用予定者）",
            [
                ("職員番号", p.staff_id()),
                ("氏名", s.name()),
                ("フリガナ", s.kana()),
                ("生年月日", wareki(s.birth)),
                ("現住所", f"〒{s.postal} {s.address}"),
            ],
        ),
        Table(("区分", "年月", "事項"), tuple(history)),
        TextBlock(f"給与振込口座：{bank} {branch} {kind} {number}"),
    ]
    return case("採用予定者_履歴書_2025.docx", blocks, Level.ONE, JINJI, ("学歴・職歴", "銀行口座"))


def jinji_history_pair() -> Pair:
    """教職員人事情報 ① (最終学歴・前職) and the same staff without them → 教職員連絡先名簿 ②."""
    p = People("jinji-history")
    rows = []
    for s in p.crowd(8, STAFF):
        rows.append(
            (
                p.staff_id(),
                s.name(),
                slash(s.birth),
                s.address,
                p.choice(
                    (
                        "神戸大学大学院工学研究科 修了",
                        "関西学院大学経済学部 卒業",
                        "甲南大学文学部 卒業",
                    )
                ),
                p.choice(("株式会社はりまデータ 営業職", "兵庫県庁 事務職", "西日本精機株式会社")),
            )
        )
    header = ("職員番号", "氏名", "生年月日", "自宅住所", "最終学歴", "前職")
    one = case(
        "2025年4月採用者_経歴一覧.xlsx",
        table("2025年4月1日付 採用者 学歴・職歴一覧", header, rows),
        Level.ONE,
        JINJI,
        ("学歴・職歴",),
    )
    plain_header, plain = select(header, rows, ("最終学歴", "前職"))
    other = case(
        "2025年4月採用者_名簿.xlsx",
        table("2025年4月1日付 採用者名簿", plain_header, plain),
        Level.TWO,
        SHOKUIN,
    )
    return Pair(one, other, ("JP_EDUCATION_CAREER",))


def jinji_bank_pair() -> Pair:
    """教職員人事情報 ① (給与振込口座) and the same staff without 口座 → 教職員連絡先名簿 ②."""
    p = People("jinji-bank")
    staff = p.crowd(10, STAFF)
    base = staff_rows(p, staff)
    rows = [(*row, *p.bank_account()) for row in base]
    header = (*SHOKUIN_HEADER, *BANK_COLUMNS)
    one = case(
        "給与振込口座_登録一覧.xlsx",
        table("給与振込口座 登録・変更届 一覧（令和7年度）", header, rows),
        Level.ONE,
        JINJI,
        ("銀行口座",),
    )
    plain_header, plain = select(header, rows, BANK_COLUMNS)
    other = case(
        "職員名簿_事務用.xlsx",
        table("職員名簿（事務用）令和7年度", plain_header, plain),
        Level.TWO,
        SHOKUIN,
    )
    return Pair(one, other, ("JP_BANK_ACCOUNT",))


# ---------------------------------------------------------------------------------------
# 入学試験情報, 医療情報 (「記載情報に同じ」: their own identifiers are key information)


def nyushi_pair() -> Pair:
    """入学試験情報 ① with scores and 判定, and the bare 受験者 list — still ① (受験番号)."""
    p = People("nyushi")
    rows = []
    for s in p.crowd(10, STUDENTS):
        essay, interview = p.randint(30, 100), p.randint(30, 100)
        rows.append(
            (
                p.exam_number(),
                s.name(),
                slash(s.birth),
                p.choice(("中国", "韓国", "ベトナム", "インドネシア")),
                str(essay),
                str(interview),
                str(essay + interview),
                "合格" if essay + interview >= 120 else "不合格",
            )
        )
    header = ("受験番号", "氏名", "生年月日", "国籍", "小論文", "面接", "合計点", "判定")
    title = "令和7年度 私費外国人留学生選抜 受験者 得点・判定一覧"
    one = case(
        "R7_私費留学生選抜_判定.xlsx",
        table(title, header, rows),
        Level.ONE,
        NYUSHI,
        ("受験番号", "成績", "可否情報"),
    )
    plain_header, plain = select(header, rows, ("小論文", "面接", "合計点", "判定"))
    other = case(
        "R7_私費留学生選抜_受験者名簿.xlsx",
        table("令和7年度 私費外国人留学生選抜 受験者名簿", plain_header, plain),
        Level.ONE,
        NYUSHI,
        ("受験番号",),
    )
    return Pair(one, other, ("JP_GRADES", "JP_EXAM_RESULT"))


def kanja_pair() -> Pair:
    """患者個人情報 ① with 病名, and the same ward list without it — still ① (患者番号)."""
    p = People("kanja")
    doctors = p.crowd(3, STAFF)
    rows = []
    for s in p.crowd(9, PATIENTS):
        rows.append(
            (
                p.patient_id(),
                s.name(),
                slash(s.birth),
                s.address,
                s.home_phone,
                p.choice(("胃癌", "急性膵炎", "潰瘍性大腸炎", "肝硬変", "総胆管結石")),
                p.choice(doctors).name(),
            )
        )
    header = ("患者ID", "氏名", "生年月日", "住所", "電話番号", "病名", "主治医")
    one = case(
        "7東病棟_入院患者_20250602.xlsx",
        table("消化器内科病棟 入院患者一覧（2025年6月2日）", header, rows),
        Level.ONE,
        KANJA,
        ("患者番号", "診療情報"),
    )
    plain_header, plain = select(header, rows, ("病名",))
    other = case(
        "7東病棟_入院患者_連絡先.xlsx",
        table("消化器内科病棟 入院患者 連絡先（2025年6月2日）", plain_header, plain),
        Level.ONE,
        KANJA,
        ("患者番号",),
    )
    return Pair(one, other, ("JP_MEDICAL",))


def hikensha_pair() -> Pair:
    """治療にかかる被験者情報 ① with 割付群・有害事象, and without them — still ① (患者番号)."""
    p = People("hikensha")
    rows = []
    for i, s in enumerate(p.crowd(8, PATIENTS), start=1):
        rows.append(
            (
                f"S-{i:03d}",
                p.patient_id(),
                s.name(),
                slash(s.birth),
                slash(p.date(dt.date(2025, 4, 1), dt.date(2025, 6, 30))),
                p.choice(("A群", "B群")),
                p.choice(("悪心（Grade 1）", "発疹（Grade 2）", "頭痛（Grade 1）")),
            )
        )
    header = ("症例番号", "カルテ番号", "氏名", "生年月日", "同意取得日", "割付群", "有害事象")
    one = case(
        "KU2025-014_enrollment.csv",
        table("第II相臨床試験 KU2025-014 症例登録一覧", header, rows),
        Level.ONE,
        HIKENSHA,
        ("患者番号", "診療情報"),
    )
    plain_header, plain = select(header, rows, ("割付群", "有害事象"))
    other = case(
        "KU2025-014_consent.csv",
        table("第II相臨床試験 KU2025-014 同意取得者一覧（症例）", plain_header, plain),
        Level.ONE,
        HIKENSHA,
        ("患者番号",),
    )
    return Pair(one, other, ("JP_MEDICAL",))


def nyushi() -> Case:
    """入学試験情報 ①: one applicant's 出願 data as a form (Web出願 export)."""
    p = People("nyushi-form")
    blocks: list[Block] = []
    for s in p.crowd(3, STUDENTS):
        blocks.append(
            form(
                "総合型選抜 出願情報",
                [
                    ("受験番号", p.exam_number()),
                    ("氏名", s.name()),
                    ("生年月日", slash(s.birth)),
                    ("住所", s.address),
                    ("電話番号", s.home_phone),
                    ("合否", p.choice(("合格", "不合格"))),
                ],
                where="applicant",
            )
        )
    return case("applicants_export.txt", blocks, Level.ONE, NYUSHI, ("受験番号", "可否情報"))


def kanja() -> Case:
    """患者個人情報 ①: an outpatient's 紹介状-like form (診療科, 傷病名)."""
    p = People("kanja-form")
    s = p.person(PATIENTS)
    blocks: list[Block] = [
        form(
            "診療情報提供書（返書）",
            [
                ("患者番号", p.patient_id()),
                ("患者氏名", s.name()),
                ("生年月日", wareki(s.birth)),
                ("住所", s.address),
                ("診療科", "整形外科"),
                ("傷病名", "右大腿骨頸部骨折（術後）"),
            ],
        )
    ]
    return case("返書_整形外科.rtf", blocks, Level.ONE, KANJA, ("患者番号", "診療情報"))


def hikensha() -> Case:
    """治療にかかる被験者情報 ①: screening sheets of a drug trial, one page per subject."""
    p = People("hikensha-forms")
    blocks: list[Block] = []
    for i, s in enumerate(p.crowd(3, PATIENTS), start=1):
        blocks.append(
            form(
                "治験薬 KU-301 第III相試験 被験者スクリーニング票",
                [
                    ("カルテ番号", p.patient_id()),
                    ("氏名", s.name()),
                    ("生年月日", wareki(s.birth)),
                    ("住所", s.address),
                    ("既往歴", p.choice(("2型糖尿病（2019年～）", "高血圧症", "気管支喘息"))),
                    ("割付群", p.choice(("A群", "B群"))),
                ],
                where=f"page {i}",
            )
        )
    return case("KU-301_screening.pdf", blocks, Level.ONE, HIKENSHA, ("患者番号", "診療情報"))


# ---------------------------------------------------------------------------------------
# 附属学校情報

GAKUSEKI_HEADER = (
    "出席番号",
    "児童氏名",
    "ふりがな",
    "生年月日",
    "保護者氏名",
    "現住所",
    "入学前の経歴",
    "進学先",
)


def gakuseki_pair() -> Pair:
    """指導要録（学籍） ① as a class table, and without 現住所・経歴・進学先 → 学級名簿 ②."""
    p = People("gakuseki")
    rows = []
    for no, child in enumerate(p.crowd(12, PUPILS_6), start=1):
        parent, _ = p.parent_of(child)
        rows.append(
            (
                str(no),
                child.name(),
                child.kana(),
                wareki(child.birth),
                parent.name(),
                child.address,
                f"{p.fake.city()}立{p.fake.town()}保育所 卒園",
                p.choice(("神戸大学附属中等教育学校", "私立甲陽学院中学校", "芦屋市立精道中学校")),
            )
        )
    one = case(
        "6年2組_児童名簿_進学先.xlsx",
        table(
            "2024年度 第6学年2組 児童名簿（現住所・入学前の経歴・進学先）", GAKUSEKI_HEADER, rows
        ),
        Level.ONE,
        GAKUSEKI,
        ("自宅住所", "学歴（進学情報など）"),
    )
    header, plain = select(GAKUSEKI_HEADER, rows, ("現住所", "入学前の経歴", "進学先"))
    other = case(
        "6年2組_児童名簿.xlsx",
        table("2024年度 第6学年2組 児童名簿", header, plain),
        Level.TWO,
        GAKKYU,
    )
    return Pair(one, other, ("JP_ADDRESS", "JP_EDUCATION_CAREER"))


def gakuseki() -> Case:
    """指導要録（学籍に関する記録） ①: a 附属中学校's register, one page per pupil."""
    p = People("gakuseki-forms")
    blocks: list[Block] = []
    for no, child in enumerate(p.crowd(3, PUPILS_J3), start=1):
        parent, _ = p.parent_of(child)
        blocks.append(
            form(
                "附属中学校 生徒指導要録（学籍に関する記録）",
                [
                    ("出席番号", str(no)),
                    ("生徒氏名", child.name()),
                    ("生年月日", wareki(child.birth)),
                    ("現住所", f"〒{child.postal} {child.address}"),
                    ("保護者氏名", parent.name()),
                    ("入学前の経歴", f"{p.fake.city()}立{p.fake.town()}小学校 卒業"),
                    ("進学先", p.choice(("兵庫県立御影高等学校", "私立白陵高等学校"))),
                ],
                where=f"page {no}",
            )
        )
    return case(
        "生徒指導要録_学籍_3年.pdf",
        blocks,
        Level.ONE,
        GAKUSEKI,
        ("自宅住所", "学歴（進学情報など）"),
    )


def shido() -> Case:
    """指導要録（指導に関する記録） ②: a 附属中学校 class's 評定 by subject."""
    p = People("shido")
    subjects = ("国語", "社会", "数学", "理科", "英語", "音楽", "美術", "保健体育")
    rows = [
        (str(no), child.name(), *(str(p.randint(2, 5)) for _ in subjects))
        for no, child in enumerate(p.crowd(12, PUPILS_J3), start=1)
    ]
    header = ("出席番号", "生徒氏名", *subjects)
    return case(
        "3年1組_評定_2024.ods",
        table("2024年度 第3学年1組 学習の記録（評定）", header, rows),
        Level.TWO,
        SHIDO,
    )


def gakkyu() -> Case:
    """学級幼児児童生徒名簿 ②: a 附属幼稚園 class list with 保護者氏名 (not key information)."""
    p = People("gakkyu")
    rows = []
    for no, child in enumerate(p.crowd(12, KINDER), start=1):
        parent, _ = p.parent_of(child)
        rows.append((str(no), child.name(), child.kana(), slash(child.birth), parent.name()))
    header = ("出席番号", "園児氏名", "ふりがな", "生年月日", "保護者氏名")
    return case(
        "ばら組_名簿_2025.xlsx",
        table("2025年度 ばら組（年長）園児名簿", header, rows),
        Level.TWO,
        GAKKYU,
    )


# ---------------------------------------------------------------------------------------
# Section 1: 健康診断情報, 国家試験合否情報, 施設(室)の入退室記録等

HEALTH_COLUMNS = ("身長", "体重", "血圧", "尿蛋白", "胸部X線", "総合判定")


def kenshin_pair() -> Pair:
    """健康診断情報 ① (results of students to call back) and without them → 在学生連絡先名簿 ②."""
    p = People("kenshin")
    rows = []
    for s in p.crowd(10, STUDENTS):
        high = p.randint(100, 160)
        verdict = "要再検査" if high >= 140 else "要経過観察" if high >= 130 else "異常なし"
        rows.append(
            (
                p.student_id(2025, "S"),
                s.name(),
                s.mobile,
                f"{p.randint(150, 185)}.{p.randint(0, 9)}",
                f"{p.randint(42, 90)}.{p.randint(0, 9)}",
                f"{high}/{p.randint(60, 95)}",
                p.choice(("(-)", "(-)", "(+)")),
                p.choice(("異常なし", "異常なし", "要精検（右上肺野）")),
                verdict,
            )
        )
    header = ("学籍番号", "氏名", "携帯電話", *HEALTH_COLUMNS)
    one = case(
        "新入生健診_結果_理学部.xlsx",
        table("令和7年度 新入生健康診断 結果一覧（理学部）", header, rows),
        Level.ONE,
        KENSHIN,
        ("健康診断情報",),
    )
    plain_header, plain = select(header, rows, HEALTH_COLUMNS)
    other = case(
        "新入生健診_受診者連絡先_理学部.xlsx",
        table("令和7年度 新入生健康診断 受診者連絡先一覧（理学部）", plain_header, plain),
        Level.TWO,
        RENRAKU,
    )
    return Pair(one, other, ("JP_MEDICAL",))


def kenshin() -> Case:
    """健康診断情報 ①: staff called to a second examination (血圧, HbA1c, 判定)."""
    p = People("kenshin-staff")
    rows = []
    for s in p.crowd(8, STAFF):
        rows.append(
            (
                p.staff_id(),
                s.name(),
                p.choice(("総務課", "施設課", "工学研究科")),
                f"{p.randint(135, 175)}/{p.randint(85, 105)}",
                f"{p.randint(60, 85) / 10:.1f}",
                p.choice(("要精密検査", "要再検査")),
            )
        )
    header = ("職員番号", "氏名", "所属", "血圧", "HbA1c", "判定")
    return case(
        "職員健診_二次検査対象.xlsx",
        table("令和7年度 職員定期健康診断 二次検査対象者", header, rows),
        Level.ONE,
        KENSHIN,
        ("健康診断情報",),
    )


def kokushi_pair(numbers: bool = False) -> Pair:
    """国家試験合否情報 ① (合否 of graduating students) and without 合否 → ② their roster.

    With `numbers`, the list also carries each student's 受験番号 of the national
    examination (faculties collect them to look the results up): a 受験番号 of a 国家試験
    is not 入学試験情報, so without 合否 the list is still ②.
    """
    p = People("kokushi")
    rows = []
    for s in p.crowd(12, STUDENTS):
        number = (f"{p.choice(('01', '03', '08'))}{p.randint(1, 999):03d}",) if numbers else ()
        place = p.choice(("大阪", "東京", "福岡"))
        result = p.choice(("合格", "合格", "合格", "不合格"))
        rows.append((p.student_id(2019, "M"), s.name(), *number, place, result))
    header = ("学籍番号", "氏名", *(("受験番号",) if numbers else ()), "受験地", "合否")
    suffix = "_受験番号" if numbers else ""
    one = case(
        f"第119回医師国家試験_結果{suffix}.xlsx",
        table("第119回 医師国家試験 本学卒業予定者 合否一覧", header, rows),
        Level.ONE,
        KOKUSHI,
        ("可否情報",),
    )
    plain_header, plain = select(header, rows, ("合否",))
    other = case(
        f"第119回医師国家試験_受験地{suffix}.xlsx",
        table("第119回 医師国家試験 本学卒業予定者 受験地一覧", plain_header, plain),
        Level.TWO,
        SOTSUGYO,
    )
    return Pair(one, other, ("JP_EXAM_RESULT",))


def kokushi_number_pair() -> Pair:
    return kokushi_pair(numbers=True)


def kokushi() -> Case:
    """国家試験合否情報 ①: a 看護師国試 result sheet exported without a title."""
    p = People("kokushi-csv")
    rows = [
        (p.student_id(2021, "N"), s.name(), p.choice(("合格", "合格", "不合格")))
        for s in p.crowd(10, STUDENTS)
    ]
    return case(
        "看護師国試_2025_結果.csv",
        table(None, ("学籍番号", "氏名", "合否"), rows),
        Level.ONE,
        KOKUSHI,
        ("可否情報",),
    )


def nyutai() -> Case:
    """施設(室)の入退室記録等 ②: a card reader's log of a shared lab, no title."""
    p = People("nyutai")
    users = [(p.student_id(2022, "T"), s.name()) for s in p.crowd(4, STUDENTS)]
    rows = []
    for day in range(1, 11):
        sid, name = p.rng.choice(users)
        start = dt.datetime(2025, 5, day, p.randint(8, 12), p.randint(0, 59))
        end = start + dt.timedelta(hours=p.randint(1, 8))
        rows.append((start.strftime("%Y/%m/%d %H:%M"), end.strftime("%Y/%m/%d %H:%M"), sid, name))
    header = ("入室日時", "退室日時", "学籍番号", "氏名")
    return case("B棟共同実験室_log_202505.csv", table(None, header, rows), Level.TWO, NYUTAI)


# ---------------------------------------------------------------------------------------
# Every row of the matrix.

ROWS: dict[str, Callable[[], Case]] = {
    RISHU: rishu,
    TOUAN: touan,
    KOJIN_SEISEKI: kojin_seiseki,
    KAMOKU_SEISEKI: kamoku_seiseki,
    RENRAKU: renraku,
    SHINJO: shinjo,
    SOTSUGYO: sotsugyo,
    MEIREI: meirei,
    MEIREI_GAI: meirei_gai,
    RYOHI: ryohi,
    SHOKUIN: shokuin,
    JINJI: jinji,
    NYUSHI: nyushi,
    KANJA: kanja,
    HIKENSHA: hikensha,
    GAKUSEKI: gakuseki,
    SHIDO: shido,
    GAKKYU: gakkyu,
    KENSHIN: kenshin,
    KOKUSHI: kokushi,
    NYUTAI: nyutai,
}

# ① rows and the ② rows the matrix separates from them by key information.
TWINS: dict[str, Callable[[], Pair]] = {
    f"{RYOHI}→{MEIREI}": ryohi_staff_pair,
    f"{RYOHI}→{MEIREI_GAI}": ryohi_guest_pair,
    f"{SHINJO}→{RENRAKU}": shinjo_pair,
    f"{JINJI}(学歴・職歴)→{SHOKUIN}": jinji_history_pair,
    f"{JINJI}(銀行口座)→{SHOKUIN}": jinji_bank_pair,
    f"{GAKUSEKI}→{GAKKYU}": gakuseki_pair,
    f"{KENSHIN}→{RENRAKU}": kenshin_pair,
    f"{KOKUSHI}→{SOTSUGYO}": kokushi_pair,
    f"{KOKUSHI}(受験番号)→{SOTSUGYO}": kokushi_number_pair,
}

# 「記載情報に同じ（左記情報の全てが危険度①）」: every item of these rows is ①, so there is no
# ② twin. A 受験者 list without 成績 and 合否 is still 入学試験情報 ① by its 受験番号, a ward
# list without 病名 is still 患者個人情報 ① by its 患者番号, a trial's list without 割付群 is
# still 治療にかかる被験者情報 ① — only the key information named shrinks.
SAME_AS_RECORDED: dict[str, Callable[[], Pair]] = {
    NYUSHI: nyushi_pair,
    KANJA: kanja_pair,
    HIKENSHA: hikensha_pair,
}


def test_every_enabled_row_has_a_document() -> None:
    assert list(ROWS) == [c.name for c in POLICY.active_categories]


def test_every_twin_of_the_policy_has_a_pair() -> None:
    """Each ② row with a ① twin in the policy, and the section-1 ① rows, have a pair here."""
    built = [f() for f in TWINS.values()]
    pairs = {(pair.other.category, pair.one.category) for pair in built}
    twins = {(c.name, c.twin) for c in POLICY.active_categories if c.twin}
    assert twins <= pairs
    assert {one for _, one in pairs} >= {KENSHIN, KOKUSHI}


@pytest.mark.parametrize("build", ROWS.values(), ids=ROWS.keys())
def test_row(analyzer: Analyzer, build: Callable[[], Case]) -> None:
    """The row's document comes out at the row's 危険度, 情報名 and key information."""
    doc = build()
    row = POLICY.category(doc.category)
    assert row is not None and doc.level.value == str(row.level)
    assert doc.key_info == tuple(k for k in row.key_info if k in doc.key_info)
    check(analyzer, doc)


@pytest.mark.parametrize("build", TWINS.values(), ids=TWINS.keys())
def test_twin_without_key_information(analyzer: Analyzer, build: Callable[[], Pair]) -> None:
    """The ① document, and its twin of the same people without the key information: ②."""
    pair = build()
    assert (pair.one.level, pair.other.level) == (Level.ONE, Level.TWO)
    one, _ = check(analyzer, pair.one)
    other, _ = check(analyzer, pair.other)
    # The same people, without the key information.
    assert other.records == one.records
    assert set(pair.dropped) <= set(one.counts)
    assert not set(pair.dropped) & set(other.counts)


@pytest.mark.parametrize("build", SAME_AS_RECORDED.values(), ids=SAME_AS_RECORDED.keys())
def test_no_lower_twin(analyzer: Analyzer, build: Callable[[], Pair]) -> None:
    """「記載情報に同じ」: without its results the document is still ①, under the same row."""
    pair = build()
    assert pair.one.category == pair.other.category
    assert pair.one.level == pair.other.level == Level.ONE
    one, _ = check(analyzer, pair.one)
    other, _ = check(analyzer, pair.other)
    assert other.records == one.records
    assert not set(pair.dropped) & set(other.counts)


def test_students_schools_are_not_staff_history(analyzer: Analyzer) -> None:
    """学歴・職歴 is key information of 教職員人事情報 (and 学歴（進学情報など） of a 附属学校's
    pupils), not of university students: a seminar list with each student's 出身高校 is
    the 履修者名簿 ② it says it is (「氏名、学籍番号、その他の教務情報」)."""
    p = People("seminar-schools")
    schools = ("兵庫県立長田高等学校", "私立六甲学院高等学校", "大阪府立北野高等学校")
    rows = [
        (p.student_id(2025, "E"), s.name(), s.kana(), p.choice(schools))
        for s in p.crowd(10, STUDENTS)
    ]
    header = ("学籍番号", "氏名", "フリガナ", "出身高校")
    doc = case(
        "基礎ゼミ_受講者_出身校.xlsx",
        table("2025年度 基礎ゼミ 受講者名簿（出身高校）", header, rows),
        Level.TWO,
        RISHU,
    )
    analysis, _ = check(analyzer, doc)
    assert analysis.counts.get("JP_EDUCATION_CAREER") == len(rows)


# ---------------------------------------------------------------------------------------
# General rules


def test_my_number_lifts_a_staff_roster_to_its_twin(analyzer: Analyzer) -> None:
    """個人番号 (特定個人情報) is ① whatever the row: a 教職員連絡先名簿 becomes 教職員人事情報."""
    p = People("my-number")
    staff = p.crowd(10, STAFF)
    rows = [(*row, p.my_number()) for row in staff_rows(p, staff)]
    header = (*SHOKUIN_HEADER, "個人番号")
    plain_header, plain = select(header, rows, ("個人番号",))
    title = "令和7年分 年末調整 対象職員一覧"
    check(
        analyzer,
        case("年末調整_対象者.xlsx", table(title, plain_header, plain), Level.TWO, SHOKUIN),
    )
    check(
        analyzer,
        case(
            "年末調整_対象者_番号付.xlsx",
            table(title, header, rows),
            Level.ONE,
            JINJI,
            ("個人番号",),
        ),
    )


def test_signature_is_not_a_personal_information_file(analyzer: Analyzer) -> None:
    """An e-mail signature: one person's name, phone and e-mail address → 0."""
    p = People("signature")
    s = p.person(STAFF)
    text = (
        "よろしくお願いいたします。\n"
        "--------------------------------\n"
        "神戸大学 理学研究科 教務学生係\n"
        f"{s.name()}\n"
        f"TEL: {s.home_phone}（内線 5{p.randint(100, 999)}）\n"
        f"E-mail: {s.email}\n"
        "--------------------------------"
    )
    doc = case("Re_時間割変更の件.txt", [TextBlock(text)], Level.NONE)
    analysis, decision = check(analyzer, doc)
    # Personal data of one person, recognised — but contact details only: not a roster.
    found = {t: analysis.counts.get(t, 0) for t in ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS")}
    assert found == {"PERSON": 1, "PHONE_NUMBER": 1, "EMAIL_ADDRESS": 1}, explain(
        doc, analysis, decision
    )


def test_regulation_naming_the_kinds_of_information_is_not_personal(analyzer: Analyzer) -> None:
    """A 内規 listing 氏名・学籍番号・銀行口座・保護者連絡先 … as kinds of information → 0."""
    text = (
        "工学研究科における個人データの取扱いに関する内規\n"
        "第1条 この内規は、工学研究科が保有する個人データの適正な取扱いについて定める。\n"
        "第2条 この内規において「個人データ」とは、氏名、学籍番号、職員番号、生年月日、"
        "自宅住所、電話番号、銀行口座、保護者連絡先、学歴・職歴、成績及び健康診断の結果"
        "その他の特定の個人を識別できる情報をいう。\n"
        "第3条 銀行口座又は保護者連絡先を含む個人データは、危険度①として取り扱い、"
        "学外への持ち出しを禁止する。\n"
        "第4条 学籍番号及び氏名のみの名簿は、危険度②として取り扱う。\n"
        "附則 この内規は、令和7年4月1日から施行する。"
    )
    doc = case("個人データ取扱内規.docx", [TextBlock(text, where="本文")], Level.NONE)
    analysis, decision = check(analyzer, doc)
    assert analysis.counts == {}, explain(doc, analysis, decision)
