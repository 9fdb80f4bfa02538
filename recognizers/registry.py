"""Recognizers are discovered, not listed: every module in `recognizers/jp/`.

Adding an entity type is one file in `recognizers/jp/` plus its test. Every concrete
`EntityRecognizer` subclass defined in a module there is instantiated once per
analyzer. An institution's own identifier formats (policy file, ``[recognizers]``)
become extra unlabelled patterns of the recognizer for that entity type.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Mapping, Sequence
from functools import lru_cache

import regex
from presidio_analyzer import EntityRecognizer

from recognizers import jp
from recognizers.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, JaPattern, JaPatternRecognizer

CONFIGURED_SCORE = 0.7


@lru_cache(maxsize=1)
def recognizer_classes() -> tuple[type[EntityRecognizer], ...]:
    found: list[type[EntityRecognizer]] = []
    for info in sorted(pkgutil.iter_modules(jp.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{jp.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, EntityRecognizer)
                and cls.__module__ == module.__name__
                and not inspect.isabstract(cls)
                and not cls.__name__.startswith("_")
            ):
                found.append(cls)
    return tuple(found)


def configured_patterns(entity: str, formats: Sequence[str]) -> tuple[JaPattern, ...]:
    """Patterns for an institution's own formats of `entity` (regexes over folded text)."""
    patterns = []
    for i, fmt in enumerate(formats):
        regex.compile(fmt)  # a bad pattern fails here, where the policy loader reports it
        body = rf"{NOT_ALNUM_BEFORE}(?P<v>{fmt}){NOT_ALNUM_AFTER}"
        patterns.append(JaPattern(f"{entity} format {i + 1} (policy)", body, CONFIGURED_SCORE))
    return tuple(patterns)


def build_recognizers(formats: Mapping[str, Sequence[str]] | None = None) -> list[EntityRecognizer]:
    """One instance of every recognizer, with the institution's formats added."""
    formats = formats or {}
    recognizers: list[EntityRecognizer] = []
    for cls in recognizer_classes():
        if issubclass(cls, JaPatternRecognizer):
            extra = configured_patterns(cls.ENTITY, formats.get(cls.ENTITY, ()))
            recognizers.append(cls(extra_patterns=extra))
        else:
            recognizers.append(cls())  # type: ignore[call-arg]  # our own take no arguments
    return recognizers


def configurable_types() -> frozenset[str]:
    """The entity types an institution may add its own formats to (pattern recognizers)."""
    return frozenset(
        cls.ENTITY for cls in recognizer_classes() if issubclass(cls, JaPatternRecognizer)
    )


def entity_types() -> list[str]:
    """Every entity type some recognizer reports, sorted."""
    types: set[str] = set()
    for r in build_recognizers():
        types.update(r.supported_entities)
    return sorted(types)
