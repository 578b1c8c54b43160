"""The learned fallback inside event extraction: when it is asked and what it leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.events import extract
from dyads.events.fallback import Prediction
from dyads.knowledge import Knowledge, load_knowledge
from dyads.pipeline import code_doc
from dyads.records import Article

SAMPLE_VERBS = Path(__file__).parent / "data" / "sample_verbs.txt"


def _code(nlp, knowledge: Knowledge, text: str):
    return code_doc(Article(id="t", text=text, date="2022-01-10"), nlp(text), knowledge).events


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the model by one that codes every verb 194 and records what it was asked."""
    calls: list[str] = []

    def fake(trigger, *, threshold):
        calls.append(trigger.text)
        return Prediction(code="194", score=0.91, model="test-model v0")

    monkeypatch.setattr(extract, "classify_predicate", fake)
    return calls


def test_unknown_verb_between_actors_is_coded_by_the_model_with_its_score(
    nlp, knowledge: Knowledge, asked: list[str]
) -> None:
    events = _code(nlp, knowledge, "Russia befriended Ukraine.")
    assert asked == ["befriended"]
    assert [(e.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("194", "RUS", "UKR")
    ]
    assert events[0].evidence["rule"].startswith("model test-model v0 p=0.91 -> 194")
    assert events[0].evidence["model_score"] == 0.91


def test_model_is_not_asked_about_known_verbs_or_verbs_without_two_actors(
    nlp, knowledge: Knowledge, asked: list[str]
) -> None:
    _code(nlp, knowledge, "Russia attacked Ukraine. Russia befriended the weather.")
    assert asked == []


def test_petrarch_dictionary_mode_has_no_learned_fallback(nlp, asked: list[str]) -> None:
    alone = load_knowledge(verbs=[SAMPLE_VERBS], verbs_only=True)
    assert _code(nlp, alone, "Russia befriended Ukraine.") == ()
    assert asked == []
