"""7z archives, read with py7zr.

Guards come first: the header's per-file sizes are checked against the limits, the
shared budget and the compression ratio of each solid block *before* anything is
decompressed. py7zr decompresses exactly the declared size of each file (a header that
lies gives a CRC error, not more output), and our writer refuses a member larger than
`max_member_bytes` anyway.

Memory stays bounded by streaming: py7zr has no per-member read API, so a helper thread
runs `extractall(factory=...)` into a writer that hands each finished member (after its
CRC is checked) to the `members` generator through a one-slot queue; the thread waits
until the member has been taken. At most a couple of members are in memory at once. The
budget is charged on the generator's side only (it is not thread-safe). Closing the
generator early cancels the thread at its next write.

Encryption:
- Header encryption (names hidden): each of `ctx.passwords` is tried on the header; none
  opens it → `EncryptedError` for the archive as a whole.
- Content encryption only (names readable): the passwords are tried on the data; when
  none decrypts it, every regular file is yielded as an encrypted member without data,
  so the report still lists e.g. `ARCHIVE!名簿.xlsx` as unreadable. (A wrong password
  shows up as corrupt LZMA data or a CRC mismatch on the first file.)
- Either way `encrypted=True` on the extraction, and on members read with a password.

Directories, symlinks and other special entries are skipped. `mtime` is UTC.
"""

from __future__ import annotations

import io
import pathlib
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import py7zr
from py7zr.exceptions import CrcError
from py7zr.py7zr import ArchiveFile

from scanner.errors import EncryptedError, ExtractionError, LimitExceeded
from scanner.extractors.base import Budget, ExtractContext, Extraction, Extractor, Member
from scanner.extractors.zip_ import ENCRYPTED_NO_PASSWORD

_POLL_S = 0.1
_JOIN_S = 10.0


@dataclass(frozen=True, slots=True)
class _Entry:
    """A regular file in the archive, under the key py7zr's writer factory will use."""

    key: str
    name: str
    size: int
    mtime: datetime | None


class _Cancelled(Exception):
    """The generator was closed: stop extracting."""


class _WrongPassword(Exception):
    """The data did not decrypt: try the next password."""


@dataclass(frozen=True, slots=True)
class _Finished:
    key: str
    data: bytes


@dataclass(frozen=True, slots=True)
class _Failed:
    error: BaseException
    key: str | None  # the member being written when it failed, if any


class _Done:
    pass


_Item = _Finished | _Failed | _Done


class _Handoff:
    """A one-slot channel from the extracting thread to the generator."""

    def __init__(self) -> None:
        self._queue: queue.Queue[_Item] = queue.Queue(maxsize=1)
        self.cancelled = threading.Event()

    def put(self, item: _Item) -> None:
        while not self.cancelled.is_set():
            try:
                self._queue.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                continue
        raise _Cancelled

    def get(self, producer: threading.Thread) -> _Item:
        while True:
            try:
                return self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                if producer.is_alive():
                    continue
            try:
                return self._queue.get_nowait()
            except queue.Empty:
                return _Failed(ExtractionError("7z extraction stopped unexpectedly"), None)

    def close(self) -> None:
        self.cancelled.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return


class _Sink(py7zr.Py7zIO):
    """Collects one member in memory, refusing to grow past the limits."""

    def __init__(self, key: str, cap: int, budget: Budget, handoff: _Handoff) -> None:
        self.key = key
        self._cap = cap
        self._budget = budget
        self._handoff = handoff
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, s: bytes | bytearray) -> int:
        if self._handoff.cancelled.is_set():
            raise _Cancelled
        self._size += len(s)
        if self._size > self._cap:
            raise LimitExceeded(f"7z member expands to more than {self._cap} bytes")
        # Only a look at the shared budget: the generator thread does the charging.
        if self._size > self._budget.bytes_left:
            raise LimitExceeded("expanded size exceeds the limit (possible zip bomb)")
        self._parts.append(bytes(s))
        return len(s)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return self._size

    def content(self) -> bytes:
        return b"".join(self._parts)


class _Factory(py7zr.WriterFactory):
    """Hands the previous member on when py7zr opens the next one (its CRC is checked)."""

    def __init__(self, cap: int, budget: Budget, handoff: _Handoff) -> None:
        self._cap = cap
        self._budget = budget
        self._handoff = handoff
        self.current: _Sink | None = None

    def create(self, filename: str) -> py7zr.Py7zIO:
        self.finish()
        self.current = _Sink(filename, self._cap, self._budget, self._handoff)
        return self.current

    def finish(self) -> None:
        if self.current is not None:
            sink, self.current = self.current, None
            self._handoff.put(_Finished(sink.key, sink.content()))


def _produce(archive: py7zr.SevenZipFile, factory: _Factory, handoff: _Handoff) -> None:
    try:
        archive.extractall(factory=factory)
        factory.finish()
        handoff.put(_Done())
    except _Cancelled:
        pass
    except BaseException as exc:  # handed over: the generator raises or reports it
        key = factory.current.key if factory.current is not None else None
        try:
            handoff.put(_Failed(exc, key))
        except _Cancelled:
            pass
    finally:
        archive.close()


def _open(data: bytes, password: str | None) -> py7zr.SevenZipFile:
    """Open the archive; py7zr's parser raises a wide range of types on hostile input."""
    try:
        return py7zr.SevenZipFile(io.BytesIO(data), mode="r", password=password)
    except py7zr.PasswordRequired:
        raise
    except Exception as exc:
        raise ExtractionError(f"not a readable 7z archive ({type(exc).__name__})") from exc


def _factory_key(name: str) -> str:
    """The name py7zr gives the writer factory (see py7zr.helpers.get_sanitized_output_path)."""
    name = name.lstrip("/")
    while name.startswith("./"):
        name = name[2:]
    parts = [p for p in pathlib.PurePosixPath(name).parts if p != "."]
    return pathlib.PurePosixPath(*parts).as_posix() if parts else name


def _mtime(file: ArchiveFile) -> datetime | None:
    stamp = file.lastwritetime
    if stamp is None:
        return None
    try:
        return datetime.fromtimestamp(stamp.totimestamp(), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _files(archive: py7zr.SevenZipFile) -> list[ArchiveFile]:
    files = getattr(archive, "files", None)  # unset when the header lists no files
    return list(files) if files is not None else []


def _is_regular(file: ArchiveFile) -> bool:
    return bool(file.is_file) and not file.is_directory


def _entries(archive: py7zr.SevenZipFile) -> list[_Entry]:
    seen: dict[str, int] = {}
    found = []
    for file in _files(archive):
        stored = file.filename
        # py7zr suffixes repeated names (and also counts non-regular entries).
        outname = stored if stored not in seen else f"{stored}_{seen[stored]}"
        seen[stored] = seen[stored] + 1 if stored in seen else 0
        if not _is_regular(file):
            continue
        name = stored.replace("\\", "/")
        found.append(_Entry(_factory_key(outname), name, file.uncompressed or 0, _mtime(file)))
    return found


def _check_sizes(archive: py7zr.SevenZipFile, entries: list[_Entry], ctx: ExtractContext) -> None:
    """Refuse, from the header alone, what would break a limit once decompressed."""
    limits = ctx.limits
    if len(entries) > limits.max_members:
        raise LimitExceeded(f"7z has {len(entries)} members, more than {limits.max_members}")
    if len(entries) > ctx.budget.members_left:
        raise LimitExceeded("too many archive members (possible zip bomb)")
    unpacked: dict[int, int] = {}
    packed: dict[int, int] = {}
    for file in _files(archive):
        size = file.uncompressed or 0
        if size > limits.max_member_bytes:
            raise LimitExceeded(
                f"7z member expands to {size} bytes, more than {limits.max_member_bytes}"
            )
        block = id(file.folder)  # a solid block; its packed size sits on its first file
        unpacked[block] = unpacked.get(block, 0) + size
        packed[block] = max(packed.get(block, 0), file.compressed or 0)
    total = sum(unpacked.values())
    if total > limits.max_expanded_bytes:
        raise LimitExceeded(
            f"7z expands to {total} bytes, more than {limits.max_expanded_bytes} (possible bomb)"
        )
    if total > ctx.budget.bytes_left:
        raise LimitExceeded("expanded size exceeds the limit (possible zip bomb)")
    for block, size in unpacked.items():
        if size > limits.ratio_floor_bytes:
            ratio = size / max(packed[block], 1)
            if ratio > limits.max_ratio:
                raise LimitExceeded(
                    f"7z compression ratio {ratio:.0f}:1 exceeds {limits.max_ratio:.0f}:1"
                    " (possible bomb)"
                )


def _needs_password(archive: py7zr.SevenZipFile) -> bool:
    # Only meaningful for an archive opened without a password (py7zr then checks coders).
    return bool(archive.needs_password())


class SevenZipExtractor(Extractor):
    mime_types: ClassVar[frozenset[str]] = frozenset({"application/x-7z-compressed"})

    def extract(self, data: bytes, ctx: ExtractContext) -> Extraction:
        ctx.check_depth()
        password: str | None = None
        try:
            archive = _open(data, None)
        except py7zr.PasswordRequired:
            archive, password = _open_encrypted_header(data, ctx.passwords)
        entries = _entries(archive)
        try:
            _check_sizes(archive, entries, ctx)
        except LimitExceeded:
            archive.close()
            raise
        if password is not None:  # the header was encrypted and this password opened it
            members = _extract_all(archive, password, entries, ctx, probe=False)
            return Extraction(members=members, encrypted=True)
        if not _needs_password(archive):
            return Extraction(members=_extract_all(archive, None, entries, ctx, probe=False))
        archive.close()
        return Extraction(members=_try_passwords(data, entries, ctx), encrypted=True)


def _open_encrypted_header(data: bytes, passwords: Sequence[str]) -> tuple[py7zr.SevenZipFile, str]:
    for password in passwords:
        try:
            return py7zr.SevenZipFile(io.BytesIO(data), mode="r", password=password), password
        except Exception:  # a wrong key makes py7zr's header parser fail anywhere (TypeError…)
            continue
    raise EncryptedError()


def _try_passwords(data: bytes, entries: list[_Entry], ctx: ExtractContext) -> Iterator[Member]:
    """Content-only encryption: the first password that decrypts data wins."""
    for password in ctx.passwords:
        attempt = _extract_all(_open(data, password), password, entries, ctx, probe=True)
        try:
            first = next(attempt)
        except _WrongPassword:
            continue
        except StopIteration:
            return
        yield first
        yield from attempt
        return
    for entry in entries:
        ctx.budget.charge(0, members=1)
        yield Member(entry.name, None, ENCRYPTED_NO_PASSWORD, encrypted=True, mtime=entry.mtime)


def _charged(members: list[Member], ctx: ExtractContext) -> Iterator[Member]:
    for member in members:
        ctx.budget.charge(len(member.data or b""), members=1)
        yield member


def _describe(exc: BaseException) -> str:
    if isinstance(exc, CrcError):
        return "corrupt member (CRC mismatch)"
    return f"corrupt member ({type(exc).__name__})"


def _extract_all(
    archive: py7zr.SevenZipFile,
    password: str | None,
    entries: list[_Entry],
    ctx: ExtractContext,
    *,
    probe: bool,
) -> Iterator[Member]:
    """Stream the members. With `probe`, a failure before any data → _WrongPassword."""
    by_key = {entry.key: entry for entry in entries}
    # Symlinks etc.: py7zr writes their targets to the factory too; we drop them.
    skipped_keys = {_factory_key(f.filename) for f in _files(archive) if not _is_regular(f)}
    handoff = _Handoff()
    factory = _Factory(ctx.limits.max_member_bytes, ctx.budget, handoff)
    producer = threading.Thread(
        target=_produce, args=(archive, factory, handoff), name="7z-extract", daemon=True
    )
    encrypted = password is not None
    held: list[Member] = []  # in probe mode, empty files wait for proof of the password
    proven = not probe
    producer.start()
    try:
        while True:
            item = handoff.get(producer)
            if isinstance(item, _Done):
                yield from _charged(held, ctx)
                return
            if isinstance(item, _Failed):
                if isinstance(item.error, LimitExceeded | ExtractionError):
                    raise item.error
                if not proven:
                    raise _WrongPassword from item.error
                entry = by_key.get(item.key) if item.key is not None else None
                if entry is not None:  # (nothing is held once the password is proven)
                    ctx.budget.charge(0, members=1)
                    yield Member(entry.name, None, _describe(item.error), encrypted, entry.mtime)
                raise ExtractionError(
                    f"7z archive is corrupt ({type(item.error).__name__}); later members not read"
                ) from item.error
            if item.key in skipped_keys and item.key not in by_key:
                continue
            entry = by_key.get(item.key, _Entry(item.key, item.key, len(item.data), None))
            member = Member(entry.name, item.data, encrypted=encrypted, mtime=entry.mtime)
            if not proven and not item.data:
                held.append(member)
                continue
            proven = True
            yield from _charged(held, ctx)
            held.clear()
            yield from _charged([member], ctx)
    finally:
        handoff.close()
        producer.join(_JOIN_S)
