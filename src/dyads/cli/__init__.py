"""The ``dyads`` command line (DESIGN.md §4): one module per command group."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="dyads",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Open, explainable political event data from news: who did what to whom, "
    "who said what, who wants what.",
)

# Each module registers its commands on ``app`` when imported.
from dyads.cli import code, evaluate, export, index, issues, query, serve, train  # noqa: E402, F401


def main() -> None:
    """Console-script entry point."""
    app()
