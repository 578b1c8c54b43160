"""Positions from events: who wants what, on a scale fixed by the issue's direction.

A claim is an event of the appeal, intend, support, agree, demand, disapprove, reject
or threaten families (``stance.ACT_FAMILIES``). Its issues are the taxonomy keywords
inside the claim's clause (the trigger's subtree), first keyword per issue; its stance
on each is the act's sign times the content's sign (see ``stance``). A negated event
states no claim and is skipped.

An attempt or proposal in the clause also tells its owner's stance, when the owner is
one of the event's actors: "Russia would not accept U.S. attempts to limit the agenda"
is Russia against limiting the agenda and the U.S. for it.

A claim whose clause names no taxonomy issue gets an automatic one (``objects``): the
act's object, keyed by stems ("demanded the withdrawal of troops" ->
``auto:troop+withdraw``). Its canonical direction is the object happening, so the act's
sign times the content's sign reads as for taxonomy issues: demanding and rejecting
the withdrawal come out opposite. A taxonomy match always wins over an automatic issue.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from dyads.positions.cluster import AutoClaim, merged_key, specific_keys
from dyads.positions.issues import IssueEntry, Taxonomy
from dyads.positions.objects import AUTO_PREFIX, claim_object
from dyads.positions.stance import (
    ACT_FAMILIES,
    Hit,
    attributed_owner,
    event_act,
    issue_hits,
    negator_offset,
)
from dyads.records import Actor, Event, Issue, Position, content_hash


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
    # every coded act owns its own keywords: "condemned the attack and announced new
    # sanctions" is no claim of the condemnation about sanctions (the announcement, a
    # 163, is not a claim family but still holds them)
    token_at = {tok.idx: tok.i for tok in doc}
    event_tokens = {e.id: token_at.get(e.span[0]) for e in events}
    acts = {clause.root.i for clause in clauses.values()}
    acts |= {i for i in event_tokens.values() if i is not None}
    for event in events:
        family = ACT_FAMILIES.get(event.cameo[:2])
        if family is None or event.negated or event.id not in clauses:
            continue
        clause = clauses[event.id]
        trigger = clause.root
        triggers = acts - {event_tokens[event.id]} if event_tokens[event.id] != trigger.i else acts
        hits = issue_hits(clause, taxonomy)
        if not hits and taxonomy.auto:
            auto = _auto_hit(clause, event, taxonomy, triggers)
            hits = [auto] if auto is not None else []
        for hit in hits:
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
    return _merge_bare_heads(positions)


def _merge_bare_heads(positions: list[Position]) -> list[Position]:
    """Move "rejected the withdrawal" onto the article's "withdrawal of troops" (``cluster``)."""
    claims = {p.id: _auto_claim(p) for p in positions if "auto_key" in p.evidence}
    nearby = specific_keys(claims.values())
    if not nearby:
        return positions
    labels = {c.key: c.phrase for c in sorted(claims.values(), key=lambda c: c.id)[::-1]}
    merged = []
    for p in positions:
        claim = claims.get(p.id)
        into = merged_key(claim, nearby) if claim is not None else None
        if claim is not None and into != claim.key:
            issue = Issue(id=AUTO_PREFIX + "+".join(into), label=labels[into])
            p = replace(p, issue=issue, evidence={**p.evidence, "auto_merged_into": list(into)})
        merged.append(p)
    return merged


def _auto_claim(position: Position) -> AutoClaim:
    ev = position.evidence
    key = tuple(ev["auto_key"])
    return AutoClaim(position.id, position.doc_id, key, ev["auto_head"], ev["auto_phrase"])


def _owned_by_nested_act(hit: Hit, trigger, triggers: set[int]) -> bool:
    """True when another claim's act lies between the keyword and ``trigger``."""
    for tok in hit.token.ancestors:
        if tok.i == trigger.i:
            return False
        if tok.i in triggers:
            return True
    return False


def _auto_hit(clause: Span, event: Event, taxonomy: Taxonomy, triggers: set[int]) -> Hit | None:
    """The claim's object as an automatic issue, or None when it names nothing."""
    trigger = clause.root
    actors = frozenset(
        word
        for actor in (*event.source, *event.target)
        for word in (actor.text or "").lower().split()
    )
    found = claim_object(trigger, skip=frozenset(triggers - {trigger.i}), actors=actors)
    if found is None or not clause.start <= found.head.i < clause.end:
        return None
    entry = IssueEntry(
        issue=Issue(id=found.issue_id, label=found.phrase),
        direction=f"{found.phrase} happens",
        keywords=(found.phrase,),
    )
    if found.negated_by is not None:  # "an end to the blockade": against the blockade
        content, negator = -1, found.negated_by.idx
    else:  # "would never accept ...": the taxonomy's negators, as for keywords
        offset = found.start.idx - clause.start_char
        at = negator_offset(clause.text.lower(), offset, found.start.lower_, taxonomy.negators)
        content, negator = (1, None) if at is None else (-1, clause.start_char + at)
    return Hit(found.head, found.phrase, entry, content, negator, auto=found)


def _position(
    event: Event, actor: Actor, hit: Hit, stance: int, rule: str, *extra: str
) -> Position:
    evidence = {"event_id": event.id, "rule": rule}
    if hit.auto is not None:
        evidence |= hit.auto.evidence()
    return Position(
        id=content_hash(event.id, hit.entry.issue.id, actor.code or actor.text, *extra),
        doc_id=event.doc_id,
        date=event.date,
        actor=actor,
        issue=hit.entry.issue,
        stance=float(stance),
        claim_text=event.sentence,
        evidence=evidence,
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
