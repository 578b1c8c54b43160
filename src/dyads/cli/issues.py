"""``dyads issues cluster``: group claims that match no taxonomy issue into named issues."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from dyads.cli import app
from dyads.cli._options import DEFAULT_DB, DbOption, console, handle_errors, require_db

if TYPE_CHECKING:
    from dyads.positions.cluster import AutoIssue

issues_app = typer.Typer(no_args_is_help=True, help="Issues: automatic issues from claims.")
app.add_typer(issues_app, name="issues")


@issues_app.command("cluster")
@handle_errors
def cluster_cli(
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option(help="Issues to list (most claims first).", min=0)] = 20,
    min_claims: Annotated[
        int, typer.Option(help="List only issues with at least this many claims.", min=1)
    ] = 2,
) -> None:
    """Merge and label the automatic issues of claims that match no taxonomy issue.

    Coding already gives each such claim an issue keyed by the stems of what it
    demands or rejects (auto:troop+withdraw); this pass merges bare heads into their
    one specific issue and labels every issue with its members' most common phrase.
    It rewrites from the claims' evidence, so running it again changes nothing.

    Example:

        dyads issues cluster --db news.duckdb
    """
    issues = cluster(db)
    table = Table(title=f"automatic issues in {db}")
    for column in ("issue", "label", "claims", "merged"):
        table.add_column(column)
    shown = [i for i in issues if len(i.claims) >= min_claims][:top]
    for issue in shown:
        table.add_row(issue.id, issue.label, str(len(issue.claims)), ", ".join(issue.merged))
    console.print(table)
    console.print(
        f"{len(issues)} automatic issues from {sum(len(i.claims) for i in issues)} claims; "
        f"{sum(len(i.claims) >= min_claims for i in issues)} with at least {min_claims} claims."
    )


def cluster(db: Path) -> list[AutoIssue]:
    """Cluster the automatic issues of ``db`` in place; the library face of the command."""
    from dyads.positions.cluster import cluster_store
    from dyads.store import Store

    with Store(require_db(db)) as store:
        return cluster_store(store.con)
