"""Training the fallback classifier on synthetic sentences (needs scikit-learn).

Recipe: expand the templates into labelled sentences, parse them with the same spaCy
pipeline that codes news, read the features of each marked trigger, hold out a fifth
of the *template lines* (not of the sentences: a sentence's siblings from the same
template would make the score look better than it is) to measure accuracy, then fit
on everything and save plain arrays that ``model.load_model`` reads with numpy.
Every random choice is seeded, so the same seed gives the same weights.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from dyads.errors import DyadsError
from dyads.events.fallback.features import HASH_BUCKETS, Features, predicate_features
from dyads.events.fallback.model import FallbackModel, save_model
from dyads.events.fallback.synthetic import Example, Templates, generate

MODEL_VERSION = 1
#: Weight of the dense context vector against the binary hashed features.
DENSE_SCALE = 1.0
#: Inverse regularisation strength of the logistic regression.
C = 1.0
HELD_OUT = 0.2


@dataclass(frozen=True)
class TrainResult:
    """What a training run made and how well it did on held-out templates."""

    path: Path
    examples: int
    labels: int
    held_out_accuracy: float
    held_out_root_accuracy: float  # the first two digits right (the CAMEO root)
    seconds: float


def require_sklearn() -> None:
    """Raise a clear error when scikit-learn (the ``train`` extra) is not installed."""
    try:
        import sklearn  # noqa: F401
    except ImportError as err:
        raise DyadsError(
            "scikit-learn is not installed; expected it for 'dyads train'. "
            "Install the training extra with: pip install 'dyads[train]'"
        ) from err


def train(
    nlp: Language,
    templates: Templates,
    out: Path,
    *,
    seed: int = 0,
    per_template: int = 25,
    on_step: Callable[[str], None] | None = None,
) -> TrainResult:
    """Train the fallback classifier and save it to ``out`` (+ ``.json``).

    Args:
        nlp (Language): the spaCy pipeline (its tagger, parser and tok2vec are used).
        templates (Templates): from ``synthetic.load_templates``.
        out (Path): the .npz to write.
        seed (int): seed for the sentences, the split and the solver. Defaults to 0.
        per_template (int): sentences drawn per template line. Defaults to 25.
        on_step (Callable | None): called with a short message at each step.

    RETURNS (TrainResult): the artifact path, example count and held-out accuracy.
    """
    require_sklearn()
    started = time.perf_counter()
    step = on_step or (lambda _message: None)
    examples = list(generate(templates, per_template=per_template, seed=seed))
    step(f"parsing {len(examples)} synthetic sentences")
    features = featurise(nlp, examples)
    labels = sorted({e.label for e in examples})
    y = np.array([labels.index(e.label) for e in examples])
    groups = np.array([e.template for e in examples])
    step("fitting on 80% of the templates, scoring the other 20%")
    rng = np.random.default_rng(seed)
    unique = np.unique(groups)
    held = set(rng.choice(unique, size=max(1, int(len(unique) * HELD_OUT)), replace=False))
    test = np.array([g in held for g in groups])
    x = _matrix(features)
    probe = _fit(x[~test], y[~test], seed)
    accuracy = root_accuracy = 0.0
    if test.any():
        guess = probe.predict(x[test])
        accuracy = float((guess == y[test]).mean())
        roots = np.array([label[:2] for label in labels])
        root_accuracy = float((roots[guess] == roots[y[test]]).mean())
    step("fitting on all templates")
    classifier = _fit(x, y, seed)
    model = _export(classifier, labels, features, templates, len(examples), accuracy)
    model.meta["held_out_root_accuracy"] = round(root_accuracy, 4)
    save_model(model, out)
    seconds = time.perf_counter() - started
    return TrainResult(out, len(examples), len(labels), accuracy, root_accuracy, seconds)


def featurise(nlp: Language, examples: list[Example]) -> list[Features]:
    """The features of each example's marked trigger token."""
    found = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
        token = next((t for t in doc if t.idx == example.trigger_char), None)
        if token is None:
            raise DyadsError(
                f"synthetic sentence {example.text!r}: no token starts at the trigger "
                f"(char {example.trigger_char}); expected a word there. Fix the template."
            )
        found.append(predicate_features(token))
    return found


def _matrix(features: list[Features]) -> Any:
    from scipy import sparse

    rows = [i for i, f in enumerate(features) for _ in f.buckets]
    cols = [b for f in features for b in f.buckets]
    hashed = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)),
        shape=(len(features), HASH_BUCKETS),
    )
    dense = np.vstack([f.dense for f in features]).astype(np.float32) * DENSE_SCALE
    return sparse.hstack([hashed, sparse.csr_matrix(dense)], format="csr")


def _fit(x: Any, y: np.ndarray, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, random_state=seed).fit(x, y)


def _export(
    classifier: Any,
    labels: list[str],
    features: list[Features],
    templates: Templates,
    examples: int,
    accuracy: float,
) -> FallbackModel:
    weights = np.zeros((len(labels), classifier.coef_.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(labels), dtype=np.float32)
    # classes_ are label indices; a label absent from the fit keeps zero weights
    weights[classifier.classes_] = classifier.coef_
    intercept[classifier.classes_] = classifier.intercept_
    dense_size = features[0].dense.shape[0]
    meta = {
        "name": "fallback-logreg",
        "version": MODEL_VERSION,
        "trained": date.today().isoformat(),
        "synthetic": True,
        "training_data": "synthetic sentences from events/data/synthetic/templates*.yaml",
        "examples": examples,
        "templates_sha256": templates.digest,
        "held_out_accuracy": round(accuracy, 4),
        "held_out": "20% of template lines, grouped",
        "buckets": HASH_BUCKETS,
        "dense_size": dense_size,
        "features": "hashed lemma/particle/prepositions/objects/controlled verbs + doc.tensor row",
    }
    return FallbackModel(
        labels=tuple(labels),
        sparse=weights[:, :HASH_BUCKETS].T.copy(),
        dense=weights[:, HASH_BUCKETS:].T.copy(),
        intercept=intercept,
        dense_scale=DENSE_SCALE,
        meta=meta,
    )
