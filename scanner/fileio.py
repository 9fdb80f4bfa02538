"""Reading a file without changing anything about it.

The scanner is a guest on the share: it opens read-only, asks the kernel not to update
the access time (O_NOATIME, allowed for the file's owner or root; we fall back quietly
otherwise), never locks, and notices when a file changes or vanishes while being read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from scanner.errors import ExtractionError, LimitExceeded

_NOATIME = getattr(os, "O_NOATIME", 0)
_BASE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_CHUNK = 1024 * 1024


class FileChanged(ExtractionError):
    """The file changed size or mtime while it was being read."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    data: bytes
    st: os.stat_result


def _open(path: bytes, follow_symlinks: bool) -> int:
    flags = _BASE_FLAGS if not follow_symlinks else _BASE_FLAGS & ~getattr(os, "O_NOFOLLOW", 0)
    if _NOATIME:
        try:
            return os.open(path, flags | _NOATIME)
        except PermissionError:
            pass  # not the owner: O_NOATIME is refused, read normally
        except OSError as exc:
            if exc.errno != errno.EPERM:
                raise
    return os.open(path, flags)


def read_file(path: bytes, max_bytes: int, *, follow_symlinks: bool = False) -> ReadResult:
    """Read a regular file whole, refusing anything larger than `max_bytes`.

    Raises OSError (vanished, permission), LimitExceeded (too large), FileChanged.
    """
    fd = _open(path, follow_symlinks)
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise ExtractionError("not a regular file")
        if before.st_size > max_bytes:
            raise LimitExceeded(
                f"file too large: {before.st_size} bytes exceeds the limit of {max_bytes}"
            )
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise LimitExceeded(f"file grew beyond the limit of {max_bytes} bytes while read")
            parts.append(chunk)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or total != (
        after.st_size
    ):
        raise FileChanged("file changed while being read")
    return ReadResult(b"".join(parts), after)
