"""XmlExtractor: record exports as tables, and hostile XML refused unexpanded."""

from __future__ import annotations

import builtins
import socket
import time
import urllib.request
from pathlib import Path

import pytest
from _doc_util import all_text, assert_content_free, ctx, tables, texts

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors import extractor_for
from scanner.extractors.xml_ import XmlExtractor
from scanner.filetype import detect

EXPORT = """<?xml version="1.0" encoding="{encoding}"?>
<名簿 年度="2024">
  <タイトル>履修者名簿</タイトル>
  <学生 id="1"><氏名>山田太郎</氏名><学籍番号>A1234567</学籍番号>
    <住所><都道府県>東京都</都道府県><市区町村>千代田区</市区町村></住所></学生>
  <学生 id="2"><氏名>佐藤花子</氏名><口座番号>1234567</口座番号></学生>
  <備考>提出は<b>4月1日</b>まで</備考>
</名簿>
"""


def export(encoding: str = "UTF-8", codec: str = "utf-8") -> bytes:
    return EXPORT.format(encoding=encoding).encode(codec)


def test_registered_for_what_libmagic_reports() -> None:
    for data in (export(), export("Shift_JIS", "cp932")):
        assert detect(data) == "text/xml"
        assert isinstance(extractor_for(detect(data)), XmlExtractor)


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("UTF-8", "utf-8"), ("Shift_JIS", "cp932"), ("EUC-JP", "euc_jp"), ("UTF-16", "utf-16")],
)
def test_export_of_records_is_a_table(encoding: str, codec: str) -> None:
    result = XmlExtractor().extract(export(encoding, codec), ctx())
    (table,) = tables(result)
    assert table.header == ("@id", "氏名", "学籍番号", "住所", "口座番号")
    assert list(table.rows) == [
        ("1", "山田太郎", "A1234567", "東京都 千代田区", ""),
        ("2", "佐藤花子", "", "", "1234567"),
    ]
    (text,) = texts(result)
    assert text.text.splitlines() == [
        "名簿@年度: 2024",
        "タイトル: 履修者名簿",
        "備考: 提出は 4月1日 まで",
    ]


def test_spreadsheet_xml_rows_become_a_table_by_position() -> None:
    data = """<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>
<Row><Cell><Data>2024年度 名簿</Data></Cell></Row>
<Row><Cell><Data>氏名</Data></Cell><Cell><Data>口座番号</Data></Cell></Row>
<Row><Cell><Data>山田太郎</Data></Cell><Cell><Data>1234567</Data></Cell></Row>
<Row><Cell><Data>佐藤花子</Data></Cell><Cell><Data>7654321</Data></Cell></Row>
</Table></Worksheet></Workbook>""".encode()
    result = XmlExtractor().extract(data, ctx())
    (table,) = tables(result)
    assert table.header == ("氏名", "口座番号")
    assert list(table.rows) == [("山田太郎", "1234567"), ("佐藤花子", "7654321")]
    assert "2024年度 名簿" in all_text(result)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def test_billion_laughs_is_refused_without_expansion() -> None:
    start = time.perf_counter()
    with pytest.raises(LimitExceeded) as err:
        XmlExtractor().extract(BILLION_LAUGHS, ctx())
    assert time.perf_counter() - start < 1.0
    assert "entity" in str(err.value)
    assert "lol" not in str(err.value)


@pytest.fixture
def no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a file or a connection fail the test loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"XML parsing tried I/O: {args!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    "template",
    [
        # classic XXE: an external general entity
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{uri}">]><r>&xxe;</r>',
        # external parameter entity, expanded inside the DTD
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "{uri}"> %p;]><r>a</r>',
        # the same over the network
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]><r>&xxe;</r>',
    ],
)
def test_external_entities_are_refused_without_reading(
    tmp_path: Path, template: str, no_io: None
) -> None:
    secret = tmp_path / "passwd"
    with secret.open("w") as fh:  # the real open: no_io only patches builtins.open
        fh.write("root:x:0:0:秘密")
    data = template.format(uri=secret.as_uri()).encode()
    with pytest.raises(LimitExceeded) as err:
        XmlExtractor().extract(data, ctx())
    assert_content_free(str(err.value), "root:", "秘密")


def test_etc_passwd_xxe_is_refused(no_io: None) -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(LimitExceeded):
        XmlExtractor().extract(data, ctx())


def test_external_dtd_reference_is_not_fetched(no_io: None) -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd"><r>abc</r>'
    assert all_text(XmlExtractor().extract(data, ctx())) == "r: abc"


@pytest.mark.parametrize("cut", [0.3, 0.6, -3])
def test_truncated_xml_is_an_extraction_error(cut: float) -> None:
    data = export()
    end = int(len(data) * cut) if isinstance(cut, float) else cut
    with pytest.raises(ExtractionError) as err:
        XmlExtractor().extract(data[:end], ctx())
    assert_content_free(str(err.value), "山田")


def test_deep_nesting_does_not_crash() -> None:
    data = b'<?xml version="1.0"?>' + b"<a>" * 100_000 + b"x" + b"</a>" * 100_000
    assert all_text(XmlExtractor().extract(data, ctx())) == "a: x"


def test_text_is_capped_at_the_limit() -> None:
    result = XmlExtractor().extract(export(), ctx(max_text_chars=12))
    assert any("truncated" in note for note in result.notes)
