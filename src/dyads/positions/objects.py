"""Unmatched claims: what a claim that names no taxonomy issue is about.

A demand, rejection or appeal whose clause holds no keyword of ``issues.yaml`` still
says what its actor wants: the act's object ("demanded the withdrawal of troops",
"called for troops to be withdrawn", "urged Russia to withdraw its troops").
``claim_object`` finds that object's head and its most telling dependent, and
``stem`` turns their lemmas into stems on which a noun and its verb meet
("withdrawal", "withdrawn" -> "withdraw"). The sorted stems are the claim's issue,
``auto:troop+withdraw``: the same in every article whatever the order they were coded
in, so grouping claims into automatic issues needs no corpus pass. ``cluster`` then
merges keys and picks readable labels over the whole store.

The rules and word lists live in ``positions/data/auto_issues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from dyads import yaml_data
from dyads.errors import DyadsError

AUTO_PREFIX = "auto:"
#: Object dependencies of an act, most telling first.
_OBJECT_DEPS = ("dobj", "nsubjpass", "xcomp", "ccomp", "pobj")
#: Prepositions that lead from an act to its object ("call for", "agree to", "insist on").
_OBJECT_PREPS = frozenset({"for", "on", "to", "against", "upon", "into", "about", "over"})
#: Named-entity types that name an actor, not an issue ("urged Russia", "backed Biden").
_ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN"})


@dataclass(frozen=True)
class AutoRules:
    """The word lists of ``auto_issues.yaml``."""

    generic: frozenset[str]
    negating: frozenset[str]
    vague: frozenset[str]
    light: frozenset[str]
    nominalisations: dict[str, str]
    suffixes: tuple[str, ...]
    min_stem: int


@dataclass(frozen=True)
class ClaimObject:
    """What an unmatched claim is about: its head, one dependent, and the stems of both."""

    head: Token
    dependent: Token | None
    phrase: str  # the object as a short readable phrase ("withdrawal of troops")
    start: Token  # the object's first word, before which a negator flips the content
    key: tuple[str, ...]  # sorted stems of head and dependent
    negated_by: Token | None = None  # a negating head read through ("an end to ...")

    @property
    def issue_id(self) -> str:
        return AUTO_PREFIX + "+".join(self.key)

    def evidence(self) -> dict[str, object]:
        """What ``cluster`` needs to re-group the claim from scratch, and a reader to check it."""
        return {
            "auto_key": list(self.key),
            "auto_head": stem(self.head.lemma_),
            "auto_phrase": self.phrase,
            "auto_nominal": self.head.pos_ != "VERB",
            **({"auto_negated_by": self.negated_by.text} if self.negated_by is not None else {}),
        }


@cache
def auto_rules() -> AutoRules:
    """The packaged rules (read once)."""
    source = "dyads:positions/data/auto_issues.yaml"
    text = (resources.files("dyads") / "positions" / "data" / "auto_issues.yaml").read_text(
        encoding="utf-8"
    )
    try:
        data = yaml_data.safe_load(text)
        return AutoRules(
            generic=frozenset(str(w) for w in data["generic"]),
            negating=frozenset(str(w) for w in data["negating"]),
            vague=frozenset(str(w) for w in data["vague"]),
            light=frozenset(str(w) for w in data["light"]),
            nominalisations={str(k): str(v) for k, v in data["nominalisations"].items()},
            suffixes=tuple(sorted((str(s) for s in data["suffixes"]), key=len, reverse=True)),
            min_stem=int(data["min_stem"]),
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as err:
        raise DyadsError(f"{source}: not a valid auto-issue rule file ({err!r}).") from err


def stem(lemma: str, rules: AutoRules | None = None) -> str:
    """The stem on which a noun and its verb meet: "withdrawal" and "withdraw" -> "withdraw"."""
    rules = rules or auto_rules()
    word = lemma.lower()
    word = rules.nominalisations.get(word, word)
    for suffix in rules.suffixes:  # the longest suffix that fits, or none ("station")
        if word.endswith(suffix):
            return word[: -len(suffix)] if len(word) - len(suffix) >= rules.min_stem else word
    return word


def claim_object(
    trigger: Token, *, skip: frozenset[int] = frozenset(), actors: frozenset[str] = frozenset()
) -> ClaimObject | None:
    """The object of the act at ``trigger``, or None when it names no issue.

    Args:
        trigger (Token): the event's trigger (the root of its clause).
        skip (frozenset[int]): token indices of other claims' triggers: an object that is
            another act ("urged Russia to reject ...") belongs to that act.
        actors (frozenset[str]): lowercased words of the event's actors: an object that
            is one of them ("accused the alliance of ...") is the act's target.

    RETURNS (ClaimObject | None): the object, its stems and a readable phrase.
    """
    rules = auto_rules()
    for candidate in _candidates(trigger):
        head, negated = _through(candidate, rules)
        if head is None or head.i in skip or head.lower_ in actors:
            continue
        if not _is_content(head, rules):
            continue
        dependent = _dependent(head, rules)
        if dependent is None and (head.pos_ == "VERB" or head.lemma_.lower() in rules.vague):
            continue  # "urged them to stay", "demanded answers": nothing to group on
        if head.lemma_.lower() in rules.vague and dependent.pos_ != "NOUN":
            continue  # "officials in Brussels"
        if dependent is not None and dependent.i in skip:
            dependent = None
        key = tuple(sorted({stem(t.lemma_, rules) for t in (head, dependent) if t is not None}))
        phrase = _phrase(head, dependent)
        return ClaimObject(head, dependent, phrase, _start(head), key, negated)
    return None


def _candidates(trigger: Token) -> list[Token]:
    """The trigger's object-like children, most telling dependency first."""
    found = []
    for dep in _OBJECT_DEPS:
        for child in trigger.children:
            if dep == "pobj" and child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
                found.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
            elif dep == "xcomp" and child.dep_ == "advcl" and _marked_for(child):
                found.append(child)  # "called for troops to be withdrawn"
            elif child.dep_ == dep:
                found.append(child)
    return found


def _marked_for(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)


def _through(head: Token, rules: AutoRules) -> tuple[Token | None, Token | None]:
    """Read a generic or negating head through to its complement ("plan to cut taxes",
    "an end to the blockade", "lift the blockade") and a light verb through to its object
    ("hold talks").

    RETURNS (tuple): the content head (None when there is none) and the last negating
        head passed, which turns the content around.
    """
    negated = None
    for _ in range(4):
        lemma = head.lemma_.lower()
        if lemma in rules.negating or head.lower_ in rules.negating:
            negated = None if negated is not None else head  # "end the ban": two turns
        elif lemma not in rules.generic and not (head.pos_ == "VERB" and lemma in rules.light):
            return head, negated
        if head.pos_ == "VERB":
            nxt = next((c for c in head.children if c.dep_ == "dobj"), None)
        else:
            nxt = next(
                (
                    g
                    for c in head.children
                    if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS | {"of"}
                    for g in c.children
                    if g.dep_ in {"pobj", "pcomp"}
                ),
                None,
            ) or next(
                (c for c in head.children if c.dep_ in {"acl", "xcomp"} and c.pos_ == "VERB"),
                None,
            )
        if nxt is None:
            return None, None
        head = nxt
    return None, None


def _is_content(token: Token, rules: AutoRules) -> bool:
    """A noun or verb that can name an issue: not a pronoun, an actor or a stop word."""
    if token.pos_ not in _CONTENT_POS or token.is_stop or len(token.lemma_) < 3:
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in _ACTOR_ENTS:
        return False  # "urged Russia", "backed Biden": an actor, not what is wanted
    return token.lemma_.isalpha() or "-" in token.lemma_


def _dependent(head: Token, rules: AutoRules) -> Token | None:
    """The head's most telling dependent: its object, "of" complement or compound."""
    if head.pos_ == "VERB":
        order = [("dobj",), ("nsubjpass",), ("prep", "pobj")]
    else:
        order = [("prep-of", "pobj"), ("compound",), ("prep", "pobj")]  # "sanctions on Iran"
    for path in order:
        for child in head.children:
            tok = _follow(child, path)
            if tok is not None and _telling(tok, rules):
                return tok
    return None


def _follow(child: Token, path: tuple[str, ...]) -> Token | None:
    kind = path[0]
    if kind == "prep-of":
        if child.dep_ != "prep" or child.lower_ != "of":
            return None
    elif child.dep_ != kind or (kind == "prep" and child.lower_ not in _OBJECT_PREPS):
        return None  # "negotiations without delay": not what the negotiations are about
    if len(path) == 1:
        return child
    return next((g for g in child.children if g.dep_ == path[1]), None)


def _telling(token: Token, rules: AutoRules) -> bool:
    """A dependent worth keying on: a content noun or a named thing, not a vague word."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.is_stop:
        return False
    return token.lemma_.lower() not in rules.vague | rules.generic and len(token.lemma_) > 2


def _phrase(head: Token, dependent: Token | None) -> str:
    """A short readable phrase: "withdrawal of troops", "withdraw troops", "gun control"."""
    if dependent is None:
        return _word(head)
    if dependent.head.i == head.i and dependent.dep_ == "compound":
        return f"{_word(dependent)} {_word(head)}"
    if dependent.dep_ == "pobj":
        return f"{_word(head)} {dependent.head.lower_} {_word(dependent)}"
    if dependent.dep_ == "nsubjpass":  # "troops to be withdrawn" -> "withdraw troops"
        return f"{head.lemma_.lower()} {_word(dependent)}"
    return f"{_word(head)} {_word(dependent)}"


def _word(token: Token) -> str:
    text = token.text if token.pos_ == "PROPN" else token.lower_
    return token.lemma_.lower() if token.pos_ == "VERB" else text


def _start(head: Token) -> Token:
    """The object's first word, skipping determiners and possessives ("the blockade")."""
    for tok in head.subtree:
        if tok.dep_ not in {"det", "poss", "predet", "punct", "case", "aux", "auxpass", "mark"}:
            return tok if tok.i <= head.i else head
    return head
