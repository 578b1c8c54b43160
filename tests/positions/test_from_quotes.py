"""Positions from quotes: the speaker's stance, without counting a claim twice."""

from __future__ import annotations

import pytest

from dyads.pipeline import code_article
from dyads.records import Article


@pytest.mark.parametrize(
    ("text", "actor", "issue", "stance"),
    [
        (
            '"We need legal guarantees of the non-expansion of NATO," Ryabkov said.',
            "RUS",
            "nato_enlargement",
            -1.0,
        ),
        (
            '"We need legal guarantees of the non-expansion of NATO," Ryabkov said.',
            "RUS",
            "russian_security_proposals",
            1.0,
        ),
    ],
)
def test_from_quotes_speaker_stance(nlp, knowledge, text, actor, issue, stance) -> None:
    coded = code_article(Article(id="q", text=text, date="2022-01-10"), nlp, knowledge)
    found = [
        (p.actor.country, p.issue.id, p.stance) for p in coded.positions if "quote_id" in p.evidence
    ]
    assert (actor, issue, stance) in found, (found, coded.quotes)


@pytest.mark.parametrize(
    "text", ['Putin has said new sanctions could lead to a "complete breakdown in ties."']
)
def test_from_quotes_no_double_count(nlp, knowledge, text) -> None:
    coded = code_article(Article(id="q", text=text, date="2022-01-10"), nlp, knowledge)
    keys = [(p.actor.code, p.issue.id) for p in coded.positions]
    assert len(keys) == len(set(keys)), coded.positions
