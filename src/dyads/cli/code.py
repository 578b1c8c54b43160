"""``dyads code`` and ``dyads demo``: code articles into the database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dyads.batch import RunStats, WorkerSetup, code_into_store
from dyads.cli import app
from dyads.cli._options import (
    DEFAULT_DB,
    DbOption,
    ModelOption,
    check_date,
    console,
    handle_errors,
)
from dyads.errors import UsageError
from dyads.read import FORMATS, read_inputs

DEMO_DB = Path("dyads-demo.duckdb")


@app.command("code")
@handle_errors
def code_cli(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to code; '-' reads stdin.")],
    db: DbOption = DEFAULT_DB,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for input that has none.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for input that has none.")] = None,
    format: Annotated[
        str, typer.Option("--format", help=f"Input format: {', '.join(FORMATS)}.")
    ] = "auto",
    workers: Annotated[
        int, typer.Option(help="Worker processes (1 = in this process).", min=1)
    ] = 1,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of an existing Dask scheduler (tcp://HOST:PORT).")
    ] = None,
    model: ModelOption = None,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Extra actor YAML file (repeatable).")
    ] = None,
    verbs: Annotated[
        list[Path] | None,
        typer.Option(
            "--verbs",
            exists=True,
            dir_okay=False,
            help="PETRARCH verb dictionary whose verbs it codes instead of the packaged "
            "lexicon (repeatable).",
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.", min=1)] = 32,
) -> None:
    """Code news articles into the database: events, quotes, positions, actors.

    Example:

        dyads code news/ --db news.duckdb

        dyads code story.txt --date 2022-01-10 --source Reuters
    """
    if format not in FORMATS:
        raise UsageError(f"--format {format!r} is unknown; expected one of {', '.join(FORMATS)}.")
    if scheduler:
        raise UsageError(
            "--scheduler needs the Dask runner, which is not built yet; "
            "use --workers N to code with N local processes."
        )
    stats = code(
        paths,
        db=db,
        date=check_date(date, "--date"),
        source=source,
        format=format,
        model=model,
        actors=actors or [],
        verbs=verbs or [],
        batch_size=batch_size,
        workers=workers,
    )
    print_summary(stats, db)


def code(
    paths: list[str],
    *,
    db: Path,
    date: str | None = None,
    source: str | None = None,
    format: str = "auto",
    model: str | None = None,
    actors: list[Path] | None = None,
    verbs: list[Path] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    show_progress: bool = True,
) -> RunStats:
    """Code ``paths`` into the database ``db``; the library face of ``dyads code``."""
    from dyads.knowledge import load_knowledge
    from dyads.nlp import load_nlp
    from dyads.store import Store

    items = read_inputs(paths, format=format, date=date, source=source)  # checks paths first
    knowledge = load_knowledge(actors=actors or (), verbs=verbs or ())
    nlp = load_nlp(model)
    with Store(db) as store, _progress(show_progress) as progress:
        task = progress.add_task("coding", total=None)

        def update(stats: RunStats) -> None:
            progress.update(
                task,
                completed=stats.read,
                description=f"coding · {stats.coded} coded, {stats.skipped} skipped, "
                f"{stats.events} events, {stats.rejects} rejects",
            )

        return code_into_store(
            items,
            store,
            nlp,
            knowledge,
            inputs=[str(p) for p in paths],
            batch_size=batch_size,
            on_batch=update,
            workers=workers,
            worker_setup=WorkerSetup(
                model=model,
                actors=tuple(str(a) for a in actors or ()),
                verbs=tuple(str(v) for v in verbs or ()),
            ),
        )


def _progress(enabled: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=console,
        disable=not enabled,
        transient=True,
    )


def print_summary(stats: RunStats, db: Path) -> None:
    """The end-of-run summary: counts, time and speed, and the first rejects."""
    table = Table(title=f"dyads code → {db}", show_header=False)
    for label, value in (
        ("articles read", stats.read),
        ("articles coded", stats.coded),
        ("already coded (skipped)", stats.skipped),
        ("events", stats.events),
        ("quotes", stats.quotes),
        ("positions", stats.positions),
        ("rejects", stats.rejects),
        ("seconds", f"{stats.seconds:.1f}"),
        ("articles/s", f"{stats.articles_per_second:.1f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for reason in stats.reject_reasons[:10]:
        console.print(f"  [yellow]reject[/yellow] {reason}", highlight=False)
    if len(stats.reject_reasons) > 10:
        console.print(f"  … and {len(stats.reject_reasons) - 10} more: see the 'rejects' table")


@app.command("demo")
@handle_errors
def demo_cli(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only code and summarise.")] = False,
    db: DbOption = DEMO_DB,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
) -> None:
    """Code the bundled sample articles, print what was found, then serve the dashboard.

    Example:

        dyads demo --no-serve
    """
    from dyads.cli.query import print_demo_summary

    corpus = resources.files("dyads") / "data" / "demo" / "articles.jsonl"
    with resources.as_file(corpus) as path:
        stats = code([str(path)], db=db, format="jsonl")
    print_summary(stats, db)
    print_demo_summary(db)
    if not no_serve:
        from dyads.cli.serve import serve

        serve(db, host=host, port=port)
