"""The crawler walks real trees: links, loops, special files, odd names, deep nesting."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from scanner.crawl import Crawler, CrawlOptions, display_path


def walk(*roots: Path, **opts: object) -> list[str]:
    crawler = Crawler(CrawlOptions(**opts))  # type: ignore[arg-type]
    return [e.path for e in crawler.walk(roots) if not e.error]


def make(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_walks_every_regular_file_once_files_before_subdirectories(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/1.csv", "a/2/3.docx", "教務/名簿.xlsx"]:
        make(tmp_path / rel)
    assert walk(tmp_path) == [
        str(tmp_path / p) for p in ["b.txt", "a/1.csv", "a/2/3.docx", "教務/名簿.xlsx"]
    ]


def test_symlinks_are_skipped_unless_followed(tmp_path: Path) -> None:
    target = make(tmp_path / "real" / "f.txt")
    (tmp_path / "link.txt").symlink_to(target)
    (tmp_path / "linkdir").symlink_to(tmp_path / "real", target_is_directory=True)
    assert walk(tmp_path) == [str(target)]
    followed = walk(tmp_path, follow_symlinks=True)
    assert str(tmp_path / "link.txt") in followed
    # the directory is entered once, through whichever path comes first
    assert len([p for p in followed if p.endswith("f.txt")]) == 1


def test_symlink_loop_ends(tmp_path: Path) -> None:
    make(tmp_path / "d" / "f.txt")
    (tmp_path / "d" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    crawler = Crawler(CrawlOptions(follow_symlinks=True))
    paths = [e.path for e in crawler.walk([tmp_path])]
    assert paths.count(str(tmp_path / "d" / "f.txt")) == 1
    assert crawler.stats.loops >= 1


def test_sockets_and_fifos_are_skipped(tmp_path: Path) -> None:
    make(tmp_path / "f.txt")
    os.mkfifo(tmp_path / "fifo")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock"))
        crawler = Crawler()
        assert [e.path for e in crawler.walk([tmp_path])] == [str(tmp_path / "f.txt")]
        assert crawler.stats.skipped_special == 2
    finally:
        sock.close()


def test_non_utf8_names_are_opened_by_their_bytes(tmp_path: Path) -> None:
    cp932_name = "名簿.csv".encode("cp932")
    raw_dir = os.fsencode(tmp_path)
    with open(os.path.join(raw_dir, cp932_name), "wb") as fh:
        fh.write(b"x")
    broken = b"\xff\xfe.txt"  # neither UTF-8 nor CP932
    with open(os.path.join(raw_dir, broken), "wb") as fh:
        fh.write(b"y")
    entries = list(Crawler().walk([tmp_path]))
    assert {os.path.basename(e.raw) for e in entries} == {cp932_name, broken}
    shown = {os.path.basename(e.path) for e in entries}
    assert "名簿.csv" in shown
    assert "\\xff\\xfe.txt" in shown
    for entry in entries:
        assert os.path.exists(entry.raw)


def test_very_deep_tree(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(300):
        deep = deep / "d"
    make(deep / "f.txt")
    assert walk(tmp_path) == [str(deep / "f.txt")]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    for rel in ["a.csv", "b.txt", "node_modules/c.csv", "keep/d.csv", "keep/e.tmp"]:
        make(tmp_path / rel)
    assert walk(tmp_path, include=("*.csv",), exclude=("node_modules",)) == [
        str(tmp_path / "a.csv"),
        str(tmp_path / "keep/d.csv"),
    ]
    assert sorted(walk(tmp_path, exclude=("keep/*.tmp",))) == [
        str(tmp_path / p) for p in ["a.csv", "b.txt", "keep/d.csv", "node_modules/c.csv"]
    ]


def test_file_root_and_missing_root(tmp_path: Path) -> None:
    f = make(tmp_path / "one.txt")
    entries = list(Crawler().walk([f, tmp_path / "missing"]))
    assert entries[0].path == str(f) and not entries[0].error
    assert entries[1].error


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("名簿.csv".encode(), "名簿.csv"),
        ("名簿.csv".encode("cp932"), "名簿.csv"),
        (b"\xff", "\\xff"),
    ],
)
def test_display_path(raw: bytes, shown: str) -> None:
    assert display_path(raw) == shown
