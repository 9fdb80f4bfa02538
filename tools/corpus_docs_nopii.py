"""Documents without personal information (危険度 none, label ``risk_level=0``).

They are the corpus's false-positive traps: a regulation that *names* 氏名・学籍番号・銀行口座
・個人番号, dates in 和暦 that are not birthdays, a price list full of long numbers (JAN
codes, a 法人番号, a company's 代表 and toll-free numbers, a 12-digit part number that
happens to pass the 個人番号 checksum), ISBNs in a syllabus, room numbers in a timetable.
"""

from __future__ import annotations

import datetime as dt
import random

from tools.corpus_model import Block, Cell, Column, Document, Para, Table
from tools.corpus_people import corporate_number, ean13, my_number, my_number_check_digit, rng_for

# --------------------------------------------------------------------------- 規程


def regulation() -> Document:
    """A 要項 in the style of the seeds: it names kinds of personal data, holds none."""
    articles = [
        (
            "第1条（目的）",
            "この要項は、学務部が保有する個人情報の適正な取扱いに関し必要な事項を定めることにより、個人の権利利益を保護することを目的とする。",
        ),
        (
            "第2条（定義）",
            "この要項において「個人情報」とは、生存する個人に関する情報であって、氏名、生年月日、学籍番号、職員番号その他の記述等により特定の個人を識別することができるものをいう。",
        ),
        (
            "第3条（危険度の区分）",
            "個人情報は、漏えい時の影響に応じて危険度①及び危険度②に区分する。銀行口座、保護者連絡先、学歴・職歴、診療情報又は入学試験の成績を含むものは危険度①とする。",
        ),
        (
            "第4条（個人番号の取扱い）",
            "個人番号（マイナンバー）は、法令で定める事務に限り取り扱うものとし、個人番号を記載した書類は施錠できる保管庫に保管する。",
        ),
        (
            "第5条（持ち出し）",
            "危険度①の個人情報を記録した電子媒体は学外に持ち出してはならない。危険度②の個人情報は、パスワードの設定又は暗号化を行ったうえで、個人情報保護管理者の許可を得て持ち出すことができる。",
        ),
        (
            "第6条（クラウドサービス）",
            "クラウドサービスに保存した個人情報を学外で利用する場合は、持ち出しとみなす。",
        ),
        (
            "第7条（電子メール）",
            "個人情報を含むファイルを電子メールで送信するときは、ファイルを暗号化し、パスワードは別の手段で通知する。多数の学外者に送信するときは宛先をBccとする。",
        ),
        (
            "第8条（廃棄）",
            "不要となった個人情報は、復元できない方法により速やかに消去又は廃棄する。",
        ),
        ("附則", "この要項は、令和6年4月1日から施行する。"),
    ]
    blocks: list[Block] = [
        Para("学務部における個人情報の取扱いに関する要項", "title"),
        Para("令和6年3月27日 学務部長決定", "small"),
    ]
    for heading, text in articles:
        blocks += [Para(heading, "heading"), Para(text)]
    blocks.append(
        Table(
            [Column("情報の例"), Column("危険度")],
            [
                ["在学生連絡先名簿（氏名、学籍番号、住所、電話番号）", "②"],
                ["旅費情報（銀行口座を含む）", "①"],
                ["健康診断情報", "①"],
            ],
        )
    )
    return Document(
        "個人情報の取扱いに関する要項",
        blocks,
        level=0,
        author="学務部",
        date=dt.datetime(2024, 3, 27, 10, 0),
        notes="mentions 氏名・学籍番号・銀行口座・個人番号 as words only",
    )


_SEED_EXCERPT = (
    ("2. 業務別の個人情報の危険度について", "heading"),
    (
        "教職員が保有する個人情報については、記載されている個人情報に応じて危険度を設定することとする。",
        "body",
    ),
    ("教務情報　履修者名簿　②　氏名、学籍番号、その他の教務情報", "body"),
    ("教務情報　授業科目別成績表　②　氏名、学籍番号、成績、その他の教務情報", "body"),
    (
        "学生情報　在学生身上情報　①　氏名、学籍番号、自宅住所、自宅電話番号、その他の教務情報（保護者連絡先など）",
        "body",
    ),
    (
        "会計情報　旅行命令簿（学外者）　②　氏名、職員番号（学籍番号）、自宅住所、その他の会計情報",
        "body",
    ),
    (
        "会計情報　旅費情報　①　氏名、職員番号（学籍番号）、自宅住所、銀行口座、その他の会計情報　キー情報：銀行口座",
        "body",
    ),
    (
        "総務情報　教職員人事情報　①　氏名、職員番号、生年月日、自宅住所、学歴・職歴、銀行口座　キー情報：学歴・職歴、銀行口座",
        "body",
    ),
    ("入学試験情報　①　氏名、受験番号、生年月日、自宅住所、自宅電話番号、成績、可否情報", "body"),
    ("※危険度①となるキー情報について", "heading"),
    (
        "例えば、旅費情報は危険度①、旅行命令簿（学外者）は危険度②だが、両者の危険度のランクを分けるのは「銀行口座」の情報の有無である。",
        "body",
    ),
)


def seed_excerpt() -> Document:
    """A shortened excerpt of the public regulation (seed 002), as a PDF handout."""
    blocks: list[Block] = [
        Para("個人情報の危険度及びセキュリティ対策基準（抜粋）", "title"),
        Para("平成25年3月21日 学長制定", "small"),
    ]
    blocks += [Para(text, style) for text, style in _SEED_EXCERPT]
    return Document(
        "個人情報の危険度及びセキュリティ対策基準（抜粋）",
        blocks,
        level=0,
        footer="研修資料",
        author="情報基盤センター",
        date=dt.datetime(2024, 6, 3, 9, 0),
        notes="excerpt of the public regulation (seed 002)",
    )


def agenda() -> Document:
    """教務委員会 議事次第: dates, times, rooms and 内線 — no names."""
    items = [
        "1. 前回議事要旨の確認",
        "2. 2025年度 授業時間割（案）について【資料1】",
        "3. 成績評価基準の統一について【資料2】",
        "4. 個人情報を含むファイルの取扱いについて（報告）【資料3】",
        "5. 2025年度 入学試験日程（案）について【資料4】",
        "6. その他",
    ]
    blocks: list[Block] = [
        Para("第5回 教務委員会 議事次第", "title"),
        Para("日時：令和6年7月10日（水）13:00～14:30"),
        Para("場所：工学部本館 2階 第一会議室（内線 5010）／Zoom併用"),
        Para("議題", "heading"),
        *(Para(item) for item in items),
        Para("配付資料", "heading"),
        Para("資料1 時間割（案）　資料2 評価基準比較表　資料3 点検結果　資料4 入試日程（案）"),
        Para("次回：令和6年9月11日（水）13:00～ 同会議室", "small"),
    ]
    return Document(
        "教務委員会 議事次第",
        blocks,
        level=0,
        author="学務部教務課",
        date=dt.datetime(2024, 7, 3, 17, 0),
    )


def syllabus() -> Document:
    """A syllabus page: course code, schedule, ISBNs — no instructor names."""
    rng, _ = rng_for("syllabus:isbn")
    schedule = [
        "情報とは何か",
        "2進数と情報量",
        "論理回路",
        "計算機の構成",
        "OSの役割",
        "アルゴリズム（1）探索",
        "アルゴリズム（2）整列",
        "データ構造",
        "ネットワークの基礎",
        "インターネットとWeb",
        "情報セキュリティ",
        "個人情報保護と情報倫理",
        "データベース",
        "人工知能入門",
        "まとめ",
    ]
    blocks: list[Block] = [
        Para("情報科学概論（K24-1203）", "title"),
        Para("開講：2024年度 前期 月曜3限　単位数：2　対象：工学部1年次"),
        Para("授業の概要と目標", "heading"),
        Para(
            "計算機と情報の基礎概念を学び、情報社会で必要となる知識を身につける。個人情報の取扱いやセキュリティについても扱う。"
        ),
        Para("授業計画", "heading"),
        Table(
            [Column("回"), Column("内容")],
            [[i, topic] for i, topic in enumerate(schedule, start=1)],
        ),
        Para("成績評価", "heading"),
        Para(
            "期末試験 60%、レポート 30%、小テスト 10%。出席が3分の2に満たない者は評価の対象としない。"
        ),
        Para("教科書・参考書", "heading"),
        Para(f"教科書：『情報科学の基礎』ISBN {ean13('978', rng)}"),
        Para(f"参考書：『アルゴリズム入門』ISBN {ean13('978', rng)}"),
    ]
    return Document(
        "情報科学概論 シラバス",
        blocks,
        level=0,
        date=dt.datetime(2024, 3, 15, 12, 0),
        notes="ISBN-13 numbers are not personal",
    )


def _failing_part_number(rng: random.Random) -> str:
    """A 12-digit 品番 whose last digit is *not* the 個人番号 check digit."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(10)]
    return "".join(map(str, digits)) + str((my_number_check_digit(digits) + 1) % 10)


def price_list() -> Document:
    """物品単価表: JAN codes, 法人番号, 代表/フリーダイヤル, a checksum-valid 12-digit 品番."""
    rng, _ = rng_for("price-list")
    items = [
        ("コピー用紙 A4 500枚×5冊", "箱", 2480),
        ("トナーカートリッジ 黒", "個", 12800),
        ("USBメモリ 32GB（暗号化機能付）", "個", 4980),
        ("ボールペン 0.5mm 黒 10本", "箱", 980),
        ("クリアファイル A4 100枚", "袋", 1650),
        ("外付けSSD 1TB", "台", 15800),
        ("シュレッダー用オイル", "本", 1200),
        ("LANケーブル Cat6 3m", "本", 560),
    ]
    rows: list[list[Cell]] = []
    for i, (name, unit, price) in enumerate(items):
        part = my_number(rng) if i == 2 else _failing_part_number(rng)
        rows.append([ean13("49", rng), part, name, unit, price])
    vendor = corporate_number(rng)
    title = [
        "2024年度 事務用品 単価契約一覧",
        f"契約業者：株式会社サンプル商事（法人番号 {vendor}）",
        "代表 TEL 078-000-1234　FAX 078-000-1235　フリーダイヤル 0120-000-456",
    ]
    table = Table(
        [
            Column("JANコード", width=15),
            Column("品番", width=14),
            Column("品名", width=30),
            Column("単位"),
            Column("単価（円）"),
        ],
        rows,
        name="単価表",
        title=title,
    )
    return Document(
        "事務用品 単価契約一覧",
        [table],
        level=0,
        author="財務部契約課",
        date=dt.datetime(2024, 4, 1, 9, 0),
        notes="traps: JAN codes, 13-digit 法人番号, company 代表/FAX/0120 numbers, 品番 of row 3 passes the 個人番号 checksum without context (the other 品番 fail it)",
    )


def timetable() -> Document:
    """後期 時間割: periods, course codes and rooms."""
    periods = [
        "1限 8:50-10:20",
        "2限 10:40-12:10",
        "3限 13:20-14:50",
        "4限 15:10-16:40",
        "5限 17:00-18:30",
    ]
    courses = [
        ["線形代数B（K24-2101）C101", "", "プログラミング演習 情報演習室1", "", "英語II LL2"],
        ["", "確率統計（K24-2203）C203", "", "物理学実験 実験棟", ""],
        ["微分積分学II C101", "", "計算機システム（K24-2305）C102", "", ""],
        ["", "データ構造 C203", "", "", "キャリア形成論 大講義室"],
        ["離散数学 C102", "", "", "情報倫理（K24-2910）C101", ""],
    ]
    days = ["月", "火", "水", "木", "金"]
    rows: list[list[Cell]] = [
        [period, *(courses[d][p] for d in range(5))] for p, period in enumerate(periods)
    ]
    table = Table(
        [Column("時限", width=16), *(Column(d, width=28) for d in days)],
        rows,
        name="2024後期",
        title=["2024年度 後期 工学部 情報知能工学科 2年次 時間割"],
    )
    return Document(
        "2024年度後期 時間割",
        [table],
        level=0,
        author="学務部教務課",
        date=dt.datetime(2024, 9, 2, 10, 0),
    )


def timetable_notice() -> Document:
    """A public notice of a room change."""
    lines = [
        "【お知らせ】後期時間割の教室変更について",
        "",
        "令和6年10月7日（月）から、以下の授業の教室を変更します。",
        "・線形代数B（月1）　C101 → C203",
        "・情報倫理（金4）　C101 → 大講義室",
        "問い合わせは教務課窓口（工学部本館1階）まで。",
        "",
        "学務部教務課　令和6年10月1日",
    ]
    return Document(
        "教室変更のお知らせ",
        [Para(line) for line in lines],
        level=0,
        date=dt.datetime(2024, 10, 1, 12, 0),
    )


def lecture_slides() -> Document:
    """講義資料 slides about information ethics (mentions 個人情報 a lot)."""
    blocks: list[Block] = [
        Para("第12回 個人情報保護と情報倫理", "heading"),
        Para("個人情報：氏名・生年月日・住所などで特定の個人を識別できる情報"),
        Para("要配慮個人情報：病歴、健康診断の結果など"),
        Para("マイナンバー（個人番号）は特定個人情報として厳格に管理される"),
        Para("事例研究", "heading"),
        Para("名簿ファイルをクラウドに保存したまま学外で開いた → 持ち出しにあたる"),
        Para("成績表を暗号化せずにメールで送信した → 誤送信で漏えい"),
        Para("演習", "heading"),
        Para("自分のPCにある個人情報を含むファイルを3つ挙げ、危険度を判定してみよう"),
    ]
    return Document(
        "情報科学概論 第12回 講義資料",
        blocks,
        level=0,
        author="情報科学研究科",
        date=dt.datetime(2024, 7, 1, 8, 0),
    )


def guidance_slides() -> Document:
    """新入生ガイダンス slides (converted to legacy .ppt)."""
    blocks: list[Block] = [
        Para("履修登録について", "heading"),
        Para("履修登録期間：4月8日（月）～4月19日（金）"),
        Para("上限単位数：各学期 24単位"),
        Para("学生証・ICカード", "heading"),
        Para("学生証は常に携帯し、紛失した場合は直ちに学生支援課へ届け出ること"),
        Para("情報セキュリティ", "heading"),
        Para("大学のアカウントのパスワードを他人に教えないこと"),
    ]
    return Document(
        "2024年度 新入生ガイダンス",
        blocks,
        level=0,
        author="学務部教務課",
        date=dt.datetime(2024, 4, 2, 9, 0),
    )


def assignment_readme() -> Document:
    """The 課題説明 inside the submissions archive."""
    lines = [
        "情報科学概論 レポート課題",
        "提出期限：2024年7月19日（金）23:59",
        "形式：PDF、A4で2ページ以内",
        "ファイル名は「学籍番号_氏名.pdf」とすること。",
    ]
    return Document(
        "課題説明", [Para(line) for line in lines], level=0, date=dt.datetime(2024, 7, 1, 9, 0)
    )
