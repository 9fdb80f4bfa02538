"""The `piiscan scan` command end to end: report format, exit codes, scale."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from _clihelp import ScanRunner, invoke, read_csv_report

from reports.model import COLUMNS


def test_csv_has_bom_and_exact_header(tmp_path: Path, run_scan: ScanRunner) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "名簿.csv").write_text(
        "氏名,学籍番号\n山田太郎,1234567\n", encoding="cp932"
    )
    rows = run_scan(tmp_path / "data")
    assert list(rows[0].keys()) == list(COLUMNS)
    row = rows[0]
    assert row["path"] == str(tmp_path / "data" / "名簿.csv")
    assert row["file_type"].startswith("text/")
    assert row["encrypted"] == "no"
    assert row["size"] == str((tmp_path / "data" / "名簿.csv").stat().st_size)
    assert row["mtime"][:4].isdigit() and "T" in row["mtime"]
    assert row["owner"]
    assert row["error"] == ""


def test_jsonl_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("本文")
    result = invoke("scan", str(tmp_path), "--format", "jsonl", "--out", "-")
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert len(lines) == 1
    assert set(COLUMNS) <= set(lines[0])
    assert lines[0]["encrypted"] is False


def test_thousand_small_files(tmp_path: Path, run_scan: ScanRunner) -> None:
    root = tmp_path / "share"
    for i in range(1000):
        d = root / f"dir{i % 10}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"file{i}.csv").write_text(f"氏名,番号\n山田{i},{i}\n", encoding="utf-8")
    rows = run_scan(root, extra=("--jobs", "2"))
    assert len(rows) == 1000
    assert len({r["path"] for r in rows}) == 1000
    assert all(r["error"] == "" for r in rows)


def test_report_is_not_left_half_written_on_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    out.write_text("previous report")
    result = invoke("scan", str(tmp_path / "missing"), "--out", str(out))
    assert result.exit_code == 2
    assert out.read_text() == "previous report"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_unreadable_password_file_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("scan", str(tmp_path), "--passwords", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_missing_output_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("scan", str(tmp_path), "--out", str(tmp_path / "no" / "r.csv"))
    assert result.exit_code == 2


def test_every_command_has_help() -> None:
    from scanner.cli import main

    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        assert invoke(name, "--help").exit_code == 0


SETPRIV = shutil.which("setpriv")
CAN_DROP_CAPS = os.geteuid() != 0 or SETPRIV is not None


def unprivileged(cmd: list[str]) -> list[str]:
    """Run `cmd` so that permission bits bind it: as root, without the DAC capabilities."""
    if os.geteuid() != 0:
        return cmd
    assert SETPRIV
    drop = "-dac_override,-dac_read_search"
    return [SETPRIV, f"--bounding-set={drop}", f"--inh-caps={drop}", *cmd]


@pytest.mark.skipif(not CAN_DROP_CAPS, reason="root without setpriv cannot be denied access")
def test_unreadable_file_and_directory(tmp_path: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    (root / "ok.txt").write_text("本文")
    secret = root / "secret.csv"
    secret.write_text("氏名\n山田\n")
    secret.chmod(0)
    locked = root / "locked"
    locked.mkdir()
    (locked / "inner.txt").write_text("x")
    locked.chmod(0)
    report = tmp_path / "r.csv"
    try:
        proc = subprocess.run(
            unprivileged(
                [sys.executable, "-m", "scanner.cli", "scan", str(root), "--out", str(report)]
            ),
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    rows = {r["path"]: r for r in read_csv_report(report)}
    assert rows[str(root / "ok.txt")]["error"] == ""
    assert rows[str(secret)]["error"] == "permission denied"
    assert rows[str(locked)]["error"].startswith("directory not listed")


def test_summary_counts_files_and_members_by_what_they_are(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (share / "重要!.txt").write_text("本文")  # a '!' in a real name is not a member
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
        zf.writestr("b.txt", "y")
    (share / "pack.zip").write_bytes(buf.getvalue())
    result = invoke("scan", str(share), "--out", str(tmp_path / "r.csv"))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert any(re.fullmatch(r"\s*files\s+2 \(.*\)\s*", line) for line in lines), lines
    assert any(re.fullmatch(r"\s*archive / mail members\s+2\s*", line) for line in lines), lines
