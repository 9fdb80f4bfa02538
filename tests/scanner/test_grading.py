"""The classifier's place in the pipeline: containers take their most severe member, and
every row of a file gets the file's zone and its own violations."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from classifier.codes import ZoneType
from classifier.policy import ZoneDecl, default_policy
from classifier.zones import ZoneMap
from reports.model import FileResult
from scanner.grading import locate, most_severe


def row(path: str, level: str, category: str = "", key: tuple[str, ...] = ()) -> FileResult:
    return FileResult(path=path, risk_level=level, category=category, key_info=key)


@pytest.mark.parametrize(
    ("own", "members", "expected"),
    [
        ("0", [("2", "履修者名簿", ())], ("2", "履修者名簿", ())),
        (
            "2",
            [("1", "旅費情報", ("銀行口座",)), ("2", "履修者名簿", ())],
            ("1", "旅費情報", ("銀行口座",)),
        ),
        ("2", [("2", "授業科目別成績表", ())], ("2", "", ())),  # its own verdict comes first
        ("0", [("unknown", "", ()), ("0", "", ())], ("unknown", "", ())),
        ("0", [("unknown", "", ()), ("2", "履修者名簿", ())], ("2", "履修者名簿", ())),
        ("0", [], ("0", "", ())),
    ],
)
def test_a_container_carries_its_most_severe_verdict(
    own: str,
    members: list[tuple[str, str, tuple[str, ...]]],
    expected: tuple[str, str, tuple[str, ...]],
) -> None:
    parent = FileResult(path="a.zip", risk_level=own, entities={"PERSON": 1}, records=1)
    rows = [row(f"a.zip!{i}.csv", *m) for i, m in enumerate(members)]
    result = most_severe(parent, rows)
    assert (result.risk_level, result.category, result.key_info) == expected
    assert (result.entities, result.records) == ({"PERSON": 1}, 1)  # its own counts only


def test_members_lie_where_their_file_lies(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - 神戸大学"
    folder.mkdir()
    file = folder / "a.zip"
    file.write_bytes(b"")
    os.chmod(file, 0o600)
    rows = [
        FileResult(path=str(file), risk_level="1"),
        FileResult(path=f"{file}!x.csv", risk_level="1"),
        FileResult(path=f"{file}!y.csv", risk_level="2", encrypted=True),
        FileResult(path=f"{file}!z.txt", risk_level="0"),
    ]
    policy = default_policy()
    located = locate(rows, file.stat(), policy, ZoneMap(policy), time.time())
    assert {r.zone for r in located} == {"cloud_sync"}
    assert [r.violations for r in located] == [
        ("UNENCRYPTED", "TAKEOUT_PROHIBITED"),
        ("UNENCRYPTED", "TAKEOUT_PROHIBITED"),
        ("TAKEOUT_PERMIT_REQUIRED",),
        (),
    ]


def test_a_secure_zone_declared_in_the_policy(tmp_path: Path) -> None:
    secure = tmp_path / "secure"
    secure.mkdir()
    inside, outside = secure / "a.csv", tmp_path / "b.csv"
    for path in (inside, outside):
        path.write_bytes(b"")
        os.chmod(path, 0o600)
    policy = default_policy().model_copy(
        update={"zones": (ZoneDecl(name="金庫", type=ZoneType.SECURE, paths=(str(secure),)),)}
    )
    zones = ZoneMap(policy)
    now = time.time()
    got = {
        path.name: locate([row(str(path), "1")], path.stat(), policy, zones, now)[0]
        for path in (inside, outside)
    }
    assert (got["a.csv"].zone, got["a.csv"].violations) == ("金庫", ("UNENCRYPTED",))
    assert got["b.csv"].violations == ("UNENCRYPTED", "OUTSIDE_SECURE_AREA")
