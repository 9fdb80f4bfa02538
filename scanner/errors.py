"""Errors the extraction stage raises on purpose, and how any error becomes a row.

An `error` cell is shown to managers and stored; it must never carry file content.
Our own exceptions carry messages we wrote; anything else is reduced to its class
name and an ASCII-only, digit-masked message (a library's message can quote the file).
"""

from __future__ import annotations

import re


class ExtractionError(Exception):
    """The file is of a known type but cannot be read (corrupt, truncated, unsupported)."""


class LimitExceeded(ExtractionError):
    """A guard tripped: zip bomb, XML bomb, too deep, too many members, too large."""


class EncryptedError(Exception):
    """The content is encrypted and no supplied password opened it."""

    def __init__(self, message: str = "encrypted; no password opened it") -> None:
        super().__init__(message)


_NON_ASCII = re.compile(r"[^\x20-\x7e]+")
_DIGITS = re.compile(r"\d{4,}")
_EMAILISH = re.compile(r"\S+@\S+")
_QUOTED = re.compile(r"(['\"]).*?\1")
MAX_ERROR_CHARS = 160


def safe_error(exc: BaseException) -> str:
    """A short, content-free description of `exc` for the `error` column."""
    if isinstance(exc, (ExtractionError, EncryptedError)):
        message = str(exc)
    else:
        message = str(exc)
        message = _QUOTED.sub("'…'", message)
        message = _EMAILISH.sub("…", message)
        message = _NON_ASCII.sub("…", message)
        message = _DIGITS.sub("…", message)
        message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    message = " ".join(message.split())
    if len(message) > MAX_ERROR_CHARS:
        message = message[: MAX_ERROR_CHARS - 1] + "…"
    return message
