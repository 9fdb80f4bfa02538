"""The key-information matrix: what the recognizers found → 危険度, 情報名, key information.

The decision has three independent parts, so that each stays simple and the level can
never go down when something more is found:

1. **Is it personal information at all?** Nothing found → 0. Contact details only (a
   name, an e-mail address, a phone number) of fewer than `min_people` people → 0: an
   e-mail signature is not a roster. Anything else → at least ②.
2. **Is it ①?** Only key information makes a file ①: an item in a row's
   「危険度①となるキー情報」 found where the row's `key_info_when` holds (銀行口座 anywhere;
   保護者連絡先 of students; 自宅住所 of a 附属学校's pupils …; and not where
   `key_info_unless` holds: a 受験番号 under 国家試験 is not entrance-exam information),
   or a general rule (個人番号, 要配慮個人情報). Both depend only on which entity types
   and cue words are present, so adding a finding can only add reasons for ①.
3. **Which row (情報名) is it?** Every row is scored against the file (items found,
   items missing, entity types the row does not list, cue words of the row in the title
   region). A ① file is named after the best of the ① rows whose key information fired —
   or, if only a general rule fired, after the best row overall, a ② row being replaced
   by its ① twin (教職員連絡先名簿 + 個人番号 → 教職員人事情報). A ② file is named after the
   best ② row, if any scores at least `min_score`. A row marked `needs_cue` (its items
   are only names and IDs, like a 旅行命令簿's) is chosen only with one of its cue words.

The scoring only names the row; it never decides the level. `Decision.steps` records
every step in words for `piiscan explain` (entity types, counts and cue words only).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from classifier.codes import Level
from classifier.policy import Category, Condition, Policy


@dataclass(frozen=True, slots=True)
class Facts:
    """What classification reads about one document's content: no values, only kinds."""

    counts: Mapping[str, int]  # entity type → count
    records: int = 0  # individuals, as the recognizer stage estimated them
    cues: frozenset[str] = frozenset()  # cue words found in the title region

    @property
    def present(self) -> frozenset[str]:
        return frozenset(t for t, n in self.counts.items() if n > 0)


@dataclass(frozen=True, slots=True)
class Score:
    """How well one row of the matrix fits a document."""

    category: str
    level: int
    score: float
    found: tuple[str, ...]  # the row's items found
    missing: tuple[str, ...]  # the row's items not found
    foreign: tuple[str, ...]  # entity types found that the row does not list
    cues: tuple[str, ...]  # the row's cue words found
    eligible: bool = True  # False: a row told apart only by its title, and no cue found

    def describe(self) -> str:
        parts = [f"items {'・'.join(self.found) or '-'}"]
        if self.missing:
            parts.append(f"missing {'・'.join(self.missing)}")
        if self.foreign:
            parts.append(f"not in the row {', '.join(self.foreign)}")
        if self.cues:
            parts.append(f"cues {'・'.join(self.cues)}")
        if not self.eligible:
            parts.append("needs a cue word: not chosen")
        return f"{self.category} (危険度{'①' if self.level == 1 else '②'}) {self.score:+.1f}: " + (
            "; ".join(parts)
        )


@dataclass(frozen=True, slots=True)
class Fired:
    """A reason for ①: key information of a row, or a general rule."""

    name: str  # the key item or the rule's name: what `key_info` shows
    source: str  # the row (情報名) whose key information it is, or "" for a rule
    entities: tuple[str, ...]  # the entity types that showed it
    level: int = 1


@dataclass(frozen=True, slots=True)
class Decision:
    """The classifier's verdict on one document, with the reasons `explain` shows."""

    level: Level
    category: str = ""
    key_info: tuple[str, ...] = ()
    fired: tuple[Fired, ...] = ()
    scores: tuple[Score, ...] = ()  # best first
    steps: tuple[str, ...] = ()
    facts: Facts | None = None  # what the decision read


def classify(facts: Facts, policy: Policy) -> Decision:
    """危険度, 情報名 and key information of one document's content."""
    present = facts.present
    if not present:
        return Decision(Level.NONE, steps=("no personal information found",), facts=facts)
    ident = policy.identification
    steps = [f"found {_counts(facts.counts)}"]
    if not identifies(facts, ident.contact_types, ident.min_people):
        steps.append(
            f"contact details only, of {facts.records} (fewer than {ident.min_people}) "
            "people: not a personal-information file → 0"
        )
        return Decision(Level.NONE, steps=tuple(steps), facts=facts)
    steps.append("identifies people → at least 危険度②")
    scores = sorted(
        (score_row(c, facts, policy) for c in policy.active_categories),
        key=lambda s: s.score,
        reverse=True,
    )
    fired = key_information(facts, policy)
    for f in fired:
        where = f"key information of {f.source}" if f.source else "general rule"
        steps.append(f"{f.name} ({', '.join(f.entities)}): {where} → 危険度①")
    best = _choose(scores, fired, policy, steps)
    level = Level.ONE if any(f.level == 1 for f in fired) else Level.TWO
    keys = _key_info(best, fired, policy) if level is Level.ONE else ()
    steps.append(f"危険度{'①' if level is Level.ONE else '②'}, 情報名 {best.name if best else '-'}")
    return Decision(
        level,
        category=best.name if best else "",
        key_info=keys,
        fired=fired,
        scores=tuple(scores),
        steps=tuple(steps),
        facts=facts,
    )


def identifies(facts: Facts, contact_types: tuple[str, ...], min_people: int) -> bool:
    """Personal information in the matrix's sense: more than a few people's contact details.

    `records` is the recognizer stage's count of individuals (by ID, else by name, else
    by distinct e-mail address or phone number), so a mail that names its sender five
    times is about one person, and a list of 30 addresses is about 30.
    """
    if facts.present - set(contact_types):
        return True
    return facts.records >= min_people


def _item_found(name: str, facts: Facts, policy: Policy) -> bool:
    item = policy.items[name]
    return bool(facts.present.intersection(item.entities) or facts.cues.intersection(item.cues))


def score_row(category: Category, facts: Facts, policy: Policy) -> Score:
    """The row's fit: items found and missing, foreign entity types, cue words."""
    weights = policy.matching
    found = tuple(i for i in category.items if _item_found(i, facts, policy))
    missing = tuple(i for i in category.items if i not in found)
    covered = {e for i in category.items for e in policy.items[i].entities}
    exempt = set(policy.identification.contact_types)
    foreign = tuple(sorted(facts.present - covered - exempt))
    cues = tuple(c for c in category.cues if c in facts.cues)
    value = (
        weights.item * len(found)
        - weights.missing_item * len(missing)
        - weights.foreign_type * len(foreign)
        + weights.cue * len(cues)
    )
    eligible = bool(cues) or not category.needs_cue
    return Score(
        category.name, category.level, round(value, 3), found, missing, foreign, cues, eligible
    )


def key_information(facts: Facts, policy: Policy) -> tuple[Fired, ...]:
    """Every reason for ① present in the document, rows' key information first."""
    fired: list[Fired] = []
    for category in policy.active_categories:
        when, unless = category.key_info_when, category.key_info_unless
        if not (when.always or _holds(when, facts)) or (
            not unless.always and _holds(unless, facts)
        ):
            continue
        for key in category.key_info:
            shown = tuple(sorted(facts.present.intersection(policy.items[key].entities)))
            if shown:
                fired.append(Fired(key, category.name, shown))
    for rule in policy.active_rules:
        shown = tuple(sorted(facts.present.intersection(rule.entities)))
        if shown:
            fired.append(Fired(rule.name, "", shown, rule.level))
    return tuple(fired)


def _holds(condition: Condition, facts: Facts) -> bool:
    return bool(
        facts.present.intersection(condition.entities) or facts.cues.intersection(condition.cues)
    )


def _choose(
    scores: list[Score], fired: tuple[Fired, ...], policy: Policy, steps: list[str]
) -> Category | None:
    """The row a file is named after (see the module docstring)."""
    keyed = {f.source for f in fired if f.source}
    if keyed:
        best = next((s for s in scores if s.category in keyed and s.eligible), None)
        if best is None:
            steps.append("no row whose key information fired has its cue words")
            return None
        steps.append(f"best of the rows whose key information fired: {best.describe()}")
        return policy.category(best.category)
    one = any(f.level == 1 for f in fired)
    pool = [s for s in scores if s.eligible and (one or s.level == 2)]
    if not pool or pool[0].score < policy.matching.min_score:
        top = pool[0].describe() if pool else "none"
        steps.append(f"no row scores {policy.matching.min_score} or more (best: {top})")
        return None
    chosen = policy.category(pool[0].category)
    steps.append(f"best row: {pool[0].describe()}")
    if one and chosen is not None and chosen.level == 2 and chosen.twin:
        steps.append(f"a ② row lifted to ①: reported as its twin {chosen.twin}")
        return policy.category(chosen.twin)
    return chosen


def _key_info(
    category: Category | None, fired: tuple[Fired, ...], policy: Policy
) -> tuple[str, ...]:
    """The row's own key information that fired, then rules whose types it does not cover."""
    own = [f for f in fired if category is not None and f.source == category.name]
    covered = {e for f in own for e in policy.items[f.name].entities}
    rules = [f for f in fired if not f.source and f.level == 1 and set(f.entities) - covered]
    if not own:
        rules = [f for f in fired if not f.source and f.level == 1] or [
            f for f in fired if f.level == 1
        ]
    names = [f.name for f in own + rules]
    return tuple(dict.fromkeys(names))


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{t}:{n}" for t, n in sorted(counts.items()) if n > 0)
