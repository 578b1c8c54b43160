"""Who an event is by and for: actors of a predicate's roles, as pure functions.

``extract`` finds the predicate and its code; the functions here turn the frame's
argument tokens into ``Actor`` records: pronoun doers borrow the doer of the clause
above, roles attached to coordinated countries stand for one actor per country, and
a target may be the first actor deeper in the verb's phrase or the owner of the
thing rejected or demanded.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from dyads.actors.code import make_code
from dyads.events.frames import governing_verb, subjects_of
from dyads.events.lexicon import Pattern
from dyads.events.words import frame_words
from dyads.records import Actor, ActorMention

UNRESOLVED_PRONOUNS = frozenset({"it", "they", "we", "them", "us"})
REFLEXIVES = frozenset({"themselves", "itself", "himself", "herself", "ourselves", "myself"})


#: Clauses of their own inside a verb's phrase: their actors belong to their own verbs.
#: Participle modifiers ("memos sent by Bree", "roads leading into Mordor") stay in.
OWN_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj"})


def phrase_tokens(verb: Token) -> list[Token]:
    """Tokens after ``verb`` in its phrase, without subjects and nested clauses.

    A purpose clause ("signed an accord to supply Gondor") stays in the phrase.
    """
    found: list[Token] = []

    def walk(tok: Token) -> None:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") or (
                child.dep_ in OWN_CLAUSE_DEPS and not _purpose_clause(child)
            ):
                continue
            if child.i > verb.i:
                found.append(child)
            walk(child)

    walk(verb)
    return sorted(found, key=lambda t: t.i)


def _purpose_clause(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def actors_of(
    tokens: list[Token] | tuple[Token, ...],
    mentions: dict[int, ActorMention],
    verb: Token,
    *,
    depth: int = 0,
) -> list[Actor]:
    found: list[Actor] = []
    for tok in tokens:
        mention = mentions.get(tok.i)
        if mention is None and tok.lower_ in UNRESOLVED_PRONOUNS and depth < 2:
            # "Washington says it cannot accept": a pronoun doer of a clause takes the
            # doer of the clause it hangs on (one step up, then a second at most).
            above = governing_verb(verb)
            for _ in range(2):
                if above is None:
                    break
                inherited = actors_of(subjects_of(above), mentions, above, depth=depth + 1)
                if inherited:
                    found.extend(a for a in inherited if a not in found)
                    break
                above = governing_verb(above)
            continue
        if mention is None and tok.pos_ == "PROPN":
            # "the information ministry of Gondor said": a named body that is no
            # actor of its own speaks for the actor it belongs to (a common noun is
            # not: "the invasion of Ukraine angered ..." is no act of Ukraine)
            owner = next(
                (
                    p
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children
                    if p.dep_ == "pobj" and p.i in mentions
                ),
                None,
            )
            if owner is not None:
                tok, mention = owner, mentions[owner.i]
        if mention is not None:
            for actor in distributed(tok, mention.actor, mentions):
                if actor not in found:
                    found.append(actor)
    return found


def distributed(tok: Token, actor: Actor, mentions: dict[int, ActorMention]) -> list[Actor]:
    """ "Lawmakers in Arnor and Gondor", "Hungarian and Romanian officials": a role
    attached to coordinated countries stands for one actor per country. A PETRARCH
    dictionary entry with several codes ("THE SHIRE [FRO/BIL/SAM]") is one actor each."""
    several = _dictionary_codes(actor)
    if several:
        return [
            replace(actor, code=c, country=c[:3], sector=c[3:6] or None, evidence=actor.evidence)
            for c in several
        ]
    if actor.country is None:
        return [actor]
    out = [actor]
    owners = _owner_words(tok)
    if not owners and tok.dep_ == "conj":
        # "Lawmakers and officials in Arnor and Gondor": the shared place is the first's
        owners = _owner_words(tok.head)
    for owner in owners:
        first = mentions.get(owner.i)
        if first is not None and first.actor.country != actor.country:
            continue  # the phrase's country came from elsewhere
        for conj in owner.conjuncts:
            other = mentions.get(conj.i)
            if other is None or other.actor.country in (None, actor.country):
                continue
            country = other.actor.country
            out.append(
                replace(
                    actor,
                    text=f"{actor.text} ({other.actor.text})",
                    country=country,
                    code=make_code(country, actor.sector),
                    evidence=f"{actor.evidence}; one of coordinated '{conj.text}'",
                )
            )
    return out


def _dictionary_codes(actor: Actor) -> list[str]:
    kb_id = actor.kb_id or ""
    if not kb_id.startswith("org:petrarch:") or "/" not in kb_id:
        return []
    return [c for c in kb_id.removeprefix("org:petrarch:").split("/") if c]


def _owner_words(tok: Token) -> list[Token]:
    """Where a role's country can come from: its "of/in/from" objects and its
    nationality adjectives."""
    found = [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from")
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return found + [
        c
        for c in tok.children
        if (c.dep_ == "amod" and c.ent_type_ == "NORP")
        or (c.dep_ in ("nmod", "compound", "amod") and c.pos_ == "PROPN")
    ]


def first_actor_group(
    tokens: list[Token] | tuple[Token, ...],
    mentions: dict[int, ActorMention],
    *,
    exclude: list[Actor],
    venues: bool = False,
) -> list[Actor]:
    """Actors of the first object that is an actor, plus its coordinated partners.

    A capital after "in"/"at" is skipped as the venue unless ``venues`` (a visit's
    destination is its target: "arrived in Amman").
    """
    for tok in tokens:
        mention = mentions.get(tok.i)
        if mention is None or same_actor(mention.actor, exclude) or tok.lower_ in REFLEXIVES:
            continue  # "blew themselves up": the doers, not another party
        if not venues and _venue(tok, mention):
            continue
        group = distributed(tok, mention.actor, mentions)
        for conj in tok.conjuncts:
            m = mentions.get(conj.i)
            if m is not None and m.actor not in group and not same_actor(m.actor, exclude):
                group.extend(distributed(conj, m.actor, mentions))
        return group
    return []


def _venue(tok: Token, mention: ActorMention) -> bool:
    """ "held talks in Paris": a seat of power after "in"/"at" is where, not whom."""
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "at")
        and (mention.actor.kb_id or "").startswith("seat:")
    )


def is_instrument(
    tok: Token, pattern: Pattern, mentions: dict[int, ActorMention], sources: list[Actor]
) -> bool:
    """An object named by the pattern that is no other party ("massed troops")."""
    if tok.lemma_.lower() not in pattern.objects:
        return False
    mention = mentions.get(tok.i)
    own = {a.country for a in sources}
    return mention is None or mention.actor.country is None or mention.actor.country in own


def owners_of(
    verb: Token, mentions: dict[int, ActorMention], *, exclude: list[Actor]
) -> list[Actor]:
    """The doer of the thing a clause is about: "demands that Washington cannot accept"
    -> whoever made the demands (the subject of the verb that has them as object)."""
    node = verb
    while node.dep_ == "ccomp" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("acl", "relcl") or node.head.pos_ != "NOUN":
        return []
    thing = node.head
    if thing.dep_ in ("dobj", "attr") and thing.head.pos_ == "VERB":
        return [
            a
            for a in actors_of(subjects_of(thing.head), mentions, thing.head)
            if not same_actor(a, exclude)
        ]
    return []


def same_actor(actor: Actor, others: list[Actor]) -> bool:
    return any(actor.code == o.code and actor.name == o.name for o in others)


def condition_actors(
    verb: Token, mentions: dict[int, ActorMention], *, exclude: list[Actor]
) -> list[Actor]:
    """Doers of ``verb``'s condition clause: "... if Russia invaded Ukraine" -> Russia,
    also of a condition on the verb it controls ("threatened to stop talks if ...")."""
    controlled = [c for c in verb.children if c.dep_ == "xcomp"]
    for clause in [c for v in (verb, *controlled) for c in v.children]:
        if clause.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("if", "unless", "should") for m in clause.children
        ):
            found = [a for a in actors_of(subjects_of(clause), mentions, clause)]
            found = [a for a in found if not same_actor(a, exclude)]
            if found:
                return found
    return []


#: Verbs that report what someone said or thinks: "X says [the proposals are non-starters]".
REPORTING_VERBS = frame_words("reporting_verbs")


def reporter_of(verb: Token) -> Token | None:
    """The reporting verb whose clause ``verb`` heads, if any."""
    head = verb.head
    if verb.dep_ == "ccomp" and head.i != verb.i and head.lemma_.lower() in REPORTING_VERBS:
        return head
    return None


def judged_owner(
    subjects: tuple[Token, ...] | list[Token],
    mentions: dict[int, ActorMention],
    *,
    exclude: list[Actor],
) -> list[Actor]:
    """Whose thing a reported judgement is about: "parts of the Russian proposals" -> Russia."""
    for subject in subjects:
        for tok in subject.subtree:
            mention = mentions.get(tok.i)
            if (
                mention is not None
                and tok.i != subject.i
                and not same_actor(mention.actor, exclude)
            ):
                return [mention.actor]
    return []


def previous_doer(
    trigger: Token, mentions: dict[int, ActorMention], *, exclude: list[Actor], sentences: int = 2
) -> list[Actor]:
    """The latest doer of the sentences just before ``trigger``'s whose country is not the
    source's: "In response, Sherman said the U.S. would not allow anyone to ..." answers
    the Russian deputy minister of the sentence before."""
    own = {a.country for a in exclude}
    start = trigger.sent.start
    for _ in range(sentences):
        if start == 0:
            break
        sent = trigger.doc[start - 1].sent
        # the main clause's doer first ("He said ..."), then the others, latest first
        doers = [t for t in reversed(sent) if t.dep_ in ("nsubj", "nsubjpass")]
        doers.sort(key=lambda t: t.head.dep_ != "ROOT")
        for tok in doers:
            mention = mentions.get(tok.i)
            if mention is None:
                continue
            country = mention.actor.country
            if country is not None and country not in own:
                return [mention.actor]
        start = sent.start
    return []
