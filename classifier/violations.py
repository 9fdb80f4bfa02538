"""The storage rules: which violation codes a graded file breaks.

One pure function over what the scanner already knows about a file — its level, whether
it is encrypted, its zone, its permission bits and its modification time — so that the
same facts always give the same codes, in a scan, in `watch`, in `report` and in
`explain`. The rules are the SPEC's table ("Violation codes") word for word; the
storage rules only apply to personal information, so 危険度0 and `unknown` never
violate anything (an uninspectable file is reported as `unknown`, not guessed at).
"""

from __future__ import annotations

import stat

from classifier.codes import Level, Violation, ZoneType
from classifier.policy import Policy
from classifier.zones import Zone

SECONDS_PER_DAY = 86_400
TAKEOUT_ZONES = frozenset({ZoneType.REMOVABLE, ZoneType.CLOUD_SYNC})

# What `piiscan explain` prints for each code: the rule, not the verdict.
EXPLANATIONS: dict[Violation, str] = {
    Violation.UNENCRYPTED: (
        "A 危険度① or ② file that is neither encrypted nor password-protected."
    ),
    Violation.TAKEOUT_PROHIBITED: (
        "A 危険度① file on removable media or in a cloud-sync folder: "
        "危険度① information must not be taken out."
    ),
    Violation.TAKEOUT_PERMIT_REQUIRED: (
        "A 危険度② file on removable media or in a cloud-sync folder: "
        "taking it out needs a take-out application."
    ),
    Violation.PUBLIC_LOCATION: (
        "A 危険度① or ② file in a public folder (a web folder or 公開) where anyone may read it."
    ),
    Violation.OUTSIDE_SECURE_AREA: (
        "A 危険度① file outside every secure zone, when the policy declares secure zones."
    ),
    Violation.WORLD_READABLE: (
        "A 危険度① or ② file that any user of the machine can read (permission bits o+r)."
    ),
    Violation.STALE: (
        "A 危険度① or ② file not modified for longer than the policy's retention period."
    ),
}


def violations(
    level: Level,
    encrypted: bool,
    zone: Zone,
    mode: int | None,
    mtime: float | None,
    policy: Policy,
    *,
    secure_declared: bool,
    now: float,
) -> tuple[Violation, ...]:
    """The codes a file breaks, in the SPEC's (and `Violation`'s) order.

    `mode` and `mtime` are None when unknown (a failed stat; archive members take their
    file's): an unknown fact breaks no rule. `secure_declared` is the caller's, not the
    policy's, to know, because commands may declare zones of their own
    (`ZoneMap.has_secure`).
    `now` is a parameter so that the result depends on nothing but the arguments.
    """
    if not level.personal:
        return ()
    one = level is Level.ONE
    takeout = zone.type in TAKEOUT_ZONES
    fired = {
        Violation.UNENCRYPTED: not encrypted,
        Violation.TAKEOUT_PROHIBITED: takeout and one,
        Violation.TAKEOUT_PERMIT_REQUIRED: takeout and not one,
        Violation.PUBLIC_LOCATION: zone.type is ZoneType.PUBLIC,
        Violation.OUTSIDE_SECURE_AREA: (
            one and secure_declared and zone.type is not ZoneType.SECURE
        ),
        Violation.WORLD_READABLE: _world_readable(mode),
        Violation.STALE: _stale(mtime, policy, now),
    }
    return tuple(code for code in Violation if fired[code])


def _world_readable(mode: int | None) -> bool:
    """Readable by "others": on a shared server, that is every account on it."""
    return mode is not None and bool(mode & stat.S_IROTH)


def _stale(mtime: float | None, policy: Policy, now: float) -> bool:
    """Older than the retention period (strictly: a file exactly that old is not yet)."""
    if mtime is None:
        return False
    return now - mtime > policy.retention.days * SECONDS_PER_DAY
