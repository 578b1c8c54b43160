"""Features of one predicate, cheap enough for every unmatched verb of a corpus.

Two parts, both read off the parse spaCy already made:

* sparse, hashed: the trigger's lemma and word, its particle and prepositions (alone
  and with the lemma: "fire on" is not "fire"), the lemmas of its objects and of the
  verbs it controls ("threatened to *invade*"), the objects of those, negation,
  modal auxiliaries and voice. Hashing (CRC32, stable across processes unlike
  ``hash``) keeps the model a fixed-size array with no vocabulary file;
* dense: the trigger's row of ``doc.tensor``, the context vector the pipeline's
  tok2vec computed anyway (96 numbers in en_core_web_sm), L2-normalised. It carries
  the word's shape and suffixes and its neighbours, which helps with verbs the
  templates never used.

A whole feature vector costs microseconds; nothing here loads a model.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Token

#: Number of hashed feature buckets; the model stores one weight row per bucket.
HASH_BUCKETS = 2**12
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass", "pobj"})
CONTROLLED_DEPS = frozenset({"xcomp", "ccomp"})
MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "can", "must"})


@dataclass(frozen=True)
class Features:
    """The features of one trigger: hashed bucket indices and a dense context vector."""

    buckets: tuple[int, ...]
    dense: np.ndarray  # shape (dense_size,), float32; all zeros when the Doc has no tensor


def predicate_features(trigger: Token, *, buckets: int = HASH_BUCKETS) -> Features:
    """The features of the predicate whose head is ``trigger``.

    Args:
        trigger (Token): the predicate's head word (usually a verb).
        buckets (int): size of the hashed space. Defaults to ``HASH_BUCKETS``.

    RETURNS (Features): hashed bucket indices (sorted, unique) and the dense vector.
    """
    names = feature_names(trigger)
    hashed = sorted({zlib.crc32(n.encode("utf-8")) % buckets for n in names})
    return Features(tuple(hashed), context_vector(trigger))


def feature_names(trigger: Token) -> list[str]:
    """The sparse features of ``trigger`` as readable strings (hashed by the caller)."""
    lemma = trigger.lemma_.lower()
    names = [f"lemma={lemma}", f"word={trigger.lower_}", f"pos={trigger.pos_}", "bias"]
    for child in trigger.children:
        dep, word = child.dep_, child.lower_
        if dep == "prt":
            names += [f"prt={word}", f"lemma+prt={lemma}_{word}"]
        elif dep in ("prep", "agent", "dative") and child.pos_ == "ADP":
            names += [f"prep={word}", f"lemma+prep={lemma}_{word}"]
            names += [f"prep_obj={p.lemma_.lower()}" for p in child.children if p.dep_ == "pobj"]
        elif dep in OBJECT_DEPS:
            names += [f"obj={child.lemma_.lower()}", f"lemma+obj={lemma}_{child.lemma_.lower()}"]
            names += [f"obj_mod={c.lemma_.lower()}" for c in child.children if c.dep_ == "amod"]
        elif dep in CONTROLLED_DEPS and child.pos_ in ("VERB", "AUX"):
            names += [f"ctl={child.lemma_.lower()}", f"lemma+ctl={lemma}_{child.lemma_.lower()}"]
            names += [f"ctl_obj={o}" for o in _objects(child)]
        elif dep == "neg":
            names.append("negated")
        elif dep in ("aux", "auxpass"):
            if word in MODALS:
                names.append(f"modal={word}")
            if dep == "auxpass":
                names.append("passive")
    if trigger.dep_ in CONTROLLED_DEPS and trigger.head.i != trigger.i:
        names.append(f"governor={trigger.head.lemma_.lower()}")
    return names


def context_vector(trigger: Token) -> np.ndarray:
    """The trigger's row of ``doc.tensor``, L2-normalised; zeros when there is none.

    ``dyads.nlp.parse_articles`` joins paragraphs with ``Doc.from_docs``, which keeps
    the tensor, so a row exists for every token of a Doc the pipeline parsed.
    """
    tensor = trigger.doc.tensor
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] <= trigger.i:
        return np.zeros(0, dtype=np.float32)
    row = np.asarray(tensor[trigger.i], dtype=np.float32)
    norm = float(np.linalg.norm(row))
    return row / norm if norm > 0 else row


def _objects(verb: Token) -> list[str]:
    found = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            found.append(child.lemma_.lower())
        elif child.dep_ == "prep":
            found.extend(p.lemma_.lower() for p in child.children if p.dep_ == "pobj")
    return found
