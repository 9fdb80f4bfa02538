"""Where a file lies, as far as the storage rules care: its zone.

The violation codes depend on the place as much as on the content (SPEC, "Violation
codes"): a 危険度① file on a USB stick is a take-out that is prohibited, the same file in
a web folder is published. 対策基準 留意点2 counts cloud storage used off campus as
take-out (持ち出し) too, so a OneDrive or Dropbox folder is treated like removable media.

A zone comes, in this order, from

1. the zones a command declares itself (`takeout` prepends one for its PATH),
2. the policy's `[[zones]]`, in file order, the first whose glob matches winning,
3. auto-detection, needing no configuration: removable mounts the kernel reports
   (`removable_mounts`), `autodetect.removable_paths`, then cloud-sync folder names,
   then public folder names,
4. else `normal`.

Declared zones come first so that an administrator can overrule auto-detection in both
directions: a `secure` store inside a folder called `Box`, or a `normal` zone for a
folder named `www` that is no web root.

Callers pass the path of a file on disk, never an `ARCHIVE!member` path: an archive
member lies wherever its archive lies.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wcmatch import fnmatch, glob

from classifier.codes import ZoneType
from classifier.policy import Policy, ZoneDecl

# `**` spans directories, `*` and `**` also match dot folders (a `.secure` store), and
# matching is POSIX-style whatever the platform: the paths come from a Linux scanner.
GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB | glob.FORCEUNIX
# Folder names keep the case someone typed (`onedrive`, `DropBox` on a Windows share).
NAME_FLAGS = fnmatch.IGNORECASE | fnmatch.DOTMATCH | fnmatch.FORCEUNIX

MOUNTINFO = Path("/proc/self/mountinfo")
SYSFS = Path("/sys")


@dataclass(frozen=True, slots=True)
class Zone:
    """A zone as findings report it: its name (the `zone` column) and its type."""

    name: str
    type: ZoneType


NORMAL = Zone("normal", ZoneType.NORMAL)
REMOVABLE = Zone("removable", ZoneType.REMOVABLE)
CLOUD_SYNC = Zone("cloud_sync", ZoneType.CLOUD_SYNC)
PUBLIC = Zone("public", ZoneType.PUBLIC)


# --- removable mounts -----------------------------------------------------------------

_OCTAL = re.compile(rb"\\([0-7]{3})")


def removable_mounts(mountinfo: Path = MOUNTINFO, sysfs: Path = SYSFS) -> tuple[str, ...]:
    """Mount points of the block devices the kernel reports as removable or USB-attached.

    Best effort and never raising: a scanner must not stop because /proc or /sys look
    unusual (a container, another OS), it just finds no removable mounts there. Declared
    zones and `autodetect.removable_paths` (/media, /run/media) still apply.
    """
    try:
        data = mountinfo.read_bytes()
    except OSError:
        return ()
    found: list[str] = []
    for device, mount_point in _block_mounts(data):
        if mount_point not in found and _is_removable(sysfs, device):
            found.append(mount_point)
    return tuple(found)


def _block_mounts(data: bytes) -> Iterator[tuple[str, str]]:
    """`(major:minor, mount point)` of each mountinfo line backed by a block device.

    Major 0 is the kernel's "no device" (tmpfs, proc, NFS, overlay…); malformed lines
    are skipped.
    """
    for line in data.splitlines():
        fields = line.split()
        if len(fields) < 5 or b":" not in fields[2]:
            continue
        major, _, minor = fields[2].partition(b":")
        if not (major.isdigit() and minor.isdigit()) or int(major) == 0:
            continue
        yield fields[2].decode("ascii"), _unescape(fields[4])


def _unescape(field: bytes) -> str:
    r"""A mountinfo path with its octal escapes (`\040` space, `\011` tab…) decoded.

    Decoded as bytes first, so that a non-ASCII (Japanese) mount point the kernel wrote
    as raw UTF-8 and one it escaped both come out as the same file-system string.
    """
    return os.fsdecode(_OCTAL.sub(lambda m: bytes([int(m[1], 8)]), field))


def _is_removable(sysfs: Path, device: str) -> bool:
    """Whether sysfs says the block device is removable media or hangs off a USB bus.

    USB hard disks and many USB sticks report `removable` 0, hence the bus check. A
    partition has no `removable` file of its own: its parent disk's counts.
    """
    try:
        node = (sysfs / "dev" / "block" / device).resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    if any(part.startswith("usb") for part in node.parts):
        return True
    if _read_flag(node / "removable"):
        return True
    return (node / "partition").exists() and _read_flag(node.parent / "removable")


def _read_flag(path: Path) -> bool:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip() == "1"
    except OSError:
        return False


# --- matching -------------------------------------------------------------------------


def _nfc(text: str) -> str:
    """NFC form: names from macOS clients arrive decomposed (マイドライブ as ト + ゛)."""
    return unicodedata.normalize("NFC", text)


def _path_pattern(pattern: str) -> str:
    """A declared glob ready to match: `~` expanded, NFC, no trailing slash."""
    expanded = _nfc(os.path.expanduser(pattern))
    return expanded.rstrip("/") or "/"


@lru_cache(maxsize=256)
def _path_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Compiled once per process; kept out of `ZoneMap` so that it pickles as plain data."""
    return glob.compile(list(patterns), flags=GLOB_FLAGS).match


@lru_cache(maxsize=256)
def _name_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Like `_path_matcher`, for single folder names (no `/` in them to care about)."""
    return fnmatch.compile(list(patterns), flags=NAME_FLAGS).match


def _self_and_parents(path: str) -> Iterator[str]:
    """`path` (absolute, normalised), then each directory above it, up to `/`."""
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path:
            return
        path = parent


def _covers(patterns: tuple[str, ...], path: str) -> bool:
    """A glob covers a path when it matches the path or any directory above it.

    So `/srv/secure` and `/srv/secure/**` both cover `/srv/secure/a/b.xlsx`: a zone is a
    place, and whoever declares it rarely thinks about `**`.
    """
    if not patterns:
        return False
    match = _path_matcher(patterns)
    return any(match(p) for p in _self_and_parents(path))


@lru_cache(maxsize=8192)
def _covers_directory(patterns: tuple[str, ...], directory: str) -> bool:
    """`_covers` for a directory, remembered: the files of a folder share the answer.

    A nightly rescan asks for the zone of every file again (a chmod or a new zone must
    show without a read); matching each glob against each parent of each file was most
    of that. A file is covered when its own path matches or its directory is covered.
    """
    return _covers(patterns, directory)


def _covers_file(patterns: tuple[str, ...], path: str) -> bool:
    if not patterns:
        return False
    if _path_matcher(patterns)(path):
        return True
    parent = os.path.dirname(path)
    return parent != path and _covers_directory(patterns, parent)


@lru_cache(maxsize=8192)
def _folder_named(patterns: tuple[str, ...], directory: str) -> bool:
    """Whether `directory` or a directory above it matches a folder-name glob.

    Called with a file's directory, never its name: a file called `www` is not a web
    folder; a file in one is.
    """
    if not patterns:
        return False
    match = _name_matcher(patterns)
    return any(match(folder) for folder in directory.split("/") if folder)


def _normalize(path: str) -> str:
    """Absolute and NFC. The crawler's paths are both already; checking is cheaper."""
    if not path.startswith("/") or _UNCLEAN.search(path):
        path = os.path.abspath(path)
    return path if unicodedata.is_normalized("NFC", path) else _nfc(path)


# What `abspath` would change in an absolute path: "//", "/./", "/../", a trailing "/" or ".".
_UNCLEAN = re.compile(r"//|/\.\.?(?:/|$)|/$")


# --- the map --------------------------------------------------------------------------


class ZoneMap:
    """Resolves a file's path to its zone, under one policy.

    Holds only strings and tuples (the globs are compiled lazily, per process), because
    it is pickled and shipped to every worker process.
    """

    __slots__ = ("_declared", "_removable", "_removable_paths", "_cloud_sync", "_public")

    def __init__(
        self,
        policy: Policy,
        removable: tuple[str, ...] = (),
        extra: tuple[ZoneDecl, ...] = (),
    ) -> None:
        decls = tuple(d for d in extra if d.enabled) + policy.active_zones
        self._declared: tuple[tuple[Zone, tuple[str, ...]], ...] = tuple(
            (Zone(d.name, d.type), tuple(_path_pattern(p) for p in d.paths)) for d in decls
        )
        # "/" as a removable mount (a live USB system) would make every file a take-out.
        mounts = (_normalize(m) for m in removable)
        self._removable: tuple[str, ...] = tuple(m for m in mounts if m != "/")
        auto = policy.autodetect
        self._removable_paths = tuple(_path_pattern(p) for p in auto.removable_paths)
        self._cloud_sync = tuple(_nfc(p) for p in auto.cloud_sync)
        self._public = tuple(_nfc(p) for p in auto.public)

    @classmethod
    def detect(cls, policy: Policy, extra: tuple[ZoneDecl, ...] = ()) -> ZoneMap:
        """The map for this machine: asks the kernel for removable mounts if the policy
        lets auto-detection do so."""
        removable = removable_mounts() if policy.autodetect.removable_mounts else ()
        return cls(policy, removable=removable, extra=extra)

    @property
    def has_secure(self) -> bool:
        """Whether any `secure` zone is declared: only then is ① outside one a violation."""
        return any(zone.type is ZoneType.SECURE for zone, _ in self._declared)

    @property
    def removable(self) -> tuple[str, ...]:
        """The removable mount points this map knows (without `/`)."""
        return self._removable

    def zone_for(self, path: str) -> Zone:
        """The zone of the file at `path` (an absolute on-disk path, not `ARCHIVE!member`)."""
        path = _normalize(path)
        for zone, patterns in self._declared:
            if _covers_file(patterns, path):
                return zone
        return self._auto_zone(path)

    def _auto_zone(self, path: str) -> Zone:
        """Auto-detection: removable beats cloud-sync beats public.

        Take-out is checked first because it is the rule a ① file breaks outright
        (TAKEOUT_PROHIBITED), whatever folder names it also lies under.
        """
        if self._on_removable_mount(path) or _covers_file(self._removable_paths, path):
            return REMOVABLE
        directory = os.path.dirname(path)
        if _folder_named(self._cloud_sync, directory):
            return CLOUD_SYNC
        if _folder_named(self._public, directory):
            return PUBLIC
        return NORMAL

    def _on_removable_mount(self, path: str) -> bool:
        return any(path == m or path.startswith(m + "/") for m in self._removable)
