"""The manager's HTML report: one self-contained page, opened offline in any browser.

A 個人情報保護管理者 gets one file by mail or on a share and opens it on a machine that
may have no network: so the page carries its own CSS, script and charts (inline SVG),
and refers to nothing outside itself (a Content-Security-Policy forbids it besides).

What the page shows, top to bottom:

- the header (`ReportInfo`: title, when, from what, which scans, which filters);
- totals over *every* row written, as static HTML that needs no script; each number is
  marked for scripts and tests (``<td data-total="level-1" data-value="22">22</td>``);
- two bar charts (rows per level, rows per violation code);
- the per-directory and per-owner summaries (`reports.summaries`), worst first;
- the findings table, drawn by the inline script from the embedded JSON: sortable,
  filterable, 500 rows a page, with the filters kept in the URL fragment
  (``report.html#level=1&violation=UNENCRYPTED&owner=tanaka&q=名簿``) so that a view
  can be bookmarked, mailed, and checked in a headless browser.

At most `max_rows` rows are embedded, the most severe first; the totals still count
every row, and the page says how many rows were left out.

File names on a share are chosen by whoever can write there, so everything from a row
is escaped: `html.escape` in the page, ``\\u003c``-style escapes in the embedded JSON,
and the script writes cells with ``textContent`` only. The script is allowed by its
hash in the page's Content-Security-Policy: even an injected ``<script>`` or ``onerror``
attribute would not run.

Sample (abridged)::

    <!DOCTYPE html>
    <html lang="ja"><head><meta charset="utf-8"> … <title>piiscan findings</title> …
    <table class="totals"><caption>危険度別</caption>
    <tr class="lv-1"><th scope="row">危険度①</th><td data-total="level-1" data-value="3">3</td>…
    <script type="application/json" id="piiscan-data">{"columns":["path","risk_level",…
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO
from urllib.parse import quote

from reports.html_assets import SCRIPT, STYLE
from reports.model import COLUMNS, FileResult, ReportInfo
from reports.summaries import (
    LEVELS,
    TOTAL_KEY,
    DirectoryKey,
    Group,
    OwnerKey,
    Summarizer,
    level_of,
)

MAX_ROWS = 20_000  # rows embedded in the page: enough to browse, small enough to open
MAX_GROUPS = 200  # lines in each summary table
PAGE_SIZE = 500  # rows the script puts in the DOM at once

# The findings table's columns, in order; a report shows those of them it was given.
DISPLAY_COLUMNS: tuple[str, ...] = (
    "path",
    "risk_level",
    "category",
    "key_info",
    "records",
    "encrypted",
    "violations",
    "zone",
    "owner",
    "mtime",
    "change",
    "evidence",
    "error",
)
ALWAYS_SHOWN = ("path", "risk_level")

COLUMN_LABELS: dict[str, str] = {
    "path": "ファイル",
    "risk_level": "危険度",
    "category": "情報名",
    "key_info": "キー情報",
    "records": "推定人数",
    "encrypted": "暗号化",
    "violations": "違反",
    "zone": "保存場所",
    "owner": "所有者",
    "mtime": "更新日時",
    "change": "前回との差",
    "evidence": "検出例（マスク済み）",
    "error": "エラー",
}

LEVEL_LABELS: dict[str, str] = {
    "1": "危険度①",
    "2": "危険度②",
    "unknown": "未確認",
    "0": "個人情報なし",
}
LEVEL_NOTES: dict[str, str] = {
    "1": "キー情報を含む。原則として学外持ち出し不可",
    "2": "個人情報を含む。持ち出しには申請が必要",
    "unknown": "暗号化・読み取りエラーなどで中身を確認できなかった",
    "0": "個人情報は見つからなかった",
}

# Short labels for the SPEC's violation codes (the rules are classifier.violations'
# EXPLANATIONS; copied, not imported: reports depend on nothing but the result model).
VIOLATION_LABELS: dict[str, str] = {
    "UNENCRYPTED": "暗号化されていない",
    "TAKEOUT_PROHIBITED": "持ち出し禁止",
    "TAKEOUT_PERMIT_REQUIRED": "持ち出し申請が必要",
    "PUBLIC_LOCATION": "公開場所にある",
    "OUTSIDE_SECURE_AREA": "保護区域外",
    "WORLD_READABLE": "誰でも読める",
    "STALE": "保存期間超過",
}
VIOLATION_NOTES: dict[str, str] = {
    "UNENCRYPTED": "危険度①②のファイルが暗号化もパスワード設定もされていない",
    "TAKEOUT_PROHIBITED": "危険度①のファイルがUSBメモリ等・クラウド同期フォルダにある",
    "TAKEOUT_PERMIT_REQUIRED": "危険度②のファイルがUSBメモリ等・クラウド同期フォルダにある",
    "PUBLIC_LOCATION": "危険度①②のファイルが公開フォルダ（Web・公開）にある",
    "OUTSIDE_SECURE_AREA": "危険度①のファイルが指定の保護区域の外にある",
    "WORLD_READABLE": "危険度①②のファイルをマシンの誰もが読める",
    "STALE": "危険度①②のファイルが保存期間を超えて更新されていない",
}
CHANGE_LABELS: dict[str, str] = {
    "new": "新規",
    "changed": "変更",
    "unchanged": "変更なし",
    "gone": "削除済み",
}
UNKNOWN_OWNER = "（不明）"


class HtmlWriter:
    """Collects rows, then writes the whole page on `close` (totals come first in it).

    Rows are not all kept: totals and summaries are counted as rows come, and only the
    `max_rows` most severe rows are held for the findings table, so that a state
    database of 10^6 rows does not need 10^6 rows in memory.
    """

    def __init__(
        self,
        stream: TextIO,
        columns: Sequence[str] = COLUMNS,
        info: ReportInfo | None = None,
        *,
        max_rows: int = MAX_ROWS,
        max_groups: int = MAX_GROUPS,
    ) -> None:
        self._stream = stream
        self._info = info or ReportInfo()
        self._columns = [c for c in DISPLAY_COLUMNS if c in columns or c in ALWAYS_SHOWN]
        self._max_rows = max(0, max_rows)
        self._max_groups = max_groups
        self._dir_key = DirectoryKey(self._info.roots, 1 if self._info.roots else None)
        self._totals = Group(TOTAL_KEY)
        self._dirs = Summarizer(self._dir_key)
        self._owners = Summarizer(OwnerKey())
        self._changes: Counter[str] = Counter()
        self._with_violations = 0
        self._kept: list[tuple[tuple[int, str, int], FileResult]] = []
        self._seq = 0
        self._closed = False

    def write(self, result: FileResult) -> None:
        self._totals.add(result)
        self._dirs.add(result)
        self._owners.add(result)
        self._changes[result.change] += 1
        self._with_violations += bool(result.violations)
        self._kept.append((row_order(result, self._seq), result))
        self._seq += 1
        if len(self._kept) >= 2 * self._max_rows + 1024:
            self._trim()

    def close(self) -> None:
        """Render the page to the stream, once; the caller owns (and closes) the stream."""
        if self._closed:
            return
        self._closed = True
        self._trim()
        rows = [row for _, row in self._kept]
        page = render_page(
            info=self._info,
            columns=self._columns,
            totals=self._totals,
            changes=self._changes if "change" in self._columns else None,
            with_violations=self._with_violations,
            directories=self._dirs.groups(),
            owners=self._owners.groups(),
            rows=rows,
            row_dirs=[self._dir_key(row) for row in rows],
            max_groups=self._max_groups,
        )
        self._stream.write(page)

    def _trim(self) -> None:
        """Keep the `max_rows` most severe rows (sorting in batches: n log max_rows)."""
        self._kept.sort(key=lambda item: item[0])
        del self._kept[self._max_rows :]


def row_order(row: FileResult, seq: int = 0) -> tuple[int, str, int]:
    """The findings table's order: ①, ②, unknown, 0; then by path; then as written."""
    return (LEVELS.index(level_of(row)), row.path, seq)


# -- the page -------------------------------------------------------------------------


def render_page(
    *,
    info: ReportInfo,
    columns: Sequence[str],
    totals: Group,
    changes: Counter[str] | None,
    with_violations: int,
    directories: Sequence[Group],
    owners: Sequence[Group],
    rows: Sequence[FileResult],
    row_dirs: Sequence[str],
    max_groups: int = MAX_GROUPS,
) -> str:
    """The whole document as one string (`HtmlWriter.close` writes it)."""
    codes = _violation_codes(totals)
    data = _payload(columns, rows, row_dirs, totals.rows)
    parts = [
        _head(info),
        "<body>",
        _header(info),
        "<main>",
        _totals_section(totals, codes, changes, with_violations),
        _group_section(
            "directories",
            "フォルダ別",
            "フォルダ",
            directories,
            codes,
            max_groups,
            "dir",
            "危険度①の多い順。" + ("対象フォルダの1階層下ごとに集計。" if info.roots else ""),
        ),
        _group_section(
            "owners", "所有者別", "所有者", owners, codes, max_groups, "owner", "危険度①の多い順。"
        ),
        _findings_section(columns, len(rows), totals.rows),
        "</main>",
        "<footer><p>piiscan が作成。検出例はマスク済みで、個人情報そのものは含みません。"
        "この報告自体も個人情報の所在を示すため、取り扱いに注意してください。</p></footer>",
        f'<script type="application/json" id="piiscan-data">{_script_json(data)}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    page = "\n".join(parts) + "\n"
    # A lone surrogate (an undecodable byte in a file name) cannot be written as UTF-8.
    return page.encode("utf-8", "replace").decode("utf-8")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(key: str, value: int, tag: str = "td") -> str:
    """A total marked for scripts: text for people, `data-value` for machines."""
    return f'<{tag} class="num" data-total="{_e(key)}" data-value="{value}">{value:,}</{tag}>'


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _head(info: ReportInfo) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="ja">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp())}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="piiscan">',
            f"<title>{_e(info.title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
        ]
    )


def _header(info: ReportInfo) -> str:
    facts = [
        ("作成日時", info.generated),
        ("元データ", info.source),
        ("最新のスキャン", info.scan),
        ("前回のスキャン", info.previous),
        ("絞り込み条件", "、".join(info.filters)),
        ("対象フォルダ", "、".join(info.roots)),
    ]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts if v)
    return (
        '<header><h1 id="title">'
        f"{_e(info.title)}</h1>"
        '<p class="subtitle">個人情報の保存状況（危険度・違反）の報告</p>'
        + (f'<dl class="facts">{items}</dl>' if items else "")
        + "</header>"
    )


def _violation_codes(totals: Group) -> list[str]:
    """The SPEC's codes in its order (all shown, zero or not), then any others seen."""
    extra = sorted(code for code in totals.violations if code not in VIOLATION_LABELS)
    return [*VIOLATION_LABELS, *extra]


def _totals_section(
    totals: Group, codes: Sequence[str], changes: Counter[str] | None, with_violations: int
) -> str:
    level_rows = "".join(
        f'<tr class="lv-{level}"><th scope="row">{LEVEL_LABELS[level]}</th>'
        f"{_num(f'level-{level}', totals.levels[level])}"
        f'<td class="note">{LEVEL_NOTES[level]}</td></tr>'
        for level in LEVELS
    )
    level_table = (
        '<table class="totals" id="totals-levels"><caption>危険度別（行数）</caption>'
        f"{level_rows}"
        f'<tr class="sum"><th scope="row">合計</th>{_num("rows", totals.rows)}'
        '<td class="note">ファイルとアーカイブ・メール内のファイルの行数</td></tr></table>'
    )
    violation_rows = "".join(
        f'<tr><th scope="row">{_e(VIOLATION_LABELS.get(code, code))}</th>'
        f"{_num(f'violation-{code}', totals.violations[code])}"
        f'<td class="note"><code>{_e(code)}</code> {_e(VIOLATION_NOTES.get(code, ""))}</td></tr>'
        for code in codes
    )
    violation_table = (
        '<table class="totals" id="totals-violations"><caption>違反別（行数）</caption>'
        f"{violation_rows}"
        f'<tr class="sum"><th scope="row">違反のある行</th>'
        f"{_num('rows-with-violations', with_violations)}"
        '<td class="note">1行に複数の違反があり得ます</td></tr></table>'
    )
    facts = [
        ("files", "ファイル", totals.files, "ディスク上のファイル"),
        ("members", "アーカイブ・メール内", totals.members, "ZIP・メール等の中のファイル"),
        ("encrypted", "暗号化", totals.encrypted, "暗号化・パスワード設定あり"),
        ("errors", "読み取りエラー", totals.errors, "全部は読めなかった"),
        ("records", "推定人数", totals.records, "危険度①②の行に記載された人数の合計"),
    ]
    if changes is not None:
        facts += [
            (f"change-{c}", f"前回から{label}" if c != "unchanged" else label, changes[c], "")
            for c, label in CHANGE_LABELS.items()
        ]
    fact_rows = "".join(
        f'<tr><th scope="row">{_e(label)}</th>{_num(key, value)}'
        f'<td class="note">{_e(note)}</td></tr>'
        for key, label, value, note in facts
    )
    fact_table = (
        f'<table class="totals" id="totals-files"><caption>ファイル</caption>{fact_rows}</table>'
    )
    level_chart = _bar_chart(
        "危険度別の行数",
        [(LEVEL_LABELS[lv], totals.levels[lv], f"lv-{lv}") for lv in LEVELS],
    )
    violation_chart = _bar_chart(
        "違反別の行数",
        [(VIOLATION_LABELS.get(c, c), totals.violations[c], "vio") for c in codes],
    )
    empty = (
        '<p class="empty-report" id="empty-report">スキャン結果の行がありません（0 件）。</p>'
        if totals.rows == 0
        else ""
    )
    return (
        '<section id="totals"><h2>集計</h2>'
        '<p class="hint">すべての行を数えています（一覧から省いた行も含む）。</p>'
        f"{empty}{_headline(totals, changes, with_violations)}"
        f'<div class="cards"><div class="card">{level_table}{level_chart}</div>'
        f'<div class="card">{violation_table}{violation_chart}</div>'
        f'<div class="card">{fact_table}</div></div></section>'
    )


def _headline(totals: Group, changes: Counter[str] | None, with_violations: int) -> str:
    """The few numbers a manager looks at first, large (the tables below are the record)."""
    items = [(LEVEL_LABELS[lv], totals.levels[lv], f"lv-{lv}") for lv in ("1", "2", "unknown")]
    items.append(("違反のある行", with_violations, "vio"))
    if changes is not None:
        items.append(("前回から新規", changes["new"], "new"))
    cards = "".join(
        f'<div class="big {css}{_zero(count)}"><span class="n">{count:,}</span>'
        f'<span class="t">{_e(label)}</span></div>'
        for label, count, css in items
    )
    return f'<div class="headline">{cards}</div>'


def _bar_chart(title: str, bars: Sequence[tuple[str, int, str]]) -> str:
    """A horizontal bar chart as inline SVG: label, bar, count. No script, no library."""
    label_w, bar_w, count_w, row_h, top = 170, 300, 80, 26, 8
    width = label_w + bar_w + count_w
    height = top * 2 + row_h * len(bars)
    biggest = max((count for _, count, _ in bars), default=0) or 1
    items = []
    for i, (label, count, css) in enumerate(bars):
        y = top + i * row_h
        w = round(bar_w * count / biggest)
        if count and w < 2:
            w = 2  # a non-zero count must show
        items.append(
            f'<g class="bar {_e(css)}">'
            f'<text class="label" x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{_e(label)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="18" rx="2"></rect>'
            f'<text class="count" x="{label_w + w + 6}" y="{y + 17}">{count:,}</text></g>'
        )
    return (
        f'<figure class="chart"><figcaption>{_e(title)}</figcaption>'
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_e(title)}"><title>{_e(title)}</title>{"".join(items)}</svg></figure>'
    )


def _group_section(
    section_id: str,
    title: str,
    key_label: str,
    groups: Sequence[Group],
    codes: Sequence[str],
    max_groups: int,
    filter_key: str,
    hint: str,
) -> str:
    """A summary table; each key links to the findings table filtered on it."""
    shown = groups[:max_groups]
    head = "".join(
        f'<th scope="col">{_e(h)}</th>'
        for h in (
            key_label,
            "ファイル",
            "アーカイブ内",
            *(LEVEL_LABELS[lv] for lv in LEVELS),
            "推定人数",
            "暗号化",
            "エラー",
            "新規",
            "違反",
        )
    )
    body = "".join(_group_row(group, codes, filter_key) for group in shown)
    if not groups:
        body = '<tr><td colspan="13" class="none">該当なし</td></tr>'
    cut = (
        f'<p class="note cut">上位 {len(shown):,} 件を表示しています（全 {len(groups):,} 件）。</p>'
        if len(groups) > len(shown)
        else ""
    )
    return (
        f'<section id="{section_id}"><h2>{_e(title)}</h2><p class="hint">{_e(hint)}'
        f"{_e(key_label)}をクリックすると下の一覧をその{_e(key_label)}で絞り込みます。</p>"
        f'<div class="scroll"><table class="groups" data-groups="{len(groups)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{cut}</section>"
    )


def _group_row(group: Group, codes: Sequence[str], filter_key: str) -> str:
    if group.key:
        href = f"#{filter_key}={quote(group.key, safe='', errors='replace')}"
        key = f'<a href="{_e(href)}">{_e(group.key)}</a>'
    else:
        key = _e(UNKNOWN_OWNER)
    vios = "".join(
        f'<span class="chip" title="{_e(code)}">{_e(VIOLATION_LABELS.get(code, code))} '
        f"{group.violations[code]:,}</span>"
        for code in codes
        if group.violations[code]
    )
    cells = [
        group.files,
        group.members,
        *(group.levels[lv] for lv in LEVELS),
        group.records,
        group.encrypted,
        group.errors,
        group.new,
    ]
    nums = "".join(f'<td class="num{_zero(v)}">{v:,}</td>' for v in cells)
    lv1 = " lv1" if group.levels["1"] else ""
    return f'<tr class="group{lv1}"><th scope="row">{key}</th>{nums}<td>{vios}</td></tr>'


def _zero(value: int) -> str:
    return " zero" if not value else ""


def _findings_section(columns: Sequence[str], listed: int, total: int) -> str:
    omitted = total - listed
    if omitted:
        note = (
            f"全 {total:,} 件のうち、危険度の高い順に {listed:,} 件を一覧に載せています"
            f'（<span data-total="omitted" data-value="{omitted}">{omitted:,}</span> 件は省略。'
            "上の集計はすべての行を数えています。全件は CSV で確認してください）。"
        )
    else:
        note = (
            f"すべての行（{listed:,} 件）を一覧に載せています。"
            '<span data-total="omitted" data-value="0" hidden>0</span>'
        )
    filters = [
        ("level", "危険度", True),
        ("violation", "違反", "violations" in columns),
        ("zone", "保存場所", "zone" in columns),
        ("owner", "所有者", "owner" in columns),
        ("change", "前回との差", "change" in columns),
        ("dir", "フォルダ", True),
    ]
    controls = "".join(
        f'<label>{_e(label)}<select id="filter-{key}" data-filter="{key}">'
        '<option value="">すべて</option></select></label>'
        for key, label, present in filters
        if present
    )
    heads = "".join(
        f'<th scope="col" data-col="{_e(c)}"><button type="button" data-sort="{_e(c)}">'
        f"{_e(COLUMN_LABELS[c])}</button></th>"
        for c in columns
    )
    return (
        '<section id="findings"><h2>一覧</h2>'
        f'<p class="note" id="listing-note">{note}</p>'
        '<noscript><p class="warn">一覧の表示・絞り込みには JavaScript が必要です'
        "（集計は上に表示されています）。</p></noscript>"
        '<form class="filters" id="filters" autocomplete="off">'
        f"{controls}"
        '<label class="q">キーワード<input type="search" id="filter-q" '
        'placeholder="ファイル名・情報名で検索"></label>'
        '<button type="button" id="filter-clear">条件をクリア</button></form>'
        '<p class="count" id="count-line"><span id="total-count" data-total="listed" '
        f'data-value="{listed}">{listed:,}</span> 件中 '
        '<strong id="shown-count"></strong> 件を表示'
        '<span id="page-info"></span></p>'
        '<div class="scroll"><table class="findings" id="findings-table">'
        f"<thead><tr>{heads}</tr></thead>"
        '<tbody id="findings-body"></tbody></table></div>'
        '<nav class="pager"><button type="button" id="page-prev">前へ</button>'
        '<button type="button" id="page-next">次へ</button></nav></section>'
    )


def _payload(
    columns: Sequence[str], rows: Sequence[FileResult], row_dirs: Sequence[str], total: int
) -> dict[str, Any]:
    """The data the script draws the findings table from.

    Rows are arrays in `columns` order (values as the JSONL report writes them, with
    `risk_level` one of the four levels); `row_dirs[i]` indexes `dirs`, the directory
    summary's key for row i, so that a click on a directory filters on the same groups.
    """
    dirs: dict[str, int] = {}
    for key in row_dirs:
        dirs.setdefault(key, len(dirs))
    return {
        "columns": list(columns),
        "rows": [_row_values(row, columns) for row in rows],
        "dirs": list(dirs),
        "row_dirs": [dirs[key] for key in row_dirs],
        "total": total,
        "page_size": PAGE_SIZE,
        "labels": {
            "level": LEVEL_LABELS,
            "violation": VIOLATION_LABELS,
            "change": CHANGE_LABELS,
            "column": {c: COLUMN_LABELS[c] for c in columns},
            "unknown_owner": UNKNOWN_OWNER,
        },
    }


def _row_values(row: FileResult, columns: Iterable[str]) -> list[Any]:
    values = row.to_json()
    values["risk_level"] = level_of(row)
    return [values[c] for c in columns]


def _script_json(data: object) -> str:
    """JSON that cannot end its <script> element or start markup inside it.

    ``</script>`` or ``<!--`` in a file name would otherwise close or confuse the
    element; U+2028/2029 are escaped too, for any reader that treats it as JavaScript.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


# -- inline assets --------------------------------------------------------------------
