"""Imported once by the workers' forkserver: load the default analyzer before forking.

Every worker is a fork of the forkserver (`scanner.workers`). Loading GiNZA's
tokenizer and building the recognizers there, once, means a new worker — the first
ones, and every replacement after a timeout, a crash or a retirement — starts with them
already in memory (shared copy-on-write) instead of spending a second of CPU on each.
A worker whose settings need another analyzer (deep mode, an institution's own ID
formats) still builds its own in `warm_up`.

Importing this must never fail: the forkserver would die with it. If loading fails
here, each worker fails in its own `warm_up` and reports why.
"""

from __future__ import annotations

import gc

from scanner.pipeline import ScanSettings, warm_up

try:
    warm_up(ScanSettings())
except Exception:  # each worker reports it from its own warm_up
    pass
# What is loaded now lives as long as the workers: keep it out of the cyclic garbage
# collector, whose full passes would otherwise walk (and copy-on-write) it in every worker.
gc.freeze()
