"""Acceptance on the seed story (Geneva talks, 10 January 2022): who stands where."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

import pytest

from dyads.pipeline import code_article
from dyads.records import Article

NATO = "IGOWSTNAT"


@pytest.fixture(scope="module")
def stances(nlp, knowledge, seed_path) -> dict[tuple[str, str], float]:
    """Mean stance per (actor, issue); actors by country (RUS, USA) or NATO's code."""
    text = seed_path.read_text(encoding="utf-8")
    coded = code_article(Article(id="seed", text=text, date="2022-01-10"), nlp, knowledge)
    found = defaultdict(list)
    for p in coded.positions:
        actor = NATO if (p.actor.code or "").startswith(NATO) else p.actor.country
        found[actor, p.issue.id].append(p.stance)
    return {key: mean(values) for key, values in found.items()}


@pytest.mark.parametrize(
    ("issue", "russia"),
    [("nato_enlargement", -1), ("russian_security_proposals", 1), ("agenda_limits", -1)],
)
def test_seed_russia_and_us_are_opposite(stances, issue, russia) -> None:
    assert (stances.get(("RUS", issue), 0) > 0) is (russia > 0), stances
    assert stances.get(("RUS", issue), 0) * stances.get(("USA", issue), 0) < 0, stances


def test_seed_nato_sides_with_us(stances) -> None:
    shared = [issue for actor, issue in stances if actor == NATO]
    assert shared, stances
    for issue in shared:
        assert stances[NATO, issue] * stances.get(("USA", issue), 0) > 0, (issue, stances)


@pytest.mark.parametrize(("actor", "stance"), [("RUS", -1), ("USA", 1)])
def test_seed_sanctions_threat_and_warning(stances, actor, stance) -> None:
    assert stances[actor, "sanctions_russia"] == stance, stances
