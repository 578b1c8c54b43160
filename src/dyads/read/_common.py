"""Shared pieces of the readers: opening inputs, field names, dates, record building.

Every reader turns its input into ``Article`` values and every problem with one record into a
``Reject`` value; only bad arguments raise. The helpers here keep the rules the same for
txt, JSON lines and CSV: which field names hold the text or the date, how a date is
normalised, how an id is made and how an unreadable file is reported.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from dyads.errors import UsageError, message
from dyads.read.split import refine
from dyads.records import Article, Reject

STDIN = "-"
"""The path that means standard input."""

STDIN_ORIGIN = "<stdin>"
"""``Article.origin`` / ``Reject.origin`` of records read from standard input."""

SNIFF_BYTES = 8192
"""How much of an input is looked at to detect its format or a binary file."""

# Field (JSON key or CSV column) names, matched case-insensitively; the first name present
# wins. ``date_iso`` is the cleaned date of the AllSides corpus in ../shared/corpora/.
TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("date", "published", "publish_date", "date_iso")
TITLE_FIELDS = ("title", "headline")

BINARY_REASON = (
    "looks binary (NUL bytes in the first 8 KB), not text; "
    "give dyads plain text, JSON lines or CSV in UTF-8"
)
EMPTY_TXT_REASON = "empty file: no text to code"

_GZIP_MAGIC = b"\x1f\x8b"
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\S.*)?")
_DATEPARSER_SETTINGS = {
    # Never fill a missing part from the clock: a date without year or month is no date,
    # a missing day is the first of the month.
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    # Absolute dates only; "3 days ago" would depend on when dyads runs.
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


class InputProblem(Exception):
    """A whole input cannot be read as text; the reader turns it into one ``Reject``."""


def origin_of(path: str | Path) -> str:
    """Return the ``origin`` string for ``path`` (``"<stdin>"`` for ``-``)."""
    return STDIN_ORIGIN if str(path) == STDIN else str(path)


def check_date_argument(date: str | None) -> str | None:
    """Normalise the ``date`` argument of a reader to ``YYYY-MM-DD``.

    Args:
        date (str | None): the date given by the caller (``--date``), or None.

    RETURNS (str | None): the ISO date, or None when no date was given.

    Raises:
        UsageError: ``date`` is given but is not a date.
    """
    if date is None:
        return None
    iso = normalise_date(date)
    if iso is None:
        raise UsageError(
            message(
                f"date argument {date!r} is not a date",
                "a calendar date such as 2022-01-10",
                "Pass the publication date as YYYY-MM-DD.",
            )
        )
    return iso


def normalise_date(value: object) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or None when it is not a date.

    ISO dates and datetimes (``2022-01-10T08:00:00Z``) keep the calendar date as written,
    without time-zone conversion. Other English forms ("January 10, 2022", "10 Jan 2022",
    "Mon, 10 Jan 2022 08:00:00 GMT") go through ``dateparser``; a missing day becomes the
    first of the month, and a value without year and month, or a relative one ("yesterday"),
    is not a date, so the result never depends on the current time.

    Args:
        value (object): a field value; anything but a non-empty string gives None.

    RETURNS (str | None): the date, or None.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    match = _ISO_DATE.fullmatch(value)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None  # 2022-13-45: ISO in shape but not a day
    return _parse_date(value)


@functools.lru_cache(maxsize=4096)
def _parse_date(value: str) -> str | None:
    """Parse a non-ISO date with ``dateparser`` (cached: feeds repeat the same strings)."""
    import dateparser  # deferred: importing it costs more than the ISO fast path

    if len(value) > 100:  # a paragraph in the date field, not a date
        return None
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def normalise_newlines(text: str) -> str:
    """Return ``text`` with ``\\r\\n`` and ``\\r`` line ends turned into ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _scalar(value: object) -> str | None:
    """Return a metadata value as a stripped string; empty, null and containers give None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    return None


def json_type(value: object) -> str:
    """Name the JSON type of ``value`` for a reject reason ("an array", "null", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _first_key(fields: Mapping[str, Any], names: Iterable[str]) -> str | None:
    """Return the first of ``names`` present in ``fields`` with a non-null value."""
    present = [name for name in names if name in fields]
    for name in present:
        if fields[name] is not None:
            return name
    return present[0] if present else None


def build_article(
    fields: Mapping[str, Any],
    *,
    where: str,
    origin: str,
    record: int,
    date: str | None,
    source: str | None,
) -> Article | Reject:
    """Build an ``Article`` from one record's fields, or a ``Reject`` saying what is wrong.

    Args:
        fields (Mapping[str, Any]): the record, keys already lower-cased.
        where (str): the record's place for messages, e.g. ``"line 7"``.
        origin (str): the input path (``"<stdin>"`` for standard input).
        record (int): the record number stored in ``Article.record`` / ``Reject.record``.
        date (str | None): ISO date used when the record has no usable date.
        source (str | None): outlet used when the record has none.

    RETURNS (Article | Reject): the article, or the reject with a reason naming the place.
    """
    text_key = _first_key(fields, TEXT_FIELDS)
    if text_key is None:
        found = ", ".join(str(key) for key in list(fields)[:20]) or "none"
        return Reject(
            origin,
            record,
            f"{where}: no 'text' field (found keys: {found}); "
            "the article text must be in 'text', 'body' or 'content'",
        )
    text = fields[text_key]
    if not isinstance(text, str):
        return Reject(
            origin, record, f"{where}: '{text_key}' is {json_type(text)}, expected a string"
        )
    if not text.strip():
        return Reject(origin, record, f"{where}: '{text_key}' is empty")
    text = normalise_newlines(text)
    record_date = None
    for name in DATE_FIELDS:
        record_date = normalise_date(fields.get(name))
        if record_date:
            break
    title_key = _first_key(fields, TITLE_FIELDS)
    return Article(
        id=_scalar(fields.get("id")) or Article.make_id(text),
        text=text,
        date=record_date or date,
        source=_scalar(fields.get("source")) or source,
        url=_scalar(fields.get("url")),
        title=_scalar(fields[title_key]) if title_key else None,
        origin=origin,
        record=record,
    )


def _open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing it when it is gzip."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == _GZIP_MAGIC:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _encoding_for(head: bytes) -> str:
    """Pick the decoder from a byte-order mark: UTF-16 if marked, else UTF-8 (BOM dropped)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


def read_head(path: str | Path) -> str:
    """Return the first ``SNIFF_BYTES`` bytes of a file decoded as text.

    Raises:
        InputProblem: the file looks binary.
        OSError: the file cannot be read.
    """
    with _open_binary(Path(path)) as raw:
        head = raw.read(SNIFF_BYTES)
    encoding = _encoding_for(head)
    if encoding != "utf-16" and b"\x00" in head:
        raise InputProblem(BINARY_REASON)
    return head.decode(encoding, errors="replace")


@contextmanager
def open_text(path: str | Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """Open a file, or standard input for ``-``, as UTF-8 text that never fails to decode.

    Invalid bytes become U+FFFD, a UTF-8 BOM is dropped, a UTF-16 BOM switches to UTF-16
    and gzip files are decompressed on the fly. Standard input is not closed afterwards.

    Args:
        path (str | Path): the file, or ``-``.
        newline (str | None): as for ``open``; ``""`` for the csv module.

    Yields:
        TextIO: the stream, read lazily.

    Raises:
        InputProblem: the file looks binary.
        OSError: the file cannot be opened.
    """
    if str(path) == STDIN:
        with stdin_text() as stream:
            yield stream
        return
    raw = _open_binary(Path(path))
    try:
        head = raw.read(SNIFF_BYTES)
        raw.seek(0)
        encoding = _encoding_for(head)
        if encoding != "utf-16" and b"\x00" in head:
            raise InputProblem(BINARY_REASON)
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=newline)
        with stream:
            yield stream
    finally:
        raw.close()


@contextmanager
def stdin_text() -> Iterator[TextIO]:
    """Yield standard input as UTF-8 text with replacement, leaving ``sys.stdin`` open."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text, e.g. io.StringIO in tests
        yield sys.stdin
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8-sig", errors="replace")
    try:
        yield stream
    finally:
        stream.detach()  # closing the wrapper would close stdin's buffer


def rejoin(head: str, rest: TextIO) -> Iterator[str]:
    """Yield the lines of a stream whose first ``head`` characters were already read."""
    lines = io.StringIO(head).readlines()
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += rest.readline()
    yield from lines
    yield from rest


def guarded(origin: str, records: Iterator[Article | Reject]) -> Iterator[Article | Reject]:
    """Pass ``records`` through, turning a failure to read the input into a last ``Reject``.

    Every reader ends here, so this is also where over-long articles are split and
    repaired text is noted (``dyads.read.split.refine``).

    Args:
        origin (str): the input path for the reject.
        records (Iterator[Article | Reject]): a reader's output, which may raise while reading.

    Yields:
        Article | Reject: the records, then at most one reject for an unreadable input.
    """
    last: int | None = None
    try:
        for item in records:
            last = item.record
            yield from refine(item)
    except InputProblem as problem:
        yield Reject(origin, None, str(problem))
    except (OSError, EOFError, zlib.error) as error:
        after = f" after record {last}" if last is not None else ""
        detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
        yield Reject(origin, last, f"cannot read the file{after} ({detail}); rest skipped")
