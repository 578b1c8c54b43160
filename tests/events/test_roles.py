"""Who an event is by and for (events/roles.py and the frame rules it relies on)."""

from __future__ import annotations

import pytest

from dyads.knowledge import Knowledge
from dyads.pipeline import code_doc
from dyads.records import Article

pytestmark = pytest.mark.slow


def _dyads(nlp, knowledge: Knowledge, text: str) -> set[tuple[str, str, str]]:
    coded = code_doc(Article(id="t", text=text, date="2022-01-10"), nlp(text), knowledge)
    return {
        (e.cameo[:2], s.code or "", t.code or "")
        for e in coded.events
        for s in e.source
        for t in e.target
    }


def test_partitive_subject_is_the_group_it_counts(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "Thousands of Iraqi Kurds demonstrated against Turkey.")
    assert any(code == "14" and src[:3] == "IRQ" and tgt == "TUR" for code, src, tgt in found)


def test_partitive_object_is_seen_by_object_patterns(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "Russia handed over 700 kg of medicine to Syria.")
    assert ("07", "RUS", "SYR") in found


def test_role_of_coordinated_countries_is_one_actor_per_country(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "Lawmakers in France and Germany condemned Russia.")
    assert {("11", "FRALEG", "RUS"), ("11", "DEULEG", "RUS")} <= found


def test_target_deeper_in_the_verb_phrase(nlp, knowledge: Knowledge) -> None:
    found = _dyads(
        nlp, knowledge, "Japan welcomed a resumption of formal diplomatic ties with China."
    )
    assert any(src == "JPN" and tgt == "CHN" for _, src, tgt in found)


def test_coordinated_doers_with_no_object_act_on_each_other(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "France and Germany held talks in Paris.")
    assert {("04", "FRA", "DEU"), ("04", "DEU", "FRA")} <= found


def test_a_role_owned_by_an_unknown_pronoun_is_nobody(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "Crowds burned down its embassy.")
    assert found == set()


def _frame(nlp, text: str, trigger: str):
    from dyads.events.frames import verb_frames

    doc = nlp(text)
    return next(f for s in doc.sents for f in verb_frames(s) if f.trigger.text == trigger)


def test_object_controls_the_to_clause(nlp) -> None:
    frame = _frame(nlp, "Egypt urged Israel to withdraw its troops.", "withdraw")
    assert [t.text for t in frame.subjects] == ["Israel"]


def test_adjectival_passive_subject_is_the_doer(nlp) -> None:
    frame = _frame(nlp, "Serbian forces were engaged in attacks on villages.", "engaged")
    assert [t.text for t in frame.subjects] == ["forces"]
    assert "forces" not in [t.text for t in frame.objects]


def test_gerund_of_a_process_takes_the_doer_of_its_verb(nlp) -> None:
    frame = _frame(
        nlp, "Kenya began the process of returning the refugees to Somalia.", "returning"
    )
    assert [t.text for t in frame.subjects] == ["Kenya"]


def test_addressee_of_a_clause_on_the_object(nlp) -> None:
    frame = _frame(
        nlp,
        "The rebels insisted on their demand that the government release prisoners.",
        "insisted",
    )
    assert "government" in [t.text for t in frame.addressees]


def test_threat_with_a_condition_on_the_controlled_verb_targets_its_doer(
    nlp, knowledge: Knowledge
) -> None:
    found = _dyads(
        nlp, knowledge, "Russia threatened to halt the talks if Japan deployed new missiles."
    )
    assert any(src == "RUS" and tgt == "JPN" and code == "13" for code, src, tgt in found)


def test_a_named_means_refines_generic_violence(nlp, knowledge: Knowledge) -> None:
    found = _dyads(
        nlp, knowledge, "Irish guerrillas wounded two British soldiers in a bomb attack."
    )
    assert ("18", "IRLREB", "GBRMIL") in found


def test_telling_the_press_is_no_event_with_the_press(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "The Russian foreign minister told Reuters the talks failed.")
    assert not any(tgt.endswith("MED") for _, _, tgt in found)


def test_a_message_noun_gives_its_participle_the_sender(nlp, knowledge: Knowledge) -> None:
    found = _dyads(
        nlp,
        knowledge,
        "The Kurdish rebels issued a declaration demanding that the Turkish government "
        "release prisoners.",
    )
    assert any(code == "10" and tgt == "TURGOV" for code, _, tgt in found)
    assert not any(code == "01" for code, _, _ in found)


def test_coordinated_nationalities_are_one_actor_each(nlp, knowledge: Knowledge) -> None:
    found = _dyads(nlp, knowledge, "Hungarian and Romanian officials condemned Russia.")
    assert {("11", "HUNGOV", "RUS"), ("11", "ROUGOV", "RUS")} <= found


def test_roles_second_conjunct_shares_the_first_ones_places(nlp) -> None:
    """ "Lawmakers and officials in Arnor and Gondor": both roles, in both countries."""
    from dyads.actors.kb import load_kb
    from dyads.actors.recognise import actor_mentions
    from dyads.events.roles import distributed
    from dyads.nlp import parse_article

    text = "Lawmakers and officials in Russia and Ukraine welcomed the talks."
    doc = parse_article(nlp, text)
    mentions = actor_mentions(doc, load_kb(), doc_id="t", day=None)
    officials = next(t for t in doc if t.lower_ == "officials")
    if officials.dep_ != "conj" or officials.i not in mentions:
        pytest.skip("this model parses the sentence differently")
    codes = {a.code for a in distributed(officials, mentions[officials.i].actor, mentions)}
    assert {"RUSGOV", "UKRGOV"} <= codes


def test_roles_named_body_speaks_for_its_owner() -> None:
    """ "The information ministry of Gondor said": the body is no actor, Gondor is."""
    import spacy
    from spacy.tokens import Doc

    from dyads.events.roles import actors_of
    from dyads.records import Actor, ActorMention

    words = ["The", "ministry", "of", "Gondor", "said"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 4, 1, 2, 4],
        deps=["det", "nsubj", "prep", "pobj", "ROOT"],
        pos=["DET", "PROPN", "ADP", "PROPN", "VERB"],
    )
    gondor = Actor(text="Gondor", country="GON", code="GON")
    mentions = {3: ActorMention(doc_id="t", actor=gondor, start=16, end=22, sentence_id=0)}
    assert [a.code for a in actors_of([doc[1]], mentions, doc[4])] == ["GON"]
    # a common noun is not a body: "the invasion of Gondor" is no act of Gondor
    common = Doc(
        spacy.blank("en").vocab,
        words=["The", "invasion", "of", "Gondor", "angered"],
        heads=[1, 4, 1, 2, 4],
        deps=["det", "nsubj", "prep", "pobj", "ROOT"],
        pos=["DET", "NOUN", "ADP", "PROPN", "VERB"],
    )
    assert actors_of([common[1]], mentions, common[4]) == []
