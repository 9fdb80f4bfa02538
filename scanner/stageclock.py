"""Seconds spent per pipeline stage, for the benchmark (off unless switched on).

`make bench` runs the pipeline in one process with the clock on and prints where the
time goes: reading, type detection, extraction, analysis, classification. The stages
are timed where they happen (`scanner.pipeline`), not re-implemented in the benchmark,
so the figures are those of the code that scans. Switched off (the default), `timed`
returns a shared no-op context and costs a function call.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

STAGES = ("walk", "read", "type detection", "extraction", "analysis", "classification", "report")

seconds: dict[str, float] = {}  # stage → CPU seconds of this process, while enabled
_enabled = False
_OFF = nullcontext()


def enable(on: bool = True) -> None:
    global _enabled
    _enabled = on
    seconds.clear()


def timed(stage: str) -> AbstractContextManager[None]:
    return _clock(stage) if _enabled else _OFF


@contextmanager
def _clock(stage: str) -> Iterator[None]:
    started = time.process_time()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - started
