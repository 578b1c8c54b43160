"""Events that the text does not assert: denied ("denies any such plans") or negated.

``denied_or_negated`` is a pure function over a parsed trigger. The rule is general
on purpose: an event noun or verb inside the object of a denial verb ("Russia denies
any such plans", "denied that its troops had crossed the border") is not asserted,
whatever the event is, and neither is one inside a claim that is rejected ("dismissed
reports of an invasion"). Rejecting a *proposal* is a different thing: in "rejected
the demands" the demands were made, so "reject" denies only through a claim noun.
The word lists live in ``events/data/modality_cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from dyads import yaml_data
from dyads.errors import DyadsError

#: Links from a denial verb to what it denies: its object, its that-clause, its
#: controlled verb ("denied planning"), or the subject of its passive ("were denied").
DENIED_LINKS = frozenset({"dobj", "ccomp", "xcomp", "pcomp", "nsubjpass", "csubjpass", "oprd"})
#: Words that negate an event noun itself: "no talks", "never an invasion".
NOUN_NEGATORS = frozenset({"no", "never"})


@dataclass(frozen=True)
class ModalityCues:
    """Denial verbs (lemma, particle or None), claim verbs and claim nouns."""

    denial_verbs: frozenset[tuple[str, str | None]]
    claim_verbs: frozenset[tuple[str, str | None]]
    claim_nouns: frozenset[str]


def denied_or_negated(trigger: Token, cues: ModalityCues | None = None) -> str | None:
    """Whether the event of ``trigger`` is denied, negated, or neither.

    Args:
        trigger (Token): the event's predicate verb or event noun.
        cues (ModalityCues | None): word lists; defaults to the packaged ones.

    RETURNS (str | None): "denied" when the event is inside what a denial verb denies
        (or inside a claim a claim verb rejects), "negated" when the trigger itself is
        negated ("did not attack", "no talks"), else None. A denial outranks a
        negation: "denied that it did not ..." is still not asserted.
    """
    cues = cues or load_cues()
    if _denied(trigger, cues):
        return "denied"
    if any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NOUN_NEGATORS) for c in trigger.children
    ):
        return "negated"
    return None


def _denied(trigger: Token, cues: ModalityCues) -> bool:
    """Walk up from ``trigger``; true at the first denial verb whose object holds it."""
    node, via_claim = trigger, False
    while node.head.i != node.i:
        head = node.head
        if head.pos_ in ("VERB", "AUX") and (node.dep_ in DENIED_LINKS or _gerund_object(node)):
            keys = _verb_keys(head)
            denial = bool(keys & cues.denial_verbs) or (via_claim and bool(keys & cues.claim_verbs))
            if denial:
                # "did not deny the plans" asserts nothing either way; leave it alone
                return not any(c.dep_ == "neg" for c in head.children)
        if head.lemma_.lower() in cues.claim_nouns:
            via_claim = True
        node = head
    return False


def _gerund_object(node: Token) -> bool:
    """A gerund the parser hung as a clause but that is the object: "ruled out sending
    troops". Only right after the verb (or its particle), so that "denied it, saying
    ..." keeps its statement."""
    if node.dep_ != "advcl" or node.tag_ != "VBG":
        return False
    verb = node.head
    before = max([verb.i, *(c.i for c in verb.children if c.dep_ == "prt")])
    return node.i == before + 1 and not any(c.dep_ == "mark" for c in node.children)


def _verb_keys(verb: Token) -> frozenset[tuple[str, str | None]]:
    """The entries ``verb`` can match: (lemma, None) and, with a particle, (lemma,
    particle), so "ruled out" matches "rule out" but "ruled" alone does not."""
    lemma = verb.lemma_.lower()
    keys = {(lemma, None)}
    keys.update((lemma, c.lower_) for c in verb.children if c.dep_ == "prt")
    return frozenset(keys)


@cache
def load_cues(path: Path | None = None) -> ModalityCues:
    """Read the cue lists (defaults to the packaged ``events/data/modality_cues.yaml``).

    Args:
        path (Path | None): another YAML file with the same keys. Defaults to None.

    RETURNS (ModalityCues): the parsed lists.
    """
    if path is None:
        text = (
            resources.files("dyads.events")
            .joinpath("data/modality_cues.yaml")
            .read_text(encoding="utf-8")
        )
        origin = "events/data/modality_cues.yaml"
    else:
        text, origin = Path(path).read_text(encoding="utf-8"), str(path)
    data = yaml_data.safe_load(text) or {}
    missing = [k for k in ("denial_verbs", "claim_verbs", "claim_nouns") if k not in data]
    if missing:
        raise DyadsError(
            f"{origin} has no {', '.join(missing)}; expected the keys denial_verbs, "
            "claim_verbs and claim_nouns. Compare it with the packaged modality_cues.yaml."
        )
    return ModalityCues(
        denial_verbs=frozenset(_verb_entry(v) for v in data["denial_verbs"]),
        claim_verbs=frozenset(_verb_entry(v) for v in data["claim_verbs"]),
        claim_nouns=frozenset(str(n).lower() for n in data["claim_nouns"]),
    )


def _verb_entry(text: str) -> tuple[str, str | None]:
    words = str(text).lower().split()
    return (words[0], words[1] if len(words) > 1 else None)
