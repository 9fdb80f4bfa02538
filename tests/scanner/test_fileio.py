"""Reading leaves files as they were and notices files that change or vanish."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner.errors import ExtractionError, LimitExceeded
from scanner.fileio import FileChanged, read_file


def test_reads_whole_file(tmp_path: Path) -> None:
    f = tmp_path / "a.bin"
    f.write_bytes(b"x" * 3_000_000)
    assert read_file(os.fsencode(f), 10_000_000).data == b"x" * 3_000_000


def test_atime_is_not_touched(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("氏名")
    # atime older than mtime: relatime would update it on any ordinary read.
    st = f.stat()
    os.utime(f, ns=(st.st_mtime_ns - 10**12, st.st_mtime_ns))
    before = f.stat()
    read_file(os.fsencode(f), 1000)
    after = f.stat()
    assert after.st_atime_ns == before.st_atime_ns
    assert after.st_mtime_ns == before.st_mtime_ns


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "big"
    f.write_bytes(b"x" * 2000)
    with pytest.raises(LimitExceeded):
        read_file(os.fsencode(f), 1000)


def test_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_file(os.fsencode(tmp_path / "gone"), 1000)


def test_symlink_is_not_followed_by_default(tmp_path: Path) -> None:
    (tmp_path / "t").write_text("x")
    (tmp_path / "l").symlink_to(tmp_path / "t")
    with pytest.raises(OSError):
        read_file(os.fsencode(tmp_path / "l"), 1000)
    assert read_file(os.fsencode(tmp_path / "l"), 1000, follow_symlinks=True).data == b"x"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p")
    with pytest.raises(ExtractionError):
        read_file(os.fsencode(tmp_path / "p"), 1000)


def test_file_growing_during_read_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "growing.csv"
    f.write_bytes(b"a" * 100)
    real_read = os.read
    appended: list[bool] = []

    def read_and_append(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        if chunk and not appended:
            with f.open("ab") as other_writer:  # another program appends meanwhile
                other_writer.write(b"b")
            appended.append(True)
        return chunk

    monkeypatch.setattr(os, "read", read_and_append)
    with pytest.raises(FileChanged):
        read_file(os.fsencode(f), 10_000)
