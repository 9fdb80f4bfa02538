"""Helpers shared by the Office extractor tests: building, patching and breaking files."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import olefile
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from scanner.errors import EncryptedError, ExtractionError
from scanner.extractors.base import ExtractContext, Extraction, Extractor
from scanner.limits import Limits

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "office"
PASSWORD = "piiscan-test"  # of the *_pw fixtures, see tests/data/office/README.md
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def ctx(passwords: tuple[str, ...] = (), /, **limits: Any) -> ExtractContext:
    """A fresh context; `limits` are `Limits` fields, e.g. max_text_chars=100."""
    return ExtractContext.for_file(Limits(**limits), passwords)


def rezip(data: bytes, replace: Mapping[str, bytes | None]) -> bytes:
    """A copy of the ZIP `data` with members replaced, added or (None) removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info, src.read(info))
        for name, content in replace.items():
            if content is not None:
                dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def with_bomb(data: bytes, size: int = 2_000_000) -> bytes:
    """`data` plus a member of `size` zero bytes, which deflates about 1000:1."""
    return rezip(data, {"docProps/padding.bin": bytes(size)})


# Limits under which `with_bomb` trips the ratio guard, while a normal file passes.
BOMB_LIMITS: dict[str, int | float] = {"ratio_floor_bytes": 100_000, "max_ratio": 50.0}


def encrypt_ooxml(data: bytes, password: str = PASSWORD) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def patch_ole_stream(data: bytes, stream: str, edit: Callable[[bytearray], None]) -> bytes:
    """`data` with one OLE stream edited in place (its size must not change)."""
    buf = io.BytesIO(data)
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        content = bytearray(ole.openstream(stream).read())
        edit(content)
        ole.write_stream(stream, bytes(content))
    return buf.getvalue()


def truncations(data: bytes) -> list[bytes]:
    """`data` cut at a few points, from just the header to all but the last byte."""
    cuts = {16, 100, 600, len(data) // 4, len(data) // 2, len(data) * 3 // 4, len(data) - 1}
    return [data[:cut] for cut in sorted(cuts) if 0 < cut < len(data)]


def mutations(data: bytes, count: int = 30, skip: int = 512) -> list[bytes]:
    """`data` with a few bytes overwritten (past `skip`), deterministically."""
    out = []
    for seed in range(count):
        rnd = random.Random(seed)
        mutated = bytearray(data)
        for _ in range(rnd.choice((1, 4, 16))):
            mutated[rnd.randrange(skip, len(data))] = rnd.randrange(256)
        out.append(bytes(mutated))
    return out


def extract_or_clean_error(extractor: Extractor, data: bytes) -> Extraction | None:
    """Extract `data`, allowing only our own errors, and check they quote no content."""
    try:
        return extractor.extract(data, ctx((PASSWORD,)))
    except (ExtractionError, EncryptedError) as exc:
        assert str(exc).isascii(), "an error message must not quote the file"
        return None


def assert_corrupt(extractor: Extractor, data: bytes, label: str) -> None:
    with pytest.raises(ExtractionError, match=f"corrupt or truncated {label}") as info:
        extractor.extract(data, ctx())
    assert str(info.value).isascii()
