"""Walking the roots of a scan: every regular file, once, whatever the tree holds.

Design choices, each for a real share:
- Paths are handled as bytes end to end, so names that are not valid UTF-8 (CP932
  names copied from Windows shares) are opened by their true name; `display_path`
  decodes them for humans (UTF-8, else CP932, else escaped bytes).
- `os.scandir` with an explicit stack: no recursion limit on very deep trees.
- Symbolic links are skipped unless asked; when followed, each directory is entered
  once by (device, inode), so link loops end.
- Sockets, FIFOs and devices are skipped; reading one could block or never end.
- A directory that cannot be listed becomes an entry with `error` set, so the report
  shows what was not seen; a directory that vanished mid-scan is simply gone.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from scanner.errors import safe_error


@dataclass(frozen=True, slots=True)
class FileEntry:
    raw: bytes  # the path as the OS knows it
    path: str  # the absolute path for display
    st: os.stat_result | None = None
    error: str = ""


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    follow_symlinks: bool = False
    include: tuple[str, ...] = ()  # file globs; empty = every file
    exclude: tuple[str, ...] = ()  # file and directory globs
    # piiscan's own files (state database, report being written): never read, never
    # reported. Exact absolute paths, and prefixes for names with a random part.
    own: frozenset[bytes] = frozenset()
    own_prefixes: tuple[bytes, ...] = ()

    def is_own(self, raw: bytes) -> bool:
        return raw in self.own or (bool(self.own_prefixes) and raw.startswith(self.own_prefixes))


@dataclass(slots=True)
class CrawlStats:
    files: int = 0
    skipped_symlinks: int = 0
    skipped_special: int = 0
    excluded: int = 0
    unreadable_dirs: int = 0
    loops: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def display_path(raw: bytes) -> str:
    """A readable form of a path that may not be valid UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp932")
        # Python's cp932 maps stray bytes 0xFD–0xFF to private-use characters; a name
        # that needs them was not CP932 to begin with.
        if not any("\ue000" <= ch <= "\uf8ff" for ch in text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("utf-8", errors="backslashreplace")


def _matches(patterns: Iterable[str], name: str, rel: str) -> bool:
    """A glob without '/' matches the base name; one with '/' the path below the root."""
    return any(fnmatch.fnmatchcase(rel if "/" in p else name, p) for p in patterns)


def _relative(raw: bytes, root: bytes) -> bytes:
    """`os.path.relpath(raw, root)` for a path found below `root` by scandir.

    Both are absolute and normalised here, so the prefix is enough; relpath would
    normalise both again for every file, which costs more than the rest of the walk.
    """
    prefix = root if root.endswith(b"/") else root + b"/"
    return raw[len(prefix) :] if raw.startswith(prefix) else os.path.relpath(raw, root)


class Crawler:
    def __init__(self, options: CrawlOptions | None = None) -> None:
        self.options = options or CrawlOptions()
        self.stats = CrawlStats()

    def walk(self, roots: Iterable[str | bytes | os.PathLike[str]]) -> Iterator[FileEntry]:
        for root in roots:
            raw = os.path.abspath(os.fsencode(root))
            yield from self._walk_root(raw)

    def _entry(self, raw: bytes, st: os.stat_result | None, error: str = "") -> FileEntry:
        return FileEntry(raw=raw, path=display_path(raw), st=st, error=error)

    def _walk_root(self, root: bytes) -> Iterator[FileEntry]:
        try:
            st = os.stat(root) if self.options.follow_symlinks else os.lstat(root)
        except OSError as exc:
            yield self._entry(root, None, safe_error(exc))
            return
        if stat.S_ISLNK(st.st_mode):
            # A root named explicitly is followed once: the user asked for it.
            try:
                st = os.stat(root)
            except OSError as exc:
                yield self._entry(root, None, safe_error(exc))
                return
        if stat.S_ISREG(st.st_mode):
            self.stats.files += 1
            yield self._entry(root, st)
            return
        if not stat.S_ISDIR(st.st_mode):
            self.stats.skipped_special += 1
            return
        visited: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
        stack: list[bytes] = [root]
        while stack:
            directory = stack.pop()
            yield from self._list(directory, root, stack, visited)

    def _list(
        self,
        directory: bytes,
        root: bytes,
        stack: list[bytes],
        visited: set[tuple[int, int]],
    ) -> Iterator[FileEntry]:
        opts = self.options
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except FileNotFoundError:
            return  # vanished since it was listed
        except OSError as exc:
            self.stats.unreadable_dirs += 1
            yield self._entry(directory, None, f"directory not listed: {safe_error(exc)}")
            return
        subdirs: list[bytes] = []
        filtered = bool(opts.exclude or opts.include)
        for entry in entries:
            raw = os.fsencode(entry.path)
            if filtered:
                name = display_path(os.fsencode(entry.name))
                rel = display_path(_relative(raw, root))
            try:
                if entry.is_symlink():
                    if not opts.follow_symlinks:
                        self.stats.skipped_symlinks += 1
                        continue
                    st = entry.stat(follow_symlinks=True)
                else:
                    st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue  # vanished, or a dangling link
            except OSError as exc:
                yield self._entry(raw, None, safe_error(exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                if opts.exclude and _matches(opts.exclude, name, rel):
                    self.stats.excluded += 1
                    continue
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    self.stats.loops += 1
                    continue
                visited.add(key)
                subdirs.append(raw)
            elif stat.S_ISREG(st.st_mode):
                if opts.is_own(raw):
                    continue
                if (opts.exclude and _matches(opts.exclude, name, rel)) or (
                    opts.include and not _matches(opts.include, name, rel)
                ):
                    self.stats.excluded += 1
                    continue
                self.stats.files += 1
                yield self._entry(raw, st)
            else:
                self.stats.skipped_special += 1
        # Reversed so that the stack pops subdirectories in name order.
        stack.extend(reversed(subdirs))
