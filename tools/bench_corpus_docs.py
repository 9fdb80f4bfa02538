"""What the benchmark share (:mod:`tools.bench_corpus`) holds: text, tables, people, bytes.

* **Office prose** (議事録, 通知, 報告書, シラバス, 規程, 研究草稿, 講義資料, 業務メモ) is drawn
  from sentence templates whose slots are filled from pools of topics, organisational
  units, measures, results and opinions, so every document reads differently but like
  Japanese business text. It names organisational units only (担当：教務課), never a
  person, and holds no phone number, e-mail address of a person or long digit run.
* **Tables** (予算表, 時間割, 備品台帳, 施設予約, 開講科目, アンケート集計, 行事予定) are built
  row by row from pools; amounts and codes stay short of any identifier shape.
* **Personal data** comes from the sample corpus's document builders
  (:mod:`tools.corpus_docs_kyomu`, :mod:`tools.corpus_docs_kaikei`) called with
  per-file keys, so every roster, form and transcript has its own fake people, and
  from :func:`roster_table` for the 100,000-row rosters (Faker ``ja_JP`` pools
  combined by a seeded generator, not 100,000 Faker calls).
* **Bytes** come from pictures: :func:`render` puts JPEGs of random noise (incompressible,
  like photos) into Word, PowerPoint and PDF files, stored without compression as
  Office stores media.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tools import corpus_docs_kaikei as kaikei
from tools import corpus_docs_kyomu as kyomu
from tools.corpus_containers import Member, write_eml, write_zip
from tools.corpus_model import Block, Cell, Column, Document, PageBreak, Para, Table
from tools.corpus_people import mobile_phone, random_date, rng_for
from tools.corpus_pools import C_DOB, C_EMAIL, C_KANA, C_NAME, C_SID, staff
from tools.corpus_render import (
    cell_text,
    lines_of,
    normalize_zip,
    render_csv,
    render_html,
    render_pdf,
    render_pptx,
    render_txt,
)

#: A JPEG and its size in pixels.
Picture = tuple[bytes, int, int]

# --------------------------------------------------------------------------- pools


def _words(**pools: str) -> dict[str, tuple[str, ...]]:
    return {name: tuple(words.split()) for name, words in pools.items()}


#: Slot values, space-separated (no value contains a space).
POOLS: dict[str, tuple[str, ...]] = _words(
    org="本委員会 教務課 学生支援課 総務課 会計係 各学科 本研究科 事務部 情報基盤センター 施設課 "
    "キャリアセンター 国際交流課 附属図書館",
    topic="履修登録の手続き 授業評価アンケートの実施 遠隔授業の運用 講義室の改修工事 予算の執行状況 "
    "情報セキュリティ対策 就職支援行事の実施 研究費の適正な執行 防災訓練の実施 附属図書館の利用環境 "
    "留学生の受入れ体制 カリキュラムの見直し 成績評価基準の統一 実験室の安全管理 ハラスメント防止研修 "
    "省エネルギー対策 入学試験の実施体制 教員の業務負担の軽減 学内ネットワークの更新 備品の管理方法 "
    "オープンキャンパスの開催 学生寮の運営 公開講座の企画 共同研究の推進 大学院入試の日程 "
    "シラバスの記載内容 教育用計算機システムの更新",
    measure="手続きの電子化 説明会の開催 マニュアルの改訂 窓口の一本化 予算の重点配分 学内向け研修の実施 "
    "チェックリストの整備 設備の計画的な更新 業務フローの見直し 情報共有の仕組みづくり "
    "利用者への周知の徹底 外部評価の導入",
    result="手続きに要する時間が大幅に短縮された 利用者の満足度が向上している "
    "一部の部局で対応に遅れが生じている 想定を上回る申込みがあった 予算の執行率が前年度を下回っている "
    "設備の老朽化が進んでいる 周知が十分でなかった おおむね計画どおりに進んでいる",
    opinion="学生への周知をより早い時期に行うべきである 教員の負担が増えないよう配慮が必要である "
    "他大学の事例も参考にしてはどうか オンラインでの参加も可能にしてほしい 予算の確保を優先すべきである "
    "実施時期を再検討する必要がある",
    answer="次年度に向けて改善を検討する 関係部局と調整のうえ回答する 現行の規程の範囲内で対応可能である "
    "予算の範囲内で段階的に実施する",
    issue="人事異動に伴う業務の引継ぎ 繁忙期における窓口の混雑 紙媒体による申請手続き 施設の利用時間の制約 "
    "外部委託費の増加 問い合わせへの対応時間",
    period="年度内 次年度前期 今年度末 夏季休業前 来年度当初",
    rtopic="画像からの物体検出 日本語文書の自動要約 センサデータの異常検知 電力需要の予測 "
    "移動ロボットの経路計画 音声認識の高速化 材料表面の劣化評価 交通流のシミュレーション "
    "分散システムの耐障害性 構造物の振動解析",
    method="深層学習 ベイズ推定 グラフニューラルネットワーク 強化学習 有限要素法 線形計画法 "
    "ランダムフォレスト 注意機構 粒子フィルタ",
    limitation="学習に大量のデータを必要とする 計算量が大きく実時間処理が難しい "
    "未知の環境への適応が困難である パラメータの調整に経験を要する",
    data="公開データセット 研究室で収集した計測データ シミュレーションにより生成したデータ "
    "共同研究先から提供された運用ログ",
    metric="認識精度 平均誤差 処理時間 F値 再現率 消費電力",
    finding="前処理の工夫が性能に大きく影響する モデルの規模を大きくしても効果は限定的である "
    "データの偏りが誤差の主な要因である 提案手法は雑音に対して頑健である",
    future="大規模データへの適用 実環境での検証 計算コストの削減 他分野への応用",
    subject="施設の使用 研究用機器の貸出し 公用車の利用 学外における研修 物品の購入 情報システムの利用 "
    "会議室の予約 実験廃液の処理 旅費の支給 謝金の支払",
    head="学部長 研究科長 事務長 センター長 施設管理責任者",
    committee="教務委員会 学生委員会 入試委員会 予算委員会 施設整備委員会 情報化推進委員会 広報委員会 "
    "教授会 安全衛生委員会 研究室会議",
    ntopic="履修登録期間 夏季休業期間中の施設利用 情報セキュリティ研修の受講 年末年始の事務取扱 "
    "防災訓練の実施 授業評価アンケートの実施 学位論文の提出期限 研究費の執行期限 計画停電 "
    "ネットワーク機器の更新作業 入試期間中の入構制限",
    course="情報科学概論 線形代数A プログラミング演習 データ構造とアルゴリズム 計算機システム 確率統計 "
    "離散数学 機械学習 材料力学 熱力学 電気回路 技術英語 情報倫理 数値解析",
    lab="知能情報学研究室 計算機システム研究室 材料物性研究室 環境工学研究室 数理解析研究室 "
    "ロボティクス研究室",
    term="前期 後期",
    room="第一会議室 第二会議室 大会議室 小会議室 セミナー室",
    caption="説明会の様子 改修後の講義室 実験装置の外観 会場の配置 展示の様子 測定結果の例 施設の現況 "
    "作業の様子",
    item="ノートパソコン 液晶プロジェクタ 実体顕微鏡 オシロスコープ 書架 事務机 会議用テーブル "
    "レーザープリンタ 恒温槽 ホワイトボード ネットワークスイッチ デジタルカメラ 電子天秤 "
    "安全キャビネット 無停電電源装置",
    place="工学部本館 総合研究棟 講義棟 実験棟 事務棟 図書館棟",
    budget="消耗品費 旅費 謝金 印刷製本費 通信運搬費 備品費 光熱水料 委託費 会議費 図書購入費 修繕費 役務費",
    unit="教務課 学生支援課 総務課 会計係 情報基盤センター 附属図書館 第一研究室 第二研究室 第三研究室 "
    "共通経費",
    event="入学式 前期授業開始 オープンキャンパス 前期定期試験 夏季休業 後期授業開始 大学祭 防災訓練 "
    "大学入学共通テスト 卒業研究発表会 学位記授与式 教育改善研修会",
    question="授業の内容は理解できましたか 授業の進度は適切でしたか 資料は分かりやすかったですか "
    "授業時間外の学習時間はどの程度でしたか この授業を後輩に勧めますか",
)
_NUMBERS = {"n": (12, 480), "pct": (2, 38), "month": (1, 12), "k": (1, 9), "m": (1, 5)}


class _Slots(dict[str, str]):
    """``str.format_map`` source: every ``{slot}`` draws a fresh value from its pool."""

    def __init__(self, rng: random.Random, **fixed: str) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key in _NUMBERS:
            return str(self.rng.randint(*_NUMBERS[key]))
        return self.rng.choice(POOLS[key])


def fill(rng: random.Random, template: str, **fixed: str) -> str:
    """*template* with its slots filled from :data:`POOLS`."""
    return template.format_map(_Slots(rng, **fixed))


OFFICE = (
    "{org}では、{topic}について検討を行った。",
    "{topic}に関しては、前年度の実績を踏まえ、{measure}を進めることとした。",
    "{org}から{topic}の進捗状況について報告があり、了承された。",
    "その結果、{result}ことが確認された。",
    "参加者は延べ{n}名であり、前年度と比べて{pct}%増加した。",
    "今後は、{topic}とあわせて{measure}を検討する必要がある。",
    "なお、詳細については別紙{m}のとおりである。",
    "{month}月末までに{org}において取りまとめ、次回の会議で報告する予定である。",
    "委員からは、{opinion}との意見が出された。",
    "これに対し、{org}からは{answer}との説明があった。",
    "{topic}については、{period}を目途に実施計画を策定する。",
    "特に、{issue}が課題として挙げられる。",
    "この点について、関係部局と協議のうえ、必要な措置を講じることとした。",
    "{measure}により、{result}との評価が得られている。",
)
RESEARCH = (
    "本研究では、{rtopic}を対象として、{method}に基づく手法を提案する。",
    "従来の{method}による手法では、{limitation}という問題があった。",
    "{data}を用いた評価実験の結果、提案手法は従来手法と比べて{metric}が{pct}%改善した。",
    "この結果は、{finding}ことを示唆している。",
    "今後の課題として、{future}が挙げられる。",
    "実験には{data}を用い、{n}件の試料を学習用と評価用に分割した。",
    "図{m}に{metric}の推移を、表{m}に条件ごとの比較を示す。",
    "{rtopic}は多くの応用分野で重要な役割を果たしている。",
    "一方で、{limitation}ため、実用化には至っていない。",
)
ARTICLES = (
    "この規程は、本学における{subject}に関し必要な事項を定めるものとする。",
    "{subject}を行おうとする者は、所定の様式により{head}に届け出なければならない。",
    "{head}は、前項の届出があったときは、速やかに審査し、その結果を通知するものとする。",
    "前条の規定にかかわらず、{head}が特に必要と認めるときは、この限りでない。",
    "{subject}に要する経費は、当該部局の予算から支出するものとする。",
    "この規程に定めるもののほか、{subject}に関し必要な事項は、{head}が別に定める。",
)
ARTICLE_NAMES = "目的 定義 適用範囲 管理体制 届出 審査 利用の制限 経費 報告 雑則".split()
WEEKDAYS = "月火水木金土日"


def paragraphs(rng: random.Random, pool: Sequence[str], chars: int) -> list[str]:
    """Paragraphs of 3–6 sentences from *pool*, about *chars* characters in all."""
    out: list[str] = []
    total = 0
    while total < chars:
        text = "".join(fill(rng, rng.choice(pool)) for _ in range(rng.randint(3, 6)))
        out.append(text)
        total += len(text)
    return out


def pages(rng: random.Random) -> int:
    """1–20 pages, most documents short."""
    return min(20, max(1, int(rng.lognormvariate(1.4, 0.8))))


def day_in(rng: random.Random, year: int) -> dt.datetime:
    """A working-hours moment of fiscal *year* (April to March)."""
    day = random_date(rng, dt.date(year, 4, 1), dt.date(year + 1, 3, 20))
    return dt.datetime(day.year, day.month, day.day, rng.randint(8, 18), rng.randint(0, 59))


def _date(when: dt.date) -> str:
    return f"{when.year}年{when.month}月{when.day}日（{WEEKDAYS[when.weekday()]}）"


# --------------------------------------------------------------------------- prose documents


def _sections(
    rng: random.Random, headings: Sequence[str], pool: Sequence[str], chars: int
) -> list[Block]:
    blocks: list[Block] = []
    per = max(300, chars // max(1, len(headings)))
    for heading in headings:
        blocks.append(Para(heading, "heading"))
        blocks += [Para(p) for p in paragraphs(rng, pool, per)]
    return blocks


def minutes(rng: random.Random, title: str, year: int) -> Document:
    when = day_in(rng, year)
    agenda = [fill(rng, "{topic}について") for _ in range(rng.randint(2, 5))]
    blocks: list[Block] = [
        Para(title, "title"),
        Para(f"日時：{_date(when)}{when.hour}時00分から{when.hour + 1}時30分まで"),
        Para(fill(rng, "場所：{place}2階{room}（オンライン併用）")),
        Para(f"出席：委員{rng.randint(6, 20)}名（欠席{rng.randint(0, 3)}名）、陪席：事務部"),
        *_sections(
            rng, [f"議題{i}　{a}" for i, a in enumerate(agenda, 1)], OFFICE, pages(rng) * 1000
        ),
        Para("報告事項", "heading"),
        *(Para(fill(rng, "・{topic}について、{org}から報告があった。")) for _ in range(3)),
        Para(f"次回は{when.month % 12 + 1}月に開催する予定である。", "small"),
    ]
    return Document(title, blocks, level=0, author=fill(rng, "{org}"), date=when)


def notice(rng: random.Random, title: str, year: int) -> Document:
    when = day_in(rng, year)
    start = when.date() + dt.timedelta(days=rng.randint(7, 30))
    blocks: list[Block] = [
        Para(f"{fill(rng, '{org}')}第{rng.randint(10, 999)}号", "small"),
        Para(f"{when.year}年{when.month}月{when.day}日", "small"),
        Para("各部局長　殿"),
        Para(title, "title"),
        *(Para(p) for p in paragraphs(rng, OFFICE, rng.randint(2, 6) * 300)),
        Para("記", "heading"),
        Para(f"1．期間　{_date(start)}から{_date(start + dt.timedelta(days=14))}まで"),
        Para(fill(rng, "2．対象　{org}の所属教職員及び学生")),
        Para(fill(rng, "3．場所　{place}{room}")),
        Para(fill(rng, "4．問い合わせ先　{org}（学内便）")),
        Para("以上", "small"),
    ]
    return Document(title, blocks, level=0, author=fill(rng, "{org}"), date=when)


def report(rng: random.Random, title: str, year: int) -> Document:
    headings = ["1．目的", "2．実施概要", "3．結果", "4．考察", "5．今後の課題"]
    blocks: list[Block] = [Para(title, "title"), Para(fill(rng, "{org}"), "small")]
    blocks += _sections(rng, headings, OFFICE, pages(rng) * 1000)
    return Document(title, blocks, level=0, author=fill(rng, "{org}"), date=day_in(rng, year))


def research(rng: random.Random, title: str, year: int) -> Document:
    headings = ["1．はじめに", "2．関連研究", "3．提案手法", "4．評価実験", "5．おわりに"]
    blocks: list[Block] = [Para(title, "title"), Para(fill(rng, "{lab}"), "small")]
    blocks += _sections(rng, headings, RESEARCH, pages(rng) * 1000)
    return Document(title, blocks, level=0, author=fill(rng, "{lab}"), date=day_in(rng, year))


def regulation(rng: random.Random, title: str, year: int) -> Document:
    blocks: list[Block] = [Para(title, "title"), Para(f"{year}年4月1日制定", "small")]
    last = rng.randint(5, 29)
    for k in range(1, last + 1):
        name = (
            ARTICLE_NAMES[k - 1]
            if k <= 2
            else "雑則"
            if k == last
            else rng.choice(ARTICLE_NAMES[2:9])
        )
        blocks.append(Para(f"第{k}条（{name}）", "heading"))
        first = ARTICLES[0] if k == 1 else rng.choice(ARTICLES[1:])
        blocks += [Para(fill(rng, first))]
        blocks += [Para(fill(rng, rng.choice(ARTICLES[1:]))) for _ in range(rng.randint(0, 2))]
    blocks += [Para("附則", "heading"), Para(f"この規程は、{year}年4月1日から施行する。")]
    return Document(title, blocks, level=0, author="総務課", date=day_in(rng, year))


def syllabus(rng: random.Random, title: str, year: int) -> Document:
    course = title.split("シラバス")[0]
    topics = [fill(rng, "{rtopic}") if i % 3 else f"{course}の基礎（{i}）" for i in range(1, 16)]
    blocks: list[Block] = [
        Para(title, "title"),
        Para(
            f"開講：{year}年度 {rng.choice(POOLS['term'])} {rng.choice(WEEKDAYS[:5])}曜{rng.randint(1, 5)}限　単位数：2"
        ),
        Para("授業の概要と目標", "heading"),
        *(Para(p) for p in paragraphs(rng, RESEARCH, 600)),
        Para("授業計画", "heading"),
        Table([Column("回"), Column("内容", width=40)], [[i, t] for i, t in enumerate(topics, 1)]),
        Para("成績評価", "heading"),
        Para(f"期末試験{rng.choice((50, 60, 70))}%、レポート及び小テストにより総合的に評価する。"),
        Para("教科書・参考書", "heading"),
        Para("教科書は指定しない。授業中に資料を配布する。"),
    ]
    return Document(title, blocks, level=0, author="教務課", date=day_in(rng, year))


def slides(rng: random.Random, title: str, year: int) -> Document:
    blocks: list[Block] = []
    for _ in range(rng.randint(4, 25)):
        blocks.append(
            Para(fill(rng, rng.choice(("{topic}", "{rtopic}の現状", "{measure}"))), "heading")
        )
        for _ in range(rng.randint(2, 6)):
            blocks.append(Para(fill(rng, rng.choice(OFFICE + RESEARCH)).rstrip("。")))
    return Document(title, blocks, level=0, author=fill(rng, "{org}"), date=day_in(rng, year))


MEMO_LINES = (
    "・{measure}を{month}月中に実施する。",
    "・{issue}に注意。",
    "・{org}と調整済み。",
    "・{result}。",
)


def memo(rng: random.Random, title: str, year: int) -> Document:
    size = int(rng.lognormvariate(1.6, 1.0) * 1000)  # bytes of UTF-8, 1–50 KB
    chars = min(50_000, max(1_000, size)) // 3
    blocks: list[Block] = [Para(title, "title")]
    while chars > 0:
        blocks.append(Para(fill(rng, "■{topic}"), "heading"))
        for _ in range(rng.randint(2, 5)):
            text = fill(rng, rng.choice(MEMO_LINES))
            blocks.append(Para(text))
            chars -= len(text)
        text = "".join(paragraphs(rng, OFFICE, 200))
        blocks.append(Para(text))
        chars -= len(text) + 20
    return Document(title, blocks, level=0, author=fill(rng, "{org}"), date=day_in(rng, year))


# --------------------------------------------------------------------------- tables


def rows_for(kind: str, rng: random.Random) -> int:
    """Rows of a plain table: log-uniform from 10 to 500 (xlsx), 2,000 (csv) or 60 (others)."""
    high = {"xlsx": 500, "csv": 2000}.get(kind, 60)
    return min(high, int(10 * (high / 10) ** rng.random()))


def _cols(headers: str) -> list[Column]:
    return [Column(header) for header in headers.split()]


def _table_doc(rng: random.Random, title: str, year: int, tables: list[Table]) -> Document:
    return Document(title, tables, level=0, author=fill(rng, "{unit}"), date=day_in(rng, year))


def budget(rng: random.Random, title: str, year: int, rows: int) -> Document:
    tables = []
    for sheet in range(rng.choice((1, 1, 2, 3))):
        body: list[list[Cell]] = []
        for _ in range(rows):
            plan = rng.randint(5, 900) * 10_000
            spent = int(plan * rng.uniform(0.1, 1.05)) // 100 * 100
            body.append(
                [
                    fill(rng, "{budget}"),
                    fill(rng, "{unit}"),
                    plan,
                    spent,
                    plan - spent,
                    round(spent * 100 / plan, 1),
                ]
            )
        columns = _cols("予算科目 部署 予算額（円） 執行額（円） 残額（円） 執行率（%）")
        tables.append(Table(columns, body, name=f"{year + sheet}年度", title=[title]))
    return _table_doc(rng, title, year, tables)


def timetable(rng: random.Random, title: str, year: int, rows: int) -> Document:
    body: list[list[Cell]] = [
        [
            f"{rng.randint(1, 4)}年次",
            rng.choice(WEEKDAYS[:5]),
            f"{rng.randint(1, 5)}限",
            fill(rng, "{course}"),
            f"{rng.choice('ABC')}{rng.randint(101, 412)}",
        ]
        for _ in range(rows)
    ]
    columns = _cols("学年 曜日 時限 授業科目 教室")
    return _table_doc(rng, title, year, [Table(columns, body, name="時間割", title=[title])])


def inventory(rng: random.Random, title: str, year: int, rows: int) -> Document:
    body: list[list[Cell]] = []
    for i in range(rows):
        bought = random_date(rng, dt.date(year - 12, 4, 1), dt.date(year, 3, 31))
        body.append(
            [
                f"K{bought.year}-{i + 1:04d}",
                fill(rng, "{item}"),
                rng.randint(1, 6),
                fill(rng, "{place}{k}階"),
                bought,
                rng.randint(3, 400) * 1000,
                fill(rng, "{unit}"),
            ]
        )
    columns = _cols("備品番号 品名 数量 設置場所 取得年月日 取得価格（円） 管理部署")
    return _table_doc(rng, title, year, [Table(columns, body, name="備品台帳")])


def bookings(rng: random.Random, title: str, year: int, rows: int) -> Document:
    body: list[list[Cell]] = []
    for _ in range(rows):
        hour = rng.randint(9, 17)
        body.append(
            [
                day_in(rng, year).date(),
                f"{hour}:00",
                f"{hour + rng.randint(1, 3)}:00",
                fill(rng, "{place}{room}"),
                fill(rng, "{committee}"),
                fill(rng, "{unit}"),
                rng.randint(4, 60),
            ]
        )
    columns = _cols("利用日 開始 終了 施設 用途 利用部署 予定人数")
    return _table_doc(rng, title, year, [Table(columns, body, name="予約一覧")])


def courses(rng: random.Random, title: str, year: int, rows: int) -> Document:
    body: list[list[Cell]] = [
        [
            f"K{year % 100}-{rng.randint(1000, 2999)}",
            fill(rng, "{course}"),
            rng.choice((1, 2, 2, 4)),
            rng.choice(POOLS["term"]),
            f"{rng.choice(WEEKDAYS[:5])}{rng.randint(1, 5)}",
            f"{rng.choice('ABC')}{rng.randint(101, 412)}",
            rng.randint(5, 180),
        ]
        for _ in range(rows)
    ]
    columns = _cols("科目コード 授業科目 単位数 学期 曜日時限 教室 受講者数")
    return _table_doc(rng, title, year, [Table(columns, body, name="開講科目")])


def survey(rng: random.Random, title: str, year: int, rows: int) -> Document:
    body: list[list[Cell]] = []
    choices = "そう思う ややそう思う どちらともいえない あまりそう思わない そう思わない".split()
    for i in range(max(1, rows // 5)):
        question, counts = fill(rng, "{question}"), [rng.randint(0, 120) for _ in choices]
        total = max(1, sum(counts))
        body += [
            [f"Q{i + 1}", question, c, n, round(n * 100 / total, 1)]
            for c, n in zip(choices, counts, strict=True)
        ]
    columns = _cols("設問 内容 選択肢 回答数 割合（%）")
    return _table_doc(rng, title, year, [Table(columns, body, name="集計")])


def schedule(rng: random.Random, title: str, year: int, rows: int) -> Document:
    days = sorted(day_in(rng, year).date() for _ in range(rows))
    body: list[list[Cell]] = [
        [
            d,
            fill(rng, "{event}"),
            rng.choice(("全学", "学部生", "大学院生", "教職員")),
            fill(rng, "{place}"),
            "",
        ]
        for d in days
    ]
    columns = _cols("月日 行事 対象 場所 備考")
    return _table_doc(rng, title, year, [Table(columns, body, name="行事予定", title=[title])])


# --------------------------------------------------------------------------- personal data


def pii_document(rng: random.Random, genre: str, key: str) -> Document:
    """A document with personal data from the sample corpus's builders (own people per *key*)."""
    n = rng.randint(8, 40)
    if genre == "roster":
        course = fill(rng, "{course}")
        code = f"K24-{rng.randint(1000, 2999)}"
        return kyomu.roster(
            key, n, course, code, title_rows=rng.random() < 0.5, email=rng.random() < 0.6
        )
    if genre == "contacts":
        return kyomu.contacts(key, n)
    if genre == "personal":
        return kyomu.personal_info(key, n)
    if genre == "grades":
        chosen = tuple(rng.sample(POOLS["course"], rng.randint(1, 3)))
        return kyomu.course_grades(key, chosen, n // 2 + 4, n)
    if genre == "answers":
        return kyomu.answer_sheets(key, rng.randint(2, 12))
    if genre == "interview":
        return kyomu.interview_records(key, rng.randint(2, 6))
    if genre == "table":
        return kyomu.personal_table(key, n // 2 + 3)
    if genre == "personnel":
        return kaikei.personnel_records(rng.randint(1, 4), key)
    if genre == "travel":
        return kaikei.travel_orders_external(
            with_bank=rng.random() < 0.5, count=n // 3 + 3, key=key
        )
    raise ValueError(f"unknown personal-data genre {genre}")


#: Which personal-data builders each format gets.
PII_GENRES: dict[str, tuple[str, ...]] = {
    "docx": ("interview", "table", "personnel", "roster"),
    "xlsx": ("roster", "contacts", "personal", "grades", "travel"),
    "pdf": ("answers", "roster", "personnel", "interview"),
    "pptx": ("roster", "table"),
    "csv": ("roster", "contacts", "personal", "travel"),
    "txt": ("interview",),
    "md": ("interview",),
    "eml": ("roster",),
    "zip": ("contacts",),
    "html": ("roster",),
}

#: The columns of the 100,000-row rosters.
ROSTER_COLUMNS = [
    C_SID,
    C_NAME,
    C_KANA,
    C_DOB,
    Column("電話番号", ("PHONE_NUMBER",)),
    C_EMAIL,
    Column("住所", ("JP_ADDRESS",)),
    Column("所属"),
]
_FACULTIES = (
    ("15", "T", "工学部", ("情報知能工学科", "機械工学科", "電気電子工学科", "建築学科")),
    ("13", "S", "理学部", ("数学科", "物理学科", "化学科")),
    ("01", "L", "文学部", ("人文学科",)),
    ("05", "E", "経済学部", ("経済学科",)),
    ("03", "J", "法学部", ("法律学科",)),
    ("09", "A", "農学部", ("生命機能科学科",)),
)


def _cp932(*texts: str) -> bool:
    try:
        for text in texts:
            text.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def roster_table(seed: str, rows: int) -> Table:
    """A 全学 roster of *rows* students drawn from Faker ``ja_JP`` pools (CP932-safe)."""
    rng, fake = rng_for(seed)
    family = [p for p in (fake.last_name_pair() for _ in range(500)) if _cp932(*p)]
    given = {
        sex: [p for p in (pick() for _ in range(400)) if _cp932(*p)]
        for sex, pick in (("m", fake.first_name_male_pair), ("f", fake.first_name_female_pair))
    }
    towns = [
        t
        for t in (f"{fake.prefecture()}{fake.city()}{fake.town()}" for _ in range(400))
        if _cp932(t)
    ]
    serial: dict[tuple[int, str], int] = {}
    body: list[list[Cell]] = []
    for _ in range(rows):
        fam, first = rng.choice(family), rng.choice(given[rng.choice("mf")])
        entry = rng.randint(2015, 2024)
        code, letter, faculty, depts = rng.choice(_FACULTIES)
        number = serial[entry, code] = serial.get((entry, code), 0) + 1
        mail = f"{first[2].lower()}.{fam[2].lower()}{rng.randint(1, 99)}@example.{rng.choice(('com', 'net', 'jp'))}"
        body.append(
            [
                f"{entry % 100:02d}{code}{number:04d}{letter}",
                f"{fam[0]} {first[0]}",
                f"{fam[1]} {first[1]}",
                random_date(rng, dt.date(entry - 19, 4, 2), dt.date(entry - 18, 4, 1)),
                mobile_phone(rng),
                mail,
                f"{rng.choice(towns)}{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
                f"{faculty}{rng.choice(depts)}",
            ]
        )
    return Table(ROSTER_COLUMNS, body, name="在籍者一覧")


def roster_bytes(table: Table, kind: str, encoding: str, when: dt.datetime) -> bytes:
    """A roster as a system exports it: streamed XLSX, or CSV in *encoding*."""
    if kind == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(table.headers)
        writer.writerows([cell_text(v) for v in row] for row in table.rows)
        return buf.getvalue().encode(encoding)
    return xlsx_bytes(Document(table.name, [table], level=2, author="教務システム", date=when))


def xlsx_bytes(doc: Document) -> bytes:
    """A workbook streamed by openpyxl: one sheet per table, title lines above a bold header."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for table in doc.tables:
        ws = wb.create_sheet(table.name)
        for i, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        for line in table.title:
            ws.append([line])
        if table.title:
            ws.append([])
        header = []
        for text in table.headers:
            cell = WriteOnlyCell(ws, text)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        ws.append(header)
        for row in table.rows:
            ws.append(list(row))
    wb.properties.creator = wb.properties.lastModifiedBy = doc.author
    wb.properties.title = doc.title
    wb.properties.created = wb.properties.modified = doc.date
    buf = io.BytesIO()
    wb.save(buf)
    stamp = doc.date.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def edit(name: str, body: bytes) -> bytes:  # openpyxl stamps the save time
        if name != "docProps/core.xml":
            return body
        start = body.index(b">", body.index(b"<dcterms:modified")) + 1
        return body[:start] + stamp + body[body.index(b"<", start) :]

    return normalize_zip(buf.getvalue(), doc.date, edit)


# --------------------------------------------------------------------------- rendering


def _spread(blocks: Sequence[Block], count: int) -> dict[int, int]:
    """Block index → number of pictures to place after it, spread over the document."""
    spots: dict[int, int] = {}
    for k in range(count):
        at = (k + 1) * len(blocks) // (count + 1)
        spots[at] = spots.get(at, 0) + 1
    return spots


def _media_stored(data: bytes, when: dt.datetime) -> bytes:
    """Fixed ZIP timestamps; pictures stored uncompressed (JPEG does not deflate)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        media = [n for n in zf.namelist() if "/media/" in n]
    return normalize_zip(data, when, stored=media)


def docx_bytes(doc: Document, pictures: Sequence[Picture], rng: random.Random) -> bytes:
    """A Word file: headings, paragraphs, tables, pictures with captions."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Century"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "ＭＳ 明朝")
    styles = {"title": document.styles["Title"], "heading": document.styles["Heading 2"]}
    section = document.sections[0]
    if doc.header:
        section.header.paragraphs[0].text = doc.header
    if doc.footer:
        section.footer.paragraphs[0].text = doc.footer
    spots = _spread(doc.blocks, len(pictures))
    shown = 0
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Para):
            document.add_paragraph(block.text, styles.get(block.style))
        elif isinstance(block, Table):
            grid = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
            grid.style = "Table Grid"
            for row, values in zip(grid.rows, [block.headers, *block.rows], strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = cell_text(value)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for _ in range(spots.get(i, 0)):
            data, width, height = pictures[shown]
            shown += 1
            document.add_picture(io.BytesIO(data), width=Cm(14 if width >= height else 9))
            document.add_paragraph(fill(rng, f"写真{shown}　{{caption}}"))
    core = document.core_properties
    core.author = core.last_modified_by = doc.author
    core.title = doc.title
    core.created = core.modified = doc.date
    core.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _media_stored(buf.getvalue(), doc.date)


def pptx_bytes(doc: Document, pictures: Sequence[Picture], rng: random.Random) -> bytes:
    """Slides: one per heading with its bullets, a slide per picture (between them)."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = doc.title
    first.placeholders[1].text = doc.author
    spots = _spread(doc.blocks, len(pictures))
    shown = 0
    frame = None
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Para) and block.style in ("title", "heading"):
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = block.text
            frame = slide.placeholders[1].text_frame
        elif isinstance(block, Para) and frame is not None:
            paragraph = frame.paragraphs[0] if not frame.text else frame.add_paragraph()
            paragraph.text = block.text
        for _ in range(spots.get(i, 0)):
            data, width, height = pictures[shown]
            shown += 1
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = fill(rng, "{caption}")
            tall = Emu(4800000)
            wide = Emu(min(11000000, tall * width // height))
            slide.shapes.add_picture(
                io.BytesIO(data), Emu((12192000 - wide) // 2), Emu(1600000), width=wide
            )
    core = prs.core_properties
    core.author = core.last_modified_by = doc.author
    core.title = doc.title
    core.created = core.modified = doc.date
    core.revision = 1
    buf = io.BytesIO()
    prs.save(buf)
    return _media_stored(buf.getvalue(), doc.date)


def _wrap(text: str, width: float) -> list[str]:
    """Split CJK text into lines of at most *width* ems (ASCII counts half)."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = 0.5 if ch.isascii() else 1.0
        if used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    return [*lines, line]


def pdf_bytes(doc: Document, pictures: Sequence[Picture], rng: random.Random) -> bytes:
    """An A4 PDF drawn line by line (CID fonts, not embedded) with JPEGs passed through."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    for font in ("HeiseiKakuGo-W5", "HeiseiMin-W3"):
        if font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(font))
    a85, rl_config.useA85 = rl_config.useA85, 0  # JPEGs go in as they are, not ASCII85-encoded
    try:
        return _draw_pdf(doc, pictures, rng)
    finally:
        rl_config.useA85 = a85


def _draw_pdf(doc: Document, pictures: Sequence[Picture], rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    page_w, page_h = A4
    margin, bottom = 56.0, 56.0
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.author)
    y = page_h - margin

    def line(text: str, font: str, size: float, x: float = margin) -> None:
        nonlocal y
        if y - size * 1.7 < bottom:
            canvas.showPage()
            y = page_h - margin
        y -= size * 1.7
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)

    spots = _spread(doc.blocks, len(pictures))
    shown = 0
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Para):
            size = {"title": 16.0, "heading": 12.0, "small": 9.0}.get(block.style, 10.5)
            font = "HeiseiKakuGo-W5" if block.style in ("title", "heading") else "HeiseiMin-W3"
            for text in _wrap(block.text, (page_w - 2 * margin) / size):
                line(text, font, size)
        elif isinstance(block, Table):
            step = (page_w - 2 * margin) / len(block.columns)
            for r, values in enumerate([block.headers, *block.rows]):
                line("", "HeiseiMin-W3", 8.5)
                for c, value in enumerate(values):
                    cell = _wrap(cell_text(value), step / 8.5 - 1)[0]
                    canvas.setFont("HeiseiKakuGo-W5" if r == 0 else "HeiseiMin-W3", 8.5)
                    canvas.drawString(margin + c * step, y, cell)
        elif isinstance(block, PageBreak):
            canvas.showPage()
            y = page_h - margin
        for _ in range(spots.get(i, 0)):
            data, width, height = pictures[shown]
            shown += 1
            draw_w = page_w - 2 * margin if width >= height else (page_w - 2 * margin) * 0.6
            draw_h = draw_w * height / width
            if y - draw_h - 20 < bottom:
                canvas.showPage()
                y = page_h - margin
            y -= draw_h
            canvas.drawImage(ImageReader(io.BytesIO(data)), margin, y, draw_w, draw_h)
            line(fill(rng, f"写真{shown}　{{caption}}"), "HeiseiMin-W3", 9.0)
    canvas.save()
    return buf.getvalue()


def markdown(doc: Document) -> str:
    """Markdown: ``#`` headings, paragraphs, pipe tables."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Para):
            prefix = {"title": "# ", "heading": "## "}.get(block.style, "")
            out += [prefix + block.text, ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(block.headers) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(cell_text(v) for v in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


OFFICE_MAIL = (
    ("学務部教務課", "kyomu@example.ac.jp"),
    ("総務部総務課", "somu@example.ac.jp"),
    ("財務部経理課", "keiri@example.ac.jp"),
    ("工学部事務室", "eng-office@example.ac.jp"),
)


def mail_bytes(doc: Document, seed: str, attachments: Sequence[tuple[str, bytes, str]]) -> bytes:
    """An organisational mail (office to office) with *doc* as its body."""
    rng = random.Random(seed)
    sender, to = rng.sample(OFFICE_MAIL, 2)
    body = "\r\n".join(["関係各位", "", *lines_of(doc), "", f"{sender[0]}"])
    return write_eml(
        sender=sender,
        to=to,
        subject=doc.title,
        body=body,
        attachments=attachments,
        when=doc.date,
        message_id=f"bench.{rng.getrandbits(40):010x}",
    )


def pii_mail(doc: Document, key: str) -> bytes:
    """A member from a lab mailing a roster: names in the body, the roster as CSV."""
    sender = staff(key + ":sender", 1)[0].person
    table = doc.tables[0]
    lines = ["工学部教務係 御中", "", "ゼミ配属が決まりましたので、以下のとおり連絡します。", ""]
    lines += [f"{row[1]}　{row[2]}" for row in table.rows[:10]]
    lines += ["", "全員の一覧を添付します。", "", sender.name()]
    return write_eml(
        sender=(
            sender.name(),
            f"{sender.given_roman.lower()}.{sender.family_roman.lower()}@example.ac.jp",
        ),
        to=("工学部教務係", "eng-kyomu@example.ac.jp"),
        subject="ゼミ配属者一覧",
        body="\r\n".join(lines),
        attachments=[("配属者一覧.csv", render_csv(table), "text/csv")],
        when=doc.date,
        message_id=f"bench.{key}",
    )


def render(
    kind: str, doc: Document, pictures: Sequence[Picture], rng: random.Random, seed: str, pii: bool
) -> bytes:
    """The bytes of *doc* as a *kind* file."""
    if kind == "docx":
        return docx_bytes(doc, pictures, rng)
    if kind == "pptx":
        return render_pptx(doc) if pii else pptx_bytes(doc, pictures, rng)
    if kind == "pdf":
        return render_pdf(doc) if pii else pdf_bytes(doc, pictures, rng)
    if kind == "xlsx":
        return xlsx_bytes(doc)
    if kind == "csv":
        return render_csv(doc.tables[0], rng.choice(("utf-8-sig", "utf-8-sig", "cp932")))
    if kind == "txt":
        return render_txt(doc, rng.choice(("utf-8", "utf-8", "cp932")))
    if kind == "md":
        return (markdown(doc) + "\n").encode("utf-8")
    if kind == "html":
        return render_html(doc, rng.choice(("utf-8", "utf-8", "cp932")))
    if kind == "eml":
        if pii:
            return pii_mail(doc, seed)
        files = [(f"{doc.title}.pdf", pdf_bytes(doc, (), rng), "application/pdf")]
        return mail_bytes(doc, seed, files if rng.random() < 0.5 else [])
    if kind == "zip":
        members = [
            Member(f"{doc.title}.docx", docx_bytes(doc, (), rng)),
            Member(f"{doc.title}.txt", render_txt(doc, "cp932")),
        ]
        if pii:
            members = [
                Member("連絡先一覧.xlsx", xlsx_bytes(doc)),
                Member("連絡先一覧.csv", render_csv(doc.tables[0], "cp932")),
            ]
        return write_zip(members, doc.date, name_encoding=rng.choice(("cp932", "utf-8")))
    raise ValueError(f"unknown kind {kind}")


def text_chars(doc: Document) -> int:
    """Characters of text put into *doc* (paragraphs, table titles, headers and cells)."""
    total = 0
    for block in doc.blocks:
        if isinstance(block, Para):
            total += len(block.text)
        elif isinstance(block, Table):
            total += sum(map(len, block.title)) + sum(map(len, block.headers))
            total += sum(len(cell_text(v)) for row in block.rows for v in row)
    return total


# --------------------------------------------------------------------------- genres

Build = Callable[[random.Random, str, int, int], Document]


def _prose(build: Callable[[random.Random, str, int], Document]) -> Build:
    return lambda rng, title, year, rows: build(rng, title, year)


@dataclass(frozen=True)
class Genre:
    """A family of plain documents: formats, folder and file-title templates, builder."""

    kinds: tuple[str, ...]
    folders: tuple[str, ...]
    titles: tuple[str, ...]
    build: Build
    photos: bool = False  # the documents that get pictures first


def _genre(kinds: str, folders: str, titles: str, build: Build, photos: bool = False) -> Genre:
    return Genre(tuple(kinds.split()), tuple(folders.split()), tuple(titles.split()), build, photos)


GENRES: dict[str, Genre] = {
    "minutes": _genre(
        "docx pdf txt md eml zip",
        "教務/{year}/委員会 総務/会議/{year} 研究室/{lab}/ゼミ/{year} 会計/{year}/会議",
        "{year}年度第{k}回{committee}議事録 {committee}議事要旨（{year}年{month}月）",
        _prose(minutes),
    ),
    "notice": _genre(
        "docx pdf txt eml zip html",
        "総務/通知/{year} 教務/{year}/通知 学生支援/{year}/お知らせ",
        "{ntopic}について（通知） {ntopic}のお知らせ",
        _prose(notice),
        photos=True,
    ),
    "report": _genre(
        "docx pdf",
        "総務/報告書/{year} 研究室/{lab}/報告書 学生支援/{year}/報告 教務/{year}/FD",
        "{year}年度{topic}に関する報告書 {topic}実施報告",
        _prose(report),
        photos=True,
    ),
    "syllabus": _genre(
        "docx pdf html", "教務/{year}/シラバス/{term}", "{course}シラバス{year}", _prose(syllabus)
    ),
    "regulation": _genre(
        "docx pdf txt zip",
        "総務/規程 総務/規程/旧規程 会計/規程",
        "{subject}に関する規程 {subject}取扱要項",
        _prose(regulation),
    ),
    "research": _genre(
        "docx pdf md",
        "研究室/{lab}/論文草稿/{year} 研究室/{lab}/研究計画",
        "{rtopic}に関する研究（草稿） 研究計画書_{rtopic}",
        _prose(research),
        photos=True,
    ),
    "slides": _genre(
        "pptx pdf",
        "研究室/{lab}/発表資料/{year} 教務/{year}/講義資料/{course} 学生支援/{year}/説明会",
        "{course}第{k}回講義資料 {rtopic}の検討（中間報告） {ntopic}説明会資料",
        _prose(slides),
        photos=True,
    ),
    "memo": _genre(
        "txt md",
        "総務/メモ 教務/{year}/引継ぎ 研究室/{lab}/メモ 会計/{year}/メモ",
        "業務メモ_{topic} 引継ぎメモ{year} 作業手順_{measure}",
        _prose(memo),
    ),
    "budget": _genre(
        "xlsx csv pdf",
        "会計/{year}/予算 研究室/{lab}/予算",
        "{year}年度予算執行状況 {year}年度予算配分表",
        budget,
    ),
    "timetable": _genre("xlsx pdf", "教務/{year}/時間割", "{year}年度{term}時間割", timetable),
    "inventory": _genre(
        "xlsx csv",
        "会計/{year}/物品 研究室/{lab}/備品 総務/備品台帳",
        "備品台帳_{year} {lab}備品一覧",
        inventory,
    ),
    "bookings": _genre("xlsx csv", "総務/施設/{year}", "施設予約状況_{year}年{month}月", bookings),
    "courses": _genre("xlsx csv", "教務/{year}/開講科目", "{year}年度開講科目一覧", courses),
    "survey": _genre(
        "xlsx csv",
        "教務/{year}/授業評価 学生支援/{year}/アンケート",
        "{year}年度{term}授業評価アンケート集計 {ntopic}アンケート結果",
        survey,
    ),
    "schedule": _genre(
        "xlsx docx", "総務/行事/{year} 教務/{year}", "{year}年度年間行事予定", schedule
    ),
}

#: Folder and file-title templates of the personal-data documents, per builder.
PII_PLACES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (tuple(folders.split()), tuple(titles.split()))
    for name, folders, titles in (
        (
            "roster",
            "教務/{year}/名簿/{term} 研究室/{lab}/メンバー",
            "{course}_履修者名簿 ゼミ配属者一覧",
        ),
        ("contacts", "学生支援/{year}/連絡先", "在学生連絡先名簿 連絡先一覧_{year}"),
        ("personal", "学生支援/{year}/身上調書", "在学生身上調書_{year}"),
        ("grades", "教務/{year}/成績", "{course}_成績一覧 成績表_{year}{term}"),
        ("answers", "教務/{year}/試験/{course}", "期末試験答案_{course}"),
        ("interview", "学生支援/{year}/面談記録", "面談記録_{year}年{month}月"),
        ("table", "研究室/{lab}/面談 教務/{year}/面談", "個別面談対象者一覧"),
        ("personnel", "総務/人事/{year}", "人事記録_{k}"),
        ("travel", "会計/{year}/旅費", "学外者旅費_{year}年{month}月"),
    )
}
