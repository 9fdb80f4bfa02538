"""The limits that keep a nightly scan alive whatever the share holds.

Every limit is a plain number with a default chosen for a 2-core VM scanning a
departmental share overnight; the CLI can override the common ones.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # A file larger than this is not read at all (a row says so).
    max_file_bytes: int = 512 * MiB
    # Extraction stops once this much text has been produced (a row notes the cut).
    max_text_chars: int = 20_000_000
    # Wall-clock time one file may take in a worker before the worker is killed.
    timeout_s: float = 120.0
    # Address-space cap of a worker process (MiB); allocation beyond it fails cleanly.
    memory_mb: int = 4096
    # Archives and mail: nesting depth, members, bytes expanded, compression ratio.
    max_depth: int = 5
    max_members: int = 10_000
    max_expanded_bytes: int = 2048 * MiB
    max_member_bytes: int = 512 * MiB
    max_ratio: float = 250.0
    # The ratio is only judged for members that expand beyond this size.
    ratio_floor_bytes: int = 4 * MiB
