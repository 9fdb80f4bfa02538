"""The HTML report in a real headless browser: the totals and filters a manager sees.

The findings table is drawn by the page's own script, so only a browser can tell that
it shows the right rows. Debian's chromium (``make browser``; ``make test`` runs that
first) renders the page once per URL fragment, several side by side; tools.check_html
reads the DOM afterwards. Expected counts are computed here from the rows, in plain
Python, independently of both the writer and the script.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reports.html_report import HtmlWriter
from reports.model import STATE_COLUMNS, FileResult, ReportInfo
from tools.check_html import Browser, PageState, find_chromium, read_pages

DEPARTMENTS = ("経理", "教務", "人事")
OWNERS = ("sato", "tanaka", "yamada", "")
LEVELS = ("1", "2", "0", "2", "unknown")
CHANGES = ("new", "changed", "unchanged")
XSS_PATH = "/srv/share/公開/<script>alert(1)</script>/a.xlsx"
XSS_OWNER = "</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One chromium for the module. Without one: skipped, but in CI (`make test`) a failure."""
    if find_chromium() is None:
        message = "chromium is not installed: `make browser` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI runs `make test`, which should have installed it)")
        pytest.skip(message)
    with Browser() as started:
        yield started


def known_rows() -> list[FileResult]:
    """Forty-odd rows covering every level, several violations, zones, owners, changes."""
    rows = []
    for i in range(40):
        level = LEVELS[i % len(LEVELS)]
        usb = i % 5 == 0 or i % 10 == 3  # ① rows (i % 5 == 0) and ② rows (i % 10 == 3)
        zone = "public" if i % 7 == 0 else "usb" if usb else "normal"
        violations: list[str] = []
        if level in ("1", "2"):
            if i % 3:
                violations.append("UNENCRYPTED")
            if zone == "usb":
                violations.append(
                    "TAKEOUT_PROHIBITED" if level == "1" else "TAKEOUT_PERMIT_REQUIRED"
                )
            if zone == "public":
                violations.append("PUBLIC_LOCATION")
            if i % 4 == 0:
                violations.append("STALE")
        name = "名簿" if i % 4 == 1 else "資料"
        path = f"/srv/share/{DEPARTMENTS[i % 3]}/{i:02d}/{name}_{i:02d}.xlsx"
        if i % 8 == 7:
            path = f"/srv/share/{DEPARTMENTS[i % 3]}/{i:02d}/arc.zip!{name}/m{i}.csv"
        rows.append(
            FileResult(
                path=path,
                risk_level=level,
                category="在学生連絡先名簿"
                if level == "2" and i % 2
                else "旅費情報"
                if level == "1"
                else "",
                records=(i * 7) % 50 + 1 if level in ("1", "2") else None,
                encrypted=level == "unknown",
                violations=tuple(violations),
                zone=zone,
                owner=OWNERS[i % 4],
                mtime=f"2026-03-{i % 28 + 1:02d}T09:00:00+09:00",
                change=CHANGES[i % 3],
                evidence=("PERSON:山＊ ＊＊",) if level in ("1", "2") else (),
                error="encrypted" if level == "unknown" else "",
            )
        )
    rows.append(
        FileResult(
            path=XSS_PATH,
            risk_level="1",
            violations=("PUBLIC_LOCATION",),
            zone="public",
            owner=XSS_OWNER,
            change="new",
        )
    )
    return rows


ROWS = known_rows()
# The findings table's columns for STATE_COLUMNS, as the browser shows them.
SHOWN = (
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
INFO = ReportInfo(
    title="ブラウザ確認", generated="2026-04-02T07:00:00+09:00", roots=("/srv/share",)
)


def count(pred: Callable[[FileResult], bool]) -> int:
    return sum(1 for r in ROWS if pred(r))


def write_report(path: Path, rows: list[FileResult], **kwargs: int) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        writer = HtmlWriter(stream, STATE_COLUMNS, INFO, **kwargs)
        for r in rows:
            writer.write(r)
        writer.close()
    return path


# fragment → the rows it must show (all of them fit on one page).
FILTERS: dict[str, Callable[[FileResult], bool]] = {
    "": lambda r: True,
    "level=1": lambda r: r.risk_level == "1",
    "violation=UNENCRYPTED": lambda r: "UNENCRYPTED" in r.violations,
    "owner=sato": lambda r: r.owner == "sato",
    "change=new": lambda r: r.change == "new",
    "q=名簿": lambda r: "名簿" in r.path or "名簿" in r.category,
    "level=1,2&violation=UNENCRYPTED&owner=tanaka&zone=normal": lambda r: (
        r.risk_level in ("1", "2")
        and "UNENCRYPTED" in r.violations
        and r.owner == "tanaka"
        and r.zone == "normal"
    ),
    # Each word anywhere in the path or the category, letters in any case.
    "dir=/srv/share/経理&q=名簿 XLSX": lambda r: (
        r.path.startswith("/srv/share/経理/")
        and all(w in f"{r.path}\n{r.category}".lower() for w in ("名簿", "xlsx"))
    ),
    "sort=records&desc=1&violation=any": lambda r: bool(r.violations),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> dict[str, PageState]:
    report = write_report(tmp_path_factory.mktemp("html") / "report.html", ROWS)
    return read_pages(report, list(FILTERS), browser)


def test_browser_shows_the_totals(pages: dict[str, PageState]) -> None:
    totals = pages[""].totals
    expected = {
        "rows": len(ROWS),
        "files": count(lambda r: "!" not in r.path),
        "members": count(lambda r: "!" in r.path),
        "level-1": count(lambda r: r.risk_level == "1"),
        "level-2": count(lambda r: r.risk_level == "2"),
        "level-unknown": count(lambda r: r.risk_level == "unknown"),
        "level-0": count(lambda r: r.risk_level == "0"),
        "change-new": count(lambda r: r.change == "new"),
        "encrypted": count(lambda r: r.encrypted),
        "rows-with-violations": count(lambda r: bool(r.violations)),
        "listed": len(ROWS),
        "omitted": 0,
    }
    for code in (
        "UNENCRYPTED",
        "TAKEOUT_PROHIBITED",
        "TAKEOUT_PERMIT_REQUIRED",
        "PUBLIC_LOCATION",
        "OUTSIDE_SECURE_AREA",
        "WORLD_READABLE",
        "STALE",
    ):
        expected[f"violation-{code}"] = sum(code in r.violations for r in ROWS)
    assert {k: totals.get(k) for k in expected} == expected
    # The fixture is not degenerate: every level, several codes.
    assert expected["level-1"] == 9 and expected["level-unknown"] == 8
    assert (
        expected["violation-TAKEOUT_PROHIBITED"] and expected["violation-TAKEOUT_PERMIT_REQUIRED"]
    )
    assert expected["violation-UNENCRYPTED"] and expected["violation-PUBLIC_LOCATION"]


@pytest.mark.parametrize("fragment", list(FILTERS))
def test_fragment_filters_the_table(pages: dict[str, PageState], fragment: str) -> None:
    state = pages[fragment]
    expected = count(FILTERS[fragment])
    assert state.shown == expected, f"#{fragment}"
    assert state.page_rows == expected
    assert expected > 0 or fragment == ""
    assert state.totals["rows"] == len(ROWS)  # totals never depend on the filters


def test_sorting_from_the_fragment(pages: dict[str, PageState]) -> None:
    state = pages["sort=records&desc=1&violation=any"]
    records_column = SHOWN.index("records")
    shown = [int(row[records_column].replace(",", "") or 0) for row in state.rows]
    assert shown == sorted(shown, reverse=True)


def test_hostile_path_is_text_not_markup(pages: dict[str, PageState]) -> None:
    state = pages[""]
    assert "<img" not in state.dom
    assert state.dom.count("<script") == 2  # the page's own: data and code
    paths = {row[0] for row in state.rows}
    assert XSS_PATH in paths
    owners = {row[SHOWN.index("owner")] for row in state.rows}
    assert XSS_OWNER in owners and "（不明）" in owners


def test_default_order_is_most_severe_first(pages: dict[str, PageState]) -> None:
    levels = [row[1] for row in pages[""].rows]
    order = ["危険度①", "危険度②", "未確認", "個人情報なし"]
    assert levels == sorted(levels, key=order.index)


def test_pages_and_cut_in_the_browser(tmp_path: Path, browser: Browser) -> None:
    rows = [
        FileResult(path=f"/srv/share/x/{i:04d}.txt", risk_level="1" if i < 30 else "0")
        for i in range(1234)
    ]
    report = write_report(tmp_path / "big.html", rows, max_rows=1100)
    pages = read_pages(report, ["", "page=3", "page=99&level=1"], browser)
    first = pages[""]
    assert first.totals["rows"] == 1234 and first.totals["level-1"] == 30
    assert (first.totals["listed"], first.totals["omitted"]) == (1100, 134)
    assert (first.shown, first.page_rows) == (1100, 500)
    assert (pages["page=3"].shown, pages["page=3"].page_rows) == (1100, 100)
    assert pages["page=3"].rows[0][0] == "/srv/share/x/1000.txt"
    # A page past the end shows the last one.
    assert (pages["page=99&level=1"].shown, pages["page=99&level=1"].page_rows) == (30, 30)


def test_controls_write_the_fragment_and_the_fragment_drives_the_table(
    tmp_path: Path, browser: Browser
) -> None:
    """What a manager does by hand: pick filters, sort, follow a summary link, type a word."""
    report = write_report(tmp_path / "report.html", ROWS)
    browser.render(report.resolve().as_uri())
    shown = "document.getElementById('shown-count').dataset.value"
    assert browser.evaluate(shown) == str(len(ROWS))

    choose = (
        "(() => { const s = document.getElementById('filter-{key}'); s.value = '{value}';"
        " s.dispatchEvent(new Event('change')); return location.hash; })()"
    )
    assert browser.evaluate(choose.replace("{key}", "level").replace("{value}", "1")) == "#level=1"
    hash_after = browser.evaluate(choose.replace("{key}", "change").replace("{value}", "new"))
    assert hash_after == "#level=1&change=new"
    expected = count(lambda r: r.risk_level == "1" and r.change == "new")
    assert browser.evaluate(shown) == str(expected)

    click = "document.querySelector('button[data-sort=records]').click(); location.hash"
    assert browser.evaluate(click) == "#level=1&change=new&sort=records"
    assert browser.evaluate(click) == "#level=1&change=new&sort=records&desc=1"

    # A link in the owner summary (or a hand-edited URL) replaces the filters.
    browser.evaluate("document.querySelector('#owners a[href=\"#owner=sato\"]').click()")
    browser.wait_for(f"{shown} === '{count(lambda r: r.owner == 'sato')}'")
    assert browser.evaluate("document.getElementById('filter-level').value") == ""
    assert browser.evaluate("document.getElementById('filter-owner').value") == "sato"

    # The keyword box filters after a short pause and lands in the fragment too.
    browser.evaluate(
        "(() => { const q = document.getElementById('filter-q'); q.value = '名簿';"
        " q.dispatchEvent(new Event('input')); })()"
    )
    hashed = browser.wait_for("location.hash.includes('q=') && location.hash")
    assert hashed == "#owner=sato&q=%E5%90%8D%E7%B0%BF"
    expected = count(lambda r: r.owner == "sato" and ("名簿" in r.path or "名簿" in r.category))
    assert browser.evaluate(shown) == str(expected)

    browser.evaluate("document.getElementById('filter-clear').click()")
    assert browser.evaluate("location.hash") == ""
    assert browser.evaluate(shown) == str(len(ROWS))
