"""A learned fallback for predicates the event lexicon does not know.

``synthetic`` expands own-written, synthetic templates into labelled sentences,
``features`` reads cheap features of a trigger token, ``train`` fits a logistic
regression with scikit-learn (``dyads train``), and ``model`` applies the saved
arrays with numpy: ``classify_predicate(token)`` gives a CAMEO code with its
probability and the model's name, or None.
"""

from dyads.events.fallback.model import (
    Prediction,
    classify_predicate,
    load_model,
    rank_predicate,
)

__all__ = ["Prediction", "classify_predicate", "load_model", "rank_predicate"]
