"""Violation codes: the SPEC's table, one case per code firing and its near misses."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifier.codes import Level, Violation, ZoneType
from classifier.policy import Policy, Retention, default_policy
from classifier.violations import EXPLANATIONS, violations
from classifier.zones import Zone

POLICY = default_policy()
NOW = 1_750_000_000.0
DAY = 86_400
YEAR = POLICY.retention.days * DAY

V = Violation
ONE, TWO = Level.ONE, Level.TWO
NORMAL = Zone("normal", ZoneType.NORMAL)
USB = Zone("usb", ZoneType.REMOVABLE)
CLOUD = Zone("cloud_sync", ZoneType.CLOUD_SYNC)
PUBLIC = Zone("public", ZoneType.PUBLIC)
SECURE = Zone("vault", ZoneType.SECURE)


def with_retention(days: int) -> Policy:
    return POLICY.model_copy(update={"retention": Retention(days=days)})


@dataclass(frozen=True)
class Case:
    """A file as the scanner sees it; defaults break no rule at all."""

    level: Level
    encrypted: bool = True
    zone: Zone = NORMAL
    mode: int | None = 0o640
    age: float | None = 0.0  # seconds since the last modification
    secure_declared: bool = False
    retention_days: int = 365

    def run(self) -> tuple[Violation, ...]:
        return violations(
            self.level,
            self.encrypted,
            self.zone,
            self.mode,
            None if self.age is None else NOW - self.age,
            with_retention(self.retention_days),
            secure_declared=self.secure_declared,
            now=NOW,
        )


CASES: list[tuple[str, Case, tuple[Violation, ...]]] = [
    ("clean ①", Case(ONE), ()),
    ("clean ②", Case(TWO), ()),
    # UNENCRYPTED
    ("① unencrypted", Case(ONE, encrypted=False), (V.UNENCRYPTED,)),
    ("② unencrypted", Case(TWO, encrypted=False), (V.UNENCRYPTED,)),
    # TAKEOUT_PROHIBITED / TAKEOUT_PERMIT_REQUIRED
    ("① on USB", Case(ONE, zone=USB), (V.TAKEOUT_PROHIBITED,)),
    ("① in cloud", Case(ONE, zone=CLOUD), (V.TAKEOUT_PROHIBITED,)),
    ("② on USB", Case(TWO, zone=USB), (V.TAKEOUT_PERMIT_REQUIRED,)),
    ("encrypted ② in cloud", Case(TWO, zone=CLOUD), (V.TAKEOUT_PERMIT_REQUIRED,)),
    (
        "unencrypted ② on USB",
        Case(TWO, encrypted=False, zone=USB),
        (V.UNENCRYPTED, V.TAKEOUT_PERMIT_REQUIRED),
    ),
    # PUBLIC_LOCATION
    ("① public", Case(ONE, zone=PUBLIC), (V.PUBLIC_LOCATION,)),
    ("② public", Case(TWO, zone=PUBLIC), (V.PUBLIC_LOCATION,)),
    # OUTSIDE_SECURE_AREA
    ("① outside secure", Case(ONE, secure_declared=True), (V.OUTSIDE_SECURE_AREA,)),
    ("① inside secure", Case(ONE, zone=SECURE, secure_declared=True), ()),
    ("① without secure zones", Case(ONE, secure_declared=False), ()),
    ("② outside secure", Case(TWO, secure_declared=True), ()),
    (
        "① on USB, secure declared",
        Case(ONE, zone=USB, secure_declared=True),
        (V.TAKEOUT_PROHIBITED, V.OUTSIDE_SECURE_AREA),
    ),
    # WORLD_READABLE
    ("① 0644", Case(ONE, mode=0o100644), (V.WORLD_READABLE,)),
    ("② 0604", Case(TWO, mode=0o604), (V.WORLD_READABLE,)),
    ("② 0640", Case(TWO, mode=0o100640), ()),
    ("② 0662: writable is not readable", Case(TWO, mode=0o662), ()),
    ("② 0600", Case(TWO, mode=0o600), ()),
    ("② mode unknown", Case(TWO, mode=None), ()),
    # STALE
    ("① a year and a second old", Case(ONE, age=YEAR + 1), (V.STALE,)),
    ("② exactly a year old", Case(TWO, age=YEAR), ()),
    ("② a second short of a year", Case(TWO, age=YEAR - 1), ()),
    ("② 31 days, retention 30", Case(TWO, age=31 * DAY, retention_days=30), (V.STALE,)),
    ("② 30 days, retention 30", Case(TWO, age=30 * DAY, retention_days=30), ()),
    ("② mtime unknown", Case(TWO, age=None), ()),
    ("② modified in the future", Case(TWO, age=-10 * YEAR), ()),
    # everything at once, in the SPEC's order
    (
        "① everything",
        Case(ONE, encrypted=False, zone=PUBLIC, mode=0o644, age=2 * YEAR, secure_declared=True),
        (V.UNENCRYPTED, V.PUBLIC_LOCATION, V.OUTSIDE_SECURE_AREA, V.WORLD_READABLE, V.STALE),
    ),
    (
        "② everything",
        Case(TWO, encrypted=False, zone=CLOUD, mode=0o644, age=2 * YEAR, secure_declared=True),
        (V.UNENCRYPTED, V.TAKEOUT_PERMIT_REQUIRED, V.WORLD_READABLE, V.STALE),
    ),
    # no personal information, or none known: never a violation
    *[
        (
            f"{level.name} breaks nothing",
            Case(level, encrypted=False, zone=zone, mode=0o666, age=9 * YEAR, secure_declared=True),
            (),
        )
        for level in (Level.NONE, Level.UNKNOWN)
        for zone in (USB, CLOUD, PUBLIC, NORMAL)
    ],
]


@pytest.mark.parametrize(("case", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_violations(case: Case, expected: tuple[Violation, ...]) -> None:
    assert case.run() == expected


def test_every_code_is_explained() -> None:
    assert set(EXPLANATIONS) == set(Violation)
    for text in EXPLANATIONS.values():
        assert text.endswith(".") and "\n" not in text and len(text) < 120


def test_every_code_fires_in_the_table() -> None:
    fired = {code for _, _, expected in CASES for code in expected}
    assert fired == set(Violation)


# --- properties -----------------------------------------------------------------------

ZONES = st.builds(Zone, st.text(max_size=10), st.sampled_from(ZoneType))
MODES = st.none() | st.integers(min_value=0, max_value=0o177777)
ANY_LEVEL = st.sampled_from(Level)
TIMES = st.none() | st.floats(min_value=0, max_value=4e9, allow_nan=False)


@st.composite
def inputs(draw: st.DrawFn, levels: st.SearchStrategy[Level] = ANY_LEVEL) -> Case:
    return Case(
        level=draw(levels),
        encrypted=draw(st.booleans()),
        zone=draw(ZONES),
        mode=draw(MODES),
        age=draw(st.none() | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)),
        secure_declared=draw(st.booleans()),
        retention_days=draw(st.integers(min_value=1, max_value=10_000)),
    )


def with_level(case: Case, level: Level) -> Case:
    return replace(case, level=level)


@given(inputs())
def test_deterministic_and_in_spec_order(case: Case) -> None:
    result = case.run()
    assert case.run() == result
    assert all(isinstance(code, Violation) for code in result)
    order = list(Violation)
    assert [order.index(code) for code in result] == sorted(order.index(c) for c in set(result))


@given(inputs(st.sampled_from([Level.NONE, Level.UNKNOWN])))
def test_no_personal_level_no_violation(case: Case) -> None:
    assert case.run() == ()


@given(inputs(st.sampled_from([Level.ONE, Level.TWO])))
def test_only_the_takeout_code_depends_on_the_grade_within_personal(case: Case) -> None:
    """① versus ②: the same facts, TAKEOUT_PERMIT_REQUIRED → TAKEOUT_PROHIBITED, and
    OUTSIDE_SECURE_AREA may be added; nothing in common is lost."""
    one = set(with_level(case, ONE).run())
    two = set(with_level(case, TWO).run())
    common = {V.UNENCRYPTED, V.PUBLIC_LOCATION, V.WORLD_READABLE, V.STALE}
    assert two & common <= one
    assert one & common == two & common
    assert (V.TAKEOUT_PERMIT_REQUIRED in two) == (V.TAKEOUT_PROHIBITED in one)
    assert V.TAKEOUT_PROHIBITED not in two and V.OUTSIDE_SECURE_AREA not in two
    assert V.TAKEOUT_PERMIT_REQUIRED not in one


@given(inputs(st.sampled_from([Level.ONE, Level.TWO])))
def test_encryption_only_affects_unencrypted(case: Case) -> None:
    plain = replace(case, encrypted=False).run()
    sealed = replace(case, encrypted=True).run()
    assert V.UNENCRYPTED in plain and V.UNENCRYPTED not in sealed
    assert tuple(c for c in plain if c is not V.UNENCRYPTED) == sealed


@given(ZONES, MODES, TIMES, st.floats(min_value=0, max_value=4e9), st.booleans())
def test_every_code_requires_a_personal_level(
    zone: Zone, mode: int | None, mtime: float | None, now: float, secure: bool
) -> None:
    for level in Level:
        result = violations(
            level, False, zone, mode, mtime, POLICY, secure_declared=secure, now=now
        )
        assert level.personal or result == ()
        if level.personal:
            assert V.UNENCRYPTED in result
