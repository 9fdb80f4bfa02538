"""Fail on any network use, and leave a mark where a test can find it.

Installed as a Python audit hook: in the test process by `tests/conftest.py`, and in
every subprocess (the CLI and its forkserver workers) through `sitecustomize.py` in
this folder when it is on PYTHONPATH. Unix-domain sockets are allowed — the worker
pool talks to its forkserver through one — everything else (DNS lookups, TCP/UDP
connections) raises and writes a file into $PIISCAN_NETGUARD_DIR.
"""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

ENV = "PIISCAN_NETGUARD_DIR"
_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect" or event == "socket.sendto":
        sock = args[0]
        if getattr(sock, "family", None) == socket.AF_UNIX:
            return
    elif event not in _LOOKUPS:
        return
    mark_dir = os.environ.get(ENV)
    if mark_dir:
        path = os.path.join(mark_dir, f"network-{os.getpid()}-{event}")
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {args[1:]!r}\n")
    raise RuntimeError(f"network use is forbidden here ({event})")


_installed = False


def install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
