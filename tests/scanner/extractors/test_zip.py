"""ZipExtractor: names, nesting, encryption and the zip-bomb guards."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from datetime import UTC, datetime

import pytest
import pyzipper
from _archive_util import (
    RawEntry,
    by_name,
    ctx_for,
    duplicate_central_entry,
    members,
    patch_central_sizes,
    raw_zip,
    zeros_deflated,
    zip_of,
)

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors.base import Budget
from scanner.extractors.zip_ import ENCRYPTED_NO_PASSWORD, ZipExtractor
from scanner.filetype import detect
from scanner.limits import Limits

EXTRACTOR = ZipExtractor()
ROSTER = "氏名,電話\n山田太郎,090-1234-5678\n".encode()


def aes_zip(files: dict[str, bytes], password: bytes) -> bytes:
    bio = io.BytesIO()
    with pyzipper.AESZipFile(
        bio, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as zf:
        zf.setpassword(password)
        for name, data in files.items():
            zf.writestr(name, data)
    return bio.getvalue()


def test_libmagic_types_are_registered() -> None:
    assert detect(zip_of({"a.txt": b"x"})) in ZipExtractor.mime_types
    assert detect(aes_zip({"a.txt": b"x"}, b"pw")) in ZipExtractor.mime_types


class TestNames:
    def test_utf8_flagged_names(self) -> None:
        got = by_name(EXTRACTOR.extract(zip_of({"社員/名簿.csv": ROSTER}), ctx_for()))
        assert got["社員/名簿.csv"].data == ROSTER

    def test_cp932_names_from_japanese_windows(self) -> None:
        # 表 is 0x95 0x5C in CP932: its trail byte is a backslash and must survive.
        entries = [
            RawEntry("給与明細/表.csv".encode("cp932"), ROSTER),
            RawEntry(b"plain.txt", b"x"),
        ]
        names = [m.name for m in members(EXTRACTOR.extract(raw_zip(entries), ctx_for()))]
        assert names == ["給与明細/表.csv", "plain.txt"]

    def test_undecodable_legacy_name_falls_back_to_cp437(self) -> None:
        data = raw_zip([RawEntry(b"caf\x82.txt", b"x")])  # 0x82 then "." is not CP932
        assert [m.name for m in members(EXTRACTOR.extract(data, ctx_for()))] == ["café.txt"]

    def test_backslash_separators_are_normalised(self) -> None:
        data = raw_zip([RawEntry(b"dir\\file.txt", b"x")])
        assert [m.name for m in members(EXTRACTOR.extract(data, ctx_for()))] == ["dir/file.txt"]

    def test_unicode_path_extra_field_wins(self) -> None:
        raw = "履歴書.docx".encode("cp932")
        utf8 = "履歴書.docx".encode()
        extra = struct.pack("<HHB", 0x7075, 5 + len(utf8), 1)
        extra += struct.pack("<I", zlib.crc32(b"garbled")) + utf8
        # A stale field (CRC of another name) is ignored; a matching one is used.
        stale = members(EXTRACTOR.extract(raw_zip([RawEntry(raw, b"x", extra=extra)]), ctx_for()))
        assert stale[0].name == "履歴書.docx"  # from CP932, not from the field
        good_extra = extra[:5] + struct.pack("<I", zlib.crc32(b"r.docx")) + utf8
        fresh = raw_zip([RawEntry(b"r.docx", b"x", extra=good_extra)])
        assert members(EXTRACTOR.extract(fresh, ctx_for()))[0].name == "履歴書.docx"


class TestMembers:
    def test_dos_mtime_is_local_time(self) -> None:
        data = raw_zip([RawEntry(b"a.txt", b"x", date_time=(2024, 4, 1, 9, 30, 10))])
        (member,) = members(EXTRACTOR.extract(data, ctx_for()))
        assert member.mtime == datetime(2024, 4, 1, 9, 30, 10).astimezone()
        assert member.mtime is not None and member.mtime.tzinfo is not None

    def test_unix_extra_mtime_is_exact_utc(self) -> None:
        extra = struct.pack("<HHBi", 0x5455, 5, 1, 1_700_000_000)
        (member,) = members(
            EXTRACTOR.extract(raw_zip([RawEntry(b"a", b"x", extra=extra)]), ctx_for())
        )
        assert member.mtime == datetime.fromtimestamp(1_700_000_000, UTC)

    def test_nested_zip_is_yielded_as_bytes_for_the_pipeline(self) -> None:
        inner = zip_of({"名簿.csv": ROSTER})
        outer = zip_of({"内側.zip": inner, "readme.txt": b"hi"})
        ctx = ctx_for()
        got = by_name(EXTRACTOR.extract(outer, ctx))
        assert got["内側.zip"].data == inner
        nested = by_name(EXTRACTOR.extract(inner, ctx.nested()))
        assert nested["名簿.csv"].data == ROSTER

    def test_directories_and_symlinks_are_skipped(self) -> None:
        bio = io.BytesIO()
        with zipfile.ZipFile(bio, "w") as zf:
            zf.writestr("folder/", b"")
            link = zipfile.ZipInfo("link")
            link.create_system = 3
            link.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(link, b"/etc/passwd")
            fifo = zipfile.ZipInfo("fifo")
            fifo.create_system = 3
            fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
            zf.writestr(fifo, b"")
            zf.writestr("folder/file.txt", b"x")
        names = [m.name for m in members(EXTRACTOR.extract(bio.getvalue(), ctx_for()))]
        assert names == ["folder/file.txt"]

    def test_members_and_bytes_are_charged_to_the_budget(self) -> None:
        ctx = ctx_for(budget=Budget(10_000, 10))
        members(EXTRACTOR.extract(zip_of({"a": b"x" * 100, "b": b"y" * 50}), ctx))
        assert ctx.budget == Budget(10_000 - 150, 8)

    def test_plain_zip_is_not_encrypted(self) -> None:
        assert not EXTRACTOR.extract(zip_of({"a": b"x"}), ctx_for()).encrypted


class TestEncryption:
    @pytest.mark.parametrize("passwords", [(), ("wrong",), ("wrong", "wrong2")])
    def test_zipcrypto_without_the_right_password(self, passwords: tuple[str, ...]) -> None:
        data = raw_zip([RawEntry("名簿.csv".encode("cp932"), ROSTER, password=b"right")])
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=passwords))
        assert extraction.encrypted
        (member,) = members(extraction)
        assert (member.name, member.data, member.encrypted) == ("名簿.csv", None, True)
        assert member.error == ENCRYPTED_NO_PASSWORD

    def test_zipcrypto_with_the_right_password(self) -> None:
        data = raw_zip(
            [RawEntry(b"secret.csv", ROSTER, password=b"right"), RawEntry(b"open.txt", b"x")]
        )
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=("wrong", "right")))
        assert extraction.encrypted
        got = by_name(extraction)
        assert (got["secret.csv"].data, got["secret.csv"].encrypted) == (ROSTER, True)
        assert (got["open.txt"].data, got["open.txt"].encrypted) == (b"x", False)

    def test_zipcrypto_password_in_cp932(self) -> None:
        data = raw_zip([RawEntry(b"a.csv", ROSTER, password="秘密".encode("cp932"))])
        (member,) = members(EXTRACTOR.extract(data, ctx_for(passwords=("秘密",))))
        assert member.data == ROSTER

    @pytest.mark.parametrize("passwords", [(), ("wrong",)])
    def test_aes_without_the_right_password(self, passwords: tuple[str, ...]) -> None:
        extraction = EXTRACTOR.extract(
            aes_zip({"給与.csv": ROSTER}, b"s3cret"), ctx_for(passwords=passwords)
        )
        assert extraction.encrypted
        (member,) = members(extraction)
        assert (member.name, member.data, member.encrypted) == ("給与.csv", None, True)
        assert member.error == ENCRYPTED_NO_PASSWORD

    def test_aes_with_the_right_password(self) -> None:
        data = aes_zip({"給与.csv": ROSTER, "b.txt": b"b"}, "パス".encode())
        extraction = EXTRACTOR.extract(data, ctx_for(passwords=("nope", "パス")))
        assert extraction.encrypted
        got = by_name(extraction)
        assert (got["給与.csv"].data, got["給与.csv"].encrypted) == (ROSTER, True)
        assert got["b.txt"].data == b"b"


class TestBombs:
    def test_highly_compressed_member_is_refused_before_expansion(self) -> None:
        data = zeros_deflated("zeros.bin", 50 * 1024 * 1024)  # ~50 KB, 1000:1
        ctx = ctx_for()
        with pytest.raises(LimitExceeded, match="ratio"):
            EXTRACTOR.extract(data, ctx)
        assert ctx.budget.bytes_left == Limits().max_expanded_bytes  # nothing was read

    def test_lying_size_is_never_read_past(self) -> None:
        data = patch_central_sizes(zeros_deflated("zeros.bin", 1024 * 1024), 1000)
        ctx = ctx_for()
        try:
            got = members(EXTRACTOR.extract(data, ctx))
        except LimitExceeded:
            pass
        else:
            assert got[0].data is None and got[0].error
        assert Limits().max_expanded_bytes - ctx.budget.bytes_left <= 1001

    def test_too_many_members(self) -> None:
        data = zip_of({f"{i}.txt": b"x" for i in range(6)})
        with pytest.raises(LimitExceeded, match="members"):
            EXTRACTOR.extract(data, ctx_for(Limits(max_members=5)))

    def test_member_larger_than_max_member_bytes(self) -> None:
        data = zip_of({"a.txt": b"x" * 2000})
        with pytest.raises(LimitExceeded):
            EXTRACTOR.extract(data, ctx_for(Limits(max_member_bytes=1000)))

    def test_overlapping_entries_are_refused(self) -> None:
        data = duplicate_central_entry(zip_of({"a.txt": b"x" * 100}))
        assert len(zipfile.ZipFile(io.BytesIO(data)).infolist()) == 2
        with pytest.raises(LimitExceeded, match="overlap"):
            EXTRACTOR.extract(data, ctx_for())

    def test_nesting_beyond_max_depth(self) -> None:
        limits = Limits(max_depth=2)
        innermost = zip_of({"a.txt": b"x"})
        middle = zip_of({"innermost.zip": innermost})
        outer = zip_of({"middle.zip": middle})
        ctx = ctx_for(limits)
        (m1,) = members(EXTRACTOR.extract(outer, ctx))
        assert m1.data is not None
        (m2,) = members(EXTRACTOR.extract(m1.data, ctx.nested()))
        assert m2.data == innermost
        with pytest.raises(LimitExceeded, match="nested"):
            EXTRACTOR.extract(innermost, ctx.nested().nested())

    def test_nearly_spent_budget_refuses_up_front(self) -> None:
        data = zip_of({"a.txt": b"x" * 100})
        with pytest.raises(LimitExceeded, match="expanded size"):
            EXTRACTOR.extract(data, ctx_for(budget=Budget(bytes_left=99, members_left=100)))
        with pytest.raises(LimitExceeded, match="too many"):
            EXTRACTOR.extract(
                zip_of({"a": b"", "b": b""}), ctx_for(budget=Budget(10**6, members_left=1))
            )

    def test_shared_budget_stops_a_nest_of_zips(self) -> None:
        inner = zip_of({"data.csv": b"x" * 3000}, zipfile.ZIP_STORED)
        outer = zip_of({"one.zip": inner, "two.zip": inner}, zipfile.ZIP_STORED)
        ctx = ctx_for(budget=Budget(2 * len(inner) + 3000 + 500, 100))
        inner_zips = [m.data for m in members(EXTRACTOR.extract(outer, ctx))]
        assert inner_zips == [inner, inner]
        members(EXTRACTOR.extract(inner, ctx.nested()))  # uses 3000 of the last 3500
        with pytest.raises(LimitExceeded):
            members(EXTRACTOR.extract(inner, ctx.nested()))

    def test_budget_spent_by_a_nested_member_trips_the_outer_generator(self) -> None:
        inner = zip_of({"data.csv": b"x" * 3000}, zipfile.ZIP_STORED)
        outer = zip_of({"inner.zip": inner, "after.txt": b"y" * 1000}, zipfile.ZIP_STORED)
        ctx = ctx_for(budget=Budget(len(inner) + 1000 + 2999, 100))
        walk = iter(EXTRACTOR.extract(outer, ctx).members)
        first = next(walk)
        assert first.data is not None
        members(EXTRACTOR.extract(first.data, ctx.nested()))  # leaves 999 bytes
        with pytest.raises(LimitExceeded):
            next(walk)  # after.txt needs 1000


class TestCorrupt:
    @pytest.mark.parametrize(
        "data",
        [b"PK\x03\x04" + b"\0" * 50, b"not a zip at all", b""],
        ids=["header-only", "garbage", "empty"],
    )
    def test_unreadable_archive(self, data: bytes) -> None:
        with pytest.raises(ExtractionError):
            EXTRACTOR.extract(data, ctx_for())

    def test_truncated_archive(self) -> None:
        data = zip_of({"a.txt": ROSTER * 50, "b.txt": ROSTER})
        for cut in (len(data) // 3, len(data) - 10):
            with pytest.raises(ExtractionError):
                members(EXTRACTOR.extract(data[:cut], ctx_for()))

    def test_corrupt_member_then_the_next(self) -> None:
        data = bytearray(raw_zip([RawEntry(b"bad.txt", ROSTER * 20), RawEntry(b"good.txt", b"ok")]))
        start = 30 + len(b"bad.txt")
        data[start : start + 8] = b"\xff" * 8  # garble the deflate stream
        got = members(EXTRACTOR.extract(bytes(data), ctx_for()))
        assert got[0].name == "bad.txt" and got[0].data is None and got[0].error
        assert got[1].name == "good.txt" and got[1].data == b"ok"

    def test_unsupported_method_is_an_error_member(self) -> None:
        data = bytearray(zip_of({"a.txt": b"x"}))
        struct.pack_into("<H", data, 8, 9)  # Deflate64 in the local header
        cd = data.find(b"PK\x01\x02")
        struct.pack_into("<H", data, cd + 10, 9)  # and in the central directory
        (member,) = members(EXTRACTOR.extract(bytes(data), ctx_for()))
        assert member.data is None and "unsupported" in member.error
