"""SevenZipExtractor: names, encryption (content and header), guards, streaming."""

from __future__ import annotations

import io
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import py7zr
import pytest
from _archive_util import by_name, ctx_for, members, zip_of

from scanner.errors import EncryptedError, ExtractionError, LimitExceeded
from scanner.extractors.base import Budget
from scanner.extractors.sevenzip import SevenZipExtractor
from scanner.extractors.zip_ import ENCRYPTED_NO_PASSWORD
from scanner.filetype import detect
from scanner.limits import Limits

EXTRACTOR = SevenZipExtractor()
ROSTER = "氏名,電話\n山田太郎,090-1234-5678\n".encode()


def sevenzip(
    files: dict[str, bytes], password: str | None = None, header_encryption: bool = False
) -> bytes:
    bio = io.BytesIO()
    with py7zr.SevenZipFile(
        bio, "w", password=password, header_encryption=header_encryption
    ) as archive:
        for name, data in files.items():
            archive.writestr(data, name)
    return bio.getvalue()


def extractor_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "7z-extract"]


def test_libmagic_type_is_registered() -> None:
    assert detect(sevenzip({"a.txt": b"x"})) in SevenZipExtractor.mime_types
    assert detect(sevenzip({"a.txt": b"x"}, "pw", True)) in SevenZipExtractor.mime_types


class TestMembers:
    def test_japanese_names_data_and_mtime(self) -> None:
        before = datetime.now(UTC).replace(microsecond=0)
        data = sevenzip({"社員/名簿.csv": ROSTER, "空.txt": b"", "b.txt": b"b"})
        extraction = EXTRACTOR.extract(data, ctx_for())
        assert not extraction.encrypted
        got = by_name(extraction)
        assert got["社員/名簿.csv"].data == ROSTER
        assert got["空.txt"].data == b""
        assert got["b.txt"].data == b"b"
        mtime = got["社員/名簿.csv"].mtime
        assert mtime is not None and mtime.tzinfo is not None and mtime >= before

    def test_nested_zip_is_yielded_as_bytes(self) -> None:
        inner = zip_of({"名簿.csv": ROSTER})
        got = by_name(EXTRACTOR.extract(sevenzip({"in.zip": inner}), ctx_for()))
        assert got["in.zip"].data == inner

    def test_directories_and_symlinks_are_skipped(self, tmp_path: Path) -> None:
        src = tmp_path / "src"
        (src / "sub").mkdir(parents=True)
        (src / "sub" / "名簿.csv").write_bytes(ROSTER)
        (src / "x.txt").write_bytes(b"x")
        os.symlink("x.txt", src / "link")
        bio = io.BytesIO()
        with py7zr.SevenZipFile(bio, "w") as archive:
            archive.writeall(src, "src")
        got = members(EXTRACTOR.extract(bio.getvalue(), ctx_for()))
        assert sorted((m.name, m.data) for m in got) == [
            ("src/sub/名簿.csv", ROSTER),
            ("src/x.txt", b"x"),
        ]

    def test_budget_is_charged(self) -> None:
        ctx = ctx_for(budget=Budget(10_000, 10))
        members(EXTRACTOR.extract(sevenzip({"a": b"x" * 100, "b": b"y" * 50}), ctx))
        assert ctx.budget == Budget(10_000 - 150, 8)

    def test_closing_the_generator_early_stops_the_thread(self) -> None:
        data = sevenzip({f"{i}.bin": os.urandom(1000) for i in range(5)})
        walk = iter(EXTRACTOR.extract(data, ctx_for()).members)
        next(walk)
        walk.close()  # type: ignore[attr-defined]
        deadline = time.monotonic() + 5
        while extractor_threads() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not extractor_threads()


class TestContentEncryption:
    @pytest.mark.parametrize("passwords", [(), ("wrong",)])
    def test_without_the_right_password_names_stay_listed(self, passwords: tuple[str, ...]) -> None:
        data = sevenzip({"名簿.csv": ROSTER, "b.txt": b"b"}, password="right")
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=passwords))
        assert extraction.encrypted
        got = members(extraction)
        assert [m.name for m in got] == ["名簿.csv", "b.txt"]
        assert all(m.data is None and m.encrypted for m in got)
        assert all(m.error == ENCRYPTED_NO_PASSWORD for m in got)

    def test_with_the_right_password(self) -> None:
        data = sevenzip({"名簿.csv": ROSTER, "b.txt": b"b"}, password="正しい")
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=("wrong", "正しい")))
        assert extraction.encrypted
        got = by_name(extraction)
        assert (got["名簿.csv"].data, got["名簿.csv"].encrypted) == (ROSTER, True)
        assert got["b.txt"].data == b"b"


class TestHeaderEncryption:
    @pytest.mark.parametrize("passwords", [(), ("wrong",), ("wrong", "also wrong")])
    def test_without_the_right_password(self, passwords: tuple[str, ...]) -> None:
        data = sevenzip({"名簿.csv": ROSTER}, password="right", header_encryption=True)
        with pytest.raises(EncryptedError):
            EXTRACTOR.extract(data, ctx_for(passwords=passwords))

    def test_with_the_right_password(self) -> None:
        data = sevenzip({"名簿.csv": ROSTER}, password="right", header_encryption=True)
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=("wrong", "right")))
        assert extraction.encrypted
        (member,) = members(extraction)
        assert (member.name, member.data, member.encrypted) == ("名簿.csv", ROSTER, True)


class TestGuards:
    def test_compression_bomb_is_refused_from_the_header(self) -> None:
        data = sevenzip({"zeros.bin": bytes(2 * 1024 * 1024)})
        ctx = ctx_for(Limits(ratio_floor_bytes=64 * 1024))
        with pytest.raises(LimitExceeded, match="ratio"):
            EXTRACTOR.extract(data, ctx)
        assert ctx.budget.bytes_left == Limits().max_expanded_bytes

    def test_member_larger_than_max_member_bytes(self) -> None:
        with pytest.raises(LimitExceeded):
            EXTRACTOR.extract(sevenzip({"a": b"x" * 2000}), ctx_for(Limits(max_member_bytes=1000)))

    def test_total_larger_than_max_expanded_bytes(self) -> None:
        data = sevenzip({"a": b"x" * 600, "b": b"y" * 600})
        with pytest.raises(LimitExceeded):
            EXTRACTOR.extract(data, ctx_for(Limits(max_expanded_bytes=1000)))

    def test_too_many_members(self) -> None:
        data = sevenzip({f"{i}.txt": b"x" for i in range(6)})
        with pytest.raises(LimitExceeded, match="members"):
            EXTRACTOR.extract(data, ctx_for(Limits(max_members=5)))

    def test_nearly_spent_budget(self) -> None:
        data = sevenzip({"a": b"x" * 100})
        with pytest.raises(LimitExceeded):
            EXTRACTOR.extract(data, ctx_for(budget=Budget(bytes_left=99, members_left=10)))
        with pytest.raises(LimitExceeded):
            EXTRACTOR.extract(data, ctx_for(budget=Budget(bytes_left=10**6, members_left=0)))

    def test_nesting_beyond_max_depth(self) -> None:
        data = sevenzip({"a": b"x"})
        with pytest.raises(LimitExceeded, match="nested"):
            EXTRACTOR.extract(data, ctx_for(Limits(max_depth=3), depth=3))


class TestCorrupt:
    @pytest.mark.parametrize("data", [b"7z\xbc\xaf\x27\x1c" + b"\0" * 30, b"", b"garbage"])
    def test_unreadable_archive(self, data: bytes) -> None:
        with pytest.raises(ExtractionError):
            EXTRACTOR.extract(data, ctx_for())

    def test_truncated_archive(self) -> None:
        data = sevenzip({"a.txt": ROSTER * 40, "b.txt": os.urandom(500)})
        for cut in range(8, len(data), max(1, len(data) // 40)):
            with pytest.raises(ExtractionError):
                members(EXTRACTOR.extract(data[:cut], ctx_for()))

    def test_corrupt_data_gives_an_error_member_then_an_error(self) -> None:
        data = bytearray(sevenzip({"a.bin": os.urandom(3000), "b.bin": b"b" * 3000}))
        data[40] ^= 0xFF  # inside the packed stream, which starts at offset 32
        got = []
        with pytest.raises(ExtractionError, match="corrupt"):
            for member in EXTRACTOR.extract(bytes(data), ctx_for()).members:
                got.append(member)
        assert got and got[-1].data is None and got[-1].error.startswith("corrupt member")
