"""``dyads export``: write records to a file in a chosen format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dyads.cli import app
from dyads.cli._options import check_date, console, handle_errors, require_db


@app.command("export")
@handle_errors
def export_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file.")],
    what: Annotated[
        str,
        typer.Option(
            help="events, mentions, quotes, positions or actors; or a discourse network "
            "built from the positions: actor-issue (two-mode) or actor-actor "
            "(congruence/conflict)."
        ),
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="Output format: jsonl, csv or parquet (any --what); plover or icews "
            "(events); gdelt (events or mentions, GDELT 2.0 tables). For a network: "
            "graphml or csv (edge list).",
        ),
    ],
    out: Annotated[Path, typer.Option(help="Output file; '-' writes to stdout.")],
    kind: Annotated[
        str | None,
        typer.Option(help="--what actor-actor only: congruence, conflict or both (the default)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Networks only: positions dated on or after YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Networks only: positions dated on or before YYYY-MM-DD."),
    ] = None,
) -> None:
    """Export records, or a discourse network of actors and issues, from the database.

    Networks follow the Discourse Network Analyzer: actor-issue links each actor to the
    issues it took positions on (weight = statements, stance = their mean, kind =
    agree/disagree/neutral); actor-actor links two actors by the number of issues on
    which their mean stances have the same sign (congruence) or opposite signs
    (conflict). A mean stance of 0 is neutral and counts for neither. Open the GraphML
    in Gephi or visone.

    The plover, gdelt and icews formats follow those projects' own specs (see
    README "Exports"): they hold the deduplicated events only, without negated ones.

    Examples:

        dyads export --db news.duckdb --what events --format jsonl --out events.jsonl

        dyads export --db news.duckdb --what events --format gdelt --out events.export.tsv

        dyads export --db news.duckdb --what mentions --format gdelt --out mentions.tsv

        dyads export --db news.duckdb --what events --format plover --out plover.jsonl

        dyads export --db news.duckdb --what quotes --format parquet --out quotes.parquet

        dyads export --db news.duckdb --what actor-issue --format graphml --out ai.graphml

        dyads export --db news.duckdb --what actor-actor --kind conflict --format csv --out c.csv
    """
    from dyads.errors import UsageError, message
    from dyads.export import EXPORT_WHAT, export
    from dyads.export.network import NETWORK_WHAT
    from dyads.export.network import write as write_network
    from dyads.store import Store

    network = what in NETWORK_WHAT
    if what not in EXPORT_WHAT and not network:
        choices = ", ".join((*EXPORT_WHAT, *NETWORK_WHAT))
        raise UsageError(message(f"--what {what!r}", f"one of {choices}", "Pick one of those."))
    if not network:
        for option, value in (("--kind", kind), ("--since", since), ("--until", until)):
            if value is not None:
                raise UsageError(f"{option} applies only to --what {' or '.join(NETWORK_WHAT)}.")
    elif kind is not None and what != "actor-actor":
        raise UsageError("--kind applies only to --what actor-actor.")
    since, until = check_date(since, "--since"), check_date(until, "--until")

    with Store(require_db(db), read_only=True) as store:
        if network:
            n = write_network(
                store.con,
                what,
                out,
                format=format,
                kind=kind or "both",
                since=since,
                until=until,
            )
        else:
            n = export(store.con, what=what, format=format, out=out)
    if str(out) != "-":
        console.print(f"wrote {n} {what}{' edges' if network else ''} to {out}")
