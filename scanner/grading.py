"""The classifier's place in the pipeline: content → 危険度, place → violations.

Two steps, because they depend on different things:
- `grade` reads one document's content (what the recognizers found, its title region)
  and fills `risk_level`, `category` and `key_info`. A container then takes the most
  severe verdict of its own text and its members (`most_severe`).
- `locate` reads where the file lies and how it is stored (zone, mode, mtime) and fills
  `zone` and `violations` for the file's row and every member row: a member lies where
  its file lies and is kept as long as its file is kept.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from classifier.codes import Level
from classifier.cues import find_cues, title_region
from classifier.matrix import Decision, Facts, classify
from classifier.policy import Policy
from classifier.violations import violations
from classifier.zones import ZoneMap
from recognizers.analysis import Analysis
from recognizers.content import Block
from reports.model import FileResult


def facts(name: str, blocks: Sequence[Block], analysis: Analysis, policy: Policy) -> Facts:
    """What the classifier may know of a document: entity counts, records, cue words."""
    region = title_region(name, blocks, policy.matching.title_chars)
    return Facts(analysis.counts, analysis.records, find_cues(region, policy.cue_words))


def grade(row: FileResult, decision: Decision) -> FileResult:
    return replace(
        row,
        risk_level=decision.level.value,
        category=decision.category,
        key_info=decision.key_info,
    )


def decide(name: str, blocks: Sequence[Block], analysis: Analysis, policy: Policy) -> Decision:
    return classify(facts(name, blocks, analysis, policy), policy)


def most_severe(row: FileResult, members: Sequence[FileResult]) -> FileResult:
    """A container carries the most severe verdict of its own text and its members.

    Its `entities` and `records` stay its own (no entity is counted twice); its category
    and key information come from whichever row gave the verdict, its own first.
    """
    graded = [r for r in (row, *members) if r.risk_level]
    if not graded:
        return row
    worst = max(graded, key=lambda r: Level(r.risk_level).severity)  # first of equals wins
    if worst is row:
        return row
    return replace(
        row, risk_level=worst.risk_level, category=worst.category, key_info=worst.key_info
    )


def locate(
    rows: Sequence[FileResult],
    st: os.stat_result | None,
    policy: Policy,
    zones: ZoneMap,
    now: float,
) -> list[FileResult]:
    """The rows of one file with its zone and each row's violations filled in."""
    if not rows:
        return []
    zone = zones.zone_for(rows[0].path)
    mode = st.st_mode if st else None
    mtime = st.st_mtime if st else None
    located = []
    for row in rows:
        level = Level(row.risk_level) if row.risk_level else Level.NONE
        found = violations(
            level,
            row.encrypted,
            zone,
            mode,
            mtime,
            policy,
            secure_declared=zones.has_secure,
            now=now,
        )
        codes = tuple(v.value for v in found)
        if row.zone == zone.name and row.violations == codes:
            located.append(row)  # a rescan's usual case: the stored row as it was
        else:
            located.append(replace(row, zone=zone.name, violations=codes))
    return located
