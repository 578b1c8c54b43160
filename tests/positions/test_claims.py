"""Positions from demand/reject events, on the canonical issue scale."""

from __future__ import annotations

import pytest

from dyads.positions.issues import load_taxonomy
from dyads.positions.stance import content_negated


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("a ban on further NATO expansion", "nato_enlargement"),
        ("impose tough sanctions on Russia", "sanctions_russia"),
        ("an immediate ceasefire in the east", "ceasefire"),
        ("the weather was fine", None),
    ],
)
def test_issues_keywords_find_the_issue(taxonomy, text, issue) -> None:
    hits = taxonomy.find(text)
    assert (hits[0][2].issue.id if hits else None) == issue


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("a ban on further NATO expansion", True),
        ("legal guarantees of the non-expansion of NATO", True),
        ("slam closed NATO's open-door policy", True),
        ("support NATO expansion", False),
        ("keep NATO's open-door policy", False),
    ],
)
def test_claims_negators_flip_the_content(taxonomy, text, negated) -> None:
    offset, keyword, _ = next(h for h in taxonomy.find(text) if h[2].issue.id == "nato_enlargement")
    assert content_negated(text.lower(), offset, keyword, taxonomy.negators) is negated


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("Russia demanded a ban on further NATO expansion.", "RUS", -1.0),
        ("Poland demanded further NATO expansion.", "POL", 1.0),
        ("Russia rejected NATO expansion.", "RUS", -1.0),
        ("Russia would never accept NATO expansion.", "RUS", -1.0),
        (
            "Sherman said the U.S. would not allow anyone to slam closed NATO's open-door policy.",
            "USA",
            1.0,
        ),
        ("Biden warned that the United States would impose tough sanctions on Russia.", "USA", 1.0),
        ("Putin has said new sanctions could lead to a complete breakdown in ties.", "RUS", -1.0),
    ],
)
def test_claims_stance_is_relative_to_the_issue(nlp, knowledge, text, actor, stance) -> None:
    from dyads.pipeline import code_article
    from dyads.records import Article

    coded = code_article(Article(id="t", text=text, date="2022-01-10"), nlp, knowledge)
    issue = "sanctions_russia" if "sanctions" in text else "nato_enlargement"
    found = [(p.actor.country, p.issue.id, p.stance) for p in coded.positions]
    assert (actor, issue, stance) in found, (found, coded.events)


def test_claims_a_nested_act_owns_its_keywords(nlp, knowledge) -> None:
    """The outer offer does not also claim the refusal's content."""
    from dyads.pipeline import code_article
    from dyads.records import Article

    text = (
        "The United States offered talks on arms control while refusing to close "
        "NATO's door to Ukraine."
    )
    coded = code_article(Article(id="t", text=text, date="2022-01-26"), nlp, knowledge)
    stances = {p.stance for p in coded.positions if p.issue.id == "nato_enlargement"}
    assert stances == {1.0}, [(p.issue.id, p.stance, p.evidence) for p in coded.positions]
