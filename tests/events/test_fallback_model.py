"""The packaged fallback classifier: features, loading, and codes for own examples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from dyads.errors import DyadsError
from dyads.events.fallback import classify_predicate, load_model, rank_predicate
from dyads.events.fallback.features import HASH_BUCKETS, feature_names, predicate_features
from dyads.nlp import parse_article

pytestmark = pytest.mark.slow


def _verb(nlp: Language, text: str, word: str):
    doc = parse_article(nlp, text)
    return next(t for t in doc if t.text == word)


def test_fallback_features_read_the_predicate(nlp: Language) -> None:
    trigger = _verb(nlp, "Ruritania threatened to impose sanctions on Freedonia.", "threatened")
    names = feature_names(trigger)
    assert "lemma=threaten" in names
    assert "ctl=impose" in names
    assert "ctl_obj=sanction" in names
    features = predicate_features(trigger)
    assert all(0 <= b < HASH_BUCKETS for b in features.buckets)
    assert features.dense.shape == (96,)
    assert np.isclose(np.linalg.norm(features.dense), 1.0)


def test_fallback_features_tensor_survives_joined_paragraphs(nlp: Language) -> None:
    # parse_articles joins paragraphs with Doc.from_docs; the tensor must come along
    doc = parse_article(nlp, "A headline\nRuritania shelled villages in Freedonia.")
    assert doc.tensor.shape == (len(doc), 96)
    shelled = next(t for t in doc if t.text == "shelled")
    assert np.linalg.norm(predicate_features(shelled).dense) > 0


@pytest.mark.parametrize(
    ("text", "word", "root"),
    [
        ("Ruritania shelled villages in Freedonia.", "shelled", "19"),
        ("The government of Ruritania pledged aid to Freedonia.", "pledged", "03"),
        ("Sylvanian police detained two opposition leaders.", "detained", "17"),
        ("Freedonia lashed out at Ruritania over the dam.", "lashed", "11"),
    ],
)
def test_fallback_classifies_own_examples(nlp: Language, text: str, word: str, root: str) -> None:
    prediction = classify_predicate(_verb(nlp, text, word))
    assert prediction is not None, text
    assert prediction.code[:2] == root, prediction
    assert 0.0 < prediction.score <= 1.0
    assert prediction.model.startswith("fallback-logreg v")


def test_fallback_abstains_on_a_non_event(nlp: Language) -> None:
    trigger = _verb(nlp, "Ruritania hosted the Olympics in 2012.", "hosted")
    assert rank_predicate(trigger)[0].code == "none"
    assert classify_predicate(trigger) is None


def test_fallback_threshold_can_refuse_every_code(nlp: Language) -> None:
    trigger = _verb(nlp, "Ruritania shelled villages in Freedonia.", "shelled")
    assert classify_predicate(trigger, threshold=1.01) is None


def test_fallback_packaged_model_metadata() -> None:
    model = load_model()
    assert model.meta["synthetic"] is True
    assert model.meta["examples"] > 1000
    assert "none" in model.labels
    assert model.sparse.shape == (model.meta["buckets"], len(model.labels))


def test_fallback_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="dyads train"):
        load_model(tmp_path / "absent.npz")
