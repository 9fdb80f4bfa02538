"""`piiscan watch` as a real daemon: a subprocess, real inotify, real signals.

- a roster written into the tree is in `piiscan report` within 10 s of being closed;
  moved into a public folder, it shows PUBLIC_LOCATION; deleted, it is gone;
- SIGTERM stops it cleanly: exit 0, run `stopped`, JSON lines only in the log;
- with the kernel's inotify watch limit below the number of directories (set in a user
  namespace, which only this process tree sees), it says so and falls back to rescans,
  which still find a file written into an unwatched directory;
- planted values appear nowhere: state database (and its WAL), CSV, JSONL, HTML, log.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _clihelp import invoke, read_csv_report

from scanner.statedb import StateDB

PIISCAN = [sys.executable, "-m", "scanner.cli"]
PLANTED = {
    "PERSON": "西園寺 雅之",
    "PHONE_NUMBER": "090-3141-5926",
    "EMAIL_ADDRESS": "masayuki.saionji@example.ac.jp",
    "JP_MY_NUMBER": "123456789018",
    "JP_BANK_ACCOUNT": "7654321",
    "JP_ADDRESS": "兵庫県神戸市灘区六甲台町9丁目8番7号",
    "JP_STUDENT_ID": "2315987T",
}
FRAGMENTS = [
    *PLANTED.values(),
    "西園寺",
    "雅之",
    "3141-5926",
    "masayuki",
    "saionji",
    "六甲台町9丁目",
    "456789018",
    "654321",
]
ROSTER = "氏名,学籍番号,電話番号,住所\n" + "".join(
    f"{name},{2400000 + i}T,090-2718-{2818 + i},大阪府吹田市山田丘{i + 1}番\n"
    for i, name in enumerate(["伊藤 陽菜", "渡辺 翔", "中村 結衣", "小林 大輔", "加藤 真由美"])
)


def planted_document() -> str:
    p = PLANTED
    return (
        f"学籍番号：{p['JP_STUDENT_ID']}\n氏名：{p['PERSON']}\n"
        f"現住所：〒657-8501 {p['JP_ADDRESS']}\n携帯：{p['PHONE_NUMBER']}\n"
        f"メール：{p['EMAIL_ADDRESS']}\n個人番号：{p['JP_MY_NUMBER']}\n"
        f"振込口座：みなと銀行 六甲道支店 普通 口座番号 {p['JP_BANK_ACCOUNT']}\n"
    )


def truncated_workbook() -> bytes:
    """A workbook holding the planted values, cut off: a read error for the log."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/sharedStrings.xml", planted_document() * 20)
    data = buffer.getvalue()
    return data[: len(data) * 2 // 3]


class Daemon:
    """A running `piiscan watch` and its JSON-lines log."""

    def __init__(self, process: subprocess.Popen[str], log: Path) -> None:
        self.process = process
        self.log = log

    def events(self) -> list[dict[str, object]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]  # every line must be JSON

    def wait_for(self, test: Callable[[dict[str, object]], bool], seconds: float) -> float:
        """Seconds until an event passes `test` (fails after `seconds`)."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if any(test(e) for e in self.events()):
                return time.monotonic() - started
            assert self.process.poll() is None, self.stderr()
            time.sleep(0.1)
        raise AssertionError(f"no such event within {seconds} s: {self.events()}")

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read()


def start(tree: Path, state: Path, log: Path, *extra: str, prefix: tuple[str, ...] = ()) -> Daemon:
    command = [*prefix, *PIISCAN, "watch", str(tree), "--state", str(state), "--log", str(log)]
    process = subprocess.Popen(
        [*command, "--jobs", "1", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    return Daemon(process, log)


@pytest.fixture
def daemon_factory() -> Iterator[Callable[..., Daemon]]:
    started: list[Daemon] = []

    def make(*args: object, **kw: object) -> Daemon:
        daemon = start(*args, **kw)  # type: ignore[arg-type]
        started.append(daemon)
        return daemon

    yield make
    for daemon in started:
        if daemon.process.poll() is None:
            os.killpg(daemon.process.pid, signal.SIGKILL)
            daemon.process.wait()


def report_rows(state: Path, out: Path) -> dict[str, dict[str, str]]:
    result = subprocess.run(
        [*PIISCAN, "report", "--state", str(state), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {r["path"]: r for r in read_csv_report(out)}


def test_watch_sees_a_roster_within_10_s_then_its_move_and_its_deletion(
    tmp_path: Path, daemon_factory: Callable[..., Daemon]
) -> None:
    tree = tmp_path / "share"
    (tree / "教務").mkdir(parents=True)
    (tree / "public_html").mkdir()
    (tree / "教務" / "memo.txt").write_text("議事録\n", encoding="utf-8")
    state, log = tmp_path / "watch.db", tmp_path / "watch.jsonl"
    daemon = daemon_factory(tree, state, log)
    daemon.wait_for(lambda e: e["event"] == "ready", 60)

    roster = tree / "教務" / "名簿.csv"
    with open(roster, "w", encoding="utf-8") as fh:  # written in pieces, like an editor
        for line in ROSTER.splitlines(keepends=True):
            fh.write(line)
            fh.flush()
    closed = time.monotonic()
    seen = None
    while time.monotonic() - closed < 10:
        rows = report_rows(state, tmp_path / "r.csv")
        if str(roster) in rows:
            seen = time.monotonic() - closed
            break
        time.sleep(0.2)
    assert seen is not None, "the roster was not in the report within 10 s"
    row = rows[str(roster)]
    assert row["risk_level"] == "2" and row["records"] == "5"
    assert "UNENCRYPTED" in row["violations"]
    daemon.wait_for(lambda e: e["event"] == "violation" and e["path"] == str(roster), 5)

    public = tree / "public_html" / "名簿.csv"
    os.rename(roster, public)
    daemon.wait_for(
        lambda e: (
            e["event"] == "violation"
            and e["path"] == str(public)
            and "PUBLIC_LOCATION" in str(e["new"])
        ),
        10,
    )
    rows = report_rows(state, tmp_path / "r.csv")
    assert "PUBLIC_LOCATION" in rows[str(public)]["violations"].split(";")
    assert rows[str(public)]["zone"] == "public"
    assert str(roster) not in rows

    public.unlink()
    daemon.wait_for(lambda e: e["event"] == "gone" and e["path"] == str(public), 10)
    assert str(public) not in report_rows(state, tmp_path / "r.csv")

    assert daemon.stop() == 0
    events = daemon.events()
    assert events[0]["event"] == "started" and events[-1]["event"] == "stopped"
    with StateDB.open(state) as db:
        (run,) = db.runs()
    assert run.kind == "watch" and run.status == "stopped"
    assert run.analysed >= 2 and run.moved == 1


def test_a_second_writer_is_refused_while_watch_runs(
    tmp_path: Path, daemon_factory: Callable[..., Daemon]
) -> None:
    tree = tmp_path / "share"
    tree.mkdir()
    state, log = tmp_path / "watch.db", tmp_path / "watch.jsonl"
    daemon = daemon_factory(tree, state, log)
    daemon.wait_for(lambda e: e["event"] == "ready", 60)
    result = invoke("scan", str(tree), "--state", str(state), "--out", str(tmp_path / "o.csv"))
    assert result.exit_code == 1
    assert f"pid {daemon.process.pid}, watch {tree}" in result.output
    assert daemon.stop() == 0


def _userns_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-U", "-r", "sh", "-c", "echo 5 > /proc/sys/user/max_inotify_watches"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _userns_works(), reason="needs unprivileged user namespaces")
def test_too_few_inotify_watches_falls_back_to_rescans_and_says_so(
    tmp_path: Path, daemon_factory: Callable[..., Daemon]
) -> None:
    tree = tmp_path / "share"
    for i in range(12):
        (tree / f"d{i}").mkdir(parents=True)
    # In a fresh user namespace the watch limit is ours to set: 5 for 13 directories.
    limit = 'echo 5 > /proc/sys/user/max_inotify_watches && exec "$@"'
    prefix = ("unshare", "-U", "-r", "sh", "-c", limit, "sh")
    state, log = tmp_path / "watch.db", tmp_path / "watch.jsonl"
    daemon = daemon_factory(tree, state, log, "--rescan-interval", "2", prefix=prefix)
    daemon.wait_for(lambda e: e["event"] == "fallback", 60)
    (fallback,) = [e for e in daemon.events() if e["event"] == "fallback"]
    assert fallback["reason"] == "inotify watch limit reached"
    assert fallback["unwatched_directories"] == 13 - 5
    assert fallback["max_user_watches"] == 5
    assert "max_user_watches" in str(fallback["hint"])
    ready = next(e for e in daemon.events() if e["event"] == "ready")
    assert ready["mode"] == "rescans"

    late = tree / "d11" / "名簿.csv"  # d11 is one of the directories without a watch
    late.write_text(ROSTER, encoding="utf-8")
    daemon.wait_for(lambda e: e["event"] == "violation" and e["path"] == str(late), 30)
    assert daemon.stop() == 0
    stderr = daemon.stderr()
    assert "inotify watch limit reached (8 directories not watched)" in stderr
    assert "falling back to a full rescan every 2 s" in stderr


def test_planted_values_are_nowhere(tmp_path: Path, daemon_factory: Callable[..., Daemon]) -> None:
    tree = tmp_path / "share"
    tree.mkdir()
    (tree / "身上調書.txt").write_text(planted_document(), encoding="utf-8")
    state, log = tmp_path / "state.db", tmp_path / "watch.jsonl"
    scan = subprocess.run(
        [*PIISCAN, "scan", str(tree), "--state", str(state), "--out", str(tmp_path / "scan.csv")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert scan.returncode == 0, scan.stderr
    (row,) = read_csv_report(tmp_path / "scan.csv")
    assert row["risk_level"] == "1" and "JP_MY_NUMBER:1" in row["entities"]
    assert "PERSON:西＊＊ ＊＊" in row["evidence"]

    daemon = daemon_factory(tree, tmp_path / "watch.db", log)
    daemon.wait_for(lambda e: e["event"] == "ready", 60)
    copy = tree / "コピー.txt"
    copy.write_text(planted_document() + "\n備考：エラー確認用\n", encoding="utf-8")
    daemon.wait_for(lambda e: e["event"] == "violation" and e["path"] == str(copy), 30)
    (tree / "壊れた.xlsx").write_bytes(truncated_workbook())
    daemon.wait_for(lambda e: e["event"] == "error", 30)
    assert daemon.stop() == 0

    outputs: dict[str, bytes] = {}
    for fmt in ("csv", "jsonl", "html"):
        out = tmp_path / f"report.{fmt}"
        result = invoke("report", "--state", str(state), "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        outputs[fmt] = out.read_bytes()
        outputs[f"{fmt} console"] = result.output.encode()
    outputs["log"] = log.read_bytes()
    outputs["scan console"] = (scan.stdout + scan.stderr).encode()
    outputs["watch stderr"] = daemon.stderr().encode()
    databases = [state, tmp_path / "watch.db"]
    for db in databases:
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{db}{suffix}")
            if path.exists():
                outputs[path.name] = path.read_bytes()
    assert outputs["state.db"] and outputs["watch.db"]
    leaks = {
        name: [f for f in FRAGMENTS if f.encode("utf-8") in data or f.encode("cp932") in data]
        for name, data in outputs.items()
    }
    assert not any(leaks.values()), leaks
