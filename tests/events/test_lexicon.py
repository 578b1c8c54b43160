"""The lexicon loader and matcher (events/lexicon.py), on small hand-written YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DyadsError
from dyads.events.lexicon import load_lexicon, parse_pattern

TINY = """
version: 1
entries:
  - code: "130"
    verbs: [threaten, warn]
  - code: "1312"
    verbs: [threaten +sanction, warn +sanction]
  - code: "120"
    verbs: [reject, push back on]
  - code: "040"
    verbs: [meet]
    nouns: [talk]
  - code: "043"
    nouns: [peace talk]
"""


@pytest.fixture
def lexicon(tmp_path: Path):
    path = tmp_path / "lex.yaml"
    path.write_text(TINY, encoding="utf-8")
    return load_lexicon(path)


@pytest.mark.parametrize(
    ("text", "head", "words", "objects"),
    [
        ("push back on", "push", ("back", "on"), ()),
        ("threaten +sanction", "threaten", (), ("sanction",)),
        ("Impose +Sanction on", "impose", ("on",), ("sanction",)),
    ],
)
def test_lexicon_parse_verb_pattern(text, head, words, objects) -> None:
    pattern = parse_pattern(text, "120", "verb")
    assert (pattern.head, pattern.words, pattern.objects) == (head, words, objects)


@pytest.mark.parametrize(
    ("lemma", "dependents", "objects", "code"),
    [
        ("threaten", [], [], "130"),
        ("threaten", ["to", "impose"], ["sanction"], "1312"),  # most specific wins
        ("warn", [], ["troop"], "130"),
        ("push", ["back", "on"], [], "120"),
        ("push", ["back"], [], None),  # "on" missing: no match
        ("reject", [], [], "120"),
        ("like", [], [], None),
    ],
)
def test_lexicon_match_verb(lexicon, lemma, dependents, objects, code) -> None:
    found = lexicon.match_verb(lemma, dependents=dependents, objects=objects)
    assert (found.code if found else None) == code


@pytest.mark.parametrize(
    ("lemma", "modifiers", "code"),
    [
        ("talk", [], "040"),
        ("talk", ["peace"], "043"),
        ("talk", ["trade"], "040"),
        ("war", [], None),
    ],
)
def test_lexicon_match_noun(lexicon, lemma, modifiers, code) -> None:
    found = lexicon.match_noun(lemma, modifiers=modifiers)
    assert (found.code if found else None) == code


@pytest.mark.parametrize(
    "bad",
    ["entries:\n  - verbs: [say]\n", "entries: [\n", "entries:\n  - code: abc\n    verbs: [x]\n"],
)
def test_lexicon_bad_file_raises_clear_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DyadsError, match=r"bad\.yaml"):
        load_lexicon(path)


def test_lexicon_packaged_file_loads_and_is_large() -> None:
    lexicon = load_lexicon()
    assert len(lexicon) > 300
    assert lexicon.match_verb("accuse", dependents=[], objects=[]).code.startswith("11")
