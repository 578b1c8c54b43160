"""Plain-text reader: one article per file.

The whole file is the article text. Its first line is taken as the title when it looks like
a headline; the text keeps that line, since the coder splits paragraphs itself.

Plain text carries no publication date, and event dates are read against it ("on Monday",
"last month"). ``--date`` gives it; without one, an ISO date in the file name is taken
(``geneva-talks-2022-01-10.txt`` -> 2022-01-10), as news archives often name files so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as _date
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
from dyads.read.html import html_records, looks_like_html
from dyads.records import Article, Reject
from dyads.registry import readers

TITLE_MAX_CHARS = 200
#: An ISO date in a file name, not part of a longer run of digits.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


@readers("dyads.txt.v1")
def read_txt(
    path: str | Path, *, date: str | None = None, source: str | None = None
) -> Iterator[Article | Reject]:
    """Read one plain-text file (or standard input for ``-``) as one article.

    Bytes that are not UTF-8 are decoded as U+FFFD and the article is kept. An empty file,
    or one that looks binary, gives a ``Reject`` instead.

    Args:
        path (str | Path): the file, or ``-`` for standard input.
        date (str | None): publication date for the article (plain text carries none);
            when None, an ISO date in the file name (``story-2022-01-10.txt``) is used.
        source (str | None): outlet name for the article.

    Yields:
        Article | Reject: exactly one record. ``record`` is None for a file and 1 for stdin.

    Raises:
        UsageError: ``date`` is not a date.
    """
    date = check_date_argument(date) or date_from_name(path)
    origin = origin_of(path)
    yield from guarded(origin, _read(path, origin=origin, date=date, source=source))


def date_from_name(path: str | Path) -> str | None:
    """The ISO date (``YYYY-MM-DD``) a file name carries, or None (also for stdin).

    Only a date standing apart from other digits counts, and only a real calendar day:
    ``report-2022-01-10.txt`` gives 2022-01-10, ``scan-20220110-2022-13-45.txt`` none.

    Args:
        path (str | Path): the input path, or ``-`` for standard input.

    RETURNS (str | None): the date, or None when the name holds no valid one.
    """
    if str(path) == STDIN:
        return None
    for found in _NAME_DATE.finditer(Path(path).name):
        try:
            return _date.fromisoformat(found.group(1)).isoformat()
        except ValueError:
            continue
    return None


def _read(
    path: str | Path, *, origin: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    with open_text(path) as stream:
        text = stream.read()
    record = 1 if str(path) == STDIN else None
    yield from txt_records(text, origin=origin, record=record, date=date, source=source)


def txt_records(
    text: str, *, origin: str, record: int | None, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    """Turn one plain-text input into records; a saved web page goes to the HTML reader.

    Pages saved with a ``.txt`` name are common (the Goose test pages are), and coding
    their scripts as prose would fill the database with nonsense events.
    """
    if looks_like_html(text):
        yield from html_records(text, origin=origin, record=record, date=date, source=source)
    else:
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
