"""ZIP archives, including ZipCrypto and WinZip AES entries.

The archive's central directory is judged by `zipguard.check_zip` (and against what
is left of the shared budget) before a byte is expanded; members are then read one at
a time through `zipguard.read_member`, so a header that lies about a size cannot make
us expand more than it declared. Each regular file becomes a `Member`; directories,
symlinks and devices are skipped. Nested archives come back as bytes: the pipeline
recurses, not us.

Names without the UTF-8 flag (bit 11) are what Japanese Windows writes: CP932 when
the bytes decode as CP932, else CP437 as the ZIP spec says. An Info-ZIP Unicode Path
field (0x7075) wins over both when its CRC matches the stored name.

Encrypted entries (flag bit 0: ZipCrypto, or compression method 99: WinZip AES, read
with pyzipper) are tried with each of `ctx.passwords`, as UTF-8 and then CP932 bytes
(Windows encodes ZipCrypto passwords in the ANSI code page). One that opens yields the
data with `encrypted=True`; otherwise the member is yielded without data.

`mtime` is timezone-aware: from the Unix (0x5455) or NTFS (0x000a) extra field when
present (both UTC), else the DOS date and time read as the scanning machine's local
time (what Windows Explorer stores).
"""

from __future__ import annotations

import dataclasses
import io
import lzma
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pyzipper

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.base import Budget, ExtractContext, Extraction, Extractor, Member
from scanner.zipguard import check_zip, read_member

ENCRYPTED_NO_PASSWORD = "encrypted; no password opened it"

_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_METHOD_AES = 99
_UNIX = 3  # ZipInfo.create_system of archives made on Unix
_EXTRA_UNIX_TIME = 0x5455
_EXTRA_NTFS = 0x000A
_EXTRA_UNICODE_PATH = 0x7075
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)

# What reading a damaged member raises in zipfile / pyzipper, as opposed to our guards.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    pyzipper.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    RuntimeError,  # zipfile's "Bad password" / "password required"
)


def password_variants(passwords: tuple[str, ...]) -> list[bytes]:
    """Each password as UTF-8, then as CP932 when that differs, without repeats."""
    seen: list[bytes] = []
    for pw in passwords:
        for encoding in ("utf-8", "cp932"):
            try:
                raw = pw.encode(encoding)
            except UnicodeEncodeError:
                continue
            if raw not in seen:
                seen.append(raw)
    return seen


def _extra_fields(extra: bytes) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        fields.setdefault(tag, extra[pos + 4 : pos + 4 + size])
        pos += 4 + size
    return fields


def member_name(info: zipfile.ZipInfo, extras: dict[int, bytes]) -> str:
    """The member's name as its creator meant it, with "/" separators."""
    if info.flag_bits & _FLAG_UTF8:
        name = info.orig_filename
    else:
        raw = info.orig_filename.encode("cp437")  # zipfile decoded it as CP437: undo that
        name = _unicode_path(raw, extras) or _decode_legacy(raw)
    # After decoding: a CP932 character may end in byte 0x5C, which is not a separator.
    return name.replace("\\", "/")


def _unicode_path(raw: bytes, extras: dict[int, bytes]) -> str | None:
    """The Info-ZIP Unicode Path (0x7075), when it was written for this very name."""
    field = extras.get(_EXTRA_UNICODE_PATH, b"")
    if len(field) <= 5 or field[0] != 1:
        return None
    (crc,) = struct.unpack_from("<I", field, 1)
    if crc != zlib.crc32(raw):
        return None
    try:
        return field[5:].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_legacy(raw: bytes) -> str:
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        return raw.decode("cp437")


def member_mtime(info: zipfile.ZipInfo, extras: dict[int, bytes]) -> datetime | None:
    unix = extras.get(_EXTRA_UNIX_TIME, b"")
    if len(unix) >= 5 and unix[0] & 1:
        (seconds,) = struct.unpack_from("<i", unix, 1)
        return datetime.fromtimestamp(seconds, UTC)
    ntfs = extras.get(_EXTRA_NTFS, b"")
    pos = 4  # 4 reserved bytes, then (tag, size, value) attributes
    while pos + 4 <= len(ntfs):
        tag, size = struct.unpack_from("<HH", ntfs, pos)
        if tag == 1 and size >= 8 and pos + 12 <= len(ntfs):
            (ticks,) = struct.unpack_from("<Q", ntfs, pos + 4)
            try:
                return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
            except OverflowError:
                break
        pos += 4 + size
    try:
        return datetime(*info.date_time).astimezone()
    except (ValueError, OverflowError):
        return None


def _is_regular(info: zipfile.ZipInfo, name: str) -> bool:
    if name.endswith("/") or info.is_dir():
        return False
    if info.create_system == _UNIX:
        kind = stat.S_IFMT(info.external_attr >> 16)
        return kind in (0, stat.S_IFREG)
    return True


def _describe(exc: BaseException) -> str:
    """A content-free reason for a member's `error` cell (library messages quote names)."""
    if isinstance(exc, NotImplementedError):
        return "unsupported compression or encryption method"
    if isinstance(exc, (zipfile.BadZipFile, pyzipper.BadZipFile)):
        return "corrupt member (bad header or checksum)"
    if isinstance(exc, EOFError):
        return "truncated member"
    return f"corrupt member ({type(exc).__name__})"


class ZipExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset(
        {"application/zip", "application/x-zip-compressed"}
    )

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        ctx.check_depth()
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ExtractionError(f"not a readable zip archive ({type(exc).__name__})") from exc
        except struct.error as exc:
            raise ExtractionError("not a readable zip archive (truncated directory)") from exc
        try:
            check_zip(zf, ctx)
            entries = self._entries(zf)
            _check_budget(entries, ctx.budget)
        except BaseException:
            zf.close()
            raise
        encrypted = any(info.flag_bits & _FLAG_ENCRYPTED for info, *_ in entries)
        return Extraction(members=self._members(data, zf, entries, ctx), encrypted=encrypted)

    @staticmethod
    def _entries(
        zf: zipfile.ZipFile,
    ) -> list[tuple[zipfile.ZipInfo, int, str, dict[int, bytes]]]:
        """(info, index in the directory, name, extra fields) of each regular file."""
        found = []
        for index, info in enumerate(zf.infolist()):
            extras = _extra_fields(info.extra)
            name = member_name(info, extras)
            if _is_regular(info, name):
                found.append((info, index, name, extras))
        return found

    def _members(
        self,
        data: bytes,
        zf: zipfile.ZipFile,
        entries: list[tuple[zipfile.ZipInfo, int, str, dict[int, bytes]]],
        ctx: ExtractContext,
    ) -> Iterator[Member]:
        reader = _EncryptedReader(data, zf, ctx)
        with zf:
            for info, index, name, extras in entries:
                ctx.budget.charge(0, members=1)
                mtime = member_mtime(info, extras)
                if info.flag_bits & _FLAG_ENCRYPTED or info.compress_type == _METHOD_AES:
                    yield reader.read(info, index, name, mtime)
                    continue
                try:
                    content = read_member(zf, info, ctx)
                except _MEMBER_ERRORS + (NotImplementedError,) as exc:
                    yield Member(name, None, error=_describe(exc), mtime=mtime)
                    continue
                yield Member(name, content, mtime=mtime)


def _check_budget(
    entries: list[tuple[zipfile.ZipInfo, int, str, dict[int, bytes]]], budget: Budget
) -> None:
    """Refuse up front what the rest of the shared budget could not hold anyway."""
    if len(entries) > budget.members_left:
        raise LimitExceeded("too many archive members (possible zip bomb)")
    if sum(info.file_size for info, *_ in entries) > budget.bytes_left:
        raise LimitExceeded("expanded size exceeds the limit (possible zip bomb)")


class _EncryptedReader:
    """Tries the supplied passwords on ZipCrypto (zipfile) and AES (pyzipper) entries."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile, ctx: ExtractContext) -> None:
        self._data = data
        self._zf = zf
        self._ctx = ctx
        self._passwords = password_variants(ctx.passwords)
        self._aes: Any = None  # a pyzipper.AESZipFile, opened on the first AES entry

    def read(self, info: zipfile.ZipInfo, index: int, name: str, mtime: datetime | None) -> Member:
        if not self._passwords:
            return Member(name, None, ENCRYPTED_NO_PASSWORD, encrypted=True, mtime=mtime)
        try:
            zf, entry = self._source(info, index)
        except _MEMBER_ERRORS as exc:
            return Member(name, None, _describe(exc), encrypted=True, mtime=mtime)
        for pwd in self._passwords:
            # Read on a copy of the budget: bytes from a wrong password that slipped past
            # the check byte are garbage and must not count; the right one is charged.
            trial = dataclasses.replace(
                self._ctx,
                budget=Budget(self._ctx.budget.bytes_left, self._ctx.budget.members_left),
            )
            try:
                content = read_member(zf, entry, trial, pwd)
            except NotImplementedError as exc:
                return Member(name, None, _describe(exc), encrypted=True, mtime=mtime)
            except _MEMBER_ERRORS:
                continue
            self._ctx.budget.charge(len(content))
            return Member(name, content, encrypted=True, mtime=mtime)
        # Every password failed, on the check value or (1 in 256 for ZipCrypto) on the
        # data it then decrypted to: the same answer as having no password.
        return Member(name, None, ENCRYPTED_NO_PASSWORD, encrypted=True, mtime=mtime)

    def _source(self, info: zipfile.ZipInfo, index: int) -> tuple[Any, Any]:
        if info.compress_type != _METHOD_AES:
            return self._zf, info
        if self._aes is None:
            self._aes = pyzipper.AESZipFile(io.BytesIO(self._data))
        entry = self._aes.infolist()[index]
        if entry.header_offset != info.header_offset or entry.file_size != info.file_size:
            raise zipfile.BadZipFile("pyzipper and zipfile disagree on the directory")
        return self._aes, entry
