"""Japanese text in every encoding an office produces decodes to the same string."""

from __future__ import annotations

import codecs

import pytest

from scanner.textdecode import decode

ROSTER = "氏名,学籍番号,住所\n山田太郎,1234567,東京都千代田区内神田一丁目\n佐々木花子,7654321,大阪府大阪市北区梅田二丁目\n"
SHORT = "氏名：髙橋一郎"  # short texts fool statistical detectors; 髙 is CP932-only

CASES = [
    ("utf-8", ROSTER.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + ROSTER.encode("utf-8"), "utf-8-sig"),
    ("utf-16 with BOM", ROSTER.encode("utf-16"), "utf-16"),
    ("utf-16-le without BOM", ROSTER.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be without BOM", ROSTER.encode("utf-16-be"), "utf-16-be"),
    ("cp932", ROSTER.encode("cp932"), None),
    ("shift_jis", ROSTER.encode("shift_jis"), None),
    ("euc-jp", ROSTER.encode("euc_jp"), None),
    ("iso-2022-jp", ROSTER.encode("iso2022_jp"), "iso2022_jp"),
]


@pytest.mark.parametrize(("label", "data", "expected_encoding"), CASES, ids=[c[0] for c in CASES])
def test_roster_decodes_in_every_encoding(
    label: str, data: bytes, expected_encoding: str | None
) -> None:
    text, encoding = decode(data)
    assert text == ROSTER
    if expected_encoding:
        assert encoding == expected_encoding


def test_short_cp932_text_with_vendor_kanji() -> None:
    text, _ = decode(SHORT.encode("cp932"))
    assert text == SHORT


def test_utf8_cut_mid_character_in_sample_is_still_utf8() -> None:
    data = ("あ" * 200_000).encode("utf-8")  # longer than the detection sample
    text, encoding = decode(data)
    assert encoding == "utf-8" and text == "あ" * 200_000


def test_undecodable_bytes_do_not_raise() -> None:
    text, _ = decode(b"\xff\xfe\xfa\x00\x81" * 10)
    assert isinstance(text, str)
