"""Predicate frames on hand-built parses (no model needed), as spaCy's own tests do."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyads.events.frames import verb_frames

_VOCAB = spacy.blank("en").vocab  # a blank English vocab computes lowercase forms


def _doc(words, heads, deps, pos, lemmas=None) -> Doc:
    return Doc(
        _VOCAB,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas or [w.lower() for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def _frame(doc: Doc, trigger: str):
    return next(f for f in verb_frames(doc[:]) if f.trigger.text == trigger)


def test_frames_active_subject_and_object() -> None:
    doc = _doc(
        ["Russia", "attacked", "Ukraine", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Russia", "attack", "Ukraine", "."],
    )
    frame = _frame(doc, "attacked")
    assert [t.text for t in frame.subjects] == ["Russia"]
    assert [t.text for t in frame.objects] == ["Ukraine"]
    assert frame.modality == "asserted" and not frame.negated


def test_frames_passive_agent_is_the_subject() -> None:
    # "Ukraine was attacked by Russia"
    doc = _doc(
        ["Ukraine", "was", "attacked", "by", "Russia"],
        [2, 2, 2, 2, 3],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN"],
    )
    frame = _frame(doc, "attacked")
    assert [t.text for t in frame.subjects] == ["Russia"]
    assert frame.objects[0].text == "Ukraine"


def test_frames_control_chain_inherits_subject_and_objects() -> None:
    # "Biden threatened to impose sanctions on Russia"
    doc = _doc(
        ["Biden", "threatened", "to", "impose", "sanctions", "on", "Russia"],
        [1, 1, 3, 1, 3, 3, 5],
        ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj"],
        ["PROPN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN"],
        ["Biden", "threaten", "to", "impose", "sanction", "on", "Russia"],
    )
    threaten = _frame(doc, "threatened")
    assert "sanction" in threaten.object_lemmas
    assert "impose" in threaten.dependents
    assert "Russia" in [t.text for t in threaten.objects]
    impose = _frame(doc, "impose")
    assert [t.text for t in impose.subjects] == ["Biden"]


@pytest.mark.parametrize(
    ("aux", "modality"), [("would", "hypothetical"), ("will", "planned"), ("could", "hypothetical")]
)
def test_frames_modality_from_auxiliaries(aux: str, modality: str) -> None:
    doc = _doc(
        ["Russia", aux, "attack", "Ukraine"],
        [2, 2, 2, 2],
        ["nsubj", "aux", "ROOT", "dobj"],
        ["PROPN", "AUX", "VERB", "PROPN"],
    )
    assert _frame(doc, "attack").modality == modality


def test_frames_negation_and_condition() -> None:
    # "Russia will not attack if NATO withdraws"
    doc = _doc(
        ["Russia", "will", "not", "attack", "if", "NATO", "withdraws"],
        [3, 3, 3, 3, 6, 6, 3],
        ["nsubj", "aux", "neg", "ROOT", "mark", "nsubj", "advcl"],
        ["PROPN", "AUX", "PART", "VERB", "SCONJ", "PROPN", "VERB"],
    )
    frame = _frame(doc, "attack")
    assert frame.negated
    assert frame.modality == "conditional"


def test_frames_that_clause_subject_is_an_addressee() -> None:
    # "Russia demanded that NATO withdraw"
    doc = _doc(
        ["Russia", "demanded", "that", "NATO", "withdraw"],
        [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "VERB"],
    )
    frame = _frame(doc, "demanded")
    assert [t.text for t in frame.addressees] == ["NATO"]
    assert _frame(doc, "withdraw").modality == "reported"


def test_frames_name_after_a_misread_conjunct_is_a_subject() -> None:
    # the small model's parse of "Arnor and the evil awful Gondor welcomed talks":
    # "awful" is the conjunct and "Gondor" an apposition of the first name
    doc = _doc(
        ["Arnor", "and", "the", "evil", "awful", "Gondor", "welcomed", "talks", "."],
        [6, 0, 4, 4, 0, 0, 6, 6, 6],
        ["nsubj", "cc", "det", "amod", "conj", "appos", "ROOT", "dobj", "punct"],
        ["PROPN", "CCONJ", "DET", "ADJ", "NOUN", "PROPN", "VERB", "NOUN", "PUNCT"],
    )
    frame = _frame(doc, "welcomed")
    assert "Gondor" in [t.text for t in frame.subjects]


@pytest.mark.parametrize(
    ("adverb", "negated"),
    [("ever", True), ("only", False)],  # "did not even ever clash" / "not only clashed"
)
def test_frames_negation_hung_on_an_adverb(adverb: str, negated: bool) -> None:
    from dyads.events.frames import is_negated

    # Bree did not <adverb> clash with Eriador: the parser attaches "not" to the adverb
    doc = _doc(
        ["Bree", "did", "not", adverb, "clash", "with", "Eriador"],
        heads=[4, 4, 3, 4, 4, 4, 5],
        deps=["nsubj", "aux", "neg", "advmod", "ROOT", "prep", "pobj"],
        pos=["PROPN", "AUX", "PART", "ADV", "VERB", "ADP", "PROPN"],
    )
    assert is_negated(doc[4]) is negated


def test_frames_list_middle_member_read_as_apposition() -> None:
    # "Mordor, the awful Arnor, and Gondor welcomed ties": Arnor parsed as appos of Mordor
    words = ["Mordor", ",", "the", "awful", "Arnor", ",", "and", "Gondor", "welcomed", "ties"]
    doc = _doc(
        words,
        heads=[8, 0, 4, 4, 0, 0, 0, 0, 8, 8],
        deps=["nsubj", "punct", "det", "amod", "appos", "punct", "cc", "conj", "ROOT", "dobj"],
        pos=["PROPN", "PUNCT", "DET", "ADJ", "PROPN", "PUNCT", "CCONJ", "PROPN", "VERB", "NOUN"],
    )
    assert [t.text for t in _frame(doc, "welcomed").subjects] == ["Mordor", "Gondor", "Arnor"]
    # a description with no list after it stays a description: "Mordor, the land, welcomed"
    single = _doc(
        ["Mordor", ",", "the", "Arnor", ",", "welcomed", "ties"],
        heads=[5, 0, 3, 0, 0, 5, 5],
        deps=["nsubj", "punct", "det", "appos", "punct", "ROOT", "dobj"],
        pos=["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "VERB", "NOUN"],
    )
    assert [t.text for t in _frame(single, "welcomed").subjects] == ["Mordor"]


def test_frames_phrase_leaves_out_a_reported_clause() -> None:
    # "Gollum allowed that Mordor is neat": "neat" belongs to what is said
    doc = _doc(
        ["Gollum", "allowed", "that", "Mordor", "is", "neat"],
        heads=[1, 1, 4, 4, 1, 4],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "acomp"],
        pos=["PROPN", "VERB", "SCONJ", "PROPN", "AUX", "ADJ"],
    )
    frame = _frame(doc, "allowed")
    assert "neat" not in frame.phrase_words and "mordor" not in frame.phrase_words
