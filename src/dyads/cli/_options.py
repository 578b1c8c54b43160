"""Options shared by several commands, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from dyads.errors import DyadsError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = Path("dyads.duckdb")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", show_default=True)]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Actor code or country: 'RUS' (any Russian actor) or 'RUSGOV'."),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only records dated on or after YYYY-MM-DD.")
]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows.", min=1)]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object per line instead of a table.")
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model", help="spaCy pipeline to use (default: DYADS_MODEL, then en_core_web_sm)."
    ),
]

console = Console()
err_console = Console(stderr=True)


def handle_errors(func: F) -> F:
    """Turn ``DyadsError`` into one line on stderr and exit code 1 (usage errors: 2)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as err:
            err_console.print(
                f"[red]dyads: usage error:[/red] {err}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(2) from None
        except DyadsError as err:
            err_console.print(f"[red]dyads: error:[/red] {err}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def check_date(value: str | None, option: str) -> str | None:
    """Validate a YYYY-MM-DD option value."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; expected YYYY-MM-DD.") from None


def print_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    """Print rows as JSON lines on stdout (plain print: no Rich markup or wrapping)."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def require_db(db: Path) -> Path:
    """Reading commands need an existing database."""
    if not db.exists():
        raise DyadsError(
            f"{db}: no such database; create one with 'dyads code FILES --db {db}' "
            "or try 'dyads demo'."
        )
    return db
