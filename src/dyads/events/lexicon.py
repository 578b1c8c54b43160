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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from dyads import yaml_data
from dyads.errors import DyadsError


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry pattern and the code it gives."""

    code: str
    kind: str  # "verb" | "noun" | "model" (the learned fallback)
    head: str
    words: tuple[str, ...]  # plain dependents (verbs) or compound modifiers (nouns)
    objects: tuple[str, ...]  # "+noun" object lemmas
    text: str
    # Looser conditions of imported PETRARCH patterns (events/petrarch_verbs.py):
    before: tuple[str, ...] = ()  # words somewhere before the verb
    phrase: tuple[str, ...] = ()  # words somewhere in the verb's phrase after it
    reverse_code: str | None = None  # a second event, from target back to source
    swapped: bool = False  # the subject is the target, the later actor the source
    mutual: bool = False  # coordinated doers act on each other (PETRARCH's "%")
    target_after: str | None = None  # the target is the first actor after this word
    target_skips: int = 0  # ... after skipping this many actors ("(IN ^) +": the venue)
    sequences: tuple[tuple[str, ...], ...] = ()  # phrases whose words must be adjacent
    ordered: bool = False  # the phrase words must come in the pattern's order
    announce: bool = True  # an announced act becomes an intent or threat (events/intent.py)
    petrarch: bool = False  # imported from a PETRARCH verb dictionary (its conventions)
    score: float | None = None  # the learned fallback's probability (kind "model")

    @property
    def specificity(self) -> int:
        words = len(self.words) + 2 * len(self.objects) + len(self.before) + len(self.phrase)
        return 1 + words + int(self.mutual)

    def matches(
        self,
        dependents: frozenset[str],
        objects: frozenset[str],
        before: frozenset[str] = frozenset(),
        phrase: frozenset[str] = frozenset(),
        compound_subject: bool = False,
        phrase_seq: tuple[frozenset[str], ...] = (),
    ) -> bool:
        return (
            (compound_subject or not self.mutual)
            and all(_adjacent(seq, phrase_seq) for seq in self.sequences)
            and (not self.ordered or not phrase_seq or _in_order(self.phrase, phrase_seq))
            and all(w in dependents for w in self.words)
            and all(o in objects for o in self.objects)
            and all(w in before for w in self.before)
            and all(w in phrase for w in self.phrase)
        )


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    source: str
    # ask the learned model (events/fallback) about verbs no pattern knows
    learned_fallback: bool = True
    # verb forms listed by an imported dictionary -> the verb they belong to ("said" -> "say")
    aliases: dict[str, str] = field(default_factory=dict)

    def match_verb(
        self,
        lemma: str,
        *,
        dependents: Iterable[str],
        objects: Iterable[str],
        before: Iterable[str] = (),
        phrase: Iterable[str] = (),
        compound_subject: bool = False,
        phrase_seq: tuple[frozenset[str], ...] = (),
    ) -> Pattern | None:
        """The most specific verb pattern for ``lemma`` whose words and objects are present.

        ``before`` and ``phrase`` are the words (forms and lemmas) before the verb and
        in its phrase after it, ``compound_subject`` whether it has coordinated
        doers; only imported PETRARCH patterns look at them.
        """
        deps, objs = frozenset(dependents), frozenset(objects)
        pre, post = frozenset(before), frozenset(phrase)
        # Patterns are stored most specific first, so the first match is the best one;
        # among imported PETRARCH patterns with words after the verb, the one whose
        # words start first in the text wins, as UD-PETRARCH codes "signed an accord
        # on Thursday to supply Gondor" with ACCORD, not with the longer {TO SUPPLY}.
        best: Pattern | None = None
        for pattern in self.verbs.get(lemma, ()):
            if pattern.matches(deps, objs, pre, post, compound_subject, phrase_seq):
                if not (pattern.ordered and pattern.phrase and phrase_seq):
                    return best or pattern
                if best is None or _first_at(pattern.phrase, phrase_seq) < _first_at(
                    best.phrase, phrase_seq
                ):
                    best = pattern
        return best

    def match_noun(self, lemma: str, *, modifiers: Iterable[str]) -> Pattern | None:
        """The most specific noun pattern for ``lemma`` given its compound modifiers."""
        mods = frozenset(modifiers)
        for pattern in self.nouns.get(lemma, ()):
            if pattern.matches(mods, frozenset()):
                return pattern
        return None

    def with_verbs(self, other: Lexicon, *, replace: bool) -> Lexicon:
        """This lexicon with ``other``'s verb patterns put first.

        With ``replace`` the result holds only ``other``'s verbs, no noun patterns and no
        learned fallback: that is how a PETRARCH dictionary coder behaves, and what its
        validation suites expect. Otherwise a verb ``other`` knows is coded by ``other`` alone
        and all other verbs and nouns keep this lexicon's patterns.
        """
        if replace:
            return Lexicon(
                verbs=dict(other.verbs),
                nouns={},
                source=other.source,
                learned_fallback=False,
                aliases=dict(other.aliases),
            )
        return Lexicon(
            verbs={**self.verbs, **other.verbs},
            nouns=dict(self.nouns),
            source=f"{other.source} over {self.source}",
            aliases={**self.aliases, **other.aliases},
        )

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def _adjacent(words: tuple[str, ...], tokens: tuple[frozenset[str], ...]) -> bool:
    """True when ``words`` occur as consecutive tokens (each token: its form and lemma)."""
    n = len(words)
    return any(all(words[j] in tokens[i + j] for j in range(n)) for i in range(len(tokens) - n + 1))


def _first_at(words: tuple[str, ...], tokens: tuple[frozenset[str], ...]) -> int:
    """Where the first of ``words`` first occurs among ``tokens`` (len(tokens) if never)."""
    return next((i for i, t in enumerate(tokens) if words and words[0] in t), len(tokens))


def _in_order(words: tuple[str, ...], tokens: tuple[frozenset[str], ...]) -> bool:
    """True when ``words`` occur among ``tokens`` in this order (gaps allowed)."""
    i = 0
    for token in tokens:
        if i < len(words) and words[i] in token:
            i += 1
    return i == len(words)


def order_patterns(patterns: Iterable[Pattern]) -> tuple[Pattern, ...]:
    """Most specific first; among equals the file order is kept (the sort is stable)."""
    return tuple(sorted(patterns, key=lambda p: -p.specificity))


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
        data = yaml_data.safe_load(text)
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
    return Lexicon(
        verbs={k: order_patterns(v) for k, v in verbs.items()},
        nouns={k: order_patterns(v) for k, v in nouns.items()},
        source=source,
    )
