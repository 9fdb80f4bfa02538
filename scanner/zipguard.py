"""Zip-bomb guards for anything ZIP-based: archives, OOXML and OpenDocument files.

A ZIP's central directory declares each member's sizes; we refuse archives whose
declared expansion breaks a limit before reading a byte, and read members through
`read_member`, which stops at the declared size + 1 byte, so a lying header cannot
make us expand more than the limits allow. Overlapping members (the "zip quine" and
overlapping-file bombs) are refused as well.
"""

from __future__ import annotations

import zipfile

from scanner.errors import LimitExceeded
from scanner.extractors.base import ExtractContext

_READ_CHUNK = 1024 * 1024


def check_zip(zf: zipfile.ZipFile, ctx: ExtractContext) -> None:
    """Raise LimitExceeded when the archive as declared would break a limit."""
    limits = ctx.limits
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise LimitExceeded(f"zip has {len(infos)} members, more than {limits.max_members}")
    total = 0
    spans: list[tuple[int, int]] = []
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise LimitExceeded(
                f"zip member expands to {info.file_size} bytes, more than {limits.max_member_bytes}"
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise LimitExceeded(
                    f"zip member compression ratio {ratio:.0f}:1 exceeds {limits.max_ratio:.0f}:1"
                    " (possible zip bomb)"
                )
        total += info.file_size
        # The data follows a local header of 30 bytes + name: count it, or a member could
        # start inside another's header undetected.
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        local = 30 + len(info.orig_filename.encode(encoding, "replace"))
        spans.append((info.header_offset, info.header_offset + local + info.compress_size))
    if total > limits.max_expanded_bytes:
        raise LimitExceeded(
            f"zip expands to {total} bytes, more than {limits.max_expanded_bytes}"
            " (possible zip bomb)"
        )
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise LimitExceeded("zip members overlap (possible zip bomb)")


def read_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: ExtractContext, pwd: bytes | None = None
) -> bytes:
    """Read one member, never expanding past its declared size or the shared budget."""
    cap = min(info.file_size, ctx.limits.max_member_bytes)
    parts: list[bytes] = []
    got = 0
    with zf.open(info, pwd=pwd) as fh:
        while True:
            chunk = fh.read(min(_READ_CHUNK, cap + 1 - got))
            if not chunk:
                break
            got += len(chunk)
            ctx.budget.charge(len(chunk))
            if got > cap:
                raise LimitExceeded("zip member expands beyond its declared size")
            parts.append(chunk)
    return b"".join(parts)
