"""Last step of every reader: split absurdly long articles and note repaired text.

A news article is a few thousand characters; a record of hundreds of thousands is a
whole feed, a book or a scraping accident. spaCy's parser memory grows with document
length, so such a record is split into parts of at most ``PART_CHARS`` characters, cut
at paragraph breaks (else sentence ends, else spaces), and every part is coded as its
own article: nothing is lost, and the ``rejects`` table says what happened. Text that
had bytes which are not UTF-8 is kept (they became U+FFFD) and noted the same way.

Part ids are the article id plus ``-partN`` (``3f2a…-part2``), so they are stable across
runs and a resumed run skips the parts it already coded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from dyads.records import Article, Reject

PART_CHARS = 100_000
"""Longest article text coded in one piece; must not exceed ``dyads.pipeline.MAX_CHARS``."""

REPLACEMENT = "\ufffd"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s")


def refine(item: Article | Reject, *, part_chars: int | None = None) -> Iterator[Article | Reject]:
    """Yield ``item``, or its parts when it is too long, plus notes for the ``rejects`` table.

    Args:
        item (Article | Reject): one record from a reader.
        part_chars (int | None): the longest part. Defaults to ``PART_CHARS``, read at
            call time so that a test can lower it.

    Yields:
        Article | Reject: the article (or its parts, in order), then its notes.
    """
    if isinstance(item, Reject):
        yield item
        return
    part_chars = part_chars or PART_CHARS
    notes: list[Reject] = []
    bad = item.text.count(REPLACEMENT)
    if bad:
        notes.append(
            Reject(
                item.origin,
                item.record,
                f"{_where(item)}{bad:,} invalid UTF-8 byte sequence(s) replaced by U+FFFD; "
                "the article was coded with them",
            )
        )
    if len(item.text) <= part_chars:
        yield item
    else:
        parts = split_text(item.text, part_chars)
        for number, text in enumerate(parts, start=1):
            title = f"{item.title} (part {number} of {len(parts)})" if item.title else None
            yield dataclasses.replace(item, id=f"{item.id}-part{number}", text=text, title=title)
        notes.append(
            Reject(
                item.origin,
                item.record,
                f"{_where(item)}article is {len(item.text):,} characters, over the "
                f"{part_chars:,} limit; split into {len(parts)} parts coded as "
                f"{item.id}-part1 … {item.id}-part{len(parts)}",
            )
        )
    yield from notes


def _where(article: Article) -> str:
    """Prefix a note with the record place when the origin alone does not say it."""
    return f"record {article.record}: " if article.record is not None else ""


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into stripped, non-empty parts of at most ``limit`` characters.

    Each cut is the last paragraph break within the limit, else the last sentence end,
    else the last whitespace, else exactly at the limit (one giant word). Only the
    whitespace at the cuts is lost.

    Args:
        text (str): the article text.
        limit (int): the longest part, at least 1.

    RETURNS (list[str]): the parts, in order.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    parts: list[str] = []
    start = 0
    while True:
        # skip the whitespace at a cut so that the limit applies to kept text
        while start < len(text) and text[start].isspace():
            start += 1
        if len(text) - start <= limit:
            rest = text[start:].rstrip()
            if rest:
                parts.append(rest)
            return parts
        cut = _cut(text, start, start + limit)
        part = text[start:cut].rstrip()
        if part:
            parts.append(part)
        start = cut


def _cut(text: str, start: int, end: int) -> int:
    """Return the best place in ``(start, end]`` to end a part of ``text[start:]``."""
    window = text[start:end]
    floor = len(window) // 4  # a cut in the first quarter makes too many tiny parts
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(window, floor)]
        if ends:
            return start + ends[-1]
    return end
