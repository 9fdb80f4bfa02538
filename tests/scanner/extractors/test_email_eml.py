"""EmlExtractor: Japanese headers and bodies, attachments as members."""

from __future__ import annotations

import base64
from email.header import Header
from email.message import EmailMessage

import pytest
from _doc_util import all_text, assert_content_free, ctx, tables, texts

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors import extractor_for
from scanner.extractors.base import Budget, ExtractContext
from scanner.extractors.email_eml import EmlExtractor, decode_header_value
from scanner.filetype import detect
from scanner.limits import Limits

SUBJECT = "学籍番号の件"
BODY = "氏名 山田太郎\n学籍番号 A1234567\n口座番号 1234567\n"
CSV = "氏名,学籍番号\n山田太郎,A1234567\n".encode("cp932")


def with_raw_subject(msg: EmailMessage, raw: bytes) -> bytes:
    """The message's bytes with a Subject exactly as given (EmailMessage would re-encode)."""
    del msg["Subject"]
    return b"Subject: " + raw + b"\n" + msg.as_bytes()


def iso2022_subject(text: str = SUBJECT) -> bytes:
    return Header(text, "iso-2022-jp").encode().encode("ascii")


def forwarded() -> EmailMessage:
    inner = EmailMessage()
    inner["From"] = "hanako@example.jp"
    inner["Subject"] = "口座の件"
    inner.set_content("口座番号 7654321\n")
    return inner


def mail() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "山田太郎 <taro@example.jp>"
    msg["To"] = "佐藤花子 <hanako@example.jp>, jimu@example.jp"
    msg["Cc"] = "suzuki@example.jp"
    msg["Date"] = "Mon, 01 Apr 2024 10:00:00 +0900"
    msg["Subject"] = SUBJECT
    msg.set_content(BODY, charset="iso-2022-jp")
    msg.add_alternative(f"<p>{BODY}</p>", subtype="html")
    msg.add_attachment(CSV, maintype="text", subtype="csv", filename="名簿.csv")
    msg.add_attachment(forwarded(), filename="転送.eml")
    return msg


def test_registered_for_what_libmagic_reports() -> None:
    data = mail().as_bytes()
    assert detect(data) == "message/rfc822"
    assert isinstance(extractor_for(detect(data)), EmlExtractor)


def test_headers_body_and_attachments() -> None:
    data = with_raw_subject(mail(), iso2022_subject())
    assert data.split(b"\n", 1)[0].startswith(b"Subject: =?iso-2022-jp?b?")
    result = EmlExtractor().extract(data, ctx())
    header, body = texts(result)
    assert header.where == "header"
    assert header.text.splitlines() == [
        "From: 山田太郎 <taro@example.jp>",
        "To: 佐藤花子 <hanako@example.jp>, jimu@example.jp",
        "Cc: suzuki@example.jp",
        "Subject: 学籍番号の件",
        "Date: Mon, 01 Apr 2024 10:00:00 +0900",
    ]
    # the iso-2022-jp body once: the HTML alternative is not read a second time
    assert body.where == "body" and body.text == BODY.strip()
    assert len(result.blocks) == 2
    members = list(result.members)
    assert [m.name for m in members] == ["名簿.csv", "転送.eml"]
    assert members[0].data == CSV
    nested = members[1].data
    assert nested is not None
    inner = EmlExtractor().extract(nested, ctx())
    assert "Subject: 口座の件" in all_text(inner) and "口座番号 7654321" in all_text(inner)


def test_html_only_body_keeps_its_table() -> None:
    msg = EmailMessage()
    msg["From"] = "taro@example.jp"
    msg.set_content(
        "<table><tr><th>氏名</th><th>口座番号</th></tr><tr><td>山田太郎</td><td>1234567</td></tr></table>",
        subtype="html",
        charset="shift_jis",
    )
    result = EmlExtractor().extract(msg.as_bytes(), ctx())
    (table,) = tables(result)
    assert table.header == ("氏名", "口座番号") and list(table.rows) == [("山田太郎", "1234567")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (iso2022_subject().decode(), SUBJECT),
        # words split mid-character by the sender, joined before decoding
        (
            "=?UTF-8?B?"
            + base64.b64encode(SUBJECT.encode()[:4]).decode()
            + "?=\r\n =?UTF-8?B?"
            + base64.b64encode(SUBJECT.encode()[4:]).decode()
            + "?=",
            SUBJECT,
        ),
        # raw ISO-2022-JP and raw Shift_JIS / UTF-8 bytes (as the parser hands them over)
        (SUBJECT.encode("iso2022_jp").decode("ascii"), SUBJECT),
        ("髙橋①".encode("cp932").decode("ascii", "surrogateescape"), "髙橋①"),
        ("髙橋①".encode().decode("ascii", "surrogateescape"), "髙橋①"),
        # a label Python does not know, and Shift_JIS holding CP932-only characters
        ("=?x-sjis?B?" + base64.b64encode("髙橋①".encode("cp932")).decode() + "?=", "髙橋①"),
        ("=?shift_jis?B?" + base64.b64encode("髙橋①".encode("cp932")).decode() + "?=", "髙橋①"),
        # ISO-2022-JP with NEC row 13 (①, ㈱) as Windows writes it
        ("=?iso-2022-jp?B?" + base64.b64encode(b"\x1b$B-!-j\x1b(B").decode() + "?=", "①㈱"),
        ("Re: " + iso2022_subject("山田").decode() + " (2)", "Re: 山田 (2)"),
        ("=?utf-8?q?=E5=B1=B1=E7=94=B0_taro?= <t@example.jp>", "山田 taro <t@example.jp>"),
    ],
)
def test_header_decoding(raw: str, expected: str) -> None:
    assert decode_header_value(raw) == expected


def test_attachment_file_names_in_rfc2231_and_encoded_words() -> None:
    msg = EmailMessage()
    msg["From"] = "taro@example.jp"
    msg.set_content("本文")
    msg.add_attachment(
        b"a", maintype="application", subtype="octet-stream", filename="口座一覧.xlsx"
    )
    data = msg.as_bytes().replace(b"\r\n", b"\n")
    assert b"filename*=" in data  # RFC 2231
    encoded_word = Header("成績表.pdf", "iso-2022-jp").encode().encode()
    legacy = data.replace(b"filename*=utf-8''%E5%8F%A3%E5%BA%A7%E4%B8%80%E8%A6%A7.xlsx",
                          b'filename="' + encoded_word + b'"')  # fmt: skip
    assert legacy != data
    assert [m.name for m in EmlExtractor().extract(data, ctx()).members] == ["口座一覧.xlsx"]
    assert [m.name for m in EmlExtractor().extract(legacy, ctx()).members] == ["成績表.pdf"]


def test_attachments_are_charged_to_the_shared_budget() -> None:
    budget = Budget(bytes_left=10**9, members_left=1)
    context = ExtractContext(Limits(), (), 0, budget)
    result = EmlExtractor().extract(mail().as_bytes(), context)
    assert "山田太郎" in all_text(result)  # the body survives a budget trip
    members = iter(result.members)
    assert next(members).name == "名簿.csv"
    with pytest.raises(LimitExceeded):
        next(members)
    assert budget.bytes_left <= 10**9 - len(CSV) and budget.members_left < 0


def test_oversized_attachment_is_a_member_without_data() -> None:
    (csv, nested) = EmlExtractor().extract(mail().as_bytes(), ctx(max_member_bytes=5)).members
    assert csv.data is None and "larger" in csv.error
    assert nested.data is None


def test_attachments_not_expanded_beyond_max_depth() -> None:
    deep = ExtractContext(Limits(max_depth=2), (), 2, Budget(10**9, 100))
    result = EmlExtractor().extract(mail().as_bytes(), deep)
    assert list(result.members) == []
    assert any("nested too deeply" in note for note in result.notes)


def test_truncated_mail_yields_what_is_there() -> None:
    data = mail().as_bytes()
    cut = data.index(b"Content-Type: text/csv")
    result = EmlExtractor().extract(data[:cut], ctx())
    assert "学籍番号 A1234567" in all_text(result)
    assert any("malformed" in note for note in result.notes)


@pytest.mark.parametrize("data", [b"\n\n" + "氏名 山田太郎".encode(), b""])
def test_not_a_mail_is_an_extraction_error(data: bytes) -> None:
    with pytest.raises(ExtractionError) as err:
        EmlExtractor().extract(data, ctx())
    assert_content_free(str(err.value), "山田")


def test_multipart_without_boundary_is_read_as_text() -> None:
    raw = "From: a@example.jp\nContent-Type: multipart/mixed\n\n氏名 山田太郎\n".encode("cp932")
    result = EmlExtractor().extract(raw, ctx())
    assert [b.text for b in texts(result)][-1] == "氏名 山田太郎"
    assert any("NoBoundaryInMultipartDefect" in note for note in result.notes)
