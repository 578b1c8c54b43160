"""The complete lemma cache gives exactly the lemmas spaCy's rule lemmatizer gives."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Token

from dyads.lemma_cache import CachedLemmatize, IndexedWords, install
from dyads.nlp import resolve_model

DEMO = Path(__file__).resolve().parents[1] / "src" / "dyads" / "data" / "demo" / "articles.jsonl"
ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides"
# Base forms, inflected forms, proper nouns, punctuation and spaces, each more than once.
MIXED = (
    "The ministers met; the minister meets them again.  Russia's talks went badly, "
    "and NATO's better offers were rejected.\n\nThey were rejecting better offers, "
    "said Lavrov, who meets Blinken in Geneva. The talks go on."
)


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as spaCy loads it, with the lemmatizer's own partial cache."""
    return spacy.load(resolve_model())


def _demo_texts() -> list[str]:
    return [json.loads(line)["text"] for line in DEMO.read_text("utf-8").splitlines()]


def _same_lemmas(ours: Language, theirs: Language, texts: list[str]) -> int:
    tokens = 0
    for mine, stock_doc in zip(ours.pipe(texts), theirs.pipe(texts), strict=True):
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in stock_doc], mine.text[:80]
        tokens += len(mine)
    return tokens


def test_load_nlp_installs_the_cache(nlp: Language, stock: Language) -> None:
    assert isinstance(nlp.get_pipe("lemmatizer").lemmatize, CachedLemmatize)
    assert not isinstance(stock.get_pipe("lemmatizer").lemmatize, CachedLemmatize)


def test_same_lemmas_on_mixed_text_and_the_demo_articles(nlp: Language, stock: Language) -> None:
    texts = [MIXED, MIXED, *_demo_texts()]
    assert _same_lemmas(nlp, stock, texts) > 1000


def test_same_lemmas_on_real_news(nlp: Language, stock: Language) -> None:
    files = sorted(ALLSIDES.glob("*.jsonl.gz")) if ALLSIDES.is_dir() else []
    if not files:
        pytest.skip(f"AllSides corpus not found under {ALLSIDES}")
    with gzip.open(files[0], "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in islice(lines, 30)]
    assert _same_lemmas(nlp, stock, texts) > 15_000


def test_each_word_form_is_worked_out_once(stock: Language) -> None:
    asked: list[str] = []
    rule = stock.get_pipe("lemmatizer").rule_lemmatize

    def counting(token: Token) -> list[str]:
        asked.append(token.text)
        return rule(token)

    cached = CachedLemmatize(counting)
    doc = stock("the talks and the talks , Russia and Russia .")
    lemmas = [cached(token)[0] for token in doc]
    assert lemmas == [token.lemma_ for token in doc]
    # "the", "talks", "and", ",", "Russia", "." once each, though most appear twice
    assert sorted(asked) == sorted(set(asked))
    assert len(cached) == len(asked)


def test_the_cache_is_bounded(stock: Language) -> None:
    cached = CachedLemmatize(stock.get_pipe("lemmatizer").rule_lemmatize, max_entries=3)
    doc = stock("Ministers met in Geneva on Monday and talked for hours .")
    lemmas = [cached(token)[0] for token in doc]
    assert lemmas == [token.lemma_ for token in doc]
    assert 1 <= len(cached) <= 3


def test_indexed_words_is_the_same_list_with_a_set_lookup() -> None:
    words = IndexedWords(["talk", "meet", "talk"])
    assert words == ["talk", "meet", "talk"] and len(words) == 3
    assert "meet" in words and "met" not in words and 3 not in words


def test_install_wraps_once_indexes_the_lemma_index_and_the_lemmatizer_still_saves() -> None:
    nlp = spacy.load(resolve_model())
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    before = {pos: list(words) for pos, words in index.items()}
    assert install(nlp) and install(nlp)
    wrapped = lemmatizer.lemmatize
    assert isinstance(wrapped, CachedLemmatize)
    assert not isinstance(wrapped._lemmatize, CachedLemmatize)  # wrapped once
    assert not install(spacy.blank("en"))  # no lemmatizer at all
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, IndexedWords) for words in index.values())
    assert {pos: list(words) for pos, words in index.items()} == before
    restored = spacy.load(resolve_model()).get_pipe("lemmatizer")
    restored.from_bytes(lemmatizer.to_bytes())  # the swapped lists still serialise as lists
    again = restored.lookups.get_table("lemma_index")
    assert {pos: list(words) for pos, words in again.items()} == before
