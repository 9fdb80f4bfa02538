"""JsonExtractor: arrays of records as tables, the rest as key paths."""

from __future__ import annotations

import json

import pytest
from _doc_util import assert_content_free, ctx, tables, texts

from scanner.errors import ExtractionError, LimitExceeded
from scanner.extractors import extractor_for
from scanner.extractors.json_ import MAX_DEPTH, JsonExtractor
from scanner.filetype import detect

RECORDS = [
    {
        "氏名": "山田太郎",
        "学籍番号": "A1234567",
        "住所": {"都道府県": "東京都", "市区町村": "千代田区"},
        "電話": ["090-1234-5678", "03-1234-5678"],
    },
    {"氏名": "佐藤花子", "口座番号": "1234567", "在籍": True, "備考": None},
]
HEADER = ("氏名", "学籍番号", "住所.都道府県", "住所.市区町村", "電話", "口座番号", "在籍", "備考")


def dumps(value: object, encoding: str = "utf-8", **kw: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, **kw).encode(encoding)  # type: ignore[arg-type]


def test_registered_for_what_libmagic_reports() -> None:
    for data in (dumps(RECORDS), dumps({"氏名": "山田"}, "cp932"), b'{"a": 1}\n{"a": 2}\n'):
        assert isinstance(extractor_for(detect(data)), JsonExtractor), detect(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_list_of_objects_is_a_table_with_the_union_of_keys(encoding: str) -> None:
    result = JsonExtractor().extract(dumps(RECORDS, encoding), ctx())
    (table,) = tables(result)
    assert table.header == HEADER
    assert list(table.rows) == [
        ("山田太郎", "A1234567", "東京都", "千代田区", "090-1234-5678; 03-1234-5678", "", "", ""),
        ("佐藤花子", "", "", "", "", "1234567", "true", ""),
    ]
    assert texts(result) == []


def test_records_inside_an_object_and_the_rest_as_key_paths() -> None:
    doc = {"担当": {"氏名": "鈴木一郎", "内線": 1234}, "students": RECORDS}
    result = JsonExtractor().extract(dumps(doc, indent=2), ctx())
    (text,) = texts(result)
    assert text.text.splitlines() == ["担当.氏名: 鈴木一郎", "担当.内線: 1234"]
    (table,) = tables(result)
    assert table.where == "$.students" and table.header == HEADER and table.n_rows == 2


def test_records_nested_in_records_become_their_own_table() -> None:
    doc = [
        {"氏名": "山田太郎", "履修": [{"科目": "数学", "成績": "A"}, {"科目": "英語", "成績": "B"}]}
    ]
    outer, inner = tables(JsonExtractor().extract(dumps(doc), ctx()))
    assert outer.header == ("氏名",)
    assert inner.header == ("科目", "成績") and inner.where == "$[0].履修"


def test_scalar_document_is_text() -> None:
    result = JsonExtractor().extract(dumps("氏名 山田太郎"), ctx())
    assert [b.text for b in texts(result)] == ["氏名 山田太郎"]


def test_json_lines_are_records() -> None:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS).encode() + b"\n"
    (table,) = tables(JsonExtractor().extract(data, ctx()))
    assert table.header == HEADER and table.n_rows == 2


def test_text_is_capped_at_the_limit() -> None:
    rows = [{"氏名": f"山田{i}"} for i in range(100)]
    result = JsonExtractor().extract(dumps(rows), ctx(max_text_chars=30))
    (table,) = tables(result)
    assert 0 < table.n_rows < 100
    assert any("truncated" in note for note in result.notes)


@pytest.mark.parametrize("cut", [1, 0.5, -2])
def test_truncated_json_is_an_extraction_error(cut: float) -> None:
    data = dumps(RECORDS, indent=2)
    end = int(len(data) * cut) if isinstance(cut, float) else cut
    with pytest.raises(ExtractionError) as err:
        JsonExtractor().extract(data[:end], ctx())
    assert_content_free(str(err.value), "山田")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(LimitExceeded):
        JsonExtractor().extract(b"[" * 100_000 + b"]" * 100_000, ctx())
    deep = '{"a":' * (MAX_DEPTH + 5) + '"山田"' + "}" * (MAX_DEPTH + 5)
    with pytest.raises(LimitExceeded) as err:
        JsonExtractor().extract(deep.encode(), ctx())
    assert_content_free(str(err.value), "山田")


def test_huge_integer_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        JsonExtractor().extract(b"[" + b"9" * 10_000 + b"]", ctx())
