"""Quotes as evidence: which events and positions a quote states.

An event whose trigger lies inside a quote's content ("Russia would not accept U.S.
attempts ...", Ryabkov told RIA) is what that quote says, and so is the event of its
reporting verb; a position read off such an event takes the same quotes. Links go both
ways: ``event.evidence["quote_ids"]``, ``quote.evidence["event_ids"]`` and
``position.evidence["quote_ids"]``. Pure function over records; nothing is re-coded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dyads.records import Event, Position, Quote


def link_quotes(
    events: Sequence[Event], quotes: Sequence[Quote], positions: Sequence[Position]
) -> tuple[list[Event], list[Quote], list[Position]]:
    """The records with their quote links added to their evidence (see the module)."""
    by_event: dict[str, list[str]] = {}
    by_quote: dict[str, list[str]] = {}
    for event in events:
        for quote in quotes:
            if _states(quote, event):
                by_event.setdefault(event.id, []).append(quote.id)
                by_quote.setdefault(quote.id, []).append(event.id)
    linked_events = [
        replace(e, evidence={**e.evidence, "quote_ids": by_event[e.id]}) if e.id in by_event else e
        for e in events
    ]
    linked_quotes = [
        replace(q, evidence={**q.evidence, "event_ids": by_quote[q.id]}) if q.id in by_quote else q
        for q in quotes
    ]
    linked_positions = []
    for position in positions:
        found = by_event.get(str(position.evidence.get("event_id", "")), [])
        linked_positions.append(
            replace(position, evidence={**position.evidence, "quote_ids": found})
            if found
            else position
        )
    return linked_events, linked_quotes, linked_positions


def _states(quote: Quote, event: Event) -> bool:
    start, end = event.span
    inside = quote.span[0] <= start and end <= quote.span[1]
    cue = quote.evidence.get("cue_span")
    return inside or (cue is not None and cue[0] <= start and end <= cue[1])
