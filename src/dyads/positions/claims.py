"""Positions from events: who wants what, on a scale fixed by the issue's direction.

A claim is an event of the appeal, intend, support, agree, demand, disapprove, reject
or threaten families (``stance.ACT_FAMILIES``). Its issues are the taxonomy keywords
inside the claim's clause (the trigger's subtree), first keyword per issue; its stance
on each is the act's sign times the content's sign (see ``stance``). A negated event
states no claim and is skipped.

An attempt or proposal in the clause also tells its owner's stance, when the owner is
one of the event's actors: "Russia would not accept U.S. attempts to limit the agenda"
is Russia against limiting the agenda and the U.S. for it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dyads.positions.issues import Taxonomy
from dyads.positions.stance import ACT_FAMILIES, Hit, attributed_owner, event_act, issue_hits
from dyads.records import Actor, Event, Position, content_hash


def positions_from_events(doc: Doc, events: list[Event], taxonomy: Taxonomy) -> list[Position]:
    """One position per (event, source actor, issue) whose clause names an issue.

    Args:
        doc (Doc): the parsed article (for the clause around each trigger).
        events (list[Event]): the article's events.
        taxonomy (Taxonomy): the issue taxonomy.

    RETURNS (list[Position]): positions with the event as evidence.
    """
    positions = []
    clauses = {
        event.id: clause
        for event in events
        if ACT_FAMILIES.get(event.cameo[:2]) is not None
        and (clause := _clause(doc, event)) is not None
    }
    triggers = {clause.root.i for clause in clauses.values()}
    for event in events:
        family = ACT_FAMILIES.get(event.cameo[:2])
        if family is None or event.negated or event.id not in clauses:
            continue
        clause = clauses[event.id]
        trigger = clause.root
        for hit in issue_hits(clause, taxonomy):
            if _owned_by_nested_act(hit, trigger, triggers):
                continue  # "offering talks while refusing to close NATO's door": the refusal's
            act, act_rule = event_act(family[0], family[1], hit, trigger)
            rule = f"act {event.cameo[:2]} {act_rule} x content '{hit.keyword}' ({hit.content:+d})"
            for actor in event.source:
                positions.append(_position(event, actor, hit, act * hit.content, rule))
            owner = _owner(event, hit, trigger)
            if owner is not None:
                rule = f"attributed to '{owner.text}' x content '{hit.keyword}' ({hit.content:+d})"
                positions.append(_position(event, owner, hit, hit.content, rule, "attributed"))
    return positions


def _owned_by_nested_act(hit: Hit, trigger, triggers: set[int]) -> bool:
    """True when another claim's act lies between the keyword and ``trigger``."""
    for tok in hit.token.ancestors:
        if tok.i == trigger.i:
            return False
        if tok.i in triggers:
            return True
    return False


def _position(
    event: Event, actor: Actor, hit: Hit, stance: int, rule: str, *extra: str
) -> Position:
    return Position(
        id=content_hash(event.id, hit.entry.issue.id, actor.code or actor.text, *extra),
        doc_id=event.doc_id,
        date=event.date,
        actor=actor,
        issue=hit.entry.issue,
        stance=float(stance),
        claim_text=event.sentence,
        evidence={"event_id": event.id, "rule": rule},
    )


def _clause(doc: Doc, event: Event) -> Span | None:
    """The trigger's subtree, i.e. the claim as stated ("demands including a ban on ...")."""
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    if span is None:
        return None
    tokens = list(span.root.subtree)
    return doc[tokens[0].i : tokens[-1].i + 1]


def _owner(event: Event, hit: Hit, trigger) -> Actor | None:
    """The event actor who owns an attempt or proposal holding the issue, if any."""
    phrase = attributed_owner(hit, trigger)
    if phrase is None:
        return None
    words = phrase.text.lower()
    for actor in (*event.target, *event.source):
        names = {actor.text.lower(), (actor.name or "").lower()}
        if words in names:
            return actor
    return None
