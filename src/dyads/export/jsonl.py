"""JSONL export: one record per line, in the DESIGN.md §5 shape (``to_dict()``).

Registered as ``dyads.jsonl.v1``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

import duckdb

from .. import registry
from ..store.queries import iter_records
from . import check_what, output


@registry.exporters("dyads.jsonl.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write every stored record of one kind as JSON Lines.

    Records stream from the database a page at a time, so memory stays flat.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database.
        what (str): events, mentions, quotes, positions or actors (actor mentions).
        out (Path | TextIO): a file path (written atomically, UTF-8) or an open stream.

    Returns:
        int: the number of lines written.

    Raises:
        UsageError: ``what`` is not exportable.
        DyadsError: the output file cannot be written.
    """
    check_what(what)
    count = 0
    with output(out) as handle:
        for record in iter_records(con, what):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            count += 1
    return count
