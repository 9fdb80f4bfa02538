"""The list of files in ``sample_corpus/``: which document, which format, which folder.

Each :class:`Item` is one file (or one archive/mail member) with the bytes to write and
the :class:`~tools.corpus_model.Summary` its label is made from. Files that only
LibreOffice can write carry a :class:`~tools.corpus_libreoffice.Job` instead of bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tools import corpus_docs_kaikei as kaikei
from tools import corpus_docs_kyomu as kyomu
from tools import corpus_docs_nopii as nopii
from tools import corpus_docs_special as special
from tools.corpus_containers import (
    PASSWORD,
    Member,
    encrypt_ooxml,
    encrypt_pdf,
    write_7z,
    write_aes_zip,
    write_eml,
    write_tar_gz,
    write_zip,
)
from tools.corpus_libreoffice import Job
from tools.corpus_model import Document, Summary, Tally
from tools.corpus_people import landline_phone, rng_for, staff_mail
from tools.corpus_pools import staff, students
from tools.corpus_render import (
    render_csv,
    render_docx,
    render_html,
    render_json,
    render_pdf,
    render_pptx,
    render_rtf,
    render_txt,
    render_xlsx,
    render_xml,
)

ONEDRIVE = "OneDrive - 神戸大学"


@dataclass
class Item:
    """One labelled file or archive member."""

    path: str  # relative to sample_corpus/ (members: relative to their container)
    fmt: str
    data: bytes | None
    summary: Summary
    when: dt.datetime
    encrypted: bool = False
    notes: str = ""
    members: list[Item] = field(default_factory=list)
    job: Job | None = None


def _notes(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def item(
    path: str, fmt: str, doc: Document, data: bytes, *, encrypted: bool = False, notes: str = ""
) -> Item:
    """A file made from one document."""
    return Item(path, fmt, data, doc.summary(), doc.date, encrypted, _notes(notes, doc.notes))


def lo_item(path: str, doc: Document, job: Job, *, notes: str = "") -> Item:
    """A file LibreOffice makes from *job* (bytes filled in later, or kept from git)."""
    encrypted = job.password is not None
    return Item(
        path,
        job.target_ext,
        None,
        doc.summary(),
        doc.date,
        encrypted,
        _notes("made by LibreOffice", notes, doc.notes),
        job=job,
    )


def container(
    path: str,
    fmt: str,
    data: bytes,
    when: dt.datetime,
    members: list[Item],
    *,
    encrypted: bool = False,
    notes: str = "",
    own: Summary | None = None,
) -> Item:
    """An archive or mail; *own* is what its own text holds (mail headers and body)."""
    return Item(path, fmt, data, own or Summary.empty(), when, encrypted, notes, members)


# --------------------------------------------------------------------------- groups


def kyomu_items() -> list[Item]:
    """教務/: rosters, answer sheets, grades, a mail, a nested zip, an encrypted workbook."""
    items: list[Item] = []
    doc = kyomu.roster("intro-cs", 30, "情報科学概論", "K24-1203", title_rows=True, email=True)
    items.append(
        item(
            "教務/2024前期_情報科学概論_履修者名簿.xlsx",
            "xlsx",
            doc,
            render_xlsx(doc),
            notes="title rows above the header",
        )
    )
    doc = kyomu.roster("linear-a", 25, "線形代数A", "K24-1101", title_rows=False, email=False)
    items.append(
        item(
            "教務/線形代数A_履修者一覧.csv",
            "csv",
            doc,
            render_csv(doc.tables[0], "utf-8-sig"),
            notes="UTF-8 with BOM",
        )
    )
    doc = kyomu.answer_sheets("answers-intro", 4)
    items.append(
        item(
            "教務/期末試験_答案用紙_情報科学概論.pdf",
            "pdf",
            doc,
            render_pdf(doc),
            notes="one answer sheet per page",
        )
    )
    doc = kyomu.answer_sheets("answers-restricted", 1)
    data = encrypt_pdf(render_pdf(doc), "answers-restricted", doc.date, owner_only=True)
    items.append(
        item(
            "教務/答案_閲覧制限.pdf",
            "pdf",
            doc,
            data,
            notes="owner password only: opens with an empty password, so not encrypted",
        )
    )
    doc = kyomu.personal_grades()
    sid = students("personal-grades", 1)[0].sid  # the same student personal_grades() draws
    data = render_docx(doc, comment=("評価", "GPAに再履修科目を含めるか確認してください"))
    items.append(
        item(
            f"教務/学生個人別成績表_{sid}.docx",
            "docx",
            doc,
            data,
            notes="table, header/footer and a review comment",
        )
    )
    doc = kyomu.course_grades(
        "grades-2024s", ("情報科学概論", "線形代数A", "プログラミング演習"), 20, 30
    )
    items.append(
        item(
            "教務/授業科目別成績表_2024前期.xlsx",
            "xlsx",
            doc,
            render_xlsx(doc),
            notes="three sheets, students overlap; records = distinct students",
        )
    )
    doc = kyomu.seminar_grades()
    items.append(
        item(
            "教務/成績一覧_基礎ゼミ.csv",
            "csv",
            doc,
            render_csv(doc.tables[0], "cp932"),
            notes="CP932 (Shift_JIS)",
        )
    )
    items.append(_grades_mail())
    items.append(_submissions_zip())
    doc = kyomu.course_grades("grades-enc", ("線形代数A",), 20, 20)
    items.append(
        item(
            "教務/成績表_パスワード付.xlsx",
            "xlsx",
            doc,
            encrypt_ooxml(render_xlsx(doc), "grades-enc", doc.date),
            encrypted=True,
            notes="ECMA-376 agile encryption",
        )
    )
    doc = nopii.timetable()
    items.append(item("教務/時間割_2024後期.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = nopii.guidance_slides()
    items.append(lo_item("教務/旧_新入生ガイダンス.ppt", doc, Job(render_pptx(doc), "pptx", "ppt")))
    return items


def _grades_mail() -> Item:
    """A mail from 教務課 to a teacher with an unencrypted grade list attached."""
    rng, _ = rng_for("grades-mail:people")
    clerk, teacher = staff("grades-mail", 2)
    t = Tally()
    clerk_mail, teacher_mail = staff_mail(clerk.person), staff_mail(teacher.person)
    t(clerk_mail, "EMAIL_ADDRESS")  # Return-Path:
    t(clerk.person.name(), "PERSON")  # From: display name
    t(clerk_mail, "EMAIL_ADDRESS")
    t(teacher.person.name(), "PERSON")  # To: display name
    t(teacher_mail, "EMAIL_ADDRESS")
    body = "\n".join(
        [
            f"{t(teacher.person.name(), 'PERSON')} 先生",
            "",
            f"いつもお世話になっております。教務課の{t(clerk.person.name(), 'PERSON')}です。",
            "2024年度前期「情報科学概論」の成績一覧を添付いたします。",
            "内容をご確認のうえ、8月23日（金）までにご返送ください。",
            "",
            "――――――――――",
            "神戸大学 学務部教務課 教務係",
            t(clerk.person.name(), "PERSON"),
            f"TEL {t(landline_phone(rng, '078'), 'PHONE_NUMBER')}（内線 5023）",
            t(clerk_mail, "EMAIL_ADDRESS"),
            "――――――――――",
            "",
        ]
    )
    grades = kyomu.course_grades("grades-mail", ("情報科学概論",), 12, 12)
    csv_bytes = render_csv(grades.tables[0], "cp932")
    when = dt.datetime(2024, 8, 9, 13, 12)
    data = write_eml(
        sender=(clerk.person.name(), clerk_mail),
        to=(teacher.person.name(), teacher_mail),
        subject="【成績確認】情報科学概論 成績一覧の送付",
        body=body,
        attachments=[("成績一覧_情報科学概論.csv", csv_bytes, "text/csv")],
        when=when,
        message_id="20240809131200.kyomu0001",
    )
    own = Summary(0, entities=t.counts, records=2)
    attachment = item(
        "成績一覧_情報科学概論.csv",
        "csv",
        grades,
        csv_bytes,
        notes="CP932 attachment, not encrypted",
    )
    return container(
        "教務/成績送付_情報科学概論.eml",
        "eml",
        data,
        when,
        [attachment],
        own=own,
        notes="ISO-2022-JP headers and body; own entities = Return-Path/From/To headers + body (signature)",
    )


def _submissions_zip() -> Item:
    """A ZIP with CP932 member names, holding a roster, a readme and a nested ZIP."""
    when = dt.datetime(2024, 7, 22, 12, 0)
    roster = kyomu.roster(
        "zip-roster", 10, "情報科学概論", "K24-1203", title_rows=False, email=False
    )
    roster_csv = render_csv(roster.tables[0], "utf-8-sig")
    readme = nopii.assignment_readme()
    readme_txt = render_txt(readme, "cp932")
    grades = kyomu.course_grades("zip-grades", ("情報科学概論",), 10, 10)
    grades_xlsx = render_xlsx(grades)
    inner = write_zip([Member("成績一覧.xlsx", grades_xlsx)], when, name_encoding="utf-8")
    outer = write_zip(
        [
            Member("履修者名簿.csv", roster_csv),
            Member("課題説明.txt", readme_txt),
            Member("内部/成績.zip", inner),
        ],
        when,
        name_encoding="cp932",
    )
    inner_item = container(
        "内部/成績.zip",
        "zip",
        inner,
        when,
        [item("成績一覧.xlsx", "xlsx", grades, grades_xlsx)],
        notes="nested zip, UTF-8 names (flag bit 11)",
    )
    return container(
        "教務/提出物_2024.zip",
        "zip",
        outer,
        when,
        [
            item("履修者名簿.csv", "csv", roster, roster_csv),
            item("課題説明.txt", "txt", readme, readme_txt, notes="CP932"),
            inner_item,
        ],
        notes="member names in CP932 without the UTF-8 flag",
    )


def gakusei_items() -> list[Item]:
    """学生/: contact rosters and their 身上情報 twins in many encodings."""
    items: list[Item] = []
    doc = kyomu.contacts()
    items.append(item("学生/在学生連絡先名簿_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kyomu.personal_info()
    items.append(item("学生/在学生身上調書_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kyomu.dorm_contacts()
    items.append(
        item(
            "学生/国際交流会館_入居者連絡先.csv",
            "csv",
            doc,
            render_csv(doc.tables[0], "euc_jp"),
            notes="EUC-JP",
        )
    )
    doc = kyomu.club_phone_tree()
    items.append(
        item(
            "学生/軽音楽部_連絡網.txt",
            "txt",
            doc,
            render_txt(doc, "utf-8", "\n"),
            notes="UTF-8 without BOM",
        )
    )
    doc = kyomu.graduates()
    items.append(item("学生/卒業修了者名簿_2023年度.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kyomu.career_survey()
    items.append(
        item(
            "学生/進路調査_2023年度.csv",
            "csv",
            doc,
            render_csv(doc.tables[0], "utf-16"),
            notes="UTF-16LE with BOM",
        )
    )
    doc = kyomu.interview_records("interviews", 3)
    items.append(
        item(
            "学生/面談記録_2024.txt",
            "txt",
            doc,
            render_txt(doc, "iso-2022-jp"),
            notes="ISO-2022-JP",
        )
    )
    doc = kyomu.personal_form()
    items.append(
        lo_item(
            "学生/旧_身上調書.doc", doc, Job(render_docx(doc, for_libreoffice=True), "docx", "doc")
        )
    )
    doc = kyomu.contacts()
    csv_bytes = render_csv(doc.tables[0], "utf-8-sig")
    data = write_7z(
        [Member("在学生連絡先名簿.csv", csv_bytes)], "backup-7z", doc.date, encrypted=False
    )
    items.append(
        container(
            "学生/名簿バックアップ_2024.7z",
            "7z",
            data,
            doc.date,
            [item("在学生連絡先名簿.csv", "csv", doc, csv_bytes)],
            notes="unencrypted 7z",
        )
    )
    return items


def kaikei_items() -> list[Item]:
    """会計/: 旅行命令簿 ② and their 旅費情報 ① twins, encrypted archives."""
    items: list[Item] = []
    doc = kaikei.travel_orders_internal(with_bank=False)
    items.append(item("会計/旅行命令簿_2024年度_教職員・学生.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kaikei.travel_orders_internal(with_bank=True)
    items.append(
        item(
            "会計/旅費支払明細_2024-10.tsv",
            "tsv",
            doc,
            render_csv(doc.tables[0], "utf-8-sig", "\t"),
            notes="UTF-8 with BOM, tab-separated",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=False)
    items.append(item("会計/旅行命令簿_学外者_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kaikei.travel_orders_external(with_bank=True)
    items.append(item("会計/旅費振込依頼_学外者_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kaikei.travel_summary_xlsm()
    items.append(
        item(
            "会計/旅行命令簿_月別集計.xlsm",
            "xlsm",
            doc,
            render_xlsx(doc, macro_enabled=True),
            notes="macro-enabled content type, no VBA project",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=True, count=10, key="guests-export")
    items.append(
        item(
            "会計/export_20241031.dat",
            "xlsx",
            doc,
            render_xlsx(doc),
            notes="an .xlsx saved with extension .dat",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=True, count=6, key="guests-aes")
    xlsx = render_xlsx(doc)
    data = write_aes_zip([Member("旅費振込一覧.xlsx", xlsx)], "travel-aes", doc.date)
    member = item("旅費振込一覧.xlsx", "xlsx", doc, xlsx)
    items.append(
        container(
            "会計/旅費振込_AES.zip",
            "zip",
            data,
            doc.date,
            [member],
            encrypted=True,
            notes="WinZip AES-256",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=True, count=6, key="guests-zipcrypto")
    csv_bytes = render_csv(doc.tables[0], "cp932")
    data = write_zip(
        [Member("旅費振込一覧.csv", csv_bytes)],
        doc.date,
        name_encoding="cp932",
        zipcrypto_seed="travel-zipcrypto",
    )
    member = item("旅費振込一覧.csv", "csv", doc, csv_bytes, notes="CP932")
    items.append(
        container(
            "会計/旅費振込_ZipCrypto.zip",
            "zip",
            data,
            doc.date,
            [member],
            encrypted=True,
            notes="traditional PKWARE (ZipCrypto) encryption",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=True, count=5, key="guests-legacy")
    items.append(
        lo_item(
            "会計/旧_旅費情報_パスワード付.xls",
            doc,
            Job(render_xlsx(doc), "xlsx", "xls", PASSWORD),
            notes="BIFF8 with password to open (RC4)",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=False, count=8, key="guests-2023")
    items.append(
        lo_item("会計/旧_旅行命令簿_学外者.xls", doc, Job(render_xlsx(doc), "xlsx", "xls"))
    )
    doc = nopii.price_list()
    items.append(item("会計/物品単価表_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    return items


def soumu_items() -> list[Item]:
    """総務/: staff rosters, personnel records, 給与口座, 個人番号, a signature."""
    items: list[Item] = []
    doc = kaikei.staff_contacts()
    items.append(item("総務/教職員連絡先名簿_2024.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kaikei.personnel_records(3)
    items.append(item("総務/教職員人事記録_学歴職歴.docx", "docx", doc, render_docx(doc)))
    doc = kaikei.payroll_accounts()
    items.append(
        item(
            "総務/給与振込口座一覧.csv",
            "csv",
            doc,
            render_csv(doc.tables[0], "utf-8"),
            notes="UTF-8 without BOM",
        )
    )
    doc = kaikei.staff_contacts_export()
    items.append(
        item(
            "総務/職員連絡先_export",
            "csv",
            doc,
            render_csv(doc.tables[0], "cp932"),
            notes="CSV without extension, CP932",
        )
    )
    doc = kaikei.my_number_sheet()
    items.append(item("総務/扶養控除等申告_個人番号一覧.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kaikei.personnel_records(2, key="staff-enc")
    items.append(
        item(
            "総務/人事記録_パスワード付.docx",
            "docx",
            doc,
            encrypt_ooxml(render_docx(doc), "personnel-enc", doc.date),
            encrypted=True,
        )
    )
    contacts = kaikei.staff_contacts_export()
    contacts_csv = render_csv(contacts.tables[0], "utf-8-sig")
    records = kaikei.personnel_records(2, key="staff-2023")
    records_txt = render_txt(records, "utf-8")
    when = dt.datetime(2024, 3, 29, 18, 0)
    data = write_tar_gz(
        [
            Member("人事_2023年度/教職員連絡先.csv", contacts_csv),
            Member("人事_2023年度/人事記録.txt", records_txt),
        ],
        when,
    )
    members = [
        item("人事_2023年度/教職員連絡先.csv", "csv", contacts, contacts_csv),
        item("人事_2023年度/人事記録.txt", "txt", records, records_txt),
    ]
    items.append(container("総務/人事_2023年度.tar.gz", "tar.gz", data, when, members))
    doc = kaikei.signature_only()
    items.append(
        item(
            "総務/メール署名.txt", "txt", doc, render_txt(doc, "utf-8-sig"), notes="UTF-8 with BOM"
        )
    )
    doc = kaikei.personnel_records(2, key="staff-legacy")
    items.append(
        lo_item(
            "総務/旧_人事記録_パスワード付.doc",
            doc,
            Job(render_docx(doc, for_libreoffice=True), "docx", "doc", PASSWORD),
            notes="Word 97 with password to open (RC4)",
        )
    )
    return items


def nyushi_items() -> list[Item]:
    """入試/: 入学試験情報 ① in xlsx, JSON, pptx and an encrypted 7z."""
    items: list[Item] = []
    doc = special.admission_results()
    items.append(item("入試/2025年度一般選抜_受験者一覧.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = special.applications_json()
    items.append(item("入試/Web出願データ_20250205.json", "json", doc, render_json(doc, doc.date)))
    doc = special.admission_results()
    csv_bytes = render_csv(doc.tables[0], "utf-8-sig")
    data = write_7z(
        [Member("合否判定資料.csv", csv_bytes)], "admission-7z", doc.date, encrypted=True
    )
    member = item(
        "合否判定資料.csv",
        "csv",
        doc,
        csv_bytes,
        notes="listed only with the password (encrypted 7z headers)",
    )
    items.append(
        container(
            "入試/合否判定資料_暗号化.7z",
            "7z",
            data,
            doc.date,
            [member],
            encrypted=True,
            notes="AES-256 with encrypted headers (member names hidden)",
        )
    )
    doc = special.admission_meeting()
    items.append(item("入試/合否判定会議資料.pptx", "pptx", doc, render_pptx(doc)))
    return items


def iryo_items() -> list[Item]:
    """附属病院/ and 保健管理センター/: patient data, a trial registry, health checks."""
    items: list[Item] = []
    doc = special.outpatients()
    items.append(item("附属病院/外来患者一覧_2024-10.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = special.referral_letter()
    items.append(
        item(
            "附属病院/診療情報提供書_20241018.rtf",
            "rtf",
            doc,
            render_rtf(doc),
            notes="hand-written RTF, \\ansicpg932 with \\uN? escapes",
        )
    )
    doc = special.trial_subjects()
    items.append(
        item(
            "附属病院/治験被験者登録台帳.xml",
            "xml",
            doc,
            render_xml(doc, "subjects", "subject", doc.date),
        )
    )
    doc = special.lab_results()
    items.append(
        item(
            "附属病院/検査結果一覧_暗号化.pdf",
            "pdf",
            doc,
            encrypt_pdf(render_pdf(doc), "lab-pdf", doc.date),
            encrypted=True,
            notes="AES-256 user password",
        )
    )
    doc = special.health_checks()
    items.append(
        item(
            "保健管理センター/2024年度定期健康診断_要再検査者一覧.xlsx",
            "xlsx",
            doc,
            render_xlsx(doc),
        )
    )
    doc = special.health_letters()
    items.append(item("保健管理センター/再検査のお知らせ_2024.pdf", "pdf", doc, render_pdf(doc)))
    return items


def school_items() -> list[Item]:
    """附属小学校/: 学級名簿 ②, 指導要録（学籍） ①, 指導要録（指導） ②."""
    items: list[Item] = []
    doc = special.class_list()
    items.append(item("附属小学校/学級名簿_6年1組.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = special.register_records()
    items.append(
        item("附属小学校/指導要録_学籍に関する記録_6年1組.docx", "docx", doc, render_docx(doc))
    )
    doc = special.guidance_records()
    items.append(
        lo_item(
            "附属小学校/指導要録_指導に関する記録_6年1組.ods",
            doc,
            Job(render_xlsx(doc), "xlsx", "ods"),
        )
    )
    return items


def no_pii_items() -> list[Item]:
    """規程/ and public pages without personal data."""
    items: list[Item] = []
    doc = nopii.regulation()
    items.append(item("規程/学務部個人情報取扱要項.docx", "docx", doc, render_docx(doc)))
    doc = nopii.seed_excerpt()
    items.append(
        item("規程/個人情報の危険度及びセキュリティ対策基準_抜粋.pdf", "pdf", doc, render_pdf(doc))
    )
    doc = nopii.agenda()
    docx = render_docx(doc)
    items.append(item("規程/教務委員会_議事次第_第5回.docx", "docx", doc, docx))
    items.append(lo_item("規程/教務委員会_議事次第_第5回.odt", doc, Job(docx, "docx", "odt")))
    doc = nopii.syllabus()
    items.append(
        item(
            "public_html/syllabus/情報科学概論.html",
            "html",
            doc,
            render_html(doc, "utf-8"),
            notes="UTF-8",
        )
    )
    doc = nopii.timetable_notice()
    items.append(
        item("公開/教室変更のお知らせ.txt", "txt", doc, render_txt(doc, "cp932"), notes="CP932")
    )
    doc = nopii.lecture_slides()
    items.append(
        item(f"{ONEDRIVE}/ドキュメント/講義資料_第12回.pptx", "pptx", doc, render_pptx(doc))
    )
    return items


def exposed_items() -> list[Item]:
    """Personal data where it must not be: public web folders and the OneDrive sync folder."""
    items: list[Item] = []
    doc = kyomu.seminar_members_html()
    items.append(
        item(
            "public_html/lab/members.html",
            "html",
            doc,
            render_html(doc, "cp932"),
            notes="Shift_JIS",
        )
    )
    doc = kaikei.travel_orders_external(with_bank=True, count=4, key="guests-public")
    items.append(item("公開/2024年度_学外講師旅費精算.xlsx", "xlsx", doc, render_xlsx(doc)))
    doc = kyomu.course_grades("grades-onedrive", ("情報科学概論",), 25, 25)
    items.append(
        item(
            f"{ONEDRIVE}/ドキュメント/授業科目別成績表_持ち帰り.xlsx", "xlsx", doc, render_xlsx(doc)
        )
    )
    doc = kyomu.personal_table("onedrive-interview", 5)
    items.append(
        item(f"{ONEDRIVE}/デスクトップ/面談用_在学生身上情報.docx", "docx", doc, render_docx(doc))
    )
    doc = kyomu.roster(
        "onedrive-roster", 20, "プログラミング演習", "K24-1305", title_rows=True, email=False
    )
    data = encrypt_ooxml(render_xlsx(doc), "onedrive-roster", doc.date)
    items.append(
        item(f"{ONEDRIVE}/ドキュメント/履修者名簿_暗号化.xlsx", "xlsx", doc, data, encrypted=True)
    )
    return items


def build() -> list[Item]:
    """Every top-level file of the corpus, in a stable order."""
    groups = (
        kyomu_items,
        gakusei_items,
        kaikei_items,
        soumu_items,
        nyushi_items,
        iryo_items,
        school_items,
        no_pii_items,
        exposed_items,
    )
    items = [it for group in groups for it in group()]
    paths = [it.path for it in items]
    if len(paths) != len(set(paths)):
        raise ValueError("duplicate corpus paths")
    return sorted(items, key=lambda it: it.path)
