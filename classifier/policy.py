"""The policy: the key-information matrix and the storage rules, as validated data.

The built-in policy is `default_policy.toml` beside this module. A user's file holds
only what it changes and is merged over it (`merge`). Whatever is wrong — TOML syntax,
an unknown key, a wrong type, a row that names an item nobody defined — is a
`PolicyError` naming the file, the line and the key. There is no silent fallback: a
compliance scanner that quietly ignores its configuration is worse than one that stops.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

import regex
import tomli_w
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from classifier.codes import ZoneType
from recognizers.entities import ALL as ENTITY_TYPES

DEFAULT_NAME = "default_policy.toml"
Name = Annotated[StrictStr, Field(min_length=1)]
Weight = StrictFloat | StrictInt


class PolicyError(Exception):
    """A policy file that cannot be used. `str()` is the one-line message for the user."""

    def __init__(self, source: str, line: int | None, key: str, message: str) -> None:
        self.source, self.line, self.key, self.message = source, line, key, message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _entity_names(values: Sequence[str]) -> Sequence[str]:
    unknown = [v for v in values if v not in ENTITY_TYPES]
    if unknown:
        raise ValueError(f"unknown entity type {', '.join(unknown)}")
    return values


class Identification(_Model):
    contact_types: tuple[Name, ...] = ()
    min_people: StrictInt = Field(5, ge=1)

    _check_types = field_validator("contact_types")(_entity_names)


class Matching(_Model):
    item: Weight = 1.0
    missing_item: Weight = 0.1
    foreign_type: Weight = 0.5
    cue: Weight = 1.5
    min_score: Weight = 2.0
    title_chars: StrictInt = Field(200, ge=0)


class Retention(_Model):
    days: StrictInt = Field(365, ge=1)


class AutoDetect(_Model):
    removable_mounts: StrictBool = True
    removable_paths: tuple[Name, ...] = ()
    cloud_sync: tuple[Name, ...] = ()
    public: tuple[Name, ...] = ()


class ZoneDecl(_Model):
    name: Name
    type: ZoneType
    paths: tuple[Name, ...] = Field(min_length=1)
    enabled: StrictBool = True


def _configurable(entity: str) -> str:
    # Imported here: the registry pulls in Presidio and spaCy (about a second), which
    # commands that only read a state database or print the policy never need.
    from recognizers.registry import configurable_types

    allowed = configurable_types()
    if entity not in allowed:
        raise ValueError(f"{entity} takes no formats (these do: {', '.join(sorted(allowed))})")
    return entity


def _pattern(pattern: str) -> str:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from None
    return pattern


class Recognizers(_Model):
    formats: dict[
        Annotated[StrictStr, AfterValidator(_configurable)],
        tuple[Annotated[Name, AfterValidator(_pattern)], ...],
    ] = Field(default_factory=dict)


class Item(_Model):
    entities: tuple[Name, ...] = ()
    cues: tuple[Name, ...] = ()

    _check_types = field_validator("entities")(_entity_names)

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not self.entities and not self.cues:
            raise ValueError("an item needs entities or cues")
        return self


class Condition(_Model):
    """Any of these entity types found, or any of these cue words in the title region."""

    entities: tuple[Name, ...] = ()
    cues: tuple[Name, ...] = ()

    _check_types = field_validator("entities")(_entity_names)

    @property
    def always(self) -> bool:
        return not self.entities and not self.cues


class Category(_Model):
    """One row (情報名) of the key-information matrix."""

    name: Name
    business: StrictStr = ""
    level: Literal[1, 2]
    recorded: StrictStr = ""
    items: tuple[Name, ...] = Field(min_length=1)
    key_info: tuple[Name, ...] = ()
    key_info_when: Condition = Condition()
    key_info_unless: Condition = Condition()
    twin: StrictStr = ""
    cues: tuple[Name, ...] = ()
    needs_cue: StrictBool = False
    source: StrictStr = ""
    enabled: StrictBool = True

    @model_validator(mode="after")
    def _keys_are_items(self) -> Category:
        stray = [k for k in self.key_info if k not in self.items]
        if stray:
            raise ValueError(f"key_info {', '.join(stray)} is not among the row's items")
        if self.key_info and self.level != 1:
            raise ValueError("only a level 1 row has key information")
        return self


class Rule(_Model):
    """Information that is ① (or ②) wherever it appears."""

    name: Name
    level: Literal[1, 2]
    entities: tuple[Name, ...] = Field(min_length=1)
    description: StrictStr = ""
    enabled: StrictBool = True

    _check_types = field_validator("entities")(_entity_names)


class Policy(_Model):
    version: Literal[1] = 1
    identification: Identification = Identification()
    matching: Matching = Matching()
    retention: Retention = Retention()
    autodetect: AutoDetect = AutoDetect()
    zones: tuple[ZoneDecl, ...] = ()
    recognizers: Recognizers = Recognizers()
    items: dict[StrictStr, Item] = Field(default_factory=dict)
    categories: tuple[Category, ...] = ()
    rules: tuple[Rule, ...] = ()

    def problems(self) -> list[tuple[tuple[int | str, ...], str]]:
        """Cross-references no field can check alone: (location, message) pairs."""
        found: list[tuple[tuple[int | str, ...], str]] = []
        named: dict[str, list[str]] = {
            "categories": [c.name for c in self.categories],
            "rules": [r.name for r in self.rules],
            "zones": [z.name for z in self.zones],
        }
        for what, names in named.items():
            for i, name in enumerate(names):
                if name in names[:i]:
                    found.append(((what, i, "name"), f"duplicate name {name}"))
        levels = {c.name: c.level for c in self.categories if c.enabled}
        for i, c in enumerate(self.categories):
            missing = [item for item in c.items if item not in self.items]
            if missing:
                found.append((("categories", i, "items"), f"undefined item {', '.join(missing)}"))
            if c.twin and levels.get(c.twin) != 1:
                message = f"twin {c.twin} is not an enabled level 1 category"
                found.append((("categories", i, "twin"), message))
        return found

    # What the classifier works with: only enabled entries.
    @property
    def active_categories(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.enabled)

    @property
    def active_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    @property
    def active_zones(self) -> tuple[ZoneDecl, ...]:
        return tuple(z for z in self.zones if z.enabled)

    @property
    def formats(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Institution formats in the shape `ScanSettings.formats` takes."""
        return tuple(sorted(self.recognizers.formats.items()))

    @cached_property
    def cue_words(self) -> frozenset[str]:
        """Every cue word the policy mentions: items, rows, key-information conditions."""
        words: set[str] = set()
        for item in self.items.values():
            words.update(item.cues)
        for category in self.active_categories:
            words.update(category.cues)
            words.update(category.key_info_when.cues)
            words.update(category.key_info_unless.cues)
        return frozenset(words)

    def category(self, name: str) -> Category | None:
        return next((c for c in self.active_categories if c.name == name), None)

    def to_toml(self) -> str:
        return tomli_w.dumps(self.model_dump(mode="json"))


# --- loading --------------------------------------------------------------------------

NAMED_LISTS = ("categories", "rules", "zones")  # arrays of tables merged by `name`


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(match[1]) if match else None
        key = _key_at(text, line) if line else ""
        raise PolicyError(source, line, key, message) from None


_ASSIGNMENT = re.compile(r"""^\s*([\w.\-"' ]+?)\s*=""")


def _key_at(text: str, line: int) -> str:
    """The key a line assigns, with its table (`retention.days`), for a syntax error."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    assigned = _ASSIGNMENT.match(lines[line - 1])
    if not assigned:
        return ""
    table = next(
        (_table_name(m[1]) for row in reversed(lines[: line - 1]) if (m := _HEADER.match(row))),
        "",
    )
    key = _table_name(assigned[1])
    return f"{table}.{key}" if table else key


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` merged into `base`: tables key by key, named lists by `name`."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if key in NAMED_LISTS and isinstance(value, list) and isinstance(old, list):
            merged[key] = _merge_named(old, value)
        elif isinstance(value, dict) and isinstance(old, dict) and key != "formats":
            merged[key] = merge(old, value)
        else:
            merged[key] = value
    return merged


def _merge_named(base: list[Any], over: list[Any]) -> list[Any]:
    result = list(base)
    for entry in over:
        name = entry.get("name") if isinstance(entry, dict) else None
        at = next((i for i, e in enumerate(result) if e.get("name") == name), None)
        if name is None or at is None:
            result.append(entry)  # a new entry (or a nameless one validation will reject)
        else:
            result[at] = {**result[at], **entry}
    return result


@cache
def _default_text() -> str:
    return files("classifier").joinpath(DEFAULT_NAME).read_text(encoding="utf-8")


@cache
def default_policy() -> Policy:
    """The built-in policy (parsed once per process; a Policy is immutable)."""
    return _validate(_parse(_default_text(), DEFAULT_NAME), {}, DEFAULT_NAME, "")


def load_policy(path: Path | None = None) -> Policy:
    """The effective policy: the built-in one, with `path` merged over it when given."""
    if path is None:
        return default_policy()
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyError(source, None, "", "no such file") from None
    except UnicodeDecodeError:
        raise PolicyError(source, None, "", "not UTF-8 text") from None
    except OSError as exc:
        raise PolicyError(source, None, "", exc.strerror or str(exc)) from None
    user = _parse(text, source)
    base = _parse(_default_text(), DEFAULT_NAME)
    return _validate(merge(base, user), user, source, text)


def _validate(data: dict[str, Any], user: dict[str, Any], source: str, text: str) -> Policy:
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(p for p in error["loc"] if p != "[key]")
        message = error["msg"].removeprefix("Value error, ")
        raise _locate(data, user, loc, message, source, text) from None
    for loc, message in policy.problems()[:1]:
        raise _locate(data, user, loc, message, source, text)
    return policy


def _locate(
    merged: dict[str, Any],
    user: dict[str, Any],
    loc: tuple[int | str, ...],
    message: str,
    source: str,
    text: str,
) -> PolicyError:
    """Turn a validation error's location in the merged data into file, line and key."""
    user_loc = _user_loc(merged, user, loc) if user else None
    if user_loc is None:  # the built-in policy itself, or a cross-reference
        where = DEFAULT_NAME if not user else source
        line = locate_line(_default_text(), loc) if not user else None
        return PolicyError(where, line, _key(loc), message)
    return PolicyError(source, locate_line(text, user_loc), _key(user_loc), message)


def _user_loc(
    merged: dict[str, Any], user: dict[str, Any], loc: tuple[int | str, ...]
) -> tuple[int | str, ...] | None:
    """The same location in the user's own data, or None when the user did not write it."""
    head = str(loc[0]) if loc else ""
    if head not in user:
        return None
    node: Any = user[head]
    out: list[int | str] = [head]
    rest = loc[1:]
    if head in NAMED_LISTS and rest and isinstance(rest[0], int):
        index = _user_index(merged[head], node, rest[0])
        if index is None:
            return None
        node, rest = node[index], rest[1:]
        out.append(index)
    for part in rest:
        out.append(part)  # a key the user left out is still named; its table gives the line
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(out)


def _user_index(merged: list[Any], user: list[Any], index: int) -> int | None:
    """Where the user wrote entry `index` of a merged named list (matched by name)."""
    entry = merged[index]
    name = entry.get("name") if isinstance(entry, dict) else None
    if name is not None:
        mine = [j for j, e in enumerate(user) if isinstance(e, dict) and e.get("name") == name]
        return mine[-1] if mine else None
    j = index - (len(merged) - len(user))  # a nameless entry was appended: count from the end
    return j if 0 <= j < len(user) else None


def _key(loc: Sequence[int | str]) -> str:
    """`categories.twin`: the TOML key path, list positions left out (the line says which)."""
    return ".".join(str(p) for p in loc if not isinstance(p, int))


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def locate_line(text: str, loc: Sequence[int | str]) -> int | None:
    """The line of `loc` (a validation error's location) in TOML `text`, best effort.

    Finds the table the location lies in — `[name]`, or the n-th `[[name]]` with its
    sub-tables — then the line that assigns the deepest key of `loc` it can find there,
    falling back to the table's header line.
    """
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
    lines = text.splitlines()
    headers = [(n, _table_name(m[1])) for n, line in enumerate(lines) if (m := _HEADER.match(line))]
    own = [n for n, name in headers if name == keys[0]]
    subs = [n for n, name in headers if name.startswith(keys[0] + ".")]
    if own:
        start = own[min(index, len(own) - 1)]
    elif subs:
        start = subs[0]
    else:  # a top-level key, or a dotted key before any table
        start = -1
    end = next(
        (
            n
            for n, name in headers
            if n > start and name != keys[0] and not name.startswith(keys[0] + ".")
        ),
        len(lines),
    )
    end = next((n for n in own if n > start), end) if own else end
    region = range(start + 1, min(end, len(lines)))
    for key in reversed(keys[1:] if start >= 0 else keys):
        pattern = re.compile(rf"""^\s*(?:[\w.]+\.)?["']?{re.escape(key)}["']?\s*[=.]""")
        for n in region:
            if pattern.match(lines[n]):
                return n + 1
    return start + 1 if start >= 0 else None


def _table_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))
