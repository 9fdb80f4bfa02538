"""`report --by`: one summary row per directory or owner, CSV with BOM or JSONL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from classifier.codes import Violation
from reports.model import FileResult
from reports.summary_report import COUNT_COLUMNS, VIOLATION_CODES, write_summary

ROWS = [
    FileResult(
        path="/s/a/x.csv", risk_level="1", records=3, owner="sato", violations=("UNENCRYPTED",)
    ),
    FileResult(path="/s/a/y.zip", risk_level="2", records=2, owner="sato", encrypted=True),
    FileResult(path="/s/a/y.zip!m.csv", risk_level="2", records=2, owner="sato"),
    FileResult(path="/s/b/z.txt", risk_level="0", owner="tanaka", change="new"),
]


def test_violation_codes_are_the_classifiers() -> None:
    assert VIOLATION_CODES == tuple(v.value for v in Violation)


def test_csv_by_directory(tmp_path: Path) -> None:
    out = tmp_path / "dirs.csv"
    write_summary(str(out), "csv", "directory", ROWS)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["directory"] for r in rows] == ["/s/a", "/s/b"]  # most severe first
    a = rows[0]
    assert (a["files"], a["members"], a["level_1"], a["level_2"]) == ("2", "1", "1", "2")
    assert (a["records"], a["encrypted"], a["UNENCRYPTED"], a["new"]) == ("7", "1", "1", "0")
    assert list(rows[0]) == ["directory", *COUNT_COLUMNS]


def test_jsonl_by_owner(tmp_path: Path) -> None:
    out = tmp_path / "owners.jsonl"
    write_summary(str(out), "jsonl", "owner", ROWS)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(g["owner"], g["files"], g["new"]) for g in lines] == [("sato", 2, 0), ("tanaka", 1, 1)]
