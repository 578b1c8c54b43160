"""The packaged fallback model: plain arrays, loaded once, applied with numpy.

The model is a multinomial logistic regression saved as two files beside each other:
``fallback_model.npz`` (the weights) and ``fallback_model.json`` (labels, feature
settings, training date, number of synthetic examples, template hash, held-out
accuracy). Inference needs numpy only; scikit-learn is needed to *train*
(``dyads train``, extra ``dyads[train]``), never to code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Token

from dyads.errors import DyadsError
from dyads.events.fallback.features import Features, predicate_features
from dyads.events.fallback.synthetic import NONE_LABEL

MODEL_NAME = "fallback_model"
#: Below this probability the best code is not trusted and the predicate is left uncoded.
#: The probability is spread over ~110 labels, many of them siblings (173 arrest vs 174
#: deport), so a right code often scores 0.4-0.7; 0.3 keeps those and drops the guesses.
DEFAULT_THRESHOLD = 0.3


@dataclass(frozen=True)
class Prediction:
    """What the classifier says about one predicate.

    Attributes:
        code (str): a CAMEO code (3 digits), never ``"none"`` in ``classify_predicate``.
        score (float): the model's probability for ``code``, 0-1.
        model (str): name and version of the model, for the event's evidence,
            e.g. ``"fallback-logreg v1 2026-01-05 3f2a9c01"``.
    """

    code: str
    score: float
    model: str


@dataclass(frozen=True)
class FallbackModel:
    """Weights and metadata of a trained fallback classifier."""

    labels: tuple[str, ...]
    sparse: np.ndarray  # (buckets, labels)
    dense: np.ndarray  # (dense_size, labels)
    intercept: np.ndarray  # (labels,)
    dense_scale: float
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        """Name and version written into evidence."""
        m = self.meta
        return f"{m['name']} v{m['version']} {m['trained']} {m['templates_sha256']}"

    def probabilities(self, features: Features) -> np.ndarray:
        """The probability of every label (in ``labels`` order) for one predicate."""
        logits = self.intercept.astype(np.float64)
        if features.buckets:
            logits = logits + self.sparse[list(features.buckets)].sum(axis=0)
        if features.dense.shape == (self.dense.shape[0],):
            logits = logits + self.dense_scale * (features.dense @ self.dense)
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def rank(self, trigger: Token, *, top: int | None = None) -> list[Prediction]:
        """Every label with its probability, best first (``"none"`` included); only the
        ``top`` best when given (coding asks for one of some hundreds)."""
        buckets = int(self.meta["buckets"])
        probs = self.probabilities(predicate_features(trigger, buckets=buckets))
        order = np.argsort(-probs, kind="stable")[:top]
        name = self.name
        return [Prediction(self.labels[i], round(float(probs[i]), 4), name) for i in order]


def default_path() -> Path:
    """Where the packaged weights live (``events/data/fallback_model.npz``)."""
    return Path(str(resources.files("dyads.events") / "data" / f"{MODEL_NAME}.npz"))


def save_model(model: FallbackModel, path: Path) -> None:
    """Write ``path`` (.npz, weights as float16) and its ``.json`` metadata beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        sparse=model.sparse.astype(np.float16),
        dense=model.dense.astype(np.float16),
        intercept=model.intercept.astype(np.float32),
    )
    meta = {**model.meta, "labels": list(model.labels), "dense_scale": model.dense_scale}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


@cache
def load_model(path: Path | None = None) -> FallbackModel:
    """Load the weights once per process (the packaged ones when ``path`` is None).

    Raises:
        DyadsError: the .npz or its .json is missing or unreadable.
    """
    path = path or default_path()
    meta_path = path.with_suffix(".json")
    if not path.is_file() or not meta_path.is_file():
        raise DyadsError(
            f"fallback model {path} (or its .json) not found; expected the trained "
            "fallback classifier. Run 'dyads train' (needs 'pip install dyads[train]')."
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(path, allow_pickle=False) as arrays:
            sparse = arrays["sparse"].astype(np.float32)
            dense = arrays["dense"].astype(np.float32)
            intercept = arrays["intercept"].astype(np.float32)
    except (OSError, ValueError, KeyError) as err:
        raise DyadsError(
            f"fallback model {path}: unreadable ({err}); expected weights written by "
            "'dyads train'. Train it again."
        ) from err
    labels = tuple(meta.pop("labels"))
    return FallbackModel(labels, sparse, dense, intercept, float(meta.pop("dense_scale")), meta)


def classify_predicate(
    trigger: Token, *, threshold: float = DEFAULT_THRESHOLD, model_path: Path | None = None
) -> Prediction | None:
    """The CAMEO code of a predicate the lexicon does not know, or None.

    Give it the head token of the predicate (a frame's ``trigger``, from a Doc the
    spaCy pipeline parsed: the tensor is used). It loads the packaged model on first
    use and caches it. It returns None when the best label is ``"none"`` (not an
    event between actors) or its probability is below ``threshold``.

    Args:
        trigger (Token): the predicate's head word, usually a verb.
        threshold (float): minimum probability to accept a code. Defaults to 0.3.
        model_path (Path | None): another trained model (.npz); None: the packaged one.

    RETURNS (Prediction | None): ``.code`` (3-digit CAMEO), ``.score`` (probability),
        ``.model`` (name + version for the evidence), or None.
    Raises:
        DyadsError: the model files are missing (run ``dyads train``).

    Example:
        >>> doc = nlp("Ruritania shelled villages in Freedonia.")  # doctest: +SKIP
        >>> classify_predicate(doc[1])  # doctest: +SKIP
        Prediction(code='194', score=0.93, model='fallback-logreg v1 ...')
    """
    best = load_model(model_path).rank(trigger, top=1)[0]
    if best.code == NONE_LABEL or best.score < threshold:
        return None
    return best


def rank_predicate(trigger: Token, *, model_path: Path | None = None) -> list[Prediction]:
    """Every label of the model for ``trigger`` with its probability, best first.

    For callers that must choose among some codes only (the PLV evaluation keeps the
    best code that has a PLOVER type); ``"none"`` is included as a label.
    """
    return load_model(model_path).rank(trigger)
