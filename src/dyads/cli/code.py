"""``dyads code`` and ``dyads demo``: code articles into the database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dyads.batch import Batch, Rows, Runner, RunStats, Started, WorkerSetup, code_into_store
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

if TYPE_CHECKING:
    from dyads.knowledge import Knowledge

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
    processes: Annotated[
        int,
        typer.Option(help="Local worker processes (1 = in this process, 0 = one per core).", min=0),
    ] = 1,
    workers: Annotated[
        int | None,
        typer.Option(help="Code on a local Dask cluster of N worker processes.", min=1),
    ] = None,
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
    issues: Annotated[
        Path | None,
        typer.Option(
            "--issues",
            exists=True,
            dir_okay=False,
            help="Issue taxonomy YAML replacing the packaged one ('extends: dyads' adds to it).",
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
    if sum((processes != 1, workers is not None, scheduler is not None)) > 1:
        raise UsageError("give only one of --processes, --workers and --scheduler.")
    if scheduler is not None and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise UsageError(f"--scheduler {scheduler!r} is not an address like tcp://HOST:PORT.")
    stats = code(
        paths,
        db=db,
        date=check_date(date, "--date"),
        source=source,
        format=format,
        model=model,
        actors=actors or [],
        verbs=verbs or [],
        issues=issues,
        batch_size=batch_size,
        processes=processes,
        workers=workers,
        scheduler=scheduler,
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
    issues: Path | None = None,
    batch_size: int = 32,
    processes: int = 1,
    workers: int | None = None,
    scheduler: str | None = None,
    show_progress: bool = True,
) -> RunStats:
    """Code ``paths`` into the database ``db``; the library face of ``dyads code``.

    ``processes`` codes in a local process pool (0 = one per core), ``workers`` on a
    new local Dask cluster, ``scheduler`` on an existing one; the default codes in
    this process. The model is loaded only when an article needs coding, so
    re-running over a coded corpus costs little more than reading it.
    """
    from dyads.batch import process_runner
    from dyads.knowledge import load_knowledge
    from dyads.spacy_model import resolve_model
    from dyads.store.access import SharedStore  # frees the file between batches for serve

    items = read_inputs(paths, format=format, date=date, source=source)  # checks paths first
    knowledge = load_knowledge(actors=actors or (), verbs=verbs or (), issues=issues)
    setup = WorkerSetup(
        model=model,
        actors=tuple(str(a) for a in actors or ()),
        verbs=tuple(str(v) for v in verbs or ()),
        issues=str(issues) if issues is not None else None,
    )
    if workers is not None or scheduler is not None:
        from dyads.distributed import check_scheduler, dask_runner, shard_dir_for

        if scheduler is not None:
            check_scheduler(scheduler)
        runner = dask_runner(setup, shard_dir_for(db), workers=workers, scheduler=scheduler)
    elif processes != 1:
        runner = process_runner(processes, setup)
    else:
        runner = _lazy_local_runner(model, knowledge)
    with SharedStore(db) as store, _progress(show_progress) as progress:
        task = progress.add_task("coding", total=None)

        def update(stats: RunStats) -> None:
            progress.update(
                task,
                completed=stats.read,
                description=f"coding · {stats.coded} coded, {stats.skipped} skipped, "
                f"{stats.events} events, {stats.rejects} rejects",
            )

        stats = code_into_store(
            items,
            store,
            None,
            knowledge,
            inputs=[str(p) for p in paths],
            batch_size=batch_size,
            on_batch=update,
            runner=runner,
            model=model or resolve_model(),
        )
    if stats.coded:
        # automatic issues get their corpus-wide label once the new claims are in
        # (the same pass as `dyads issues cluster`; idempotent)
        from dyads.positions.cluster import cluster_store
        from dyads.store.access import briefly

        with briefly(str(db)) as written:
            cluster_store(written.con)
    return stats


def _lazy_local_runner(model: str | None, knowledge: Knowledge) -> Runner:
    """The in-process runner, loading the model at the first batch that needs it."""
    from dyads.batch import local_runner
    from dyads.store.duckdb import batch_rows

    def run(batches: Iterator[Batch], run_id: str, version: str) -> Iterator[Rows | Started]:
        inner: Runner | None = None
        for todo, rejects in batches:
            if not todo:
                yield batch_rows([], rejects, run_id=run_id, version=version)
                continue
            if inner is None:  # spaCy and the coders are imported only now
                started = time.perf_counter()
                from dyads.nlp import load_nlp
                from dyads.pipeline import warm_up

                nlp = load_nlp(model)
                warm_up(nlp, knowledge)
                yield Started(time.perf_counter() - started)
                inner = local_runner(nlp, knowledge)
            yield from inner(iter([(todo, rejects)]), run_id, version)

    return run


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
        ("of which start-up", f"{stats.startup_seconds:.1f}"),
        ("of which shut-down", f"{stats.shutdown_seconds:.1f}"),
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
    from dyads.serve.views import featured_dyad_path

    page = featured_dyad_path(db) or "/"
    console.print(f"busiest dyad on the dashboard: http://{host}:{port}{page}")
    if not no_serve:
        from dyads.cli.serve import serve

        serve(db, host=host, port=port)
