"""The event pattern lexicon: predicate patterns (YAML) -> CAMEO codes.

A verb pattern is the predicate's lemma, then plain words that must be its direct
dependents ("push back on"), then ``+noun`` lemmas that must be among its objects,
including objects of verbs it controls ("threaten +sanction" matches "threatened to
impose sanctions"). A noun pattern is an event noun's lemma, optionally after a
compound modifier ("peace talk"). The most specific matching pattern wins.
See ``events/data/lexicon.yaml`` for the entries and their header for the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from dyads.errors import DyadsError


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry pattern and the code it gives."""

    code: str
    kind: str  # "verb" | "noun"
    head: str
    words: tuple[str, ...]  # plain dependents (verbs) or compound modifiers (nouns)
    objects: tuple[str, ...]  # "+noun" object lemmas
    text: str

    @property
    def specificity(self) -> int:
        return 1 + len(self.words) + 2 * len(self.objects)

    def matches(self, dependents: frozenset[str], objects: frozenset[str]) -> bool:
        return all(w in dependents for w in self.words) and all(o in objects for o in self.objects)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    source: str

    def match_verb(
        self, lemma: str, *, dependents: Iterable[str], objects: Iterable[str]
    ) -> Pattern | None:
        """The most specific verb pattern for ``lemma`` whose words and objects are present."""
        return _best(self.verbs.get(lemma, ()), frozenset(dependents), frozenset(objects))

    def match_noun(self, lemma: str, *, modifiers: Iterable[str]) -> Pattern | None:
        """The most specific noun pattern for ``lemma`` given its compound modifiers."""
        return _best(self.nouns.get(lemma, ()), frozenset(modifiers), frozenset())

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def _best(
    patterns: tuple[Pattern, ...], deps: frozenset[str], objs: frozenset[str]
) -> Pattern | None:
    # patterns are stored most specific first, so the first match is the best one
    for pattern in patterns:
        if pattern.matches(deps, objs):
            return pattern
    return None


def parse_pattern(text: str, code: str, kind: str) -> Pattern:
    """Parse one pattern string of the lexicon (see the module docstring)."""
    tokens = text.lower().split()
    if not tokens:
        raise DyadsError(f"lexicon entry {code}: empty {kind} pattern")
    if kind == "noun":
        return Pattern(code, kind, tokens[-1], tuple(tokens[:-1]), (), text)
    head, rest = tokens[0], tokens[1:]
    words = tuple(t for t in rest if not t.startswith("+"))
    objects = tuple(t[1:] for t in rest if t.startswith("+"))
    return Pattern(code, kind, head, words, objects, text)


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read a lexicon YAML file (the packaged one by default).

    Raises:
        DyadsError: when the file is unreadable or an entry is malformed.
    """
    if path is None:
        return _packaged()
    return _load(Path(path).read_text(encoding="utf-8"), str(path))


@cache
def _packaged() -> Lexicon:
    resource = resources.files("dyads") / "events" / "data" / "lexicon.yaml"
    return _load(resource.read_text(encoding="utf-8"), "dyads:events/data/lexicon.yaml")


def _load(text: str, source: str) -> Lexicon:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise DyadsError(f"{source}: not valid YAML ({err}); fix the syntax.") from err
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    for i, entry in enumerate((data or {}).get("entries", [])):
        code = str(entry.get("code", ""))
        if not code.isdigit():
            raise DyadsError(f"{source}: entry {i + 1} has no valid 'code' (found {code!r}).")
        for text_ in entry.get("verbs") or []:
            p = parse_pattern(str(text_), code, "verb")
            verbs.setdefault(p.head, []).append(p)
        for text_ in entry.get("nouns") or []:
            p = parse_pattern(str(text_), code, "noun")
            nouns.setdefault(p.head, []).append(p)
    order = lambda ps: tuple(sorted(ps, key=lambda p: -p.specificity))  # noqa: E731
    return Lexicon(
        verbs={k: order(v) for k, v in verbs.items()},
        nouns={k: order(v) for k, v in nouns.items()},
        source=source,
    )
