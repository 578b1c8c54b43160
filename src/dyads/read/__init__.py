"""Readers: turn input files into ``Article`` records, and bad records into ``Reject`` ones.

``read_inputs`` is the entry point used by the CLI and the library. Each format has its own
reader, registered under a versioned name in ``dyads.registry.readers``:

* ``dyads.txt.v1`` (``read_txt``): one article per file.
* ``dyads.jsonl.v1`` (``read_jsonl``): one JSON object per line.
* ``dyads.csv.v1`` (``read_csv``): a header row, then one article per row (TSV too).
* ``dyads.html.v1`` (``read_html``): one web page per file, markup and scripts dropped.

All readers stream, decode UTF-8 with replacement, decompress gzip, read ``-`` as standard
input and never raise for a bad record. Articles longer than ``split.PART_CHARS`` are split
into parts, and repaired text is noted in ``rejects`` (``dyads.read.split``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from dyads.errors import UsageError, message
from dyads.read._common import (
    BINARY_REASON,
    SNIFF_BYTES,
    STDIN,
    STDIN_ORIGIN,
    check_date_argument,
    guarded,
    normalise_date,
    rejoin,
    stdin_text,
)
from dyads.read.csv import csv_records, read_csv
from dyads.read.detect import Detected, delimiter_for, detect_file, sniff, walk_directory
from dyads.read.html import html_records, read_html
from dyads.read.jsonl import jsonl_records, read_jsonl
from dyads.read.split import refine
from dyads.read.txt import read_txt, txt_records
from dyads.records import Article, Reject

__all__ = [
    "FORMATS",
    "STDIN_ORIGIN",
    "detect_file",
    "normalise_date",
    "read_csv",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_txt",
    "sniff",
]

FORMATS = ("auto", "txt", "jsonl", "csv", "html")
"""Values accepted by ``read_inputs(format=...)`` and ``dyads code --format``."""


def read_inputs(
    paths: Sequence[str | Path],
    *,
    format: str = "auto",
    date: str | None = None,
    source: str | None = None,
) -> Iterator[Article | Reject]:
    """Read articles from files, directories and standard input, lazily and in order.

    Arguments are checked at once, before anything is read; the records come from the
    returned iterator. Directories are walked recursively in path order, skipping hidden
    files; in ``auto`` mode only files with a known extension are taken from a directory,
    with an explicit format every file is. ``-`` reads standard input.

    Args:
        paths (Sequence[str | Path]): files, directories and ``-``.
        format (str): one of ``FORMATS``. ``"auto"`` chooses by extension and sniffs
            other files and stdin; any other value applies to every input (``.tsv``
            files still get a tab delimiter). Defaults to ``"auto"``.
        date (str | None): publication date (any form ``normalise_date`` reads) for
            records that have none, e.g. all plain-text articles.
        source (str | None): outlet name for records that have none.

    RETURNS (Iterator[Article | Reject]): one ``Article`` per good record and one
        ``Reject`` per bad record or unreadable input.

    Raises:
        UsageError: ``format`` is unknown, ``date`` is not a date, or a path does not exist.
    """
    if format not in FORMATS:
        raise UsageError(
            message(
                f"unknown input format {format!r}",
                f"one of {', '.join(FORMATS)}",
                "Leave the format out to detect it from each file.",
            )
        )
    date = check_date_argument(date)
    path_list = [paths] if isinstance(paths, str | Path) else list(paths)
    for path in path_list:
        if str(path) != STDIN and not Path(path).exists():
            raise UsageError(f"{path}: no such file or directory")
    return _read_all(path_list, format=format, date=date, source=source)


def _read_all(
    paths: list[str | Path], *, format: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    for path in paths:
        if str(path) == STDIN:
            yield from _read_stdin(format=format, date=date, source=source)
        elif Path(path).is_dir():
            for file in walk_directory(path, every_file=format != "auto"):
                yield from _read_file(file, format=format, date=date, source=source)
        else:
            yield from _read_file(path, format=format, date=date, source=source)


def _read_file(
    path: str | Path, *, format: str, date: str | None, source: str | None
) -> Iterator[Article | Reject]:
    detected = detect_file(path) if format == "auto" else Detected(format, delimiter_for(path))
    if detected.problem:
        yield Reject(str(path), None, detected.problem)
    elif detected.format == "txt":
        yield from read_txt(path, date=date, source=source)
    elif detected.format == "jsonl":
        yield from read_jsonl(path, date=date, source=source)
    elif detected.format == "html":
        yield from read_html(path, date=date, source=source)
    else:
        yield from read_csv(path, date=date, source=source, delimiter=detected.delimiter)


def _read_stdin(*, format: str, date: str | None, source: str | None) -> Iterator[Article | Reject]:
    """Read standard input, sniffing its format from the first few kilobytes in auto mode."""
    with stdin_text() as stream:
        head = stream.read(SNIFF_BYTES)
        detected = sniff(head) if format == "auto" else Detected(format)
        if detected.problem:
            yield Reject(STDIN_ORIGIN, None, detected.problem)
        elif detected.format in ("txt", "html"):
            text = head + stream.read()
            records = (
                html_records(text, origin=STDIN_ORIGIN, record=1, date=date, source=source)
                if detected.format == "html"
                else txt_records(text, origin=STDIN_ORIGIN, record=1, date=date, source=source)
            )
            for item in records:
                yield from refine(item)
        elif "\x00" in head:
            yield Reject(STDIN_ORIGIN, None, BINARY_REASON)
        else:
            lines = rejoin(head, stream)
            if detected.format == "jsonl":
                records = jsonl_records(lines, origin=STDIN_ORIGIN, date=date, source=source)
            else:
                records = csv_records(
                    lines,
                    origin=STDIN_ORIGIN,
                    date=date,
                    source=source,
                    delimiter=detected.delimiter,
                )
            yield from guarded(STDIN_ORIGIN, records)
