"""Plain-text reader: one article per file.

The whole file is the article text. Its first line is taken as the title when it looks like
a headline; the text keeps that line, since the coder splits paragraphs itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dyads.read._common import (
    BINARY_REASON,
    EMPTY_TXT_REASON,
    SNIFF_BYTES,
    STDIN,
    check_date_argument,
    guarded,
    normalise_newlines,
    open_text,
    origin_of,
)
from dyads.records import Article, Reject
from dyads.registry import readers

TITLE_MAX_CHARS = 200


@readers("dyads.txt.v1")
def read_txt(
    path: str | Path, *, date: str | None = None, source: str | None = None
) -> Iterator[Article | Reject]:
    """Read one plain-text file (or standard input for ``-``) as one article.

    Bytes that are not UTF-8 are decoded as U+FFFD and the article is kept. An empty file,
    or one that looks binary, gives a ``Reject`` instead.

    Args:
        path (str | Path): the file, or ``-`` for standard input.
        date (str | None): publication date for the article (plain text carries none).
        source (str | None): outlet name for the article.

    Yields:
        Article | Reject: exactly one record. ``record`` is None for a file and 1 for stdin.

    Raises:
        UsageError: ``date`` is not a date.
    """
    date = check_date_argument(date)
    origin = origin_of(path)
    yield from guarded(origin, _read(path, origin=origin, date=date, source=source))


def _read(
    path: str | Path, *, origin: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    with open_text(path) as stream:
        text = stream.read()
    record = 1 if str(path) == STDIN else None
    yield txt_article(text, origin=origin, record=record, date=date, source=source)


def txt_article(
    text: str, *, origin: str, record: int | None, date: str | None, source: str | None
) -> Article | Reject:
    """Turn the full text of one plain-text input into an ``Article`` or a ``Reject``.

    Args:
        text (str): the decoded input.
        origin (str): the input path, or ``"<stdin>"``.
        record (int | None): None for a file, 1 for standard input.
        date (str | None): ISO publication date, if known.
        source (str | None): outlet name, if known.

    RETURNS (Article | Reject): the article, or a reject for empty or binary input.
    """
    if "\x00" in text[:SNIFF_BYTES]:
        return Reject(origin, record, BINARY_REASON)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        return Reject(origin, record, EMPTY_TXT_REASON)
    return Article(
        id=Article.make_id(text),
        text=text,
        date=date,
        source=source,
        title=guess_title(text),
        origin=origin,
        record=record,
    )


def guess_title(text: str) -> str | None:
    """Return the first non-empty line of ``text`` when it looks like a headline.

    A headline has no final full stop, is shorter than ``TITLE_MAX_CHARS`` characters and is
    followed by more text: a one-line file is all body, not a title.

    Args:
        text (str): article text with ``\\n`` line ends.

    RETURNS (str | None): the stripped title line, or None.
    """
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not rest.strip() or first.endswith(".") or len(first) >= TITLE_MAX_CHARS:
        return None
    return first
