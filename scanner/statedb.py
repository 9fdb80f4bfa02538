"""The state database: what the last scans found, so the next one reads only what changed.

One SQLite file (WAL mode, so `piiscan report` can read while a scan writes) holding:
- `runs`: every scan or watch session — its kind, roots, start, finish and status. A run
  still marked `running` when the next one starts was killed; it becomes `interrupted`.
- `files`: one record per crawled path with its fingerprint (device, inode, size, mtime
  in ns), mode and owner, the analysis key of the settings it was analysed with, and the
  runs that first saw it, last saw it, last changed it and found it gone.
- `findings`: the rows of each file (ordinal 0 is the file, then its archive members),
  exactly the SPEC's fields: masked evidence, codes and counts, never raw content.
  Lists are stored as JSON.

The schema is versioned with `PRAGMA user_version` and upgraded by `MIGRATIONS`, in
order, each in its own transaction; a file written by a newer piiscan is refused rather
than misread.

Only one scan or watch may write at a time: `lock()` takes an exclusive `flock` on a
sidecar `FILE.lock` (released by the kernel even after kill -9) and refuses a second
writer with a message naming the process that holds it. Readers need no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reports.model import COLUMNS, FileResult
from scanner.metadata import iso_datetime

# Each entry upgrades the schema by one version; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,              -- scan | full | watch
        roots TEXT NOT NULL,             -- JSON list of absolute paths
        analysis_key TEXT NOT NULL,      -- settings the run analysed with
        started TEXT NOT NULL,           -- ISO 8601
        finished TEXT,
        status TEXT NOT NULL,            -- running | completed | stopped | interrupted
        pid INTEGER NOT NULL,
        analysed INTEGER NOT NULL DEFAULT 0,
        reused INTEGER NOT NULL DEFAULT 0,
        moved INTEGER NOT NULL DEFAULT 0,
        gone INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        dev INTEGER,                     -- fingerprint, NULL when the file had no stat
        ino INTEGER,
        size INTEGER,
        mtime_ns INTEGER,
        mode INTEGER,
        uid INTEGER,
        analysis_key TEXT NOT NULL,
        retry INTEGER NOT NULL DEFAULT 0, -- the last read failed for a passing reason
        first_seen INTEGER NOT NULL REFERENCES runs(id),
        last_seen INTEGER NOT NULL REFERENCES runs(id),
        sweep INTEGER NOT NULL,          -- the walk that last saw it (see begin_sweep)
        changed INTEGER NOT NULL REFERENCES runs(id),
        gone INTEGER REFERENCES runs(id)  -- the run that found it gone, NULL while it exists
    );
    CREATE INDEX files_inode ON files(ino, dev);
    CREATE INDEX files_gone ON files(gone);
    CREATE INDEX files_sweep ON files(sweep);
    CREATE TABLE findings (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,        -- 0 is the file, 1.. its archive or mail members
        path TEXT NOT NULL,
        risk_level TEXT NOT NULL,
        category TEXT NOT NULL,
        key_info TEXT NOT NULL,          -- JSON list
        entities TEXT NOT NULL,          -- JSON object type -> count
        records INTEGER,
        encrypted INTEGER NOT NULL,
        violations TEXT NOT NULL,        -- JSON list
        zone TEXT NOT NULL,
        file_type TEXT NOT NULL,
        size INTEGER,
        mtime TEXT NOT NULL,
        owner TEXT NOT NULL,
        evidence TEXT NOT NULL,          -- JSON list of masked examples
        error TEXT NOT NULL,
        PRIMARY KEY (file_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX findings_level ON findings(risk_level);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
APPLICATION_ID = 0x70696973  # "piis": marks the file as ours for `file(1)` and for us
COMPLETE = ("completed", "stopped")
STATE_FILES = (
    "",
    "-wal",
    "-shm",
    "-journal",
    ".lock",
)  # the database and SQLite's companions  # runs whose end state is a consistent picture


class StateError(Exception):
    """The state database cannot be used: one line naming the file and the reason."""


class StateLocked(StateError):
    """Another piiscan process is writing to the same state database."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What says a file's content is unchanged without reading it (SPEC: size, mtime, inode)."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Fingerprint:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def same_content(self, other: Fingerprint | None) -> bool:
        # The device number is left out: an NFS or SMB share may get another one after a
        # remount although nothing changed on it.
        return other is not None and (self.ino, self.size, self.mtime_ns) == (
            other.ino,
            other.size,
            other.mtime_ns,
        )


@dataclass(frozen=True, slots=True)
class Known:
    """A file as the state database last saw it."""

    id: int
    path: str
    fingerprint: Fingerprint | None
    mode: int | None
    uid: int | None
    analysis_key: str
    retry: bool
    first_seen: int
    changed: int
    gone: int | None


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    kind: str
    roots: tuple[str, ...]
    analysis_key: str
    started: str
    finished: str | None
    status: str
    analysed: int
    reused: int
    moved: int
    gone: int


@dataclass(frozen=True, slots=True)
class Query:
    """Which rows a report wants. Empty tuples mean "any"."""

    levels: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    violations: tuple[str, ...] = ()
    under: tuple[str, ...] = ()  # only rows below these paths
    new_only: bool = False  # only files new since the previous scan
    gone: bool = False  # the files found gone since the previous scan, instead


_FILE_COLUMNS = (
    "id, path, dev, ino, size, mtime_ns, mode, uid, analysis_key, retry, first_seen, changed, gone"
)
# The findings table has one column per SPEC column, named alike.
_ROW_FIELDS = COLUMNS

_FINDING_COLUMNS = ", ".join("d." + c for c in _ROW_FIELDS)


def _known(row: sqlite3.Row) -> Known:
    fp = None
    if row["ino"] is not None:
        fp = Fingerprint(row["dev"], row["ino"], row["size"], row["mtime_ns"])
    return Known(
        id=row["id"],
        path=row["path"],
        fingerprint=fp,
        mode=row["mode"],
        uid=row["uid"],
        analysis_key=row["analysis_key"],
        retry=bool(row["retry"]),
        first_seen=row["first_seen"],
        changed=row["changed"],
        gone=row["gone"],
    )


def _loads(text: str) -> Any:
    """`json.loads`, with the common empty values answered without the parser: a rescan
    reads every stored row twice, and most lists are empty."""
    if text == "[]":
        return []
    if text == "{}":
        return {}
    return json.loads(text)


def _result(row: sqlite3.Row, change: str = "") -> FileResult:
    return FileResult(
        path=row["path"],
        risk_level=row["risk_level"],
        category=row["category"],
        key_info=tuple(_loads(row["key_info"])),
        entities=_loads(row["entities"]),
        records=row["records"],
        encrypted=bool(row["encrypted"]),
        violations=tuple(_loads(row["violations"])),
        zone=row["zone"],
        file_type=row["file_type"],
        size=row["size"],
        mtime=row["mtime"],
        owner=row["owner"],
        evidence=tuple(_loads(row["evidence"])),
        error=row["error"],
        change=change,
    )


def _values(file_id: int, ordinal: int, r: FileResult) -> tuple[object, ...]:
    dump = json.dumps
    return (
        file_id,
        ordinal,
        r.path,
        r.risk_level,
        r.category,
        dump(list(r.key_info), ensure_ascii=False),
        dump(dict(sorted(r.entities.items()))),
        r.records,
        int(r.encrypted),
        dump(list(r.violations)),
        r.zone,
        r.file_type,
        r.size,
        r.mtime,
        r.owner,
        dump(list(r.evidence), ensure_ascii=False),
        r.error,
    )


def _below(column: str, count: int) -> str:
    """SQL that is true when `column` is one of `count` paths or lies below one."""
    one = f"({column} = ? OR substr({column}, 1, length(?) + 1) = ? || '/')"
    return "(" + " OR ".join([one] * count) + ")"


def _below_args(paths: Sequence[str]) -> list[str]:
    return [p for path in paths for p in (path.rstrip("/") or "/",) * 3]


class StateDB:
    """A connection to one state database; `open` validates and upgrades it."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._lock_fd: int | None = None
        self.sweep = 0  # set by begin_sweep before a walk

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> StateDB:
        """Open (or create) the state database at `path`, upgrading an older schema."""
        target = Path(path).expanduser()
        if target.is_dir():
            raise StateError(f"state database {target}: is a directory")
        if not target.parent.is_dir():
            raise StateError(f"state database {target}: directory {target.parent} does not exist")
        new = not target.exists() or target.stat().st_size == 0
        try:
            conn = sqlite3.connect(target, timeout=30.0, isolation_level=None)
        except sqlite3.Error as exc:
            raise StateError(f"state database {target}: cannot open: {exc}") from None
        conn.row_factory = sqlite3.Row
        db = cls(conn, target)
        try:
            db._prepare(new)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StateError(
                f"state database {target}: not a piiscan state database ({exc})"
            ) from None
        except StateError:
            conn.close()
            raise
        if new:
            with contextlib.suppress(OSError):
                os.chmod(target, 0o600)  # it says where personal data lives
        return db

    def _prepare(self, new: bool) -> None:
        conn = self.conn
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not new and app != APPLICATION_ID:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables or version:
                raise StateError(
                    f"state database {self.path}: an SQLite file of another program, not piiscan's"
                )
        if version > SCHEMA_VERSION:
            raise StateError(
                f"state database {self.path}: schema version {version} was written by a newer "
                f"piiscan (this one knows up to {SCHEMA_VERSION}); upgrade piiscan"
            )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Apply the missing migrations, each in one transaction (all or nothing)."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have upgraded it while we waited for the write lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
            self.conn.close()
        self.unlock()

    def __enter__(self) -> StateDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the writer's lock ---------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def lock(self, command: str) -> None:
        """Become the only writer, or raise StateLocked naming the one that is."""
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise StateLocked(
                f"state database {self.path} is in use by another piiscan ({holder}); "
                "wait for it to finish or use another --state file"
            ) from None
        os.ftruncate(fd, 0)
        note = {"pid": os.getpid(), "command": command, "since": iso_datetime(datetime.now())}
        os.write(fd, json.dumps(note).encode())
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    # -- runs ------------------------------------------------------------------------------

    def begin_run(self, kind: str, roots: Sequence[str], analysis_key: str) -> int:
        """Start a run; runs left `running` by a killed process become `interrupted`."""
        assert self._lock_fd is not None, "lock() before writing"
        with self.transaction():
            self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cursor = self.conn.execute(
                "INSERT INTO runs (kind, roots, analysis_key, started, status, pid) "
                "VALUES (?, ?, ?, ?, 'running', ?)",
                (
                    kind,
                    json.dumps(list(roots), ensure_ascii=False),
                    analysis_key,
                    iso_datetime(datetime.now()),
                    os.getpid(),
                ),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run: int, status: str, counts: dict[str, int]) -> None:
        names = ("analysed", "reused", "moved", "gone")
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET status = ?, finished = ?, "
                + ", ".join(f"{n} = ?" for n in names)
                + " WHERE id = ?",
                (status, iso_datetime(datetime.now()), *(counts.get(n, 0) for n in names), run),
            )

    def runs(self) -> list[Run]:
        return [
            Run(
                id=r["id"],
                kind=r["kind"],
                roots=tuple(json.loads(r["roots"])),
                analysis_key=r["analysis_key"],
                started=r["started"],
                finished=r["finished"],
                status=r["status"],
                analysed=r["analysed"],
                reused=r["reused"],
                moved=r["moved"],
                gone=r["gone"],
            )
            for r in self.conn.execute("SELECT * FROM runs ORDER BY id")
        ]

    def baseline(self, latest: int | None = None) -> tuple[Run | None, Run | None]:
        """The latest run (or run `latest`) and the previous complete run before it.

        "New" and "changed" are relative to that previous run: the last scan that ran to
        the end (or a watch that stopped cleanly) before the one that made the current state.
        """
        runs = self.runs()
        if latest is not None:
            runs = [r for r in runs if r.id <= latest]
        if not runs:
            return None, None
        current = runs[-1]
        previous = next((r for r in reversed(runs[:-1]) if r.status in COMPLETE), None)
        return current, previous

    # -- files -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction, or a savepoint inside the open one: either way all of it
        or none of it is kept, even when the caller commits the outer transaction after
        an interruption (a file record is never stored without its findings)."""
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT piiscan")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK TO piiscan")
                self.conn.execute("RELEASE piiscan")
                raise
            self.conn.execute("RELEASE piiscan")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def begin(self) -> None:
        """Open a transaction that `commit` closes (batching many small writes)."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def known(self, path: str) -> Known | None:
        row = self.conn.execute(
            f"SELECT {_FILE_COLUMNS} FROM files WHERE path = ?", (path,)
        ).fetchone()
        return _known(row) if row else None

    def same_inode(self, fp: Fingerprint, analysis_key: str, path: str) -> Known | None:
        """Another record of the same content: a file moved or renamed since it was read."""
        row = self.conn.execute(
            f"SELECT {_FILE_COLUMNS} FROM files WHERE ino = ? AND dev = ? AND size = ? "
            "AND mtime_ns = ? AND analysis_key = ? AND retry = 0 AND path != ? "
            "ORDER BY gone IS NULL, id DESC LIMIT 1",
            (fp.ino, fp.dev, fp.size, fp.mtime_ns, analysis_key, path),
        ).fetchone()
        return _known(row) if row else None

    def rows(self, file_id: int) -> list[FileResult]:
        cursor = self.conn.execute(
            f"SELECT {', '.join(_ROW_FIELDS)} FROM findings WHERE file_id = ? ORDER BY ordinal",
            (file_id,),
        )
        return [_result(r) for r in cursor]

    def record(
        self,
        run: int,
        path: str,
        st: os.stat_result | None,
        rows: Sequence[FileResult],
        analysis_key: str,
        *,
        retry: bool = False,
    ) -> Known | None:
        """Store a file's freshly made rows; returns what was known of it before."""
        before = self.known(path)
        if before is None or before.gone is not None:
            first_seen, changed = run, run
        else:
            same = (
                st is not None
                and Fingerprint.of(st).same_content(before.fingerprint)
                and _findings(self.rows(before.id)) == _findings(rows)
            )
            first_seen, changed = before.first_seen, (before.changed if same else run)
        fp = Fingerprint.of(st) if st is not None else None
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO files (path, dev, ino, size, mtime_ns, mode, uid, analysis_key, "
                "retry, first_seen, last_seen, sweep, changed, gone) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                "ON CONFLICT(path) DO UPDATE SET dev = excluded.dev, ino = excluded.ino, "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, mode = excluded.mode, "
                "uid = excluded.uid, analysis_key = excluded.analysis_key, "
                "retry = excluded.retry, first_seen = excluded.first_seen, "
                "last_seen = excluded.last_seen, sweep = excluded.sweep, "
                "changed = excluded.changed, gone = NULL "
                "RETURNING id",
                (
                    path,
                    fp.dev if fp else None,
                    fp.ino if fp else None,
                    fp.size if fp else None,
                    fp.mtime_ns if fp else None,
                    st.st_mode if st else None,
                    st.st_uid if st else None,
                    analysis_key,
                    int(retry),
                    first_seen,
                    run,
                    self.sweep,
                    changed,
                ),
            )
            file_id = cursor.fetchone()[0]
            self.conn.execute("DELETE FROM findings WHERE file_id = ?", (file_id,))
            self._insert(file_id, rows)
        return before

    def seen(
        self, run: int, known: Known, st: os.stat_result, rows: Sequence[FileResult] | None
    ) -> None:
        """An unchanged file was seen again; `rows` are its refreshed rows if they differ."""
        update = (
            "UPDATE files SET last_seen = ?, sweep = ?, mode = ?, uid = ?, dev = ?, "
            "gone = NULL WHERE id = ?"
        )
        values = (run, self.sweep, st.st_mode, st.st_uid, st.st_dev, known.id)
        if rows is None:  # one statement is atomic by itself: no savepoint (a rescan's
            self.conn.execute(update, values)  # most common write, once per file)
            return
        with self.transaction():
            self.conn.execute(update, values)
            self.conn.execute("DELETE FROM findings WHERE file_id = ?", (known.id,))
            self._insert(known.id, rows)

    def _insert(self, file_id: int, rows: Sequence[FileResult]) -> None:
        self.conn.executemany(
            f"INSERT INTO findings (file_id, ordinal, {', '.join(_ROW_FIELDS)}) "
            f"VALUES ({', '.join('?' * (len(_ROW_FIELDS) + 2))})",
            [_values(file_id, i, r) for i, r in enumerate(rows)],
        )

    def begin_sweep(self) -> int:
        """Number a new walk over the roots: files it sees carry its number, so that at
        its end the ones that still carry an older number were not found (gone)."""
        row = self.conn.execute("SELECT coalesce(max(sweep), 0) FROM files").fetchone()
        self.sweep = row[0] + 1
        return self.sweep

    def mark_gone_under(self, run: int, roots: Sequence[str], keep: Sequence[str] = ()) -> int:
        """Files below `roots` that the current sweep did not see are gone; not those below
        `keep`, directories that could not be listed this time."""
        if not roots:
            return 0
        sql = (
            f"UPDATE files SET gone = ? WHERE gone IS NULL AND sweep < ? "
            f"AND {_below('path', len(roots))}"
        )
        args: list[object] = [run, self.sweep, *_below_args(roots)]
        if keep:
            sql += f" AND NOT {_below('path', len(keep))}"
            args += _below_args(keep)
        with self.transaction():
            return self.conn.execute(sql, args).rowcount

    def mark_gone(self, run: int, path: str) -> list[str]:
        """`path` (a file, or a directory and everything below it) is gone; returns the
        paths of the files that were there."""
        with self.transaction():
            cursor = self.conn.execute(
                f"UPDATE files SET gone = ? WHERE gone IS NULL AND {_below('path', 1)} "
                "RETURNING path",
                [run, *_below_args([path])],
            )
            return sorted(r[0] for r in cursor)

    # -- reports ---------------------------------------------------------------------------

    def query(self, query: Query, latest: int | None = None) -> Iterator[FileResult]:
        """The rows a report asked for, sorted by path, each with its `change`."""
        for _, row in self.select(query, latest):
            yield row

    def select(self, query: Query, latest: int | None = None) -> Iterator[tuple[int, FileResult]]:
        """Like `query`, with each row's ordinal (0: a file, more: one of its members)."""
        _, previous = self.baseline(latest)
        since = previous.id if previous else 0
        where: list[str] = []
        args: list[object] = []
        if query.gone:
            where.append("f.gone IS NOT NULL AND f.gone > ?")
            args.append(since)
        else:
            where.append("f.gone IS NULL")
        if query.new_only:
            where.append("f.first_seen > ?")
            args.append(since)
        for column, values in (
            ("d.risk_level", query.levels),
            ("d.zone", query.zones),
            ("d.owner", query.owners),
        ):
            if values:
                where.append(f"{column} IN ({', '.join('?' * len(values))})")
                args.extend(values)
        if query.violations:
            where.append(
                "(" + " OR ".join(["instr(d.violations, ?) > 0"] * len(query.violations)) + ")"
            )
            args.extend(json.dumps(code) for code in query.violations)
        if query.under:
            where.append(_below("f.path", len(query.under)))
            args.extend(_below_args(query.under))
        cursor = self.conn.execute(
            f"SELECT {_FINDING_COLUMNS}, d.ordinal, f.first_seen, f.changed "
            f"FROM findings d JOIN files f ON f.id = d.file_id WHERE {' AND '.join(where)} "
            "ORDER BY f.path, d.ordinal",
            args,
        )
        for row in cursor:
            if query.gone:
                change = "gone"
            elif row["first_seen"] > since:
                change = "new"
            elif row["changed"] > since:
                change = "changed"
            else:
                change = "unchanged"
            yield row["ordinal"], _result(row, change)


def _findings(rows: Iterable[FileResult]) -> list[tuple[object, ...]]:
    """What a manager reads in a file's rows, to tell "changed" from "unchanged"."""
    return [
        (r.path, r.risk_level, r.category, r.key_info, r.entities, r.records, r.encrypted, r.error)
        for r in rows
    ]


def _statements(script: str) -> list[str]:
    """Split a migration into statements (ours hold no ';' in strings or comments)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _read_holder(fd: int) -> str:
    try:
        note = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {note['pid']}, {note['command']} since {note['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"
