"""JSON-lines reader: one JSON object per line, streamed.

Keys (case-insensitive): ``text`` (required; ``body`` or ``content`` also work), ``id``,
``date`` (or ``published``, ``publish_date``, ``date_iso``), ``source``, ``url``, ``title``
(or ``headline``). Other keys are ignored. ``record`` is the 1-based physical line number;
blank lines are skipped but counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.read._common import (
    build_article,
    check_date_argument,
    guarded,
    json_type,
    open_text,
    origin_of,
)
from dyads.records import Article, Reject
from dyads.registry import readers


@readers("dyads.jsonl.v1")
def read_jsonl(
    path: str | Path, *, date: str | None = None, source: str | None = None
) -> Iterator[Article | Reject]:
    """Read a JSON-lines file (or standard input for ``-``) lazily, one line at a time.

    A line that is not a JSON object, or has no usable text, gives a ``Reject`` whose reason
    starts with ``line N:``; the other lines are still read. A date that cannot be parsed is
    not a reject: the article keeps the ``date`` argument instead.

    Args:
        path (str | Path): the file (gzip is decompressed), or ``-`` for standard input.
        date (str | None): publication date for records that have no usable date.
        source (str | None): outlet name for records that have no ``source``.

    Yields:
        Article | Reject: one record per non-blank line, plus one reject for an input that
        cannot be read or holds no records.

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
        yield from jsonl_records(stream, origin=origin, date=date, source=source)


def jsonl_records(
    lines: Iterable[str], *, origin: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    """Turn JSON lines into articles and rejects.

    Args:
        lines (Iterable[str]): the input's lines, read lazily.
        origin (str): the input path, or ``"<stdin>"``.
        date (str | None): ISO date for records without one.
        source (str | None): outlet for records without one.

    Yields:
        Article | Reject: one per non-blank line; one file-level reject if there is none.
    """
    seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
        where = f"line {number}"
        try:
            value = json.loads(line.lstrip("\ufeff") if number == 1 else line)
        except json.JSONDecodeError as error:
            reason = f"{where}: not valid JSON ({error.msg} at column {error.colno})"
            yield Reject(origin, number, reason)
            continue
        except RecursionError:
            yield Reject(origin, number, f"{where}: not valid JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            reason = f"{where}: expected a JSON object per line, found {json_type(value)}"
            yield Reject(origin, number, reason)
            continue
        fields: dict[str, object] = {}
        for key, field in value.items():
            fields.setdefault(key.lower(), field)
        yield build_article(
            fields, where=where, origin=origin, record=number, date=date, source=source
        )
    if not seen:
        yield Reject(origin, None, "empty file: no JSON lines to read")
