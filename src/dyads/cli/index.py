"""``dyads index``: rebuild the dyad index that makes dyad timelines fast."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from dyads.cli import app
from dyads.cli._options import DEFAULT_DB, DbOption, console, handle_errors, require_db


@app.command("index")
@handle_errors
def index_cli(
    db: DbOption = DEFAULT_DB,
    force: Annotated[bool, typer.Option(help="Rebuild even when the index is fresh.")] = False,
) -> None:
    """Rebuild the dyad index (every unique event under each pair of its actors).

    `dyads code` does this at the end of every run that wrote events. Run it after
    writing through the API (`dyads serve --allow-writes`): until then dyad queries
    stay correct but scan every event, which is slower on large databases.

    Example:

        dyads index --db news.duckdb
    """
    from dyads.store import Store

    started = time.perf_counter()
    with Store(require_db(db)) as store:
        rebuilt = store.index_dyads(force=force)
        rows = store.con.execute("SELECT count(*) FROM dyad_events").fetchone()
    took = time.perf_counter() - started
    if rebuilt:
        console.print(f"Dyad index of {db} rebuilt: {rows[0] if rows else 0} rows in {took:.1f} s.")
    else:
        console.print(f"Dyad index of {db} is up to date ({rows[0] if rows else 0} rows).")
