"""Quotes as evidence of events and positions (quotes/link.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.knowledge import Knowledge
from dyads.pipeline import code_doc
from dyads.quotes.link import link_quotes
from dyads.records import Actor, Article, Event, Issue, Position, Quote

RUS = Actor(text="Russia", name="Russia", country="RUS", sector=None, code="RUS")
USA = Actor(text="the U.S.", name="United States", country="USA", sector=None, code="USA")


def _event(id_: str, span: tuple[int, int]) -> Event:
    return Event(
        id=id_,
        doc_id="d",
        date=None,
        date_text=None,
        source=(RUS,),
        target=(USA,),
        cameo="120",
        plover="REJECT",
        mode=None,
        goldstein=-4.0,
        quad_class=3,
        negated=False,
        modality="asserted",
        location=None,
        sentence="s",
        span=span,
        evidence={"rule": "test"},
    )


def _quote(id_: str, span: tuple[int, int], cue: tuple[int, int] | None = None) -> Quote:
    return Quote(
        id=id_,
        doc_id="d",
        kind="indirect",
        text="t",
        span=span,
        speaker=RUS,
        speaker_text="Ryabkov",
        cue="told",
        sentence_ids=(0,),
        evidence={"rule": "test", **({"cue_span": list(cue)} if cue else {})},
    )


def test_event_inside_a_quote_and_the_reporting_verb_are_linked_both_ways() -> None:
    inside, cue_event, elsewhere = (
        _event("e1", (30, 36)),
        _event("e2", (8, 12)),
        _event("e3", (90, 95)),
    )
    quote = _quote("q1", (20, 60), cue=(8, 12))
    position = Position(
        id="p1",
        doc_id="d",
        date=None,
        actor=RUS,
        issue=Issue("nato", "NATO"),
        stance=-1.0,
        claim_text="c",
        evidence={"event_id": "e1"},
    )
    events, quotes, positions = link_quotes([inside, cue_event, elsewhere], [quote], [position])
    assert events[0].evidence["quote_ids"] == ["q1"]
    assert events[1].evidence["quote_ids"] == ["q1"]
    assert "quote_ids" not in events[2].evidence
    assert quotes[0].evidence["event_ids"] == ["e1", "e2"]
    assert positions[0].evidence["quote_ids"] == ["q1"]


def test_nothing_to_link_leaves_records_unchanged() -> None:
    event = _event("e1", (0, 4))
    assert link_quotes([event], [], []) == ([event], [], [])


@pytest.mark.shared
def test_seed_rejection_is_evidenced_by_ryabkovs_quote(
    nlp, knowledge: Knowledge, seed_path: Path
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    coded = code_doc(Article(id="seed", text=text, date="2022-01-10"), nlp(text), knowledge)
    quotes = {q.id: q for q in coded.quotes}
    linked = [
        quotes[i]
        for e in coded.events
        if e.cameo.startswith("12") and "would not accept" in e.sentence
        for i in e.evidence.get("quote_ids", [])
    ]
    assert any(q.speaker is not None and q.speaker.country == "RUS" for q in linked)
