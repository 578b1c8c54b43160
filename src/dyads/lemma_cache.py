"""A complete cache for spaCy's rule lemmatizer: the same lemmas, each worked out once.

spaCy's rule lemmatizer caches a word's lemmas under (word, part of speech,
morphology), but only on one of its paths. A token already in its base form (a
singular noun, a present-tense verb, a positive adjective) and a token whose part of
speech has no rules (proper nouns, punctuation, determiners, pronouns ...) are worked
out afresh every time, with a morphology lookup and three table lookups each: most
tokens of news, about a tenth of the whole pipeline's time.

What the lemmatizer returns depends only on the word, its part of speech, its
morphology and the loaded tables, so ``CachedLemmatize`` keeps every answer under that
key. ``install`` puts it in the lemmatizer's ``lemmatize`` slot, which the component
calls for each token still without a lemma.

A word not yet cached costs more than it should, too: the rules test each candidate
lemma with ``in`` against the lemma index, a plain list of up to 58k words per part of
speech, scanned from the start each time (~60 µs a word). ``install`` swaps each list
for ``IndexedWords``, still that list, whose ``in`` asks a set.
``tests/test_lemma_cache.py`` compares the lemmas with and without it on real text.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token

#: Most answers kept; past this the cache starts again (a run's vocabulary keeps
#: growing, and what is frequent is soon cached again).
MAX_ENTRIES = 200_000


class IndexedWords(list[str]):
    """A list of words whose ``in`` is a set lookup (the words never change)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._words = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._words


class CachedLemmatize:
    """``lemmatize(token)`` as the wrapped function gives it, looked up once per
    (word, part of speech, morphology).

    Args:
        lemmatize (Callable[[Token], list[str]]): the lemmatizer's own rule function.
        max_entries (int): the bound on the cache.
    """

    def __init__(
        self, lemmatize: Callable[[Token], list[str]], max_entries: int = MAX_ENTRIES
    ) -> None:
        self._lemmatize = lemmatize
        self._max_entries = max_entries
        self._cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = self._cache.get(key)
        if forms is None:
            if len(self._cache) >= self._max_entries:
                self._cache.clear()
            forms = self._cache[key] = self._lemmatize(token)
        return forms

    def __len__(self) -> int:
        return len(self._cache)


def install(nlp: Language) -> bool:
    """Give ``nlp``'s rule lemmatizer the complete cache.

    RETURNS (bool): whether it was installed (False: no lemmatizer, or not in rule mode,
        whose lookups are already cheap).
    """
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    if not isinstance(lemmatizer.lemmatize, CachedLemmatize):  # install twice, wrap once
        lemmatizer.lemmatize = CachedLemmatize(lemmatizer.rule_lemmatize)
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):
        if isinstance(words, list) and not isinstance(words, IndexedWords):
            index[pos] = IndexedWords(words)
    return True
