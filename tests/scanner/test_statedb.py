"""The state database: schema and migrations, the writer's lock, records, gone, queries."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reports.model import FileResult
from scanner import statedb
from scanner.statedb import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    Fingerprint,
    Query,
    StateDB,
    StateError,
    StateLocked,
)


def row(path: str, level: str = "2", **kw: object) -> FileResult:
    base: dict[str, object] = {
        "path": path,
        "risk_level": level,
        "entities": {"PERSON": 5},
        "records": 5,
        "violations": ("UNENCRYPTED",),
        "zone": "normal",
        "owner": "tanaka",
        "evidence": ("PERSON:山＊ ＊＊",),
    }
    base.update(kw)
    return FileResult(**base)  # type: ignore[arg-type]


def stat_of(path: Path) -> os.stat_result:
    return os.stat(path)


@pytest.fixture
def db(tmp_path: Path) -> StateDB:
    opened = StateDB.open(tmp_path / "state.db")
    opened.lock("test")
    return opened


def test_new_database_has_the_latest_schema_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with StateDB.open(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert path.stat().st_mode & 0o777 == 0o600
    with StateDB.open(path) as again:  # reopening changes nothing
        assert again.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_older_schema_is_upgraded_keeping_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    with StateDB.open(path) as db:
        db.lock("t")
        run = db.begin_run("scan", ["/srv"], "k")
        db.begin_sweep()
        db.record(run, "/srv/a.csv", None, [row("/srv/a.csv")], "k")
    # A later piiscan adds a migration: the old file is upgraded in place.
    extra = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"
    monkeypatch.setattr(statedb, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(statedb, "SCHEMA_VERSION", len(MIGRATIONS) + 1)
    with StateDB.open(path) as db:
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
        db.conn.execute("INSERT INTO notes (text) VALUES ('x')")
        assert [r.path for r in db.query(Query())] == ["/srv/a.csv"]


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    StateDB.open(path).close()
    broken = "CREATE TABLE fine (id INTEGER); CREATE TABLE runs (id INTEGER)"  # runs exists
    monkeypatch.setattr(statedb, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(statedb, "SCHEMA_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(StateError):
        StateDB.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "fine" not in names


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"not a database at all, just text\n" * 100), "not a piiscan"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)"), "another program"),
        (
            lambda p: sqlite3.connect(p).executescript(
                f"PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99"
            ),
            "newer piiscan",
        ),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_unusable_files_are_refused_naming_the_file(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "s.db"
    make(path)  # type: ignore[operator]
    with pytest.raises(StateError, match=message) as info:
        StateDB.open(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="does not exist"):
        StateDB.open(tmp_path / "nope" / "s.db")


def test_a_second_writer_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first = StateDB.open(path)
    first.lock("scan /srv/share")
    second = StateDB.open(path)
    with pytest.raises(StateLocked, match=rf"pid {os.getpid()}, scan /srv/share since"):
        second.lock("scan /srv/share")
    first.close()
    second.lock("scan again")  # free once the first has closed
    second.close()


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    code = (
        "import sys, time\n"
        "from scanner.statedb import StateDB\n"
        f"db = StateDB.open({str(path)!r}); db.lock('holder')\n"
        "print('locked', flush=True); time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StateLocked, match=f"pid {holder.pid}"):
            StateDB.open(path).lock("me")
        holder.kill()
        holder.wait()
        db = StateDB.open(path)
        db.lock("me")  # kill -9 released the flock
        db.close()
    finally:
        holder.kill()


def test_a_killed_run_becomes_interrupted_and_is_not_the_baseline(db: StateDB) -> None:
    first = db.begin_run("scan", ["/srv"], "k")
    db.finish_run(first, "completed", {})
    killed = db.begin_run("scan", ["/srv"], "k")  # never finished
    third = db.begin_run("scan", ["/srv"], "k")
    statuses = {r.id: r.status for r in db.runs()}
    assert statuses == {first: "completed", killed: "interrupted", third: "running"}
    current, previous = db.baseline()
    assert current is not None and current.id == third
    assert previous is not None and previous.id == first


def test_record_first_seen_changed_and_change_column(db: StateDB, tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text("x")
    st = stat_of(f)
    r1 = db.begin_run("scan", [str(tmp_path)], "k")
    db.begin_sweep()
    db.record(r1, str(f), st, [row(str(f))], "k")
    db.finish_run(r1, "completed", {})
    assert [r.change for r in db.query(Query())] == ["new"]
    r2 = db.begin_run("scan", [str(tmp_path)], "k")
    known = db.known(str(f))
    assert known is not None
    db.seen(r2, known, st, None)
    db.finish_run(r2, "completed", {})
    assert [r.change for r in db.query(Query())] == ["unchanged"]
    r3 = db.begin_run("scan", [str(tmp_path)], "k")
    db.record(r3, str(f), st, [row(str(f), level="1", category="旅費情報")], "k")
    assert [r.change for r in db.query(Query())] == ["changed"]
    assert list(db.query(Query(new_only=True))) == []


def test_rows_round_trip_exactly(db: StateDB) -> None:
    run = db.begin_run("scan", ["/srv"], "k")
    rows = [
        row(
            "/srv/名簿.zip",
            level="1",
            category="旅費情報",
            key_info=("銀行口座", "個人番号"),
            entities={"PERSON": 3, "JP_BANK_ACCOUNT": 3},
            encrypted=True,
            file_type="application/zip",
            size=123,
            mtime="2026-04-01T09:00:00+09:00",
            evidence=("PERSON:山＊ ＊＊", "JP_BANK_ACCOUNT:****321;x"),
            error="",
        ),
        row("/srv/名簿.zip!a/b.csv", level="unknown", records=None, size=None, error="corrupt"),
    ]
    db.record(run, "/srv/名簿.zip", None, rows, "k")
    known = db.known("/srv/名簿.zip")
    assert known is not None
    assert db.rows(known.id) == rows
    assert [r.path for r in db.query(Query())] == [r.path for r in rows]


def test_mark_gone_under_spares_unlisted_directories_and_other_roots(db: StateDB) -> None:
    run = db.begin_run("scan", ["/srv/a"], "k")
    db.begin_sweep()
    for path in ("/srv/a/x.csv", "/srv/a/locked/y.csv", "/srv/ab/z.csv", "/srv/b/w.csv"):
        db.record(run, path, None, [row(path)], "k")
    db.finish_run(run, "completed", {})
    again = db.begin_run("scan", ["/srv/a"], "k")
    db.begin_sweep()  # sees nothing this time
    gone = db.mark_gone_under(again, ["/srv/a"], keep=["/srv/a/locked"])
    assert gone == 1
    assert [r.path for r in db.query(Query(gone=True))] == ["/srv/a/x.csv"]
    assert [r.change for r in db.query(Query(gone=True))] == ["gone"]
    assert [r.path for r in db.query(Query())] == [
        "/srv/a/locked/y.csv",
        "/srv/ab/z.csv",  # "/srv/ab" is not below "/srv/a"
        "/srv/b/w.csv",
    ]


def test_mark_gone_takes_a_directory_and_everything_below(db: StateDB) -> None:
    run = db.begin_run("watch", ["/srv"], "k")
    for path in ("/srv/d/1.csv", "/srv/d/e/2.csv", "/srv/d2/3.csv"):
        db.record(run, path, None, [row(path)], "k")
    assert db.mark_gone(run, "/srv/d") == ["/srv/d/1.csv", "/srv/d/e/2.csv"]
    assert [r.path for r in db.query(Query())] == ["/srv/d2/3.csv"]


def test_query_filters(db: StateDB) -> None:
    run = db.begin_run("scan", ["/srv"], "k")
    db.record(run, "/srv/p/a.csv", None, [row("/srv/p/a.csv", level="1", zone="public")], "k")
    db.record(
        run,
        "/srv/b.csv",
        None,
        [row("/srv/b.csv", owner="sato", violations=("UNENCRYPTED", "WORLD_READABLE"))],
        "k",
    )
    db.record(run, "/srv/c.txt", None, [row("/srv/c.txt", level="0", violations=())], "k")

    def paths(q: Query) -> list[str]:
        return [r.path for r in db.query(q)]

    assert paths(Query(levels=("1",))) == ["/srv/p/a.csv"]
    assert paths(Query(levels=("1", "2"))) == ["/srv/b.csv", "/srv/p/a.csv"]
    assert paths(Query(zones=("public",))) == ["/srv/p/a.csv"]
    assert paths(Query(owners=("sato",))) == ["/srv/b.csv"]
    assert paths(Query(violations=("WORLD_READABLE",))) == ["/srv/b.csv"]
    assert paths(Query(violations=("WORLD",))) == []  # whole codes only
    assert paths(Query(under=("/srv/p",))) == ["/srv/p/a.csv"]
    assert paths(Query(new_only=True)) == ["/srv/b.csv", "/srv/c.txt", "/srv/p/a.csv"]


def test_same_inode_finds_a_moved_file(db: StateDB, tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_text("x")
    fp = Fingerprint.of(stat_of(f))
    run = db.begin_run("scan", [str(tmp_path)], "k")
    db.record(run, str(f), stat_of(f), [row(str(f))], "k")
    found = db.same_inode(fp, "k", str(tmp_path / "moved.csv"))
    assert found is not None and found.path == str(f)
    assert db.same_inode(fp, "other settings", str(tmp_path / "moved.csv")) is None
    assert db.same_inode(fp, "k", str(f)) is None  # itself is no move


def test_a_record_interrupted_half_way_keeps_nothing(db: StateDB) -> None:
    run = db.begin_run("scan", ["/srv"], "k")
    db.begin()

    class Boom(Exception):
        pass

    bad = row("/srv/a.csv")
    original = db._insert

    def insert_then_fail(file_id: int, rows: object) -> None:
        original(file_id, rows)  # type: ignore[arg-type]
        raise Boom

    db._insert = insert_then_fail  # type: ignore[method-assign]
    with pytest.raises(Boom):
        db.record(run, "/srv/a.csv", None, [bad], "k")
    db.commit()  # the outer transaction commits: the savepoint was rolled back
    assert db.known("/srv/a.csv") is None
    assert db.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
