"""The HTML report as a file: totals, escaping, self-containment, the embedded data.

What the page shows once its script ran is checked in a real browser by
test_html_browser.py; here the static HTML is read with the same parser.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from reports.html_assets import SCRIPT
from reports.html_report import MAX_ROWS, HtmlWriter, row_order
from reports.model import COLUMNS, STATE_COLUMNS, FileResult, ReportInfo
from reports.output import atomic_report, make_writer
from tools.check_html import parse_dom

XSS_PATH = "/srv/<script>alert(1)</script>/a.xlsx"
XSS_OWNER = "</script><img src=x onerror=alert(1)>"

ROWS = [
    FileResult(
        path="/srv/share/経理/旅費.xlsx",
        risk_level="1",
        category="旅費情報",
        key_info=("銀行口座",),
        entities={"PERSON": 3, "JP_BANK_ACCOUNT": 3},
        records=3,
        violations=("UNENCRYPTED", "STALE"),
        zone="normal",
        owner="tanaka",
        mtime="2026-04-01T09:00:00+09:00",
        evidence=("PERSON:山＊ ＊＊", "JP_BANK_ACCOUNT:*****67"),
        change="new",
    ),
    FileResult(
        path="/srv/share/経理/a.zip",
        risk_level="2",
        records=None,
        violations=("UNENCRYPTED",),
        owner="tanaka",
        zone="normal",
        change="changed",
    ),
    FileResult(
        path="/srv/share/経理/a.zip!名簿.csv",
        risk_level="2",
        category="在学生連絡先名簿",
        records=40,
        violations=("UNENCRYPTED",),
        owner="tanaka",
        zone="normal",
        change="changed",
    ),
    FileResult(
        path="/srv/share/公開/www/名簿.pdf",
        risk_level="unknown",
        encrypted=True,
        error="encrypted: password required",
        owner="suzuki",
        zone="public",
        change="unchanged",
    ),
    FileResult(path="/srv/share/教務/memo.txt", risk_level="0", owner="suzuki", zone="normal"),
    FileResult(
        path="/media/usb/成績.xlsx",
        risk_level="1",
        records=120,
        violations=("UNENCRYPTED", "TAKEOUT_PROHIBITED", "NEW_CODE"),
        owner="",
        zone="usb",
        change="new",
    ),
]

EXPECTED_TOTALS = {
    "rows": 6,
    "files": 5,
    "members": 1,
    "level-1": 2,
    "level-2": 2,
    "level-unknown": 1,
    "level-0": 1,
    "violation-UNENCRYPTED": 4,
    "violation-TAKEOUT_PROHIBITED": 1,
    "violation-TAKEOUT_PERMIT_REQUIRED": 0,
    "violation-PUBLIC_LOCATION": 0,
    "violation-OUTSIDE_SECURE_AREA": 0,
    "violation-WORLD_READABLE": 0,
    "violation-STALE": 1,
    "violation-NEW_CODE": 1,
    "rows-with-violations": 4,
    "encrypted": 1,
    "errors": 1,
    "records": 3 + 40 + 120,
    "change-new": 2,
    "change-changed": 2,
    "change-unchanged": 1,
    "change-gone": 0,
    "listed": 6,
    "omitted": 0,
}

INFO = ReportInfo(
    title="経理課 共有フォルダ",
    generated="2026-04-02T07:00:00+09:00",
    source="/var/lib/piiscan/state.db",
    scan="full 2026-04-02 01:00–03:12",
    previous="",
    filters=("--level 1,2",),
    roots=("/srv/share",),
)


def render(
    rows: list[FileResult],
    columns: tuple[str, ...] = STATE_COLUMNS,
    info: ReportInfo = INFO,
    **kwargs: Any,
) -> str:
    stream = io.StringIO()
    writer = HtmlWriter(stream, columns, info, **kwargs)
    for r in rows:
        writer.write(r)
    writer.close()
    return stream.getvalue()


def embedded(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="piiscan-data">(.*?)</script>', page, re.S
    )
    assert match, "no embedded data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def embedded_rows(page: str) -> list[dict[str, Any]]:
    data = embedded(page)
    return [dict(zip(data["columns"], values, strict=True)) for values in data["rows"]]


def test_totals_count_every_row() -> None:
    state = parse_dom(render(ROWS))
    assert state.totals == EXPECTED_TOTALS
    assert state.shown is None  # filled by the script, which has not run


def test_header_shows_the_report_info_and_omits_empty_fields() -> None:
    page = render(ROWS)
    assert "<title>経理課 共有フォルダ</title>" in page
    for label, value in [
        ("作成日時", "2026-04-02T07:00:00+09:00"),
        ("元データ", "/var/lib/piiscan/state.db"),
        ("最新のスキャン", "full 2026-04-02 01:00–03:12"),
        ("絞り込み条件", "--level 1,2"),
        ("対象フォルダ", "/srv/share"),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page
    assert "前回のスキャン" not in page


def test_page_is_japanese_utf8() -> None:
    page = render(ROWS)
    assert page.startswith('<!DOCTYPE html>\n<html lang="ja">')
    assert '<meta charset="utf-8">' in page
    for label in ("危険度①", "危険度②", "個人情報なし", "未確認", "暗号化", "違反", "保存場所"):
        assert label in page
    assert "暗号化されていない" in page and "持ち出し禁止" in page


def test_summaries_by_directory_below_the_roots_and_by_owner() -> None:
    page = render(ROWS)
    directories = page.split('<section id="directories">')[1].split("</section>")[0]
    # depth 1 below /srv/share; /media/usb is under no root: its own directory.
    keys = re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', directories)
    assert keys == ["/srv/share/経理", "/media/usb", "/srv/share/公開", "/srv/share/教務"]
    owners = page.split('<section id="owners">')[1].split("</section>")[0]
    assert '<a href="#owner=tanaka">tanaka</a>' in owners
    assert "（不明）" in owners  # the row without an owner


def test_summary_tables_are_capped() -> None:
    rows = [FileResult(path=f"/d{i}/a.xlsx", risk_level="1", owner=f"u{i}") for i in range(5)]
    page = render(rows, info=ReportInfo(), max_groups=2)
    assert page.count("上位 2 件を表示しています（全 5 件）") == 2
    assert page.count('data-groups="5"') == 2


def test_embedded_rows_round_trip() -> None:
    rows = embedded_rows(render(ROWS))
    wanted = [
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
    ]
    in_order = sorted(ROWS, key=row_order)
    assert rows == [{c: r.to_json()[c] for c in wanted} for r in in_order]


def test_columns_follow_the_writer_columns() -> None:
    page = render(ROWS, columns=COLUMNS)
    data = embedded(page)
    assert "change" not in data["columns"]
    assert 'id="filter-change"' not in page
    assert "change-new" not in parse_dom(page).totals
    assert data["columns"][:2] == ["path", "risk_level"]


def test_embedded_rows_are_most_severe_first_and_cut_at_max_rows() -> None:
    rows = [FileResult(path=f"/s/{i:02d}.txt", risk_level="0") for i in range(10)]
    rows += [FileResult(path="/s/z.xlsx", risk_level="1"), FileResult(path="/s/y.pdf")]
    rows += [FileResult(path="/s/x.csv", risk_level="2")]
    rows += [FileResult(path="/s/w.bin", risk_level="unknown")]
    page = render(rows, max_rows=5)
    listed = embedded_rows(page)
    assert [(r["risk_level"], r["path"]) for r in listed] == [
        ("1", "/s/z.xlsx"),
        ("2", "/s/x.csv"),
        ("unknown", "/s/w.bin"),
        ("0", "/s/00.txt"),
        ("0", "/s/01.txt"),
    ]
    state = parse_dom(page)
    assert state.totals["rows"] == 14  # totals still count every row
    assert state.totals["listed"] == 5
    assert state.totals["omitted"] == 9
    assert "全 14 件のうち、危険度の高い順に 5 件を一覧に載せています" in page
    assert embedded(page)["total"] == 14


def test_writer_keeps_only_max_rows_while_collecting() -> None:
    writer = HtmlWriter(io.StringIO(), STATE_COLUMNS, ReportInfo(), max_rows=10)
    for i in range(5000):
        writer.write(FileResult(path=f"/s/{i:05d}", risk_level="1" if i % 97 == 0 else "0"))
    assert len(writer._kept) <= 2 * 10 + 1024


def test_default_max_rows() -> None:
    assert MAX_ROWS == 20_000


def test_zero_rows() -> None:
    page = render([])
    state = parse_dom(page)
    assert state.totals["rows"] == 0
    assert all(value == 0 for value in state.totals.values())
    assert 'id="empty-report"' in page and "0 件" in page
    assert embedded(page)["rows"] == []
    assert "該当なし" in page


def test_hostile_paths_are_escaped() -> None:
    rows = [
        FileResult(path=XSS_PATH, risk_level="1", owner=XSS_OWNER, category="<b>x</b>"),
        FileResult(path="/srv/a\u2028b/</script><!--c.xlsx", risk_level="2", owner="&amp;"),
    ]
    info = ReportInfo(title="<script>alert(2)</script>", filters=("--owner '<i>'",))
    page = render(rows, info=info)
    # Only the two scripts of the page itself; no markup from the data.
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "<img" not in page and "<b>x" not in page and "<i>" not in page
    assert "<!--" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the directory table
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # the owner table
    assert "<title>&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    data_text = page.split('id="piiscan-data">')[1].split("</script>")[0]
    assert not set("<>&\u2028\u2029") & set(data_text)
    listed = embedded_rows(page)
    assert {r["path"] for r in listed} == {XSS_PATH, "/srv/a\u2028b/</script><!--c.xlsx"}
    assert {r["owner"] for r in listed} == {XSS_OWNER, "&amp;"}


def test_script_never_inserts_markup() -> None:
    assert "innerHTML" not in SCRIPT and "outerHTML" not in SCRIPT
    assert "insertAdjacentHTML" not in SCRIPT and "document.write" not in SCRIPT
    assert "eval(" not in SCRIPT and "new Function" not in SCRIPT


def test_csp_allows_exactly_the_page_script() -> None:
    page = render(ROWS)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


RESOURCE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data|xlink:href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//))"""
    r"""|url\(|@import""",
    re.I,
)


def test_no_external_references() -> None:
    page = render(ROWS)
    assert "http://" not in page and "https://" not in page
    assert not RESOURCE.findall(page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "<link" not in page and "<img" not in page and "<iframe" not in page
    assert re.findall(r"<script[^>]*\bsrc=", page) == []
    assert "xmlns" not in page  # inline SVG in HTML needs no namespace URL


def test_chart_is_inline_svg() -> None:
    page = render(ROWS)
    assert page.count("<svg ") == 2
    assert 'aria-label="危険度別の行数"' in page and 'aria-label="違反別の行数"' in page


def test_lone_surrogate_in_a_path_does_not_break_the_page() -> None:
    rows = [FileResult(path="/srv/bad\udcff.xlsx", risk_level="2", owner="x\udc80")]
    page = render(rows)
    page.encode("utf-8")  # would raise on a lone surrogate
    assert embedded_rows(page)[0]["path"] == "/srv/bad?.xlsx"


def test_close_writes_the_page_once() -> None:
    stream = io.StringIO()
    writer = HtmlWriter(stream, STATE_COLUMNS, INFO)
    writer.write(ROWS[0])
    writer.close()
    size = len(stream.getvalue())
    writer.close()
    assert len(stream.getvalue()) == size
    assert stream.getvalue().endswith("</html>\n")


def test_made_by_make_writer_and_written_atomically(tmp_path: Path) -> None:
    assert isinstance(make_writer("html", io.StringIO(), STATE_COLUMNS, INFO), HtmlWriter)
    out = tmp_path / "report.html"
    with atomic_report(str(out), "html", STATE_COLUMNS, INFO) as writer:
        for r in ROWS:
            writer.write(r)
    assert parse_dom(out.read_text(encoding="utf-8")).totals == EXPECTED_TOTALS


@pytest.mark.parametrize("n", [1, 3])
def test_group_links_filter_on_their_key(n: int) -> None:
    rows = [FileResult(path=f"/srv/share/経理 {i}/a&b.xlsx", owner="a b") for i in range(n)]
    page = render(rows)
    assert 'href="#dir=%2Fsrv%2Fshare%2F%E7%B5%8C%E7%90%86%200"' in page
    assert 'href="#owner=a%20b"' in page
    data = embedded(page)
    assert data["dirs"] == [f"/srv/share/経理 {i}" for i in range(n)]
    assert data["row_dirs"] == list(range(n))
