"""Is every directory really watched? Linux's inotify limits, checked instead of trusted.

inotify needs one watch per directory, and a user may hold at most
`fs.inotify.max_user_watches` of them (`max_user_instances` instances). watchdog raises
when the root itself cannot be watched, but skips a subdirectory whose watch the kernel
refuses without a word, so a large share would go partly unwatched in silence. Here the
directories actually watched are read back from the kernel (`/proc/self/fdinfo`, one
line per watch, with the directory's inode) and compared with the directories on disk.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

LIMIT_ERRNOS = (errno.ENOSPC, errno.EMFILE)  # watch limit, instance limit
SYSCTL = Path("/proc/sys/fs/inotify/max_user_watches")
USERNS_LIMIT = Path("/proc/sys/user/max_inotify_watches")
HINT = (
    "raise the limit, e.g. `sysctl -w fs.inotify.max_user_watches=1048576` "
    "(persist it in /etc/sysctl.d/)"
)


def is_limit_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in LIMIT_ERRNOS


def max_user_watches() -> int | None:
    """The smaller of the system-wide and the user-namespace limit, if readable."""
    limits = []
    for source in (SYSCTL, USERNS_LIMIT):
        try:
            limits.append(int(source.read_text().strip()))
        except (OSError, ValueError):
            continue
    return min(limits) if limits else None


def watched_inodes(proc: Path = Path("/proc/self")) -> set[tuple[int, int]]:
    """(device, inode) of every inode this process's inotify instances watch."""
    watched: set[tuple[int, int]] = set()
    try:
        fds = os.listdir(proc / "fd")
    except OSError:
        return watched
    for fd in fds:
        try:
            if os.readlink(proc / "fd" / fd) != "anon_inode:inotify":
                continue
            info = (proc / "fdinfo" / fd).read_text()
        except OSError:
            continue
        watched.update(parse_fdinfo(info))
    return watched


def parse_fdinfo(info: str) -> Iterator[tuple[int, int]]:
    """Watches from fdinfo lines like `inotify wd:3 ino:1a2b sdev:800001 mask:...`.

    `sdev` is the kernel's internal device number (major << 20 | minor); it is turned
    into the `st_dev` encoding `os.stat` reports.
    """
    for line in info.splitlines():
        if not line.startswith("inotify wd:"):
            continue
        fields = dict(part.split(":", 1) for part in line.split()[1:] if ":" in part)
        try:
            ino = int(fields["ino"], 16)
            sdev = int(fields["sdev"], 16)
        except (KeyError, ValueError):
            continue
        yield os.makedev(sdev >> 20, sdev & 0xFFFFF), ino


def directories(roots: Iterable[str], follow_symlinks: bool = False) -> Iterator[tuple[int, int]]:
    """(device, inode) of every directory below `roots`, roots included (the set the
    watcher should hold watches for)."""
    stack = list(roots)
    seen: set[tuple[int, int]] = set()
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        yield key
        try:
            with os.scandir(directory) as it:
                for entry in it:
                    try:
                        if entry.is_dir(follow_symlinks=follow_symlinks):
                            stack.append(entry.path)
                    except OSError:
                        continue
        except OSError:
            continue


def unwatched(roots: Iterable[str], follow_symlinks: bool = False) -> int:
    """How many directories below `roots` this process holds no inotify watch for."""
    watched = watched_inodes()
    return sum(1 for key in directories(roots, follow_symlinks) if key not in watched)


def is_watched(path: str) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return True  # gone again: nothing to watch
    if not stat.S_ISDIR(st.st_mode):
        return True
    return (st.st_dev, st.st_ino) in watched_inodes()
