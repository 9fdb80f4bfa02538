"""HtmlExtractor: charsets, tables kept as tables, non-content dropped."""

from __future__ import annotations

import pytest
from _doc_util import all_text, ctx, tables, texts

from recognizers.content import Table
from scanner.extractors import extractor_for
from scanner.extractors.html import HtmlExtractor, decode_html, html_blocks
from scanner.filetype import detect

ROSTER = """
<table>
  <thead><tr><th>氏名</th><th>学籍番号</th><th>口座番号</th></tr></thead>
  <tbody>
    <tr><td>山田 太郎</td><td>A1234567</td><td>1234567</td></tr>
    <tr><td><b>佐藤</b>花子</td><td>A7654321</td><td>7654321</td></tr>
  </tbody>
</table>"""


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>履修者名簿</title></head><body>{body}</body></html>"


def test_registered_for_what_libmagic_reports() -> None:
    data = page("<p>氏名 山田太郎</p>").encode()
    assert detect(data) == "text/html"
    assert isinstance(extractor_for(detect(data)), HtmlExtractor)


def test_utf8_page_text_and_table() -> None:
    html = page(
        "<h1>2024年度 履修者</h1><p>担当: <b>鈴木</b>一郎\n先生</p>"
        + ROSTER
        + "<script>var secret = '秘密のスクリプト';</script><style>p{}</style>"
    )
    result = HtmlExtractor().extract(html.encode(), ctx())
    (text,) = texts(result)
    assert text.text.splitlines() == ["履修者名簿", "2024年度 履修者", "担当: 鈴木一郎 先生"]
    (table,) = tables(result)
    assert table.header == ("氏名", "学籍番号", "口座番号")
    assert list(table.rows) == [
        ("山田 太郎", "A1234567", "1234567"),
        ("佐藤花子", "A7654321", "7654321"),
    ]
    assert "秘密" not in all_text(result) and "p{}" not in all_text(result)


@pytest.mark.parametrize(
    "head",
    [
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        "<meta charset=shift_jis>",
        '<meta http-equiv="Content-Type" content="text/html; charset=x-sjis">',
        "",  # undeclared: detected
    ],
)
def test_shift_jis_page_with_cp932_characters(head: str) -> None:
    data = page("<p>氏名 髙橋一郎 ① 口座番号 1234567</p>", head=head).encode("cp932")
    assert "氏名 髙橋一郎 ① 口座番号 1234567" in all_text(HtmlExtractor().extract(data, ctx()))


def test_euc_jp_page() -> None:
    data = page("<p>氏名 山田太郎</p>", head='<meta charset="EUC-JP">').encode("euc_jp")
    assert "氏名 山田太郎" in all_text(HtmlExtractor().extract(data, ctx()))


def test_wrong_declaration_falls_back_to_detection() -> None:
    data = page("<p>学籍番号 A1234567 山田太郎</p>").encode("cp932")  # says utf-8
    assert "学籍番号 A1234567 山田太郎" in decode_html(data)


def test_layout_tables_are_prose_and_inner_tables_data() -> None:
    html = page(f"<table><tr><td>メニュー</td><td>{ROSTER}</td></tr></table>")
    (table,) = [b for b in html_blocks(html) if isinstance(b, Table)]
    assert table.header == ("氏名", "学籍番号", "口座番号") and table.n_rows == 2
    assert "メニュー" in all_text(HtmlExtractor().extract(html.encode(), ctx()))


def test_pre_keeps_lines_and_form_values_are_read() -> None:
    html = page('<pre>氏名 山田\n学籍番号 123</pre><input type="text" value="090-1234-5678">')
    text = all_text(HtmlExtractor().extract(html.encode(), ctx()))
    assert "氏名 山田\n学籍番号 123" in text
    assert "090-1234-5678" in text


def test_comments_are_not_text() -> None:
    html = page("<p>本文</p><!-- 山田太郎 -->")
    assert "山田" not in all_text(HtmlExtractor().extract(html.encode(), ctx()))


def test_text_is_capped_at_the_limit() -> None:
    result = HtmlExtractor().extract(
        page("<p>" + "山田" * 100 + "</p>").encode(), ctx(max_text_chars=7)
    )
    assert sum(len(b.text) for b in texts(result)) == 7
    assert any("truncated" in note for note in result.notes)


def test_deeply_nested_markup_does_not_crash() -> None:
    html = "<div>" * 20_000 + "深い所の山田太郎" + "</div>" * 20_000
    assert "深い所の山田太郎" in all_text(HtmlExtractor().extract(html.encode(), ctx()))


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,
        b"<html><body><table><tr><td>\xff\xfe\x00<",
        page("<p>氏名 山田太郎").encode()[:60],
        b"",
    ],
)
def test_broken_markup_never_raises(data: bytes) -> None:
    result = HtmlExtractor().extract(data, ctx())
    assert isinstance(result.blocks, list)
