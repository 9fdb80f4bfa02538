"""Summaries: rows per directory and per owner, worst first, adding up to the totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.model import FileResult
from reports.summaries import (
    LEVELS,
    TOTAL_KEY,
    Group,
    by_directory,
    by_owner,
    level_of,
    totals,
)


def row(
    path: str,
    level: str = "0",
    *,
    owner: str = "",
    violations: tuple[str, ...] = (),
    records: int | None = None,
    encrypted: bool = False,
    error: str = "",
    change: str = "",
) -> FileResult:
    return FileResult(
        path=path,
        risk_level=level,
        owner=owner,
        violations=violations,
        records=records,
        encrypted=encrypted,
        error=error,
        change=change,
    )


def keys_and_sizes(groups: list[Group]) -> list[tuple[str, int, int]]:
    return [(g.key, g.files, g.members) for g in groups]


# (id, paths, roots, depth, expected [(key, files, members)] in order). Every row is
# level 0 here, so the order is by key; severity ordering has its own test.
DIRECTORY_CASES = [
    ("empty", [], (), None, []),
    (
        "parent directories",
        ["/a/x.xlsx", "/a/y.xlsx", "/b/z.csv"],
        (),
        None,
        [("/a", 2, 0), ("/b", 1, 0)],
    ),
    (
        "a member counts in its archive's directory",
        ["/a/arc.zip", "/a/arc.zip!in/deep/m.csv", "/a/arc.zip!n.txt"],
        (),
        None,
        [("/a", 1, 2)],
    ),
    (
        "a member with no archive row still counts where the archive is",
        ["/a/arc.zip!in/m.csv"],
        (),
        None,
        [("/a", 0, 1)],
    ),
    (
        "depth 1 below a root; directly in the root; under no root",
        ["/srv/share/経理/2024/旅費/a.xlsx", "/srv/share/b.xlsx", "/other/c.xlsx"],
        ("/srv/share",),
        1,
        [("/other", 1, 0), ("/srv/share", 1, 0), ("/srv/share/経理", 1, 0)],
    ),
    (
        "depth 2",
        ["/srv/share/経理/2024/旅費/a.xlsx", "/srv/share/経理/b.xlsx"],
        ("/srv/share",),
        2,
        [("/srv/share/経理", 1, 0), ("/srv/share/経理/2024", 1, 0)],
    ),
    (
        "depth 0 is the root itself",
        ["/srv/share/経理/a.xlsx", "/srv/share/教務/b.xlsx"],
        ("/srv/share",),
        0,
        [("/srv/share", 2, 0)],
    ),
    (
        "the longest root wins",
        ["/srv/share/教務/x/a.xlsx", "/srv/web/y/z.html", "/srv/share2/c.csv"],
        ("/srv", "/srv/share"),
        1,
        [("/srv/share/教務", 1, 0), ("/srv/share2", 1, 0), ("/srv/web", 1, 0)],
    ),
    (
        "a trailing slash on a root is the same root",
        ["/srv/share/経理/x/a.xlsx"],
        ("/srv/share/",),
        1,
        [("/srv/share/経理", 1, 0)],
    ),
    (
        "root /",
        ["/srv/share/a.xlsx", "/b.txt"],
        ("/",),
        1,
        [("/", 1, 0), ("/srv", 1, 0)],
    ),
    (
        "a member below a root, cut at the archive's directory",
        ["/srv/share/経理/arc.zip", "/srv/share/経理/arc.zip!a/b/c.csv"],
        ("/srv/share",),
        3,
        [("/srv/share/経理", 1, 1)],
    ),
    (
        "a root that is only a prefix of a name is not a root of it",
        ["/srv/shared/a/b.xlsx"],
        ("/srv/share",),
        1,
        [("/srv/shared/a", 1, 0)],
    ),
    (
        "depth without roots is the parent directory",
        ["/a/b/c/d.xlsx"],
        (),
        1,
        [("/a/b/c", 1, 0)],
    ),
]


@pytest.mark.parametrize(
    ("paths", "roots", "depth", "expected"),
    [case[1:] for case in DIRECTORY_CASES],
    ids=[case[0] for case in DIRECTORY_CASES],
)
def test_by_directory_keys(
    paths: list[str],
    roots: tuple[str, ...],
    depth: int | None,
    expected: list[tuple[str, int, int]],
) -> None:
    groups = by_directory([row(p) for p in paths], roots=roots, depth=depth)
    assert keys_and_sizes(groups) == expected


def test_negative_depth_is_an_error() -> None:
    with pytest.raises(ValueError, match="depth"):
        by_directory([], depth=-1)


def test_groups_sorted_by_severity_then_key() -> None:
    rows = [
        row("/c/a.xlsx", "2"),
        row("/c/b.xlsx", "2"),
        row("/b/a.xlsx", "1"),
        row("/a/a.xlsx", "0"),
        row("/d/a.xlsx", "1"),
        row("/d/b.xlsx", "2"),
        row("/e/a.xlsx", "unknown"),
    ]
    assert [g.key for g in by_directory(rows)] == ["/d", "/b", "/c", "/a", "/e"]


def test_group_counts() -> None:
    rows = [
        row("/s/a.xlsx", "1", violations=("UNENCRYPTED", "STALE"), records=10, change="new"),
        row("/s/b.zip", "2", violations=("UNENCRYPTED",), records=3, encrypted=False),
        row("/s/b.zip!m.csv", "2", violations=("UNENCRYPTED",), records=4, change="new"),
        row("/s/c.pdf", "unknown", encrypted=True, error="encrypted", records=99),
        row("/s/d.txt", "0", records=7, change="unchanged"),
        row("/s/e.bin", "", error="unreadable"),
        row("/s/f.png", ""),
    ]
    (group,) = by_directory(rows)
    assert group.key == "/s"
    assert (group.files, group.members, group.rows) == (6, 1, 7)
    assert group.levels == {"1": 1, "2": 2, "unknown": 2, "0": 2}
    assert group.violations == Counter({"UNENCRYPTED": 3, "STALE": 1})
    assert group.records == 10 + 3 + 4  # only ① and ② rows count
    assert (group.encrypted, group.errors, group.new) == (1, 2, 2)


@pytest.mark.parametrize(
    ("level", "error", "expected"),
    [
        ("1", "", "1"),
        ("2", "", "2"),
        ("0", "", "0"),
        ("unknown", "", "unknown"),
        ("", "", "0"),
        ("", "could not read", "unknown"),
        ("3", "", "unknown"),
    ],
)
def test_level_of(level: str, error: str, expected: str) -> None:
    assert level_of(FileResult(path="/x", risk_level=level, error=error)) == expected


def test_by_owner() -> None:
    rows = [
        row("/a/1.xlsx", "2", owner="suzuki"),
        row("/a/2.xlsx", "1", owner="tanaka"),
        row("/b/3.xlsx", "1", owner="tanaka"),
        row("/b/4.zip!x.csv", "1", owner=""),
        row("/b/5.txt", "0", owner="suzuki"),
    ]
    groups = by_owner(rows)
    assert [(g.key, g.levels["1"], g.levels["2"], g.rows) for g in groups] == [
        ("tanaka", 2, 0, 2),
        ("", 1, 0, 1),
        ("suzuki", 0, 1, 2),
    ]
    assert by_owner([]) == []


def test_totals() -> None:
    rows = [row("/a/1.xlsx", "1", records=5), row("/a/1.xlsx!m", "2", records=2)]
    group = totals(rows)
    assert group.key == TOTAL_KEY
    assert (group.files, group.members, group.records) == (1, 1, 7)
    assert totals([]) == Group(TOTAL_KEY)
    assert totals([]).levels == dict.fromkeys(LEVELS, 0)


# -- property: however rows are grouped, the groups add up to the totals ---------------

_rows = st.builds(
    FileResult,
    path=st.builds(
        lambda d, n, m: f"{d}/{n}" + (f"!{m}" if m else ""),
        st.sampled_from(["/srv/share", "/srv/share/経理", "/srv/share/経理/2024", "/home/u", ""]),
        st.sampled_from(["a.xlsx", "名簿.csv", "b.zip", "x!y.txt"]),
        st.sampled_from(["", "m.csv", "d/e.docx"]),
    ),
    risk_level=st.sampled_from(["1", "2", "0", "unknown", ""]),
    owner=st.sampled_from(["", "tanaka", "suzuki"]),
    violations=st.lists(
        st.sampled_from(["UNENCRYPTED", "STALE", "PUBLIC_LOCATION"]), unique=True, max_size=3
    ).map(tuple),
    records=st.none() | st.integers(min_value=0, max_value=1000),
    encrypted=st.booleans(),
    error=st.sampled_from(["", "broken"]),
    change=st.sampled_from(["", "new", "changed", "unchanged"]),
)


def _sum(groups: list[Group]) -> Group:
    total = Group(TOTAL_KEY)
    for group in groups:
        total.merge(group)
    return total


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(_rows, max_size=30),
    roots=st.lists(st.sampled_from(["/srv", "/srv/share", "/home/"]), max_size=2),
    depth=st.none() | st.integers(min_value=0, max_value=3),
)
def test_groups_add_up_to_totals(
    rows: list[FileResult], roots: list[str], depth: int | None
) -> None:
    expected = asdict(totals(rows))
    for groups in (by_directory(rows, roots=roots, depth=depth), by_owner(rows)):
        assert asdict(_sum(groups)) == expected
        assert len({g.key for g in groups}) == len(groups)
        assert sorted(groups, key=lambda g: (-g.levels["1"], -g.levels["2"], g.key)) == groups
