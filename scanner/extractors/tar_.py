"""Tar archives and single compressed streams: gzip, bzip2, xz and lzma.

The compression is recognised from the data's magic bytes (libmagic only routes the
file here). A compressed stream is decompressed incrementally (`GzipFile`, `BZ2File`,
`LZMAFile`, never a one-shot `decompress`) through a counter that stops at the smaller
of `max_expanded_bytes` and `max_ratio` times the compressed size (judged only beyond
`ratio_floor_bytes`), so a bomb is refused after expanding at most that much.

When the decompressed stream starts with a valid tar header (ustar magic at offset 257
or a header whose checksum holds: old v7 tars have no magic) its regular files are
yielded one at a time from a streaming `tarfile` (memory: one member); directories,
links, devices and FIFOs are skipped. Otherwise the stream is one member, named after
the gzip header's original file name (FNAME) or "data".

Names in old-style headers are raw bytes: UTF-8 when they decode, else CP932 (tars made
on Japanese Windows), else shown with replacement characters. `mtime` is UTC.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import struct
import tarfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.base import ExtractContext, Extraction, Extractor, Member

_CHUNK = 1024 * 1024
_BLOCK = tarfile.BLOCKSIZE
_GZIP_MAGIC = b"\x1f\x8b"
_BZIP2_MAGIC = b"BZh"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_GZIP_FEXTRA = 0x04
_GZIP_FNAME = 0x08
_LZMA_ALONE_MAX_PROPS = 225  # an lzma-alone stream opens with a properties byte below this


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


# What a damaged stream or tar raises, as opposed to our guards (LimitExceeded).
_STREAM_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError, ValueError)


class _CappedReader:
    """Reads a decompressing file object, refusing to produce more than `cap` bytes."""

    def __init__(self, inner: _Readable, cap: int, why: str) -> None:
        self._inner = inner
        self._cap = cap
        self._why = why
        self.produced = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > _CHUNK:
            size = _CHUNK  # tarfile asks in small blocks; never let a caller ask for "all"
        chunk = self._inner.read(min(size, self._cap + 1 - self.produced))
        self.produced += len(chunk)
        if self.produced > self._cap:
            raise LimitExceeded(self._why)
        return chunk


class _Prefixed:
    """`head` followed by the rest of `rest`: puts back what we peeked at."""

    def __init__(self, head: bytes, rest: _CappedReader | _Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                size = len(self._head)
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._rest.read(size)


def _read_exactly(reader: _CappedReader | _Readable, size: int) -> bytes:
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = reader.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _looks_like_tar(head: bytes) -> bool:
    if len(head) < _BLOCK:
        return False
    if head[257:262] == b"ustar":
        return True
    try:
        tarfile.TarInfo.frombuf(head[:_BLOCK], "utf-8", "surrogateescape")
    except tarfile.HeaderError:
        return False
    return True


def _decode_name(raw: bytes) -> str:
    for encoding in ("utf-8", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _tar_name(name: str) -> str:
    # tarfile decoded with surrogateescape: undo it where the bytes were not UTF-8.
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        name = _decode_name(name.encode("utf-8", "surrogateescape"))
    name = name.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name


def _timestamp(seconds: float) -> datetime | None:
    if not seconds:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def gzip_header(data: bytes) -> tuple[str | None, datetime | None]:
    """The original file name (FNAME) and mtime recorded in a gzip header."""
    if len(data) < 10 or not data.startswith(_GZIP_MAGIC):
        return None, None
    flags = data[3]
    (seconds,) = struct.unpack_from("<I", data, 4)
    pos = 10
    if flags & _GZIP_FEXTRA:
        if pos + 2 > len(data):
            return None, _timestamp(seconds)
        (xlen,) = struct.unpack_from("<H", data, pos)
        pos += 2 + xlen
    name = None
    if flags & _GZIP_FNAME:
        end = data.find(b"\0", pos, pos + 4096)
        if end > pos:
            name = _decode_name(data[pos:end]).replace("\\", "/")
    return name, _timestamp(seconds)


def _decompressor(data: bytes) -> _Readable | None:
    """A streaming decompressor for `data`, or None when it is not compressed."""
    source = io.BytesIO(data)
    if data.startswith(_GZIP_MAGIC):
        return gzip.GzipFile(fileobj=source, mode="rb")
    if data.startswith(_BZIP2_MAGIC):
        return bz2.BZ2File(source, mode="rb")
    if data.startswith(_XZ_MAGIC):
        return lzma.LZMAFile(source, mode="rb", format=lzma.FORMAT_XZ)
    if data and data[0] < _LZMA_ALONE_MAX_PROPS and not _looks_like_tar(data[:_BLOCK]):
        return lzma.LZMAFile(source, mode="rb", format=lzma.FORMAT_ALONE)
    return None


class TarExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset(
        {
            "application/x-tar",
            "application/gzip",
            "application/x-gzip",
            "application/x-bzip2",
            "application/x-xz",
            "application/x-lzma",
        }
    )

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        ctx.check_depth()
        limits = ctx.limits
        inner = _decompressor(data)
        stream: _CappedReader | _Readable
        if inner is None:
            stream = io.BytesIO(data)
        else:
            ratio_cap = max(limits.ratio_floor_bytes, int(len(data) * limits.max_ratio))
            if ratio_cap < limits.max_expanded_bytes:
                why = f"compression ratio exceeds {limits.max_ratio:.0f}:1 (possible bomb)"
            else:
                why = f"expands to more than {limits.max_expanded_bytes} bytes (possible bomb)"
            stream = _CappedReader(inner, min(ratio_cap, limits.max_expanded_bytes), why)
        try:
            head = _read_exactly(stream, _BLOCK)
        except _STREAM_ERRORS as exc:
            raise ExtractionError(f"corrupt compressed stream ({type(exc).__name__})") from exc
        rest = _Prefixed(head, stream)
        if _looks_like_tar(head):
            return Extraction(members=_tar_members(rest, ctx))
        if inner is None:
            raise ExtractionError("not a tar archive")
        name, mtime = gzip_header(data)
        return Extraction(members=_single_member(rest, name or "data", mtime, ctx))


def _read_member(reader: _Prefixed | _Readable, size: int, ctx: ExtractContext) -> bytes:
    """Up to `size` bytes, charged to the budget as they come."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = reader.read(min(_CHUNK, size - got))
        if not chunk:
            break
        ctx.budget.charge(len(chunk))
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _single_member(
    stream: _Prefixed, name: str, mtime: datetime | None, ctx: ExtractContext
) -> Iterator[Member]:
    ctx.budget.charge(0, members=1)
    cap = ctx.limits.max_member_bytes
    try:
        content = _read_member(stream, cap + 1, ctx)
    except _STREAM_ERRORS as exc:
        raise ExtractionError(f"corrupt compressed stream ({type(exc).__name__})") from exc
    if len(content) > cap:
        raise LimitExceeded(f"decompressed file expands to more than {cap} bytes")
    yield Member(name, content, mtime=mtime)


def _check_member_size(info: tarfile.TarInfo, ctx: ExtractContext) -> None:
    limits = ctx.limits
    if info.size > limits.max_member_bytes:
        raise LimitExceeded(
            f"tar member expands to {info.size} bytes, more than {limits.max_member_bytes}"
        )
    if info.size > ctx.budget.bytes_left:
        raise LimitExceeded("expanded size exceeds the limit (possible zip bomb)")
    sparse: Any = info.sparse  # [(offset, size), ...]; typeshed calls it bytes
    if sparse is not None and info.size > limits.ratio_floor_bytes:
        stored = sum(size for _, size in sparse)
        if info.size / max(stored, 1) > limits.max_ratio:
            raise LimitExceeded(
                f"sparse tar member expands beyond {limits.max_ratio:.0f}:1 (possible bomb)"
            )


def _tar_members(stream: _Prefixed, ctx: ExtractContext) -> Iterator[Member]:
    limits = ctx.limits
    try:
        tf = tarfile.open(fileobj=stream, mode="r|", encoding="utf-8", errors="surrogateescape")  # type: ignore[call-overload]
    except _STREAM_ERRORS as exc:
        raise ExtractionError(f"not a readable tar archive ({type(exc).__name__})") from exc
    count = 0
    with tf:
        while True:
            try:
                info = tf.next()
            except _STREAM_ERRORS as exc:
                raise ExtractionError(f"corrupt tar archive ({type(exc).__name__})") from exc
            if info is None:
                return
            count += 1
            if count > limits.max_members:
                raise LimitExceeded(f"tar has more than {limits.max_members} members")
            if not info.isreg():
                continue
            ctx.budget.charge(0, members=1)
            _check_member_size(info, ctx)
            name = _tar_name(info.name)
            mtime = _timestamp(info.mtime)
            try:
                handle = tf.extractfile(info)
                content = _read_member(handle, info.size, ctx) if handle else b""
            except _STREAM_ERRORS as exc:
                # A stream cannot skip a damaged member: report it, then the archive.
                yield Member(
                    name, None, error=f"corrupt member ({type(exc).__name__})", mtime=mtime
                )
                raise ExtractionError("tar archive is truncated or corrupt") from exc
            if len(content) < info.size:
                yield Member(name, None, error="truncated member", mtime=mtime)
                raise ExtractionError("tar archive is truncated")
            yield Member(name, content, mtime=mtime)
