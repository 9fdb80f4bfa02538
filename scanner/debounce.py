"""Waiting until a file has stopped changing before reading it.

Editors and office programs write a file several times when saving (a temporary file,
a rename, an attribute change), and a copy of a large file produces a modify event per
chunk. Reading on the first event would read a half-written file and then read it
again. So each path is read once it has been quiet for `quiet_s`; a file that never
stops changing (a log, a long copy) is still read every `max_wait_s`.

Pure and clock-driven (the caller passes `now`), so it is tested without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class _Pending:
    first: float
    last: float


@dataclass(slots=True)
class Debouncer:
    quiet_s: float = 1.0
    max_wait_s: float = 30.0
    _pending: dict[str, _Pending] = field(default_factory=dict)

    def touch(self, path: str, now: float) -> None:
        """Something happened to `path` at `now`."""
        pending = self._pending.get(path)
        if pending is None:
            self._pending[path] = _Pending(now, now)
        else:
            pending.last = now

    def forget(self, path: str) -> None:
        """`path` and everything below it went away: nothing to read there any more."""
        prefix = path.rstrip("/") + "/"
        for key in [k for k in self._pending if k == path or k.startswith(prefix)]:
            del self._pending[key]

    def _due_at(self, pending: _Pending) -> float:
        return min(pending.last + self.quiet_s, pending.first + self.max_wait_s)

    def due(self, now: float) -> list[str]:
        """The paths to read now, oldest first; they are no longer pending."""
        ready = sorted(
            (p.first, path) for path, p in self._pending.items() if self._due_at(p) <= now
        )
        for _, path in ready:
            del self._pending[path]
        return [path for _, path in ready]

    def next_due(self) -> float | None:
        """When the next path falls due (None when nothing is pending)."""
        return min((self._due_at(p) for p in self._pending.values()), default=None)

    def __len__(self) -> int:
        return len(self._pending)
