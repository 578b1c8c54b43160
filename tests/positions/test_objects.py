"""Unmatched claims: the object of a demand or rejection, keyed by stems."""

from __future__ import annotations

import pytest

from dyads.pipeline import code_article
from dyads.positions.objects import claim_object, stem
from dyads.records import Article


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("withdrawal", "withdraw"), True),
        (("negotiation", "negotiate", "talk"), True),
        (("expansion", "expand"), True),
        (("taxation", "tax"), True),
        (("force", "soldier", "troop"), True),
        (("nation", "nat"), False),  # too short a stem is kept whole
    ],
)
def test_objects_stem_meets_noun_and_verb(words, same) -> None:
    assert (len({stem(w) for w in words}) == 1) is same, [stem(w) for w in words]


def _auto(nlp, knowledge, text: str) -> list[tuple[str, str, float]]:
    coded = code_article(Article(id="t", text=text, date="2022-01-10"), nlp, knowledge)
    return [(p.actor.country, p.issue.id, p.stance) for p in coded.positions]


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("Russia demanded the withdrawal of troops.", "RUS", 1.0),
        ("France urged Russia to withdraw its troops.", "FRA", 1.0),
        ("Russia demanded that the United States withdraw its forces.", "RUS", 1.0),
        ("Russia rejected the withdrawal of troops.", "RUS", -1.0),
        ("Iran rejected calls for the withdrawal of troops.", "IRN", -1.0),
        ("Russia would never accept the withdrawal of troops.", "RUS", -1.0),
    ],
)
def test_objects_paraphrases_share_one_auto_issue(nlp, knowledge, text, actor, stance) -> None:
    found = _auto(nlp, knowledge, text)
    assert (actor, "auto:troop+withdraw", stance) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Russia called on NATO to end the blockade of Kaliningrad.",
        "Russia urged NATO to lift the blockade of Kaliningrad.",
    ],
)
def test_objects_negating_head_turns_the_content(nlp, knowledge, text) -> None:
    """Ending or lifting the blockade is being against it, on the blockade's own issue."""
    found = _auto(nlp, knowledge, text)
    assert ("RUS", "auto:blockad+kaliningrad", -1.0) in found, found


def test_objects_light_verbs_meet_their_object(nlp, knowledge) -> None:
    talks = _auto(nlp, knowledge, "Russia urged the United States to hold talks.")
    negotiations = _auto(nlp, knowledge, "Russia urged the United States to begin negotiations.")
    assert talks == negotiations == [("RUS", "auto:negoti", 1.0)], (talks, negotiations)


@pytest.mark.parametrize(
    ("text", "trigger", "key"),
    [
        ("Ukraine called for troops to be withdrawn.", "called", ("troop", "withdraw")),
        (
            "Ukraine demanded the release of political prisoners.",
            "demanded",
            ("prisoner", "releas"),
        ),
        ("Ukraine urged Russia to stay.", "urged", None),  # a bare verb names no issue
        ("Ukraine demanded answers.", "demanded", None),  # too vague on its own
        ("Ukraine criticised Russia.", "criticised", None),  # an actor, not an issue
    ],
)
def test_objects_claim_object_on_the_parse(nlp, text, trigger, key) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = claim_object(token)
    assert (found.key if found else None) == key, found


def test_objects_bare_head_joins_the_articles_specific_issue(nlp, knowledge) -> None:
    """ "the withdrawal" refers back to the article's "withdrawal of troops": opposite stances."""
    text = "Russia demanded the withdrawal of troops. Iran rejected the withdrawal."
    found = _auto(nlp, knowledge, text)
    assert sorted(found) == [
        ("IRN", "auto:troop+withdraw", -1.0),
        ("RUS", "auto:troop+withdraw", 1.0),
    ]


def test_objects_taxonomy_match_wins(nlp, knowledge) -> None:
    found = _auto(
        nlp, knowledge, "Russia demanded the withdrawal of troops and a ban on NATO expansion."
    )
    issues = {issue for _, issue, _ in found}
    assert "nato_enlargement" in issues and not any(i.startswith("auto:") for i in issues), found


def test_objects_evidence_says_what_was_keyed(nlp, knowledge) -> None:
    text = "Russia called on NATO to end the blockade of Kaliningrad."
    coded = code_article(Article(id="t", text=text, date="2022-01-10"), nlp, knowledge)
    (position,) = [p for p in coded.positions if p.issue.id.startswith("auto:")]
    ev = position.evidence
    assert ev["auto_key"] == ["blockad", "kaliningrad"] and ev["auto_head"] == "blockad"
    assert ev["auto_phrase"] == position.issue.label == "blockade of Kaliningrad"
    assert ev["auto_negated_by"] == "end" and ev["event_id"]
