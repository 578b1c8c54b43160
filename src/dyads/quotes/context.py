"""Lookups over one parsed article: tokens by character, sentences and paragraphs.

Every quote rule works in character offsets into the article text; :class:`Context`
turns them into tokens, sentence ids and paragraph indexes with binary searches over
lists built once per article (``doc.text`` and ``doc.sents`` are rebuilt by spaCy on
every access, so they are read here once and never inside a loop).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

__all__ = [
    "MIN_WORDS",
    "SENTENCE_END",
    "WORD_RE",
    "Context",
    "build_context",
    "char_span",
    "para_index",
]

WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
MIN_WORDS = 3
SENTENCE_END = frozenset(".?!…")


@dataclass(frozen=True)
class Context:
    """Lookups over one Doc: tokens by character, sentences, paragraphs."""

    doc: Doc
    starts: list[int]
    token_sent: list[int]
    paras: list[tuple[int, int]]
    para_starts: list[int]
    real_sents: dict[int, list[int]]
    text: str  # doc.text, kept once: spaCy rebuilds it from the tokens on every access

    def tokens(self, start: int, end: int) -> Span:
        """The tokens that start inside ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.doc[i:j]

    def sent_of(self, char: int) -> int:
        i = max(bisect.bisect_right(self.starts, char) - 1, 0)
        return self.token_sent[i]

    def sent_ids(self, start: int, end: int) -> set[int]:
        found = {self.token_sent[t.i] for t in self.tokens(start, end)}
        found.discard(-1)
        return found

    def para_of(self, char: int) -> int:
        return para_index(self.para_starts, char)


def build_context(doc: Doc) -> Context:
    text = doc.text
    starts = [t.idx for t in doc]
    sents = _sentences(doc)
    token_sent = [-1] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            token_sent[i] = k
    paras = _paragraphs(text)
    para_starts = [lo for lo, _ in paras]
    real: dict[int, list[int]] = {}
    for k, sent in enumerate(sents):
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if words:
            real.setdefault(para_index(para_starts, words[0].idx), []).append(k)
    return Context(doc, starts, token_sent, paras, para_starts, real, text)


def _sentences(doc: Doc) -> list[Span]:
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return []
    try:
        return list(doc.sents)
    except ValueError:  # no sentence boundaries after all
        return []


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-blank lines of ``text``."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def para_index(para_starts: Sequence[int], char: int) -> int:
    return max(bisect.bisect_right(para_starts, char) - 1, 0)


def char_span(span: Span) -> tuple[int, int]:
    return (span.start_char, span.end_char)
