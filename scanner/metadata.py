"""File facts for the report: owner names and ISO 8601 times."""

from __future__ import annotations

import pwd
from datetime import datetime
from functools import lru_cache


@lru_cache(maxsize=4096)
def owner_name(uid: int) -> str:
    """The login name for `uid`, or the number itself when no account has it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def iso_time(timestamp: float) -> str:
    """Local time with its UTC offset, to the second (what Excel users read)."""
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def iso_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.astimezone()
    return value.isoformat(timespec="seconds")
