"""``dyads serve``: the JSON API and dashboard over a database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from dyads.cli import app
from dyads.cli._options import DEFAULT_DB, DbOption, console, handle_errors, require_db

# Copies of dyads.serve.write.TOKEN_ENV and dyads.serve.limits.DEFAULT_MAX_BODY, so that
# every other command does not import FastAPI (tests/serve/test_write.py checks they agree).
TOKEN_ENV = "DYADS_WRITE_TOKEN"
DEFAULT_MAX_BODY = 1_000_000


@app.command("serve")
@handle_errors
def serve_cli(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help=f"Enable POST /api/articles (code posted articles into --db); needs "
            f"${TOKEN_ENV}, sent by clients as 'Authorization: Bearer <token>'.",
        ),
    ] = False,
    max_body: Annotated[
        int, typer.Option(help="Largest request body accepted, in bytes (413 beyond).", min=1)
    ] = DEFAULT_MAX_BODY,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless --allow-writes).

    Example:

        dyads serve --db news.duckdb --port 8000

        DYADS_WRITE_TOKEN=... dyads serve --db news.duckdb --allow-writes
    """
    serve(db, host=host, port=port, allow_writes=allow_writes, max_body=max_body)


def serve(
    db: Path,
    *,
    host: str,
    port: int,
    allow_writes: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
) -> None:
    """Run the web app on ``host:port`` until interrupted."""
    import uvicorn

    from dyads.serve import create_app
    from dyads.store.access import briefly

    # open it once now, so a file that is no dyads database (or a newer schema) is a
    # one-line error here rather than a 503 on every page
    with briefly(require_db(db), read_only=True):
        pass
    web = create_app(
        require_db(db),
        allow_writes=allow_writes,
        write_token=os.environ.get(TOKEN_ENV) if allow_writes else None,
        max_body_bytes=max_body,
    )
    mode = "writes enabled: POST /api/articles" if allow_writes else "read-only"
    console.print(
        f"dyads dashboard on http://{host}:{port}  ({mode}; API docs: /docs; Ctrl+C stops)"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")
