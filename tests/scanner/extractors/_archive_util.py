"""Builders for the archive tests: every archive is made at test time.

`zipfile` cannot write ZipCrypto or legacy (non-UTF-8) names and pyzipper writes AES
only, so `raw_zip` assembles a ZIP by hand from `RawEntry`s; the patchers craft the
malicious variants (lying sizes, overlapping entries).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.extractors.base import Budget, ExtractContext, Extraction, Member
from scanner.limits import Limits
from tools.corpus_containers import ZipCrypto

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"


def ctx_for(
    limits: Limits | None = None,
    passwords: Iterable[str] = (),
    depth: int = 0,
    budget: Budget | None = None,
) -> ExtractContext:
    limits = limits or Limits()
    budget = budget or Budget(limits.max_expanded_bytes, limits.max_members)
    return ExtractContext(limits, tuple(passwords), depth, budget)


def members(extraction: Extraction) -> list[Member]:
    return list(extraction.members)


def by_name(extraction: Extraction) -> dict[str, Member]:
    return {m.name: m for m in extraction.members}


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return bio.getvalue()


# --- Hand-built ZIP entries (ZipCrypto via the corpus generator's ZipCrypto) -----------


@dataclass
class RawEntry:
    name: bytes
    data: bytes
    utf8: bool = False
    password: bytes | None = None  # ZipCrypto
    date_time: tuple[int, int, int, int, int, int] = (2024, 4, 1, 9, 30, 0)
    extra: bytes = b""


def raw_zip(entries: list[RawEntry]) -> bytes:
    """A deflated ZIP written by hand, with full control over flags and name bytes."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        crc = zlib.crc32(entry.data)
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        payload = comp.compress(entry.data) + comp.flush()
        flags = 0x800 if entry.utf8 else 0
        if entry.password is not None:
            flags |= 1
            header = bytes(range(11)) + bytes([crc >> 24])
            payload = ZipCrypto(entry.password).encrypt(header + payload)
        y, mo, d, h, mi, s = entry.date_time
        dos_time = (h << 11) | (mi << 5) | (s // 2)
        dos_date = ((y - 1980) << 9) | (mo << 5) | d
        fields = (20, flags, 8, dos_time, dos_date, crc, len(payload), len(entry.data))
        offset = len(out)
        out += _LOCAL + struct.pack("<HHHHHIII", *fields)
        out += struct.pack("<HH", len(entry.name), len(entry.extra)) + entry.name + entry.extra
        out += payload
        central += _CENTRAL + struct.pack("<HHHHHHIII", 20, *fields)
        central += struct.pack("<HHHHHII", len(entry.name), len(entry.extra), 0, 0, 0, 0, offset)
        central += entry.name + entry.extra
    cd_offset = len(out)
    out += central
    out += _END + struct.pack(
        "<HHHHIIH", 0, 0, len(entries), len(entries), len(central), cd_offset, 0
    )
    return bytes(out)


def _end_record(data: bytes) -> int:
    pos = data.rfind(_END)
    assert pos >= 0
    return pos


def patch_central_sizes(data: bytes, file_size: int) -> bytes:
    """Make every central-directory entry claim `file_size` uncompressed bytes."""
    out = bytearray(data)
    pos = out.find(_CENTRAL)
    while pos >= 0:
        struct.pack_into("<I", out, pos + 24, file_size)
        pos = out.find(_CENTRAL, pos + 4)
    return bytes(out)


def duplicate_central_entry(data: bytes) -> bytes:
    """A second central-directory entry pointing at the first member's local header."""
    end = _end_record(data)
    _, _, n_disk, n_total, cd_size, cd_offset, _ = struct.unpack_from("<HHHHIIH", data, end + 4)
    first = data[cd_offset:end]
    name_len, extra_len, comment_len = struct.unpack_from("<HHH", first, 28)
    record = first[: 46 + name_len + extra_len + comment_len]
    central = data[cd_offset : cd_offset + cd_size] + record
    tail = _END + struct.pack("<HHHHIIH", 0, 0, n_disk + 1, n_total + 1, len(central), cd_offset, 0)
    return data[:cd_offset] + central + tail


def zeros_deflated(name: str, size: int) -> bytes:
    """A ZIP whose one member is `size` zero bytes, written in chunks (memory stays small)."""
    bio = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(name, "w", force_zip64=True) as fh:
            left = size
            while left:
                fh.write(chunk[: min(left, len(chunk))])
                left -= min(left, len(chunk))
    return bio.getvalue()


def gzip_stream(
    payload_chunks: Iterable[bytes], fname: bytes | None = None, mtime: int = 0
) -> bytes:
    """A gzip member with a raw FNAME (the gzip module writes Latin-1 names only)."""
    flags = 0x08 if fname is not None else 0
    header = b"\x1f\x8b\x08" + bytes([flags]) + struct.pack("<I", mtime) + b"\x02\x03"
    if fname is not None:
        header += fname + b"\0"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = bytearray()
    crc = 0
    size = 0
    for chunk in payload_chunks:
        body += comp.compress(chunk)
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    body += comp.flush()
    return header + bytes(body) + struct.pack("<II", crc, size & 0xFFFFFFFF)
