"""Announced acts become intents or threats (events/intent.py, events/data/intent.yaml)."""

from __future__ import annotations

import pytest

from dyads.events.intent import announced_code, demanded_code
from dyads.knowledge import Knowledge
from dyads.pipeline import code_doc
from dyads.records import Article


@pytest.mark.parametrize(
    ("code", "modality", "expected"),
    [
        ("042", "planned", ("036", "intent")),
        ("045", "hypothetical", ("039", "intent")),
        ("0741", "planned", ("0334", "intent")),  # falls back to the 3-digit parent
        ("163", "conditional", ("1312", "threat")),
        ("190", "planned", ("1384", "threat")),
        ("163", "asserted", None),  # done, not announced
        ("010", "planned", None),  # statements have no announced form
        ("130", "conditional", None),  # a threat stays a threat
    ],
)
def test_announced_code(code: str, modality: str, expected: tuple[str, str] | None) -> None:
    assert announced_code(code, modality) == expected


def _events(nlp, knowledge: Knowledge, text: str) -> list[tuple[str, str, str, str]]:
    doc = nlp(text)
    coded = code_doc(Article(id="t", text=text, date="2022-01-10"), doc, knowledge)
    return [
        (e.cameo, e.source[0].code or "", e.target[0].code or "" if e.target else "", e.modality)
        for e in coded.events
    ]


@pytest.mark.slow
def test_conditional_sanctions_are_a_threat_against_the_doer_of_the_condition(
    nlp, knowledge: Knowledge
) -> None:
    found = _events(nlp, knowledge, "Britain would impose sanctions if Iran attacked.")
    assert found == [("1312", "GBR", "IRN", "conditional")]


@pytest.mark.slow
def test_a_planned_visit_is_an_intent_to_meet(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "The French president will visit Albania in June.")
    assert ("036", "FRAGOV", "ALB", "planned") in found


@pytest.mark.slow
def test_ready_to_contribute_troops_is_an_intent(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "France is ready to contribute troops to the mission in Mali.")
    assert [(c, s, t) for c, s, t, _ in found] == [("0334", "FRA", "MLI")]


@pytest.mark.slow
def test_going_to_is_a_future_not_a_journey(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "Iran is going to attack Israel.")
    assert [(c, s, t) for c, s, t, _ in found] == [("1384", "IRN", "ISR")]


@pytest.mark.slow
def test_a_done_act_keeps_its_code(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "The European Union imposed new sanctions on Russia.")
    assert [c for c, *_ in found] == ["163"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("084", "1053"), ("0874", "1056"), ("046", "106"), ("039", "108"), ("190", "100")],
)
def test_demanded_code(code: str, expected: str) -> None:
    assert demanded_code(code) == expected


@pytest.mark.slow
def test_what_a_speaker_says_another_must_do_is_a_demand(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "Britain reiterated that Libya must hand over the suspects.")
    assert [(c, s, t) for c, s, t, _ in found] == [("1013", "GBR", "LBY")]  # extradition


@pytest.mark.slow
def test_what_a_speaker_says_itself_must_do_is_no_demand(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "France said France must defend Ukraine.")
    assert all(not c.startswith("10") for c, *_ in found)


@pytest.mark.slow
def test_the_condition_of_a_threat_is_no_event(nlp, knowledge: Knowledge) -> None:
    found = _events(
        nlp, knowledge, "Washington would respond decisively if Russia invaded Ukraine."
    )
    assert not any(src == "RUS" for _, src, _, _ in found)


@pytest.mark.slow
def test_not_going_to_fight_is_negated(nlp, knowledge: Knowledge) -> None:
    doc_text = "These American forces are not going to fight in Ukraine."
    coded = code_doc(Article(id="t", text=doc_text, date="2022-01-10"), nlp(doc_text), knowledge)
    fights = [e for e in coded.events if e.cameo.startswith(("13", "19"))]
    assert fights and all(e.negated and e.cameo.startswith("19") for e in fights)


@pytest.mark.slow
def test_sanctions_said_to_hit_banks_are_no_attack_by_the_speaker(
    nlp, knowledge: Knowledge
) -> None:
    found = _events(
        nlp, knowledge, "Biden announced new sanctions that he said would hit Russian banks."
    )
    assert not any(code.startswith(("138", "19")) for code, *_ in found)


@pytest.mark.slow
def test_what_a_conditioned_party_tried_to_do_is_no_event(nlp, knowledge: Knowledge) -> None:
    found = _events(
        nlp,
        knowledge,
        "Russia would respond with military measures if NATO tried to put pressure on Russia.",
    )
    assert not any(src.startswith("IGO") for _, src, _, _ in found)


@pytest.mark.slow
def test_agreeing_to_a_hostile_act_is_that_act(nlp, knowledge: Knowledge) -> None:
    found = _events(nlp, knowledge, "The European Union agreed to sanction Russian lawmakers.")
    assert [c for c, *_ in found] == ["163"]
