"""The SPEC's closed vocabularies: risk levels, zone types, violation codes.

Enums instead of strings so that a typo is a type error, not a silently missing
violation. Their values are exactly what the SPEC writes in the CSV.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """危険度 as the `risk_level` column writes it."""

    ONE = "1"  # 危険度①
    TWO = "2"  # 危険度②
    NONE = "0"  # no personal information
    UNKNOWN = "unknown"  # content could not be inspected

    @property
    def severity(self) -> int:
        """Order for "the most severe": ① > ② > unknown > 0.

        What was found outranks what could not be looked at: a container with a ② member
        and an unreadable one is reported as ② (with its violations), and its unreadable
        member keeps its own `unknown` row.
        """
        return _SEVERITY[self]

    @property
    def personal(self) -> bool:
        """True for ① and ②: the levels the storage rules apply to."""
        return self in (Level.ONE, Level.TWO)


_SEVERITY = {Level.NONE: 0, Level.UNKNOWN: 1, Level.TWO: 2, Level.ONE: 3}


class ZoneType(StrEnum):
    """Where a file lies, as far as the storage rules care."""

    REMOVABLE = "removable"  # USB drives, SD cards: carrying it out is 持ち出し
    CLOUD_SYNC = "cloud_sync"  # OneDrive & co.: used off campus, it is 持ち出し (留意点2)
    PUBLIC = "public"  # web folders, 公開: anyone may read it
    SECURE = "secure"  # a declared safe store for ① data
    NORMAL = "normal"  # anywhere else


class Violation(StrEnum):
    """The SPEC's violation codes, in the order the SPEC lists them."""

    UNENCRYPTED = "UNENCRYPTED"
    TAKEOUT_PROHIBITED = "TAKEOUT_PROHIBITED"
    TAKEOUT_PERMIT_REQUIRED = "TAKEOUT_PERMIT_REQUIRED"
    PUBLIC_LOCATION = "PUBLIC_LOCATION"
    OUTSIDE_SECURE_AREA = "OUTSIDE_SECURE_AREA"
    WORLD_READABLE = "WORLD_READABLE"
    STALE = "STALE"
