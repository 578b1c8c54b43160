"""Parquet export: a stored table, column for column, for pandas, polars, Spark or R.

Registered as ``dyads.parquet.v1``; every ``--what``. DuckDB writes the file itself
(``COPY ... TO ... (FORMAT PARQUET)``), so no pyarrow is needed and memory stays flat.
The columns are the table's own (see ``store/schema.sql`` and ``docs/schemas.md``):
typed dates, lists as Parquet lists, actor lists, locations and evidence as JSON text,
and ``events.cluster_id`` for the deduplicated view (``WHERE id = cluster_id``). Rows
come in the order of the other exports (by date, then id). ``--what actors`` writes the
actor mentions.

Parquet is binary: the output must be a file path (not ``-`` or a text stream). The
file is written to ``<path>.part`` and renamed when complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import duckdb

from .. import registry
from ..errors import DyadsError, UsageError, message
from . import check_what

ORDER = {
    "events": "date NULLS LAST, id",
    "mentions": "date NULLS LAST, event_id, doc_id, span_start",
    "quotes": "date NULLS LAST, id",
    "positions": "date NULLS LAST, id",
    "actors": "doc_id, span_start, span_end, code NULLS LAST, text",
}
"""Row order of each exported table (fixed column names only, never user input)."""


@registry.exporters("dyads.parquet.v1")
def write(con: duckdb.DuckDBPyConnection, what: str, out: Path | TextIO) -> int:
    """Write one stored table as a Parquet file.

    Args:
        con (DuckDBPyConnection): a connection to a dyads database (read-only is fine).
        what (str): events, mentions, quotes, positions or actors (actor mentions).
        out (Path): the file to write; replaced only once the export has succeeded.

    Returns:
        int: the number of rows written.

    Raises:
        UsageError: ``what`` is not exportable, or ``out`` is not a file path.
        DyadsError: the file cannot be written.
    """
    check_what(what)
    if not isinstance(out, str | Path) or str(out) == "-":
        raise UsageError(
            message(
                "--format parquet to standard output",
                "a file path (Parquet is binary)",
                "Pass --out FILE.parquet.",
            )
        )
    path = Path(out)
    part = path.with_name(path.name + ".part")
    literal = str(part).replace("'", "''")
    sql = (
        f"COPY (SELECT * FROM {what} ORDER BY {ORDER[what]}) "
        f"TO '{literal}' (FORMAT PARQUET, COMPRESSION ZSTD)"
    )
    try:
        con.execute(sql)
        count = con.execute(f"SELECT count(*) FROM read_parquet('{literal}')").fetchone()
        part.replace(path)
    except (duckdb.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        raise DyadsError(
            message(
                f"Cannot write {str(path)!r} ({exc})",
                "a writable file path",
                "Check that the directory exists and is writable.",
            )
        ) from exc
    return int(count[0]) if count else 0
