"""`scan --state`, `report` and the state database through the real command line.

- kill -9 in the middle of a scan, then a restart: exactly the rows of an uninterrupted
  scan, and the restart does not redo the files the killed scan had finished;
- a second writer is refused; bad state files are named;
- report formats, filters and summaries;
- planted values appear nowhere: not in the state database (nor its WAL), not in any
  report format, not in the console.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from _clihelp import invoke, read_csv_report

from scanner.statedb import StateDB

PIISCAN = [sys.executable, "-m", "scanner.cli"]
FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣"]


def make_tree(root: Path, files: int, people_per_file: int = 6) -> None:
    """Rosters (②), payment lists (①), memos (0) and archives, in a few folders."""
    for i in range(files):
        folder = root / f"dept{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        people = [
            (FAMILY[(i + k) % 8] + " " + GIVEN[(i * 3 + k) % 8], 2300000 + i * 100 + k)
            for k in range(people_per_file)
        ]
        kind = i % 4
        if kind == 0:
            text = "氏名,学籍番号,電話番号\n" + "".join(
                f"{n},{sid}T,090-{1000 + i:04d}-{2000 + k:04d}\n"
                for k, (n, sid) in enumerate(people)
            )
            (folder / f"名簿{i}.csv").write_text(text, encoding="utf-8")
        elif kind == 1:
            text = "旅費振込依頼\n氏名,銀行名,支店名,口座種別,口座番号\n" + "".join(
                f"{n},みなと銀行,六甲道支店,普通,{3000000 + i * 100 + k}\n"
                for k, (n, _) in enumerate(people)
            )
            (folder / f"振込{i}.csv").write_text(text, encoding="cp932")
        elif kind == 2:
            (folder / f"memo{i}.txt").write_text("議事録\n次回は来週です。\n" * 5, encoding="utf-8")
        else:
            with zipfile.ZipFile(folder / f"archive{i}.zip", "w") as zf:
                zf.writestr(
                    "a.csv",
                    "氏名,電話番号\n"
                    + "".join(f"{n},090-1111-{k:04d}\n" for k, (n, _) in enumerate(people)),
                )
                zf.writestr("b.txt", "memo")


def files_stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM files").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PIISCAN, *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


def test_kill_9_then_restart_gives_the_rows_of_an_uninterrupted_scan(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    total = 600
    make_tree(tree, total, people_per_file=60)  # slow enough to be killed half-way
    state = tmp_path / "state.db"
    killed = subprocess.Popen(
        [
            *PIISCAN,
            "scan",
            str(tree),
            "--state",
            str(state),
            "--out",
            str(tmp_path / "x.csv"),
            "--jobs",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while files_stored(state) < 12:
        assert killed.poll() is None, "the scan ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)  # the scan, its forkserver and its workers
    killed.wait()
    at_kill = files_stored(state)
    assert 12 <= at_kill < total, "killed in the middle"
    assert not (tmp_path / "x.csv").exists(), "no half-written report"

    restarted = run_cli("scan", tree, "--state", state, "--out", tmp_path / "resumed.csv")
    assert restarted.returncode == 0, restarted.stderr
    reference = run_cli("scan", tree, "--state", tmp_path / "ref.db", "--out", tmp_path / "ref.csv")
    assert reference.returncode == 0, reference.stderr

    resumed_rows = read_csv_report(tmp_path / "resumed.csv")
    reference_rows = read_csv_report(tmp_path / "ref.csv")
    assert len(reference_rows) == total + total // 4 * 2  # files, plus two members per zip
    assert resumed_rows == reference_rows
    assert {r["change"] for r in resumed_rows} == {"new"}
    assert {r["risk_level"] for r in resumed_rows} >= {"1", "2", "0"}

    with StateDB.open(state) as db:
        killed_run, resumed_run = db.runs()
    assert killed_run.status == "interrupted"
    assert resumed_run.status == "completed"
    assert resumed_run.reused >= at_kill, "finished work is not redone"
    assert resumed_run.analysed + resumed_run.reused == total
    assert resumed_run.gone == 0


def test_a_second_scan_on_the_same_state_is_refused(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    make_tree(tree, 2)
    state = tmp_path / "state.db"
    holder = StateDB.open(state)
    holder.lock("scan /elsewhere")
    try:
        result = invoke("scan", str(tree), "--state", str(state), "--out", str(tmp_path / "o.csv"))
    finally:
        holder.close()
    assert result.exit_code == 1
    assert (
        f"state database {state} is in use by another piiscan (pid {os.getpid()}" in result.output
    )
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("scan", "{tree}", "--full"), 2, "--full needs --state"),
        (("report", "--state", "{tmp}/none.db"), 2, "no such file"),
        (("report", "--state", "{tmp}/text.db"), 2, "not a piiscan state database"),
        (("report", "--state", "{tmp}/empty.db"), 2, "no scan recorded yet"),
        (("report", "--state", "{tmp}/s.db", "--by", "owner", "--format", "html"), 2, "--by"),
        (("report", "--state", "{tmp}/s.db", "--depth", "2"), 2, "--depth goes with"),
        (("scan", "{tree}", "--state", "{tmp}/nodir/s.db"), 2, "does not exist"),
    ],
)
def test_bad_state_arguments_are_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    tree = tmp_path / "tree"
    make_tree(tree, 1)
    (tmp_path / "text.db").write_text("hello, not SQLite\n" * 200)
    StateDB.open(tmp_path / "empty.db").close()
    StateDB.open(tmp_path / "s.db").close()
    result = invoke(*(a.format(tree=tree, tmp=tmp_path) for a in args))
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A tree scanned twice into one state database, with a file added in between."""
    tmp = tmp_path_factory.mktemp("state")
    tree = tmp / "tree"
    make_tree(tree, 8)
    state = tmp / "state.db"
    assert (
        invoke("scan", str(tree), "--state", str(state), "--out", str(tmp / "1.csv")).exit_code == 0
    )
    (tree / "public_html").mkdir()
    (tree / "dept0" / "名簿0.csv").rename(tree / "public_html" / "名簿0.csv")
    (tree / "dept2" / "memo2.txt").unlink()
    make_tree(tree / "new", 2)
    assert (
        invoke("scan", str(tree), "--state", str(state), "--out", str(tmp / "2.csv")).exit_code == 0
    )
    return tree, state


def test_report_filters(scanned: tuple[Path, Path], tmp_path: Path) -> None:
    tree, state = scanned

    def report(*args: str) -> list[dict[str, str]]:
        out = tmp_path / "r.csv"
        result = invoke("report", "--state", str(state), "--out", str(out), *args)
        assert result.exit_code == 0, result.output
        return read_csv_report(out)

    everything = report()
    assert [r["path"] for r in everything] == sorted(r["path"] for r in everything)
    assert list(everything[0])[-1] == "change"
    assert {r["risk_level"] for r in report("--level", "1")} == {"1"}
    public = report("--zone", "public")
    assert [r["path"] for r in public] == [str(tree / "public_html" / "名簿0.csv")]
    assert "PUBLIC_LOCATION" in public[0]["violations"]
    new = report("--new")
    assert {r["path"] for r in new} == {
        str(tree / "public_html" / "名簿0.csv"),
        *(r["path"] for r in everything if r["path"].startswith(str(tree / "new"))),
    }
    assert {r["change"] for r in new} == {"new"}
    gone = report("--gone")
    assert [(r["path"], r["change"]) for r in gone] == [
        (str(tree / "dept0" / "名簿0.csv"), "gone"),
        (str(tree / "dept2" / "memo2.txt"), "gone"),
    ]
    assert report("--owner", "nobody-has-this-name") == []
    assert {r["path"] for r in report("--under", str(tree / "new"))} == {
        r["path"] for r in everything if r["path"].startswith(str(tree / "new") + "/")
    }
    unencrypted = report("--violation", "UNENCRYPTED", "--level", "2")
    assert unencrypted and all("UNENCRYPTED" in r["violations"] for r in unencrypted)


def test_report_jsonl_and_summaries(scanned: tuple[Path, Path], tmp_path: Path) -> None:
    tree, state = scanned
    out = tmp_path / "r.jsonl"
    assert (
        invoke("report", "--state", str(state), "--format", "jsonl", "--out", str(out)).exit_code
        == 0
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and isinstance(rows[0]["entities"], dict) and "change" in rows[0]
    summary = tmp_path / "dirs.csv"
    result = invoke(
        "report", "--state", str(state), "--by", "directory", "--depth", "1", "--out", str(summary)
    )
    assert result.exit_code == 0, result.output
    groups = read_csv_report(summary)
    assert {g["directory"] for g in groups} == {
        str(tree / d) for d in ("dept0", "dept1", "dept2", "dept3", "public_html", "new")
    }
    assert sum(int(g["files"]) for g in groups) == sum(1 for r in rows if "!" not in r["path"])
    assert sum(int(g["level_1"]) for g in groups) == sum(1 for r in rows if r["risk_level"] == "1")
    owners = tmp_path / "owners.jsonl"
    assert (
        invoke(
            "report",
            "--state",
            str(state),
            "--by",
            "owner",
            "--format",
            "jsonl",
            "--out",
            str(owners),
        ).exit_code
        == 0
    )
    (owner,) = [json.loads(line) for line in owners.read_text(encoding="utf-8").splitlines()]
    assert owner["files"] == sum(1 for r in rows if "!" not in r["path"])


def test_the_state_file_and_report_are_not_scanned(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    make_tree(tree, 2)
    state = tree / "piiscan.db"
    out = tree / "findings.csv"
    for _ in range(2):
        assert invoke("scan", str(tree), "--state", str(state), "--out", str(out)).exit_code == 0
    paths = {r["path"] for r in read_csv_report(out)}
    assert not any(p.startswith((str(state), str(out))) for p in paths)
    assert not any(os.path.basename(p).startswith(".findings.csv.") for p in paths)


def test_html_report_from_the_state_shows_the_database_totals_in_a_browser(
    scanned: tuple[Path, Path], tmp_path: Path
) -> None:
    """The whole path a manager takes: state database → `report --format html` → chromium."""
    from tools.check_html import find_chromium, read_pages

    if find_chromium() is None:
        message = "chromium is not installed: `make browser` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    _, state = scanned
    html, csv_out = tmp_path / "report.html", tmp_path / "report.csv"
    assert (
        invoke("report", "--state", str(state), "--format", "html", "--out", str(html)).exit_code
        == 0
    )
    assert invoke("report", "--state", str(state), "--out", str(csv_out)).exit_code == 0
    rows = read_csv_report(csv_out)
    pages = read_pages(html, ["", "level=1", "change=new", "violation=PUBLIC_LOCATION"])
    shown = pages[""]
    assert shown.title.startswith("piiscan")
    assert shown.totals["rows"] == len(rows)
    for level in ("1", "2", "0", "unknown"):
        assert shown.totals[f"level-{level}"] == sum(r["risk_level"] == level for r in rows)
    for code in ("UNENCRYPTED", "PUBLIC_LOCATION", "WORLD_READABLE"):
        expected = sum(code in r["violations"].split(";") for r in rows)
        assert shown.totals[f"violation-{code}"] == expected
    assert shown.totals["change-new"] == sum(r["change"] == "new" for r in rows)
    assert shown.shown == len(rows)
    assert pages["level=1"].shown == sum(r["risk_level"] == "1" for r in rows)
    assert pages["change=new"].shown == sum(r["change"] == "new" for r in rows)
    assert pages["violation=PUBLIC_LOCATION"].shown == 1
