"""Quote marks: pairing them, paragraph by paragraph, into quoted regions.

Straight ``"``, curly ``“ ”``, ``« »`` and the doubled ``''`` and ````` ```` of
some newswire (``''Yes,'' he said``) count; single apostrophes never do. A straight
mark is read as opening or closing from the characters around it, so one stray mark
costs one quote, never the pairing of the quotes after it. An unclosed quote whose
next paragraph opens with a quote mark is the newswire multi-paragraph quote and is
kept; any other unclosed quote is dropped with a note. Direct content is what lies
inside the marks, less the comma newswire puts before a closing mark
(``"...," he said``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dyads.quotes.context import WORD_RE, para_index

__all__ = ["Marked", "pair_marks", "region_index", "whole_quote_paragraphs"]

_OPENING_MARKS = frozenset("“«")
_CLOSING_MARKS = frozenset("”»")
_MARK_RE = re.compile("''|``|[\"“”«»]")
_DOUBLED = ("''", "``")  # two-character marks
_BEFORE_OPENING = "([{—–-/"  # characters that may sit right before an opening mark
_AFTER_CLOSING = ".,;:!?)]}—–-…"  # characters that may sit right after a closing mark


@dataclass(frozen=True)
class Marked:
    """A paired quotation: marks at ``open``/``close``, content ``[start, end)``."""

    para: int
    open: int
    close: int | None  # None: runs on into the next paragraph
    start: int
    end: int
    chain: int  # ``open`` of the first part of a multi-paragraph quote
    continues: bool = False

    @property
    def region(self) -> tuple[int, int]:
        """From the opening mark to just after the closing mark (or the content end)."""
        return (self.open, self.close + 1 if self.close is not None else self.end)

    @property
    def in_chain(self) -> bool:
        return self.continues or self.chain != self.open


def pair_marks(
    text: str, paras: Sequence[tuple[int, int]]
) -> tuple[list[Marked], dict[int, list[str]]]:
    """Pair the quote marks of every paragraph; return the quotes and notes by paragraph."""
    marked: list[Marked] = []
    notes: dict[int, list[str]] = {}
    carry: int | None = None  # chain id of a quote running on into this paragraph
    for p, (lo, hi) in enumerate(paras):
        pairs, unclosed, found = _pair_paragraph(text, lo, hi, p)
        quotes = [q for o, c in pairs if (q := _marked(text, p, o, c, hi)) is not None]
        if unclosed is not None:
            if p + 1 < len(paras) and _opens_with_mark(text, *paras[p + 1]):
                part = _marked(text, p, unclosed, None, hi)
                quotes += [replace(part, continues=True)] if part is not None else []
            else:
                found.append(
                    f"paragraph {p + 1}: the quote opened at char {unclosed} is never "
                    "closed and the next paragraph does not continue it; it was skipped"
                )
        first = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        if carry is not None and quotes and quotes[0].open == first:
            quotes[0] = replace(quotes[0], chain=carry)
        carry = quotes[-1].chain if quotes and quotes[-1].continues else None
        marked += quotes
        if found:
            notes[p] = found
    return marked, notes


def _pair_paragraph(
    text: str, lo: int, hi: int, para: int
) -> tuple[list[tuple[int, int]], int | None, list[str]]:
    """Pair the marks in ``text[lo:hi]``; an opening mark met while a quote is open
    means that quote was never closed: it is given up, the new one starts."""
    pairs: list[tuple[int, int]] = []
    notes: list[str] = []
    open_at: int | None = None
    for match in _MARK_RE.finditer(text, lo, hi):
        i = match.start()
        kind = _mark_kind(text, i, match.end(), lo, hi)
        if kind == "either":
            kind = "open" if open_at is None else "close"
        if kind == "open":
            if open_at is not None:
                notes.append(
                    f"paragraph {para + 1}: the quote opened at char {open_at} is never "
                    f"closed (another opens at char {i}); it was skipped"
                )
            open_at = i
        elif open_at is None:
            notes.append(
                f"paragraph {para + 1}: the closing quote mark at char {i} has no "
                "opening mark; it was ignored"
            )
        else:
            pairs.append((open_at, match.end() - 1))  # a doubled mark closes at its end
            open_at = None
    return pairs, open_at, notes


def _mark_kind(text: str, i: int, j: int, lo: int, hi: int) -> str:
    """Read the quote mark ``text[i:j]`` as ``"open"``, ``"close"`` or ``"either"``
    from its neighbours.

    Curly and angle marks (and ``````) say which they are, unless their neighbours
    say clearly otherwise (typesetting slips such as ``Hello,“ he said``).
    """
    prev = text[i - 1] if i > lo else " "
    nxt = text[j] if j < hi else " "
    open_like = (prev.isspace() or prev in _BEFORE_OPENING) and not nxt.isspace()
    close_like = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSING)
    char = text[i]
    if char in _OPENING_MARKS or char == "`":
        return "close" if close_like and not open_like else "open"
    if char in _CLOSING_MARKS:
        return "open" if open_like and not close_like else "close"
    if open_like != close_like:
        return "open" if open_like else "close"
    return "either"


def _marked(text: str, para: int, open_: int, close: int | None, hi: int) -> Marked | None:
    """The quote between two marks, with its content trimmed of spaces and of the comma
    that newswire puts before a closing mark (``"...," he said``); None if no words."""
    start = open_ + (2 if text.startswith(_DOUBLED, open_) else 1)
    end = close if close is not None else hi
    if close is not None and text[close - 1 : close + 1] == "''":
        end = close - 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not WORD_RE.search(text, start, end):
        return None
    return Marked(para, open_, close, start, end, chain=open_)


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    stripped = text[lo:hi].lstrip()
    return bool(stripped) and (stripped[0] in {'"', "“", "«"} or stripped.startswith(_DOUBLED))


def region_index(char: int, regions: Sequence[tuple[int, int]]) -> int | None:
    """Index of the quote region holding ``char`` (regions are sorted), else None."""
    i = bisect.bisect_right(regions, char, key=lambda r: r[0]) - 1
    if i >= 0 and regions[i][0] <= char < regions[i][1]:
        return i
    return None


def whole_quote_paragraphs(
    text: str, paras: Sequence[tuple[int, int]], regions: Sequence[tuple[int, int]]
) -> set[int]:
    """Paragraphs with nothing but quotes, punctuation and spaces."""
    chars = [list(text[lo:hi]) for lo, hi in paras]
    para_starts = [lo for lo, _ in paras]
    touched: set[int] = set()
    for a, b in regions:
        p = para_index(para_starts, a)
        lo = paras[p][0]
        for k in range(a - lo, min(b - lo, len(chars[p]))):
            chars[p][k] = " "
        touched.add(p)
    return {p for p in touched if not WORD_RE.search("".join(chars[p]))}
