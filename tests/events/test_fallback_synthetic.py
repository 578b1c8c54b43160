"""The synthetic template expansion of the fallback classifier (no model needed)."""

from __future__ import annotations

import random

import pytest

from dyads.errors import DyadsError
from dyads.events.fallback.synthetic import (
    NONE_LABEL,
    generate,
    inflect,
    load_templates,
    realise,
)
from dyads.ontology.cameo import is_code


def test_fallback_templates_cover_every_cameo_root_and_none() -> None:
    templates = load_templates()
    roots = {label[:2] for label in templates.by_label if label != NONE_LABEL}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert NONE_LABEL in templates.by_label


def test_fallback_templates_use_known_cameo_codes() -> None:
    for label in load_templates().by_label:
        assert label == NONE_LABEL or is_code(label), label


@pytest.mark.parametrize(
    ("verb", "form", "expected"),
    [
        ("shell", "past", "shelled"),
        ("ban", "past", "banned"),
        ("seize", "perfect", "has seized"),
        ("deny", "present", "denies"),
        ("crack down", "future", "will crack down"),
        ("withdraw", "pp", "withdrawn"),
        ("expel", "progressive", "is expelling"),
        ("be", "present", "is"),
    ],
)
def test_fallback_inflect_verb_forms(verb: str, form: str, expected: str) -> None:
    fillers = load_templates().fillers
    assert inflect(verb, form, fillers)[0] == expected


def test_fallback_realise_marks_the_trigger() -> None:
    fillers = {**load_templates().fillers, "wrappers": []}
    rng = random.Random(3)
    for _ in range(50):
        example = realise("{A} [shell|bombard] villages in {B}", "194", fillers, rng)
        word = example.text[example.trigger_char :].split()[0]
        assert word.startswith(("shell", "bombard")), example


def test_fallback_generate_is_deterministic() -> None:
    templates = load_templates()
    first = [e.text for e in generate(templates, per_template=2, seed=7)]
    again = [e.text for e in generate(templates, per_template=2, seed=7)]
    other = [e.text for e in generate(templates, per_template=2, seed=8)]
    assert first == again
    assert first != other


def test_fallback_load_templates_needs_its_files(tmp_path) -> None:
    with pytest.raises(DyadsError, match=r"fillers\.yaml"):
        load_templates(tmp_path)
