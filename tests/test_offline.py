"""Air-gapped: a scan opens no network connection, in the CLI or in its workers.

The guard (`tests/netguard`) is an audit hook that raises on DNS lookups and on
connections other than Unix-domain sockets, and leaves a file in $PIISCAN_NETGUARD_DIR.
It is loaded into every subprocess through `sitecustomize`; the first test proves it
trips, so the second cannot pass by accident.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NETGUARD = Path(__file__).parent / "netguard"
ROOT = Path(__file__).resolve().parents[1]


def guarded_env(marks: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(NETGUARD), str(ROOT)])
    env["PIISCAN_NETGUARD_DIR"] = str(marks)
    return env


def test_guard_trips_on_a_connection(tmp_path: Path) -> None:
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=guarded_env(tmp_path), capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "network use is forbidden" in proc.stderr
    assert list(tmp_path.glob("network-*"))


def test_scan_opens_no_network_connection(tmp_path: Path) -> None:
    tree = tmp_path / "share"
    tree.mkdir()
    (tree / "名簿.csv").write_text(
        "氏名,メールアドレス,電話\n山田 太郎,taro.yamada@example.ac.jp,090-1234-5678\n",
        encoding="utf-8",
    )
    (tree / "連絡.txt").write_text("連絡はhanako@example.comまで。鈴木 花子\n", encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    piiscan = Path(sys.executable).parent / "piiscan"
    proc = subprocess.run(
        [str(piiscan), "scan", str(tree), "--out", str(tmp_path / "out.csv"), "--jobs", "2"],
        env=guarded_env(marks),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "EMAIL_ADDRESS:1" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert not list(marks.iterdir()), [p.read_text() for p in marks.iterdir()]
