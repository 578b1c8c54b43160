"""The indexed attribute-ruler matcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyads.nlp import paragraphs, resolve_model
from dyads.ruler_index import IndexedRulerMatch, Unsupported, install

DEMO = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data" / "demo" / "articles.jsonl"
ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides"
# Text that reaches the ruler's word-specific patterns: contractions, pronouns,
# "there is", spaces, and the regex ones ("nothin'", "y'all").
ODD_WORDS = [
    "I'm gonna tell y'all: there is nothin' we gotta hide, let's go.",
    "She gets what she wants; he got it  too, and they themselves said so.",
    "But the ministers, whether or not anyone agrees, will meet again.\n\nSomething's up.",
    "  \n  It's theirs, not ours; you'd have known.  ",
]
ARRAY = [TAG, POS, MORPH, LEMMA, DEP, HEAD, LOWER, IS_SPACE]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as spaCy loads it, with its own Matcher in the ruler."""
    return spacy.load(resolve_model())


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in DEMO.read_text("utf-8").splitlines()]
    return [*ODD_WORDS, *texts]


def _same_matches(nlp: Language, texts: list[str]) -> int:
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRulerMatch(ruler)
    pieces = [p for t in texts for p in paragraphs(t)]
    tokens = 0
    for doc in nlp.pipe(pieces, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert indexed(doc) == ruler.match(doc), doc.text
        tokens += len(doc)
    return tokens


def test_ruler_index_matches_the_stock_matcher_on_the_demo_articles(stock: Language) -> None:
    assert _same_matches(stock, _texts()) > 1000


def test_ruler_index_matches_the_stock_matcher_on_real_news(stock: Language) -> None:
    files = sorted(ALLSIDES.glob("*.jsonl.gz")) if ALLSIDES.is_dir() else []
    if not files:
        pytest.skip(f"AllSides corpus not found under {ALLSIDES}")
    with gzip.open(files[0], "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 40)]
    assert _same_matches(stock, texts) > 20_000


def test_ruler_index_gives_the_same_annotations_through_the_whole_pipeline(
    stock: Language, nlp: Language
) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler").match, IndexedRulerMatch)
    assert not isinstance(stock.get_pipe("attribute_ruler").match, IndexedRulerMatch)
    for text in _texts():
        ours, theirs = nlp(text), stock(text)
        assert np.array_equal(ours.to_array(ARRAY), theirs.to_array(ARRAY)), text
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def _ruler_doc(words: list[str], tags: list[str], deps: list[str]) -> tuple[Language, Doc]:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))
    return nlp, doc


def test_ruler_index_understands_every_pattern_form() -> None:
    words = ["There", "is", "n't", "nothin'", "we", "  ", "can", "do", "y'", "all"]
    tags = ["EX", "VBZ", "RB", "NN", "PRP", "_SP", "MD", "VB", "PRP", "DT"]
    deps = ["expl", "ROOT", "neg", "dobj", "nsubj", "dep", "aux", "relcl", "nsubj", "det"]
    nlp, doc = _ruler_doc(words, tags, deps)
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "VBZ"}]], {"POS": "VERB"})
    ruler.add([[{"TAG": {"IN": ["MD", "VB"]}, "LOWER": {"IN": ["can", "do"]}}]], {"POS": "AUX"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": "we"}], [{"ORTH": "There"}]], {"LEMMA": "x"})
    ruler.add([[{"TAG": "NN", "LOWER": {"NOT_IN": ["thing"]}}]], {"POS": "NOUN"})
    ruler.add([[{"DEP": {"NOT_IN": ["ROOT"]}, "IS_SPACE": False}]], {"MORPH": "Foo=Bar"})
    expected = ruler.match(doc)
    assert len(expected) >= 15
    assert IndexedRulerMatch(ruler)(doc) == expected


def test_ruler_index_refuses_patterns_with_operators() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    with pytest.raises(Unsupported, match="OP"):
        IndexedRulerMatch(ruler)
    assert install(nlp) is False
    assert not isinstance(ruler.match, IndexedRulerMatch)


def test_ruler_index_install_needs_a_ruler() -> None:
    assert install(spacy.blank("en")) is False
