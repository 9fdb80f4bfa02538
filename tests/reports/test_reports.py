"""Reports: the SPEC's columns, BOM, round-trips, and nothing half-written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.csv_report import CsvWriter
from reports.jsonl_report import JsonlWriter
from reports.model import COLUMNS, FileResult
from reports.output import atomic_report

ROW = FileResult(
    path='/srv/share/教務/名簿,2024.xlsx!Sheet "1"',
    file_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    encrypted=True,
    size=8812,
    mtime="2026-04-01T09:00:00+09:00",
    owner="tanaka",
    risk_level="1",
    category="旅費情報",
    key_info=("銀行口座",),
    entities={"PERSON": 3, "JP_BANK_ACCOUNT": 3},
    records=3,
    violations=("UNENCRYPTED", "STALE"),
    zone="normal",
    evidence=("PERSON:山＊ ＊＊",),
    error="",
)


def test_csv_round_trip() -> None:
    buf = io.StringIO(newline="")
    writer = CsvWriter(buf)
    writer.write(ROW)
    text = buf.getvalue()
    assert text.startswith("\ufeff" + ",".join(COLUMNS) + "\r\n")
    (row,) = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert row == {
        "path": ROW.path,
        "risk_level": "1",
        "category": "旅費情報",
        "key_info": "銀行口座",
        "entities": "JP_BANK_ACCOUNT:3;PERSON:3",
        "records": "3",
        "encrypted": "yes",
        "violations": "UNENCRYPTED;STALE",
        "zone": "normal",
        "file_type": ROW.file_type,
        "size": "8812",
        "mtime": "2026-04-01T09:00:00+09:00",
        "owner": "tanaka",
        "evidence": "PERSON:山＊ ＊＊",
        "error": "",
    }


def test_jsonl_shares_the_fields() -> None:
    buf = io.StringIO()
    JsonlWriter(buf).write(ROW)
    obj = json.loads(buf.getvalue())
    assert list(obj) == list(COLUMNS)
    assert obj["entities"] == {"JP_BANK_ACCOUNT": 3, "PERSON": 3}
    assert obj["encrypted"] is True and obj["size"] == 8812


@given(st.text(), st.text(), st.integers(min_value=0))
def test_any_path_and_error_survive_csv(path: str, error: str, size: int) -> None:
    row = FileResult(path=path, error=error, size=size)
    buf = io.StringIO(newline="")
    CsvWriter(buf).write(row)
    (back,) = list(csv.DictReader(io.StringIO(buf.getvalue()[1:], newline="")))
    # csv normalises a lone CR inside fields only when quoting fails; it must not.
    assert back["path"] == path and back["error"] == error and back["size"] == str(size)


def test_atomic_report_commits_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    out.write_text("previous")
    with pytest.raises(RuntimeError), atomic_report(str(out), "csv") as writer:
        writer.write(ROW)
        raise RuntimeError("scan died")
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]
    with atomic_report(str(out), "csv") as writer:
        writer.write(ROW)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfpath,risk_level")
    assert out.stat().st_mode & 0o077 == 0  # findings are not for everyone's eyes
