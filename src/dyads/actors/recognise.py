"""Finding every actor mention in a parsed article, with in-document coreference.

``actor_mentions`` walks the noun phrases of a Doc in reading order, codes each with
``code_phrase`` and resolves what cannot be coded on its own against what came
before: a bare surname ("Ryabkov") or a pronoun ("he") takes the actor of the last
matching person; a definite description ("the alliance") takes its organisation once
that organisation has been named. Each resolution is written into the evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from dyads.actors.code import code_phrase, make_code, org_actor_from_anaphor, phrase_tokens
from dyads.actors.kb import ActorKB, Organization
from dyads.records import Actor, ActorMention

NOMINAL_POS = frozenset({"PROPN", "NOUN", "PRON"})
#: Pronouns resolved to the last person named (he/she only: "it"/"they" are too often
#: non-actors to resolve without a real coreference model).
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
#: Dependencies under which a token is part of a bigger name, not a head of its own.
INNER_DEPS = frozenset({"compound", "nmod"})
#: Entity types a name-internal token may still be coded as ("U.S. attempts").
INNER_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG"})
#: Dependents that show a root tagged as a verb really is one.
VERB_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "ccomp", "xcomp", "csubj"})


@dataclass
class _History:
    """What has been named so far in the article (reading order)."""

    people: dict[str, Actor] = field(default_factory=dict)  # lower name or name part -> actor
    last_person: Actor | None = None
    persons: list[Actor] = field(default_factory=list)  # people named, in reading order
    orgs: dict[str, Organization] = field(default_factory=dict)  # id -> org

    def remember(self, actor: Actor, kb: ActorKB, *, is_person: bool) -> None:
        if (actor.kb_id or "").startswith("org:"):
            org = kb.organization(actor.name or "")
            if org is not None:
                self.orgs[org.id] = org
        if is_person and actor.name:
            # a fuller, coded entry is never overwritten by a bare, uncoded one
            for key in (actor.name.lower(), *(p.lower() for p in actor.name.split())):
                known = self.people.get(key)
                if known is None or (known.code is None and actor.code is not None):
                    self.people[key] = actor
            self.last_person = actor
            self.persons.append(actor)

    def person(self, name: str) -> Actor | None:
        key = name.lower()
        return self.people.get(key) or self.people.get(key.split()[-1] if key else "")


def actor_mentions(
    doc: Doc, kb: ActorKB, *, doc_id: str, day: str | None
) -> dict[int, ActorMention]:
    """All actor mentions of ``doc``, keyed by the index of their head token.

    Args:
        doc (Doc): the parsed article.
        kb (ActorKB): the knowledge base.
        doc_id (str): the article id written into each mention.
        day (str | None): ISO publication date, for date-bounded office holders.

    RETURNS (dict[int, ActorMention]): mentions in reading order.
    """
    starts = [sent.start for sent in doc.sents]
    history = _History()
    found: dict[int, ActorMention] = {}
    for tok in doc:
        if tok.dep_ in INNER_DEPS or not (tok.pos_ in NOMINAL_POS or _is_capitalised_root(tok)):
            continue
        actor = _code_or_resolve(tok, kb, history, day)
        if actor is None or _owned_by_nobody(tok, actor):
            continue
        history.remember(actor, kb, is_person=_is_person_token(tok))
        tokens = phrase_tokens(tok) if tok.pos_ != "PRON" else [tok]
        found[tok.i] = _mention(doc_id, actor, tokens, starts)
    # Second pass: a country or organisation inside a name whose head is no actor
    # ("U.S. attempts", "NATO expansion") is still an actor of its own.
    for tok in doc:
        if (
            (tok.dep_ in INNER_DEPS and tok.ent_type_ in INNER_ENTITY_TYPES)
            # a name the NER missed or mistyped, before a common noun ("the Ithilen
            # villages", tagged PERSON): coded when the knowledge base knows the word
            # itself as a country or organisation
            or (
                tok.dep_ == "compound"
                and tok.pos_ == "PROPN"
                and tok.head.pos_ == "NOUN"
                and (kb.country(tok.text) or kb.organization(tok.text)) is not None
            )
            # "the Russian proposals", "an Indian proposal": the owner of a thing
            or (tok.dep_ == "amod" and tok.ent_type_ == "NORP" and tok.head.pos_ == "NOUN")
        ) and tok.head.i not in found:
            if any(
                t.i in found for t in tok.head.children if t.dep_ in INNER_DEPS and t.i != tok.i
            ):
                continue  # one actor per name ("New York" gives one)
            actor = code_phrase(tok, kb, day=day)
            if actor is not None and actor.code is not None:
                found[tok.i] = _mention(doc_id, actor, [tok], starts)
    # "Arnor, Calenardhon and Gondor welcomed": the parser hangs the list's first
    # member on the last one as a modifier; with conjuncts of its own it is a member
    for tok in doc:
        if (
            tok.dep_ == "nmod"
            and tok.pos_ == "PROPN"
            and tok.i not in found
            and any(c.dep_ == "conj" for c in tok.children)
        ):
            actor = code_phrase(tok, kb, day=day)
            if actor is not None and actor.code is not None:
                found[tok.i] = _mention(doc_id, actor, [tok], starts)
    # "Hungarian and Romanian officials": the second nationality is a country of its own
    for tok in doc:
        if (
            tok.dep_ == "conj"
            and tok.head.dep_ == "amod"
            and tok.ent_type_ == "NORP"
            and tok.i not in found
        ):
            actor = code_phrase(tok, kb, day=day)
            if actor is not None and actor.country is not None:
                found[tok.i] = _mention(doc_id, actor, [tok], starts)
    _share_country_with_conjuncts(doc, found)
    return dict(sorted(found.items()))


def _owned_by_nobody(tok: Token, actor: Actor) -> bool:
    """ "its embassy", "their populations": a role owned by a pronoun that named no
    actor, with no country or name of its own, is nobody a reader could look up."""
    if actor.country is not None or actor.name is not None:
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _share_country_with_conjuncts(doc: Doc, found: dict[int, ActorMention]) -> None:
    """ "Danish media and government": a bare conjunct (no determiner or modifier of its
    own) takes the country of the phrase it is coordinated with."""
    for i, mention in list(found.items()):
        tok = doc[i]
        actor = mention.actor
        if tok.dep_ != "conj" or actor.country is not None or actor.sector is None:
            continue
        if any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children):
            continue
        first = found.get(tok.head.i)
        if first is None or first.actor.country is None:
            continue
        shared = replace(
            actor,
            country=first.actor.country,
            code=make_code(first.actor.country, actor.sector),
            evidence=f"{actor.evidence}; country shared with '{first.actor.text}'",
        )
        found[i] = replace(mention, actor=shared)


def _mention(doc_id: str, actor: Actor, tokens: list[Token], starts: list[int]) -> ActorMention:
    return ActorMention(
        doc_id=doc_id,
        actor=actor,
        start=tokens[0].idx,
        end=tokens[-1].idx + len(tokens[-1].text),
        sentence_id=bisect_right(starts, tokens[0].i) - 1,
    )


def _is_capitalised_root(tok: Token) -> bool:
    """A name or role the tagger mistook for an adjective or verb ("Denmark", "paramedic").

    Only a root with no subject, object or auxiliary of its own: a real verb has them.
    """
    if tok.dep_ != "ROOT" or tok.pos_ not in ("ADJ", "VERB", "X"):
        return False
    return not any(c.dep_ in VERB_DEPS for c in tok.children)


def _is_person_token(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lower_ in PERSON_PRONOUNS


def _code_or_resolve(tok: Token, kb: ActorKB, history: _History, day: str | None) -> Actor | None:
    if tok.pos_ == "PRON":
        if tok.lower_ in PERSON_PRONOUNS and history.last_person is not None:
            prior = history.last_person
            return replace(
                prior, text=tok.text, evidence=f"coref:pronoun '{tok.text}' -> {prior.name}"
            )
        return None
    actor = code_phrase(tok, kb, day=day)
    if actor is None:
        return _anaphor(tok, kb, history)
    if actor.country is None and _is_definite_title(tok):
        prior = _titled_person(tok, history)
        if prior is not None:
            return replace(
                prior, text=actor.text, evidence=f"coref:title '{actor.text}' -> {prior.name}"
            )
    if actor.country == "EU" and (actor.kb_id or "").startswith("seat:"):
        # "Brussels" is the EU's seat, but NATO's too: follow the article's context
        nato = kb.organization("NATO")
        if nato is not None and nato.id in history.orgs and "eu" not in history.orgs:
            return replace(
                org_actor_from_anaphor(actor.text, nato),
                evidence=f"metonym:{actor.text} -> NATO (NATO named earlier, the EU not)",
            )
    if tok.ent_type_ == "PERSON" and actor.country is None and actor.name:
        prior = history.person(actor.name)
        if prior is not None and prior.code is not None:
            return replace(
                prior, text=actor.text, evidence=f"coref:name '{actor.text}' -> {prior.name}"
            )
    return actor


def _is_definite_title(tok: Token) -> bool:
    """ "the minister", "the president": a definite, unnamed, singular role noun."""
    return (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NN"
        and any(c.lower_ == "the" for c in tok.children)
        and not any(c.pos_ == "PROPN" or c.ent_type_ for c in tok.children)
    )


def _titled_person(tok: Token, history: _History) -> Actor | None:
    """The last person named whose title holds this noun ("the minister" -> Ryabkov)."""
    word = tok.lower_
    for prior in reversed(history.persons):
        if prior.code is not None and word in f"{prior.text} {prior.evidence}".lower():
            return prior
    return None


def _anaphor(tok: Token, kb: ActorKB, history: _History) -> Actor | None:
    """'the alliance' -> NATO, once NATO has been named in this article."""
    if tok.pos_ != "NOUN":
        return None
    det = "the " if any(c.lower_ == "the" for c in tok.children) else ""
    for phrase in (f"{det}{tok.lower_}", f"the {tok.lower_}", tok.lower_):
        org = kb.anaphors.get(phrase)
        if org is not None and org.id in history.orgs:
            return org_actor_from_anaphor(f"{det}{tok.text}", org)
    return None
