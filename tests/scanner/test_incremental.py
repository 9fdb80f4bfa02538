"""Incremental scans: what is read again, what is not, and what the database says after.

The pool runs `counting_task`, the real `scan_entry` that first notes the path in
`reads.log` beside the scanned tree: the log is the proof of which files had their
content read (every read of file content goes through `scan_entry`).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from classifier.policy import ZoneDecl, default_policy
from classifier.zones import ZoneMap
from reports.model import FileResult
from scanner.crawl import Crawler, FileEntry
from scanner.incremental import Incremental, Stored, analysis_key, scan_into
from scanner.pipeline import ScanSettings, scan_entry
from scanner.statedb import Query, StateDB
from scanner.workers import WorkerPool

ROSTER = "氏名,学籍番号,電話番号\n" + "".join(
    f"{name},{2300000 + i}T,090-1234-{5670 + i}\n"
    for i, name in enumerate(["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健太"])
)
MEMO = "会議の議事録です。次回は来週の月曜日に開催します。\n"
READS = "reads.log"


def counting_task(entry: FileEntry, settings: ScanSettings) -> list[FileResult]:
    log = Path(entry.path).parent
    while not (log / READS).exists():
        log = log.parent
    with open(log / READS, "a", encoding="utf-8") as fh:
        fh.write(os.path.basename(entry.path) + "\n")
    return scan_entry(entry, settings)


class Scans:
    """A tree, a state database, and scans of the one into the other."""

    def __init__(self, tmp: Path) -> None:
        self.tree = tmp / "tree"
        self.tree.mkdir()
        (tmp / READS).write_text("")
        self.reads_log = tmp / READS
        self.db = StateDB.open(tmp / "state.db")
        self.db.lock("test")
        self.stored: list[Stored] = []

    def reads(self) -> list[str]:
        """Files read since the last call."""
        names = self.reads_log.read_text(encoding="utf-8").split()
        self.reads_log.write_text("")
        return sorted(names)

    def scan(self, settings: ScanSettings | None = None, full: bool = False) -> Incremental:
        settings = settings or ScanSettings()
        inc = Incremental(self.db, settings, 0, full=full, notify=self.stored.append)
        inc.run = self.db.begin_run("scan", [str(self.tree)], inc.key)
        pool = WorkerPool(settings, jobs=1, task=counting_task)
        assert scan_into(inc, Crawler(), [str(self.tree)], pool)
        self.db.finish_run(inc.run, "completed", inc.counts.as_dict())
        return inc

    def rows(self, **query: object) -> dict[str, FileResult]:
        q = Query(**query)  # type: ignore[arg-type]
        return {os.path.relpath(r.path, self.tree): r for r in self.db.query(q)}


@pytest.fixture
def scans(tmp_path: Path) -> Scans:
    made = Scans(tmp_path)
    (made.tree / "名簿.csv").write_text(ROSTER, encoding="utf-8")
    (made.tree / "memo.txt").write_text(MEMO, encoding="utf-8")
    (made.tree / "sub").mkdir()
    (made.tree / "sub" / "copy.csv").write_text(ROSTER, encoding="utf-8")
    return made


def test_unchanged_rescan_reads_nothing_and_reports_the_same_rows(scans: Scans) -> None:
    first = scans.scan()
    assert scans.reads() == ["copy.csv", "memo.txt", "名簿.csv"]
    assert first.counts.as_dict() == {"analysed": 3, "reused": 0, "moved": 0, "gone": 0}
    before = scans.rows()
    assert before["名簿.csv"].risk_level == "2" and before["memo.txt"].risk_level == "0"

    second = scans.scan()
    assert scans.reads() == []
    assert second.counts.as_dict() == {"analysed": 0, "reused": 3, "moved": 0, "gone": 0}
    after = scans.rows()
    assert {k: replace(v, change="") for k, v in after.items()} == {
        k: replace(v, change="") for k, v in before.items()
    }
    assert {r.change for r in after.values()} == {"unchanged"}


def test_a_modified_file_is_analysed_again(scans: Scans) -> None:
    scans.scan()
    scans.reads()
    target = scans.tree / "memo.txt"
    target.write_text(ROSTER, encoding="utf-8")  # a roster saved over the memo
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    inc = scans.scan()
    assert scans.reads() == ["memo.txt"]
    assert inc.counts.analysed == 1 and inc.counts.reused == 2
    rows = scans.rows()
    assert rows["memo.txt"].risk_level == "2"
    assert rows["memo.txt"].change == "changed"
    assert rows["名簿.csv"].change == "unchanged"


def test_same_size_and_mtime_but_a_new_inode_is_analysed_again(scans: Scans) -> None:
    """Editors save by writing a new file and renaming it over the old one."""
    scans.scan()
    scans.reads()
    target = scans.tree / "名簿.csv"
    st = target.stat()
    fresh = scans.tree / ".名簿.csv.tmp"
    fresh.write_text(ROSTER.replace("山田", "山本"), encoding="utf-8")
    os.utime(fresh, ns=(st.st_atime_ns, st.st_mtime_ns))
    keep = scans.tree / "keep-inode"  # hold the old inode so it cannot be reused at once
    os.link(target, keep)
    os.replace(fresh, target)
    keep.unlink()
    scans.scan()
    assert scans.reads() == ["名簿.csv"]


def test_a_deleted_file_is_reported_gone(scans: Scans) -> None:
    scans.scan()
    (scans.tree / "sub" / "copy.csv").unlink()
    inc = scans.scan()
    assert inc.counts.gone == 1
    assert "sub/copy.csv" not in scans.rows()
    gone = scans.rows(gone=True)
    assert list(gone) == ["sub/copy.csv"]
    assert gone["sub/copy.csv"].change == "gone"
    assert gone["sub/copy.csv"].risk_level == "2"  # what it held when last seen


def test_a_moved_file_is_not_read_again_and_takes_its_new_place(scans: Scans) -> None:
    scans.scan()
    scans.reads()
    public = scans.tree / "public_html"
    public.mkdir()
    os.rename(scans.tree / "名簿.csv", public / "名簿.csv")
    settings = ScanSettings(zones=ZoneMap.detect(default_policy()))
    inc = scans.scan(settings)
    assert scans.reads() == []
    assert inc.counts.moved == 1 and inc.counts.gone == 1
    row = scans.rows()["public_html/名簿.csv"]
    assert row.zone == "public" and "PUBLIC_LOCATION" in row.violations
    assert row.change == "new"


def test_place_and_mode_are_refreshed_without_reading(scans: Scans) -> None:
    scans.scan()
    scans.reads()
    roster = scans.tree / "名簿.csv"
    roster.chmod(0o640)
    policy = default_policy()
    secure = ZoneDecl(name="金庫", type="secure", paths=(str(scans.tree / "sub"),))
    settings = ScanSettings(policy=policy, zones=ZoneMap(policy, extra=(secure,)))
    scans.stored.clear()
    scans.scan(settings)
    assert scans.reads() == []
    rows = scans.rows()
    assert "WORLD_READABLE" not in rows["名簿.csv"].violations
    assert rows["sub/copy.csv"].zone == "金庫"
    assert {s.path for s in scans.stored} == {str(roster), str(scans.tree / "sub/copy.csv")}


def test_full_reads_everything_again(scans: Scans) -> None:
    scans.scan()
    scans.reads()
    inc = scans.scan(full=True)
    assert scans.reads() == ["copy.csv", "memo.txt", "名簿.csv"]
    assert inc.counts.analysed == 3
    assert {r.change for r in scans.rows().values()} == {"unchanged"}


def test_another_policy_means_another_analysis(scans: Scans) -> None:
    scans.scan()
    scans.reads()
    base = default_policy()
    stricter = base.identification.model_copy(update={"min_people": 50})
    policy = base.model_copy(update={"identification": stricter})
    settings = ScanSettings(policy=policy)
    assert analysis_key(settings) != analysis_key(ScanSettings())
    scans.scan(settings)
    assert scans.reads() == ["copy.csv", "memo.txt", "名簿.csv"]


def test_failures_for_a_passing_reason_are_tried_again(scans: Scans) -> None:
    locked = scans.tree / "locked.csv"
    locked.write_text(ROSTER, encoding="utf-8")
    inc = scans.scan()
    scans.reads()
    # Fake a read that failed for a passing reason (as root, chmod cannot cause one).
    known = scans.db.known(str(locked))
    assert known is not None
    entry = next(Crawler().walk([locked]))
    scans.db.begin()
    inc.store(
        entry, [FileResult(path=str(locked), risk_level="unknown", error="permission denied")]
    )
    scans.db.commit()
    scans.scan()
    assert scans.reads() == ["locked.csv"]
    assert scans.rows()["locked.csv"].risk_level == "2"


def test_a_scan_cut_short_marks_nothing_gone(scans: Scans) -> None:
    scans.scan()
    (scans.tree / "memo.txt").unlink()
    inc = Incremental(scans.db, ScanSettings(), 0)
    inc.run = scans.db.begin_run("scan", [str(scans.tree)], inc.key)
    pool = WorkerPool(ScanSettings(), jobs=1, task=counting_task)
    stop_at = time.monotonic()
    done = scan_into(
        inc, Crawler(), [str(scans.tree)], pool, stop=lambda: time.monotonic() > stop_at
    )
    assert not done
    assert inc.counts.gone == 0
    assert "memo.txt" in scans.rows()
