"""Reading back from the kernel which directories inotify really watches."""

from __future__ import annotations

import os
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from scanner import inotify

FDINFO = """pos:\t0
flags:\t02004000
mnt_id:\t15
ino:\t1057
inotify wd:2 ino:20e3b9 sdev:fe00000 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:b9e3200000000000
inotify wd:1 ino:1a sdev:800001 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:1a00000000000000
"""


def test_fdinfo_lines_become_device_and_inode() -> None:
    assert set(inotify.parse_fdinfo(FDINFO)) == {
        (os.makedev(0xFE, 0), 0x20E3B9),
        (os.makedev(8, 1), 0x1A),
    }


def test_every_directory_of_a_watched_tree_is_found_watched(tmp_path: Path) -> None:
    for name in ("a/b/c", "d", "e/f"):
        (tmp_path / name).mkdir(parents=True)
    assert inotify.unwatched([str(tmp_path)]) == 7  # nothing watches it yet
    observer = Observer()
    observer.schedule(FileSystemEventHandler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        assert inotify.unwatched([str(tmp_path)]) == 0
        assert inotify.is_watched(str(tmp_path / "a" / "b"))
    finally:
        observer.stop()
        observer.join()


def test_directories_are_counted_once_and_links_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    assert len(list(inotify.directories([str(tmp_path)]))) == 2
    assert len(list(inotify.directories([str(tmp_path), str(tmp_path / "a")]))) == 2


def test_limit_errors_are_recognised() -> None:
    assert inotify.is_limit_error(OSError(28, "inotify watch limit reached"))
    assert inotify.is_limit_error(OSError(24, "inotify instance limit reached"))
    assert not inotify.is_limit_error(OSError(13, "permission denied"))
    assert inotify.max_user_watches() is not None
