"""Loading and running the spaCy English pipeline.

Which model to load is decided by ``dyads.spacy_model.resolve_model`` (DESIGN.md §2),
re-exported here. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from dyads import lemma_cache, openblas_ops, ruler_index
from dyads.errors import ModelNotFound
from dyads.spacy_model import resolve_model

# A paragraph is one line of the article. Each is parsed on its own (so a headline
# never merges into the next sentence) and the pieces are joined back into one Doc
# whose text is exactly the article text, so every offset points into the input.
_PARAGRAPH = re.compile(r"[^\n]*\n|[^\n]+$")
# Parsed short paragraphs, per loaded pipeline (see parse_articles): at most this many,
# of at most this many characters, so the cache stays a few MB.
_CACHED_PARAGRAPHS = 500
_CACHED_CHARS = 100
_PARAGRAPH_CACHE: weakref.WeakKeyDictionary[Language, dict[str, Doc]] = weakref.WeakKeyDictionary()


@cache
def load_nlp(name: str | None = None) -> Language:
    """Load the pipeline once per process (the caller treats it as read-only).

    Three changes make it faster without changing its annotations: its layers multiply
    matrices on numpy's OpenBLAS (``dyads.openblas_ops``; ``DYADS_BLAS=blis`` keeps
    thinc's blis), the attribute ruler gets the indexed matcher of
    ``dyads.ruler_index``, and the lemmatizer the complete cache of
    ``dyads.lemma_cache``.

    Args:
        name (str | None): model name; resolved with ``resolve_model``.

    RETURNS (Language): the loaded pipeline.
    """
    model = resolve_model(name)
    building = openblas_ops.building_with_openblas() if openblas_ops.wanted() else nullcontext()
    try:
        with building:
            nlp = spacy.load(model)
    except OSError as err:  # a broken install or a path that is not a pipeline
        raise ModelNotFound(f"could not load spaCy model '{model}': {err}") from err
    ruler_index.install(nlp)  # same annotations, ~8x less time in the attribute ruler
    lemma_cache.install(nlp)  # same lemmas, a tenth less time in the whole pipeline
    return nlp


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into lines, each keeping its newline, so ``"".join`` restores it."""
    return _PARAGRAPH.findall(text)


def entities_starting_in(tokens: Iterable[Token]) -> list[Span]:
    """The named entities that start among ``tokens``, each to its end, read off the
    tokens' IOB tags.

    ``Doc.ents`` and ``Span.ents`` build every entity of the whole document on each
    access, so asking them once per event or per sentence makes long articles
    quadratic; this costs only the tokens asked about.
    """
    spans = []
    for tok in tokens:
        if tok.ent_iob_ != "B":
            continue
        doc, end = tok.doc, tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        spans.append(Span(doc, tok.i, end, label=tok.ent_type_))
    return spans


def parse_articles(nlp: Language, texts: Iterable[str], *, batch_size: int = 128) -> Iterator[Doc]:
    """Parse each text paragraph by paragraph and yield one Doc per text.

    The paragraphs of all texts go through ``nlp.pipe`` together (spaCy is fastest on
    full batches, and an article has only a dozen or so paragraphs); each article's
    paragraph Docs are then joined with ``Doc.from_docs`` so that ``doc.text`` equals
    the input text exactly. Texts are read lazily, ``batch_size`` paragraphs at a time,
    so memory does not grow with the input.

    A paragraph's parse depends on its text alone, so short paragraphs already parsed
    are taken from a cache instead of being parsed again. In news, half the lines are
    blank, and each would otherwise cost a pass of the whole pipeline; boilerplate
    ("Advertisement", copyright lines) repeats too.

    Args:
        nlp (Language): the loaded pipeline.
        texts (Iterable[str]): article texts.
        batch_size (int): paragraphs per ``nlp.pipe`` batch. Defaults to 128 (measured a
            few percent faster than 64; memory is the same).

    Yields:
        Doc: one per input text, in order.
    """
    cache = _PARAGRAPH_CACHE.setdefault(nlp, {})
    pieces = ((n, piece) for n, text in enumerate(texts) for piece in paragraphs(text) or [""])
    current, docs = 0, []
    for chunk in minibatch(pieces, size=batch_size):
        parsed = _parse_new(nlp, [piece for _, piece in chunk], cache, batch_size)
        for n, piece in chunk:
            if n != current:
                yield _join(nlp, docs)
                current, docs = n, []
            docs.append(parsed[piece])
    if docs:
        yield _join(nlp, docs)


def _parse_new(
    nlp: Language, pieces: list[str], cache: dict[str, Doc], batch_size: int
) -> dict[str, Doc]:
    """Each distinct piece's Doc: from the cache, or parsed now (and cached if short)."""
    parsed = {piece: cache[piece] for piece in pieces if piece in cache}
    new = list(dict.fromkeys(piece for piece in pieces if piece not in parsed))
    for piece, doc in zip(new, nlp.pipe(new, batch_size=batch_size), strict=True):
        parsed[piece] = doc
        if len(piece) <= _CACHED_CHARS:
            if len(cache) >= _CACHED_PARAGRAPHS:
                cache.clear()  # a crude bound; what repeats is soon cached again
            # a copy: the pipe's Doc holds a view of its whole batch's tensor
            cache[piece] = doc.copy()
    return parsed


def parse_article(nlp: Language, text: str) -> Doc:
    """Parse one article; see ``parse_articles``."""
    return next(parse_articles(nlp, [text]))


def _join(nlp: Language, docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0].copy()  # the Doc may be the cache's: the caller gets its own
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    return joined if joined is not None else Doc(nlp.vocab)
