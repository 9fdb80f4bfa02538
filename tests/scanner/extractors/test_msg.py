"""MsgExtractor on .msg files built by `_cfb_writer` (there is no Python .msg writer)."""

from __future__ import annotations

import builtins
import io
import logging
import os
from pathlib import Path

import extract_msg
import olefile
import pytest
from _cfb_writer import MsgAttachment, MsgRecipient, MsgSpec, build_msg, write_cfb
from _doc_util import all_text, assert_content_free, ctx, tables, texts

from scanner.errors import ExtractionError
from scanner.extractors import extractor_for
from scanner.extractors.base import Budget, ExtractContext
from scanner.extractors.msg import MsgExtractor
from scanner.filetype import MSG, detect
from scanner.limits import Limits

CSV = "氏名,学籍番号\n山田太郎,A1234567\n".encode("cp932")
BIG = bytes(range(256)) * 40  # 10 KB: stored in regular sectors, not the mini stream


def spec(codepage: int | None = None) -> MsgSpec:
    forwarded = MsgSpec(subject="転送: 口座の件", body="口座番号 7654321", sender="佐藤花子")
    return MsgSpec(
        subject="学籍番号の件",
        body="氏名 山田太郎\r\n学籍番号 A1234567\r\n",
        sender="山田太郎",
        sender_email="taro@example.jp",
        recipients=[
            MsgRecipient("佐藤花子", "hanako@example.jp"),
            MsgRecipient("鈴木一郎", "suzuki@example.jp", kind=2),
        ],
        attachments=[
            MsgAttachment("名簿.csv", CSV),
            MsgAttachment("scan.bin", BIG),
            MsgAttachment("転送: 口座の件", embedded=forwarded),
        ],
        codepage=codepage,
    )


def test_cfb_writer_output_is_a_valid_compound_file() -> None:
    data = write_cfb({"a": b"x" * 10, "big": BIG, "dir": {"b": b"", "c": b"y" * 5000}})
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("a").read() == b"x" * 10
    assert ole.openstream("big").read() == BIG
    assert ole.openstream("dir/b").read() == b""
    assert ole.openstream("dir/c").read() == b"y" * 5000
    ole.close()


def test_built_msg_opens_with_extract_msg() -> None:
    msg = extract_msg.openMsg(io.BytesIO(build_msg(spec())))
    try:
        assert isinstance(msg, extract_msg.msg_classes.Message)
        assert msg.subject == "学籍番号の件"
        assert len(msg.attachments) == 3
    finally:
        msg.close()


def test_registered_for_what_libmagic_reports() -> None:
    data = build_msg(spec())
    assert detect(data) == MSG == "application/vnd.ms-outlook"
    assert isinstance(extractor_for(detect(data)), MsgExtractor)


@pytest.mark.parametrize("codepage", [None, 932])
def test_header_body_and_attachments(codepage: int | None) -> None:
    result = MsgExtractor().extract(build_msg(spec(codepage)), ctx())
    header, body = texts(result)
    assert header.where == "header"
    assert header.text.splitlines() == [
        "From: 山田太郎 <taro@example.jp>",
        "To: 佐藤花子 <hanako@example.jp>",
        "Cc: 鈴木一郎 <suzuki@example.jp>",
        "Subject: 学籍番号の件",
    ]
    assert body.where == "body" and body.text == "氏名 山田太郎\n学籍番号 A1234567"
    members = list(result.members)
    assert [m.name for m in members] == ["名簿.csv", "scan.bin", "転送: 口座の件.msg"]
    assert members[0].data == CSV and members[1].data == BIG
    embedded = members[2].data
    assert embedded is not None and detect(embedded) == MSG
    inner = MsgExtractor().extract(embedded, ctx())
    assert "Subject: 転送: 口座の件" in all_text(inner)
    assert "口座番号 7654321" in all_text(inner)


def test_ansi_msg_with_cp932_only_characters() -> None:
    data = build_msg(MsgSpec(subject="髙橋① 様", body="㈱山田商事", codepage=932))
    assert "Subject: 髙橋① 様" in all_text(MsgExtractor().extract(data, ctx()))


def test_html_body_when_there_is_no_plain_body() -> None:
    html = "<table><tr><th>氏名</th><th>口座番号</th></tr><tr><td>山田太郎</td><td>1234567</td></tr></table>"
    data = build_msg(MsgSpec(subject="一覧", html_body=html.encode("utf-8")))
    (table,) = tables(MsgExtractor().extract(data, ctx()))
    assert table.header == ("氏名", "口座番号") and list(table.rows) == [("山田太郎", "1234567")]


def test_contact_item_properties_are_read() -> None:
    contact = MsgSpec(
        subject="山田太郎",
        message_class="IPM.Contact",
        extra_strings={0x3A11: "山田", 0x3A06: "太郎", 0x3A1C: "090-1234-5678"},
    )
    text = all_text(MsgExtractor().extract(build_msg(contact), ctx()))
    assert "姓: 山田" in text and "名: 太郎" in text and "携帯電話: 090-1234-5678" in text


def test_attachments_are_charged_to_the_shared_budget() -> None:
    budget = Budget(bytes_left=10**9, members_left=10)
    result = MsgExtractor().extract(build_msg(spec()), ExtractContext(Limits(), (), 0, budget))
    list(result.members)
    assert budget.members_left == 7
    assert budget.bytes_left < 10**9 - len(CSV) - len(BIG)


def test_nothing_written_to_disk_and_nothing_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"extract-msg tried to open a file: {args!r}")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(builtins, "open", refuse)
    caplog.set_level(1)  # capture everything that reaches the root logger
    for name in ("extract_msg", "extract_msg.msg_classes.msg", "RTFDE"):
        assert logging.getLogger(name).getEffectiveLevel() > logging.CRITICAL
    result = MsgExtractor().extract(build_msg(spec(codepage=932)), ctx())
    assert len(list(result.members)) == 3
    assert os.listdir(tmp_path) == []
    for record in caplog.records:
        assert_content_free(record.getMessage(), "taro@example.jp")


@pytest.mark.parametrize("cut", [100, 512, 1536, 0.5, -512])
def test_truncated_msg_is_an_extraction_error(cut: float) -> None:
    data = build_msg(spec())
    end = int(len(data) * cut) if isinstance(cut, float) else cut
    with pytest.raises(ExtractionError) as err:
        result = MsgExtractor().extract(data[:end], ctx())
        list(result.members)
    assert_content_free(str(err.value), "山田")


@pytest.mark.parametrize(
    "data", [b"", "氏名 山田太郎".encode("cp932"), b"\xd0\xcf\x11\xe0" + b"\0" * 3000]
)
def test_not_an_ole_file_is_an_extraction_error(data: bytes) -> None:
    with pytest.raises(ExtractionError) as err:
        MsgExtractor().extract(data, ctx())
    assert_content_free(str(err.value), "山田")
