"""TarExtractor: tar, tar.gz/bz2/xz and single compressed streams; the bomb guards."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from _archive_util import by_name, ctx_for, gzip_stream, members, zip_of

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.base import Budget, Extraction
from scanner.extractors.tar_ import TarExtractor
from scanner.filetype import detect
from scanner.limits import Limits

EXTRACTOR = TarExtractor()
ROSTER = "氏名,電話\n山田太郎,090-1234-5678\n".encode()
MiB = 1024 * 1024
MTIME = 1_700_000_000


def tar_of(
    files: dict[str, bytes],
    compression: str = "",
    fmt: int = tarfile.PAX_FORMAT,
    encoding: str = "utf-8",
) -> bytes:
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode=f"w:{compression}", format=fmt, encoding=encoding) as tf:  # type: ignore[call-overload]
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = MTIME
            tf.addfile(info, io.BytesIO(data))
    return bio.getvalue()


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """200 MiB of zeros, gzip'd to about 200 KB (streamed: never 200 MiB in memory)."""
    chunk = bytes(MiB)
    return gzip_stream((chunk for _ in range(200)), fname=b"zeros.bin")


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "lzma": lambda data: lzma.compress(data, format=lzma.FORMAT_ALONE),
}


def test_libmagic_types_are_registered() -> None:
    plain = tar_of({"a.txt": b"x"})
    for data in [plain, *(compress(plain) for compress in COMPRESSORS.values())]:
        assert detect(data) in TarExtractor.mime_types, detect(data)
    for compress in COMPRESSORS.values():
        assert detect(compress(ROSTER)) in TarExtractor.mime_types


class TestTar:
    @pytest.mark.parametrize("compression", ["", "gz", "bz2", "xz"])
    def test_japanese_names_data_and_mtime(self, compression: str) -> None:
        data = tar_of({"社員/名簿.csv": ROSTER, "b.txt": b"b"}, compression)
        got = by_name(EXTRACTOR.extract(data, ctx_for()))
        assert got["社員/名簿.csv"].data == ROSTER
        assert got["b.txt"].data == b"b"
        assert got["b.txt"].mtime == datetime.fromtimestamp(MTIME, UTC)

    def test_cp932_names_in_a_gnu_tar(self) -> None:
        data = tar_of({"給与明細/表.csv": ROSTER}, "gz", tarfile.GNU_FORMAT, "cp932")
        assert [m.name for m in members(EXTRACTOR.extract(data, ctx_for()))] == ["給与明細/表.csv"]

    def test_v7_tar_without_magic(self) -> None:
        data = tar_of({"a.txt": b"x"}, fmt=tarfile.USTAR_FORMAT)
        v7 = bytearray(data)
        v7[257:265] = b"\0" * 8  # drop "ustar\x0000"; the checksum skips nothing it covers
        header = v7[:512]
        header[148:156] = b" " * 8
        v7[148:156] = b"%06o\0 " % sum(header)
        assert [m.data for m in members(EXTRACTOR.extract(bytes(v7), ctx_for()))] == [b"x"]

    def test_special_entries_are_skipped_and_dot_slash_dropped(self) -> None:
        bio = io.BytesIO()
        with tarfile.open(fileobj=bio, mode="w:gz") as tf:
            for name, kind in [
                ("./dir", tarfile.DIRTYPE),
                ("./dir/link", tarfile.SYMTYPE),
                ("./dir/hard", tarfile.LNKTYPE),
                ("./dir/fifo", tarfile.FIFOTYPE),
            ]:
                info = tarfile.TarInfo(name)
                info.type = kind
                info.linkname = "x"
                tf.addfile(info)
            info = tarfile.TarInfo("./dir/名簿.csv")
            info.size = len(ROSTER)
            tf.addfile(info, io.BytesIO(ROSTER))
        got = members(EXTRACTOR.extract(bio.getvalue(), ctx_for()))
        assert [(m.name, m.data) for m in got] == [("dir/名簿.csv", ROSTER)]

    def test_nested_zip_is_yielded_as_bytes(self) -> None:
        inner = zip_of({"名簿.csv": ROSTER})
        got = by_name(EXTRACTOR.extract(tar_of({"in.zip": inner}, "gz"), ctx_for()))
        assert got["in.zip"].data == inner

    def test_budget_is_charged(self) -> None:
        ctx = ctx_for(budget=Budget(10_000, 10))
        members(EXTRACTOR.extract(tar_of({"a": b"x" * 100, "b": b"y" * 50}, "gz"), ctx))
        assert ctx.budget == Budget(10_000 - 150, 8)


class TestSingleStream:
    def test_gzip_member_named_from_fname(self) -> None:
        for raw in ("名簿.csv".encode(), "名簿.csv".encode("cp932")):
            data = gzip_stream([ROSTER], fname=raw, mtime=MTIME)
            (member,) = members(EXTRACTOR.extract(data, ctx_for()))
            assert (member.name, member.data) == ("名簿.csv", ROSTER)
            assert member.mtime == datetime.fromtimestamp(MTIME, UTC)

    @pytest.mark.parametrize("kind", list(COMPRESSORS))
    def test_stream_without_a_name_is_data(self, kind: str) -> None:
        data = COMPRESSORS[kind](ROSTER)
        (member,) = members(EXTRACTOR.extract(data, ctx_for()))
        assert (member.name, member.data) == ("data", ROSTER)

    def test_gzip_of_a_zip_yields_the_zip(self) -> None:
        inner = zip_of({"a.txt": b"x"})
        data = gzip_stream([inner], fname=b"a.zip")
        (member,) = members(EXTRACTOR.extract(data, ctx_for()))
        assert (member.name, member.data) == ("a.zip", inner)

    def test_concatenated_gzip_members(self) -> None:
        data = gzip.compress(b"abc") + gzip.compress(b"def")
        assert members(EXTRACTOR.extract(data, ctx_for()))[0].data == b"abcdef"


class TestBombs:
    def test_gzip_bomb_with_small_limits(self, gzip_bomb: bytes) -> None:
        limits = Limits(max_member_bytes=8 * MiB, max_expanded_bytes=16 * MiB)
        tracemalloc.start()
        try:
            with pytest.raises(LimitExceeded):
                members(EXTRACTOR.extract(gzip_bomb, ctx_for(limits)))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 40 * MiB

    def test_gzip_bomb_with_default_limits_trips_the_ratio(self, gzip_bomb: bytes) -> None:
        with pytest.raises(LimitExceeded, match="ratio"):
            members(EXTRACTOR.extract(gzip_bomb, ctx_for()))

    def test_tar_gz_bomb(self) -> None:
        chunk = bytes(MiB)
        header = tarfile.TarInfo("zeros.bin")
        header.size = 64 * MiB
        tar_head = header.tobuf(tarfile.PAX_FORMAT)
        data = gzip_stream([tar_head, *(chunk for _ in range(64)), bytes(1024)])
        limits = Limits(max_expanded_bytes=16 * MiB)
        with pytest.raises(LimitExceeded):
            members(EXTRACTOR.extract(data, ctx_for(limits)))
        with pytest.raises(LimitExceeded, match="ratio"):
            members(EXTRACTOR.extract(data, ctx_for(Limits(ratio_floor_bytes=MiB))))

    def test_member_larger_than_max_member_bytes(self) -> None:
        data = tar_of({"a": b"x" * 2000}, "gz")
        with pytest.raises(LimitExceeded):
            members(EXTRACTOR.extract(data, ctx_for(Limits(max_member_bytes=1000))))

    def test_too_many_members(self) -> None:
        data = tar_of({f"{i}.txt": b"x" for i in range(6)}, "gz")
        with pytest.raises(LimitExceeded, match="members"):
            members(EXTRACTOR.extract(data, ctx_for(Limits(max_members=5))))

    def test_nearly_spent_budget(self) -> None:
        data = tar_of({"a": b"x" * 100}, "gz")
        with pytest.raises(LimitExceeded):
            members(EXTRACTOR.extract(data, ctx_for(budget=Budget(99, 10))))
        with pytest.raises(LimitExceeded):
            members(EXTRACTOR.extract(gzip.compress(b"x" * 100), ctx_for(budget=Budget(99, 10))))

    def test_nesting_beyond_max_depth(self) -> None:
        with pytest.raises(LimitExceeded, match="nested"):
            EXTRACTOR.extract(tar_of({"a": b"x"}), ctx_for(Limits(max_depth=1), depth=1))


def drain(extraction: Extraction) -> list[tuple[str, bool]]:
    return [(m.name, m.data is None) for m in extraction.members]


class TestCorrupt:
    @pytest.mark.parametrize("kind", ["", "gz", "bz2", "xz"])
    def test_truncated_archive_never_raises_anything_else(self, kind: str) -> None:
        data = tar_of({"a.txt": ROSTER * 100, "b.txt": ROSTER}, kind)
        step = max(1, len(data) // 50)
        for cut in range(1, len(data), step):
            try:
                drain(EXTRACTOR.extract(data[:cut], ctx_for()))
            except ExtractionError:
                pass

    def test_truncated_member_is_an_error_member_then_an_error(self) -> None:
        data = tar_of({"a.txt": b"x" * 100, "b.txt": b"y" * 5000})
        got: list[tuple[str, bool]] = []
        with pytest.raises(ExtractionError, match="truncated"):
            for member in EXTRACTOR.extract(data[:2048], ctx_for()).members:
                got.append((member.name, member.data is None))
        assert got == [("a.txt", False), ("b.txt", True)]

    def test_bad_gzip_crc(self) -> None:
        data = bytearray(gzip.compress(ROSTER))
        data[-8] ^= 0xFF
        with pytest.raises(ExtractionError):
            members(EXTRACTOR.extract(bytes(data), ctx_for()))

    @pytest.mark.parametrize("data", [b"", b"garbage that is no archive", b"\x1f\x8b\x08garbage"])
    def test_unreadable(self, data: bytes) -> None:
        with pytest.raises(ExtractionError):
            members(EXTRACTOR.extract(data, ctx_for()))
