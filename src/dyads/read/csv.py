"""CSV/TSV reader: a header row, then one article per row, streamed.

Column names are those of the JSON-lines reader, matched case-insensitively: ``text``
(required; ``body`` or ``content`` also work), ``id``, ``date`` (or ``published``,
``publish_date``, ``date_iso``), ``source``, ``url``, ``title`` (or ``headline``).

``record`` is the 1-based data row number: the header is not counted, nor are blank rows
(as in pandas). Quoting is parsed strictly, so a stray or unclosed quote gives a reject
instead of one row silently swallowing the next ones. Reasons also give the physical line
where the row starts, since a quoted field may span several lines:
``"row 3 (line 5): 'text' is empty"``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.read._common import (
    TEXT_FIELDS,
    build_article,
    check_date_argument,
    guarded,
    open_text,
    origin_of,
)
from dyads.records import Article, Reject
from dyads.registry import readers

# Large enough for any article; 2**31 - 1 because the limit is a C long on some platforms.
FIELD_SIZE_LIMIT = 2**31 - 1


@readers("dyads.csv.v1")
def read_csv(
    path: str | Path,
    *,
    date: str | None = None,
    source: str | None = None,
    delimiter: str = ",",
) -> Iterator[Article | Reject]:
    """Read a CSV file (or standard input for ``-``) lazily, one row at a time.

    A file without a text column gives one ``Reject`` naming the columns it has. A row
    with no text, or with a different number of fields from the header, gives a ``Reject``
    whose reason starts with ``row N (line L):``; the other rows are still read.

    Args:
        path (str | Path): the file (gzip is decompressed), or ``-`` for standard input.
        date (str | None): publication date for rows that have no usable date.
        source (str | None): outlet name for rows that have no ``source``.
        delimiter (str): field separator; ``"\\t"`` for TSV. Defaults to ``","``.

    Yields:
        Article | Reject: one record per non-blank data row, plus file-level rejects.

    Raises:
        UsageError: ``date`` is not a date.
    """
    date = check_date_argument(date)
    origin = origin_of(path)
    records = _read(path, origin=origin, date=date, source=source, delimiter=delimiter)
    yield from guarded(origin, records)


def _read(
    path: str | Path, *, origin: str, date: str | None, source: str | None, delimiter: str
) -> Iterator[Article | Reject]:
    with open_text(path, newline="") as stream:
        yield from csv_records(stream, origin=origin, date=date, source=source, delimiter=delimiter)


def csv_records(
    lines: Iterable[str],
    *,
    origin: str,
    date: str | None,
    source: str | None,
    delimiter: str = ",",
) -> Iterator[Article | Reject]:
    """Turn CSV lines (header first) into articles and rejects.

    Args:
        lines (Iterable[str]): the input's lines, read lazily.
        origin (str): the input path, or ``"<stdin>"``.
        date (str | None): ISO date for rows without one.
        source (str | None): outlet for rows without one.
        delimiter (str): field separator. Defaults to ``","``.

    Yields:
        Article | Reject: one per non-blank data row, or file-level rejects.
    """
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield Reject(origin, None, f"line 1: not valid CSV ({error}); file skipped")
        return
    if header is None:
        yield Reject(origin, None, "empty file: no header row")
        return
    names = [name.replace("\ufeff", "").strip().lower() for name in header]
    if not any(name in TEXT_FIELDS for name in names):
        found = ", ".join(name for name in names if name) or "none"
        kind = "TSV" if delimiter == "\t" else "CSV"
        yield Reject(
            origin,
            None,
            f"no 'text' column in the {kind} header (found columns: {found}); "
            "name the article-text column 'text', 'body' or 'content'",
        )
        return
    row_number = 0
    line_end = reader.line_num
    while True:
        line_start = line_end + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            # Strict parsing: a stray quote is an error here, not a silently merged row.
            # The parser starts afresh on the next line, so only an open quote that
            # runs to the end of the input loses the rest of the file.
            row_number += 1
            line_end = reader.line_num
            where = f"row {row_number} (line {line_start})"
            at_end = "end of data" in str(error)
            rest = "it runs to the end of the file" if at_end else "row skipped"
            yield Reject(origin, row_number, f"{where}: not valid CSV ({error}); {rest}")
            if at_end:
                return
            continue
        if row is None:
            break
        line_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        row_number += 1
        where = f"row {row_number} (line {line_start})"
        extra = row[len(names) :]
        if len(row) < len(names) or any(cell.strip() for cell in extra):
            yield Reject(
                origin,
                row_number,
                f"{where}: {len(row)} fields, the header has {len(names)}; "
                "check the quoting of that row",
            )
            continue
        fields: dict[str, str] = {}
        for name, cell in zip(names, row, strict=False):
            fields.setdefault(name, cell)
        yield build_article(
            fields, where=where, origin=origin, record=row_number, date=date, source=source
        )
    if row_number == 0:
        yield Reject(origin, None, "no data rows: the file has only a header")
