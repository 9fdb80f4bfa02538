"""Legacy Excel .xls (fixtures written by LibreOffice, see tests/data/office/README.md)."""

from __future__ import annotations

import pytest
from _office_util import (
    OLE_MAGIC,
    PASSWORD,
    assert_corrupt,
    ctx,
    extract_or_clean_error,
    fixture,
    mutations,
    truncations,
)

from recognizers.content import Table, TextBlock
from scanner.errors import EncryptedError
from scanner.extractors.xls import XlsExtractor
from scanner.filetype import XLS

EXTRACTOR = XlsExtractor()
ROSTER = [
    TextBlock("2024年度 履修者名簿", where="名簿"),
    Table(
        header=("氏名", "学籍番号", "口座番号", "生年月日", "電話番号"),
        rows=[
            # a whole number without ".0", a date cell as a date, a leading zero kept
            ("山田太郎", "S2024001", "1234567", "2001-04-01", "0312345678"),
            ("佐藤花子", "S2024002", "7654321", "2002-05-03", "09012345678"),
        ],
        where="名簿",
    ),
    Table(
        header=("氏名", "続柄", "電話番号"),
        rows=[("山田花子", "母", "090-9876-5432")],
        where="緊急連絡先",
    ),
]


def test_declares_xls() -> None:
    assert XLS in XlsExtractor.mime_types


def test_every_sheet_keeps_title_header_and_rows() -> None:
    result = EXTRACTOR.extract(fixture("roster.xls"), ctx())
    assert not result.encrypted
    assert result.blocks == ROSTER


def test_text_limit_truncates_with_a_note() -> None:
    result = EXTRACTOR.extract(fixture("roster.xls"), ctx(max_text_chars=30))
    assert result.notes == ["text truncated after 30 characters"]


@pytest.mark.parametrize("passwords", [(), ("wrong",)])
def test_encrypted_without_the_password(passwords: tuple[str, ...]) -> None:
    with pytest.raises(EncryptedError):
        EXTRACTOR.extract(fixture("roster_pw.xls"), ctx(passwords))


def test_encrypted_with_the_password_yields_the_decrypted_workbook() -> None:
    result = EXTRACTOR.extract(fixture("roster_pw.xls"), ctx(("wrong", PASSWORD)))
    assert result.encrypted
    assert result.blocks == []
    assert result.inner is not None
    inner = EXTRACTOR.extract(result.inner, ctx())
    assert not inner.encrypted
    assert inner.blocks == ROSTER


def test_garbage_with_ole_magic_is_corrupt() -> None:
    assert_corrupt(EXTRACTOR, OLE_MAGIC + bytes(range(256)) * 8, "XLS")
    assert_corrupt(EXTRACTOR, b"\x09\x08" + bytes(600), "XLS")


def test_truncated_file_is_corrupt() -> None:
    data = fixture("roster.xls")
    assert_corrupt(EXTRACTOR, data[: len(data) // 2], "XLS")


@pytest.mark.parametrize("name", ["roster.xls", "roster_pw.xls"])
def test_damaged_files_raise_only_our_errors(name: str) -> None:
    for data in truncations(fixture(name)) + mutations(fixture(name)):
        extract_or_clean_error(EXTRACTOR, data)
