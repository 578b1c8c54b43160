"""Positions from claims: who wants what, on a scale fixed by the issue's direction.

First cut: a claim is an event of the demand, appeal, support or reject families.
Its issue is the first taxonomy keyword inside the claim's clause; its stance is the
act's sign (demanding or supporting = +1, rejecting = -1) times the content's sign
(a keyword preceded by a negator such as "ban on" or "slam closed" is -1).
Threats count as +1: threatening sanctions is a stance for sanctions.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyads.positions.issues import Taxonomy
from dyads.records import Event, Position, content_hash

#: CAMEO roots whose events state what their source wants (+1) or refuses (-1).
ACT_SIGN = {"02": 1, "03": 1, "04": 1, "05": 1, "08": 1, "10": 1, "11": -1, "12": -1, "13": 1}
NEGATOR_WINDOW = 40  # characters before a keyword in which a negator flips it


def positions_from_events(doc: Doc, events: list[Event], taxonomy: Taxonomy) -> list[Position]:
    """One position per (event, source actor) whose clause names an issue.

    Args:
        doc (Doc): the parsed article (for the clause text around each trigger).
        events (list[Event]): the article's events.
        taxonomy (Taxonomy): the issue taxonomy.

    RETURNS (list[Position]): positions with the event as evidence.
    """
    positions = []
    for event in events:
        act = ACT_SIGN.get(event.cameo[:2])
        if act is None or event.negated:
            continue
        clause = _clause_text(doc, event)
        hits = taxonomy.find(clause)
        if not hits:
            continue
        offset, keyword, entry = hits[0]
        content = -1 if _negated(clause, offset, keyword, taxonomy.negators) else 1
        for actor in event.source:
            positions.append(
                Position(
                    id=content_hash(event.id, entry.issue.id, actor.code or actor.text),
                    doc_id=event.doc_id,
                    date=event.date,
                    actor=actor,
                    issue=entry.issue,
                    stance=float(act * content),
                    claim_text=event.sentence,
                    evidence={
                        "event_id": event.id,
                        "rule": f"act {event.cameo[:2]} ({act:+d}) x content "
                        f"'{keyword}' ({content:+d})",
                    },
                )
            )
    return positions


def _clause_text(doc: Doc, event: Event) -> str:
    """The trigger's subtree, i.e. the claim as stated ("demands including a ban on ...")."""
    span = doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
    if span is None:
        return event.sentence
    trigger = span.root
    tokens = list(trigger.subtree)
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _negated(text: str, offset: int, keyword: str, negators: tuple[str, ...]) -> bool:
    before = text[max(0, offset - NEGATOR_WINDOW) : offset].lower()
    if keyword.startswith("non") or before.endswith("non-"):
        return True
    words = before.replace("-", " ").split()
    window = " ".join(words[-5:])
    return any(f" {n} " in f" {window} " for n in negators)
