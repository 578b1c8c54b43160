"""``dyads export``: write records to a file in a chosen format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyads.cli import app
from dyads.cli._options import console, handle_errors, require_db


@app.command("export")
@handle_errors
def export_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file.")],
    what: Annotated[str, typer.Option(help="events, mentions, quotes, positions or actors.")],
    format: Annotated[str, typer.Option("--format", help="Output format, e.g. jsonl or csv.")],
    out: Annotated[Path, typer.Option(help="Output file; '-' writes to stdout.")],
) -> None:
    """Export records from the database.

    Example:

        dyads export --db news.duckdb --what events --format jsonl --out events.jsonl
    """
    from dyads.export import export
    from dyads.store import Store

    with Store(require_db(db), read_only=True) as store:
        n = export(store.con, what=what, format=format, out=out)
    if str(out) != "-":
        console.print(f"wrote {n} {what} to {out}")
