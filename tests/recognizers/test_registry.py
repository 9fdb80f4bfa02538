"""The registry: every SPEC entity type has a recognizer, found without being listed."""

from __future__ import annotations

import pytest
import regex
from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

from recognizers.entities import ALL
from recognizers.registry import build_recognizers, entity_types, recognizer_classes


def test_every_spec_entity_type_has_a_recognizer() -> None:
    assert set(ALL) <= set(entity_types())


def test_every_recognizer_is_for_japanese() -> None:
    assert all(r.supported_language == "ja" for r in build_recognizers())


def test_class_names_do_not_shadow_presidio_recognizers() -> None:
    ours = set(recognizer_classes())
    theirs = {
        c.__name__
        for c in RecognizerListLoader.get_all_existing_recognizers()
        if not c.__module__.startswith("recognizers.")
    }
    clashes = sorted(c.__name__ for c in ours if c.__name__ in theirs)
    assert not clashes
    assert all(c.__name__.startswith("Jp") for c in ours)


def test_bad_policy_format_fails_loudly() -> None:
    with pytest.raises(regex.error):
        build_recognizers({"JP_STAFF_ID": ["(unclosed"]})
