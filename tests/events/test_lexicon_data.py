"""Checks on the packaged event lexicon data (``src/dyads/events/data/lexicon.yaml``).

These read the YAML directly, not through ``dyads.events.lexicon``, so they test the
data itself: format, real CAMEO codes, coverage of the code table, no pattern given
two codes, and that the most specific pattern resolves common phrasings to the
intended code.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
LEXICON = REPO / "src" / "dyads" / "events" / "data" / "lexicon.yaml"
CAMEO_TABLE = REPO / "src" / "dyads" / "ontology" / "data" / "cameo.csv"

TOKEN = re.compile(r"^\+?[a-z][a-z']*$")
MIN_PATTERNS = 600
MAX_PATTERNS = 6000
MIN_PER_ROOT = 15


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries(data: dict) -> list[dict]:
    return data["entries"]


@pytest.fixture(scope="module")
def patterns(entries: list[dict]) -> list[tuple[str, str, str]]:
    """Every pattern as (kind, text, code)."""
    out = []
    for entry in entries:
        for kind in ("verbs", "nouns"):
            for text in entry.get(kind) or []:
                out.append((kind[:-1], text, entry["code"]))
    return out


@pytest.fixture(scope="module")
def cameo_codes() -> set[str]:
    if not CAMEO_TABLE.is_file():
        pytest.skip(f"project CAMEO table not found at {CAMEO_TABLE}")
    with CAMEO_TABLE.open(encoding="utf-8", newline="") as fh:
        return {row["code"].strip() for row in csv.DictReader(fh)}


def test_lexicon_data_has_version_and_entries(data: dict) -> None:
    assert data["version"] == 1
    assert isinstance(data["entries"], list) and data["entries"]


def test_lexicon_data_entries_are_well_formed(entries: list[dict]) -> None:
    for entry in entries:
        assert set(entry) <= {"code", "verbs", "nouns"}, entry
        assert isinstance(entry["code"], str), f"code must be a quoted string: {entry['code']!r}"
        assert entry.get("verbs") or entry.get("nouns"), f"entry {entry['code']} has no pattern"
        for kind in ("verbs", "nouns"):
            assert isinstance(entry.get(kind) or [], list), (entry["code"], kind)


def test_lexicon_data_codes_are_cameo_codes(entries: list[dict], cameo_codes: set[str]) -> None:
    unknown = sorted({e["code"] for e in entries} - cameo_codes)
    assert not unknown, f"codes not in {CAMEO_TABLE.name}: {unknown}"


def test_lexicon_data_each_code_has_one_entry(entries: list[dict]) -> None:
    repeated = [c for c, n in Counter(e["code"] for e in entries).items() if n > 1]
    assert not repeated, f"codes with more than one entry: {repeated}"


def test_lexicon_data_covers_every_three_digit_code(
    entries: list[dict], cameo_codes: set[str]
) -> None:
    covered = {e["code"] for e in entries}
    missing = sorted(c for c in cameo_codes if len(c) == 3 and c not in covered)
    assert not missing, f"3-digit CAMEO codes with no pattern: {missing}"


def test_lexicon_data_covers_every_root_broadly(
    patterns: list[tuple[str, str, str]], cameo_codes: set[str]
) -> None:
    per_root = Counter(code[:2] for _, _, code in patterns)
    roots = sorted(c for c in cameo_codes if len(c) == 2)
    assert len(roots) == 20
    thin = {r: per_root[r] for r in roots if per_root[r] < MIN_PER_ROOT}
    assert not thin, f"roots with fewer than {MIN_PER_ROOT} patterns: {thin}"


def test_lexicon_data_size(patterns: list[tuple[str, str, str]]) -> None:
    assert MIN_PATTERNS <= len(patterns) <= MAX_PATTERNS


def test_lexicon_data_no_pattern_has_two_codes(patterns: list[tuple[str, str, str]]) -> None:
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    seen: Counter[tuple[str, str, str]] = Counter()
    for kind, text, code in patterns:
        key = (kind, " ".join(str(text).split()))
        codes[key].add(code)
        seen[(kind, key[1], code)] += 1
    clashes = {k: sorted(v) for k, v in codes.items() if len(v) > 1}
    assert not clashes, f"patterns mapped to more than one code: {clashes}"
    repeats = [k for k, n in seen.items() if n > 1]
    assert not repeats, f"patterns listed twice under one code: {repeats}"


def test_lexicon_data_patterns_are_lowercase_lemma_tokens(
    patterns: list[tuple[str, str, str]],
) -> None:
    for kind, text, code in patterns:
        assert isinstance(text, str), f"{code}: {text!r} is not a string (quote it)"
        assert text == text.strip() and "  " not in text, f"{code}: stray spaces in {text!r}"
        assert text == text.lower(), f"{code}: {text!r} is not lowercase"
        tokens = text.split()
        for tok in tokens:
            assert TOKEN.match(tok), f"{code}: bad token {tok!r} in {text!r}"
        if kind == "verb":
            assert not tokens[0].startswith("+"), f"{code}: {text!r} starts with a + token"
        else:
            assert 1 <= len(tokens) <= 2, f"{code}: noun pattern {text!r} has too many tokens"
            assert not any(t.startswith("+") for t in tokens), f"{code}: + in noun {text!r}"


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("verb", "say", "010"),
        ("verb", "deny", "016"),
        ("verb", "urge", "020"),
        ("verb", "call for +ceasefire", "0256"),
        ("verb", "meet", "040"),
        ("verb", "hold +talk", "040"),
        ("verb", "visit", "042"),
        ("verb", "sign +agreement", "057"),
        ("verb", "lift +sanction", "085"),
        ("verb", "accuse", "112"),
        ("verb", "reject", "120"),
        ("verb", "push back on", "120"),
        ("verb", "veto", "129"),
        ("verb", "threaten", "130"),
        ("verb", "threaten +sanction", "1312"),
        ("verb", "mass +troop", "154"),
        ("verb", "recall +ambassador", "161"),
        ("verb", "expel +diplomat", "161"),
        ("verb", "impose +sanction", "163"),
        ("verb", "arrest", "173"),
        ("verb", "assassinate", "186"),
        ("verb", "invade", "192"),
        ("noun", "talk", "040"),
        ("noun", "peace talk", "046"),
        ("noun", "ceasefire", "0871"),
        ("noun", "sanction", "163"),
        ("noun", "ultimatum", "139"),
        ("noun", "invasion", "192"),
    ],
)
def test_lexicon_data_spot_check(
    patterns: list[tuple[str, str, str]], kind: str, text: str, code: str
) -> None:
    found = sorted({c for k, t, c in patterns if k == kind and t == text})
    assert found == [code]


def _resolve(patterns, lemma: str, words: set[str], objects: set[str]) -> str | None:
    """Most specific verb pattern for a predicate, as the header of the YAML describes it."""
    best: tuple[int, str] | None = None
    for kind, text, code in patterns:
        tokens = text.split()
        if kind != "verb" or tokens[0] != lemma:
            continue
        plain = {t for t in tokens[1:] if not t.startswith("+")}
        plus = {t[1:] for t in tokens[1:] if t.startswith("+")}
        if plain <= words and plus <= objects and (best is None or len(tokens) > best[0]):
            best = (len(tokens), code)
    return best[1] if best else None


@pytest.mark.parametrize(
    ("lemma", "words", "objects", "code"),
    [
        ("threaten", set(), set(), "130"),
        ("threaten", {"to", "impose"}, {"sanction", "iran"}, "1312"),  # "threatened to impose"
        ("impose", {"on"}, {"sanction", "russia"}, "163"),
        ("call", {"for"}, set(), "020"),
        ("call", {"for"}, {"ceasefire"}, "0256"),
        ("accuse", {"of"}, {"corruption"}, "1121"),
        ("push", {"back", "on"}, {"plan"}, "120"),
        ("decline", {"to", "comment"}, set(), "011"),
        ("carry", {"out"}, {"strike", "air"}, "195"),
        ("sign", set(), {"ceasefire"}, "0871"),
        ("mass", {"near"}, {"troop", "border"}, "154"),
        ("withdraw", {"from"}, {"talk"}, "164"),
        ("like", set(), set(), None),
    ],
)
def test_lexicon_data_most_specific_pattern_wins(
    patterns: list[tuple[str, str, str]],
    lemma: str,
    words: set[str],
    objects: set[str],
    code: str | None,
) -> None:
    assert _resolve(patterns, lemma, words, objects) == code
